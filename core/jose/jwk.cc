#include "core/jose/jwk.h"

#include <array>
#include <utility>

#include "core/crypto/hash.h"
#include "core/crypto/secret_bytes.h"
#include "core/encoding/base64url.h"

namespace vaardig::jose {
namespace {

constexpr std::size_t kMaxJwkTextBytes = 64 * 1024;

// Registered JOSE signature/MAC algorithms (RFC 7518 §3.1, RFC 8037) that we recognise and refuse.
constexpr std::array<std::string_view, 12> kKnownUnsupported = {
    "HS256", "HS384", "HS512", "RS384", "RS512", "ES384",
    "ES512", "PS256", "PS384", "PS512", "ES256K", "Ed448"};

Result<std::string> OptionalString(const Json& jwk, std::string_view name) {
  const auto it = jwk.find(name);
  if (it == jwk.end()) return std::string();
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "JWK member '" + std::string(name) + "' must be a string");
  }
  return it->get<std::string>();
}

Result<Bytes> Base64Member(const Json& jwk, std::string_view name) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string text, GetString(jwk, name));
  auto bytes = encoding::Base64UrlDecode(text);
  if (!bytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "JWK member '" + std::string(name) + "' is not base64url: " + bytes.error().message());
  }
  return std::move(*bytes);
}

Result<crypto::SecretBytes> SecretMember(const Json& jwk, std::string_view name) {
  VAARDIG_ASSIGN_OR_RETURN(Bytes bytes, Base64Member(jwk, name));
  return crypto::SecretBytes::Adopt(std::move(bytes));
}

// RFC 7517 §4.2/§4.3: a key meant for encryption, or whose key_ops exclude signing and
// verification, is not a signature key. Returns whether it is one; malformed members fail.
Result<bool> CheckUse(const Json& jwk) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string use, OptionalString(jwk, "use"));
  bool signing = use.empty() || use == "sig";
  const auto ops = jwk.find("key_ops");
  if (ops != jwk.end()) {
    if (!ops->is_array()) return Fail(ErrorCode::kInvalidArgument, "JWK member 'key_ops' must be an array");
    bool ops_allow = false;
    for (const Json& op : *ops) {
      if (!op.is_string()) return Fail(ErrorCode::kInvalidArgument, "JWK key_ops entries must be strings");
      const auto& name = op.get_ref<const std::string&>();
      if (name == "sign" || name == "verify") ops_allow = true;
    }
    signing = signing && ops_allow;
  }
  return signing;
}

// The algorithm a key's type implies; the JWK's own "alg", when present, must agree.
Status CheckAlg(const Json& jwk, Algorithm implied) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string alg, OptionalString(jwk, "alg"));
  if (alg.empty()) return Ok();
  auto parsed = ParseAlgorithm(alg);
  if (!parsed) return Fail(parsed.error().WithContext("JWK alg"));
  if (*parsed != implied) {
    return Fail(ErrorCode::kInvalidArgument, "JWK alg '" + alg + "' does not match its key type, which is for " +
                                                 std::string(AlgorithmName(implied)));
  }
  return Ok();
}

