#include "core/jose/jwk_set.h"

#include <set>
#include <string>

namespace vaardig::jose {

Result<JwkSet> JwkSet::Parse(const Json& jwks, const JwkSetLimits& limits) {
  if (!jwks.is_object()) return Fail(ErrorCode::kInvalidArgument, "a JWK Set must be a JSON object");
  if (!jwks.contains("keys") || !jwks["keys"].is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "a JWK Set needs a 'keys' array");
  }
  const Json& entries = jwks["keys"];
  if (entries.size() > limits.max_keys) {
    return Fail(ErrorCode::kResourceExhausted,
                "JWK Set has " + std::to_string(entries.size()) + " keys; the limit is " + std::to_string(limits.max_keys));
  }
  bool any_private = false;
  bool any_public = false;
  std::set<std::string> kids;
  std::vector<PublicJwk> keys;
  std::size_t i = 0;
  for (const Json& entry : entries) {
    ++i;
    if (!entry.is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "JWK Set entry " + std::to_string(i - 1) + " is not an object");
    }
    (JwkHasPrivateMembers(entry) ? any_private : any_public) = true;
    if (any_private && any_public) {
      return Fail(ErrorCode::kInvalidArgument, "JWK Set mixes public and private keys");
    }
    if (const auto kid = entry.find("kid"); kid != entry.end() && kid->is_string()) {
      if (!kids.insert(kid->get<std::string>()).second) {
        return Fail(ErrorCode::kInvalidArgument, "JWK Set has two keys with kid '" + kid->get<std::string>() + "'");
      }
    }
    auto key = PublicJwk::Parse(entry);
    if (!key) {
      // Keys of a kind we do not use (symmetric, other curves, encryption keys) are skipped:
      // a set may legitimately publish them beside ours.
      const bool skippable = key.error().code() == ErrorCode::kUnimplemented ||
                             (entry.contains("use") && entry["use"] != "sig") ||
                             entry.contains("key_ops");
      if (skippable) continue;
      return Fail(key.error().WithContext("JWK Set entry " + std::to_string(i - 1)));
    }
    if (!key->for_signatures()) continue;  // an encryption key published beside ours
    keys.push_back(std::move(*key));
  }
  return JwkSet(std::move(keys));
}

Result<JwkSet> JwkSet::Parse(std::string_view json_text, const JwkSetLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(const Json jwks, ParseJson(json_text, JsonLimits{.max_bytes = 1 << 20, .max_depth = 6}));
  return Parse(jwks, limits);
}

Result<PublicJwk> JwkSet::FindByKid(std::string_view kid) const {
  for (const PublicJwk& key : keys_) {
    if (key.kid() && *key.kid() == kid) return key;
  }
  return Fail(ErrorCode::kNotFound, "no key with kid '" + std::string(kid) + "' in the JWK Set");
}

Result<PublicJwk> JwkSet::Select(const std::optional<std::string>& kid, Algorithm alg) const {
  if (kid) {
    VAARDIG_ASSIGN_OR_RETURN(PublicJwk key, FindByKid(*kid));
    if (key.algorithm() != alg) {
      return Fail(ErrorCode::kInvalidArgument, "key '" + *kid + "' is for " + std::string(AlgorithmName(key.algorithm())) +
                                                   ", not " + std::string(AlgorithmName(alg)));
    }
    return key;
  }
  const PublicJwk* found = nullptr;
  for (const PublicJwk& key : keys_) {
    if (key.algorithm() != alg) continue;
    if (found != nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "the JWS has no kid and the JWK Set holds several " +
                                                   std::string(AlgorithmName(alg)) + " keys");
    }
    found = &key;
  }
  if (found == nullptr) {
    return Fail(ErrorCode::kNotFound, "no " + std::string(AlgorithmName(alg)) + " key in the JWK Set");
  }
  return *found;
}

Json JwkSet::ToJson() const {
  Json keys = Json::array();
  for (const PublicJwk& key : keys_) keys.push_back(key.ToJson());
  return Json{{"keys", std::move(keys)}};
}

}  // namespace vaardig::jose
