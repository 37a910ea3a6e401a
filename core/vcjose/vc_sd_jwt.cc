#include "core/vcjose/vc_sd_jwt.h"

#include <string>
#include <variant>

#include "core/jose/jws.h"
#include "core/sdjwt/sd_jwt.h"
#include "core/sdjwt/verifier.h"
#include "core/vcjose/document.h"
#include "core/vcjose/internal/verified_builder.h"

namespace vaardig::vcjose {
namespace {

Result<sdjwt::IssuedSdJwt> Issue(const Json& document, SecuredFormat format, const jose::PrivateJwk& key,
                                 const SdJwtIssueOptions& options) {
  for (const auto& path : options.sd_paths) {
    if (!path.empty() && std::holds_alternative<std::string>(path.front()) &&
        std::get<std::string>(path.front()) == "@context") {
      return Fail(ErrorCode::kInvalidArgument, "'@context' cannot be selectively disclosable");
    }
  }
  sdjwt::IssueOptions issue;
  issue.sd_paths = options.sd_paths;
  issue.max_decoys = options.max_decoys;
  issue.header = JoseHeader(format, key, options.jose);
  return sdjwt::IssueSdJwt(document, key, issue);
}


// Splits the SD-JWT and checks the first issuer JWT's typ / cty before anything else.
Result<sdjwt::SdJwtParts> SplitAndCheckTyp(std::string_view text, std::string_view typ, std::string_view cty,
                                           const sdjwt::SdJwtLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "input of " + std::to_string(text.size()) +
                                                   " bytes exceeds the limit of " + std::to_string(limits.max_bytes));
  }
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::SdJwtParts parts, sdjwt::ParseSdJwt(text, limits));
  VAARDIG_ASSIGN_OR_RETURN(Json header, internal::PeekProtectedHeader(parts.issuer_jwt()));
  VAARDIG_RETURN_IF_ERROR(internal::CheckTypAndCty(header, typ, cty));
  return parts;
}

Result<VerifiedVcJose> Verify(std::string_view text, SecuredFormat format, const KeyLookup& lookup,
                              const Clock& clock, const VerifyOptions& options) {
  const bool presentation = format == SecuredFormat::kVpSdJwt;
  const std::string typ(FormatName(format));
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = &clock;
  policy.skew_seconds = options.skew_seconds;
  policy.accepted_typ = {typ};
  policy.key_binding = options.key_binding;
  policy.limits.max_bytes = options.max_bytes;
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::SdJwtParts parts,
                           SplitAndCheckTyp(text, typ, presentation ? "vp" : "vc", policy.limits));
  // The SD-JWT verifier hands the lookup the unverified payload too; ours looks at the header only.
  const sdjwt::IssuerKeyLookup header_only = [&lookup](const Json& header, const Json&) { return lookup(header); };
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::VerifiedSdJwt sd, sdjwt::VerifySdJwtParts(parts, header_only, policy));

  Json claims = sd.claims();
  auto result = internal::VerifiedBuilder::Make(format, sd.header(), claims, std::move(claims), sd.issuer_key());
  internal::VerifiedBuilder::SetDisclosures(result, sd.disclosed(), sd.key_binding_payload());
  if (presentation) {
    VAARDIG_RETURN_IF_ERROR(
        internal::CheckVerifiedPresentation(result.header(), result.document(), clock, options, result));
  } else {
    VAARDIG_RETURN_IF_ERROR(
        internal::CheckVerifiedCredential(result.header(), result.document(), clock, options.skew_seconds));
  }
  return result;
}

}  // namespace

Result<sdjwt::IssuedSdJwt> IssueVcSdJwt(const Json& credential, const jose::PrivateJwk& key,
                                        const SdJwtIssueOptions& options) {
  VAARDIG_RETURN_IF_ERROR(CheckCredentialShape(credential));
  return Issue(credential, SecuredFormat::kVcSdJwt, key, options);
}

Result<sdjwt::IssuedSdJwt> IssueVpSdJwt(const Json& presentation, const jose::PrivateJwk& key,
                                        const SdJwtIssueOptions& options) {
  VAARDIG_RETURN_IF_ERROR(CheckPresentationShape(presentation));
  return Issue(presentation, SecuredFormat::kVpSdJwt, key, options);
}

Result<VerifiedVcJose> VerifyVcSdJwt(std::string_view sd_jwt, const KeyLookup& lookup, const Clock& clock,
                                     const VerifyOptions& options) {
  return Verify(sd_jwt, SecuredFormat::kVcSdJwt, lookup, clock, options);
}

Result<VerifiedVcJose> VerifyVpSdJwt(std::string_view sd_jwt, const KeyLookup& lookup, const Clock& clock,
                                     const VerifyOptions& options) {
  return Verify(sd_jwt, SecuredFormat::kVpSdJwt, lookup, clock, options);
}

}  // namespace vaardig::vcjose
