// CollectOffer against a fake OpenID4VCI issuer on loopback: the happy paths (SD-JWT VC with
// tx_code by value and by reference, ldp_vc), and every bad input with its code and message —
// and after each failure the vault is exactly as before and no secret is in the message.
#include "wallet/app/collect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/http/client.h"
#include "core/oid4vc/offer.h"
#include "tests/wallet/fake_issuer.h"
#include "tests/wallet/test_util.h"

namespace vaardig::wallet {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testutil::FailsWith;
using testutil::FailsWithMessage;
using testutil::IsOk;

class CollectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fetcher = http::BeastHttpFetcher::Create();
    ASSERT_THAT(fetcher, IsOk());
    fetcher_ = std::move(*fetcher);
    auto [created, unlocked] = wallet_.NewUnlocked();
    vault_.emplace(std::move(unlocked));
    options_ = {.clock = &wallet_.clock, .allow_http_for_loopback = true};
  }

  Result<CollectResult> Collect(const std::string& link, std::optional<std::string_view> pin = testutil::kPin) {
    return CollectOffer(*fetcher_, *vault_, link, pin, options_);
  }
  std::size_t RecordCount() {
    auto listing = vault_->List();
    EXPECT_THAT(listing, IsOk());
    return listing ? listing->records.size() : 0;
  }
  // A failure leaves nothing behind and names no secret.
  void ExpectNothingStoredAndNoSecret(const Result<CollectResult>& result) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(RecordCount(), 0u);
    for (std::string_view secret : {testutil::kPin, testutil::kPreAuthCode, testutil::kAccessToken}) {
      EXPECT_THAT(result.error().message(), Not(HasSubstr(std::string(secret))));
    }
  }
  std::string SdJwtLink() { return issuer_.LinkByValue({std::string(testutil::kSdJwtConfig)}); }

  testutil::WalletFixture wallet_;
  testutil::FakeIssuer issuer_{testutil::kNow};
  std::unique_ptr<http::BeastHttpFetcher> fetcher_;
  std::optional<UnlockedVault> vault_;
  CollectOptions options_;
};

TEST_F(CollectTest, SdJwtVcWithPinIsVerifiedAndStored) {
  auto result = Collect(SdJwtLink());
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->credential_issuer, issuer_.base());
  ASSERT_EQ(result->stored.size(), 1u);
  const CollectedCredential& stored = result->stored[0];
  EXPECT_EQ(stored.format, "dc+sd-jwt");
  EXPECT_EQ(stored.status, "valid");
  EXPECT_EQ(stored.issuer, issuer_.base());
  EXPECT_EQ(stored.name, "Vaardigheid");
  auto record = vault_->Get(stored.record_id);
  ASSERT_THAT(record, IsOk());
  EXPECT_EQ(record->kind, RecordKind::kCredential);
  EXPECT_EQ(record->content["format"], "dc+sd-jwt");
  EXPECT_EQ(record->content["configuration_id"], testutil::kSdJwtConfig);
  EXPECT_TRUE(record->content["credential"].is_string());
  EXPECT_EQ(record->content["display"]["en"]["name"], "Skill");
  EXPECT_EQ(record->content["issuer_display"]["nl"]["name"], "Gemeente Voorbeeld");
  EXPECT_EQ(record->content["received_at"], testutil::kNow);
  EXPECT_EQ(record->content["status"]["state"], "valid");
  // One P-256 holder key, one credential, one history entry.
  auto keys = vault_->List(RecordKind::kHolderKey);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->records.size(), 1u);
  EXPECT_EQ(keys->records[0].content["alg"], "ES256");
  EXPECT_THAT(keys->records[0].content["did"].get<std::string>(), ::testing::StartsWith("did:jwk:"));
  auto history = vault_->List(RecordKind::kHistory);
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->records.size(), 1u);
  EXPECT_EQ(history->records[0].content["credential_id"], stored.record_id);
}

TEST_F(CollectTest, SecondCollectionReusesTheHolderKey) {
  ASSERT_THAT(Collect(SdJwtLink()), IsOk());
  ASSERT_THAT(Collect(SdJwtLink()), IsOk());
  auto keys = vault_->List(RecordKind::kHolderKey);
  ASSERT_THAT(keys, IsOk());
  EXPECT_EQ(keys->records.size(), 1u);
  EXPECT_EQ(vault_->List(RecordKind::kCredential)->records.size(), 2u);
}

