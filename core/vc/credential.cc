#include "core/vc/credential.h"

#include <algorithm>
#include <utility>

#include "core/dataintegrity/date_time.h"
#include "core/vc/internal/json_checks.h"
#include "core/w3c/iri.h"

namespace vaardig::vc {

using internal::Element;
using internal::Member;
using internal::PathError;

bool IsAbsoluteUrl(std::string_view value) {
  if (!w3c::IsWellFormedIri(value)) return false;
  const std::size_t colon = value.find(':');
  return colon != std::string_view::npos && colon + 1 < value.size();
}

bool Credential::HasType(std::string_view type) const { return internal::Contains(types, type); }

namespace {

// §4.3: an array, first item exactly the VC 2.0 context, the rest URL strings or objects.
Result<std::vector<Json>> ReadContext(const Json& document, std::string_view path,
                                      const VcLimits& limits) {
  const std::string context_path = Member(path, "@context");
  const auto it = document.find("@context");
  if (it == document.end()) return PathError(context_path, "missing");
  if (!it->is_array() || it->empty()) return PathError(context_path, "must be a non-empty array");
  if (it->size() > limits.max_array_entries) {
    return Fail(ErrorCode::kResourceExhausted, context_path + ": too many entries");
  }
  if ((*it)[0] != kCredentialsV2Context) {
    return PathError(Element(context_path, 0),
                     "must be \"" + std::string(kCredentialsV2Context) + "\"");
  }
  std::vector<Json> context;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& entry = (*it)[i];
    if (entry.is_string()) {
      if (!IsAbsoluteUrl(entry.get<std::string>())) {
        return PathError(Element(context_path, i), "not an absolute URL");
      }
    } else if (!entry.is_object()) {
      return PathError(Element(context_path, i), "must be a URL or an object");
    }
    context.push_back(entry);
  }
  return context;
}

// §4.6 name / description: a string, a language value object ({"@value", "@language"?,
// "@direction"?}, §11.1) or an array of them. Yields the string, or the first @value.
Result<std::optional<std::string>> ReadDisplayText(const Json& object, std::string_view name,
                                                   std::string_view path) {
  const auto it = object.find(name);
  if (it == object.end()) return std::optional<std::string>();
  const std::string at = Member(path, name);
  if (it->is_string()) return std::optional<std::string>(it->get<std::string>());
  const auto language_value = [](const Json& v) {
    if (!v.is_object()) return false;
    const auto value = v.find("@value");
    if (value == v.end() || !value->is_string()) return false;
    for (const auto& [key, member] : v.items()) {
      if (key != "@value" && key != "@language" && key != "@direction") return false;
      if (!member.is_string()) return false;
    }
    return true;
  };
  if (language_value(*it)) return std::optional<std::string>((*it)["@value"].get<std::string>());
  if (it->is_array() && !it->empty() && std::all_of(it->begin(), it->end(), language_value)) {
    return std::optional<std::string>((*it)[0]["@value"].get<std::string>());
  }
  return PathError(at, "must be a string or language value objects");
}

// §4.7 issuer / §4.13 holder: a URL or an object with an id URL.
Result<Party> ReadParty(const Json& value, std::string_view path) {
  Party party;
  if (value.is_string()) {
    party.id = value.get<std::string>();
    if (!IsAbsoluteUrl(party.id)) return PathError(path, "not an absolute URL");
    return party;
  }
  if (!value.is_object()) return PathError(path, "must be a URL or an object with an id");
  VAARDIG_ASSIGN_OR_RETURN(party.id, internal::RequiredUrl(value, "id", path));
  VAARDIG_ASSIGN_OR_RETURN(party.name, ReadDisplayText(value, "name", path));
  party.object = value;
  return party;
}

Result<std::optional<std::int64_t>> ReadDateTime(const Json& document, std::string_view name,
                                                 std::string_view path) {
  VAARDIG_ASSIGN_OR_RETURN(auto text, internal::OptionalString(document, name, path));
  if (!text) return std::optional<std::int64_t>();
  auto seconds = dataintegrity::ParseDateTimeStamp(*text);
  if (!seconds) {
    return PathError(Member(path, name), "not an XML Schema dateTimeStamp with a time zone");
  }
  return std::optional<std::int64_t>(*seconds);
}

// credentialStatus (§4.10) and credentialSchema (§4.11) entries.
Result<std::vector<Json>> ReadTypedEntries(const Json& document, std::string_view name,
                                           std::string_view path, bool id_required,
                                           const VcLimits& limits) {
  std::vector<Json> out;
  const auto it = document.find(name);
  if (it == document.end()) return out;
  const std::string entries_path = Member(path, name);
  VAARDIG_ASSIGN_OR_RETURN(const auto entries,
                           internal::ObjectOrObjects(*it, entries_path, false, limits));
  const bool single = it->is_object();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string entry_path = single ? entries_path : Element(entries_path, i);
    VAARDIG_RETURN_IF_ERROR(internal::ReadTypes(*entries[i], entry_path, limits));
    if (id_required) {
      VAARDIG_RETURN_IF_ERROR(internal::RequiredUrl(*entries[i], "id", entry_path));
    } else {
      VAARDIG_RETURN_IF_ERROR(internal::OptionalUrl(*entries[i], "id", entry_path));
    }
    out.push_back(*entries[i]);
  }
  return out;
}

}  // namespace

