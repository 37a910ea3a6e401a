// Allocation of status entries, the status changes of issued credentials, and their listing.
// Publication (StatusListPublisher) is in status_publisher.cc.
#include "issuer/app/status_registry.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "core/crypto/random.h"
#include "core/encoding/utf8.h"

namespace vaardig::issuer {

namespace {

constexpr std::size_t kMaxCredentialIdBytes = 512;
constexpr std::size_t kMaxReasonChars = 2000;
// Random picks per entry before giving up. A list is closed at 75 % full, so each pick hits a free
// index with probability ≥ 1/4: 200 misses in a row happen with probability < 10^-24.
constexpr int kMaxPicks = 200;

struct ListKind {
  std::string_view kind;
  std::string_view purpose;
  int bits;
};
constexpr ListKind kTokenList{"token", "status", 2};
constexpr ListKind kRevocationList{"bitstring", "revocation", 1};
constexpr ListKind kSuspensionList{"bitstring", "suspension", 1};

std::size_t CharCount(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The open list of `kind` as {id, size}, if there is one.
Result<std::optional<std::pair<std::int64_t, std::int64_t>>> FindOpenList(store::Database& db, const ListKind& kind) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT id, size FROM status_lists WHERE kind = ? AND purpose = ? "
                                                 "AND state = 'open' ORDER BY id LIMIT 1",
                                                 {std::string(kind.kind), std::string(kind.purpose)}));
  if (!row) return std::nullopt;
  return std::pair{row->Int("id"), row->Int("size")};
}

// The open list of `kind`, or a new one of `list_size` entries.
Result<std::pair<std::int64_t, std::int64_t>> OpenList(store::Database& tx, const ListKind& kind,
                                                       std::int64_t list_size, std::string_view now) {
  VAARDIG_ASSIGN_OR_RETURN(auto open, FindOpenList(tx, kind));
  if (open) return *open;
  VAARDIG_ASSIGN_OR_RETURN(
      auto created,
      tx.QueryOne("INSERT INTO status_lists (kind, purpose, size, bits, used, state, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, 0, 'open', ?, ?) RETURNING id",
                  {std::string(kind.kind), std::string(kind.purpose), list_size, std::int64_t{kind.bits},
                   std::string(now), std::string(now)}));
  if (!created) return Fail(ErrorCode::kInternal, "status list not created");
  return std::pair{created->Int("id"), list_size};
}

// Records `idx` of list `list_id` for `credential_id`: false when the index is taken.
Result<bool> Claim(store::Database& tx, std::int64_t list_id, std::int64_t idx, std::string_view credential_id) {
  auto inserted = tx.Execute("INSERT INTO status_entries (list_id, idx, credential_id, value) VALUES (?, ?, ?, 0)",
                             {list_id, idx, std::string(credential_id)});
  if (!inserted) {
    if (inserted.error().code() == ErrorCode::kAlreadyExists) return false;
    return Fail(inserted.error());
  }
  // Full at 75 %: the next allocation opens a new list.
  VAARDIG_RETURN_IF_ERROR(
      tx.Execute("UPDATE status_lists SET used = used + 1, state = CASE WHEN (used + 1) * 4 >= size * 3 "
                 "THEN 'full' ELSE state END WHERE id = ?",
                 {list_id}));
  return true;
}

// One random free index in an open list of `kind`, recorded for `credential_id`.
Result<std::pair<std::int64_t, std::size_t>> AllocateOne(store::Database& tx, const ListKind& kind,
                                                         std::string_view credential_id, std::int64_t list_size,
                                                         std::string_view now) {
  VAARDIG_ASSIGN_OR_RETURN(auto list, OpenList(tx, kind, list_size, now));
  const auto [list_id, size] = list;
  for (int attempt = 0; attempt < kMaxPicks; ++attempt) {
    const auto idx = static_cast<std::int64_t>(crypto::RandomUniform(static_cast<std::uint64_t>(size)));
    VAARDIG_ASSIGN_OR_RETURN(bool claimed, Claim(tx, list_id, idx, credential_id));
    if (!claimed) continue;  // taken: pick again
    return std::pair{list_id, static_cast<std::size_t>(idx)};
  }
  return Fail(ErrorCode::kResourceExhausted,
              "status list " + std::to_string(list_id) + ": no free index found");
}

