// The hosted wallet (issue 8, `vaardig-wallet serve`): many people's vaults behind one service,
// run by or for an employer yet unreadable by it. This class is what the JSON API
// (wallet/http/api.h) and the web pages (wallet/http/pages.h) both call; it holds no HTTP.
//
// - Register: a new vault for a user name (normalised, sessions.h) and passphrase; the recovery
//   code is returned once. Refused (permission_denied) when registration is closed.
// - SignIn: unlocks the vault (Argon2id, through the UnlockGate) and starts a session. A wrong
//   passphrase and an unknown user name are answered alike (unauthenticated). After
//   login.max_failures failures for the user name or the client address within the window, sign-in
//   is refused (resource_exhausted) until the window has passed — even with the right passphrase.
// - Everything else takes a signed-in session and runs under its mutex (one request at a time per
//   session). The vault's data key never leaves the session; nothing here logs.
// - Collect / OpenRequest / Share / Decline call wallet/app/collect.h and respond.h with the
//   service's fetcher. An opened request is kept in the session (sessions.h limits) until it is
//   answered, declined or expires; answering it twice is refused (not_found: it is gone).
// - DeleteWallet asks for the passphrase again, deletes the vault and ends all its sessions.
//
// Thread-safety: thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/http/fetcher.h"
#include "wallet/app/collect.h"
#include "wallet/app/respond.h"
#include "wallet/app/import_credential.h"
#include "wallet/app/self_declared.h"
#include "wallet/app/share_links.h"
#include "wallet/app/sessions.h"
#include "wallet/app/vault.h"
#include "wallet/app/view.h"

namespace vaardig::wallet {

// The start of the message of a throttled attempt (resource_exhausted).
inline constexpr std::string_view kTooManyAttempts = "too many failed attempts";

struct HostedWalletOptions {
  std::string public_url;  // the base of share links; empty: no share links
  bool open_registration = true;
  bool allow_http_for_loopback = false;
  SessionLimits sessions{};
  std::int64_t login_max_failures = 5;
  std::int64_t login_window_seconds = 15 * 60;
  std::int64_t max_registrations_per_address = 30;  // per login window
  std::int64_t max_concurrent_unlocks = 2;
  // Requests that reach out to issuers and verifiers at once (each may wait up to 10 s per call):
  // keep it below server.threads so a slow host cannot hold every thread.
  std::int64_t max_concurrent_fetches = 2;
};

struct SignedIn {
  std::string token;
  std::shared_ptr<WalletSession> session;
};

struct OpenedPending {
  std::string id;  // of the pending request, for Share / Decline
  OpenedRequest opened;
};

struct CredentialList {
  std::vector<CredentialView> credentials;
  std::vector<std::string> damaged_ids;
};

class HostedWallet {
 public:
  // `vaults`, `db` (the vaults' database), `clock` and `fetcher` must outlive this object.
  HostedWallet(VaultStore& vaults, store::Database& db, const Clock& clock, http::HttpFetcher& fetcher,
               HostedWalletOptions options);

  [[nodiscard]] Result<NewVault> Register(std::string_view user, std::string_view passphrase,
                                          std::string_view client_address);
  [[nodiscard]] Result<SignedIn> SignIn(std::string_view user, std::string_view passphrase,
                                        std::string_view client_address);
  void SignOut(std::string_view token) { sessions_.End(token); }
  // The session of a token, or nullptr (unknown, expired).
  [[nodiscard]] std::shared_ptr<WalletSession> Session(std::string_view token) { return sessions_.Find(token); }
  // A new recovery code and passphrase for someone who forgot theirs (throttled like SignIn).
  [[nodiscard]] Result<std::string> Recover(std::string_view user, std::string_view recovery_code,
                                            std::string_view new_passphrase, std::string_view client_address);

  [[nodiscard]] Status ChangePassphrase(WalletSession& session, std::string_view token, std::string_view current,
                                        std::string_view new_passphrase);
  [[nodiscard]] Result<CredentialList> Credentials(WalletSession& session);
  [[nodiscard]] Result<CredentialView> Credential(WalletSession& session, std::string_view id);
  [[nodiscard]] Status DeleteCredential(WalletSession& session, std::string_view id);
  [[nodiscard]] Result<CollectResult> Collect(WalletSession& session, std::string_view link,
                                              std::optional<std::string_view> pin);
  // An Open Badge file or an SD-JWT VC (import_credential.h), verified before it is kept.
  [[nodiscard]] Result<ImportedCredential> Import(WalletSession& session, std::string_view text);
  // Every credential's status checked again against its issuer's status list.
  [[nodiscard]] Result<StatusRefresh> RefreshStatus(WalletSession& session);
  // A self-declared skill (self_declared.h), signed with the person's own key.
  [[nodiscard]] Result<std::string> DeclareSkill(WalletSession& session, const SelfDeclaredSkill& skill);
  // Share links (share_links.h).
  [[nodiscard]] Result<NewShareLink> CreateShareLink(WalletSession& session, std::string_view record_id, std::int64_t days);
  [[nodiscard]] Result<std::vector<ShareLinkInfo>> ShareLinks(WalletSession& session);
  [[nodiscard]] Status RevokeShareLink(WalletSession& session, std::string_view id);
  // Public: what GET /s/{id} answers.
  [[nodiscard]] Result<ServedShareLink> ServeShareLink(std::string_view id) { return links_.Serve(id); }
  [[nodiscard]] Result<OpenedPending> OpenRequest(WalletSession& session, std::string_view link);
  // The pending request (for showing it again); not_found when answered, declined or expired.
  [[nodiscard]] Result<OpenedPending> Pending(WalletSession& session, std::string_view id);
  [[nodiscard]] Result<SentShare> Share(WalletSession& session, std::string_view pending_id,
                                        std::vector<ShareChoice> choices);
  [[nodiscard]] Result<SentShare> Decline(WalletSession& session, std::string_view pending_id);
  // The share log of answered requests (share links: ShareLinks), newest first: {"id","at","verifier","verifier_name"?,"credentials":[{"name","shown"}]}.
  [[nodiscard]] Result<Json> Shares(WalletSession& session);
  // Asks for the passphrase again (throttled like sign-in): a session left open on a shared
  // screen must not hand out everything, holder keys included.
  [[nodiscard]] Result<Bytes> ExportBackup(WalletSession& session, std::string_view passphrase,
                                           std::string_view backup_passphrase);
  [[nodiscard]] Result<ImportResult> ImportBackup(WalletSession& session, ByteView backup,
                                                  std::string_view backup_passphrase);
  [[nodiscard]] Status DeleteWallet(std::shared_ptr<WalletSession> session, std::string_view passphrase);

  [[nodiscard]] bool open_registration() const { return options_.open_registration; }
  // The database answers (for /readyz).
  [[nodiscard]] Status Ready() { return links_.Ping(); }
  [[nodiscard]] std::int64_t login_window_seconds() const { return options_.login_window_seconds; }
  [[nodiscard]] std::size_t session_count() const { return sessions_.size(); }

 private:
  [[nodiscard]] Result<UnlockedVault> UnlockThrottled(std::string_view user, std::string_view passphrase,
                                                      std::string_view client_address);
  void SweepPending(WalletSession& session) const;

  VaultStore* vaults_;
  const Clock* clock_;
  http::HttpFetcher* fetcher_;
  HostedWalletOptions options_;
  WalletSessions sessions_;
  ShareLinkStore links_;
  LoginThrottle throttle_;
  LoginThrottle registrations_;
  UnlockGate unlock_gate_;
  UnlockGate fetch_gate_;
};

}  // namespace vaardig::wallet
