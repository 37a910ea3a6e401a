// DCQL parsing, validation and serialization (OpenID4VP 1.0 §6, §7, Appendix B).
#include "core/oid4vc/dcql.h"

#include <set>
#include <utility>

namespace vaardig::oid4vc {
namespace {

std::unexpected<Error> Invalid(const std::string& where, std::string_view what) {
  return Fail(ErrorCode::kInvalidArgument, where + ": " + std::string(what));
}

std::unexpected<Error> TooMany(const std::string& where, std::size_t limit) {
  return Fail(ErrorCode::kResourceExhausted, where + ": more than " + std::to_string(limit) + " entries");
}

// A non-empty array of at most `limit` entries.
Status CheckArray(const Json& value, const std::string& where, std::size_t limit) {
  if (!value.is_array() || value.empty()) return Invalid(where, "must be a non-empty array");
  if (value.size() > limit) return TooMany(where, limit);
  return Ok();
}

Result<std::string> BoundedString(const Json& value, const std::string& where) {
  if (!value.is_string()) return Invalid(where, "must be a string");
  const auto& text = value.get_ref<const std::string&>();
  if (text.empty()) return Invalid(where, "must not be empty");
  if (text.size() > kMaxDcqlStringLength) return Invalid(where, "is too long");
  return text;
}

Result<std::string> ParseId(const Json& value, const std::string& where) {
  if (!value.is_string()) return Invalid(where, "must be a string");
  const auto& id = value.get_ref<const std::string&>();
  if (!IsValidDcqlId(id)) {
    return Invalid(where, "must be 1 to " + std::to_string(kMaxDcqlIdLength) + " characters of [A-Za-z0-9_-]");
  }
  return id;
}

Result<std::vector<std::string>> ParseStringArray(const Json& value, const std::string& where,
                                                  std::size_t limit) {
  VAARDIG_RETURN_IF_ERROR(CheckArray(value, where, limit));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    VAARDIG_ASSIGN_OR_RETURN(auto text, BoundedString(value[i], where + "[" + std::to_string(i) + "]"));
    out.push_back(std::move(text));
  }
  return out;
}

Result<std::vector<std::vector<std::string>>> ParseIdArrays(const Json& value, const std::string& where,
                                                            std::size_t limit) {
  VAARDIG_RETURN_IF_ERROR(CheckArray(value, where, limit));
  std::vector<std::vector<std::string>> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string inner_where = where + "[" + std::to_string(i) + "]";
    VAARDIG_RETURN_IF_ERROR(CheckArray(value[i], inner_where, kMaxOptionsPerSet));
    std::vector<std::string> ids;
    for (std::size_t j = 0; j < value[i].size(); ++j) {
      VAARDIG_ASSIGN_OR_RETURN(auto id, ParseId(value[i][j], inner_where + "[" + std::to_string(j) + "]"));
      ids.push_back(std::move(id));
    }
    out.push_back(std::move(ids));
  }
  return out;
}

Result<bool> OptionalBool(const Json& object, std::string_view name, bool fallback, const std::string& where) {
  const auto it = object.find(name);
  if (it == object.end()) return fallback;
  if (!it->is_boolean()) return Invalid(where + "." + std::string(name), "must be a boolean");
  return it->get<bool>();
}

Result<ClaimPathPointer> ParsePath(const Json& value, const std::string& where, bool mdoc) {
  VAARDIG_RETURN_IF_ERROR(CheckArray(value, where, kMaxClaimPathLength));
  ClaimPathPointer path;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& component = value[i];
    const std::string component_where = where + "[" + std::to_string(i) + "]";
    if (component.is_string()) {
      const auto& key = component.get_ref<const std::string&>();
      if (key.size() > kMaxDcqlStringLength) return Invalid(component_where, "is too long");
      path.emplace_back(key);
    } else if (component.is_number_unsigned()) {
      path.emplace_back(component.get<std::uint64_t>());
    } else if (component.is_null()) {
      path.emplace_back(nullptr);
    } else {
      return Invalid(component_where, "must be a string, a non-negative integer or null");
    }
  }
  if (mdoc && (path.size() != 2 || !std::holds_alternative<std::string>(path[0]) ||
               !std::holds_alternative<std::string>(path[1]))) {
    return Invalid(where, "an mso_mdoc path must be exactly two strings (namespace, element)");
  }
  return path;
}

