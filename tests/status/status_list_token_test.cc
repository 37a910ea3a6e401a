// Status List Tokens (draft-ietf-oauth-status-list-15 §5.1, §8.3) and status references (§6.1).
#include "core/status/status_list_token.h"

#include <gtest/gtest.h>

#include "core/encoding/base64url.h"
#include "core/jose/jws.h"

namespace vaardig::status {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;
constexpr char kUri[] = "https://issuer.example/statuslists/1";

struct Fixture {
  jose::PrivateJwk key = *jose::PrivateJwk::Generate(jose::Algorithm::kEs256, "status-key");
  FixedClock clock{kNow};
  StatusList list = *StatusList::Create(2, 64);

  StatusListTokenClaims Claims() const {
    return StatusListTokenClaims{.sub = kUri, .iat = kNow - 10, .exp = kNow + 3600, .ttl = 300, .iss = {}};
  }
  StatusListTokenPolicy Policy() const {
    return StatusListTokenPolicy{.clock = &clock, .skew_seconds = 60, .expected_sub = kUri, .limits = {}};
  }
};

TEST(StatusListToken, SignVerifyAndReadStatuses) {
  Fixture f;
  ASSERT_TRUE(f.list.Set(5, static_cast<std::uint8_t>(TokenStatus::kInvalid)));
  ASSERT_TRUE(f.list.Set(6, static_cast<std::uint8_t>(TokenStatus::kSuspended)));
  auto token = SignStatusListToken(f.list, f.Claims(), f.key);
  ASSERT_TRUE(token) << token.error();

  // The header is what the draft prescribes.
  auto parsed = jose::ParseCompactJws(*token);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->typ, "statuslist+jwt");
  EXPECT_EQ(parsed->kid, "status-key");

  auto verified = VerifyStatusListToken(*token, f.key.public_jwk(), f.Policy());
  ASSERT_TRUE(verified) << verified.error();
  EXPECT_EQ(verified->claims.sub, kUri);
  EXPECT_EQ(verified->claims.ttl, 300);
  EXPECT_EQ(verified->claims.exp, kNow + 3600);
  EXPECT_EQ(verified->list.bits(), 2);
  EXPECT_EQ(verified->list.Get(5).value(), 1);
  EXPECT_EQ(verified->list.Get(6).value(), 2);
  EXPECT_EQ(verified->list.Get(7).value(), 0);
  EXPECT_FALSE(verified->list.Get(64).has_value());
}

TEST(StatusListToken, RejectsWhatTheDraftRejects) {
  Fixture f;
  auto token = SignStatusListToken(f.list, f.Claims(), f.key);
  ASSERT_TRUE(token);

  // Another key.
  auto other = jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
  auto r = VerifyStatusListToken(*token, other->public_jwk(), f.Policy());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnauthenticated);

  // Fetched from a different URI than its sub.
  auto policy = f.Policy();
  policy.expected_sub = "https://issuer.example/statuslists/2";
  r = VerifyStatusListToken(*token, f.key.public_jwk(), policy);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kPermissionDenied);

  // Expired.
  f.clock.Advance(3600 + 61);
  r = VerifyStatusListToken(*token, f.key.public_jwk(), f.Policy());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(StatusListToken, WrongTypAndMissingMembersAreRefused) {
  Fixture f;
  auto encoded = f.list.Encode();
  ASSERT_TRUE(encoded);
  const Json good = {{"sub", kUri}, {"iat", kNow}, {"status_list", *encoded}};
  struct Case {
    const char* name;
    Json header;
    Json payload;
    ErrorCode code;
  };
  Json no_sub = good;
  no_sub.erase("sub");
  Json no_iat = good;
  no_iat.erase("iat");
  Json no_list = good;
  no_list.erase("status_list");
  Json bad_bits = good;
  bad_bits["status_list"]["bits"] = 3;
  Json bad_ttl = good;
  bad_ttl["ttl"] = -1;
  Json string_iat = good;
  string_iat["iat"] = "now";
  const std::vector<Case> cases = {
      {"typ JWT", Json{{"typ", "JWT"}}, good, ErrorCode::kInvalidArgument},
      {"no typ", Json::object(), good, ErrorCode::kInvalidArgument},
      {"no sub", Json{{"typ", "statuslist+jwt"}}, no_sub, ErrorCode::kInvalidArgument},
      {"no iat", Json{{"typ", "statuslist+jwt"}}, no_iat, ErrorCode::kInvalidArgument},
      {"no status_list", Json{{"typ", "statuslist+jwt"}}, no_list, ErrorCode::kInvalidArgument},
      {"bits 3", Json{{"typ", "statuslist+jwt"}}, bad_bits, ErrorCode::kInvalidArgument},
      {"negative ttl", Json{{"typ", "statuslist+jwt"}}, bad_ttl, ErrorCode::kInvalidArgument},
      {"string iat", Json{{"typ", "statuslist+jwt"}}, string_iat, ErrorCode::kInvalidArgument},
  };
  for (const Case& c : cases) {
    auto jwt = jose::SignCompactJws(f.key, c.header, AsBytes(DumpJson(c.payload)));
    ASSERT_TRUE(jwt);
    auto r = VerifyStatusListToken(*jwt, f.key.public_jwk(), f.Policy());
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code(), c.code) << c.name << ": " << r.error();
  }
  // The application/ prefix is the same media type.
  auto prefixed = jose::SignCompactJws(f.key, Json{{"typ", "application/statuslist+jwt"}}, AsBytes(DumpJson(good)));
  ASSERT_TRUE(prefixed);
  EXPECT_TRUE(VerifyStatusListToken(*prefixed, f.key.public_jwk(), f.Policy()));
}

TEST(StatusReference, ReadsAndWritesTheStatusClaim) {
  const Json claims = {{"status", MakeStatusClaim({.idx = 1234, .uri = kUri})}};
  EXPECT_EQ(DumpJson(claims), R"({"status":{"status_list":{"idx":1234,"uri":"https://issuer.example/statuslists/1"}}})");
  auto ref = ReadStatusReference(claims);
  ASSERT_TRUE(ref) << ref.error();
  EXPECT_EQ(ref->idx, 1234u);
  EXPECT_EQ(ref->uri, kUri);

  EXPECT_EQ(ReadStatusReference(Json{{"sub", "x"}}).error().code(), ErrorCode::kNotFound);
  const std::vector<Json> bad = {
      Json{{"status", "revoked"}},
      Json{{"status", {{"status_list", {{"idx", -1}, {"uri", kUri}}}}}},
      Json{{"status", {{"status_list", {{"idx", 1.5}, {"uri", kUri}}}}}},
      Json{{"status", {{"status_list", {{"idx", "1"}, {"uri", kUri}}}}}},
      Json{{"status", {{"status_list", {{"idx", 1}}}}}},
      Json{{"status", {{"status_list", {{"idx", 1}, {"uri", "ftp://x"}}}}}},
      Json{{"status", {{"status_list", {{"idx", 1}, {"uri", ""}}}}}},
      Json{{"status", {{"status_list", {{"idx", 5'000'000'000LL}, {"uri", kUri}}}}}},
  };
  for (const Json& b : bad) {
    auto r = ReadStatusReference(b);
    ASSERT_FALSE(r) << b.dump();
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << b.dump();
  }
}

}  // namespace
}  // namespace vaardig::status
