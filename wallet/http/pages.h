// The hosted wallet's web pages (issue 8), in Dutch by default and in English (?lang=en), phone
// first. Server-rendered forms over wallet/app/hosted.h; they work without JavaScript (the one
// script only adds QR scanning with the camera).
//
//   GET  /                          signed out: sign in; signed in: my skills, grouped by employer,
//                                   confirmed (green) and self-declared (blue) apart, with status
//   POST /signin, GET|POST /register (shows the recovery code once), GET|POST /recover, POST /signout
//   GET  /credentials/{id}          one credential; POST /credentials/{id}/delete
//   GET|POST /collect               an OpenID4VCI offer link (pasted or scanned, or ?offer=) and the PIN
//   GET|POST /share                 an OpenID4VP request link (pasted or scanned, or ?request=) →
//                                   who asks and exactly what, with a choice per question
//   POST /share/{id}/send, POST /share/{id}/decline
//   GET  /shares                    the share log
//   GET|POST /backup                download an encrypted backup; POST /wallet/delete
//   GET|POST /skills/new            a self-declared skill
//   POST /credentials/{id}/share-link, POST /share-links/{id}/revoke   share links
//   POST /import                    an Open Badge or SD-JWT VC pasted on /collect
//   POST /status                    check every credential's status again
//   GET  /static/wallet.css, /static/wallet.js
//
// Every POST from a signed-in page carries the session's CSRF token (form field csrf); a sign-in
// form is checked against public_url's origin when the browser sends Origin.
#pragma once

#include "core/http/router.h"
#include "wallet/app/hosted.h"
#include "wallet/http/service.h"

namespace vaardig::wallet {

void RegisterWalletPages(http::Router& router, HostedWallet& wallet, const WalletRouterOptions& options);

}  // namespace vaardig::wallet
