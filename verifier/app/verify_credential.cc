#include "verifier/app/verify_credential.h"

#include <algorithm>
#include <array>

#include "core/sdjwt/vc.h"

namespace vaardig::verifier {
namespace {

constexpr std::array<std::string_view, 7> kChecks = {"format",   "issuer",         "signature", "disclosures",
                                                     "validity", "holder_binding", "status"};

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Which check a kernel error belongs to (see the order in the header).
std::string_view FailedCheck(const Error& error, bool issuer_lookup_failed) {
  if (issuer_lookup_failed) return "issuer";
  const std::string& m = error.message();
  if (Contains(m, "KB-JWT") || Contains(m, "Key Binding") || Contains(m, "sd_hash") || Contains(m, "cnf")) {
    return "holder_binding";
  }
  switch (error.code()) {
    case ErrorCode::kFailedPrecondition:
      return "validity";
    case ErrorCode::kUnauthenticated:
      return Contains(m, "disclosure") ? "disclosures" : "signature";
    case ErrorCode::kPermissionDenied:
      return "holder_binding";
    default:
      break;
  }
  if (Contains(m, "disclos") || Contains(m, "digest") || Contains(m, "_sd")) return "disclosures";
  return "format";
}

std::optional<std::string> StringClaim(const Json& claims, const char* name) {
  if (claims.is_object() && claims.contains(name) && claims[name].is_string()) return claims[name].get<std::string>();
  return std::nullopt;
}

}  // namespace

Json ReportCheck(std::string_view name, std::string_view result, std::string detail) {
  Json c = Json::object();
  c["name"] = name;
  c["result"] = result;
  c["detail"] = std::move(detail);
  return c;
}

Json ReportError(const Error& e) {
  return Json{{"code", std::string(ErrorCodeName(e.code()))}, {"message", e.message()}};
}

bool ReportCouldNotCheck(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnavailable:
    case ErrorCode::kDeadlineExceeded:
    case ErrorCode::kUnimplemented:
    case ErrorCode::kInternal:
    case ErrorCode::kAborted:
    case ErrorCode::kDataLoss:
      return true;
    default:
      return false;
  }
}

