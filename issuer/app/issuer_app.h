// IssuerApp: what every part of the issuer service shares — its settings, its database (migrated
// at open), its clock and its audit log. Built once by `serve` and by the CLI commands; the HTTP
// handlers and domain services take it by reference.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/store/database.h"
#include "issuer/app/settings.h"
#include "issuer/domain/audit_chain.h"

namespace vaardig::issuer {

// RFC 3339 UTC with seconds: "2026-11-23T15:04:05Z".
[[nodiscard]] std::string FormatUtc(std::int64_t unix_seconds);

// Lower-case hex SHA-256 of `text`: how the issuer stores secrets it must recognise but never keep
// (session tokens, pre-authorized codes, PINs, access tokens, nonces, API tokens) and how it
// records the bytes of what it issued.
[[nodiscard]] std::string Sha256Hex(std::string_view text);

// The append-only, hash-chained audit log in table audit_log.
class AuditLog {
 public:
  // Appends one entry. Call it inside the transaction (Database::InTransaction) that makes the
  // change it records, so the change and its record commit or roll back together.
  // `details` must hold no secrets and no whole credentials.
  [[nodiscard]] static Status Append(store::Database& tx, const Clock& clock, std::string_view actor,
                                     std::string_view action, std::string_view subject,
                                     Json details = Json::object());
  // Reads the whole log in order and checks the chain.
  [[nodiscard]] static Result<ChainCheck> Verify(store::Database& db);
};

class IssuerApp {
 public:
  // Opens (creating if needed) the database at settings.database_path and applies the schema
  // migrations. The file is created with mode 0600.
  [[nodiscard]] static Result<std::unique_ptr<IssuerApp>> Open(IssuerSettings settings,
                                                               std::shared_ptr<const Clock> clock);

  [[nodiscard]] const IssuerSettings& settings() const { return settings_; }
  [[nodiscard]] store::Database& db() { return *db_; }
  [[nodiscard]] const Clock& clock() const { return *clock_; }
  [[nodiscard]] std::string Now() const { return FormatUtc(clock_->NowSeconds()); }

 private:
  IssuerApp(IssuerSettings settings, std::unique_ptr<store::Database> db,
            std::shared_ptr<const Clock> clock);
  IssuerSettings settings_;
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const Clock> clock_;
};

}  // namespace vaardig::issuer
