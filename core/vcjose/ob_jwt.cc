#include "core/vcjose/ob_jwt.h"

#include <algorithm>
#include <array>

#include "core/dataintegrity/date_time.h"
#include "core/jose/jws.h"
#include "core/vcjose/document.h"
#include "core/vcjose/internal/verified_builder.h"

namespace vaardig::vcjose {
namespace {

Result<std::int64_t> DateSeconds(const Json& credential, const char* name) {
  auto seconds = dataintegrity::ParseDateTimeStamp(credential.at(name).get_ref<const std::string&>());
  if (!seconds) return Fail(seconds.error().WithContext(name));
  return *seconds;
}

// The JWT claims §8.2.3 adds to the credential (and iat, which a token may carry).
constexpr std::array<std::string_view, 6> kRegisteredClaims = {"iss", "nbf", "exp", "jti", "sub", "iat"};

// Which credential member each mirrored claim comes from, for messages.
struct Mirror {
  const char* claim;
  const char* member;
};
constexpr std::array<Mirror, 5> kMirrors = {{
    {"iss", "issuer id"},
    {"nbf", "validFrom"},
    {"exp", "validUntil"},
    {"jti", "credential id"},
    {"sub", "credentialSubject.id"},
}};

Status CheckMirroredClaims(const Json& claims, const Json& expected) {
  for (const auto& [claim, member] : kMirrors) {
    const bool has = claims.contains(claim);
    const bool wants = expected.contains(claim);
    if (has && !wants) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("JWT claim '") + claim + "' is present but the credential has no " + member);
    }
    if (!has && wants) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("JWT claim '") + claim + "' is missing though the credential has a " + member);
    }
    if (has && claims[claim] != expected[claim]) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("JWT claim '") + claim + "' does not match the credential's " + member);
    }
  }
  return Ok();
}

}  // namespace

Result<Json> ObJwtClaims(const Json& credential) {
  VAARDIG_RETURN_IF_ERROR(CheckCredentialShape(credential));
  if (!credential.contains("validFrom")) {
    return Fail(ErrorCode::kInvalidArgument, "an Open Badges VC-JWT needs a credential with 'validFrom' (for nbf)");
  }
  Json claims = Json::object();
  claims["iss"] = IssuerId(credential);
  VAARDIG_ASSIGN_OR_RETURN(claims["nbf"], DateSeconds(credential, "validFrom"));
  if (credential.contains("validUntil")) {
    VAARDIG_ASSIGN_OR_RETURN(claims["exp"], DateSeconds(credential, "validUntil"));
  }
  auto id = credential.find("id");
  if (id == credential.end() || !id->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "an Open Badges VC-JWT needs a credential with a string 'id' (for jti)");
  }
  claims["jti"] = *id;
  const Json& subject = credential.at("credentialSubject");
  if (subject.is_array() && subject.size() != 1) {
    return Fail(ErrorCode::kInvalidArgument, "an Open Badges credential has exactly one credentialSubject");
  }
  const Json& one = subject.is_array() ? subject.front() : subject;
  if (auto sub = one.find("id"); sub != one.end()) {
    if (!sub->is_string()) return Fail(ErrorCode::kInvalidArgument, "credentialSubject 'id' must be a string");
    claims["sub"] = *sub;
  }
  return claims;
}

Result<std::string> SignObJwt(const Json& credential, const jose::PrivateJwk& key, const ObJwtOptions& options) {
  VAARDIG_ASSIGN_OR_RETURN(Json registered, ObJwtClaims(credential));
  Json claims = Json::object();
  if (options.form == ObJwtForm::kVcClaim) {
    claims = std::move(registered);
    claims["vc"] = credential;
  } else {
    for (const auto& [name, value] : credential.items()) {
      if (kRegisteredClaims.end() !=
          std::find(kRegisteredClaims.begin(), kRegisteredClaims.end(), std::string_view(name))) {
        return Fail(ErrorCode::kInvalidArgument,
                    "the credential has a member '" + name + "', which is a JWT claim in this format");
      }
      claims[name] = value;
    }
    for (auto& [name, value] : registered.items()) claims[name] = std::move(value);
  }
  Json header = Json::object();
  header["typ"] = "JWT";
  if (options.kid) {
    header["kid"] = *options.kid;
  } else if (key.public_jwk().kid()) {
    header["kid"] = *key.public_jwk().kid();
  }
  if (options.embed_jwk || !header.contains("kid")) header["jwk"] = key.public_jwk().ToJson();
  const std::string payload = DumpJson(claims);
  if (payload.size() > kMaxSecuredBytes) {
    return Fail(ErrorCode::kResourceExhausted, "the credential is larger than " + std::to_string(kMaxSecuredBytes) + " bytes");
  }
  return jose::SignCompactJws(key, header, AsBytes(payload));
}

Result<VerifiedVcJose> VerifyObJwt(std::string_view jwt, const KeyLookup& lookup, const Clock& clock,
                                   const VerifyOptions& options) {
  VAARDIG_ASSIGN_OR_RETURN(auto signed_json, internal::VerifySignedJson(jwt, "JWT", "", lookup, options.max_bytes,
                                                                        /*typ_required=*/false));
  const Json& header = signed_json.header;
  for (const auto& [name, value] : header.items()) {
    if (name != "alg" && name != "kid" && name != "jwk" && name != "typ") {
      return Fail(ErrorCode::kInvalidArgument,
                  "JOSE header parameter '" + name.substr(0, 64) + "' is not allowed in an Open Badges VC-JWT");
    }
  }
  if (!header.contains("kid") && !header.contains("jwk")) {
    return Fail(ErrorCode::kInvalidArgument, "an Open Badges VC-JWT header needs 'kid' or 'jwk'");
  }
  if (auto jwk = header.find("jwk"); jwk != header.end() && (!jwk->is_object() || jose::JwkHasPrivateMembers(*jwk))) {
    return Fail(ErrorCode::kInvalidArgument, "the header 'jwk' must be a public JWK (OB 3.0 §8.2.2: never \"d\")");
  }
  const Json& claims = signed_json.payload;
  Json document;
  if (auto vc = claims.find("vc"); vc != claims.end()) {
    document = *vc;  // VCDM 1.1 style
  } else {
    document = claims;
    for (std::string_view name : kRegisteredClaims) document.erase(std::string(name));
  }
  if (auto shape = CheckCredentialShape(document); !shape) return Fail(shape.error().WithContext("credential"));
  VAARDIG_ASSIGN_OR_RETURN(Json expected, ObJwtClaims(document));
  VAARDIG_RETURN_IF_ERROR(CheckMirroredClaims(claims, expected));
  VAARDIG_RETURN_IF_ERROR(CheckKidMatchesSigner(header, IssuerId(document)));
  VAARDIG_RETURN_IF_ERROR(CheckJwtTimes(claims, clock, options.skew_seconds));
  VAARDIG_RETURN_IF_ERROR(CheckValidityPeriod(document, clock, options.skew_seconds));
  return internal::VerifiedBuilder::Make(SecuredFormat::kObJwt, std::move(signed_json.header),
                                         std::move(signed_json.payload), std::move(document),
                                         std::move(signed_json.key));
}

}  // namespace vaardig::vcjose
