#include "core/oid4vc/offer.h"

#include <gtest/gtest.h>

#include "core/oid4vc/token.h"
#include "tests/oid4vc/oid4vci_test_util.h"

namespace vaardig::oid4vc {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

CredentialOffer SampleOffer() {
  CredentialOffer offer;
  offer.credential_issuer = "https://issuer.gemeente-voorbeeld.nl";
  offer.credential_configuration_ids = {"SkillCredential_sd_jwt", "SkillCredential_ldp_vc"};
  offer.pre_authorized_code = PreAuthorizedCodeGrant{"code-123", TxCode{"numeric", 6, "Code uit de e-mail"}};
  return offer;
}

Json Valid() { return CredentialOfferToJson(SampleOffer()); }

TEST(CredentialOffer, ToJsonHasTheSpecShape) {
  const Json j = Valid();
  EXPECT_EQ(j["credential_issuer"], "https://issuer.gemeente-voorbeeld.nl");
  EXPECT_EQ(j["credential_configuration_ids"].size(), 2u);
  const Json& grant = j["grants"]["urn:ietf:params:oauth:grant-type:pre-authorized_code"];
  EXPECT_EQ(grant["pre-authorized_code"], "code-123");
  EXPECT_EQ(grant["tx_code"], (Json{{"length", 6}, {"input_mode", "numeric"}, {"description", "Code uit de e-mail"}}));
  EXPECT_FALSE(j["grants"].contains("authorization_code"));
}

TEST(CredentialOffer, RoundTrips) {
  CredentialOffer offer = SampleOffer();
  offer.issuer_state = "state-1";
  auto parsed = ParseCredentialOffer(CredentialOfferToJson(offer));
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->credential_issuer, offer.credential_issuer);
  EXPECT_EQ(parsed->credential_configuration_ids, offer.credential_configuration_ids);
  ASSERT_TRUE(parsed->pre_authorized_code.has_value());
  EXPECT_EQ(parsed->pre_authorized_code->pre_authorized_code, "code-123");
  EXPECT_EQ(parsed->pre_authorized_code->tx_code->length, 6);
  EXPECT_EQ(parsed->pre_authorized_code->tx_code->input_mode, "numeric");
  EXPECT_EQ(parsed->issuer_state, "state-1");
  EXPECT_TRUE(parsed->authorization_code_grant);
  EXPECT_EQ(CredentialOfferToJson(*parsed), CredentialOfferToJson(offer));
}

TEST(CredentialOffer, AcceptsLoopbackHttpIssuers) {
  for (const char* issuer : {"http://127.0.0.1:8080", "http://localhost:8080/tenant", "http://[::1]:9000"}) {
    Json j = Valid();
    j["credential_issuer"] = issuer;
    EXPECT_THAT(ParseCredentialOffer(j), IsOk()) << issuer;
  }
}

struct BadOffer {
  const char* name;
  void (*mutate)(Json&);
  const char* message;
};

class CredentialOfferRejects : public ::testing::TestWithParam<BadOffer> {};

TEST_P(CredentialOfferRejects, WithInvalidArgument) {
  Json j = Valid();
  GetParam().mutate(j);
  EXPECT_THAT(ParseCredentialOffer(j), FailsWith(ErrorCode::kInvalidArgument, GetParam().message));
}

constexpr const char* kPre = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

