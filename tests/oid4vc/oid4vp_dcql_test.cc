// DCQL (OpenID4VP 1.0 §6, §7): the specification's examples, malformed queries, claims path
// evaluation, wallet-side matching and verifier-side claim checks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/oid4vc/dcql.h"
#include "tests/oid4vc/oid4vp_test_util.h"

namespace vaardig::oid4vc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using vptest::FailsWith;
using vptest::IsOk;
using vptest::J;
using vptest::ReadVpVector;

// Member order is not significant in JSON: compare as unordered objects.
nlohmann::json Unordered(const Json& value) { return nlohmann::json::parse(DumpJson(value)); }

constexpr const char* kVectorFiles[] = {"simple.json", "value_matching_simple.json", "claims_alternatives.json",
                                        "credentials_alternatives.json", "dcql_jwt_vc.json"};

TEST(DcqlVectors, EverySpecExampleParsesAndRoundTrips) {
  int ran = 0;
  for (const char* name : kVectorFiles) {
    SCOPED_TRACE(name);
    const Json query = ReadVpVector(name);
    auto parsed = ParseDcqlQuery(query);
    ASSERT_THAT(parsed, IsOk()) << parsed.error();
    EXPECT_EQ(Unordered(DcqlQueryToJson(*parsed)), Unordered(query)) << "round trip changed the query";
    EXPECT_THAT(ValidateDcqlQuery(*parsed), IsOk());
    ++ran;
  }
  EXPECT_EQ(ran, 5);
  // Every example in the folder is listed above.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(VAARDIG_VECTORS_DIR) + "/oid4vp")) {
    if (entry.path().extension() == ".json") ++files;
  }
  EXPECT_EQ(files, ran);
}

TEST(DcqlVectors, ClaimsAlternativesModel) {
  auto query = ParseDcqlQuery(ReadVpVector("claims_alternatives.json")).value();
  ASSERT_EQ(query.credentials.size(), 1u);
  const CredentialQuery& pid = query.credentials[0];
  EXPECT_EQ(pid.id, "pid");
  EXPECT_EQ(pid.format, formats::kDcSdJwt);
  EXPECT_FALSE(pid.multiple);
  EXPECT_TRUE(pid.require_cryptographic_holder_binding);
  EXPECT_THAT(*pid.meta.vct_values, ElementsAre("https://credentials.example.com/identity_credential"));
  ASSERT_EQ(pid.claims.size(), 5u);
  EXPECT_EQ(*pid.claims[4].id, "e");
  EXPECT_EQ(pid.claims[4].path, (ClaimPathPointer{std::string("date_of_birth")}));
  ASSERT_EQ(pid.claim_sets.size(), 2u);
  EXPECT_THAT(pid.claim_sets[1], ElementsAre("a", "b", "e"));
}

TEST(DcqlVectors, CredentialsAlternativesModel) {
  auto query = ParseDcqlQuery(ReadVpVector("credentials_alternatives.json")).value();
  ASSERT_EQ(query.credentials.size(), 5u);
  ASSERT_EQ(query.credential_sets.size(), 2u);
  EXPECT_TRUE(query.credential_sets[0].required);
  EXPECT_FALSE(query.credential_sets[1].required);
  EXPECT_THAT(query.credential_sets[0].options[2], ElementsAre("pid_reduced_cred_1", "pid_reduced_cred_2"));
  EXPECT_NE(query.Find("nice_to_have"), nullptr);
  EXPECT_EQ(query.Find("absent"), nullptr);
}

TEST(DcqlVectors, W3cTypeValuesAreArraysOfArrays) {
  auto query = ParseDcqlQuery(ReadVpVector("dcql_jwt_vc.json")).value();
  const auto& types = *query.credentials[0].meta.type_values;
  ASSERT_EQ(types.size(), 1u);
  EXPECT_THAT(types[0], ElementsAre("IDCredential"));
}

TEST(DcqlParse, UnknownMembersAreIgnoredButMetaKeepsThem) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"x","format":"ldp_vc","future":1,
      "meta":{"type_values":[["A"]],"proof_type_values":["DataIntegrityProof"]}}],"extension":true})"));
  ASSERT_THAT(query, IsOk());
  EXPECT_EQ(query->credentials[0].meta.other, J(R"({"proof_type_values":["DataIntegrityProof"]})"));
  EXPECT_EQ(DcqlQueryToJson(*query)["credentials"][0]["meta"]["proof_type_values"][0], "DataIntegrityProof");
}