Result<std::optional<std::string>> ParseKid(const Json& jwk) {
  const auto it = jwk.find("kid");
  if (it == jwk.end()) return std::optional<std::string>();
  if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, "JWK member 'kid' must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<PublicKey> ParsePublicKey(const Json& jwk, std::string& kty_out) {
  if (!jwk.is_object()) return Fail(ErrorCode::kInvalidArgument, "a JWK must be a JSON object");
  VAARDIG_ASSIGN_OR_RETURN(const std::string kty, GetString(jwk, "kty"));
  kty_out = kty;
  if (kty == "EC") {
    VAARDIG_ASSIGN_OR_RETURN(const std::string crv, GetString(jwk, "crv"));
    if (crv != "P-256") {
      if (crv == "P-384" || crv == "P-521" || crv == "secp256k1") {
        return Fail(ErrorCode::kUnimplemented, "EC curve " + crv + " is not supported; use P-256");
      }
      return Fail(ErrorCode::kInvalidArgument, "unknown EC curve '" + crv + "'");
    }
    VAARDIG_RETURN_IF_ERROR(CheckAlg(jwk, Algorithm::kEs256));
    VAARDIG_ASSIGN_OR_RETURN(const Bytes x, Base64Member(jwk, "x"));
    VAARDIG_ASSIGN_OR_RETURN(const Bytes y, Base64Member(jwk, "y"));
    auto key = crypto::P256PublicKey::FromCoordinates(x, y);
    if (!key) return Fail(key.error().WithContext("JWK"));
    return PublicKey(std::move(*key));
  }
  if (kty == "OKP") {
    VAARDIG_ASSIGN_OR_RETURN(const std::string crv, GetString(jwk, "crv"));
    if (crv != "Ed25519") {
      if (crv == "Ed448" || crv == "X25519" || crv == "X448") {
        return Fail(ErrorCode::kUnimplemented, "OKP curve " + crv + " is not supported; use Ed25519");
      }
      return Fail(ErrorCode::kInvalidArgument, "unknown OKP curve '" + crv + "'");
    }
    VAARDIG_RETURN_IF_ERROR(CheckAlg(jwk, Algorithm::kEdDsa));
    VAARDIG_ASSIGN_OR_RETURN(const Bytes x, Base64Member(jwk, "x"));
    auto key = crypto::Ed25519PublicKey::Create(x);
    if (!key) return Fail(key.error().WithContext("JWK"));
    return PublicKey(std::move(*key));
  }
  if (kty == "RSA") {
    VAARDIG_RETURN_IF_ERROR(CheckAlg(jwk, Algorithm::kRs256));
    VAARDIG_ASSIGN_OR_RETURN(const Bytes n, Base64Member(jwk, "n"));
    VAARDIG_ASSIGN_OR_RETURN(const Bytes e, Base64Member(jwk, "e"));
    auto key = crypto::RsaPublicKey::FromComponents(n, e);
    if (!key) return Fail(key.error().WithContext("JWK"));
    return PublicKey(std::move(*key));
  }
  if (kty == "oct") {
    return Fail(ErrorCode::kUnimplemented, "symmetric (oct) JWKs are not supported: a verifier needs a public key");
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown JWK key type '" + kty + "'");
}

bool HasPrivateMembers(const Json& jwk) {
  for (const char* name : {"d", "p", "q", "dp", "dq", "qi", "k", "oth"}) {
    if (jwk.contains(name)) return true;
  }
  return false;
}

}  // namespace

std::string_view AlgorithmName(Algorithm alg) {
  switch (alg) {
    case Algorithm::kEs256:
      return "ES256";
    case Algorithm::kEdDsa:
      return "EdDSA";
    case Algorithm::kRs256:
      return "RS256";
  }
  return "unknown";
}

