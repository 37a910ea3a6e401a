// OpenID4VP 1.0 direct_post responses (§8.1, §8.2, §8.5, §8.6).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/oid4vc/presentation_response.h"
#include "tests/oid4vc/oid4vp_test_util.h"

namespace vaardig::oid4vc {
namespace {

using ::testing::HasSubstr;
using vptest::IsOk;
using vptest::J;
using vptest::OAuthFailsWith;
using vptest::ReadVpVector;
using Form = std::vector<std::pair<std::string, std::string>>;

TEST(DirectPost, VpResponseRoundTripsThroughTheForm) {
  VpResponse response;
  response.vp_token["my_credential"] = {"eyJhbGci...QMA~WyJ...~eyJ0eXAiOiJrYitqd3QifQ.e30.sig"};
  response.vp_token["badge"] = {J(R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"]})")};
  response.state = "eyJhb.6-sVA";
  const Form form = DirectPostForm(response);
  ASSERT_EQ(form.size(), 2u);
  EXPECT_EQ(form[0].first, "vp_token");
  EXPECT_EQ(J(form[0].second.c_str()), VpTokenToJson(response));
  EXPECT_EQ(form[1], (std::pair<std::string, std::string>{"state", "eyJhb.6-sVA"}));
  EXPECT_EQ(EncodeForm({{"vp_token", R"({"a":["x y"]})"}, {"state", "s"}}),
            "vp_token=%7B%22a%22%3A%5B%22x%20y%22%5D%7D&state=s");

  auto parsed = ParseDirectPostResponse(form);
  ASSERT_THAT(parsed, IsOk());
  const auto& vp = std::get<VpResponse>(*parsed);
  EXPECT_EQ(vp.vp_token, response.vp_token);
  EXPECT_EQ(vp.state, response.state);
}

TEST(DirectPost, ErrorResponseRoundTrips) {
  VpErrorResponse error{std::string(errors::kAccessDenied), "the holder declined", "st-1"};
  auto parsed = ParseDirectPostResponse(DirectPostForm(error));
  ASSERT_THAT(parsed, IsOk());
  const auto& e = std::get<VpErrorResponse>(*parsed);
  EXPECT_EQ(e.error, "access_denied");
  EXPECT_EQ(*e.error_description, "the holder declined");
  EXPECT_EQ(*e.state, "st-1");
}

TEST(DirectPost, UnknownParametersAreIgnored) {
  auto parsed = ParseDirectPostResponse(Form{{"vp_token", R"({"q":["a"]})"}, {"iss", "https://wallet.example"}});
  ASSERT_THAT(parsed, IsOk());
  EXPECT_FALSE(std::get<VpResponse>(*parsed).state);
}

TEST(DirectPost, MalformedResponsesAreInvalidRequest) {
  std::string many_ids = "{";
  for (int i = 0; i < 51; ++i) many_ids += (i ? "," : "") + ("\"q" + std::to_string(i) + "\":[\"p\"]");
  many_ids += "}";
  std::string many_presentations = R"({"q":[)";
  for (int i = 0; i < 11; ++i) many_presentations += i ? ",\"p\"" : "\"p\"";
  many_presentations += "]}";
  const std::vector<std::pair<Form, const char*>> cases = {
      {{}, "vp_token is required"},
      {{{"state", "abc"}}, "vp_token is required"},
      {{{"vp_token", "{"}}, "vp_token is not valid JSON"},
      {{{"vp_token", R"({"a":1,"a":2})"}}, "vp_token is not valid JSON"},
      {{{"vp_token", R"(["eyJ"])"}}, "vp_token must be a JSON object keyed by credential query id"},
      {{{"vp_token", "{}"}}, "vp_token must not be empty"},
      {{{"vp_token", R"({"q":"eyJ"})"}}, "vp_token.q must be a non-empty array of presentations"},
      {{{"vp_token", R"({"q":[]})"}}, "vp_token.q must be a non-empty array of presentations"},
      {{{"vp_token", R"({"q":[1]})"}}, "vp_token.q[0] must be a non-empty string or object"},
      {{{"vp_token", R"({"q":[""]})"}}, "vp_token.q[0] must be a non-empty string or object"},
      {{{"vp_token", R"({"q":[{}]})"}}, "vp_token.q[0] must be a non-empty string or object"},
      {{{"vp_token", R"({"bad id":["p"]})"}}, "is not a credential query id"},
      {{{"vp_token", many_ids}}, "more than 50 credential query ids"},
      {{{"vp_token", many_presentations}}, "vp_token.q has more than 10 presentations"},
      {{{"vp_token", R"({"q":["p"]})"}, {"vp_token", R"({"q":["p"]})"}}, "parameter vp_token appears twice"},
      {{{"vp_token", R"({"q":["p"]})"}, {"error", "access_denied"}}, "vp_token and error must not both be present"},
      {{{"vp_token", R"({"q":["p"]})"}, {"state", "a b"}}, "state must be 1 to 512 ASCII URL safe characters"},
      {{{"vp_token", R"({"q":["p"]})"}, {"state", ""}}, "state must be 1 to 512 ASCII URL safe characters"},
      {{{"response", "eyJhbGciOiJFQ0RILUVTIn0..."}}, "direct_post.jwt) are not supported"},
      {{{"error", ""}}, "error must be a short error code"},
      {{{"error", "access denied"}}, "error must be a short error code"},
      {{{"error", "access_denied"}, {"error_description", "line\nbreak"}}, "error_description must be at most 1024"},
      {{{"error", "access_denied"}, {"error_description", std::string(1025, 'x')}}, "error_description must be at most 1024"},
      {{{"vp_token", std::string(kMaxDirectPostBytes, ' ')}}, "larger than 1 MiB"},
  };
  for (const auto& [form, message] : cases) {
    SCOPED_TRACE(message);
    auto result = ParseDirectPostResponse(form);
    ASSERT_THAT(result, OAuthFailsWith(errors::kInvalidRequest));
    EXPECT_THAT(result.error().description, HasSubstr(message));
    EXPECT_EQ(result.error().http_status, 400);
  }
}

TEST(DirectPost, PresentationContentIsNeverEchoed) {
  auto result = ParseDirectPostResponse(Form{{"vp_token", R"({"q":[42]})"}, {"state", "secret state"}});
  ASSERT_THAT(result, OAuthFailsWith(errors::kInvalidRequest));
  EXPECT_THAT(result.error().description, ::testing::Not(HasSubstr("secret")));
}

VpResponse Token(std::initializer_list<std::pair<const char*, int>> entries) {
  VpResponse r;
  for (const auto& [id, count] : entries) {
    for (int i = 0; i < count; ++i) r.vp_token[id].push_back("eyJ.p" + std::to_string(i));
  }
  return r;
}

TEST(CheckVpTokenAgainstQuery, AllQueriesWithoutCredentialSets) {
  const DcqlQuery query = ParseDcqlQuery(ReadVpVector("simple.json")).value();
  EXPECT_THAT(CheckVpTokenAgainstQuery(Token({{"my_credential", 1}}), query), IsOk());
  auto two = CheckVpTokenAgainstQuery(Token({{"my_credential", 2}}), query);
  ASSERT_THAT(two, OAuthFailsWith(errors::kInvalidRequest));
  EXPECT_THAT(two.error().description, HasSubstr("must hold exactly one presentation"));
  auto unknown = CheckVpTokenAgainstQuery(Token({{"my_credential", 1}, {"extra", 1}}), query);
  ASSERT_THAT(unknown, OAuthFailsWith(errors::kInvalidRequest));
  EXPECT_THAT(unknown.error().description, HasSubstr("vp_token.extra answers no credential query"));
  auto missing = CheckVpTokenAgainstQuery(VpResponse{}, query);
  ASSERT_THAT(missing, OAuthFailsWith(errors::kInvalidRequest));
  EXPECT_THAT(missing.error().description, HasSubstr("lacks credential query my_credential"));
}

TEST(CheckVpTokenAgainstQuery, MultipleAllowsSeveralPresentations) {
  DcqlQuery query = ParseDcqlQuery(ReadVpVector("simple.json")).value();
  query.credentials[0].multiple = true;
  EXPECT_THAT(CheckVpTokenAgainstQuery(Token({{"my_credential", 3}}), query), IsOk());
}

TEST(CheckVpTokenAgainstQuery, RequiredCredentialSetsMustBeSatisfied) {
  const DcqlQuery query = ParseDcqlQuery(ReadVpVector("credentials_alternatives.json")).value();
  EXPECT_THAT(CheckVpTokenAgainstQuery(Token({{"other_pid", 1}}), query), IsOk());
  EXPECT_THAT(CheckVpTokenAgainstQuery(Token({{"pid_reduced_cred_1", 1}, {"pid_reduced_cred_2", 1}}), query), IsOk());
  EXPECT_THAT(CheckVpTokenAgainstQuery(Token({{"pid", 1}, {"nice_to_have", 1}}), query), IsOk());
  auto partial = CheckVpTokenAgainstQuery(Token({{"pid_reduced_cred_1", 1}, {"nice_to_have", 1}}), query);
  ASSERT_THAT(partial, OAuthFailsWith(errors::kInvalidRequest));
  EXPECT_THAT(partial.error().description, HasSubstr("satisfies no option of required credential set 0"));
}

}  // namespace
}  // namespace vaardig::oid4vc
