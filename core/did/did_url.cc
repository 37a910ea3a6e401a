#include "core/did/did_url.h"

#include <string>
#include <string_view>

namespace vaardig::did {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsUnreserved(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool IsSubDelim(char c) { return std::string_view("!$&'()*+,;=").contains(c); }

// True when text[i] starts a well-formed "%XX".
bool IsPctEncoded(std::string_view text, std::size_t i) {
  return text[i] == '%' && i + 2 < text.size() && IsHex(text[i + 1]) && IsHex(text[i + 2]);
}

// Checks every character of `text` with `allowed` (pct-encoded triplets always allowed).
template <typename Pred>
Status CheckChars(std::string_view text, std::string_view part, Pred allowed) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (!IsPctEncoded(text, i)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "DID " + std::string(part) + ": malformed percent-encoding");
      }
      i += 2;
      continue;
    }
    if (!allowed(text[i])) {
      return Fail(
          ErrorCode::kInvalidArgument,
          "DID " + std::string(part) + ": character not allowed at offset " + std::to_string(i));
    }
  }
  return Ok();
}

bool IsIdChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '.' || c == '-' || c == '_'; }
// RFC 3986 pchar without pct-encoded (handled by CheckChars).
bool IsPchar(char c) { return IsUnreserved(c) || IsSubDelim(c) || c == ':' || c == '@'; }

}  // namespace

Result<ParsedDid> ParseDid(std::string_view text) {
  VAARDIG_ASSIGN_OR_RETURN(ParsedDidUrl url, ParseDidUrl(text));
  if (!url.path.empty() || url.query || url.fragment) {
    return Fail(ErrorCode::kInvalidArgument,
                "expected a DID without path, query or fragment, got a DID URL");
  }
  return std::move(url.did);
}

Result<ParsedDidUrl> ParseDidUrl(std::string_view text) {
  if (text.size() > kMaxDidUrlLength) {
    return Fail(ErrorCode::kResourceExhausted,
                "DID URL longer than " + std::to_string(kMaxDidUrlLength) + " characters");
  }
  if (!text.starts_with("did:")) {
    return Fail(ErrorCode::kInvalidArgument, "a DID starts with 'did:'");
  }
  const std::size_t method_end = text.find(':', 4);
  if (method_end == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "DID has no method-specific identifier");
  }
  const std::string_view method = text.substr(4, method_end - 4);
  if (method.empty()) return Fail(ErrorCode::kInvalidArgument, "DID method name is empty");
  for (char c : method) {
    if (!((c >= 'a' && c <= 'z') || IsDigit(c))) {
      return Fail(ErrorCode::kInvalidArgument,
                  "DID method name may only hold lower-case letters and digits");
    }
  }

  // The method-specific id ends at the first character that cannot belong to it.
  const std::string_view rest = text.substr(method_end + 1);
  const std::size_t id_end = rest.find_first_of("/?#");
  const std::string_view msi = rest.substr(0, id_end);
  if (msi.empty() || msi.back() == ':') {
    return Fail(ErrorCode::kInvalidArgument,
                "DID method-specific identifier is empty or ends with ':'");
  }
  VAARDIG_RETURN_IF_ERROR(CheckChars(msi, "method-specific identifier",
                                     [](char c) { return IsIdChar(c) || c == ':'; }));

  ParsedDidUrl out{.did = {.did = std::string(text.substr(0, method_end + 1 + msi.size())),
                           .method = std::string(method),
                           .method_specific_id = std::string(msi)}};
  std::string_view tail = id_end == std::string_view::npos ? "" : rest.substr(id_end);

  const std::size_t hash = tail.find('#');
  if (hash != std::string_view::npos) {
    const std::string_view fragment = tail.substr(hash + 1);
    VAARDIG_RETURN_IF_ERROR(CheckChars(fragment, "fragment",
                                       [](char c) { return IsPchar(c) || c == '/' || c == '?'; }));
    out.fragment = std::string(fragment);
    tail = tail.substr(0, hash);
  }
  const std::size_t question = tail.find('?');
  if (question != std::string_view::npos) {
    const std::string_view query = tail.substr(question + 1);
    VAARDIG_RETURN_IF_ERROR(
        CheckChars(query, "query", [](char c) { return IsPchar(c) || c == '/' || c == '?'; }));
    out.query = std::string(query);
    tail = tail.substr(0, question);
  }
  VAARDIG_RETURN_IF_ERROR(CheckChars(tail, "path", [](char c) { return IsPchar(c) || c == '/'; }));
  out.path = std::string(tail);
  return out;
}

}  // namespace vaardig::did
