#include "core/jose/jwt.h"

#include <cmath>

namespace vaardig::jose {
namespace {

constexpr std::size_t kMaxClaimsBytes = 256 * 1024;

// A NumericDate (RFC 7519 §2): a JSON number, possibly non-integer; we keep whole seconds.
Result<std::optional<std::int64_t>> NumericDate(const Json& claims, std::string_view name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return std::optional<std::int64_t>();
  if (it->is_number_integer()) return std::optional<std::int64_t>(it->get<std::int64_t>());
  if (it->is_number_float()) {
    const double v = it->get<double>();
    if (std::isfinite(v) && std::abs(v) < 1e15) return std::optional<std::int64_t>(static_cast<std::int64_t>(std::floor(v)));
  }
  return Fail(ErrorCode::kInvalidArgument, "JWT claim '" + std::string(name) + "' must be a NumericDate");
}

std::string Date(std::int64_t t) { return std::to_string(t); }

}  // namespace

Status ValidateJwtClaims(const Json& claims, const JwtClaimsPolicy& policy) {
  if (!claims.is_object()) return Fail(ErrorCode::kInvalidArgument, "JWT claims must be a JSON object");
  static const SystemClock kSystemClock;
  const Clock& clock = policy.clock != nullptr ? *policy.clock : kSystemClock;
  const std::int64_t now = clock.NowSeconds();
  const std::int64_t skew = policy.skew_seconds;

  VAARDIG_ASSIGN_OR_RETURN(const auto exp, NumericDate(claims, "exp"));
  VAARDIG_ASSIGN_OR_RETURN(const auto nbf, NumericDate(claims, "nbf"));
  VAARDIG_ASSIGN_OR_RETURN(const auto iat, NumericDate(claims, "iat"));
  if (policy.require_exp && !exp) return Fail(ErrorCode::kInvalidArgument, "JWT has no 'exp' claim");
  if (policy.require_iat && !iat) return Fail(ErrorCode::kInvalidArgument, "JWT has no 'iat' claim");
  if (exp && now >= *exp + skew) {
    return Fail(ErrorCode::kFailedPrecondition, "JWT expired at " + Date(*exp) + " (now " + Date(now) + ")");
  }
  if (nbf && now < *nbf - skew) {
    return Fail(ErrorCode::kFailedPrecondition, "JWT is not valid before " + Date(*nbf) + " (now " + Date(now) + ")");
  }
  if (iat && *iat > now + skew) {
    return Fail(ErrorCode::kFailedPrecondition, "JWT was issued in the future (iat " + Date(*iat) + ", now " + Date(now) + ")");
  }
  if (policy.max_age_seconds) {
    if (!iat) return Fail(ErrorCode::kInvalidArgument, "JWT has no 'iat' claim to check its age");
    if (now - *iat > *policy.max_age_seconds + skew) {
      return Fail(ErrorCode::kFailedPrecondition, "JWT is too old: issued at " + Date(*iat) + ", maximum age " +
                                                      std::to_string(*policy.max_age_seconds) + " s");
    }
  }

  if (const auto it = claims.find("iss"); it != claims.end() && !it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "JWT claim 'iss' must be a string");
  }
  if (policy.expected_iss) {
    const auto it = claims.find("iss");
    if (it == claims.end()) return Fail(ErrorCode::kPermissionDenied, "JWT has no 'iss'; expected " + *policy.expected_iss);
    if (it->get_ref<const std::string&>() != *policy.expected_iss) {
      return Fail(ErrorCode::kPermissionDenied,
                  "JWT issuer '" + it->get<std::string>() + "' is not the expected '" + *policy.expected_iss + "'");
    }
  }
  const auto aud = claims.find("aud");
  if (aud != claims.end()) {
    const bool ok_type = aud->is_string() || (aud->is_array() && std::ranges::all_of(*aud, [](const Json& a) {
                                                return a.is_string();
                                              }));
    if (!ok_type) return Fail(ErrorCode::kInvalidArgument, "JWT claim 'aud' must be a string or an array of strings");
  }
  if (policy.expected_aud) {
    if (aud == claims.end()) return Fail(ErrorCode::kPermissionDenied, "JWT has no 'aud'; expected " + *policy.expected_aud);
    const bool match = aud->is_string() ? aud->get_ref<const std::string&>() == *policy.expected_aud
                                        : std::ranges::any_of(*aud, [&](const Json& a) {
                                            return a.get_ref<const std::string&>() == *policy.expected_aud;
                                          });
    if (!match) {
      return Fail(ErrorCode::kPermissionDenied, "JWT audience " + aud->dump() + " does not include '" + *policy.expected_aud + "'");
    }
  }
  return Ok();
}

Result<std::string> SignJwt(const PrivateJwk& key, const Json& header, const Json& claims) {
  if (!claims.is_object()) return Fail(ErrorCode::kInvalidArgument, "JWT claims must be a JSON object");
  return SignCompactJws(key, header, AsBytes(DumpJson(claims)));
}

Result<Json> ParseJwtClaims(ByteView payload) {
  auto claims = ParseJson(ToString(payload), JsonLimits{.max_bytes = kMaxClaimsBytes, .max_depth = 32});
  if (!claims) return Fail(claims.error().WithContext("JWT claims"));
  if (!claims->is_object()) return Fail(ErrorCode::kInvalidArgument, "JWT claims must be a JSON object");
  return std::move(*claims);
}

Result<VerifiedJwt> VerifyParsedJwt(const ParsedJws& jwt, const PublicJwk& key, const JwsVerifyOptions& options,
                                    const JwtClaimsPolicy& policy) {
  VAARDIG_ASSIGN_OR_RETURN(VerifiedJws jws, VerifyParsedJws(jwt, key, options));
  VAARDIG_ASSIGN_OR_RETURN(Json claims, ParseJwtClaims(jws.payload));
  VAARDIG_RETURN_IF_ERROR(ValidateJwtClaims(claims, policy));
  return VerifiedJwt{.header = std::move(jws.header), .claims = std::move(claims)};
}

Result<VerifiedJwt> VerifyJwt(std::string_view jwt, const PublicJwk& key, const JwsVerifyOptions& options,
                              const JwtClaimsPolicy& policy) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedJws parsed, ParseCompactJws(jwt, options.max_bytes));
  return VerifyParsedJwt(parsed, key, options, policy);
}

}  // namespace vaardig::jose
