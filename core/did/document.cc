#include "core/did/document.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "core/did/did_url.h"
#include "core/did/multikey.h"

namespace vaardig::did {
namespace {

constexpr std::string_view kDidContext = "https://www.w3.org/ns/did/v1";
constexpr std::array<std::string_view, 8> kPrivateJwkMembers = {"d",  "p",  "q",   "dp",
                                                                "dq", "qi", "oth", "k"};
// The order did:jwk's spec writes them in; ToJson follows it.
constexpr std::array<Relationship, 5> kOutputOrder = {
    Relationship::kAssertionMethod, Relationship::kAuthentication,
    Relationship::kCapabilityInvocation, Relationship::kCapabilityDelegation,
    Relationship::kKeyAgreement};

std::string_view ContextForType(std::string_view type) {
  if (type == kTypeJsonWebKey2020) return "https://w3id.org/security/suites/jws-2020/v1";
  if (type == kTypeJsonWebKey) return "https://w3id.org/security/jwk/v1";
  if (type == kTypeMultikey) return "https://w3id.org/security/multikey/v1";
  if (type == kTypeEd25519VerificationKey2020) {
    return "https://w3id.org/security/suites/ed25519-2020/v1";
  }
  return {};
}

// "#frag" against the document id, or an absolute DID URL with a fragment and nothing else.
Result<std::string> AbsoluteMethodId(std::string_view id, std::string_view document_id) {
  std::string absolute =
      id.starts_with('#') ? std::string(document_id) + std::string(id) : std::string(id);
  auto url = ParseDidUrl(absolute);
  if (!url) {
    return Fail(
        url.error().code(),
        "'" + std::string(id) + "' is neither '#fragment' nor a DID URL: " + url.error().message());
  }
  if (!url->path.empty() || url->query || !url->fragment || url->fragment->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(id) + "' must be a DID URL with a fragment and no path or query");
  }
  return absolute;
}

using ParsedMethod = std::variant<VerificationMethod, UnsupportedMethod>;

Result<ParsedMethod> ParseMethod(const Json& json, std::string_view document_id) {
  if (!json.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "a verification method must be a JSON object");
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::string raw_id, GetString(json, "id"));
  auto absolute = AbsoluteMethodId(raw_id, document_id);
  if (!absolute) return Fail(absolute.error().WithContext("verification method id"));
  std::string id = std::move(*absolute);
  if (!id.starts_with(document_id) || id[document_id.size()] != '#') {
    return Fail(
        ErrorCode::kInvalidArgument,
        "verification method " + id + " does not belong to DID " + std::string(document_id));
  }
  const auto context = [&id](const Error& e) { return e.WithContext("verification method " + id); };

  auto type = GetString(json, "type");
  if (!type) return Fail(context(type.error()));
  auto controller = GetString(json, "controller");
  if (!controller) return Fail(context(controller.error()));
  if (auto parsed = ParseDid(*controller); !parsed) {
    return Fail(context(parsed.error().WithContext("controller")));
  }

  const bool has_jwk = json.contains("publicKeyJwk");
  const bool has_multibase = json.contains("publicKeyMultibase");
  if (has_jwk && has_multibase) {
    return Fail(context(
        Error(ErrorCode::kInvalidArgument, "has both publicKeyJwk and publicKeyMultibase")));
  }
  Result<jose::PublicJwk> key = Fail(ErrorCode::kInternal, "unreachable");
  if (*type == kTypeJsonWebKey2020 || *type == kTypeJsonWebKey) {
    if (!has_jwk) {
      return Fail(context(Error(ErrorCode::kInvalidArgument, *type + " needs publicKeyJwk")));
    }
    key = ParsePublicOnlyJwk(json.at("publicKeyJwk"));
  } else if (*type == kTypeMultikey || *type == kTypeEd25519VerificationKey2020) {
    if (!has_multibase) {
      return Fail(context(Error(ErrorCode::kInvalidArgument, *type + " needs publicKeyMultibase")));
    }
    auto multibase = GetString(json, "publicKeyMultibase");
    if (!multibase) return Fail(context(multibase.error()));
    key = DecodeMultikey(*multibase);
    if (key && *type == kTypeEd25519VerificationKey2020 &&
        !std::holds_alternative<crypto::Ed25519PublicKey>(key->key())) {
      return Fail(context(Error(ErrorCode::kInvalidArgument,
                                "Ed25519VerificationKey2020 must hold an Ed25519 key")));
    }
  } else {
    return UnsupportedMethod{
        .id = std::move(id),
        .type = *type,
        .reason = Error(ErrorCode::kUnimplemented,
                        "verification method type '" + *type + "' is not supported")};
  }
  if (!key) {
    if (key.error().code() == ErrorCode::kUnimplemented) {
      return UnsupportedMethod{.id = std::move(id), .type = *type, .reason = key.error()};
    }
    return Fail(context(key.error()));
  }
  return VerificationMethod{.id = std::move(id),
                            .type = std::move(*type),
                            .controller = std::move(*controller),
                            .key = std::move(*key)};
}

