#include "wallet/app/hosted.h"

#include <algorithm>

#include "core/crypto/random.h"
#include "core/dataintegrity/date_time.h"
#include "core/encoding/base64url.h"

namespace vaardig::wallet {
namespace {

constexpr std::chrono::milliseconds kUnlockWait{3'000};
// How long a request waits for another request of the same session to finish.
constexpr std::chrono::milliseconds kSessionWait{2'000};

Error Busy() {
  return Error(ErrorCode::kUnavailable, "the wallet service is busy opening other wallets; try again in a moment");
}

Error TooManyFailures() {
  return Error(ErrorCode::kResourceExhausted,
               std::string(kTooManyAttempts) + " for this wallet or from this address; try again later");
}

Error SessionBusy() {
  return Error(ErrorCode::kAborted, "another action in this wallet is still running; try again when it is done");
}

// Runs outbound work (an issuer, a verifier) inside the fetch gate: a slow or hostile host can
// hold at most that many of the server's threads; others are told to try again.
template <typename F>
auto Fetching(UnlockGate& gate, F&& work) -> decltype(work()) {
  if (!gate.Enter(std::chrono::milliseconds(0))) {
    return std::unexpected(Error(ErrorCode::kUnavailable, "the wallet service is busy reaching other services; try again in a moment"));
  }
  auto result = work();
  gate.Leave();
  return result;
}

// Runs Argon2id work inside the gate.
template <typename F>
auto Gated(UnlockGate& gate, F&& work) -> decltype(work()) {
  if (!gate.Enter(kUnlockWait)) return std::unexpected(Busy());
  auto result = work();
  gate.Leave();
  return result;
}

}  // namespace

HostedWallet::HostedWallet(VaultStore& vaults, store::Database& db, const Clock& clock, http::HttpFetcher& fetcher,
                           HostedWalletOptions options)
    : vaults_(&vaults), clock_(&clock), fetcher_(&fetcher), options_(options), sessions_(clock, options.sessions),
      links_(db, clock),
      throttle_(clock, options.login_max_failures, options.login_window_seconds),
      registrations_(clock, options.max_registrations_per_address, options.login_window_seconds),
      unlock_gate_(options.max_concurrent_unlocks), fetch_gate_(options.max_concurrent_fetches) {}

Result<NewVault> HostedWallet::Register(std::string_view user, std::string_view passphrase,
                                        std::string_view client_address) {
  if (!options_.open_registration) {
    return Fail(ErrorCode::kPermissionDenied, "this wallet service does not take new wallets; ask its operator");
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::string name, NormaliseUserName(user));
  const std::string address_key = "register:" + std::string(client_address);
  if (!registrations_.Allowed(address_key)) return std::unexpected(TooManyFailures());
  registrations_.Failure(address_key);  // every attempt counts: registrations are rate limited, not failures
  return Gated(unlock_gate_, [&] { return vaults_->CreateVault(name, passphrase); });
}

Result<UnlockedVault> HostedWallet::UnlockThrottled(std::string_view user, std::string_view passphrase,
                                                    std::string_view client_address) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string name, NormaliseUserName(user));
  const std::string user_key = "user:" + name;
  const std::string address_key = "address:" + std::string(client_address);
  if (!throttle_.Allowed(user_key) || !throttle_.Allowed(address_key)) return std::unexpected(TooManyFailures());
  auto vault = Gated(unlock_gate_, [&] { return vaults_->Unlock(name, passphrase); });
  if (!vault && vault.error().code() == ErrorCode::kUnauthenticated) {
    throttle_.Failure(user_key);
    throttle_.Failure(address_key);
  } else if (vault) {
    throttle_.Success(user_key);
  }
  return vault;
}

Result<SignedIn> HostedWallet::SignIn(std::string_view user, std::string_view passphrase,
                                      std::string_view client_address) {
  VAARDIG_ASSIGN_OR_RETURN(UnlockedVault vault, UnlockThrottled(user, passphrase, client_address));
  VAARDIG_ASSIGN_OR_RETURN(std::string name, NormaliseUserName(user));
  std::string token = sessions_.Start(std::move(name), std::move(vault));
  auto session = sessions_.Find(token);
  if (!session) return Fail(ErrorCode::kInternal, "the new session was not found");
  return SignedIn{.token = std::move(token), .session = std::move(session)};
}

Result<std::string> HostedWallet::Recover(std::string_view user, std::string_view recovery_code,
                                          std::string_view new_passphrase, std::string_view client_address) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string name, NormaliseUserName(user));
  const std::string user_key = "user:" + name;
  const std::string address_key = "address:" + std::string(client_address);
  if (!throttle_.Allowed(user_key) || !throttle_.Allowed(address_key)) return std::unexpected(TooManyFailures());
  auto recovered = Gated(unlock_gate_, [&] { return vaults_->RecoverWithCode(name, recovery_code, new_passphrase); });
  if (!recovered) {
    if (recovered.error().code() == ErrorCode::kUnauthenticated) {
      throttle_.Failure(user_key);
      throttle_.Failure(address_key);
    }
    return std::unexpected(recovered.error());
  }
  throttle_.Success(user_key);
  // Whoever was signed in with the old passphrase is signed out.
  sessions_.EndAllFor(recovered->vault.id());
  return std::move(recovered->recovery_code);
}

