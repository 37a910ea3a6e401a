#include "core/sdjwt/vc.h"

#include <gtest/gtest.h>

#include "core/sdjwt/holder.h"
#include "core/sdjwt/internal/jws_bridge.h"
#include "core/sdjwt/skill_credential.h"
#include "tests/sdjwt/test_keys.h"

namespace vaardig::sdjwt {
namespace {

using testing::HolderKey;
using testing::IssuerKey;

constexpr std::int64_t kNow = 1800000000;

Json SkillClaims() {
  return Json{
      {"iss", "did:web:gemeente-voorbeeld.example"},
      {"iat", kNow},
      {"exp", kNow + 3 * 365 * 86400},
      {"vct", "https://gemeente-voorbeeld.example/vct/skill/v1"},
      {"cnf", Json{{"jwk", HolderKey().public_jwk().ToJson()}}},
      {"status", Json{{"status_list", Json{{"idx", 412}, {"uri", "https://gemeente-voorbeeld.example/status/1"}}}}},
      {"skill", Json{{"id", "https://gemeente-voorbeeld.example/skills/snoeien"},
                     {"name", Json{{"nl", "Snoeien en onderhouden van beplanting"}, {"en", "Pruning and maintaining plants"}}},
                     {"level", 2},
                     {"level_label", Json{{"nl", "zelfstandig"}, {"en", "independently"}}}}},
      {"confirmation", Json{{"status", "confirmed"},
                            {"by", Json{{"name", "Karin Bakker"}, {"role", "teamleider buitendienst"}}},
                            {"at", "2026-11-20"},
                            {"method", "observation"},
                            {"endorsement", "eyJ...endorsement"}}},
      {"self_assessment", Json{{"level", 2}}},
      {"evidence", Json::array({Json{{"name", "haag-voor.jpg"}, {"sha256", "abc"}},
                                Json{{"name", "haag-na.jpg"}, {"sha256", "def"}}})},
      {"holder", Json{{"given_name", "Sanne"}, {"family_name", "de Vries"}}},
      {"employer", Json{{"name", "Gemeente Voorbeeld"}, {"id", "did:web:gemeente-voorbeeld.example"}}}};
}

TEST(SkillCredential, SkillsFirstPresentationNamesNobody) {
  const auto issuer = IssuerKey();
  SdJwtVcIssueOptions options;
  options.sd_paths = SkillCredentialSdPaths(SkillClaims());
  auto issued = IssueSdJwtVc(SkillClaims(), issuer, options);
  ASSERT_TRUE(issued) << issued.error();

  auto frame = FrameFromPaths(SkillsFirstDisclosure());
  ASSERT_TRUE(frame);
  auto presented = SelectDisclosures(issued->parts, *frame);
  ASSERT_TRUE(presented) << presented.error();
  const auto holder = HolderKey();
  ASSERT_TRUE(AddKeyBinding(*presented, {&holder, "https://werkgever.example", "nonce-1", kNow}));

  FixedClock clock(kNow);
  SdJwtVerifyPolicy policy;
  policy.clock = &clock;
  policy.key_binding = {.required = true, .expected_aud = "https://werkgever.example", .expected_nonce = "nonce-1"};
  auto verified = VerifySdJwtVc(presented->SerializeCompact(), FixedIssuerKey(issuer.public_jwk()), policy);
  ASSERT_TRUE(verified) << verified.error();
  const Json& claims = verified->claims();
  EXPECT_EQ(claims["skill"]["level"], 2);
  EXPECT_EQ(claims["confirmation"]["by"]["role"], "teamleider buitendienst");
  EXPECT_FALSE(claims["confirmation"]["by"].contains("name"));
  EXPECT_FALSE(claims["confirmation"].contains("endorsement"));
  EXPECT_FALSE(claims.contains("holder"));
  EXPECT_FALSE(claims.contains("employer"));
  EXPECT_FALSE(claims.contains("evidence"));
  // Nothing that names the person anywhere in what was sent.
  const std::string sent = DumpJson(claims);
  EXPECT_EQ(sent.find("Sanne"), std::string::npos);
  EXPECT_EQ(sent.find("Karin"), std::string::npos);
}

TEST(SkillCredential, IssuedCredentialHasTypDcSdJwtAndClearStatus) {
  SdJwtVcIssueOptions options;
  options.sd_paths = SkillCredentialSdPaths(SkillClaims());
  options.kid = "did:web:gemeente-voorbeeld.example#es256-1";
  auto issued = IssueSdJwtVc(SkillClaims(), IssuerKey(), options);
  ASSERT_TRUE(issued);
  auto peeked = internal::PeekJwt(issued->parts.issuer_jwt(), {});
  ASSERT_TRUE(peeked);
  EXPECT_EQ(peeked->header["typ"], "dc+sd-jwt");
  EXPECT_EQ(peeked->header["kid"], "did:web:gemeente-voorbeeld.example#es256-1");
  for (const char* clear : {"iss", "iat", "exp", "vct", "cnf", "status"}) {
    EXPECT_TRUE(peeked->payload.contains(clear)) << clear;
  }
  for (const char* hidden : {"skill", "confirmation", "holder", "employer", "evidence", "self_assessment"}) {
    EXPECT_FALSE(peeked->payload.contains(hidden)) << hidden;
  }
}

TEST(SdJwtVc, NeverDisclosableClaimsCannotBeMadeDisclosable) {
  for (const char* claim : {"iss", "exp", "nbf", "cnf", "vct", "status", "iat"}) {
    SdJwtVcIssueOptions options;
    Json claims = SkillClaims();
    claims["nbf"] = kNow;
    options.sd_paths = {{claim}};
    auto issued = IssueSdJwtVc(claims, IssuerKey(), options);
    ASSERT_FALSE(issued) << claim;
    EXPECT_EQ(issued.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(SdJwtVc, LegacyTypVcSdJwtIsAcceptedOnInput) {
  Json claims = SkillClaims();
  auto jwt = internal::SignJwt(IssuerKey(), Json{{"typ", "vc+sd-jwt"}}, claims);
  ASSERT_TRUE(jwt);
  FixedClock clock(kNow);
  SdJwtVerifyPolicy policy;
  policy.clock = &clock;
  auto verified = VerifySdJwtVc(*jwt + "~", FixedIssuerKey(IssuerKey().public_jwk()), policy);
  ASSERT_TRUE(verified) << verified.error();
}

}  // namespace
}  // namespace vaardig::sdjwt
