// The specification's own examples (tests/vectors/oid4vci, README there).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/metadata.h"
#include "core/oid4vc/offer.h"
#include "tests/oid4vc/oid4vci_test_util.h"

namespace vaardig::oid4vc {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using testutil::ReadVectorJson;

TEST(Oid4vciVectors, OfferWithTxCode) {
  const Json j = ReadVectorJson("credential_offer_multiple_credentials.json");
  auto offer = ParseCredentialOffer(j);
  ASSERT_THAT(offer, IsOk());
  EXPECT_EQ(offer->credential_issuer, "https://credential-issuer.example.com");
  EXPECT_EQ(offer->credential_configuration_ids, (std::vector<std::string>{"UniversityDegreeCredential", "org.iso.18013.5.1.mDL"}));
  ASSERT_TRUE(offer->pre_authorized_code.has_value());
  EXPECT_EQ(offer->pre_authorized_code->pre_authorized_code, "oaKazRN8I0IbtZ0C7JuMn5");
  EXPECT_EQ(offer->pre_authorized_code->tx_code->length, 4);
  EXPECT_EQ(offer->pre_authorized_code->tx_code->input_mode, "numeric");
  EXPECT_EQ(offer->pre_authorized_code->tx_code->description, "Please provide the one-time code that was sent via e-mail");
  EXPECT_FALSE(offer->authorization_code_grant);
  // Round trip through a link; the unknown issuer_redirect_uri is not kept.
  auto link = ParseCredentialOfferLink(CredentialOfferLinkByValue(*offer));
  ASSERT_THAT(link, IsOk());
  Json expected = j;
  expected.erase("issuer_redirect_uri");
  EXPECT_EQ(CredentialOfferToJson(*link->offer), expected);
}

TEST(Oid4vciVectors, OfferWithEmptyTxCode) {
  auto offer = ParseCredentialOffer(ReadVectorJson("credential_offer_by_reference.json"));
  ASSERT_THAT(offer, IsOk());
  ASSERT_TRUE(offer->pre_authorized_code->tx_code.has_value());
  EXPECT_FALSE(offer->pre_authorized_code->tx_code->length.has_value());
  EXPECT_FALSE(offer->pre_authorized_code->tx_code->input_mode.has_value());
}

TEST(Oid4vciVectors, IssuerMetadata) {
  const Json j = ReadVectorJson("credential_issuer_metadata_sd_jwt_long.json");
  auto m = ParseCredentialIssuerMetadata(j, "https://credential-issuer.example.com");
  ASSERT_THAT(m, IsOk());
  EXPECT_EQ(m->authorization_servers, (std::vector<std::string>{"https://server.example.com"}));
  EXPECT_EQ(m->credential_endpoint, "https://credential-issuer.example.com/credential");
  EXPECT_EQ(m->nonce_endpoint, "https://credential-issuer.example.com/nonce");
  ASSERT_EQ(m->display.size(), 2u);
  EXPECT_EQ(m->display[1].name, "Example Université");
  EXPECT_EQ(m->display[1].logo_uri, "https://university.example.edu/public/logo.png");
  ASSERT_EQ(m->configurations.size(), 1u);
  const CredentialConfiguration& c = m->configurations[0];
  EXPECT_EQ(c.id, "SD_JWT_VC_example_in_OpenID4VCI");
  EXPECT_EQ(c.format, "dc+sd-jwt");
  EXPECT_EQ(c.vct, "SD_JWT_VC_example_in_OpenID4VCI");
  EXPECT_EQ(c.proof_signing_alg_values_supported, (std::vector<std::string>{"ES256"}));
  EXPECT_EQ(c.display[0].text_color, "#FFFFFF");
  EXPECT_EQ(c.claims.size(), 13u);
  EXPECT_THAT(ParseCredentialIssuerMetadata(j, "https://credential-issuer.example.com/tenant"),
              FailsWith(ErrorCode::kInvalidArgument, "does not equal the issuer it was fetched for"));
}

TEST(Oid4vciVectors, LdpVcConfiguration) {
  Json j = ReadVectorJson("credential_metadata_ldp_vc.json");
  j["credential_issuer"] = "https://credential-issuer.example.com";
  j["credential_endpoint"] = "https://credential-issuer.example.com/credential";
  auto m = ParseCredentialIssuerMetadata(j, "https://credential-issuer.example.com");
  ASSERT_THAT(m, IsOk());
  const CredentialConfiguration* c = m->Find("UniversityDegree_LDP_VC");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->credential_definition["type"][1], "UniversityDegreeCredential");
  EXPECT_EQ(c->credential_signing_alg_values_supported, (std::vector<std::string>{"Ed25519Signature2018"}));
  EXPECT_EQ(c->display[0].name, "University Credential");
  EXPECT_EQ(c->claims[3]["mandatory"], true);
  // Re-serialised, the configuration is the spec's except for the logo's alt_text we do not model.
  Json expected = j["credential_configurations_supported"]["UniversityDegree_LDP_VC"];
  expected["credential_metadata"]["display"][0]["logo"].erase("alt_text");
  const Json out = CredentialIssuerMetadataToJson(*m)["credential_configurations_supported"]["UniversityDegree_LDP_VC"];
  EXPECT_EQ(out["credential_definition"], expected["credential_definition"]);
  EXPECT_EQ(out["credential_metadata"]["claims"], expected["credential_metadata"]["claims"]);
}

TEST(Oid4vciVectors, CredentialResponse) {
  auto credentials = ParseCredentialResponse(ReadVectorJson("credential_response_sd_jwt_vc.json"));
  ASSERT_THAT(credentials, IsOk());
  ASSERT_EQ(credentials->size(), 1u);
  const std::string sd_jwt = (*credentials)[0].get<std::string>();
  EXPECT_TRUE(sd_jwt.starts_with("eyJhbGciOiAiRVMyNTYiLCAidHlwIjogImRjK3NkLWp3dCIs"));
  EXPECT_TRUE(sd_jwt.ends_with("~"));
  EXPECT_EQ(std::count(sd_jwt.begin(), sd_jwt.end(), '~'), 10);
}

}  // namespace
}  // namespace vaardig::oid4vc
