// OpenID4VCI 1.0 (Final) Credential Offer (§4.1) and the links that carry it (§4.1.2, §4.1.3).
//
// A Credential Offer tells a wallet which credentials an issuer will issue and how to get them:
//
//   {"credential_issuer": "https://issuer.example",
//    "credential_configuration_ids": ["SkillCredential_sd_jwt"],
//    "grants": {"urn:ietf:params:oauth:grant-type:pre-authorized_code":
//                 {"pre-authorized_code": "...", "tx_code": {"input_mode": "numeric", "length": 6}},
//               "authorization_code": {"issuer_state": "..."}}}
//
// Parsing is strict: the Credential Issuer Identifier must be an https URL without query or fragment
// (http only for the loopback hosts 127.0.0.1, localhost and [::1], for tests and local demos), the
// configuration ids non-empty, unique strings, at least one grant we understand, and a tx_code's
// input_mode "numeric" or "text" and length 1..16. Errors are invalid_argument naming the member at
// fault; descriptions never contain the pre-authorized code or the issuer_state. Pure functions,
// thread-safe, no exception escapes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::oid4vc {

// §4.1.1 tx_code: the Transaction Code the wallet must send with the pre-authorized code.
struct TxCode {
  std::optional<std::string> input_mode;  // "numeric" | "text"; absent means "numeric"
  std::optional<int> length;              // 1..16 when present
  std::optional<std::string> description;  // at most 300 characters (§4.1.1)
};

// §4.1.1 grants["urn:ietf:params:oauth:grant-type:pre-authorized_code"].
struct PreAuthorizedCodeGrant {
  std::string pre_authorized_code;
  std::optional<TxCode> tx_code;
};

struct CredentialOffer {
  std::string credential_issuer;
  std::vector<std::string> credential_configuration_ids;
  std::optional<PreAuthorizedCodeGrant> pre_authorized_code;
  // grants["authorization_code"].issuer_state. An authorization_code grant without issuer_state is
  // represented by authorization_code_grant = true and issuer_state empty.
  std::optional<std::string> issuer_state;
  bool authorization_code_grant = false;  // set by the parser; ToJson also emits the grant when true
};

// The JSON object of §4.1.1 (members in the order of the spec's examples, tx_code: length, input_mode, description).
[[nodiscard]] Json CredentialOfferToJson(const CredentialOffer& offer);

// Strict parse of a Credential Offer object (§4.1.1); see the file comment.
[[nodiscard]] Result<CredentialOffer> ParseCredentialOffer(const Json& json);

// True for an https URL, or an http URL whose host is 127.0.0.1, localhost or [::1]; never with a
// fragment. `allow_query` false also refuses a query (Credential Issuer Identifiers, §12.2.1).
[[nodiscard]] bool IsAcceptableHttpsUrl(std::string_view url, bool allow_query = true);

inline constexpr std::string_view kCredentialOfferScheme = "openid-credential-offer://";

// §4.1.2 by value: openid-credential-offer://?credential_offer=<percent-encoded JSON>.
[[nodiscard]] std::string CredentialOfferLinkByValue(const CredentialOffer& offer);
// §4.1.3 by reference: openid-credential-offer://?credential_offer_uri=<percent-encoded URI>.
[[nodiscard]] std::string CredentialOfferLinkByReference(std::string_view offer_uri);

// Exactly one of offer and offer_uri is set.
struct OfferLink {
  std::optional<CredentialOffer> offer;
  std::optional<std::string> offer_uri;
};

// Accepts openid-credential-offer:// links and https:// links (a wallet's universal link) whose
// query carries exactly one of credential_offer / credential_offer_uri (§4.1). Rejects both or
// neither, a repeated parameter, other schemes, input over max_length bytes, bad percent-encoding,
// malformed JSON or an invalid offer, and a credential_offer_uri that is not https (loopback http
// allowed) — all invalid_argument (resource_exhausted for over-long input) with clear messages.
[[nodiscard]] Result<OfferLink> ParseCredentialOfferLink(std::string_view link, std::size_t max_length = 8192);

// RFC 3986 percent-encoding of everything outside the unreserved set (ALPHA DIGIT - . _ ~), and
// its strict inverse ('+' is a space, as in application/x-www-form-urlencoded; a '%' not followed
// by two hex digits is invalid_argument). Shared with token.h.
[[nodiscard]] std::string PercentEncode(std::string_view text);
[[nodiscard]] Result<std::string> PercentDecode(std::string_view text);

}  // namespace vaardig::oid4vc
