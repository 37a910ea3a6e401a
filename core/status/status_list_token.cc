#include "core/status/status_list_token.h"

#include <limits>

#include "core/jose/jws.h"
#include "core/jose/jwt.h"

namespace vaardig::status {
namespace {

constexpr std::size_t kMaxUriBytes = 2048;

Result<std::int64_t> RequireInt(const Json& claims, std::string_view name) {
  const auto it = claims.find(name);
  if (it == claims.end()) {
    return Fail(ErrorCode::kInvalidArgument, "Status List Token has no '" + std::string(name) + "'");
  }
  if (!it->is_number_integer()) {
    return Fail(ErrorCode::kInvalidArgument, "Status List Token '" + std::string(name) + "' must be an integer");
  }
  return it->get<std::int64_t>();
}

Result<std::optional<std::int64_t>> OptionalInt(const Json& claims, std::string_view name) {
  if (!claims.contains(name)) return std::optional<std::int64_t>();
  VAARDIG_ASSIGN_OR_RETURN(const std::int64_t v, RequireInt(claims, name));
  return std::optional<std::int64_t>(v);
}

}  // namespace

Result<StatusListReference> ReadStatusReference(const Json& claims) {
  if (!claims.is_object() || !claims.contains("status")) {
    return Fail(ErrorCode::kNotFound, "the token has no 'status' claim");
  }
  const Json& status = claims["status"];
  if (!status.is_object()) return Fail(ErrorCode::kInvalidArgument, "'status' must be an object");
  if (!status.contains("status_list")) return Fail(ErrorCode::kNotFound, "'status' has no 'status_list'");
  const Json& ref = status["status_list"];
  if (!ref.is_object()) return Fail(ErrorCode::kInvalidArgument, "'status.status_list' must be an object");
  if (!ref.contains("idx") || !ref["idx"].is_number_unsigned()) {
    return Fail(ErrorCode::kInvalidArgument, "'status.status_list.idx' must be a non-negative integer");
  }
  if (!ref.contains("uri") || !ref["uri"].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "'status.status_list.uri' must be a string");
  }
  const auto& uri = ref["uri"].get_ref<const std::string&>();
  if (uri.empty() || uri.size() > kMaxUriBytes) {
    return Fail(ErrorCode::kInvalidArgument, "'status.status_list.uri' is empty or longer than 2048 bytes");
  }
  if (!uri.starts_with("https://") && !uri.starts_with("http://")) {
    return Fail(ErrorCode::kInvalidArgument, "'status.status_list.uri' must be an http(s) URI");
  }
  const std::uint64_t idx = ref["idx"].get<std::uint64_t>();
  if (idx > std::numeric_limits<std::uint32_t>::max()) {
    return Fail(ErrorCode::kInvalidArgument, "'status.status_list.idx' is out of range");
  }
  return StatusListReference{.idx = static_cast<std::size_t>(idx), .uri = uri};
}

Json MakeStatusClaim(const StatusListReference& ref) {
  return Json{{"status_list", Json{{"idx", ref.idx}, {"uri", ref.uri}}}};
}

Result<std::string> SignStatusListToken(const StatusList& list, const StatusListTokenClaims& claims,
                                        const jose::PrivateJwk& key, std::optional<std::string> kid) {
  if (claims.sub.empty()) return Fail(ErrorCode::kInvalidArgument, "a Status List Token needs 'sub' (its URI)");
  VAARDIG_ASSIGN_OR_RETURN(Json encoded, list.Encode());
  Json payload = Json::object();
  if (claims.iss) payload["iss"] = *claims.iss;
  payload["sub"] = claims.sub;
  payload["iat"] = claims.iat;
  if (claims.exp) payload["exp"] = *claims.exp;
  if (claims.ttl) payload["ttl"] = *claims.ttl;
  payload["status_list"] = std::move(encoded);
  Json header = Json{{"typ", kStatusListJwtTyp}};
  if (kid) {
    header["kid"] = *kid;
  } else if (key.public_jwk().kid()) {
    header["kid"] = *key.public_jwk().kid();
  }
  return jose::SignJwt(key, header, payload);
}

Result<VerifiedStatusList> VerifyStatusListToken(std::string_view jwt, const jose::PublicJwk& key,
                                                 const StatusListTokenPolicy& policy) {
  if (policy.clock == nullptr) return Fail(ErrorCode::kInvalidArgument, "Status List Token policy needs a clock");
  jose::JwsVerifyOptions options;
  options.accepted_typ = {std::string(kStatusListJwtTyp)};
  options.max_bytes = policy.limits.max_compressed_bytes + 64 * 1024;
  jose::JwtClaimsPolicy claims_policy{.clock = policy.clock, .skew_seconds = policy.skew_seconds, .require_iat = true};
  auto verified = jose::VerifyJwt(jwt, key, options, claims_policy);
  if (!verified) return Fail(verified.error().WithContext("Status List Token"));
  const Json& payload = verified->claims;

  StatusListTokenClaims claims;
  if (!payload.contains("sub") || !payload["sub"].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "Status List Token has no 'sub' string");
  }
  claims.sub = payload["sub"].get<std::string>();
  if (!policy.expected_sub.empty() && claims.sub != policy.expected_sub) {
    return Fail(ErrorCode::kPermissionDenied, "Status List Token 'sub' " + claims.sub +
                                                  " is not the URI it was fetched from, " + policy.expected_sub);
  }
  VAARDIG_ASSIGN_OR_RETURN(claims.iat, RequireInt(payload, "iat"));
  VAARDIG_ASSIGN_OR_RETURN(claims.exp, OptionalInt(payload, "exp"));
  VAARDIG_ASSIGN_OR_RETURN(claims.ttl, OptionalInt(payload, "ttl"));
  if (claims.ttl && *claims.ttl < 0) return Fail(ErrorCode::kInvalidArgument, "Status List Token 'ttl' is negative");
  if (payload.contains("iss")) {
    if (!payload["iss"].is_string()) return Fail(ErrorCode::kInvalidArgument, "Status List Token 'iss' must be a string");
    claims.iss = payload["iss"].get<std::string>();
  }
  if (!payload.contains("status_list")) return Fail(ErrorCode::kInvalidArgument, "Status List Token has no 'status_list'");
  auto list = StatusList::Decode(payload["status_list"], policy.limits);
  if (!list) return Fail(list.error().WithContext("Status List Token"));
  return VerifiedStatusList{.list = std::move(*list), .claims = std::move(claims)};
}

}  // namespace vaardig::status
