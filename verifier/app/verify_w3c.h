// `vaardig-verifier verify` for W3C VCDM 2.0 credentials and presentations secured with Data
// Integrity proofs (ldp_vc, ldp_vp): the same report and exit codes as for SD-JWT VC.
//
// A credential (ldp_vc) is checked in this order, each step only when the ones before passed:
//   format     a JSON object, VCDM 2.0 (@context starts with the v2 context, type includes
//              VerifiableCredential), credentialSubject present;
//   issuer     the issuer's id is recognised (trust list, for one of the credential's types);
//   signature  every Data Integrity proof verifies (eddsa-rdfc-2022 in JSON-LD safe mode, or
//              eddsa-jcs-2022), with purpose assertionMethod, made by a key the issuer controls:
//              the verificationMethod is a DID URL of the issuer's DID (and, with --issuer-jwk,
//              holds exactly that key);
//   validity   validFrom ≤ now (with the clock skew allowed) and now < validUntil;
//   status     every BitstringStatusListEntry says valid (revocation and suspension).
// A presentation (ldp_vp) first checks its own proof (holder_binding): purpose authentication, made
// by the holder's DID, bound to the verifier's challenge (--nonce) and domain (--aud) when given;
// then every credential in it as above, whose subject id, when present, must be the holder. Its
// checks are reported per credential, named "credentials[i].issuer" and so on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/dataintegrity/verification_key.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/vcjose/format.h"
#include "verifier/app/verify_credential.h"

namespace vaardig::verifier {

// The outcome of a status entry: purpose ("revocation", "suspension", ...) and the list's value.
struct W3cStatusOutcome {
  std::string purpose;
  unsigned value = 0;
  std::string list;  // the status list credential's URL, for the report
};

struct W3cVerifyOptions {
  // Is `issuer` recognised for a credential of these types (the credential's "type" array)?
  // permission_denied when not. Required.
  std::function<Status(std::string_view issuer, const Json& types)> recognise;
  std::string issuer_source;  // for the report: "the trust list x.json" / "--issuer-jwk x.jwk"
  // Required: DID URL + purpose → Ed25519 key (dataintegrity::DidVerificationKeyLookup).
  dataintegrity::VerificationKeyLookup lookup;
  // With --issuer-jwk: the credential's proofs must be made with exactly this key.
  std::optional<crypto::Ed25519PublicKey> pinned_issuer_key{};
  // Both or neither (from --nonce and --aud): a presentation's proof must carry them.
  std::optional<std::string> challenge{};
  std::optional<std::string> domain{};
  const Clock* clock = nullptr;  // required
  std::int64_t max_clock_skew_seconds = 300;
  // Checks one credentialStatus entry of a credential from `issuer`. Null: status is not checked
  // (offline) and a credential with a status cannot be confirmed (could_not_check).
  std::function<Result<W3cStatusOutcome>(const Json& entry, std::string_view issuer)> check_status{};
  // JOSE formats (vc+jwt, vc+sd-jwt, vp+jwt, vp+sd-jwt, Open Badges VC-JWT): the key for a JOSE
  // header, of the issuer (assertionMethod) and of the holder (authentication). Required for them.
  std::function<Result<jose::PublicJwk>(const Json& header)> jose_issuer_key{};
  std::function<Result<jose::PublicJwk>(const Json& header)> jose_holder_key{};
};

// True when `input` looks like a JSON document (first non-blank byte '{'), the W3C formats.
[[nodiscard]] bool LooksLikeJsonCredential(std::string_view input);

[[nodiscard]] CredentialReport VerifyW3cWithReport(std::string_view input, const W3cVerifyOptions& options);

// The JOSE-secured formats of core/vcjose (format from vcjose::DetectFormat, not kDcSdJwt or
// kLdpVc): checks format, issuer, signature, disclosures (SD-JWT), validity, holder_binding, status
// for a credential; for a presentation (vp+jwt, vp+sd-jwt) format, holder_binding (the holder's
// signature; with --aud/--nonce the claims aud and nonce, or the KB-JWT), then each enveloped
// credential as "credentials[i].<check>".
[[nodiscard]] CredentialReport VerifyJoseWithReport(std::string_view input, vcjose::SecuredFormat format,
                                                    const W3cVerifyOptions& options);

}  // namespace vaardig::verifier
