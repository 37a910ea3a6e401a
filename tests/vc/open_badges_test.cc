// Open Badges 3.0: every example of the 1EdTech specification validates (and those whose contexts
// are all bundled canonicalize in safe mode); mutations of them are rejected naming the JSON path.
#include "core/vc/open_badges.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include "core/w3c/jsonld.h"
#include "tests/vc/test_util.h"

namespace vaardig::vc {
namespace {

using testutil::FailsWithMessage;
using testutil::IsOk;
using testutil::ReadExample;

// Every file of tests/vectors/openbadges/examples (see its README) and whether all its contexts
// are bundled (the others list the unbundled extensions.json).
struct Example {
  const char* file;
  bool endorsement;
  bool bundled_contexts;
};
constexpr Example kExamples[] = {
    {"achievement-alignment-case.json", false, true},
    {"achievement-alignment-ce.json", false, true},
    {"basic-open-badge-credential.json", false, true},
    {"endorsement.json", true, false},
    {"full-open-badge.json", false, false},
    {"skill-assertion-case.json", false, false},
    {"skill-assertion-ctdl.json", false, false},
};

TEST(OpenBadgesExamples, TheFolderHoldsExactlyTheKnownExamples) {
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(VAARDIG_VECTORS_DIR) +
                                                               "/openbadges/examples")) {
    if (entry.path().extension() == ".json") on_disk.insert(entry.path().filename().string());
  }
  std::set<std::string> known;
  for (const Example& e : kExamples) known.insert(e.file);
  EXPECT_EQ(on_disk, known);
}

TEST(OpenBadgesExamples, EveryExampleValidates) {
  int validated = 0;
  for (const Example& e : kExamples) {
    const Json json = ReadExample(e.file);
    auto credential = ValidateOpenBadgesDocument(json);
    ASSERT_THAT(credential, IsOk()) << e.file;
    EXPECT_EQ(credential->HasType("EndorsementCredential"), e.endorsement) << e.file;
    if (e.endorsement) {
      EXPECT_THAT(ValidateEndorsementCredential(json), IsOk()) << e.file;
    } else {
      EXPECT_THAT(ValidateOpenBadgeCredential(json), IsOk()) << e.file;
    }
    ++validated;
  }
  EXPECT_EQ(validated, 7);
}

TEST(OpenBadgesExamples, BundledOnesCanonicalizeInSafeMode) {
  w3c::JsonLdOptions options;
  options.safe_mode = true;
  for (const Example& e : kExamples) {
    auto canonical = w3c::CanonicalizeJsonLd(ReadExample(e.file), options);
    if (e.bundled_contexts) {
      ASSERT_THAT(canonical, IsOk()) << e.file;
      EXPECT_NE(canonical->nquads.find("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement>"),
                std::string::npos);
    } else {
      // extensions.json is not bundled and is never fetched.
      EXPECT_THAT(canonical, testutil::FailsWith(ErrorCode::kPermissionDenied)) << e.file;
    }
  }
}