const std::string& IdOf(const RelationshipEntry& entry) {
  if (const auto* method = std::get_if<VerificationMethod>(&entry)) return method->id;
  return std::get<std::string>(entry);
}

// Tracks ids across the document: unique, and bounded in number.
class MethodIds {
 public:
  Status Add(const std::string& id) {
    if (ids_.size() >= kMaxVerificationMethods) {
      return Fail(ErrorCode::kResourceExhausted, "DID document has more than " +
                                                     std::to_string(kMaxVerificationMethods) +
                                                     " verification methods");
    }
    if (!ids_.insert(id).second) {
      return Fail(ErrorCode::kInvalidArgument, "duplicate verification method id " + id);
    }
    return Ok();
  }

 private:
  std::set<std::string> ids_;
};

Status AddMethod(ParsedMethod parsed, DidDocument& doc, MethodIds& ids,
                 std::vector<RelationshipEntry>* relationship) {
  if (auto* method = std::get_if<VerificationMethod>(&parsed)) {
    VAARDIG_RETURN_IF_ERROR(ids.Add(method->id));
    if (relationship != nullptr) {
      relationship->push_back(std::move(*method));
    } else {
      doc.verification_methods.push_back(std::move(*method));
    }
    return Ok();
  }
  auto& unsupported = std::get<UnsupportedMethod>(parsed);
  VAARDIG_RETURN_IF_ERROR(ids.Add(unsupported.id));
  if (relationship != nullptr) relationship->push_back(unsupported.id);
  doc.unsupported_methods.push_back(std::move(unsupported));
  return Ok();
}

Status ParseRelationship(const Json& json, Relationship relationship, DidDocument& doc,
                         MethodIds& ids) {
  const std::string name(RelationshipName(relationship));
  if (!json.contains(name)) return Ok();
  const Json& list = json.at(name);
  if (!list.is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "'" + name + "' must be an array");
  }
  if (list.size() > kMaxVerificationMethods) {
    return Fail(ErrorCode::kResourceExhausted, "'" + name + "' has too many entries");
  }
  auto& entries = doc.MutableEntries(relationship);
  for (const Json& entry : list) {
    if (entry.is_string()) {
      auto id = AbsoluteMethodId(entry.get<std::string>(), doc.id);
      if (!id) return Fail(id.error().WithContext("'" + name + "' entry"));
      entries.push_back(std::move(*id));
    } else if (entry.is_object()) {
      auto parsed = ParseMethod(entry, doc.id);
      if (!parsed) return Fail(parsed.error().WithContext("'" + name + "'"));
      VAARDIG_RETURN_IF_ERROR(AddMethod(std::move(*parsed), doc, ids, &entries));
    } else {
      return Fail(ErrorCode::kInvalidArgument,
                  "entries of '" + name + "' must be strings or objects");
    }
  }
  return Ok();
}

Json MethodToJson(const VerificationMethod& method) {
  Json out = {{"id", method.id}, {"type", method.type}, {"controller", method.controller}};
  if (method.type == kTypeMultikey || method.type == kTypeEd25519VerificationKey2020) {
    // Fails only for a hand-built method with an RSA key: then the JWK is written instead.
    if (auto multibase = EncodeMultikey(method.key)) {
      out["publicKeyMultibase"] = *multibase;
      return out;
    }
  }
  out["publicKeyJwk"] = method.key.ToJson();
  return out;
}

}  // namespace

std::string_view RelationshipName(Relationship relationship) {
  switch (relationship) {
    case Relationship::kAuthentication:
      return "authentication";
    case Relationship::kAssertionMethod:
      return "assertionMethod";
    case Relationship::kKeyAgreement:
      return "keyAgreement";
    case Relationship::kCapabilityInvocation:
      return "capabilityInvocation";
    case Relationship::kCapabilityDelegation:
      return "capabilityDelegation";
  }
  return "unknown";
}

Result<jose::PublicJwk> ParsePublicOnlyJwk(const Json& jwk) {
  if (!jwk.is_object()) return Fail(ErrorCode::kInvalidArgument, "a JWK must be a JSON object");
  for (std::string_view member : kPrivateJwkMembers) {
    if (jwk.contains(member)) {
      return Fail(ErrorCode::kInvalidArgument, "JWK holds private key material ('" +
                                                   std::string(member) +
                                                   "'); only public keys are allowed");
    }
  }
  return jose::PublicJwk::Parse(jwk);
}