Status HostedWallet::ChangePassphrase(WalletSession& session, std::string_view token, std::string_view current,
                                      std::string_view new_passphrase) {
  // The current passphrase again: a session left open on a shared screen cannot lock its owner out.
  VAARDIG_ASSIGN_OR_RETURN(UnlockedVault check, UnlockThrottled(session.user, current, "session:" + session.user));
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  VAARDIG_RETURN_IF_ERROR(Gated(unlock_gate_, [&] { return vaults_->ChangePassphrase(check, new_passphrase); }));
  sessions_.EndAllFor(session.vault.id(), token);
  return {};
}

Result<CredentialList> HostedWallet::Credentials(WalletSession& session) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  VAARDIG_ASSIGN_OR_RETURN(VaultListing listing, session.vault.List(RecordKind::kCredential));
  CredentialList out{.credentials = {}, .damaged_ids = std::move(listing.damaged_ids)};
  for (const VaultRecord& record : listing.records) {
    auto view = ViewCredential(record);
    if (view) out.credentials.push_back(std::move(*view));
  }
  return out;
}

Result<CredentialView> HostedWallet::Credential(WalletSession& session, std::string_view id) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  VAARDIG_ASSIGN_OR_RETURN(VaultRecord record, session.vault.Get(id));
  if (record.kind != RecordKind::kCredential) return Fail(ErrorCode::kNotFound, "no such credential");
  return ViewCredential(record);
}

Status HostedWallet::DeleteCredential(WalletSession& session, std::string_view id) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  VAARDIG_ASSIGN_OR_RETURN(VaultRecord record, session.vault.Get(id));
  if (record.kind != RecordKind::kCredential) return Fail(ErrorCode::kNotFound, "no such credential");
  VAARDIG_RETURN_IF_ERROR(session.vault.Delete(id));
  const Json history = {{"event", "deleted"}, {"credential_id", std::string(id)}, {"at", clock_->NowSeconds()}};
  (void)session.vault.Put(RecordKind::kHistory, history);
  return {};
}

Result<CollectResult> HostedWallet::Collect(WalletSession& session, std::string_view link,
                                            std::optional<std::string_view> pin) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return Fetching(fetch_gate_, [&] {
    return CollectOffer(*fetcher_, session.vault, link, pin,
                        {.clock = clock_, .allow_http_for_loopback = options_.allow_http_for_loopback});
  });
}

Result<ImportedCredential> HostedWallet::Import(WalletSession& session, std::string_view text) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return Fetching(fetch_gate_, [&] {
    return ImportCredential(*fetcher_, session.vault, text,
                            {.clock = clock_, .allow_http_for_loopback = options_.allow_http_for_loopback});
  });
}

Result<StatusRefresh> HostedWallet::RefreshStatus(WalletSession& session) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return Fetching(fetch_gate_, [&] {
    return RefreshStatuses(*fetcher_, session.vault, {.clock = clock_, .allow_http_for_loopback = options_.allow_http_for_loopback});
  });
}

Result<std::string> HostedWallet::DeclareSkill(WalletSession& session, const SelfDeclaredSkill& skill) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return RecordSelfDeclaredSkill(session.vault, skill, *clock_);
}

Result<NewShareLink> HostedWallet::CreateShareLink(WalletSession& session, std::string_view record_id, std::int64_t days) {
  if (options_.public_url.empty()) {
    return Fail(ErrorCode::kFailedPrecondition, "this wallet service has no public URL (server.public_url), so it cannot make links");
  }
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return links_.Create(session.vault, record_id, options_.public_url, days);
}

Result<std::vector<ShareLinkInfo>> HostedWallet::ShareLinks(WalletSession& session) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return links_.List(session.vault);
}

Status HostedWallet::RevokeShareLink(WalletSession& session, std::string_view id) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return links_.Revoke(session.vault, id);
}

void HostedWallet::SweepPending(WalletSession& session) const {
  const std::int64_t now = clock_->NowSeconds();
  std::erase_if(session.pending, [&](const auto& entry) {
    return now - entry.second.opened_at >= kPendingRequestSeconds;
  });
}

