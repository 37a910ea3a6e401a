// Creating Data Integrity proofs with the EdDSA cryptosuites: W3C VC Data Integrity 1.0 §4.2 Add
// Proof and §4.3 Add Proof Set/Chain (https://www.w3.org/TR/vc-data-integrity/#add-proof), with
// vc-di-eddsa v1.0 §3.2.1 / §3.3.1 Create Proof.
//
// The document's existing proofs are kept: with none the new proof becomes "proof": {...}; with
// one or more, "proof" becomes (or stays) an array and the new proof is appended (a proof set).
// ProofOptions::previous_proof makes a proof chain: the new proof signs the document together
// with the proofs it names (§4.3 step 3).
// eddsa-jcs-2022 copies the document's @context into the proof (vc-di-eddsa §3.3.1 step 2);
// eddsa-rdfc-2022 signs the proof configuration in the document's @context but does not write it.
//
// Thread-safe when the canonicalizer is.
#pragma once

#include <cstddef>

#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/proof.h"
#include "core/encoding/json.h"

namespace vaardig::dataintegrity {

struct DocumentLimits {
  // Proofs in one document (a proof set or chain), counting the new one when adding.
  std::size_t max_proofs = 16;
  // JSON text given to VerifyProofs, and each canonical form (document, proof configuration).
  std::size_t max_document_bytes = 1 << 20;
};

// Returns `document` with the new proof added. `key` must be the private key of
// options.verification_method (not checked: the caller holds that binding).
// Errors: `document` not an object, a malformed existing "proof", bad options (see
// ProofOptionsToJson): invalid_argument; options.id already used by a proof of the document:
// already_exists; a previous_proof id naming no proof: not_found; too many proofs:
// resource_exhausted; cryptosuite errors as ComputeSigningInput.
[[nodiscard]] Result<Json> AddProof(const Json& document, const ProofOptions& options,
                                    const crypto::Ed25519PrivateKey& key,
                                    const RdfCanonicalizer& canonicalizer = {},
                                    const DocumentLimits& limits = {});

}  // namespace vaardig::dataintegrity
