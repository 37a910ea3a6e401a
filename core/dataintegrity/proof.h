// The Data Integrity proof object (W3C VC Data Integrity 1.0 §2.1,
// https://www.w3.org/TR/vc-data-integrity/#proofs) for type DataIntegrityProof: the options a
// signer chooses, and the validated view a verifier reads.
//
// Members written and read: type, id, cryptosuite, created, expires, verificationMethod,
// proofPurpose, challenge, domain, nonce, previousProof, @context (eddsa-jcs-2022), proofValue.
// Other members of a received proof are kept in the signed proof configuration but not
// interpreted. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/encoding/json.h"

namespace vaardig::dataintegrity {

// A verificationMethod, id, previousProof entry, challenge, domain or nonce longer than this:
// invalid_argument (they are URLs and short strings).
inline constexpr std::size_t kMaxProofStringBytes = 2048;
// previousProof entries per proof.
inline constexpr std::size_t kMaxPreviousProofs = 16;

// Proof options (type is always DataIntegrityProof).
struct ProofOptions {
  Cryptosuite cryptosuite = Cryptosuite::kEddsaJcs2022;
  std::string verification_method;               // a URL: "did:key:z6Mk...#z6Mk..."
  std::string proof_purpose = "assertionMethod";
  std::optional<std::string> created{};          // dateTimeStamp, e.g. FormatDateTimeStamp(now)
  std::optional<std::string> id{};               // a URL; needed for others to chain to this proof
  std::optional<std::string> expires{};          // dateTimeStamp
  std::optional<std::string> challenge{};
  std::optional<std::string> domain{};
  std::optional<std::string> nonce{};
  // Ids of earlier proofs in the set this proof chains to. One id is written as a string,
  // several as an array (the W3C vectors use both forms).
  std::vector<std::string> previous_proof{};
};

// The proof object without proofValue, members in the order the W3C vectors use: type, id,
// cryptosuite, created, expires, verificationMethod, proofPurpose, challenge, domain, nonce,
// previousProof. Empty verificationMethod or proofPurpose, a malformed created/expires, a string
// over kMaxProofStringBytes, more than kMaxPreviousProofs ids or an empty id: invalid_argument.
[[nodiscard]] Result<Json> ProofOptionsToJson(const ProofOptions& options);

// A received proof, checked for shape.
struct ParsedProof {
  Cryptosuite cryptosuite = Cryptosuite::kEddsaJcs2022;
  std::string verification_method;
  std::string proof_purpose;
  std::optional<std::string> id;
  std::optional<std::int64_t> created;  // Unix seconds
  std::optional<std::int64_t> expires;  // Unix seconds
  std::optional<std::string> challenge;
  std::vector<std::string> domain;          // a string or an array of strings
  std::vector<std::string> previous_proof;  // a string or an array of strings
  crypto::Ed25519Signature signature{};
  Json config;  // the proof without proofValue
};

// Checks one proof object:
//  - not an object, type/verificationMethod/proofPurpose/proofValue missing or not a string,
//    cryptosuite missing or not a string, malformed optional members (created/expires not a
//    dateTimeStamp, domain/previousProof not a string or array of strings, too long): invalid_argument;
//  - type other than DataIntegrityProof (e.g. Ed25519Signature2020), an unknown cryptosuite:
//    unimplemented;
//  - proofValue not 'z' base58btc of exactly 64 bytes: invalid_argument.
[[nodiscard]] Result<ParsedProof> ParseProof(const Json& proof);

}  // namespace vaardig::dataintegrity
