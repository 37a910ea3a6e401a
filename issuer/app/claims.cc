#include "issuer/app/claims.h"

#include <algorithm>
#include <array>

#include "issuer/app/endorsement.h"
#include "issuer/domain/evidence.h"

namespace vaardig::issuer {

namespace {

constexpr std::array kFrequencies = {"", "rarely", "monthly", "weekly", "daily"};

std::string Id(std::string_view kind, std::int64_t id) { return std::string(kind) + ":" + std::to_string(id); }

// Characters (UTF-8 code points; input is valid UTF-8 when it came through ParseJson/ParseForm).
std::size_t CharCount(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Status CheckText(std::string_view text, std::string_view member) {
  if (CharCount(text) > kMaxNoteChars) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(member) + " is longer than " + std::to_string(kMaxNoteChars) + " characters");
  }
  return Ok();
}

Status CheckLevel(int level, std::string_view member) {
  if (level < 1 || level > 3) {
    return Fail(ErrorCode::kInvalidArgument, std::string(member) + " must be 1, 2 or 3");
  }
  return Ok();
}

Error ClaimNotFound(std::int64_t id) { return Error(ErrorCode::kNotFound, "claim " + std::to_string(id) + " not found"); }
Error RequestNotFound(std::int64_t id) {
  return Error(ErrorCode::kNotFound, "confirmation request " + std::to_string(id) + " not found");
}

Result<std::vector<EvidenceInfo>> LoadEvidence(store::Database& db, std::int64_t claim_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto rows, db.Query("SELECT id, name, media_type, size, sha256, removed_metadata "
                                               "FROM evidence WHERE claim_id = ? ORDER BY id",
                                               {claim_id}));
  std::vector<EvidenceInfo> out;
  for (const store::Row& row : rows) {
    EvidenceInfo e{row.Int("id"), row.Text("name"), row.Text("media_type"), row.Int("size"), row.Text("sha256"), {}};
    if (auto removed = ParseJson(row.Text("removed_metadata")); removed && removed->is_array()) {
      for (const Json& r : *removed) {
        if (r.is_string()) e.removed.push_back(r.get<std::string>());
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

// The claim row; not_found unless `principal` owns it (or `allow` says otherwise).
Result<store::Row> OwnClaim(store::Database& db, const Principal& principal, std::int64_t claim_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT id, person_id, skill_id, self_level, state FROM claims "
                                                 "WHERE id = ?",
                                                 {claim_id}));
  if (!row || row->Int("person_id") != principal.person_id) return Fail(ClaimNotFound(claim_id));
  return std::move(*row);
}

// The request with its claim's owner. Only the addressed endorser acts on it: the claim's owner
// and hr/admin (who may see it) get permission_denied; anyone else not_found.
Result<store::Row> AddressedRequest(store::Database& db, const Principal& principal, std::int64_t request_id) {
  VAARDIG_ASSIGN_OR_RETURN(
      auto row, db.QueryOne("SELECT r.id, r.claim_id, r.endorser_id, r.state, c.person_id, c.skill_id, c.self_level "
                            "FROM confirmation_requests r JOIN claims c ON c.id = r.claim_id WHERE r.id = ?",
                            {request_id}));
  if (!row) return Fail(RequestNotFound(request_id));
  if (row->Int("endorser_id") == principal.person_id) return std::move(*row);
  if (row->Int("person_id") == principal.person_id || principal.IsHrOrAdmin()) {
    return Fail(ErrorCode::kPermissionDenied,
                "only the endorser the request was sent to can answer confirmation request " +
                    std::to_string(request_id));
  }
  return Fail(RequestNotFound(request_id));
}

Status RequireWaiting(const store::Row& request) {
  const std::string state = request.Text("state");
  if (state != "open" && state != "info_requested") {
    return Fail(ErrorCode::kFailedPrecondition,
                "confirmation request " + std::to_string(request.Int("id")) + " is already " + state);
  }
  return Ok();
}

// Moves a waiting request to `to` only if it is still waiting and addressed to `endorser`: of two
// concurrent answers exactly one changes the row.
Status TransitionRequest(store::Database& tx, std::int64_t request_id, std::int64_t endorser, std::string_view to,
                         std::optional<int> level, std::string_view comment, const std::string& now) {
  VAARDIG_ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx.Execute("UPDATE confirmation_requests SET state = ?, response_level = ?, response_comment = ?, "
                 "responded_at = ? WHERE id = ? AND endorser_id = ? AND state IN ('open', 'info_requested')",
                 {std::string(to), level ? store::Value(std::int64_t{*level}) : store::Value(nullptr),
                  std::string(comment), now, request_id, endorser}));
  if (changed != 1) {
    return Fail(ErrorCode::kFailedPrecondition,
                "confirmation request " + std::to_string(request_id) + " was answered already");
  }
  return Ok();
}

Status SetClaimState(store::Database& tx, std::int64_t claim_id, std::string_view state, const std::string& now) {
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t changed, tx.Execute("UPDATE claims SET state = ?, updated_at = ? WHERE id = ?",
                                                            {std::string(state), now, claim_id}));
  if (changed != 1) return Fail(ErrorCode::kInternal, "claim state not updated");
  return Ok();
}

