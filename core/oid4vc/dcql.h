// The Digital Credentials Query Language (DCQL) of OpenID for Verifiable Presentations 1.0
// (https://openid.net/specs/openid-4-verifiable-presentations-1_0.html): the model, a strict
// parser, and the evaluation a wallet and a verifier need.
//
//   §6      DCQL query: `credentials` (REQUIRED, non-empty), `credential_sets` (OPTIONAL, non-empty).
//   §6.1    Credential Query: id ([A-Za-z0-9_-]+, unique), format, multiple (default false), meta
//           (REQUIRED object), trusted_authorities, require_cryptographic_holder_binding (default
//           true), claims (non-empty), claim_sets (non-empty; only with claims; every claim then
//           needs an id).
//   §6.2    Credential Set Query: options (non-empty array of non-empty id arrays), required
//           (default true).
//   §6.3    Claims Query: id, path (non-empty claims path pointer), values (non-empty array of
//           strings, integers or booleans).
//   §6.4    Selecting claims (the first satisfiable claim_set, in the Verifier's order of
//           preference) and credentials (all queries, or the required credential_sets).
//   §7      Claims path pointer: string = object member, non-negative integer = array index,
//           null = every element of the selected array(s); an mdoc path is exactly two strings.
//   App. B  `meta`: `vct_values` for dc+sd-jwt (B.3.5), `type_values` (array of type arrays) for
//           the W3C formats ldp_vc and jwt_vc_json (B.1.1).
//
// Unknown members are ignored (§6: "Implementations MUST ignore any unknown properties"), except
// inside `meta`, whose other members are kept so a query round-trips through DcqlQueryToJson.
// Every parse failure is invalid_argument naming the member at fault
// ("dcql_query.credentials[1].claims[0].path: ..."); a size limit hit is resource_exhausted.
// Values are plain data; functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::oid4vc {

// Limits on untrusted queries (a wallet parses what any verifier sends).
inline constexpr std::size_t kMaxCredentialQueries = 50;
inline constexpr std::size_t kMaxClaimsPerCredentialQuery = 100;
inline constexpr std::size_t kMaxClaimPathLength = 16;
inline constexpr std::size_t kMaxClaimSets = 50;         // per credential query
inline constexpr std::size_t kMaxCredentialSets = 50;
inline constexpr std::size_t kMaxOptionsPerSet = 50;     // per credential set, and ids per option
inline constexpr std::size_t kMaxClaimValues = 100;      // `values` of one claims query
inline constexpr std::size_t kMaxMetaValues = 100;       // vct_values, type_values and their inner arrays
inline constexpr std::size_t kMaxDcqlIdLength = 128;
inline constexpr std::size_t kMaxDcqlStringLength = 2048;  // format, path keys, values, types

// Credential Format Identifiers (Appendix B).
namespace formats {
inline constexpr std::string_view kDcSdJwt = "dc+sd-jwt";
inline constexpr std::string_view kLdpVc = "ldp_vc";
inline constexpr std::string_view kJwtVcJson = "jwt_vc_json";
inline constexpr std::string_view kMsoMdoc = "mso_mdoc";
}  // namespace formats

// One component of a claims path pointer (§7): a member name, an array index, or null (all
// elements of an array).
using ClaimPathComponent = std::variant<std::string, std::uint64_t, std::nullptr_t>;
using ClaimPathPointer = std::vector<ClaimPathComponent>;

// A path with no wildcard, as the SD-JWT layer takes it (same type as sdjwt::ClaimPath).
using ConcreteClaimPath = std::vector<std::variant<std::string, std::size_t>>;

[[nodiscard]] Json ClaimPathPointerToJson(const ClaimPathPointer& path);
// Text for messages, e.g. ["address","street_address"] or ["degrees",null,"type"].
[[nodiscard]] std::string FormatClaimPathPointer(const ClaimPathPointer& path);

struct ClaimsQuery {
  std::optional<std::string> id;
  ClaimPathPointer path;
  std::optional<std::vector<Json>> values;  // each a string, an integer or a boolean
};

struct CredentialMeta {
  std::optional<std::vector<std::string>> vct_values;
  std::optional<std::vector<std::vector<std::string>>> type_values;
  Json other = Json::object();  // remaining members of `meta`, as received
};

