#include "core/did/did_jwk.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/did/did_url.h"
#include "core/encoding/base64url.h"
#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

std::string DidJwkOf(std::string_view jwk_json) {
  return "did:jwk:" + encoding::Base64UrlEncode(jwk_json);
}

jose::PublicJwk SpecP256Key() {
  auto key = jose::PublicJwk::Parse(Json{
      {"kty", "EC"}, {"crv", "P-256"}, {"x", testutil::kSpecP256X}, {"y", testutil::kSpecP256Y}});
  EXPECT_THAT(key, IsOk());
  return *key;
}

// Order-insensitive comparison of JSON objects.
nlohmann::json Unordered(const Json& json) { return nlohmann::json::parse(json.dump()); }

std::vector<Relationship> RelationshipsOf(const DidDocument& doc, const std::string& method_id) {
  std::vector<Relationship> out;
  for (Relationship r : kAllRelationships) {
    if (doc.HasRelationship(method_id, r)) out.push_back(r);
  }
  return out;
}

TEST(DidJwk, SpecP256ExampleResolvesToItsKeyAsMethodZero) {
  auto doc = ResolveDidJwk(testutil::kSpecP256DidJwk);
  ASSERT_THAT(doc, IsOk());
  const std::string did = testutil::kSpecP256DidJwk;
  EXPECT_EQ(doc->id, did);
  ASSERT_EQ(doc->verification_methods.size(), 1u);
  const VerificationMethod& method = doc->verification_methods[0];
  EXPECT_EQ(method.id, did + "#0");
  EXPECT_EQ(method.type, "JsonWebKey2020");
  EXPECT_EQ(method.controller, did);
  EXPECT_EQ(method.key, SpecP256Key());
  // No "use": all five relationships, keyAgreement included (as in the spec's example).
  EXPECT_EQ(RelationshipsOf(*doc, did + "#0").size(), 5u);
}

TEST(DidJwk, SpecP256ExampleDocumentMatchesTheSpec) {
  const std::string did = testutil::kSpecP256DidJwk;
  const std::string vm = did + "#0";
  // The spec's example document (its "authentication" entry has a stray '$', corrected here).
  const Json expected = {
      {"@context",
       {"https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"}},
      {"id", did},
      {"verificationMethod",
       {{{"id", vm},
         {"type", "JsonWebKey2020"},
         {"controller", did},
         {"publicKeyJwk",
          {{"crv", "P-256"},
           {"kty", "EC"},
           {"x", testutil::kSpecP256X},
           {"y", testutil::kSpecP256Y}}}}}},
      {"assertionMethod", {vm}},
      {"authentication", {vm}},
      {"capabilityInvocation", {vm}},
      {"capabilityDelegation", {vm}},
      {"keyAgreement", {vm}}};
  auto doc = ResolveDidJwk(did);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(Unordered(doc->ToJson()), Unordered(expected));
}

TEST(DidJwk, CreateFromSpecP256KeyGivesTheSpecDid) {
  EXPECT_EQ(CreateDidJwk(SpecP256Key()), testutil::kSpecP256DidJwk);
  // The kid is not part of the identifier: one key, one DID.
  EXPECT_EQ(CreateDidJwk(SpecP256Key().WithKid("key-1")), testutil::kSpecP256DidJwk);
}

TEST(DidJwk, SpecX25519ExampleIsUnimplemented) {
  auto doc = ResolveDidJwk(testutil::kSpecX25519DidJwk);
  ASSERT_THAT(doc, FailsWith(ErrorCode::kUnimplemented));
  EXPECT_NE(doc.error().message().find("X25519"), std::string::npos) << doc.error();
}

TEST(DidJwk, P256AndEd25519RoundTrip) {
  for (const jose::PublicJwk& key : {testutil::NewP256Jwk(), testutil::NewEd25519Jwk()}) {
    const std::string did = CreateDidJwk(key);
    auto doc = ResolveDidJwk(did);
    ASSERT_THAT(doc, IsOk());
    ASSERT_EQ(doc->verification_methods.size(), 1u);
    EXPECT_EQ(doc->verification_methods[0].key, key);
    // The document's own JSON parses back to the same document.
    auto reparsed = DidDocument::Parse(doc->ToJson(), did);
    ASSERT_THAT(reparsed, IsOk());
    EXPECT_EQ(reparsed->verification_methods[0].key, key);
    EXPECT_EQ(RelationshipsOf(*reparsed, did + "#0").size(), 5u);
  }
}

