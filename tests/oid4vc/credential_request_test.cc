#include "core/oid4vc/credential_request.h"

#include <gtest/gtest.h>

#include "tests/oid4vc/oid4vci_test_util.h"

namespace vaardig::oid4vc {
namespace {

using testutil::FailsWith;
using testutil::IsOk;
using testutil::OAuthFailsWith;

TEST(CredentialRequest, ParsesConfigurationIdWithJwtProofs) {
  auto r = ParseCredentialRequest(R"({"credential_configuration_id":"UniversityDegreeCredential","proofs":{"jwt":["a.b.c","d.e.f"]},"x-ext":1})");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->credential_configuration_id, "UniversityDegreeCredential");
  EXPECT_FALSE(r->credential_identifier.has_value());
  EXPECT_EQ(r->jwt_proofs, (std::vector<std::string>{"a.b.c", "d.e.f"}));
}

TEST(CredentialRequest, ParsesIdentifierWithoutProofs) {
  auto r = ParseCredentialRequest(R"({"credential_identifier":"CivilEngineeringDegree-2023"})");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->credential_identifier, "CivilEngineeringDegree-2023");
  EXPECT_TRUE(r->jwt_proofs.empty());
}

TEST(CredentialRequest, ToJsonRoundTrips) {
  CredentialRequest in;
  in.credential_configuration_id = "SkillCredential_sd_jwt";
  in.jwt_proofs = {"h.p.s"};
  const Json j = CredentialRequestToJson(in);
  EXPECT_EQ(j, Json::parse(R"({"credential_configuration_id":"SkillCredential_sd_jwt","proofs":{"jwt":["h.p.s"]}})"));
  auto out = ParseCredentialRequest(DumpJson(j));
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->jwt_proofs, in.jwt_proofs);
}

struct BadRequest {
  const char* name;
  std::string body;
  std::string_view error;
  const char* message;
};

class CredentialRequestRejects : public ::testing::TestWithParam<BadRequest> {};

TEST_P(CredentialRequestRejects, WithTheSpecErrorCode) {
  EXPECT_THAT(ParseCredentialRequest(GetParam().body, 3), OAuthFailsWith(GetParam().error, GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Bad, CredentialRequestRejects,
    ::testing::Values(
        BadRequest{"NotJson", "{", errors::kInvalidCredentialRequest, "not valid JSON"},
        BadRequest{"DuplicateMember", R"({"credential_identifier":"a","credential_identifier":"b"})", errors::kInvalidCredentialRequest, "not valid JSON"},
        BadRequest{"TooLarge", std::string(256 * 1024 + 1, ' '), errors::kInvalidCredentialRequest, "larger than 256 KiB"},
        BadRequest{"NotObject", "[]", errors::kInvalidCredentialRequest, "must be a JSON object"},
        BadRequest{"Neither", R"({"proofs":{"jwt":["a"]}})", errors::kInvalidCredentialRequest, "exactly one of 'credential_configuration_id' and"},
        BadRequest{"Both", R"({"credential_configuration_id":"a","credential_identifier":"b"})", errors::kInvalidCredentialRequest, "exactly one of"},
        BadRequest{"IdNotString", R"({"credential_configuration_id":7})", errors::kInvalidCredentialRequest, "'credential_configuration_id' must be a non-empty string"},
        BadRequest{"IdEmpty", R"({"credential_identifier":""})", errors::kInvalidCredentialRequest, "'credential_identifier' must be a non-empty string"},
        BadRequest{"LegacyFormat", R"({"credential_configuration_id":"a","format":"dc+sd-jwt"})", errors::kInvalidCredentialRequest, "'format' is not a Credential Request parameter"},
        BadRequest{"LegacyProof", R"({"credential_configuration_id":"a","proof":{"proof_type":"jwt","jwt":"x"}})", errors::kInvalidCredentialRequest, "singular 'proof' parameter was removed"},
        BadRequest{"Encryption", R"({"credential_configuration_id":"a","credential_response_encryption":{}})", errors::kInvalidEncryptionParameters, "not supported"},
        BadRequest{"ProofsArray", R"({"credential_configuration_id":"a","proofs":["x"]})", errors::kInvalidCredentialRequest, "'proofs' must be an object with exactly one proof type"},
        BadRequest{"ProofsEmpty", R"({"credential_configuration_id":"a","proofs":{}})", errors::kInvalidCredentialRequest, "exactly one proof type"},
        BadRequest{"ProofsTwoTypes", R"({"credential_configuration_id":"a","proofs":{"jwt":["x"],"attestation":["y"]}})", errors::kInvalidCredentialRequest, "exactly one proof type"},
        BadRequest{"ProofTypeDiVp", R"({"credential_configuration_id":"a","proofs":{"di_vp":[{}]}})", errors::kInvalidProof, "proof type 'di_vp' is not supported"},
        BadRequest{"ProofTypeAttestation", R"({"credential_configuration_id":"a","proofs":{"attestation":["x"]}})", errors::kInvalidProof, "proof type 'attestation' is not supported"},
        BadRequest{"ProofTypeEchoedSafely", R"({"credential_configuration_id":"a","proofs":{"x\"é\\y":[]}})", errors::kInvalidProof, "proof type 'x????y' is not supported"},
        BadRequest{"JwtNotArray", R"({"credential_configuration_id":"a","proofs":{"jwt":"x"}})", errors::kInvalidCredentialRequest, "'proofs.jwt' must be a non-empty array of strings"},
        BadRequest{"JwtEmptyArray", R"({"credential_configuration_id":"a","proofs":{"jwt":[]}})", errors::kInvalidCredentialRequest, "non-empty array"},
        BadRequest{"JwtNotString", R"({"credential_configuration_id":"a","proofs":{"jwt":[1]}})", errors::kInvalidCredentialRequest, "array of strings"},
        BadRequest{"JwtEmptyString", R"({"credential_configuration_id":"a","proofs":{"jwt":[""]}})", errors::kInvalidCredentialRequest, "array of strings"},
        BadRequest{"TooManyProofs", R"({"credential_configuration_id":"a","proofs":{"jwt":["a","b","c","d"]}})", errors::kInvalidCredentialRequest, "more than 3 proofs"},
        BadRequest{"ProofTooLarge", R"({"credential_configuration_id":"a","proofs":{"jwt":[")" + std::string(16 * 1024 + 1, 'a') + R"("]}})", errors::kInvalidCredentialRequest, "larger than 16 KiB"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CredentialResponse, ToJsonWrapsEachCredential) {
  const Json j = CredentialResponseToJson({Json("eyJ.sd~"), Json{{"@context", Json::array()}, {"type", "VerifiableCredential"}}}, "nid-1");
  EXPECT_EQ(j, Json::parse(R"({"credentials":[{"credential":"eyJ.sd~"},{"credential":{"@context":[],"type":"VerifiableCredential"}}],"notification_id":"nid-1"})"));
  EXPECT_FALSE(CredentialResponseToJson({Json("x")}).contains("notification_id"));
  auto back = ParseCredentialResponse(j);
  ASSERT_THAT(back, IsOk());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0], "eyJ.sd~");
  EXPECT_TRUE((*back)[1].is_object());
}