Result<std::vector<Json>> ParseValues(const Json& value, const std::string& where) {
  VAARDIG_RETURN_IF_ERROR(CheckArray(value, where, kMaxClaimValues));
  std::vector<Json> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& v = value[i];
    const std::string value_where = where + "[" + std::to_string(i) + "]";
    if (v.is_string()) {
      if (v.get_ref<const std::string&>().size() > kMaxDcqlStringLength) return Invalid(value_where, "is too long");
    } else if (!v.is_number_integer() && !v.is_boolean()) {
      return Invalid(value_where, "must be a string, an integer or a boolean");
    }
    out.push_back(v);
  }
  return out;
}

Result<CredentialMeta> ParseMeta(const Json& value, std::string_view format, const std::string& where) {
  if (!value.is_object()) return Invalid(where, "must be an object");
  CredentialMeta meta;
  for (const auto& [name, member] : value.items()) {
    if (name == "vct_values") {
      VAARDIG_ASSIGN_OR_RETURN(meta.vct_values, ParseStringArray(member, where + ".vct_values", kMaxMetaValues));
    } else if (name == "type_values") {
      const std::string type_where = where + ".type_values";
      VAARDIG_RETURN_IF_ERROR(CheckArray(member, type_where, kMaxMetaValues));
      std::vector<std::vector<std::string>> alternatives;
      for (std::size_t i = 0; i < member.size(); ++i) {
        VAARDIG_ASSIGN_OR_RETURN(auto types, ParseStringArray(member[i], type_where + "[" + std::to_string(i) + "]",
                                                              kMaxMetaValues));
        alternatives.push_back(std::move(types));
      }
      meta.type_values = std::move(alternatives);
    } else {
      meta.other[name] = member;
    }
  }
  if (format == formats::kDcSdJwt && !meta.vct_values) {
    return Invalid(where + ".vct_values", "is required for format dc+sd-jwt (OpenID4VP 1.0 B.3.5)");
  }
  if ((format == formats::kLdpVc || format == formats::kJwtVcJson) && !meta.type_values) {
    return Invalid(where + ".type_values", "is required for the W3C formats (OpenID4VP 1.0 B.1.1)");
  }
  return meta;
}

Status CheckTrustedAuthorities(const Json& value, const std::string& where) {
  VAARDIG_RETURN_IF_ERROR(CheckArray(value, where, kMaxMetaValues));
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string entry = where + "[" + std::to_string(i) + "]";
    if (!value[i].is_object()) return Invalid(entry, "must be an object");
    if (!value[i].contains("type")) return Invalid(entry + ".type", "is required");
    VAARDIG_RETURN_IF_ERROR(BoundedString(value[i]["type"], entry + ".type"));
    if (!value[i].contains("values")) return Invalid(entry + ".values", "is required");
    VAARDIG_RETURN_IF_ERROR(ParseStringArray(value[i]["values"], entry + ".values", kMaxMetaValues));
  }
  return Ok();
}

Result<CredentialQuery> ParseCredentialQuery(const Json& value, const std::string& where) {
  if (!value.is_object()) return Invalid(where, "must be an object");
  CredentialQuery query;
  if (!value.contains("id")) return Invalid(where + ".id", "is required");
  VAARDIG_ASSIGN_OR_RETURN(query.id, ParseId(value["id"], where + ".id"));
  if (!value.contains("format")) return Invalid(where + ".format", "is required");
  VAARDIG_ASSIGN_OR_RETURN(query.format, BoundedString(value["format"], where + ".format"));
  VAARDIG_ASSIGN_OR_RETURN(query.multiple, OptionalBool(value, "multiple", false, where));
  VAARDIG_ASSIGN_OR_RETURN(query.require_cryptographic_holder_binding,
                           OptionalBool(value, "require_cryptographic_holder_binding", true, where));
  if (!value.contains("meta")) return Invalid(where + ".meta", "is required");
  VAARDIG_ASSIGN_OR_RETURN(query.meta, ParseMeta(value["meta"], query.format, where + ".meta"));
  if (value.contains("trusted_authorities")) {
    VAARDIG_RETURN_IF_ERROR(CheckTrustedAuthorities(value["trusted_authorities"], where + ".trusted_authorities"));
    query.trusted_authorities = value["trusted_authorities"];
  }
  const bool mdoc = query.format == formats::kMsoMdoc;
  if (value.contains("claims")) {
    const Json& claims = value["claims"];
    VAARDIG_RETURN_IF_ERROR(CheckArray(claims, where + ".claims", kMaxClaimsPerCredentialQuery));
    for (std::size_t i = 0; i < claims.size(); ++i) {
      const std::string claim_where = where + ".claims[" + std::to_string(i) + "]";
      if (!claims[i].is_object()) return Invalid(claim_where, "must be an object");
      ClaimsQuery claim;
      if (claims[i].contains("id")) {
        VAARDIG_ASSIGN_OR_RETURN(claim.id, ParseId(claims[i]["id"], claim_where + ".id"));
      }
      if (!claims[i].contains("path")) return Invalid(claim_where + ".path", "is required");
      VAARDIG_ASSIGN_OR_RETURN(claim.path, ParsePath(claims[i]["path"], claim_where + ".path", mdoc));
      if (claims[i].contains("values")) {
        VAARDIG_ASSIGN_OR_RETURN(claim.values, ParseValues(claims[i]["values"], claim_where + ".values"));
      }
      query.claims.push_back(std::move(claim));
    }
  }
  if (value.contains("claim_sets")) {
    VAARDIG_ASSIGN_OR_RETURN(query.claim_sets, ParseIdArrays(value["claim_sets"], where + ".claim_sets", kMaxClaimSets));
  }
  return query;
}

