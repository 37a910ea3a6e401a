#include "wallet/app/wallet_schema.h"

#include <array>

namespace vaardig::wallet {

namespace {

// Ids are base64url text of 16 random bytes. Argon2id limits are integers (memlimit in bytes).
constexpr std::string_view kVaults = R"sql(
CREATE TABLE wallet_secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
CREATE TABLE vaults (
  id TEXT PRIMARY KEY,
  handle_hash BLOB NOT NULL UNIQUE,
  passphrase_salt BLOB NOT NULL,
  passphrase_opslimit INTEGER NOT NULL,
  passphrase_memlimit INTEGER NOT NULL,
  passphrase_wrap BLOB NOT NULL,
  recovery_salt BLOB NOT NULL,
  recovery_opslimit INTEGER NOT NULL,
  recovery_memlimit INTEGER NOT NULL,
  recovery_wrap BLOB NOT NULL
);
CREATE TABLE vault_records (
  vault_id TEXT NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (vault_id, id)
);
)sql";

// Share links (share_links.h): the presentation sealed under a key only the link holds; vault_id
// says whose link it is (to revoke it, and to delete it with the vault).
constexpr std::string_view kShareLinks = R"sql(
CREATE TABLE share_links (
  id TEXT PRIMARY KEY,
  vault_id TEXT NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
  sealed BLOB,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX share_links_by_vault ON share_links(vault_id);
)sql";

constexpr std::array kMigrations = {
    store::Migration{1, "vaults and sealed records", kVaults},
    store::Migration{2, "share links", kShareLinks},
};

}  // namespace

std::span<const store::Migration> WalletMigrations() { return kMigrations; }

Status MigrateWalletSchema(store::Database& db) {
  VAARDIG_ASSIGN_OR_RETURN(auto applied, store::Migrate(db, WalletMigrations()));
  (void)applied;
  return Ok();
}

}  // namespace vaardig::wallet
