#include "core/vcjose/document.h"

#include <algorithm>

#include "core/dataintegrity/date_time.h"
#include "core/did/did_url.h"

namespace vaardig::vcjose {
namespace {

Status CheckContext(const Json& doc, std::string_view what) {
  auto it = doc.find("@context");
  if (it == doc.end()) return Fail(ErrorCode::kInvalidArgument, std::string(what) + " has no '@context'");
  const Json* first = &*it;
  if (it->is_array()) {
    if (it->empty()) return Fail(ErrorCode::kInvalidArgument, std::string(what) + " '@context' is empty");
    first = &it->front();
  }
  if (!first->is_string() || first->get_ref<const std::string&>() != kCredentialsV2Context) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(what) + " '@context' must begin with " + std::string(kCredentialsV2Context) +
                    " (VCDM 2.0)");
  }
  return Ok();
}

Status CheckType(const Json& doc, std::string_view what, std::string_view required) {
  auto it = doc.find("type");
  if (it == doc.end()) return Fail(ErrorCode::kInvalidArgument, std::string(what) + " has no 'type'");
  bool found = false;
  if (it->is_string()) {
    found = it->get_ref<const std::string&>() == required;
  } else if (it->is_array()) {
    for (const Json& t : *it) {
      if (!t.is_string()) {
        return Fail(ErrorCode::kInvalidArgument, std::string(what) + " 'type' must hold only strings");
      }
      found = found || t.get_ref<const std::string&>() == required;
    }
  } else {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " 'type' must be a string or an array");
  }
  if (!found) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " 'type' does not include " + std::string(required));
  }
  return Ok();
}

// A string, or an object whose "id" is a string; nullopt when neither.
std::optional<std::string> IdOf(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    auto id = value.find("id");
    if (id != value.end() && id->is_string()) return id->get<std::string>();
  }
  return std::nullopt;
}

Status CheckNoVcVp(const Json& doc, std::string_view what) {
  for (const char* name : {"vc", "vp"}) {
    if (doc.contains(name)) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(what) + " carries the JWT claim '" + name + "', which VC-JOSE-COSE forbids");
    }
  }
  return Ok();
}

Result<std::optional<std::int64_t>> DateMember(const Json& doc, const char* name) {
  auto it = doc.find(name);
  if (it == doc.end()) return std::optional<std::int64_t>{};
  if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, std::string("'") + name + "' must be a string");
  auto seconds = dataintegrity::ParseDateTimeStamp(it->get_ref<const std::string&>());
  if (!seconds) return Fail(seconds.error().WithContext(name));
  return std::optional<std::int64_t>(*seconds);
}

Result<std::optional<std::int64_t>> NumericDate(const Json& doc, const char* name) {
  auto it = doc.find(name);
  if (it == doc.end()) return std::optional<std::int64_t>{};
  if (!it->is_number()) return Fail(ErrorCode::kInvalidArgument, std::string("'") + name + "' must be a NumericDate");
  return std::optional<std::int64_t>(static_cast<std::int64_t>(it->get<double>()));
}

}  // namespace

Status CheckCredentialShape(const Json& credential) {
  if (!credential.is_object()) return Fail(ErrorCode::kInvalidArgument, "the credential is not a JSON object");
  VAARDIG_RETURN_IF_ERROR(CheckContext(credential, "credential"));
  VAARDIG_RETURN_IF_ERROR(CheckType(credential, "credential", "VerifiableCredential"));
  auto issuer = credential.find("issuer");
  if (issuer == credential.end()) return Fail(ErrorCode::kInvalidArgument, "credential has no 'issuer'");
  auto issuer_id = IdOf(*issuer);
  if (!issuer_id || issuer_id->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "credential 'issuer' must be a URL or an object with an 'id'");
  }
  auto subject = credential.find("credentialSubject");
  if (subject == credential.end()) {
    return Fail(ErrorCode::kInvalidArgument, "credential has no 'credentialSubject'");
  }
  const bool subject_ok =
      subject->is_object() ||
      (subject->is_array() && !subject->empty() &&
       std::all_of(subject->begin(), subject->end(), [](const Json& s) { return s.is_object(); }));
  if (!subject_ok) {
    return Fail(ErrorCode::kInvalidArgument,
                "credential 'credentialSubject' must be an object or a non-empty array of objects");
  }
  VAARDIG_RETURN_IF_ERROR(DateMember(credential, "validFrom"));
  VAARDIG_RETURN_IF_ERROR(DateMember(credential, "validUntil"));
  return CheckNoVcVp(credential, "credential");
}

