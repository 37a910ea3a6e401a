#include "core/vcjose/format.h"

#include <array>
#include <string>
#include <utility>

#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "core/jose/jws.h"

namespace vaardig::vcjose {
namespace {

struct TypEntry {
  std::string_view typ;
  SecuredFormat format;
};

constexpr std::array<TypEntry, 6> kTyps = {{
    {"vc+jwt", SecuredFormat::kVcJwt},
    {"vp+jwt", SecuredFormat::kVpJwt},
    {"vc+sd-jwt", SecuredFormat::kVcSdJwt},
    {"vp+sd-jwt", SecuredFormat::kVpSdJwt},
    {"dc+sd-jwt", SecuredFormat::kDcSdJwt},
    {"JWT", SecuredFormat::kObJwt},
}};

bool IsSdJwt(SecuredFormat f) {
  return f == SecuredFormat::kVcSdJwt || f == SecuredFormat::kVpSdJwt || f == SecuredFormat::kDcSdJwt;
}

Result<SecuredFormat> DetectJson(std::string_view text) {
  auto json = ParseJson(text, JsonLimits{.max_bytes = kMaxSecuredBytes});
  if (!json) return Fail(json.error().WithContext("JSON credential"));
  if (!json->is_object() || !json->contains("@context")) {
    return Fail(ErrorCode::kInvalidArgument, "a JSON document without '@context' is not a credential");
  }
  return SecuredFormat::kLdpVc;
}

// Drafts of SD-JWT VC before dc+sd-jwt used typ "vc+sd-jwt" too (DESIGN.md §5: accept it on
// input). Such a token has "vct" and no "@context" in its payload. Only routing depends on this:
// whichever verifier runs still checks everything, signature first.
bool IsLegacySdJwtVc(std::string_view text, std::size_t header_end) {
  const std::size_t payload_end = text.find('.', header_end + 1);
  if (payload_end == std::string_view::npos) return false;
  auto payload_text = encoding::Base64UrlDecodeToString(text.substr(header_end + 1, payload_end - header_end - 1));
  if (!payload_text) return false;
  auto payload = ParseJson(*payload_text, JsonLimits{.max_bytes = kMaxSecuredBytes});
  return payload && payload->is_object() && payload->contains("vct") && !payload->contains("@context");
}

}  // namespace

std::string_view FormatName(SecuredFormat format) {
  switch (format) {
    case SecuredFormat::kVcJwt: return "vc+jwt";
    case SecuredFormat::kVpJwt: return "vp+jwt";
    case SecuredFormat::kVcSdJwt: return "vc+sd-jwt";
    case SecuredFormat::kVpSdJwt: return "vp+sd-jwt";
    case SecuredFormat::kDcSdJwt: return "dc+sd-jwt";
    case SecuredFormat::kObJwt: return "JWT";
    case SecuredFormat::kLdpVc: return "ldp_vc";
  }
  return "unknown";
}

std::string_view MediaType(SecuredFormat format) {
  switch (format) {
    case SecuredFormat::kVcJwt: return "application/vc+jwt";
    case SecuredFormat::kVpJwt: return "application/vp+jwt";
    case SecuredFormat::kVcSdJwt: return "application/vc+sd-jwt";
    case SecuredFormat::kVpSdJwt: return "application/vp+sd-jwt";
    case SecuredFormat::kDcSdJwt: return "application/dc+sd-jwt";
    case SecuredFormat::kObJwt:
    case SecuredFormat::kLdpVc: return "";
  }
  return "";
}

std::optional<SecuredFormat> FormatFromTyp(std::string_view typ) {
  for (const auto& entry : kTyps) {
    if (jose::TypMatches(typ, entry.typ)) return entry.format;
  }
  return std::nullopt;
}

Result<SecuredFormat> DetectFormat(std::string_view text) {
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "empty input");
  if (text.size() > kMaxSecuredBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "input of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                    std::to_string(kMaxSecuredBytes));
  }
  if (text.front() == '{') return DetectJson(text);
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "neither a JSON document nor a compact JWS");
  }
  auto header_text = encoding::Base64UrlDecodeToString(text.substr(0, dot));
  if (!header_text) return Fail(header_text.error().WithContext("JWS header"));
  auto header = ParseJson(*header_text, JsonLimits{.max_bytes = jose::kMaxJwsHeaderBytes});
  if (!header) return Fail(header.error().WithContext("JWS header"));
  auto typ_it = header->find("typ");
  if (!header->is_object() || typ_it == header->end() || !typ_it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "JWS header has no string 'typ'");
  }
  const auto format = FormatFromTyp(typ_it->get_ref<const std::string&>());
  if (!format) {
    return Fail(ErrorCode::kInvalidArgument,
                "JWS typ '" + typ_it->get<std::string>().substr(0, 64) + "' is not a credential format we know");
  }
  const bool has_tilde = text.find('~') != std::string_view::npos;
  if (IsSdJwt(*format) != has_tilde) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("typ '") + std::string(FormatName(*format)) +
                    (has_tilde ? "' is not an SD-JWT but the token carries disclosures"
                               : "' is an SD-JWT but the token has no '~'"));
  }
  if (*format == SecuredFormat::kVcSdJwt && IsLegacySdJwtVc(text, dot)) return SecuredFormat::kDcSdJwt;
  return *format;
}

}  // namespace vaardig::vcjose
