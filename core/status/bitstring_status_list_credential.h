// The W3C Bitstring Status List v1.0 credential (https://www.w3.org/TR/vc-bitstring-status-list/):
// issuing a BitstringStatusListCredential signed with Data Integrity eddsa-rdfc-2022, and the
// verifier's side of §3.2 "Validate Algorithm" with caching.
//
//   {"@context": ["https://www.w3.org/ns/credentials/v2"],   (the v2 context defines the terms)
//    "id": URL, "type": ["VerifiableCredential", "BitstringStatusListCredential"],
//    "issuer": DID, "validFrom": dateTimeStamp, "validUntil"?: dateTimeStamp,
//    "credentialSubject": {"id": URL#list, "type": "BitstringStatusList",
//                          "statusPurpose": "revocation" | "suspension" | ..., "encodedList": "u...",
//                          "ttl"?: milliseconds},
//    "proof": DataIntegrityProof eddsa-rdfc-2022}
//
// What a verifier checks, in this order (§3.2 with the checks VCDM 2.0 asks of any credential):
//  1. fetch statusListCredential: any failure (network, 404, timeout, too large) is unavailable
//     (STATUS_RETRIEVAL_ERROR, "could not check");
//  2. strict JSON; its "id", when present, must be the URL it was fetched from (a list served at
//     another list's URL is not accepted): invalid_argument;
//  3. the Data Integrity proofs (dataintegrity::VerifyProofs, bundled contexts, safe mode): no proof
//     or a signature that does not verify: unauthenticated (STATUS_VERIFICATION_ERROR); the key
//     lookup's own errors as they come (unavailable for an unreachable did:web, ...);
//  4. the signer is the list's issuer (the verificationMethod's DID is the issuer's DID), and the
//     list's issuer is the credential's issuer (§3.2 note; the checked credential's issuer is
//     passed in): permission_denied otherwise;
//  5. type BitstringStatusListCredential, credentialSubject type BitstringStatusList, every
//     member of the right JSON type: invalid_argument naming the member;
//  6. validFrom / validUntil against the injected clock (± skew): failed_precondition;
//  7. the entry's statusPurpose is one of the list's (a string or an array, §2.2):
//     invalid_argument (STATUS_VERIFICATION_ERROR in §3.2);
//  8. encodedList decoded with the entry's statusSize (at least 131,072 / statusSize entries,
//     STATUS_LIST_LENGTH_ERROR) and the index within the list (RANGE_ERROR): invalid_argument.
//
// Caching: a verified list is reused until the earliest of fetched_at + ttl (credentialSubject.ttl,
// milliseconds, rounded down to seconds; else the HTTP max-age; else default_ttl_seconds),
// fetched_at + max_ttl_seconds and validUntil. Failures are never cached. At most max_cached_lists
// lists are kept; the one that goes stale first is evicted.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/encoding/json.h"
#include "core/http/fetcher.h"
#include "core/status/bitstring_status_list.h"

