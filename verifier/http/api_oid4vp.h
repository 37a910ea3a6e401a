// The verifier service's OpenID4VP 1.0 endpoints (issue 9) over PresentationRequests
// (verifier/app/requests.h), described in specs/verifier.openapi.yaml:
//
//   POST /api/requests        {"skills"?: [skill ids], "vct"?: [types], "min_level"?: 0..3,
//                             "name"?: bool} or {"dcql_query": {...}} → 201 {"id", "result_token",
//                             "request_uri", "link", "qr_svg", "expires_at"}. Without "vct" the
//                             configured request.vct_values apply.
//   GET  /request/{id}        the signed Request Object (application/oauth-authz-req+jwt)
//   POST /response            the wallet's direct_post (application/x-www-form-urlencoded);
//                             errors as OAuth {"error", "error_description"} (400)
//   GET  /api/requests/{id}   the outcome, with Authorization: Bearer <result_token>
//   GET  /.well-known/did.json  the verifier's DID document (did:web identities only)
//
// Creating a request needs `Authorization: Bearer <token>` of a configured machine client
// (request.api_tokens_sha256; compared by SHA-256): a request is signed in the verifier's name and
// its outcome goes to whoever created it, so an open endpoint would let anyone collect people's
// skills under this verifier's identity. Too many open requests: 503 with Retry-After. Reading an
// outcome needs the result token that only the creator got. Nothing is logged beyond route and status.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/http/router.h"
#include "verifier/app/requests.h"

namespace vaardig::verifier {

// `requests` must outlive the router. `default_vct_values`: the credential types asked for when a
// request names none.
// `api_tokens`: (client name, SHA-256 hex of its bearer token); none: nobody may create requests
// through the API (the web pages may still, when enabled).
void RegisterOid4vpRoutes(http::Router& router, PresentationRequests& requests,
                          std::vector<std::string> default_vct_values,
                          std::vector<std::pair<std::string, std::string>> api_tokens);

}  // namespace vaardig::verifier
