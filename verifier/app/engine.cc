#include "verifier/app/engine.h"

#include <algorithm>
#include <utility>

#include "core/dataintegrity/verification_key.h"
#include "core/vcjose/key_lookup.h"

namespace vaardig::verifier {

VerifierEngine::VerifierEngine(TrustList trust, http::HttpFetcher* fetcher, const Clock& clock,
                               EngineOptions options)
    : trust_(std::move(trust)),
      clock_(clock),
      options_(options),
      dids_(fetcher, {.allow_http_for_loopback = options.allow_http_for_loopback, .clock = &clock}),
      issuer_keys_(dids_, fetcher, {.allow_http_for_loopback = options.allow_http_for_loopback, .clock = &clock}) {
  if (fetcher == nullptr) return;
  token_status_ = std::make_unique<status::StatusListClient>(
      *fetcher, clock_, [this](const Json& header, const Json& claims) -> Result<jose::PublicJwk> {
        const auto found = claims.is_object() ? claims.find("iss") : claims.end();
        const std::string iss = found != claims.end() && found->is_string() ? found->get<std::string>() : "";
        if (iss.empty()) {
          return Fail(ErrorCode::kFailedPrecondition, "the status list token does not name its issuer (iss)");
        }
        const bool listed = std::ranges::any_of(trust_.entries, [&](const TrustEntry& e) { return e.issuer == iss; });
        if (!listed) {
          return Fail(ErrorCode::kPermissionDenied, "the status list's issuer " + iss + " is not on the trust list");
        }
        return issuer_keys_.Find(header, claims);
      },
      status::StatusListClientOptions{.max_ttl_seconds = options.max_status_cache_seconds});
  bitstring_status_ = std::make_unique<status::BitstringStatusChecker>(
      *fetcher, clock_, dataintegrity::DidVerificationKeyLookup(dids_),
      status::BitstringStatusCheckerOptions{.max_ttl_seconds = options.max_status_cache_seconds});
}

VerifyContext VerifierEngine::Context(std::string client_id, std::string nonce) const {
  VerifyContext c;
  c.clock = &clock_;
  c.trust = &trust_;
  c.client_id = std::move(client_id);
  c.nonce = std::move(nonce);
  c.sd_jwt_issuer_key = [this](const Json& header, const Json& claims) { return issuer_keys_.Find(header, claims); };
  c.di_key = dataintegrity::DidVerificationKeyLookup(dids_);
  c.jose_issuer_key = vcjose::DidKeyLookup(dids_, did::Relationship::kAssertionMethod);
  c.jose_holder_key = vcjose::DidKeyLookup(dids_, did::Relationship::kAuthentication);
  c.token_status = token_status_.get();
  c.bitstring_status = bitstring_status_.get();
  c.on_status_unavailable = options_.on_status_unavailable;
  c.max_clock_skew_seconds = options_.max_clock_skew_seconds;
  return c;
}

}  // namespace vaardig::verifier
