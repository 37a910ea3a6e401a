// `vaardig-issuer sign --format dc+sd-jwt`: an SD-JWT VC from a claims file, offline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::issuer::cli {

struct SdJwtSignRequest {
  Json claims;                          // must hold iss and vct; iat is set to now when absent
  std::vector<std::string> sd;          // "skill", "evidence[0]", "holder.given_name"; empty: the skill rules
  std::optional<jose::PublicJwk> holder_jwk{};  // becomes cnf.jwk
  std::optional<std::string> status_uri{};
  std::optional<std::size_t> status_idx{};
  std::int64_t now = 0;
};

// The compact SD-JWT VC (issuer JWT~disclosures~). invalid_argument for a bad path, a claims
// document that is not an SD-JWT VC, or --status-uri without --status-idx (and vice versa).
[[nodiscard]] Result<std::string> SignSdJwtVc(const jose::PrivateJwk& key, const SdJwtSignRequest& request);

}  // namespace vaardig::issuer::cli
