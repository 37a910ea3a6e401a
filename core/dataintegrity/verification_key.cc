#include "core/dataintegrity/verification_key.h"

#include <string>
#include <variant>

#include "core/crypto/secret_bytes.h"
#include "core/did/document.h"
#include "core/did/multikey.h"
#include "core/encoding/multibase.h"

namespace vaardig::dataintegrity {
namespace {

// ed25519-priv (0x1300) as an unsigned varint.
constexpr std::uint8_t kEd25519PrivHeader[] = {0x80, 0x26};

std::string KeyTypeName(const jose::PublicKey& key) {
  if (std::holds_alternative<crypto::P256PublicKey>(key)) return "a P-256 key";
  if (std::holds_alternative<crypto::RsaPublicKey>(key)) return "an RSA key";
  return "an Ed25519 key";
}

}  // namespace

Result<crypto::Ed25519PublicKey> DecodeEd25519Multikey(std::string_view multibase) {
  VAARDIG_ASSIGN_OR_RETURN(const jose::PublicJwk jwk, did::DecodeMultikey(multibase));
  if (const auto* key = std::get_if<crypto::Ed25519PublicKey>(&jwk.key())) return *key;
  return Fail(ErrorCode::kUnimplemented,
              "Multikey holds " + KeyTypeName(jwk.key()) + "; the EdDSA cryptosuites need Ed25519 (z6Mk...)");
}

std::string EncodeEd25519Multikey(const crypto::Ed25519PublicKey& key) {
  return encoding::MultibaseEncode(
      encoding::Multibase::kBase58Btc,
      encoding::MulticodecWrap(encoding::kMulticodecEd25519Pub, key.bytes()));
}

Result<crypto::Ed25519PrivateKey> DecodeEd25519PrivateMultikey(std::string_view multibase) {
  if (multibase.empty() || multibase.front() != 'z') {
    return Fail(ErrorCode::kInvalidArgument, "private Multikey must be base58btc multibase (prefix 'z')");
  }
  auto decoded = encoding::MultibaseDecode(multibase);
  if (!decoded) return Fail(decoded.error().WithContext("private Multikey"));
  const crypto::SecretBytes bytes = crypto::SecretBytes::Adopt(std::move(*decoded));
  const auto view = bytes.Reveal();
  if (view.size() != sizeof kEd25519PrivHeader + crypto::kEd25519SeedSize ||
      view[0] != kEd25519PrivHeader[0] || view[1] != kEd25519PrivHeader[1]) {
    return Fail(ErrorCode::kInvalidArgument,
                "private Multikey must be ed25519-priv (0x1300) followed by a 32-byte seed");
  }
  return crypto::Ed25519PrivateKey::FromSeed(
      crypto::SecretBytes::CopyFrom(view.subspan(sizeof kEd25519PrivHeader)));
}

Result<did::Relationship> RelationshipForProofPurpose(std::string_view proof_purpose) {
  if (proof_purpose == "assertionMethod") return did::Relationship::kAssertionMethod;
  if (proof_purpose == "authentication") return did::Relationship::kAuthentication;
  if (proof_purpose == "capabilityInvocation") return did::Relationship::kCapabilityInvocation;
  if (proof_purpose == "capabilityDelegation") return did::Relationship::kCapabilityDelegation;
  return Fail(ErrorCode::kUnimplemented,
              "proofPurpose '" + std::string(proof_purpose.substr(0, 64)) +
                  "' is not a signing relationship (assertionMethod, authentication, "
                  "capabilityInvocation, capabilityDelegation)");
}

VerificationKeyLookup DidVerificationKeyLookup(did::DidResolver& resolver) {
  return [&resolver](std::string_view verification_method,
                     std::string_view proof_purpose) -> Result<crypto::Ed25519PublicKey> {
    VAARDIG_ASSIGN_OR_RETURN(const did::Relationship relationship,
                             RelationshipForProofPurpose(proof_purpose));
    VAARDIG_ASSIGN_OR_RETURN(const did::VerificationMethod method,
                             resolver.ResolveVerificationMethod(verification_method, relationship));
    // Multikey is what vc-di-eddsa specifies; a JsonWebKey(2020) holding an Ed25519 OKP key (as
    // did:jwk documents and many did:web documents do) carries the same key and is accepted too.
    if (method.type != did::kTypeMultikey && method.type != did::kTypeJsonWebKey &&
        method.type != did::kTypeJsonWebKey2020) {
      return Fail(ErrorCode::kUnimplemented,
                  "verification method " + method.id + " has type " + method.type +
                      "; the EdDSA cryptosuites use Multikey (or an Ed25519 JsonWebKey)");
    }
    if (const auto* key = std::get_if<crypto::Ed25519PublicKey>(&method.key.key())) return *key;
    return Fail(ErrorCode::kUnauthenticated,
                "verification method " + method.id + " holds " + KeyTypeName(method.key.key()) +
                    ", which cannot check an EdDSA proof");
  };
}

}  // namespace vaardig::dataintegrity
