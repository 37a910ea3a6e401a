// SD-JWT VC (draft-ietf-oauth-sd-jwt-vc; DIIP v5 pins -13): the credential profile on top of
// SD-JWT. `typ` is dc+sd-jwt (legacy vc+sd-jwt accepted on input, never produced); `vct` and `iss`
// are required; iss, nbf, exp, cnf, vct, vct#integrity and status are never selectively
// disclosable, and neither is iat in Vaardig's profile.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/issuer.h"
#include "core/sdjwt/verifier.h"

namespace vaardig::sdjwt {

inline constexpr std::string_view kSdJwtVcTyp = "dc+sd-jwt";
inline constexpr std::string_view kLegacySdJwtVcTyp = "vc+sd-jwt";

// True for the claims an SD-JWT VC never makes selectively disclosable.
[[nodiscard]] bool IsNeverDisclosable(std::string_view top_level_claim);

struct SdJwtVcIssueOptions {
  std::vector<ClaimPath> sd_paths{};
  std::size_t max_decoys = 2;
  std::optional<std::string> kid{};
};

// Checks the SD-JWT VC rules on `claims` (vct, iss, no forbidden sd path), then issues with
// typ dc+sd-jwt.
[[nodiscard]] Result<IssuedSdJwt> IssueSdJwtVc(const Json& claims, const jose::PrivateJwk& key,
                                               const SdJwtVcIssueOptions& options);

// Verifies an SD-JWT VC: the SD-JWT rules (verifier.h) with typ dc+sd-jwt or vc+sd-jwt, then vct
// and iss present as strings, `cnf` when key binding is required, and none of the
// never-disclosable claims arriving through a disclosure.
[[nodiscard]] Result<VerifiedSdJwt> VerifySdJwtVc(std::string_view serialized,
                                                  const IssuerKeyLookup& lookup,
                                                  SdJwtVerifyPolicy policy);

}  // namespace vaardig::sdjwt
