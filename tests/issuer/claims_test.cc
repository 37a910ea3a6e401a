// The claim → confirmation → endorsement workflow as a state machine over a real (in-memory)
// database: rights, states, the signed endorsement, the audit chain.
#include "issuer/app/claims.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "issuer/app/key_vault.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::FailsWith;
using crypto::testing::IsOk;
using testing::CountOf;
using testing::ReadFixture;
using testing::SnapshotWorkflow;

bool Contains(ByteView haystack, ByteView needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

KeyVault TestVault() {
  auto vault = KeyVault::FromKey(crypto::RandomSecret(kKekSize));
  EXPECT_TRUE(IsOk(vault));
  return std::move(*vault);
}

class ClaimsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = testing::OpenTestApp(clock_, Settings());
    ASSERT_NE(app_, nullptr);
    org_ = testing::SeedOrganisation(*app_);
  }
  virtual IssuerSettings Settings() {
    IssuerSettings s;
    s.organisation_id = "https://gemeente-voorbeeld.example";
    return s;
  }
  const Principal& P(const std::string& name) { return org_[name]; }

  // Bob's claim on klantgesprek, with the GPS photo, sent to Anna. Returns {claim, request}.
  std::pair<std::int64_t, std::int64_t> RequestedClaim(const std::string& who = "bob") {
    auto claim = CreateClaim(*app_, P(who), {"klantgesprek", 3, "Ik doe dit dagelijks aan de balie", "daily"});
    EXPECT_TRUE(IsOk(claim));
    if (!claim) return {0, 0};
    EXPECT_TRUE(IsOk(AddEvidence(*app_, P(who), claim->id, "IMG_0001.jpg", ReadFixture("photo_with_gps.jpg"))));
    auto request = RequestConfirmation(*app_, P(who), claim->id, std::nullopt, "Wil je dit bevestigen?");
    EXPECT_TRUE(IsOk(request));
    return {claim->id, request ? *request : 0};
  }
  std::string ClaimState(std::int64_t id) {
    auto row = app_->db().QueryOne("SELECT state FROM claims WHERE id = ?", {id});
    return (row && *row) ? (*row)->Text(0) : "?";
  }
  std::string RequestState(std::int64_t id) {
    auto row = app_->db().QueryOne("SELECT state FROM confirmation_requests WHERE id = ?", {id});
    return (row && *row) ? (*row)->Text(0) : "?";
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  KeyVault vault_ = TestVault();
};