INSTANTIATE_TEST_SUITE_P(
    Bad, CredentialOfferRejects,
    ::testing::Values(
        BadOffer{"NotObject", [](Json& j) { j = Json::array(); }, "must be a JSON object"},
        BadOffer{"NoIssuer", [](Json& j) { j.erase("credential_issuer"); }, "missing 'credential_issuer'"},
        BadOffer{"IssuerNotString", [](Json& j) { j["credential_issuer"] = 5; }, "'credential_issuer' must be a non-empty string"},
        BadOffer{"HttpIssuer", [](Json& j) { j["credential_issuer"] = "http://issuer.example"; }, "must be an https URL"},
        BadOffer{"HttpLookalike", [](Json& j) { j["credential_issuer"] = "http://localhost.evil.example"; }, "must be an https URL"},
        BadOffer{"IssuerWithQuery", [](Json& j) { j["credential_issuer"] = "https://issuer.example?x=1"; }, "without query"},
        BadOffer{"IssuerWithFragment", [](Json& j) { j["credential_issuer"] = "https://issuer.example#x"; }, "must be an https URL"},
        BadOffer{"IssuerUserinfo", [](Json& j) { j["credential_issuer"] = "https://a@issuer.example"; }, "must be an https URL"},
        BadOffer{"NoIds", [](Json& j) { j.erase("credential_configuration_ids"); }, "'credential_configuration_ids' must be a non-empty array"},
        BadOffer{"EmptyIds", [](Json& j) { j["credential_configuration_ids"] = Json::array(); }, "must be a non-empty array"},
        BadOffer{"IdNotString", [](Json& j) { j["credential_configuration_ids"] = Json::array({1}); }, "entries must be non-empty strings"},
        BadOffer{"EmptyId", [](Json& j) { j["credential_configuration_ids"] = Json::array({""}); }, "entries must be non-empty strings"},
        BadOffer{"DuplicateId", [](Json& j) { j["credential_configuration_ids"] = Json::array({"a", "a"}); }, "contains 'a' twice"},
        BadOffer{"NoGrants", [](Json& j) { j.erase("grants"); }, "has no 'grants'"},
        BadOffer{"GrantsNotObject", [](Json& j) { j["grants"] = "x"; }, "'grants' must be an object"},
        BadOffer{"UnknownGrantOnly", [](Json& j) { j["grants"] = Json{{"urn:other", Json::object()}}; }, "neither a pre-authorized_code nor"},
        BadOffer{"PreGrantNotObject", [](Json& j) { j["grants"][kPre] = 1; }, "pre-authorized_code grant must be an object"},
        BadOffer{"NoCode", [](Json& j) { j["grants"][kPre].erase("pre-authorized_code"); }, "missing 'pre-authorized_code'"},
        BadOffer{"EmptyCode", [](Json& j) { j["grants"][kPre]["pre-authorized_code"] = ""; }, "must be a non-empty string"},
        BadOffer{"TxCodeNotObject", [](Json& j) { j["grants"][kPre]["tx_code"] = "123"; }, "tx_code must be an object"},
        BadOffer{"TxCodeMode", [](Json& j) { j["grants"][kPre]["tx_code"]["input_mode"] = "alpha"; }, "input_mode must be"},
        BadOffer{"TxCodeZero", [](Json& j) { j["grants"][kPre]["tx_code"]["length"] = 0; }, "length must be an integer from 1 to 16"},
        BadOffer{"TxCodeLong", [](Json& j) { j["grants"][kPre]["tx_code"]["length"] = 17; }, "from 1 to 16"},
        BadOffer{"TxCodeFraction", [](Json& j) { j["grants"][kPre]["tx_code"]["length"] = 4.5; }, "from 1 to 16"},
        BadOffer{"TxCodeDescription", [](Json& j) { j["grants"][kPre]["tx_code"]["description"] = std::string(301, 'x'); }, "longer than 300"},
        BadOffer{"AuthServer", [](Json& j) { j["grants"][kPre]["authorization_server"] = "http://as.example"; }, "'authorization_server' must be an https URL"},
        BadOffer{"AuthCodeNotObject", [](Json& j) { j["grants"]["authorization_code"] = true; }, "authorization_code grant must be an object"},
        BadOffer{"IssuerStateEmpty", [](Json& j) { j["grants"]["authorization_code"] = Json{{"issuer_state", ""}}; }, "'issuer_state' must be a non-empty string"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CredentialOffer, ErrorsNeverEchoTheCode) {
  Json j = Valid();
  j["grants"][kPre]["tx_code"]["length"] = 99;
  auto parsed = ParseCredentialOffer(j);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message().find("code-123"), std::string::npos);
}

TEST(CredentialOfferLink, ByValueRoundTrips) {
  const std::string link = CredentialOfferLinkByValue(SampleOffer());
  EXPECT_TRUE(link.starts_with("openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A"));
  auto parsed = ParseCredentialOfferLink(link);
  ASSERT_THAT(parsed, IsOk());
  ASSERT_TRUE(parsed->offer.has_value());
  EXPECT_FALSE(parsed->offer_uri.has_value());
  EXPECT_EQ(CredentialOfferToJson(*parsed->offer), Valid());
}

TEST(CredentialOfferLink, ByReferenceRoundTrips) {
  const std::string uri = "https://issuer.example/offers/abc?x=1&y=2";
  const std::string link = CredentialOfferLinkByReference(uri);
  EXPECT_EQ(link, "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Foffers%2Fabc%3Fx%3D1%26y%3D2");
  auto parsed = ParseCredentialOfferLink(link);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->offer_uri, uri);
  EXPECT_FALSE(parsed->offer.has_value());
}

