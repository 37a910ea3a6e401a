// URL and form helpers private to the OpenID4VP files (authorization_request.cc,
// presentation_response.cc): thin wrappers over offer.h's PercentEncode, PercentDecode and
// IsAcceptableHttpsUrl, plus query splitting and the URL-safe check.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"

namespace vaardig::oid4vc::vp_internal {

using FormPairs = std::vector<std::pair<std::string, std::string>>;

// PercentEncode: everything outside ALPHA DIGIT - . _ ~ becomes %XX (upper-case hex).
[[nodiscard]] std::string UrlEncode(std::string_view text);
// PercentDecode ('+' is a space; '%' must be followed by two hex digits), its error naming `what`.
[[nodiscard]] Result<std::string> UrlDecode(std::string_view text, std::string_view what);

// Splits "a=1&b=2" into decoded pairs. Empty segments are skipped; a name without '=' has an
// empty value. A repeated name is invalid_argument ("<what>: parameter 'x' appears twice").
[[nodiscard]] Result<FormPairs> ParseQuery(std::string_view query, std::string_view what);
[[nodiscard]] std::string BuildQuery(const FormPairs& pairs);

// IsAcceptableHttpsUrl with a lower-case scheme: https:// with a host and no fragment; http://
// only for loopback hosts.
[[nodiscard]] bool IsHttpsOrLoopbackUrl(std::string_view url);

// RFC 6749 / OpenID4VP §5.2: nonce and state hold only ASCII URL safe characters
// (ALPHA DIGIT - . _ ~).
[[nodiscard]] bool IsUrlSafe(std::string_view text);

}  // namespace vaardig::oid4vc::vp_internal
