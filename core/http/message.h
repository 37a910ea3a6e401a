// Request and Response: what the services' handlers see of HTTP, with no Boost in sight.
//
// The server (core/http/server.h) fills a Request from the wire: header names lower-cased, the path
// percent-decoded and checked, the query split into decoded pairs, the body complete and within its
// limit. Handlers return a Response; the server adds Content-Length, Date and the security headers
// every response carries (see server.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

[[nodiscard]] std::string_view MethodName(Method method);

struct Request {
  Method method = Method::kGet;
  std::string target{};  // as sent: "/api/claims/7?x=1"
  std::string path{};    // percent-decoded, without the query: "/api/claims/7"
  std::vector<std::pair<std::string, std::string>> query{};    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers{};  // names lower-case, in order
  std::string body{};
  std::string remote_address{};  // the peer, or X-Forwarded-For's client when the peer is a trusted proxy
  bool secure = false;         // TLS here, or X-Forwarded-Proto: https from a trusted proxy
  // Filled by the Router: the values of "{name}" segments of the matched pattern, and the pattern.
  std::map<std::string, std::string, std::less<>> path_params{};
  std::string route{};
  // Free slot for middleware (for example the authenticated session); handlers cast it back.
  std::shared_ptr<void> context{};

  // The first header with this (case-insensitive) name.
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;
  [[nodiscard]] std::optional<std::string_view> QueryParam(std::string_view name) const;
  [[nodiscard]] std::optional<std::string_view> PathParam(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s).
  [[nodiscard]] std::optional<std::string> Cookie(std::string_view name) const;
  // The media type of Content-Type without parameters, lower-case ("application/json").
  [[nodiscard]] std::string MediaType() const;
};

struct Response {
  int status = 200;
  std::string content_type{};
  std::string body{};
  std::vector<std::pair<std::string, std::string>> headers{};  // extra fields; may repeat (Set-Cookie)

  static Response JsonBody(int status, const Json& body);
  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(std::string location, int status = 303);
  static Response NoContent() { return Response{.status = 204}; }

  Response& AddHeader(std::string name, std::string value);
};

// Splits a request target into request.path (percent-decoded) and request.query. invalid_argument
// for a target that is not origin-form ("/..."), bad percent-encoding, invalid UTF-8, an encoded
// slash or NUL in the path, or a "." or ".." segment.
[[nodiscard]] Status SetTarget(Request& request, std::string_view target);

// "scheme://host[:port]" of an absolute URL (what a browser sends as Origin); empty when it has none.
[[nodiscard]] std::string OriginOf(std::string_view url);

// The HTTP status that fits an Error's code (invalid_argument → 400, unauthenticated → 401, ...).
[[nodiscard]] int HttpStatusFor(ErrorCode code);

// A JSON error body {"error": "<code>", "error_description": "<message>"} with HttpStatusFor's status.
// The message is the Error's: never put secrets into error messages.
[[nodiscard]] Response ErrorResponse(const Error& error);
[[nodiscard]] Response ErrorResponse(int status, std::string_view error, std::string_view description);

// application/x-www-form-urlencoded (also query strings): decoded pairs in order. invalid_argument
// on bad percent-encoding or invalid UTF-8.
[[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> ParseForm(
    std::string_view body);
[[nodiscard]] std::optional<std::string_view> FormValue(
    const std::vector<std::pair<std::string, std::string>>& form, std::string_view name);
// Percent-encoding for a query or form component (RFC 3986 unreserved characters are kept).
[[nodiscard]] std::string FormEncode(std::string_view value);

// multipart/form-data (RFC 7578).
struct FormPart {
  std::string name{};
  std::optional<std::string> filename{};  // present for file fields
  std::string content_type{};             // as declared: never trusted for file types
  std::string data{};
};
struct MultipartLimits {
  std::size_t max_parts = 32;
  std::size_t max_part_header_bytes = 4096;
};
// `content_type` is the request's Content-Type (its boundary parameter is used). invalid_argument
// on any framing error; resource_exhausted over the limits.
[[nodiscard]] Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                           std::string_view body,
                                                           const MultipartLimits& limits = {});

struct CookieOptions {
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age{};  // none: a session cookie
  bool http_only = true;
  bool secure = true;
  std::string same_site = "Lax";  // "Strict", "Lax" or "None"
};
// A Set-Cookie header value. The cookie value must already be cookie-safe (base64url, digits).
[[nodiscard]] std::string SetCookieValue(std::string_view name, std::string_view value,
                                         const CookieOptions& options);

}  // namespace vaardig::http
