// Share links made in a wallet (issue 9: "Share links made in the wallet open on the verifier's
// page and are verified the same way"). The wallet's format is wallet/app/share_links.h:
//   <wallet>/s/<id>#k=<key>  →  GET <wallet>/s/<id>  →  {"type":"vaardig-share-link","version":1,
//   "id","expires_at","sealed"}; the sealed part opens with the key from the fragment
//   (XChaCha20-Poly1305, associated data "vaardig-share-link/v1" ‖ 0 ‖ id) into
//   {"format":"dc+sd-jwt","presentation"}.
// The presentation then goes through the same pipeline as any other (VerifyPresented), bound to
// the link: the KB-JWT's aud must be the link without its fragment and its nonce the id; it may be
// as old as a link may live (90 days), not minutes.
//
// Errors (nothing else is fetched or kept): invalid_argument for a link that is not one (scheme,
// shape, key); permission_denied when the wallet's origin is not among `allowed_origins` (when
// given); not_found when the wallet does not know it (404); failed_precondition when it was
// revoked or has expired (410); unavailable when the wallet cannot be reached; data_loss when the
// document does not open with the key (tampered, or the wrong key).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/http/fetcher.h"
#include "verifier/app/engine.h"
#include "verifier/app/report.h"

namespace vaardig::verifier {

inline constexpr std::int64_t kMaxShareLinkAgeSeconds = 90 * 86400;

struct ShareLinkOptions {
  bool allow_http_for_loopback = false;
  // Share links fetched at once (each may take up to 10 s): past this, unavailable "busy" at once,
  // so slow or hostile hosts cannot hold the server's threads. Copies share the count.
  int max_in_flight = 2;
  std::shared_ptr<std::atomic<int>> in_flight = std::make_shared<std::atomic<int>>(0);
  std::vector<std::string> allowed_origins;  // "https://wallet.example"; empty: any https wallet
};

[[nodiscard]] Result<VerificationReport> VerifyShareLink(http::HttpFetcher& fetcher, const VerifierEngine& engine,
                                                         std::string_view link, const ShareLinkOptions& options);

}  // namespace vaardig::verifier
