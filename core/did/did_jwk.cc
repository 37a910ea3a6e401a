#include "core/did/did_jwk.h"

#include <map>
#include <string>

#include "core/did/did_url.h"
#include "core/encoding/base64url.h"

namespace vaardig::did {
namespace {

constexpr JsonLimits kJwkJsonLimits{.max_bytes = kMaxDidUrlLength, .max_depth = 8};

bool IsBase64UrlChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// For messages: a string member's value (clipped), or "".
std::string MemberOrEmpty(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>().substr(0, 32);
}

}  // namespace

std::string CreateDidJwk(const jose::PublicJwk& key) {
  // The public members are all strings: sorting them and writing compact JSON is RFC 8785.
  const Json jwk = key.ToJson();
  std::map<std::string, std::string> members;
  for (const auto& [name, value] : jwk.items()) {
    if (name != "kid" && value.is_string()) members.emplace(name, value.get<std::string>());
  }
  std::string json = "{";
  for (const auto& [name, value] : members) {
    if (json.size() > 1) json += ',';
    json += Json(name).dump() + ":" + Json(value).dump();
  }
  json += '}';
  return "did:jwk:" + encoding::Base64UrlEncode(json);
}

Result<DidDocument> ResolveDidJwk(std::string_view did) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedDid parsed, ParseDid(did));
  if (parsed.method != "jwk") {
    return Fail(ErrorCode::kInvalidArgument, "not a did:jwk DID (method '" + parsed.method + "')");
  }
  const std::string& value = parsed.method_specific_id;
  for (char c : value) {
    if (!IsBase64UrlChar(c)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "did:jwk identifier must be base64url ([A-Za-z0-9_-])");
    }
  }
  auto text = encoding::Base64UrlDecodeToString(value);
  if (!text) return Fail(text.error().WithContext("did:jwk"));
  auto json = ParseJson(*text, kJwkJsonLimits);
  if (!json) return Fail(json.error().WithContext("did:jwk JWK"));
  auto key = ParsePublicOnlyJwk(*json);
  if (!key && key.error().code() == ErrorCode::kUnimplemented) {
    return Fail(ErrorCode::kUnimplemented,
                "did:jwk: unsupported key (kty '" + MemberOrEmpty(*json, "kty") + "', crv '" +
                    MemberOrEmpty(*json, "crv") + "'): " + key.error().message());
  }
  if (!key) return Fail(key.error().WithContext("did:jwk"));

  bool signing = true;
  bool encryption = true;
  if (json->contains("use")) {
    const Json& use = json->at("use");
    if (use == "sig") {
      encryption = false;
    } else if (use == "enc") {
      signing = false;
    } else {
      return Fail(ErrorCode::kInvalidArgument, "did:jwk JWK 'use' must be \"sig\" or \"enc\"");
    }
  }

  DidDocument doc{.id = parsed.did};
  const std::string method_id = parsed.did + "#0";
  doc.verification_methods.push_back(VerificationMethod{.id = method_id,
                                                        .type = std::string(kTypeJsonWebKey2020),
                                                        .controller = parsed.did,
                                                        .key = std::move(*key)});
  for (Relationship relationship : kAllRelationships) {
    const bool wanted = relationship == Relationship::kKeyAgreement ? encryption : signing;
    if (wanted) doc.MutableEntries(relationship).push_back(method_id);
  }
  return doc;
}

}  // namespace vaardig::did