Result<EvidenceInfo> InsertEvidence(IssuerApp& app, store::Database& tx, const Principal& principal,
                                    std::int64_t claim_id, std::string_view file_name, ByteView bytes) {
  VAARDIG_ASSIGN_OR_RETURN(SanitizedEvidence clean, SanitizeEvidence(bytes, app.settings().evidence_max_bytes));
  const std::string name = SanitizeEvidenceName(file_name);
  Json removed = clean.removed;
  VAARDIG_ASSIGN_OR_RETURN(
      auto row, tx.QueryOne("INSERT INTO evidence (claim_id, name, media_type, size, sha256, content, "
                            "removed_metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            {claim_id, name, clean.media_type, static_cast<std::int64_t>(clean.bytes.size()),
                             clean.sha256_hex, store::Blob(clean.bytes), DumpJson(removed), app.Now()}));
  if (!row) return Fail(ErrorCode::kInternal, "evidence not stored");
  EvidenceInfo info{row->Int("id"), name, clean.media_type, static_cast<std::int64_t>(clean.bytes.size()),
                    clean.sha256_hex, clean.removed};
  VAARDIG_RETURN_IF_ERROR(AuditLog::Append(tx, app.clock(), principal.AuditActor(), "evidence.add",
                                           Id("evidence", info.id),
                                           Json{{"claim", claim_id},
                                                {"media_type", info.media_type},
                                                {"size", info.size},
                                                {"sha256", info.sha256},
                                                {"removed", removed}}));
  return info;
}

constexpr std::string_view kClaimSelect =
    "SELECT c.id, c.person_id, c.skill_id, s.name_nl, s.name_en, c.self_level, c.note, c.frequency, c.state, "
    "c.created_at, c.updated_at, r.id AS request_id, r.state AS request_state, r.endorser_id, "
    "p.name AS endorser_name, r.response_level, r.response_comment "
    "FROM claims c JOIN skills s ON s.id = c.skill_id "
    "LEFT JOIN confirmation_requests r ON r.id = (SELECT MAX(id) FROM confirmation_requests WHERE claim_id = c.id) "
    "LEFT JOIN people p ON p.id = r.endorser_id ";

Result<ClaimView> ToClaimView(store::Database& db, const store::Row& row) {
  ClaimView v;
  v.id = row.Int("id");
  v.person_id = row.Int("person_id");
  v.skill_id = row.Text("skill_id");
  v.skill_name_nl = row.Text("name_nl");
  v.skill_name_en = row.Text("name_en");
  v.self_level = static_cast<int>(row.Int("self_level"));
  v.note = row.Text("note");
  v.frequency = row.Text("frequency");
  v.state = row.Text("state");
  v.created_at = row.Text("created_at");
  v.updated_at = row.Text("updated_at");
  v.request_id = row.OptInt("request_id");
  if (v.request_id) {
    v.request_state = row.Text("request_state");
    v.endorser_id = row.OptInt("endorser_id");
    v.endorser_name = row.Text("endorser_name");
    if (auto level = row.OptInt("response_level")) v.endorser_level = static_cast<int>(*level);
    v.endorser_comment = row.Text("response_comment");
  }
  VAARDIG_ASSIGN_OR_RETURN(v.evidence, LoadEvidence(db, v.id));
  return v;
}

