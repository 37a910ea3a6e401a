// vc+jwt / vp+jwt / vc+sd-jwt bad inputs: each one rejected with its error code.
#include <gmock/gmock.h>

#include <functional>
#include <string>

#include "core/common/clock.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/vcjose/enveloped.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"
#include "tests/vcjose/test_util.h"

namespace vaardig::vcjose {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr std::int64_t kNow = 1'750'000'000;  // 2025-06-15

class BadInput : public ::testing::Test {
 protected:
  // Signs `payload` as-is with header {typ, cty, kid} + `extra`, bypassing the shape check.
  std::string SignRaw(const Json& payload, Json header = {{"typ", "vc+jwt"}, {"cty", "vc"}}) const {
    auto jws = jose::SignCompactJws(key_, header, AsBytes(payload.dump()));
    EXPECT_TRUE(jws.has_value());
    return jws.value_or("");
  }
  Result<VerifiedVcJose> Verify(std::string_view jws) const {
    return VerifyVcJwt(jws, FixedKey(key_.public_jwk()), clock_);
  }
  Json With(const std::string& member, Json value) const {
    Json c = credential_;
    c[member] = std::move(value);
    return c;
  }
  Json Without(const std::string& member) const {
    Json c = credential_;
    c.erase(member);
    return c;
  }

