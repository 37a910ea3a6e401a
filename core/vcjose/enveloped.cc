#include "core/vcjose/enveloped.h"

#include <algorithm>

#include "core/vcjose/document.h"

namespace vaardig::vcjose {
namespace {

constexpr std::string_view kDataPrefix = "data:";

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Three non-empty base64url segments separated by '.'.
bool LooksLikeCompactJws(std::string_view token) {
  int segments = 1;
  std::size_t length = 0;
  for (char c : token) {
    if (c == '.') {
      if (length == 0) return false;
      ++segments;
      length = 0;
    } else if (IsBase64UrlChar(c)) {
      ++length;
    } else {
      return false;
    }
  }
  return segments == 3 && length > 0;
}

bool LooksLikeSdJwt(std::string_view token) {
  const std::size_t tilde = token.find('~');
  if (tilde == std::string_view::npos || !LooksLikeCompactJws(token.substr(0, tilde))) return false;
  return std::all_of(token.begin() + static_cast<std::ptrdiff_t>(tilde), token.end(),
                     [](char c) { return c == '~' || c == '.' || IsBase64UrlChar(c); });
}

}  // namespace

bool IsEnvelopedCredential(const Json& entry) {
  if (!entry.is_object()) return false;
  auto type = entry.find("type");
  if (type == entry.end()) return false;
  if (type->is_string()) return type->get_ref<const std::string&>() == kEnvelopedCredentialType;
  return type->is_array() && std::any_of(type->begin(), type->end(), [](const Json& t) {
           return t.is_string() && t.get_ref<const std::string&>() == kEnvelopedCredentialType;
         });
}

Result<Json> EnvelopeCredential(std::string_view token, SecuredFormat format) {
  if (format != SecuredFormat::kVcJwt && format != SecuredFormat::kVcSdJwt) {
    return Fail(ErrorCode::kInvalidArgument, "only vc+jwt and vc+sd-jwt credentials can be enveloped");
  }
  Json entry = Json::object();
  entry["@context"] = kCredentialsV2Context;
  entry["id"] = std::string(kDataPrefix) + std::string(MediaType(format)) + "," + std::string(token);
  entry["type"] = kEnvelopedCredentialType;
  return entry;
}

Result<EnvelopedCredential> ParseEnvelopedCredential(const Json& entry) {
  if (!IsEnvelopedCredential(entry)) {
    return Fail(ErrorCode::kInvalidArgument, "not an EnvelopedVerifiableCredential");
  }
  auto id = entry.find("id");
  if (id == entry.end() || !id->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "EnvelopedVerifiableCredential has no string 'id'");
  }
  const std::string_view url = id->get_ref<const std::string&>();
  if (!url.starts_with(kDataPrefix)) {
    return Fail(ErrorCode::kInvalidArgument, "EnvelopedVerifiableCredential 'id' is not a data: URL");
  }
  const std::size_t comma = url.find(',');
  if (comma == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "EnvelopedVerifiableCredential 'id' data: URL has no ','");
  }
  const std::string_view media_type = url.substr(kDataPrefix.size(), comma - kDataPrefix.size());
  const std::string_view token = url.substr(comma + 1);
  EnvelopedCredential result;
  if (media_type == MediaType(SecuredFormat::kVcJwt)) {
    result.format = SecuredFormat::kVcJwt;
    if (!LooksLikeCompactJws(token)) {
      return Fail(ErrorCode::kInvalidArgument, "EnvelopedVerifiableCredential does not hold a compact JWS");
    }
  } else if (media_type == MediaType(SecuredFormat::kVcSdJwt)) {
    result.format = SecuredFormat::kVcSdJwt;
    if (!LooksLikeSdJwt(token)) {
      return Fail(ErrorCode::kInvalidArgument, "EnvelopedVerifiableCredential does not hold an SD-JWT");
    }
  } else if (media_type == "application/vc+cose" || media_type == "application/vc+cose;base64" ||
             media_type == "application/vc") {
    return Fail(ErrorCode::kUnimplemented,
                "EnvelopedVerifiableCredential media type '" + std::string(media_type.substr(0, 64)) + "' is not supported");
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                "EnvelopedVerifiableCredential media type '" + std::string(media_type.substr(0, 64)) + "' is not a credential");
  }
  result.token = std::string(token);
  return result;
}

}  // namespace vaardig::vcjose
