#include "core/dataintegrity/cryptosuite.h"

#include "core/w3c/jsonld.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/encoding/base58.h"
#include "core/encoding/jcs.h"

namespace vaardig::dataintegrity {
namespace {

constexpr std::string_view kJcsName = "eddsa-jcs-2022";
constexpr std::string_view kRdfcName = "eddsa-rdfc-2022";

// 64 bytes are at most 88 base58 characters; anything much longer is not worth decoding.
constexpr std::size_t kMaxProofValueChars = 100;

Result<std::string> Bounded(Result<std::string> canonical, std::string_view what,
                            const CanonicalizationLimits& limits) {
  if (!canonical) return Fail(canonical.error().WithContext(std::string("canonicalizing the ") + std::string(what)));
  if (canonical->size() > limits.max_canonical_bytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "the canonical " + std::string(what) + " has " + std::to_string(canonical->size()) +
                    " bytes, more than the limit of " + std::to_string(limits.max_canonical_bytes));
  }
  if (canonical->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "the " + std::string(what) + " canonicalizes to nothing: no statement would be signed");
  }
  return canonical;
}

bool IsStringEqual(const Json& value, std::string_view expected) {
  return value.is_string() && value.get_ref<const std::string&>() == expected;
}

Status CheckProofConfig(Cryptosuite suite, const Json& proof_config) {
  if (!proof_config.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the proof configuration must be a JSON object");
  }
  const auto type = proof_config.find("type");
  if (type == proof_config.end() || !IsStringEqual(*type, kDataIntegrityProof)) {
    return Fail(ErrorCode::kInvalidArgument, "the proof configuration's type must be DataIntegrityProof");
  }
  const auto name = proof_config.find("cryptosuite");
  if (name == proof_config.end() || !IsStringEqual(*name, CryptosuiteName(suite))) {
    return Fail(ErrorCode::kInvalidArgument,
                "the proof configuration's cryptosuite must be " + std::string(CryptosuiteName(suite)));
  }
  if (proof_config.contains("proofValue")) {
    return Fail(ErrorCode::kInvalidArgument, "the proof configuration must not hold a proofValue");
  }
  return Ok();
}

}  // namespace

std::string_view CryptosuiteName(Cryptosuite suite) {
  switch (suite) {
    case Cryptosuite::kEddsaJcs2022: return kJcsName;
    case Cryptosuite::kEddsaRdfc2022: return kRdfcName;
  }
  return "unknown";
}

Result<Cryptosuite> ParseCryptosuite(std::string_view name) {
  if (name == kJcsName) return Cryptosuite::kEddsaJcs2022;
  if (name == kRdfcName) return Cryptosuite::kEddsaRdfc2022;
  return Fail(ErrorCode::kUnimplemented,
              "cryptosuite '" + std::string(name.substr(0, 64)) +
                  "' is not supported (eddsa-jcs-2022, eddsa-rdfc-2022)");
}

const RdfCanonicalizer& BundledJsonLdCanonicalizer() {
  static const RdfCanonicalizer canonicalizer = [] {
    w3c::JsonLdOptions options;
    options.safe_mode = true;
    return JsonLdCanonicalizer(options);
  }();
  return canonicalizer;
}

RdfCanonicalizer JsonLdCanonicalizer(w3c::JsonLdOptions options) {
  return [options = std::move(options)](const Json& document) -> Result<std::string> {
    VAARDIG_ASSIGN_OR_RETURN(w3c::CanonicalDataset canonical,
                             w3c::CanonicalizeJsonLd(document, options));
    return std::move(canonical.nquads);
  };
}

std::array<std::uint8_t, 2 * crypto::kSha256Size> SigningInput::HashData() const {
  std::array<std::uint8_t, 2 * crypto::kSha256Size> out{};
  std::copy(proof_config_hash.begin(), proof_config_hash.end(), out.begin());
  std::copy(document_hash.begin(), document_hash.end(), out.begin() + crypto::kSha256Size);
  return out;
}

Result<SigningInput> ComputeSigningInput(Cryptosuite suite, const Json& unsecured_document,
                                         const Json& proof_config,
                                         const RdfCanonicalizer& canonicalizer,
                                         const CanonicalizationLimits& limits) {
  if (!unsecured_document.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the document must be a JSON object");
  }
  VAARDIG_RETURN_IF_ERROR(CheckProofConfig(suite, proof_config));
  SigningInput input;
  switch (suite) {
    case Cryptosuite::kEddsaJcs2022: {
      VAARDIG_ASSIGN_OR_RETURN(input.canonical_proof_config,
                               Bounded(encoding::Canonicalize(proof_config), "proof configuration", limits));
      VAARDIG_ASSIGN_OR_RETURN(input.canonical_document,
                               Bounded(encoding::Canonicalize(unsecured_document), "document", limits));
      break;
    }
    case Cryptosuite::kEddsaRdfc2022: {
      const RdfCanonicalizer& rdfc = canonicalizer ? canonicalizer : BundledJsonLdCanonicalizer();
      const auto context = unsecured_document.find("@context");
      if (context == unsecured_document.end()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "eddsa-rdfc-2022 signs JSON-LD: the document has no @context");
      }
      // §3.2.5 step 4: the proof configuration is interpreted in the document's context.
      Json config = proof_config;
      config["@context"] = *context;
      VAARDIG_ASSIGN_OR_RETURN(input.canonical_proof_config,
                               Bounded(rdfc(config), "proof configuration", limits));
      VAARDIG_ASSIGN_OR_RETURN(input.canonical_document,
                               Bounded(rdfc(unsecured_document), "document", limits));
      break;
    }
  }
  input.proof_config_hash = crypto::Sha256(AsBytes(input.canonical_proof_config));
  input.document_hash = crypto::Sha256(AsBytes(input.canonical_document));
  return input;
}

std::string EncodeProofValue(const crypto::Ed25519Signature& signature) {
  return "z" + encoding::Base58BtcEncode(signature);
}

Result<crypto::Ed25519Signature> DecodeProofValue(std::string_view proof_value) {
  if (proof_value.empty() || proof_value.front() != 'z') {
    return Fail(ErrorCode::kInvalidArgument,
                "proofValue must be multibase base58btc (prefix 'z')");
  }
  if (proof_value.size() > kMaxProofValueChars) {
    return Fail(ErrorCode::kInvalidArgument,
                "proofValue has " + std::to_string(proof_value.size()) +
                    " characters, too many for a 64-byte Ed25519 signature");
  }
  auto bytes = encoding::Base58BtcDecode(proof_value.substr(1));
  if (!bytes) return Fail(bytes.error().WithContext("proofValue"));
  if (bytes->size() != crypto::kEd25519SignatureSize) {
    return Fail(ErrorCode::kInvalidArgument, "proofValue decodes to " + std::to_string(bytes->size()) +
                                                 " bytes; an Ed25519 signature has 64");
  }
  crypto::Ed25519Signature signature{};
  std::copy(bytes->begin(), bytes->end(), signature.begin());
  return signature;
}

}  // namespace vaardig::dataintegrity
