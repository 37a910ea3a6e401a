#include "core/did/issuer_keys.h"

#include "core/encoding/base64url.h"
#include "core/jose/jwk_set.h"

namespace vaardig::did {
namespace {

bool IsLoopbackHost(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "[::1]";
}

std::optional<std::string> OptionalString(const Json& object, const char* name) {
  if (object.is_object() && object.contains(name) && object[name].is_string()) return object[name].get<std::string>();
  return std::nullopt;
}

}  // namespace

Result<std::string> JwtVcIssuerMetadataUrl(std::string_view iss, bool allow_http_for_loopback) {
  std::string_view rest;
  std::string scheme;
  if (iss.starts_with("https://")) {
    scheme = "https://";
    rest = iss.substr(8);
  } else if (iss.starts_with("http://") && allow_http_for_loopback) {
    scheme = "http://";
    rest = iss.substr(7);
  } else {
    return Fail(ErrorCode::kInvalidArgument, "issuer '" + std::string(iss) + "' is neither a DID nor an https URL");
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "an issuer identifier has no query or fragment");
  }
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (authority.empty() || authority.find('@') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "issuer URL has no host (or has user info)");
  }
  if (scheme == "http://") {
    const std::string_view host = authority.substr(0, authority.rfind(':'));
    if (!IsLoopbackHost(host)) return Fail(ErrorCode::kInvalidArgument, "issuer metadata is fetched over https only");
  }
  if (path == "/") path = {};
  return scheme + std::string(authority) + "/.well-known/jwt-vc-issuer" + std::string(path);
}

IssuerKeyResolver::IssuerKeyResolver(DidResolver& dids, http::HttpFetcher* fetcher, IssuerKeyOptions options)
    : dids_(dids), fetcher_(fetcher), options_(std::move(options)) {}

Result<jose::PublicJwk> IssuerKeyResolver::Find(const Json& header, const Json& claims) {
  const auto iss = OptionalString(claims, "iss");
  if (!iss) return Fail(ErrorCode::kInvalidArgument, "the credential has no 'iss'");
  if (header.contains("kid") && !header["kid"].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "the header's kid is not a string");
  }
  if (iss->starts_with("did:")) return FromDid(*iss, header);
  if (header.contains("x5c") && options_.x509_anchors != nullptr) return FromX5c(*iss, header);
  return FromMetadata(*iss, header);
}

Result<jose::PublicJwk> IssuerKeyResolver::FromDid(const std::string& iss, const Json& header) {
  std::string did_url = iss;
  if (const auto kid = OptionalString(header, "kid")) {
    if (kid->starts_with("#")) {
      did_url = iss + *kid;
    } else if (kid->starts_with(iss + "#")) {
      did_url = *kid;
    } else if (kid->starts_with("did:")) {
      return Fail(ErrorCode::kPermissionDenied, "the key '" + *kid + "' does not belong to the issuer " + iss);
    } else {
      did_url = iss + "#" + *kid;
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(VerificationMethod method,
                           dids_.ResolveVerificationMethod(did_url, Relationship::kAssertionMethod));
  return method.key;
}

Result<jose::PublicJwk> IssuerKeyResolver::FromMetadata(const std::string& iss, const Json& header) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string url, JwtVcIssuerMetadataUrl(iss, options_.allow_http_for_loopback));
  if (fetcher_ == nullptr) return Fail(ErrorCode::kUnavailable, "no HTTP client to fetch " + url);
  auto response = fetcher_->Get(url, options_.fetch_limits);
  if (!response) return Fail(response.error().WithContext("JWT VC Issuer Metadata " + url));
  auto metadata = ParseJson(response->body, JsonLimits{.max_bytes = options_.fetch_limits.max_body, .max_depth = 8});
  if (!metadata || !metadata->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "JWT VC Issuer Metadata at " + url + " is not a JSON object");
  }
  if (OptionalString(*metadata, "issuer") != iss) {
    return Fail(ErrorCode::kPermissionDenied, "JWT VC Issuer Metadata at " + url + " is for another issuer");
  }
  Json jwks;
  if (metadata->contains("jwks")) {
    jwks = (*metadata)["jwks"];
  } else if (const auto jwks_uri = OptionalString(*metadata, "jwks_uri")) {
    if (!jwks_uri->starts_with("https://") &&
        !(options_.allow_http_for_loopback && jwks_uri->starts_with("http://"))) {
      return Fail(ErrorCode::kInvalidArgument, "jwks_uri must be an https URL");
    }
    auto keys = fetcher_->Get(*jwks_uri, options_.fetch_limits);
    if (!keys) return Fail(keys.error().WithContext("jwks_uri " + *jwks_uri));
    auto parsed = ParseJson(keys->body, JsonLimits{.max_bytes = options_.fetch_limits.max_body, .max_depth = 8});
    if (!parsed) return Fail(parsed.error().WithContext("jwks_uri " + *jwks_uri));
    jwks = std::move(*parsed);
  } else {
    return Fail(ErrorCode::kInvalidArgument, "JWT VC Issuer Metadata has neither jwks nor jwks_uri");
  }
  if (metadata->contains("jwks") && metadata->contains("jwks_uri")) {
    return Fail(ErrorCode::kInvalidArgument, "JWT VC Issuer Metadata has both jwks and jwks_uri");
  }
  VAARDIG_ASSIGN_OR_RETURN(const jose::JwkSet set, jose::JwkSet::Parse(jwks));
  const auto alg_name = OptionalString(header, "alg");
  if (!alg_name) return Fail(ErrorCode::kInvalidArgument, "the header has no alg");
  VAARDIG_ASSIGN_OR_RETURN(const jose::Algorithm alg, jose::ParseAlgorithm(*alg_name));
  return set.Select(OptionalString(header, "kid"), alg);
}

Result<jose::PublicJwk> IssuerKeyResolver::FromX5c(const std::string& iss, const Json& header) {
  if (!iss.starts_with("https://")) {
    return Fail(ErrorCode::kInvalidArgument, "an x5c issuer must be identified by an https URL");
  }
  const Json& x5c = header["x5c"];
  if (!x5c.is_array() || x5c.empty()) return Fail(ErrorCode::kInvalidArgument, "x5c must be a non-empty array");
  std::vector<Bytes> chain;
  for (const Json& entry : x5c) {
    if (!entry.is_string()) return Fail(ErrorCode::kInvalidArgument, "x5c entries must be strings");
    auto der = encoding::Base64Decode(entry.get<std::string>());  // standard base64 (RFC 7515 §4.1.6)
    if (!der) return Fail(der.error().WithContext("x5c"));
    chain.push_back(std::move(*der));
  }
  std::string host(std::string_view(iss).substr(8));
  host = host.substr(0, host.find_first_of("/:"));
  static const SystemClock kSystemClock;
  const Clock& clock = options_.clock != nullptr ? *options_.clock : kSystemClock;
  VAARDIG_ASSIGN_OR_RETURN(crypto::VerifiedX509Chain verified,
                           crypto::VerifyX509Chain(chain, *options_.x509_anchors,
                                                   {.now = clock.NowSeconds(), .expected_dns = host, .expected_uri = iss}));
  return std::visit([](auto&& key) { return jose::PublicJwk::FromKey(jose::PublicKey(std::move(key))); },
                    std::move(verified.leaf_key));
}

}  // namespace vaardig::did
