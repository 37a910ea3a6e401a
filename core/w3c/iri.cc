#include "core/w3c/iri.h"

#include <optional>

namespace vaardig::w3c {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of the scheme (without ':'), or 0 when `value` has none.
std::size_t SchemeLength(std::string_view value) {
  if (value.empty() || !IsAlpha(value[0])) return 0;
  for (std::size_t i = 1; i < value.size(); ++i) {
    const char c = value[i];
    if (c == ':') return i;
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// The five components of RFC 3986 Appendix B; an absent component is nullopt (an empty one is
// present and empty).
struct IriParts {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

IriParts Split(std::string_view s) {
  IriParts parts;
  if (const std::size_t n = SchemeLength(s); n > 0) {
    parts.scheme = s.substr(0, n);
    s.remove_prefix(n + 1);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    parts.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t q = s.find('?'); q != std::string_view::npos) {
    parts.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.starts_with("//")) {
    s.remove_prefix(2);
    const std::size_t slash = s.find('/');
    parts.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  parts.path = s;
  return parts;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(std::string_view input) {
  std::string output;
  output.reserve(input.size());
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      const std::size_t last = output.rfind('/');
      output.resize(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      const std::size_t start = input.starts_with('/') ? 1 : 0;
      const std::size_t next = input.find('/', start);
      const std::size_t n = next == std::string_view::npos ? input.size() : next;
      output.append(input.substr(0, n));
      input.remove_prefix(n);
    }
  }
  return output;
}

std::string Compose(std::string_view scheme, std::optional<std::string_view> authority,
                    std::string_view path, std::optional<std::string_view> query,
                    std::optional<std::string_view> fragment) {
  std::string out;
  out.reserve(scheme.size() + path.size() + 32);
  out.append(scheme).push_back(':');
  if (authority) out.append("//").append(*authority);
  out.append(path);
  if (query) out.append("?").append(*query);
  if (fragment) out.append("#").append(*fragment);
  return out;
}

}  // namespace

bool HasIriScheme(std::string_view value) { return SchemeLength(value) > 0; }

bool IsWellFormedIri(std::string_view value) {
  if (!HasIriScheme(value)) return false;
  // RFC 3987: a fragment cannot itself contain '#'.
  if (const std::size_t hash = value.find('#');
      hash != std::string_view::npos && value.find('#', hash + 1) != std::string_view::npos) {
    return false;
  }
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
        c == '^' || c == '`' || c == '\\' || c == 0x7f) {
      return false;
    }
  }
  return true;
}

std::string ResolveIri(std::string_view base, std::string_view reference) {
  const IriParts r = Split(reference);
  if (r.scheme) {
    return Compose(*r.scheme, r.authority, RemoveDotSegments(r.path), r.query, r.fragment);
  }
  const IriParts b = Split(base);
  if (!b.scheme) return {};
  if (r.authority) {
    return Compose(*b.scheme, r.authority, RemoveDotSegments(r.path), r.query, r.fragment);
  }
  if (r.path.empty()) {
    return Compose(*b.scheme, b.authority, b.path, r.query ? r.query : b.query, r.fragment);
  }
  if (r.path.starts_with('/')) {
    return Compose(*b.scheme, b.authority, RemoveDotSegments(r.path), r.query, r.fragment);
  }
  // §5.2.3 merge.
  std::string merged;
  if (b.authority && b.path.empty()) {
    merged = "/";
    merged.append(r.path);
  } else {
    const std::size_t slash = b.path.rfind('/');
    if (slash != std::string_view::npos) merged.append(b.path.substr(0, slash + 1));
    merged.append(r.path);
  }
  return Compose(*b.scheme, b.authority, RemoveDotSegments(merged), r.query, r.fragment);
}

}  // namespace vaardig::w3c
