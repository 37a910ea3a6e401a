#include "verifier/app/verify_w3c.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/verify.h"
#include "core/vcjose/document.h"
#include "core/vcjose/ob_jwt.h"
#include "core/vcjose/vc_jwt.h"
#include "core/vcjose/vc_sd_jwt.h"

namespace vaardig::verifier {
namespace {

constexpr std::size_t kMaxInputBytes = 1 << 20;
constexpr std::size_t kMaxCredentialsInPresentation = 16;
constexpr std::size_t kMaxStatusEntries = 8;
constexpr std::array<std::string_view, 5> kCredentialChecks = {"format", "issuer", "signature", "validity",
                                                               "status"};

// The checks of one credential (or presentation), in order: each failure stops the sequence, the
// rest becoming not_checked.
class CheckList {
 public:
  CheckList(Json& checks, std::string prefix) : checks_(checks), prefix_(std::move(prefix)) {}

  void Pass(std::string_view name, std::string detail = {}) {
    checks_.push_back(ReportCheck(prefix_ + std::string(name), "passed", std::move(detail)));
  }
  void Skip(std::string_view name, std::string detail) {
    checks_.push_back(ReportCheck(prefix_ + std::string(name), "skipped", std::move(detail)));
  }
  // Records the failure of `name` and marks the later names of `order` not_checked.
  template <std::size_t N>
  void Fail(std::string_view name, const Error& error, const std::array<std::string_view, N>& order) {
    const bool could_not = ReportCouldNotCheck(error.code());
    checks_.push_back(ReportCheck(prefix_ + std::string(name), could_not ? "could_not_check" : "failed", error.message()));
    const auto at = std::ranges::find(order, name);
    for (auto it = at == order.end() ? at : at + 1; it != order.end(); ++it) {
      checks_.push_back(ReportCheck(prefix_ + std::string(*it), "not_checked"));
    }
    if (!error_) {
      error_ = error;
      verdict_ = could_not ? Verdict::kCouldNotCheck : Verdict::kRejected;
    }
  }
  // A failure outside the fixed order (status entries, holder checks).
  void FailOne(std::string_view name, const Error& error) {
    const std::array<std::string_view, 0> none{};
    Fail(name, error, none);
  }

  [[nodiscard]] Verdict verdict() const { return verdict_; }
  [[nodiscard]] const std::optional<Error>& error() const { return error_; }

