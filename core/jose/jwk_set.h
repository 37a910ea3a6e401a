// JWK Sets (RFC 7517 §5) of public signature keys, as published at a jwks_uri, in JWT VC Issuer
// Metadata or in a trust list.
//
// Parsing is strict where the RFC leaves room for confusion (Wycheproof's "Ambiguous" vectors):
//  - a set that mixes public and private keys is refused (a published set never holds secrets);
//  - two keys with the same kid are refused (a kid must select exactly one key);
//  - a key we cannot use (unsupported type, encryption-only) is skipped, but a malformed key of a
//    type we do support fails the whole set.
#pragma once

#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::jose {

struct JwkSetLimits {
  std::size_t max_keys = 100;
};

class JwkSet {
 public:
  [[nodiscard]] static Result<JwkSet> Parse(const Json& jwks, const JwkSetLimits& limits = {});
  [[nodiscard]] static Result<JwkSet> Parse(std::string_view json_text, const JwkSetLimits& limits = {});

  [[nodiscard]] const std::vector<PublicJwk>& keys() const { return keys_; }
  // The key with this kid: not_found when there is none.
  [[nodiscard]] Result<PublicJwk> FindByKid(std::string_view kid) const;
  // The key a JWS header selects: by kid when the header has one; otherwise the only key with the
  // header's algorithm (not_found when none, invalid_argument when several could match).
  [[nodiscard]] Result<PublicJwk> Select(const std::optional<std::string>& kid, Algorithm alg) const;

  [[nodiscard]] Json ToJson() const;

 private:
  explicit JwkSet(std::vector<PublicJwk> keys) : keys_(std::move(keys)) {}
  std::vector<PublicJwk> keys_;
};

}  // namespace vaardig::jose
