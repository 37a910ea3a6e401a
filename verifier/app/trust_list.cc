#include "verifier/app/trust_list.h"

#include <algorithm>
#include <utility>

#include "core/common/bytes.h"
#include "core/jose/jws.h"

namespace vaardig::verifier {
namespace {

// http://127.0.0.1, http://localhost or http://[::1], with an optional port and path.
bool IsLoopbackHttp(std::string_view id) {
  std::string_view rest = id.substr(std::string_view("http://").size());
  for (std::string_view host : {"127.0.0.1", "localhost", "[::1]"}) {
    if (rest.starts_with(host)) {
      rest.remove_prefix(host.size());
      return rest.empty() || rest.front() == ':' || rest.front() == '/';
    }
  }
  return false;
}

constexpr std::size_t kMaxIdBytes = 2048;
constexpr std::size_t kMaxNameBytes = 512;
constexpr std::size_t kMaxTypesPerEntry = 64;

bool IsLowerHex(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<std::string> StringMember(const Json& object, const char* member, std::string_view where, bool required) {
  const auto it = object.find(member);
  if (it == object.end()) {
    if (required) return Fail(ErrorCode::kInvalidArgument, std::string(where) + "." + member + " is missing");
    return std::string();
  }
  if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, std::string(where) + "." + member + " must be a string");
  return it->get<std::string>();
}

Result<TrustEntry> EntryFromJson(const Json& json, std::size_t index) {
  const std::string where = "entries[" + std::to_string(index) + "]";
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, where + " must be an object");
  for (const auto& [key, value] : json.items()) {
    if (key != "issuer" && key != "name" && key != "credential_types" && key != "note") {
      return Fail(ErrorCode::kInvalidArgument, where + " has an unknown member '" + key + "'");
    }
  }
  TrustEntry entry;
  VAARDIG_ASSIGN_OR_RETURN(entry.issuer, StringMember(json, "issuer", where, true));
  VAARDIG_ASSIGN_OR_RETURN(entry.name, StringMember(json, "name", where, true));
  VAARDIG_ASSIGN_OR_RETURN(entry.note, StringMember(json, "note", where, false));
  const auto types = json.find("credential_types");
  if (types == json.end() || !types->is_array()) {
    return Fail(ErrorCode::kInvalidArgument, where + ".credential_types must be an array of strings");
  }
  for (const Json& type : *types) {
    if (!type.is_string()) return Fail(ErrorCode::kInvalidArgument, where + ".credential_types must be an array of strings");
    entry.credential_types.push_back(type.get<std::string>());
  }
  if (Status valid = ValidateTrustEntry(entry); !valid) return Fail(valid.error().WithContext(where));
  return entry;
}

}  // namespace