// The Bitstring Status List entry for index `at` = {list id, index}.
status::BitstringStatusEntry BitstringEntry(const IssuerSettings& settings, const std::pair<std::int64_t, std::size_t>& at,
                                            std::string_view purpose) {
  const std::string url = BitstringStatusListUrl(settings, at.first);
  return status::BitstringStatusEntry{.id = url + "#" + std::to_string(at.second),
                                      .status_purpose = std::string(purpose),
                                      .status_list_index = at.second,
                                      .status_list_credential = url,
                                      .status_size = 1};
}

Status CheckCredentialId(std::string_view credential_id) {
  if (credential_id.empty() || credential_id.size() > kMaxCredentialIdBytes) {
    return Fail(ErrorCode::kInvalidArgument, "credential id must be 1 to 512 bytes");
  }
  return Ok();
}

// The revocation and suspension entries of `out` (its token entry is the caller's).
Status AllocateBitstrings(store::Database& tx, const IssuerSettings& settings, std::string_view credential_id,
                          std::int64_t list_size, std::string_view now, StatusAllocation& out) {
  VAARDIG_ASSIGN_OR_RETURN(auto revocation, AllocateOne(tx, kRevocationList, credential_id, list_size, now));
  out.revocation = BitstringEntry(settings, revocation, "revocation");
  VAARDIG_ASSIGN_OR_RETURN(auto suspension, AllocateOne(tx, kSuspensionList, credential_id, list_size, now));
  out.suspension = BitstringEntry(settings, suspension, "suspension");
  return Ok();
}

Error CredentialNotFound(std::string_view id) {
  return Error(ErrorCode::kNotFound, "credential " + std::string(id) + " not found");
}

std::string_view ActionName(StatusAction action) {
  switch (action) {
    case StatusAction::kRevoke:
      return "revoke";
    case StatusAction::kSuspend:
      return "suspend";
    case StatusAction::kUnsuspend:
      return "unsuspend";
  }
  return "";
}

// The state `action` leads to from `from`; failed_precondition when it does not apply.
Result<std::string> NextState(std::string_view id, const std::string& from, StatusAction action) {
  const std::string name = "credential " + std::string(id);
  if (from == "revoked") {
    return Fail(ErrorCode::kFailedPrecondition, name + " is revoked; revocation is final");
  }
  switch (action) {
    case StatusAction::kRevoke:
      return std::string("revoked");
    case StatusAction::kSuspend:
      if (from == "suspended") return Fail(ErrorCode::kFailedPrecondition, name + " is already suspended");
      return std::string("suspended");
    case StatusAction::kUnsuspend:
      if (from != "suspended") return Fail(ErrorCode::kFailedPrecondition, name + " is not suspended");
      return std::string("valid");
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown status action");
}

// Who may change a credential: nullopt = allowed; else the error.
using RightsCheck = std::function<std::optional<Error>(const store::Row& credential)>;

Status ChangeStatus(IssuerApp& app, std::string_view actor, const RightsCheck& rights,
                    std::string_view credential_id, StatusAction action, std::string_view reason) {
  if (credential_id.empty() || credential_id.size() > kMaxCredentialIdBytes) {
    return Fail(ErrorCode::kInvalidArgument, "credential id must be 1 to 512 bytes");
  }
  if (reason.empty()) return Fail(ErrorCode::kInvalidArgument, "reason is required");
  if (!IsValidUtf8(reason)) return Fail(ErrorCode::kInvalidArgument, "reason is not valid UTF-8");
  if (CharCount(reason) > kMaxReasonChars) {
    return Fail(ErrorCode::kInvalidArgument,
                "reason is longer than " + std::to_string(kMaxReasonChars) + " characters");
  }
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id, person_id, confirmed_by, state FROM credentials "
                                                   "WHERE id = ?",
                                                   {std::string(credential_id)}));
    if (!row) return Fail(CredentialNotFound(credential_id));
    if (auto refused = rights(*row)) return Fail(*refused);
    const std::string from = row->Text("state");
    VAARDIG_ASSIGN_OR_RETURN(std::string to, NextState(credential_id, from, action));
    const std::string now = app.Now();
    VAARDIG_RETURN_IF_ERROR(tx.Execute("UPDATE credentials SET state = ?, state_reason = ?, state_changed_at = ?, "
                                       "state_changed_by = ? WHERE id = ?",
                                       {to, std::string(reason), now, std::string(actor), std::string(credential_id)}));
    VAARDIG_ASSIGN_OR_RETURN(
        auto entries, tx.Query("SELECT e.list_id, e.idx, l.kind, l.purpose FROM status_entries e "
                               "JOIN status_lists l ON l.id = e.list_id WHERE e.credential_id = ? ORDER BY e.list_id",
                               {std::string(credential_id)}));
    for (const store::Row& entry : entries) {
      const std::string purpose = entry.Text("purpose");
      std::int64_t value = 0;
      if (purpose == "status") value = to == "revoked" ? 1 : to == "suspended" ? 2 : 0;
      if (purpose == "revocation") value = to == "revoked" ? 1 : 0;
      if (purpose == "suspension") value = to == "suspended" ? 1 : 0;
      VAARDIG_ASSIGN_OR_RETURN(std::int64_t changed,
                               tx.Execute("UPDATE status_entries SET value = ? WHERE list_id = ? AND idx = ? AND "
                                          "value <> ?",
                                          {value, entry.Int("list_id"), entry.Int("idx"), value}));
      if (changed > 0) {
        VAARDIG_RETURN_IF_ERROR(tx.Execute(
            "UPDATE status_lists SET updated_at = ?, version = version + 1 WHERE id = ?", {now, entry.Int("list_id")}));
      }
    }
    return AuditLog::Append(tx, app.clock(), actor, "credential." + std::string(ActionName(action)),
                            "credential:" + std::string(credential_id),
                            Json{{"from", from}, {"to", to}, {"status_entries", entries.size()}});
  });
}

}  // namespace

