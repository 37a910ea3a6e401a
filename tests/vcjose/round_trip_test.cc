// Sign → verify for every format with ES256 and EdDSA keys (and RS256 where the key says so),
// with fixed keys and with did:jwk keys resolved through core/did.
#include <gmock/gmock.h>

#include <string>

#include "core/common/clock.h"
#include "core/did/did_jwk.h"
#include "core/did/resolver.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"
#include "core/vcjose/enveloped.h"
#include "core/vcjose/format.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"
#include "tests/vcjose/test_util.h"

namespace vaardig::vcjose {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

constexpr std::int64_t kNow = 1'750'000'000;  // 2025-06-15

class RoundTrip : public ::testing::TestWithParam<jose::Algorithm> {
 protected:
  jose::PrivateJwk key_ = testutil::NewKey(GetParam());
  FixedClock clock_{kNow};
};

TEST_P(RoundTrip, VcJwt) {
  const Json credential = testutil::SampleCredential();
  auto jws = SignVcJwt(credential, key_);
  ASSERT_THAT(jws, IsOk());
  EXPECT_EQ(DetectFormat(*jws), SecuredFormat::kVcJwt);
  auto verified = VerifyVcJwt(*jws, FixedKey(key_.public_jwk()), clock_);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->document(), credential);
  EXPECT_EQ(verified->claims(), credential);
  EXPECT_EQ(verified->header().at("typ"), "vc+jwt");
  EXPECT_EQ(verified->header().at("cty"), "vc");
  EXPECT_EQ(verified->header().at("kid"), "key-1");
  EXPECT_EQ(verified->key(), key_.public_jwk());

  auto no_cty = SignVcJwt(credential, key_, JoseOptions{.kid = "other", .cty = false});
  ASSERT_THAT(no_cty, IsOk());
  auto verified_no_cty = VerifyVcJwt(*no_cty, FixedKey(key_.public_jwk().WithKid("other")), clock_);
  ASSERT_THAT(verified_no_cty, IsOk());
  EXPECT_FALSE(verified_no_cty->header().contains("cty"));
}

TEST_P(RoundTrip, VpJwtWithEnvelopedCredentialsVerifiedToo) {
  const jose::PrivateJwk issuer = testutil::NewKey(jose::Algorithm::kEs256, "issuer-key");
  auto vc_jwt = SignVcJwt(testutil::SampleCredential(), issuer);
  ASSERT_THAT(vc_jwt, IsOk());
  auto sd = IssueVcSdJwt(testutil::SampleCredential(), issuer,
                         SdJwtIssueOptions{.sd_paths = {{std::string("credentialSubject"), std::string("level")}}});
  ASSERT_THAT(sd, IsOk());
  Json entries = Json::array({*EnvelopeCredential(*vc_jwt, SecuredFormat::kVcJwt),
                              *EnvelopeCredential(sd->Compact(), SecuredFormat::kVcSdJwt)});
  const Json presentation = testutil::SamplePresentation(entries);
  auto vp = SignVpJwt(presentation, key_);
  ASSERT_THAT(vp, IsOk());
  EXPECT_EQ(DetectFormat(*vp), SecuredFormat::kVpJwt);

  // Envelope shape only.
  auto shallow = VerifyVpJwt(*vp, FixedKey(key_.public_jwk()), clock_);
  ASSERT_THAT(shallow, IsOk());
  EXPECT_EQ(shallow->document(), presentation);
  EXPECT_TRUE(shallow->credentials().empty());

  // And each enveloped credential verified with the issuer's key.
  VerifyOptions deep{.credential_key_lookup = FixedKey(issuer.public_jwk())};
  auto verified = VerifyVpJwt(*vp, FixedKey(key_.public_jwk()), clock_, deep);
  ASSERT_THAT(verified, IsOk());
  ASSERT_EQ(verified->credentials().size(), 2u);
  EXPECT_EQ(verified->credentials()[0].format(), SecuredFormat::kVcJwt);
  EXPECT_EQ(verified->credentials()[1].format(), SecuredFormat::kVcSdJwt);
  EXPECT_EQ(verified->credentials()[1].document().at("credentialSubject").at("level"), 2);

  // The holder's key is not the issuer's: enveloped credentials then fail.
  VerifyOptions wrong{.credential_key_lookup = FixedKey(key_.public_jwk().WithKid("issuer-key"))};
  EXPECT_THAT(VerifyVpJwt(*vp, FixedKey(key_.public_jwk()), clock_, wrong),
              FailsWith(ErrorCode::kUnauthenticated));
}

