#include "core/dataintegrity/verify.h"

#include <algorithm>
#include <utility>

#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/internal/proof_set.h"
#include "core/dataintegrity/proof.h"

namespace vaardig::dataintegrity {
namespace {

const SystemClock kSystemClock{};

std::string StringMember(const Json& proof, const char* name) {
  const auto it = proof.find(name);
  return it != proof.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status CheckPolicy(const ParsedProof& proof, const VerifyPolicy& policy, std::int64_t now) {
  if (proof.proof_purpose != policy.expected_proof_purpose) {
    return Fail(ErrorCode::kPermissionDenied, "proofPurpose is '" + proof.proof_purpose.substr(0, 64) +
                                                  "', expected '" + policy.expected_proof_purpose + "'");
  }
  if (policy.challenge && proof.challenge != policy.challenge) {
    return Fail(ErrorCode::kPermissionDenied, proof.challenge ? "the proof's challenge does not match"
                                                              : "the proof has no challenge");
  }
  if (policy.domain &&
      std::find(proof.domain.begin(), proof.domain.end(), *policy.domain) == proof.domain.end()) {
    return Fail(ErrorCode::kPermissionDenied, proof.domain.empty()
                                                  ? "the proof has no domain"
                                                  : "the proof is for another domain");
  }
  if (proof.expires && *proof.expires <= now) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the proof expired " + std::to_string(now - *proof.expires) + " s ago");
  }
  if (proof.created && *proof.created > now + policy.max_clock_skew_seconds) {
    return Fail(ErrorCode::kFailedPrecondition, "the proof was created in the future");
  }
  return Ok();
}

// vc-di-eddsa §3.3.2 step 4: a proof's @context must be a prefix of the document's, and is what
// the proof signed.
Status ApplyJcsContext(const Json& proof_config, Json& unsecured) {
  const auto proof_context = proof_config.find("@context");
  if (proof_context == proof_config.end()) return Ok();
  const auto as_list = [](const Json& context) { return context.is_array() ? context : Json::array({context}); };
  const auto document_context = unsecured.find("@context");
  if (document_context == unsecured.end()) {
    return Fail(ErrorCode::kUnauthenticated, "the proof has an @context but the document has none");
  }
  const Json proof_list = as_list(*proof_context);
  const Json document_list = as_list(*document_context);
  if (proof_list.size() > document_list.size() ||
      !std::equal(proof_list.begin(), proof_list.end(), document_list.begin())) {
    return Fail(ErrorCode::kUnauthenticated, "the document's @context does not start with the proof's @context");
  }
  *document_context = *proof_context;
  return Ok();
}

Status VerifyOne(const Json& proof_json, std::size_t index, const std::vector<Json>& all_proofs,
                 const Json& document, const VerificationKeyLookup& lookup,
                 const RdfCanonicalizer& canonicalizer, const VerifyPolicy& policy, std::int64_t now) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedProof proof, ParseProof(proof_json));
  VAARDIG_RETURN_IF_ERROR(CheckPolicy(proof, policy, now));
  if (proof.id && std::find(proof.previous_proof.begin(), proof.previous_proof.end(), *proof.id) !=
                      proof.previous_proof.end()) {
    return Fail(ErrorCode::kInvalidArgument, "the proof names itself as previousProof");
  }
  std::vector<Json> others;
  for (std::size_t i = 0; i < all_proofs.size(); ++i) {
    if (i != index) others.push_back(all_proofs[i]);
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::vector<Json> previous,
                           internal::MatchingProofs(others, proof.previous_proof));
  Json unsecured = internal::RestrictedDocument(document, previous);
  if (proof.cryptosuite == Cryptosuite::kEddsaJcs2022) {
    VAARDIG_RETURN_IF_ERROR(ApplyJcsContext(proof.config, unsecured));
  }
  auto key = lookup(proof.verification_method, proof.proof_purpose);
  if (!key) return Fail(key.error().WithContext("verification method " + proof.verification_method.substr(0, 256)));
  VAARDIG_ASSIGN_OR_RETURN(
      const SigningInput input,
      ComputeSigningInput(proof.cryptosuite, unsecured, proof.config, canonicalizer,
                          CanonicalizationLimits{.max_canonical_bytes = policy.limits.max_document_bytes}));
  const auto hash_data = input.HashData();
  if (auto verified = key->Verify(hash_data, proof.signature); !verified) {
    return Fail(ErrorCode::kUnauthenticated,
                std::string(CryptosuiteName(proof.cryptosuite)) + " signature does not verify");
  }
  return Ok();
}

}  // namespace

bool ProofSetVerification::verified() const {
  return !proofs_.empty() &&
         std::all_of(proofs_.begin(), proofs_.end(), [](const ProofResult& r) { return r.verified(); });
}

Status ProofSetVerification::status() const {
  if (proofs_.empty()) return Fail(ErrorCode::kInvalidArgument, "the document has no proof");
  for (const ProofResult& result : proofs_) {
    if (!result.verified()) {
      return Fail(result.status.error().WithContext("proof " + std::to_string(result.index)));
    }
  }
  return Ok();
}

Result<Json> ProofSetVerification::VerifiedDocument() const {
  VAARDIG_RETURN_IF_ERROR(status());
  return unsecured_;
}

Result<ProofSetVerification> VerifyProofs(const Json& secured_document, const VerificationKeyLookup& lookup,
                                          const RdfCanonicalizer& canonicalizer, const VerifyPolicy& policy) {
  if (!secured_document.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the secured document must be a JSON object");
  }
  if (!secured_document.contains("proof")) {
    return Fail(ErrorCode::kInvalidArgument, "the document has no proof");
  }
  if (!lookup) return Fail(ErrorCode::kInvalidArgument, "no verification key lookup given");
  VAARDIG_ASSIGN_OR_RETURN(const std::vector<Json> all_proofs,
                           internal::ProofList(secured_document, policy.limits.max_proofs));
  if (all_proofs.empty()) return Fail(ErrorCode::kInvalidArgument, "the document's proof list is empty");
  const Clock& clock = policy.clock != nullptr ? *policy.clock : kSystemClock;
  const std::int64_t now = clock.NowSeconds();
  std::vector<ProofResult> results;
  results.reserve(all_proofs.size());
  for (std::size_t i = 0; i < all_proofs.size(); ++i) {
    const Json& proof = all_proofs[i];
    ProofResult result;
    result.index = i;
    if (const std::string id = StringMember(proof, "id"); !id.empty()) result.id = id;
    result.cryptosuite = StringMember(proof, "cryptosuite");
    result.verification_method = StringMember(proof, "verificationMethod");
    result.status = VerifyOne(proof, i, all_proofs, secured_document, lookup, canonicalizer, policy, now);
    results.push_back(std::move(result));
  }
  return ProofSetVerification(internal::RestrictedDocument(secured_document, {}), std::move(results));
}

Result<ProofSetVerification> VerifyProofs(std::string_view secured_document_json,
                                          const VerificationKeyLookup& lookup,
                                          const RdfCanonicalizer& canonicalizer, const VerifyPolicy& policy) {
  JsonLimits limits;
  limits.max_bytes = policy.limits.max_document_bytes;
  VAARDIG_ASSIGN_OR_RETURN(const Json document, ParseJson(secured_document_json, limits));
  return VerifyProofs(document, lookup, canonicalizer, policy);
}

}  // namespace vaardig::dataintegrity
