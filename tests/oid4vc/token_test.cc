#include "core/oid4vc/token.h"

#include <gtest/gtest.h>

#include "core/oid4vc/offer.h"
#include "tests/oid4vc/oid4vci_test_util.h"

namespace vaardig::oid4vc {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using testutil::OAuthFailsWith;
using Form = std::vector<std::pair<std::string, std::string>>;

const std::string kGrant(kPreAuthorizedCodeGrantType);

// Splits a urlencoded body the way core/http ParseForm does, for the round trip.
Form SplitForm(std::string_view body) {
  Form form;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    const auto eq = pair.find('=');
    form.emplace_back(PercentDecode(pair.substr(0, eq)).value(), PercentDecode(pair.substr(eq + 1)).value());
  }
  return form;
}

TEST(TokenRequest, SpecExampleParses) {
  // §6.1 example (with tx_code).
  auto request = ParseTokenRequest(SplitForm(
      "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=SplxlOBeZQQYbYS6WxSbIA&tx_code=493536"));
  ASSERT_THAT(request, IsOk());
  EXPECT_EQ(request->grant_type, kGrant);
  EXPECT_EQ(request->pre_authorized_code, "SplxlOBeZQQYbYS6WxSbIA");
  EXPECT_EQ(request->tx_code, "493536");
  EXPECT_FALSE(request->client_id.has_value());
}

TEST(TokenRequest, FormRoundTrips) {
  TokenRequest in;
  in.pre_authorized_code = "a b&c=d";
  in.tx_code = "12 34";
  in.client_id = "wallet";
  const std::string body = TokenRequestForm(in);
  EXPECT_TRUE(body.starts_with("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&"));
  auto out = ParseTokenRequest(SplitForm(body));
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->pre_authorized_code, "a b&c=d");
  EXPECT_EQ(out->tx_code, "12 34");
  EXPECT_EQ(out->client_id, "wallet");
}

TEST(TokenRequest, IgnoresUnknownParameters) {
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "c"}, {"foo", "bar"}}), IsOk());
}

TEST(TokenRequest, Rejects) {
  EXPECT_THAT(ParseTokenRequest({{"pre-authorized_code", "c"}}), OAuthFailsWith(errors::kInvalidRequest, "missing parameter 'grant_type'"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", "authorization_code"}, {"code", "c"}}),
              OAuthFailsWith(errors::kUnsupportedGrantType, "grant_type must be"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", "client_credentials"}}), OAuthFailsWith(errors::kUnsupportedGrantType, "pre-authorized_code"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}}), OAuthFailsWith(errors::kInvalidRequest, "missing parameter 'pre-authorized_code'"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", ""}}),
              OAuthFailsWith(errors::kInvalidRequest, "missing parameter 'pre-authorized_code'"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "a"}, {"pre-authorized_code", "b"}}),
              OAuthFailsWith(errors::kInvalidRequest, "parameter 'pre-authorized_code' is repeated"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"grant_type", kGrant}, {"pre-authorized_code", "a"}}),
              OAuthFailsWith(errors::kInvalidRequest, "'grant_type' is repeated"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", std::string(513, 'c')}}),
              OAuthFailsWith(errors::kInvalidRequest, "longer than 512 bytes"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", std::string(512, 'c')}}), IsOk());
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "c"}, {"tx_code", std::string(65, '1')}}),
              OAuthFailsWith(errors::kInvalidRequest, "'tx_code' is longer than 64 bytes"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "c"}, {"tx_code", ""}}),
              OAuthFailsWith(errors::kInvalidRequest, "'tx_code' is empty"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "c"}, {"client_id", ""}}),
              OAuthFailsWith(errors::kInvalidRequest, "'client_id' is empty"));
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "c"}, {"client_id", std::string(256, 'x')}}),
              OAuthFailsWith(errors::kInvalidRequest, "'client_id' is longer than 255 bytes"));
}

TEST(TokenRequest, RepeatedNameIsEchoedSafely) {
  EXPECT_THAT(ParseTokenRequest({{"grant_type", kGrant}, {"a\"b\n", "1"}, {"a\"b\n", "2"}}),
              OAuthFailsWith(errors::kInvalidRequest, "parameter 'a?b?' is repeated"));
}

TEST(TokenRequest, DescriptionsNeverEchoSecrets) {
  auto r = ParseTokenRequest({{"grant_type", kGrant}, {"pre-authorized_code", "c"}, {"tx_code", "SECRET" + std::string(64, '1')}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().description.find("SECRET"), std::string::npos);
  EXPECT_EQ(r.error().ToJson(), (Json{{"error", "invalid_request"}, {"error_description", r.error().description}}));
}

TEST(TokenResponse, RoundTrips) {
  TokenResponse in;
  in.access_token = "eyJhbGciOiJSUzI1NiIsInR5cCI6Ikp..sHQ";
  in.expires_in = 86400;
  const Json j = TokenResponseToJson(in);
  EXPECT_EQ(j, (Json{{"access_token", in.access_token}, {"token_type", "Bearer"}, {"expires_in", 86400}}));
  auto out = ParseTokenResponse(j);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->access_token, in.access_token);
  EXPECT_EQ(out->expires_in, 86400);
  in.expires_in = 0;
  EXPECT_FALSE(TokenResponseToJson(in).contains("expires_in"));
}

TEST(TokenResponse, Rejects) {
  EXPECT_THAT(ParseTokenResponse(Json::array()), FailsWith(ErrorCode::kInvalidArgument, "must be a JSON object"));
  EXPECT_THAT(ParseTokenResponse(Json{{"token_type", "Bearer"}}), FailsWith(ErrorCode::kInvalidArgument, "'access_token' must be a non-empty string"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", ""}, {"token_type", "Bearer"}}), FailsWith(ErrorCode::kInvalidArgument, "'access_token'"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", std::string(4097, 't')}, {"token_type", "Bearer"}}),
              FailsWith(ErrorCode::kInvalidArgument, "longer than 4096 bytes"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", "t"}}), FailsWith(ErrorCode::kInvalidArgument, "'token_type' must be a string"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", "t"}, {"token_type", "DPoP"}}), FailsWith(ErrorCode::kUnimplemented, "DPoP"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", "t"}, {"token_type", "mac"}}), FailsWith(ErrorCode::kInvalidArgument, "must be Bearer"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", "t"}, {"token_type", "bearer"}, {"expires_in", -1}}),
              FailsWith(ErrorCode::kInvalidArgument, "'expires_in' must be a non-negative integer"));
  EXPECT_THAT(ParseTokenResponse(Json{{"access_token", "t"}, {"token_type", "bearer"}}), IsOk());
}

}  // namespace
}  // namespace vaardig::oid4vc