TEST(CredentialOfferLink, AcceptsHttpsUniversalLinksAndOtherParameters) {
  auto parsed = ParseCredentialOfferLink("https://wallet.example/offer?lang=nl&credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->offer_uri, "https://issuer.example/o/1");
}

TEST(CredentialOfferLink, SpecExampleByReference) {
  // §4.1.3's example link.
  auto parsed = ParseCredentialOfferLink(
      "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fserver%2Eexample%2Ecom%2Fcredential-offer%2FGkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->offer_uri, "https://server.example.com/credential-offer/GkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM");
}

TEST(CredentialOfferLink, Rejects) {
  const std::string good = CredentialOfferLinkByValue(SampleOffer());
  EXPECT_THAT(ParseCredentialOfferLink(good, 20), FailsWith(ErrorCode::kResourceExhausted, "longer than 20 bytes"));
  EXPECT_THAT(ParseCredentialOfferLink("openid4vp://?credential_offer_uri=https%3A%2F%2Fa"),
              FailsWith(ErrorCode::kInvalidArgument, "must start with openid-credential-offer://"));
  EXPECT_THAT(ParseCredentialOfferLink("http://wallet.example/?credential_offer_uri=https%3A%2F%2Fa"),
              FailsWith(ErrorCode::kInvalidArgument, "must start with"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://"), FailsWith(ErrorCode::kInvalidArgument, "has no query"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?foo=bar"),
              FailsWith(ErrorCode::kInvalidArgument, "exactly one of credential_offer and credential_offer_uri"));
  EXPECT_THAT(ParseCredentialOfferLink(good + "&credential_offer_uri=https%3A%2F%2Fa"),
              FailsWith(ErrorCode::kInvalidArgument, "exactly one of"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa&credential_offer_uri=https%3A%2F%2Fb"),
              FailsWith(ErrorCode::kInvalidArgument, "repeats 'credential_offer_uri'"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer_uri=https%3A%2"),
              FailsWith(ErrorCode::kInvalidArgument, "truncated percent-encoding"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer_uri=https%ZZ"),
              FailsWith(ErrorCode::kInvalidArgument, "invalid percent-encoding"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fissuer.example%2Fo"),
              FailsWith(ErrorCode::kInvalidArgument, "credential_offer_uri must be an https URL"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer=%7B%22a%22%3A"),
              FailsWith(ErrorCode::kInvalidArgument, "credential_offer is not valid JSON"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer=%7B%22a%22%3A1%2C%22a%22%3A2%7D"),
              FailsWith(ErrorCode::kInvalidArgument, "not valid JSON"));
  EXPECT_THAT(ParseCredentialOfferLink("openid-credential-offer://?credential_offer=%7B%7D"),
              FailsWith(ErrorCode::kInvalidArgument, "missing 'credential_issuer'"));
}

TEST(PercentEncoding, EncodesAllButUnreservedAndDecodesPlus) {
  EXPECT_EQ(PercentEncode("a b/é~"), "a%20b%2F%C3%A9~");
  EXPECT_EQ(PercentDecode("a+b%2f%C3%A9").value(), "a b/é");
  EXPECT_THAT(PercentDecode("%"), FailsWith(ErrorCode::kInvalidArgument, "truncated"));
  EXPECT_THAT(PercentDecode("%4"), FailsWith(ErrorCode::kInvalidArgument, "truncated"));
  EXPECT_THAT(PercentDecode("%G1"), FailsWith(ErrorCode::kInvalidArgument, "invalid percent-encoding"));
}

TEST(HttpsUrl, Rules) {
  EXPECT_TRUE(IsAcceptableHttpsUrl("https://issuer.example/path?q=1"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https://issuer.example/path?q=1", /*allow_query=*/false));
  EXPECT_TRUE(IsAcceptableHttpsUrl("HTTPS://issuer.example"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https://"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https:///path"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https://issuer.example/a b"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("ftp://issuer.example"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("http://127.0.0.2"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("http://[::1"));
  EXPECT_TRUE(IsAcceptableHttpsUrl("http://localhost"));
  EXPECT_TRUE(IsAcceptableHttpsUrl("https://issuer.example:8443/x"));
  EXPECT_TRUE(IsAcceptableHttpsUrl("http://[::1]:8080/x"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https://issuer.example:84a3/x"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https://issuer.example:/x"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("https://issuer.example:123456"));
  EXPECT_FALSE(IsAcceptableHttpsUrl("http://localhost:80:80"));
}

}  // namespace
}  // namespace vaardig::oid4vc
