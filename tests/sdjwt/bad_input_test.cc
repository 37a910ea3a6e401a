// Every way an SD-JWT presentation can be wrong, each rejected with its own code and message.
#include <functional>

#include <gtest/gtest.h>

#include "core/common/clock.h"
#include "core/encoding/base64url.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/internal/jws_bridge.h"
#include "core/sdjwt/issuer.h"
#include "core/sdjwt/vc.h"
#include "core/sdjwt/verifier.h"
#include "tests/sdjwt/test_keys.h"

namespace vaardig::sdjwt {
namespace {

using testing::HolderKey;
using testing::IssuerKey;

constexpr std::int64_t kNow = 1800000000;
constexpr char kAud[] = "https://verifier.example";
constexpr char kNonce[] = "n-0S6_WzA2Mj";

// A presentation under construction: the issuer payload and disclosures can be bent before signing.
struct Scenario {
  Json payload;                      // the issuer-signed payload as it will be signed
  std::vector<std::string> disclosures;
  Json issuer_header = Json{{"typ", "dc+sd-jwt"}};
  bool key_binding = true;
  Json kb_header = Json{{"typ", "kb+jwt"}};
  std::function<void(Json&)> bend_kb = [](Json&) {};
  const jose::PrivateJwk* kb_key = nullptr;
  std::function<std::string(std::string)> bend_serialized = [](std::string s) { return s; };
  SdJwtVerifyPolicy policy;
  bool sd_jwt_vc = true;
};

Json BaseClaims() {
  return Json{{"iss", "https://issuer.example"},
              {"iat", kNow - 10},
              {"exp", kNow + 3600},
              {"vct", "https://issuer.example/vct/skill/v1"},
              {"cnf", Json{{"jwk", HolderKey().public_jwk().ToJson()}}},
              {"skill", Json{{"id", "https://skills.example/1"}, {"level", 2}}},
              {"holder", Json{{"given_name", "Sanne"}, {"family_name", "de Vries"}}},
              {"evidence", Json::array({"photo.jpg", "note.pdf"})}};
}

// Issues BaseClaims with skill, holder.given_name and evidence[1] disclosable, and returns a
// scenario that discloses all of them, with key binding.
Scenario Valid() {
  IssueOptions options;
  options.sd_paths = {{"skill"}, {"holder", "given_name"}, {"evidence", std::size_t{1}}};
  options.header = Json{{"typ", "dc+sd-jwt"}};
  auto issued = IssueSdJwt(BaseClaims(), IssuerKey(), options);
  EXPECT_TRUE(issued) << issued.error();
  Scenario s;
  auto peeked = internal::PeekJwt(issued->parts.issuer_jwt(), {});
  EXPECT_TRUE(peeked);
  s.payload = peeked->payload;
  s.disclosures = issued->parts.disclosures;
  s.policy.key_binding = {.required = true, .expected_aud = kAud, .expected_nonce = kNonce};
  return s;
}

std::string Build(const Scenario& s) {
  auto jwt = internal::SignJwt(IssuerKey(), s.issuer_header, s.payload);
  EXPECT_TRUE(jwt) << jwt.error();
  SdJwtParts parts;
  parts.issuer_jwts = {*jwt};
  parts.disclosures = s.disclosures;
  if (s.key_binding) {
    Json kb = Json{{"iat", kNow}, {"aud", kAud}, {"nonce", kNonce},
                   {"sd_hash", DigestSha256(parts.SdHashInput())}};
    s.bend_kb(kb);
    const auto holder = HolderKey();
    auto signed_kb = internal::SignJwt(s.kb_key ? *s.kb_key : holder, s.kb_header, kb);
    EXPECT_TRUE(signed_kb) << signed_kb.error();
    parts.kb_jwt = *signed_kb;
  }
  return s.bend_serialized(parts.SerializeCompact());
}

Result<VerifiedSdJwt> Verify(const Scenario& s, const std::string& serialized) {
  static FixedClock clock(kNow);
  SdJwtVerifyPolicy policy = s.policy;
  policy.clock = &clock;
  auto lookup = FixedIssuerKey(IssuerKey().public_jwk());
  return s.sd_jwt_vc ? VerifySdJwtVc(serialized, lookup, policy) : VerifySdJwt(serialized, lookup, policy);
}

std::string Disclose(std::string salt, std::optional<std::string> name, Json value) {
  auto d = MakeDisclosureWithSalt(salt, name, value);  // copies: the fallback below needs them
  if (d) return d->encoded;
  // Reserved names are refused by MakeDisclosure; build the bytes by hand for hostile inputs.
  Json array = Json::array({salt});
  if (name) array.push_back(*name);
  array.push_back(value);
  return encoding::Base64UrlEncode(DumpJson(array));
}

struct BadCase {
  const char* name;
  std::function<void(Scenario&)> bend;
  ErrorCode code;
  const char* message;  // a fragment of the error message
};

TEST(SdJwtVerify, ValidScenarioVerifies) {
  Scenario s = Valid();
  auto v = Verify(s, Build(s));
  ASSERT_TRUE(v) << v.error();
  EXPECT_EQ(v->claims()["holder"]["given_name"], "Sanne");
  EXPECT_EQ(v->claims()["evidence"], Json::array({"photo.jpg", "note.pdf"}));
  EXPECT_EQ(v->disclosed().size(), 3u);
}

const std::vector<BadCase>& BadCases() {
  static const auto* cases = new std::vector<BadCase>{
      {"tampered disclosure", [](Scenario& s) {
         auto d = ParseDisclosure(s.disclosures[0]);
         s.disclosures[0] = Disclose(d->salt, d->name, Json{{"id", "https://skills.example/1"}, {"level", 3}});
       }, ErrorCode::kUnauthenticated, "not referenced"},
      {"disclosure from another credential", [](Scenario& s) {
         s.disclosures.push_back(Disclose("c2FsdHNhbHRzYWx0", "email", "x@example.com"));
       }, ErrorCode::kUnauthenticated, "not referenced"},
      {"the same disclosure twice", [](Scenario& s) { s.disclosures.push_back(s.disclosures[0]); },
       ErrorCode::kInvalidArgument, "presented twice"},
      {"duplicate digest in _sd", [](Scenario& s) {
         s.payload["_sd"].push_back(s.payload["_sd"][0]);
       }, ErrorCode::kInvalidArgument, "more than once"},
      {"duplicate digest across objects", [](Scenario& s) {
         s.payload["holder"]["_sd"].push_back(s.payload["_sd"][0]);
       }, ErrorCode::kInvalidArgument, "more than once"},
      {"_sd as a disclosed claim name", [](Scenario& s) {
         auto d = Disclose("salt", "_sd", "x");
         s.disclosures.push_back(d);
         s.payload["_sd"].push_back(DigestSha256(d));
       }, ErrorCode::kInvalidArgument, "reserved claim name"},
      {"... as a disclosed claim name", [](Scenario& s) {
         auto d = Disclose("salt", "...", "x");
         s.disclosures.push_back(d);
         s.payload["_sd"].push_back(DigestSha256(d));
       }, ErrorCode::kInvalidArgument, "reserved claim name"},
      {"disclosed name collides with a plain claim", [](Scenario& s) {
         auto d = Disclose("salt", "family_name", "Jansen");
         s.disclosures.push_back(d);
         s.payload["holder"]["_sd"].push_back(DigestSha256(d));
       }, ErrorCode::kInvalidArgument, "already exists"},
      {"array element disclosure referenced from _sd", [](Scenario& s) {
         auto d = Disclose("salt", std::nullopt, "x");
         s.disclosures.push_back(d);
         s.payload["_sd"].push_back(DigestSha256(d));
       }, ErrorCode::kInvalidArgument, "array-element disclosure"},
      {"object disclosure referenced as an array element", [](Scenario& s) {
         auto d = Disclose("salt", "name", "x");
         s.disclosures.push_back(d);
         s.payload["evidence"].push_back(Json{{"...", DigestSha256(d)}});
       }, ErrorCode::kInvalidArgument, "object-property disclosure"},
      {"_sd is not an array", [](Scenario& s) { s.payload["holder"]["_sd"] = "x"; },
       ErrorCode::kInvalidArgument, "'_sd' must be an array"},
      {"_sd holds a number", [](Scenario& s) { s.payload["holder"]["_sd"].push_back(5); },
       ErrorCode::kInvalidArgument, "only strings"},
      {"unsupported _sd_alg", [](Scenario& s) { s.payload["_sd_alg"] = "sha-512"; },
       ErrorCode::kUnimplemented, "_sd_alg"},
      {"wrong sd_hash", [](Scenario& s) { s.bend_kb = [](Json& kb) { kb["sd_hash"] = DigestSha256("other"); }; },
       ErrorCode::kUnauthenticated, "sd_hash"},
      {"KB-JWT for fewer disclosures than presented", [](Scenario& s) {
         s.bend_serialized = [](std::string t) {
           // Drop the first disclosure after the KB-JWT was made over all of them.
           auto first = t.find('~');
           auto second = t.find('~', first + 1);
           return t.erase(first, second - first);
         };
       }, ErrorCode::kUnauthenticated, "sd_hash"},
      {"nonce mismatch", [](Scenario& s) { s.bend_kb = [](Json& kb) { kb["nonce"] = "other"; }; },
       ErrorCode::kPermissionDenied, "nonce"},
      {"aud mismatch", [](Scenario& s) { s.bend_kb = [](Json& kb) { kb["aud"] = "https://evil.example"; }; },
       ErrorCode::kPermissionDenied, "audience"},
      {"KB-JWT missing where required", [](Scenario& s) { s.key_binding = false; },
       ErrorCode::kUnauthenticated, "no Key Binding JWT"},
      {"KB-JWT iat too old", [](Scenario& s) { s.bend_kb = [](Json& kb) { kb["iat"] = kNow - 3600; }; },
       ErrorCode::kFailedPrecondition, "older than allowed"},
      {"KB-JWT iat in the future", [](Scenario& s) { s.bend_kb = [](Json& kb) { kb["iat"] = kNow + 3600; }; },
       ErrorCode::kFailedPrecondition, "in the future"},
      {"KB-JWT without nonce", [](Scenario& s) { s.bend_kb = [](Json& kb) { kb.erase("nonce"); }; },
       ErrorCode::kInvalidArgument, "lacks 'nonce'"},
      {"KB-JWT signed by another key", [](Scenario& s) {
         static const auto other = IssuerKey(1);
         s.kb_key = &other;
       }, ErrorCode::kUnauthenticated, "Key Binding JWT"},
      {"KB-JWT with typ JWT", [](Scenario& s) { s.kb_header = Json{{"typ", "JWT"}}; },
       ErrorCode::kInvalidArgument, "typ"},
      {"credential without cnf but with KB-JWT", [](Scenario& s) { s.payload.erase("cnf"); },
       ErrorCode::kInvalidArgument, "cnf"},
      {"expired", [](Scenario& s) { s.payload["exp"] = kNow - 3600; },
       ErrorCode::kFailedPrecondition, "expired"},
      {"not yet valid", [](Scenario& s) { s.payload["nbf"] = kNow + 3600; },
       ErrorCode::kFailedPrecondition, "not valid for another"},
      {"issuer JWT typ JWT", [](Scenario& s) { s.issuer_header = Json{{"typ", "JWT"}}; },
       ErrorCode::kInvalidArgument, "typ"},
      {"alg none", [](Scenario& s) {
         s.bend_serialized = [](std::string t) {
           const auto dot = t.find('.');
           return encoding::Base64UrlEncode(R"({"alg":"none","typ":"dc+sd-jwt"})") + t.substr(dot);
         };
       }, ErrorCode::kInvalidArgument, "none"},
      {"unknown crit", [](Scenario& s) {
         s.issuer_header = Json{{"typ", "dc+sd-jwt"}, {"crit", Json::array({"exp_x"})}, {"exp_x", 1}};
       }, ErrorCode::kUnimplemented, "crit"},
      {"issuer signature flipped", [](Scenario& s) {
         s.bend_serialized = [](std::string t) {
           const auto end = t.find('~');
           t[end - 5] = t[end - 5] == 'A' ? 'B' : 'A';
           return t;
         };
       }, ErrorCode::kUnauthenticated, ""},
      {"issuer payload changed", [](Scenario& s) {
         s.bend_serialized = [](std::string t) {
           const auto first = t.find('.');
           const auto second = t.find('.', first + 1);
           Json payload = BaseClaims();
           return t.substr(0, first + 1) + encoding::Base64UrlEncode(DumpJson(payload)) + t.substr(second);
         };
       }, ErrorCode::kUnauthenticated, ""},
      {"no tilde at all", [](Scenario& s) {
         s.bend_serialized = [](std::string t) { return t.substr(0, t.find('~')); };
       }, ErrorCode::kInvalidArgument, "no '~'"},
      {"empty disclosure", [](Scenario& s) {
         s.bend_serialized = [](std::string t) { return t.insert(t.find('~'), "~"); };
       }, ErrorCode::kInvalidArgument, "empty disclosure"},
      {"disclosure outside base64url", [](Scenario& s) { s.disclosures[0] = "WyJz+IiwgImEiXQ"; },
       ErrorCode::kInvalidArgument, "base64url"},
      {"KB-JWT of two parts", [](Scenario& s) {
         s.bend_serialized = [](std::string t) { return t.substr(0, t.rfind('.')); };
       }, ErrorCode::kInvalidArgument, "Key Binding JWT"},
      {"oversized input", [](Scenario& s) {
         s.bend_serialized = [](std::string t) { return t + std::string(2 << 20, 'A'); };
       }, ErrorCode::kResourceExhausted, "exceeds the limit"},
      {"10,000 disclosures", [](Scenario& s) {
         s.key_binding = false;
         s.policy.key_binding.required = false;
         for (int i = 0; i < 10000; ++i) s.disclosures.push_back("WyJzIiwiYSIsMV0");
       }, ErrorCode::kResourceExhausted, "disclosures"},
      {"deep nesting", [](Scenario& s) {
         Json deep = 1;
         for (int i = 0; i < 200; ++i) deep = Json::array({deep});
         s.payload["deep"] = deep;
       }, ErrorCode::kResourceExhausted, ""},
      {"never-disclosable claim disclosed (SD-JWT VC)", [](Scenario& s) {
         s.payload.erase("iss");
         auto d = Disclose("salt", "iss", "https://issuer.example");
         s.disclosures.push_back(d);
         s.payload["_sd"].push_back(DigestSha256(d));
       }, ErrorCode::kInvalidArgument, "must be in the clear"},
      {"SD-JWT VC without vct", [](Scenario& s) { s.payload.erase("vct"); },
       ErrorCode::kInvalidArgument, "'vct'"},
  };
  return *cases;
}

TEST(SdJwtVerify, EveryBadInputIsRejectedWithItsOwnError) {
  ASSERT_GE(BadCases().size(), 30u);
  for (const auto& c : BadCases()) {
    SCOPED_TRACE(c.name);
    Scenario s = Valid();
    c.bend(s);
    auto v = Verify(s, Build(s));
    ASSERT_FALSE(v) << "accepted: " << c.name;
    EXPECT_EQ(v.error().code(), c.code) << v.error();
    EXPECT_NE(v.error().message().find(c.message), std::string::npos) << v.error();
  }
}

TEST(SdJwtVerify, PolicyRequiringKeyBindingWithoutNonceIsAnError) {
  Scenario s = Valid();
  s.policy.key_binding.expected_nonce.clear();
  auto v = Verify(s, Build(s));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace vaardig::sdjwt
