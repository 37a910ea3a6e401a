// JWS compact serialization (RFC 7515 §7.1) for ES256, EdDSA and RS256.
//
// Verification is deliberately narrow:
//  - the caller supplies the key; the key decides the algorithm and the header's "alg" must
//    name exactly that algorithm ("none", and every algorithm outside our set, are refused);
//  - keys embedded in the header ("jwk", "x5c", "jku", "x5u") are never used to verify;
//  - "crit" must list only extensions the caller says it understands (RFC 7515 §4.1.11), and
//    "b64": false (RFC 7797) is refused;
//  - "typ", when the caller expects one, is compared as a media type: case-insensitively, with the
//    "application/" prefix optional (RFC 7515 §4.1.9);
//  - the payload is neither decoded nor parsed until the signature has verified;
//  - input size and header size are bounded; no exception escapes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/bytes.h"
#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::jose {

inline constexpr std::size_t kDefaultMaxJwsBytes = 256 * 1024;
inline constexpr std::size_t kMaxJwsHeaderBytes = 16 * 1024;

struct JwsVerifyOptions {
  // When non-empty the header must carry a "typ" matching one of these.
  std::vector<std::string> accepted_typ{};
  // Header parameters this caller processes itself and so may appear in "crit".
  std::vector<std::string> understood_crit{};
  std::size_t max_bytes = kDefaultMaxJwsBytes;
};

// A compact JWS split and its header checked, its signature not yet verified. Use only to find the
// key (kid, alg) and then call VerifyParsedJws; nothing in it is trustworthy before that.
struct ParsedJws {
  Json header;
  Algorithm alg = Algorithm::kEs256;
  std::optional<std::string> kid;
  std::optional<std::string> typ;
  std::string signing_input;   // ASCII(BASE64URL(header) '.' BASE64URL(payload))
  std::string payload_b64;
  Bytes signature;
};

struct VerifiedJws {
  Json header;
  Bytes payload;
};

// Signs `payload` with a protected header made of "alg" (the key's) followed by the members of
// `header`. `header` must be an object; an "alg" in it must match the key (invalid_argument).
[[nodiscard]] Result<std::string> SignCompactJws(const PrivateJwk& key, const Json& header, ByteView payload);

[[nodiscard]] Result<ParsedJws> ParseCompactJws(std::string_view jws, std::size_t max_bytes = kDefaultMaxJwsBytes);
[[nodiscard]] Result<VerifiedJws> VerifyParsedJws(const ParsedJws& jws, const PublicJwk& key,
                                                  const JwsVerifyOptions& options = {});
// The checks of VerifyParsedJws (alg, crit, typ, signature) without decoding the payload, for a
// caller that has already decoded jws.payload_b64 (to find the key) and may trust what it decoded
// once this succeeds.
[[nodiscard]] Status VerifyParsedJwsSignature(const ParsedJws& jws, const PublicJwk& key,
                                              const JwsVerifyOptions& options = {});
[[nodiscard]] Result<VerifiedJws> VerifyCompactJws(std::string_view jws, const PublicJwk& key,
                                                   const JwsVerifyOptions& options = {});

// RFC 7515 §4.1.9 comparison of a "typ" value with an expected media type.
[[nodiscard]] bool TypMatches(std::string_view actual, std::string_view expected);

}  // namespace vaardig::jose
