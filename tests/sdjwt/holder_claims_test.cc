// HolderClaims: the holder's unverified view of its own SD-JWT equals what a verifier rebuilds
// after checking the signature, for nested, recursive and array disclosures with decoys; and it
// shrinks to what is left when disclosures are dropped.
#include <gtest/gtest.h>

#include "core/common/clock.h"
#include "core/jose/jws.h"
#include "core/sdjwt/disclosure.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/issuer.h"
#include "core/sdjwt/verifier.h"

namespace vaardig::sdjwt {
namespace {

const Json kClaims = {
    {"iss", "https://issuer.example"},
    {"iat", 1'775'000'000},
    {"skill", {{"id", "GROEN-03"}, {"level", 2}, {"name", {{"nl", "Snoeien"}, {"en", "Pruning"}}}}},
    {"confirmation", {{"by", {{"name", "Marieke"}, {"role", "manager"}}}, {"at", "2026-03-01"}}},
    {"evidence", Json::array({Json{{"name", "foto.jpg"}}, Json{{"name", "rapport.pdf"}}})},
    {"holder", {{"given_name", "Anna"}}}};

const jose::PrivateJwk& IssuerKey() {
  static const jose::PrivateJwk key = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  return key;
}

// Member order aside (disclosures are applied in digest order).
nlohmann::json Unordered(const Json& j) { return nlohmann::json::parse(j.dump()); }

IssuedSdJwt Issue() {
  IssueOptions options;
  options.sd_paths = {{"skill"}, {"confirmation"}, {"confirmation", "by"}, {"confirmation", "by", "role"},
                      {"evidence", std::size_t{0}}, {"evidence", std::size_t{1}}, {"holder"}};
  options.max_decoys = 3;
  auto issued = IssueSdJwt(kClaims, IssuerKey(), options);
  EXPECT_TRUE(issued.has_value()) << issued.error();
  return *issued;
}

TEST(HolderClaims, EqualsTheVerifiersViewWithEveryDisclosure) {
  const IssuedSdJwt issued = Issue();
  auto claims = HolderClaims(issued.parts);
  ASSERT_TRUE(claims.has_value()) << claims.error();
  EXPECT_EQ(Unordered(*claims), Unordered(kClaims));
  EXPECT_FALSE(claims->contains("_sd_alg"));
  FixedClock clock(1'775'000'100);
  SdJwtVerifyPolicy policy;
  policy.clock = &clock;
  auto verified = VerifySdJwtParts(issued.parts, FixedIssuerKey(IssuerKey().public_jwk()), policy);
  ASSERT_TRUE(verified.has_value()) << verified.error();
  EXPECT_EQ(Unordered(*claims), Unordered(verified->claims()));
}

TEST(HolderClaims, LeavesOutWhatIsNotHeld) {
  const IssuedSdJwt issued = Issue();
  auto only_skill = SelectDisclosures(issued.parts, Json{{"skill", true}});
  ASSERT_TRUE(only_skill.has_value());
  auto claims = HolderClaims(*only_skill);
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(Unordered((*claims)["skill"]), Unordered(kClaims["skill"]));
  EXPECT_FALSE(claims->contains("holder"));
  EXPECT_FALSE(claims->contains("confirmation"));
  EXPECT_TRUE((*claims)["evidence"].empty());  // both elements were disclosures, none held
}

TEST(HolderClaims, MalformedDisclosuresAndLimitsAreRefused) {
  IssuedSdJwt issued = Issue();
  SdJwtParts broken = issued.parts;
  broken.disclosures.push_back("not-base64!");
  EXPECT_FALSE(HolderClaims(broken).has_value());
  SdJwtLimits tight;
  tight.max_disclosures = 2;
  auto limited = HolderClaims(issued.parts, tight);
  ASSERT_FALSE(limited.has_value());
  EXPECT_EQ(limited.error().code(), ErrorCode::kResourceExhausted);
}

TEST(HolderClaims, ADigestUsedTwiceOrADisclosureOverAClaimInTheClearIsRefused) {
  auto d = MakeDisclosure(std::string("skill"), Json{{"level", 3}});
  ASSERT_TRUE(d.has_value());
  auto sign = [](const Json& payload) {
    return jose::SignCompactJws(IssuerKey(), Json{{"typ", "dc+sd-jwt"}}, AsBytes(payload.dump())).value();
  };
  SdJwtParts twice;
  twice.issuer_jwts = {sign(Json{{"iss", "x"}, {"_sd", {d->digest, d->digest}}, {"_sd_alg", "sha-256"}})};
  twice.disclosures = {d->encoded};
  auto repeated = HolderClaims(twice);
  ASSERT_FALSE(repeated.has_value());
  EXPECT_EQ(repeated.error().code(), ErrorCode::kInvalidArgument);
  SdJwtParts shadow;
  shadow.issuer_jwts = {sign(Json{{"iss", "x"}, {"skill", {{"level", 1}}}, {"_sd", {d->digest}}, {"_sd_alg", "sha-256"}})};
  shadow.disclosures = {d->encoded};
  EXPECT_FALSE(HolderClaims(shadow).has_value());
}

}  // namespace
}  // namespace vaardig::sdjwt