Result<ClaimView> LoadClaimView(store::Database& db, std::int64_t claim_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne(std::string(kClaimSelect) + "WHERE c.id = ?", {claim_id}));
  if (!row) return Fail(ClaimNotFound(claim_id));
  return ToClaimView(db, *row);
}

}  // namespace

Json EvidenceToJson(const EvidenceInfo& e) {
  return Json{{"id", e.id},   {"name", e.name},     {"media_type", e.media_type},
              {"size", e.size}, {"sha256", e.sha256}, {"removed_metadata", e.removed}};
}

Json ClaimToJson(const ClaimView& c) {
  Json evidence = Json::array();
  for (const EvidenceInfo& e : c.evidence) evidence.push_back(EvidenceToJson(e));
  Json out{{"id", c.id},
           {"skill", {{"id", c.skill_id}, {"name_nl", c.skill_name_nl}, {"name_en", c.skill_name_en}}},
           {"self_level", c.self_level},
           {"note", c.note},
           {"frequency", c.frequency},
           {"state", c.state},
           {"evidence", std::move(evidence)},
           {"created_at", c.created_at},
           {"updated_at", c.updated_at}};
  if (c.request_id) {
    out["request"] = Json{{"id", *c.request_id},
                          {"state", c.request_state},
                          {"endorser", {{"id", c.endorser_id.value_or(0)}, {"name", c.endorser_name}}},
                          {"level", c.endorser_level ? Json(*c.endorser_level) : Json(nullptr)},
                          {"comment", c.endorser_comment}};
  } else {
    out["request"] = nullptr;
  }
  return out;
}

Json QueueItemToJson(const QueueItem& q) {
  Json evidence = Json::array();
  for (const EvidenceInfo& e : q.evidence) evidence.push_back(EvidenceToJson(e));
  return Json{{"request_id", q.request_id},
              {"state", q.state},
              {"message", q.message},
              {"created_at", q.created_at},
              {"claim_id", q.claim_id},
              {"employee", {{"id", q.employee_id}, {"name", q.employee_name}, {"employee_number", q.employee_number}}},
              {"skill", {{"id", q.skill_id}, {"name_nl", q.skill_name_nl}, {"name_en", q.skill_name_en}}},
              {"self_level", q.self_level},
              {"note", q.note},
              {"frequency", q.frequency},
              {"evidence", std::move(evidence)}};
}

std::string SanitizeEvidenceName(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"') continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kMaxEvidenceNameBytes) {
    std::size_t cut = kMaxEvidenceNameBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? std::string("evidence") : out;
}

Result<ClaimView> CreateClaim(IssuerApp& app, const Principal& principal, const NewClaim& claim) {
  VAARDIG_RETURN_IF_ERROR(CheckLevel(claim.self_level, "self_level"));
  VAARDIG_RETURN_IF_ERROR(CheckText(claim.note, "note"));
  if (std::find(kFrequencies.begin(), kFrequencies.end(), claim.frequency) == kFrequencies.end()) {
    return Fail(ErrorCode::kInvalidArgument, "frequency must be empty, rarely, monthly, weekly or daily");
  }
  std::int64_t id = 0;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto skill, tx.QueryOne("SELECT id FROM skills WHERE id = ? AND active = 1",
                                                     {claim.skill_id}));
    if (!skill) return Fail(ErrorCode::kNotFound, "skill " + claim.skill_id + " not found");
    const std::string now = app.Now();
    VAARDIG_ASSIGN_OR_RETURN(
        auto row, tx.QueryOne("INSERT INTO claims (person_id, skill_id, self_level, note, frequency, state, "
                              "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'private', ?, ?) RETURNING id",
                              {principal.person_id, claim.skill_id, std::int64_t{claim.self_level}, claim.note,
                               claim.frequency, now, now}));
    if (!row) return Fail(ErrorCode::kInternal, "claim not stored");
    id = row->Int("id");
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "claim.create", Id("claim", id),
                            Json{{"skill", claim.skill_id}, {"self_level", claim.self_level}});
  }));
  return LoadClaimView(app.db(), id);
}

