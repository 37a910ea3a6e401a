#include "core/http/message.h"

#include <algorithm>
#include <cctype>

#include "core/encoding/utf8.h"

namespace vaardig::http {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return Fail(ErrorCode::kInvalidArgument, "truncated percent-encoding");
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return Fail(ErrorCode::kInvalidArgument, "bad percent-encoding");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!IsValidUtf8(out)) return Fail(ErrorCode::kInvalidArgument, "not valid UTF-8");
  return out;
}

// The value of parameter `name` in a header value like `multipart/form-data; boundary="x"`.
std::optional<std::string> HeaderParam(std::string_view value, std::string_view name) {
  std::size_t pos = value.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = value.substr(pos + 1);
    const std::size_t next = rest.find(';');
    std::string_view param = Trim(rest.substr(0, next));
    const std::size_t eq = param.find('=');
    if (eq != std::string_view::npos && EqualsIgnoreCase(Trim(param.substr(0, eq)), name)) {
      std::string_view v = Trim(param.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
    pos = next == std::string_view::npos ? next : pos + 1 + next;
  }
  return std::nullopt;
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

Status SetTarget(Request& request, std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return Fail(ErrorCode::kInvalidArgument, "request target must start with '/'");
  }
  request.target = std::string(target);
  const std::size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  for (std::size_t i = 0; i + 2 < raw_path.size(); ++i) {
    if (raw_path[i] != '%') continue;
    const std::string_view escape = raw_path.substr(i + 1, 2);
    if (escape == "2F" || escape == "2f" || escape == "00" || escape == "5C" || escape == "5c") {
      return Fail(ErrorCode::kInvalidArgument, "encoded '/', '\\' or NUL in the request path");
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(request.path, PercentDecode(raw_path, false));
  std::string_view rest = request.path;
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '/'
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") {
      return Fail(ErrorCode::kInvalidArgument, "'.' or '..' segment in the request path");
    }
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash);
  }
  request.query.clear();
  if (question != std::string_view::npos) {
    VAARDIG_ASSIGN_OR_RETURN(request.query, ParseForm(target.substr(question + 1)));
  }
  return Ok();
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::QueryParam(std::string_view name) const {
  for (const auto& [n, v] : query) {
    if (n == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::PathParam(std::string_view name) const {
  auto it = path_params.find(name);
  if (it == path_params.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const std::size_t semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(pair.substr(0, eq)) != name) continue;
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::string Request::MediaType() const {
  const auto ct = Header("content-type");
  if (!ct) return {};
  return Lower(Trim(ct->substr(0, ct->find(';'))));
}

Response Response::JsonBody(int status, const Json& body) {
  return Response{.status = status, .content_type = "application/json", .body = DumpJson(body)};
}

Response Response::Html(int status, std::string body) {
  return Response{.status = status, .content_type = "text/html; charset=utf-8", .body = std::move(body)};
}

Response Response::Text(int status, std::string body) {
  return Response{.status = status, .content_type = "text/plain; charset=utf-8", .body = std::move(body)};
}

Response Response::Redirect(std::string location, int status) {
  Response r{.status = status};
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Response& Response::AddHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string OriginOf(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const auto host_end = url.find_first_of("/?#", scheme_end + 3);
  return std::string(url.substr(0, host_end));
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kAborted: return 409;
    case ErrorCode::kResourceExhausted: return 413;
    case ErrorCode::kUnimplemented: return 501;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDeadlineExceeded: return 504;
    case ErrorCode::kDataLoss: return 500;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  // Internal details stay in the log; the client learns only that something broke.
  const bool internal = error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kDataLoss;
  return ErrorResponse(HttpStatusFor(error.code()), ErrorCodeName(error.code()),
                       internal ? "internal error" : error.message());
}

Response ErrorResponse(int status, std::string_view error, std::string_view description) {
  Json body = Json::object();
  body["error"] = std::string(error);
  body["error_description"] = std::string(description);
  Response r = Response::JsonBody(status, body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    VAARDIG_ASSIGN_OR_RETURN(std::string name, PercentDecode(pair.substr(0, eq), true));
    std::string value;
    if (eq != std::string_view::npos) {
      VAARDIG_ASSIGN_OR_RETURN(value, PercentDecode(pair.substr(eq + 1), true));
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::optional<std::string_view> FormValue(const std::vector<std::pair<std::string, std::string>>& form,
                                          std::string_view name) {
  for (const auto& [n, v] : form) {
    if (n == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::string FormEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body,
                                             const MultipartLimits& limits) {
  const std::string media = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  if (media != "multipart/form-data") {
    return Fail(ErrorCode::kInvalidArgument, "expected multipart/form-data");
  }
  const std::optional<std::string> boundary = HeaderParam(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) {
    return Fail(ErrorCode::kInvalidArgument, "multipart/form-data without a valid boundary");
  }
  const std::string delimiter = "--" + *boundary;
  const std::string separator = "\r\n" + delimiter;

  // The body starts with the first delimiter (a preamble is allowed and ignored).
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos || (pos != 0 && (pos < 2 || body.substr(pos - 2, 2) != "\r\n"))) {
    return Fail(ErrorCode::kInvalidArgument, "multipart body does not start with its boundary");
  }
  pos += delimiter.size();
  std::vector<FormPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the close delimiter
    if (body.substr(pos, 2) != "\r\n") {
      return Fail(ErrorCode::kInvalidArgument, "multipart boundary not followed by CRLF");
    }
    pos += 2;
    if (parts.size() >= limits.max_parts) {
      return Fail(ErrorCode::kResourceExhausted, "too many parts in multipart body");
    }
    const std::size_t header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "multipart part without a header end");
    }
    if (header_end - pos > limits.max_part_header_bytes) {
      return Fail(ErrorCode::kResourceExhausted, "multipart part header too large");
    }
    FormPart part;
    std::string_view headers = body.substr(pos, header_end - pos);
    bool has_disposition = false;
    while (!headers.empty()) {
      const std::size_t eol = headers.find("\r\n");
      const std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        return Fail(ErrorCode::kInvalidArgument, "malformed multipart part header");
      }
      const std::string name = Lower(Trim(line.substr(0, colon)));
      const std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        if (!EqualsIgnoreCase(Trim(value.substr(0, value.find(';'))), "form-data")) {
          return Fail(ErrorCode::kInvalidArgument, "multipart part is not form-data");
        }
        has_disposition = true;
        std::optional<std::string> field = HeaderParam(value, "name");
        if (!field || field->empty()) {
          return Fail(ErrorCode::kInvalidArgument, "multipart part without a field name");
        }
        part.name = std::move(*field);
        part.filename = HeaderParam(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) {
      return Fail(ErrorCode::kInvalidArgument, "multipart part without Content-Disposition");
    }
    if (!IsValidUtf8(part.name) || (part.filename && !IsValidUtf8(*part.filename))) {
      return Fail(ErrorCode::kInvalidArgument, "multipart field or file name is not valid UTF-8");
    }
    const std::size_t data_start = header_end + 4;
    const std::size_t data_end = body.find(separator, data_start);
    if (data_end == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "multipart part not closed by its boundary");
    }
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + separator.size();
  }
}

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Path=").append(options.path);
  if (options.max_age) out.append("; Max-Age=").append(std::to_string(options.max_age->count()));
  if (options.http_only) out.append("; HttpOnly");
  if (options.secure) out.append("; Secure");
  out.append("; SameSite=").append(options.same_site);
  return out;
}

}  // namespace vaardig::http