std::string TokenStatusListUrl(const IssuerSettings& settings, std::int64_t list_id) {
  std::string base = settings.public_url;
  while (base.ends_with('/')) base.pop_back();
  return base + "/status/token/" + std::to_string(list_id);
}

std::string BitstringStatusListUrl(const IssuerSettings& settings, std::int64_t list_id) {
  std::string base = settings.public_url;
  while (base.ends_with('/')) base.pop_back();
  return base + "/status/bitstring/" + std::to_string(list_id);
}

Result<StatusAllocation> AllocateStatus(store::Database& tx, const IssuerSettings& settings,
                                        std::string_view credential_id, std::string_view now) {
  return AllocateStatus(tx, settings, credential_id, now, kStatusListSize);
}

Result<std::optional<TokenStatusPick>> PickTokenStatus(store::Database& db, const IssuerSettings& settings) {
  VAARDIG_ASSIGN_OR_RETURN(auto list, FindOpenList(db, kTokenList));
  if (!list) return std::nullopt;
  const auto [list_id, size] = *list;
  if (size <= 0) return std::nullopt;
  for (int attempt = 0; attempt < kMaxPicks; ++attempt) {
    const auto idx = static_cast<std::int64_t>(crypto::RandomUniform(static_cast<std::uint64_t>(size)));
    VAARDIG_ASSIGN_OR_RETURN(auto taken, db.QueryOne("SELECT 1 FROM status_entries WHERE list_id = ? AND idx = ?",
                                                     {list_id, idx}));
    if (taken) continue;
    return TokenStatusPick{.list_id = list_id,
                           .idx = idx,
                           .reference = {.idx = static_cast<std::size_t>(idx),
                                         .uri = TokenStatusListUrl(settings, list_id)}};
  }
  return std::nullopt;
}

Result<StatusAllocation> AllocateStatus(store::Database& tx, const IssuerSettings& settings,
                                        std::string_view credential_id, std::string_view now,
                                        const TokenStatusPick& token) {
  VAARDIG_RETURN_IF_ERROR(CheckCredentialId(credential_id));
  const Error moved(ErrorCode::kAborted, "the status index picked ahead was taken meanwhile");
  VAARDIG_ASSIGN_OR_RETURN(auto list, tx.QueryOne("SELECT state FROM status_lists WHERE id = ? AND kind = ? AND "
                                                  "purpose = ?",
                                                  {token.list_id, std::string(kTokenList.kind),
                                                   std::string(kTokenList.purpose)}));
  if (!list || list->Text("state") != "open") return Fail(moved);
  VAARDIG_ASSIGN_OR_RETURN(bool claimed, Claim(tx, token.list_id, token.idx, credential_id));
  if (!claimed) return Fail(moved);
  StatusAllocation out;
  out.token = token.reference;
  VAARDIG_RETURN_IF_ERROR(AllocateBitstrings(tx, settings, credential_id, kStatusListSize, now, out));
  return out;
}