Result<Algorithm> ParseAlgorithm(std::string_view name) {
  if (name == "ES256") return Algorithm::kEs256;
  if (name == "EdDSA") return Algorithm::kEdDsa;
  if (name == "RS256") return Algorithm::kRs256;
  if (name == "none") return Fail(ErrorCode::kInvalidArgument, "alg none is never accepted");
  for (std::string_view known : kKnownUnsupported) {
    if (name == known) {
      return Fail(ErrorCode::kUnimplemented,
                  "algorithm " + std::string(name) + " is not supported (ES256, EdDSA and RS256 are)");
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown signature algorithm '" + std::string(name) + "'");
}

// ---- PublicJwk --------------------------------------------------------------------------------

Result<PublicJwk> PublicJwk::Parse(const Json& jwk) {
  std::string kty;
  VAARDIG_ASSIGN_OR_RETURN(PublicKey key, ParsePublicKey(jwk, kty));
  VAARDIG_ASSIGN_OR_RETURN(std::optional<std::string> kid, ParseKid(jwk));
  VAARDIG_ASSIGN_OR_RETURN(const bool signing, CheckUse(jwk));
  PublicJwk out(std::move(key), std::move(kid));
  out.for_signatures_ = signing;
  if (jwk.contains("use")) out.use_ = jwk["use"].get<std::string>();
  return out;
}

Result<PublicJwk> PublicJwk::Parse(std::string_view json_text) {
  VAARDIG_ASSIGN_OR_RETURN(const Json jwk, ParseJson(json_text, JsonLimits{.max_bytes = kMaxJwkTextBytes,
                                                                            .max_depth = 4}));
  return Parse(jwk);
}

PublicJwk PublicJwk::FromKey(PublicKey key, std::optional<std::string> kid) {
  return PublicJwk(std::move(key), std::move(kid));
}

Algorithm PublicJwk::algorithm() const {
  switch (key_.index()) {
    case 0:
      return Algorithm::kEs256;
    case 1:
      return Algorithm::kEdDsa;
    default:
      return Algorithm::kRs256;
  }
}

PublicJwk PublicJwk::WithKid(std::string kid) const {
  PublicJwk out = *this;
  out.kid_ = std::move(kid);
  return out;
}

Json PublicJwk::ToJson() const {
  Json out = Json::object();
  if (const auto* ec = std::get_if<crypto::P256PublicKey>(&key_)) {
    out["crv"] = "P-256";
    out["kty"] = "EC";
    out["x"] = encoding::Base64UrlEncode(ByteView(ec->x()));
    out["y"] = encoding::Base64UrlEncode(ByteView(ec->y()));
  } else if (const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&key_)) {
    out["crv"] = "Ed25519";
    out["kty"] = "OKP";
    out["x"] = encoding::Base64UrlEncode(ByteView(ed->bytes()));
  } else {
    const auto& rsa = std::get<crypto::RsaPublicKey>(key_);
    out["e"] = encoding::Base64UrlEncode(ByteView(rsa.e()));
    out["kty"] = "RSA";
    out["n"] = encoding::Base64UrlEncode(ByteView(rsa.n()));
  }
  if (kid_) out["kid"] = *kid_;
  if (use_) out["use"] = *use_;
  return out;
}

std::string PublicJwk::Thumbprint() const {
  // ToJson already lists the required members in lexicographic order; kid and use are dropped.
  Json required = ToJson();
  required.erase("kid");
  required.erase("use");
  const std::string canonical = DumpJson(required);
  const auto digest = crypto::Sha256(AsBytes(canonical));
  return encoding::Base64UrlEncode(ByteView(digest));
}

Status PublicJwk::Verify(ByteView signing_input, ByteView signature) const {
  if (!for_signatures_) {
    return Fail(ErrorCode::kPermissionDenied, "the key is not for signatures (its JWK 'use' or 'key_ops' say so)");
  }
  return std::visit(
      [&](const auto& key) -> Status {
        using K = std::decay_t<decltype(key)>;
        if constexpr (std::is_same_v<K, crypto::P256PublicKey>) {
          return key.VerifyEs256(signing_input, signature);
        } else if constexpr (std::is_same_v<K, crypto::Ed25519PublicKey>) {
          return key.Verify(signing_input, signature);
        } else {
          return key.VerifyRs256(signing_input, signature);
        }
      },
      key_);
}

// ---- PrivateJwk -------------------------------------------------------------------------------

Result<PrivateJwk> PrivateJwk::Parse(const Json& jwk) {
  VAARDIG_ASSIGN_OR_RETURN(PublicJwk pub, PublicJwk::Parse(jwk));
  if (!pub.for_signatures()) {
    return Fail(ErrorCode::kInvalidArgument, "the JWK is not a signature key (its 'use' or 'key_ops' say so)");
  }
  if (!jwk.contains("d")) {
    return Fail(ErrorCode::kInvalidArgument, "JWK has no private part (member 'd')");
  }
  if (const auto* ec = std::get_if<crypto::P256PublicKey>(&pub.key())) {
    VAARDIG_ASSIGN_OR_RETURN(crypto::SecretBytes d, SecretMember(jwk, "d"));
    auto key = crypto::P256PrivateKey::FromScalar(d, *ec);
    if (!key) return Fail(key.error().WithContext("JWK"));
    return PrivateJwk(std::move(*key), std::move(pub));
  }
  if (const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&pub.key())) {
    VAARDIG_ASSIGN_OR_RETURN(crypto::SecretBytes d, SecretMember(jwk, "d"));
    auto key = crypto::Ed25519PrivateKey::FromSeed(d, ByteView(ed->bytes()));
    if (!key) return Fail(key.error().WithContext("JWK"));
    return PrivateJwk(std::move(*key), std::move(pub));
  }
  const auto& rsa = std::get<crypto::RsaPublicKey>(pub.key());
  crypto::RsaPrivateComponents c;
  c.n = rsa.n();
  c.e = rsa.e();
  VAARDIG_ASSIGN_OR_RETURN(c.d, SecretMember(jwk, "d"));
  VAARDIG_ASSIGN_OR_RETURN(c.p, SecretMember(jwk, "p"));
  VAARDIG_ASSIGN_OR_RETURN(c.q, SecretMember(jwk, "q"));
  VAARDIG_ASSIGN_OR_RETURN(c.dp, SecretMember(jwk, "dp"));
  VAARDIG_ASSIGN_OR_RETURN(c.dq, SecretMember(jwk, "dq"));
  VAARDIG_ASSIGN_OR_RETURN(c.qi, SecretMember(jwk, "qi"));
  if (jwk.contains("oth")) {
    return Fail(ErrorCode::kUnimplemented, "multi-prime RSA keys ('oth') are not supported");
  }
  auto key = crypto::RsaPrivateKey::FromComponents(c);
  if (!key) return Fail(key.error().WithContext("JWK"));
  return PrivateJwk(std::move(*key), std::move(pub));
}