TEST(DcqlParse, PathComponentsAndDefaults) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"x","format":"other","meta":{},"multiple":true,
      "require_cryptographic_holder_binding":false,
      "claims":[{"path":["degrees",null,"type"],"values":["BSc",3,true]},{"path":["list",0]}]}]})"));
  ASSERT_THAT(query, IsOk());
  const auto& c = query->credentials[0];
  EXPECT_TRUE(c.multiple);
  EXPECT_FALSE(c.require_cryptographic_holder_binding);
  EXPECT_EQ(c.claims[0].path, (ClaimPathPointer{std::string("degrees"), nullptr, std::string("type")}));
  EXPECT_EQ(c.claims[1].path, (ClaimPathPointer{std::string("list"), std::uint64_t{0}}));
  EXPECT_EQ(FormatClaimPathPointer(c.claims[0].path), R"(["degrees",null,"type"])");
  EXPECT_EQ(c.claims[0].values->size(), 3u);
}

struct BadQuery {
  const char* json;
  ErrorCode code;
  const char* message;
};

std::string Repeat(const std::string& item, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + item;
  return out;
}

TEST(DcqlParse, MalformedQueriesAreRejectedNamingTheMember) {
  const std::string many_credentials =
      R"({"credentials":[)" + Repeat(R"({"id":"x","format":"f","meta":{}})", 51) + "]}";
  const std::string many_claims =
      R"({"credentials":[{"id":"x","format":"f","meta":{},"claims":[)" + Repeat(R"({"path":["a"]})", 101) + "]}]}";
  const std::string long_path = R"({"credentials":[{"id":"x","format":"f","meta":{},"claims":[{"path":[)" +
                                Repeat(R"("a")", 17) + "]}]}]}";
  const std::string long_id = R"({"credentials":[{"id":")" + std::string(129, 'a') + R"(","format":"f","meta":{}}]})";
  const std::vector<BadQuery> cases = {
      {R"([])", ErrorCode::kInvalidArgument, "dcql_query: must be a JSON object"},
      {R"({})", ErrorCode::kInvalidArgument, "dcql_query.credentials: is required"},
      {R"({"credentials":[]})", ErrorCode::kInvalidArgument, "dcql_query.credentials: must be a non-empty array"},
      {R"({"credentials":{}})", ErrorCode::kInvalidArgument, "dcql_query.credentials: must be a non-empty array"},
      {R"({"credentials":[1]})", ErrorCode::kInvalidArgument, "dcql_query.credentials[0]: must be an object"},
      {R"({"credentials":[{"format":"f","meta":{}}]})", ErrorCode::kInvalidArgument, "credentials[0].id: is required"},
      {R"({"credentials":[{"id":"a b","format":"f","meta":{}}]})", ErrorCode::kInvalidArgument, "credentials[0].id: must be"},
      {R"({"credentials":[{"id":"","format":"f","meta":{}}]})", ErrorCode::kInvalidArgument, "credentials[0].id: must be"},
      {R"({"credentials":[{"id":7,"format":"f","meta":{}}]})", ErrorCode::kInvalidArgument, "credentials[0].id: must be a string"},
      {long_id.c_str(), ErrorCode::kInvalidArgument, "credentials[0].id: must be 1 to 128"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{}},{"id":"a","format":"f","meta":{}}]})",
       ErrorCode::kInvalidArgument, "credentials[1].id: 'a' is used twice"},
      {R"({"credentials":[{"id":"a","meta":{}}]})", ErrorCode::kInvalidArgument, "credentials[0].format: is required"},
      {R"({"credentials":[{"id":"a","format":"","meta":{}}]})", ErrorCode::kInvalidArgument, "credentials[0].format: must not be empty"},
      {R"({"credentials":[{"id":"a","format":"f"}]})", ErrorCode::kInvalidArgument, "credentials[0].meta: is required"},
      {R"({"credentials":[{"id":"a","format":"f","meta":[]}]})", ErrorCode::kInvalidArgument, "credentials[0].meta: must be an object"},
      {R"({"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{}}]})", ErrorCode::kInvalidArgument,
       "credentials[0].meta.vct_values: is required for format dc+sd-jwt"},
      {R"({"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":[]}}]})", ErrorCode::kInvalidArgument,
       "meta.vct_values: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":[1]}}]})", ErrorCode::kInvalidArgument,
       "meta.vct_values[0]: must be a string"},
      {R"({"credentials":[{"id":"a","format":"ldp_vc","meta":{}}]})", ErrorCode::kInvalidArgument,
       "meta.type_values: is required for the W3C formats"},
      {R"({"credentials":[{"id":"a","format":"jwt_vc_json","meta":{"type_values":["A"]}}]})", ErrorCode::kInvalidArgument,
       "meta.type_values[0]: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"multiple":"yes"}]})", ErrorCode::kInvalidArgument,
       "credentials[0].multiple: must be a boolean"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"require_cryptographic_holder_binding":0}]})",
       ErrorCode::kInvalidArgument, "require_cryptographic_holder_binding: must be a boolean"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"trusted_authorities":[{"type":"aki"}]}]})",
       ErrorCode::kInvalidArgument, "trusted_authorities[0].values: is required"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[]}]})", ErrorCode::kInvalidArgument,
       "credentials[0].claims: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":["x"]}]})", ErrorCode::kInvalidArgument,
       "credentials[0].claims[0]: must be an object"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{}]}]})", ErrorCode::kInvalidArgument,
       "claims[0].path: is required"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":[]}]}]})", ErrorCode::kInvalidArgument,
       "claims[0].path: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":"a"}]}]})", ErrorCode::kInvalidArgument,
       "claims[0].path: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":["a",-1]}]}]})", ErrorCode::kInvalidArgument,
       "claims[0].path[1]: must be a string, a non-negative integer or null"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":["a",1.5]}]}]})", ErrorCode::kInvalidArgument,
       "claims[0].path[1]: must be a string, a non-negative integer or null"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":[true]}]}]})", ErrorCode::kInvalidArgument,
       "claims[0].path[0]: must be"},
      {R"({"credentials":[{"id":"a","format":"mso_mdoc","meta":{},"claims":[{"path":["ns"]}]}]})",
       ErrorCode::kInvalidArgument, "an mso_mdoc path must be exactly two strings"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":["a"],"values":[]}]}]})",
       ErrorCode::kInvalidArgument, "claims[0].values: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":["a"],"values":[1.5]}]}]})",
       ErrorCode::kInvalidArgument, "claims[0].values[0]: must be a string, an integer or a boolean"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"path":["a"],"values":[{"x":1}]}]}]})",
       ErrorCode::kInvalidArgument, "claims[0].values[0]: must be a string, an integer or a boolean"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"id":"c!","path":["a"]}]}]})",
       ErrorCode::kInvalidArgument, "claims[0].id: must be"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"id":"c","path":["a"]},{"id":"c","path":["b"]}]}]})",
       ErrorCode::kInvalidArgument, "claims[1].id: 'c' is used twice"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"id":"c","path":["a"]},{"path":["b"]}],"claim_sets":[["c"]]}]})",
       ErrorCode::kInvalidArgument, "claims[1].id: is required when claim_sets is present"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claim_sets":[["c"]]}]})", ErrorCode::kInvalidArgument,
       "credentials[0].claim_sets: must not be present without claims"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"id":"c","path":["a"]}],"claim_sets":[]}]})",
       ErrorCode::kInvalidArgument, "claim_sets: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"id":"c","path":["a"]}],"claim_sets":[[]]}]})",
       ErrorCode::kInvalidArgument, "claim_sets[0]: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{},"claims":[{"id":"c","path":["a"]}],"claim_sets":[["d"]]}]})",
       ErrorCode::kInvalidArgument, "claim_sets[0]: names unknown claim id 'd'"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{}}],"credential_sets":[]})", ErrorCode::kInvalidArgument,
       "dcql_query.credential_sets: must be a non-empty array"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{}}],"credential_sets":[{}]})", ErrorCode::kInvalidArgument,
       "credential_sets[0].options: is required"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{}}],"credential_sets":[{"options":[["a"]],"required":1}]})",
       ErrorCode::kInvalidArgument, "credential_sets[0].required: must be a boolean"},
      {R"({"credentials":[{"id":"a","format":"f","meta":{}}],"credential_sets":[{"options":[["b"]]}]})",
       ErrorCode::kInvalidArgument, "credential_sets[0].options[0]: names unknown credential query id 'b'"},
      {many_credentials.c_str(), ErrorCode::kResourceExhausted, "dcql_query.credentials: more than 50 entries"},
      {many_claims.c_str(), ErrorCode::kResourceExhausted, "credentials[0].claims: more than 100 entries"},
      {long_path.c_str(), ErrorCode::kResourceExhausted, "claims[0].path: more than 16 entries"},
  };
  for (const BadQuery& c : cases) {
    SCOPED_TRACE(c.json);
    auto result = ParseDcqlQuery(J(c.json));
    ASSERT_THAT(result, FailsWith(c.code));
    EXPECT_THAT(result.error().message(), HasSubstr(c.message));
  }
}