TEST(OpenBadges, ContextUrls) {
  EXPECT_TRUE(IsOpenBadgesContext("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
  EXPECT_TRUE(IsOpenBadgesContext("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json"));
  EXPECT_FALSE(IsOpenBadgesContext("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json"));
  EXPECT_FALSE(IsOpenBadgesContext("https://purl.imsglobal.org/spec/ob/v3p0/context.json"));
  EXPECT_FALSE(IsOpenBadgesContext("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"));
  EXPECT_FALSE(IsOpenBadgesContext("http://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
}

TEST(OpenBadges, AchievementCredentialAliasAndExtensionTermsAreAccepted) {
  Json json = ReadExample("full-open-badge.json");
  json["type"] = Json::array({"VerifiableCredential", "AchievementCredential"});
  json["credentialSubject"]["achievement"]["achievementType"] = "ext:SkillsPassportEntry";
  json["credentialSubject"]["achievement"]["alignment"][0]["targetType"] = "ext:ESCOAlignment";
  json["credentialSubject"]["achievement"]["resultDescription"][0]["resultType"] = "ext:Stars";
  json["@context"][1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
  EXPECT_THAT(ValidateOpenBadgeCredential(json), IsOk());
}

TEST(OpenBadges, ASubjectMayBeIdentifiedByIdentityObjectsAlone) {
  Json json = ReadExample("full-open-badge.json");
  json["credentialSubject"].erase("id");
  EXPECT_THAT(ValidateOpenBadgeCredential(json), IsOk());
  json["credentialSubject"]["identifier"][0]["identityType"] = "ext:employeeNumber";
  EXPECT_THAT(ValidateOpenBadgeCredential(json), IsOk());
  json["credentialSubject"]["identifier"][0]["identityType"] = "employeeNumber";
  EXPECT_THAT(ValidateOpenBadgeCredential(json),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("credentialSubject.identifier[0].identityType: \"employeeNumber\" is not "
                                           "a IdentifierTypeEnum nor an \"ext:\" term")));
  json["credentialSubject"]["identifier"] = Json::array();
  EXPECT_THAT(ValidateOpenBadgeCredential(json),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("credentialSubject: needs an id or an identifier")));
}

TEST(OpenBadges, EachValidatorWantsItsOwnType) {
  EXPECT_THAT(ValidateOpenBadgeCredential(ReadExample("endorsement.json")),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("type: must include \"OpenBadgeCredential\" or \"AchievementCredential\"")));
  EXPECT_THAT(ValidateEndorsementCredential(ReadExample("basic-open-badge-credential.json")),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("type: must include \"EndorsementCredential\"")));
}

struct Mutation {
  const char* name;
  const char* example;
  std::function<void(Json&)> mutate;
  const char* message;
};

constexpr char kFull[] = "full-open-badge.json";
constexpr char kBasic[] = "basic-open-badge-credential.json";
constexpr char kEndorsement[] = "endorsement.json";

Json& Achievement(Json& j) { return j["credentialSubject"]["achievement"]; }

TEST(OpenBadges, MutationsAreRejectedNamingThePath) {
  const Mutation cases[] = {
      {"achievement missing", kBasic, [](Json& j) { j["credentialSubject"].erase("achievement"); },
       "credentialSubject.achievement: missing"},
      {"contexts out of order", kBasic, [](Json& j) { std::swap(j["@context"][0], j["@context"][1]); },
       "@context[0]: must be \"https://www.w3.org/ns/credentials/v2\""},
      {"no OB context", kBasic, [](Json& j) { j["@context"].erase(1); },
       "@context[1]: must be an Open Badges 3.0 context such as "
       "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\""},
      {"OB context after another", kFull, [](Json& j) { std::swap(j["@context"][1], j["@context"][2]); },
       "@context[1]: must be an Open Badges 3.0 context such as "
       "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\""},
      {"bad alignment URL", kFull, [](Json& j) { Achievement(j)["alignment"][0]["targetUrl"] = "catalog/degree"; },
       "credentialSubject.achievement.alignment[0].targetUrl: not an absolute URL"},
      {"alignment without targetUrl", kFull, [](Json& j) { Achievement(j)["alignment"][1].erase("targetUrl"); },
       "credentialSubject.achievement.alignment[1].targetUrl: missing"},
      {"alignment without targetName", kFull, [](Json& j) { Achievement(j)["alignment"][1].erase("targetName"); },
       "credentialSubject.achievement.alignment[1].targetName: missing"},
      {"alignment of another type", kFull, [](Json& j) { Achievement(j)["alignment"][0]["type"] = "Align"; },
       "credentialSubject.achievement.alignment[0].type: must include \"Alignment\""},
      {"alignment targetType outside the enumeration", kFull,
       [](Json& j) { Achievement(j)["alignment"][0]["targetType"] = "ESCOAlignment"; },
       "credentialSubject.achievement.alignment[0].targetType: \"ESCOAlignment\" is not a AlignmentTargetType "
       "nor an \"ext:\" term"},
      {"alignment not an array", kFull, [](Json& j) { Achievement(j)["alignment"] = Achievement(j)["alignment"][0]; },
       "credentialSubject.achievement.alignment: must be an array of objects"},
      {"rubric result description without levels", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][1].erase("rubricCriterionLevel"); },
       "credentialSubject.achievement.resultDescription[1].rubricCriterionLevel: a resultType of "
       "RubricCriterionLevel requires at least one level"},
      {"rubric result description with an empty list", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][1]["rubricCriterionLevel"] = Json::array(); },
       "credentialSubject.achievement.resultDescription[1].rubricCriterionLevel: a resultType of "
       "RubricCriterionLevel requires at least one level"},
      {"level without name", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][1]["rubricCriterionLevel"][1].erase("name"); },
       "credentialSubject.achievement.resultDescription[1].rubricCriterionLevel[1].name: missing"},
      {"level of another type", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][1]["rubricCriterionLevel"][0]["type"] = "Level"; },
       "credentialSubject.achievement.resultDescription[1].rubricCriterionLevel[0].type: must include "
       "\"RubricCriterionLevel\""},
      {"requiredLevel naming no level", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][1]["requiredLevel"] = "urn:uuid:0"; },
       "credentialSubject.achievement.resultDescription[1].requiredLevel: names no rubricCriterionLevel of this "
       "result description"},
      {"result description without resultType", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][2].erase("resultType"); },
       "credentialSubject.achievement.resultDescription[2].resultType: missing"},
      {"result type outside the enumeration", kFull,
       [](Json& j) { Achievement(j)["resultDescription"][2]["resultType"] = "ext:"; },
       "credentialSubject.achievement.resultDescription[2].resultType: \"ext:\" is not a ResultType nor an "
       "\"ext:\" term"},
      {"result description without id", kFull, [](Json& j) { Achievement(j)["resultDescription"][0].erase("id"); },
       "credentialSubject.achievement.resultDescription[0].id: missing"},
      {"achievedLevel naming no level", kFull,
       [](Json& j) { j["credentialSubject"]["result"][1]["achievedLevel"] = "urn:uuid:not-a-level"; },
       "credentialSubject.result[1].achievedLevel: names no rubricCriterionLevel of the achievement"},
      {"result naming no result description", kFull,
       [](Json& j) { j["credentialSubject"]["result"][0]["resultDescription"] = "urn:uuid:0"; },
       "credentialSubject.result[0].resultDescription: names no resultDescription of the achievement"},
      {"result of another type", kFull, [](Json& j) { j["credentialSubject"]["result"][2]["type"] = "Grade"; },
       "credentialSubject.result[2].type: must include \"Result\""},
      {"achievement without criteria", kBasic, [](Json& j) { Achievement(j).erase("criteria"); },
       "credentialSubject.achievement.criteria: missing"},
      {"criteria without id or narrative", kBasic, [](Json& j) { Achievement(j)["criteria"] = Json::object(); },
       "credentialSubject.achievement.criteria: needs an id or a narrative"},
      {"achievement without description", kBasic, [](Json& j) { Achievement(j).erase("description"); },
       "credentialSubject.achievement.description: missing"},
      {"achievement without name", kBasic, [](Json& j) { Achievement(j).erase("name"); },
       "credentialSubject.achievement.name: missing"},
      {"achievement without id", kBasic, [](Json& j) { Achievement(j).erase("id"); },
       "credentialSubject.achievement.id: missing"},
      {"achievement of another type", kBasic, [](Json& j) { Achievement(j)["type"] = Json::array({"Badge"}); },
       "credentialSubject.achievement.type: must include \"Achievement\""},
      {"achievementType outside the enumeration", kFull, [](Json& j) { Achievement(j)["achievementType"] = "PhD"; },
       "credentialSubject.achievement.achievementType: \"PhD\" is not a AchievementType nor an \"ext:\" term"},
      {"achievement a string", kBasic, [](Json& j) { Achievement(j) = "https://example.com/achievements/1"; },
       "credentialSubject.achievement: must be an Achievement object"},
      {"subject of another type", kBasic, [](Json& j) { j["credentialSubject"]["type"] = "Person"; },
       "credentialSubject.type: must include \"AchievementSubject\""},
      {"subject without id or identifier", kBasic, [](Json& j) { j["credentialSubject"].erase("id"); },
       "credentialSubject: needs an id or an identifier"},
      {"subject an array", kBasic,
       [](Json& j) { j["credentialSubject"] = Json::array({j["credentialSubject"]}); },
       "credentialSubject: must be one AchievementSubject object"},
      {"identifier not hashed-flagged", kFull, [](Json& j) { j["credentialSubject"]["identifier"][1].erase("hashed"); },
       "credentialSubject.identifier[1].hashed: must be true or false"},
      {"source not a Profile", kFull, [](Json& j) { j["credentialSubject"]["source"]["type"] = "Organization"; },
       "credentialSubject.source.type: must include \"Profile\""},
      {"issuer a URL", kBasic, [](Json& j) { j["issuer"] = "https://example.com/issuers/876543"; },
       "issuer: must be a Profile object"},
      {"issuer not typed Profile", kBasic, [](Json& j) { j["issuer"].erase("type"); }, "issuer.type: missing"},
      {"issuer id not a URL", kBasic, [](Json& j) { j["issuer"]["id"] = "876543"; }, "issuer.id: not an absolute URL"},
      {"not an OpenBadgeCredential", kBasic, [](Json& j) { j["type"] = Json::array({"VerifiableCredential"}); },
       "type: must include \"OpenBadgeCredential\" or \"AchievementCredential\""},
      {"no credential id", kBasic, [](Json& j) { j.erase("id"); }, "id: missing"},
      {"no credential name", kBasic, [](Json& j) { j.erase("name"); }, "name: missing"},
      {"no validFrom", kBasic, [](Json& j) { j.erase("validFrom"); }, "validFrom: missing"},
      {"evidence of another type", kFull, [](Json& j) { j["evidence"][1]["type"] = "Proof"; },
       "evidence[1].type: must include \"Evidence\""},
      {"evidence not an array", kFull, [](Json& j) { j["evidence"] = j["evidence"][0]; },
       "evidence: must be an array of objects"},
      {"image without id", kFull, [](Json& j) { j["image"].erase("id"); }, "image.id: missing"},
      {"endorsement subject of another type", kFull,
       [](Json& j) { j["endorsement"][0]["credentialSubject"]["type"] = "AchievementSubject"; },
       "endorsement[0].credentialSubject.type: must include \"EndorsementSubject\""},
      {"endorsement without its OB context", kFull, [](Json& j) { j["endorsement"][0]["@context"].erase(1); },
       "endorsement[0].@context[1]: must be an Open Badges 3.0 context such as "
       "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\""},
      {"creator's endorsement with a bad issuer", kFull,
       [](Json& j) { Achievement(j)["creator"]["endorsement"][1]["issuer"]["id"] = "state"; },
       "credentialSubject.achievement.creator.endorsement[1].issuer.id: not an absolute URL"},
      {"issuer's endorsement with reversed dates", kFull,
       [](Json& j) { j["issuer"]["endorsement"][0]["validUntil"] = "2000-01-01T00:00:00Z"; },
       "issuer.endorsement[0].validUntil: is before validFrom"},
      {"parentOrg without id", kFull, [](Json& j) { Achievement(j)["creator"]["parentOrg"].erase("id"); },
       "credentialSubject.achievement.creator.parentOrg.id: missing"},
  };
  for (const Mutation& c : cases) {
    Json json = ReadExample(c.example);
    ASSERT_THAT(ValidateOpenBadgeCredential(json), IsOk()) << c.example;
    c.mutate(json);
    EXPECT_THAT(ValidateOpenBadgeCredential(json),
                FailsWithMessage(ErrorCode::kInvalidArgument, std::string(c.message)))
        << c.name;
  }
}

