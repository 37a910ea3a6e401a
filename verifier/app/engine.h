// The verifier service's long-lived verification state (issue 9): the signed trust list, the DID
// resolver and issuer key lookups, and the caching status list clients, shared by every request.
// A request gets a VerifyContext (pipeline.h) bound to its own client_id and nonce.
//
// What it fetches (DESIGN.md §7, privacy): DID documents (did:web), JWT VC Issuer Metadata and
// status lists — nothing else, and all of it cached. A Token Status List must name its issuer
// (`iss`): its key is found the same way as a credential issuer's, and that issuer must be on the
// trust list, so a list signed by someone else does not count.
//
// Thread-safety: Context() and the lookups it hands out may be used from many threads at once
// (the resolver, the clients and the fetcher are thread-safe; the trust list is read-only).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/did/issuer_keys.h"
#include "core/did/resolver.h"
#include "core/http/fetcher.h"
#include "core/status/bitstring_status_list_credential.h"
#include "core/status/status_list_client.h"
#include "verifier/app/pipeline.h"
#include "verifier/app/trust_list.h"

namespace vaardig::verifier {

struct EngineOptions {
  // did:web and https issuer identifiers over plain http on loopback (tests, local development).
  bool allow_http_for_loopback = false;
  StatusUnavailablePolicy on_status_unavailable = StatusUnavailablePolicy::kCouldNotCheck;
  std::int64_t max_clock_skew_seconds = 300;
  // The longest a status list is kept, whatever its ttl says (0: fetched for every check). A
  // revocation shows at the latest this long after the issuer published it.
  std::int64_t max_status_cache_seconds = 24 * 3600;
};

class VerifierEngine {
 public:
  // `fetcher` and `clock` must outlive the engine. `fetcher` may be null (offline: only did:jwk
  // and did:key issuers resolve, and credentials with a status cannot be confirmed).
  VerifierEngine(TrustList trust, http::HttpFetcher* fetcher, const Clock& clock, EngineOptions options);
  VerifierEngine(const VerifierEngine&) = delete;
  VerifierEngine& operator=(const VerifierEngine&) = delete;

  // The context for one request. `client_id` and `nonce` are what a presentation must be bound
  // to (KB-JWT aud and nonce; ldp_vp domain and challenge); empty for a bare credential.
  [[nodiscard]] VerifyContext Context(std::string client_id, std::string nonce) const;

  [[nodiscard]] const TrustList& trust() const { return trust_; }

 private:
  TrustList trust_;
  const Clock& clock_;
  EngineOptions options_;
  // Mutable: resolution fills caches; the classes lock internally.
  mutable did::DidResolver dids_;
  mutable did::IssuerKeyResolver issuer_keys_;
  std::unique_ptr<status::StatusListClient> token_status_;
  std::unique_ptr<status::BitstringStatusChecker> bitstring_status_;
};

}  // namespace vaardig::verifier
