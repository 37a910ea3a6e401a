// JWK parsing, export and thumbprints: RFC 7638 §3.1, RFC 8037 A.2/A.3, and every malformed member.
#include <gtest/gtest.h>

#include "core/jose/jwk.h"
#include "core/jose/jwk_set.h"
#include "tests/jose/test_util.h"

namespace vaardig::jose {
namespace {

using testing::FailsWith;
using testing::IsOk;

constexpr char kRfc7638Rsa[] = R"({"kty":"RSA",
 "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
 "e":"AQAB","alg":"RS256","kid":"2011-04-29"})";

constexpr char kRfc8037Ed25519[] =
    R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";

constexpr char kRfc7515Ec[] =
    R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})";

TEST(Jwk, Rfc7638Thumbprint) {
  auto key = PublicJwk::Parse(std::string_view(kRfc7638Rsa));
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(key->Thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  EXPECT_EQ(key->kid(), "2011-04-29");
  EXPECT_EQ(key->algorithm(), Algorithm::kRs256);
}

TEST(Jwk, Rfc8037Ed25519KeyAndThumbprint) {
  auto key = PrivateJwk::Parse(std::string_view(kRfc8037Ed25519));
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(key->algorithm(), Algorithm::kEdDsa);
  // RFC 8037 A.3.
  EXPECT_EQ(key->public_jwk().Thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  EXPECT_EQ(DumpJson(key->public_jwk().ToJson()),
            R"({"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
}

TEST(Jwk, PrivateExportRoundTripsAndPublicDropsSecrets) {
  for (Algorithm alg : {Algorithm::kEs256, Algorithm::kEdDsa, Algorithm::kRs256}) {
    auto key = PrivateJwk::Generate(alg, "k1");
    ASSERT_TRUE(IsOk(key));
    const Json exported = key->ExportPrivateJson();
    EXPECT_TRUE(JwkHasPrivateMembers(exported));
    auto again = PrivateJwk::Parse(exported);
    ASSERT_TRUE(IsOk(again));
    EXPECT_EQ(again->public_jwk(), key->public_jwk());
    EXPECT_EQ(again->public_jwk().kid(), "k1");
    const Json pub = key->public_jwk().ToJson();
    EXPECT_FALSE(JwkHasPrivateMembers(pub)) << pub.dump();
    // Parsing a private JWK as public keeps only the public part.
    auto as_public = PublicJwk::Parse(exported);
    ASSERT_TRUE(IsOk(as_public));
    EXPECT_FALSE(JwkHasPrivateMembers(as_public->ToJson()));
  }
}

TEST(Jwk, PrivatePartMustMatchPublicPart) {
  Json ec = Json::parse(kRfc7515Ec);
  auto other = PrivateJwk::Generate(Algorithm::kEs256);
  ASSERT_TRUE(other);
  ec["d"] = other->ExportPrivateJson()["d"];
  EXPECT_TRUE(FailsWith(PrivateJwk::Parse(ec), ErrorCode::kInvalidArgument));
  Json ed = Json::parse(kRfc8037Ed25519);
  ed["d"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  EXPECT_TRUE(FailsWith(PrivateJwk::Parse(ed), ErrorCode::kInvalidArgument));
  Json pub_only = Json::parse(kRfc8037Ed25519);
  pub_only.erase("d");
  EXPECT_TRUE(FailsWith(PrivateJwk::Parse(pub_only), ErrorCode::kInvalidArgument));
}

struct BadJwk {
  const char* name;
  const char* json;
  ErrorCode code;
};

class JwkBadInput : public ::testing::TestWithParam<BadJwk> {};

TEST_P(JwkBadInput, IsRejectedWithACode) {
  auto key = PublicJwk::Parse(std::string_view(GetParam().json));
  ASSERT_TRUE(FailsWith(key, GetParam().code));
  EXPECT_FALSE(key.error().message().empty());
}

constexpr char kX[] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
#define EC_Y "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"

INSTANTIATE_TEST_SUITE_P(
    Table, JwkBadInput,
    ::testing::Values(
        BadJwk{"not_json", "{", ErrorCode::kInvalidArgument},
        BadJwk{"array", "[]", ErrorCode::kInvalidArgument},
        BadJwk{"no_kty", R"({"crv":"P-256"})", ErrorCode::kInvalidArgument},
        BadJwk{"kty_number", R"({"kty":1})", ErrorCode::kInvalidArgument},
        BadJwk{"unknown_kty", R"({"kty":"XYZ"})", ErrorCode::kInvalidArgument},
        BadJwk{"oct", R"({"kty":"oct","k":"AAAA"})", ErrorCode::kUnimplemented},
        BadJwk{"p384", R"({"kty":"EC","crv":"P-384","x":"AA","y":"AA"})", ErrorCode::kUnimplemented},
        BadJwk{"unknown_curve", R"({"kty":"EC","crv":"P-999","x":"AA","y":"AA"})", ErrorCode::kInvalidArgument},
        BadJwk{"x_missing", R"({"kty":"EC","crv":"P-256","y":")" EC_Y R"("})", ErrorCode::kInvalidArgument},
        BadJwk{"x_padded", R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU=","y":")" EC_Y R"("})",
               ErrorCode::kInvalidArgument},
        BadJwk{"x_short", R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2","y":")" EC_Y R"("})", ErrorCode::kInvalidArgument},
        BadJwk{"not_on_curve", R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a1"})",
               ErrorCode::kInvalidArgument},
        BadJwk{"alg_mismatch", R"({"kty":"EC","crv":"P-256","alg":"EdDSA","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":")" EC_Y R"("})",
               ErrorCode::kInvalidArgument},
        BadJwk{"alg_none", R"({"kty":"EC","crv":"P-256","alg":"none","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":")" EC_Y R"("})",
               ErrorCode::kInvalidArgument},
        BadJwk{"kid_number", R"({"kty":"EC","crv":"P-256","kid":5,"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":")" EC_Y R"("})",
               ErrorCode::kInvalidArgument},
        BadJwk{"okp_short", R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKx"})", ErrorCode::kInvalidArgument},
        BadJwk{"x25519", R"({"kty":"OKP","crv":"X25519","x":"11qYAYKx"})", ErrorCode::kUnimplemented},
        BadJwk{"rsa_small", R"({"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvz","e":"AQAB"})",
               ErrorCode::kInvalidArgument},
        BadJwk{"rsa_e_one", R"({"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQ"})",
               ErrorCode::kInvalidArgument},
        BadJwk{"duplicate_member", R"({"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})",
               ErrorCode::kInvalidArgument}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(JwkSet, SelectsByKidAndRefusesAmbiguity) {
  auto a = PrivateJwk::Generate(Algorithm::kEs256, "a");
  auto b = PrivateJwk::Generate(Algorithm::kEs256, "b");
  ASSERT_TRUE(a && b);
  Json set = {{"keys", {a->public_jwk().ToJson(), b->public_jwk().ToJson()}}};
  auto parsed = JwkSet::Parse(set);
  ASSERT_TRUE(IsOk(parsed));
  EXPECT_EQ(parsed->Select(std::string("b"), Algorithm::kEs256)->kid(), "b");
  EXPECT_TRUE(FailsWith(parsed->Select(std::nullopt, Algorithm::kEs256), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(parsed->Select(std::string("c"), Algorithm::kEs256), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(parsed->Select(std::string("a"), Algorithm::kEdDsa), ErrorCode::kInvalidArgument));

  Json duplicate = {{"keys", {a->public_jwk().ToJson(), a->public_jwk().ToJson()}}};
  EXPECT_TRUE(FailsWith(JwkSet::Parse(duplicate), ErrorCode::kInvalidArgument));
  Json mixed = {{"keys", {a->public_jwk().ToJson(), b->ExportPrivateJson()}}};
  EXPECT_TRUE(FailsWith(JwkSet::Parse(mixed), ErrorCode::kInvalidArgument));
  Json too_many = {{"keys", Json::array()}};
  for (int i = 0; i < 101; ++i) too_many["keys"].push_back(a->public_jwk().WithKid(std::to_string(i)).ToJson());
  EXPECT_TRUE(FailsWith(JwkSet::Parse(too_many), ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::jose

namespace vaardig::jose {
namespace {

TEST(Jwk, RocaVulnerableRsaKeyIsRefusedAndFreshKeysAreNot) {
  const Json file = testing::LoadVector("wycheproof/json_web_key_test.json");
  bool found = false;
  for (const Json& group : file["testGroups"]) {
    if (group["comment"] != "jws_rsa_roca_key") continue;
    found = true;
    auto key = PublicJwk::Parse(group["public"]["keys"][0]);
    ASSERT_TRUE(testing::FailsWith(key, ErrorCode::kInvalidArgument));
    EXPECT_NE(key.error().message().find("ROCA"), std::string::npos) << key.error();
  }
  EXPECT_TRUE(found);
  for (int i = 0; i < 3; ++i) {
    auto fresh = PrivateJwk::Generate(Algorithm::kRs256);
    ASSERT_TRUE(testing::IsOk(fresh));
    EXPECT_TRUE(testing::IsOk(PublicJwk::Parse(fresh->public_jwk().ToJson())));
  }
}

}  // namespace
}  // namespace vaardig::jose

namespace vaardig::jose {
namespace {

TEST(Jwk, EncryptionKeysParseButNeverVerify) {
  auto signer = PrivateJwk::Generate(Algorithm::kEs256);
  ASSERT_TRUE(signer);
  const auto sig = signer->Sign(AsBytes(std::string_view("m")));
  ASSERT_TRUE(sig);
  for (const char* member : {R"("use":"enc")", R"("key_ops":["encrypt"])"}) {
    Json jwk = signer->public_jwk().ToJson();
    const Json extra = Json::parse(std::string("{") + member + "}");
    for (const auto& [k, v] : extra.items()) jwk[k] = v;
    auto key = PublicJwk::Parse(jwk);
    ASSERT_TRUE(testing::IsOk(key)) << member;
    EXPECT_FALSE(key->for_signatures());
    EXPECT_TRUE(testing::FailsWith(key->Verify(AsBytes(std::string_view("m")), *sig), ErrorCode::kPermissionDenied));
    EXPECT_EQ(key->Thumbprint(), signer->public_jwk().Thumbprint());
    Json private_jwk = signer->ExportPrivateJson();
    for (const auto& [k, v] : extra.items()) private_jwk[k] = v;
    EXPECT_TRUE(testing::FailsWith(PrivateJwk::Parse(private_jwk), ErrorCode::kInvalidArgument));
  }
  EXPECT_TRUE(signer->public_jwk().for_signatures());
  EXPECT_TRUE(testing::IsOk(signer->public_jwk().Verify(AsBytes(std::string_view("m")), *sig)));
}

}  // namespace
}  // namespace vaardig::jose