TEST(CredentialResponse, Rejects) {
  EXPECT_THAT(ParseCredentialResponse(Json::array()), FailsWith(ErrorCode::kInvalidArgument, "must be a JSON object"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"transaction_id":"8xLOxBtZp8","interval":3600})")),
              FailsWith(ErrorCode::kUnimplemented, "deferred credential issuance"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"credential":"eyJ"})")),
              FailsWith(ErrorCode::kInvalidArgument, "pre-1.0 singular 'credential'"));
  EXPECT_THAT(ParseCredentialResponse(Json::object()), FailsWith(ErrorCode::kInvalidArgument, "has no 'credentials'"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"credentials":[]})")), FailsWith(ErrorCode::kInvalidArgument, "must be a non-empty array"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"credentials":["eyJ"]})")), FailsWith(ErrorCode::kInvalidArgument, "entry must be an object"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"credentials":[{}]})")), FailsWith(ErrorCode::kInvalidArgument, "has no 'credential'"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"credentials":[{"credential":5}]})")),
              FailsWith(ErrorCode::kInvalidArgument, "non-empty string or object"));
  EXPECT_THAT(ParseCredentialResponse(Json::parse(R"({"credentials":[{"credential":"x"}],"notification_id":3})")),
              FailsWith(ErrorCode::kInvalidArgument, "'notification_id' must be a non-empty string"));
}

TEST(NonceResponse, RoundTrips) {
  const Json j = NonceResponseToJson("wKI4LT17ac15ES9bw8ac4");
  EXPECT_EQ(j, (Json{{"c_nonce", "wKI4LT17ac15ES9bw8ac4"}}));  // §7.2 example
  EXPECT_EQ(ParseNonceResponse(j).value(), "wKI4LT17ac15ES9bw8ac4");
  EXPECT_THAT(ParseNonceResponse(Json::object()), FailsWith(ErrorCode::kInvalidArgument, "'c_nonce' must be a non-empty string"));
  EXPECT_THAT(ParseNonceResponse(Json{{"c_nonce", 1}}), FailsWith(ErrorCode::kInvalidArgument, "'c_nonce'"));
  EXPECT_THAT(ParseNonceResponse(Json{{"c_nonce", std::string(1025, 'n')}}), FailsWith(ErrorCode::kInvalidArgument, "longer than 1024"));
  EXPECT_THAT(ParseNonceResponse(Json::array()), FailsWith(ErrorCode::kInvalidArgument, "must be a JSON object"));
}

}  // namespace
}  // namespace vaardig::oid4vc