TEST(DcqlValidate, QueryBuiltInCodeIsChecked) {
  DcqlQuery query;
  EXPECT_THAT(ValidateDcqlQuery(query), FailsWith(ErrorCode::kInvalidArgument));
  CredentialQuery c;
  c.id = "skill";
  c.format = std::string(formats::kDcSdJwt);
  c.claims.push_back({std::nullopt, {}, std::nullopt});
  query.credentials.push_back(c);
  auto result = ValidateDcqlQuery(query);
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(result.error().message(), HasSubstr("claims[0].path: must be a non-empty array"));
}

// §7.4 example credential.
const char* kArthur = R"({
  "name": "Arthur Dent",
  "address": {"street_address": "42 Market Street", "locality": "Milliways", "postal_code": "12345"},
  "degrees": [{"type": "Bachelor of Science", "university": "University of Betelgeuse"},
              {"type": "Master of Science", "university": "University of Betelgeuse"}],
  "nationalities": ["British", "Betelgeusian"]})";

TEST(ClaimsPathPointer, SpecExamplesSelectTheDocumentedClaims) {
  const Json doc = J(kArthur);
  auto name = SelectClaims(doc, {std::string("name")}).value();
  ASSERT_EQ(name.size(), 1u);
  EXPECT_EQ(*name[0], "Arthur Dent");
  auto street = SelectClaims(doc, {std::string("address"), std::string("street_address")}).value();
  EXPECT_EQ(*street[0], "42 Market Street");
  auto types = SelectClaims(doc, {std::string("degrees"), nullptr, std::string("type")}).value();
  ASSERT_EQ(types.size(), 2u);
  EXPECT_EQ(*types[1], "Master of Science");
  auto second = SelectClaims(doc, {std::string("nationalities"), std::uint64_t{1}}).value();
  EXPECT_EQ(*second[0], "Betelgeusian");
  auto paths = ExpandClaimPath(doc, {std::string("degrees"), nullptr, std::string("type")}).value();
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[1], (ConcreteClaimPath{std::string("degrees"), std::size_t{1}, std::string("type")}));
}