CredentialReport VerifyCredentialWithReport(std::string_view input, const CredentialVerifyOptions& options) {
  CredentialReport report;
  Json& json = report.json;
  json = Json::object();
  json["verified"] = false;
  json["format"] = nullptr;
  json["issuer"] = nullptr;
  json["vct"] = nullptr;
  json["claims"] = nullptr;

  // The issuer key lookup is wrapped so that a failure there is reported as the issuer check.
  bool lookup_failed = false;
  std::string key_detail;
  sdjwt::IssuerKeyLookup lookup = [&](const Json& header, const Json& payload) -> Result<jose::PublicJwk> {
    if (auto iss = StringClaim(payload, "iss")) json["issuer"] = *iss;
    if (auto vct = StringClaim(payload, "vct")) json["vct"] = *vct;
    if (header.contains("typ") && header["typ"].is_string()) json["format"] = header["typ"];
    auto key = options.issuer_key(header, payload);
    if (!key) {
      lookup_failed = true;
    } else {
      key_detail = std::string(jose::AlgorithmName(key->algorithm())) + " key from " + options.issuer_key_source;
    }
    return key;
  };

  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = options.clock;
  const bool binding_required = options.aud.has_value() && options.nonce.has_value();
  policy.key_binding.required = binding_required;
  if (options.aud) policy.key_binding.expected_aud = *options.aud;
  if (options.nonce) policy.key_binding.expected_nonce = *options.nonce;
  policy.key_binding.max_age_seconds = options.key_binding_max_age_seconds;

  Json checks = Json::array();
  auto verified = sdjwt::VerifySdJwtVc(input, lookup, policy);
  if (!verified) {
    const Error& error = verified.error();
    const std::string_view failed = FailedCheck(error, lookup_failed);
    const bool could_not = ReportCouldNotCheck(error.code());
    bool reached = false;
    for (std::string_view name : kChecks) {
      if (name == failed) {
        checks.push_back(ReportCheck(name, could_not ? "could_not_check" : "failed", error.message()));
        reached = true;
      } else if (!reached) {
        checks.push_back(ReportCheck(name, "passed", name == "issuer" ? key_detail : ""));
      } else {
        checks.push_back(ReportCheck(name, "not_checked"));
      }
    }
    json["checks"] = std::move(checks);
    json["error"] = ReportError(error);
    report.verdict = could_not ? Verdict::kCouldNotCheck : Verdict::kRejected;
    return report;
  }

  const Json& claims = verified->claims();
  json["format"] = verified->header().value("typ", std::string(sdjwt::kSdJwtVcTyp));
  json["issuer"] = claims.value("iss", "");
  json["vct"] = claims.value("vct", "");
  checks.push_back(ReportCheck("format", "passed", json["format"].get<std::string>()));
  checks.push_back(ReportCheck("issuer", "passed", key_detail));
  checks.push_back(ReportCheck("signature", "passed"));
  checks.push_back(ReportCheck("disclosures", "passed", std::to_string(verified->disclosed().size()) + " disclosed"));
  checks.push_back(ReportCheck("validity", "passed"));
  if (verified->key_binding_payload()) {
    checks.push_back(ReportCheck("holder_binding", "passed", "KB-JWT for " + *options.aud));
  } else {
    checks.push_back(ReportCheck("holder_binding", "skipped", "no KB-JWT, and none was asked for (no audience and nonce to bind to)"));
  }

  report.verdict = Verdict::kVerified;
  if (options.current_issuer_key != nullptr) *options.current_issuer_key = verified->issuer_key();
  auto reference = status::ReadStatusReference(claims);
  if (!reference && reference.error().code() == ErrorCode::kNotFound) {
    checks.push_back(ReportCheck("status", "skipped", "the credential has no status"));
  } else if (!reference) {
    checks.push_back(ReportCheck("status", "failed", reference.error().message()));
    json["error"] = ReportError(reference.error());
    report.verdict = Verdict::kRejected;
  } else if (options.status_client == nullptr) {
    checks.push_back(ReportCheck("status", "could_not_check", "status list " + reference->uri + " not fetched (offline)"));
    report.verdict = Verdict::kCouldNotCheck;
    json["error"] = ReportError(Error(ErrorCode::kUnavailable, "the status was not checked"));
  } else {
    auto status = options.status_client->Check(*reference);
    if (!status) {
      const bool could_not = ReportCouldNotCheck(status.error().code());
      checks.push_back(ReportCheck("status", could_not ? "could_not_check" : "failed", status.error().message()));
      report.verdict = could_not ? Verdict::kCouldNotCheck : Verdict::kRejected;
      json["error"] = ReportError(status.error());
    } else if (status->status == 0) {
      checks.push_back(ReportCheck("status", "passed", "valid in " + reference->uri));
    } else {
      const std::string what = status->status == 1   ? "revoked"
                               : status->status == 2 ? "suspended"
                                                     : "status " + std::to_string(status->status);
      checks.push_back(ReportCheck("status", "failed", what + " in " + reference->uri));
      report.verdict = Verdict::kRejected;
      json["error"] = ReportError(Error(ErrorCode::kFailedPrecondition, "the credential is " + what));
    }
  }
  Json shown = claims;
  shown.erase("cnf");
  json["claims"] = std::move(shown);
  json["checks"] = std::move(checks);
  json["verified"] = report.verdict == Verdict::kVerified;
  return report;
}

Result<JsonTrustList> JsonTrustList::Parse(const Json& json) {
  if (!json.is_object() || !json.contains("issuers") || !json["issuers"].is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "a trust list is an object with an 'issuers' array");
  }
  JsonTrustList list;
  for (const Json& entry : json["issuers"]) {
    if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "every trust list entry needs an 'id' string");
    }
    TrustedIssuer issuer{.id = entry["id"].get<std::string>(), .name = entry.value("name", ""), .credential_types = {}};
    if (!issuer.id.starts_with("did:") && !issuer.id.starts_with("https://") && !issuer.id.starts_with("http://")) {
      return Fail(ErrorCode::kInvalidArgument, "trust list id '" + issuer.id + "' is neither a DID nor a URL");
    }
    if (entry.contains("credential_types")) {
      if (!entry["credential_types"].is_array()) {
        return Fail(ErrorCode::kInvalidArgument, "'credential_types' must be an array of strings");
      }
      for (const Json& t : entry["credential_types"]) {
        if (!t.is_string()) return Fail(ErrorCode::kInvalidArgument, "'credential_types' must be an array of strings");
        issuer.credential_types.push_back(t.get<std::string>());
      }
    }
    list.issuers.push_back(std::move(issuer));
  }
  return list;
}

Result<const TrustedIssuer*> JsonTrustList::Check(std::string_view iss, std::string_view vct) const {
  for (const TrustedIssuer& issuer : issuers) {
    if (issuer.id != iss) continue;
    if (!issuer.credential_types.empty() &&
        std::ranges::find(issuer.credential_types, vct) == issuer.credential_types.end()) {
      return Fail(ErrorCode::kPermissionDenied, "issuer " + std::string(iss) + " is recognised, but not for " +
                                                    std::string(vct) + " credentials");
    }
    return &issuer;
  }
  return Fail(ErrorCode::kPermissionDenied, "issuer " + std::string(iss) + " is not recognised (not on the trust list)");
}

}  // namespace vaardig::verifier