namespace internal {

Result<Credential> ParseCredentialAt(const Json& json, std::string_view path,
                                     const VcLimits& limits) {
  if (!json.is_object()) return PathError(path, "a credential must be a JSON object");
  Credential credential;
  VAARDIG_ASSIGN_OR_RETURN(credential.context, ReadContext(json, path, limits));
  VAARDIG_ASSIGN_OR_RETURN(credential.types, ReadTypes(json, path, limits));
  if (!credential.HasType("VerifiableCredential")) {
    return PathError(Member(path, "type"), "must include \"VerifiableCredential\"");
  }
  VAARDIG_ASSIGN_OR_RETURN(credential.id, OptionalUrl(json, "id", path));
  const auto issuer = json.find("issuer");
  if (issuer == json.end()) return PathError(Member(path, "issuer"), "missing");
  VAARDIG_ASSIGN_OR_RETURN(credential.issuer, ReadParty(*issuer, Member(path, "issuer")));
  VAARDIG_ASSIGN_OR_RETURN(credential.name, ReadDisplayText(json, "name", path));
  VAARDIG_ASSIGN_OR_RETURN(credential.description, ReadDisplayText(json, "description", path));
  VAARDIG_ASSIGN_OR_RETURN(credential.valid_from, ReadDateTime(json, "validFrom", path));
  VAARDIG_ASSIGN_OR_RETURN(credential.valid_until, ReadDateTime(json, "validUntil", path));
  if (credential.valid_from && credential.valid_until &&
      *credential.valid_from > *credential.valid_until) {
    return PathError(Member(path, "validUntil"), "is before validFrom");
  }
  const auto subject = json.find("credentialSubject");
  const std::string subject_path = Member(path, "credentialSubject");
  if (subject == json.end()) return PathError(subject_path, "missing");
  VAARDIG_ASSIGN_OR_RETURN(const auto subjects,
                           ObjectOrObjects(*subject, subject_path, false, limits));
  for (const Json* s : subjects) credential.subjects.push_back(*s);
  VAARDIG_ASSIGN_OR_RETURN(credential.statuses,
                           ReadTypedEntries(json, "credentialStatus", path, false, limits));
  VAARDIG_ASSIGN_OR_RETURN(credential.schemas,
                           ReadTypedEntries(json, "credentialSchema", path, true, limits));
  return credential;
}

}  // namespace internal

Result<Credential> ParseCredential(const Json& json, const VcLimits& limits) {
  VAARDIG_RETURN_IF_ERROR(internal::CheckJsonLimits(json, limits));
  return internal::ParseCredentialAt(json, "", limits);
}

Result<Credential> ParseCredential(std::string_view json_text, const VcLimits& limits) {
  JsonLimits json_limits;
  json_limits.max_bytes = limits.max_bytes;
  json_limits.max_depth = limits.max_depth;
  VAARDIG_ASSIGN_OR_RETURN(const Json json, ParseJson(json_text, json_limits));
  return ParseCredential(json, limits);
}

Result<EnvelopedCredential> ParseEnvelopedCredentialId(std::string_view id) {
  constexpr std::string_view kScheme = "data:";
  const auto fail = [] { return Fail(ErrorCode::kInvalidArgument, "not a data: URL"); };
  if (id.substr(0, kScheme.size()) != kScheme) return fail();
  const std::string_view rest = id.substr(kScheme.size());
  const std::size_t comma = rest.find(',');
  if (comma == std::string_view::npos || comma + 1 == rest.size()) return fail();
  std::string_view header = rest.substr(0, comma);
  EnvelopedCredential out;
  out.data = std::string(rest.substr(comma + 1));
  constexpr std::string_view kBase64 = ";base64";
  if (header.size() >= kBase64.size() && header.substr(header.size() - kBase64.size()) == kBase64) {
    out.base64 = true;
    header.remove_suffix(kBase64.size());
  }
  const std::string_view media_type = header.substr(0, header.find(';'));
  const std::size_t slash = media_type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == media_type.size()) {
    return fail();
  }
  for (const char c : media_type) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '+' || c == '-' || c == '.';
    if (!ok) return fail();
  }
  out.media_type = std::string(media_type);
  for (const char c : out.data) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail();
  }
  return out;
}

