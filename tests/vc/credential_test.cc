// VCDM 2.0 credentials and presentations: the model read from valid JSON, and a table of bad
// inputs each with its code and message.
#include "core/vc/credential.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/common/clock.h"
#include "tests/vc/test_util.h"

namespace vaardig::vc {
namespace {

using testutil::FailsWith;
using testutil::FailsWithMessage;
using testutil::IsOk;

Json ValidCredential() {
  return Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2",
                 {"ex": "https://example.org/vocab#"}],
    "id": "http://university.example/credentials/3732",
    "type": ["VerifiableCredential", "ExampleDegreeCredential"],
    "issuer": {"id": "https://university.example/issuers/14", "name": "Example University"},
    "name": "Degree",
    "validFrom": "2010-01-01T19:23:24Z",
    "validUntil": "2030-01-01T19:23:24+01:00",
    "credentialSubject": {"id": "did:example:ebfeb1f712ebc6f1c276e12ec21", "degree": "BSc"},
    "credentialStatus": {"id": "https://university.example/status/3#94567", "type": "BitstringStatusListEntry",
                         "statusPurpose": "revocation", "statusListIndex": "94567",
                         "statusListCredential": "https://university.example/status/3"},
    "credentialSchema": [{"id": "https://example.org/schema.json", "type": "JsonSchema"}]
  })");
}

TEST(ParseCredential, ReadsTheModel) {
  auto credential = ParseCredential(ValidCredential());
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ(credential->context.size(), 3u);
  EXPECT_EQ(credential->id, "http://university.example/credentials/3732");
  EXPECT_TRUE(credential->HasType("ExampleDegreeCredential"));
  EXPECT_EQ(credential->issuer.id, "https://university.example/issuers/14");
  EXPECT_EQ(credential->issuer.name, "Example University");
  EXPECT_EQ(credential->name, "Degree");
  EXPECT_EQ(credential->valid_from, 1262373804);
  EXPECT_EQ(credential->valid_until, 1893522204);
  ASSERT_EQ(credential->subjects.size(), 1u);
  EXPECT_EQ(credential->subjects[0]["degree"], "BSc");
  ASSERT_EQ(credential->statuses.size(), 1u);
  ASSERT_EQ(credential->schemas.size(), 1u);
}

TEST(ParseCredential, NamesMayBeLanguageValueObjects) {
  Json json = ValidCredential();
  json["name"] = Json::array({Json{{"@value", "Diploma"}, {"@language", "nl"}},
                              Json{{"@value", "Degree"}, {"@language", "en"}, {"@direction", "ltr"}}});
  json["description"] = Json{{"@value", "Bachelor"}, {"@language", "en"}};
  json["issuer"]["name"] = Json{{"@value", "Voorbeeld Universiteit"}, {"@language", "nl"}};
  auto credential = ParseCredential(json);
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ(credential->name, "Diploma");
  EXPECT_EQ(credential->description, "Bachelor");
  EXPECT_EQ(credential->issuer.name, "Voorbeeld Universiteit");
}

TEST(ParseCredential, AcceptsTheOtherForms) {
  Json json = ValidCredential();
  json["type"] = "VerifiableCredential";
  json["issuer"] = "did:example:issuer";
  json["credentialSubject"] = Json::array({Json{{"id", "did:example:a"}}, Json{{"name", "b"}}});
  json.erase("validUntil");
  json.erase("id");
  auto credential = ParseCredential(json);
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ(credential->issuer.id, "did:example:issuer");
  EXPECT_TRUE(credential->issuer.object.is_null());
  EXPECT_EQ(credential->subjects.size(), 2u);
  EXPECT_FALSE(credential->id.has_value());
  EXPECT_FALSE(credential->valid_until.has_value());
}

struct BadCredential {
  const char* name;
  std::function<void(Json&)> mutate;
  ErrorCode code;
  const char* message;
};

