#include "core/dataintegrity/add_proof.h"

#include <string>
#include <utility>
#include <vector>

#include "core/dataintegrity/internal/proof_set.h"

namespace vaardig::dataintegrity {

Result<Json> AddProof(const Json& document, const ProofOptions& options,
                      const crypto::Ed25519PrivateKey& key, const RdfCanonicalizer& canonicalizer,
                      const DocumentLimits& limits) {
  if (!document.is_object()) return Fail(ErrorCode::kInvalidArgument, "the document must be a JSON object");
  VAARDIG_ASSIGN_OR_RETURN(std::vector<Json> all_proofs,
                           internal::ProofList(document, limits.max_proofs));
  if (all_proofs.size() + 1 > limits.max_proofs) {
    return Fail(ErrorCode::kResourceExhausted, "the document already has " +
                                                   std::to_string(all_proofs.size()) +
                                                   " proofs, the limit is " + std::to_string(limits.max_proofs));
  }
  VAARDIG_ASSIGN_OR_RETURN(Json proof, ProofOptionsToJson(options));
  if (options.id) {
    for (const Json& existing : all_proofs) {
      if (existing.contains("id") && existing["id"] == *options.id) {
        return Fail(ErrorCode::kAlreadyExists, "the document already has a proof with id '" + *options.id + "'");
      }
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::vector<Json> previous,
                           internal::MatchingProofs(all_proofs, options.previous_proof));
  const Json restricted = internal::RestrictedDocument(document, previous);

  if (options.cryptosuite == Cryptosuite::kEddsaJcs2022) {
    if (const auto context = restricted.find("@context"); context != restricted.end()) {
      proof["@context"] = *context;
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(
      const SigningInput input,
      ComputeSigningInput(options.cryptosuite, restricted, proof, canonicalizer,
                          CanonicalizationLimits{.max_canonical_bytes = limits.max_document_bytes}));
  const auto hash_data = input.HashData();
  proof["proofValue"] = EncodeProofValue(key.Sign(hash_data));

  Json secured = document;
  if (all_proofs.empty()) {
    secured["proof"] = std::move(proof);
  } else {
    all_proofs.push_back(std::move(proof));
    secured["proof"] = Json(std::move(all_proofs));
  }
  return secured;
}

}  // namespace vaardig::dataintegrity
