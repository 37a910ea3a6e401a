// Verifying Data Integrity proofs made with the EdDSA cryptosuites: W3C VC Data Integrity 1.0
// §4.4 Verify Proof and §4.5 Verify Proof Sets and Chains
// (https://www.w3.org/TR/vc-data-integrity/#verify-proof), with vc-di-eddsa v1.0 §3.2.2 / §3.3.2.
//
// Every proof of the document is checked and reported; the document verifies only when it has at
// least one proof and all of them verify. For each proof, in this order:
//  1. shape (ParseProof): invalid_argument; unknown type or cryptosuite: unimplemented;
//     proofValue not 'z' base58btc of exactly 64 bytes: invalid_argument;
//  2. policy: proofPurpose other than expected, challenge or domain not matching (or absent when
//     the policy asks for one): permission_denied; expires at or before now, created more than
//     max_clock_skew_seconds after now: failed_precondition;
//  3. previousProof: each id must name another proof of the set (not_found otherwise; itself:
//     invalid_argument); the proof is checked over the document carrying those proofs;
//  4. eddsa-jcs-2022 with an @context in the proof: the document's @context must start with the
//     proof's (unauthenticated otherwise) and the proof's replaces it (vc-di-eddsa §3.3.2 step 4);
//  5. the key: VerificationKeyLookup(verificationMethod, proofPurpose), its errors as they come;
//  6. canonicalization and hashing (ComputeSigningInput), then Ed25519: unauthenticated when the
//     signature does not verify.
// Document-level problems (not an object, no proof, a malformed proof member, duplicate proof
// ids, over limits) fail the whole call.
//
// The JSON is parsed once (strictly, with limits) and never re-serialized for the signature: both
// cryptosuites verify a canonical form, by design.
// Thread-safe when the lookup and canonicalizer are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/verification_key.h"
#include "core/encoding/json.h"

namespace vaardig::dataintegrity {

struct VerifyPolicy {
  // Every proof must have this purpose: "assertionMethod" for credentials, "authentication" for
  // presentations.
  std::string expected_proof_purpose = "assertionMethod";
  // When set, every proof must carry this challenge / this domain (in its domain list).
  std::optional<std::string> challenge{};
  std::optional<std::string> domain{};
  const Clock* clock = nullptr;  // nullptr: the system clock
  std::int64_t max_clock_skew_seconds = 300;
  DocumentLimits limits{};
};

struct ProofResult {
  std::size_t index = 0;                 // position in the document's proof list
  std::optional<std::string> id;         // as given, when a string
  std::string cryptosuite;               // as given ("" when absent or not a string)
  std::string verification_method;       // as given ("" when absent or not a string)
  Status status;                         // Ok, or why the proof did not verify

  [[nodiscard]] bool verified() const { return status.has_value(); }
};

// What VerifyProofs found. Only VerifyProofs makes one.
class ProofSetVerification {
 public:
  // At least one proof, and every proof verified.
  [[nodiscard]] bool verified() const;
  [[nodiscard]] const std::vector<ProofResult>& proofs() const { return proofs_; }
  // Ok when verified(), otherwise the first failing proof's error, prefixed "proof <i>".
  [[nodiscard]] Status status() const;
  // The document without its proofs when verified(); otherwise status()'s error.
  [[nodiscard]] Result<Json> VerifiedDocument() const;

 private:
  friend Result<ProofSetVerification> VerifyProofs(const Json&, const VerificationKeyLookup&,
                                                   const RdfCanonicalizer&, const VerifyPolicy&);
  ProofSetVerification(Json unsecured, std::vector<ProofResult> proofs)
      : unsecured_(std::move(unsecured)), proofs_(std::move(proofs)) {}
  Json unsecured_;
  std::vector<ProofResult> proofs_;
};

[[nodiscard]] Result<ProofSetVerification> VerifyProofs(const Json& secured_document,
                                                        const VerificationKeyLookup& lookup,
                                                        const RdfCanonicalizer& canonicalizer,
                                                        const VerifyPolicy& policy);

// ParseJson (max_bytes = policy.limits.max_document_bytes, duplicates rejected, ...) then the above.
[[nodiscard]] Result<ProofSetVerification> VerifyProofs(std::string_view secured_document_json,
                                                        const VerificationKeyLookup& lookup,
                                                        const RdfCanonicalizer& canonicalizer,
                                                        const VerifyPolicy& policy);

}  // namespace vaardig::dataintegrity
