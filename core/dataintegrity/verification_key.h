// Keys for the EdDSA cryptosuites: Ed25519 Multikey encodings and the lookup from a proof's
// verificationMethod to its public key.
//
// vc-di-eddsa v1.0 §2.1.1 (https://www.w3.org/TR/vc-di-eddsa/#multikey): a verification method of
// type Multikey whose publicKeyMultibase is 'z' + base58btc(0xed 0x01 || 32-byte key), "z6Mk...".
// The key decides the algorithm: a proof is only checked with an Ed25519 key, so a lookup yields
// crypto::Ed25519PublicKey and nothing else.
// Pure functions and values, thread-safe; DidVerificationKeyLookup is as thread-safe as the
// resolver (DidResolver is).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/did/resolver.h"

namespace vaardig::dataintegrity {

// Public Multikey "z6Mk...". Another multibase than 'z', a malformed varint, a wrong key length or
// a private-key codec: invalid_argument; another public key type (P-256 "zDn...", secp256k1,
// X25519, ...): unimplemented (did::DecodeMultikey's rules, restricted to Ed25519).
[[nodiscard]] Result<crypto::Ed25519PublicKey> DecodeEd25519Multikey(std::string_view multibase);
[[nodiscard]] std::string EncodeEd25519Multikey(const crypto::Ed25519PublicKey& key);

// Private Multikey "z3u2...": 'z' + base58btc(ed25519-priv 0x1300 as varint 0x80 0x26 || 32-byte
// seed), as the W3C vectors' privateKeyMultibase. Anything else: invalid_argument. The decoded
// bytes are wiped.
[[nodiscard]] Result<crypto::Ed25519PrivateKey> DecodeEd25519PrivateMultikey(
    std::string_view multibase);

// verificationMethod URL and proofPurpose → the Ed25519 key authorised for that purpose.
// Implementations return: not_found for an unknown method; permission_denied when the method may
// not be used for the purpose; unauthenticated when it holds a key that is not Ed25519;
// unimplemented for a method type or key type they do not support; unavailable when they could
// not reach the controller document.
using VerificationKeyLookup = std::function<Result<crypto::Ed25519PublicKey>(
    std::string_view verification_method, std::string_view proof_purpose)>;

// The verification relationship a proofPurpose names: assertionMethod, authentication,
// capabilityInvocation, capabilityDelegation; anything else (keyAgreement included, which is not
// for signatures): unimplemented.
[[nodiscard]] Result<did::Relationship> RelationshipForProofPurpose(std::string_view proof_purpose);

// Looks methods up through `resolver` (did:key, did:jwk, did:web), requiring the relationship of
// the proof purpose. Types Multikey, JsonWebKey and JsonWebKey2020 are accepted (others, such as
// Ed25519VerificationKey2020: unimplemented); a key that is not Ed25519: unauthenticated.
// `resolver` must outlive the returned function.
[[nodiscard]] VerificationKeyLookup DidVerificationKeyLookup(did::DidResolver& resolver);

}  // namespace vaardig::dataintegrity