TEST(ClaimsPathPointer, ErrorsAndEmptySelectionsAreNotFound) {
  const Json doc = J(kArthur);
  EXPECT_THAT(SelectClaims(doc, {std::string("missing")}), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(SelectClaims(doc, {std::string("name"), std::string("x")}), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(SelectClaims(doc, {std::string("address"), nullptr}), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(SelectClaims(doc, {std::string("nationalities"), std::uint64_t{2}}), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(SelectClaims(doc, {std::string("degrees"), std::string("type")}), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(ExpandClaimPath(doc, {std::string("missing")}), FailsWith(ErrorCode::kNotFound));
}

// ---- Matching ----

CandidateCredential SdJwt(const std::string& vct, const char* claims) {
  return {std::string(formats::kDcSdJwt), vct, {}, J(claims)};
}

TEST(DcqlMatch, SimpleQueryMatchesTheRightVctWithAllClaims) {
  auto query = ParseDcqlQuery(ReadVpVector("simple.json")).value();
  const std::vector<CandidateCredential> candidates = {
      SdJwt("https://other.example/vct", R"({"family_name":"Doe","given_name":"J","address":{"street_address":"x"}})"),
      SdJwt("https://credentials.example.com/identity_credential", R"({"family_name":"Doe","given_name":"J"})"),
      SdJwt("https://credentials.example.com/identity_credential",
            R"({"family_name":"Doe","given_name":"J","address":{"street_address":"x","locality":"y"}})"),
      {std::string(formats::kLdpVc), "https://credentials.example.com/identity_credential", {}, J("{}")}};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  EXPECT_TRUE(match.satisfied);
  ASSERT_EQ(match.queries.size(), 1u);
  EXPECT_EQ(match.queries[0].query_id, "my_credential");
  ASSERT_EQ(match.queries[0].matches.size(), 1u);
  const CredentialMatch& m = match.queries[0].matches[0];
  EXPECT_EQ(m.candidate, 2u);
  EXPECT_FALSE(m.claim_set.has_value());
  ASSERT_EQ(m.disclosed_paths.size(), 3u);
  EXPECT_EQ(m.disclosed_paths[2], (ClaimPathPointer{std::string("address"), std::string("street_address")}));
  EXPECT_EQ(m.concrete_paths[2], (ConcreteClaimPath{std::string("address"), std::string("street_address")}));
}

TEST(DcqlMatch, NothingMatchingLeavesTheQueryUnsatisfied) {
  auto query = ParseDcqlQuery(ReadVpVector("simple.json")).value();
  const std::vector<CandidateCredential> candidates = {SdJwt("https://x.example", R"({"family_name":"Doe"})")};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  EXPECT_FALSE(match.satisfied);
  EXPECT_THAT(match.unmatched_queries, ElementsAre("my_credential"));
  EXPECT_TRUE(match.queries[0].matches.empty());
}

TEST(DcqlMatch, ValuesFilterTreatsAMismatchAsAbsent) {
  auto query = ParseDcqlQuery(ReadVpVector("value_matching_simple.json")).value();
  const std::string vct = "https://credentials.example.com/identity_credential";
  const std::vector<CandidateCredential> candidates = {
      SdJwt(vct, R"({"family_name":"Doe","given_name":"J","address":{"street_address":"x"},"postal_code":"90212"})"),
      SdJwt(vct, R"({"family_name":"Dent","given_name":"J","address":{"street_address":"x"},"postal_code":"90210"})"),
      SdJwt(vct, R"({"family_name":"Doe","given_name":"J","address":{"street_address":"x"},"postal_code":90211})"),
      SdJwt(vct, R"({"family_name":"Doe","given_name":"J","address":{"street_address":"x"},"postal_code":"90211"})")};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  ASSERT_EQ(match.queries[0].matches.size(), 1u) << "wrong value, wrong name and a number for a string all fail";
  EXPECT_EQ(match.queries[0].matches[0].candidate, 3u);
}

TEST(DcqlMatch, ValueTypesMustMatchExactly) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"q","format":"f","meta":{},
      "claims":[{"path":["level"],"values":[2]},{"path":["ok"],"values":[true]}]}]})")).value();
  const std::vector<CandidateCredential> candidates = {
      {"f", std::nullopt, {}, J(R"({"level":2.0,"ok":true})")},
      {"f", std::nullopt, {}, J(R"({"level":"2","ok":true})")},
      {"f", std::nullopt, {}, J(R"({"level":2,"ok":1})")},
      {"f", std::nullopt, {}, J(R"({"level":2,"ok":true})")}};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  ASSERT_EQ(match.queries[0].matches.size(), 1u);
  EXPECT_EQ(match.queries[0].matches[0].candidate, 3u);
}

