#include "wallet/app/sessions.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"

namespace vaardig::wallet {
namespace {

std::string TokenKey(std::string_view token) {
  const auto digest = crypto::Sha256(AsBytes(token));
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace

std::string WalletSessions::Start(std::string user, UnlockedVault vault) {
  const std::string token = encoding::Base64UrlEncode(crypto::RandomBytes(32));
  const std::string csrf = encoding::Base64UrlEncode(crypto::RandomBytes(24));
  const std::int64_t now = clock_->NowSeconds();
  auto session = std::make_shared<WalletSession>(std::move(user), csrf, std::move(vault), now);
  std::lock_guard lock(mutex_);
  SweepLocked(now);
  // At most max_sessions_per_vault for one vault: its own least recently used one makes room.
  std::size_t own = 0;
  for (const auto& entry : sessions_) own += entry.second->vault.id() == session->vault.id() ? 1 : 0;
  while (own >= limits_.max_sessions_per_vault && own > 0) {
    auto oldest = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second->vault.id() == session->vault.id() &&
          (oldest == sessions_.end() || it->second->last_used_at < oldest->second->last_used_at)) {
        oldest = it;
      }
    }
    sessions_.erase(oldest);
    --own;
  }
  while (sessions_.size() >= limits_.max_sessions && !sessions_.empty()) {
    auto oldest = std::ranges::min_element(sessions_, {}, [](const auto& entry) { return entry.second->last_used_at; });
    sessions_.erase(oldest);
  }
  sessions_.emplace(TokenKey(token), std::move(session));
  return token;
}

bool WalletSessions::ExpiredLocked(const WalletSession& s, std::int64_t now) const {
  return now - s.last_used_at >= limits_.idle_seconds || now - s.created_at >= limits_.absolute_seconds;
}

void WalletSessions::SweepLocked(std::int64_t now) {
  std::erase_if(sessions_, [&](const auto& entry) { return ExpiredLocked(*entry.second, now); });
}

std::shared_ptr<WalletSession> WalletSessions::Find(std::string_view token) {
  if (token.empty() || token.size() > 128) return nullptr;
  const std::int64_t now = clock_->NowSeconds();
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(TokenKey(token));
  if (it == sessions_.end()) return nullptr;
  if (ExpiredLocked(*it->second, now)) {
    sessions_.erase(it);
    return nullptr;
  }
  it->second->last_used_at = now;
  return it->second;
}

void WalletSessions::End(std::string_view token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(TokenKey(token));
}

void WalletSessions::EndAllFor(std::string_view vault_id, std::string_view except_token) {
  const std::string keep = except_token.empty() ? std::string() : TokenKey(except_token);
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& entry) { return entry.first != keep && entry.second->vault.id() == vault_id; });
}

std::size_t WalletSessions::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

bool LoginThrottle::Allowed(std::string_view key) {
  const std::int64_t now = clock_->NowSeconds();
  std::lock_guard lock(mutex_);
  auto it = failures_.find(std::string(key));
  if (it == failures_.end()) return true;
  while (!it->second.empty() && now - it->second.front() >= window_seconds_) it->second.pop_front();
  if (it->second.empty()) {
    failures_.erase(it);
    return true;
  }
  return static_cast<std::int64_t>(it->second.size()) < max_failures_;
}

void LoginThrottle::Failure(std::string_view key) {
  const std::int64_t now = clock_->NowSeconds();
  std::lock_guard lock(mutex_);
  if (failures_.size() > 100'000) {  // bounded memory: forget keys whose window has passed
    std::erase_if(failures_, [&](const auto& entry) { return entry.second.empty() || now - entry.second.back() >= window_seconds_; });
  }
  auto& times = failures_[std::string(key)];
  times.push_back(now);
  while (static_cast<std::int64_t>(times.size()) > max_failures_) times.pop_front();
}

void LoginThrottle::Success(std::string_view key) {
  std::lock_guard lock(mutex_);
  failures_.erase(std::string(key));
}

bool UnlockGate::Enter(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!cv_.wait_for(lock, wait, [this] { return free_ > 0; })) return false;
  --free_;
  return true;
}

void UnlockGate::Leave() {
  {
    std::lock_guard lock(mutex_);
    ++free_;
  }
  cv_.notify_one();
}

Result<std::string> NormaliseUserName(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '@';
    if (!ok) {
      return Fail(ErrorCode::kInvalidArgument,
                  "a user name has only letters, digits and . _ - @ (3 to 64 characters)");
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (out.size() < 3 || out.size() > 64) {
    return Fail(ErrorCode::kInvalidArgument, "a user name has only letters, digits and . _ - @ (3 to 64 characters)");
  }
  return out;
}

}  // namespace vaardig::wallet
