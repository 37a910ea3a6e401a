#include "issuer/app/key_vault.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/encoding/json.h"

namespace vaardig::issuer {

namespace {

// The KEK text with surrounding whitespace removed.
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

Result<crypto::SecretBytes> DecodeKek(std::string_view text, std::string_view source) {
  auto decoded = encoding::Base64UrlDecode(Trim(text));
  if (!decoded) {
    return Fail(ErrorCode::kInvalidArgument,
                "the key-encryption key in " + std::string(source) + " is not base64url");
  }
  crypto::SecretBytes kek = crypto::SecretBytes::Adopt(std::move(*decoded));
  if (kek.size() != kKekSize) {
    return Fail(ErrorCode::kInvalidArgument, "the key-encryption key in " + std::string(source) +
                                                 " must be 32 bytes, got " + std::to_string(kek.size()));
  }
  return kek;
}

Result<crypto::SecretBytes> ReadKekFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Fail(ErrorCode::kNotFound, "key-encryption key file " + path + " does not exist");
    return Fail(ErrorCode::kFailedPrecondition,
                "cannot open key-encryption key file " + path + ": " + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kFailedPrecondition, "key-encryption key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Fail(ErrorCode::kFailedPrecondition, "key-encryption key file " + path + " has mode " + mode +
                                                    "; it must not be readable by group or others (chmod 600)");
  }
  // The file holds ~44 characters; anything much longer is not a KEK.
  crypto::SecretBytes buffer(256);
  std::size_t used = 0;
  while (used < buffer.size()) {
    const ssize_t n = ::read(fd, buffer.RevealMutable().data() + used, buffer.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Fail(ErrorCode::kInternal, "cannot read key-encryption key file " + path);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (used == buffer.size()) {
    return Fail(ErrorCode::kInvalidArgument, "key-encryption key file " + path + " is too long");
  }
  const auto bytes = buffer.Reveal();
  return DecodeKek(std::string_view(reinterpret_cast<const char*>(bytes.data()), used), path);
}

}  // namespace

Result<KeyVault> KeyVault::FromKey(crypto::SecretBytes kek) {
  if (kek.size() != kKekSize) {
    return Fail(ErrorCode::kInvalidArgument, "the key-encryption key must be 32 bytes");
  }
  if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "sodium_init failed");
  return KeyVault(std::move(kek));
}

Result<KeyVault> KeyVault::Load(const std::string& kek_file) {
  if (!kek_file.empty()) {
    VAARDIG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, ReadKekFile(kek_file));
    return FromKey(std::move(kek));
  }
  const char* env = std::getenv(std::string(kKekEnvironmentVariable).c_str());
  if (env == nullptr || *env == '\0') {
    return Fail(ErrorCode::kFailedPrecondition,
                "no key-encryption key: set keys.kek_file or VAARDIG_ISSUER_KEK "
                "(vaardig-issuer keys kek generate --out FILE makes one)");
  }
  VAARDIG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, DecodeKek(env, kKekEnvironmentVariable));
  return FromKey(std::move(kek));
}

Result<Bytes> KeyVault::Seal(const crypto::SecretBytes& plaintext, std::string_view aad) const {
  const auto pt = plaintext.Reveal();
  Bytes out(kSealNonceSize + pt.size() + kSealTagSize);
  randombytes_buf(out.data(), kSealNonceSize);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_encrypt(
          out.data() + kSealNonceSize, &written, pt.data(), pt.size(),
          reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nullptr, out.data(),
          kek_.Reveal().data()) != 0 ||
      written != pt.size() + kSealTagSize) {
    return Fail(ErrorCode::kInternal, "crypto_aead_xchacha20poly1305_ietf_encrypt failed");
  }
  return out;
}

Result<crypto::SecretBytes> KeyVault::Open(ByteView sealed, std::string_view aad) const {
  if (sealed.size() < kSealNonceSize + kSealTagSize) {
    return Fail(ErrorCode::kInvalidArgument, "sealed key is too short");
  }
  crypto::SecretBytes out(sealed.size() - kSealNonceSize - kSealTagSize);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          out.RevealMutable().data(), &written, nullptr, sealed.data() + kSealNonceSize,
          sealed.size() - kSealNonceSize, reinterpret_cast<const unsigned char*>(aad.data()),
          aad.size(), sealed.data(), kek_.Reveal().data()) != 0) {
    return Fail(ErrorCode::kUnauthenticated,
                "sealed key does not open: another key-encryption key, another key id, or damaged");
  }
  return out;
}

