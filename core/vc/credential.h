// The W3C Verifiable Credentials Data Model 2.0 (https://www.w3.org/TR/vc-data-model-2.0/):
// credentials and presentations as validated models, kept apart from their JSON syntax.
//
// ParseCredential checks the JSON of a credential (secured or not; a proof is not checked here,
// that is core/dataintegrity's job) against VCDM 2.0 §4:
//  - @context (§4.3): an array whose first item is exactly "https://www.w3.org/ns/credentials/v2",
//    the others strings (URLs) or objects;
//  - type (§4.5): a string or an array of strings including "VerifiableCredential";
//  - id (§4.4), when present: a URL;
//  - name, description (§4.6), also the issuer's name: a string, a language value object or an
//    array of them (§11.1);
//  - issuer (§4.7): a URL, or an object whose id is a URL (other members kept as given);
//  - validFrom / validUntil (§4.9): XML Schema dateTimeStamp (a time zone required), and
//    validFrom <= validUntil when both are present;
//  - credentialSubject (§4.8): an object or a non-empty array of objects;
//  - credentialStatus (§4.10), credentialSchema (§4.11): an object or an array of objects, each
//    with a type (string or strings); a status id, when present, and a schema id (required): URLs.
// ParsePresentation checks a presentation (§4.13): @context as above, type including
// "VerifiablePresentation", optional id (URL), optional holder (a URL or an object with an id URL),
// and each verifiableCredential entry an object: an EnvelopedVerifiableCredential (§4.13.1,
// whose id is a data: URL such as "data:application/vc+jwt,<jwt>") or an embedded credential,
// parsed with ParseCredential.
//
// Errors: invalid_argument whose message starts with the JSON path at fault, e.g.
// "credentialSubject[1]: must be an object", "verifiableCredential[0].id: not a data: URL";
// input over VcLimits: resource_exhausted. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::vc {

inline constexpr std::string_view kCredentialsV2Context = "https://www.w3.org/ns/credentials/v2";

struct VcLimits {
  std::size_t max_depth = 32;           // JSON nesting of the whole document
  std::size_t max_nodes = 20'000;       // JSON values in the whole document
  std::size_t max_bytes = 1 << 20;      // JSON text given to the string overloads
  std::size_t max_array_entries = 256;  // subjects, statuses, schemas, contexts, types, ...
  std::size_t max_credentials = 32;     // verifiableCredential entries of a presentation
};

// An issuer or a holder: a URL, or an object with an id URL and more.
struct Party {
  std::string id;
  std::optional<std::string> name;  // "name" of an object form (the first @value of a language map)
  Json object;                      // the object form as given; null for the URL form
};

struct Credential {
  std::vector<Json> context;  // as given; context[0] is kCredentialsV2Context
  std::optional<std::string> id;
  std::vector<std::string> types;
  Party issuer;
  std::optional<std::string> name;         // a string, or the first language value's @value
  std::optional<std::string> description;  // likewise
  std::optional<std::int64_t> valid_from;   // Unix seconds
  std::optional<std::int64_t> valid_until;  // Unix seconds
  std::vector<Json> subjects;               // credentialSubject, always as a list
  std::vector<Json> statuses;               // credentialStatus, as a list
  std::vector<Json> schemas;                // credentialSchema, as a list

  [[nodiscard]] bool HasType(std::string_view type) const;
};

// An EnvelopedVerifiableCredential: the credential travels as the data of a data: URL.
struct EnvelopedCredential {
  std::string media_type;  // "application/vc+jwt"
  bool base64 = false;     // ";base64" given
  std::string data;        // after the comma, as given (not percent-decoded)
};

struct Presentation {
  std::vector<Json> context;
  std::optional<std::string> id;
  std::vector<std::string> types;
  std::optional<Party> holder;
  std::vector<Credential> credentials;         // embedded credentials, in order
  std::vector<EnvelopedCredential> enveloped;  // enveloped credentials, in order
};

[[nodiscard]] Result<Credential> ParseCredential(const Json& json, const VcLimits& limits = {});
// ParseJson (max_bytes and max_depth from `limits`, duplicates rejected) then the above.
[[nodiscard]] Result<Credential> ParseCredential(std::string_view json_text,
                                                 const VcLimits& limits = {});
[[nodiscard]] Result<Presentation> ParsePresentation(const Json& json, const VcLimits& limits = {});

// "data:<type>/<subtype>[;params][;base64],<data>" with a non-empty media type and data;
// invalid_argument "not a data: URL" otherwise.
[[nodiscard]] Result<EnvelopedCredential> ParseEnvelopedCredentialId(std::string_view id);

// The validity period (§4.9) at clock.NowSeconds(), allowing `skew_seconds` either side:
// failed_precondition "not yet valid: ..." before validFrom, "expired: ..." after validUntil.
[[nodiscard]] Status CheckValidityPeriod(const Credential& credential, const Clock& clock,
                                         std::int64_t skew_seconds = 0);

// True for a URL as VCDM 2.0 and Open Badges use the word: an RFC 3986 scheme, something after
// it, and none of the characters an IRI excludes (w3c::IsWellFormedIri).
[[nodiscard]] bool IsAbsoluteUrl(std::string_view value);

}  // namespace vaardig::vc
