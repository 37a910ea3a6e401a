// Presentations the holder makes (DESIGN.md §2 flow 6): an SD-JWT VC with chosen disclosures and a
// KB-JWT, or a VCDM 2.0 presentation of Data Integrity credentials. Used by `vaardig-wallet
// present` and by the OpenID4VP responder (respond.h). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/claim_path.h"

namespace vaardig::wallet {

struct PresentRequest {
  std::vector<std::string> disclose;  // claim paths: "skill", "confirmation.by.role", "evidence[0]"
  std::string aud;
  std::string nonce;
  std::int64_t now = 0;
};

// The credential's issuer JWT with only the disclosures the paths need (and the parents a
// recursive disclosure needs), then a KB-JWT over it signed with the holder key. The holder key
// must be the credential's cnf key: failed_precondition otherwise (checked, not assumed).
[[nodiscard]] Result<std::string> PresentSdJwtVc(std::string_view credential, const jose::PrivateJwk& holder_key,
                                                 const PresentRequest& request);
// The same with the claim paths already parsed (request.disclose is ignored).
[[nodiscard]] Result<std::string> PresentSdJwtVcPaths(std::string_view credential, const jose::PrivateJwk& holder_key,
                                                      const std::vector<sdjwt::ClaimPath>& paths,
                                                      const PresentRequest& request);


// What a verifier reads in disclosed SD-JWT VC claims (the holder's view of a presentation): leaf
// paths such as "skill.name" or "confirmation.at", language maps ({"nl","en"}) and arrays kept
// whole, without the claims every presentation carries (iss, vct, iat, exp, cnf, status); skills
// first, the person's name last. A disclosure carries its whole value, so this may be more than
// the paths asked for — which is why the person is shown this, not the request.
[[nodiscard]] std::vector<std::string> ShownClaimPaths(const Json& claims);

struct LdpPresentRequest {
  std::string domain;     // the verifier (OpenID4VP: its client_id)
  std::string challenge;  // the verifier's nonce
  std::int64_t now = 0;
};

// A VCDM 2.0 presentation (ldp_vp) of whole Data Integrity credentials, with an eddsa-rdfc-2022
// proof by the holder (proofPurpose authentication) bound to the challenge and domain. The holder
// is the did:jwk or did:key of the key that a credential's subject id names (did:key when none
// names one); a credential about someone else (its subject id another DID) is refused:
// failed_precondition. The holder key must be Ed25519 (invalid_argument otherwise). Data
// Integrity credentials are shown whole: eddsa-rdfc-2022 has no selective disclosure.
[[nodiscard]] Result<Json> PresentLdpVp(const std::vector<Json>& credentials, const jose::PrivateJwk& holder_key,
                                        const LdpPresentRequest& request);

}  // namespace vaardig::wallet