Result<EvidenceInfo> AddEvidence(IssuerApp& app, const Principal& principal, std::int64_t claim_id,
                                 std::string_view file_name, ByteView bytes) {
  std::optional<EvidenceInfo> info;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row claim, OwnClaim(tx, principal, claim_id));
    const std::string state = claim.Text("state");
    if (state != "private" && state != "requested" && state != "info_requested") {
      return Fail(ErrorCode::kFailedPrecondition, "evidence cannot be added to a claim that is " + state);
    }
    VAARDIG_ASSIGN_OR_RETURN(info, InsertEvidence(app, tx, principal, claim_id, file_name, bytes));
    return Ok();
  }));
  return std::move(*info);
}

Result<EvidenceFile> GetEvidence(IssuerApp& app, const Principal& principal, std::int64_t evidence_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, app.db().QueryOne("SELECT e.name, e.media_type, e.content, e.claim_id, c.person_id "
                                                       "FROM evidence e JOIN claims c ON c.id = e.claim_id WHERE e.id = ?",
                                                       {evidence_id}));
  const Error not_found(ErrorCode::kNotFound, "evidence " + std::to_string(evidence_id) + " not found");
  if (!row) return Fail(not_found);
  bool allowed = row->Int("person_id") == principal.person_id || principal.IsHrOrAdmin();
  if (!allowed) {
    VAARDIG_ASSIGN_OR_RETURN(auto request,
                             app.db().QueryOne("SELECT COUNT(*) AS n FROM confirmation_requests WHERE claim_id = ? AND "
                                               "endorser_id = ? AND state IN ('open', 'info_requested')",
                                               {row->Int("claim_id"), principal.person_id}));
    allowed = request && request->Int("n") > 0;
  }
  if (!allowed) return Fail(not_found);
  return EvidenceFile{row->Text("name"), row->Text("media_type"), row->Bytes("content")};
}

Result<std::vector<ClaimView>> ListMyClaims(IssuerApp& app, const Principal& principal) {
  VAARDIG_ASSIGN_OR_RETURN(auto rows, app.db().Query(std::string(kClaimSelect) + "WHERE c.person_id = ? ORDER BY c.id DESC",
                                                     {principal.person_id}));
  std::vector<ClaimView> out;
  for (const store::Row& row : rows) {
    VAARDIG_ASSIGN_OR_RETURN(ClaimView v, ToClaimView(app.db(), row));
    out.push_back(std::move(v));
  }
  return out;
}

Result<ClaimView> GetClaim(IssuerApp& app, const Principal& principal, std::int64_t claim_id) {
  VAARDIG_ASSIGN_OR_RETURN(ClaimView view, LoadClaimView(app.db(), claim_id));
  if (view.person_id == principal.person_id || principal.IsHrOrAdmin()) return view;
  VAARDIG_ASSIGN_OR_RETURN(auto addressed, app.db().QueryOne("SELECT COUNT(*) AS n FROM confirmation_requests "
                                                             "WHERE claim_id = ? AND endorser_id = ?",
                                                             {claim_id, principal.person_id}));
  if (addressed && addressed->Int("n") > 0) return view;
  return Fail(ClaimNotFound(claim_id));
}

