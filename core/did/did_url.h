// DID and DID URL syntax (DID Core 1.0 §3.1, §3.2; https://www.w3.org/TR/did-core/#did-syntax).
//
//   did                = "did:" method-name ":" method-specific-id
//   method-name        = 1*( %x61-7A / DIGIT )
//   method-specific-id = *( *idchar ":" ) 1*idchar
//   idchar             = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded
//   did-url            = did path-abempty [ "?" query ] [ "#" fragment ]     (RFC 3986 parts)
//
// Syntax only: whether a method is supported is the resolver's business. Every violation is
// invalid_argument naming the offending part; input longer than kMaxDidUrlLength is
// resource_exhausted. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace vaardig::did {

// Generous: a did:jwk of an RSA-4096 key is about 1 KiB.
inline constexpr std::size_t kMaxDidUrlLength = 8192;

struct ParsedDid {
  std::string did;                 // "did:web:example.com"
  std::string method;              // "web"
  std::string method_specific_id;  // "example.com"
};

struct ParsedDidUrl {
  ParsedDid did;
  std::string path{};                     // path-abempty, "" or starting with '/'
  std::optional<std::string> query{};     // without '?'
  std::optional<std::string> fragment{};  // without '#'
};

// A bare DID: a path, query or fragment is invalid_argument.
[[nodiscard]] Result<ParsedDid> ParseDid(std::string_view text);
[[nodiscard]] Result<ParsedDidUrl> ParseDidUrl(std::string_view text);

}  // namespace vaardig::did
