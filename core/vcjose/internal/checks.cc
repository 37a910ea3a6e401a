#include <string>

#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/vcjose/document.h"
#include "core/vcjose/enveloped.h"
#include "core/vcjose/internal/verified_builder.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"

namespace vaardig::vcjose::internal {
namespace {

// A header value for an error message: short, and never more than a media type's worth.
std::string Shown(const std::string& value) { return value.size() > 64 ? value.substr(0, 64) + "..." : value; }

}  // namespace

Result<Json> PeekProtectedHeader(std::string_view compact) {
  const std::size_t dot = compact.find('.');
  if (dot == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "not a compact JWS: no '.'");
  }
  if (dot > 2 * jose::kMaxJwsHeaderBytes) return Fail(ErrorCode::kResourceExhausted, "JWS header is too large");
  auto text = encoding::Base64UrlDecodeToString(compact.substr(0, dot));
  if (!text) return Fail(text.error().WithContext("JWS header"));
  auto header = ParseJson(*text, JsonLimits{.max_bytes = jose::kMaxJwsHeaderBytes});
  if (!header) return Fail(header.error().WithContext("JWS header"));
  if (!header->is_object()) return Fail(ErrorCode::kInvalidArgument, "JWS header is not a JSON object");
  return *header;
}

Status CheckTypAndCty(const Json& header, std::string_view typ, std::string_view cty, bool typ_required) {
  auto typ_it = header.find("typ");
  if (typ_it == header.end() && !typ_required) return Ok();
  if (typ_it == header.end() || !typ_it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "JWS header has no string 'typ'; expected " + std::string(typ));
  }
  if (!jose::TypMatches(typ_it->get_ref<const std::string&>(), typ)) {
    return Fail(ErrorCode::kInvalidArgument,
                "JWS typ '" + Shown(typ_it->get<std::string>()) + "' is not the expected '" + std::string(typ) + "'");
  }
  if (cty.empty()) return Ok();
  if (auto cty_it = header.find("cty"); cty_it != header.end()) {
    if (!cty_it->is_string() || !jose::TypMatches(cty_it->get_ref<const std::string&>(), cty)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "JWS cty " + Shown(cty_it->dump()) + " is not the expected '" + std::string(cty) + "'");
    }
  }
  return Ok();
}

Result<SignedJson> VerifySignedJson(std::string_view jws, std::string_view typ, std::string_view cty,
                                    const KeyLookup& lookup, std::size_t max_bytes, bool typ_required) {
  if (jws.size() > max_bytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "input of " + std::to_string(jws.size()) + " bytes exceeds the limit of " + std::to_string(max_bytes));
  }
  // typ first, so that a token of another format is named as such whatever its alg.
  VAARDIG_ASSIGN_OR_RETURN(Json peeked, PeekProtectedHeader(jws));
  VAARDIG_RETURN_IF_ERROR(CheckTypAndCty(peeked, typ, cty, typ_required));
  VAARDIG_ASSIGN_OR_RETURN(jose::ParsedJws parsed, jose::ParseCompactJws(jws, max_bytes));
  auto key = lookup(parsed.header);
  if (!key) return Fail(key.error().WithContext("finding the signing key"));
  jose::JwsVerifyOptions jws_options;
  if (typ_required) jws_options.accepted_typ = {std::string(typ)};
  jws_options.max_bytes = max_bytes;
  VAARDIG_ASSIGN_OR_RETURN(jose::VerifiedJws verified, jose::VerifyParsedJws(parsed, *key, jws_options));
  auto payload = ParseJson(ToString(verified.payload), JsonLimits{.max_bytes = max_bytes});
  if (!payload) return Fail(payload.error().WithContext("JWS payload"));
  if (!payload->is_object()) return Fail(ErrorCode::kInvalidArgument, "JWS payload is not a JSON object");
  return SignedJson{std::move(verified.header), std::move(*payload), std::move(*key)};
}

Status CheckVerifiedCredential(const Json& header, const Json& document, const Clock& clock,
                               std::int64_t skew_seconds) {
  VAARDIG_RETURN_IF_ERROR(CheckCredentialShape(document));
  const std::string issuer = IssuerId(document);
  VAARDIG_RETURN_IF_ERROR(CheckIssMatches(header, "JWS header", issuer, "credential issuer"));
  VAARDIG_RETURN_IF_ERROR(CheckIssMatches(document, "JWT claim", issuer, "credential issuer"));
  VAARDIG_RETURN_IF_ERROR(CheckKidMatchesSigner(header, issuer));
  VAARDIG_RETURN_IF_ERROR(CheckJwtTimes(document, clock, skew_seconds));
  return CheckValidityPeriod(document, clock, skew_seconds);
}

Status CheckVerifiedPresentation(const Json& header, const Json& document, const Clock& clock,
                                 const VerifyOptions& options, VerifiedVcJose& out) {
  VAARDIG_RETURN_IF_ERROR(CheckPresentationShape(document));
  const std::optional<std::string> holder = HolderId(document);
  if (holder) {
    VAARDIG_RETURN_IF_ERROR(CheckIssMatches(header, "JWS header", *holder, "presentation holder"));
    VAARDIG_RETURN_IF_ERROR(CheckIssMatches(document, "JWT claim", *holder, "presentation holder"));
  }
  VAARDIG_RETURN_IF_ERROR(CheckKidMatchesSigner(header, holder));
  VAARDIG_RETURN_IF_ERROR(CheckJwtTimes(document, clock, options.skew_seconds));

  auto vcs = document.find("verifiableCredential");
  if (vcs == document.end()) return Ok();
  const Json entries = vcs->is_array() ? *vcs : Json::array({*vcs});
  VerifyOptions inner = options;
  inner.credential_key_lookup = nullptr;
  inner.key_binding = {.required = false};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string where = "verifiableCredential[" + std::to_string(i) + "]";
    const Json& entry = entries[i];
    if (!IsEnvelopedCredential(entry)) {
      // An embedded credential secured some other way (Data Integrity): its shape only.
      if (options.credential_key_lookup) {
        return Fail(ErrorCode::kUnimplemented, where + ": only enveloped credentials can be verified here");
      }
      if (auto shape = CheckCredentialShape(entry); !shape) return Fail(shape.error().WithContext(where));
      continue;
    }
    auto envelope = ParseEnvelopedCredential(entry);
    if (!envelope) {
      // A format we know but do not implement (vc+cose) is only an error when asked to verify it.
      if (!options.credential_key_lookup && envelope.error().code() == ErrorCode::kUnimplemented) continue;
      return Fail(envelope.error().WithContext(where));
    }
    if (!options.credential_key_lookup) continue;
    auto verified = envelope->format == SecuredFormat::kVcJwt
                        ? VerifyVcJwt(envelope->token, options.credential_key_lookup, clock, inner)
                        : VerifyVcSdJwt(envelope->token, options.credential_key_lookup, clock, inner);
    if (!verified) return Fail(verified.error().WithContext(where));
    VerifiedBuilder::AddCredential(out, std::move(*verified));
  }
  return Ok();
}

}  // namespace vaardig::vcjose::internal