TEST(DcqlMatch, ClaimSetsPickTheFirstSatisfiableInPreferenceOrder) {
  auto query = ParseDcqlQuery(ReadVpVector("claims_alternatives.json")).value();
  const std::string vct = "https://credentials.example.com/identity_credential";
  const std::vector<CandidateCredential> candidates = {
      // Both sets possible: the first (a, c, d, e) wins.
      SdJwt(vct, R"({"last_name":"D","postal_code":"1","locality":"L","region":"R","date_of_birth":"2000"})"),
      // No region: only the second set (a, b, e).
      SdJwt(vct, R"({"last_name":"D","postal_code":"1","locality":"L","date_of_birth":"2000"})"),
      // Neither set: no last_name.
      SdJwt(vct, R"({"postal_code":"1","locality":"L","region":"R","date_of_birth":"2000"})")};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  ASSERT_EQ(match.queries[0].matches.size(), 2u);
  const CredentialMatch& first = match.queries[0].matches[0];
  EXPECT_EQ(first.candidate, 0u);
  EXPECT_EQ(first.claim_set, 0u);
  EXPECT_EQ(first.disclosed_paths,
            (std::vector<ClaimPathPointer>{{std::string("last_name")}, {std::string("locality")},
                                           {std::string("region")}, {std::string("date_of_birth")}}));
  const CredentialMatch& second = match.queries[0].matches[1];
  EXPECT_EQ(second.candidate, 1u);
  EXPECT_EQ(second.claim_set, 1u);
  EXPECT_EQ(second.disclosed_paths,
            (std::vector<ClaimPathPointer>{{std::string("last_name")}, {std::string("postal_code")},
                                           {std::string("date_of_birth")}}));
}

