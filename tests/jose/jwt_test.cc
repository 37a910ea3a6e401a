// JWT claim validation with an injected clock and explicit skew.
#include <gtest/gtest.h>

#include "core/jose/jwt.h"
#include "tests/jose/test_util.h"

namespace vaardig::jose {
namespace {

using testing::FailsWith;
using testing::IsOk;

constexpr std::int64_t kNow = 1'800'000'000;

JwtClaimsPolicy Policy(const Clock& clock) { return JwtClaimsPolicy{.clock = &clock, .skew_seconds = 60}; }

TEST(JwtClaims, TimesWithSkew) {
  FixedClock clock(kNow);
  auto policy = Policy(clock);
  EXPECT_TRUE(IsOk(ValidateJwtClaims(Json{{"exp", kNow + 1}}, policy)));
  EXPECT_TRUE(IsOk(ValidateJwtClaims(Json{{"exp", kNow - 59}}, policy)));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"exp", kNow - 60}}, policy), ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(IsOk(ValidateJwtClaims(Json{{"nbf", kNow + 60}}, policy)));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"nbf", kNow + 61}}, policy), ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(IsOk(ValidateJwtClaims(Json{{"iat", kNow + 60}}, policy)));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"iat", kNow + 61}}, policy), ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(IsOk(ValidateJwtClaims(Json{{"exp", kNow + 0.5 + 1}}, policy)));  // NumericDate may be fractional

  policy.max_age_seconds = 300;
  EXPECT_TRUE(IsOk(ValidateJwtClaims(Json{{"iat", kNow - 360}}, policy)));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"iat", kNow - 361}}, policy), ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json::object(), policy), ErrorCode::kInvalidArgument));

  policy = Policy(clock);
  policy.require_exp = true;
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json::object(), policy), ErrorCode::kInvalidArgument));
  policy.skew_seconds = 0;
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"exp", kNow}}, policy), ErrorCode::kFailedPrecondition));
}

TEST(JwtClaims, WrongTypesAreInvalid) {
  FixedClock clock(kNow);
  for (const char* name : {"exp", "nbf", "iat"}) {
    EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{name, "soon"}}, Policy(clock)), ErrorCode::kInvalidArgument)) << name;
    EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{name, true}}, Policy(clock)), ErrorCode::kInvalidArgument)) << name;
  }
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"iss", 1}}, Policy(clock)), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"aud", {1, 2}}}, Policy(clock)), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json::array(), Policy(clock)), ErrorCode::kInvalidArgument));
}

TEST(JwtClaims, IssuerAndAudience) {
  FixedClock clock(kNow);
  auto policy = Policy(clock);
  policy.expected_iss = "https://issuer.example";
  policy.expected_aud = "https://verifier.example";
  const Json good = {{"iss", "https://issuer.example"}, {"aud", "https://verifier.example"}};
  EXPECT_TRUE(IsOk(ValidateJwtClaims(good, policy)));
  EXPECT_TRUE(IsOk(ValidateJwtClaims(
      Json{{"iss", "https://issuer.example"}, {"aud", {"x", "https://verifier.example"}}}, policy)));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"iss", "https://evil.example"}, {"aud", "https://verifier.example"}}, policy),
                        ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"iss", "https://issuer.example"}, {"aud", {"x"}}}, policy),
                        ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(ValidateJwtClaims(Json{{"aud", "https://verifier.example"}}, policy), ErrorCode::kPermissionDenied));
}

TEST(Jwt, SignAndVerify) {
  FixedClock clock(kNow);
  auto key = PrivateJwk::Generate(Algorithm::kEs256);
  ASSERT_TRUE(key);
  auto jwt = SignJwt(*key, Json{{"typ", "JWT"}}, Json{{"iss", "me"}, {"exp", kNow + 100}});
  ASSERT_TRUE(IsOk(jwt));
  auto verified = VerifyJwt(*jwt, key->public_jwk(), {.accepted_typ = {"JWT"}}, Policy(clock));
  ASSERT_TRUE(IsOk(verified));
  EXPECT_EQ(verified->claims["iss"], "me");
  clock.Advance(1000);
  EXPECT_TRUE(FailsWith(VerifyJwt(*jwt, key->public_jwk(), {}, Policy(clock)), ErrorCode::kFailedPrecondition));
  // A payload that is not a JSON object is refused after the signature checks out.
  auto array = SignCompactJws(*key, Json::object(), AsBytes(std::string_view("[1]")));
  ASSERT_TRUE(array);
  EXPECT_TRUE(FailsWith(VerifyJwt(*array, key->public_jwk(), {}, Policy(clock)), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(SignJwt(*key, Json::object(), Json::array()), ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::jose
