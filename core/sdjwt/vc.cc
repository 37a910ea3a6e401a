#include "core/sdjwt/vc.h"

#include <array>

namespace vaardig::sdjwt {

bool IsNeverDisclosable(std::string_view claim) {
  static constexpr std::array<std::string_view, 8> kNever = {
      "iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "iat"};
  for (auto never : kNever) {
    if (claim == never) return true;
  }
  return false;
}

namespace {

Status CheckRequiredStrings(const Json& claims) {
  for (const char* name : {"vct", "iss"}) {
    auto it = claims.find(name);
    if (it == claims.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("an SD-JWT VC needs a non-empty string '") + name + "'");
    }
  }
  return Ok();
}

}  // namespace

Result<IssuedSdJwt> IssueSdJwtVc(const Json& claims, const jose::PrivateJwk& key,
                                 const SdJwtVcIssueOptions& options) {
  if (!claims.is_object()) return Fail(ErrorCode::kInvalidArgument, "claims must be a JSON object");
  VAARDIG_RETURN_IF_ERROR(CheckRequiredStrings(claims));
  for (const auto& path : options.sd_paths) {
    if (path.size() >= 1 && std::holds_alternative<std::string>(path[0]) &&
        IsNeverDisclosable(std::get<std::string>(path[0]))) {
      return Fail(ErrorCode::kInvalidArgument,
                  "'" + FormatClaimPath(path) + "' may not be selectively disclosable in an SD-JWT VC");
    }
  }
  IssueOptions issue;
  issue.sd_paths = options.sd_paths;
  issue.max_decoys = options.max_decoys;
  issue.header = Json::object();
  issue.header["typ"] = kSdJwtVcTyp;
  if (options.kid) issue.header["kid"] = *options.kid;
  return IssueSdJwt(claims, key, issue);
}

Result<VerifiedSdJwt> VerifySdJwtVc(std::string_view serialized, const IssuerKeyLookup& lookup,
                                    SdJwtVerifyPolicy policy) {
  policy.accepted_typ = {std::string(kSdJwtVcTyp), std::string(kLegacySdJwtVcTyp)};
  VAARDIG_ASSIGN_OR_RETURN(VerifiedSdJwt verified, VerifySdJwt(serialized, lookup, policy));
  VAARDIG_RETURN_IF_ERROR(CheckRequiredStrings(verified.claims()));
  for (const auto& disclosed : verified.disclosed()) {
    if (disclosed.path.size() == 1 && std::holds_alternative<std::string>(disclosed.path[0]) &&
        IsNeverDisclosable(std::get<std::string>(disclosed.path[0]))) {
      return Fail(ErrorCode::kInvalidArgument,
                  "'" + FormatClaimPath(disclosed.path) +
                      "' arrived through a disclosure but must be in the clear in an SD-JWT VC");
    }
  }
  return verified;
}

}  // namespace vaardig::sdjwt
