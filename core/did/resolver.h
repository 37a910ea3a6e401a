// DidResolver: DID → DID document, and DID URL → verification method checked against a
// verification relationship (DID Core 1.0 §5.3, §7.2). Methods: did:jwk and did:key (computed
// locally), did:web (fetched through an HttpFetcher, cached).
//
// Errors (codes callers can rely on):
//  - malformed DID or DID URL: invalid_argument; a DID method other than jwk, key, web:
//    unimplemented; a DID URL with a path or query: unimplemented;
//  - did:web without a fetcher: unavailable; fetch errors as in core/http/fetcher.h
//    (unavailable, deadline_exceeded, resource_exhausted, not_found for 404/410); a document that
//    is not JSON or not valid: invalid_argument; its id is not the DID asked for: invalid_argument
//    "DID document id does not match";
//  - the fragment names no method: not_found; a method we cannot use: unimplemented; a method
//    not listed under the required relationship: permission_denied.
//
// DID URL without fragment: did:jwk and did:key have exactly one key, which is implied (did:jwk's
// is "#0", did:key's "#<multibase>"). did:web documents may hold several keys and change over
// time, so a did:web DID URL must name its method: invalid_argument otherwise.
//
// did:web is fetched over https only. ResolverOptions::allow_http_for_loopback (tests, local
// development) fetches over plain http when the host is "localhost" or 127.x.y.z; it changes
// nothing for any other host.
//
// Cache: did:web documents are kept for the response's max-age (or default_cache_ttl without
// one), never longer than max_cache_ttl; max-age=0 / no-store / no-cache are not cached. Failures
// are not cached. Time comes from the injected Clock. did:jwk and did:key documents, computed
// from the DID alone, are kept in a cache of their own (max_cache_entries, emptied when full).
// Thread-safety: Resolve and ResolveVerificationMethod may be called from several threads at
// once (the cache is behind a mutex; the fetcher must be thread-safe, as HttpFetcher requires).
// The fetcher and clock must outlive the resolver.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/did/document.h"
#include "core/http/fetcher.h"

namespace vaardig::did {

struct ResolverOptions {
  bool allow_http_for_loopback = false;
  // Size and time limits for fetching a did:web document.
  http::FetchLimits fetch_limits{.max_body = 64 * 1024, .timeout = std::chrono::seconds(5)};
  std::chrono::seconds default_cache_ttl{300};
  std::chrono::seconds max_cache_ttl{3600};
  std::size_t max_cache_entries = 1024;
  const Clock* clock = nullptr;  // nullptr: the system clock
};

class DidResolver {
 public:
  // `fetcher` may be null: did:web then fails with unavailable.
  explicit DidResolver(http::HttpFetcher* fetcher, ResolverOptions options = {});

  DidResolver(const DidResolver&) = delete;
  DidResolver& operator=(const DidResolver&) = delete;

  // `did` is a bare DID. For did:web the returned document's id is the normalised DID (host in
  // lower case, see did_web.h).
  [[nodiscard]] Result<DidDocument> Resolve(std::string_view did);

  // `did_url` is "<did>#<fragment>" (or a bare did:jwk / did:key, see above).
  [[nodiscard]] Result<VerificationMethod> ResolveVerificationMethod(std::string_view did_url,
                                                                     Relationship required);

  void ClearCache();

 private:
  struct CacheEntry {
    DidDocument document;
    std::int64_t expires_at;  // Clock seconds
  };

  Result<DidDocument> ResolveDidWeb(std::string_view did);
  void Store(const std::string& key, const DidDocument& document, std::int64_t ttl_seconds);

  http::HttpFetcher* fetcher_;
  ResolverOptions options_;
  const Clock* clock_;

  std::mutex mu_;
  std::map<std::string, CacheEntry, std::less<>> cache_;  // guarded by mu_
  std::map<std::string, DidDocument, std::less<>> self_resolved_;  // did:jwk, did:key; guarded by mu_
};

}  // namespace vaardig::did
