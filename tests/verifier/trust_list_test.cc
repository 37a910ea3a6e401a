#include "verifier/app/trust_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/jose/jws.h"
#include "tests/verifier/test_util.h"

namespace vaardig::verifier {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using ::testing::HasSubstr;

constexpr const char* kVct = "https://issuer.gemeente-voorbeeld.nl/vct/skill/v1";

TrustList Sample() {
  TrustList list;
  list.issued_at = 1'767'225'600;
  EXPECT_THAT(list.Upsert({.issuer = "did:web:issuer.gemeente-voorbeeld.nl", .name = "Gemeente Voorbeeld",
                           .credential_types = {kVct, "OpenBadgeCredential"}, .note = "pilot 2026"}),
              IsOk());
  EXPECT_THAT(list.Upsert({.issuer = "https://skills.example.org", .name = "Example", .credential_types = {"*"}, .note = ""}),
              IsOk());
  return list;
}

jose::PrivateJwk Key(jose::Algorithm alg) { return jose::PrivateJwk::Generate(alg).value(); }

TEST(TrustList, SignsAndVerifiesWithEs256AndEdDsa) {
  for (jose::Algorithm alg : {jose::Algorithm::kEs256, jose::Algorithm::kEdDsa}) {
    const jose::PrivateJwk key = Key(alg);
    auto jws = Sample().Sign(key);
    ASSERT_THAT(jws, IsOk());
    auto parsed = jose::ParseCompactJws(*jws);
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(parsed->typ, std::string(kTrustListTyp));
    auto list = TrustList::Verify(*jws, key.public_jwk());
    ASSERT_THAT(list, IsOk());
    EXPECT_EQ(list->issued_at, 1'767'225'600);
    ASSERT_EQ(list->entries.size(), 2u);
    EXPECT_EQ(list->entries[0].name, "Gemeente Voorbeeld");
    EXPECT_EQ(list->entries[0].note, "pilot 2026");
    EXPECT_EQ(list->ToJson(), Sample().ToJson());
  }
}

TEST(TrustList, RefusesRs256Keys) {
  EXPECT_THAT(Sample().Sign(Key(jose::Algorithm::kRs256)), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(TrustList, TamperedListIsRejectedBeforeParsing) {
  const jose::PrivateJwk key = Key(jose::Algorithm::kEs256);
  std::string jws = Sample().Sign(key).value();
  const auto dot = jws.find('.');
  jws[dot + 5] = jws[dot + 5] == 'A' ? 'B' : 'A';
  auto list = TrustList::Verify(jws, key.public_jwk());
  ASSERT_THAT(list, FailsWith(ErrorCode::kUnauthenticated));
  EXPECT_THAT(list.error().message(), HasSubstr("trust list"));
}

TEST(TrustList, WrongKeyIsRejected) {
  const std::string jws = Sample().Sign(Key(jose::Algorithm::kEs256)).value();
  EXPECT_THAT(TrustList::Verify(jws, Key(jose::Algorithm::kEs256).public_jwk()), FailsWith(ErrorCode::kUnauthenticated));
  // The key decides the algorithm: an EdDSA key does not verify an ES256 list.
  EXPECT_THAT(TrustList::Verify(jws, Key(jose::Algorithm::kEdDsa).public_jwk()), ::testing::Not(IsOk()));
}

TEST(TrustList, WrongTypIsRejected) {
  const jose::PrivateJwk key = Key(jose::Algorithm::kEs256);
  const std::string payload = Sample().ToJson().dump();
  auto jws = jose::SignCompactJws(key, Json{{"typ", "JWT"}}, AsBytes(payload));
  ASSERT_THAT(jws, IsOk());
  EXPECT_THAT(TrustList::Verify(*jws, key.public_jwk()), ::testing::Not(IsOk()));
}

TEST(TrustList, OversizedFileIsRefused) {
  const std::string big(kMaxTrustListBytes + 1, 'a');
  auto list = TrustList::Verify(big, Key(jose::Algorithm::kEs256).public_jwk());
  ASSERT_THAT(list, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(list.error().message(), HasSubstr("larger than 1 MiB"));
}

TEST(TrustList, TooManyEntriesAreRefused) {
  Json json = Json{{"version", 1}, {"issued_at", 0}, {"entries", Json::array()}};
  for (std::size_t i = 0; i <= kMaxTrustListEntries; ++i) {
    json["entries"].push_back(Json{{"issuer", "did:web:i" + std::to_string(i) + ".example"},
                                   {"name", "n"},
                                   {"credential_types", Json::array({"*"})}});
  }
  auto list = TrustList::FromJson(json);
  ASSERT_THAT(list, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(list.error().message(), HasSubstr("more than 10000 entries"));
  json["entries"].erase(json["entries"].size() - 1);
  EXPECT_THAT(TrustList::FromJson(json), IsOk());
}

TEST(TrustList, BadEntriesNameTheMemberAtFault) {
  const auto parse = [](Json entry) {
    return TrustList::FromJson(Json{{"version", 1}, {"issued_at", 0}, {"entries", Json::array({std::move(entry)})}});
  };
  const Json good = Json{{"issuer", "did:web:a.example"}, {"name", "A"}, {"credential_types", Json::array({"T"})}};
  EXPECT_THAT(parse(good), IsOk());
  struct Case {
    Json entry;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Json{{"issuer", "ftp://a.example"}, {"name", "A"}, {"credential_types", Json::array({"T"})}},
       "must be a DID, an https:// identifier or x509-sha256:<hex>"},
      {Json{{"issuer", "http://a.example"}, {"name", "A"}, {"credential_types", Json::array({"T"})}},
       "must be a DID, an https:// identifier"},
      {Json{{"issuer", "http://127.0.0.1.evil.example"}, {"name", "A"}, {"credential_types", Json::array({"T"})}},
       "plain http only for 127.0.0.1"},
      {Json{{"issuer", "http://localhostess.example"}, {"name", "A"}, {"credential_types", Json::array({"T"})}},
       "plain http only for 127.0.0.1"},
      {Json{{"issuer", "x509-sha256:abc"}, {"name", "A"}, {"credential_types", Json::array({"T"})}},
       "64 lowercase hex digits"},
      {Json{{"issuer", "did:web:a.example"}, {"name", ""}, {"credential_types", Json::array({"T"})}}, "name must be"},
      {Json{{"issuer", "did:web:a.example"}, {"name", "A"}, {"credential_types", Json::array()}}, "credential_types must hold"},
      {Json{{"issuer", "did:web:a.example"}, {"name", "A"}}, "entries[0].credential_types must be an array"},
      {Json{{"name", "A"}, {"credential_types", Json::array({"T"})}}, "entries[0].issuer is missing"},
      {Json{{"issuer", "did:web:a.example"}, {"name", "A"}, {"credential_types", Json::array({"T"})}, {"x", 1}},
       "unknown member 'x'"},
  };
  for (const Case& c : cases) {
    auto list = parse(c.entry);
    ASSERT_THAT(list, FailsWith(ErrorCode::kInvalidArgument)) << c.entry.dump();
    EXPECT_THAT(list.error().message(), HasSubstr(c.message)) << c.entry.dump();
  }
  auto twice = TrustList::FromJson(Json{{"version", 1}, {"issued_at", 0}, {"entries", Json::array({good, good})}});
  ASSERT_THAT(twice, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(twice.error().message(), HasSubstr("listed twice"));
  auto version = TrustList::FromJson(Json{{"version", 2}, {"issued_at", 0}, {"entries", Json::array()}});
  ASSERT_THAT(version, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(version.error().message(), HasSubstr("version must be 1"));
}

TEST(TrustList, LookupRecognisesOnlyListedIssuersForTheirTypes) {
  const TrustList list = Sample();
  const TrustDecision ok = list.Lookup("did:web:issuer.gemeente-voorbeeld.nl", kVct);
  EXPECT_TRUE(ok.recognised);
  EXPECT_EQ(ok.name, "Gemeente Voorbeeld");
  const TrustDecision other_type = list.Lookup("did:web:issuer.gemeente-voorbeeld.nl", "https://x.example/vct/other");
  EXPECT_FALSE(other_type.recognised);
  EXPECT_THAT(other_type.detail, HasSubstr("on the trust list, but not for"));
  const TrustDecision unknown = list.Lookup("did:web:evil.example", kVct);
  EXPECT_FALSE(unknown.recognised);
  EXPECT_THAT(unknown.detail, HasSubstr("not on the trust list"));
  EXPECT_TRUE(list.Lookup("https://skills.example.org", "anything").recognised);  // "*"
  EXPECT_FALSE(list.Lookup("", kVct).recognised);
  EXPECT_TRUE(list.LookupAny("did:web:issuer.gemeente-voorbeeld.nl", {"VerifiableCredential", "OpenBadgeCredential"}).recognised);
}

TEST(TrustList, UpsertReplacesAndRemoveDeletes) {
  TrustList list = Sample();
  ASSERT_THAT(list.Upsert({.issuer = "https://skills.example.org", .name = "Renamed", .credential_types = {"T"}, .note = ""}),
              IsOk());
  ASSERT_EQ(list.entries.size(), 2u);
  EXPECT_EQ(list.entries[1].name, "Renamed");
  EXPECT_THAT(list.Remove("https://skills.example.org"), IsOk());
  EXPECT_EQ(list.entries.size(), 1u);
  auto again = list.Remove("https://skills.example.org");
  ASSERT_THAT(again, FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(again.error().message(), HasSubstr("not on the trust list"));
  EXPECT_THAT(list.Upsert({.issuer = "mailto:x", .name = "X", .credential_types = {"T"}, .note = ""}),
              FailsWith(ErrorCode::kInvalidArgument));
}

TEST(TrustList, PlainHttpIssuersAreAcceptedOnLoopbackOnly) {
  TrustList list;
  for (const char* issuer : {"http://127.0.0.1:8080", "http://localhost:9000/issuer", "http://[::1]:8443"}) {
    EXPECT_THAT(list.Upsert({.issuer = issuer, .name = "Local demo", .credential_types = {"*"}, .note = ""}), IsOk()) << issuer;
  }
  for (const char* issuer : {"http://127.0.0.1.evil.example", "http://localhost.example", "http://10.0.0.1"}) {
    EXPECT_FALSE(list.Upsert({.issuer = issuer, .name = "X", .credential_types = {"*"}, .note = ""}).has_value()) << issuer;
  }
  EXPECT_TRUE(list.Lookup("http://127.0.0.1:8080", "anything").recognised);
}

}  // namespace
}  // namespace vaardig::verifier
