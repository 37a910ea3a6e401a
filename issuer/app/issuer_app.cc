#include "issuer/app/issuer_app.h"

#include <ctime>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/store/migrate.h"
#include "core/store/sqlite.h"
#include "issuer/app/schema.h"

namespace vaardig::issuer {

std::string Sha256Hex(std::string_view text) { return encoding::HexEncode(crypto::Sha256(AsBytes(text))); }

std::string FormatUtc(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status AuditLog::Append(store::Database& tx, const Clock& clock, std::string_view actor,
                        std::string_view action, std::string_view subject, Json details) {
  VAARDIG_ASSIGN_OR_RETURN(auto last, tx.QueryOne("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  AuditEntry entry;
  entry.seq = last ? last->Int("seq") + 1 : 1;
  entry.at = FormatUtc(clock.NowSeconds());
  entry.actor = std::string(actor);
  entry.action = std::string(action);
  entry.subject = std::string(subject);
  entry.details = std::move(details);
  entry = SealAuditEntry(std::move(entry), last ? last->Text("hash") : std::string(kAuditGenesisHash));
  if (entry.hash.empty()) {
    // JCS refused the entry (invalid UTF-8 or a non-finite number): it could never verify.
    return Fail(ErrorCode::kInvalidArgument, "audit entry for '" + entry.action + "' cannot be canonicalized");
  }
  VAARDIG_ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx.Execute("INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {entry.seq, entry.at, entry.actor, entry.action, entry.subject, DumpJson(entry.details),
                  entry.prev_hash, entry.hash}));
  if (changed != 1) return Fail(ErrorCode::kInternal, "audit log entry not written");
  return Ok();
}

Result<ChainCheck> AuditLog::Verify(store::Database& db) {
  VAARDIG_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      db.Query("SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq"));
  std::vector<AuditEntry> entries;
  entries.reserve(rows.size());
  for (const store::Row& row : rows) {
    AuditEntry e;
    e.seq = row.Int("seq");
    e.at = row.Text("at");
    e.actor = row.Text("actor");
    e.action = row.Text("action");
    e.subject = row.Text("subject");
    auto details = ParseJson(row.Text("details"));
    // Unparsable details cannot hash to the stored value: keep them as a string so the chain
    // check names this entry instead of failing the whole read.
    e.details = details ? std::move(*details) : Json(row.Text("details"));
    e.prev_hash = row.Text("prev_hash");
    e.hash = row.Text("hash");
    entries.push_back(std::move(e));
  }
  return VerifyAuditChain(entries);
}

IssuerApp::IssuerApp(IssuerSettings settings, std::unique_ptr<store::Database> db,
                     std::shared_ptr<const Clock> clock)
    : settings_(std::move(settings)), db_(std::move(db)), clock_(std::move(clock)) {}

Result<std::unique_ptr<IssuerApp>> IssuerApp::Open(IssuerSettings settings,
                                                   std::shared_ptr<const Clock> clock) {
  VAARDIG_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db,
                           store::OpenSqlite({.path = settings.database_path}));
  auto applied = store::Migrate(*db, IssuerMigrations());
  if (!applied) return Fail(applied.error().WithContext("issuer database " + settings.database_path));
  return std::unique_ptr<IssuerApp>(new IssuerApp(std::move(settings), std::move(db), std::move(clock)));
}

}  // namespace vaardig::issuer
