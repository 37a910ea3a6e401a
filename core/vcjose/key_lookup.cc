#include "core/vcjose/key_lookup.h"

#include <string>
#include <utility>

namespace vaardig::vcjose {

KeyLookup FixedKey(jose::PublicJwk key) {
  return [key = std::move(key)](const Json& header) -> Result<jose::PublicJwk> {
    auto kid = header.find("kid");
    if (kid != header.end() && kid->is_string() && key.kid() &&
        kid->get_ref<const std::string&>() != *key.kid()) {
      return Fail(ErrorCode::kNotFound, "the JWS header's kid names another key than the one configured");
    }
    return key;
  };
}

KeyLookup DidKeyLookup(did::DidResolver& resolver, did::Relationship relationship) {
  return [&resolver, relationship](const Json& header) -> Result<jose::PublicJwk> {
    auto kid = header.find("kid");
    if (kid == header.end() || !kid->is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "the JWS header has no string 'kid' to resolve");
    }
    const std::string& url = kid->get_ref<const std::string&>();
    if (!url.starts_with("did:")) {
      return Fail(ErrorCode::kInvalidArgument, "the JWS header kid is not an absolute DID URL");
    }
    auto method = resolver.ResolveVerificationMethod(url, relationship);
    if (!method) return Fail(method.error().WithContext("kid"));
    return method->key;
  };
}

}  // namespace vaardig::vcjose
