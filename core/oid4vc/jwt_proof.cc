// OpenID4VCI 1.0 Appendix F.1: the `jwt` key proof type, verified and made. See credential_request.h.
#include <algorithm>
#include <utility>

#include "core/did/did_jwk.h"
#include "core/did/did_key.h"
#include "core/did/did_url.h"
#include "core/did/document.h"
#include "core/jose/jws.h"
#include "core/jose/jwt.h"
#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/description.h"

namespace vaardig::oid4vc {
namespace {

std::unexpected<OAuthError> ProofFail(std::string description) {
  return OAuthFail(errors::kInvalidProof, "key proof: " + internal::DescriptionSafe(description, 300));
}

struct ProofKey {
  jose::PublicJwk key;
  std::optional<std::string> did;
};

// The key a proof names: exactly one of jwk / kid / x5c (Appendix F.1).
OAuthResult<ProofKey> FindProofKey(const Json& header) {
  const bool has_jwk = header.contains("jwk");
  const bool has_kid = header.contains("kid");
  const bool has_x5c = header.contains("x5c");
  const int count = static_cast<int>(has_jwk) + static_cast<int>(has_kid) + static_cast<int>(has_x5c);
  if (count != 1) return ProofFail("the header must carry exactly one of 'jwk', 'kid' and 'x5c'");
  if (has_x5c) return ProofFail("'x5c' key proofs are not supported; use 'jwk' or a did:jwk/did:key 'kid'");
  if (header.contains("trust_chain")) return ProofFail("'trust_chain' is not supported");
  if (has_jwk) {
    const Json& jwk = header["jwk"];
    if (!jwk.is_object()) return ProofFail("header 'jwk' must be an object");
    if (jose::JwkHasPrivateMembers(jwk)) return ProofFail("header 'jwk' contains private key members");
    auto key = did::ParsePublicOnlyJwk(jwk);
    if (!key) return ProofFail("header 'jwk': " + key.error().message());
    return ProofKey{std::move(*key), std::nullopt};
  }
  if (!header["kid"].is_string()) return ProofFail("header 'kid' must be a string");
  const std::string& kid = header["kid"].get_ref<const std::string&>();
  auto url = did::ParseDidUrl(kid);
  if (!url) return ProofFail("header 'kid' must be a did:jwk or did:key DID URL");
  if (url->did.method != "jwk" && url->did.method != "key") {
    return ProofFail("header 'kid' must be a did:jwk or did:key DID URL, not did:" + url->did.method.substr(0, 32));
  }
  if (!url->fragment.has_value() || !url->path.empty() || url->query.has_value()) {
    return ProofFail("header 'kid' must be a DID URL with a fragment naming a verification method");
  }
  auto document = url->did.method == "jwk" ? did::ResolveDidJwk(url->did.did) : did::ResolveDidKey(url->did.did);
  if (!document) return ProofFail("header 'kid': " + document.error().message());
  auto method = document->GetVerificationMethod(kid, did::Relationship::kAuthentication);
  if (!method) return ProofFail("header 'kid': " + method.error().message());
  return ProofKey{std::move(method->key), url->did.did};
}

OAuthResult<std::int64_t> IntClaim(const Json& claims, std::string_view name) {
  auto it = claims.find(name);
  if (it == claims.end()) return ProofFail("missing claim '" + std::string(name) + "'");
  if (!it->is_number_integer()) return ProofFail("claim '" + std::string(name) + "' must be an integer (seconds)");
  return it->get<std::int64_t>();
}

}  // namespace

OAuthResult<VerifiedProof> VerifyJwtProof(std::string_view jwt, const ProofPolicy& policy) {
  if (jwt.size() > kMaxJwtProofBytes) return ProofFail("larger than 16 KiB");
  auto parsed = jose::ParseCompactJws(jwt, kMaxJwtProofBytes);
  if (!parsed) return ProofFail(parsed.error().message());
  // Header checks first: they need no key and give the clearest errors.
  if (!parsed->typ.has_value() || !jose::TypMatches(*parsed->typ, kProofJwtTyp)) {
    return ProofFail("header 'typ' must be openid4vci-proof+jwt");
  }
  const std::string alg(jose::AlgorithmName(parsed->alg));
  if (std::ranges::find(policy.algorithms, alg) == policy.algorithms.end()) {
    return ProofFail("alg " + alg + " is not accepted");
  }
  VAARDIG_ASSIGN_OR_RETURN(ProofKey key, FindProofKey(parsed->header));
  if (!key.key.for_signatures()) return ProofFail("the key is not for signatures");

  // The key decides the algorithm; the signature is checked before the payload is decoded.
  jose::JwsVerifyOptions options;
  options.accepted_typ = {std::string(kProofJwtTyp)};
  options.max_bytes = kMaxJwtProofBytes;
  auto verified = jose::VerifyParsedJws(*parsed, key.key, options);
  if (!verified) return ProofFail(verified.error().message());
  auto claims = jose::ParseJwtClaims(verified->payload);
  if (!claims) return ProofFail("payload: " + claims.error().message());

  auto aud = claims->find("aud");
  if (aud == claims->end()) return ProofFail("missing claim 'aud'");
  bool aud_ok = aud->is_string() && aud->get_ref<const std::string&>() == policy.audience;
  if (aud->is_array()) {
    aud_ok = std::ranges::any_of(*aud, [&](const Json& a) { return a.is_string() && a.get_ref<const std::string&>() == policy.audience; });
  }
  if (!aud_ok) return ProofFail("claim 'aud' is not this Credential Issuer");

  VerifiedProof result{.holder_key = std::move(key.key), .holder_did = std::move(key.did), .nonce = {}, .iss = {}, .iat = 0};
  VAARDIG_ASSIGN_OR_RETURN(result.iat, IntClaim(*claims, "iat"));
  if (result.iat > policy.now + policy.skew_seconds) return ProofFail("claim 'iat' is in the future");
  if (result.iat < policy.now - policy.max_age_seconds) return ProofFail("claim 'iat' is too old");
  if (claims->contains("exp")) {
    VAARDIG_ASSIGN_OR_RETURN(const std::int64_t exp, IntClaim(*claims, "exp"));
    if (exp + policy.skew_seconds <= policy.now) return ProofFail("claim 'exp' has passed");
  }
  if (auto iss = claims->find("iss"); iss != claims->end()) {
    if (!iss->is_string()) return ProofFail("claim 'iss' must be a string");
    result.iss = iss->get<std::string>();
  }
  if (auto nonce = claims->find("nonce"); nonce != claims->end()) {
    if (!nonce->is_string() || nonce->get_ref<const std::string&>().empty()) {
      return ProofFail("claim 'nonce' must be a non-empty string");
    }
    result.nonce = nonce->get<std::string>();
  } else if (policy.require_nonce) {
    // §8.3.1.2: a key proof not linked to a required c_nonce is invalid_proof; invalid_nonce is for
    // a c_nonce the issuer does not accept.
    return ProofFail("missing claim 'nonce': fetch a c_nonce from the Nonce Endpoint");
  }
  return result;
}

Result<std::string> MakeJwtProof(const JwtProofInput& input) {
  if (input.key == nullptr) return Fail(ErrorCode::kInvalidArgument, "MakeJwtProof needs a key");
  if (input.audience.empty()) return Fail(ErrorCode::kInvalidArgument, "MakeJwtProof needs an audience");
  Json header = Json::object();
  header["typ"] = std::string(kProofJwtTyp);
  if (input.kid) {
    header["kid"] = *input.kid;
  } else {
    header["jwk"] = input.key->public_jwk().ToJson();
    header["jwk"].erase("kid");
  }
  Json claims = Json::object();
  if (input.iss) claims["iss"] = *input.iss;
  claims["aud"] = input.audience;
  claims["iat"] = input.iat;
  if (input.nonce) claims["nonce"] = *input.nonce;
  return jose::SignJwt(*input.key, header, claims);
}

}  // namespace vaardig::oid4vc