TEST(OpenBadges, EndorsementMutationsAreRejected) {
  const Mutation cases[] = {
      {"subject without id", kEndorsement, [](Json& j) { j["credentialSubject"].erase("id"); },
       "credentialSubject.id: missing"},
      {"subject of another type", kEndorsement, [](Json& j) { j["credentialSubject"]["type"] = "Subject"; },
       "credentialSubject.type: must include \"EndorsementSubject\""},
      {"comment a number", kEndorsement, [](Json& j) { j["credentialSubject"]["endorsementComment"] = 5; },
       "credentialSubject.endorsementComment: must be a string"},
      {"not an EndorsementCredential", kEndorsement,
       [](Json& j) { j["type"] = Json::array({"VerifiableCredential", "OpenBadgeCredential"}); },
       "type: must include \"EndorsementCredential\""},
      {"issuer without Profile type", kEndorsement, [](Json& j) { j["issuer"]["type"] = "Agency"; },
       "issuer.type: must include \"Profile\""},
      {"schema without id", kEndorsement, [](Json& j) { j["credentialSchema"][1].erase("id"); },
       "credentialSchema[1].id: missing"},
  };
  for (const Mutation& c : cases) {
    Json json = ReadExample(c.example);
    c.mutate(json);
    EXPECT_THAT(ValidateEndorsementCredential(json),
                FailsWithMessage(ErrorCode::kInvalidArgument, std::string(c.message)))
        << c.name;
  }
}

TEST(OpenBadges, DocumentOfAnotherTypeIsRejected) {
  Json json = ReadExample(kBasic);
  json["type"] = Json::array({"VerifiableCredential", "ExampleCredential"});
  EXPECT_THAT(ValidateOpenBadgesDocument(json),
              FailsWithMessage(ErrorCode::kInvalidArgument,
                               std::string("type: must include \"OpenBadgeCredential\", \"AchievementCredential\" "
                                           "or \"EndorsementCredential\"")));
  EXPECT_THAT(ValidateOpenBadgesDocument(Json::array()),
              FailsWithMessage(ErrorCode::kInvalidArgument, std::string("document: a credential must be a JSON object")));
}

TEST(OpenBadges, DeeplyNestedEndorsementsHitTheDepthLimit) {
  // Each level nests an endorsement inside the previous endorsement's issuer Profile.
  Json json = ReadExample(kBasic);
  const Json endorsement = ReadExample(kEndorsement);
  Json* at = &json["issuer"];
  for (int i = 0; i < 12; ++i) {
    (*at)["endorsement"] = Json::array({endorsement});
    at = &(*at)["endorsement"][0]["issuer"];
  }
  EXPECT_THAT(ValidateOpenBadgeCredential(json), testutil::FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::vc