 private:
  Json& checks_;
  std::string prefix_;
  Verdict verdict_ = Verdict::kVerified;
  std::optional<Error> error_;
};

bool HasType(const Json& object, std::string_view type) {
  const auto it = object.find("type");
  if (it == object.end()) return false;
  if (it->is_string()) return *it == type;
  return it->is_array() && std::ranges::any_of(*it, [&](const Json& t) { return t.is_string() && t == type; });
}

Json TypesOf(const Json& object) {
  const auto it = object.find("type");
  if (it == object.end()) return Json::array();
  return it->is_array() ? *it : Json::array({*it});
}

// verificationMethod → key, only when the method is a DID URL of `controller`'s DID.
dataintegrity::VerificationKeyLookup ControlledBy(const std::string& controller, const W3cVerifyOptions& options,
                                                  bool pin) {
  return [&controller, &options, pin](std::string_view method,
                                      std::string_view purpose) -> Result<crypto::Ed25519PublicKey> {
    const auto hash = method.find('#');
    if (!method.starts_with("did:") || hash == std::string_view::npos || method.substr(0, hash) != controller) {
      return Fail(ErrorCode::kPermissionDenied, "the proof's key " + std::string(method) + " is not one of " +
                                                    controller + "'s keys");
    }
    VAARDIG_ASSIGN_OR_RETURN(crypto::Ed25519PublicKey key, options.lookup(method, purpose));
    if (pin && options.pinned_issuer_key && key != *options.pinned_issuer_key) {
      return Fail(ErrorCode::kUnauthenticated, "the proof's key " + std::string(method) +
                                                   " is not the key given with --issuer-jwk");
    }
    return key;
  };
}

// Verifies every proof; the error of the first failing one otherwise.
Status VerifyDataIntegrity(const Json& document, const dataintegrity::VerificationKeyLookup& lookup,
                           const W3cVerifyOptions& options, std::string_view purpose, std::string* detail) {
  dataintegrity::VerifyPolicy policy;
  policy.expected_proof_purpose = std::string(purpose);
  policy.clock = options.clock;
  policy.max_clock_skew_seconds = options.max_clock_skew_seconds;
  if (purpose == "authentication") {
    policy.challenge = options.challenge;
    policy.domain = options.domain;
  }
  VAARDIG_ASSIGN_OR_RETURN(auto verification,
                           dataintegrity::VerifyProofs(document, lookup, dataintegrity::BundledJsonLdCanonicalizer(),
                                                       policy));
  VAARDIG_RETURN_IF_ERROR(verification.status());
  std::string suites;
  for (const auto& proof : verification.proofs()) {
    if (!suites.empty()) suites += ", ";
    suites += proof.cryptosuite + " by " + proof.verification_method;
  }
  *detail = std::to_string(verification.proofs().size()) + (verification.proofs().size() == 1 ? " proof: " : " proofs: ") +
            suites;
  return Ok();
}

// vcjose::CheckValidityPeriod, with what the report says when it passed (a credential that passed
// the shape check has string dates, if any).
Status CheckValidity(const Json& credential, const W3cVerifyOptions& options, std::string* detail) {
  VAARDIG_RETURN_IF_ERROR(vcjose::CheckValidityPeriod(credential, *options.clock, options.max_clock_skew_seconds));
  *detail = credential.contains("validFrom") ? "valid from " + credential["validFrom"].get<std::string>() : "no validFrom";
  *detail += credential.contains("validUntil") ? ", until " + credential["validUntil"].get<std::string>() : ", no end date";
  return Ok();
}

// Checks the credential's status entries; returns false when one failed.
bool CheckStatus(const Json& credential, const std::string& issuer, const W3cVerifyOptions& options,
                 CheckList& list) {
  const auto it = credential.find("credentialStatus");
  if (it == credential.end()) {
    list.Skip("status", "the credential has no status");
    return true;
  }
  const Json entries = it->is_array() ? *it : Json::array({*it});
  if (entries.empty() || entries.size() > kMaxStatusEntries) {
    list.FailOne("status", Error(ErrorCode::kInvalidArgument, "credentialStatus must hold 1 to " +
                                                                  std::to_string(kMaxStatusEntries) + " entries"));
    return false;
  }
  std::string details;
  for (const Json& entry : entries) {
    if (!entry.is_object()) {
      list.FailOne("status", Error(ErrorCode::kInvalidArgument, "a credentialStatus entry must be an object"));
      return false;
    }
    if (!HasType(entry, "BitstringStatusListEntry")) {
      list.FailOne("status", Error(ErrorCode::kUnimplemented,
                                   "status type " + TypesOf(entry).dump() + " is not supported (BitstringStatusListEntry is)"));
      return false;
    }
    if (!options.check_status) {
      list.FailOne("status", Error(ErrorCode::kUnavailable, "the status list was not fetched (offline)"));
      return false;
    }
    auto outcome = options.check_status(entry, issuer);
    if (!outcome) {
      list.FailOne("status", outcome.error());
      return false;
    }
    const bool decisive = outcome->purpose == "revocation" || outcome->purpose == "suspension";
    if (decisive && outcome->value != 0) {
      const std::string what = outcome->purpose == "revocation" ? "revoked" : "suspended";
      list.FailOne("status", Error(ErrorCode::kFailedPrecondition, "the credential is " + what + " (" + outcome->list + ")"));
      return false;
    }
    if (!details.empty()) details += "; ";
    details += decisive ? "not " + std::string(outcome->purpose == "revocation" ? "revoked" : "suspended")
                        : outcome->purpose + " status " + std::to_string(outcome->value);
    details += " in " + outcome->list;
  }
  list.Pass("status", details);
  return true;
}

// The credential checks of kCredentialChecks. Sets *issuer_out when the issuer was read.
void VerifyOneCredential(const Json& credential, const W3cVerifyOptions& options, CheckList& list,
                         std::string* issuer_out) {
  if (!credential.is_object()) {
    list.Fail("format", Error(ErrorCode::kInvalidArgument, "a credential must be a JSON object"), kCredentialChecks);
    return;
  }
  Status shape = credential.contains("proof")
                     ? vcjose::CheckCredentialShape(credential)
                     : Fail(ErrorCode::kInvalidArgument, "the credential has no proof (an unsecured credential proves nothing)");
  if (!shape) {
    list.Fail("format", shape.error(), kCredentialChecks);
    return;
  }
  const std::string issuer = vcjose::IssuerId(credential);
  *issuer_out = issuer;
  list.Pass("format", "ldp_vc: " + TypesOf(credential).dump());

  if (Status recognised = options.recognise(issuer, TypesOf(credential)); !recognised) {
    list.Fail("issuer", recognised.error(), kCredentialChecks);
    return;
  }
  list.Pass("issuer", issuer + " recognised by " + options.issuer_source);

  std::string detail;
  if (Status proofs = VerifyDataIntegrity(credential, ControlledBy(issuer, options, true), options,
                                          "assertionMethod", &detail);
      !proofs) {
    list.Fail("signature", proofs.error(), kCredentialChecks);
    return;
  }
  list.Pass("signature", detail);

  if (Status valid = CheckValidity(credential, options, &detail); !valid) {
    list.Fail("validity", valid.error(), kCredentialChecks);
    return;
  }
  list.Pass("validity", detail);
  CheckStatus(credential, issuer, options, list);
}

Json ShownCredential(const Json& credential) {
  Json shown = Json::object();
  for (const char* member : {"id", "type", "issuer", "name", "validFrom", "validUntil", "credentialSubject"}) {
    if (credential.is_object() && credential.contains(member)) shown[member] = credential[member];
  }
  return shown;
}

void Finish(CredentialReport& report, const CheckList& list, Json checks) {
  report.verdict = list.verdict();
  report.json["checks"] = std::move(checks);
  report.json["verified"] = report.verdict == Verdict::kVerified;
  if (list.error()) report.json["error"] = ReportError(*list.error());
}

CredentialReport VerifyPresentation(const Json& presentation, const W3cVerifyOptions& options) {
  CredentialReport report;
  Json& json = report.json;
  json = Json{{"verified", false}, {"format", "ldp_vp"}, {"issuer", nullptr}, {"vct", nullptr}, {"claims", nullptr}};
  Json checks = Json::array();
  CheckList list(checks, "");
  constexpr std::array<std::string_view, 3> kOrder = {"format", "holder_binding", "credentials"};

  Status shape = vcjose::CheckPresentationShape(presentation);
  Result<std::string> holder = std::unexpected(shape ? Error(ErrorCode::kInvalidArgument, "the presentation has no holder")
                                                     : shape.error());
  if (shape) {
    if (auto id = vcjose::HolderId(presentation)) holder = *id;
  }
  Json credentials = Json::array();
  if (holder) {
    const auto it = presentation.find("verifiableCredential");
    if (it != presentation.end()) credentials = it->is_array() ? *it : Json::array({*it});
    if (credentials.empty() || credentials.size() > kMaxCredentialsInPresentation) {
      holder = Fail(ErrorCode::kInvalidArgument, "verifiableCredential must hold 1 to " +
                                                     std::to_string(kMaxCredentialsInPresentation) + " credentials");
    }
  }
  if (!holder) {
    list.Fail("format", holder.error(), kOrder);
    Finish(report, list, std::move(checks));
    return report;
  }
  list.Pass("format", "ldp_vp with " + std::to_string(credentials.size()) +
                          (credentials.size() == 1 ? " credential" : " credentials"));

  // The presentation's own proof: the holder's key, this verifier's challenge and domain.
  const bool bound = options.challenge.has_value();
  if (!presentation.contains("proof")) {
    if (bound) {
      list.Fail("holder_binding", Error(ErrorCode::kUnauthenticated, "the presentation has no proof, so it is not bound to this request"), kOrder);
      Finish(report, list, std::move(checks));
      return report;
    }
    list.Skip("holder_binding", "the presentation has no proof, and none was asked for (no domain and challenge to bind to)");
  } else {
    std::string detail;
    if (Status proof = VerifyDataIntegrity(presentation, ControlledBy(*holder, options, false), options,
                                           "authentication", &detail);
        !proof) {
      list.Fail("holder_binding", proof.error(), kOrder);
      Finish(report, list, std::move(checks));
      return report;
    }
    list.Pass("holder_binding", "signed by the holder " + *holder + (bound ? " for challenge " + *options.challenge : "") +
                                    "; " + detail);
  }

  Json shown = Json::array();
  for (std::size_t i = 0; i < credentials.size(); ++i) {
    const Json& credential = credentials[i];
    CheckList inner(checks, "credentials[" + std::to_string(i) + "].");
    if (credential.is_object() && HasType(credential, "EnvelopedVerifiableCredential")) {
      inner.Fail("format", Error(ErrorCode::kUnimplemented, "enveloped credentials inside ldp_vp are not supported yet"),
                 kCredentialChecks);
    } else {
      std::string issuer;
      VerifyOneCredential(credential, options, inner, &issuer);
      if (!inner.error()) {
        // Really theirs: a credential about someone (a subject id) must be about the holder.
        const Json subjects = credential["credentialSubject"].is_array() ? credential["credentialSubject"]
                                                                          : Json::array({credential["credentialSubject"]});
        bool about_holder = false;
        bool has_id = false;
        for (const Json& subject : subjects) {
          if (subject.is_object() && subject.contains("id")) {
            has_id = true;
            about_holder = about_holder || subject["id"] == *holder;
          }
        }
        if (has_id && !about_holder) {
          inner.FailOne("holder", Error(ErrorCode::kPermissionDenied, "the credential is about someone else, not the holder " + *holder));
        } else if (has_id) {
          inner.Pass("holder", "about the holder");
        } else {
          inner.Skip("holder", "the credential names no subject (a bearer credential)");
        }
      }
    }
    if (inner.error() && !list.error()) list.FailOne("credentials", *inner.error());
    shown.push_back(ShownCredential(credential));
  }
  // FailOne above appended a summary line; without a failure the credentials all verified.
  if (!list.error()) list.Pass("credentials", "every credential verified");
  json["issuer"] = nullptr;
  json["claims"] = Json{{"holder", *holder}, {"credentials", std::move(shown)}};
  Finish(report, list, std::move(checks));
  return report;
}

}  // namespace

bool LooksLikeJsonCredential(std::string_view input) {
  const auto first = input.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && input[first] == '{';
}

CredentialReport VerifyW3cWithReport(std::string_view input, const W3cVerifyOptions& options) {
  auto parsed = ParseJson(input, {.max_bytes = kMaxInputBytes});
  if (parsed && parsed->is_object() && HasType(*parsed, "VerifiablePresentation")) {
    return VerifyPresentation(*parsed, options);
  }
  CredentialReport report;
  Json& json = report.json;
  json = Json{{"verified", false}, {"format", "ldp_vc"}, {"issuer", nullptr}, {"vct", nullptr}, {"claims", nullptr}};
  Json checks = Json::array();
  CheckList list(checks, "");
  if (!parsed) {
    list.Fail("format", parsed.error(), kCredentialChecks);
    Finish(report, list, std::move(checks));
    return report;
  }
  std::string issuer;
  VerifyOneCredential(*parsed, options, list, &issuer);
  if (!issuer.empty()) json["issuer"] = issuer;
  if (!list.error()) json["claims"] = ShownCredential(*parsed);
  Finish(report, list, std::move(checks));
  return report;
}

namespace {

constexpr std::array<std::string_view, 7> kJoseChecks = {"format",   "issuer",         "signature", "disclosures",
                                                         "validity", "holder_binding", "status"};

// Which check a core/vcjose error belongs to: the key lookup's own failures are the issuer's.
std::string_view JoseFailedCheck(const Error& error, bool lookup_failed) {
  if (lookup_failed) return "issuer";
  switch (error.code()) {
    case ErrorCode::kUnauthenticated:
      return error.message().find("isclos") != std::string::npos ? "disclosures" : "signature";
    case ErrorCode::kFailedPrecondition:
      return "validity";
    case ErrorCode::kPermissionDenied:
      return "issuer";
    default:
      return "format";
  }
}

using JoseKey = std::function<Result<jose::PublicJwk>(const Json& header)>;

// Runs the core/vcjose verifier of `format`, recording whether the key lookup failed.
Result<vcjose::VerifiedVcJose> RunJoseVerifier(std::string_view input, vcjose::SecuredFormat format,
                                               const W3cVerifyOptions& options, bool* lookup_failed) {
  const JoseKey& key = (format == vcjose::SecuredFormat::kVpJwt || format == vcjose::SecuredFormat::kVpSdJwt)
                           ? options.jose_holder_key
                           : options.jose_issuer_key;
  vcjose::KeyLookup lookup = [&key, lookup_failed](const Json& header) -> Result<jose::PublicJwk> {
    auto found = key(header);
    if (!found) *lookup_failed = true;
    return found;
  };
  vcjose::VerifyOptions verify;
  verify.skew_seconds = options.max_clock_skew_seconds;
  verify.credential_key_lookup = options.jose_issuer_key;
  if (format == vcjose::SecuredFormat::kVcSdJwt || format == vcjose::SecuredFormat::kVpSdJwt) {
    verify.key_binding.required = options.challenge.has_value();
    if (options.domain) verify.key_binding.expected_aud = *options.domain;
    if (options.challenge) verify.key_binding.expected_nonce = *options.challenge;
  }
  switch (format) {
    case vcjose::SecuredFormat::kVcJwt:
      return vcjose::VerifyVcJwt(input, lookup, *options.clock, verify);
    case vcjose::SecuredFormat::kVpJwt:
      return vcjose::VerifyVpJwt(input, lookup, *options.clock, verify);
    case vcjose::SecuredFormat::kVcSdJwt:
      return vcjose::VerifyVcSdJwt(input, lookup, *options.clock, verify);
    case vcjose::SecuredFormat::kVpSdJwt:
      return vcjose::VerifyVpSdJwt(input, lookup, *options.clock, verify);
    case vcjose::SecuredFormat::kObJwt:
      return vcjose::VerifyObJwt(input, lookup, *options.clock, verify);
    default:
      return Fail(ErrorCode::kUnimplemented, "not a JOSE-secured W3C format");
  }
}

// The checks after the signature for one verified credential document: recognised issuer, status.
void CheckVerifiedCredential(const vcjose::VerifiedVcJose& verified, const W3cVerifyOptions& options, CheckList& list,
                             bool with_disclosures) {
  const Json& document = verified.document();
  const std::string issuer = vcjose::IssuerId(document);  // the verifier checked the shape
  if (Status recognised = options.recognise(issuer, TypesOf(document)); !recognised) {
    list.Fail("issuer", recognised.error(), kJoseChecks);
    return;
  }
  list.Pass("issuer", issuer + " recognised by " + options.issuer_source);
  const Json& header = verified.header();
  list.Pass("signature", std::string(jose::AlgorithmName(verified.key().algorithm())) +
                             (header.contains("kid") && header["kid"].is_string() ? " key " + header["kid"].get<std::string>() : ""));
  if (with_disclosures) list.Pass("disclosures", std::to_string(verified.disclosed().size()) + " disclosed");
  list.Pass("validity");
  CheckStatus(document, issuer, options, list);
}

}  // namespace

CredentialReport VerifyJoseWithReport(std::string_view input, vcjose::SecuredFormat format,
                                      const W3cVerifyOptions& options) {
  CredentialReport report;
  Json& json = report.json;
  const bool presentation = format == vcjose::SecuredFormat::kVpJwt || format == vcjose::SecuredFormat::kVpSdJwt;
  const bool selective = format == vcjose::SecuredFormat::kVcSdJwt || format == vcjose::SecuredFormat::kVpSdJwt;
  json = Json{{"verified", false}, {"format", std::string(vcjose::FormatName(format))}, {"issuer", nullptr},
              {"vct", nullptr}, {"claims", nullptr}};
  if (format == vcjose::SecuredFormat::kObJwt) json["format"] = "ob-jwt";
  Json checks = Json::array();
  CheckList list(checks, "");

  bool lookup_failed = false;
  auto verified = RunJoseVerifier(input, format, options, &lookup_failed);
  if (!verified) {
    const std::string_view failed = presentation && (lookup_failed || verified.error().code() == ErrorCode::kUnauthenticated)
                                        ? std::string_view("holder_binding")
                                        : JoseFailedCheck(verified.error(), lookup_failed);
    for (std::string_view name : kJoseChecks) {
      if (name == failed) break;
      if (name == "disclosures" && !selective) continue;
      list.Pass(name);
    }
    list.Fail(failed, verified.error(), kJoseChecks);
    Finish(report, list, std::move(checks));
    return report;
  }
  list.Pass("format", std::string(vcjose::FormatName(format)));
  if (!presentation) {
    CheckVerifiedCredential(*verified, options, list, selective);
    if (!list.error()) {
      const std::string_view binding_name = "holder_binding";
      if (verified->key_binding_payload()) {
        list.Pass(binding_name, "KB-JWT for " + options.domain.value_or(""));
      }
      json["issuer"] = vcjose::IssuerId(verified->document());
      json["claims"] = ShownCredential(verified->document());
    }
    Finish(report, list, std::move(checks));
    return report;
  }

  // A presentation: the holder signed it; bound to this request when --aud/--nonce were given.
  const Json& claims = verified->claims();
  if (options.challenge && !selective) {
    const bool nonce_ok = claims.contains("nonce") && claims["nonce"] == *options.challenge;
    const Json aud = claims.value("aud", Json());
    const bool aud_ok = aud == *options.domain ||
                        (aud.is_array() && std::ranges::any_of(aud, [&](const Json& a) { return a == *options.domain; }));
    if (!nonce_ok || !aud_ok) {
      list.Fail("holder_binding", Error(ErrorCode::kPermissionDenied, std::string("the presentation's ") +
                                                                      (!nonce_ok ? "nonce" : "aud") + " is not this request's"),
                kJoseChecks);
      Finish(report, list, std::move(checks));
      return report;
    }
  }
  list.Pass("holder_binding", "signed by the holder" + std::string(options.challenge ? " for nonce " + *options.challenge : ""));
  Json shown = Json::array();
  for (std::size_t i = 0; i < verified->credentials().size(); ++i) {
    const vcjose::VerifiedVcJose& credential = verified->credentials()[i];
    CheckList inner(checks, "credentials[" + std::to_string(i) + "].");
    inner.Pass("format", std::string(vcjose::FormatName(credential.format())));
    CheckVerifiedCredential(credential, options, inner, credential.format() == vcjose::SecuredFormat::kVcSdJwt);
    if (inner.error() && !list.error()) list.FailOne("credentials", *inner.error());
    shown.push_back(ShownCredential(credential.document()));
  }
  if (verified->credentials().empty()) {
    list.FailOne("credentials", Error(ErrorCode::kInvalidArgument, "the presentation holds no credential this verifier can check"));
  } else if (!list.error()) {
    list.Pass("credentials", "every credential verified");
  }
  json["claims"] = Json{{"holder", vcjose::HolderId(verified->document()).value_or("")}, {"credentials", std::move(shown)}};
  Finish(report, list, std::move(checks));
  return report;
}

}  // namespace vaardig::verifier
