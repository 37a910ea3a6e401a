// The issuer's key-encryption key (KEK) and the endorser keys it protects (DESIGN.md §4.3, §7:
// "a per-manager key that the issuer holds encrypted").
//
// The KEK is 32 random bytes, written base64url (no padding) in settings.kek_file — a file that
// must not be readable or writable by group or others (mode 0600 or stricter) — or in the
// environment variable VAARDIG_ISSUER_KEK. Private keys are sealed with libsodium's
// XChaCha20-Poly1305 IETF AEAD: sealed = nonce (24 random bytes) ‖ ciphertext ‖ tag (16 bytes),
// with the key id as associated data, so a sealed key copied into another signing_keys row does
// not open there.
//
// Thread-safety: a KeyVault is immutable after Load; Seal/Open may run on any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/crypto/secret_bytes.h"
#include "core/jose/jwk.h"
#include "core/store/database.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer {

inline constexpr std::size_t kKekSize = 32;
inline constexpr std::size_t kSealNonceSize = 24;
inline constexpr std::size_t kSealTagSize = 16;
inline constexpr std::string_view kKekEnvironmentVariable = "VAARDIG_ISSUER_KEK";

class KeyVault {
 public:
  // From the file when `kek_file` is not empty, else from VAARDIG_ISSUER_KEK. Errors:
  // failed_precondition when neither is set, or the file's mode lets group/others in (the message
  // names the file and says "chmod 600"); not_found when the file does not exist; invalid_argument
  // when the text is not base64url of exactly 32 bytes (the key itself is never in a message).
  [[nodiscard]] static Result<KeyVault> Load(const std::string& kek_file);
  // From the KEK bytes (32): invalid_argument otherwise.
  [[nodiscard]] static Result<KeyVault> FromKey(crypto::SecretBytes kek);

  // nonce ‖ ciphertext ‖ tag over `plaintext`, bound to `aad` (the key id).
  [[nodiscard]] Result<Bytes> Seal(const crypto::SecretBytes& plaintext, std::string_view aad) const;
  // unauthenticated "sealed key does not open ..." when the KEK, the aad or the bytes differ;
  // invalid_argument when `sealed` is shorter than nonce + tag.
  [[nodiscard]] Result<crypto::SecretBytes> Open(ByteView sealed, std::string_view aad) const;

  // A 32-byte key for another purpose, derived from the KEK with libsodium's crypto_kdf (keyed
  // BLAKE2b) under `context`, which must be exactly 8 characters (a constant naming the purpose,
  // such as "c_nonce1"). Every instance that shares the KEK derives the same key; the KEK itself
  // is never used for anything but sealing keys.
  [[nodiscard]] crypto::SecretBytes DeriveKey(std::string_view context) const;

 private:
  explicit KeyVault(crypto::SecretBytes kek) : kek_(std::move(kek)) {}
  crypto::SecretBytes kek_;
};

// `vaardig-issuer keys kek generate --out FILE`: writes a new random KEK (base64url and a newline)
// to `out_file`, created with mode 0600; already_exists when the file exists (never overwritten).
[[nodiscard]] Status RunGenerateKek(const std::string& out_file);

// An endorser's ES256 signing key.
struct EndorserKey {
  std::string kid;  // RFC 7638 thumbprint of the public key
  jose::PrivateJwk key;
};

// The active (not retired) 'endorsement' key of `person_id`, or a new ES256 key stored in
// signing_keys (private JWK sealed under the vault, aad = kid) and audited as "key.create" with
// actor "system". Joins the caller's transaction when called inside InTransaction.
// data_loss when a stored key does not open or does not parse.
[[nodiscard]] Result<EndorserKey> GetOrCreateEndorserKey(IssuerApp& app, const KeyVault& vault,
                                                         std::int64_t person_id);

// Shared by the endorser keys and the issuer's own keys (issuer_keys.h).
// Seals `key`'s private JWK under `vault` (aad = kid) and inserts it into signing_keys with
// `person_id` (NULL for the issuer's keys), `purpose` and created_at `now`, inside `tx`. Returns
// the kid: the RFC 7638 thumbprint of the public key. already_exists when that kid is stored.
[[nodiscard]] Result<std::string> StoreSealedKey(store::Database& tx, const KeyVault& vault,
                                                 const jose::PrivateJwk& key, std::optional<std::int64_t> person_id,
                                                 std::string_view purpose, std::string_view now);
// Opens and parses a sealed private JWK stored under `kid`, which it carries. data_loss ("<label>
// key <kid> ...") when it does not open or parse.
[[nodiscard]] Result<jose::PrivateJwk> OpenSealedKey(const KeyVault& vault, ByteView sealed, std::string_view kid,
                                                     std::string_view label);

}  // namespace vaardig::issuer