Result<PrivateJwk> PrivateJwk::Parse(std::string_view json_text) {
  VAARDIG_ASSIGN_OR_RETURN(const Json jwk, ParseJson(json_text, JsonLimits{.max_bytes = kMaxJwkTextBytes,
                                                                            .max_depth = 4}));
  return Parse(jwk);
}

Result<PrivateJwk> PrivateJwk::Generate(Algorithm alg, std::optional<std::string> kid) {
  switch (alg) {
    case Algorithm::kEs256:
      return FromKey(crypto::P256PrivateKey::Generate(), std::move(kid));
    case Algorithm::kEdDsa:
      return FromKey(crypto::Ed25519PrivateKey::Generate(), std::move(kid));
    case Algorithm::kRs256: {
      VAARDIG_ASSIGN_OR_RETURN(crypto::RsaPrivateKey key, crypto::RsaPrivateKey::Generate(2048));
      return FromKey(std::move(key), std::move(kid));
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown algorithm");
}

PrivateJwk PrivateJwk::FromKey(PrivateKey key, std::optional<std::string> kid) {
  PublicKey pub = std::visit([](const auto& k) -> PublicKey { return k.public_key(); }, key);
  return PrivateJwk(std::move(key), PublicJwk::FromKey(std::move(pub), std::move(kid)));
}

PrivateJwk PrivateJwk::WithKid(std::string kid) const {
  return PrivateJwk(key_, public_.WithKid(std::move(kid)));
}

Result<Bytes> PrivateJwk::Sign(ByteView signing_input) const {
  return std::visit(
      [&](const auto& key) -> Result<Bytes> {
        using K = std::decay_t<decltype(key)>;
        if constexpr (std::is_same_v<K, crypto::P256PrivateKey>) {
          VAARDIG_ASSIGN_OR_RETURN(const auto sig, key.SignEs256(signing_input));
          return Bytes(sig.begin(), sig.end());
        } else if constexpr (std::is_same_v<K, crypto::Ed25519PrivateKey>) {
          const auto sig = key.Sign(signing_input);
          return Bytes(sig.begin(), sig.end());
        } else {
          return key.SignRs256(signing_input);
        }
      },
      key_);
}

Json PrivateJwk::ExportPrivateJson() const {
  Json out = public_.ToJson();
  const auto b64 = [](const crypto::SecretBytes& s) { return encoding::Base64UrlEncode(ByteView(s.Reveal())); };
  if (const auto* ec = std::get_if<crypto::P256PrivateKey>(&key_)) {
    out["d"] = b64(ec->scalar());
  } else if (const auto* ed = std::get_if<crypto::Ed25519PrivateKey>(&key_)) {
    out["d"] = b64(ed->seed());
  } else {
    const auto& c = std::get<crypto::RsaPrivateKey>(key_).components();
    out["d"] = b64(c.d);
    out["p"] = b64(c.p);
    out["q"] = b64(c.q);
    out["dp"] = b64(c.dp);
    out["dq"] = b64(c.dq);
    out["qi"] = b64(c.qi);
  }
  return out;
}

bool JwkHasPrivateMembers(const Json& jwk) { return jwk.is_object() && HasPrivateMembers(jwk); }

}  // namespace vaardig::jose
