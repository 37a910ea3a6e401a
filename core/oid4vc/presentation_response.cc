// direct_post Authorization Responses (OpenID4VP 1.0 §8.1, §8.2, §8.5, §8.6).
#include "core/oid4vc/presentation_response.h"

#include <algorithm>
#include <set>

#include "core/oid4vc/internal/vp_url.h"

namespace vaardig::oid4vc {
namespace {

std::unexpected<OAuthError> BadRequest(std::string description) {
  return OAuthFail(errors::kInvalidRequest, std::move(description));
}

// RFC 6749 §4.1.2.1: error and error_description use %x20-21 / %x23-5B / %x5D-7E.
bool IsErrorText(std::string_view text, bool allow_space) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E || c == '"' || c == '\\' || (!allow_space && c == ' ')) return false;
  }
  return true;
}

OAuthResult<std::map<std::string, std::vector<Json>>> ParseVpToken(const std::string& text) {
  JsonLimits limits;
  limits.max_bytes = kMaxDirectPostBytes;
  limits.max_depth = 64;
  auto parsed = ParseJson(text, limits);
  if (!parsed) return BadRequest("vp_token is not valid JSON: " + parsed.error().message());
  if (!parsed->is_object()) return BadRequest("vp_token must be a JSON object keyed by credential query id");
  if (parsed->empty()) return BadRequest("vp_token must not be empty");
  if (parsed->size() > kMaxVpTokenIds) {
    return BadRequest("vp_token has more than " + std::to_string(kMaxVpTokenIds) + " credential query ids");
  }
  std::map<std::string, std::vector<Json>> out;
  for (auto& [id, value] : parsed->items()) {
    if (!IsValidDcqlId(id)) return BadRequest("vp_token: '" + id.substr(0, 64) + "' is not a credential query id");
    if (!value.is_array() || value.empty()) {
      return BadRequest("vp_token." + id + " must be a non-empty array of presentations (OpenID4VP 1.0 §8.1)");
    }
    if (value.size() > kMaxPresentationsPerId) {
      return BadRequest("vp_token." + id + " has more than " + std::to_string(kMaxPresentationsPerId) + " presentations");
    }
    std::vector<Json> presentations;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Json& p = value[i];
      const bool ok = (p.is_string() && !p.get_ref<const std::string&>().empty()) || (p.is_object() && !p.empty());
      if (!ok) return BadRequest("vp_token." + id + "[" + std::to_string(i) + "] must be a non-empty string or object");
      presentations.push_back(p);
    }
    out.emplace(id, std::move(presentations));
  }
  return out;
}

}  // namespace

Json VpTokenToJson(const VpResponse& response) {
  Json token = Json::object();
  for (const auto& [id, presentations] : response.vp_token) token[id] = presentations;
  return token;
}

std::vector<std::pair<std::string, std::string>> DirectPostForm(const VpResponse& response) {
  std::vector<std::pair<std::string, std::string>> form = {{"vp_token", DumpJson(VpTokenToJson(response))}};
  if (response.state) form.emplace_back("state", *response.state);
  return form;
}

std::vector<std::pair<std::string, std::string>> DirectPostForm(const VpErrorResponse& response) {
  std::vector<std::pair<std::string, std::string>> form = {{"error", response.error}};
  if (response.error_description) form.emplace_back("error_description", *response.error_description);
  if (response.state) form.emplace_back("state", *response.state);
  return form;
}

std::string EncodeForm(const std::vector<std::pair<std::string, std::string>>& pairs) {
  return vp_internal::BuildQuery(pairs);
}

OAuthResult<DirectPostResponse> ParseDirectPostResponse(std::span<const std::pair<std::string, std::string>> form) {
  std::size_t total = 0;
  std::set<std::string_view> seen;
  const std::string* vp_token = nullptr;
  const std::string* error = nullptr;
  const std::string* description = nullptr;
  const std::string* state = nullptr;
  for (const auto& [name, value] : form) {
    total += name.size() + value.size();
    if (total > kMaxDirectPostBytes) return BadRequest("the response is larger than 1 MiB");
    if (!seen.insert(name).second) return BadRequest("parameter " + name.substr(0, 64) + " appears twice");
    if (name == "vp_token") {
      vp_token = &value;
    } else if (name == "error") {
      error = &value;
    } else if (name == "error_description") {
      description = &value;
    } else if (name == "state") {
      state = &value;
    } else if (name == "response") {
      return BadRequest("encrypted responses (response_mode direct_post.jwt) are not supported");
    }
  }
  std::optional<std::string> parsed_state;
  if (state) {
    if (state->empty() || state->size() > 512 || !vp_internal::IsUrlSafe(*state)) {
      return BadRequest("state must be 1 to 512 ASCII URL safe characters");
    }
    parsed_state = *state;
  }
  if (vp_token && error) return BadRequest("vp_token and error must not both be present");
  if (error) {
    if (error->empty() || error->size() > 128 || !IsErrorText(*error, false)) {
      return BadRequest("error must be a short error code");
    }
    VpErrorResponse out{*error, std::nullopt, parsed_state};
    if (description) {
      if (description->size() > kMaxErrorDescriptionLength || !IsErrorText(*description, true)) {
        return BadRequest("error_description must be at most 1024 printable ASCII characters");
      }
      out.error_description = *description;
    }
    return out;
  }
  if (!vp_token) return BadRequest("vp_token is required");
  VpResponse out;
  VAARDIG_ASSIGN_OR_RETURN(out.vp_token, ParseVpToken(*vp_token));
  out.state = std::move(parsed_state);
  return out;
}

OAuthResult<void> CheckVpTokenAgainstQuery(const VpResponse& response, const DcqlQuery& query) {
  for (const auto& [id, presentations] : response.vp_token) {
    const CredentialQuery* credential = query.Find(id);
    if (!credential) return BadRequest("vp_token." + id + " answers no credential query of the request");
    if (!credential->multiple && presentations.size() != 1) {
      return BadRequest("vp_token." + id + " must hold exactly one presentation (multiple is false)");
    }
  }
  const auto present = [&](const std::string& id) { return response.vp_token.contains(id); };
  if (query.credential_sets.empty()) {
    for (const CredentialQuery& credential : query.credentials) {
      if (!present(credential.id)) return BadRequest("vp_token lacks credential query " + credential.id);
    }
    return {};
  }
  for (std::size_t s = 0; s < query.credential_sets.size(); ++s) {
    const CredentialSetQuery& set = query.credential_sets[s];
    if (!set.required) continue;
    const bool satisfied = std::any_of(set.options.begin(), set.options.end(), [&](const auto& option) {
      return std::all_of(option.begin(), option.end(), present);
    });
    if (!satisfied) {
      return BadRequest("vp_token satisfies no option of required credential set " + std::to_string(s));
    }
  }
  return {};
}

}  // namespace vaardig::oid4vc
