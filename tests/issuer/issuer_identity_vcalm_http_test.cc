// The issuer's metadata, identity and status list endpoints and the VCALM endpoints against its
// real server (issue 7): metadata shapes, caching headers, ETag / 304, and the VCALM
// authentication matrix (client token, admin session with and without CSRF, other roles, nobody).
#include <gtest/gtest.h>

#include "core/status/bitstring_status_list.h"
#include "issuer/app/status_registry.h"
#include "issuer/http/api_identity.h"
#include "tests/issuer/oid4vci_http_test_util.h"

namespace vaardig::issuer {
namespace {

using testing::kPublicUrl;
using testing::kVcalmClientToken;
using testing::Reply;

class IdentityVcalmHttpTest : public testing::IssuerServerTest {
 protected:
  static Json GivenCredential() {
    return Json{{"@context", Json::array({"https://www.w3.org/ns/credentials/v2",
                                          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"})},
                {"type", Json::array({"VerifiableCredential", "OpenBadgeCredential"})},
                {"name", "Klantgesprek voeren"},
                {"credentialSubject",
                 {{"type", Json::array({"AchievementSubject"})},
                  {"achievement",
                   {{"id", "https://skills.gemeente-voorbeeld.test/skills/klantgesprek"},
                    {"type", Json::array({"Achievement"})},
                    {"name", "Klantgesprek voeren"},
                    {"criteria", {{"narrative", "Bevestigd door de leidinggevende."}}}}}}}};
  }
  Reply Issue(const std::vector<std::pair<std::string, std::string>>& headers, const Json& body) const {
    return Send({.method = "POST", .target = "/credentials/issue", .body = DumpJson(body),
                 .content_type = "application/json", .headers = headers});
  }
  static std::vector<std::pair<std::string, std::string>> Client() {
    return {{"Authorization", "Bearer " + std::string(kVcalmClientToken)}};
  }
};

TEST_F(IdentityVcalmHttpTest, CredentialIssuerMetadataHasTheOneZeroFinalShape) {
  Reply r = Get("/.well-known/openid-credential-issuer");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=300");
  const Json m = r.JsonBody();
  const std::string issuer(kPublicUrl);
  EXPECT_EQ(m.at("credential_issuer"), issuer);
  EXPECT_EQ(m.at("credential_endpoint"), issuer + "/credential");
  EXPECT_EQ(m.at("nonce_endpoint"), issuer + "/nonce");
  EXPECT_FALSE(m.contains("authorization_servers"));
  EXPECT_EQ(m.at("display").size(), 2u);
  const Json& sd = m.at("credential_configurations_supported").at(std::string(kSkillSdJwtConfiguration));
  EXPECT_EQ(sd.at("format"), "dc+sd-jwt");
  EXPECT_EQ(sd.at("vct"), issuer + "/vct/skill/v1");
  EXPECT_EQ(sd.at("cryptographic_binding_methods_supported"), Json::array({"jwk", "did:jwk", "did:key"}));
  EXPECT_EQ(sd.at("credential_signing_alg_values_supported"), Json::array({"ES256"}));
  EXPECT_EQ(sd.at("proof_types_supported").at("jwt").at("proof_signing_alg_values_supported"),
            Json::array({"ES256", "EdDSA"}));
  const Json& badge = m.at("credential_configurations_supported").at(std::string(kSkillBadgeConfiguration));
  EXPECT_EQ(badge.at("format"), "ldp_vc");
  EXPECT_EQ(badge.at("credential_definition").at("type"), Json::array({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(badge.at("credential_signing_alg_values_supported"), Json::array({"eddsa-rdfc-2022"}));
  EXPECT_EQ(badge.at("cryptographic_binding_methods_supported"), Json::array({"did:jwk", "did:key"}));

  Reply as = Get("/.well-known/oauth-authorization-server");
  ASSERT_EQ(as.status, 200);
  EXPECT_EQ(as.JsonBody().at("issuer"), issuer);
  EXPECT_EQ(as.JsonBody().at("token_endpoint"), issuer + "/token");
  EXPECT_EQ(as.JsonBody().at("pre-authorized_grant_anonymous_access_supported"), true);
  EXPECT_EQ(as.JsonBody().at("grant_types_supported"),
            Json::array({"urn:ietf:params:oauth:grant-type:pre-authorized_code"}));
}

TEST_F(IdentityVcalmHttpTest, IdentityDocumentsArePublicAndCacheable) {
  Reply did = Get("/.well-known/did.json");
  ASSERT_EQ(did.status, 200) << did.body;
  EXPECT_EQ(did.Header("Cache-Control"), "public, max-age=300");
  EXPECT_EQ(did.JsonBody().at("id"), "did:web:skills.gemeente-voorbeeld.test");
  EXPECT_GE(did.JsonBody().at("verificationMethod").size(), 2u);  // the sd-jwt and data-integrity keys

  Reply jwt_vc = Get("/.well-known/jwt-vc-issuer");
  ASSERT_EQ(jwt_vc.status, 200) << jwt_vc.body;
  EXPECT_EQ(jwt_vc.JsonBody().at("issuer"), kPublicUrl);
  EXPECT_EQ(jwt_vc.JsonBody().at("jwks").at("keys").size(), 1u);

  Reply vct = Get("/vct/skill/v1");
  ASSERT_EQ(vct.status, 200) << vct.body;
  EXPECT_EQ(vct.Header("Cache-Control"), "public, max-age=300");
  EXPECT_EQ(vct.JsonBody().at("vct"), std::string(kPublicUrl) + "/vct/skill/v1");
  EXPECT_FALSE(vct.JsonBody().contains("schema_uri"));
  EXPECT_EQ(vct.JsonBody().at("display").size(), 2u);
  // The rest is the file in specs/, unchanged.
  Json expected = ParseJson(SkillTypeMetadataTemplate()).value();
  expected.erase("vct");
  expected.erase("schema_uri");
  Json served = vct.JsonBody();
  served.erase("vct");
  EXPECT_EQ(served, expected);
}

TEST_F(IdentityVcalmHttpTest, StatusListsAnswerWithETagsAnd304) {
  ASSERT_EQ(Issue(Client(), Json{{"credential", GivenCredential()}, {"options", {{"credentialStatus", {{"type", "BitstringStatusListEntry"}}}}}}).status, 201);
  auto entry = app_->db().QueryOne("SELECT list_id FROM status_entries e JOIN status_lists l ON l.id = e.list_id WHERE l.kind = 'bitstring' LIMIT 1");
  ASSERT_TRUE(entry.has_value() && entry->has_value());
  const std::string bitstring = "/status/bitstring/" + std::to_string((*entry)->Int(0));
  Reply first = Get(bitstring);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("Content-Type"), "application/vc+ld+json");
  const std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_FALSE(first.Header("Last-Modified").empty());
  EXPECT_EQ(first.Header("Cache-Control"), "public, max-age=" + std::to_string(kStatusListTtlSeconds));
  Reply cached = Get(bitstring, {{"If-None-Match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(cached.Header("ETag"), etag);
  EXPECT_EQ(Get(bitstring, {{"If-None-Match", "\"something-else\""}}).status, 200);
  EXPECT_EQ(Get(bitstring, {{"If-Modified-Since", first.Header("Last-Modified")}}).status, 304);

  auto token_list = app_->db().QueryOne("SELECT id FROM status_lists WHERE kind = 'token' LIMIT 1");
  ASSERT_TRUE(token_list.has_value() && token_list->has_value());
  Reply token = Get("/status/token/" + std::to_string((*token_list)->Int(0)));
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(token.Header("Content-Type"), "application/statuslist+jwt");
  EXPECT_EQ(Get("/status/token/" + std::to_string((*token_list)->Int(0)), {{"If-None-Match", token.Header("ETag")}}).status, 304);
  EXPECT_EQ(Get("/status/token/999999").status, 404);
  EXPECT_EQ(Get("/status/token/abc").status, 404);
  EXPECT_EQ(Get(bitstring.substr(0, bitstring.rfind('/')) + "/0").status, 404);
}

TEST_F(IdentityVcalmHttpTest, VcalmIssueAndStatusWithAClientToken) {
  Reply issued = Issue(Client(), Json{{"credential", GivenCredential()}, {"options", {{"credentialStatus", {{"type", "BitstringStatusListEntry"}}}}}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  const Json vc = issued.JsonBody().at("verifiableCredential");
  EXPECT_EQ(vc.at("proof").at("cryptosuite"), "eddsa-rdfc-2022");
  ASSERT_TRUE(vc.contains("credentialStatus"));
  const std::string id = vc.at("id").get<std::string>();
  auto audit = app_->db().QueryOne("SELECT actor FROM audit_log WHERE action = 'credential.issue' ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(audit.has_value() && audit->has_value());
  EXPECT_EQ((*audit)->Text(0), "vcalm:hr-system");

  const auto status = [&](const char* purpose, bool value) {
    return Send({.method = "POST", .target = "/credentials/status",
                 .body = DumpJson(Json{{"credentialId", id},
                                       {"credentialStatus", Json::array({{{"type", "BitstringStatusListCredential"},
                                                                          {"status", value}, {"statusPurpose", purpose}}})}}),
                 .content_type = "application/json", .headers = Client()});
  };
  Reply suspended = status("suspension", true);
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(suspended.JsonBody().at("state"), "suspended");
  EXPECT_EQ(status("suspension", false).status, 200);
  EXPECT_EQ(status("revocation", false).status, 409);
  EXPECT_EQ(status("revocation", true).status, 200);
  EXPECT_EQ(status("suspension", true).status, 409);  // revocation is final
  EXPECT_EQ(status("expiry", true).status, 400);
}

TEST_F(IdentityVcalmHttpTest, VcalmAuthenticationMatrix) {
  AddSession("adam", testing::Exec1(app_->db(),
      "INSERT INTO people (employee_number, name, email, role, created_at, updated_at) "
      "VALUES ('A001', 'Adam Admin', 'adam@x.example', 'admin', ?, ?) RETURNING id", {app_->Now(), app_->Now()}));
  AddSession("hanna", org_["hanna"].person_id);
  const Json body{{"credential", GivenCredential()}};
  struct Cell {
    const char* label;
    std::vector<std::pair<std::string, std::string>> headers;
    int status;
  };
  const std::vector<Cell> cells = {
      {"nobody", {}, 401},
      {"unknown bearer", {{"Authorization", "Bearer not-a-client"}}, 401},
      {"basic auth", {{"Authorization", "Basic aHI6c2VjcmV0"}}, 401},
      {"hr session", {{"Authorization", "Bearer token-hanna"}}, 403},
      {"admin cookie without CSRF", {{"Cookie", "vaardig_session=token-adam"}}, 403},
      {"admin cookie with CSRF", {{"Cookie", "vaardig_session=token-adam"}, {"X-CSRF-Token", "csrf-adam"}}, 201},
      {"admin bearer session", {{"Authorization", "Bearer token-adam"}}, 201},
      {"client token", Client(), 201},
  };
  std::int64_t expected = 0;
  for (const Cell& cell : cells) {
    Reply r = Issue(cell.headers, body);
    EXPECT_EQ(r.status, cell.status) << cell.label << ": " << r.body;
    if (cell.status == 201) ++expected;
    EXPECT_EQ(Credentials(), expected) << cell.label;
    Reply st = Send({.method = "POST", .target = "/credentials/status",
                     .body = DumpJson(Json{{"credentialId", "urn:uuid:00000000-0000-4000-8000-000000000000"},
                                           {"credentialStatus", Json::array({{{"status", true}, {"statusPurpose", "revocation"}}})}}),
                     .content_type = "application/json", .headers = cell.headers});
    EXPECT_EQ(st.status, cell.status == 201 ? 404 : cell.status) << cell.label << ": " << st.body;
  }
}

TEST_F(IdentityVcalmHttpTest, VcalmRefusesBadBodies) {
  EXPECT_EQ(Issue(Client(), Json{{"credential", "text"}}).status, 400);
  EXPECT_EQ(Issue(Client(), Json{{"credential", GivenCredential()}, {"options", {{"mandatoryPointers", Json::array()}}}}).status, 400);
  EXPECT_EQ(Issue(Client(), Json{{"credential", GivenCredential()}, {"options", {{"credentialStatus", {{"type", "StatusList2021Entry"}}}}}}).status, 400);
  EXPECT_EQ(Send({.method = "POST", .target = "/credentials/issue", .body = "{", .content_type = "application/json",
                  .headers = Client()}).status, 400);
  EXPECT_EQ(Send({.method = "POST", .target = "/credentials/issue", .body = DumpJson(Json{{"credential", GivenCredential()}}),
                  .content_type = "text/plain", .headers = Client()}).status, 400);
  EXPECT_EQ(Send({.method = "POST", .target = "/credentials/status", .body = std::string(70 * 1024, ' '),
                  .content_type = "application/json", .headers = Client()}).status, 413);
  EXPECT_EQ(Send({.method = "POST", .target = "/credentials/status", .body = DumpJson(Json{{"credentialId", "x"}, {"credentialStatus", Json::array()}}),
                  .content_type = "application/json", .headers = Client()}).status, 400);
  EXPECT_EQ(Credentials(), 0);
}

}  // namespace
}  // namespace vaardig::issuer