TEST(DcqlMatch, NullWildcardDisclosesEveryMatchingElement) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"skill","format":"dc+sd-jwt",
      "meta":{"vct_values":["https://issuer.example/vct/skill/v1"]},
      "claims":[{"path":["skill","name","nl"]},{"path":["evidence",null,"sha256"]}]}]})")).value();
  const std::vector<CandidateCredential> candidates = {
      SdJwt("https://issuer.example/vct/skill/v1",
            R"({"skill":{"name":{"nl":"Lassen","en":"Welding"}},"evidence":[{"sha256":"aa"},{"name":"x"},{"sha256":"bb"}]})"),
      SdJwt("https://issuer.example/vct/skill/v1", R"({"skill":{"name":{"nl":"Lassen"}},"evidence":[]})"),
      SdJwt("https://issuer.example/vct/skill/v1", R"({"skill":{"name":{"nl":"Lassen"}},"evidence":{"sha256":"aa"}})")};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  ASSERT_EQ(match.queries[0].matches.size(), 1u) << "an empty array and a non-array select nothing";
  const CredentialMatch& m = match.queries[0].matches[0];
  EXPECT_EQ(m.candidate, 0u);
  EXPECT_EQ(m.concrete_paths,
            (std::vector<ConcreteClaimPath>{
                {std::string("skill"), std::string("name"), std::string("nl")},
                {std::string("evidence"), std::size_t{0}, std::string("sha256")},
                {std::string("evidence"), std::size_t{2}, std::string("sha256")}}));
}

TEST(DcqlMatch, NoClaimsRequestsOnlyMandatoryClaims) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"q","format":"dc+sd-jwt","meta":{"vct_values":["v"]}}]})")).value();
  const std::vector<CandidateCredential> candidates = {SdJwt("v", R"({"a":1})")};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  ASSERT_EQ(match.queries[0].matches.size(), 1u);
  EXPECT_TRUE(match.queries[0].matches[0].disclosed_paths.empty());
  EXPECT_TRUE(match.satisfied);
}

TEST(DcqlMatch, HolderBindingIsRequiredUnlessTheQueryWaivesIt) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"q","format":"dc+sd-jwt","meta":{"vct_values":["v"]}}]})")).value();
  CandidateCredential unbound = SdJwt("v", R"({"a":1})");
  unbound.supports_holder_binding = false;
  const std::vector<CandidateCredential> candidates = {unbound};
  EXPECT_FALSE(MatchDcqlQuery(query, candidates).satisfied);
  query.credentials[0].require_cryptographic_holder_binding = false;
  EXPECT_TRUE(MatchDcqlQuery(query, candidates).satisfied);
}

TEST(DcqlMatch, W3cTypeValuesNeedAllTypesOfOneAlternative) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"badge","format":"ldp_vc",
      "meta":{"type_values":[["VerifiableCredential","OpenBadgeCredential"],["https://example.org/examples#AlumniCredential"]]},
      "claims":[{"path":["credentialSubject","achievement","name"]}]}]})")).value();
  const Json badge = J(R"({"credentialSubject":{"achievement":{"name":"Lassen"}}})");
  const std::vector<CandidateCredential> candidates = {
      {"ldp_vc", std::nullopt, {"VerifiableCredential"}, badge},
      {"ldp_vc", std::nullopt, {"OpenBadgeCredential", "VerifiableCredential", "Extra"}, badge},
      {"ldp_vc", std::nullopt, {"https://example.org/examples#AlumniCredential"}, badge},
      {"jwt_vc_json", std::nullopt, {"VerifiableCredential", "OpenBadgeCredential"}, badge},
      {"ldp_vc", std::nullopt, {"VerifiableCredential", "OpenBadgeCredential"}, J(R"({"credentialSubject":{}})")}};
  const DcqlMatch match = MatchDcqlQuery(query, candidates);
  ASSERT_EQ(match.queries[0].matches.size(), 2u);
  EXPECT_EQ(match.queries[0].matches[0].candidate, 1u);
  EXPECT_EQ(match.queries[0].matches[1].candidate, 2u);
}

