// `vaardig-verifier verify`: one verification of an SD-JWT VC (credential or presentation), with
// a report that says what was checked and how it went, "could not check" kept apart from
// "rejected".
//
// The verdict is the kernel's (sdjwt::VerifySdJwtVc, status::StatusListClient). The report maps
// the first failing rule onto the checks in the order the kernel performs them:
//   format → issuer (key found and trusted) → signature → disclosures → validity →
//   holder_binding → status
// Checks after a failure are "not_checked". "could_not_check" (exit 2) is kept for failures that
// say nothing about the credential (a status list or DID document that could not be fetched, a
// timeout, an unsupported format or algorithm); a malformed or tampered credential is rejected.
// Report:
//   {"verified": bool, "format": "dc+sd-jwt"|null, "issuer": iss|null, "vct": ...|null,
//    "claims": {the disclosed claims}|null,
//    "checks": [{"name", "result": "passed"|"failed"|"could_not_check"|"skipped"|"not_checked",
//                "detail"}],
//    "error": {"code", "message"} when not verified}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/encoding/json.h"
#include "core/sdjwt/verifier.h"
#include "core/status/status_list_client.h"
#include "verifier/app/verdict.h"

namespace vaardig::verifier {

struct CredentialVerifyOptions {
  sdjwt::IssuerKeyLookup issuer_key;  // required
  std::string issuer_key_source;      // for the report, e.g. "--issuer-jwk issuer.jwk"
  // Both set: a KB-JWT is required and must carry them. Neither: a KB-JWT is not required (one
  // that is present must still verify, against no audience or nonce).
  std::optional<std::string> aud{};
  std::optional<std::string> nonce{};
  // How old a KB-JWT may be (its iat): minutes for a live request; a share link's is as old as the
  // link.
  std::int64_t key_binding_max_age_seconds = 300;
  const Clock* clock = nullptr;  // required
  // Null: status is not checked and the report says so.
  status::StatusListClient* status_client = nullptr;
  // Set to the verified issuer key before the status is checked (a Status List Token without
  // its own iss is checked with the credential issuer's key).
  std::optional<jose::PublicJwk>* current_issuer_key = nullptr;
};

// A trust list: the issuers this verifier recognises, and for which credential types.
//   {"issuers": [{"id": "did:web:..." | "did:jwk:..." | "https://...", "name": "...",
//                 "credential_types": ["<vct>", ...]}]}   (no credential_types: any type)
struct TrustedIssuer {
  std::string id;
  std::string name;
  std::vector<std::string> credential_types;
};
struct JsonTrustList {
  std::vector<TrustedIssuer> issuers;
  [[nodiscard]] static Result<JsonTrustList> Parse(const Json& json);
  // permission_denied ("not recognised") when iss is not listed or not for this vct.
  [[nodiscard]] Result<const TrustedIssuer*> Check(std::string_view iss, std::string_view vct) const;
};

struct CredentialReport {
  Verdict verdict = Verdict::kCouldNotCheck;
  Json json;
};

// Report building blocks shared by the formats.
[[nodiscard]] Json ReportCheck(std::string_view name, std::string_view result, std::string detail = {});
[[nodiscard]] Json ReportError(const Error& error);
// "Could not check" is for failures that say nothing about the credential: a list or document
// that could not be fetched, a timeout, a format or algorithm we do not support, our own fault.
// A malformed, oversized or tampered credential, or one naming a key that does not exist, was
// checked and is rejected.
[[nodiscard]] bool ReportCouldNotCheck(ErrorCode code);

[[nodiscard]] CredentialReport VerifyCredentialWithReport(std::string_view input,
                                                          const CredentialVerifyOptions& options);

}  // namespace vaardig::verifier
