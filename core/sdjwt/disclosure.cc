#include "core/sdjwt/disclosure.h"

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"

namespace vaardig::sdjwt {
namespace {

Status CheckClaimName(std::string_view name) {
  if (name == kSdKey || name == kArrayDigestKey) {
    return Fail(ErrorCode::kInvalidArgument,
                "a disclosure may not use the reserved claim name '" + std::string(name) + "'");
  }
  return Ok();
}

}  // namespace

std::string DigestSha256(std::string_view ascii) {
  const auto digest = crypto::Sha256(AsBytes(ascii));
  return encoding::Base64UrlEncode(ByteView(digest));
}

Result<Disclosure> MakeDisclosureWithSalt(std::string salt, std::optional<std::string> name,
                                          Json value) {
  if (name) VAARDIG_RETURN_IF_ERROR(CheckClaimName(*name));
  // The value is moved into the array for serialization and moved back out, not copied.
  Json array = Json::array();
  auto& elements = array.get_ref<Json::array_t&>();
  elements.reserve(name ? 3 : 2);
  elements.emplace_back(salt);
  if (name) elements.emplace_back(*name);
  elements.push_back(std::move(value));
  Disclosure d;
  d.encoded = encoding::Base64UrlEncode(DumpJson(array));
  d.salt = std::move(salt);
  d.name = std::move(name);
  d.value = std::move(elements.back());
  d.digest = DigestSha256(d.encoded);
  return d;
}

Result<Disclosure> MakeDisclosure(std::optional<std::string> name, Json value) {
  const Bytes salt = crypto::RandomBytes(kSaltBytes);
  return MakeDisclosureWithSalt(encoding::Base64UrlEncode(ByteView(salt)), std::move(name),
                                std::move(value));
}

Result<Disclosure> ParseDisclosure(std::string_view encoded, const JsonLimits& limits) {
  if (encoded.size() > limits.max_bytes * 4 / 3 + 4) {
    return Fail(ErrorCode::kResourceExhausted, "disclosure larger than the limit");
  }
  auto text = encoding::Base64UrlDecodeToString(encoded);
  if (!text) return Fail(text.error().WithContext("disclosure is not valid base64url"));
  auto array = ParseJson(*text, limits);
  if (!array) return Fail(array.error().WithContext("disclosure is not valid JSON"));
  if (!array->is_array() || (array->size() != 2 && array->size() != 3)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a disclosure must be a JSON array of 2 or 3 elements");
  }
  if (!(*array)[0].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "a disclosure's salt must be a string");
  }
  Disclosure d;
  d.encoded = std::string(encoded);
  d.salt = (*array)[0].get<std::string>();
  if (array->size() == 3) {
    if (!(*array)[1].is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "a disclosure's claim name must be a string");
    }
    d.name = (*array)[1].get<std::string>();
    VAARDIG_RETURN_IF_ERROR(CheckClaimName(*d.name));
    d.value = std::move((*array)[2]);
  } else {
    d.value = std::move((*array)[1]);
  }
  d.digest = DigestSha256(d.encoded);
  return d;
}

}  // namespace vaardig::sdjwt