Result<DidDocument> DidDocument::Parse(const Json& json, std::string_view expected_did) {
  if (!json.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "a DID document must be a JSON object");
  }
  VAARDIG_ASSIGN_OR_RETURN(std::string id, GetString(json, "id"));
  if (id != expected_did) {
    return Fail(ErrorCode::kInvalidArgument, "DID document id does not match: expected '" +
                                                 std::string(expected_did) + "', got '" + id + "'");
  }
  if (auto parsed = ParseDid(id); !parsed) {
    return Fail(parsed.error().WithContext("DID document id"));
  }
  if (json.contains("@context") && !json.at("@context").is_string() &&
      !json.at("@context").is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "'@context' must be a string or an array");
  }

  DidDocument doc{.id = std::move(id)};
  MethodIds ids;
  if (json.contains("verificationMethod")) {
    const Json& methods = json.at("verificationMethod");
    if (!methods.is_array()) {
      return Fail(ErrorCode::kInvalidArgument, "'verificationMethod' must be an array");
    }
    for (const Json& method : methods) {
      VAARDIG_ASSIGN_OR_RETURN(ParsedMethod parsed, ParseMethod(method, doc.id));
      VAARDIG_RETURN_IF_ERROR(AddMethod(std::move(parsed), doc, ids, nullptr));
    }
  }
  for (Relationship relationship : kAllRelationships) {
    VAARDIG_RETURN_IF_ERROR(ParseRelationship(json, relationship, doc, ids));
  }
  return doc;
}

Json DidDocument::ToJson() const {
  std::vector<const VerificationMethod*> all_methods;
  for (const auto& method : verification_methods) all_methods.push_back(&method);
  for (Relationship relationship : kOutputOrder) {
    for (const auto& entry : Entries(relationship)) {
      if (const auto* method = std::get_if<VerificationMethod>(&entry)) {
        all_methods.push_back(method);
      }
    }
  }
  std::vector<std::string> contexts = {std::string(kDidContext)};
  for (const VerificationMethod* method : all_methods) {
    const std::string suite(ContextForType(method->type));
    if (!suite.empty() && std::ranges::find(contexts, suite) == contexts.end()) {
      contexts.push_back(suite);
    }
  }
  Json context = Json::array();
  for (auto& c : contexts) context.push_back(std::move(c));

  Json out = {{"@context", std::move(context)}, {"id", id}};
  if (!verification_methods.empty()) {
    Json methods = Json::array();
    for (const auto& method : verification_methods) methods.push_back(MethodToJson(method));
    out["verificationMethod"] = std::move(methods);
  }
  for (Relationship relationship : kOutputOrder) {
    const auto& entries = Entries(relationship);
    if (entries.empty()) continue;
    Json list = Json::array();
    for (const auto& entry : entries) {
      if (const auto* method = std::get_if<VerificationMethod>(&entry)) {
        list.push_back(MethodToJson(*method));
      } else {
        list.push_back(std::get<std::string>(entry));
      }
    }
    out[std::string(RelationshipName(relationship))] = std::move(list);
  }
  return out;
}

const std::vector<RelationshipEntry>& DidDocument::Entries(Relationship relationship) const {
  return const_cast<DidDocument*>(this)->MutableEntries(relationship);
}

std::vector<RelationshipEntry>& DidDocument::MutableEntries(Relationship relationship) {
  switch (relationship) {
    case Relationship::kAuthentication:
      return authentication;
    case Relationship::kAssertionMethod:
      return assertion_method;
    case Relationship::kKeyAgreement:
      return key_agreement;
    case Relationship::kCapabilityInvocation:
      return capability_invocation;
    case Relationship::kCapabilityDelegation:
      return capability_delegation;
  }
  return authentication;  // unreachable: the switch covers every enumerator
}

const VerificationMethod* DidDocument::FindMethod(std::string_view method_id) const {
  for (const auto& method : verification_methods) {
    if (method.id == method_id) return &method;
  }
  for (Relationship relationship : kAllRelationships) {
    for (const auto& entry : Entries(relationship)) {
      const auto* method = std::get_if<VerificationMethod>(&entry);
      if (method != nullptr && method->id == method_id) return method;
    }
  }
  return nullptr;
}

bool DidDocument::HasRelationship(std::string_view method_id, Relationship relationship) const {
  return std::ranges::any_of(Entries(relationship),
                             [&](const RelationshipEntry& e) { return IdOf(e) == method_id; });
}

Result<VerificationMethod> DidDocument::GetVerificationMethod(std::string_view method_id,
                                                              Relationship required) const {
  const VerificationMethod* method = FindMethod(method_id);
  if (method == nullptr) {
    for (const auto& unsupported : unsupported_methods) {
      if (unsupported.id == method_id) {
        return Fail(unsupported.reason.WithContext("verification method " + unsupported.id));
      }
    }
    return Fail(ErrorCode::kNotFound, "no verification method " + std::string(method_id) +
                                          " in the DID document of " + id);
  }
  if (!HasRelationship(method_id, required)) {
    std::string listed;
    for (Relationship relationship : kAllRelationships) {
      if (!HasRelationship(method_id, relationship)) continue;
      listed += listed.empty() ? "" : ", ";
      listed += RelationshipName(relationship);
    }
    return Fail(ErrorCode::kPermissionDenied,
                "verification method " + std::string(method_id) + " is not authorized for " +
                    std::string(RelationshipName(required)) +
                    (listed.empty() ? " (it is in no verification relationship)"
                                    : " (listed only under " + listed + ")"));
  }
  return *method;
}

}  // namespace vaardig::did
