// Seeding helpers for issuer tests: an IssuerApp on an in-memory SQLite database with a fixed
// clock, and a small organisation and catalogue inserted with plain SQL.
//
// The organisation (SeedOrganisation):
//   team "Publiekszaken": manager Anna (M001) ← employees Bob (E001), Eva (E003)
//   team "Buitendienst":  manager Carl (M002) ← employee Dora (E002)
//   Hanna (H001), role hr, no team; Ivo (E004), employee without a manager
// Skills: "klantgesprek" (with an ESCO URI), "archiveren" (none), "oud" (inactive).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>

#include "core/common/bytes.h"
#include "core/common/clock.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer::testing {

inline constexpr std::int64_t kSeedNow = 1795000000;  // 2026-11-19T...Z
inline constexpr std::string_view kSeedEscoUri =
    "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000";  // a test value, not a real concept

struct SeededOrg {
  std::map<std::string, Principal> people;  // by first name: "anna", "bob", ...
  const Principal& operator[](const std::string& name) const { return people.at(name); }
};

inline std::unique_ptr<IssuerApp> OpenTestApp(std::shared_ptr<const Clock> clock, IssuerSettings settings = {}) {
  if (settings.database_path == "issuer.db") settings.database_path = ":memory:";
  auto app = IssuerApp::Open(std::move(settings), std::move(clock));
  EXPECT_TRUE(app.has_value()) << (app ? "" : app.error().message());
  return app ? std::move(*app) : nullptr;
}

inline std::int64_t Exec1(store::Database& db, std::string_view sql, std::initializer_list<store::Value> params) {
  auto row = db.QueryOne(sql, params);
  EXPECT_TRUE(row.has_value() && row->has_value()) << sql;
  return (row && *row) ? (*row)->Int(0) : 0;
}

inline SeededOrg SeedOrganisation(IssuerApp& app) {
  store::Database& db = app.db();
  const std::string now = app.Now();
  const std::int64_t team_a =
      Exec1(db, "INSERT INTO teams (name, created_at) VALUES ('Publiekszaken', ?) RETURNING id", {now});
  const std::int64_t team_b =
      Exec1(db, "INSERT INTO teams (name, created_at) VALUES ('Buitendienst', ?) RETURNING id", {now});
  SeededOrg org;
  auto add = [&](const std::string& key, const std::string& number, const std::string& name, Role role,
                 std::optional<std::int64_t> team, std::optional<std::int64_t> manager) {
    const std::string role_text(ToString(role));
    const std::int64_t id = Exec1(
        db,
        "INSERT INTO people (employee_number, name, email, team_id, manager_id, role, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {number, name, key + "@gemeente-voorbeeld.example", team ? store::Value(*team) : store::Value(nullptr),
         manager ? store::Value(*manager) : store::Value(nullptr), role_text, now, now});
    org.people[key] = Principal{id, number, name, role, team};
    return id;
  };
  const std::int64_t anna = add("anna", "M001", "Anna de Vries", Role::kManager, team_a, std::nullopt);
  const std::int64_t carl = add("carl", "M002", "Carl Jansen", Role::kManager, team_b, std::nullopt);
  add("bob", "E001", "Bob Bakker", Role::kEmployee, team_a, anna);
  add("eva", "E003", "Eva Smit", Role::kEmployee, team_a, anna);
  add("dora", "E002", "Dora Visser", Role::kEmployee, team_b, carl);
  add("hanna", "H001", "Hanna Mulder", Role::kHr, std::nullopt, std::nullopt);
  add("ivo", "E004", "Ivo de Boer", Role::kEmployee, team_a, std::nullopt);

  auto skill = [&](const std::string& id, const std::string& nl, const std::string& en, std::optional<std::string> esco,
                   int active) {
    auto r = db.Execute("INSERT INTO skills (id, name_nl, name_en, esco_uri, kind, active, updated_at) "
                        "VALUES (?, ?, ?, ?, 'soft', ?, ?)",
                        {id, nl, en, esco ? store::Value(*esco) : store::Value(nullptr), std::int64_t{active}, now});
    EXPECT_TRUE(r.has_value());
  };
  skill("klantgesprek", "Klantgesprek voeren", "Conducting a customer conversation", std::string(kSeedEscoUri), 1);
  skill("archiveren", "Archiveren", "Archiving", std::nullopt, 1);
  skill("oud", "Oude vaardigheid", "Old skill", std::nullopt, 0);
  return org;
}

inline Bytes ReadFixture(const std::string& name) {
  const std::string path = std::string(VAARDIG_SOURCE_DIR) + "/tests/issuer/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// COUNT(*)-style single integer.
inline std::int64_t CountOf(IssuerApp& app, std::string_view sql) {
  auto row = app.db().QueryOne(sql);
  EXPECT_TRUE(row.has_value()) << sql;
  return (row && *row) ? (*row)->Int(0) : -1;
}

// A text snapshot of the workflow tables, to assert that a refused operation changed nothing.
inline std::string SnapshotWorkflow(IssuerApp& app) {
  std::string out;
  for (std::string_view sql :
       {"SELECT id || '|' || state || '|' || self_level || '|' || updated_at FROM claims ORDER BY id",
        "SELECT id || '|' || state || '|' || IFNULL(response_level, '-') || '|' || response_comment || '|' || "
        "message FROM confirmation_requests ORDER BY id",
        "SELECT id || '|' || request_id || '|' || level FROM endorsements ORDER BY id",
        "SELECT id || '|' || sha256 FROM evidence ORDER BY id", "SELECT kid FROM signing_keys ORDER BY kid",
        "SELECT seq || '|' || hash FROM audit_log ORDER BY seq"}) {
    auto rows = app.db().Query(sql);
    EXPECT_TRUE(rows.has_value()) << sql;
    if (!rows) continue;
    for (const store::Row& r : *rows) out += r.Text(0) + "\n";
    out += "--\n";
  }
  return out;
}

}  // namespace vaardig::issuer::testing
