#include "core/store/migrate.h"

#include <chrono>
#include <ctime>
#include <map>
#include <string>

namespace vaardig::store {
namespace {

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

std::string Describe(const Migration& m) {
  return "migration " + std::to_string(m.version) + " '" + std::string(m.name) + "'";
}

Result<void> CheckList(std::span<const Migration> migrations) {
  if (migrations.empty()) return Fail(ErrorCode::kInvalidArgument, "Migrate: no migrations given");
  int previous = 0;
  for (const Migration& m : migrations) {
    if (m.version <= previous) {
      return Fail(ErrorCode::kInvalidArgument,
                  "Migrate: migration versions must be positive and strictly "
                  "increasing; " +
                      std::to_string(m.version) + " follows " + std::to_string(previous));
    }
    if (m.name.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "Migrate: migration " + std::to_string(m.version) + " has no name");
    }
    previous = m.version;
  }
  return Ok();
}

// Every recorded migration must be one of ours, by version and name, and none of ours older than
// the newest recorded one may be missing.
Result<void> CheckRecorded(const std::map<std::int64_t, std::string>& recorded,
                           std::span<const Migration> migrations) {
  if (recorded.empty()) return Ok();
  const std::int64_t db_version = recorded.rbegin()->first;
  const int newest = migrations.back().version;
  if (db_version > newest) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the database schema is at version " + std::to_string(db_version) +
                    ", newer than this program's newest migration " + std::to_string(newest) +
                    "; run a newer program or restore an older backup");
  }
  std::map<int, const Migration*> by_version;
  for (const Migration& m : migrations) by_version.emplace(m.version, &m);
  for (const auto& [version, name] : recorded) {
    auto it = by_version.find(static_cast<int>(version));
    if (it == by_version.end()) {
      return Fail(ErrorCode::kFailedPrecondition, "the database records migration " +
                                                      std::to_string(version) + " '" + name +
                                                      "', which this program does not have");
    }
    if (it->second->name != name) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the database records migration " + std::to_string(version) + " as '" + name +
                      "' but this program calls it '" + std::string(it->second->name) + "': wrong database?");
    }
  }
  for (const Migration& m : migrations) {
    if (m.version < db_version && !recorded.contains(m.version)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the database is at version " + std::to_string(db_version) + " but lacks " + Describe(m));
    }
  }
  return Ok();
}

Result<std::map<std::int64_t, std::string>> ReadRecorded(Database& db) {
  VAARDIG_ASSIGN_OR_RETURN(auto rows,
                           db.Query("SELECT version, name FROM schema_migrations ORDER BY version"));
  std::map<std::int64_t, std::string> recorded;
  for (const Row& row : rows) recorded.emplace(row.Int(0), row.Text(1));
  return recorded;
}

}  // namespace

Result<std::vector<int>> Migrate(Database& db, std::span<const Migration> migrations) {
  VAARDIG_RETURN_IF_ERROR(CheckList(migrations));
  VAARDIG_RETURN_IF_ERROR(db.Execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)"));
  // Up to date (the usual start-up): no write transaction at all.
  VAARDIG_ASSIGN_OR_RETURN(auto recorded, ReadRecorded(db));
  VAARDIG_RETURN_IF_ERROR(CheckRecorded(recorded, migrations));
  if (!recorded.empty() && recorded.rbegin()->first == migrations.back().version) return std::vector<int>{};

  std::vector<int> applied;
  for (const Migration& m : migrations) {
    // Checked again inside each transaction: another process may be migrating the same database.
    bool ran = false;
    auto status = db.InTransaction([&](Database& tx) -> Result<void> {
      VAARDIG_ASSIGN_OR_RETURN(auto recorded, ReadRecorded(tx));
      VAARDIG_RETURN_IF_ERROR(CheckRecorded(recorded, migrations));
      if (recorded.contains(m.version) || (!recorded.empty() && recorded.rbegin()->first > m.version)) {
        return Ok();
      }
      if (auto script = tx.ExecScript(m.sql); !script) return Fail(script.error().WithContext(Describe(m)));
      VAARDIG_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                     {std::int64_t{m.version}, std::string(m.name), NowUtc()}));
      ran = true;
      return Ok();
    });
    if (!status) return Fail(status.error());
    if (ran) applied.push_back(m.version);
  }
  return applied;
}

}  // namespace vaardig::store
