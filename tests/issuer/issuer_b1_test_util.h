// Shared by issuer_keys_test.cc and issuer_status_test.cc (issue 7 part B1): an IssuerApp on a
// SQLite database with a fixed clock and a random key-encryption key, and a credential with its
// status entries.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "core/crypto/random.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/status_registry.h"
#include "tests/dataintegrity/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer::b1testing {

using dataintegrity::testutil::FailsWith;
using dataintegrity::testutil::IsOk;
using testing::CountOf;

constexpr std::string_view kPublicUrl = "https://skills.gemeente-voorbeeld.example";
constexpr std::string_view kDid = "did:web:skills.gemeente-voorbeeld.example";

inline KeyVault TestVault() {
  auto vault = KeyVault::FromKey(crypto::RandomSecret(kKekSize));
  EXPECT_TRUE(vault.has_value());
  return std::move(*vault);
}

inline IssuerSettings Settings(std::string database = ":memory:") {
  IssuerSettings settings;
  settings.public_url = std::string(kPublicUrl);
  settings.database_path = std::move(database);
  return settings;
}

inline std::string ErrorMessage(const auto& result) { return result ? std::string("(ok)") : result.error().message(); }

struct Fixture {
  std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(testing::kSeedNow);
  std::unique_ptr<IssuerApp> app;
  KeyVault vault = TestVault();
  explicit Fixture(IssuerSettings settings = Settings()) { app = testing::OpenTestApp(clock, std::move(settings)); }
};

// A credentials row plus its status entries, in one transaction.
inline Result<StatusAllocation> Issue(IssuerApp& app, const std::string& id, std::optional<std::int64_t> person,
                               std::optional<std::int64_t> confirmed_by, std::int64_t list_size = kStatusListSize) {
  std::optional<StatusAllocation> out;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(out, AllocateStatus(tx, app.settings(), id, app.Now(), list_size));
    VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO credentials (id, person_id, skill_id, level, confirmed_by, configuration_id, format, "
                 "issuer_kid, credential_sha256, state, issued_at) VALUES (?, ?, 'klantgesprek', 2, ?, "
                 "'vaardig_sd_jwt', 'dc+sd-jwt', 'kid', 'sha', 'valid', ?)",
                 {id, person ? store::Value(*person) : store::Value(nullptr),
                  confirmed_by ? store::Value(*confirmed_by) : store::Value(nullptr), app.Now()}));
    return Ok();
  }));
  return std::move(*out);
}

inline std::int64_t EntryValue(IssuerApp& app, const std::string& credential, std::string_view purpose) {
  auto row = app.db().QueryOne(
      "SELECT e.value FROM status_entries e JOIN status_lists l ON l.id = e.list_id "
      "WHERE e.credential_id = ? AND l.purpose = ?",
      {credential, std::string(purpose)});
  EXPECT_TRUE(row.has_value() && row->has_value());
  return (row && *row) ? (*row)->Int(0) : -1;
}

inline std::int64_t ListIdOf(const std::string& uri) { return std::stoll(uri.substr(uri.rfind('/') + 1)); }

}  // namespace vaardig::issuer::b1testing
