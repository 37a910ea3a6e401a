// Collect: the wallet's OpenID4VCI 1.0 client for the pre-authorized code flow (DESIGN.md §2 flows
// 4–5; OpenID4VCI 1.0 Final §4.1 offer, §12.2 issuer metadata, §12.3 / RFC 8414 authorization
// server metadata, §6 token, §7 nonce, §8 credential request with `jwt` proofs, Appendix F.1).
//
// CollectOffer, step by step (each error message starts with the step's name):
//  1. "credential offer": parse the link (openid-credential-offer:// or an https universal link;
//     at most kMaxOfferLinkBytes), by value or by reference (GET credential_offer_uri, at most
//     kMaxOfferBytes). Every URL must be https; plain http only for loopback hosts and only with
//     CollectOptions::allow_http_for_loopback (tests). At most kMaxOfferedConfigurations ids. An
//     offer without a pre-authorized code grant: unimplemented (authorization code flow comes later).
//     An offer with a tx_code and no PIN: failed_precondition "this offer needs the PIN".
//  2. "issuer metadata": GET /.well-known/openid-credential-issuer (§12.2.2, ≤ 256 KiB); its
//     credential_issuer must be the offer's.
//  3. "authorization server metadata": the first of authorization_servers, or the issuer itself when
//     absent (§12.2.4); its token_endpoint.
//  4. "token request": POST the pre-authorized code and tx_code (§6.1). OAuth errors are reported as
//     "token request: invalid_grant — <description>" with a code by error (invalid_grant:
//     unauthenticated; invalid_request: invalid_argument; unsupported_*: unimplemented; others:
//     unavailable).
//  5. per offered configuration whose format we support (dc+sd-jwt, legacy vc+sd-jwt, ldp_vc;
//     others are skipped with a note): "nonce request" (POST to the nonce endpoint when the issuer
//     has one, fresh for every request), a key proof signed with the holder key, "credential
//     request" (§8.2), then "verification":
//       dc+sd-jwt: the issuer's signature (JWT VC Issuer Metadata, did:web/did:jwk/did:key, via
//         did::IssuerKeyResolver), typ, vct present and equal to the configuration's, cnf = our
//         holder key (when a proof was sent), exp, Token Status List status;
//       ldp_vc (Open Badges 3.0): every Data Integrity proof (eddsa-rdfc-2022 / eddsa-jcs-2022,
//         bundled contexts), the proof's DID is the issuer's, credentialSubject.id = our DID, and
//         the Bitstring Status List entries.
//     A revoked (or suspended) credential is refused (failed_precondition) unless
//     keep_revoked_and_flag; a status list that cannot be fetched stores the credential with status
//     "unchecked" ("could not check" is not "valid").
//  6. store each verified credential and one history entry (RecordKind::kHistory). Per credential
//     all-or-nothing: when the history entry cannot be written the credential record is removed.
//
// Holder keys (RecordKind::kHolderKey, content {"purpose":"holder","alg","did","kid","jwk"}):
//   - dc+sd-jwt: P-256 (ES256), bound as did:jwk (proof header kid) or as a bare jwk;
//   - ldp_vc: Ed25519 as did:key, because the holder later proves possession with a Data Integrity
//     presentation (eddsa-rdfc-2022 needs an Ed25519 key) — the issue's "Ed25519 (did:key) for Data
//     Integrity presentations". When the issuer's configuration does not accept EdDSA proofs,
//     P-256 did:jwk is used instead.
//   A key is created in memory on first use and written to the vault only together with the first
//   credential bound to it: an offer that yields nothing leaves the vault unchanged.
//
// Nothing secret leaves in an error: the PIN, the pre-authorized code, the access token and the
// nonces are never part of a message (an issuer's error_description that echoes them is redacted),
// and credentials are named by configuration id only.
// Thread-safety: one call uses one UnlockedVault (one thread at a time, as UnlockedVault requires).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/http/fetcher.h"
#include "wallet/app/vault.h"

namespace vaardig::wallet {

inline constexpr std::size_t kMaxOfferLinkBytes = 8192;
inline constexpr std::size_t kMaxOfferBytes = 64 * 1024;
inline constexpr std::size_t kMaxMetadataBytes = 256 * 1024;
inline constexpr std::size_t kMaxCredentialResponseBytes = 1 << 20;
inline constexpr std::size_t kMaxOfferedConfigurations = 10;

struct CollectOptions {
  const Clock* clock = nullptr;  // required
  // Plain http to 127.0.0.1 / localhost / [::1] (tests, local demos). Never for other hosts.
  bool allow_http_for_loopback = false;
  // Store a revoked or suspended credential with its status instead of refusing it.
  bool keep_revoked_and_flag = false;
  std::chrono::milliseconds timeout{10'000};  // per HTTP exchange
};

struct CollectedCredential {
  std::string record_id{};         // the vault record
  std::string configuration_id{};  // as offered
  std::string format{};            // "dc+sd-jwt" | "ldp_vc"
  std::string issuer{};            // iss / issuer of the credential
  std::string status{};            // "valid", "revoked", "suspended", "unchecked", "none"
  std::string name{};              // display name (nl, else en, else the configuration id)
};

struct SkippedConfiguration {
  std::string configuration_id{};
  std::string reason{};
};

struct CollectResult {
  std::string credential_issuer{};
  std::vector<CollectedCredential> stored{};
  // Offered configurations not collected: an unsupported format, or (when others were stored) one
  // that failed; each reason names the step.
  std::vector<SkippedConfiguration> skipped{};
};

// See the file comment. When nothing is stored the call fails: with the first credential's error,
// or failed_precondition "no offered credential has a format this wallet supports" when every
// configuration was skipped for its format.
[[nodiscard]] Result<CollectResult> CollectOffer(http::HttpFetcher& fetcher, UnlockedVault& vault,
                                                 std::string_view link, std::optional<std::string_view> pin,
                                                 const CollectOptions& options);

}  // namespace vaardig::wallet
