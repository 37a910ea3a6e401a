// JWS compact: RFC 7515 A.3 and RFC 8037 A.4, round trips, header policy, and malformed input.
#include <gtest/gtest.h>

#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "tests/jose/test_util.h"

namespace vaardig::jose {
namespace {

using testing::FailsWith;
using testing::IsOk;

constexpr char kRfc7515A3Key[] =
    R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})";
constexpr char kRfc7515A3Jws[] =
    "eyJhbGciOiJFUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

constexpr char kRfc8037Key[] =
    R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
constexpr char kRfc8037Jws[] =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

std::string Header(const Json& header) { return encoding::Base64UrlEncode(std::string_view(DumpJson(header))); }

// A JWS over `header` and payload "{}" signed with `key` as given (no policy applied on signing).
std::string RawSign(const PrivateJwk& key, const Json& header, std::string_view payload = "{}") {
  std::string input = Header(header) + "." + encoding::Base64UrlEncode(payload);
  auto sig = key.Sign(AsBytes(input));
  EXPECT_TRUE(sig);
  return input + "." + encoding::Base64UrlEncode(ByteView(*sig));
}

TEST(Jws, Rfc7515AppendixA3Es256Verifies) {
  auto key = PrivateJwk::Parse(std::string_view(kRfc7515A3Key));
  ASSERT_TRUE(IsOk(key));
  auto verified = VerifyCompactJws(kRfc7515A3Jws, key->public_jwk());
  ASSERT_TRUE(IsOk(verified));
  EXPECT_EQ(ToString(verified->payload),
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  EXPECT_EQ(verified->header["alg"], "ES256");
}

TEST(Jws, Rfc8037AppendixA4Ed25519SignsByteExact) {
  auto key = PrivateJwk::Parse(std::string_view(kRfc8037Key));
  ASSERT_TRUE(IsOk(key));
  auto jws = SignCompactJws(*key, Json::object(), AsBytes(std::string_view("Example of Ed25519 signing")));
  ASSERT_TRUE(IsOk(jws));
  EXPECT_EQ(*jws, kRfc8037Jws);
  EXPECT_TRUE(IsOk(VerifyCompactJws(kRfc8037Jws, key->public_jwk())));
}

TEST(Jws, RoundTripsEveryAlgorithmAndRejectsMutations) {
  for (Algorithm alg : {Algorithm::kEs256, Algorithm::kEdDsa, Algorithm::kRs256}) {
    SCOPED_TRACE(std::string(AlgorithmName(alg)));
    auto key = PrivateJwk::Generate(alg, "k");
    ASSERT_TRUE(key);
    auto jws = SignCompactJws(*key, Json{{"typ", "JWT"}, {"kid", "k"}}, AsBytes(std::string_view("hello")));
    ASSERT_TRUE(IsOk(jws));
    auto verified = VerifyCompactJws(*jws, key->public_jwk(), {.accepted_typ = {"JWT"}});
    ASSERT_TRUE(IsOk(verified));
    EXPECT_EQ(ToString(verified->payload), "hello");
    EXPECT_EQ(DumpJson(verified->header), R"({"alg":")" + std::string(AlgorithmName(alg)) + R"(","typ":"JWT","kid":"k"})");

    // Every single-character change in the signing input or the signature is rejected.
    for (std::size_t i = 0; i < jws->size(); i += 7) {
      std::string mutated = *jws;
      if (mutated[i] == '.') continue;
      mutated[i] = mutated[i] == 'A' ? 'B' : 'A';
      EXPECT_FALSE(VerifyCompactJws(mutated, key->public_jwk()).has_value()) << "position " << i;
    }
    // Another key of the same algorithm does not verify it.
    auto other = PrivateJwk::Generate(alg);
    ASSERT_TRUE(other);
    EXPECT_TRUE(FailsWith(VerifyCompactJws(*jws, other->public_jwk()), ErrorCode::kUnauthenticated));
  }
}

TEST(Jws, TheKeyDecidesTheAlgorithm) {
  auto ec = PrivateJwk::Generate(Algorithm::kEs256);
  auto ed = PrivateJwk::Generate(Algorithm::kEdDsa);
  ASSERT_TRUE(ec && ed);
  // An EdDSA signature labelled ES256, verified with the EdDSA key: refused on the label.
  const std::string mislabelled = RawSign(*ed, Json{{"alg", "ES256"}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(mislabelled, ed->public_jwk()), ErrorCode::kUnauthenticated));
  const std::string jws = RawSign(*ec, Json{{"alg", "ES256"}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(jws, ed->public_jwk()), ErrorCode::kUnauthenticated));
  // Signing refuses a header alg the key does not have.
  EXPECT_TRUE(FailsWith(SignCompactJws(*ec, Json{{"alg", "EdDSA"}}, {}), ErrorCode::kInvalidArgument));
}

TEST(Jws, AlgNoneAndUnsupportedAlgorithmsAreRefused) {
  auto key = PrivateJwk::Generate(Algorithm::kEs256);
  ASSERT_TRUE(key);
  const std::string none = Header(Json{{"alg", "none"}}) + "." + encoding::Base64UrlEncode(std::string_view("{}")) + ".";
  EXPECT_TRUE(FailsWith(VerifyCompactJws(none, key->public_jwk()), ErrorCode::kInvalidArgument));
  const std::string none_sig = Header(Json{{"alg", "none"}}) + ".e30.AAAA";
  EXPECT_TRUE(FailsWith(VerifyCompactJws(none_sig, key->public_jwk()), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(VerifyCompactJws(Header(Json{{"alg", "HS256"}}) + ".e30.AAAA", key->public_jwk()),
                        ErrorCode::kUnimplemented));
  EXPECT_TRUE(FailsWith(VerifyCompactJws(Header(Json{{"alg", "XX1"}}) + ".e30.AAAA", key->public_jwk()),
                        ErrorCode::kInvalidArgument));
}

TEST(Jws, CritMustBeUnderstood) {
  auto key = PrivateJwk::Generate(Algorithm::kEdDsa);
  ASSERT_TRUE(key);
  const auto pub = key->public_jwk();
  const std::string unknown = RawSign(*key, Json{{"alg", "EdDSA"}, {"crit", {"exp"}}, {"exp", 1}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(unknown, pub), ErrorCode::kUnimplemented));
  EXPECT_TRUE(IsOk(VerifyCompactJws(unknown, pub, {.understood_crit = {"exp"}})));
  const std::string absent = RawSign(*key, Json{{"alg", "EdDSA"}, {"crit", {"exp"}}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(absent, pub, {.understood_crit = {"exp"}}), ErrorCode::kInvalidArgument));
  const std::string registered = RawSign(*key, Json{{"alg", "EdDSA"}, {"crit", {"alg"}}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(registered, pub), ErrorCode::kInvalidArgument));
  const std::string empty = RawSign(*key, Json{{"alg", "EdDSA"}, {"crit", Json::array()}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(empty, pub), ErrorCode::kInvalidArgument));
  const std::string b64 = RawSign(*key, Json{{"alg", "EdDSA"}, {"crit", {"b64"}}, {"b64", false}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(b64, pub, {.understood_crit = {"b64"}}), ErrorCode::kUnimplemented));
}

TEST(Jws, TypIsAMediaTypeComparison) {
  EXPECT_TRUE(TypMatches("dc+sd-jwt", "dc+sd-jwt"));
  EXPECT_TRUE(TypMatches("application/DC+SD-JWT", "dc+sd-jwt"));
  EXPECT_TRUE(TypMatches("kb+jwt", "application/kb+jwt"));
  EXPECT_FALSE(TypMatches("vc+sd-jwt", "dc+sd-jwt"));
  EXPECT_FALSE(TypMatches("text/kb+jwt", "kb+jwt"));

  auto key = PrivateJwk::Generate(Algorithm::kEdDsa);
  ASSERT_TRUE(key);
  const std::string typed = RawSign(*key, Json{{"alg", "EdDSA"}, {"typ", "kb+jwt"}});
  EXPECT_TRUE(IsOk(VerifyCompactJws(typed, key->public_jwk(), {.accepted_typ = {"application/kb+jwt"}})));
  EXPECT_TRUE(FailsWith(VerifyCompactJws(typed, key->public_jwk(), {.accepted_typ = {"JWT"}}),
                        ErrorCode::kInvalidArgument));
  const std::string untyped = RawSign(*key, Json{{"alg", "EdDSA"}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(untyped, key->public_jwk(), {.accepted_typ = {"kb+jwt"}}),
                        ErrorCode::kInvalidArgument));
  const std::string typ_number = RawSign(*key, Json{{"alg", "EdDSA"}, {"typ", 1}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(typ_number, key->public_jwk()), ErrorCode::kInvalidArgument));
}

TEST(Jws, EmbeddedKeysAreNeverUsed) {
  auto attacker = PrivateJwk::Generate(Algorithm::kEs256);
  auto issuer = PrivateJwk::Generate(Algorithm::kEs256);
  ASSERT_TRUE(attacker && issuer);
  const std::string jws = RawSign(*attacker, Json{{"alg", "ES256"}, {"jwk", attacker->public_jwk().ToJson()}});
  EXPECT_TRUE(FailsWith(VerifyCompactJws(jws, issuer->public_jwk()), ErrorCode::kUnauthenticated));
}

struct BadJws {
  const char* name;
  std::string jws;
  ErrorCode code;
};

class JwsBadInput : public ::testing::TestWithParam<BadJws> {};

TEST_P(JwsBadInput, IsRejectedWithACode) {
  auto key = PrivateJwk::Parse(std::string_view(kRfc7515A3Key));
  ASSERT_TRUE(key);
  auto verified = VerifyCompactJws(GetParam().jws, key->public_jwk());
  ASSERT_TRUE(FailsWith(verified, GetParam().code));
  EXPECT_FALSE(verified.error().message().empty());
}

const std::string kValid = kRfc7515A3Jws;
const std::string kHead = kValid.substr(0, kValid.find('.'));
const std::string kBody = kValid.substr(kValid.find('.') + 1, kValid.rfind('.') - kValid.find('.') - 1);
const std::string kSig = kValid.substr(kValid.rfind('.') + 1);

INSTANTIATE_TEST_SUITE_P(
    Table, JwsBadInput,
    ::testing::Values(
        BadJws{"empty", "", ErrorCode::kInvalidArgument},
        BadJws{"one_part", kHead, ErrorCode::kInvalidArgument},
        BadJws{"two_parts", kHead + "." + kBody, ErrorCode::kInvalidArgument},
        BadJws{"four_parts", kValid + ".AAAA", ErrorCode::kInvalidArgument},
        BadJws{"empty_header", "." + kBody + "." + kSig, ErrorCode::kInvalidArgument},
        BadJws{"empty_signature", kHead + "." + kBody + ".", ErrorCode::kInvalidArgument},
        BadJws{"padded_signature", kValid + "==", ErrorCode::kInvalidArgument},
        BadJws{"space_in_payload", kHead + ". " + kBody + "." + kSig, ErrorCode::kInvalidArgument},
        BadJws{"header_not_json", encoding::Base64UrlEncode(std::string_view("not json")) + "." + kBody + "." + kSig,
               ErrorCode::kInvalidArgument},
        BadJws{"header_array", encoding::Base64UrlEncode(std::string_view("[]")) + "." + kBody + "." + kSig,
               ErrorCode::kInvalidArgument},
        BadJws{"header_duplicate_alg",
               encoding::Base64UrlEncode(std::string_view(R"({"alg":"ES256","alg":"none"})")) + "." + kBody + "." + kSig,
               ErrorCode::kInvalidArgument},
        BadJws{"header_no_alg", encoding::Base64UrlEncode(std::string_view(R"({"typ":"JWT"})")) + "." + kBody + "." + kSig,
               ErrorCode::kInvalidArgument},
        BadJws{"alg_not_string", encoding::Base64UrlEncode(std::string_view(R"({"alg":256})")) + "." + kBody + "." + kSig,
               ErrorCode::kInvalidArgument},
        BadJws{"kid_not_string", encoding::Base64UrlEncode(std::string_view(R"({"alg":"ES256","kid":42})")) + "." + kBody + "." + kSig,
               ErrorCode::kInvalidArgument},
        BadJws{"signature_too_short", kHead + "." + kBody + ".AAAA", ErrorCode::kUnauthenticated},
        BadJws{"too_large", kHead + "." + std::string(300 * 1024, 'A') + "." + kSig, ErrorCode::kResourceExhausted},
        BadJws{"header_too_large", std::string(20 * 1024, 'A') + "." + kBody + "." + kSig, ErrorCode::kResourceExhausted}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace vaardig::jose
