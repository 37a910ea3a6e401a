#include "core/status/bitstring_status_list_credential.h"

#include <algorithm>

#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/verify.h"
#include "core/did/did_url.h"

namespace vaardig::status {
namespace {

bool IsHttpUrl(std::string_view url) {
  return (url.starts_with("https://") && url.size() > 8) || (url.starts_with("http://") && url.size() > 7);
}

// statusPurpose values are short tokens (§2.1: "revocation", "suspension", "refresh", "message",
// or another purpose a community defines).
bool IsPurposeToken(std::string_view purpose) {
  if (purpose.empty() || purpose.size() > 64) return false;
  return std::ranges::all_of(purpose, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The DID a DID URL belongs to: "did:key:z6Mk...#z6Mk..." → "did:key:z6Mk...".
Result<std::string> DidOf(std::string_view did_url) {
  VAARDIG_ASSIGN_OR_RETURN(const did::ParsedDidUrl parsed, did::ParseDidUrl(did_url));
  return parsed.did.did;
}

Result<std::string> IssuerId(const Json& credential) {
  if (!credential.contains("issuer")) return Fail(ErrorCode::kInvalidArgument, "status list credential has no issuer");
  const Json& issuer = credential["issuer"];
  if (issuer.is_string()) return issuer.get<std::string>();
  if (issuer.is_object() && issuer.contains("id") && issuer["id"].is_string()) return issuer["id"].get<std::string>();
  return Fail(ErrorCode::kInvalidArgument, "status list credential issuer must be a URL or an object with an id");
}

Result<std::optional<std::int64_t>> OptionalDate(const Json& object, const char* name) {
  if (!object.contains(name)) return std::optional<std::int64_t>();
  if (!object[name].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, std::string("status list credential ") + name + " must be a string");
  }
  auto seconds = dataintegrity::ParseDateTimeStamp(object[name].get<std::string>());
  if (!seconds) return Fail(seconds.error().WithContext(std::string("status list credential ") + name));
  return std::optional<std::int64_t>(*seconds);
}

bool HasType(const Json& object, std::string_view type) {
  if (!object.contains("type")) return false;
  const Json& t = object["type"];
  if (t.is_string()) return t.get<std::string>() == type;
  if (!t.is_array()) return false;
  return std::ranges::any_of(t, [&](const Json& v) { return v.is_string() && v.get<std::string>() == type; });
}

// The shape of the credential (step 5), without its proof.
Result<VerifiedBitstringStatusListCredential> ReadShape(const Json& credential) {
  if (!credential.is_object()) return Fail(ErrorCode::kInvalidArgument, "status list credential must be a JSON object");
  if (!HasType(credential, "VerifiableCredential") || !HasType(credential, kBitstringStatusListCredentialType)) {
    return Fail(ErrorCode::kInvalidArgument,
                "status list credential type must include VerifiableCredential and BitstringStatusListCredential");
  }
  VerifiedBitstringStatusListCredential out;
  if (credential.contains("id")) {
    if (!credential["id"].is_string()) return Fail(ErrorCode::kInvalidArgument, "status list credential id must be a string");
    out.id = credential["id"].get<std::string>();
  }
  VAARDIG_ASSIGN_OR_RETURN(out.issuer, IssuerId(credential));
  VAARDIG_ASSIGN_OR_RETURN(out.valid_from, OptionalDate(credential, "validFrom"));
  VAARDIG_ASSIGN_OR_RETURN(out.valid_until, OptionalDate(credential, "validUntil"));
  if (!credential.contains("credentialSubject") || !credential["credentialSubject"].is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "status list credential credentialSubject must be one object");
  }
  const Json& subject = credential["credentialSubject"];
  if (!HasType(subject, "BitstringStatusList")) {
    return Fail(ErrorCode::kInvalidArgument, "credentialSubject type must be BitstringStatusList");
  }
  if (!subject.contains("statusPurpose")) return Fail(ErrorCode::kInvalidArgument, "credentialSubject has no statusPurpose");
  const Json& purpose = subject["statusPurpose"];
  if (purpose.is_string()) {
    out.status_purposes.push_back(purpose.get<std::string>());
  } else if (purpose.is_array() && !purpose.empty() && purpose.size() <= 16) {
    for (const Json& p : purpose) {
      if (!p.is_string()) return Fail(ErrorCode::kInvalidArgument, "credentialSubject statusPurpose must hold strings");
      out.status_purposes.push_back(p.get<std::string>());
    }
  } else {
    return Fail(ErrorCode::kInvalidArgument, "credentialSubject statusPurpose must be a string or an array of strings");
  }
  VAARDIG_ASSIGN_OR_RETURN(out.encoded_list, GetString(subject, "encodedList"));
  if (subject.contains("ttl")) {
    if (!subject["ttl"].is_number_integer() || subject["ttl"].get<std::int64_t>() < 0) {
      return Fail(ErrorCode::kInvalidArgument, "credentialSubject ttl must be a non-negative integer (milliseconds)");
    }
    out.ttl_ms = subject["ttl"].get<std::int64_t>();
  }
  return out;
}

}  // namespace

Result<Json> MakeUnsignedBitstringStatusListCredential(const BitstringStatusList& list,
                                                       const BitstringStatusListCredentialRequest& request) {
  if (!IsHttpUrl(request.id) || request.id.find('#') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "status list id must be an http(s) URL without a fragment");
  }
  if (auto did = did::ParseDid(request.issuer); !did) {
    return Fail(did.error().WithContext("status list issuer must be a DID"));
  }
  if (!IsPurposeToken(request.status_purpose)) {
    return Fail(ErrorCode::kInvalidArgument, "statusPurpose must be a short token such as revocation or suspension");
  }
  if (request.valid_until && *request.valid_until <= request.valid_from) {
    return Fail(ErrorCode::kInvalidArgument, "validUntil must be after validFrom");
  }
  if (request.ttl_ms && *request.ttl_ms < 0) return Fail(ErrorCode::kInvalidArgument, "ttl must not be negative");
  VAARDIG_ASSIGN_OR_RETURN(const std::string valid_from, dataintegrity::FormatDateTimeStamp(request.valid_from));
  VAARDIG_ASSIGN_OR_RETURN(const std::string encoded, list.Encode());

