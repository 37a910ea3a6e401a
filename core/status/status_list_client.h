// The relying party's side of the Token Status List (draft-ietf-oauth-status-list-15 §8.3, §13.7):
// fetch the Status List Token a Referenced Token points to, verify it, cache it, read the status.
//
// Caching: a verified list is reused until the earliest of
//   fetched_at + ttl (the token's "ttl", else the HTTP max-age, else options.default_ttl),
//   the token's "exp",
//   fetched_at + options.max_ttl (an upper bound, so a hostile ttl cannot pin a list for ever).
// Failures are never cached. A list that cannot be fetched gives unavailable ("could not check"),
// never "valid"; what to do then is the caller's policy.
// Thread-safe: one client may serve many verifications at once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/http/fetcher.h"
#include "core/jose/jwk.h"
#include "core/status/status_list_token.h"

namespace vaardig::status {

// Finds the key that must have signed a Status List Token, from its (unverified) header and
// claims: typically the issuer's key by kid. not_found / permission_denied when there is none.
using StatusListKeyLookup = std::function<Result<jose::PublicJwk>(const Json& header, const Json& claims)>;

struct StatusListClientOptions {
  std::int64_t default_ttl_seconds = 300;
  std::int64_t max_ttl_seconds = 24 * 3600;
  std::int64_t skew_seconds = 60;
  http::FetchLimits fetch_limits{.max_body = 2 << 20, .timeout = std::chrono::milliseconds(5000)};
  StatusListLimits list_limits{};
  std::size_t max_cached_lists = 1000;
};

struct StatusCheck {
  std::uint8_t status = 0;   // 0 valid, 1 invalid (revoked), 2 suspended, others application-specific
  bool from_cache = false;
  std::string uri;
  std::int64_t list_iat = 0;
};

class StatusListClient {
 public:
  StatusListClient(http::HttpFetcher& fetcher, const Clock& clock, StatusListKeyLookup lookup,
                   StatusListClientOptions options = {});

  // The status of `ref.idx` in the list at `ref.uri`. unavailable / deadline_exceeded when the
  // list could not be fetched; the token's own error when it does not verify; invalid_argument
  // when the index is beyond the list (§8.3: the Referenced Token is then rejected).
  [[nodiscard]] Result<StatusCheck> Check(const StatusListReference& ref);

  // Drops every cached list (e.g. after an operator changes the trust configuration).
  void Clear();

 private:
  struct Entry {
    StatusList list;
    std::int64_t iat = 0;
    std::int64_t fresh_until = 0;
  };
  Result<Entry> Fetch(const std::string& uri);

  http::HttpFetcher& fetcher_;
  const Clock& clock_;
  StatusListKeyLookup lookup_;
  StatusListClientOptions options_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;
};

// The issuer's side: random indexes in a list of `size` entries, never handed out twice.
// `used` are the indexes already taken (from storage). When more than `max_fill` of the list
// is used, Allocate gives resource_exhausted: start a new list (keeps herd privacy, §12.5).
class StatusIndexAllocator {
 public:
  [[nodiscard]] static Result<StatusIndexAllocator> Create(std::size_t size, std::vector<std::size_t> used = {},
                                                           double max_fill = 0.75);
  [[nodiscard]] Result<std::size_t> Allocate();
  [[nodiscard]] std::size_t used() const { return used_count_; }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  StatusIndexAllocator(std::size_t size, std::vector<bool> taken, std::size_t used_count, double max_fill);
  std::size_t size_;
  std::vector<bool> taken_;
  std::size_t used_count_;
  double max_fill_;
};

}  // namespace vaardig::status
