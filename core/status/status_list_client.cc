#include "core/status/status_list_client.h"

#include <algorithm>

#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/jose/jwt.h"

namespace vaardig::status {

StatusListClient::StatusListClient(http::HttpFetcher& fetcher, const Clock& clock, StatusListKeyLookup lookup,
                                   StatusListClientOptions options)
    : fetcher_(fetcher), clock_(clock), lookup_(std::move(lookup)), options_(std::move(options)) {}

void StatusListClient::Clear() {
  std::lock_guard lock(mutex_);
  cache_.clear();
}

Result<StatusListClient::Entry> StatusListClient::Fetch(const std::string& uri) {
  auto response = fetcher_.Get(uri, options_.fetch_limits);
  if (!response) return Fail(response.error().WithContext("status list " + uri));
  const std::string& jwt = response->body;

  // The key comes from the caller's trust configuration, chosen by the unverified header/claims.
  VAARDIG_ASSIGN_OR_RETURN(const jose::ParsedJws parsed,
                           jose::ParseCompactJws(jwt, options_.list_limits.max_compressed_bytes + 64 * 1024));
  auto unverified_claims = [&]() -> Json {
    auto text = encoding::Base64UrlDecodeToString(parsed.payload_b64);
    if (!text) return Json::object();
    auto json = ParseJson(*text);
    return json && json->is_object() ? *json : Json::object();
  }();
  auto key = lookup_(parsed.header, unverified_claims);
  if (!key) return Fail(key.error().WithContext("key for status list " + uri));

  StatusListTokenPolicy policy{.clock = &clock_,
                               .skew_seconds = options_.skew_seconds,
                               .expected_sub = uri,
                               .limits = options_.list_limits};
  VAARDIG_ASSIGN_OR_RETURN(VerifiedStatusList verified, VerifyStatusListToken(jwt, *key, policy));

  const std::int64_t now = clock_.NowSeconds();
  std::int64_t ttl = options_.default_ttl_seconds;
  if (verified.claims.ttl) {
    ttl = *verified.claims.ttl;
  } else if (response->max_age) {
    ttl = *response->max_age;
  }
  ttl = std::clamp<std::int64_t>(ttl, 0, options_.max_ttl_seconds);
  std::int64_t fresh_until = now + ttl;
  if (verified.claims.exp) fresh_until = std::min(fresh_until, *verified.claims.exp);
  return Entry{.list = std::move(verified.list), .iat = verified.claims.iat, .fresh_until = fresh_until};
}

Result<StatusCheck> StatusListClient::Check(const StatusListReference& ref) {
  const std::int64_t now = clock_.NowSeconds();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(ref.uri);
    if (it != cache_.end() && now < it->second.fresh_until) {
      VAARDIG_ASSIGN_OR_RETURN(const std::uint8_t value, it->second.list.Get(ref.idx));
      return StatusCheck{.status = value, .from_cache = true, .uri = ref.uri, .list_iat = it->second.iat};
    }
  }
  // Fetch outside the lock: a slow server must not stall verifications of other lists.
  VAARDIG_ASSIGN_OR_RETURN(Entry entry, Fetch(ref.uri));
  VAARDIG_ASSIGN_OR_RETURN(const std::uint8_t value, entry.list.Get(ref.idx));
  const std::int64_t iat = entry.iat;
  {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= options_.max_cached_lists && !cache_.contains(ref.uri)) {
      // Evict the entry that goes stale first.
      auto oldest = std::ranges::min_element(cache_, {}, [](const auto& kv) { return kv.second.fresh_until; });
      cache_.erase(oldest);
    }
    if (entry.fresh_until > now) cache_.insert_or_assign(ref.uri, std::move(entry));
  }
  return StatusCheck{.status = value, .from_cache = false, .uri = ref.uri, .list_iat = iat};
}

// ---- StatusIndexAllocator ----------------------------------------------------------------------

StatusIndexAllocator::StatusIndexAllocator(std::size_t size, std::vector<bool> taken, std::size_t used_count,
                                           double max_fill)
    : size_(size), taken_(std::move(taken)), used_count_(used_count), max_fill_(max_fill) {}

Result<StatusIndexAllocator> StatusIndexAllocator::Create(std::size_t size, std::vector<std::size_t> used,
                                                          double max_fill) {
  if (size == 0 || size > (std::size_t{1} << 28)) {
    return Fail(ErrorCode::kInvalidArgument, "a status list has between 1 and 2^28 entries");
  }
  if (!(max_fill > 0.0 && max_fill <= 1.0)) {
    return Fail(ErrorCode::kInvalidArgument, "max_fill must be in (0, 1]");
  }
  std::vector<bool> taken(size, false);
  std::size_t count = 0;
  for (const std::size_t i : used) {
    if (i >= size) {
      return Fail(ErrorCode::kDataLoss, "stored status index " + std::to_string(i) + " is beyond the list of " +
                                            std::to_string(size));
    }
    if (taken[i]) return Fail(ErrorCode::kDataLoss, "stored status index " + std::to_string(i) + " is used twice");
    taken[i] = true;
    ++count;
  }
  return StatusIndexAllocator(size, std::move(taken), count, max_fill);
}

Result<std::size_t> StatusIndexAllocator::Allocate() {
  const auto limit = static_cast<std::size_t>(static_cast<double>(size_) * max_fill_);
  if (used_count_ >= limit) {
    return Fail(ErrorCode::kResourceExhausted, "status list is " + std::to_string(used_count_) + "/" +
                                                   std::to_string(size_) + " full: start a new list");
  }
  // Rejection sampling: with the list at most max_fill full, the expected number of draws is
  // at most 1 / (1 - max_fill).
  for (;;) {
    const auto i = static_cast<std::size_t>(crypto::RandomUniform(size_));
    if (!taken_[i]) {
      taken_[i] = true;
      ++used_count_;
      return i;
    }
  }
}

}  // namespace vaardig::status