Status CheckPresentationShape(const Json& presentation) {
  if (!presentation.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the presentation is not a JSON object");
  }
  VAARDIG_RETURN_IF_ERROR(CheckContext(presentation, "presentation"));
  VAARDIG_RETURN_IF_ERROR(CheckType(presentation, "presentation", "VerifiablePresentation"));
  if (auto holder = presentation.find("holder"); holder != presentation.end() && !IdOf(*holder)) {
    return Fail(ErrorCode::kInvalidArgument, "presentation 'holder' must be a URL or an object with an 'id'");
  }
  if (auto vcs = presentation.find("verifiableCredential"); vcs != presentation.end()) {
    const bool ok = vcs->is_object() ||
                    (vcs->is_array() &&
                     std::all_of(vcs->begin(), vcs->end(), [](const Json& v) { return v.is_object(); }));
    if (!ok) {
      return Fail(ErrorCode::kInvalidArgument,
                  "presentation 'verifiableCredential' must be an object or an array of objects");
    }
  }
  return CheckNoVcVp(presentation, "presentation");
}

std::string IssuerId(const Json& credential) {
  auto issuer = credential.find("issuer");
  if (issuer == credential.end()) return {};
  return IdOf(*issuer).value_or("");
}

std::optional<std::string> HolderId(const Json& presentation) {
  auto holder = presentation.find("holder");
  if (holder == presentation.end()) return std::nullopt;
  return IdOf(*holder);
}

Status CheckValidityPeriod(const Json& credential, const Clock& clock, std::int64_t skew_seconds) {
  const std::int64_t now = clock.NowSeconds();
  VAARDIG_ASSIGN_OR_RETURN(auto valid_from, DateMember(credential, "validFrom"));
  VAARDIG_ASSIGN_OR_RETURN(auto valid_until, DateMember(credential, "validUntil"));
  if (valid_from && *valid_from > now + skew_seconds) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the credential is not valid yet (validFrom is " + std::to_string(*valid_from - now) + " s away)");
  }
  if (valid_until && now - skew_seconds >= *valid_until) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the credential expired (validUntil passed " + std::to_string(now - *valid_until) + " s ago)");
  }
  return Ok();
}

Status CheckIssMatches(const Json& claims, std::string_view where, const std::string& expected,
                       std::string_view what) {
  auto iss = claims.find("iss");
  if (iss == claims.end()) return Ok();
  if (!iss->is_string()) return Fail(ErrorCode::kInvalidArgument, std::string(where) + " 'iss' must be a string");
  if (iss->get_ref<const std::string&>() != expected) {
    return Fail(ErrorCode::kInvalidArgument, std::string(where) + " 'iss' does not match the " +
                                                 std::string(what) + " '" + expected + "'");
  }
  return Ok();
}

Status CheckJwtTimes(const Json& payload, const Clock& clock, std::int64_t skew_seconds) {
  const std::int64_t now = clock.NowSeconds();
  VAARDIG_ASSIGN_OR_RETURN(auto exp, NumericDate(payload, "exp"));
  VAARDIG_ASSIGN_OR_RETURN(auto nbf, NumericDate(payload, "nbf"));
  if (exp && now - skew_seconds >= *exp) {
    return Fail(ErrorCode::kFailedPrecondition, "the JWT expired " + std::to_string(now - *exp) + " s ago");
  }
  if (nbf && *nbf > now + skew_seconds) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the JWT is not valid for another " + std::to_string(*nbf - now) + " s");
  }
  return Ok();
}

Status CheckKidMatchesSigner(const Json& header, const std::optional<std::string>& signer) {
  auto kid = header.find("kid");
  if (kid == header.end() || !kid->is_string() || !signer) return Ok();
  const std::string& text = kid->get_ref<const std::string&>();
  if (!text.starts_with("did:")) return Ok();
  auto kid_url = did::ParseDidUrl(text);
  if (!kid_url) return Fail(kid_url.error().WithContext("JWS header kid"));
  auto signer_url = did::ParseDidUrl(*signer);
  if (!signer_url || signer_url->did.did != kid_url->did.did) {
    return Fail(ErrorCode::kPermissionDenied,
                "the signing key's DID " + kid_url->did.did + " is not the signer '" + *signer + "'");
  }
  return Ok();
}

}  // namespace vaardig::vcjose
