#include "issuer/cli/sign_sd_jwt.h"

#include "core/did/did_jwk.h"
#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "core/status/status_list_token.h"

namespace vaardig::issuer::cli {

Result<std::string> SignSdJwtVc(const jose::PrivateJwk& key, const SdJwtSignRequest& request) {
  if (!request.claims.is_object()) return Fail(ErrorCode::kInvalidArgument, "the claims file must hold a JSON object");
  Json claims = request.claims;
  if (!claims.contains("iat")) claims["iat"] = request.now;
  if (request.holder_jwk) {
    if (claims.contains("cnf")) {
      return Fail(ErrorCode::kInvalidArgument, "the claims already have 'cnf'; give the holder key in one place");
    }
    claims["cnf"] = Json{{"jwk", request.holder_jwk->ToJson()}};
  }
  if (request.status_uri.has_value() != request.status_idx.has_value()) {
    return Fail(ErrorCode::kInvalidArgument, "--status-uri and --status-idx go together");
  }
  if (request.status_uri) {
    if (claims.contains("status")) {
      return Fail(ErrorCode::kInvalidArgument, "the claims already have 'status'; give it in one place");
    }
    claims["status"] = status::MakeStatusClaim({.idx = *request.status_idx, .uri = *request.status_uri});
    // Read it back through the verifier's parser so that what we issue is what verifiers accept.
    VAARDIG_RETURN_IF_ERROR(status::ReadStatusReference(claims));
  }

  sdjwt::SdJwtVcIssueOptions options;
  if (request.sd.empty()) {
    options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
  } else {
    for (const std::string& text : request.sd) {
      auto path = sdjwt::ParseClaimPath(text);
      if (!path) return Fail(path.error().WithContext("--sd " + text));
      options.sd_paths.push_back(std::move(*path));
    }
  }
  if (key.public_jwk().kid()) options.kid = *key.public_jwk().kid();
  // An issuer that is the key's own did:jwk names the key by its DID URL (SD-JWT VC §3.5: a DID
  // issuer's kid is a DID URL), whatever kid the key file carries.
  if (claims.contains("iss") && claims["iss"].is_string() &&
      claims["iss"].get<std::string>() == did::CreateDidJwk(key.public_jwk())) {
    options.kid = claims["iss"].get<std::string>() + "#0";
  }
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::IssuedSdJwt issued, sdjwt::IssueSdJwtVc(claims, key, options));
  return issued.parts.SerializeCompact();
}

}  // namespace vaardig::issuer::cli
