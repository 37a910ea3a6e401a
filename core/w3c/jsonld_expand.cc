// JSON-LD 1.1 API §5: the Expansion and Value Expansion algorithms, and the Expand entry point.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/w3c/iri.h"
#include "core/w3c/jsonld_internal.h"

namespace vaardig::w3c::jsonld {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The keys of an object in code point order (the algorithms' "ordered lexicographically").
std::vector<const std::string*> SortedKeys(const Json& object) {
  std::vector<const std::string*> keys;
  keys.reserve(object.size());
  for (const auto& [key, unused] : object.items()) keys.push_back(&key);
  std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  return keys;
}

Json AsArray(Json value) {
  if (value.is_array()) return value;
  Json array = Json::array();
  array.push_back(std::move(value));
  return array;
}

const Json* Member(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// An absolute IRI as the expansion algorithm checks it: a scheme and no white space.
bool IsAbsoluteIri(std::string_view v) {
  return HasIriScheme(v) && !IsBlankNodeId(v) &&
         v.find_first_of(" \t\n\r\f\v") == std::string_view::npos;
}

bool IsScalar(const Json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

}  // namespace

bool IsValueObject(const Json& v) { return v.is_object() && v.contains("@value"); }
bool IsListObject(const Json& v) { return v.is_object() && v.contains("@list"); }
bool IsGraphObject(const Json& v) {
  if (!v.is_object() || !v.contains("@graph")) return false;
  for (const auto& [key, unused] : v.items()) {
    if (key != "@graph" && key != "@id" && key != "@index" && key != "@context") return false;
  }
  return true;
}
bool IsNodeObject(const Json& v) {
  return v.is_object() && !v.contains("@value") && !v.contains("@list") && !v.contains("@set");
}

void AddValue(Json& object, const std::string& key, Json&& value) {
  Json& entry = object[key];
  if (entry.is_null()) entry = Json::array();
  if (value.is_array()) {
    for (Json& item : value) entry.push_back(std::move(item));
  } else {
    entry.push_back(std::move(value));
  }
}

void AddValue(Json& object, const std::string& key, const Json& value) {
  AddValue(object, key, Json(value));
}

Result<Json> Processor::ExpandValue(const ActiveContext& active,
                                    const std::optional<std::string>& active_property,
                                    const Json& value) const {
  const TermDefinition* definition = active_property ? active.Find(*active_property) : nullptr;
  // 1-2.
  if (definition != nullptr && definition->type && value.is_string()) {
    if (*definition->type == "@id" || *definition->type == "@vocab") {
      const auto iri = ExpandIri(active, value.get_ref<const std::string&>(), true,
                                 *definition->type == "@vocab");
      Json result = Json::object();
      result["@id"] = iri ? Json(*iri) : Json(nullptr);
      return result;
    }
  }
  // 3-6.
  Json result = Json::object();
  result["@value"] = value;
  if (definition != nullptr && definition->type && *definition->type != "@id" &&
      *definition->type != "@vocab" && *definition->type != "@none") {
    result["@type"] = *definition->type;
  } else if (value.is_string()) {
    const std::optional<std::string>& language =
        definition != nullptr && definition->has_language ? definition->language
                                                          : active.default_language;
    const std::optional<std::string>& direction =
        definition != nullptr && definition->has_direction ? definition->direction
                                                           : active.default_direction;
    if (language) result["@language"] = *language;
    if (direction) result["@direction"] = *direction;
  }
  return result;
}

Result<Json> Processor::ExpandElement(const ContextPtr& active,
                                      const std::optional<std::string>& active_property,
                                      const Json& element, const std::string& base_url,
                                      bool from_map) {
  VAARDIG_RETURN_IF_ERROR(CountWork());
  // 1.
  if (element.is_null()) return Json(nullptr);
  // 3.
  const TermDefinition* property_definition =
      active_property ? active->Find(*active_property) : nullptr;
  // 4. Scalars.
  if (!element.is_object() && !element.is_array()) {
    if (!active_property || *active_property == "@graph") return Json(nullptr);
    if (property_definition != nullptr && property_definition->context) {
      VAARDIG_ASSIGN_OR_RETURN(
          ContextPtr scoped,
          ProcessScopedContext(active, *property_definition, false, true));
      return ExpandValue(*scoped, active_property, element);
    }
    return ExpandValue(*active, active_property, element);
  }
  // 5. Arrays.
  if (element.is_array()) {
    Json result = Json::array();
    const bool list_container =
        property_definition != nullptr && property_definition->ContainerHas("@list");
    for (const Json& item : element) {
      VAARDIG_ASSIGN_OR_RETURN(Json expanded,
                               ExpandElement(active, active_property, item, base_url, from_map));
      if (list_container && expanded.is_array()) {
        Json list = Json::object();
        list["@list"] = std::move(expanded);
        expanded = std::move(list);
      }
      if (expanded.is_array()) {
        for (Json& e : expanded) result.push_back(std::move(e));
      } else if (!expanded.is_null()) {
        result.push_back(std::move(expanded));
      }
    }
    return result;
  }
  return ExpandObject(active, active_property, element, base_url, property_definition, from_map);
}

Result<Json> Processor::ExpandObject(const ContextPtr& active,
                                     const std::optional<std::string>& active_property,
                                     const Json& element, const std::string& base_url,
                                     const TermDefinition* property_definition, bool from_map) {
  ContextPtr context = active;
  // 7. A type-scoped context does not propagate into new node objects.
  if (context->previous && !from_map) {
    bool keep = false;
    for (const auto& [key, unused] : element.items()) {
      if (ExpandIri(*context, key, false, true) == "@value") {
        keep = true;
        break;
      }
    }
    if (!keep && element.size() == 1 &&
        ExpandIri(*context, element.begin().key(), false, true) == "@id") {
      keep = true;
    }
    if (!keep) context = context->previous;
  }
  // 8. The property-scoped context.
  if (property_definition != nullptr && property_definition->context) {
    VAARDIG_ASSIGN_OR_RETURN(
        context, ProcessScopedContext(context, *property_definition, true, true));
  }
  // 9. An embedded context.
  if (const Json* local = Member(element, "@context")) {
    VAARDIG_ASSIGN_OR_RETURN(context, ProcessContext(context, *local, nullptr, base_url));
  }
  // 10-11. Type-scoped contexts, from the types in code point order.
  const ContextPtr type_scoped = context;
  const std::vector<const std::string*> keys = SortedKeys(element);
  const Json* first_type_value = nullptr;
  for (const std::string* key : keys) {
    if (ExpandIri(*type_scoped, *key, false, true) != "@type") continue;
    const Json& value = element[*key];
    if (first_type_value == nullptr) first_type_value = &value;
    std::vector<std::string> types;
    for (const Json& t : Items(value)) {
      if (t.is_string()) types.push_back(t.get<std::string>());
    }
    std::sort(types.begin(), types.end());
    for (const std::string& type : types) {
      const TermDefinition* definition = type_scoped->Find(type);
      if (definition != nullptr && definition->context) {
        VAARDIG_ASSIGN_OR_RETURN(
            context, ProcessScopedContext(context, *definition, false, false));
      }
    }
  }
  // 12.
  std::optional<std::string> input_type;
  if (first_type_value != nullptr) {
    const Json& last = first_type_value->is_array() && !first_type_value->empty()
                           ? first_type_value->back()
                           : *first_type_value;
    if (last.is_string()) input_type = ExpandIri(*context, last.get_ref<const std::string&>(), false, true);
  }
  // 13-14.
  Json result = Json::object();
  bool unused_nests = false;
  VAARDIG_RETURN_IF_ERROR(ExpandEntries(context, type_scoped, active_property, element, base_url,
                                        input_type, result, unused_nests));

  // 15. Value objects.
  if (const Json* value = Member(result, "@value")) {
    for (const auto& [key, unused] : result.items()) {
      if (key != "@direction" && key != "@index" && key != "@language" && key != "@type" &&
          key != "@value") {
        return Fail(JsonLdError("invalid value object", "unexpected entry '" + key + "'"));
      }
    }
    const Json* type = Member(result, "@type");
    if (type != nullptr && (result.contains("@language") || result.contains("@direction"))) {
      return Fail(JsonLdError("invalid value object", "@type together with @language or @direction"));
    }
    if (type == nullptr || *type != "@json") {
      if (value->is_null() || (value->is_array() && value->empty())) return Json(nullptr);
      if (!value->is_string() && result.contains("@language")) {
        return Fail(JsonLdError("invalid language-tagged value", "@value must be a string"));
      }
      if (type != nullptr && (!type->is_string() || !IsAbsoluteIri(type->get_ref<const std::string&>()))) {
        return Fail(JsonLdError("invalid typed value", "@type of a value must be an IRI"));
      }
      if (!IsScalar(*value)) {
        return Fail(JsonLdError("invalid value object value", "@value must be a scalar"));
      }
    }
  } else if (Json* type = result.contains("@type") ? &result["@type"] : nullptr) {
    // 16.
    if (!type->is_array()) *type = AsArray(std::move(*type));
  } else if (result.contains("@set") || result.contains("@list")) {
    // 17.
    if (result.size() > 2 || (result.size() == 2 && !result.contains("@index"))) {
      return Fail(JsonLdError("invalid set or list object", "only @index may accompany @set or @list"));
    }
    if (result.contains("@set")) {
      Json set = std::move(result["@set"]);
      result = std::move(set);
    }
  }
  // 18.
  if (result.is_object() && result.size() == 1 && result.contains("@language")) return Json(nullptr);
  // 19. Free-floating values and nodes.
  // Safe mode refuses to drop them, as jsonld.js's safe mode does ("empty object", "object with
  // only @value/@list/@id"): a verifier in safe mode would reject what we signed otherwise.
  if (!active_property || *active_property == "@graph") {
    const char* dropped = nullptr;
    if (result.is_object() && result.empty()) {
      dropped = "an empty object";
    } else if (result.is_object() && (result.contains("@value") || result.contains("@list"))) {
      dropped = "a value or list outside any node";
    } else if (result.is_object() && result.size() == 1 && result.contains("@id")) {
      dropped = "a node with only an @id";
    }
    if (dropped != nullptr) {
      if (safe_mode()) {
        return Fail(JsonLdError("safe mode", std::string(dropped) +
                                                 " is not in the RDF, so a proof would not cover it"));
      }
      return Json(nullptr);
    }
  }
  return result;
}

Status Processor::ExpandEntries(const ContextPtr& context, const ContextPtr& type_scoped,
                                const std::optional<std::string>& active_property,
                                const Json& element, const std::string& base_url,
                                const std::optional<std::string>& input_type, Json& result,
                                bool& has_nests) {
  const ActiveContext& ctx = *context;
  std::vector<const std::string*> nests;
  for (const std::string* key_ptr : SortedKeys(element)) {
    const std::string& key = *key_ptr;
    const Json& value = element[key];
    // 13.1-13.3
    if (key == "@context") continue;
    const std::optional<std::string> expanded_property = ExpandIri(ctx, key, false, true);
    if (!expanded_property ||
        (expanded_property->find(':') == std::string::npos && !IsKeyword(*expanded_property))) {
      if (safe_mode()) {
        return Fail(JsonLdError("safe mode", "property '" + key +
                                                 "' is not defined by the contexts, so a proof would not cover it"));
      }
      continue;
    }
    const std::string& property = *expanded_property;
    // 13.4 Keywords.
    if (IsKeyword(property)) {
      if (active_property && *active_property == "@reverse") {
        return Fail(JsonLdError("invalid reverse property map", "keyword '" + key + "' inside @reverse"));
      }
      if (result.contains(property) && property != "@included" && property != "@type") {
        return Fail(JsonLdError("colliding keywords", "'" + property + "' appears more than once"));
      }
      Json expanded_value;
      if (property == "@id") {
        if (!value.is_string()) return Fail(JsonLdError("invalid @id value", "@id must be a string"));
        const auto iri = ExpandIri(ctx, value.get_ref<const std::string&>(), true, false);
        if (safe_mode() && (!iri || (!HasIriScheme(*iri) && !IsBlankNodeId(*iri)))) {
          return Fail(JsonLdError("safe mode", "@id '" + value.get<std::string>() + "' is not an absolute IRI"));
        }
        result["@id"] = iri ? Json(*iri) : Json(nullptr);  // a keyword-like @id stays, as null
        continue;
      } else if (property == "@type") {
        const bool strings = value.is_string() ||
                             (value.is_array() && std::all_of(value.begin(), value.end(),
                                                              [](const Json& t) { return t.is_string(); }));
        if (!strings) return Fail(JsonLdError("invalid type value", "@type must be a string or an array of strings"));
        Json types = Json::array();
        if (const Json* existing = Member(result, "@type")) {
          for (const Json& t : AsArray(*existing)) types.push_back(t);
        }
        for (const Json& t : Items(value)) {
          const auto iri = ExpandIri(*type_scoped, t.get_ref<const std::string&>(), true, true);
          if (safe_mode() && (!iri || (!HasIriScheme(*iri) && !IsBlankNodeId(*iri) && !IsKeyword(*iri)))) {
            return Fail(JsonLdError("safe mode", "type '" + t.get<std::string>() +
                                                     "' is not defined by the contexts, so a proof would not cover it"));
          }
          if (iri) types.push_back(*iri);
        }
        expanded_value = value.is_array() || result.contains("@type") || types.size() != 1
                             ? std::move(types)
                             : std::move(types[0]);
      } else if (property == "@graph") {
        VAARDIG_ASSIGN_OR_RETURN(Json graph, ExpandElement(context, "@graph", value, base_url));
        expanded_value = AsArray(std::move(graph));
      } else if (property == "@included") {
        if (mode_1_0()) continue;
        VAARDIG_ASSIGN_OR_RETURN(Json included, ExpandElement(context, std::nullopt, value, base_url));
        included = AsArray(std::move(included));
        for (const Json& item : included) {
          if (!IsNodeObject(item)) return Fail(JsonLdError("invalid @included value", "not a node object"));
        }
        if (const Json* existing = Member(result, "@included")) {
          Json merged = *existing;
          for (Json& item : included) merged.push_back(std::move(item));
          included = std::move(merged);
        }
        expanded_value = std::move(included);
      } else if (property == "@value") {
        if (input_type && *input_type == "@json") {
          if (mode_1_0()) return Fail(JsonLdError("invalid value object value", "@json in json-ld-1.0 mode"));
          result["@value"] = value;  // any JSON, null included
          continue;
        } else {
          if (!value.is_null() && !IsScalar(value)) {
            return Fail(JsonLdError("invalid value object value", "@value must be a scalar or null"));
          }
          expanded_value = value;
          if (value.is_null()) {
            result["@value"] = nullptr;
            continue;
          }
        }
      } else if (property == "@language") {
        if (!value.is_string()) return Fail(JsonLdError("invalid language-tagged string", "@language must be a string"));
        expanded_value = Lower(value.get_ref<const std::string&>());
      } else if (property == "@direction") {
        if (mode_1_0()) continue;
        if (value != "ltr" && value != "rtl") {
          return Fail(JsonLdError("invalid base direction", "@direction must be \"ltr\" or \"rtl\""));
        }
        expanded_value = value;
      } else if (property == "@index") {
        if (!value.is_string()) return Fail(JsonLdError("invalid @index value", "@index must be a string"));
        expanded_value = value;
      } else if (property == "@list") {
        if (!active_property || *active_property == "@graph") continue;
        VAARDIG_ASSIGN_OR_RETURN(Json list, ExpandElement(context, active_property, value, base_url));
        expanded_value = AsArray(std::move(list));
      } else if (property == "@set") {
        VAARDIG_ASSIGN_OR_RETURN(expanded_value, ExpandElement(context, active_property, value, base_url));
      } else if (property == "@reverse") {
        if (!value.is_object()) return Fail(JsonLdError("invalid @reverse value", "@reverse must be an object"));
        VAARDIG_ASSIGN_OR_RETURN(Json reversed, ExpandElement(context, "@reverse", value, base_url));
        if (const Json* double_reversed = Member(reversed, "@reverse")) {
          for (const auto& [p, items] : double_reversed->items()) AddValue(result, p, items);
        }
        for (const auto& [p, items] : reversed.items()) {
          if (p == "@reverse") continue;
          Json& reverse_map = result["@reverse"];
          if (reverse_map.is_null()) reverse_map = Json::object();
          for (const Json& item : items) {
            if (IsValueObject(item) || IsListObject(item)) {
              return Fail(JsonLdError("invalid reverse property value", "a value or list cannot be reversed"));
            }
            AddValue(reverse_map, p, item);
          }
        }
        continue;
      } else if (property == "@nest") {
        nests.push_back(key_ptr);
        continue;
      } else {
        continue;  // framing keywords and keywords without meaning in a node object
      }
      if (!expanded_value.is_null()) result[property] = std::move(expanded_value);
      continue;
    }

    // 13.5-13.9 Terms and IRIs.
    const TermDefinition* definition = ctx.Find(key);
    const auto has = [definition](std::string_view c) {
      return definition != nullptr && definition->ContainerHas(c);
    };
    Json expanded_value;
    if (definition != nullptr && definition->type && *definition->type == "@json") {
      expanded_value = Json::object();
      expanded_value["@value"] = value;
      expanded_value["@type"] = "@json";
    } else if (has("@language") && value.is_object()) {
      // 13.7 A language map.
      expanded_value = Json::array();
      std::optional<std::string> direction = ctx.default_direction;
      if (definition->has_direction) direction = definition->direction;
      for (const std::string* language : SortedKeys(value)) {
        const Json& language_value = value[*language];
        for (const Json& item : Items(language_value)) {
          if (item.is_null()) continue;
          if (!item.is_string()) return Fail(JsonLdError("invalid language map value", "not a string"));
          Json v = Json::object();
          v["@value"] = item;
          if (*language != "@none" && ExpandIri(ctx, *language, false, true) != "@none") {
            v["@language"] = Lower(*language);
          }
          if (direction) v["@direction"] = *direction;
          expanded_value.push_back(std::move(v));
        }
      }
    } else if ((has("@index") || has("@type") || has("@id")) && value.is_object()) {
      // 13.8 Index, id and type maps.
      expanded_value = Json::array();
      const std::string index_key = definition->index ? *definition->index : "@index";
      for (const std::string* index : SortedKeys(value)) {
        ContextPtr map_context = context;
        if (has("@id") || has("@type")) {
          map_context = context->previous ? context->previous : context;
        }
        if (has("@type")) {
          const TermDefinition* index_definition = map_context->Find(*index);
          if (index_definition != nullptr && index_definition->context) {
            VAARDIG_ASSIGN_OR_RETURN(
                map_context, ProcessScopedContext(map_context, *index_definition, false, true));
          }
        } else {
          map_context = context;
        }
        const std::optional<std::string> expanded_index = ExpandIri(ctx, *index, false, true);
        const bool none = expanded_index && *expanded_index == "@none";
        const Json& raw = value[*index];
        Json wrapped;
        if (!raw.is_array()) wrapped = Json::array({raw});
        VAARDIG_ASSIGN_OR_RETURN(
            Json items, ExpandElement(map_context, key, raw.is_array() ? raw : wrapped, base_url, true));
        for (Json& item : items) {
          if (has("@graph") && !IsGraphObject(item)) {
            Json graph = Json::object();
            graph["@graph"] = AsArray(std::move(item));
            item = std::move(graph);
          }
          if (has("@index") && index_key != "@index" && !none) {
            VAARDIG_ASSIGN_OR_RETURN(Json reexpanded, ExpandValue(ctx, index_key, Json(*index)));
            const std::optional<std::string> index_property = ExpandIri(ctx, index_key, false, true);
            if (!index_property) continue;
            Json values = Json::array({std::move(reexpanded)});
            if (const Json* existing = Member(item, *index_property)) {
              for (const Json& e : AsArray(*existing)) values.push_back(e);
            }
            if (IsValueObject(item)) {
              return Fail(JsonLdError("invalid value object", "a property-valued index on a value"));
            }
            item[*index_property] = std::move(values);
          } else if (has("@index") && !item.contains("@index") && !none) {
            item["@index"] = *index;
          } else if (has("@id") && !item.contains("@id") && !none) {
            const auto id = ExpandIri(ctx, *index, true, false);
            item["@id"] = id ? Json(*id) : Json(nullptr);
          } else if (has("@type") && !none && expanded_index) {
            Json types = Json::array({*expanded_index});
            if (const Json* existing = Member(item, "@type")) {
              for (const Json& t : AsArray(*existing)) types.push_back(t);
            }
            item["@type"] = std::move(types);
          }
          expanded_value.push_back(std::move(item));
        }
      }
    } else {
      // 13.9
      VAARDIG_ASSIGN_OR_RETURN(expanded_value, ExpandElement(context, key, value, base_url));
    }
    // 13.10-13.12
    if (expanded_value.is_null()) continue;
    if (has("@list") && !IsListObject(expanded_value)) {
      Json list = Json::object();
      list["@list"] = AsArray(std::move(expanded_value));
      expanded_value = std::move(list);
    }
    if (has("@graph") && !has("@id") && !has("@index")) {
      Json graphs = Json::array();
      for (Json& e : AsArray(std::move(expanded_value))) {
        Json graph = Json::object();
        graph["@graph"] = AsArray(std::move(e));
        graphs.push_back(std::move(graph));
      }
      expanded_value = std::move(graphs);
    }
    // 13.13-13.14
    if (definition != nullptr && definition->reverse) {
      Json& reverse_map = result["@reverse"];
      if (reverse_map.is_null()) reverse_map = Json::object();
      for (Json& item : AsArray(std::move(expanded_value))) {
        if (IsValueObject(item) || IsListObject(item)) {
          return Fail(JsonLdError("invalid reverse property value", "a value or list cannot be reversed"));
        }
        AddValue(reverse_map, property, std::move(item));
      }
    } else {
      AddValue(result, property, std::move(expanded_value));
    }
  }

  // 14. Nested properties.
  for (const std::string* nesting_key : nests) {
    has_nests = true;
    // The nesting key's own scoped context applies to what it nests (1.1 errata: steps 3 and 8).
    ContextPtr nested_context = context;
    if (const TermDefinition* nest_definition = ctx.Find(*nesting_key);
        nest_definition != nullptr && nest_definition->context) {
      VAARDIG_ASSIGN_OR_RETURN(
          nested_context, ProcessScopedContext(context, *nest_definition, true, true));
    }
    const Json& nested = element[*nesting_key];
    for (const Json& nested_value : Items(nested)) {
      if (!nested_value.is_object()) return Fail(JsonLdError("invalid @nest value", "must be an object"));
      for (const auto& [k, unused] : nested_value.items()) {
        if (ExpandIri(*nested_context, k, false, true) == "@value") {
          return Fail(JsonLdError("invalid @nest value", "a nested object cannot hold @value"));
        }
      }
      VAARDIG_RETURN_IF_ERROR(ExpandEntries(nested_context, type_scoped, active_property, nested_value,
                                            base_url, input_type, result, has_nests));
    }
  }
  return Ok();
}

}  // namespace vaardig::w3c::jsonld

namespace vaardig::w3c {

Result<Json> Expand(const Json& document, const JsonLdOptions& options) {
  try {
    jsonld::Processor processor(options);
    std::optional<std::string> base;
    if (!options.base.empty()) base = options.base;
    jsonld::ContextPtr context = processor.InitialContext(base);
    if (options.expand_context) {
      const Json* local = &*options.expand_context;
      if (local->is_object() && local->contains("@context")) local = &(*local)["@context"];
      VAARDIG_ASSIGN_OR_RETURN(context,
                               processor.ProcessContext(context, *local, nullptr, options.base));
    }
    VAARDIG_ASSIGN_OR_RETURN(Json expanded,
                             processor.ExpandElement(context, std::nullopt, document, options.base));
    if (expanded.is_object() && expanded.size() == 1 && expanded.contains("@graph")) {
      Json graph = std::move(expanded["@graph"]);
      expanded = std::move(graph);
    }
    if (expanded.is_null()) return Json::array();
    if (!expanded.is_array()) return Json::array({std::move(expanded)});
    return expanded;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, std::string("JSON-LD expansion failed: ") + e.what());
  }
}

}  // namespace vaardig::w3c
