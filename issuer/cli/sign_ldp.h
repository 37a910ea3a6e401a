// `vaardig-issuer sign --format ldp_vc`: a W3C VCDM 2.0 credential (an Open Badges 3.0 badge, for
// instance) secured with a Data Integrity proof, eddsa-rdfc-2022 (what 1EdTech certification and
// the W3C suites expect) or eddsa-jcs-2022.
//
// The issuer signs as a DID: the proof's verificationMethod is a DID URL, and the credential's
// issuer (its id, when issuer is an object) must be that DID, since verifiers accept a proof only
// from a key the issuer controls. Without --verification-method the key's did:key is used
// ("did:key:z6Mk...#z6Mk..."), which needs no hosting; a did:web method is given explicitly.
// Filled in when absent: issuer (the DID) and validFrom (now). Everything else is signed as given,
// in JSON-LD safe mode for eddsa-rdfc-2022: a term the contexts do not define is refused rather
// than silently left out of what the proof covers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/common/error.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::issuer::cli {

struct LdpSignRequest {
  Json credential;
  dataintegrity::Cryptosuite cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
  std::optional<std::string> verification_method{};  // a DID URL; default the key's did:key
  std::int64_t now = 0;
};

// The key's did:key verification method: "did:key:z6Mk...#z6Mk...". invalid_argument when the key
// is not Ed25519 (the EdDSA cryptosuites sign with Ed25519 only).
[[nodiscard]] Result<std::string> DidKeyVerificationMethod(const jose::PrivateJwk& key);

// The credential with its proof. invalid_argument: not a VCDM 2.0 credential (an object whose
// first @context is https://www.w3.org/ns/credentials/v2 and whose type includes
// VerifiableCredential), an issuer other than the verification method's DID, a key that is not
// Ed25519, or what the cryptosuite refuses (safe mode); already_exists when it already carries a
// proof made with this method and suite.
[[nodiscard]] Result<Json> SignLdpVc(const jose::PrivateJwk& key, const LdpSignRequest& request);

}  // namespace vaardig::issuer::cli
