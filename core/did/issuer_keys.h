// Finding an SD-JWT VC issuer's signing key (draft-ietf-oauth-sd-jwt-vc-13 §3.5), for verifiers.
//
//   iss is a DID       → the header's kid is a DID URL of that DID (or a bare fragment, or absent
//                        for did:jwk / did:key), resolved to a method under assertionMethod;
//   x5c in the header   → (when trust anchors are configured and iss is an https URL) the chain
//                        must verify to an anchor and the leaf must name iss's host (dNSName)
//                        or iss itself (URI); the leaf's key is the issuer key;
//   iss is an https URL → JWT VC Issuer Metadata at https://<host>/.well-known/jwt-vc-issuer<path>
//                        (§5): its "issuer" must equal iss; keys from "jwks" or "jwks_uri"; the
//                        header's kid selects one (or the only key with the header's alg).
// Trust is not decided here: the caller checks that iss is an issuer it recognises (a trust
// list) before or after. Nothing is fetched except over https (loopback http only when allowed).
#pragma once

#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/crypto/x509.h"
#include "core/did/resolver.h"
#include "core/encoding/json.h"
#include "core/http/fetcher.h"
#include "core/jose/jwk.h"

namespace vaardig::did {

struct IssuerKeyOptions {
  bool allow_http_for_loopback = false;  // tests and local development
  const crypto::X509TrustAnchors* x509_anchors = nullptr;  // null: x5c is not used
  const Clock* clock = nullptr;                            // for x5c validity; null: system clock
  http::FetchLimits fetch_limits{.max_body = 64 * 1024, .timeout = std::chrono::seconds(5)};
};

// The JWT VC Issuer Metadata URL for an https issuer identifier (§5.1): the well-known segment
// goes between host and path. invalid_argument for anything but an https URL without query or
// fragment.
[[nodiscard]] Result<std::string> JwtVcIssuerMetadataUrl(std::string_view iss, bool allow_http_for_loopback = false);

class IssuerKeyResolver {
 public:
  // `fetcher` may be null: then only did:jwk and did:key issuers resolve.
  IssuerKeyResolver(DidResolver& dids, http::HttpFetcher* fetcher, IssuerKeyOptions options = {});

  // `header` and `claims` as received (not yet verified). Errors: no iss / malformed kid:
  // invalid_argument; key not found: not_found; fetch problems as the fetcher reports them.
  [[nodiscard]] Result<jose::PublicJwk> Find(const Json& header, const Json& claims);

 private:
  Result<jose::PublicJwk> FromDid(const std::string& iss, const Json& header);
  Result<jose::PublicJwk> FromMetadata(const std::string& iss, const Json& header);
  Result<jose::PublicJwk> FromX5c(const std::string& iss, const Json& header);

  DidResolver& dids_;
  http::HttpFetcher* fetcher_;
  IssuerKeyOptions options_;
};

}  // namespace vaardig::did
