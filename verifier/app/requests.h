// OpenID4VP 1.0 presentation requests of the verifier service (issue 9, DESIGN.md §2 flow 7):
// what an employer asks for becomes a DCQL query, a signed Request Object served by reference,
// and a session that the wallet's direct_post answers once.
//
// Flow (OpenID4VP 1.0 §5, §8.2, §8.6):
//   Create     the ask (skills, a minimum level, whether a name is needed) or a DCQL query given
//              as is → a session with a fresh nonce and state (128 random bits each), an id for
//              the request_uri (<public_url>/request/<id>) and a result token for whoever asked
//              (the only way to read the outcome). Sessions live kRequestTtlSeconds, at most
//              kMaxOpenRequests at once (resource_exhausted beyond: nothing is evicted early).
//   RequestObject  the signed Request Object (typ oauth-authz-req+jwt, ES256, kid = the
//              verifier's DID URL) with client_id "decentralized_identifier:<DID>", response_mode
//              direct_post, response_uri <public_url>/response, nonce, state and dcql_query; while
//              the session waits for an answer (not_found otherwise).
//   Answer     the wallet's direct_post: the session is found by its state and closed at once
//              (single use: a replay finds nothing to answer); the vp_token is held to the DCQL
//              query (§8.6 step 3), then every presentation goes through the pipeline bound to
//              client_id and nonce (KB-JWT aud and nonce; ldp_vp domain and challenge). A wallet's
//              error response (access_denied, ...) is recorded as such.
//   Outcome    read with the result token: pending, answered (with one report per presentation
//              and an overall verdict), refused by the wallet, or expired.
//
// The verifier's DID: did:web of public_url when it is https (its document served at
// /.well-known/did.json), else did:jwk of the request key (development on plain http).
//
// Thread-safety: every method may be called from many threads (one mutex over the sessions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/authorization_request.h"
#include "core/oid4vc/dcql.h"
#include "core/oid4vc/errors.h"
#include "core/oid4vc/presentation_response.h"
#include "verifier/app/engine.h"
#include "verifier/app/report.h"

namespace vaardig::verifier {

inline constexpr std::int64_t kRequestTtlSeconds = 10 * 60;
inline constexpr std::size_t kMaxOpenRequests = 10'000;
// Requests kept at all (open, being verified, or answered and waiting to be read).
inline constexpr std::size_t kMaxKeptRequests = 2 * kMaxOpenRequests;
inline constexpr std::size_t kMaxAskedSkills = 50;

// What an employer asks for, in their words.
struct SkillAsk {
  std::vector<std::string> vct_values;  // credential types accepted (required: at least one)
  std::vector<std::string> skill_ids;   // skill.id values accepted; empty: any skill
  int min_level = 0;                    // 1..3; 0: any level
  bool name = false;                    // ask for the holder's given and family name
};

// The DCQL query for `ask`: one dc+sd-jwt credential query "skill" with meta.vct_values, claims
// skill.id (values: the accepted ids), skill.name, skill.level (values: min_level..3) and
// confirmation.by.role — skills first — and holder.given_name / family_name only when asked.
// invalid_argument naming the member for an empty vct list, a level outside 0..3, too many skills.
[[nodiscard]] Result<oid4vc::DcqlQuery> BuildSkillQuery(const SkillAsk& ask);

struct RequestIdentity {
  std::string public_url;    // "https://werkgever.example" (no trailing slash)
  jose::PrivateJwk key;      // ES256: signs the Request Objects
  std::string did;           // did:web:... or did:jwk:...
  std::string kid;           // did + "#0"
  std::string name;          // client_metadata.client_name ("" to leave it out)
  // The client identifier prefix (OpenID4VP 1.0 §5.9.3): decentralized_identifier: with the DID and
  // signed Request Objects by reference (the default), or redirect_uri: with the response URI and
  // unsigned requests passed by value in the link (for wallets that resolve no DIDs; the wallet then
  // knows the verifier only by its response URI, and no client_name is trusted).
  bool redirect_uri_prefix = false;
  [[nodiscard]] std::string ClientId() const {
    return redirect_uri_prefix ? "redirect_uri:" + ResponseUri() : "decentralized_identifier:" + did;
  }
  [[nodiscard]] std::string ResponseUri() const { return public_url + "/response"; }
};
// The identity for `public_url` and `key` (see above). invalid_argument for a key that is not a
// private ES256 key or a public_url that is not http(s).
[[nodiscard]] Result<RequestIdentity> MakeRequestIdentity(std::string public_url, jose::PrivateJwk key);
// The DID document of a did:web identity: one JsonWebKey method "#0" for authentication and
// assertionMethod.
[[nodiscard]] Json RequestDidDocument(const RequestIdentity& identity);

struct CreatedRequest {
  std::string id;            // in the request_uri
  std::string result_token;  // secret: only for whoever asked
  std::string request_uri;
  std::string link;          // openid4vp://?client_id=...&request_uri=...&request_uri_method=get, or with
                             // redirect_uri: the whole request by value (request_uri then empty)
  std::int64_t expires_at = 0;
};

// kVerifying: an answer arrived and is being checked; reported as "pending" until it is done.
enum class RequestState { kPending, kVerifying, kAnswered, kRefused, kExpired };
[[nodiscard]] std::string_view RequestStateName(RequestState state);

struct RequestResult {
  RequestState state = RequestState::kPending;
  std::string label;                          // what was asked, in the asker's words (Create's label)
  std::int64_t expires_at = 0;
  std::optional<ReportVerdict> verdict;      // answered: the worst of the reports
  std::vector<VerificationReport> reports;   // answered: one per presentation
  std::string wallet_error;                  // refused: the wallet's error code
  std::string wallet_error_description;
  [[nodiscard]] Json ToJson() const;
};

class PresentationRequests {
 public:
  // `engine` and `clock` must outlive this.
  PresentationRequests(RequestIdentity identity, const VerifierEngine& engine, const Clock& clock);