TEST_F(ClaimsTest, EmployeeToManagerToConfirmedWithVerifiableEndorsement) {
  auto claim = CreateClaim(*app_, P("bob"), {"klantgesprek", 3, "Ik doe dit dagelijks", "daily"});
  ASSERT_TRUE(IsOk(claim));
  EXPECT_EQ(claim->state, "private");
  // Private: not in anyone's queue, not readable by the manager yet.
  auto evidence = AddEvidence(*app_, P("bob"), claim->id, "../../etc/IMG_0001.jpg", ReadFixture("photo_with_gps.jpg"));
  ASSERT_TRUE(IsOk(evidence));
  EXPECT_EQ(evidence->name, "IMG_0001.jpg");
  EXPECT_TRUE(FailsWith(GetClaim(*app_, P("anna"), claim->id), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(GetEvidence(*app_, P("anna"), evidence->id), ErrorCode::kNotFound));

  auto request = RequestConfirmation(*app_, P("bob"), claim->id, std::nullopt, "Graag bevestigen");
  ASSERT_TRUE(IsOk(request));
  EXPECT_EQ(ClaimState(claim->id), "requested");

  auto queue = Queue(*app_, P("anna"));
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 1u);
  const QueueItem& item = queue->front();
  EXPECT_EQ(item.request_id, *request);
  EXPECT_EQ(item.employee_name, "Bob Bakker");
  EXPECT_EQ(item.skill_name_nl, "Klantgesprek voeren");
  EXPECT_EQ(item.self_level, 3);
  EXPECT_EQ(item.note, "Ik doe dit dagelijks");
  EXPECT_EQ(item.frequency, "daily");
  ASSERT_EQ(item.evidence.size(), 1u);
  EXPECT_EQ(item.evidence[0].sha256, evidence->sha256);
  auto file = GetEvidence(*app_, P("anna"), evidence->id);
  ASSERT_TRUE(IsOk(file));
  EXPECT_EQ(file->media_type, "image/jpeg");

  auto endorsement = Confirm(*app_, vault_, P("anna"), *request, 2, "Goed gedaan aan de balie");
  ASSERT_TRUE(IsOk(endorsement));
  EXPECT_EQ(ClaimState(claim->id), "confirmed");
  EXPECT_EQ(RequestState(*request), "confirmed");

  // The JWS verifies with the stored public key of Anna's endorsement key; the key decides ES256.
  auto key_row = app_->db().QueryOne("SELECT public_jwk, person_id, purpose FROM signing_keys WHERE kid = ?",
                                     {endorsement->kid});
  ASSERT_TRUE(IsOk(key_row));
  ASSERT_TRUE(key_row->has_value());
  EXPECT_EQ((*key_row)->Int("person_id"), P("anna").person_id);
  EXPECT_EQ((*key_row)->Text("purpose"), "endorsement");
  auto public_jwk = jose::PublicJwk::Parse(std::string_view((*key_row)->Text("public_jwk")));
  ASSERT_TRUE(IsOk(public_jwk));
  EXPECT_EQ(public_jwk->Thumbprint(), endorsement->kid);
  auto verified = jose::VerifyCompactJws(endorsement->jws, *public_jwk,
                                         {.accepted_typ = {std::string(kEndorsementTyp)}});
  ASSERT_TRUE(IsOk(verified));
  EXPECT_EQ(verified->header.at("kid"), endorsement->kid);
  EXPECT_EQ(verified->header.at("alg"), "ES256");
  auto statement = ParseJson(std::string(verified->payload.begin(), verified->payload.end()));
  ASSERT_TRUE(IsOk(statement));
  EXPECT_EQ(*statement, endorsement->statement);
  EXPECT_EQ(statement->at("type"), "VaardigEndorsement");
  EXPECT_EQ(statement->at("issuer"), (Json{{"name", "Gemeente Voorbeeld"}, {"id", "https://gemeente-voorbeeld.example"}}));
  EXPECT_EQ(statement->at("endorser"), (Json{{"name", "Anna de Vries"}, {"role", "manager"}, {"employee_number", "M001"}}));
  EXPECT_EQ(statement->at("subject"), (Json{{"employee_number", "E001"}, {"name", "Bob Bakker"}}));
  EXPECT_EQ(statement->at("skill"), (Json{{"id", "klantgesprek"}, {"name_nl", "Klantgesprek voeren"},
                                          {"esco_uri", std::string(testing::kSeedEscoUri)}}));
  EXPECT_EQ(statement->at("level"), 2);
  EXPECT_EQ(statement->at("self_level"), 3);
  EXPECT_EQ(statement->at("evidence"), (Json::array({{{"name", "IMG_0001.jpg"}, {"sha256", evidence->sha256}}})));
  EXPECT_EQ(statement->at("comment"), "Goed gedaan aan de balie");
  EXPECT_EQ(statement->at("date"), FormatUtc(testing::kSeedNow));
  // A flipped signature byte no longer verifies.
  std::string tampered = endorsement->jws;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(jose::VerifyCompactJws(tampered, *public_jwk).has_value());

  // Stored: the endorsement row and both levels visible to the employee.
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements WHERE level = 2"), 1);
  auto mine = ListMyClaims(*app_, P("bob"));
  ASSERT_TRUE(IsOk(mine));
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().state, "confirmed");
  EXPECT_EQ(mine->front().self_level, 3);
  EXPECT_EQ(mine->front().endorser_level, 2);
  EXPECT_EQ(mine->front().endorser_name, "Anna de Vries");
  EXPECT_EQ(mine->front().endorser_comment, "Goed gedaan aan de balie");
  EXPECT_EQ(ClaimToJson(mine->front()).at("request").at("level"), 2);

  // Audit: every step, the statement's hash, no free text; the chain verifies.
  auto audit = app_->db().Query("SELECT action, details FROM audit_log ORDER BY seq");
  ASSERT_TRUE(IsOk(audit));
  std::vector<std::string> actions;
  for (const auto& row : *audit) {
    actions.push_back(row.Text("action"));
    EXPECT_EQ(row.Text("details").find("balie"), std::string::npos) << row.Text("details");
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"claim.create", "evidence.add", "confirmation.request", "key.create",
                                               "confirmation.confirm"}));
  auto confirm_details = ParseJson(audit->back().Text("details"));
  ASSERT_TRUE(IsOk(confirm_details));
  EXPECT_EQ(confirm_details->at("statement_sha256"),
            encoding::HexEncode(crypto::Sha256(verified->payload)));
  EXPECT_EQ(confirm_details->at("level"), 2);
  EXPECT_EQ(confirm_details->at("self_level"), 3);
  EXPECT_EQ(confirm_details->at("skill"), "klantgesprek");
  auto chain = AuditLog::Verify(app_->db());
  ASSERT_TRUE(IsOk(chain));
  EXPECT_TRUE(chain->ok);
}