TEST_F(CollectTest, OfferByReferenceIsFetched) {
  auto result = Collect(issuer_.LinkByReference());
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->stored.size(), 1u);
}

TEST_F(CollectTest, LdpVcIsBoundToAnEd25519DidKey) {
  auto result = Collect(issuer_.LinkByValue({std::string(testutil::kBadgeConfig)}));
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->stored.size(), 1u);
  EXPECT_EQ(result->stored[0].format, "ldp_vc");
  EXPECT_EQ(result->stored[0].status, "none");
  auto keys = vault_->List(RecordKind::kHolderKey);
  ASSERT_EQ(keys->records.size(), 1u);
  EXPECT_EQ(keys->records[0].content["alg"], "EdDSA");
  EXPECT_THAT(keys->records[0].content["did"].get<std::string>(), ::testing::StartsWith("did:key:z6Mk"));
}

TEST_F(CollectTest, UnsupportedFormatIsSkippedWithANote) {
  auto result = Collect(issuer_.LinkByValue({std::string(testutil::kMsoConfig), std::string(testutil::kSdJwtConfig)}));
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->stored.size(), 1u);
  ASSERT_EQ(result->skipped.size(), 1u);
  EXPECT_EQ(result->skipped[0].configuration_id, testutil::kMsoConfig);
  EXPECT_THAT(result->skipped[0].reason, HasSubstr("mso_mdoc"));
}

TEST_F(CollectTest, OnlyUnknownFormatsFail) {
  auto result = Collect(issuer_.LinkByValue({std::string(testutil::kMsoConfig)}));
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kFailedPrecondition, "no offered credential has a format"));
  ExpectNothingStoredAndNoSecret(result);
  EXPECT_EQ(issuer_.credentials_issued(), 0);
}

TEST_F(CollectTest, MissingPinIsFailedPrecondition) {
  auto result = Collect(SdJwtLink(), std::nullopt);
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kFailedPrecondition, "this offer needs the PIN"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, WrongPinIsATokenErrorWithoutEchoedSecrets) {
  auto result = Collect(SdJwtLink(), "000000");
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kUnauthenticated, "token request: invalid_grant — tx_code"));
  ExpectNothingStoredAndNoSecret(result);
  EXPECT_THAT(result.error().message(), Not(HasSubstr("000000")));
  EXPECT_THAT(result.error().message(), HasSubstr("[redacted]"));
}

TEST_F(CollectTest, BadLinksAreRefused) {
  const struct {
    std::string link;
    ErrorCode code;
    std::string text;
  } cases[] = {
      {"https-credential-offer://?credential_offer=%7B%7D", ErrorCode::kInvalidArgument, "credential offer"},
      {"openid4vp://?request_uri=https://v.example", ErrorCode::kInvalidArgument, "credential offer"},
      {"openid-credential-offer://?credential_offer=" + std::string(9000, 'a'), ErrorCode::kResourceExhausted,
       "credential offer"},
      {"openid-credential-offer://?credential_offer=%7Bnot-json", ErrorCode::kInvalidArgument, "credential offer"},
      {"", ErrorCode::kInvalidArgument, "credential offer"},
  };
  for (const auto& c : cases) {
    auto result = Collect(c.link);
    EXPECT_THAT(result, FailsWithMessage(c.code, c.text)) << c.link.substr(0, 60);
    ExpectNothingStoredAndNoSecret(result);
  }
}

TEST_F(CollectTest, PlainHttpIsRefusedWithoutTheLoopbackOption) {
  options_.allow_http_for_loopback = false;
  auto result = Collect(SdJwtLink());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kInvalidArgument, "credential_issuer must be an https URL"));
  ExpectNothingStoredAndNoSecret(result);
  auto by_reference = Collect(issuer_.LinkByReference());
  EXPECT_THAT(by_reference, FailsWithMessage(ErrorCode::kInvalidArgument, "credential_offer_uri must be an https URL"));
}