// The rules across members, shared by ParseDcqlQuery and ValidateDcqlQuery.
Status CheckQueryModel(const DcqlQuery& query) {
  if (query.credentials.empty()) return Invalid("dcql_query.credentials", "must be a non-empty array");
  if (query.credentials.size() > kMaxCredentialQueries) return TooMany("dcql_query.credentials", kMaxCredentialQueries);
  std::set<std::string_view> ids;
  for (std::size_t c = 0; c < query.credentials.size(); ++c) {
    const CredentialQuery& credential = query.credentials[c];
    const std::string where = "dcql_query.credentials[" + std::to_string(c) + "]";
    if (!IsValidDcqlId(credential.id)) return Invalid(where + ".id", "must be 1 to 128 characters of [A-Za-z0-9_-]");
    if (!ids.insert(credential.id).second) return Invalid(where + ".id", "'" + credential.id + "' is used twice");
    if (credential.format.empty()) return Invalid(where + ".format", "must not be empty");
    if (credential.claims.size() > kMaxClaimsPerCredentialQuery) {
      return TooMany(where + ".claims", kMaxClaimsPerCredentialQuery);
    }
    std::set<std::string_view> claim_ids;
    for (std::size_t i = 0; i < credential.claims.size(); ++i) {
      const ClaimsQuery& claim = credential.claims[i];
      const std::string claim_where = where + ".claims[" + std::to_string(i) + "]";
      if (claim.path.empty()) return Invalid(claim_where + ".path", "must be a non-empty array");
      if (claim.path.size() > kMaxClaimPathLength) return TooMany(claim_where + ".path", kMaxClaimPathLength);
      if (claim.id) {
        if (!IsValidDcqlId(*claim.id)) return Invalid(claim_where + ".id", "must be 1 to 128 characters of [A-Za-z0-9_-]");
        if (!claim_ids.insert(*claim.id).second) {
          return Invalid(claim_where + ".id", "'" + *claim.id + "' is used twice in this claims array");
        }
      } else if (!credential.claim_sets.empty()) {
        return Invalid(claim_where + ".id", "is required when claim_sets is present");
      }
      if (claim.values && claim.values->empty()) return Invalid(claim_where + ".values", "must be a non-empty array");
    }
    if (!credential.claim_sets.empty() && credential.claims.empty()) {
      return Invalid(where + ".claim_sets", "must not be present without claims");
    }
    for (std::size_t s = 0; s < credential.claim_sets.size(); ++s) {
      if (credential.claim_sets[s].empty()) {
        return Invalid(where + ".claim_sets[" + std::to_string(s) + "]", "must be a non-empty array");
      }
      for (const std::string& id : credential.claim_sets[s]) {
        if (!claim_ids.contains(id)) {
          return Invalid(where + ".claim_sets[" + std::to_string(s) + "]", "names unknown claim id '" + id + "'");
        }
      }
    }
  }
  if (query.credential_sets.size() > kMaxCredentialSets) return TooMany("dcql_query.credential_sets", kMaxCredentialSets);
  for (std::size_t s = 0; s < query.credential_sets.size(); ++s) {
    const std::string where = "dcql_query.credential_sets[" + std::to_string(s) + "].options";
    const auto& options = query.credential_sets[s].options;
    if (options.empty()) return Invalid(where, "must be a non-empty array");
    for (std::size_t o = 0; o < options.size(); ++o) {
      if (options[o].empty()) return Invalid(where + "[" + std::to_string(o) + "]", "must be a non-empty array");
      for (const std::string& id : options[o]) {
        if (!ids.contains(id)) {
          return Invalid(where + "[" + std::to_string(o) + "]", "names unknown credential query id '" + id + "'");
        }
      }
    }
  }
  return Ok();
}

}  // namespace

