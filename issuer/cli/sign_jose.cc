#include "issuer/cli/sign_jose.h"

#include "core/crypto/random.h"
#include "core/dataintegrity/date_time.h"
#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "core/sdjwt/claim_path.h"
#include "core/vcjose/ob_jwt.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"

namespace vaardig::issuer::cli {
namespace {

std::string RandomUrnUuid() {
  Bytes b = crypto::RandomBytes(16);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  const std::string hex = encoding::HexEncode(ByteView(b.data(), b.size()));
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
         "-" + hex.substr(20);
}

}  // namespace

Result<std::string> SignJoseCredential(const jose::PrivateJwk& key, const JoseSignRequest& request) {
  if (!request.credential.is_object()) return Fail(ErrorCode::kInvalidArgument, "the credential must be a JSON object");
  Json credential = request.credential;
  const std::string did = did::CreateDidJwk(key.public_jwk());
  std::optional<std::string> kid = request.kid;
  if (!credential.contains("issuer")) credential["issuer"] = did;
  const Json& issuer = credential["issuer"];
  const bool issuer_is_key = (issuer.is_string() && issuer == did) ||
                             (issuer.is_object() && issuer.contains("id") && issuer["id"] == did);
  if (!kid && issuer_is_key) kid = did + "#0";
  VAARDIG_ASSIGN_OR_RETURN(std::string now, dataintegrity::FormatDateTimeStamp(request.now));
  if (!credential.contains("validFrom")) credential["validFrom"] = now;

  if (request.format == "vc+jwt") {
    return vcjose::SignVcJwt(credential, key, {.kid = kid});
  }
  if (request.format == "vc+sd-jwt") {
    vcjose::SdJwtIssueOptions options;
    options.jose.kid = kid;
    for (const std::string& path : request.sd) {
      auto parsed = sdjwt::ParseClaimPath(path);
      if (!parsed) return Fail(parsed.error().WithContext("--sd " + path));
      options.sd_paths.push_back(std::move(*parsed));
    }
    VAARDIG_ASSIGN_OR_RETURN(sdjwt::IssuedSdJwt issued, vcjose::IssueVcSdJwt(credential, key, options));
    return issued.Compact();
  }
  if (request.format == "ob-jwt") {
    if (!credential.contains("id")) credential["id"] = RandomUrnUuid();
    return vcjose::SignObJwt(credential, key, {.kid = kid});
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown JOSE format '" + request.format + "'");
}

}  // namespace vaardig::issuer::cli