TEST_F(CollectTest, ByReferenceOfferThatIsNotJsonIsRefused) {
  issuer_.behaviour.offer_uri_not_json = true;
  auto result = Collect(issuer_.LinkByReference());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kInvalidArgument, "credential offer"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, MetadataForAnotherIssuerIsRefused) {
  issuer_.behaviour.metadata_names_other_issuer = true;
  auto result = Collect(SdJwtLink());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kInvalidArgument, "issuer metadata"));
  ExpectNothingStoredAndNoSecret(result);
  EXPECT_EQ(issuer_.credentials_issued(), 0);
}

TEST_F(CollectTest, BadSignatureIsRefused) {
  issuer_.behaviour.tamper_signature = true;
  auto result = Collect(SdJwtLink());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kUnauthenticated, "verification (skill_sd_jwt)"));
  ExpectNothingStoredAndNoSecret(result);
  EXPECT_EQ(issuer_.credentials_issued(), 1);
}

TEST_F(CollectTest, CnfOfAnotherKeyIsRefused) {
  issuer_.behaviour.cnf_other_key = true;
  auto result = Collect(SdJwtLink());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kPermissionDenied, "cnf names another key"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, BadgeForAnotherSubjectIsRefused) {
  issuer_.behaviour.subject_other_did = true;
  auto result = Collect(issuer_.LinkByValue({std::string(testutil::kBadgeConfig)}));
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kPermissionDenied, "credentialSubject.id is not our DID"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, RevokedAndSuspendedAreRefused) {
  for (std::uint8_t value : {1, 2}) {
    issuer_.behaviour.status_value = value;
    auto result = Collect(SdJwtLink());
    EXPECT_THAT(result, FailsWithMessage(ErrorCode::kFailedPrecondition, value == 1 ? "revoked" : "suspended"));
    ExpectNothingStoredAndNoSecret(result);
  }
}

TEST_F(CollectTest, RevokedIsKeptAndFlaggedWhenAsked) {
  issuer_.behaviour.status_value = 1;
  options_.keep_revoked_and_flag = true;
  auto result = Collect(SdJwtLink());
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->stored.size(), 1u);
  EXPECT_EQ(result->stored[0].status, "revoked");
  EXPECT_EQ(vault_->Get(result->stored[0].record_id)->content["status"]["state"], "revoked");
}

TEST_F(CollectTest, UnreachableStatusListStoresAsUnchecked) {
  issuer_.behaviour.status_list_unreachable = true;
  auto result = Collect(SdJwtLink());
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->stored.size(), 1u);
  EXPECT_EQ(result->stored[0].status, "unchecked");
}

TEST_F(CollectTest, MissingClockIsInvalidArgument) {
  options_.clock = nullptr;
  EXPECT_THAT(Collect(SdJwtLink()), FailsWith(ErrorCode::kInvalidArgument));
}

TEST_F(CollectTest, MoreThanTenConfigurationsIsResourceExhausted) {
  std::vector<std::string> ids;
  for (int i = 0; i < 11; ++i) ids.push_back("config_" + std::to_string(i));
  auto result = Collect(issuer_.LinkByValue(ids));
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kResourceExhausted, "more than 10 credentials"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, AuthorizationCodeOnlyOfferIsUnimplemented) {
  const std::string offer = R"({"credential_issuer":")" + issuer_.base() +
                            R"(","credential_configuration_ids":["skill_sd_jwt"],"grants":{"authorization_code":{"issuer_state":"s"}}})";
  auto result = Collect("openid-credential-offer://?credential_offer=" + oid4vc::PercentEncode(offer));
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kUnimplemented, "no pre-authorized code grant"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, TokenEndpointServerErrorIsUnavailable) {
  issuer_.behaviour.token_server_error = true;
  auto result = Collect(SdJwtLink());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kUnavailable, "token request: HTTP 500"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, CredentialResponseOverOneMebibyteIsResourceExhausted) {
  issuer_.behaviour.huge_credential = true;
  auto result = Collect(SdJwtLink());
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kResourceExhausted, "credential request (skill_sd_jwt)"));
  ExpectNothingStoredAndNoSecret(result);
}

TEST_F(CollectTest, OverlongPinIsInvalidArgument) {
  auto result = Collect(SdJwtLink(), std::string(65, '1'));
  EXPECT_THAT(result, FailsWithMessage(ErrorCode::kInvalidArgument, "the PIN is too long"));
  ExpectNothingStoredAndNoSecret(result);
}

}  // namespace
}  // namespace vaardig::wallet
