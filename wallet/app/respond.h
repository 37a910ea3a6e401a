// Respond: the wallet's OpenID4VP 1.0 responder (DESIGN.md §2 flow 6; issue 8). The person sees
// who asks and exactly what, chooses, and only then is anything sent.
//
// OpenPresentationRequest (nothing is sent, nothing is written):
//  1. the link: openid4vp:// (or an https universal link), at most oid4vc::kMaxRequestLinkBytes;
//     by reference (request_uri, GET; with request_uri_method=post we GET, as §5.1 allows) or
//     by value. Every URL must be https; plain http only for loopback hosts and only with
//     RespondOptions::allow_http_for_loopback (tests, local demos).
//  2. the Request Object (≤ oid4vc::kMaxRequestObjectBytes): verified before its payload is read,
//     with the key its kid names in the DID document of the client_id's DID (did:jwk, did:key,
//     did:web; the method listed under authentication or assertionMethod); client_id must be the
//     link's. An unsigned request by value is accepted only with the redirect_uri: prefix (the
//     verifier is then known by its response URI alone, and shown so).
//  3. response_mode direct_post only (direct_post.jwt: invalid_argument, we do not encrypt).
//  4. the DCQL query against the vault's credentials: SD-JWT VCs through their holder view
//     (sdjwt::HolderClaims), Open Badges as they are. Revoked or suspended credentials are not
//     offered. For each credential query: the credentials that could answer it and the claims that
//     would be shown (what the query names — skills first: a name only when it is asked for).
//
// SendPresentation (the person consented to `choices`):
//   one credential per credential query (several only where the query says `multiple`), each
//   presented with just the claims of step 4 — an SD-JWT VC with a KB-JWT (aud = client_id,
//   nonce = the request's), an Open Badge as an ldp_vp bound to the same (domain, challenge); the
//   vp_token must answer the whole query (failed_precondition otherwise, nothing sent); then
//   direct_post to the response URI, and a share log entry (RecordKind::kShare: who, when, which
//   credentials, which claims — never the credential itself) whatever the verifier answered.
// DeclineRequest: direct_post error=access_denied, and a history entry.
//
// Errors name the step ("request link", "request object", "response", ...). Nothing secret or
// personal goes into a message: no nonce, no claim value.
// Thread-safety: one call uses one UnlockedVault (one thread at a time).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/http/fetcher.h"
#include "core/oid4vc/authorization_request.h"
#include "core/oid4vc/dcql.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

struct RespondOptions {
  const Clock* clock = nullptr;  // required
  bool allow_http_for_loopback = false;
  std::chrono::milliseconds timeout{10'000};  // per HTTP exchange
};

// One credential that can answer a credential query, and what it would show.
struct ShareCandidate {
  std::string record_id;
  std::string format;                      // "dc+sd-jwt" | "ldp_vc"
  std::string name;                        // display name (Dutch first)
  std::string issuer;
  // What the verifier would read, e.g. "skill.name", "confirmation.at": the leaves of the
  // disclosures sent, which may be more than the paths asked for (a disclosure carries its whole
  // value); "everything" for ldp_vc.
  std::vector<std::string> shown;
  bool names_the_person = false;           // a path under holder (or a whole Open Badge)
  std::vector<oid4vc::ConcreteClaimPath> paths;  // what is disclosed (SD-JWT VC)
};

struct QueryCandidates {
  std::string query_id;
  bool multiple = false;
  std::vector<ShareCandidate> candidates;
};

struct OpenedRequest {
  oid4vc::AuthorizationRequest request;    // verified
  std::string verifier;                    // the DID (or the response URI for redirect_uri:)
  std::optional<std::string> verifier_name;  // client_metadata.client_name: said by the verifier itself
  std::vector<QueryCandidates> queries;
  bool satisfiable = false;                // the vault can answer the whole query
  std::vector<std::string> unmatched_queries;
};

[[nodiscard]] Result<OpenedRequest> OpenPresentationRequest(http::HttpFetcher& fetcher, const UnlockedVault& vault,
                                                            std::string_view link, const RespondOptions& options);

struct ShareChoice {
  std::string query_id;
  std::string record_id;
};

struct SentShare {
  std::string share_record_id;
  int verifier_status = 0;                 // the response endpoint's HTTP status
  std::optional<std::string> redirect_uri;  // where the verifier continues (same-device flows)
};

// failed_precondition when the choices do not answer the query or name a credential that was not
// offered; the verifier's refusal (4xx) is failed_precondition after the share is logged.
[[nodiscard]] Result<SentShare> SendPresentation(http::HttpFetcher& fetcher, UnlockedVault& vault,
                                                 const OpenedRequest& opened, std::span<const ShareChoice> choices,
                                                 const RespondOptions& options);

// The person said no: access_denied to the verifier. share_record_id names the history entry;
// redirect_uri is where the verifier continues, when it says so (§8.2: also after an error response).
[[nodiscard]] Result<SentShare> DeclineRequest(http::HttpFetcher& fetcher, UnlockedVault& vault, const OpenedRequest& opened,
                                               const RespondOptions& options);

// The first candidate for every credential query (what `respond --yes` sends).
[[nodiscard]] std::vector<ShareChoice> DefaultChoices(const OpenedRequest& opened);

}  // namespace vaardig::wallet