  Json subject = Json::object();
  subject["id"] = request.id + "#list";
  subject["type"] = "BitstringStatusList";
  subject["statusPurpose"] = request.status_purpose;
  subject["encodedList"] = encoded;
  if (request.ttl_ms) subject["ttl"] = *request.ttl_ms;

  Json credential = Json::object();
  credential["@context"] = Json::array({std::string(kVcV2Context)});
  credential["id"] = request.id;
  credential["type"] = Json::array({"VerifiableCredential", std::string(kBitstringStatusListCredentialType)});
  credential["issuer"] = request.issuer;
  credential["validFrom"] = valid_from;
  if (request.valid_until) {
    VAARDIG_ASSIGN_OR_RETURN(const std::string valid_until, dataintegrity::FormatDateTimeStamp(*request.valid_until));
    credential["validUntil"] = valid_until;
  }
  credential["credentialSubject"] = std::move(subject);
  return credential;
}

Result<Json> MakeBitstringStatusListCredential(const BitstringStatusList& list,
                                               const BitstringStatusListCredentialRequest& request,
                                               const crypto::Ed25519PrivateKey& key,
                                               std::string_view verification_method, std::int64_t created) {
  VAARDIG_ASSIGN_OR_RETURN(Json credential, MakeUnsignedBitstringStatusListCredential(list, request));
  auto signer = DidOf(verification_method);
  if (!signer || *signer != request.issuer) {
    return Fail(ErrorCode::kInvalidArgument, "the verification method must be a DID URL of the issuer " +
                                                 request.issuer.substr(0, 256));
  }
  dataintegrity::ProofOptions options;
  options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
  options.verification_method = std::string(verification_method);
  options.proof_purpose = "assertionMethod";
  VAARDIG_ASSIGN_OR_RETURN(options.created, dataintegrity::FormatDateTimeStamp(created));
  return dataintegrity::AddProof(credential, options, key);
}

