// OpenID4VCI 1.0 issuance, the issuer's side of DESIGN.md §2 flow 4 (issue 7): credential offers
// with a pre-authorized code and a PIN, the token and nonce steps, and the credential itself in
// both formats — the SD-JWT VC skill credential (DESIGN.md §4.1) and the Open Badges 3.0 skill
// badge with Data Integrity eddsa-rdfc-2022 (§4.2).
//
// Offers. Made for the owner of a confirmed claim (from its endorsement), or by hr/admin directly
// for a skill confirmed outside Vaardig (a legacy skills passport). The pre-authorized code (32
// random bytes, base64url) and the PIN (tx_code: 6 digits) are returned once, to be shown apart
// from each other, and stored as SHA-256 only. An offer expires after kOfferTtlSeconds; making a new
// offer for the same claim cancels the previous unredeemed one. The offer JSON is served by
// reference at <public_url>/credential-offer/<offer id> while the offer can still be redeemed.
//
// Token. The pre-authorized code and the PIN buy one access token (kAccessTokenTtlSeconds, stored
// as SHA-256): the code is single-use. A wrong PIN counts; after kMaxPinFailures wrong PINs the
// code is burned. Unknown, expired, cancelled, burned and used codes all answer invalid_grant.
//
// Nonce. c_nonce values are sealed, not stored: XChaCha20-Poly1305 under a key derived from the
// KEK (KeyVault::DeriveKey, so every instance sharing the KEK opens them) over their expiry and 16
// random bytes; the nonce endpoint writes nothing. A c_nonce is valid kNonceTtlSeconds and is used
// up inside the issuance transaction: its hash goes into `nonces`, whose primary key refuses a
// second use, so the credential and the use of its nonce commit together. A refused request or a
// crash before the commit leaves the nonce usable; a replayed proof gets invalid_nonce.
//
// Credential. With a valid access token, once per offered configuration: the holder's key comes
// from the verified key proof (the HTTP layer verifies it with core/oid4vc and checks its nonce).
// Issuance is one transaction: the nonce used up, status entries allocated (status_registry.h),
// the credential built and signed, its row (with its SHA-256) written and audited as
// "credential.issue"; only after the commit is the credential returned. A crash before the commit
// leaves nothing behind; a repeated request for the same configuration answers
// credential_request_denied and issues nothing.
//
// Thread-safety: free functions over IssuerApp; concurrent requests are serialised by the
// database where they touch the same offer (conditional updates: exactly one wins).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/errors.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer {

// The credential configuration ids in the Credential Issuer Metadata.
inline constexpr std::string_view kSkillSdJwtConfiguration = "vaardig_skill_sd_jwt";
inline constexpr std::string_view kSkillBadgeConfiguration = "vaardig_skill_badge";

inline constexpr std::int64_t kOfferTtlSeconds = 15 * 60;
inline constexpr std::int64_t kAccessTokenTtlSeconds = 5 * 60;
inline constexpr std::int64_t kNonceTtlSeconds = 5 * 60;
inline constexpr int kMaxPinFailures = 5;
inline constexpr int kTxCodeLength = 6;

struct NewOffer {
  // Secret-equivalent: the offer URI serves the pre-authorized code, so the database keeps only a
  // hash of it (credential_offers.id = SHA-256 of it) and the code is derived from it. Never log.
  std::string offer_id;
  std::string pre_authorized_code;  // secret: show once, never log
  std::string tx_code;              // secret: show once, apart from the QR code
  Json offer;                       // the Credential Offer object (by value)
  std::string offer_uri;            // <public_url>/credential-offer/<offer id>
  std::string expires_at;
};

// For the owner of a confirmed claim (permission_denied for anyone else, failed_precondition when
// the claim is not confirmed). Offers both configurations. Audited "offer.create".
[[nodiscard]] Result<NewOffer> CreateOfferForClaim(IssuerApp& app, const Principal& principal,
                                                   std::int64_t claim_id);