TEST(ParseCredential, RejectsBadInputsWithTheirPath) {
  const BadCredential cases[] = {
      {"no context", [](Json& j) { j.erase("@context"); }, ErrorCode::kInvalidArgument, "@context: missing"},
      {"context a string", [](Json& j) { j["@context"] = "https://www.w3.org/ns/credentials/v2"; },
       ErrorCode::kInvalidArgument, "@context: must be a non-empty array"},
      {"context empty", [](Json& j) { j["@context"] = Json::array(); }, ErrorCode::kInvalidArgument,
       "@context: must be a non-empty array"},
      {"wrong first context", [](Json& j) { j["@context"][0] = "https://www.w3.org/2018/credentials/v1"; },
       ErrorCode::kInvalidArgument, "@context[0]: must be \"https://www.w3.org/ns/credentials/v2\""},
      {"v2 context second", [](Json& j) { std::swap(j["@context"][0], j["@context"][1]); },
       ErrorCode::kInvalidArgument, "@context[0]: must be \"https://www.w3.org/ns/credentials/v2\""},
      {"context entry a number", [](Json& j) { j["@context"][1] = 7; }, ErrorCode::kInvalidArgument,
       "@context[1]: must be a URL or an object"},
      {"context entry relative", [](Json& j) { j["@context"][1] = "contexts/v2"; },
       ErrorCode::kInvalidArgument, "@context[1]: not an absolute URL"},
      {"missing type", [](Json& j) { j.erase("type"); }, ErrorCode::kInvalidArgument, "type: missing"},
      {"type without VerifiableCredential", [](Json& j) { j["type"] = Json::array({"ExampleDegreeCredential"}); },
       ErrorCode::kInvalidArgument, "type: must include \"VerifiableCredential\""},
      {"type a number", [](Json& j) { j["type"] = 1; }, ErrorCode::kInvalidArgument,
       "type: must be a string or a non-empty array of strings"},
      {"type empty array", [](Json& j) { j["type"] = Json::array(); }, ErrorCode::kInvalidArgument,
       "type: must be a string or a non-empty array of strings"},
      {"type with a number", [](Json& j) { j["type"].push_back(3); }, ErrorCode::kInvalidArgument,
       "type: must be a string or an array of strings"},
      {"type with an empty string", [](Json& j) { j["type"].push_back(""); }, ErrorCode::kInvalidArgument,
       "type: must not hold an empty string"},
      {"id not a URL", [](Json& j) { j["id"] = "credential 3732"; }, ErrorCode::kInvalidArgument,
       "id: not an absolute URL"},
      {"id a number", [](Json& j) { j["id"] = 3732; }, ErrorCode::kInvalidArgument, "id: must be a string"},
      {"issuer missing", [](Json& j) { j.erase("issuer"); }, ErrorCode::kInvalidArgument, "issuer: missing"},
      {"issuer not a URL", [](Json& j) { j["issuer"] = "Example University"; }, ErrorCode::kInvalidArgument,
       "issuer: not an absolute URL"},
      {"issuer a scheme only", [](Json& j) { j["issuer"] = "https:"; }, ErrorCode::kInvalidArgument,
       "issuer: not an absolute URL"},
      {"issuer object without id", [](Json& j) { j["issuer"].erase("id"); }, ErrorCode::kInvalidArgument,
       "issuer.id: missing"},
      {"issuer object id not a URL", [](Json& j) { j["issuer"]["id"] = "university"; },
       ErrorCode::kInvalidArgument, "issuer.id: not an absolute URL"},
      {"issuer a number", [](Json& j) { j["issuer"] = 14; }, ErrorCode::kInvalidArgument,
       "issuer: must be a URL or an object with an id"},
      {"issuer name a number", [](Json& j) { j["issuer"]["name"] = 1; }, ErrorCode::kInvalidArgument,
       "issuer.name: must be a string or language value objects"},
      {"name an object without @value", [](Json& j) { j["name"] = Json{{"@language", "nl"}}; },
       ErrorCode::kInvalidArgument, "name: must be a string or language value objects"},
      {"name with an unknown member", [](Json& j) { j["name"] = Json{{"@value", "Diploma"}, {"x", "y"}}; },
       ErrorCode::kInvalidArgument, "name: must be a string or language value objects"},
      {"description an empty array", [](Json& j) { j["description"] = Json::array(); },
       ErrorCode::kInvalidArgument, "description: must be a string or language value objects"},
      {"validUntil before validFrom", [](Json& j) { j["validUntil"] = "2009-12-31T23:59:59Z"; },
       ErrorCode::kInvalidArgument, "validUntil: is before validFrom"},
      {"validFrom a date only", [](Json& j) { j["validFrom"] = "2010-01-01"; }, ErrorCode::kInvalidArgument,
       "validFrom: not an XML Schema dateTimeStamp with a time zone"},
      {"validFrom without time zone", [](Json& j) { j["validFrom"] = "2010-01-01T19:23:24"; },
       ErrorCode::kInvalidArgument, "validFrom: not an XML Schema dateTimeStamp with a time zone"},
      {"validFrom 30 February", [](Json& j) { j["validFrom"] = "2010-02-30T19:23:24Z"; },
       ErrorCode::kInvalidArgument, "validFrom: not an XML Schema dateTimeStamp with a time zone"},
      {"validUntil a number", [](Json& j) { j["validUntil"] = 1893522204; }, ErrorCode::kInvalidArgument,
       "validUntil: must be a string"},
      {"subject missing", [](Json& j) { j.erase("credentialSubject"); }, ErrorCode::kInvalidArgument,
       "credentialSubject: missing"},
      {"subject empty array", [](Json& j) { j["credentialSubject"] = Json::array(); },
       ErrorCode::kInvalidArgument, "credentialSubject: must not be an empty array"},
      {"subject a string", [](Json& j) { j["credentialSubject"] = "did:example:a"; },
       ErrorCode::kInvalidArgument, "credentialSubject: must be an object or an array of objects"},
      {"subject array with a string",
       [](Json& j) { j["credentialSubject"] = Json::array({Json{{"id", "did:example:a"}}, "b"}); },
       ErrorCode::kInvalidArgument, "credentialSubject[1]: must be an object"},
      {"status without type", [](Json& j) { j["credentialStatus"].erase("type"); }, ErrorCode::kInvalidArgument,
       "credentialStatus.type: missing"},
      {"status id not a URL", [](Json& j) { j["credentialStatus"]["id"] = "94567"; },
       ErrorCode::kInvalidArgument, "credentialStatus.id: not an absolute URL"},
      {"status a string", [](Json& j) { j["credentialStatus"] = "revoked"; }, ErrorCode::kInvalidArgument,
       "credentialStatus: must be an object or an array of objects"},
      {"schema without id", [](Json& j) { j["credentialSchema"][0].erase("id"); }, ErrorCode::kInvalidArgument,
       "credentialSchema[0].id: missing"},
      {"schema without type", [](Json& j) { j["credentialSchema"][0].erase("type"); },
       ErrorCode::kInvalidArgument, "credentialSchema[0].type: missing"},
      {"not an object", [](Json& j) { j = Json::array({1}); }, ErrorCode::kInvalidArgument,
       "document: a credential must be a JSON object"},
  };
  for (const BadCredential& c : cases) {
    Json json = ValidCredential();
    c.mutate(json);
    EXPECT_THAT(ParseCredential(json), FailsWithMessage(c.code, std::string(c.message))) << c.name;
  }
}