Result<std::int64_t> RequestConfirmation(IssuerApp& app, const Principal& principal, std::int64_t claim_id,
                                         std::optional<std::int64_t> endorser_id, std::string_view message) {
  VAARDIG_RETURN_IF_ERROR(CheckText(message, "message"));
  std::int64_t request_id = 0;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row claim, OwnClaim(tx, principal, claim_id));
    const std::string state = claim.Text("state");
    if (state != "private" && state != "declined") {
      return Fail(ErrorCode::kFailedPrecondition,
                  "claim " + std::to_string(claim_id) + " is " + state + "; only a private or declined claim can be sent");
    }
    VAARDIG_ASSIGN_OR_RETURN(auto me, tx.QueryOne("SELECT manager_id FROM people WHERE id = ?", {principal.person_id}));
    const std::optional<std::int64_t> manager = me ? me->OptInt("manager_id") : std::nullopt;
    if (!endorser_id) {
      if (!manager) return Fail(ErrorCode::kFailedPrecondition, "you have no manager: choose an endorser");
      endorser_id = manager;
    }
    if (*endorser_id == principal.person_id) {
      return Fail(ErrorCode::kInvalidArgument, "endorser: you cannot confirm your own skill");
    }
    VAARDIG_ASSIGN_OR_RETURN(auto endorser, tx.QueryOne("SELECT role FROM people WHERE id = ? AND active = 1",
                                                        {*endorser_id}));
    if (!endorser) return Fail(ErrorCode::kNotFound, "endorser " + std::to_string(*endorser_id) + " not found");
    const std::string role = endorser->Text("role");
    if (endorser_id != manager && role != "manager" && role != "hr" && role != "admin") {
      return Fail(ErrorCode::kInvalidArgument,
                  "endorser: must be your manager or a person with role manager, hr or admin");
    }
    VAARDIG_ASSIGN_OR_RETURN(auto waiting, tx.QueryOne("SELECT COUNT(*) AS n FROM confirmation_requests WHERE "
                                                       "claim_id = ? AND state IN ('open', 'info_requested')",
                                                       {claim_id}));
    if (waiting && waiting->Int("n") > 0) {
      return Fail(ErrorCode::kAlreadyExists, "claim " + std::to_string(claim_id) + " already has an open request");
    }
    const std::string now = app.Now();
    VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("INSERT INTO confirmation_requests (claim_id, endorser_id, state, "
                                                   "message, created_at) VALUES (?, ?, 'open', ?, ?) RETURNING id",
                                                   {claim_id, *endorser_id, std::string(message), now}));
    if (!row) return Fail(ErrorCode::kInternal, "confirmation request not stored");
    request_id = row->Int("id");
    VAARDIG_RETURN_IF_ERROR(SetClaimState(tx, claim_id, "requested", now));
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "confirmation.request",
                            Id("confirmation_request", request_id),
                            Json{{"claim", claim_id}, {"endorser", Id("person", *endorser_id)}});
  }));
  return request_id;
}

Result<std::vector<QueueItem>> Queue(IssuerApp& app, const Principal& principal) {
  VAARDIG_ASSIGN_OR_RETURN(
      auto rows,
      app.db().Query("SELECT r.id, r.state, r.message, r.created_at, c.id AS claim_id, p.id AS employee_id, "
                     "p.name, p.employee_number, s.id AS skill_id, s.name_nl, s.name_en, c.self_level, c.note, "
                     "c.frequency FROM confirmation_requests r JOIN claims c ON c.id = r.claim_id "
                     "JOIN people p ON p.id = c.person_id JOIN skills s ON s.id = c.skill_id "
                     "WHERE r.endorser_id = ? AND r.state IN ('open', 'info_requested') ORDER BY r.id",
                     {principal.person_id}));
  std::vector<QueueItem> out;
  for (const store::Row& row : rows) {
    QueueItem q;
    q.request_id = row.Int("id");
    q.state = row.Text("state");
    q.message = row.Text("message");
    q.created_at = row.Text("created_at");
    q.claim_id = row.Int("claim_id");
    q.employee_id = row.Int("employee_id");
    q.employee_name = row.Text("name");
    q.employee_number = row.Text("employee_number");
    q.skill_id = row.Text("skill_id");
    q.skill_name_nl = row.Text("name_nl");
    q.skill_name_en = row.Text("name_en");
    q.self_level = static_cast<int>(row.Int("self_level"));
    q.note = row.Text("note");
    q.frequency = row.Text("frequency");
    VAARDIG_ASSIGN_OR_RETURN(q.evidence, LoadEvidence(app.db(), q.claim_id));
    out.push_back(std::move(q));
  }
  return out;
}