TEST_P(RoundTrip, VcSdJwtWithSelectedDisclosuresAndKeyBinding) {
  const Json credential = testutil::SampleCredential();
  const std::vector<sdjwt::ClaimPath> paths = {{std::string("credentialSubject"), std::string("skill")},
                                               {std::string("credentialSubject"), std::string("level")},
                                               {std::string("credentialSubject"), std::string("evidence"), std::size_t{1}}};
  auto issued = IssueVcSdJwt(credential, key_, SdJwtIssueOptions{.sd_paths = paths, .max_decoys = 2});
  ASSERT_THAT(issued, IsOk());
  EXPECT_EQ(DetectFormat(issued->Compact()), SecuredFormat::kVcSdJwt);

  auto all = VerifyVcSdJwt(issued->Compact(), FixedKey(key_.public_jwk()), clock_);
  ASSERT_THAT(all, IsOk());
  EXPECT_TRUE(testutil::SameJson(all->document(), credential));
  EXPECT_EQ(all->disclosed().size(), 3u);
  EXPECT_EQ(all->header().at("typ"), "vc+sd-jwt");

  // The JSON serialization (RFC 9901 §8) verifies the same.
  auto json_serialized = sdjwt::SerializeJson(issued->parts);
  ASSERT_THAT(json_serialized, IsOk());
  auto from_json = VerifyVcSdJwt(*json_serialized, FixedKey(key_.public_jwk()), clock_);
  ASSERT_THAT(from_json, IsOk());
  EXPECT_TRUE(testutil::SameJson(from_json->document(), credential));

  // The holder shows only the skill, with a KB-JWT.
  const jose::PrivateJwk holder = testutil::NewKey(jose::Algorithm::kEdDsa, "holder");
  Json with_cnf = credential;
  with_cnf["cnf"] = {{"jwk", holder.public_jwk().ToJson()}};
  auto bound = IssueVcSdJwt(with_cnf, key_, SdJwtIssueOptions{.sd_paths = paths});
  ASSERT_THAT(bound, IsOk());
  auto frame = sdjwt::FrameFromPaths({paths[0]});
  ASSERT_THAT(frame, IsOk());
  auto shown = sdjwt::SelectDisclosures(bound->parts, *frame);
  ASSERT_THAT(shown, IsOk());
  ASSERT_THAT(sdjwt::AddKeyBinding(*shown, {.holder_key = &holder, .aud = "https://verifier.example",
                                            .nonce = "n-0S6_WzA2Mj", .iat = kNow}),
              IsOk());
  VerifyOptions options;
  options.key_binding = {.required = true, .expected_aud = "https://verifier.example", .expected_nonce = "n-0S6_WzA2Mj"};
  auto partial = VerifyVcSdJwt(shown->SerializeCompact(), FixedKey(key_.public_jwk()), clock_, options);
  ASSERT_THAT(partial, IsOk());
  const Json& subject = partial->document().at("credentialSubject");
  EXPECT_EQ(subject.at("skill"), "klantgesprekken voeren");
  EXPECT_FALSE(subject.contains("level"));
  EXPECT_EQ(subject.at("evidence"), Json::array({"gesprek 1"}));
  EXPECT_TRUE(partial->key_binding_payload().has_value());

  // Without the KB-JWT the required binding fails.
  shown->kb_jwt.reset();
  EXPECT_THAT(VerifyVcSdJwt(shown->SerializeCompact(), FixedKey(key_.public_jwk()), clock_, options),
              FailsWith(ErrorCode::kUnauthenticated));
}

TEST_P(RoundTrip, VpSdJwt) {
  const jose::PrivateJwk issuer = testutil::NewKey(jose::Algorithm::kEdDsa, "issuer-key");
  auto vc_jwt = SignVcJwt(testutil::SampleCredential(), issuer);
  ASSERT_THAT(vc_jwt, IsOk());
  const Json presentation =
      testutil::SamplePresentation(Json::array({*EnvelopeCredential(*vc_jwt, SecuredFormat::kVcJwt)}));
  auto issued = IssueVpSdJwt(presentation, key_, SdJwtIssueOptions{.sd_paths = {{std::string("holder")}}});
  ASSERT_THAT(issued, IsOk());
  EXPECT_EQ(DetectFormat(issued->Compact()), SecuredFormat::kVpSdJwt);
  VerifyOptions deep{.credential_key_lookup = FixedKey(issuer.public_jwk())};
  auto verified = VerifyVpSdJwt(issued->Compact(), FixedKey(key_.public_jwk()), clock_, deep);
  ASSERT_THAT(verified, IsOk());
  EXPECT_TRUE(testutil::SameJson(verified->document(), presentation));
  EXPECT_EQ(verified->header().at("cty"), "vp");
  ASSERT_EQ(verified->credentials().size(), 1u);
  EXPECT_EQ(verified->credentials()[0].document().at("issuer"), "https://issuer.example/vaardig");
}

TEST_P(RoundTrip, DidJwkIssuerResolvedFromKid) {
  const std::string did = did::CreateDidJwk(key_.public_jwk());
  const Json credential = testutil::SampleCredential(did);
  auto jws = SignVcJwt(credential, key_, JoseOptions{.kid = did + "#0"});
  ASSERT_THAT(jws, IsOk());
  did::DidResolver resolver(nullptr);
  auto verified = VerifyVcJwt(*jws, DidKeyLookup(resolver), clock_);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->key(), key_.public_jwk());

  // A kid of another DID than the issuer: the signature verifies, the binding does not.
  const jose::PrivateJwk other = testutil::NewKey(GetParam());
  const std::string other_did = did::CreateDidJwk(other.public_jwk());
  auto foreign = SignVcJwt(credential, other, JoseOptions{.kid = other_did + "#0"});
  ASSERT_THAT(foreign, IsOk());
  EXPECT_THAT(VerifyVcJwt(*foreign, DidKeyLookup(resolver), clock_), FailsWith(ErrorCode::kPermissionDenied));

  // A kid that is not a DID URL cannot be resolved.
  auto plain = SignVcJwt(credential, key_, JoseOptions{.kid = "key-1"});
  ASSERT_THAT(plain, IsOk());
  EXPECT_THAT(VerifyVcJwt(*plain, DidKeyLookup(resolver), clock_), FailsWith(ErrorCode::kInvalidArgument));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, RoundTrip, ::testing::Values(jose::Algorithm::kEs256, jose::Algorithm::kEdDsa),
                         [](const auto& info) { return std::string(jose::AlgorithmName(info.param)); });

}  // namespace
}  // namespace vaardig::vcjose