  // `label`: what was asked, in the asker's words, kept for the result page ("" for none).
  [[nodiscard]] Result<CreatedRequest> Create(oid4vc::DcqlQuery query, std::string label = "");
  // Tests: switch the client identifier prefix after construction.
  void SetRedirectUriPrefixForTests(bool on) {
    std::lock_guard lock(mu_);
    identity_.redirect_uri_prefix = on;
  }
  // The wallet link of request `id` (whatever its state).
  [[nodiscard]] std::string Link(std::string_view id);
  // The signed Request Object of a waiting request; not_found otherwise.
  [[nodiscard]] Result<std::string> RequestObject(std::string_view id);
  // The wallet's direct_post, as decoded form pairs. OAuth errors (invalid_request) for a
  // malformed body, an unknown or used state, or a vp_token that does not answer the query; a
  // presentation that fails verification is not an error here: the result says so.
  [[nodiscard]] oid4vc::OAuthResult<void> Answer(std::span<const std::pair<std::string, std::string>> form);
  // permission_denied for a wrong token; not_found for an unknown (or long expired) id.
  [[nodiscard]] Result<RequestResult> Outcome(std::string_view id, std::string_view result_token);

  [[nodiscard]] const RequestIdentity& identity() const { return identity_; }

  // For a service on port 0 (tests) whose URL is known only once it listens: call before the
  // first request arrives. Keeps the DID (did:jwk identities only; invalid_argument otherwise).
  [[nodiscard]] Status UseBaseUrl(std::string base_url);

 private:
  struct Session {
    oid4vc::DcqlQuery query;
    std::string nonce;
    std::string state;
    std::string result_token_hash;
    std::int64_t expires_at = 0;
    RequestResult result;
  };
  void SweepLocked(std::int64_t now);
  // The request's parameters (mu_ held).
  [[nodiscard]] oid4vc::AuthorizationRequest BuildRequestLocked(const Session& session) const;

  RequestIdentity identity_;
  const VerifierEngine& engine_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_;      // id → session; guarded by mu_
  std::map<std::string, std::string, std::less<>> by_state_;  // state → id, while pending
};

}  // namespace vaardig::verifier