Result<Endorsement> Confirm(IssuerApp& app, const KeyVault& vault, const Principal& principal,
                            std::int64_t request_id, int level, std::string_view comment) {
  VAARDIG_RETURN_IF_ERROR(CheckLevel(level, "level"));
  VAARDIG_RETURN_IF_ERROR(CheckText(comment, "comment"));
  std::optional<Endorsement> result;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row request, AddressedRequest(tx, principal, request_id));
    VAARDIG_RETURN_IF_ERROR(RequireWaiting(request));
    const std::int64_t claim_id = request.Int("claim_id");
    VAARDIG_ASSIGN_OR_RETURN(
        auto facts, tx.QueryOne("SELECT s.id, s.name_nl, s.esco_uri, p.employee_number, p.name, "
                                "e.employee_number AS e_number, e.name AS e_name, e.role AS e_role "
                                "FROM claims c JOIN skills s ON s.id = c.skill_id JOIN people p ON p.id = c.person_id "
                                "JOIN people e ON e.id = ? WHERE c.id = ?",
                                {principal.person_id, claim_id}));
    if (!facts) return Fail(ErrorCode::kInternal, "claim facts missing");
    VAARDIG_ASSIGN_OR_RETURN(std::vector<EvidenceInfo> evidence, LoadEvidence(tx, claim_id));
    const std::string now = app.Now();
    VAARDIG_RETURN_IF_ERROR(TransitionRequest(tx, request_id, principal.person_id, "confirmed", level, comment, now));
    VAARDIG_RETURN_IF_ERROR(SetClaimState(tx, claim_id, "confirmed", now));

    EndorsementInput in;
    in.issuer_name = app.settings().organisation_name;
    in.issuer_id = app.settings().organisation_id;
    in.endorser_name = facts->Text("e_name");
    in.endorser_role = facts->Text("e_role");
    in.endorser_number = facts->Text("e_number");
    in.subject_number = facts->Text("employee_number");
    in.subject_name = facts->Text("name");
    in.skill_id = facts->Text("id");
    in.skill_name_nl = facts->Text("name_nl");
    in.skill_esco_uri = facts->OptText("esco_uri").value_or("");
    in.level = level;
    in.self_level = static_cast<int>(request.Int("self_level"));
    for (const EvidenceInfo& e : evidence) in.evidence.emplace_back(e.name, e.sha256);
    in.comment = std::string(comment);
    in.now = app.clock().NowSeconds();
    Json statement = BuildEndorsementStatement(in);

    VAARDIG_ASSIGN_OR_RETURN(EndorserKey key, GetOrCreateEndorserKey(app, vault, principal.person_id));
    VAARDIG_ASSIGN_OR_RETURN(SignedEndorsement signed_endorsement, SignEndorsement(key.key, key.kid, statement));
    VAARDIG_ASSIGN_OR_RETURN(
        auto row, tx.QueryOne("INSERT INTO endorsements (claim_id, request_id, endorser_id, level, comment, statement, "
                              "jws, key_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {claim_id, request_id, principal.person_id, std::int64_t{level}, std::string(comment),
                               DumpJson(statement), signed_endorsement.jws, key.kid, now}));
    if (!row) return Fail(ErrorCode::kInternal, "endorsement not stored");
    result = Endorsement{row->Int("id"), key.kid, signed_endorsement.jws, statement, signed_endorsement.payload_sha256};
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "confirmation.confirm",
                            Id("confirmation_request", request_id),
                            Json{{"claim", claim_id},
                                 {"skill", in.skill_id},
                                 {"self_level", in.self_level},
                                 {"level", level},
                                 {"endorsement", result->id},
                                 {"kid", key.kid},
                                 {"statement_sha256", signed_endorsement.payload_sha256}});
  }));
  return std::move(*result);
}

Status AskForInformation(IssuerApp& app, const Principal& principal, std::int64_t request_id,
                         std::string_view comment) {
  if (comment.empty()) return Fail(ErrorCode::kInvalidArgument, "comment: say what information you need");
  VAARDIG_RETURN_IF_ERROR(CheckText(comment, "comment"));
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row request, AddressedRequest(tx, principal, request_id));
    if (request.Text("state") != "open") {
      return Fail(ErrorCode::kFailedPrecondition,
                  "confirmation request " + std::to_string(request_id) + " is " + request.Text("state"));
    }
    const std::string now = app.Now();
    VAARDIG_RETURN_IF_ERROR(
        TransitionRequest(tx, request_id, principal.person_id, "info_requested", std::nullopt, comment, now));
    VAARDIG_RETURN_IF_ERROR(SetClaimState(tx, request.Int("claim_id"), "info_requested", now));
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "confirmation.ask_info",
                            Id("confirmation_request", request_id), Json{{"claim", request.Int("claim_id")}});
  });
}