namespace {

Result<EnvelopedCredential> ReadEnveloped(const Json& entry, std::string_view path) {
  const auto context = entry.find("@context");
  const std::string context_path = Member(path, "@context");
  if (context == entry.end()) return PathError(context_path, "missing");
  const bool starts_with_v2 =
      (context->is_string() && *context == kCredentialsV2Context) ||
      (context->is_array() && !context->empty() && (*context)[0] == kCredentialsV2Context);
  if (!starts_with_v2) {
    return PathError(context_path,
                     "must start with \"" + std::string(kCredentialsV2Context) + "\"");
  }
  VAARDIG_ASSIGN_OR_RETURN(const std::string id, internal::RequiredString(entry, "id", path));
  auto enveloped = ParseEnvelopedCredentialId(id);
  if (!enveloped) return PathError(Member(path, "id"), enveloped.error().message());
  return enveloped;
}

}  // namespace

Result<Presentation> ParsePresentation(const Json& json, const VcLimits& limits) {
  VAARDIG_RETURN_IF_ERROR(internal::CheckJsonLimits(json, limits));
  if (!json.is_object()) return PathError("", "a presentation must be a JSON object");
  Presentation presentation;
  VAARDIG_ASSIGN_OR_RETURN(presentation.context, ReadContext(json, "", limits));
  VAARDIG_ASSIGN_OR_RETURN(presentation.types, internal::ReadTypes(json, "", limits));
  if (!internal::Contains(presentation.types, "VerifiablePresentation")) {
    return PathError("type", "must include \"VerifiablePresentation\"");
  }
  VAARDIG_ASSIGN_OR_RETURN(presentation.id, internal::OptionalUrl(json, "id", ""));
  if (const auto holder = json.find("holder"); holder != json.end()) {
    VAARDIG_ASSIGN_OR_RETURN(presentation.holder, ReadParty(*holder, "holder"));
  }
  const auto credentials = json.find("verifiableCredential");
  if (credentials == json.end()) return presentation;
  VAARDIG_ASSIGN_OR_RETURN(
      const auto entries,
      internal::ObjectOrObjects(*credentials, "verifiableCredential", true, limits));
  if (entries.size() > limits.max_credentials) {
    return Fail(ErrorCode::kResourceExhausted, "verifiableCredential: more than " +
                                                   std::to_string(limits.max_credentials) +
                                                   " credentials");
  }
  const bool single = credentials->is_object();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string path = single ? "verifiableCredential" : Element("verifiableCredential", i);
    VAARDIG_ASSIGN_OR_RETURN(const auto types, internal::ReadTypes(*entries[i], path, limits));
    if (internal::Contains(types, "EnvelopedVerifiableCredential")) {
      VAARDIG_ASSIGN_OR_RETURN(auto enveloped, ReadEnveloped(*entries[i], path));
      presentation.enveloped.push_back(std::move(enveloped));
    } else {
      VAARDIG_ASSIGN_OR_RETURN(auto credential,
                               internal::ParseCredentialAt(*entries[i], path, limits));
      presentation.credentials.push_back(std::move(credential));
    }
  }
  return presentation;
}

Status CheckValidityPeriod(const Credential& credential, const Clock& clock,
                           std::int64_t skew_seconds) {
  const std::int64_t now = clock.NowSeconds();
  const auto format = [](std::int64_t t) {
    auto text = dataintegrity::FormatDateTimeStamp(t);
    return text ? *text : std::to_string(t);
  };
  if (credential.valid_from && now + skew_seconds < *credential.valid_from) {
    return Fail(ErrorCode::kFailedPrecondition,
                "not yet valid: validFrom is " + format(*credential.valid_from));
  }
  if (credential.valid_until && now - skew_seconds > *credential.valid_until) {
    return Fail(ErrorCode::kFailedPrecondition,
                "expired: validUntil was " + format(*credential.valid_until));
  }
  return Ok();
}

}  // namespace vaardig::vc
