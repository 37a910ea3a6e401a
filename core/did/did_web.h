// did:web ↔ https URL (W3C CCG did:web Method Specification §3.2,
// https://w3c-ccg.github.io/did-method-web/#read-resolve):
//
//   did:web:example.com                   → https://example.com/.well-known/did.json
//   did:web:example.com:user:alice        → https://example.com/user/alice/did.json
//   did:web:localhost%3A8443              → https://localhost:8443/.well-known/did.json
//
// Vaardig's stricter reading (all invalid_argument unless noted):
//  - the host is a DNS name: labels of letters, digits and '-' (1–63 characters, no leading or
//    trailing '-'), at most 253 characters; upper case is lowered (host names are
//    case-insensitive), so "did:web:Example.COM" normalises to "did:web:example.com";
//  - no IP addresses (the spec forbids them): anything whose last label is numeric or hex
//    ("10.0.0.1", "0x7f.1", "1234") is refused, except the loopback literal 127.x.y.z, kept for
//    local development and tests (see ResolverOptions::allow_http_for_loopback);
//  - the only percent-encoding in the host part is "%3A" before a port 1–65535 (no leading zeros);
//  - path segments are non-empty, never "." or "..", and may not percent-encode '/', '\', '.',
//    '?', '#', '%' or control characters (no way to climb out of or around the path);
//  - the single path segment ".well-known" is refused: its URL is the root document, which
//    belongs to "did:web:<host>" (the mapping stays one-to-one);
//  - a DID URL (path, query, fragment) is not a did:web DID;
//  - longer than kMaxDidUrlLength: resource_exhausted.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace vaardig::did {

struct DidWebLocation {
  std::string did;   // normalised (host in lower case)
  std::string host;  // lower case, no port
  std::optional<std::uint16_t> port;
  std::vector<std::string> path;  // segments, still percent-encoded
  std::string url;                // https://host[:port]/<path or .well-known>/did.json
  bool loopback = false;          // host is "localhost" or 127.x.y.z
};

[[nodiscard]] Result<DidWebLocation> ParseDidWeb(std::string_view did);

// The https URL of the DID document of `did`.
[[nodiscard]] Result<std::string> DidWebToUrl(std::string_view did);

// The inverse: an https URL ending in "/did.json" (either "/.well-known/did.json" at the root or
// "/<segments>/did.json") to its did:web. Another scheme, user info, a query or fragment, or any
// other path: invalid_argument. An explicit port is kept (":443" included).
[[nodiscard]] Result<std::string> UrlToDidWeb(std::string_view https_url);

}  // namespace vaardig::did