TEST_F(ClaimsTest, ManagerOfAnotherTeamCannotSeeOrActAndNothingChanges) {
  auto [claim, request] = RequestedClaim();
  auto evidence_id = CountOf(*app_, "SELECT MAX(id) FROM evidence");
  const std::string before = SnapshotWorkflow(*app_);

  auto queue = Queue(*app_, P("carl"));
  ASSERT_TRUE(IsOk(queue));
  EXPECT_TRUE(queue->empty());
  EXPECT_TRUE(FailsWith(GetClaim(*app_, P("carl"), claim), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(GetEvidence(*app_, P("carl"), evidence_id), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(Confirm(*app_, vault_, P("carl"), request, 3, ""), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(AskForInformation(*app_, P("carl"), request, "Waarom?"), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(Decline(*app_, P("carl"), request, "Nee"), ErrorCode::kNotFound));
  // A colleague in the same team is no endorser either.
  EXPECT_TRUE(FailsWith(Confirm(*app_, vault_, P("eva"), request, 3, ""), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(GetEvidence(*app_, P("eva"), evidence_id), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(AddEvidence(*app_, P("eva"), claim, "x.pdf", ReadFixture("tiny.pdf")), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(Withdraw(*app_, P("carl"), claim), ErrorCode::kNotFound));
  // HR may read the evidence but may not answer a request not sent to them.
  EXPECT_TRUE(IsOk(GetEvidence(*app_, P("hanna"), evidence_id)));
  EXPECT_TRUE(FailsWith(Confirm(*app_, vault_, P("hanna"), request, 3, ""), ErrorCode::kPermissionDenied));
  // Unknown ids look the same as hidden ones.
  EXPECT_TRUE(FailsWith(Confirm(*app_, vault_, P("carl"), 999, 3, ""), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(GetEvidence(*app_, P("carl"), 999), ErrorCode::kNotFound));

  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

TEST_F(ClaimsTest, EmployeeCannotConfirmTheirOwnClaim) {
  auto [claim, request] = RequestedClaim();
  const std::string before = SnapshotWorkflow(*app_);
  auto own = Confirm(*app_, vault_, P("bob"), request, 3, "");
  EXPECT_TRUE(FailsWith(own, ErrorCode::kPermissionDenied));
  EXPECT_NE(own.error().message().find("only the endorser"), std::string::npos);
  EXPECT_TRUE(FailsWith(Decline(*app_, P("bob"), request, "x"), ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(AskForInformation(*app_, P("bob"), request, "x"), ErrorCode::kPermissionDenied));
  EXPECT_EQ(SnapshotWorkflow(*app_), before);

  // Nor can they address a request to themselves.
  auto other = CreateClaim(*app_, P("bob"), {"archiveren", 1, "", ""});
  ASSERT_TRUE(IsOk(other));
  auto self = RequestConfirmation(*app_, P("bob"), other->id, P("bob").person_id, "");
  EXPECT_TRUE(FailsWith(self, ErrorCode::kInvalidArgument));
  EXPECT_EQ(self.error().message(), "endorser: you cannot confirm your own skill");
}

TEST_F(ClaimsTest, DoubleConfirmFailsAndKeepsTheFirstEndorsement) {
  auto [claim, request] = RequestedClaim();
  auto first = Confirm(*app_, vault_, P("anna"), request, 2, "");
  ASSERT_TRUE(IsOk(first));
  const std::string before = SnapshotWorkflow(*app_);
  auto second = Confirm(*app_, vault_, P("anna"), request, 3, "");
  EXPECT_TRUE(FailsWith(second, ErrorCode::kFailedPrecondition));
  EXPECT_EQ(second.error().message(), "confirmation request " + std::to_string(request) + " is already confirmed");
  EXPECT_TRUE(FailsWith(Decline(*app_, P("anna"), request, "toch niet"), ErrorCode::kFailedPrecondition));
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements"), 1);
}

TEST_F(ClaimsTest, TwoConcurrentConfirmationsExactlyOneWins) {
  auto [claim, request] = RequestedClaim();
  // Anna and HR as co-endorser cannot both be addressed; race Anna against herself (two devices).
  std::atomic<int> ok{0};
  std::atomic<int> precondition{0};
  auto run = [&] {
    auto r = Confirm(*app_, vault_, P("anna"), request, 2, "");
    if (r) ++ok;
    else if (r.error().code() == ErrorCode::kFailedPrecondition) ++precondition;
  };
  std::thread a(run), b(run);
  a.join();
  b.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(precondition.load(), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM endorsements"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM signing_keys"), 1);
}

TEST_F(ClaimsTest, EndorserKeyIsCreatedOnceAndSealed) {
  auto [c1, r1] = RequestedClaim("bob");
  auto [c2, r2] = RequestedClaim("eva");
  auto e1 = Confirm(*app_, vault_, P("anna"), r1, 1, "");
  auto e2 = Confirm(*app_, vault_, P("anna"), r2, 3, "");
  ASSERT_TRUE(IsOk(e1));
  ASSERT_TRUE(IsOk(e2));
  EXPECT_EQ(e1->kid, e2->kid);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'key.create'"), 1);
  auto row = app_->db().QueryOne("SELECT sealed_private_key FROM signing_keys WHERE kid = ?", {e1->kid});
  ASSERT_TRUE(IsOk(row));
  const Bytes sealed = (*row)->Bytes(0);
  // No private JWK member in clear.
  const std::string d = "\"d\"";
  EXPECT_FALSE(Contains(sealed, AsBytes(d)));
  // Another vault (another KEK) cannot use the stored key.
  KeyVault other = TestVault();
  EXPECT_TRUE(FailsWith(GetOrCreateEndorserKey(*app_, other, P("anna").person_id), ErrorCode::kDataLoss));
}

TEST_F(ClaimsTest, EvidenceIsStoredWithoutGpsAndWithItsHash) {
  auto claim = CreateClaim(*app_, P("bob"), {"klantgesprek", 2, "", ""});
  ASSERT_TRUE(IsOk(claim));
  const Bytes original = ReadFixture("photo_with_gps.jpg");
  auto info = AddEvidence(*app_, P("bob"), claim->id, "foto.jpg", original);
  ASSERT_TRUE(IsOk(info));
  auto file = GetEvidence(*app_, P("bob"), info->id);
  ASSERT_TRUE(IsOk(file));
  const Bytes latitude = {52, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0xD2, 0x04, 0, 0, 100, 0, 0, 0};
  ASSERT_TRUE(Contains(original, latitude));
  EXPECT_FALSE(Contains(file->bytes, latitude));
  EXPECT_FALSE(Contains(file->bytes, AsBytes(std::string_view("VaardigCam"))));
  EXPECT_EQ(info->sha256, encoding::HexEncode(crypto::Sha256(file->bytes)));
  EXPECT_EQ(info->size, static_cast<std::int64_t>(file->bytes.size()));
  EXPECT_FALSE(info->removed.empty());
  // PNG and PDF are accepted too.
  EXPECT_TRUE(IsOk(AddEvidence(*app_, P("bob"), claim->id, "schema.png", ReadFixture("diagram_with_text.png"))));
  auto pdf = AddEvidence(*app_, P("bob"), claim->id, "certificaat.pdf", ReadFixture("tiny.pdf"));
  ASSERT_TRUE(IsOk(pdf));
  EXPECT_EQ(pdf->media_type, "application/pdf");
}

TEST_F(ClaimsTest, NonImageUploadIsRejectedAndNothingStored) {
  auto claim = CreateClaim(*app_, P("bob"), {"klantgesprek", 2, "", ""});
  ASSERT_TRUE(IsOk(claim));
  const std::string before = SnapshotWorkflow(*app_);
  const std::string html = "<html><script>alert(1)</script></html>";
  auto bad = AddEvidence(*app_, P("bob"), claim->id, "foto.jpg", AsBytes(html));
  EXPECT_TRUE(FailsWith(bad, ErrorCode::kInvalidArgument));
  EXPECT_EQ(bad.error().message(), "evidence must be a JPEG, PNG or PDF file");
  EXPECT_TRUE(FailsWith(AddEvidence(*app_, P("bob"), claim->id, "leeg.pdf", {}), ErrorCode::kInvalidArgument));
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
}

class SmallEvidenceLimitTest : public ClaimsTest {
  IssuerSettings Settings() override {
    IssuerSettings s;
    s.evidence_max_bytes = 100;
    return s;
  }
};

TEST_F(SmallEvidenceLimitTest, OversizedUploadIsResourceExhausted) {
  auto claim = CreateClaim(*app_, P("bob"), {"klantgesprek", 2, "", ""});
  ASSERT_TRUE(IsOk(claim));
  EXPECT_TRUE(FailsWith(AddEvidence(*app_, P("bob"), claim->id, "f.jpg", ReadFixture("photo_with_gps.jpg")),
                        ErrorCode::kResourceExhausted));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM evidence"), 0);
}

TEST_F(ClaimsTest, CreateClaimRejectsBadInput) {
  struct Case {
    NewClaim claim;
    ErrorCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"klantgesprek", 0, "", ""}, ErrorCode::kInvalidArgument, "self_level must be 1, 2 or 3"},
      {{"klantgesprek", 4, "", ""}, ErrorCode::kInvalidArgument, "self_level must be 1, 2 or 3"},
      {{"klantgesprek", 2, std::string(2001, 'a'), ""}, ErrorCode::kInvalidArgument,
       "note is longer than 2000 characters"},
      {{"klantgesprek", 2, "", "often"}, ErrorCode::kInvalidArgument,
       "frequency must be empty, rarely, monthly, weekly or daily"},
      {{"bestaat-niet", 2, "", ""}, ErrorCode::kNotFound, "skill bestaat-niet not found"},
      {{"oud", 2, "", ""}, ErrorCode::kNotFound, "skill oud not found"},
  };
  for (const Case& c : cases) {
    auto r = CreateClaim(*app_, P("bob"), c.claim);
    ASSERT_TRUE(FailsWith(r, c.code)) << c.message;
    EXPECT_EQ(r.error().message(), c.message);
  }
  // 2000 characters of two bytes each are fine (characters, not bytes).
  std::string accents;
  for (int i = 0; i < 2000; ++i) accents += "\xC3\xA9";
  EXPECT_TRUE(IsOk(CreateClaim(*app_, P("bob"), {"klantgesprek", 2, accents, "weekly"})));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM claims"), 1);
}

TEST_F(ClaimsTest, RequestRules) {
  auto claim = CreateClaim(*app_, P("bob"), {"klantgesprek", 2, "", ""});
  ASSERT_TRUE(IsOk(claim));
  // Another employee is not an endorser; unknown people are not found.
  auto employee = RequestConfirmation(*app_, P("bob"), claim->id, P("eva").person_id, "");
  EXPECT_TRUE(FailsWith(employee, ErrorCode::kInvalidArgument));
  EXPECT_EQ(employee.error().message(), "endorser: must be your manager or a person with role manager, hr or admin");
  EXPECT_TRUE(FailsWith(RequestConfirmation(*app_, P("bob"), claim->id, 999, ""), ErrorCode::kNotFound));
  // Someone else's claim is not found.
  EXPECT_TRUE(FailsWith(RequestConfirmation(*app_, P("eva"), claim->id, std::nullopt, ""), ErrorCode::kNotFound));
  // Another manager (another endorser) is allowed; a second request while one is open is not.
  auto to_carl = RequestConfirmation(*app_, P("bob"), claim->id, P("carl").person_id, "");
  ASSERT_TRUE(IsOk(to_carl));
  EXPECT_EQ(Queue(*app_, P("carl"))->size(), 1u);
  EXPECT_TRUE(Queue(*app_, P("anna"))->empty());
  EXPECT_TRUE(FailsWith(RequestConfirmation(*app_, P("bob"), claim->id, std::nullopt, ""), ErrorCode::kFailedPrecondition));
  // Without a manager the endorser must be named.
  auto ivo_claim = CreateClaim(*app_, P("ivo"), {"archiveren", 1, "", ""});
  ASSERT_TRUE(IsOk(ivo_claim));
  auto none = RequestConfirmation(*app_, P("ivo"), ivo_claim->id, std::nullopt, "");
  EXPECT_TRUE(FailsWith(none, ErrorCode::kFailedPrecondition));
  EXPECT_EQ(none.error().message(), "you have no manager: choose an endorser");
  EXPECT_TRUE(IsOk(RequestConfirmation(*app_, P("ivo"), ivo_claim->id, P("hanna").person_id, "")));
  // Over-long message.
  auto other = CreateClaim(*app_, P("eva"), {"archiveren", 1, "", ""});
  ASSERT_TRUE(IsOk(other));
  EXPECT_TRUE(FailsWith(RequestConfirmation(*app_, P("eva"), other->id, std::nullopt, std::string(2001, 'x')),
                        ErrorCode::kInvalidArgument));
}

TEST_F(ClaimsTest, AskForInformationThenAnswerThenConfirm) {
  auto [claim, request] = RequestedClaim();
  EXPECT_TRUE(FailsWith(AskForInformation(*app_, P("anna"), request, ""), ErrorCode::kInvalidArgument));
  // Answering before anything was asked is refused.
  EXPECT_TRUE(FailsWith(RespondWithInformation(*app_, P("bob"), claim, "hier"), ErrorCode::kFailedPrecondition));
  ASSERT_TRUE(IsOk(AskForInformation(*app_, P("anna"), request, "Heb je een voorbeeld?")));
  EXPECT_EQ(ClaimState(claim), "info_requested");
  EXPECT_EQ(RequestState(request), "info_requested");
  auto mine = GetClaim(*app_, P("bob"), claim);
  ASSERT_TRUE(IsOk(mine));
  EXPECT_EQ(mine->endorser_comment, "Heb je een voorbeeld?");
  // Still in the queue while waiting; a second question is refused.
  EXPECT_EQ(Queue(*app_, P("anna"))->size(), 1u);
  EXPECT_TRUE(FailsWith(AskForInformation(*app_, P("anna"), request, "en nog?"), ErrorCode::kFailedPrecondition));
  // Only the owner answers; an answer with a bad upload changes nothing.
  EXPECT_TRUE(FailsWith(RespondWithInformation(*app_, P("eva"), claim, "x"), ErrorCode::kNotFound));
  const std::string before = SnapshotWorkflow(*app_);
  const std::vector<EvidenceUpload> bad = {{"ok.pdf", ReadFixture("tiny.pdf")}, {"bad.jpg", Bytes{1, 2, 3}}};
  EXPECT_TRUE(FailsWith(RespondWithInformation(*app_, P("bob"), claim, "Zie bijlage", bad), ErrorCode::kInvalidArgument));
  EXPECT_EQ(SnapshotWorkflow(*app_), before);
  const std::vector<EvidenceUpload> good = {{"ok.pdf", ReadFixture("tiny.pdf")}};
  ASSERT_TRUE(IsOk(RespondWithInformation(*app_, P("bob"), claim, "Zie bijlage", good)));
  EXPECT_EQ(ClaimState(claim), "requested");
  EXPECT_EQ(RequestState(request), "open");
  auto queue = Queue(*app_, P("anna"));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().message, "Wil je dit bevestigen?\n\nZie bijlage");
  EXPECT_EQ(queue->front().evidence.size(), 2u);
  auto endorsement = Confirm(*app_, vault_, P("anna"), request, 3, "");
  ASSERT_TRUE(IsOk(endorsement));
  EXPECT_EQ(endorsement->statement.at("evidence").size(), 2u);
  auto chain = AuditLog::Verify(app_->db());
  ASSERT_TRUE(IsOk(chain));
  EXPECT_TRUE(chain->ok);
}

TEST_F(ClaimsTest, DeclineNeedsAReasonAndAllowsANewRequest) {
  auto [claim, request] = RequestedClaim();
  auto no_reason = Decline(*app_, P("anna"), request, "");
  EXPECT_TRUE(FailsWith(no_reason, ErrorCode::kInvalidArgument));
  EXPECT_EQ(no_reason.error().message(), "reason: say why you decline");
  ASSERT_TRUE(IsOk(Decline(*app_, P("anna"), request, "Nog niet gezien in de praktijk")));
  EXPECT_EQ(ClaimState(claim), "declined");
  EXPECT_TRUE(Queue(*app_, P("anna"))->empty());
  auto mine = GetClaim(*app_, P("bob"), claim);
  ASSERT_TRUE(IsOk(mine));
  EXPECT_EQ(mine->request_state, "declined");
  EXPECT_EQ(mine->endorser_comment, "Nog niet gezien in de praktijk");
  EXPECT_FALSE(mine->endorser_level.has_value());
  // Evidence cannot be added to a declined claim, but it can be sent again.
  EXPECT_TRUE(FailsWith(AddEvidence(*app_, P("bob"), claim, "x.pdf", ReadFixture("tiny.pdf")),
                        ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(IsOk(RequestConfirmation(*app_, P("bob"), claim, std::nullopt, "Opnieuw")));
  EXPECT_EQ(ClaimState(claim), "requested");
}

TEST_F(ClaimsTest, WithdrawEndsTheRequest) {
  auto [claim, request] = RequestedClaim();
  ASSERT_TRUE(IsOk(Withdraw(*app_, P("bob"), claim)));
  EXPECT_EQ(ClaimState(claim), "withdrawn");
  EXPECT_EQ(RequestState(request), "withdrawn");
  EXPECT_TRUE(Queue(*app_, P("anna"))->empty());
  EXPECT_TRUE(FailsWith(Confirm(*app_, vault_, P("anna"), request, 2, ""), ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(FailsWith(Withdraw(*app_, P("bob"), claim), ErrorCode::kFailedPrecondition));
  // After the request ended the former endorser no longer reads the evidence.
  EXPECT_TRUE(FailsWith(GetEvidence(*app_, P("anna"), CountOf(*app_, "SELECT MAX(id) FROM evidence")),
                        ErrorCode::kNotFound));

  auto [claim2, request2] = RequestedClaim();
  ASSERT_TRUE(IsOk(Confirm(*app_, vault_, P("anna"), request2, 2, "")));
  EXPECT_TRUE(FailsWith(Withdraw(*app_, P("bob"), claim2), ErrorCode::kFailedPrecondition));
}

TEST(SanitizeEvidenceName, KeepsOnlyASafeBaseName) {
  EXPECT_EQ(SanitizeEvidenceName("foto.jpg"), "foto.jpg");
  EXPECT_EQ(SanitizeEvidenceName("../../etc/passwd"), "passwd");
  EXPECT_EQ(SanitizeEvidenceName("C:\\Users\\bob\\scan.pdf"), "scan.pdf");
  EXPECT_EQ(SanitizeEvidenceName("a\"b\r\nc.png"), "abc.png");
  EXPECT_EQ(SanitizeEvidenceName("dir/"), "evidence");
  EXPECT_EQ(SanitizeEvidenceName(".."), "evidence");
  EXPECT_EQ(SanitizeEvidenceName(std::string(300, 'x')).size(), kMaxEvidenceNameBytes);
  // Cut on a character boundary: 199 ASCII + "é" (2 bytes) → 199 bytes.
  EXPECT_EQ(SanitizeEvidenceName(std::string(199, 'x') + "\xC3\xA9" + "yy").size(), 199u);
}

// --- the key vault ---

class KekFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vaardig-kek-" + encoding::HexEncode(crypto::RandomBytes(8)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text, mode_t mode) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(KekFileTest, GeneratedKekLoadsAndIsNeverOverwritten) {
  const std::string path = (dir_ / "kek").string();
  ASSERT_TRUE(IsOk(RunGenerateKek(path)));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto vault = KeyVault::Load(path);
  ASSERT_TRUE(IsOk(vault));
  auto again = RunGenerateKek(path);
  EXPECT_TRUE(FailsWith(again, ErrorCode::kAlreadyExists));
  EXPECT_TRUE(IsOk(KeyVault::Load(path)));
  // Sealed under the file's KEK, opened by a second load of the same file.
  const auto secret = crypto::SecretBytes::CopyFrom(AsBytes(std::string_view("private jwk")));
  auto sealed = vault->Seal(secret, "kid-1");
  ASSERT_TRUE(IsOk(sealed));
  auto opened = KeyVault::Load(path)->Open(*sealed, "kid-1");
  ASSERT_TRUE(IsOk(opened));
  EXPECT_TRUE(*opened == secret);
}

TEST_F(KekFileTest, WorldReadableKekFileIsRefused) {
  const std::string key = encoding::Base64UrlEncode(crypto::RandomBytes(kKekSize));
  const std::string path = Write("kek", key + "\n", 0644);
  auto vault = KeyVault::Load(path);
  ASSERT_TRUE(FailsWith(vault, ErrorCode::kFailedPrecondition));
  EXPECT_EQ(vault.error().message(), "key-encryption key file " + path +
                                         " has mode 0644; it must not be readable by group or others (chmod 600)");
  EXPECT_EQ(vault.error().message().find(key), std::string::npos);
  EXPECT_TRUE(FailsWith(KeyVault::Load(Write("kek-g", key, 0640)), ErrorCode::kFailedPrecondition));
  EXPECT_TRUE(IsOk(KeyVault::Load(Write("kek-ok", key, 0600))));
  EXPECT_TRUE(IsOk(KeyVault::Load(Write("kek-ro", key, 0400))));
}

TEST_F(KekFileTest, BadKekFilesAreRefused) {
  const std::string short_key = encoding::Base64UrlEncode(crypto::RandomBytes(16));
  auto too_short = KeyVault::Load(Write("short", short_key, 0600));
  EXPECT_TRUE(FailsWith(too_short, ErrorCode::kInvalidArgument));
  EXPECT_NE(too_short.error().message().find("must be 32 bytes, got 16"), std::string::npos);
  EXPECT_TRUE(FailsWith(KeyVault::Load(Write("garbage", "not base64url!!", 0600)), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(KeyVault::Load(Write("long", std::string(1000, 'A'), 0600)), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(KeyVault::Load((dir_ / "missing").string()), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(KeyVault::FromKey(crypto::RandomSecret(31)), ErrorCode::kInvalidArgument));
}

TEST(KeyVault, KekFromEnvironment) {
  const std::string key = encoding::Base64UrlEncode(crypto::RandomBytes(kKekSize));
  ::setenv("VAARDIG_ISSUER_KEK", key.c_str(), 1);
  EXPECT_TRUE(IsOk(KeyVault::Load("")));
  ::setenv("VAARDIG_ISSUER_KEK", "", 1);
  EXPECT_TRUE(FailsWith(KeyVault::Load(""), ErrorCode::kFailedPrecondition));
  ::unsetenv("VAARDIG_ISSUER_KEK");
  EXPECT_TRUE(FailsWith(KeyVault::Load(""), ErrorCode::kFailedPrecondition));
}

TEST(KeyVault, SealedKeyOpensOnlyWithItsKidAndKek) {
  KeyVault vault = TestVault();
  KeyVault other = TestVault();
  const auto secret = crypto::SecretBytes::CopyFrom(AsBytes(std::string_view("{\"d\":\"...\"}")));
  auto sealed = vault.Seal(secret, "kid-A");
  ASSERT_TRUE(IsOk(sealed));
  EXPECT_EQ(sealed->size(), kSealNonceSize + secret.size() + kSealTagSize);
  auto opened = vault.Open(*sealed, "kid-A");
  ASSERT_TRUE(IsOk(opened));
  EXPECT_TRUE(*opened == secret);
  auto wrong_kid = vault.Open(*sealed, "kid-B");
  EXPECT_TRUE(FailsWith(wrong_kid, ErrorCode::kUnauthenticated));
  EXPECT_EQ(wrong_kid.error().message(),
            "sealed key does not open: another key-encryption key, another key id, or damaged");
  EXPECT_TRUE(FailsWith(other.Open(*sealed, "kid-A"), ErrorCode::kUnauthenticated));
  Bytes flipped = *sealed;
  flipped[kSealNonceSize] ^= 1;
  EXPECT_TRUE(FailsWith(vault.Open(flipped, "kid-A"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(vault.Open(Bytes(kSealNonceSize + kSealTagSize - 1), "kid-A"), ErrorCode::kInvalidArgument));
  // Two seals of the same plaintext differ (random nonce).
  auto again = vault.Seal(secret, "kid-A");
  ASSERT_TRUE(IsOk(again));
  EXPECT_NE(*again, *sealed);
}

}  // namespace
}  // namespace vaardig::issuer
