// The verifier's web pages (issue 9, DESIGN.md §2 flow 7), Dutch by default (?lang=en English):
//
//   GET  /                    what to ask for: a skill (from request.skills), the minimum level,
//                             whether a name is needed (skills first: off unless ticked)
//   POST /ask                 makes the OpenID4VP request; the result token goes into a cookie
//                             for this request's pages only (HttpOnly, SameSite=Strict), then 303
//   GET  /requests/{id}       waiting: the QR code, the same-phone button and a status line that
//                             a small script refreshes; answered: the result in plain language —
//                             the verdict, what was shown (skill, level, confirmed or
//                             self-declared, by which role, when) and every check
//   GET  /requests/{id}/status  {"state"} for that script (the cookie again)
//   GET  /static/verifier.css, /static/verifier.js
//
// Only whoever made a request (holding its cookie) sees its pages: anyone else gets the same
// "does not exist" page as for an unknown id.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/http/router.h"
#include "verifier/app/requests.h"
#include "verifier/app/share_link.h"

namespace vaardig::verifier {

struct PagesConfig {
  std::vector<std::pair<std::string, std::string>> skills;  // (skill id, name) offered on the ask page
  std::vector<std::string> vct_values;                      // the credential types asked for
  std::string organisation;                                 // shown in the header ("" for none)
  bool secure_cookies = true;                               // false only for plain http on loopback
  bool share_links = false;                                 // /check is served: link to it
  std::string web_wallet;                                   // a hosted wallet: link to its /share?request=
};

// `requests` must outlive the router.
void RegisterVerifierPages(http::Router& router, PresentationRequests& requests, PagesConfig config);

// GET /check (a form for a share link, or ?link= to fill it in) and POST /check (the result page,
// as for an answered request). `engine`, `fetcher` and `options` must outlive the router.
void RegisterShareLinkPages(http::Router& router, const VerifierEngine& engine, http::HttpFetcher& fetcher,
                            const ShareLinkOptions& options, PagesConfig config);

}  // namespace vaardig::verifier
