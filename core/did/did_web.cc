#include "core/did/did_web.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/did/did_url.h"

namespace vaardig::did {
namespace {

constexpr std::size_t kMaxHostLength = 253;
constexpr std::size_t kMaxLabelLength = 63;
constexpr std::string_view kDidWebPrefix = "did:web:";
constexpr std::string_view kDidJson = "/did.json";
constexpr std::string_view kWellKnownDidJson = "/.well-known/did.json";

Error Invalid(std::string message) {
  return Error(ErrorCode::kInvalidArgument, "did:web: " + std::move(message));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
int HexValue(char c) { return IsDigit(c) ? c - '0' : Lower(c) - 'a' + 10; }

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Decimal 0–255 without leading zeros.
bool IsOctet(std::string_view label) {
  if (label.empty() || label.size() > 3 || !std::ranges::all_of(label, IsDigit)) return false;
  if (label.size() > 1 && label[0] == '0') return false;
  return std::stoi(std::string(label)) <= 255;
}

bool IsLoopbackIpv4(std::string_view host) {
  const auto labels = Split(host, '.');
  return labels.size() == 4 && labels[0] == "127" && std::ranges::all_of(labels, IsOctet);
}

// WHATWG URL parsers read a host whose last label is a number (decimal, or hex with 0x) as IPv4.
bool LooksLikeIpAddress(std::string_view last_label) {
  if (std::ranges::all_of(last_label, IsDigit)) return true;
  return last_label.starts_with("0x") && std::ranges::all_of(last_label.substr(2), IsHexDigit);
}

Result<std::string> NormaliseHost(std::string_view host) {
  if (host.empty()) return Fail(Invalid("the host is empty"));
  if (host.size() > kMaxHostLength) return Fail(Invalid("the host is longer than 253 characters"));
  std::string lower(host.size(), '\0');
  std::ranges::transform(host, lower.begin(), Lower);
  const auto labels = Split(lower, '.');
  for (std::string_view label : labels) {
    if (label.empty() || label.size() > kMaxLabelLength || label.front() == '-' ||
        label.back() == '-' || !std::ranges::all_of(label, [](char c) {
          return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-';
        })) {
      return Fail(Invalid("'" + lower + "' is not a valid DNS host name"));
    }
  }
  if (LooksLikeIpAddress(labels.back()) && !IsLoopbackIpv4(lower)) {
    return Fail(Invalid("the host must be a domain name, not an IP address"));
  }
  return lower;
}

Result<std::uint16_t> ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5 || !std::ranges::all_of(text, IsDigit) || text[0] == '0') {
    return Fail(Invalid("the port after %3A must be a number from 1 to 65535"));
  }
  const int port = std::stoi(std::string(text));
  if (port > 65535) return Fail(Invalid("the port after %3A must be a number from 1 to 65535"));
  return static_cast<std::uint16_t>(port);
}

Status CheckPathSegment(std::string_view segment) {
  if (segment.empty()) return Fail(Invalid("empty path segment"));
  if (segment == "." || segment == "..") return Fail(Invalid("path segment '.' or '..'"));
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') continue;
    // ParseDid has checked that two hex digits follow.
    const int byte = HexValue(segment[i + 1]) * 16 + HexValue(segment[i + 2]);
    if (byte < 0x20 || byte == 0x7f ||
        std::string_view("/\\.?#%").contains(static_cast<char>(byte))) {
      return Fail(Invalid("path segment percent-encodes a forbidden character"));
    }
    i += 2;
  }
  return Ok();
}

}  // namespace

Result<DidWebLocation> ParseDidWeb(std::string_view did) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedDid parsed, ParseDid(did));
  if (parsed.method != "web") {
    return Fail(ErrorCode::kInvalidArgument, "not a did:web DID (method '" + parsed.method + "')");
  }
  const auto segments = Split(parsed.method_specific_id, ':');

  DidWebLocation location;
  std::string_view host = segments[0];
  if (const std::size_t percent = host.find('%'); percent != std::string_view::npos) {
    const std::string_view encoded = host.substr(percent);
    if (!encoded.starts_with("%3A") && !encoded.starts_with("%3a")) {
      return Fail(Invalid("the host may only percent-encode ':' before a port (%3A)"));
    }
    VAARDIG_ASSIGN_OR_RETURN(location.port, ParsePort(encoded.substr(3)));
    host = host.substr(0, percent);
  }
  VAARDIG_ASSIGN_OR_RETURN(location.host, NormaliseHost(host));
  location.loopback = location.host == "localhost" || IsLoopbackIpv4(location.host);
  for (std::size_t i = 1; i < segments.size(); ++i) {
    VAARDIG_RETURN_IF_ERROR(CheckPathSegment(segments[i]));
    location.path.emplace_back(segments[i]);
  }
  if (location.path.size() == 1 && location.path[0] == ".well-known") {
    // Its URL would be the host's root document, which belongs to did:web:<host>.
    return Fail(Invalid("the path ':.well-known' names the root document of the host"));
  }

  const std::string port = location.port ? std::to_string(*location.port) : "";
  location.did = std::string(kDidWebPrefix) + location.host + (port.empty() ? "" : "%3A" + port);
  location.url = "https://" + location.host + (port.empty() ? "" : ":" + port);
  for (const auto& segment : location.path) {
    location.did += ":" + segment;
    location.url += "/" + segment;
  }
  location.url += location.path.empty() ? kWellKnownDidJson : kDidJson;
  return location;
}

Result<std::string> DidWebToUrl(std::string_view did) {
  VAARDIG_ASSIGN_OR_RETURN(DidWebLocation location, ParseDidWeb(did));
  return std::move(location.url);
}

Result<std::string> UrlToDidWeb(std::string_view https_url) {
  if (https_url.size() > kMaxDidUrlLength) {
    return Fail(ErrorCode::kResourceExhausted, "did:web: URL too long");
  }
  constexpr std::string_view kScheme = "https://";
  if (https_url.size() < kScheme.size() ||
      !std::ranges::equal(https_url.substr(0, kScheme.size()), kScheme,
                          [](char a, char b) { return Lower(a) == b; })) {
    return Fail(Invalid("the document URL must be https"));
  }
  const std::string_view rest = https_url.substr(kScheme.size());
  const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  const std::string_view path = rest.substr(authority_end);
  if (authority.contains('@')) return Fail(Invalid("the URL must not carry user info"));
  if (authority.starts_with('[')) return Fail(Invalid("the host must not be an IP address"));
  if (path.find_first_of("?#") != std::string_view::npos) {
    return Fail(Invalid("the URL must not have a query or fragment"));
  }

  std::string did(kDidWebPrefix);
  const std::size_t colon = authority.find(':');
  did += authority.substr(0, colon);
  if (colon != std::string_view::npos) did += "%3A" + std::string(authority.substr(colon + 1));

  if (path != kWellKnownDidJson) {
    if (!path.ends_with(kDidJson) || path.size() <= kDidJson.size() + 1) {
      return Fail(Invalid("the URL path must be /.well-known/did.json or /<path>/did.json"));
    }
    const std::string_view middle = path.substr(1, path.size() - 1 - kDidJson.size());
    for (std::string_view segment : Split(middle, '/')) {
      if (segment.contains(':')) return Fail(Invalid("a path segment must not contain ':'"));
      did += ":" + std::string(segment);
    }
  }
  auto location = ParseDidWeb(did);
  if (!location) return Fail(location.error().WithContext("URL '" + std::string(https_url) + "'"));
  return std::move(location->did);
}

}  // namespace vaardig::did
