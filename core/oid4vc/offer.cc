// OpenID4VCI 1.0 Credential Offer (§4.1) and its links. See offer.h.
#include "core/oid4vc/offer.h"

#include <set>
#include <utility>

#include "core/oid4vc/token.h"

namespace vaardig::oid4vc {
namespace {

constexpr std::string_view kAuthorizationCodeGrant = "authorization_code";
constexpr std::size_t kMaxDescriptionChars = 300;  // §4.1.1 tx_code.description
constexpr std::size_t kMaxIdentifierBytes = 2048;
constexpr std::size_t kMaxConfigurationIds = 64;

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool IsLowerAsciiPrefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A UTF-8 string's length in code points (the input is valid UTF-8: it came through ParseJson).
std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Result<std::string> NonEmptyString(const Json& object, std::string_view name, std::string_view where) {
  auto it = object.find(name);
  if (it == object.end()) return Fail(ErrorCode::kInvalidArgument, std::string(where) + " is missing '" + std::string(name) + "'");
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' must be a non-empty string");
  }
  if (it->get_ref<const std::string&>().size() > kMaxIdentifierBytes) {
    return Fail(ErrorCode::kInvalidArgument, std::string(where) + " member '" + std::string(name) + "' is too long");
  }
  return it->get<std::string>();
}

Result<TxCode> ParseTxCode(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "tx_code must be an object");
  TxCode tx;
  if (auto it = json.find("input_mode"); it != json.end()) {
    if (!it->is_string() || (*it != "numeric" && *it != "text")) {
      return Fail(ErrorCode::kInvalidArgument, "tx_code.input_mode must be \"numeric\" or \"text\"");
    }
    tx.input_mode = it->get<std::string>();
  }
  if (auto it = json.find("length"); it != json.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > 16) {
      return Fail(ErrorCode::kInvalidArgument, "tx_code.length must be an integer from 1 to 16");
    }
    tx.length = static_cast<int>(it->get<std::int64_t>());
  }
  if (auto it = json.find("description"); it != json.end()) {
    if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, "tx_code.description must be a string");
    if (CodePoints(it->get_ref<const std::string&>()) > kMaxDescriptionChars) {
      return Fail(ErrorCode::kInvalidArgument, "tx_code.description is longer than 300 characters");
    }
    tx.description = it->get<std::string>();
  }
  return tx;
}

}  // namespace

bool IsAcceptableHttpsUrl(std::string_view url, bool allow_query) {
  std::string_view rest;
  bool https = false;
  if (IsLowerAsciiPrefix(url, "https://")) {
    rest = url.substr(8);
    https = true;
  } else if (IsLowerAsciiPrefix(url, "http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (url.size() > kMaxIdentifierBytes) return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '\\') return false;
  }
  if (url.find('#') != std::string_view::npos) return false;
  if (!allow_query && url.find('?') != std::string_view::npos) return false;
  const std::size_t end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, end);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  std::string_view host = authority;
  std::string_view port;
  if (host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    const std::string_view after = host.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
    if (!after.empty()) port = after.substr(1);
    host = host.substr(0, close + 1);
  } else if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
    if (port.empty()) return false;
  }
  if (host.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
  }
  if (https) return true;
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return Fail(ErrorCode::kInvalidArgument, "truncated percent-encoding");
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return Fail(ErrorCode::kInvalidArgument, "invalid percent-encoding");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

Json CredentialOfferToJson(const CredentialOffer& offer) {
  Json j = Json::object();
  j["credential_issuer"] = offer.credential_issuer;
  j["credential_configuration_ids"] = offer.credential_configuration_ids;
  Json grants = Json::object();
  if (offer.issuer_state.has_value() || offer.authorization_code_grant) {
    Json grant = Json::object();
    if (offer.issuer_state.has_value() && !offer.issuer_state->empty()) grant["issuer_state"] = *offer.issuer_state;
    grants[std::string(kAuthorizationCodeGrant)] = std::move(grant);
  }
  if (offer.pre_authorized_code.has_value()) {
    Json grant = Json::object();
    grant["pre-authorized_code"] = offer.pre_authorized_code->pre_authorized_code;
    if (const auto& tx = offer.pre_authorized_code->tx_code; tx.has_value()) {
      Json t = Json::object();
      if (tx->length) t["length"] = *tx->length;
      if (tx->input_mode) t["input_mode"] = *tx->input_mode;
      if (tx->description) t["description"] = *tx->description;
      grant["tx_code"] = std::move(t);
    }
    grants[std::string(kPreAuthorizedCodeGrantType)] = std::move(grant);
  }
  if (!grants.empty()) j["grants"] = std::move(grants);
  return j;
}

