#include "core/did/resolver.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/did/did_jwk.h"
#include "core/did/did_key.h"
#include "core/did/did_url.h"
#include "core/did/did_web.h"
#include "core/encoding/json.h"

namespace vaardig::did {
namespace {

const SystemClock kSystemClock{};

}  // namespace

DidResolver::DidResolver(http::HttpFetcher* fetcher, ResolverOptions options)
    : fetcher_(fetcher),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : &kSystemClock) {}

Result<DidDocument> DidResolver::Resolve(std::string_view did) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedDid parsed, ParseDid(did));
  if (parsed.method == "jwk" || parsed.method == "key") {
    // Self-resolving: the document is a pure function of the DID, so it is kept (parsing the key
    // in it was a tenth of a verification). A cache of its own, so that a stream of new holder
    // DIDs cannot push fetched did:web documents out of theirs.
    {
      std::lock_guard lock(mu_);
      if (auto it = self_resolved_.find(parsed.did); it != self_resolved_.end()) return it->second;
    }
    VAARDIG_ASSIGN_OR_RETURN(DidDocument document,
                             parsed.method == "jwk" ? ResolveDidJwk(parsed.did) : ResolveDidKey(parsed.did));
    if (options_.max_cache_entries > 0) {
      std::lock_guard lock(mu_);
      if (self_resolved_.size() >= options_.max_cache_entries) self_resolved_.clear();
      self_resolved_.insert_or_assign(parsed.did, document);
    }
    return document;
  }
  if (parsed.method == "web") return ResolveDidWeb(parsed.did);
  return Fail(ErrorCode::kUnimplemented,
              "DID method '" + parsed.method + "' is not supported (did:jwk, did:key, did:web)");
}

Result<VerificationMethod> DidResolver::ResolveVerificationMethod(std::string_view did_url,
                                                                  Relationship required) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedDidUrl url, ParseDidUrl(did_url));
  if (!url.path.empty() || url.query) {
    return Fail(ErrorCode::kUnimplemented,
                "DID URLs with a path or query are not supported: name a verification method "
                "with '#fragment'");
  }
  if (url.did.method == "web" && !url.fragment) {
    return Fail(ErrorCode::kInvalidArgument,
                "a did:web DID URL must name its verification method with '#fragment'");
  }
  VAARDIG_ASSIGN_OR_RETURN(const DidDocument document, Resolve(url.did.did));
  std::string method_id;
  if (url.fragment) {
    method_id = document.id + "#" + *url.fragment;
  } else if (document.verification_methods.size() == 1) {
    // did:jwk and did:key: the one key is implied.
    method_id = document.verification_methods.front().id;
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                "the DID URL must name its verification method with '#fragment'");
  }
  return document.GetVerificationMethod(method_id, required);
}

void DidResolver::ClearCache() {
  std::lock_guard lock(mu_);
  cache_.clear();
  self_resolved_.clear();
}

Result<DidDocument> DidResolver::ResolveDidWeb(std::string_view did) {
  VAARDIG_ASSIGN_OR_RETURN(const DidWebLocation location, ParseDidWeb(did));
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(location.did); it != cache_.end()) {
      if (clock_->NowSeconds() < it->second.expires_at) return it->second.document;
      cache_.erase(it);
    }
  }
  if (fetcher_ == nullptr) {
    return Fail(ErrorCode::kUnavailable,
                "cannot resolve " + location.did + ": no HTTP fetcher configured");
  }

  std::string url = location.url;
  if (options_.allow_http_for_loopback && location.loopback) {
    url.replace(0, std::string_view("https").size(), "http");
  }
  // Fetched without holding the lock: concurrent first resolutions of one DID may both fetch.
  auto response = fetcher_->Get(url, options_.fetch_limits);
  if (!response) return Fail(response.error().WithContext("resolving " + location.did));

  const JsonLimits limits{.max_bytes = options_.fetch_limits.max_body, .max_depth = 32};
  auto json = ParseJson(response->body, limits);
  if (!json) return Fail(json.error().WithContext("DID document of " + location.did));
  auto document = DidDocument::Parse(*json, location.did);
  if (!document) return Fail(document.error().WithContext("resolving " + location.did));

  const std::int64_t ttl =
      std::min<std::int64_t>(response->max_age.value_or(options_.default_cache_ttl.count()),
                             options_.max_cache_ttl.count());
  Store(location.did, *document, ttl);
  return document;
}

void DidResolver::Store(const std::string& key, const DidDocument& document,
                        std::int64_t ttl_seconds) {
  if (ttl_seconds <= 0 || options_.max_cache_entries == 0) return;
  const std::int64_t now = clock_->NowSeconds();
  std::lock_guard lock(mu_);
  if (cache_.size() >= options_.max_cache_entries) {
    std::erase_if(cache_, [now](const auto& entry) { return entry.second.expires_at <= now; });
  }
  if (cache_.size() >= options_.max_cache_entries) {
    // Still full of fresh entries: drop the one that expires first.
    auto soonest = std::ranges::min_element(
        cache_, {}, [](const auto& entry) { return entry.second.expires_at; });
    cache_.erase(soonest);
  }
  cache_.insert_or_assign(key, CacheEntry{.document = document, .expires_at = now + ttl_seconds});
}

}  // namespace vaardig::did