crypto::SecretBytes KeyVault::DeriveKey(std::string_view context) const {
  static_assert(crypto_kdf_KEYBYTES == kKekSize);
  // An internal invariant: contexts are compile-time constants of ours, never input.
  if (context.size() != crypto_kdf_CONTEXTBYTES) std::abort();
  char ctx[crypto_kdf_CONTEXTBYTES + 1] = {};
  std::copy(context.begin(), context.end(), ctx);
  crypto::SecretBytes out(crypto_kdf_KEYBYTES);
  crypto_kdf_derive_from_key(out.RevealMutable().data(), out.size(), /*subkey_id=*/1, ctx, kek_.Reveal().data());
  return out;
}

Status RunGenerateKek(const std::string& out_file) {
  if (out_file.empty()) return Fail(ErrorCode::kInvalidArgument, "--out: a file name is required");
  const int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) {
      return Fail(ErrorCode::kAlreadyExists, out_file + " already exists; a key-encryption key is never overwritten");
    }
    return Fail(ErrorCode::kFailedPrecondition, "cannot create " + out_file + ": " + std::strerror(err));
  }
  // open() honours the umask; make the mode exact.
  ::fchmod(fd, 0600);
  const crypto::SecretBytes kek = crypto::RandomSecret(kKekSize);
  std::string text = encoding::Base64UrlEncode(kek.Reveal()) + "\n";
  std::size_t done = 0;
  bool ok = true;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  sodium_memzero(text.data(), text.size());
  if (::fsync(fd) != 0) ok = false;
  if (::close(fd) != 0) ok = false;
  if (!ok) {
    ::unlink(out_file.c_str());
    return Fail(ErrorCode::kInternal, "cannot write " + out_file);
  }
  return Ok();
}

Result<std::string> StoreSealedKey(store::Database& tx, const KeyVault& vault, const jose::PrivateJwk& key,
                                   std::optional<std::int64_t> person_id, std::string_view purpose,
                                   std::string_view now) {
  const std::string kid = key.public_jwk().Thumbprint();
  const jose::PrivateJwk with_kid = key.WithKid(kid);
  std::string private_text = DumpJson(with_kid.ExportPrivateJson());
  crypto::SecretBytes secret = crypto::SecretBytes::CopyFrom(AsBytes(std::string_view(private_text)));
  sodium_memzero(private_text.data(), private_text.size());
  VAARDIG_ASSIGN_OR_RETURN(Bytes sealed, vault.Seal(secret, kid));
  VAARDIG_ASSIGN_OR_RETURN(
      std::int64_t inserted,
      tx.Execute("INSERT INTO signing_keys (kid, person_id, purpose, algorithm, public_jwk, "
                 "sealed_private_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {kid, person_id ? store::Value(*person_id) : store::Value(nullptr), std::string(purpose),
                  std::string(jose::AlgorithmName(key.algorithm())), DumpJson(with_kid.public_jwk().ToJson()),
                  store::Blob(sealed.begin(), sealed.end()), std::string(now)}));
  if (inserted != 1) return Fail(ErrorCode::kInternal, std::string(purpose) + " key not stored");
  return kid;
}

Result<jose::PrivateJwk> OpenSealedKey(const KeyVault& vault, ByteView sealed, std::string_view kid,
                                       std::string_view label) {
  const std::string name = std::string(label) + " key " + std::string(kid);
  auto secret = vault.Open(sealed, kid);
  if (!secret) return Fail(ErrorCode::kDataLoss, name + ": " + secret.error().message());
  const auto text = secret->Reveal();
  auto jwk = jose::PrivateJwk::Parse(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
  if (!jwk) return Fail(ErrorCode::kDataLoss, name + " does not parse");
  return jwk->WithKid(std::string(kid));
}

Result<EndorserKey> GetOrCreateEndorserKey(IssuerApp& app, const KeyVault& vault, std::int64_t person_id) {
  std::optional<EndorserKey> result;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(
        auto row, tx.QueryOne("SELECT kid, sealed_private_key FROM signing_keys WHERE person_id = ? AND "
                              "purpose = 'endorsement' AND retired_at IS NULL ORDER BY created_at DESC, kid LIMIT 1",
                              {person_id}));
    if (row) {
      const std::string kid = row->Text("kid");
      VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk key, OpenSealedKey(vault, row->Bytes("sealed_private_key"), kid,
                                                                   "endorsement"));
      result = EndorserKey{kid, std::move(key)};
      return Ok();
    }
    VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk generated, jose::PrivateJwk::Generate(jose::Algorithm::kEs256));
    VAARDIG_ASSIGN_OR_RETURN(std::string kid,
                             StoreSealedKey(tx, vault, generated, person_id, "endorsement", app.Now()));
    VAARDIG_RETURN_IF_ERROR(AuditLog::Append(tx, app.clock(), "system", "key.create",
                                             "person:" + std::to_string(person_id),
                                             Json{{"kid", kid}, {"purpose", "endorsement"}, {"algorithm", "ES256"}}));
    result = EndorserKey{kid, generated.WithKid(kid)};
    return Ok();
  }));
  return std::move(*result);
}

}  // namespace vaardig::issuer
