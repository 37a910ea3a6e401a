// Strict base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2): no padding written; on input,
// padding '=', whitespace, characters outside the URL-safe alphabet, an impossible length (4k+1) and
// non-zero trailing bits are all rejected with invalid_argument. Also standard base64 (RFC 4648 §4,
// padded) for multibase 'm' and PEM-like uses.
#pragma once

#include <string>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::encoding {

[[nodiscard]] std::string Base64UrlEncode(ByteView data);
[[nodiscard]] inline std::string Base64UrlEncode(std::string_view data) {
  return Base64UrlEncode(AsBytes(data));
}
// Appends the encoding of `data` to `out` (no temporary string).
void Base64UrlEncodeAppend(ByteView data, std::string& out);
[[nodiscard]] Result<Bytes> Base64UrlDecode(std::string_view text);
// Decodes into a string (for JSON payloads and disclosures).
[[nodiscard]] Result<std::string> Base64UrlDecodeToString(std::string_view text);

[[nodiscard]] std::string Base64Encode(ByteView data);  // padded, '+' and '/'
[[nodiscard]] Result<Bytes> Base64Decode(std::string_view text);  // requires correct padding

[[nodiscard]] std::string HexEncode(ByteView data);  // lower case
[[nodiscard]] Result<Bytes> HexDecode(std::string_view text);  // either case, even length

}  // namespace vaardig::encoding
