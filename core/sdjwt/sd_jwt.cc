#include "core/sdjwt/sd_jwt.h"

#include <algorithm>
#include <array>

namespace vaardig::sdjwt {
namespace {

constexpr std::array<bool, 256> kBase64UrlChar = [] {
  std::array<bool, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  table['-'] = true;
  table['_'] = true;
  return table;
}();

bool IsBase64UrlChars(std::string_view s) {
  bool ok = true;
  for (const char c : s) ok &= kBase64UrlChar[static_cast<unsigned char>(c)];
  return ok;
}

// A compact JWS has exactly three base64url segments, the first two non-empty.
Status CheckCompactJws(std::string_view jws, std::string_view what) {
  const auto first = jws.find('.');
  const auto second = first == std::string_view::npos ? first : jws.find('.', first + 1);
  if (second == std::string_view::npos || jws.find('.', second + 1) != std::string_view::npos ||
      first == 0 || second == first + 1 || second + 1 == jws.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(what) + " is not a compact JWS (three non-empty parts)");
  }
  if (!IsBase64UrlChars(jws.substr(0, first)) ||
      !IsBase64UrlChars(jws.substr(first + 1, second - first - 1)) ||
      !IsBase64UrlChars(jws.substr(second + 1))) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " has characters outside base64url");
  }
  return Ok();
}

Result<std::string> MemberString(const Json& object, std::string_view name, std::string_view where) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(where) + ": member '" + std::string(name) + "' must be a string");
  }
  return it->get<std::string>();
}

// Reads one signature object {protected, signature, header?} and appends its compact form.
Status ReadSignature(const Json& sig, const std::string& payload, SdJwtParts& parts,
                     const Json*& unprotected) {
  VAARDIG_ASSIGN_OR_RETURN(std::string prot, MemberString(sig, "protected", "SD-JWT JSON"));
  VAARDIG_ASSIGN_OR_RETURN(std::string signature, MemberString(sig, "signature", "SD-JWT JSON"));
  std::string jws = prot + "." + payload + "." + signature;
  VAARDIG_RETURN_IF_ERROR(CheckCompactJws(jws, "issuer-signed JWT"));
  parts.issuer_jwts.push_back(std::move(jws));
  if (auto it = sig.find("header"); it != sig.end()) {
    if (!it->is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "SD-JWT JSON: 'header' must be an object");
    }
    if (unprotected == nullptr) unprotected = &*it;
  }
  return Ok();
}

}  // namespace

std::string SdJwtParts::SdHashInput() const {
  std::size_t size = issuer_jwt().size() + 1;
  for (const auto& d : disclosures) size += d.size() + 1;
  std::string out;
  out.reserve(size + (kb_jwt ? kb_jwt->size() : 0));  // SerializeCompact appends the KB-JWT
  out += issuer_jwt();
  out += '~';
  for (const auto& d : disclosures) {
    out += d;
    out += '~';
  }
  return out;
}

std::string SdJwtParts::SerializeCompact() const {
  std::string out = SdHashInput();
  if (kb_jwt) out += *kb_jwt;
  return out;
}

Result<SdJwtParts> ParseSdJwt(std::string_view text, const SdJwtLimits& limits) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return ParseJsonSdJwt(text, limits);
  return ParseCompactSdJwt(text, limits);
}

Result<SdJwtParts> ParseCompactSdJwt(std::string_view text, const SdJwtLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "SD-JWT of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                    std::to_string(limits.max_bytes));
  }
  const auto tilde = text.find('~');
  if (tilde == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "not an SD-JWT: no '~' after the issuer-signed JWT");
  }
  SdJwtParts parts;
  std::string_view jwt = text.substr(0, tilde);
  VAARDIG_RETURN_IF_ERROR(CheckCompactJws(jwt, "issuer-signed JWT"));
  parts.issuer_jwts.emplace_back(jwt);
  std::size_t pos = tilde + 1;
  while (true) {
    const auto next = text.find('~', pos);
    if (next == std::string_view::npos) {
      std::string_view last = text.substr(pos);
      if (!last.empty()) {
        VAARDIG_RETURN_IF_ERROR(CheckCompactJws(last, "Key Binding JWT"));
        parts.kb_jwt = std::string(last);
      }
      break;
    }
    std::string_view disclosure = text.substr(pos, next - pos);
    if (disclosure.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "empty disclosure between '~~'");
    }
    if (!IsBase64UrlChars(disclosure)) {
      return Fail(ErrorCode::kInvalidArgument, "a disclosure has characters outside base64url");
    }
    if (parts.disclosures.size() >= limits.max_disclosures) {
      return Fail(ErrorCode::kResourceExhausted,
                  "more than " + std::to_string(limits.max_disclosures) + " disclosures");
    }
    parts.disclosures.emplace_back(disclosure);
    pos = next + 1;
  }
  return parts;
}

