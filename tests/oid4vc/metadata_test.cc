#include "core/oid4vc/metadata.h"

#include <gtest/gtest.h>

#include "tests/oid4vc/oid4vci_test_util.h"

namespace vaardig::oid4vc {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr const char* kIssuer = "https://issuer.gemeente-voorbeeld.nl";

CredentialIssuerMetadata Sample() {
  CredentialIssuerMetadata m;
  m.credential_issuer = kIssuer;
  m.credential_endpoint = std::string(kIssuer) + "/oid4vci/credential";
  m.nonce_endpoint = std::string(kIssuer) + "/oid4vci/nonce";
  m.display = {Display{"Gemeente Voorbeeld", "nl", std::nullopt, "https://issuer.gemeente-voorbeeld.nl/logo.png", std::nullopt, std::nullopt}};
  CredentialConfiguration sd;
  sd.id = "SkillCredential_sd_jwt";
  sd.format = "dc+sd-jwt";
  sd.vct = std::string(kIssuer) + "/vct/skill/v1";
  sd.scope = "skill";
  sd.cryptographic_binding_methods_supported = {"jwk", "did:jwk", "did:key"};
  sd.credential_signing_alg_values_supported = {"ES256"};
  sd.proof_signing_alg_values_supported = {"ES256", "EdDSA"};
  sd.display = {Display{"Vaardigheid", "nl", "Bevestigde vaardigheid", std::nullopt, "#12107c", "#FFFFFF"},
                Display{"Skill", "en", std::nullopt, std::nullopt, std::nullopt, std::nullopt}};
  sd.claims = Json::parse(R"([{"path":["skill","name"],"display":[{"name":"Vaardigheid","locale":"nl"}]}])");
  CredentialConfiguration ob;
  ob.id = "OpenBadgeCredential_ldp_vc";
  ob.format = "ldp_vc";
  ob.credential_definition = Json::parse(
      R"({"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"]})");
  ob.cryptographic_binding_methods_supported = {"did:key", "did:jwk"};
  ob.credential_signing_alg_values_supported = {"eddsa-rdfc-2022", "eddsa-jcs-2022"};
  ob.proof_signing_alg_values_supported = {"EdDSA"};
  m.configurations = {sd, ob};
  return m;
}

TEST(IssuerMetadata, ToJsonIsTheFinalShape) {
  const Json j = CredentialIssuerMetadataToJson(Sample());
  EXPECT_EQ(j["credential_issuer"], kIssuer);
  EXPECT_FALSE(j.contains("authorization_servers"));
  EXPECT_EQ(j["nonce_endpoint"], "https://issuer.gemeente-voorbeeld.nl/oid4vci/nonce");
  EXPECT_EQ(j["display"][0], Json::parse(R"({"name":"Gemeente Voorbeeld","locale":"nl","logo":{"uri":"https://issuer.gemeente-voorbeeld.nl/logo.png"}})"));
  const Json& sd = j["credential_configurations_supported"]["SkillCredential_sd_jwt"];
  EXPECT_EQ(sd["format"], "dc+sd-jwt");
  EXPECT_EQ(sd["proof_types_supported"], Json::parse(R"({"jwt":{"proof_signing_alg_values_supported":["ES256","EdDSA"]}})"));
  EXPECT_FALSE(sd.contains("display"));
  EXPECT_FALSE(sd.contains("claims"));
  EXPECT_EQ(sd["credential_metadata"]["display"][0]["background_color"], "#12107c");
  EXPECT_EQ(sd["credential_metadata"]["claims"][0]["path"], Json::parse(R"(["skill","name"])"));
  const Json& ob = j["credential_configurations_supported"]["OpenBadgeCredential_ldp_vc"];
  EXPECT_EQ(ob["credential_signing_alg_values_supported"], Json::parse(R"(["eddsa-rdfc-2022","eddsa-jcs-2022"])"));
  EXPECT_EQ(ob["credential_definition"]["type"][1], "OpenBadgeCredential");
  EXPECT_FALSE(ob.contains("vct"));
  EXPECT_FALSE(ob.contains("credential_metadata"));
}

TEST(IssuerMetadata, RoundTrips) {
  const Json j = CredentialIssuerMetadataToJson(Sample());
  auto parsed = ParseCredentialIssuerMetadata(j, kIssuer);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(CredentialIssuerMetadataToJson(*parsed), j);
  ASSERT_NE(parsed->Find("OpenBadgeCredential_ldp_vc"), nullptr);
  EXPECT_EQ(parsed->Find("OpenBadgeCredential_ldp_vc")->format, "ldp_vc");
  EXPECT_EQ(parsed->Find("nope"), nullptr);
  EXPECT_EQ(parsed->configurations[0].display[0].description, "Bevestigde vaardigheid");
}

struct BadMetadata {
  const char* name;
  void (*mutate)(Json&);
  const char* message;
};

class IssuerMetadataRejects : public ::testing::TestWithParam<BadMetadata> {};

TEST_P(IssuerMetadataRejects, WithInvalidArgument) {
  Json j = CredentialIssuerMetadataToJson(Sample());
  GetParam().mutate(j);
  EXPECT_THAT(ParseCredentialIssuerMetadata(j, kIssuer), FailsWith(ErrorCode::kInvalidArgument, GetParam().message));
}

#define SD(j) (j)["credential_configurations_supported"]["SkillCredential_sd_jwt"]
#define OB(j) (j)["credential_configurations_supported"]["OpenBadgeCredential_ldp_vc"]

INSTANTIATE_TEST_SUITE_P(
    Bad, IssuerMetadataRejects,
    ::testing::Values(
        BadMetadata{"NotObject", [](Json& j) { j = "x"; }, "must be a JSON object"},
        BadMetadata{"NoIssuer", [](Json& j) { j.erase("credential_issuer"); }, "'credential_issuer' must be a string"},
        BadMetadata{"OtherIssuer", [](Json& j) { j["credential_issuer"] = "https://evil.example"; }, "does not equal the issuer it was fetched for"},
        BadMetadata{"TrailingSlash", [](Json& j) { j["credential_issuer"] = std::string(kIssuer) + "/"; }, "does not equal"},
        BadMetadata{"NoEndpoint", [](Json& j) { j.erase("credential_endpoint"); }, "'credential_endpoint' must be a string"},
        BadMetadata{"HttpEndpoint", [](Json& j) { j["credential_endpoint"] = "http://issuer.example/c"; }, "'credential_endpoint' must be an https URL"},
        BadMetadata{"HttpNonce", [](Json& j) { j["nonce_endpoint"] = "http://issuer.example/n"; }, "'nonce_endpoint' must be an https URL"},
        BadMetadata{"NonceNotString", [](Json& j) { j["nonce_endpoint"] = 1; }, "'nonce_endpoint' must be a string"},
        BadMetadata{"AsNotArray", [](Json& j) { j["authorization_servers"] = "https://as.example"; }, "'authorization_servers' must be an array of strings"},
        BadMetadata{"AsHttp", [](Json& j) { j["authorization_servers"] = Json::array({"http://as.example"}); }, "entries must be https URLs"},
        BadMetadata{"DisplayNoName", [](Json& j) { j["display"] = Json::array({Json{{"locale", "nl"}}}); }, "entry needs a non-empty 'name'"},
        BadMetadata{"DisplayNotArray", [](Json& j) { j["display"] = Json::object(); }, "'display' must be an array"},
        BadMetadata{"LogoNotObject", [](Json& j) { j["display"][0]["logo"] = "x"; }, "member 'logo' must be an object"},
        BadMetadata{"NoConfigs", [](Json& j) { j.erase("credential_configurations_supported"); }, "'credential_configurations_supported' must be a non-empty object"},
        BadMetadata{"EmptyConfigs", [](Json& j) { j["credential_configurations_supported"] = Json::object(); }, "non-empty object"},
        BadMetadata{"ConfigNotObject", [](Json& j) { SD(j) = 1; }, "'SkillCredential_sd_jwt' must be an object"},
        BadMetadata{"NoFormat", [](Json& j) { SD(j).erase("format"); }, "needs a string 'format'"},
        BadMetadata{"SdJwtNoVct", [](Json& j) { SD(j).erase("vct"); }, "of format dc+sd-jwt needs 'vct'"},
        BadMetadata{"LdpNoDefinition", [](Json& j) { OB(j).erase("credential_definition"); }, "of format ldp_vc needs 'credential_definition'"},
        BadMetadata{"DefinitionNotObject", [](Json& j) { OB(j)["credential_definition"] = Json::array(); }, "'credential_definition' must be an object"},
        BadMetadata{"BindingNotStrings", [](Json& j) { SD(j)["cryptographic_binding_methods_supported"] = Json::array({1}); }, "'cryptographic_binding_methods_supported' must be an array of strings"},
        BadMetadata{"ProofTypesNotObject", [](Json& j) { SD(j)["proof_types_supported"] = Json::array(); }, "'proof_types_supported' must be an object"},
        BadMetadata{"ProofJwtNotObject", [](Json& j) { SD(j)["proof_types_supported"]["jwt"] = true; }, "'proof_types_supported.jwt' must be an object"},
        BadMetadata{"MetaNotObject", [](Json& j) { SD(j)["credential_metadata"] = 1; }, "'credential_metadata' must be an object"},
        BadMetadata{"ClaimsNotArray", [](Json& j) { SD(j)["credential_metadata"]["claims"] = Json::object(); }, "'credential_metadata.claims' must be an array"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(IssuerMetadata, AcceptsLoopbackHttp) {
  CredentialIssuerMetadata m = Sample();
  m.credential_issuer = "http://127.0.0.1:8443";
  m.credential_endpoint = "http://127.0.0.1:8443/credential";
  m.nonce_endpoint.reset();
  EXPECT_THAT(ParseCredentialIssuerMetadata(CredentialIssuerMetadataToJson(m), "http://127.0.0.1:8443"), IsOk());
}

TEST(IssuerMetadata, WellKnownUrlInsertsBeforeThePath) {
  // §12.2.2 examples.
  EXPECT_EQ(CredentialIssuerMetadataUrl("https://credential-issuer.example.com"),
            "https://credential-issuer.example.com/.well-known/openid-credential-issuer");
  EXPECT_EQ(CredentialIssuerMetadataUrl("https://credential-issuer.example.com/tenant"),
            "https://credential-issuer.example.com/.well-known/openid-credential-issuer/tenant");
  EXPECT_EQ(CredentialIssuerMetadataUrl("https://issuer.example:8443/a/b/"), "https://issuer.example:8443/.well-known/openid-credential-issuer/a/b");
  EXPECT_EQ(AuthorizationServerMetadataUrl("https://as.example/t1"), "https://as.example/.well-known/oauth-authorization-server/t1");
}

TEST(AuthorizationServerMetadata, RoundTrips) {
  AuthorizationServerMetadata m;
  m.issuer = kIssuer;
  m.token_endpoint = std::string(kIssuer) + "/oid4vci/token";
  const Json j = AuthorizationServerMetadataToJson(m);
  EXPECT_EQ(j, Json::parse(R"({"issuer":"https://issuer.gemeente-voorbeeld.nl","token_endpoint":"https://issuer.gemeente-voorbeeld.nl/oid4vci/token",)"
                           R"("grant_types_supported":["urn:ietf:params:oauth:grant-type:pre-authorized_code"],)"
                           R"("pre-authorized_grant_anonymous_access_supported":true})"));
  auto parsed = ParseAuthorizationServerMetadata(j, kIssuer);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_TRUE(parsed->pre_authorized_grant_anonymous_access_supported);
  EXPECT_EQ(parsed->grant_types_supported.size(), 1u);
  Json without = j;
  without.erase("pre-authorized_grant_anonymous_access_supported");
  EXPECT_FALSE(ParseAuthorizationServerMetadata(without, kIssuer)->pre_authorized_grant_anonymous_access_supported);
}

TEST(AuthorizationServerMetadata, Rejects) {
  AuthorizationServerMetadata m;
  m.issuer = kIssuer;
  m.token_endpoint = std::string(kIssuer) + "/token";
  const Json good = AuthorizationServerMetadataToJson(m);
  EXPECT_THAT(ParseAuthorizationServerMetadata(good, "https://other.example"), FailsWith(ErrorCode::kInvalidArgument, "does not equal the expected issuer"));
  Json j = good;
  j["token_endpoint"] = "http://issuer.example/token";
  EXPECT_THAT(ParseAuthorizationServerMetadata(j, kIssuer), FailsWith(ErrorCode::kInvalidArgument, "'token_endpoint' must be an https URL"));
  j = good;
  j["pre-authorized_grant_anonymous_access_supported"] = "yes";
  EXPECT_THAT(ParseAuthorizationServerMetadata(j, kIssuer), FailsWith(ErrorCode::kInvalidArgument, "must be a boolean"));
  j = good;
  j.erase("issuer");
  EXPECT_THAT(ParseAuthorizationServerMetadata(j, kIssuer), FailsWith(ErrorCode::kInvalidArgument, "'issuer' must be a string"));
  j = good;
  j["grant_types_supported"] = "x";
  EXPECT_THAT(ParseAuthorizationServerMetadata(j, kIssuer), FailsWith(ErrorCode::kInvalidArgument, "'grant_types_supported' must be an array"));
  EXPECT_THAT(ParseAuthorizationServerMetadata(Json::array(), kIssuer), FailsWith(ErrorCode::kInvalidArgument, "must be a JSON object"));
}

}  // namespace
}  // namespace vaardig::oid4vc