Status RespondWithInformation(IssuerApp& app, const Principal& principal, std::int64_t claim_id,
                              std::string_view message, std::span<const EvidenceUpload> more_evidence) {
  if (message.empty() && more_evidence.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "message: answer the question or add evidence");
  }
  VAARDIG_RETURN_IF_ERROR(CheckText(message, "message"));
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row claim, OwnClaim(tx, principal, claim_id));
    if (claim.Text("state") != "info_requested") {
      return Fail(ErrorCode::kFailedPrecondition, "no question is waiting for claim " + std::to_string(claim_id));
    }
    VAARDIG_ASSIGN_OR_RETURN(auto request, tx.QueryOne("SELECT id, message FROM confirmation_requests WHERE "
                                                       "claim_id = ? AND state = 'info_requested'",
                                                       {claim_id}));
    if (!request) return Fail(ErrorCode::kInternal, "claim waits for information without a request");
    std::string combined = request->Text("message");
    if (!message.empty()) combined += (combined.empty() ? "" : "\n\n") + std::string(message);
    if (CharCount(combined) > 4 * kMaxNoteChars) {
      return Fail(ErrorCode::kResourceExhausted, "message: the conversation on this request is too long");
    }
    for (const EvidenceUpload& upload : more_evidence) {
      VAARDIG_RETURN_IF_ERROR(InsertEvidence(app, tx, principal, claim_id, upload.file_name, upload.bytes));
    }
    const std::string now = app.Now();
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t changed,
                             tx.Execute("UPDATE confirmation_requests SET state = 'open', message = ? WHERE id = ? "
                                        "AND state = 'info_requested'",
                                        {combined, request->Int("id")}));
    if (changed != 1) return Fail(ErrorCode::kAborted, "the request changed meanwhile; try again");
    VAARDIG_RETURN_IF_ERROR(SetClaimState(tx, claim_id, "requested", now));
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "claim.respond_info",
                            Id("confirmation_request", request->Int("id")),
                            Json{{"claim", claim_id}, {"evidence_added", more_evidence.size()}});
  });
}

Status Decline(IssuerApp& app, const Principal& principal, std::int64_t request_id, std::string_view reason) {
  if (reason.empty()) return Fail(ErrorCode::kInvalidArgument, "reason: say why you decline");
  VAARDIG_RETURN_IF_ERROR(CheckText(reason, "reason"));
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row request, AddressedRequest(tx, principal, request_id));
    VAARDIG_RETURN_IF_ERROR(RequireWaiting(request));
    const std::string now = app.Now();
    VAARDIG_RETURN_IF_ERROR(TransitionRequest(tx, request_id, principal.person_id, "declined", std::nullopt, reason, now));
    VAARDIG_RETURN_IF_ERROR(SetClaimState(tx, request.Int("claim_id"), "declined", now));
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "confirmation.decline",
                            Id("confirmation_request", request_id), Json{{"claim", request.Int("claim_id")}});
  });
}

Status Withdraw(IssuerApp& app, const Principal& principal, std::int64_t claim_id) {
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(store::Row claim, OwnClaim(tx, principal, claim_id));
    const std::string state = claim.Text("state");
    if (state == "confirmed" || state == "withdrawn") {
      return Fail(ErrorCode::kFailedPrecondition, "claim " + std::to_string(claim_id) + " is " + state +
                                                      " and cannot be withdrawn");
    }
    const std::string now = app.Now();
    VAARDIG_RETURN_IF_ERROR(tx.Execute("UPDATE confirmation_requests SET state = 'withdrawn', responded_at = ? "
                                       "WHERE claim_id = ? AND state IN ('open', 'info_requested')",
                                       {now, claim_id}));
    VAARDIG_RETURN_IF_ERROR(SetClaimState(tx, claim_id, "withdrawn", now));
    return AuditLog::Append(tx, app.clock(), principal.AuditActor(), "claim.withdraw", Id("claim", claim_id),
                            Json{{"previous_state", state}});
  });
}

}  // namespace vaardig::issuer