Result<BitstringStatusListCredentialRequest> ReadBitstringStatusListCredentialRequest(const Json& credential) {
  VAARDIG_ASSIGN_OR_RETURN(const VerifiedBitstringStatusListCredential shape, ReadShape(credential));
  if (shape.status_purposes.size() != 1) {
    return Fail(ErrorCode::kUnimplemented, "a status list with several purposes cannot be re-signed");
  }
  BitstringStatusListCredentialRequest request;
  request.id = shape.id;
  request.issuer = shape.issuer;
  request.status_purpose = shape.status_purposes.front();
  request.valid_from = shape.valid_from.value_or(0);
  request.valid_until = shape.valid_until;
  request.ttl_ms = shape.ttl_ms;
  return request;
}

Result<VerifiedBitstringStatusListCredential> VerifyBitstringStatusListCredential(
    const Json& credential, const dataintegrity::VerificationKeyLookup& lookup,
    const BitstringCredentialPolicy& policy) {
  if (!credential.is_object()) return Fail(ErrorCode::kInvalidArgument, "status list credential must be a JSON object");
  if (!credential.contains("proof")) {
    return Fail(ErrorCode::kUnauthenticated, "status list credential has no proof (unsigned lists are not trusted)");
  }
  dataintegrity::VerifyPolicy verify_policy;
  verify_policy.expected_proof_purpose = "assertionMethod";
  verify_policy.clock = policy.clock;
  verify_policy.max_clock_skew_seconds = policy.skew_seconds;
  verify_policy.limits = policy.limits;
  VAARDIG_ASSIGN_OR_RETURN(const dataintegrity::ProofSetVerification proofs,
                           dataintegrity::VerifyProofs(credential, lookup, {}, verify_policy));
  if (auto status = proofs.status(); !status) {
    return Fail(status.error().WithContext("status list credential"));
  }
  VAARDIG_ASSIGN_OR_RETURN(const Json document, proofs.VerifiedDocument());
  VAARDIG_ASSIGN_OR_RETURN(VerifiedBitstringStatusListCredential out, ReadShape(document));

  // Every proof must come from the issuer: a valid proof by someone else says nothing.
  for (const dataintegrity::ProofResult& proof : proofs.proofs()) {
    auto signer = DidOf(proof.verification_method);
    if (!signer || *signer != out.issuer) {
      return Fail(ErrorCode::kPermissionDenied, "status list credential is signed by " +
                                                    proof.verification_method.substr(0, 256) +
                                                    ", not by its issuer " + out.issuer.substr(0, 256));
    }
  }
  out.verification_method = proofs.proofs().front().verification_method;

  SystemClock system_clock;
  const std::int64_t now = (policy.clock ? policy.clock : &system_clock)->NowSeconds();
  if (out.valid_from && *out.valid_from > now + policy.skew_seconds) {
    return Fail(ErrorCode::kFailedPrecondition, "status list credential is not valid yet (validFrom)");
  }
  if (out.valid_until && *out.valid_until + policy.skew_seconds <= now) {
    return Fail(ErrorCode::kFailedPrecondition, "status list credential has expired (validUntil)");
  }
  return out;
}

Result<BitstringStatus> ReadBitstringStatus(const VerifiedBitstringStatusListCredential& list,
                                            const BitstringStatusEntry& entry, std::string_view credential_issuer,
                                            const BitstringLimits& limits) {
  if (!credential_issuer.empty() && credential_issuer != list.issuer) {
    return Fail(ErrorCode::kPermissionDenied, "the status list's issuer " + list.issuer.substr(0, 256) +
                                                  " is not the credential's issuer " +
                                                  std::string(credential_issuer.substr(0, 256)));
  }
  if (std::ranges::find(list.status_purposes, entry.status_purpose) == list.status_purposes.end()) {
    return Fail(ErrorCode::kInvalidArgument, "statusPurpose '" + entry.status_purpose.substr(0, 64) +
                                                 "' of the entry is not a purpose of the status list");
  }
  auto decoded = BitstringStatusList::Decode(list.encoded_list, entry.status_size, limits);
  if (!decoded) return Fail(decoded.error().WithContext("status list " + entry.status_list_credential.substr(0, 256)));
  VAARDIG_ASSIGN_OR_RETURN(const std::uint8_t value, decoded->Get(entry.status_list_index));
  BitstringStatus out;
  out.purpose = entry.status_purpose;
  out.index = entry.status_list_index;
  out.value = value;
  out.valid = (entry.status_purpose == "revocation" || entry.status_purpose == "suspension") ? value == 0 : true;
  out.status_list_credential = entry.status_list_credential;
  return out;
}

