#include "core/sdjwt/internal/jws_bridge.h"

#include "core/encoding/base64url.h"
#include "core/jose/jws.h"

namespace vaardig::sdjwt::internal {
namespace {

Result<Json> ParsePayload(std::string_view text, const JsonLimits& limits) {
  auto payload = ParseJson(text, limits);
  if (!payload) return Fail(payload.error().WithContext("JWT payload"));
  if (!payload->is_object()) return Fail(ErrorCode::kInvalidArgument, "JWT payload is not a JSON object");
  return std::move(*payload);
}

}  // namespace

Result<PeekedJwt> PeekJwtForVerify(std::string_view jws, const JsonLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(jose::ParsedJws parsed, jose::ParseCompactJws(jws, limits.max_bytes));
  auto text = encoding::Base64UrlDecodeToString(parsed.payload_b64);
  if (!text) return Fail(text.error().WithContext("JWT payload"));
  VAARDIG_ASSIGN_OR_RETURN(Json payload, ParsePayload(*text, limits));
  return PeekedJwt{.jws = std::move(parsed), .payload = std::move(payload)};
}

Status VerifyPeekedJwt(const PeekedJwt& jwt, const jose::PublicJwk& key,
                       const std::vector<std::string>& accepted_typ) {
  jose::JwsVerifyOptions options;
  options.accepted_typ = accepted_typ;
  return jose::VerifyParsedJwsSignature(jwt.jws, key, options);
}

Result<UnverifiedJwt> PeekJwt(std::string_view jws, const JsonLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(PeekedJwt peeked, PeekJwtForVerify(jws, limits));
  return UnverifiedJwt{.header = std::move(peeked.jws.header), .payload = std::move(peeked.payload)};
}

Result<std::string> SignJwt(const jose::PrivateJwk& key, const Json& header_members, const Json& payload) {
  if (!payload.is_object()) return Fail(ErrorCode::kInvalidArgument, "JWT payload must be a JSON object");
  const Json header = header_members.is_null() ? Json::object() : header_members;
  if (const auto kid = header.find("kid"); kid != header.end() && !kid->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "JWS header 'kid' must be a string (RFC 7515 §4.1.4)");
  }
  return jose::SignCompactJws(key, header, AsBytes(DumpJson(payload)));
}

Result<UnverifiedJwt> VerifyJwt(std::string_view jws, const jose::PublicJwk& key,
                                const std::vector<std::string>& accepted_typ, const JsonLimits& limits) {
  // Signature first; the payload is decoded and parsed only once it has verified.
  VAARDIG_ASSIGN_OR_RETURN(jose::ParsedJws parsed, jose::ParseCompactJws(jws, limits.max_bytes));
  jose::JwsVerifyOptions options;
  options.accepted_typ = accepted_typ;
  VAARDIG_RETURN_IF_ERROR(jose::VerifyParsedJwsSignature(parsed, key, options));
  auto text = encoding::Base64UrlDecodeToString(parsed.payload_b64);
  if (!text) return Fail(text.error().WithContext("JWS payload"));
  VAARDIG_ASSIGN_OR_RETURN(Json payload, ParsePayload(*text, limits));
  return UnverifiedJwt{.header = std::move(parsed.header), .payload = std::move(payload)};
}

}  // namespace vaardig::sdjwt::internal
