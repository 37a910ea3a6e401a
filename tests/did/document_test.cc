#include "core/did/document.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/did/multikey.h"
#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr std::string_view kDid = "did:web:issuer.example";

// A did:web issuer document: a P-256 JWK for assertions, an Ed25519 Multikey for authentication
// only, and an embedded capabilityInvocation key.
class DidDocumentTest : public ::testing::Test {
 protected:
  Json MakeDocument() const {
    return Json{
        {"@context", {"https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"}},
        {"id", kDid},
        {"verificationMethod",
         {{{"id", "#assert-1"},
           {"type", "JsonWebKey"},
           {"controller", kDid},
           {"publicKeyJwk", p256_.ToJson()}},
          {{"id", std::string(kDid) + "#auth-1"},
           {"type", "Multikey"},
           {"controller", kDid},
           {"publicKeyMultibase", *EncodeMultikey(ed25519_)}}}},
        {"assertionMethod", {"#assert-1"}},
        {"authentication", {std::string(kDid) + "#auth-1"}},
        {"capabilityInvocation",
         {{{"id", "#invoke-1"},
           {"type", "Ed25519VerificationKey2020"},
           {"controller", kDid},
           {"publicKeyMultibase", *EncodeMultikey(ed25519_)}}}},
        {"service",
         {{{"id", "#linked"}, {"type", "LinkedDomains"}, {"serviceEndpoint", "https://x"}}}},
    };
  }

  jose::PublicJwk p256_ = testutil::NewP256Jwk();
  jose::PublicJwk ed25519_ = testutil::NewEd25519Jwk();
};

TEST_F(DidDocumentTest, ParsesMethodsAndResolvesRelativeIds) {
  auto doc = DidDocument::Parse(MakeDocument(), kDid);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(doc->id, kDid);
  ASSERT_EQ(doc->verification_methods.size(), 2u);
  EXPECT_EQ(doc->verification_methods[0].id, std::string(kDid) + "#assert-1");
  EXPECT_EQ(doc->verification_methods[0].key, p256_);
  EXPECT_EQ(doc->verification_methods[1].key, ed25519_);
  ASSERT_EQ(doc->assertion_method.size(), 1u);
  EXPECT_EQ(std::get<std::string>(doc->assertion_method[0]), std::string(kDid) + "#assert-1");
  ASSERT_EQ(doc->capability_invocation.size(), 1u);
  EXPECT_EQ(std::get<VerificationMethod>(doc->capability_invocation[0]).id,
            std::string(kDid) + "#invoke-1");
}

TEST_F(DidDocumentTest, MethodIsReturnedForItsRelationship) {
  auto doc = DidDocument::Parse(MakeDocument(), kDid);
  ASSERT_THAT(doc, IsOk());
  auto method =
      doc->GetVerificationMethod(std::string(kDid) + "#assert-1", Relationship::kAssertionMethod);
  ASSERT_THAT(method, IsOk());
  EXPECT_EQ(method->key, p256_);
  auto embedded = doc->GetVerificationMethod(std::string(kDid) + "#invoke-1",
                                             Relationship::kCapabilityInvocation);
  ASSERT_THAT(embedded, IsOk());
  EXPECT_EQ(embedded->type, "Ed25519VerificationKey2020");
}