// ---- BitstringStatusChecker --------------------------------------------------------------------

BitstringStatusChecker::BitstringStatusChecker(http::HttpFetcher& fetcher, const Clock& clock,
                                               dataintegrity::VerificationKeyLookup lookup,
                                               BitstringStatusCheckerOptions options)
    : fetcher_(fetcher), clock_(clock), lookup_(std::move(lookup)), options_(std::move(options)) {}

void BitstringStatusChecker::Clear() {
  std::lock_guard lock(mutex_);
  cache_.clear();
}

Result<BitstringStatusChecker::Entry> BitstringStatusChecker::Fetch(const std::string& url) {
  auto response = fetcher_.Get(url, options_.fetch_limits);
  if (!response) {
    // Whatever went wrong, the status could not be checked (§3.2 STATUS_RETRIEVAL_ERROR).
    return Fail(ErrorCode::kUnavailable, "status list " + url.substr(0, 256) + " could not be fetched: " +
                                             response.error().ToString());
  }
  JsonLimits json_limits;
  json_limits.max_bytes = options_.fetch_limits.max_body;
  auto json = ParseJson(response->body, json_limits);
  if (!json) return Fail(json.error().WithContext("status list " + url.substr(0, 256)));
  if (json->is_object() && json->contains("id") && (!(*json)["id"].is_string() || (*json)["id"].get<std::string>() != url)) {
    return Fail(ErrorCode::kInvalidArgument, "status list credential id is not the URL " + url.substr(0, 256) +
                                                 " it was fetched from");
  }
  BitstringCredentialPolicy policy{.clock = &clock_, .skew_seconds = options_.skew_seconds,
                                   .limits = options_.document_limits};
  auto verified = VerifyBitstringStatusListCredential(*json, lookup_, policy);
  if (!verified) return Fail(verified.error().WithContext(url.substr(0, 256)));

  const std::int64_t now = clock_.NowSeconds();
  std::int64_t ttl = options_.default_ttl_seconds;
  if (verified->ttl_ms) {
    ttl = *verified->ttl_ms / 1000;
  } else if (response->max_age) {
    ttl = *response->max_age;
  }
  ttl = std::clamp<std::int64_t>(ttl, 0, options_.max_ttl_seconds);
  std::int64_t fresh_until = now + ttl;
  if (verified->valid_until) fresh_until = std::min(fresh_until, *verified->valid_until);
  return Entry{.list = std::move(*verified), .fresh_until = fresh_until};
}

Result<BitstringStatus> BitstringStatusChecker::Check(const BitstringStatusEntry& entry,
                                                      std::string_view credential_issuer) {
  if (credential_issuer.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the credential's issuer is needed to check its status");
  }
  const std::string& url = entry.status_list_credential;
  const std::int64_t now = clock_.NowSeconds();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(url);
    if (it != cache_.end() && now < it->second.fresh_until) {
      VAARDIG_ASSIGN_OR_RETURN(BitstringStatus status,
                               ReadBitstringStatus(it->second.list, entry, credential_issuer, options_.list_limits));
      status.from_cache = true;
      return status;
    }
  }
  // Fetch outside the lock: a slow server must not stall checks against other lists.
  VAARDIG_ASSIGN_OR_RETURN(Entry fetched, Fetch(url));
  // The list verified: it is cached even when this entry turns out not to fit it.
  auto status = ReadBitstringStatus(fetched.list, entry, credential_issuer, options_.list_limits);
  {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= options_.max_cached_lists && !cache_.contains(url) && !cache_.empty()) {
      auto oldest = std::ranges::min_element(cache_, {}, [](const auto& kv) { return kv.second.fresh_until; });
      cache_.erase(oldest);
    }
    if (options_.max_cached_lists > 0 && fetched.fresh_until > now) cache_.insert_or_assign(url, std::move(fetched));
  }
  return status;
}

}  // namespace vaardig::status