TEST(ParseCredential, TextIsParsedStrictly) {
  EXPECT_THAT(ParseCredential(std::string_view(ValidCredential().dump())), IsOk());
  EXPECT_THAT(ParseCredential(std::string_view(R"({"type": "a", "type": "b"})")),
              FailsWith(ErrorCode::kInvalidArgument));
  VcLimits limits;
  limits.max_bytes = 64;
  EXPECT_THAT(ParseCredential(std::string_view(ValidCredential().dump()), limits),
              FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseCredential, LimitsDepthNodesAndEntries) {
  Json deep = ValidCredential();
  Json* at = &deep["credentialSubject"];
  for (int i = 0; i < 40; ++i) at = &((*at)["nested"] = Json::object());
  EXPECT_THAT(ParseCredential(deep),
              FailsWithMessage(ErrorCode::kResourceExhausted, std::string("document: nested deeper than 32")));

  VcLimits small;
  small.max_nodes = 10;
  EXPECT_THAT(ParseCredential(ValidCredential(), small),
              FailsWithMessage(ErrorCode::kResourceExhausted, std::string("document: more than 10 JSON values")));

  Json many = ValidCredential();
  many["credentialSubject"] = Json::array();
  for (int i = 0; i < 300; ++i) many["credentialSubject"].push_back(Json::object());
  EXPECT_THAT(ParseCredential(many), FailsWithMessage(ErrorCode::kResourceExhausted,
                                                      std::string("credentialSubject: too many entries")));
}

TEST(CheckValidityPeriod, NotYetValidExpiredAndInside) {
  const Credential credential = ParseCredential(ValidCredential()).value();
  FixedClock clock(1262373804 - 1);  // one second before validFrom
  EXPECT_THAT(CheckValidityPeriod(credential, clock),
              FailsWithMessage(ErrorCode::kFailedPrecondition,
                               std::string("not yet valid: validFrom is 2010-01-01T19:23:24Z")));
  EXPECT_THAT(CheckValidityPeriod(credential, clock, 5), IsOk());
  clock.Set(1262373804);
  EXPECT_THAT(CheckValidityPeriod(credential, clock), IsOk());
  clock.Set(1893522204);
  EXPECT_THAT(CheckValidityPeriod(credential, clock), IsOk());
  clock.Advance(1);
  EXPECT_THAT(CheckValidityPeriod(credential, clock),
              FailsWithMessage(ErrorCode::kFailedPrecondition,
                               std::string("expired: validUntil was 2030-01-01T18:23:24Z")));
}

TEST(ParseEnvelopedCredentialId, ReadsDataUrls) {
  auto jwt = ParseEnvelopedCredentialId("data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
  ASSERT_THAT(jwt, IsOk());
  EXPECT_EQ(jwt->media_type, "application/vc+jwt");
  EXPECT_FALSE(jwt->base64);
  EXPECT_EQ(jwt->data, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
  auto b64 = ParseEnvelopedCredentialId("data:application/vc+cose;base64,0oRY");
  ASSERT_THAT(b64, IsOk());
  EXPECT_EQ(b64->media_type, "application/vc+cose");
  EXPECT_TRUE(b64->base64);
  for (const char* bad : {"https://example.org/vc", "data:,abc", "data:application/vc+jwt",
                          "data:application/vc+jwt,", "data:vc+jwt,abc", "data:application/,abc",
                          "data:application/vc jwt,abc", "data:application/vc+jwt,a b",
                          // A raw line feed is not URL syntax (w3c/vc-jose-cose-test-suite's
                          // presentation-multiple.json ends one id with "\n"; we refuse it).
                          "data:application/vc+cose;base64,0oRY\n"}) {
    EXPECT_THAT(ParseEnvelopedCredentialId(bad),
                FailsWithMessage(ErrorCode::kInvalidArgument, std::string("not a data: URL")))
        << bad;
  }
}

Json ValidPresentation() {
  Json presentation = Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
    "type": ["VerifiablePresentation"],
    "holder": "did:example:holder",
    "verifiableCredential": [{
      "@context": "https://www.w3.org/ns/credentials/v2",
      "id": "data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
      "type": "EnvelopedVerifiableCredential"
    }]
  })");
  presentation["verifiableCredential"].push_back(ValidCredential());
  return presentation;
}

TEST(ParsePresentation, ReadsEnvelopedAndEmbeddedCredentials) {
  auto presentation = ParsePresentation(ValidPresentation());
  ASSERT_THAT(presentation, IsOk());
  EXPECT_EQ(presentation->holder->id, "did:example:holder");
  ASSERT_EQ(presentation->enveloped.size(), 1u);
  EXPECT_EQ(presentation->enveloped[0].media_type, "application/vc+jwt");
  ASSERT_EQ(presentation->credentials.size(), 1u);
  EXPECT_EQ(presentation->credentials[0].issuer.id, "https://university.example/issuers/14");

  Json minimal = ValidPresentation();
  minimal.erase("verifiableCredential");
  minimal.erase("holder");
  minimal["holder"] = Json{{"id", "did:example:holder"}, {"name", "Pat"}};
  auto bare = ParsePresentation(minimal);
  ASSERT_THAT(bare, IsOk());
  EXPECT_EQ(bare->holder->name, "Pat");
  EXPECT_TRUE(bare->credentials.empty());
}

struct BadPresentation {
  const char* name;
  std::function<void(Json&)> mutate;
  const char* message;
};

TEST(ParsePresentation, RejectsBadInputsWithTheirPath) {
  const BadPresentation cases[] = {
      {"no context", [](Json& j) { j.erase("@context"); }, "@context: missing"},
      {"type without VerifiablePresentation", [](Json& j) { j["type"] = "VerifiableCredential"; },
       "type: must include \"VerifiablePresentation\""},
      {"holder not a URL", [](Json& j) { j["holder"] = "Pat"; }, "holder: not an absolute URL"},
      {"holder object without id", [](Json& j) { j["holder"] = Json{{"name", "Pat"}}; }, "holder.id: missing"},
      {"id not a URL", [](Json& j) { j["id"] = "presentation 1"; }, "id: not an absolute URL"},
      {"credential a string", [](Json& j) { j["verifiableCredential"][0] = "eyJ.e30.c2ln"; },
       "verifiableCredential[0]: must be an object"},
      {"enveloped id an https URL",
       [](Json& j) { j["verifiableCredential"][0]["id"] = "https://example.org/vc/1"; },
       "verifiableCredential[0].id: not a data: URL"},
      {"enveloped id without data",
       [](Json& j) { j["verifiableCredential"][0]["id"] = "data:application/vc+jwt,"; },
       "verifiableCredential[0].id: not a data: URL"},
      {"enveloped without id", [](Json& j) { j["verifiableCredential"][0].erase("id"); },
       "verifiableCredential[0].id: missing"},
      {"enveloped without context", [](Json& j) { j["verifiableCredential"][0].erase("@context"); },
       "verifiableCredential[0].@context: missing"},
      {"enveloped with an old context",
       [](Json& j) { j["verifiableCredential"][0]["@context"] = "https://www.w3.org/2018/credentials/v1"; },
       "verifiableCredential[0].@context: must start with \"https://www.w3.org/ns/credentials/v2\""},
      {"embedded credential with a bad issuer",
       [](Json& j) { j["verifiableCredential"][1]["issuer"] = "University"; },
       "verifiableCredential[1].issuer: not an absolute URL"},
      {"embedded credential without type", [](Json& j) { j["verifiableCredential"][1].erase("type"); },
       "verifiableCredential[1].type: missing"},
      {"embedded credential with reversed dates",
       [](Json& j) { j["verifiableCredential"][1]["validUntil"] = "2000-01-01T00:00:00Z"; },
       "verifiableCredential[1].validUntil: is before validFrom"},
  };
  for (const BadPresentation& c : cases) {
    Json json = ValidPresentation();
    c.mutate(json);
    EXPECT_THAT(ParsePresentation(json), FailsWithMessage(ErrorCode::kInvalidArgument, std::string(c.message)))
        << c.name;
  }
}

TEST(ParsePresentation, LimitsTheNumberOfCredentials) {
  Json json = ValidPresentation();
  for (int i = 0; i < 40; ++i) json["verifiableCredential"].push_back(json["verifiableCredential"][0]);
  EXPECT_THAT(ParsePresentation(json),
              FailsWithMessage(ErrorCode::kResourceExhausted,
                               std::string("verifiableCredential: more than 32 credentials")));
}

}  // namespace
}  // namespace vaardig::vc
