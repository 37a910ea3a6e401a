// Open Badges 3.0 §8.2 VC-JWT: claims derived from the credential, round trips (RS256, ES256,
// EdDSA) in the payload and the legacy "vc" claim forms, and every mismatch between the
// registered claims and the credential rejected.
#include <gmock/gmock.h>

#include <string>

#include "core/common/clock.h"
#include "core/jose/jws.h"
#include "core/vcjose/format.h"
#include "core/vcjose/ob_jwt.h"
#include "tests/vcjose/test_util.h"

namespace vaardig::vcjose {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr std::int64_t kNow = 1'750'000'000;       // 2025-06-15
constexpr std::int64_t kValidFrom = 1'704'067'200;  // 2024-01-01T00:00:00Z
constexpr std::int64_t kValidUntil = 1'798'761'600;  // 2027-01-01T00:00:00Z

Json Badge() {
  return Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2",
                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://issuer.example/vaardig", "type": ["Profile"], "name": "Werkgever BV"},
    "validFrom": "2024-01-01T00:00:00Z",
    "validUntil": "2027-01-01T00:00:00Z",
    "name": "Klantgesprekken voeren",
    "credentialSubject": {
      "id": "did:example:holder",
      "type": ["AchievementSubject"],
      "achievement": {"id": "https://issuer.example/achievements/1", "type": ["Achievement"],
                      "name": "Klantgesprekken voeren", "criteria": {"narrative": "Drie gesprekken."}}
    }
  })");
}

TEST(ObJwtClaims, MirrorTheCredential) {
  auto claims = ObJwtClaims(Badge());
  ASSERT_THAT(claims, IsOk());
  EXPECT_EQ(claims->at("iss"), "https://issuer.example/vaardig");
  EXPECT_EQ(claims->at("nbf"), kValidFrom);
  EXPECT_EQ(claims->at("exp"), kValidUntil);
  EXPECT_EQ(claims->at("jti"), "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002");
  EXPECT_EQ(claims->at("sub"), "did:example:holder");
  EXPECT_EQ(claims->size(), 5u);

  Json minimal = Badge();
  minimal.erase("validUntil");
  minimal["credentialSubject"].erase("id");
  auto fewer = ObJwtClaims(minimal);
  ASSERT_THAT(fewer, IsOk());
  EXPECT_FALSE(fewer->contains("exp"));
  EXPECT_FALSE(fewer->contains("sub"));

  for (const char* required : {"validFrom", "id"}) {
    Json without = Badge();
    without.erase(required);
    EXPECT_THAT(ObJwtClaims(without), FailsWith(ErrorCode::kInvalidArgument)) << required;
  }
  Json two_subjects = Badge();
  two_subjects["credentialSubject"] = Json::array({Badge()["credentialSubject"], Badge()["credentialSubject"]});
  EXPECT_THAT(ObJwtClaims(two_subjects), FailsWith(ErrorCode::kInvalidArgument));
}

class ObJwtRoundTrip : public ::testing::TestWithParam<jose::Algorithm> {};

TEST_P(ObJwtRoundTrip, SignsAndVerifiesBothForms) {
  const jose::PrivateJwk key = testutil::NewKey(GetParam(), "ob-key");
  const FixedClock clock(kNow);
  for (ObJwtForm form : {ObJwtForm::kCredentialPayload, ObJwtForm::kVcClaim}) {
    auto jwt = SignObJwt(Badge(), key, ObJwtOptions{.form = form});
    ASSERT_THAT(jwt, IsOk());
    EXPECT_EQ(DetectFormat(*jwt), SecuredFormat::kObJwt);
    auto verified = VerifyObJwt(*jwt, FixedKey(key.public_jwk()), clock);
    ASSERT_THAT(verified, IsOk());
    EXPECT_TRUE(testutil::SameJson(verified->document(), Badge())) << verified->document().dump();
    EXPECT_EQ(verified->claims().at("nbf"), kValidFrom);
    EXPECT_EQ(verified->claims().at("iss"), "https://issuer.example/vaardig");
    EXPECT_EQ(verified->claims().contains("vc"), form == ObJwtForm::kVcClaim);
    EXPECT_EQ(verified->claims().contains("name"), form == ObJwtForm::kCredentialPayload);
    EXPECT_EQ(verified->header().at("alg"), jose::AlgorithmName(GetParam()));
    EXPECT_EQ(verified->header().at("typ"), "JWT");
    EXPECT_EQ(verified->header().at("kid"), "ob-key");
    EXPECT_EQ(verified->format(), SecuredFormat::kObJwt);

    const FixedClock later(kValidUntil + 120);
    EXPECT_THAT(VerifyObJwt(*jwt, FixedKey(key.public_jwk()), later), FailsWith(ErrorCode::kFailedPrecondition));
    const FixedClock earlier(kValidFrom - 120);
    EXPECT_THAT(VerifyObJwt(*jwt, FixedKey(key.public_jwk()), earlier), FailsWith(ErrorCode::kFailedPrecondition));
  }

  // With embed_jwk, or a key without kid, the public key goes into the header.
  auto with_jwk = SignObJwt(Badge(), key, ObJwtOptions{.embed_jwk = true});
  ASSERT_THAT(with_jwk, IsOk());
  auto parsed = jose::ParseCompactJws(*with_jwk);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->header.at("jwk"), key.public_jwk().ToJson());
  EXPECT_FALSE(parsed->header.at("jwk").contains("d"));
  EXPECT_THAT(VerifyObJwt(*with_jwk, FixedKey(key.public_jwk()), clock), IsOk());
  const jose::PrivateJwk no_kid = testutil::NewKey(GetParam(), "x");
  auto anonymous = SignObJwt(Badge(), jose::PrivateJwk::FromKey(no_kid.key()));
  ASSERT_THAT(anonymous, IsOk());
  auto parsed_anonymous = jose::ParseCompactJws(*anonymous);
  ASSERT_THAT(parsed_anonymous, IsOk());
  EXPECT_FALSE(parsed_anonymous->header.contains("kid"));
  EXPECT_TRUE(parsed_anonymous->header.contains("jwk"));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, ObJwtRoundTrip,
                         ::testing::Values(jose::Algorithm::kRs256, jose::Algorithm::kEs256, jose::Algorithm::kEdDsa),
                         [](const auto& info) { return std::string(jose::AlgorithmName(info.param)); });