namespace vaardig::status {

inline constexpr std::string_view kVcV2Context = "https://www.w3.org/ns/credentials/v2";
inline constexpr std::string_view kBitstringStatusListCredentialType = "BitstringStatusListCredential";

// What goes into a status list credential besides the list itself.
struct BitstringStatusListCredentialRequest {
  std::string id;              // the http(s) URL the credential is published at
  std::string issuer;          // the issuer's DID (did:key or did:web)
  std::string status_purpose;  // "revocation", "suspension", "refresh", "message", ...
  std::int64_t valid_from = 0;                   // Unix seconds
  std::optional<std::int64_t> valid_until{};     // Unix seconds
  std::optional<std::int64_t> ttl_ms{};          // §2.2 ttl: milliseconds
};

// The unsigned credential. Errors (invalid_argument, naming the member): id not an http(s) URL,
// issuer not a DID, an empty or non-token statusPurpose, validUntil not after validFrom, a negative
// ttl, dates outside years 0001-9999; the list's Encode errors as they come.
[[nodiscard]] Result<Json> MakeUnsignedBitstringStatusListCredential(
    const BitstringStatusList& list, const BitstringStatusListCredentialRequest& request);

// The credential above signed with eddsa-rdfc-2022 by `key`, whose public key is
// `verification_method` (a DID URL of request.issuer, e.g. "did:key:z6Mk...#z6Mk..."; a method of
// another DID: invalid_argument). `created` (Unix seconds) becomes the proof's created.
[[nodiscard]] Result<Json> MakeBitstringStatusListCredential(
    const BitstringStatusList& list, const BitstringStatusListCredentialRequest& request,
    const crypto::Ed25519PrivateKey& key, std::string_view verification_method, std::int64_t created);

// The request a credential was made from (no checks of its proof): what `status-list set` needs
// to re-sign a list. Malformed members: invalid_argument.
[[nodiscard]] Result<BitstringStatusListCredentialRequest> ReadBitstringStatusListCredentialRequest(
    const Json& credential);

// A status list credential that passed steps 3-6 above.
struct VerifiedBitstringStatusListCredential {
  std::string id;                             // "" when the credential has none
  std::string issuer;                         // the issuer's id
  std::vector<std::string> status_purposes;   // credentialSubject.statusPurpose
  std::string encoded_list;
  std::optional<std::int64_t> valid_from;     // Unix seconds
  std::optional<std::int64_t> valid_until;
  std::optional<std::int64_t> ttl_ms;
  std::string verification_method;            // of the (first) proof
};

struct BitstringCredentialPolicy {
  const Clock* clock = nullptr;  // nullptr: the system clock
  std::int64_t skew_seconds = 60;
  dataintegrity::DocumentLimits limits{};
};

// Steps 3-6 on a parsed credential. `lookup` finds the key of a verificationMethod (usually
// dataintegrity::DidVerificationKeyLookup). Errors as listed at the top of this file.
[[nodiscard]] Result<VerifiedBitstringStatusListCredential> VerifyBitstringStatusListCredential(
    const Json& credential, const dataintegrity::VerificationKeyLookup& lookup,
    const BitstringCredentialPolicy& policy = {});

// The status an entry points to.
struct BitstringStatus {
  std::string purpose;     // the entry's statusPurpose
  std::size_t index = 0;
  std::uint8_t value = 0;  // statusSize bits
  // revocation / suspension: value == 0. Other purposes (refresh, message) say nothing about
  // validity: true.
  bool valid = true;
  bool from_cache = false;
  std::string status_list_credential;
};

// Steps 7-8 with a credential that passed VerifyBitstringStatusListCredential. `credential_issuer`
// is the issuer of the credential whose status is checked; empty skips the issuer comparison
// (only for tools that show a list on its own).
[[nodiscard]] Result<BitstringStatus> ReadBitstringStatus(const VerifiedBitstringStatusListCredential& list,
                                                          const BitstringStatusEntry& entry,
                                                          std::string_view credential_issuer,
                                                          const BitstringLimits& limits = {});

struct BitstringStatusCheckerOptions {
  std::int64_t default_ttl_seconds = 300;
  std::int64_t max_ttl_seconds = 24 * 3600;
  std::int64_t skew_seconds = 60;
  http::FetchLimits fetch_limits{.max_body = 1 << 20, .timeout = std::chrono::milliseconds(5000)};
  BitstringLimits list_limits{};
  dataintegrity::DocumentLimits document_limits{};
  std::size_t max_cached_lists = 1000;
};

// Fetches, verifies, caches and reads Bitstring Status Lists. Thread-safe: one checker may serve
// many verifications at once. `fetcher`, `clock` and what `lookup` uses must outlive it.
class BitstringStatusChecker {
 public:
  BitstringStatusChecker(http::HttpFetcher& fetcher, const Clock& clock,
                         dataintegrity::VerificationKeyLookup lookup, BitstringStatusCheckerOptions options = {});

  // The status `entry` points to, for a credential issued by `credential_issuer`.
  [[nodiscard]] Result<BitstringStatus> Check(const BitstringStatusEntry& entry, std::string_view credential_issuer);

  // Drops every cached list.
  void Clear();

 private:
  struct Entry {
    VerifiedBitstringStatusListCredential list;
    std::int64_t fresh_until = 0;
  };
  Result<Entry> Fetch(const std::string& url);

  http::HttpFetcher& fetcher_;
  const Clock& clock_;
  dataintegrity::VerificationKeyLookup lookup_;
  BitstringStatusCheckerOptions options_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;  // by URL; guarded by mutex_
};

}  // namespace vaardig::status
