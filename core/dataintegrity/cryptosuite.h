// The two EdDSA cryptosuites of W3C Data Integrity EdDSA Cryptosuites v1.0
// (https://www.w3.org/TR/vc-di-eddsa/): the proof configuration, transformation and hashing steps
// that turn a document and a proof into the 64 bytes Ed25519 signs, and the proofValue encoding.
//
//   eddsa-rdfc-2022 (§3.2): RDFC-1.0 canonical N-Quads of the document and of the proof
//     configuration, whose @context is set to the document's (§3.2.5 step 4). The JSON-LD to RDF
//     step is core/w3c's, injectable (RdfCanonicalizer) so a caller can choose the contexts.
//   eddsa-jcs-2022 (§3.3): RFC 8785 JCS of the document and of the proof configuration as given
//     (AddProof copies the document's @context into the proof, §3.3.1 step 2).
//   Both: hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document)
//   (§3.2.4, §3.3.4); proofValue = multibase base58btc ('z') of the 64-byte signature.
//
// Pure functions, thread-safe when the canonicalizer is.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/hash.h"
#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"

namespace vaardig::dataintegrity {

inline constexpr std::string_view kDataIntegrityProof = "DataIntegrityProof";

enum class Cryptosuite { kEddsaJcs2022, kEddsaRdfc2022 };

// "eddsa-jcs-2022", "eddsa-rdfc-2022".
[[nodiscard]] std::string_view CryptosuiteName(Cryptosuite suite);
// The two names above; any other (ecdsa-rdfc-2019, eddsa-2022, bbs-2023, ...): unimplemented.
[[nodiscard]] Result<Cryptosuite> ParseCryptosuite(std::string_view name);

// JSON-LD document → RDFC-1.0 canonical N-Quads (each line ending in "\n"), as JSON-LD 1.1
// toRdf followed by RDF Dataset Canonicalization produce them. An empty RdfCanonicalizer means
// BundledJsonLdCanonicalizer().
using RdfCanonicalizer = std::function<Result<std::string>(const Json& json_ld_document)>;

// core/w3c's JSON-LD processor and RDFC-1.0 with `options` (its document loader decides which
// contexts may be used).
[[nodiscard]] RdfCanonicalizer JsonLdCanonicalizer(w3c::JsonLdOptions options);
// The bundled, read-only contexts only, in JSON-LD safe mode: a document with terms its contexts
// do not define (which RDF would silently drop, leaving them unsigned) is refused with
// "safe mode: ...". What verifiers and issuers use by default.
[[nodiscard]] const RdfCanonicalizer& BundledJsonLdCanonicalizer();

struct CanonicalizationLimits {
  // Each canonical form (document, proof configuration): resource_exhausted beyond this.
  std::size_t max_canonical_bytes = 1 << 20;
};

// What a proof signs, with its parts (tests compare each with the W3C vectors).
struct SigningInput {
  std::string canonical_proof_config;
  std::string canonical_document;
  crypto::Sha256Digest proof_config_hash{};
  crypto::Sha256Digest document_hash{};

  // proof_config_hash || document_hash: the Ed25519 message.
  [[nodiscard]] std::array<std::uint8_t, 2 * crypto::kSha256Size> HashData() const;
};

// Proof configuration, transformation and hashing for `suite`.
//   unsecured_document: the document without the proof being made or checked (for a proof
//     chain, `proof` holds the previous proofs it names);
//   proof_config: that proof without proofValue.
// Errors: either argument not an object, proof_config's type not DataIntegrityProof or its
// cryptosuite not `suite`, a proofValue in proof_config: invalid_argument. eddsa-rdfc-2022
// a document without @context: invalid_argument; an
// empty canonical form: invalid_argument; canonicalizer errors pass through with context. A
// canonical form over limits: resource_exhausted.
[[nodiscard]] Result<SigningInput> ComputeSigningInput(Cryptosuite suite,
                                                       const Json& unsecured_document,
                                                       const Json& proof_config,
                                                       const RdfCanonicalizer& canonicalizer,
                                                       const CanonicalizationLimits& limits = {});

// Multibase base58btc of the signature: "z" + 86-88 base58 characters.
[[nodiscard]] std::string EncodeProofValue(const crypto::Ed25519Signature& signature);
// Another multibase than 'z' (including 'u' base64url): invalid_argument, as vc-di-eddsa
// requires base58btc; not base58, or not exactly 64 bytes: invalid_argument.
[[nodiscard]] Result<crypto::Ed25519Signature> DecodeProofValue(std::string_view proof_value);

}  // namespace vaardig::dataintegrity