Result<SdJwtParts> ParseJsonSdJwt(std::string_view text, const SdJwtLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "SD-JWT JSON serialization exceeds the size limit");
  }
  JsonLimits json_limits = limits.json;
  json_limits.max_bytes = limits.max_bytes;
  VAARDIG_ASSIGN_OR_RETURN(Json doc, ParseJson(text, json_limits));
  if (!doc.is_object()) return Fail(ErrorCode::kInvalidArgument, "SD-JWT JSON must be an object");
  VAARDIG_ASSIGN_OR_RETURN(std::string payload, MemberString(doc, "payload", "SD-JWT JSON"));
  SdJwtParts parts;
  parts.json_serialization = true;
  const Json* unprotected = nullptr;
  if (auto sigs = doc.find("signatures"); sigs != doc.end()) {
    if (doc.contains("signature") || doc.contains("protected")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "SD-JWT JSON mixes general and flattened serialization");
    }
    if (!sigs->is_array() || sigs->empty() || sigs->size() > 16) {
      return Fail(ErrorCode::kInvalidArgument, "'signatures' must be an array of 1 to 16 entries");
    }
    for (const auto& sig : *sigs) {
      if (!sig.is_object()) {
        return Fail(ErrorCode::kInvalidArgument, "each signature must be an object");
      }
      VAARDIG_RETURN_IF_ERROR(ReadSignature(sig, payload, parts, unprotected));
    }
  } else {
    VAARDIG_RETURN_IF_ERROR(ReadSignature(doc, payload, parts, unprotected));
  }
  if (unprotected != nullptr) {
    if (auto it = unprotected->find("disclosures"); it != unprotected->end()) {
      if (!it->is_array()) {
        return Fail(ErrorCode::kInvalidArgument, "'disclosures' must be an array of strings");
      }
      if (it->size() > limits.max_disclosures) {
        return Fail(ErrorCode::kResourceExhausted,
                    "more than " + std::to_string(limits.max_disclosures) + " disclosures");
      }
      for (const auto& d : *it) {
        if (!d.is_string() || d.get_ref<const std::string&>().empty() ||
            !IsBase64UrlChars(d.get_ref<const std::string&>())) {
          return Fail(ErrorCode::kInvalidArgument, "each disclosure must be a base64url string");
        }
        parts.disclosures.push_back(d.get<std::string>());
      }
    }
    if (auto it = unprotected->find("kb_jwt"); it != unprotected->end()) {
      if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, "'kb_jwt' must be a string");
      VAARDIG_RETURN_IF_ERROR(CheckCompactJws(it->get<std::string>(), "Key Binding JWT"));
      parts.kb_jwt = it->get<std::string>();
    }
  }
  return parts;
}

Result<std::string> SerializeJson(const SdJwtParts& parts) {
  Json disclosures = Json::array();
  for (const auto& d : parts.disclosures) disclosures.push_back(d);
  auto signature_object = [&](const std::string& jws, bool with_header) {
    const auto first = jws.find('.');
    const auto last = jws.rfind('.');
    Json sig = Json::object();
    if (with_header) {
      Json header = Json::object();
      header["disclosures"] = disclosures;
      if (parts.kb_jwt) header["kb_jwt"] = *parts.kb_jwt;
      sig["header"] = std::move(header);
    }
    sig["protected"] = jws.substr(0, first);
    sig["signature"] = jws.substr(last + 1);
    return sig;
  };
  if (parts.issuer_jwts.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "no issuer-signed JWT to serialize");
  }
  const std::string& first_jws = parts.issuer_jwts.front();
  const std::string payload =
      first_jws.substr(first_jws.find('.') + 1, first_jws.rfind('.') - first_jws.find('.') - 1);
  Json out = Json::object();
  if (parts.issuer_jwts.size() == 1) {
    Json sig = signature_object(first_jws, true);
    out["header"] = sig["header"];
    out["payload"] = payload;
    out["protected"] = sig["protected"];
    out["signature"] = sig["signature"];
  } else {
    out["payload"] = payload;
    Json sigs = Json::array();
    for (std::size_t i = 0; i < parts.issuer_jwts.size(); ++i) {
      sigs.push_back(signature_object(parts.issuer_jwts[i], i == 0));
    }
    out["signatures"] = std::move(sigs);
  }
  return DumpJson(out);
}

}  // namespace vaardig::sdjwt