  jose::PrivateJwk key_ = testutil::NewKey(jose::Algorithm::kEs256);
  Json credential_ = testutil::SampleCredential();
  FixedClock clock_{kNow};
};

TEST_F(BadInput, VcJwtTable) {
  const jose::PrivateJwk other = testutil::NewKey(jose::Algorithm::kEs256);
  const std::string good = SignRaw(credential_);
  ASSERT_THAT(Verify(good), IsOk());
  const std::size_t dot1 = good.find('.');
  const std::size_t dot2 = good.find('.', dot1 + 1);
  const std::string header_b64 = good.substr(0, dot1);
  const std::string sig_b64 = good.substr(dot2 + 1);
  Json other_credential = credential_;
  other_credential["credentialSubject"]["level"] = 4;
  const std::string tampered =
      header_b64 + "." + encoding::Base64UrlEncode(other_credential.dump()) + "." + sig_b64;
  const std::string alg_none =
      encoding::Base64UrlEncode(std::string(R"({"alg":"none","typ":"vc+jwt"})")) + good.substr(dot1, dot2 - dot1) + ".c2ln";
  auto by_other = jose::SignCompactJws(other, Json{{"typ", "vc+jwt"}}, AsBytes(credential_.dump()));
  ASSERT_TRUE(by_other.has_value());

  Json not_vc = credential_;
  not_vc["type"] = Json::array({"SkillCredential"});
  Json nested_issuer = credential_;
  nested_issuer["issuer"] = {{"id", "https://issuer.example/vaardig"}, {"name", "Werkgever"}};

  const struct {
    const char* what;
    std::string input;
    ErrorCode code;
  } cases[] = {
      {"typ JWT", SignRaw(credential_, {{"typ", "JWT"}}), ErrorCode::kInvalidArgument},
      {"typ vp+jwt", SignRaw(credential_, {{"typ", "vp+jwt"}}), ErrorCode::kInvalidArgument},
      {"no typ", SignRaw(credential_, Json::object()), ErrorCode::kInvalidArgument},
      {"cty vp", SignRaw(credential_, {{"typ", "vc+jwt"}, {"cty", "vp"}}), ErrorCode::kInvalidArgument},
      {"cty not a string", SignRaw(credential_, {{"typ", "vc+jwt"}, {"cty", 1}}), ErrorCode::kInvalidArgument},
      {"alg none", alg_none, ErrorCode::kInvalidArgument},
      {"unknown crit", SignRaw(credential_, {{"typ", "vc+jwt"}, {"crit", {"x"}}, {"x", 1}}), ErrorCode::kUnimplemented},
      {"tampered payload", tampered, ErrorCode::kUnauthenticated},
      {"signed by another key", *by_other, ErrorCode::kUnauthenticated},
      {"payload not JSON", header_b64 + "." + encoding::Base64UrlEncode(std::string("nope")) + "." + sig_b64,
       ErrorCode::kUnauthenticated},  // the signature fails before the payload is read
      {"payload an array", SignRaw(Json::array({1})), ErrorCode::kInvalidArgument},
      {"payload not a credential (type)", SignRaw(not_vc), ErrorCode::kInvalidArgument},
      {"no @context", SignRaw(Without("@context")), ErrorCode::kInvalidArgument},
      {"VCDM 1.1 context first", SignRaw(With("@context", {"https://www.w3.org/2018/credentials/v1"})),
       ErrorCode::kInvalidArgument},
      {"no issuer", SignRaw(Without("issuer")), ErrorCode::kInvalidArgument},
      {"issuer a number", SignRaw(With("issuer", 5)), ErrorCode::kInvalidArgument},
      {"no credentialSubject", SignRaw(Without("credentialSubject")), ErrorCode::kInvalidArgument},
      {"credentialSubject a string", SignRaw(With("credentialSubject", "x")), ErrorCode::kInvalidArgument},
      {"validFrom not a date", SignRaw(With("validFrom", "yesterday")), ErrorCode::kInvalidArgument},
      {"vc claim", SignRaw(With("vc", Json::object())), ErrorCode::kInvalidArgument},
      {"vp claim", SignRaw(With("vp", "x")), ErrorCode::kInvalidArgument},
      {"claim iss differs from issuer", SignRaw(With("iss", "https://evil.example")), ErrorCode::kInvalidArgument},
      {"claim iss differs from issuer.id", SignRaw([&] { Json c = nested_issuer; c["iss"] = "https://evil.example"; return c; }()),
       ErrorCode::kInvalidArgument},
      {"header iss differs from issuer", SignRaw(credential_, {{"typ", "vc+jwt"}, {"iss", "https://evil.example"}}),
       ErrorCode::kInvalidArgument},
      {"expired (validUntil)", SignRaw(With("validUntil", "2025-01-01T00:00:00Z")), ErrorCode::kFailedPrecondition},
      {"not yet valid (validFrom)", SignRaw(With("validFrom", "2030-01-01T00:00:00Z")), ErrorCode::kFailedPrecondition},
      {"expired (exp)", SignRaw(With("exp", kNow - 3600)), ErrorCode::kFailedPrecondition},
      {"not yet valid (nbf)", SignRaw(With("nbf", kNow + 3600)), ErrorCode::kFailedPrecondition},
      {"exp not a number", SignRaw(With("exp", "tomorrow")), ErrorCode::kInvalidArgument},
      {"kid names another key than the configured one", SignRaw(credential_, {{"typ", "vc+jwt"}, {"kid", "nope"}}),
       ErrorCode::kNotFound},
      {"oversized", std::string(kMaxSecuredBytes + 1, 'e'), ErrorCode::kResourceExhausted},
      {"not a JWS", credential_.dump(), ErrorCode::kInvalidArgument},
      {"empty", "", ErrorCode::kInvalidArgument},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(Verify(c.input), FailsWith(c.code)) << c.what;
  }
  // Within the skew, and with issuer as an object whose id matches iss, it verifies.
  Json nested_ok = nested_issuer;
  nested_ok["iss"] = "https://issuer.example/vaardig";
  EXPECT_THAT(Verify(SignRaw(nested_ok)), IsOk());
  EXPECT_THAT(Verify(SignRaw(With("validUntil", "2025-06-15T00:00:00Z"))), FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(Verify(SignRaw(With("validFrom", "2025-06-15T15:08:40Z"))), FailsWith(ErrorCode::kFailedPrecondition));
  EXPECT_THAT(Verify(SignRaw(With("nbf", kNow + 30))), IsOk());

  // A DID kid must belong to the issuer, whatever key the lookup chose.
  const std::string foreign_kid =
      SignRaw(With("issuer", "did:example:issuer"), {{"typ", "vc+jwt"}, {"kid", "did:example:someone-else#k"}});
  EXPECT_THAT(VerifyVcJwt(foreign_kid, FixedKey(key_.public_jwk().WithKid("did:example:someone-else#k")), clock_),
              FailsWith(ErrorCode::kPermissionDenied));
  const std::string own_kid =
      SignRaw(With("issuer", "did:example:issuer"), {{"typ", "vc+jwt"}, {"kid", "did:example:issuer#k"}});
  EXPECT_THAT(VerifyVcJwt(own_kid, FixedKey(key_.public_jwk().WithKid("did:example:issuer#k")), clock_), IsOk());
}

TEST_F(BadInput, ErrorMessagesNameTheProblem) {
  auto typ = Verify(SignRaw(credential_, {{"typ", "bad+typ"}}));
  ASSERT_FALSE(typ.has_value());
  EXPECT_THAT(typ.error().message(), ::testing::HasSubstr("typ 'bad+typ' is not the expected 'vc+jwt'"));
  auto iss = Verify(SignRaw(With("iss", "https://evil.example")));
  ASSERT_FALSE(iss.has_value());
  EXPECT_THAT(iss.error().message(), ::testing::HasSubstr("'iss' does not match the credential issuer"));
  auto vc = Verify(SignRaw(With("vc", 1)));
  ASSERT_FALSE(vc.has_value());
  EXPECT_THAT(vc.error().message(), ::testing::HasSubstr("'vc'"));
}

TEST_F(BadInput, SignRefusesWhatIsNotACredential) {
  Json not_vc = credential_;
  not_vc["type"] = "SkillCredential";
  EXPECT_THAT(SignVcJwt(not_vc, key_), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(SignVpJwt(credential_, key_), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(IssueVcSdJwt(Without("issuer"), key_, {}), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(IssueVcSdJwt(credential_, key_, SdJwtIssueOptions{.sd_paths = {{std::string("@context")}}}),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(IssueVcSdJwt(credential_, key_, SdJwtIssueOptions{.sd_paths = {{std::string("missing")}}}),
              FailsWith(ErrorCode::kInvalidArgument));
  Json big = credential_;
  big["credentialSubject"]["padding"] = std::string(kMaxSecuredBytes, 'x');
  EXPECT_THAT(SignVcJwt(big, key_), FailsWith(ErrorCode::kResourceExhausted));
}

TEST_F(BadInput, PresentationTable) {
  const std::string vc = SignRaw(credential_);
  auto envelope = [&](std::string id) {
    return Json{{"@context", "https://www.w3.org/ns/credentials/v2"}, {"id", std::move(id)},
                {"type", "EnvelopedVerifiableCredential"}};
  };
  auto sign_vp = [&](const Json& vp) { return SignRaw(vp, {{"typ", "vp+jwt"}, {"cty", "vp"}}); };
  auto verify = [&](const std::string& jws, bool deep = false) {
    VerifyOptions options;
    if (deep) options.credential_key_lookup = FixedKey(key_.public_jwk());
    return VerifyVpJwt(jws, FixedKey(key_.public_jwk()), clock_, options);
  };
  Json vp_iss = testutil::SamplePresentation(Json::array());
  vp_iss["iss"] = "did:example:other";
  Json vp_no_type = testutil::SamplePresentation(Json::array());
  vp_no_type["type"] = "VerifiableCredential";
  const struct {
    const char* what;
    std::string input;
    bool deep;
    ErrorCode code;
  } cases[] = {
      {"vc+jwt where vp+jwt expected", vc, false, ErrorCode::kInvalidArgument},
      {"not a presentation", sign_vp(vp_no_type), false, ErrorCode::kInvalidArgument},
      {"iss differs from holder", sign_vp(vp_iss), false, ErrorCode::kInvalidArgument},
      {"verifiableCredential a string", sign_vp(testutil::SamplePresentation("x")), false, ErrorCode::kInvalidArgument},
      {"envelope without data: URL", sign_vp(testutil::SamplePresentation(Json::array({envelope("not-a-credential")}))),
       false, ErrorCode::kInvalidArgument},
      {"COSE envelope, verified deeply",
       sign_vp(testutil::SamplePresentation(Json::array({envelope("data:application/vc+cose,0oRY")}))), true,
       ErrorCode::kUnimplemented},
      {"embedded credential without shape", sign_vp(testutil::SamplePresentation(Json::array({{{"type", "X"}}}))),
       false, ErrorCode::kInvalidArgument},
      {"embedded credential when verifying deeply",
       sign_vp(testutil::SamplePresentation(Json::array({credential_}))), true, ErrorCode::kUnimplemented},
      {"enveloped credential with a bad signature",
       sign_vp(testutil::SamplePresentation(Json::array({envelope("data:application/vc+jwt," + vc.substr(0, vc.size() - 4) + "AAAA")}))),
       true, ErrorCode::kUnauthenticated},
      {"enveloped vp+jwt instead of vc+jwt",
       sign_vp(testutil::SamplePresentation(Json::array({envelope("data:application/vc+jwt," + SignRaw(credential_, {{"typ", "vp+jwt"}}))}))),
       true, ErrorCode::kInvalidArgument},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(verify(c.input, c.deep), FailsWith(c.code)) << c.what;
  }
  EXPECT_THAT(verify(sign_vp(testutil::SamplePresentation(Json::array({credential_})))), IsOk());
  // Checking envelopes only, a COSE envelope passes unverified.
  EXPECT_THAT(verify(sign_vp(testutil::SamplePresentation(Json::array({envelope("data:application/vc+cose,0oRY")})))),
              IsOk());
}

TEST_F(BadInput, SdJwtTable) {
  auto issued = IssueVcSdJwt(credential_, key_,
                             SdJwtIssueOptions{.sd_paths = {{std::string("credentialSubject"), std::string("skill")}}});
  ASSERT_THAT(issued, IsOk());
  const std::string good = issued->Compact();
  auto verify = [&](std::string_view text) { return VerifyVcSdJwt(text, FixedKey(key_.public_jwk()), clock_); };
  ASSERT_THAT(verify(good), IsOk());

  auto as_vc_jwt = SignVcJwt(credential_, key_);
  ASSERT_THAT(as_vc_jwt, IsOk());
  auto wrong_typ = sdjwt::IssueSdJwt(credential_, key_, sdjwt::IssueOptions{.header = {{"typ", "dc+sd-jwt"}}});
  ASSERT_THAT(wrong_typ, IsOk());
  auto issuer_hidden = IssueVcSdJwt(credential_, key_, SdJwtIssueOptions{.sd_paths = {{std::string("issuer")}}});
  ASSERT_THAT(issuer_hidden, IsOk());
  sdjwt::SdJwtParts hidden = issuer_hidden->parts;
  hidden.disclosures.clear();
  const jose::PrivateJwk other = testutil::NewKey(jose::Algorithm::kEdDsa);
  auto foreign = IssueVcSdJwt(credential_, other, {});
  ASSERT_THAT(foreign, IsOk());
  sdjwt::SdJwtParts extra = issued->parts;
  extra.disclosures.push_back(foreign->parts.disclosures.empty() ? std::string("WyJhIiwiYiIsImMiXQ")
                                                                 : foreign->parts.disclosures.front());
  const struct {
    const char* what;
    std::string input;
    ErrorCode code;
  } cases[] = {
      {"vc+jwt without '~'", *as_vc_jwt, ErrorCode::kInvalidArgument},
      {"vc+jwt with '~'", *as_vc_jwt + "~", ErrorCode::kInvalidArgument},
      {"typ dc+sd-jwt", wrong_typ->Compact(), ErrorCode::kInvalidArgument},
      {"signed by another key", foreign->Compact(), ErrorCode::kUnauthenticated},
      {"a disclosure the issuer never made", extra.SerializeCompact(), ErrorCode::kUnauthenticated},
      {"issuer left undisclosed", hidden.SerializeCompact(), ErrorCode::kInvalidArgument},
      {"oversized", std::string(kMaxSecuredBytes + 1, '~'), ErrorCode::kResourceExhausted},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(verify(c.input), FailsWith(c.code)) << c.what;
  }
  EXPECT_THAT(VerifyVpSdJwt(good, FixedKey(key_.public_jwk()), clock_), FailsWith(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace vaardig::vcjose
