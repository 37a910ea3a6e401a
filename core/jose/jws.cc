#include "core/jose/jws.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/encoding/base64url.h"

namespace vaardig::jose {
namespace {

// Header parameters registered by RFC 7515 §4.1 and RFC 7797; they may not appear in "crit".
constexpr std::array<std::string_view, 11> kRegisteredHeaders = {
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"};

// The base64url alphabet (RFC 4648 §5), as a lookup table.
constexpr std::array<bool, 256> kBase64UrlChar = [] {
  std::array<bool, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  table['-'] = true;
  table['_'] = true;
  return table;
}();

std::string Lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view StripApplication(std::string_view s) {
  constexpr std::string_view kPrefix = "application/";
  return s.starts_with(kPrefix) ? s.substr(kPrefix.size()) : s;
}

Result<std::optional<std::string>> OptionalStringHeader(const Json& header, std::string_view name) {
  const auto it = header.find(name);
  if (it == header.end()) return std::optional<std::string>();
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "JWS header '" + std::string(name) + "' must be a string");
  }
  return std::optional<std::string>(it->get<std::string>());
}

Status CheckCrit(const Json& header, const std::vector<std::string>& understood) {
  const auto it = header.find("crit");
  if (it == header.end()) return Ok();
  if (!it->is_array() || it->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "JWS header 'crit' must be a non-empty array");
  }
  std::set<std::string> seen;
  for (const Json& entry : *it) {
    if (!entry.is_string()) return Fail(ErrorCode::kInvalidArgument, "JWS header 'crit' entries must be strings");
    const auto& name = entry.get_ref<const std::string&>();
    if (!seen.insert(name).second) {
      return Fail(ErrorCode::kInvalidArgument, "JWS header 'crit' lists '" + name + "' twice");
    }
    if (std::ranges::find(kRegisteredHeaders, std::string_view(name)) != kRegisteredHeaders.end()) {
      return Fail(ErrorCode::kInvalidArgument, "JWS header 'crit' may not list the registered parameter '" + name + "'");
    }
    if (!header.contains(name)) {
      return Fail(ErrorCode::kInvalidArgument, "JWS header 'crit' lists '" + name + "', which the header lacks");
    }
    if (std::ranges::find(understood, name) == understood.end()) {
      return Fail(ErrorCode::kUnimplemented, "JWS header marks '" + name + "' critical and we do not process it");
    }
  }
  return Ok();
}

}  // namespace

bool TypMatches(std::string_view actual, std::string_view expected) {
  const std::string a = Lower(actual);
  const std::string e = Lower(expected);
  return StripApplication(a) == StripApplication(e);
}

Result<std::string> SignCompactJws(const PrivateJwk& key, const Json& header, ByteView payload) {
  if (!header.is_object()) return Fail(ErrorCode::kInvalidArgument, "JWS header must be a JSON object");
  const std::string_view alg = AlgorithmName(key.algorithm());
  Json protected_header = Json::object();
  protected_header["alg"] = alg;
  for (const auto& [name, value] : header.items()) {
    if (name == "alg") {
      if (!value.is_string() || value.get_ref<const std::string&>() != alg) {
        return Fail(ErrorCode::kInvalidArgument,
                    "JWS header alg " + value.dump() + " does not match the key, which signs " + std::string(alg));
      }
      continue;
    }
    if (name == "b64" && value != true) {
      return Fail(ErrorCode::kUnimplemented, "unencoded payloads (b64: false) are not supported");
    }
    protected_header[name] = value;
  }
  const std::string header_json = DumpJson(protected_header);
  std::string out;
  // Room for both parts, the dots and a signature of up to 512 bytes (RS256 with 4096-bit keys).
  out.reserve((header_json.size() + payload.size()) / 3 * 4 + 8 + 2 + 684);
  encoding::Base64UrlEncodeAppend(AsBytes(header_json), out);
  out += '.';
  encoding::Base64UrlEncodeAppend(payload, out);
  VAARDIG_ASSIGN_OR_RETURN(const Bytes signature, key.Sign(AsBytes(out)));
  out += '.';
  encoding::Base64UrlEncodeAppend(ByteView(signature), out);
  return out;
}

