#include "core/oid4vc/internal/vp_url.h"

#include <set>

#include "core/oid4vc/offer.h"

namespace vaardig::oid4vc::vp_internal {
namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

std::string UrlEncode(std::string_view text) { return PercentEncode(text); }

Result<std::string> UrlDecode(std::string_view text, std::string_view what) {
  auto decoded = PercentDecode(text);
  if (!decoded) return Fail(ErrorCode::kInvalidArgument, std::string(what) + ": bad percent-encoding");
  return decoded;
}

Result<FormPairs> ParseQuery(std::string_view query, std::string_view what) {
  FormPairs out;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view segment = query.substr(start, end - start);
    if (!segment.empty()) {
      const std::size_t eq = segment.find('=');
      VAARDIG_ASSIGN_OR_RETURN(auto name, UrlDecode(segment.substr(0, eq), what));
      std::string value;
      if (eq != std::string_view::npos) {
        VAARDIG_ASSIGN_OR_RETURN(value, UrlDecode(segment.substr(eq + 1), what));
      }
      if (!seen.insert(name).second) {
        return Fail(ErrorCode::kInvalidArgument, std::string(what) + ": parameter '" + name + "' appears twice");
      }
      out.emplace_back(std::move(name), std::move(value));
    }
    start = end + 1;
  }
  return out;
}

std::string BuildQuery(const FormPairs& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += UrlEncode(name);
    out.push_back('=');
    out += UrlEncode(value);
  }
  return out;
}

bool IsHttpsOrLoopbackUrl(std::string_view url) {
  // Lower-case scheme only: client_id values are compared as exact strings (§5.9.3).
  return (url.starts_with("https://") || url.starts_with("http://")) && IsAcceptableHttpsUrl(url);
}

bool IsUrlSafe(std::string_view text) {
  for (const char c : text) {
    if (!IsUnreserved(c)) return false;
  }
  return true;
}

}  // namespace vaardig::oid4vc::vp_internal
