// The wallet's database schema, as ordered migrations (core/store/migrate.h). Add a migration at
// the end; never edit one that has shipped.
//
// What the tables may hold (DESIGN.md §7 "Wallet vaults": the server stores ciphertext only):
//   wallet_secrets  the random key for login-handle hashes when no handle key is configured
//   vaults          per vault: a random id, the keyed hash of its login handle, and the vault's data
//                   key wrapped twice (passphrase, recovery code) with each wrap's Argon2id salt and
//                   parameters. No handle, passphrase, code or key in clear; no timestamps.
//   vault_records   per record: the vault id, a random record id and one XChaCha20-Poly1305
//                   ciphertext (kind, times and contents are inside; the length is padded to a
//                   multiple of 512 bytes, so only a coarse size shows).
#pragma once

#include <span>

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/migrate.h"

namespace vaardig::wallet {

[[nodiscard]] std::span<const store::Migration> WalletMigrations();

// store::Migrate(db, WalletMigrations()).
[[nodiscard]] Status MigrateWalletSchema(store::Database& db);

}  // namespace vaardig::wallet