Result<OpenedPending> HostedWallet::OpenRequest(WalletSession& session, std::string_view link) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  SweepPending(session);
  VAARDIG_ASSIGN_OR_RETURN(OpenedRequest opened, Fetching(fetch_gate_, [&] {
                             return OpenPresentationRequest(*fetcher_, session.vault, link,
                                                            {.clock = clock_, .allow_http_for_loopback = options_.allow_http_for_loopback});
                           }));
  while (session.pending.size() >= kMaxPendingRequests) {
    auto oldest = std::ranges::min_element(session.pending, {}, [](const auto& e) { return e.second.opened_at; });
    session.pending.erase(oldest);
  }
  std::string id = encoding::Base64UrlEncode(crypto::RandomBytes(16));
  session.pending.emplace(id, PendingRequest{.opened = opened, .opened_at = clock_->NowSeconds()});
  return OpenedPending{.id = std::move(id), .opened = std::move(opened)};
}

Result<OpenedPending> HostedWallet::Pending(WalletSession& session, std::string_view id) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  SweepPending(session);
  auto it = session.pending.find(std::string(id));
  if (it == session.pending.end()) {
    return Fail(ErrorCode::kNotFound, "this request was answered, declined or has expired; open it again from the verifier");
  }
  return OpenedPending{.id = it->first, .opened = it->second.opened};
}

Result<SentShare> HostedWallet::Share(WalletSession& session, std::string_view pending_id,
                                      std::vector<ShareChoice> choices) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  SweepPending(session);
  auto it = session.pending.find(std::string(pending_id));
  if (it == session.pending.end()) {
    return Fail(ErrorCode::kNotFound, "this request was answered, declined or has expired; open it again from the verifier");
  }
  if (choices.empty()) choices = DefaultChoices(it->second.opened);
  // Used up whatever the outcome: a request is answered once.
  const PendingRequest pending = std::move(it->second);
  session.pending.erase(it);
  return Fetching(fetch_gate_, [&] {
    return SendPresentation(*fetcher_, session.vault, pending.opened, choices,
                            {.clock = clock_, .allow_http_for_loopback = options_.allow_http_for_loopback});
  });
}

Result<SentShare> HostedWallet::Decline(WalletSession& session, std::string_view pending_id) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  SweepPending(session);
  auto it = session.pending.find(std::string(pending_id));
  if (it == session.pending.end()) {
    return Fail(ErrorCode::kNotFound, "this request was answered, declined or has expired; open it again from the verifier");
  }
  const PendingRequest pending = std::move(it->second);
  session.pending.erase(it);
  return Fetching(fetch_gate_, [&] {
    return DeclineRequest(*fetcher_, session.vault, pending.opened,
                          {.clock = clock_, .allow_http_for_loopback = options_.allow_http_for_loopback});
  });
}

Result<Json> HostedWallet::Shares(WalletSession& session) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  VAARDIG_ASSIGN_OR_RETURN(VaultListing listing, session.vault.List(RecordKind::kShare));
  Json rows = Json::array();
  for (auto it = listing.records.rbegin(); it != listing.records.rend(); ++it) {
    if (it->content.value("type", "") == "link") continue;  // share links: ShareLinks()
    Json row = it->content;
    row["id"] = it->id;
    auto at = dataintegrity::FormatDateTimeStamp(it->created_at);
    row["at"] = at ? *at : std::string();
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<Bytes> HostedWallet::ExportBackup(WalletSession& session, std::string_view passphrase,
                                         std::string_view backup_passphrase) {
  VAARDIG_ASSIGN_OR_RETURN(UnlockedVault check, UnlockThrottled(session.user, passphrase, "session:" + session.user));
  (void)check;
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return Gated(unlock_gate_, [&] { return session.vault.ExportBackup(backup_passphrase); });
}

Result<ImportResult> HostedWallet::ImportBackup(WalletSession& session, ByteView backup,
                                                std::string_view backup_passphrase) {
  std::unique_lock lock(session.mutex, kSessionWait);
  if (!lock.owns_lock()) return std::unexpected(SessionBusy());
  return Gated(unlock_gate_, [&] { return session.vault.ImportBackup(backup, backup_passphrase); });
}

Status HostedWallet::DeleteWallet(std::shared_ptr<WalletSession> session, std::string_view passphrase) {
  VAARDIG_ASSIGN_OR_RETURN(UnlockedVault check, UnlockThrottled(session->user, passphrase, "session:" + session->user));
  const std::string vault_id = check.id();
  {
    std::unique_lock lock(session->mutex, kSessionWait);
    if (!lock.owns_lock()) return std::unexpected(SessionBusy());
    VAARDIG_RETURN_IF_ERROR(vaults_->DeleteVault(std::move(check)));
  }
  sessions_.EndAllFor(vault_id);
  return {};
}

}  // namespace vaardig::wallet