struct CredentialQuery {
  std::string id;
  std::string format;
  bool multiple = false;
  CredentialMeta meta;
  std::optional<Json> trusted_authorities;  // shape-checked (§6.1.1), not evaluated
  bool require_cryptographic_holder_binding = true;
  std::vector<ClaimsQuery> claims;                   // empty: `claims` absent
  std::vector<std::vector<std::string>> claim_sets;  // empty: `claim_sets` absent
};

struct CredentialSetQuery {
  std::vector<std::vector<std::string>> options;
  bool required = true;
};

struct DcqlQuery {
  std::vector<CredentialQuery> credentials;
  std::vector<CredentialSetQuery> credential_sets;  // empty: `credential_sets` absent

  // The credential query with this id, or nullptr.
  [[nodiscard]] const CredentialQuery* Find(std::string_view id) const;
};

// True when `id` is a valid DCQL identifier: 1..kMaxDcqlIdLength of [A-Za-z0-9_-].
[[nodiscard]] bool IsValidDcqlId(std::string_view id);

[[nodiscard]] Result<DcqlQuery> ParseDcqlQuery(const Json& query);
// The same model checks for a query built in code (a verifier's own configuration).
[[nodiscard]] Status ValidateDcqlQuery(const DcqlQuery& query);
[[nodiscard]] Json DcqlQueryToJson(const DcqlQuery& query);

// §7.1.1: the elements a claims path pointer selects in `root` (pointers into `root`, valid while
// it lives). An empty selection, or a component applied to the wrong JSON type, is not_found.
[[nodiscard]] Result<std::vector<const Json*>> SelectClaims(const Json& root, const ClaimPathPointer& path);
// The concrete paths (wildcards expanded) of the elements SelectClaims selects; not_found as there.
[[nodiscard]] Result<std::vector<ConcreteClaimPath>> ExpandClaimPath(const Json& root, const ClaimPathPointer& path);

// ---- Matching, for the wallet (§6.4) ----

// A held credential seen independently of its format. `claims` are the full claims the holder
// could disclose: for an SD-JWT VC the processed payload with every disclosure applied; for a W3C
// credential the credential itself (§B.1: paths start at the credential, not the presentation).
struct CandidateCredential {
  std::string format;
  std::optional<std::string> vct;  // SD-JWT VC
  std::vector<std::string> types;  // W3C `type` values (expanded IRIs and/or terms)
  Json claims;
  // False for a credential without a holder key (no `cnf`, no credentialSubject.id): it cannot
  // answer a query with require_cryptographic_holder_binding = true.
  bool supports_holder_binding = true;
};

struct CredentialMatch {
  std::size_t candidate = 0;  // index into the candidates span
  // The claim_sets entry chosen (the first satisfiable one); nullopt without claim_sets.
  std::optional<std::size_t> claim_set;
  // Claims to disclose: the claims queries' paths, in the query's order (empty when `claims` is
  // absent: only what is mandatory to present), and the same with wildcards expanded.
  std::vector<ClaimPathPointer> disclosed_paths;
  std::vector<ConcreteClaimPath> concrete_paths;
};

struct CredentialQueryMatch {
  std::string query_id;
  std::vector<CredentialMatch> matches;  // candidates in the order given
};

struct DcqlMatch {
  std::vector<CredentialQueryMatch> queries;  // one per credential query, in query order
  // Per credential set (same order): the first option whose queries all have a match.
  std::vector<std::optional<std::size_t>> credential_set_options;
  // All credential queries matched (no credential_sets), or every required set has an option.
  bool satisfied = false;
  // Ids of credential queries without any match, for messages.
  std::vector<std::string> unmatched_queries;
};

[[nodiscard]] DcqlMatch MatchDcqlQuery(const DcqlQuery& query, std::span<const CandidateCredential> candidates);

// True when the candidate's format and meta (vct_values / type_values) fit the query and it can
// give the holder binding the query requires; claims are not looked at.
[[nodiscard]] bool MatchesFormatAndMeta(const CredentialQuery& query, const CandidateCredential& candidate);

// ---- For the verifier (§8.6 step 2.2) ----

// Checks the claims a presentation disclosed against its credential query: without `claims` any
// presentation fits; otherwise every claims query (or, with claim_sets, every claims query of some
// claim set) selects at least one element, with an allowed value when `values` is given.
// failed_precondition naming the query and the missing claim's path (never its value).
[[nodiscard]] Status CheckPresentedClaims(const CredentialQuery& query, const Json& disclosed_claims);

}  // namespace vaardig::oid4vc