Status ValidateTrustEntry(const TrustEntry& entry) {
  const std::string& id = entry.issuer;
  if (id.empty() || id.size() > kMaxIdBytes) {
    return Fail(ErrorCode::kInvalidArgument, "issuer must be 1 to " + std::to_string(kMaxIdBytes) + " bytes");
  }
  if (id.starts_with(kX509RootPrefix)) {
    const std::string_view hex = std::string_view(id).substr(kX509RootPrefix.size());
    if (hex.size() != 64 || !IsLowerHex(hex)) {
      return Fail(ErrorCode::kInvalidArgument, "issuer '" + id + "' must be x509-sha256: and 64 lowercase hex digits");
    }
  } else if (id.starts_with("did:")) {
    if (id.find_first_of(" \t\r\n#?") != std::string::npos || std::ranges::count(id, ':') < 2) {
      return Fail(ErrorCode::kInvalidArgument, "issuer '" + id + "' is not a DID");
    }
  } else if (id.starts_with("https://")) {
    if (id.size() == 8 || id.find_first_of(" \t\r\n#?") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "issuer '" + id + "' is not an HTTPS issuer identifier");
    }
  } else if (id.starts_with("http://")) {
    // Plain http only on this machine (local demos and tests); the verifier still needs
    // fetch.allow_http_loopback to reach it.
    if (!IsLoopbackHttp(id) || id.find_first_of(" \t\r\n#?") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "issuer '" + id +
                                                   "' must be a DID, an https:// identifier or x509-sha256:<hex> "
                                                   "(plain http only for 127.0.0.1, localhost or [::1])");
    }
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                "issuer '" + id + "' must be a DID, an https:// identifier or x509-sha256:<hex>");
  }
  if (entry.name.empty() || entry.name.size() > kMaxNameBytes) {
    return Fail(ErrorCode::kInvalidArgument, "name must be 1 to " + std::to_string(kMaxNameBytes) + " bytes");
  }
  if (entry.note.size() > kMaxNameBytes) {
    return Fail(ErrorCode::kInvalidArgument, "note must be at most " + std::to_string(kMaxNameBytes) + " bytes");
  }
  if (entry.credential_types.empty() || entry.credential_types.size() > kMaxTypesPerEntry) {
    return Fail(ErrorCode::kInvalidArgument, "credential_types must hold 1 to " + std::to_string(kMaxTypesPerEntry) +
                                                 " types (\"*\" for every type)");
  }
  for (const std::string& type : entry.credential_types) {
    if (type.empty() || type.size() > kMaxIdBytes) {
      return Fail(ErrorCode::kInvalidArgument, "credential_types: every type must be 1 to " +
                                                   std::to_string(kMaxIdBytes) + " bytes");
    }
  }
  return Ok();
}

Result<TrustList> TrustList::FromJson(const Json& json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "a trust list must be a JSON object");
  for (const auto& [key, value] : json.items()) {
    if (key != "version" && key != "issued_at" && key != "entries") {
      return Fail(ErrorCode::kInvalidArgument, "the trust list has an unknown member '" + key + "'");
    }
  }
  TrustList list;
  const auto version = json.find("version");
  if (version == json.end() || !version->is_number_integer() || *version != 1) {
    return Fail(ErrorCode::kInvalidArgument, "version must be 1");
  }
  const auto issued = json.find("issued_at");
  if (issued == json.end() || !issued->is_number_integer() || issued->get<std::int64_t>() < 0) {
    return Fail(ErrorCode::kInvalidArgument, "issued_at must be a non-negative integer (unix seconds)");
  }
  list.issued_at = issued->get<std::int64_t>();
  const auto entries = json.find("entries");
  if (entries == json.end() || !entries->is_array()) return Fail(ErrorCode::kInvalidArgument, "entries must be an array");
  if (entries->size() > kMaxTrustListEntries) {
    return Fail(ErrorCode::kResourceExhausted,
                "entries: more than " + std::to_string(kMaxTrustListEntries) + " entries");
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    VAARDIG_ASSIGN_OR_RETURN(TrustEntry entry, EntryFromJson((*entries)[i], i));
    if (std::ranges::any_of(list.entries, [&](const TrustEntry& e) { return e.issuer == entry.issuer; })) {
      return Fail(ErrorCode::kInvalidArgument, "entries[" + std::to_string(i) + "]: issuer '" + entry.issuer +
                                                   "' is listed twice");
    }
    list.entries.push_back(std::move(entry));
  }
  return list;
}

Json TrustList::ToJson() const {
  Json entries_json = Json::array();
  for (const TrustEntry& entry : entries) {
    Json e = Json::object();
    e["issuer"] = entry.issuer;
    e["name"] = entry.name;
    e["credential_types"] = entry.credential_types;
    if (!entry.note.empty()) e["note"] = entry.note;
    entries_json.push_back(std::move(e));
  }
  Json json = Json::object();
  json["version"] = version;
  json["issued_at"] = issued_at;
  json["entries"] = std::move(entries_json);
  return json;
}

