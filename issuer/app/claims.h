// Claims and the blue → green confirmation workflow (DESIGN.md §2 flows 1–3, §3, §4.3, §7; issue 6
// "Claims" and "Confirmation").
//
// States. A claim: private → requested ⇄ info_requested → confirmed | declined; private, requested,
// info_requested and declined → withdrawn; declined → requested again (a new request). A
// confirmation request: open ⇄ info_requested → confirmed | declined | withdrawn. At most one
// request per claim is open or info_requested at any time.
//
// Rights: every operation takes the acting Principal and checks it here, so no caller can forget.
//  - Only the owner creates, adds evidence to, asks confirmation for, answers and withdraws a claim.
//  - Only the addressed endorser sees a request in their queue and confirms, asks or declines it.
//    A manager therefore sees only requests addressed to them — their own team by construction.
//  - Evidence is readable by the owner, the endorser of an open request for its claim, hr and admin.
// An id the principal may not see answers not_found (ids do not leak); an id they may see but not
// act on answers permission_denied (e.g. the employee confirming their own request); a valid act in
// the wrong state answers failed_precondition.
//
// Every change runs in one transaction with its audit entry (claim.create, evidence.add,
// confirmation.request, confirmation.confirm, confirmation.ask_info, claim.respond_info,
// confirmation.decline, claim.withdraw). Audit details hold ids, skill, levels and hashes; never the
// free texts (notes, comments, reasons, messages): they are personal and the log cannot be erased.
//
// Thread-safety: free functions over IssuerApp; concurrency is the database's. Two endorsers
// confirming the same request: the state change is conditional, so exactly one succeeds and the
// other gets failed_precondition.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer {

inline constexpr std::size_t kMaxNoteChars = 2000;        // notes, comments, reasons, messages
inline constexpr std::size_t kMaxEvidenceNameBytes = 200;
inline constexpr std::string_view kEndorsementTyp = "vaardig-endorsement+jwt";

struct NewClaim {
  std::string skill_id;
  int self_level = 0;     // 1–3 (DESIGN.md §3)
  std::string note;       // ≤ 2000 characters
  std::string frequency;  // "", "rarely", "monthly", "weekly", "daily"
};

struct EvidenceInfo {
  std::int64_t id = 0;
  std::string name;
  std::string media_type;
  std::int64_t size = 0;
  std::string sha256;                // lowercase hex of the stored bytes
  std::vector<std::string> removed;  // metadata dropped by the sanitizer
};

struct EvidenceFile {
  std::string name;
  std::string media_type;
  Bytes bytes;
};

struct ClaimView {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string skill_id;
  std::string skill_name_nl;
  std::string skill_name_en;
  int self_level = 0;
  std::string note;
  std::string frequency;
  std::string state;
  // The latest confirmation request, when there is one.
  std::optional<std::int64_t> request_id;
  std::string request_state;
  std::optional<std::int64_t> endorser_id;
  std::string endorser_name;
  std::optional<int> endorser_level;  // set once confirmed
  std::string endorser_comment;       // the confirmation comment, the question or the decline reason
  std::vector<EvidenceInfo> evidence;
  std::string created_at;
  std::string updated_at;
};

struct QueueItem {
  std::int64_t request_id = 0;
  std::string state;    // "open" or "info_requested"
  std::string message;  // the employee's message (and answers)
  std::string created_at;
  std::int64_t claim_id = 0;
  std::int64_t employee_id = 0;
  std::string employee_name;
  std::string employee_number;
  std::string skill_id;
  std::string skill_name_nl;
  std::string skill_name_en;
  int self_level = 0;
  std::string note;
  std::string frequency;
  std::vector<EvidenceInfo> evidence;
};

struct Endorsement {
  std::int64_t id = 0;
  std::string kid;
  std::string jws;  // compact JWS ES256, typ vaardig-endorsement+jwt
  Json statement;
  std::string statement_sha256;  // hex SHA-256 of the JWS payload bytes
};

[[nodiscard]] Json EvidenceToJson(const EvidenceInfo& evidence);
[[nodiscard]] Json ClaimToJson(const ClaimView& claim);
[[nodiscard]] Json QueueItemToJson(const QueueItem& item);

// "file.pdf" from "C:\\x\\file.pdf" or "../a/file.pdf": no path, no control characters or quotes,
// at most 200 bytes (cut on a UTF-8 boundary); "evidence" when nothing is left.
[[nodiscard]] std::string SanitizeEvidenceName(std::string_view name);

// not_found for an unknown or inactive skill; invalid_argument for a level, note or frequency out
// of range.
[[nodiscard]] Result<ClaimView> CreateClaim(IssuerApp& app, const Principal& principal, const NewClaim& claim);

// Sanitizes (issuer/domain/evidence.h, cap settings.evidence_max_bytes) and stores the file.
[[nodiscard]] Result<EvidenceInfo> AddEvidence(IssuerApp& app, const Principal& principal,
                                               std::int64_t claim_id, std::string_view file_name,
                                               ByteView bytes);
[[nodiscard]] Result<EvidenceFile> GetEvidence(IssuerApp& app, const Principal& principal,
                                               std::int64_t evidence_id);

// The principal's own claims, newest first.
[[nodiscard]] Result<std::vector<ClaimView>> ListMyClaims(IssuerApp& app, const Principal& principal);
// One claim: for its owner, hr/admin, and anyone a request for it was addressed to.
[[nodiscard]] Result<ClaimView> GetClaim(IssuerApp& app, const Principal& principal, std::int64_t claim_id);

// Asks `endorser_id` (default: the owner's manager) to confirm. The endorser must be the owner's
// manager or an active person with role manager, hr or admin, and not the owner. Returns the
// request id.
[[nodiscard]] Result<std::int64_t> RequestConfirmation(IssuerApp& app, const Principal& principal,
                                                       std::int64_t claim_id,
                                                       std::optional<std::int64_t> endorser_id,
                                                       std::string_view message);

// Requests waiting for the principal (open and info_requested), oldest first.
[[nodiscard]] Result<std::vector<QueueItem>> Queue(IssuerApp& app, const Principal& principal);

// Confirms with the endorser's level (1–3) and signs the endorsement (DESIGN.md §4.3).
[[nodiscard]] Result<Endorsement> Confirm(IssuerApp& app, const KeyVault& vault, const Principal& principal,
                                          std::int64_t request_id, int level, std::string_view comment);
[[nodiscard]] Status AskForInformation(IssuerApp& app, const Principal& principal, std::int64_t request_id,
                                       std::string_view comment);

struct EvidenceUpload {
  std::string file_name;
  Bytes bytes;
};
// The owner answers a question: the request goes back to open, the claim to requested. Further
// evidence is added in the same transaction (all or nothing).
[[nodiscard]] Status RespondWithInformation(IssuerApp& app, const Principal& principal, std::int64_t claim_id,
                                            std::string_view message,
                                            std::span<const EvidenceUpload> more_evidence = {});
// `reason` is required.
[[nodiscard]] Status Decline(IssuerApp& app, const Principal& principal, std::int64_t request_id,
                             std::string_view reason);
// The owner withdraws a claim that is not confirmed; its waiting request is withdrawn too.
[[nodiscard]] Status Withdraw(IssuerApp& app, const Principal& principal, std::int64_t claim_id);

}  // namespace vaardig::issuer
