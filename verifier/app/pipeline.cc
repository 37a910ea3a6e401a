#include "verifier/app/pipeline.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/vcjose/document.h"
#include "core/vcjose/format.h"
#include "verifier/app/shown.h"
#include "verifier/app/verify_credential.h"
#include "verifier/app/verify_w3c.h"

namespace vaardig::verifier {
namespace {

constexpr std::array<std::string_view, 8> kOrder = {"format",         "signature", "issuer_trust", "validity",
                                                    "holder_binding", "status",    "query",        "endorsement"};

CheckResult ParseResult(std::string_view result) {
  if (result == "passed") return CheckResult::kPassed;
  if (result == "failed") return CheckResult::kFailed;
  if (result == "could_not_check") return CheckResult::kCouldNotCheck;
  if (result == "skipped") return CheckResult::kSkipped;
  return CheckResult::kNotChecked;
}

int Rank(CheckResult result) {
  switch (result) {
    case CheckResult::kFailed:
      return 5;
    case CheckResult::kCouldNotCheck:
      return 4;
    case CheckResult::kNotChecked:
      return 3;
    case CheckResult::kPassed:
      return 2;
    case CheckResult::kSkipped:
      return 1;
  }
  return 0;
}

bool Bad(CheckResult result) { return result == CheckResult::kFailed || result == CheckResult::kCouldNotCheck; }

// The legacy report's check name (verify_credential.h, verify_w3c.h) → the pipeline's; "" to drop.
std::string_view Canonical(std::string_view legacy, CheckResult result) {
  if (legacy.starts_with("credentials[")) {
    const auto dot = legacy.find("].");
    legacy = dot == std::string_view::npos ? std::string_view() : legacy.substr(dot + 2);
  }
  if (legacy == "format" || legacy == "validity" || legacy == "holder_binding" || legacy == "status" ||
      legacy == "signature") {
    return legacy;
  }
  if (legacy == "disclosures") return "signature";
  if (legacy == "holder") return "holder_binding";
  // "issuer" is the key lookup (SD-JWT, JOSE) or recognition (always granted here: the trust list
  // is checked by the pipeline after the signature). Only its failures matter, as the signature's.
  if (legacy == "issuer") return Bad(result) ? "signature" : "";
  return "";
}

// Folds the legacy checks into one check per pipeline name: the worst result wins.
std::map<std::string, Check, std::less<>> Collect(const Json& legacy_checks) {
  std::map<std::string, Check, std::less<>> out;
  if (!legacy_checks.is_array()) return out;
  for (const Json& c : legacy_checks) {
    const CheckResult result = ParseResult(c.value("result", ""));
    const std::string legacy = c.value("name", "");
    const std::string_view name = Canonical(legacy, result);
    if (name.empty()) continue;
    const std::string detail = c.value("detail", "");
    auto it = out.find(name);
    if (it == out.end()) {
      out.emplace(std::string(name), Check{.name = std::string(name), .result = result, .detail = detail});
    } else if (Rank(result) > Rank(it->second.result)) {
      it->second.result = result;
      it->second.detail = detail;
    } else if (result == it->second.result && result == CheckResult::kPassed && !detail.empty()) {
      it->second.detail += (it->second.detail.empty() ? "" : "; ") + detail;
    }
  }
  return out;
}

// What one format's run found, before the pipeline's own checks.
struct Run {
  std::string format;  // what was found: "dc+sd-jwt", "ldp_vc", "vc+jwt", ... ("" when unknown)
  Json legacy_checks = Json::array();
  std::string issuer;
  std::vector<std::string> types;  // vct, or the W3C types
  std::optional<Json> claims;      // verified claims (SD-JWT) or credential (W3C), for query/shown
  bool self_declared = false;
  bool sd_jwt = false;
};

Run FormatFailure(const Error& error) {
  Run run;
  run.legacy_checks.push_back(
      ReportCheck("format", ReportCouldNotCheck(error.code()) ? "could_not_check" : "failed", error.message()));
  return run;
}

Run RunSdJwt(std::string_view data, const VerifyContext& context, bool presentation) {
  if (!context.sd_jwt_issuer_key) return FormatFailure(Error(ErrorCode::kInternal, "no SD-JWT issuer key lookup configured"));
  if (presentation && (context.client_id.empty() || context.nonce.empty())) {
    return FormatFailure(Error(ErrorCode::kInternal, "a dc+sd-jwt presentation needs the request's client_id and nonce"));
  }
  Json cnf;
  CredentialVerifyOptions options;
  options.issuer_key = [&](const Json& header, const Json& payload) -> Result<jose::PublicJwk> {
    cnf = payload.is_object() && payload.contains("cnf") ? payload["cnf"] : Json();
    return context.sd_jwt_issuer_key(header, payload);
  };
  options.issuer_key_source = "the issuer's identifier";
  options.clock = context.clock;
  if (presentation) {
    options.aud = context.client_id;
    options.nonce = context.nonce;
  }
  options.key_binding_max_age_seconds = context.key_binding_max_age_seconds;
  options.status_client = context.token_status;
  std::optional<jose::PublicJwk> issuer_key;
  options.current_issuer_key = &issuer_key;
  CredentialReport report = VerifyCredentialWithReport(data, options);
  Run run;
  run.sd_jwt = true;
  if (report.json["format"].is_string()) run.format = report.json["format"].get<std::string>();
  run.legacy_checks = report.json.value("checks", Json::array());
  if (report.json["issuer"].is_string()) run.issuer = report.json["issuer"].get<std::string>();
  if (report.json["vct"].is_string()) run.types = {report.json["vct"].get<std::string>()};
  if (report.json["claims"].is_object()) run.claims = report.json["claims"];
  // Self-declared: the issuer's key is the holder's own (cnf), read from the signed payload.
  if (issuer_key && cnf.is_object() && cnf.contains("jwk")) {
    auto holder_key = jose::PublicJwk::Parse(cnf["jwk"]);
    run.self_declared = holder_key && holder_key->Thumbprint() == issuer_key->Thumbprint();
  }
  return run;
}

std::vector<std::string> TypeStrings(const Json& types) {
  std::vector<std::string> out;
  if (types.is_string()) out.push_back(types.get<std::string>());
  if (types.is_array()) {
    for (const Json& t : types) {
      if (t.is_string()) out.push_back(t.get<std::string>());
    }
  }
  return out;
}

std::string SubjectId(const Json& credential) {
  Json subject = credential.is_object() ? credential.value("credentialSubject", Json()) : Json();
  if (subject.is_array() && !subject.empty()) subject = subject[0];
  return subject.is_object() ? subject.value("id", "") : "";
}

Run RunW3c(std::string_view data, const VerifyContext& context, bool presentation) {
  auto parsed = ParseJson(data, {.max_bytes = kMaxPresentedBytes});
  const bool json = LooksLikeJsonCredential(data);
  if (presentation) {
    const std::vector<std::string> types =
        parsed && parsed->is_object() ? TypeStrings(parsed->value("type", Json())) : std::vector<std::string>();
    if (std::ranges::find(types, "VerifiablePresentation") == types.end()) {
      return FormatFailure(Error(ErrorCode::kInvalidArgument, "an ldp_vp must be a VerifiablePresentation JSON object"));
    }
    if (context.client_id.empty() || context.nonce.empty()) {
      return FormatFailure(Error(ErrorCode::kInternal, "an ldp_vp presentation needs the request's client_id and nonce"));
    }
  }
  Run run;
  W3cVerifyOptions options;
  options.recognise = [&run](std::string_view issuer, const Json& types) -> Status {
    if (run.issuer.empty()) {
      run.issuer = std::string(issuer);
      run.types = TypeStrings(types);
    }
    return Ok();
  };
  options.issuer_source = "the issuer's DID";
  options.lookup = context.di_key;
  options.clock = context.clock;
  options.max_clock_skew_seconds = context.max_clock_skew_seconds;
  if (presentation) {
    options.challenge = context.nonce;
    options.domain = context.client_id;
  }
  if (context.bitstring_status != nullptr) {
    options.check_status = [&context](const Json& entry, std::string_view issuer) -> Result<W3cStatusOutcome> {
      VAARDIG_ASSIGN_OR_RETURN(status::BitstringStatusEntry read, status::ReadBitstringStatusEntry(entry));
      VAARDIG_ASSIGN_OR_RETURN(status::BitstringStatus found, context.bitstring_status->Check(read, issuer));
      return W3cStatusOutcome{.purpose = found.purpose, .value = found.value, .list = found.status_list_credential};
    };
  }
  options.jose_issuer_key = context.jose_issuer_key;
  options.jose_holder_key = context.jose_holder_key;
  CredentialReport report;
  if (json) {
    report = VerifyW3cWithReport(data, options);
  } else {
    auto format = vcjose::DetectFormat(data);
    if (!format || *format == vcjose::SecuredFormat::kDcSdJwt || *format == vcjose::SecuredFormat::kLdpVc) {
      return RunSdJwt(data, context, false);
    }
    if (!options.jose_issuer_key || !options.jose_holder_key) {
      return FormatFailure(Error(ErrorCode::kInternal, "no JOSE key lookup configured"));
    }
    report = VerifyJoseWithReport(data, *format, options);
  }
  if (report.json["format"].is_string()) run.format = report.json["format"].get<std::string>();
  run.legacy_checks = report.json.value("checks", Json::array());
  // The credential itself (verified when the signature check passed; used only then).
  if (json && parsed && parsed->is_object()) {
    Json credential = *parsed;
    if (presentation) {
      const Json vcs = credential.value("verifiableCredential", Json());
      credential = vcs.is_array() && !vcs.empty() ? vcs[0] : vcs;
    }
    if (credential.is_object()) run.claims = credential;
    std::string holder = SubjectId(credential);
    if (presentation) holder = vcjose::HolderId(*parsed).value_or("");
    run.self_declared = !run.issuer.empty() && run.issuer == SubjectId(credential) && (holder.empty() || holder == run.issuer);
  } else if (report.json.contains("claims") && report.json["claims"].is_object()) {
    run.claims = report.json["claims"];
    if (run.issuer.empty() && report.json["issuer"].is_string()) run.issuer = report.json["issuer"].get<std::string>();
  }
  return run;
}

// The credential's type against the query's meta (OpenID4VP 1.0 Appendix B): vct_values for
// SD-JWT VC, type_values (every listed type present) for the W3C formats.
Status TypeFitsQuery(const oid4vc::CredentialQuery& query, const std::vector<std::string>& types) {
  if (query.meta.vct_values) {
    for (const std::string& vct : *query.meta.vct_values) {
      if (std::ranges::find(types, vct) != types.end()) return Ok();
    }
    return Fail(ErrorCode::kFailedPrecondition, "the credential is not of a type the query '" + query.id + "' asks for");
  }
  if (query.meta.type_values) {
    for (const std::vector<std::string>& wanted : *query.meta.type_values) {
      const bool all = std::ranges::all_of(wanted, [&](const std::string& t) { return std::ranges::find(types, t) != types.end(); });
      if (all) return Ok();
    }
    return Fail(ErrorCode::kFailedPrecondition, "the credential is not of a type the query '" + query.id + "' asks for");
  }
  return Ok();
}

Check Computed(std::string name, CheckResult result, std::string detail) {
  return Check{.name = std::move(name), .result = result, .detail = std::move(detail)};
}

}  // namespace

Result<StatusUnavailablePolicy> ParseStatusUnavailablePolicy(std::string_view text) {
  if (text == "could_not_check") return StatusUnavailablePolicy::kCouldNotCheck;
  if (text == "reject") return StatusUnavailablePolicy::kReject;
  if (text == "accept_with_warning") return StatusUnavailablePolicy::kAcceptWithWarning;
  return Fail(ErrorCode::kInvalidArgument,
              "on_status_unavailable must be could_not_check, reject or accept_with_warning, not '" + std::string(text) + "'");
}

VerificationReport VerifyPresented(const PresentedItem& item, const VerifyContext& context) {
  VerificationReport report;
  report.format = item.format;
  Run run;
  if (context.clock == nullptr || context.trust == nullptr) {
    run = FormatFailure(Error(ErrorCode::kInternal, "the verifier is not configured (clock, trust list)"));
  } else if (item.data.size() > kMaxPresentedBytes) {
    run = FormatFailure(Error(ErrorCode::kResourceExhausted, "the presentation is larger than 1 MiB"));
  } else if (item.query != nullptr && item.query->format != item.format &&
             !(item.format == "ldp_vp" && item.query->format == oid4vc::formats::kLdpVc)) {
    run = FormatFailure(Error(ErrorCode::kInvalidArgument, "the query '" + item.query->id + "' asks for " +
                                                               item.query->format + ", not " + item.format));
  } else if (item.format == "dc+sd-jwt") {
    run = RunSdJwt(item.data, context, true);
  } else if (item.format == "ldp_vp") {
    run = RunW3c(item.data, context, true);
  } else if (item.format == "credential") {
    run = RunW3c(item.data, context, false);  // JSON (ldp_vc), JOSE, or an SD-JWT VC
  } else {
    run = FormatFailure(Error(ErrorCode::kUnimplemented, "format '" + item.format + "' is not supported"));
  }
  report.issuer = run.issuer;
  // A bare credential is reported by what it turned out to be.
  if (item.format == "credential" && !run.format.empty()) report.format = run.format;
  auto collected = Collect(run.legacy_checks);

  bool stopped = false;  // a check failed or could not be done: what follows is not_checked
  TrustDecision trust;
  for (std::string_view name : kOrder) {
    Check check;
    if (name == "issuer_trust") {
      if (stopped) {
        check = Computed("issuer_trust", CheckResult::kNotChecked, "");
      } else if (run.self_declared) {
        check = Computed("issuer_trust", CheckResult::kSkipped,
                         "self-declared: signed with the holder's own key, so it is shown as self-declared, never as confirmed");
      } else {
        trust = context.trust->LookupAny(run.issuer, run.types);
        check = Computed("issuer_trust", trust.recognised ? CheckResult::kPassed : CheckResult::kFailed, trust.detail);
        if (trust.recognised) report.issuer_name = trust.name;
      }
    } else if (name == "query") {
      if (stopped || !run.claims) {
        check = Computed("query", CheckResult::kNotChecked, "");
      } else if (item.query == nullptr) {
        check = Computed("query", CheckResult::kSkipped, "no credential query to check");
      } else if (Status fits = TypeFitsQuery(*item.query, run.types); !fits) {
        check = Computed("query", CheckResult::kFailed, fits.error().message());
      } else if (Status ok = oid4vc::CheckPresentedClaims(*item.query, *run.claims); !ok) {
        check = Computed("query", CheckResult::kFailed, ok.error().message());
      } else {
        check = Computed("query", CheckResult::kPassed, "the claims asked for by '" + item.query->id + "' were shown");
      }
    } else if (name == "endorsement") {
      if (stopped || !run.claims) {
        check = Computed("endorsement", CheckResult::kNotChecked, "");
      } else if (run.self_declared) {
        check = Computed("endorsement", CheckResult::kSkipped,
                         "self-declared: an endorsement inside would be the holder's own claim");
      } else if (run.sd_jwt) {
        check = CheckSdJwtEndorsement(*run.claims, report.issuer_name);
      } else {
        check = Computed("endorsement", CheckResult::kSkipped,
                         IsSkillBadge(*run.claims) ? "the badge names the confirming manager as the result's source; it "
                                                     "carries no separate endorsement statement to check"
                                                   : "not a Vaardig skill credential");
      }
    } else if (auto it = collected.find(name); it != collected.end()) {
      check = it->second;
      if (stopped && check.result != CheckResult::kNotChecked) check = Computed(std::string(name), CheckResult::kNotChecked, "");
    } else {
      check = Computed(std::string(name), CheckResult::kNotChecked, "");
    }
    if (name == "status" && check.result == CheckResult::kCouldNotCheck) {
      switch (context.on_status_unavailable) {
        case StatusUnavailablePolicy::kCouldNotCheck:
          break;
        case StatusUnavailablePolicy::kReject:
          check.result = CheckResult::kFailed;
          check.detail += " (policy: a status that cannot be checked is rejected)";
          break;
        case StatusUnavailablePolicy::kAcceptWithWarning:
          report.warnings.push_back("the status could not be checked: " + check.detail);
          check.detail += " (policy: accepted with a warning)";
          break;
      }
    }
    const bool tolerated = name == "status" && check.result == CheckResult::kCouldNotCheck &&
                           context.on_status_unavailable == StatusUnavailablePolicy::kAcceptWithWarning;
    // A not-recognised issuer does not stop the checks: the report still says what else held.
    if (Bad(check.result) && !tolerated && name != "issuer_trust") stopped = true;
    report.checks.push_back(std::move(check));
  }

  bool failed = false;
  bool could_not = false;
  bool not_recognised = false;
  for (const Check& check : report.checks) {
    if (check.name == "issuer_trust" && check.result == CheckResult::kFailed) {
      not_recognised = true;
    } else if (check.result == CheckResult::kFailed) {
      failed = true;
    } else if (check.result == CheckResult::kCouldNotCheck &&
               !(check.name == "status" && context.on_status_unavailable == StatusUnavailablePolicy::kAcceptWithWarning)) {
      could_not = true;
    }
  }
  report.verdict = failed           ? ReportVerdict::kRejected
                   : not_recognised ? ReportVerdict::kNotRecognised
                   : could_not      ? ReportVerdict::kCouldNotCheck
                                    : ReportVerdict::kValid;
  // What was shown: only from a credential whose signature verified.
  const Check* signature = report.Find("signature");
  if (run.claims && signature != nullptr && signature->result == CheckResult::kPassed) {
    const std::string organisation = trust.recognised ? trust.name : "";
    if (run.sd_jwt && IsSdJwtSkillCredential(*run.claims)) {
      report.shown = ShowSdJwtSkill(*run.claims, organisation, run.self_declared);
    } else if (!run.sd_jwt && IsSkillBadge(*run.claims)) {
      report.shown = ShowSkillBadge(*run.claims, organisation, run.self_declared);
    }
    // Only a recognised issuer's confirmation counts as confirmed.
    if (report.shown && !trust.recognised) report.shown->confirmed = false;
    if (report.shown) {
      const Check* endorsement = report.Find("endorsement");
      if (endorsement != nullptr && endorsement->result != CheckResult::kNotChecked) {
        report.shown->endorsement = endorsement->detail;
      }
    }
  }
  return report;
}

}  // namespace vaardig::verifier