struct DirectIssue {
  std::string employee_number;
  std::string skill_id;
  int level = 0;                          // 1..3
  std::string confirmed_by_number;        // the employee number of who confirmed it outside Vaardig
};
// HR's direct issuance (`vaardig-issuer issue` and the HR page), acting as `actor` ("cli" or a
// principal's AuditActor()). not_found for an unknown employee, skill or confirmer;
// invalid_argument for a level outside 1..3.
[[nodiscard]] Result<NewOffer> CreateDirectOffer(IssuerApp& app, std::string_view actor, const DirectIssue& input);

// The offer JSON for credential_offer_uri; not_found when unknown, expired, cancelled, burned or
// already redeemed.
[[nodiscard]] Result<Json> GetOfferJson(IssuerApp& app, std::string_view offer_id);

struct AccessGrant {
  std::string access_token;  // secret
  std::int64_t expires_in = 0;
  std::vector<std::string> configuration_ids;
};
// Token endpoint, pre-authorized code grant. invalid_grant (description names the reason without
// revealing the code) for unknown/expired/used/burned codes and for a wrong PIN; invalid_request
// for a missing PIN (OpenID4VCI 1.0 §6.3), which does not count as a failure. The PIN failure count
// and the burning are committed even though the request fails.
[[nodiscard]] oid4vc::OAuthResult<AccessGrant> RedeemPreAuthorizedCode(IssuerApp& app, std::string_view code,
                                                                       std::optional<std::string_view> tx_code);

// Nonce endpoint: a new c_nonce (no database write).
[[nodiscard]] Result<std::string> CreateNonce(IssuerApp& app, const KeyVault& vault);

// A c_nonce that opened and has not expired; IssueCredential uses it up.
struct CheckedNonce {
  std::string hash;        // SHA-256 hex of the c_nonce: the key in `nonces`
  std::string expires_at;  // when the row may be forgotten (a replay after it fails as expired)
};
// invalid_nonce when the c_nonce does not open (made up, altered, or sealed under another KEK) or
// has expired. Whether it was used already is decided by IssueCredential, atomically.
[[nodiscard]] oid4vc::OAuthResult<CheckedNonce> CheckNonce(IssuerApp& app, const KeyVault& vault,
                                                           std::string_view nonce);

struct HolderKey {
  jose::PublicJwk jwk;
  std::optional<std::string> did;  // did:jwk / did:key the proof named, if any
};

struct IssuedCredential {
  std::string credential_id;  // "urn:uuid:..."
  std::string format;         // "dc+sd-jwt" or "ldp_vc"
  Json credential;            // a string (compact SD-JWT VC) or an object (the signed badge)
};

// The credential endpoint's checks that need no key proof, read-only: the access token is known
// and not expired (else invalid_token, HTTP 401), its offer holds `configuration_id` (else
// unknown_credential_configuration) and has not had it issued (else credential_request_denied).
// The HTTP layer calls it before it verifies the proof and consumes the nonce, so a request that
// would be refused anyway does not burn the wallet's c_nonce. Returns the offer row.
[[nodiscard]] oid4vc::OAuthResult<store::Row> CheckGrant(IssuerApp& app, std::string_view access_token,
                                                         std::string_view configuration_id);

// Credential endpoint (checks CheckGrant again). invalid_token (HTTP 401) for a missing, unknown or expired access token;
// unknown_credential_configuration for a configuration the offer does not hold;
// credential_request_denied when that configuration was already issued for this offer;
// invalid_nonce when `nonce` was used already (nothing issued, nothing written).
[[nodiscard]] oid4vc::OAuthResult<IssuedCredential> IssueCredential(IssuerApp& app, const KeyVault& vault,
                                                                    std::string_view access_token,
                                                                    std::string_view configuration_id,
                                                                    const HolderKey& holder,
                                                                    const CheckedNonce& nonce);

// VCALM POST /credentials/issue: signs a given VCDM 2.0 credential with the issuer's Data Integrity
// key (eddsa-rdfc-2022), issuer set to the issuer's DID, a Bitstring Status List entry added when
// options ask for it (credentialStatus: revocation and suspension), recorded like any issued credential.
// invalid_argument (naming the member) when the credential does not validate.
[[nodiscard]] Result<IssuedCredential> IssueGivenCredential(IssuerApp& app, const KeyVault& vault,
                                                            std::string_view actor, const Json& credential,
                                                            bool with_status);

}  // namespace vaardig::issuer