TEST(DidJwk, UseSigLeavesOutKeyAgreement) {
  const std::string did =
      DidJwkOf(R"({"kty":"EC","crv":"P-256","use":"sig","x":")" +
               std::string(testutil::kSpecP256X) + R"(","y":")" + testutil::kSpecP256Y + R"("})");
  auto doc = ResolveDidJwk(did);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(RelationshipsOf(*doc, did + "#0"),
            (std::vector<Relationship>{
                Relationship::kAuthentication, Relationship::kAssertionMethod,
                Relationship::kCapabilityInvocation, Relationship::kCapabilityDelegation}));
}

TEST(DidJwk, UseEncGivesOnlyKeyAgreement) {
  const std::string did =
      DidJwkOf(R"({"kty":"EC","crv":"P-256","use":"enc","x":")" +
               std::string(testutil::kSpecP256X) + R"(","y":")" + testutil::kSpecP256Y + R"("})");
  auto doc = ResolveDidJwk(did);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ(RelationshipsOf(*doc, did + "#0"),
            std::vector<Relationship>{Relationship::kKeyAgreement});
}

TEST(DidJwk, MalformedOrUnsupportedInputIsRejected) {
  using enum ErrorCode;
  const std::string xy =
      R"("x":")" + std::string(testutil::kSpecP256X) + R"(","y":")" + testutil::kSpecP256Y + R"(")";
  const struct {
    std::string did;
    ErrorCode code;
  } cases[] = {
      {"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", kInvalidArgument},  // not jwk
      {testutil::kSpecP256DidJwk + std::string("#0"), kInvalidArgument},               // a DID URL
      {"did:jwk:eyJ.abc", kInvalidArgument},  // '.' is not base64url
      {"did:jwk:" + encoding::Base64UrlEncode("{}") + "%41", kInvalidArgument},  // '%'
      {"did:jwk:e", kInvalidArgument},  // impossible length
      {DidJwkOf("not json"), kInvalidArgument},
      {DidJwkOf(R"(["kty","EC"])"), kInvalidArgument},                // not an object
      {DidJwkOf(R"({"crv":"P-256",)" + xy + "}"), kInvalidArgument},  // no kty
      {DidJwkOf(R"({"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"})"), kInvalidArgument},
      {DidJwkOf(R"({"kty":"EC","crv":"P-256","use":"other",)" + xy + "}"), kInvalidArgument},
      {DidJwkOf(R"({"kty":"EC","crv":"P-256","use":1,)" + xy + "}"), kInvalidArgument},
      {DidJwkOf(R"({"kty":"EC","crv":"P-256",)" + xy +
                R"(,"d":"YjRs6vNvw4sYrzVVY8ipkEpDAD9PFqw1sUnvPRMA-WI"})"),
       kInvalidArgument},                                               // private key
      {DidJwkOf(R"({"kty":"oct","k":"c2VjcmV0"})"), kInvalidArgument},  // symmetric secret
      {DidJwkOf(R"({"kty":"EC","crv":"P-384","x":"AA","y":"AA"})"), kUnimplemented},
      {DidJwkOf(R"({"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"})"), kUnimplemented},
      {DidJwkOf(R"({"kty":"EC","crv":"P-256","x":)" + std::string(40, '[') + std::string(40, ']') +
                "}"),
       kResourceExhausted},  // nested too deep
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.did);
    EXPECT_THAT(ResolveDidJwk(c.did), FailsWith(c.code));
  }
}

TEST(DidJwk, OverlongDidIsResourceExhausted) {
  EXPECT_THAT(ResolveDidJwk("did:jwk:" + std::string(kMaxDidUrlLength, 'A')),
              FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::did
