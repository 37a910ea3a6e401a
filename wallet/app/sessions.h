// The hosted wallet's sessions (issue 8: "sessions time out"; DESIGN.md §7): who is signed in,
// holding their unlocked vault, and the limits around signing in.
//
// - A session holds the person's UnlockedVault (the vault's data key, in SecretBytes) in memory
//   and nothing else of theirs; it ends on sign-out, after `idle_seconds` without a request, after
//   `absolute_seconds` in all, or when the vault is deleted. Ending drops the UnlockedVault, which
//   zeroes the key. Nothing about a session is written to disk: a restart signs everyone out.
// - Session tokens are 32 random bytes (base64url); the table is keyed by their SHA-256, so the
//   lookup's timing does not depend on the token's bytes. Each session has its own CSRF token.
// - At most `max_sessions` sessions; expired ones are swept first, then the least recently used
//   one is ended to make room (a flood of sign-ins cannot grow memory without bound).
// - Requests of one session run one at a time (WalletSession::mutex), as UnlockedVault requires.
// - Pending OpenID4VP requests (opened, not yet answered) live in their session, at most
//   kMaxPendingRequests, each for at most kPendingRequestSeconds.
//
// LoginThrottle: failed sign-ins are counted per key (the normalised user name, and the client's
// address) in a sliding window; after `max_failures` the key is refused until the window has
// passed. UnlockGate bounds how many Argon2id derivations run at once (each holds up to 256 MiB).
//
// Thread-safety: all classes here are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "wallet/app/respond.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

inline constexpr std::size_t kMaxPendingRequests = 8;
inline constexpr std::int64_t kPendingRequestSeconds = 10 * 60;

struct PendingRequest {
  OpenedRequest opened;
  std::int64_t opened_at = 0;
};

struct WalletSession {
  WalletSession(std::string user_name, std::string csrf, UnlockedVault unlocked, std::int64_t now)
      : user(std::move(user_name)), csrf_token(std::move(csrf)), vault(std::move(unlocked)), created_at(now),
        last_used_at(now) {}

  const std::string user;        // the normalised user name, for "signed in as"
  const std::string csrf_token;
  std::timed_mutex mutex;        // held while a request uses the vault or `pending`
  UnlockedVault vault;
  std::map<std::string, PendingRequest> pending;  // by random id
  const std::int64_t created_at;
  std::int64_t last_used_at;     // guarded by WalletSessions' mutex
};

struct SessionLimits {
  std::int64_t idle_seconds = 15 * 60;
  std::int64_t absolute_seconds = 8 * 3600;
  std::size_t max_sessions = 10000;
  std::size_t max_sessions_per_vault = 10;  // one account cannot push everyone else out
};

class WalletSessions {
 public:
  WalletSessions(const Clock& clock, SessionLimits limits) : clock_(&clock), limits_(limits) {}

  // A new session for the unlocked vault; returns its token.
  [[nodiscard]] std::string Start(std::string user, UnlockedVault vault);
  // The live session of `token` (its last use set to now), or nullptr when unknown or expired (an
  // expired one is ended here).
  [[nodiscard]] std::shared_ptr<WalletSession> Find(std::string_view token);
  void End(std::string_view token);
  // Ends every session on the vault (after it was deleted or its passphrase changed elsewhere).
  void EndAllFor(std::string_view vault_id, std::string_view except_token = {});
  [[nodiscard]] std::size_t size() const;

 private:
  void SweepLocked(std::int64_t now);
  [[nodiscard]] bool ExpiredLocked(const WalletSession& s, std::int64_t now) const;

  const Clock* clock_;
  SessionLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<WalletSession>> sessions_;  // by SHA-256 of the token
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, std::int64_t max_failures, std::int64_t window_seconds)
      : clock_(&clock), max_failures_(max_failures), window_seconds_(window_seconds) {}

  // False when `key` has had max_failures failures within the window.
  [[nodiscard]] bool Allowed(std::string_view key);
  void Failure(std::string_view key);
  void Success(std::string_view key);

 private:
  const Clock* clock_;
  std::int64_t max_failures_;
  std::int64_t window_seconds_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;  // by key: failure times
};

class UnlockGate {
 public:
  explicit UnlockGate(std::int64_t concurrent) : free_(concurrent) {}
  // Waits up to `wait` for a slot (zero: only if one is free now); false when none came free (the
  // caller answers "busy").
  [[nodiscard]] bool Enter(std::chrono::milliseconds wait);
  void Leave();

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::int64_t free_;
};

// A user name as the hosted wallet keys it: trimmed, ASCII lower-cased; 3 to 64 characters of
// letters, digits and . _ - @. invalid_argument otherwise.
[[nodiscard]] Result<std::string> NormaliseUserName(std::string_view name);

}  // namespace vaardig::wallet