Result<std::string> TrustList::Sign(const jose::PrivateJwk& key) const {
  if (key.algorithm() != jose::Algorithm::kEs256 && key.algorithm() != jose::Algorithm::kEdDsa) {
    return Fail(ErrorCode::kInvalidArgument, "a trust list is signed with an ES256 or EdDSA key");
  }
  if (entries.size() > kMaxTrustListEntries) {
    return Fail(ErrorCode::kResourceExhausted, "more than " + std::to_string(kMaxTrustListEntries) + " entries");
  }
  // Round-trip through FromJson so that a list we sign is one we would accept.
  const Json json = ToJson();
  VAARDIG_RETURN_IF_ERROR(FromJson(json));
  Json header = Json::object();
  header["typ"] = kTrustListTyp;
  if (key.public_jwk().kid()) header["kid"] = *key.public_jwk().kid();
  VAARDIG_ASSIGN_OR_RETURN(std::string jws, jose::SignCompactJws(key, header, AsBytes(json.dump())));
  if (jws.size() > kMaxTrustListBytes) {
    return Fail(ErrorCode::kResourceExhausted, "the signed trust list is larger than 1 MiB");
  }
  return jws;
}

Result<TrustList> TrustList::Verify(std::string_view jws, const jose::PublicJwk& key) {
  if (jws.size() > kMaxTrustListBytes) return Fail(ErrorCode::kResourceExhausted, "the trust list file is larger than 1 MiB");
  jose::JwsVerifyOptions options;
  options.accepted_typ = {std::string(kTrustListTyp)};
  options.max_bytes = kMaxTrustListBytes;
  auto verified = jose::VerifyCompactJws(jws, key, options);
  if (!verified) return Fail(verified.error().WithContext("trust list"));
  JsonLimits limits;
  limits.max_bytes = kMaxTrustListBytes;
  VAARDIG_ASSIGN_OR_RETURN(Json json, ParseJson(ToString(verified->payload), limits));
  auto list = FromJson(json);
  if (!list) return Fail(list.error().WithContext("trust list"));
  return list;
}

Status TrustList::Upsert(TrustEntry entry) {
  VAARDIG_RETURN_IF_ERROR(ValidateTrustEntry(entry));
  for (TrustEntry& existing : entries) {
    if (existing.issuer == entry.issuer) {
      existing = std::move(entry);
      return Ok();
    }
  }
  if (entries.size() >= kMaxTrustListEntries) {
    return Fail(ErrorCode::kResourceExhausted, "the trust list already holds " + std::to_string(kMaxTrustListEntries) +
                                                   " entries");
  }
  entries.push_back(std::move(entry));
  return Ok();
}

Status TrustList::Remove(std::string_view issuer) {
  const auto it = std::ranges::find_if(entries, [&](const TrustEntry& e) { return e.issuer == issuer; });
  if (it == entries.end()) return Fail(ErrorCode::kNotFound, "issuer '" + std::string(issuer) + "' is not on the trust list");
  entries.erase(it);
  return Ok();
}

TrustDecision TrustList::Lookup(std::string_view issuer, std::string_view credential_type) const {
  return LookupAny(issuer, {std::string(credential_type)});
}

TrustDecision TrustList::LookupAny(std::string_view issuer, const std::vector<std::string>& credential_types) const {
  const auto it = std::ranges::find_if(entries, [&](const TrustEntry& e) { return e.issuer == issuer; });
  if (issuer.empty() || it == entries.end()) {
    return {.recognised = false, .name = {}, .detail = "issuer " + std::string(issuer) + " is not on the trust list"};
  }
  for (const std::string& allowed : it->credential_types) {
    if (allowed == "*" || std::ranges::find(credential_types, allowed) != credential_types.end()) {
      return {.recognised = true, .name = it->name, .detail = "recognised as " + it->name};
    }
  }
  std::string types;
  for (const std::string& t : credential_types) types += (types.empty() ? "" : ", ") + t;
  return {.recognised = false,
          .name = it->name,
          .detail = "issuer " + it->name + " is on the trust list, but not for " + (types.empty() ? "this type" : types)};
}

}  // namespace vaardig::verifier
