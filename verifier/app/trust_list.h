// The verifier's trust list: which issuers it recognises, and for which credential types.
//
// Model: {"version": 1, "issued_at": unix seconds,
//         "entries": [{"issuer", "name", "credential_types": [...], "note"?}]}
//   issuer            a DID ("did:web:...", "did:jwk:...", "did:key:..."), an HTTPS issuer identifier
//                     ("https://..."), or the SHA-256 of an X.509 root certificate (DER) as
//                     "x509-sha256:<64 lowercase hex>" for issuers proving their key with x5c;
//   name              shown to people ("Gemeente Voorbeeld");
//   credential_types  the vct values (SD-JWT VC) or W3C types (OpenBadgeCredential, ...) the issuer
//                     is recognised for; "*" means every type. At least one.
// The file is a compact JWS (ES256 or EdDSA, typ "vaardig-trust-list+jwt") signed by the operator's
// key. Verify checks it against the configured public key (the key decides the algorithm) BEFORE
// anything of the payload is parsed. Limits: file ≤ 1 MiB, ≤ 10,000 entries, issuer and type
// strings ≤ 2,048 bytes, name and note ≤ 512 bytes, ≤ 64 types per entry; one entry per issuer.
// An issuer not on the list is "not recognised" — never valid. Pure; thread-safe (const use).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::verifier {

inline constexpr std::string_view kTrustListTyp = "vaardig-trust-list+jwt";
inline constexpr std::size_t kMaxTrustListBytes = 1 << 20;
inline constexpr std::size_t kMaxTrustListEntries = 10'000;
inline constexpr std::string_view kX509RootPrefix = "x509-sha256:";

struct TrustEntry {
  std::string issuer;
  std::string name;
  std::vector<std::string> credential_types;
  std::string note;
};

// The answer of Lookup: recognised (with the issuer's name), or not (with why, for the report).
struct TrustDecision {
  bool recognised = false;
  std::string name;    // when recognised
  std::string detail;  // plain language: "recognised as Gemeente Voorbeeld" / "not on the trust list"
};

class TrustList {
 public:
  int version = 1;
  std::int64_t issued_at = 0;
  std::vector<TrustEntry> entries;

  // Strict: unknown members, a wrong shape or a limit give invalid_argument / resource_exhausted
  // naming the member at fault.
  [[nodiscard]] static Result<TrustList> FromJson(const Json& json);
  [[nodiscard]] Json ToJson() const;

  // Signs the list (typ kTrustListTyp) with the operator's ES256 or EdDSA key.
  [[nodiscard]] Result<std::string> Sign(const jose::PrivateJwk& key) const;
  // Verifies `jws` with `key` (the operator's public key), then parses the payload.
  // unauthenticated: wrong key or tampered; resource_exhausted: over the limits.
  [[nodiscard]] static Result<TrustList> Verify(std::string_view jws, const jose::PublicJwk& key);

  // Adds an entry, or replaces the entry of the same issuer. invalid_argument for a bad entry.
  [[nodiscard]] Status Upsert(TrustEntry entry);
  // not_found when the issuer is not on the list.
  [[nodiscard]] Status Remove(std::string_view issuer);

  // Is `issuer` recognised for `credential_type`?
  [[nodiscard]] TrustDecision Lookup(std::string_view issuer, std::string_view credential_type) const;
  // Recognised for any of `credential_types` (a W3C credential's type array).
  [[nodiscard]] TrustDecision LookupAny(std::string_view issuer, const std::vector<std::string>& credential_types) const;
};

// Checks one entry (shape and limits); invalid_argument naming the member at fault.
[[nodiscard]] Status ValidateTrustEntry(const TrustEntry& entry);

}  // namespace vaardig::verifier
