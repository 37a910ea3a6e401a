#include "issuer/cli/sign_jws.h"

#include <fstream>

#include "core/encoding/json.h"
#include "core/jose/jws.h"

namespace vaardig::issuer::cli {

Result<std::string> SignJws(const jose::PrivateJwk& key, const std::string& payload,
                            const std::optional<std::string>& typ) {
  Json header = Json::object();
  if (typ) header["typ"] = *typ;
  if (key.public_jwk().kid()) header["kid"] = *key.public_jwk().kid();
  return jose::SignCompactJws(key, header, AsBytes(payload));
}

Result<std::string> ReadPayload(const std::string& path, std::istream& in) {
  std::ifstream file;
  std::istream* source = &in;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail(ErrorCode::kNotFound, "cannot read payload file " + path);
    source = &file;
  }
  std::string text;
  char buffer[8192];
  while (source->read(buffer, sizeof buffer) || source->gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(source->gcount()));
    if (text.size() > kMaxPayloadBytes) {
      return Fail(ErrorCode::kResourceExhausted, "payload is larger than 1 MiB");
    }
  }
  if (source->bad()) return Fail(ErrorCode::kInternal, "error reading payload " + path);
  return text;
}

}  // namespace vaardig::issuer::cli