Result<CredentialOffer> ParseCredentialOffer(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "credential offer must be a JSON object");
  CredentialOffer offer;
  VAARDIG_ASSIGN_OR_RETURN(offer.credential_issuer, NonEmptyString(json, "credential_issuer", "credential offer"));
  if (!IsAcceptableHttpsUrl(offer.credential_issuer, /*allow_query=*/false)) {
    return Fail(ErrorCode::kInvalidArgument,
                "credential offer member 'credential_issuer' must be an https URL without query or fragment");
  }
  auto ids = json.find("credential_configuration_ids");
  if (ids == json.end() || !ids->is_array() || ids->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "credential offer member 'credential_configuration_ids' must be a non-empty array");
  }
  if (ids->size() > kMaxConfigurationIds) {
    return Fail(ErrorCode::kInvalidArgument, "credential offer member 'credential_configuration_ids' has too many entries");
  }
  std::set<std::string> seen;
  for (const Json& id : *ids) {
    if (!id.is_string() || id.get_ref<const std::string&>().empty() || id.get_ref<const std::string&>().size() > kMaxIdentifierBytes) {
      return Fail(ErrorCode::kInvalidArgument, "credential_configuration_ids entries must be non-empty strings");
    }
    if (!seen.insert(id.get<std::string>()).second) {
      return Fail(ErrorCode::kInvalidArgument, "credential_configuration_ids contains '" + id.get<std::string>() + "' twice");
    }
    offer.credential_configuration_ids.push_back(id.get<std::string>());
  }
  auto grants = json.find("grants");
  if (grants == json.end()) {
    // §4.1.1 lets the wallet then use issuer metadata to decide; we only issue with a grant.
    return Fail(ErrorCode::kInvalidArgument, "credential offer has no 'grants'");
  }
  if (!grants->is_object()) return Fail(ErrorCode::kInvalidArgument, "credential offer member 'grants' must be an object");
  if (auto pre = grants->find(kPreAuthorizedCodeGrantType); pre != grants->end()) {
    if (!pre->is_object()) return Fail(ErrorCode::kInvalidArgument, "pre-authorized_code grant must be an object");
    PreAuthorizedCodeGrant grant;
    VAARDIG_ASSIGN_OR_RETURN(grant.pre_authorized_code, NonEmptyString(*pre, "pre-authorized_code", "pre-authorized_code grant"));
    if (auto tx = pre->find("tx_code"); tx != pre->end()) {
      VAARDIG_ASSIGN_OR_RETURN(grant.tx_code, ParseTxCode(*tx));
    }
    if (auto as = pre->find("authorization_server"); as != pre->end() && (!as->is_string() || !IsAcceptableHttpsUrl(as->get<std::string>()))) {
      return Fail(ErrorCode::kInvalidArgument, "pre-authorized_code grant member 'authorization_server' must be an https URL");
    }
    offer.pre_authorized_code = std::move(grant);
  }
  if (auto code = grants->find(kAuthorizationCodeGrant); code != grants->end()) {
    if (!code->is_object()) return Fail(ErrorCode::kInvalidArgument, "authorization_code grant must be an object");
    offer.authorization_code_grant = true;
    if (code->contains("issuer_state")) {
      VAARDIG_ASSIGN_OR_RETURN(offer.issuer_state, NonEmptyString(*code, "issuer_state", "authorization_code grant"));
    }
  }
  if (!offer.pre_authorized_code.has_value() && !offer.authorization_code_grant) {
    return Fail(ErrorCode::kInvalidArgument,
                "credential offer 'grants' has neither a pre-authorized_code nor an authorization_code grant");
  }
  return offer;
}

std::string CredentialOfferLinkByValue(const CredentialOffer& offer) {
  return std::string(kCredentialOfferScheme) + "?credential_offer=" + PercentEncode(DumpJson(CredentialOfferToJson(offer)));
}

std::string CredentialOfferLinkByReference(std::string_view offer_uri) {
  return std::string(kCredentialOfferScheme) + "?credential_offer_uri=" + PercentEncode(offer_uri);
}

Result<OfferLink> ParseCredentialOfferLink(std::string_view link, std::size_t max_length) {
  if (link.size() > max_length) {
    return Fail(ErrorCode::kResourceExhausted, "credential offer link is longer than " + std::to_string(max_length) + " bytes");
  }
  if (!StartsWith(link, kCredentialOfferScheme) && !IsLowerAsciiPrefix(link, "https://")) {
    return Fail(ErrorCode::kInvalidArgument, "credential offer link must start with openid-credential-offer:// or https://");
  }
  const std::size_t q = link.find('?');
  if (q == std::string_view::npos) return Fail(ErrorCode::kInvalidArgument, "credential offer link has no query");
  std::string_view query = link.substr(q + 1);
  if (const std::size_t hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  std::optional<std::string> by_value;
  std::optional<std::string> by_reference;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    VAARDIG_ASSIGN_OR_RETURN(std::string name, PercentDecode(pair.substr(0, eq)));
    std::optional<std::string>* target = name == "credential_offer"       ? &by_value
                                         : name == "credential_offer_uri" ? &by_reference
                                                                          : nullptr;
    if (target == nullptr) continue;
    if (target->has_value()) return Fail(ErrorCode::kInvalidArgument, "credential offer link repeats '" + name + "'");
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!value) return Fail(ErrorCode::kInvalidArgument, "credential offer link parameter '" + name + "': " + value.error().message());
    *target = std::move(*value);
  }
  if (by_value.has_value() == by_reference.has_value()) {
    return Fail(ErrorCode::kInvalidArgument,
                "credential offer link must carry exactly one of credential_offer and credential_offer_uri");
  }
  OfferLink result;
  if (by_reference.has_value()) {
    if (!IsAcceptableHttpsUrl(*by_reference)) {
      return Fail(ErrorCode::kInvalidArgument, "credential_offer_uri must be an https URL");
    }
    result.offer_uri = std::move(*by_reference);
    return result;
  }
  auto json = ParseJson(*by_value, JsonLimits{.max_bytes = max_length, .max_depth = 16});
  if (!json) return Fail(ErrorCode::kInvalidArgument, "credential_offer is not valid JSON: " + json.error().message());
  VAARDIG_ASSIGN_OR_RETURN(result.offer, ParseCredentialOffer(*json));
  return result;
}

}  // namespace vaardig::oid4vc
