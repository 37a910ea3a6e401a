#include "core/dataintegrity/proof.h"

#include <string_view>
#include <utility>

#include "core/dataintegrity/date_time.h"

namespace vaardig::dataintegrity {
namespace {

Status CheckString(std::string_view name, std::string_view value) {
  if (value.empty()) return Fail(ErrorCode::kInvalidArgument, "proof " + std::string(name) + " must not be empty");
  if (value.size() > kMaxProofStringBytes) {
    return Fail(ErrorCode::kInvalidArgument, "proof " + std::string(name) + " is longer than " +
                                                 std::to_string(kMaxProofStringBytes) + " bytes");
  }
  return Ok();
}

Result<std::string> RequiredString(const Json& proof, std::string_view name) {
  const auto it = proof.find(name);
  if (it == proof.end()) return Fail(ErrorCode::kInvalidArgument, "proof has no " + std::string(name));
  if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, "proof " + std::string(name) + " must be a string");
  VAARDIG_RETURN_IF_ERROR(CheckString(name, it->get_ref<const std::string&>()));
  return it->get<std::string>();
}

Result<std::optional<std::string>> OptionalString(const Json& proof, std::string_view name) {
  if (!proof.contains(name)) return std::optional<std::string>();
  VAARDIG_ASSIGN_OR_RETURN(std::string value, RequiredString(proof, name));
  return std::optional<std::string>(std::move(value));
}

// A string or a non-empty array of strings.
Result<std::vector<std::string>> StringOrArray(const Json& proof, std::string_view name,
                                               std::size_t max_entries) {
  std::vector<std::string> out;
  const auto it = proof.find(name);
  if (it == proof.end()) return out;
  if (it->is_string()) {
    VAARDIG_RETURN_IF_ERROR(CheckString(name, it->get_ref<const std::string&>()));
    out.push_back(it->get<std::string>());
    return out;
  }
  if (!it->is_array() || it->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "proof " + std::string(name) + " must be a string or a non-empty array of strings");
  }
  if (it->size() > max_entries) {
    return Fail(ErrorCode::kInvalidArgument, "proof " + std::string(name) + " has more than " +
                                                 std::to_string(max_entries) + " entries");
  }
  for (const Json& entry : *it) {
    if (!entry.is_string()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "proof " + std::string(name) + " must be a string or an array of strings");
    }
    VAARDIG_RETURN_IF_ERROR(CheckString(name, entry.get_ref<const std::string&>()));
    out.push_back(entry.get<std::string>());
  }
  return out;
}

Result<std::optional<std::int64_t>> OptionalDate(const Json& proof, std::string_view name) {
  VAARDIG_ASSIGN_OR_RETURN(const std::optional<std::string> text, OptionalString(proof, name));
  if (!text) return std::optional<std::int64_t>();
  auto seconds = ParseDateTimeStamp(*text);
  if (!seconds) return Fail(seconds.error().WithContext("proof " + std::string(name)));
  return std::optional<std::int64_t>(*seconds);
}

}  // namespace

Result<Json> ProofOptionsToJson(const ProofOptions& options) {
  VAARDIG_RETURN_IF_ERROR(CheckString("verificationMethod", options.verification_method));
  VAARDIG_RETURN_IF_ERROR(CheckString("proofPurpose", options.proof_purpose));
  Json proof = Json::object();
  proof["type"] = kDataIntegrityProof;
  const auto put = [&](std::string_view name, const std::optional<std::string>& value) -> Status {
    if (!value) return Ok();
    VAARDIG_RETURN_IF_ERROR(CheckString(name, *value));
    proof[std::string(name)] = *value;
    return Ok();
  };
  const auto put_date = [&](std::string_view name, const std::optional<std::string>& value) -> Status {
    if (value) {
      auto seconds = ParseDateTimeStamp(*value);
      if (!seconds) return Fail(seconds.error().WithContext("proof option " + std::string(name)));
    }
    return put(name, value);
  };
  VAARDIG_RETURN_IF_ERROR(put("id", options.id));
  proof["cryptosuite"] = CryptosuiteName(options.cryptosuite);
  VAARDIG_RETURN_IF_ERROR(put_date("created", options.created));
  VAARDIG_RETURN_IF_ERROR(put_date("expires", options.expires));
  proof["verificationMethod"] = options.verification_method;
  proof["proofPurpose"] = options.proof_purpose;
  VAARDIG_RETURN_IF_ERROR(put("challenge", options.challenge));
  VAARDIG_RETURN_IF_ERROR(put("domain", options.domain));
  VAARDIG_RETURN_IF_ERROR(put("nonce", options.nonce));
  if (options.previous_proof.size() > kMaxPreviousProofs) {
    return Fail(ErrorCode::kInvalidArgument, "more than " + std::to_string(kMaxPreviousProofs) +
                                                 " previousProof ids");
  }
  for (const std::string& id : options.previous_proof) {
    VAARDIG_RETURN_IF_ERROR(CheckString("previousProof", id));
  }
  if (options.previous_proof.size() == 1) {
    proof["previousProof"] = options.previous_proof.front();
  } else if (!options.previous_proof.empty()) {
    proof["previousProof"] = options.previous_proof;
  }
  return proof;
}

Result<ParsedProof> ParseProof(const Json& proof) {
  if (!proof.is_object()) return Fail(ErrorCode::kInvalidArgument, "a proof must be a JSON object");
  ParsedProof parsed;
  VAARDIG_ASSIGN_OR_RETURN(const std::string type, RequiredString(proof, "type"));
  if (type != kDataIntegrityProof) {
    return Fail(ErrorCode::kUnimplemented, "proof type '" + type.substr(0, 64) +
                                               "' is not supported (DataIntegrityProof)");
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::string suite, RequiredString(proof, "cryptosuite"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.cryptosuite, ParseCryptosuite(suite));
  VAARDIG_ASSIGN_OR_RETURN(parsed.verification_method, RequiredString(proof, "verificationMethod"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.proof_purpose, RequiredString(proof, "proofPurpose"));
  VAARDIG_ASSIGN_OR_RETURN(const std::string proof_value, RequiredString(proof, "proofValue"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.id, OptionalString(proof, "id"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.created, OptionalDate(proof, "created"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.expires, OptionalDate(proof, "expires"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.challenge, OptionalString(proof, "challenge"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.domain, StringOrArray(proof, "domain", kMaxPreviousProofs));
  VAARDIG_ASSIGN_OR_RETURN(parsed.previous_proof,
                           StringOrArray(proof, "previousProof", kMaxPreviousProofs));
  VAARDIG_ASSIGN_OR_RETURN(const std::optional<std::string> nonce, OptionalString(proof, "nonce"));
  if (const auto context = proof.find("@context");
      context != proof.end() && !context->is_string() && !context->is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "proof @context must be a string or an array");
  }
  VAARDIG_ASSIGN_OR_RETURN(parsed.signature, DecodeProofValue(proof_value));
  parsed.config = proof;
  parsed.config.erase("proofValue");
  return parsed;
}

}  // namespace vaardig::dataintegrity