TEST(ObJwtVerify, MismatchesAreRejected) {
  static const jose::PrivateJwk key = testutil::NewKey(jose::Algorithm::kEs256, "ob-key");
  const FixedClock clock(kNow);
  // The payload form: the credential and its JWT claims side by side.
  Json good = Badge();
  const Json registered = *ObJwtClaims(Badge());
  for (const auto& [name, value] : registered.items()) good[name] = value;
  auto sign = [](const Json& claims, Json header = {{"typ", "JWT"}, {"kid", "ob-key"}}) {
    auto jwt = jose::SignCompactJws(key, header, AsBytes(claims.dump()));
    EXPECT_TRUE(jwt.has_value());
    return jwt.value_or("");
  };
  auto with = [&](const std::string& claim, Json value) {
    Json c = good;
    c[claim] = std::move(value);
    return c;
  };
  auto without = [&](const std::string& claim) {
    Json c = good;
    c.erase(claim);
    return c;
  };
  Json legacy = *ObJwtClaims(Badge());
  legacy["vc"] = Badge();
  legacy["vc"]["id"] = "urn:uuid:other";
  Json not_a_vc = with("type", "OpenBadgeCredential");
  const struct {
    const char* what;
    std::string input;
    ErrorCode code;
  } cases[] = {
      {"nbf is not validFrom", sign(with("nbf", kValidFrom + 1)), ErrorCode::kInvalidArgument},
      {"nbf missing", sign(without("nbf")), ErrorCode::kInvalidArgument},
      {"nbf not a number", sign(with("nbf", "2024-01-01T00:00:00Z")), ErrorCode::kInvalidArgument},
      {"jti is not the credential id", sign(with("jti", "urn:uuid:other")), ErrorCode::kInvalidArgument},
      {"jti missing", sign(without("jti")), ErrorCode::kInvalidArgument},
      {"sub is not the subject id", sign(with("sub", "did:example:someone-else")), ErrorCode::kInvalidArgument},
      {"sub missing", sign(without("sub")), ErrorCode::kInvalidArgument},
      {"iss is not the issuer id", sign(with("iss", "https://evil.example")), ErrorCode::kInvalidArgument},
      {"iss missing", sign(without("iss")), ErrorCode::kInvalidArgument},
      {"exp is not validUntil", sign(with("exp", kValidUntil - 1)), ErrorCode::kInvalidArgument},
      {"exp without validUntil", sign(without("validUntil")), ErrorCode::kInvalidArgument},
      {"legacy vc claim whose id is not jti", sign(legacy), ErrorCode::kInvalidArgument},
      {"not a credential", sign(not_a_vc), ErrorCode::kInvalidArgument},
      {"typ vc+jwt", sign(good, {{"typ", "vc+jwt"}, {"kid", "ob-key"}}), ErrorCode::kInvalidArgument},
      {"header parameter not allowed", sign(good, {{"typ", "JWT"}, {"kid", "ob-key"}, {"x5u", "https://x"}}),
       ErrorCode::kInvalidArgument},
      {"neither kid nor jwk", sign(good, {{"typ", "JWT"}}), ErrorCode::kInvalidArgument},
      {"header jwk with the private key", sign(good, {{"typ", "JWT"}, {"jwk", key.ExportPrivateJson()}}),
       ErrorCode::kInvalidArgument},
      {"header jwk not an object", sign(good, {{"typ", "JWT"}, {"jwk", "k"}}), ErrorCode::kInvalidArgument},
      {"oversized", std::string(kMaxSecuredBytes + 1, 'e'), ErrorCode::kResourceExhausted},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(VerifyObJwt(c.input, FixedKey(key.public_jwk()), clock), FailsWith(c.code)) << c.what;
  }
  auto message = VerifyObJwt(sign(with("nbf", kValidFrom + 1)), FixedKey(key.public_jwk()), clock);
  ASSERT_FALSE(message.has_value());
  EXPECT_THAT(message.error().message(), ::testing::HasSubstr("'nbf' does not match the credential's validFrom"));
  auto sub = VerifyObJwt(sign(with("sub", "x")), FixedKey(key.public_jwk()), clock);
  ASSERT_FALSE(sub.has_value());
  EXPECT_THAT(sub.error().message(), ::testing::HasSubstr("credentialSubject.id"));
  EXPECT_THAT(VerifyObJwt(sign(good), FixedKey(key.public_jwk()), clock), IsOk());
  // typ is optional ("If present, MUST be set to JWT").
  EXPECT_THAT(VerifyObJwt(sign(good, {{"kid", "ob-key"}}), FixedKey(key.public_jwk()), clock), IsOk());
  // A credential member named like a JWT claim cannot be signed in the payload form.
  EXPECT_THAT(SignObJwt(with("iat", 5), key), FailsWith(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::vcjose
