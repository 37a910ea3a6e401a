#include "core/vcjose/vc_jwt.h"

#include "core/jose/jws.h"
#include "core/vcjose/document.h"
#include "core/vcjose/internal/verified_builder.h"

namespace vaardig::vcjose {
namespace {

Result<std::string> SignDocument(const Json& document, SecuredFormat format, const jose::PrivateJwk& key,
                                 const JoseOptions& options) {
  const std::string payload = DumpJson(document);
  if (payload.size() > kMaxSecuredBytes) {
    return Fail(ErrorCode::kResourceExhausted, "the document is larger than " + std::to_string(kMaxSecuredBytes) + " bytes");
  }
  return jose::SignCompactJws(key, JoseHeader(format, key, options), AsBytes(payload));
}

}  // namespace

Json JoseHeader(SecuredFormat format, const jose::PrivateJwk& key, const JoseOptions& options) {
  Json header = Json::object();
  if (options.kid) {
    header["kid"] = *options.kid;
  } else if (key.public_jwk().kid()) {
    header["kid"] = *key.public_jwk().kid();
  }
  const bool presentation = format == SecuredFormat::kVpJwt || format == SecuredFormat::kVpSdJwt;
  header["typ"] = FormatName(format);
  if (options.cty) header["cty"] = presentation ? "vp" : "vc";
  return header;
}

Result<std::string> SignVcJwt(const Json& credential, const jose::PrivateJwk& key, const JoseOptions& options) {
  VAARDIG_RETURN_IF_ERROR(CheckCredentialShape(credential));
  return SignDocument(credential, SecuredFormat::kVcJwt, key, options);
}

Result<std::string> SignVpJwt(const Json& presentation, const jose::PrivateJwk& key, const JoseOptions& options) {
  VAARDIG_RETURN_IF_ERROR(CheckPresentationShape(presentation));
  return SignDocument(presentation, SecuredFormat::kVpJwt, key, options);
}

Result<VerifiedVcJose> VerifyVcJwt(std::string_view jws, const KeyLookup& lookup, const Clock& clock,
                                   const VerifyOptions& options) {
  VAARDIG_ASSIGN_OR_RETURN(auto signed_json,
                           internal::VerifySignedJson(jws, "vc+jwt", "vc", lookup, options.max_bytes));
  VAARDIG_RETURN_IF_ERROR(
      internal::CheckVerifiedCredential(signed_json.header, signed_json.payload, clock, options.skew_seconds));
  Json document = signed_json.payload;
  return internal::VerifiedBuilder::Make(SecuredFormat::kVcJwt, std::move(signed_json.header),
                                         std::move(signed_json.payload), std::move(document),
                                         std::move(signed_json.key));
}

Result<VerifiedVcJose> VerifyVpJwt(std::string_view jws, const KeyLookup& lookup, const Clock& clock,
                                   const VerifyOptions& options) {
  VAARDIG_ASSIGN_OR_RETURN(auto signed_json,
                           internal::VerifySignedJson(jws, "vp+jwt", "vp", lookup, options.max_bytes));
  Json document = signed_json.payload;
  auto result = internal::VerifiedBuilder::Make(SecuredFormat::kVpJwt, signed_json.header,
                                                std::move(signed_json.payload), std::move(document),
                                                std::move(signed_json.key));
  VAARDIG_RETURN_IF_ERROR(
      internal::CheckVerifiedPresentation(result.header(), result.document(), clock, options, result));
  return result;
}

}  // namespace vaardig::vcjose