TEST_F(DidDocumentTest, AuthenticationKeyUsedForAssertionIsPermissionDenied) {
  auto doc = DidDocument::Parse(MakeDocument(), kDid);
  ASSERT_THAT(doc, IsOk());
  auto method =
      doc->GetVerificationMethod(std::string(kDid) + "#auth-1", Relationship::kAssertionMethod);
  ASSERT_THAT(method, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_NE(method.error().message().find("not authorized for assertionMethod"), std::string::npos);
  EXPECT_NE(method.error().message().find("authentication"), std::string::npos);
  // An embedded method belongs to its relationship only.
  EXPECT_THAT(
      doc->GetVerificationMethod(std::string(kDid) + "#invoke-1", Relationship::kAssertionMethod),
      FailsWith(ErrorCode::kPermissionDenied));
}

TEST_F(DidDocumentTest, UnknownFragmentIsNotFound) {
  auto doc = DidDocument::Parse(MakeDocument(), kDid);
  ASSERT_THAT(doc, IsOk());
  EXPECT_THAT(
      doc->GetVerificationMethod(std::string(kDid) + "#nope", Relationship::kAssertionMethod),
      FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(
      doc->GetVerificationMethod("did:web:other.example#assert-1", Relationship::kAssertionMethod),
      FailsWith(ErrorCode::kNotFound));
}

TEST_F(DidDocumentTest, MismatchedIdIsRejected) {
  auto doc = DidDocument::Parse(MakeDocument(), "did:web:other.example");
  ASSERT_THAT(doc, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_NE(doc.error().message().find("DID document id does not match"), std::string::npos);
}

TEST_F(DidDocumentTest, UnsupportedMethodIsKeptAndExplainedAsUnimplemented) {
  Json json = MakeDocument();
  json["verificationMethod"].push_back(
      {{"id", "#k1"},
       {"type", "EcdsaSecp256k1VerificationKey2019"},
       {"controller", kDid},
       {"publicKeyJwk", {{"kty", "EC"}, {"crv", "secp256k1"}, {"x", "AA"}, {"y", "AA"}}}});
  json["verificationMethod"].push_back(
      {{"id", "#x1"},
       {"type", "JsonWebKey2020"},
       {"controller", kDid},
       {"publicKeyJwk", {{"kty", "OKP"}, {"crv", "X25519"}, {"x", "AA"}}}});
  json["assertionMethod"].push_back("#k1");
  auto doc = DidDocument::Parse(json, kDid);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(doc->verification_methods.size(), 2u);
  EXPECT_EQ(doc->unsupported_methods.size(), 2u);
  EXPECT_THAT(doc->GetVerificationMethod(std::string(kDid) + "#k1", Relationship::kAssertionMethod),
              FailsWith(ErrorCode::kUnimplemented));
  EXPECT_THAT(doc->GetVerificationMethod(std::string(kDid) + "#x1", Relationship::kKeyAgreement),
              FailsWith(ErrorCode::kUnimplemented));
}

TEST_F(DidDocumentTest, ToJsonParsesBackToTheSameDocument) {
  auto doc = DidDocument::Parse(MakeDocument(), kDid);
  ASSERT_THAT(doc, IsOk());
  const Json json = doc->ToJson();
  EXPECT_EQ(json["@context"][0], "https://www.w3.org/ns/did/v1");
  EXPECT_FALSE(json.contains("service"));
  auto again = DidDocument::Parse(json, kDid);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->ToJson(), json);
  EXPECT_THAT(again->GetVerificationMethod(std::string(kDid) + "#invoke-1",
                                           Relationship::kCapabilityInvocation),
              IsOk());
}

// Applies one change to the valid document.
using Mutation = void (*)(Json&);

TEST_F(DidDocumentTest, MalformedDocumentsAreRejected) {
  using enum ErrorCode;
  const struct {
    const char* what;
    Mutation mutate;
    ErrorCode code;
  } cases[] = {
      {"not an object", [](Json& j) { j = Json::array(); }, kInvalidArgument},
      {"no id", [](Json& j) { j.erase("id"); }, kInvalidArgument},
      {"id not a string", [](Json& j) { j["id"] = 1; }, kInvalidArgument},
      {"context a number", [](Json& j) { j["@context"] = 1; }, kInvalidArgument},
      {"methods not an array", [](Json& j) { j["verificationMethod"] = Json::object(); },
       kInvalidArgument},
      {"method not an object", [](Json& j) { j["verificationMethod"][0] = "#assert-1"; },
       kInvalidArgument},
      {"method without id", [](Json& j) { j["verificationMethod"][0].erase("id"); },
       kInvalidArgument},
      {"method id without fragment",
       [](Json& j) { j["verificationMethod"][0]["id"] = "did:web:issuer.example"; },
       kInvalidArgument},
      {"method id of another DID",
       [](Json& j) { j["verificationMethod"][0]["id"] = "did:web:evil.example#assert-1"; },
       kInvalidArgument},
      {"method id with a path",
       [](Json& j) { j["verificationMethod"][0]["id"] = "did:web:issuer.example/x#a"; },
       kInvalidArgument},
      {"relative id without '#'", [](Json& j) { j["verificationMethod"][0]["id"] = "assert-1"; },
       kInvalidArgument},
      {"empty fragment", [](Json& j) { j["verificationMethod"][0]["id"] = "#"; }, kInvalidArgument},
      {"duplicate id", [](Json& j) { j["verificationMethod"][1]["id"] = "#assert-1"; },
       kInvalidArgument},
      {"embedded duplicates listed",
       [](Json& j) { j["capabilityInvocation"][0]["id"] = "#auth-1"; }, kInvalidArgument},
      {"no type", [](Json& j) { j["verificationMethod"][0].erase("type"); }, kInvalidArgument},
      {"no controller", [](Json& j) { j["verificationMethod"][0].erase("controller"); },
       kInvalidArgument},
      {"controller not a DID",
       [](Json& j) { j["verificationMethod"][0]["controller"] = "https://x"; }, kInvalidArgument},
      {"JWK type without JWK", [](Json& j) { j["verificationMethod"][0].erase("publicKeyJwk"); },
       kInvalidArgument},
      {"both key formats",
       [](Json& j) { j["verificationMethod"][0]["publicKeyMultibase"] = "z6Mk"; },
       kInvalidArgument},
      {"private JWK",
       [](Json& j) {
         j["verificationMethod"][0]["publicKeyJwk"]["d"] =
             "YjRs6vNvw4sYrzVVY8ipkEpDAD9PFqw1sUnvPRMA-WI";
       },
       kInvalidArgument},
      {"JWK not an object", [](Json& j) { j["verificationMethod"][0]["publicKeyJwk"] = "x"; },
       kInvalidArgument},
      {"JWK off the curve",
       [](Json& j) {
         j["verificationMethod"][0]["publicKeyJwk"]["x"] =
             "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
       },
       kInvalidArgument},
      {"Multikey without multibase",
       [](Json& j) { j["verificationMethod"][1].erase("publicKeyMultibase"); }, kInvalidArgument},
      {"Multikey not a string",
       [](Json& j) { j["verificationMethod"][1]["publicKeyMultibase"] = 5; }, kInvalidArgument},
      {"Multikey malformed",
       [](Json& j) { j["verificationMethod"][1]["publicKeyMultibase"] = "z0OIl"; },
       kInvalidArgument},
      {"Ed25519VerificationKey2020 with a P-256 key",
       [](Json& j) {
         j["capabilityInvocation"][0]["publicKeyMultibase"] =
             *EncodeMultikey(testutil::NewP256Jwk());
       },
       kInvalidArgument},
      {"relationship not an array", [](Json& j) { j["authentication"] = "#auth-1"; },
       kInvalidArgument},
      {"relationship entry a number", [](Json& j) { j["authentication"][0] = 7; },
       kInvalidArgument},
      {"relationship reference malformed", [](Json& j) { j["authentication"][0] = "auth 1"; },
       kInvalidArgument},
      {"embedded method malformed",
       [](Json& j) { j["capabilityInvocation"][0].erase("controller"); }, kInvalidArgument},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Json json = MakeDocument();
    c.mutate(json);
    EXPECT_THAT(DidDocument::Parse(json, kDid), FailsWith(c.code));
  }
}

TEST_F(DidDocumentTest, TooManyMethodsIsResourceExhausted) {
  Json json = MakeDocument();
  for (std::size_t i = 0; i < kMaxVerificationMethods; ++i) {
    json["verificationMethod"].push_back(
        {{"id", "#k" + std::to_string(i)}, {"type", "Unknown"}, {"controller", kDid}});
  }
  EXPECT_THAT(DidDocument::Parse(json, kDid), FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::did
