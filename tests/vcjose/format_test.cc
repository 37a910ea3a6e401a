// DetectFormat and EnvelopedVerifiableCredential parsing.
#include <gmock/gmock.h>

#include <string>

#include "core/encoding/base64url.h"
#include "core/vcjose/enveloped.h"
#include "core/vcjose/format.h"
#include "tests/vcjose/test_util.h"

namespace vaardig::vcjose {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

std::string Token(const std::string& header_json, const std::string& tail = ".e30.c2ln") {
  return encoding::Base64UrlEncode(header_json) + tail;
}

TEST(DetectFormat, TellsFormatsApartByTyp) {
  const struct {
    std::string input;
    SecuredFormat format;
  } cases[] = {
      {Token(R"({"alg":"ES256","typ":"vc+jwt"})"), SecuredFormat::kVcJwt},
      {Token(R"({"alg":"ES256","typ":"application/vc+jwt"})"), SecuredFormat::kVcJwt},
      {Token(R"({"alg":"ES256","typ":"VP+JWT"})"), SecuredFormat::kVpJwt},
      {Token(R"({"alg":"ES256","typ":"vc+sd-jwt"})", ".e30.c2ln~"), SecuredFormat::kVcSdJwt},
      {Token(R"({"alg":"ES256","typ":"vp+sd-jwt"})", ".e30.c2ln~WyJhIiwiYiJd~"), SecuredFormat::kVpSdJwt},
      {Token(R"({"alg":"ES256","typ":"dc+sd-jwt"})", ".e30.c2ln~"), SecuredFormat::kDcSdJwt},
      // Legacy SD-JWT VC: typ vc+sd-jwt, payload {"vct": "x"}; a VCDM payload stays vc+sd-jwt.
      {Token(R"({"alg":"ES256","typ":"vc+sd-jwt"})", ".eyJ2Y3QiOiJ4In0.c2ln~"), SecuredFormat::kDcSdJwt},
      {Token(R"({"alg":"ES256","typ":"vc+sd-jwt"})", ".eyJAY29udGV4dCI6W10sInZjdCI6IngifQ.c2ln~"),
       SecuredFormat::kVcSdJwt},
      {Token(R"({"alg":"RS256","typ":"JWT"})"), SecuredFormat::kObJwt},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"proof":{}})", SecuredFormat::kLdpVc},
  };
  for (const auto& c : cases) {
    auto format = DetectFormat(c.input);
    ASSERT_THAT(format, IsOk()) << c.input;
    EXPECT_EQ(*format, c.format) << c.input;
  }
}

TEST(DetectFormat, RejectsWhatItCannotRoute) {
  const struct {
    std::string input;
    ErrorCode code;
  } cases[] = {
      {"", ErrorCode::kInvalidArgument},
      {"no-dots-here", ErrorCode::kInvalidArgument},
      {"!!!.e30.c2ln", ErrorCode::kInvalidArgument},                                   // header not base64url
      {Token("[1]"), ErrorCode::kInvalidArgument},                                     // header not an object
      {Token(R"({"alg":"ES256"})"), ErrorCode::kInvalidArgument},                      // no typ
      {Token(R"({"alg":"ES256","typ":7})"), ErrorCode::kInvalidArgument},              // typ not a string
      {Token(R"({"alg":"ES256","typ":"bad+typ"})"), ErrorCode::kInvalidArgument},      // unknown typ
      {Token(R"({"alg":"ES256","typ":"vc+jwt"})", ".e30.c2ln~"), ErrorCode::kInvalidArgument},  // JWT with '~'
      {Token(R"({"alg":"ES256","typ":"vc+sd-jwt"})"), ErrorCode::kInvalidArgument},    // SD-JWT without '~'
      {R"({"type":"VerifiableCredential"})", ErrorCode::kInvalidArgument},             // JSON without @context
      {R"({"@context":1,"@context":2})", ErrorCode::kInvalidArgument},                 // duplicate key
      {std::string(kMaxSecuredBytes + 1, 'e'), ErrorCode::kResourceExhausted},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(DetectFormat(c.input), FailsWith(c.code)) << c.input.substr(0, 80);
  }
}

TEST(DetectFormat, NamesAndMediaTypes) {
  EXPECT_EQ(FormatName(SecuredFormat::kVcSdJwt), "vc+sd-jwt");
  EXPECT_EQ(MediaType(SecuredFormat::kVpJwt), "application/vp+jwt");
  EXPECT_EQ(MediaType(SecuredFormat::kObJwt), "");
  EXPECT_EQ(FormatFromTyp("Application/VC+JWT"), SecuredFormat::kVcJwt);
  EXPECT_EQ(FormatFromTyp("vc+ld+json"), std::nullopt);
}

TEST(EnvelopedCredential, RoundTripsBothFormats) {
  const std::string jws = "eyJhbGciOiJFUzI1NiJ9.e30.c2ln";
  auto entry = EnvelopeCredential(jws, SecuredFormat::kVcJwt);
  ASSERT_THAT(entry, IsOk());
  EXPECT_EQ(entry->at("id"), "data:application/vc+jwt," + jws);
  EXPECT_EQ(entry->at("type"), "EnvelopedVerifiableCredential");
  auto parsed = ParseEnvelopedCredential(*entry);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->format, SecuredFormat::kVcJwt);
  EXPECT_EQ(parsed->token, jws);

  auto sd = EnvelopeCredential(jws + "~WyJhIiwiYiJd~", SecuredFormat::kVcSdJwt);
  ASSERT_THAT(sd, IsOk());
  auto parsed_sd = ParseEnvelopedCredential(*sd);
  ASSERT_THAT(parsed_sd, IsOk());
  EXPECT_EQ(parsed_sd->format, SecuredFormat::kVcSdJwt);
  EXPECT_THAT(EnvelopeCredential(jws, SecuredFormat::kVpJwt), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(EnvelopedCredential, RejectsBadEnvelopes) {
  auto with_id = [](Json id) {
    Json entry = {{"@context", "https://www.w3.org/ns/credentials/v2"}, {"type", "EnvelopedVerifiableCredential"}};
    entry["id"] = std::move(id);
    return entry;
  };
  const struct {
    Json entry;
    ErrorCode code;
  } cases[] = {
      {Json::parse(R"({"id":"data:application/vc+jwt,a.b.c","type":"VerifiableCredential"})"),
       ErrorCode::kInvalidArgument},                                           // not enveloped
      {with_id(7), ErrorCode::kInvalidArgument},                               // id not a string
      {with_id("not-a-credential"), ErrorCode::kInvalidArgument},              // the suite's case 16
      {with_id("https://example.com/vc"), ErrorCode::kInvalidArgument},        // not a data: URL
      {with_id("data:application/vc+jwt"), ErrorCode::kInvalidArgument},       // no ','
      {with_id("data:application/vc+jwt,abc"), ErrorCode::kInvalidArgument},   // not a JWS
      {with_id("data:application/vc+jwt,a..c"), ErrorCode::kInvalidArgument},  // empty segment
      {with_id("data:application/vc+jwt,a.b.c~"), ErrorCode::kInvalidArgument},
      {with_id("data:application/vc+sd-jwt,a.b.c"), ErrorCode::kInvalidArgument},  // no '~'
      {with_id("data:text/plain,a.b.c"), ErrorCode::kInvalidArgument},
      {with_id("data:application/vc+cose;base64,0oRY"), ErrorCode::kUnimplemented},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(ParseEnvelopedCredential(c.entry), FailsWith(c.code)) << c.entry.dump();
  }
}

}  // namespace
}  // namespace vaardig::vcjose