Result<ParsedJws> ParseCompactJws(std::string_view jws, std::size_t max_bytes) {
  if (jws.size() > max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "JWS of " + std::to_string(jws.size()) +
                                                   " bytes is larger than the limit of " + std::to_string(max_bytes));
  }
  const auto first = jws.find('.');
  const auto second = first == std::string_view::npos ? first : jws.find('.', first + 1);
  if (second == std::string_view::npos || jws.find('.', second + 1) != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "a compact JWS has exactly three base64url parts separated by '.'");
  }
  const std::string_view header_b64 = jws.substr(0, first);
  const std::string_view payload_b64 = jws.substr(first + 1, second - first - 1);
  const std::string_view signature_b64 = jws.substr(second + 1);
  if (header_b64.empty()) return Fail(ErrorCode::kInvalidArgument, "JWS header is empty");
  if (signature_b64.empty()) return Fail(ErrorCode::kInvalidArgument, "JWS signature is empty");
  if (header_b64.size() > kMaxJwsHeaderBytes) {
    return Fail(ErrorCode::kResourceExhausted, "JWS header is larger than 16 KiB");
  }

  auto header_text = encoding::Base64UrlDecodeToString(header_b64);
  if (!header_text) return Fail(header_text.error().WithContext("JWS header"));
  auto header = ParseJson(*header_text, JsonLimits{.max_bytes = kMaxJwsHeaderBytes, .max_depth = 8});
  if (!header) return Fail(header.error().WithContext("JWS header"));
  if (!header->is_object()) return Fail(ErrorCode::kInvalidArgument, "JWS header is not a JSON object");

  ParsedJws parsed;
  VAARDIG_ASSIGN_OR_RETURN(const std::optional<std::string> alg_name, OptionalStringHeader(*header, "alg"));
  if (!alg_name) return Fail(ErrorCode::kInvalidArgument, "JWS header has no 'alg'");
  VAARDIG_ASSIGN_OR_RETURN(parsed.alg, ParseAlgorithm(*alg_name));
  VAARDIG_ASSIGN_OR_RETURN(parsed.kid, OptionalStringHeader(*header, "kid"));
  VAARDIG_ASSIGN_OR_RETURN(parsed.typ, OptionalStringHeader(*header, "typ"));
  if (const auto b64 = header->find("b64"); b64 != header->end() && *b64 != true) {
    return Fail(ErrorCode::kUnimplemented, "unencoded payloads (b64: false) are not supported");
  }
  auto signature = encoding::Base64UrlDecode(signature_b64);
  if (!signature) return Fail(signature.error().WithContext("JWS signature"));
  // The payload's encoding is checked here, its content only after verification.
  bool payload_ok = true;
  for (const char c : payload_b64) payload_ok &= kBase64UrlChar[static_cast<unsigned char>(c)];
  if (!payload_ok) return Fail(ErrorCode::kInvalidArgument, "JWS payload is not base64url");
  parsed.header = std::move(*header);
  parsed.signing_input = std::string(jws.substr(0, second));
  parsed.payload_b64 = std::string(payload_b64);
  parsed.signature = std::move(*signature);
  return parsed;
}

Status VerifyParsedJwsSignature(const ParsedJws& jws, const PublicJwk& key, const JwsVerifyOptions& options) {
  if (jws.alg != key.algorithm()) {
    return Fail(ErrorCode::kUnauthenticated, "JWS alg " + std::string(AlgorithmName(jws.alg)) +
                                                 " does not match the key, which is for " +
                                                 std::string(AlgorithmName(key.algorithm())));
  }
  VAARDIG_RETURN_IF_ERROR(CheckCrit(jws.header, options.understood_crit));
  if (!options.accepted_typ.empty()) {
    if (!jws.typ) {
      return Fail(ErrorCode::kInvalidArgument, "JWS header has no 'typ'; expected " + options.accepted_typ.front());
    }
    const bool accepted = std::ranges::any_of(options.accepted_typ,
                                              [&](const std::string& t) { return TypMatches(*jws.typ, t); });
    if (!accepted) {
      return Fail(ErrorCode::kInvalidArgument,
                  "JWS typ '" + *jws.typ + "' is not the expected '" + options.accepted_typ.front() + "'");
    }
  }
  if (auto verified = key.Verify(AsBytes(jws.signing_input), jws.signature); !verified) {
    return Fail(ErrorCode::kUnauthenticated, "JWS signature does not verify: " + verified.error().message());
  }
  return Ok();
}

Result<VerifiedJws> VerifyParsedJws(const ParsedJws& jws, const PublicJwk& key, const JwsVerifyOptions& options) {
  VAARDIG_RETURN_IF_ERROR(VerifyParsedJwsSignature(jws, key, options));
  auto payload = encoding::Base64UrlDecode(jws.payload_b64);
  if (!payload) return Fail(payload.error().WithContext("JWS payload"));
  return VerifiedJws{.header = jws.header, .payload = std::move(*payload)};
}

Result<VerifiedJws> VerifyCompactJws(std::string_view jws, const PublicJwk& key, const JwsVerifyOptions& options) {
  VAARDIG_ASSIGN_OR_RETURN(ParsedJws parsed, ParseCompactJws(jws, options.max_bytes));
  VAARDIG_RETURN_IF_ERROR(VerifyParsedJwsSignature(parsed, key, options));
  auto payload = encoding::Base64UrlDecode(parsed.payload_b64);
  if (!payload) return Fail(payload.error().WithContext("JWS payload"));
  return VerifiedJws{.header = std::move(parsed.header), .payload = std::move(*payload)};
}

}  // namespace vaardig::jose
