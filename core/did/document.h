// The DID document model (DID Core 1.0 §5, https://www.w3.org/TR/did-core/#core-properties), the
// part of it Vaardig uses: the document id, verification methods with their public keys, and the
// five verification relationships. Services, alsoKnownAs and controller are not modelled.
//
// Parsing is strict where security depends on it and lenient elsewhere:
//  - "id" must equal the DID being resolved: invalid_argument "DID document id does not match";
//  - a verification method id is "#fragment" (made absolute against the document id) or an
//    absolute DID URL of this document's DID with a fragment; another DID, a path or a query:
//    invalid_argument. Ids are unique across the document (embedded methods included);
//  - "controller" of a method is required and must be a DID;
//  - key material: publicKeyJwk for JsonWebKey2020 and JsonWebKey, publicKeyMultibase for
//    Multikey and Ed25519VerificationKey2020 (see multikey.h). A publicKeyJwk with private members
//    ("d", "p", ...): invalid_argument. Malformed key material: invalid_argument;
//  - a method of a type or key type we do not support (EcdsaSecp256k1VerificationKey2019, X25519,
//    P-384, ...) does not fail the document: it is kept in `unsupported_methods`, and asking for
//    it gives unimplemented with the reason;
//  - relationship entries are references (relative "#x" resolved against the document id, or
//    absolute DID URLs, possibly of another DID) or embedded methods;
//  - unknown members are ignored; "@context", when present, must be a string or an array.
// Values are plain data, safe to share read-only between threads.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::did {

// DID Core 1.0 §5.3.
enum class Relationship {
  kAuthentication,
  kAssertionMethod,
  kKeyAgreement,
  kCapabilityInvocation,
  kCapabilityDelegation,
};
inline constexpr std::array<Relationship, 5> kAllRelationships = {
    Relationship::kAuthentication, Relationship::kAssertionMethod, Relationship::kKeyAgreement,
    Relationship::kCapabilityInvocation, Relationship::kCapabilityDelegation};

// The JSON member name: "authentication", "assertionMethod", ...
[[nodiscard]] std::string_view RelationshipName(Relationship relationship);

inline constexpr std::string_view kTypeJsonWebKey2020 = "JsonWebKey2020";
inline constexpr std::string_view kTypeJsonWebKey = "JsonWebKey";
inline constexpr std::string_view kTypeMultikey = "Multikey";
inline constexpr std::string_view kTypeEd25519VerificationKey2020 = "Ed25519VerificationKey2020";

struct VerificationMethod {
  std::string id;          // absolute DID URL "<did>#<fragment>"
  std::string type;        // one of the kType* above
  std::string controller;  // a DID
  jose::PublicJwk key;
};

// A method we could not use, kept so that asking for it explains why.
struct UnsupportedMethod {
  std::string id;
  std::string type;
  Error reason;  // unimplemented
};

// A relationship entry: a reference (absolute DID URL) or an embedded method.
using RelationshipEntry = std::variant<std::string, VerificationMethod>;

// Bounds the work a hostile document can cause (each list and all methods together).
inline constexpr std::size_t kMaxVerificationMethods = 256;

struct DidDocument {
  std::string id{};
  std::vector<VerificationMethod> verification_methods{};
  std::vector<RelationshipEntry> authentication{};
  std::vector<RelationshipEntry> assertion_method{};
  std::vector<RelationshipEntry> key_agreement{};
  std::vector<RelationshipEntry> capability_invocation{};
  std::vector<RelationshipEntry> capability_delegation{};
  // Methods (listed or embedded) whose type or key we do not support. Embedded ones are replaced
  // by a reference to their id in their relationship list.
  std::vector<UnsupportedMethod> unsupported_methods{};

  // Parses and validates `json` as the document of `expected_did` (rules above).
  [[nodiscard]] static Result<DidDocument> Parse(const Json& json, std::string_view expected_did);

  // JSON-LD form: "@context" (DID v1 plus the suites of the method types present), "id",
  // "verificationMethod" and the non-empty relationships, references as absolute DID URLs.
  // Unsupported methods are left out; JWKs are written with their public members only.
  [[nodiscard]] Json ToJson() const;

  [[nodiscard]] const std::vector<RelationshipEntry>& Entries(Relationship relationship) const;
  [[nodiscard]] std::vector<RelationshipEntry>& MutableEntries(Relationship relationship);

  // The method with this absolute id, listed or embedded; nullptr when there is none.
  [[nodiscard]] const VerificationMethod* FindMethod(std::string_view method_id) const;
  // Whether the relationship lists the method (by reference or embedded).
  [[nodiscard]] bool HasRelationship(std::string_view method_id, Relationship relationship) const;

  // The method `method_id` (absolute DID URL), authorised for `required`:
  //   no such method: not_found; a method we cannot use: unimplemented; a method that exists but
  //   is not listed under `required`: permission_denied, naming where it is listed.
  [[nodiscard]] Result<VerificationMethod> GetVerificationMethod(std::string_view method_id,
                                                                 Relationship required) const;
};

// A JWK that must hold a public key only: private members ("d", "p", "q", "dp", "dq", "qi",
// "oth", "k") are invalid_argument (did:jwk §Security, DID Core §5.2.1); otherwise
// jose::PublicJwk::Parse (unknown kty/crv: unimplemented).
[[nodiscard]] Result<jose::PublicJwk> ParsePublicOnlyJwk(const Json& jwk);

}  // namespace vaardig::did
