// The verifier service's HTTP API (issue 9), described in specs/verifier.openapi.yaml:
//
//   GET  /healthz, /readyz, /metrics
//   OpenID4VP 1.0 requests and direct_post responses: verifier/http/api_oid4vp.h
//   the web pages for employers: verifier/http/pages.h
//   POST /credentials/verify     W3C VCALM: {"verifiableCredential": <object or compact string>,
//                                "options"?: {}} — a bare credential in any format the verifier
//                                knows (SD-JWT VC without KB-JWT, ldp_vc, vc+jwt, vc+sd-jwt, OB VC-JWT)
//   POST /api/share-links/verify {"link": "<wallet>/s/<id>#k=<key>"}: fetches the wallet's share link,
//                                opens it with the key in the link and verifies the presentation in
//                                it (share_link.h); answered like /presentations/verify, or 404
//                                (unknown link), 410 (revoked or expired), 403 (wallet not accepted)
//   POST /presentations/verify   {"verifiablePresentation": <ldp_vp object, or a dc+sd-jwt
//                                presentation string>, "options": {"challenge", "domain"}}: the
//                                presentation must be bound to that challenge (nonce) and domain
//                                (client_id / KB-JWT aud)
//
// Both answer {"verified", "checks": [names of checks passed], "warnings": [...], "errors":
// [{"check", "detail"}], "report": <verifier/app/report.h VerificationReport JSON>,
// "summary": {"nl", "en"}} with status 200 when valid, 400 when checked and rejected or the
// issuer is not recognised (or the request is malformed: problem+json naming the member), 503
// when it could not be checked (a status list or DID document unreachable). Nothing is stored.
// The verify endpoints are public by design: they change nothing and see only what the caller
// sends; their bodies are limited (settings.h VerifierBodyLimit).
//
// Thread-safety: the router's handlers may run on many threads (the engine is thread-safe).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/http/router.h"
#include "verifier/app/engine.h"
#include "verifier/app/requests.h"
#include "verifier/app/share_link.h"

namespace vaardig::verifier {

// With `requests` (not null), the OpenID4VP endpoints of api_oid4vp.h as well, asking for
// `default_vct_values` when a request names no credential type.
struct OpenId4VpRoutes {
  PresentationRequests* requests = nullptr;
  std::vector<std::string> default_vct_values;
  // Machine clients that may make requests: (name, SHA-256 hex of the bearer token).
  std::vector<std::pair<std::string, std::string>> api_tokens;
  // The web pages of pages.h (only when `pages`): the skills offered, the organisation's name.
  bool pages = false;
  std::vector<std::pair<std::string, std::string>> page_skills;
  std::string organisation;
  bool secure_cookies = true;
  // Share links made in wallets (verifier/app/share_link.h): POST /api/share-links/verify, and the
  // page /check when `pages`. Null: off (an offline verifier fetches nothing).
  http::HttpFetcher* share_link_fetcher = nullptr;
  ShareLinkOptions share_links{};
  std::string web_wallet{};  // request.web_wallet: a hosted wallet the waiting page links to
};

// `engine` (and oid4vp.requests) must outlive the router. `server_metrics` renders the HTTP
// server's own metrics.
[[nodiscard]] std::unique_ptr<http::Router> BuildVerifierRouter(const VerifierEngine& engine,
                                                                std::function<std::string()> server_metrics,
                                                                OpenId4VpRoutes oid4vp = {});

}  // namespace vaardig::verifier
