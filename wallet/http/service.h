// The hosted wallet's HTTP API (issue 8), described in specs/wallet.openapi.yaml, over
// wallet/app/hosted.h. The web pages (wallet/http/pages.h) are routed here as well.
//
//   GET  /healthz, /readyz, /metrics
//   POST /api/wallets                      {"user","passphrase"} → 201 {"user","recovery_code"} (shown once)
//   POST /api/session                      {"user","passphrase"} → 200 {"session_token","csrf_token","user",
//                                          "idle_timeout_seconds"} and the session cookie
//   GET  /api/session                      {"user","csrf_token"}
//   DELETE /api/session                    sign out → 204
//   POST /api/recover                      {"user","recovery_code","new_passphrase"} → {"recovery_code"} (new)
//   POST /api/passphrase                   {"passphrase","new_passphrase"} → 204; other sessions end
//   GET  /api/credentials                  {"credentials":[view.h ToJson],"damaged":[ids]}
//   GET  /api/credentials/{id}             one credential's view
//   DELETE /api/credentials/{id}           → 204
//   POST /api/offers                       {"offer": openid-credential-offer:// link, "pin"?} → 201
//                                          {"credential_issuer","stored":[...],"skipped":[...]}
//   POST /api/credentials/status           check every credential's status again → {"checked","changed","unreachable"}
//   POST /api/credentials/import           {"credential": an SD-JWT VC string or an Open Badge object} → 201 the
//                                          view; verified first (import_credential.h); view_only when the
//                                          wallet does not hold its holder key
//   POST /api/self-declared-skills         {"name","name_en"?,"level","esco"?,"evidence"?:[names]} → 201 the
//                                          credential's view: a skill of one's own, signed with one's own key
//   POST /api/presentation-requests        {"request": openid4vp:// link} → 201 what is asked (respond.h)
//   GET  /api/presentation-requests/{id}   the same again (while pending)
//   POST /api/presentation-requests/{id}/share    {"choices"?:[{"query_id","record_id"}]} → 200
//                                          {"share_id","verifier_status","redirect_uri"?}
//   POST /api/presentation-requests/{id}/decline  → 200 {"verifier_status","redirect_uri"?} (access_denied sent)
//   POST /api/share-links                  {"record_id","valid_days"?} → 201 {"id","url","expires_at","shown","share_id"}
//   GET  /api/share-links                  {"links":[{"id","url","credential_name","shown","created_at","expires_at","state"}]}
//   DELETE /api/share-links/{id}           revoke → 204
//   GET  /s/{id}                           public: the sealed share link document (share_links.h); 404, 410
//   GET  /api/shares                       the share log, newest first
//   POST /api/backup                       {"passphrase","backup_passphrase"} → the encrypted backup file
//   POST /api/backup/restore               {"backup": base64, "backup_passphrase"} → {"added","already_present"}
//   POST /api/wallet/delete                {"passphrase"} → 204: the wallet and all its sessions are gone
//
// Authentication: the cookie `vaardig_wallet` (browsers) or `Authorization: Bearer <session
// token>`. Unsafe methods with the cookie need the CSRF token (header X-CSRF-Token or form field
// `csrf`) and, when Origin is sent and public_url is set, the same origin. Errors are
// {"error","error_description"} with the status of the error code; too many failed sign-ins 429.
// Every response is Cache-Control: no-store.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/http/router.h"
#include "wallet/app/hosted.h"

namespace vaardig::wallet {

inline constexpr std::string_view kWalletSessionCookie = "vaardig_wallet";

struct WalletRouterOptions {
  std::string public_url;        // for the Origin check; empty: no check (development)
  bool secure_cookies = true;    // Secure on the session cookie (https)
  std::int64_t idle_timeout_seconds = 15 * 60;
  bool pages = true;             // the web pages of pages.h
};

// `wallet` must outlive the router. `server_metrics` renders the HTTP server's metrics.
[[nodiscard]] std::unique_ptr<http::Router> BuildWalletRouter(HostedWallet& wallet,
                                                              std::function<std::string()> server_metrics,
                                                              WalletRouterOptions options);

// For the pages: the session of the request (cookie or bearer), or nullptr; `token` receives the
// session token. With `unsafe`, the CSRF proof and Origin are checked too (nullptr when wrong, and
// `csrf_failed` set).
struct RequestSession {
  std::shared_ptr<WalletSession> session;
  std::string token;
  bool via_cookie = false;
  bool csrf_failed = false;
};
[[nodiscard]] RequestSession SessionOf(HostedWallet& wallet, const http::Request& request, bool unsafe,
                                       const WalletRouterOptions& options);
[[nodiscard]] std::string WalletSessionCookie(const WalletRouterOptions& options, std::string_view token);

// The body limit for a request, from its head (http::ServerOptions::body_limit): the path's limit
// (WalletBodyLimit) when it is the default 64 KiB or the request carries a live session (cookie or
// bearer), else 64 KiB. So only people signed in can make the service read a large body (a backup
// to restore, up to 85 MiB; an import, up to 832 KiB); anyone else gets 413 before it is read.
[[nodiscard]] std::size_t WalletRequestBodyLimit(HostedWallet& wallet, const http::Request& head);

// What an opened presentation request asks and what each candidate would show (the API's answer).
[[nodiscard]] Json OpenedRequestJson(const OpenedPending& pending);

}  // namespace vaardig::wallet
