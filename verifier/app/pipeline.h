// The verifier's one verification pipeline (issue 9): one presentation of one DCQL credential
// query, or one bare credential (VCALM /credentials/verify), into a VerificationReport.
//
// Formats:
//   "dc+sd-jwt"   an SD-JWT VC presentation; a KB-JWT is required, with aud = client_id and
//                 nonce = the request's nonce (legacy typ vc+sd-jwt accepted);
//   "ldp_vp"      a VCDM 2.0 presentation with a Data Integrity proof (purpose authentication,
//                 challenge = nonce, domain = client_id) holding one credential (ldp_vc; the DCQL
//                 query's format is then "ldp_vc");
//   "credential"  a bare credential in any format the command line verifies (dc+sd-jwt without a
//                 KB-JWT, ldp_vc, vc+jwt, vc+sd-jwt, Open Badges VC-JWT).
// Checks, in order (each after a failure is not_checked):
//   format → signature → issuer_trust → validity → holder_binding → status → query → endorsement
// The signature is verified with the key the issuer's identifier names (context.*_key lookups),
// then the trust list decides whether that issuer is recognised for the credential's type: an
// issuer not on it gives the verdict "not_recognised", never "valid". A credential signed with the
// holder's own key (a self-declared, blue skill) is not looked up: it is shown as self-declared,
// never as confirmed. Status: Token Status List (SD-JWT VC) and Bitstring Status List (W3C), read
// through the kernel's caching clients; when a list cannot be fetched the configured policy
// decides (could_not_check, reject, or accept with a warning).
// Verdict: any check failed → rejected; else issuer not recognised → not_recognised; else a check
// that could not be done → could_not_check; else valid.
// Thread-safe when the context's clients are (they are).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/dataintegrity/verification_key.h"
#include "core/oid4vc/dcql.h"
#include "core/sdjwt/verifier.h"
#include "core/status/bitstring_status_list_credential.h"
#include "core/status/status_list_client.h"
#include "verifier/app/report.h"
#include "verifier/app/trust_list.h"

namespace vaardig::verifier {

inline constexpr std::size_t kMaxPresentedBytes = 1 << 20;

enum class StatusUnavailablePolicy { kCouldNotCheck, kReject, kAcceptWithWarning };

// "could_not_check" | "reject" | "accept_with_warning" (the configuration's on_status_unavailable).
[[nodiscard]] Result<StatusUnavailablePolicy> ParseStatusUnavailablePolicy(std::string_view text);

struct PresentedItem {
  std::string format;  // "dc+sd-jwt", "ldp_vp" or "credential"
  std::string data;    // the compact serialization, or the JSON text
  // The credential query this answers; null: no query to check (the query check is skipped).
  const oid4vc::CredentialQuery* query = nullptr;
};

struct VerifyContext {
  const Clock* clock = nullptr;        // required
  const TrustList* trust = nullptr;    // required: no list, nobody is recognised
  std::string client_id;               // the verifier's client_id: KB-JWT aud, ldp_vp domain
  std::string nonce;                   // the request's nonce: KB-JWT nonce, ldp_vp challenge
  // The issuer's key of an SD-JWT VC (did:jwk / did:web kid, JWT VC Issuer Metadata, x5c).
  sdjwt::IssuerKeyLookup sd_jwt_issuer_key;
  // Data Integrity: DID URL + purpose → Ed25519 key.
  dataintegrity::VerificationKeyLookup di_key;
  // JOSE-secured W3C formats: the issuer's (assertionMethod) and holder's (authentication) key.
  std::function<Result<jose::PublicJwk>(const Json& header)> jose_issuer_key;
  std::function<Result<jose::PublicJwk>(const Json& header)> jose_holder_key;
  // Null: status lists are not fetched; a credential with a status cannot be confirmed (the
  // policy below then applies).
  status::StatusListClient* token_status = nullptr;
  status::BitstringStatusChecker* bitstring_status = nullptr;
  StatusUnavailablePolicy on_status_unavailable = StatusUnavailablePolicy::kCouldNotCheck;
  std::int64_t max_clock_skew_seconds = 300;
  // The oldest KB-JWT accepted (its iat): a live OpenID4VP answer is minutes old, a share link's
  // presentation as old as the link (verifier/app/share_link.h).
  std::int64_t key_binding_max_age_seconds = 300;
};

[[nodiscard]] VerificationReport VerifyPresented(const PresentedItem& item, const VerifyContext& context);

}  // namespace vaardig::verifier