Result<StatusAllocation> AllocateStatus(store::Database& tx, const IssuerSettings& settings,
                                        std::string_view credential_id, std::string_view now,
                                        std::int64_t list_size) {
  VAARDIG_RETURN_IF_ERROR(CheckCredentialId(credential_id));
  if (list_size < 8 || list_size % 8 != 0 || list_size > (std::int64_t{1} << 24)) {
    return Fail(ErrorCode::kInvalidArgument, "list_size must be a multiple of 8 from 8 to 16777216");
  }
  StatusAllocation out;
  VAARDIG_ASSIGN_OR_RETURN(auto token, AllocateOne(tx, kTokenList, credential_id, list_size, now));
  out.token = status::StatusListReference{.idx = token.second, .uri = TokenStatusListUrl(settings, token.first)};
  VAARDIG_RETURN_IF_ERROR(AllocateBitstrings(tx, settings, credential_id, list_size, now, out));
  return out;
}

Status ChangeCredentialStatus(IssuerApp& app, const Principal& principal, std::string_view credential_id,
                              StatusAction action, std::string_view reason) {
  const RightsCheck rights = [&](const store::Row& credential) -> std::optional<Error> {
    if (principal.IsHrOrAdmin()) return std::nullopt;
    if (principal.role == Role::kManager && credential.OptInt("confirmed_by") == principal.person_id) {
      return std::nullopt;
    }
    if (credential.OptInt("person_id") == principal.person_id) {
      return Error(ErrorCode::kPermissionDenied,
                   "only HR or the confirming manager may " + std::string(ActionName(action)) + " a credential");
    }
    return CredentialNotFound(credential_id);
  };
  return ChangeStatus(app, principal.AuditActor(), rights, credential_id, action, reason);
}

Status ChangeCredentialStatusAs(IssuerApp& app, std::string_view actor, std::string_view credential_id,
                                StatusAction action, std::string_view reason) {
  if (actor.empty()) return Fail(ErrorCode::kInvalidArgument, "actor is required");
  const RightsCheck rights = [](const store::Row&) -> std::optional<Error> { return std::nullopt; };
  return ChangeStatus(app, actor, rights, credential_id, action, reason);
}

Result<std::vector<CredentialRecord>> ListCredentials(IssuerApp& app, const Principal& principal,
                                                      std::optional<std::int64_t> person_id) {
  std::string sql =
      "SELECT c.id, c.person_id, IFNULL(p.name, '') AS person_name, IFNULL(c.skill_id, '') AS skill_id, "
      "IFNULL(s.name_nl, '') AS name_nl, IFNULL(s.name_en, '') AS name_en, c.level, c.confirmed_by, "
      "c.configuration_id, c.format, c.state, c.state_reason, c.issued_at, IFNULL(c.valid_until, '') AS valid_until, "
      "c.replaces FROM credentials c LEFT JOIN people p ON p.id = c.person_id "
      "LEFT JOIN skills s ON s.id = c.skill_id WHERE 1 = 1";
  std::vector<store::Value> params;
  if (principal.IsHrOrAdmin()) {
    // everything
  } else if (principal.role == Role::kManager) {
    sql += " AND c.confirmed_by = ?";
    params.emplace_back(principal.person_id);
  } else {
    sql += " AND c.person_id = ?";
    params.emplace_back(principal.person_id);
  }
  if (person_id) {
    sql += " AND c.person_id = ?";
    params.emplace_back(*person_id);
  }
  sql += " ORDER BY c.issued_at DESC, c.id DESC";
  VAARDIG_ASSIGN_OR_RETURN(auto rows, app.db().Query(sql, params));
  std::vector<CredentialRecord> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) {
    const auto level = row.OptInt("level");
    out.push_back(CredentialRecord{.id = row.Text("id"),
                                   .person_id = row.OptInt("person_id"),
                                   .person_name = row.Text("person_name"),
                                   .skill_id = row.Text("skill_id"),
                                   .skill_name_nl = row.Text("name_nl"),
                                   .skill_name_en = row.Text("name_en"),
                                   .level = level ? std::optional<int>(static_cast<int>(*level)) : std::nullopt,
                                   .confirmed_by = row.OptInt("confirmed_by"),
                                   .configuration_id = row.Text("configuration_id"),
                                   .format = row.Text("format"),
                                   .state = row.Text("state"),
                                   .state_reason = row.Text("state_reason"),
                                   .issued_at = row.Text("issued_at"),
                                   .valid_until = row.Text("valid_until"),
                                   .replaces = row.OptText("replaces")});
  }
  return out;
}

}  // namespace vaardig::issuer