bool IsValidDcqlId(std::string_view id) {
  if (id.empty() || id.size() > kMaxDcqlIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

const CredentialQuery* DcqlQuery::Find(std::string_view id) const {
  for (const CredentialQuery& credential : credentials) {
    if (credential.id == id) return &credential;
  }
  return nullptr;
}

Json ClaimPathPointerToJson(const ClaimPathPointer& path) {
  Json out = Json::array();
  for (const ClaimPathComponent& component : path) {
    if (const auto* key = std::get_if<std::string>(&component)) {
      out.push_back(*key);
    } else if (const auto* index = std::get_if<std::uint64_t>(&component)) {
      out.push_back(*index);
    } else {
      out.push_back(nullptr);
    }
  }
  return out;
}

std::string FormatClaimPathPointer(const ClaimPathPointer& path) { return DumpJson(ClaimPathPointerToJson(path)); }

Result<DcqlQuery> ParseDcqlQuery(const Json& query) {
  if (!query.is_object()) return Invalid("dcql_query", "must be a JSON object");
  if (!query.contains("credentials")) return Invalid("dcql_query.credentials", "is required");
  const Json& credentials = query["credentials"];
  VAARDIG_RETURN_IF_ERROR(CheckArray(credentials, "dcql_query.credentials", kMaxCredentialQueries));
  DcqlQuery out;
  for (std::size_t i = 0; i < credentials.size(); ++i) {
    VAARDIG_ASSIGN_OR_RETURN(auto credential,
                             ParseCredentialQuery(credentials[i], "dcql_query.credentials[" + std::to_string(i) + "]"));
    out.credentials.push_back(std::move(credential));
  }
  if (query.contains("credential_sets")) {
    const Json& sets = query["credential_sets"];
    VAARDIG_RETURN_IF_ERROR(CheckArray(sets, "dcql_query.credential_sets", kMaxCredentialSets));
    for (std::size_t i = 0; i < sets.size(); ++i) {
      const std::string where = "dcql_query.credential_sets[" + std::to_string(i) + "]";
      if (!sets[i].is_object()) return Invalid(where, "must be an object");
      CredentialSetQuery set;
      if (!sets[i].contains("options")) return Invalid(where + ".options", "is required");
      VAARDIG_ASSIGN_OR_RETURN(set.options, ParseIdArrays(sets[i]["options"], where + ".options", kMaxOptionsPerSet));
      VAARDIG_ASSIGN_OR_RETURN(set.required, OptionalBool(sets[i], "required", true, where));
      out.credential_sets.push_back(std::move(set));
    }
  }
  VAARDIG_RETURN_IF_ERROR(CheckQueryModel(out));
  return out;
}

Status ValidateDcqlQuery(const DcqlQuery& query) { return CheckQueryModel(query); }

Json DcqlQueryToJson(const DcqlQuery& query) {
  Json credentials = Json::array();
  for (const CredentialQuery& credential : query.credentials) {
    Json c = Json::object();
    c["id"] = credential.id;
    c["format"] = credential.format;
    if (credential.multiple) c["multiple"] = true;
    Json meta = Json::object();
    if (credential.meta.vct_values) meta["vct_values"] = *credential.meta.vct_values;
    if (credential.meta.type_values) meta["type_values"] = *credential.meta.type_values;
    if (credential.meta.other.is_object()) {
      for (const auto& [name, member] : credential.meta.other.items()) meta[name] = member;
    }
    c["meta"] = std::move(meta);
    if (credential.trusted_authorities) c["trusted_authorities"] = *credential.trusted_authorities;
    if (!credential.require_cryptographic_holder_binding) c["require_cryptographic_holder_binding"] = false;
    if (!credential.claims.empty()) {
      Json claims = Json::array();
      for (const ClaimsQuery& claim : credential.claims) {
        Json q = Json::object();
        if (claim.id) q["id"] = *claim.id;
        q["path"] = ClaimPathPointerToJson(claim.path);
        if (claim.values) q["values"] = *claim.values;
        claims.push_back(std::move(q));
      }
      c["claims"] = std::move(claims);
    }
    if (!credential.claim_sets.empty()) c["claim_sets"] = credential.claim_sets;
    credentials.push_back(std::move(c));
  }
  Json out = Json::object();
  out["credentials"] = std::move(credentials);
  if (!query.credential_sets.empty()) {
    Json sets = Json::array();
    for (const CredentialSetQuery& set : query.credential_sets) {
      Json s = Json::object();
      s["options"] = set.options;
      if (!set.required) s["required"] = false;
      sets.push_back(std::move(s));
    }
    out["credential_sets"] = std::move(sets);
  }
  return out;
}

}  // namespace vaardig::oid4vc
