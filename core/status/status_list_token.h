// Status List Tokens (draft-ietf-oauth-status-list §5.1) and the `status.status_list` reference
// in a Referenced Token (§6.1).
//
// Token: JWS with typ statuslist+jwt; payload {sub, iat, exp?, ttl?, status_list}. The verifier
// checks the signature with the issuer's key, the typ, that `sub` equals the URI it fetched, iat
// and exp, then decodes the list (§8.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/status/token_status_list.h"

namespace vaardig::status {

inline constexpr std::string_view kStatusListJwtTyp = "statuslist+jwt";

struct StatusListReference {
  std::size_t idx = 0;
  std::string uri{};
};

// Reads `status.status_list` from a Referenced Token's claims. not_found when the token has no
// status; invalid_argument when it is malformed.
[[nodiscard]] Result<StatusListReference> ReadStatusReference(const Json& claims);
// {"status_list": {"idx": .., "uri": ..}}.
[[nodiscard]] Json MakeStatusClaim(const StatusListReference& ref);

struct StatusListTokenClaims {
  std::string sub{};             // the URI the token is served at
  std::int64_t iat = 0;
  std::optional<std::int64_t> exp{};
  std::optional<std::int64_t> ttl{};  // seconds a verifier may cache it
  std::optional<std::string> iss{};
};

[[nodiscard]] Result<std::string> SignStatusListToken(const StatusList& list,
                                                      const StatusListTokenClaims& claims,
                                                      const jose::PrivateJwk& key,
                                                      std::optional<std::string> kid = {});

struct VerifiedStatusList {
  StatusList list;
  StatusListTokenClaims claims;
};

struct StatusListTokenPolicy {
  const Clock* clock = nullptr;     // required
  std::int64_t skew_seconds = 60;
  std::string expected_sub{};         // the URI from the Referenced Token
  StatusListLimits limits{};
};

[[nodiscard]] Result<VerifiedStatusList> VerifyStatusListToken(std::string_view jwt,
                                                               const jose::PublicJwk& key,
                                                               const StatusListTokenPolicy& policy);

}  // namespace vaardig::status