TEST(DcqlMatch, CredentialSetsChooseTheFirstSatisfiableOption) {
  auto query = ParseDcqlQuery(ReadVpVector("credentials_alternatives.json")).value();
  const CandidateCredential reduced1 =
      SdJwt("https://credentials.example.com/reduced_identity_credential", R"({"family_name":"D","given_name":"J"})");
  const CandidateCredential reduced2 =
      SdJwt("https://cred.example/residence_credential", R"({"postal_code":"1","locality":"L","region":"R"})");
  const CandidateCredential other = SdJwt("https://othercredentials.example/pid",
                                          R"({"given_name":"J","family_name":"D","address":{"street_address":"s"}})");
  {
    const std::vector<CandidateCredential> candidates = {reduced1, reduced2};
    const DcqlMatch match = MatchDcqlQuery(query, candidates);
    EXPECT_TRUE(match.satisfied);
    EXPECT_EQ(match.credential_set_options, (std::vector<std::optional<std::size_t>>{2, std::nullopt}))
        << "the optional nice_to_have set may stay unsatisfied";
  }
  {
    const std::vector<CandidateCredential> candidates = {reduced1, reduced2, other};
    EXPECT_EQ(MatchDcqlQuery(query, candidates).credential_set_options[0], 1u);
  }
  {
    const std::vector<CandidateCredential> candidates = {reduced1};
    const DcqlMatch match = MatchDcqlQuery(query, candidates);
    EXPECT_FALSE(match.satisfied) << "half of the third option is not enough";
    EXPECT_EQ(match.credential_set_options[0], std::nullopt);
  }
}

// ---- Verifier check ----

TEST(CheckPresentedClaims, AcceptsWhatWasAskedAndNamesWhatIsMissing) {
  auto query = ParseDcqlQuery(ReadVpVector("value_matching_simple.json")).value();
  const CredentialQuery& q = query.credentials[0];
  EXPECT_THAT(CheckPresentedClaims(
                  q, J(R"({"family_name":"Doe","given_name":"J","address":{"street_address":"x"},"postal_code":"90210"})")),
              IsOk());
  auto missing = CheckPresentedClaims(q, J(R"({"family_name":"Doe","given_name":"J","postal_code":"90210"})"));
  ASSERT_THAT(missing, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(missing.error().message(),
            R"(presentation for credential query 'my_credential' lacks claim ["address","street_address"])");
  auto wrong_value = CheckPresentedClaims(
      q, J(R"({"family_name":"Roe","given_name":"J","address":{"street_address":"x"},"postal_code":"90210"})"));
  ASSERT_THAT(wrong_value, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(wrong_value.error().message(), HasSubstr(R"(["family_name"] with an allowed value)"));
  EXPECT_THAT(wrong_value.error().message(), ::testing::Not(HasSubstr("Roe"))) << "never echo claim values";
}

TEST(CheckPresentedClaims, ClaimSetsNeedOneCompleteSet) {
  auto query = ParseDcqlQuery(ReadVpVector("claims_alternatives.json")).value();
  const CredentialQuery& q = query.credentials[0];
  EXPECT_THAT(CheckPresentedClaims(q, J(R"({"last_name":"D","postal_code":"1","date_of_birth":"2000"})")), IsOk());
  auto partial = CheckPresentedClaims(q, J(R"({"last_name":"D","locality":"L","date_of_birth":"2000"})"));
  ASSERT_THAT(partial, FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(partial.error().message(), HasSubstr("(no claim set is satisfied)"));
}

TEST(CheckPresentedClaims, QueryWithoutClaimsAcceptsAnyPresentation) {
  auto query = ParseDcqlQuery(J(R"({"credentials":[{"id":"q","format":"f","meta":{}}]})")).value();
  EXPECT_THAT(CheckPresentedClaims(query.credentials[0], J("{}")), IsOk());
}

}  // namespace
}  // namespace vaardig::oid4vc
