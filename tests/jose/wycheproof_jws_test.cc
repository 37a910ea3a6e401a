// Wycheproof JWS and JWK-set vectors, every one accounted for.
// Files: tests/vectors/wycheproof/json_web_signature_test.json (401 vectors) and
// json_web_key_test.json (26), copied unchanged (see the README there).
//
// Accounting: each vector is either RUN against our verifier, or SKIPPED BY NAME because the
// algorithm its key or its JWS names is outside our set (HS*, PS*, ES384/ES512, RS384/RS512). A
// skipped vector is still checked: a verifier without that algorithm must refuse it, so parsing
// its key or verifying it must fail (unimplemented where we recognise the algorithm). The test
// fails when run + skipped differs from the file's numberOfTests.
//
// Decisions: `valid` must verify, `invalid` must be rejected. The files have no `acceptable`
// vectors; a future copy with one fails until a decision is written here. Vectors flagged
// "JsonSerialization" use the JSON serialization, which our compact-only API rejects (invalid).
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "core/encoding/base64url.h"
#include "core/jose/jwk_set.h"
#include "core/jose/jws.h"
#include "tests/jose/test_util.h"

namespace vaardig::jose {
namespace {

using testing::LoadVector;

constexpr std::array<std::string_view, 11> kOutsideOurSet = {"HS256", "HS384", "HS512", "PS256", "PS384", "PS512",
                                                             "ES384", "ES512", "RS384", "RS512", "ES521"};

bool Outside(std::string_view alg) {
  for (auto a : kOutsideOurSet) {
    if (a == alg) return true;
  }
  return false;
}

// The JWS header's alg when it decodes, else "".
std::string HeaderAlg(const std::string& jws) {
  const auto dot = jws.find('.');
  if (dot == std::string::npos) return "";
  auto text = encoding::Base64UrlDecodeToString(jws.substr(0, dot));
  if (!text) return "";
  auto header = ParseJson(*text);
  if (!header || !header->is_object() || !header->contains("alg") || !(*header)["alg"].is_string()) return "";
  return (*header)["alg"].get<std::string>();
}

std::string KeyAlg(const Json& key) {
  if (key.is_object() && key.contains("alg") && key["alg"].is_string()) return key["alg"].get<std::string>();
  if (key.is_object() && key.contains("kty") && key["kty"] == "oct") return "HS256";
  return "";
}

struct Tally {
  int run = 0, skipped = 0, valid_accepted = 0, invalid_rejected = 0;
};

TEST(WycheproofJws, EveryVectorAccountedFor) {
  const Json file = LoadVector("wycheproof/json_web_signature_test.json");
  Tally tally;
  for (const Json& group : file["testGroups"]) {
    const Json key_json = group.contains("public") ? group["public"] : group["private"];
    const std::string key_alg = KeyAlg(key_json);
    for (const Json& t : group["tests"]) {
      const int id = t["tcId"].get<int>();
      const std::string result = t["result"].get<std::string>();
      ASSERT_NE(result, "acceptable") << "tcId " << id << ": write a decision for this acceptable vector";
      SCOPED_TRACE("tcId " + std::to_string(id) + " " + t["comment"].get<std::string>());
      if (!t["jws"].is_string()) {
        // JSON serialization: refused by a compact-only verifier.
        ++tally.run;
        ASSERT_EQ(result, "invalid");
        auto key = PublicJwk::Parse(key_json);
        if (key) {
          EXPECT_FALSE(VerifyCompactJws(t["jws"].dump(), *key).has_value());
        }
        ++tally.invalid_rejected;
        continue;
      }
      const std::string jws = t["jws"].get<std::string>();
      auto key = PublicJwk::Parse(key_json);
      if (Outside(key_alg) || Outside(HeaderAlg(jws))) {
        ++tally.skipped;
        if (!key) {
          EXPECT_TRUE(key.error().code() == ErrorCode::kUnimplemented ||
                      key.error().code() == ErrorCode::kInvalidArgument)
              << key.error();
        } else {
          auto verified = VerifyCompactJws(jws, *key);
          EXPECT_FALSE(verified.has_value()) << "an algorithm outside our set was accepted";
        }
        continue;
      }
      ++tally.run;
      auto verified = key ? VerifyCompactJws(jws, *key) : Result<VerifiedJws>(std::unexpected(key.error()));
      if (result == "valid") {
        EXPECT_TRUE(verified.has_value()) << verified.error();
        if (verified) ++tally.valid_accepted;
      } else {
        EXPECT_FALSE(verified.has_value());
        if (!verified) ++tally.invalid_rejected;
      }
    }
  }
  std::printf("wycheproof JWS: %d run (%d valid accepted, %d invalid rejected), %d skipped by algorithm, of %d\n",
              tally.run, tally.valid_accepted, tally.invalid_rejected, tally.skipped,
              file["numberOfTests"].get<int>());
  EXPECT_EQ(tally.run + tally.skipped, file["numberOfTests"].get<int>());
  EXPECT_EQ(tally.run, tally.valid_accepted + tally.invalid_rejected);
  EXPECT_GT(tally.run, 250);
}

TEST(WycheproofJwk, EveryKeySetVectorAccountedFor) {
  const Json file = LoadVector("wycheproof/json_web_key_test.json");
  Tally tally;
  for (const Json& group : file["testGroups"]) {
    const Json set_json = group.contains("public") ? group["public"] : group["private"];
    for (const Json& t : group["tests"]) {
      const int id = t["tcId"].get<int>();
      const std::string result = t["result"].get<std::string>();
      ASSERT_NE(result, "acceptable") << "tcId " << id;
      SCOPED_TRACE("tcId " + std::to_string(id) + " " + t["comment"].get<std::string>());
      const std::string jws = t["jws"].get<std::string>();
      auto set = JwkSet::Parse(set_json);
      Result<VerifiedJws> verified = std::unexpected(Error(ErrorCode::kInvalidArgument, "no key set"));
      if (set) {
        auto parsed = ParseCompactJws(jws);
        if (parsed) {
          auto key = set->Select(parsed->kid, parsed->alg);
          verified = key ? VerifyParsedJws(*parsed, *key) : Result<VerifiedJws>(std::unexpected(key.error()));
        } else {
          verified = std::unexpected(parsed.error());
        }
      } else {
        verified = std::unexpected(set.error());
      }
      if (Outside(HeaderAlg(jws))) {
        ++tally.skipped;
        EXPECT_FALSE(verified.has_value()) << "an algorithm outside our set was accepted";
        continue;
      }
      ++tally.run;
      if (result == "valid") {
        EXPECT_TRUE(verified.has_value()) << verified.error();
        if (verified) ++tally.valid_accepted;
      } else {
        EXPECT_FALSE(verified.has_value());
        if (!verified) ++tally.invalid_rejected;
      }
    }
  }
  std::printf("wycheproof JWK: %d run (%d valid accepted, %d invalid rejected), %d skipped by algorithm, of %d\n",
              tally.run, tally.valid_accepted, tally.invalid_rejected, tally.skipped,
              file["numberOfTests"].get<int>());
  EXPECT_EQ(tally.run + tally.skipped, file["numberOfTests"].get<int>());
  EXPECT_EQ(tally.run, tally.valid_accepted + tally.invalid_rejected);
}

}  // namespace
}  // namespace vaardig::jose
