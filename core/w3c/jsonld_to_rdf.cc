// JSON-LD 1.1 API §7.2 Node Map Generation and §8 Deserialize JSON-LD to RDF.
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <unordered_map>
#include <algorithm>
#include <memory>
#include <variant>
#include <vector>

#include "core/encoding/jcs.h"
#include "core/w3c/iri.h"
#include "core/w3c/jsonld_internal.h"

namespace vaardig::w3c {
namespace {

using jsonld::IsBlankNodeId;
using jsonld::IsKeyword;
using jsonld::IsListObject;
using jsonld::IsValueObject;
using jsonld::JsonLdError;

constexpr char kRdf[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr char kXsdBoolean[] = "http://www.w3.org/2001/XMLSchema#boolean";
constexpr char kXsdDouble[] = "http://www.w3.org/2001/XMLSchema#double";
constexpr char kXsdInteger[] = "http://www.w3.org/2001/XMLSchema#integer";

// Issues _:b0, _:b1, ... and remembers what each input identifier became.
class BlankNodeIssuer {
 public:
  std::string Issue(const std::optional<std::string>& existing) {
    if (existing) {
      if (const auto it = issued_.find(*existing); it != issued_.end()) return it->second;
    }
    std::string id = "_:b" + std::to_string(counter_++);
    if (existing) issued_.emplace(*existing, id);
    return id;
  }

 private:
  std::unordered_map<std::string, std::string> issued_;
  std::size_t counter_ = 0;
};

// The node map (§7.2) without copying JSON: values point into the expanded document, which
// outlives the map; node references and lists are small structs.
struct Entry;
struct ListEntry {
  std::vector<Entry> items;
};
struct Entry {
  enum class Kind { kValue, kReference, kList };
  explicit Entry(Kind k) : kind(k) {}
  Kind kind;
  const Json* value = nullptr;       // kValue: the value object
  std::string id;                    // kReference: the node's (relabelled) id
  std::shared_ptr<ListEntry> list;   // kList

  bool SameAs(const Entry& other) const {
    if (kind != other.kind) return false;
    if (kind == Kind::kValue) return *value == *other.value;
    if (kind == Kind::kReference) return id == other.id;
    return false;  // lists are never merged
  }
};
struct Node {
  std::vector<std::string> types;
  const Json* index = nullptr;
  std::map<std::string, std::vector<Entry>, std::less<>> properties;
};
using Graph = std::map<std::string, Node, std::less<>>;     // subject → node
using NodeMap = std::map<std::string, Graph, std::less<>>;  // graph name ("@default") → graph

void AppendUnique(std::vector<Entry>& entries, Entry entry) {
  for (const Entry& existing : entries) {
    if (existing.SameAs(entry)) return;
  }
  entries.push_back(std::move(entry));
}

Entry Reference(std::string id) {
  Entry entry(Entry::Kind::kReference);
  entry.id = std::move(id);
  return entry;
}

// Node map generation's active subject: none, a node id, or (reverse properties) the node a
// reference to which is added to the new node's property.
struct ActiveSubject {
  const std::string* id = nullptr;
  bool reverse = false;
};

class NodeMapBuilder {
 public:
  explicit NodeMapBuilder(jsonld::Processor& processor) : processor_(processor) {}

  NodeMap& map() { return map_; }
  BlankNodeIssuer& issuer() { return issuer_; }

  Status Generate(const Json& element, const std::string& active_graph,
                  const ActiveSubject& active_subject, const std::string* active_property,
                  ListEntry* list) {
    VAARDIG_RETURN_IF_ERROR(processor_.CountWork());
    // 1.
    if (element.is_array()) {
      for (const Json& item : element) {
        VAARDIG_RETURN_IF_ERROR(Generate(item, active_graph, active_subject, active_property, list));
      }
      return Ok();
    }
    if (!element.is_object()) return Ok();
    // 2.
    Graph& graph = map_[active_graph];
    std::vector<Entry>* subject_values = nullptr;
    if (active_subject.id != nullptr && !active_subject.reverse && active_property != nullptr) {
      subject_values = &graph[*active_subject.id].properties[*active_property];
    }
    // 4. Value objects.
    if (IsValueObject(element)) {
      Entry entry(Entry::Kind::kValue);
      entry.value = &element;
      if (list != nullptr) {
        list->items.push_back(std::move(entry));
      } else if (subject_values != nullptr) {
        AppendUnique(*subject_values, std::move(entry));
      }
      return Ok();
    }
    // 5. List objects.
    if (IsListObject(element)) {
      Entry entry(Entry::Kind::kList);
      entry.list = std::make_shared<ListEntry>();
      VAARDIG_RETURN_IF_ERROR(Generate(element["@list"], active_graph, active_subject,
                                       active_property, entry.list.get()));
      if (list != nullptr) {
        list->items.push_back(std::move(entry));
      } else if (subject_values != nullptr) {
        subject_values->push_back(std::move(entry));
      }
      return Ok();
    }
    // 6. Node objects.
    std::string id;
    if (const auto it = element.find("@id"); it != element.end() && it->is_string()) {
      id = it->get<std::string>();
      if (IsBlankNodeId(id)) id = issuer_.Issue(id);
    } else if (it != element.end()) {
      id = "";  // "@id": null — not well-formed, so neither it nor references to it become RDF
    } else {
      id = issuer_.Issue(std::nullopt);
    }
    Node& node = graph[id];
    if (active_subject.reverse) {
      AppendUnique(node.properties[*active_property], Reference(*active_subject.id));
    } else if (active_property != nullptr) {
      if (list != nullptr) {
        list->items.push_back(Reference(id));
      } else if (subject_values != nullptr) {
        AppendUnique(*subject_values, Reference(id));
      }
    }
    // 3, 6.7 Types (blank node types relabelled).
    if (const auto it = element.find("@type"); it != element.end()) {
      for (const Json& t : jsonld::Items(*it)) {
        if (!t.is_string()) continue;
        std::string type = t.get<std::string>();
        if (IsBlankNodeId(type)) type = issuer_.Issue(type);
        if (std::find(node.types.begin(), node.types.end(), type) == node.types.end()) {
          node.types.push_back(std::move(type));
        }
      }
    }
    if (const auto it = element.find("@index"); it != element.end()) {
      if (node.index != nullptr && *node.index != *it) {
        return Fail(JsonLdError("conflicting indexes", "node " + id + " has two @index values"));
      }
      node.index = &*it;
    }
    if (const auto it = element.find("@reverse"); it != element.end()) {
      const ActiveSubject referenced{.id = &id, .reverse = true};
      for (const auto& [property, values] : it->items()) {
        for (const Json& value : values) {
          VAARDIG_RETURN_IF_ERROR(Generate(value, active_graph, referenced, &property, nullptr));
        }
      }
    }
    if (const auto it = element.find("@graph"); it != element.end()) {
      VAARDIG_RETURN_IF_ERROR(Generate(*it, id, ActiveSubject{}, nullptr, nullptr));
    }
    if (const auto it = element.find("@included"); it != element.end()) {
      VAARDIG_RETURN_IF_ERROR(Generate(*it, active_graph, ActiveSubject{}, nullptr, nullptr));
    }
    for (const auto& [key, value] : element.items()) {
      if (key == "@id" || key == "@type" || key == "@index" || key == "@reverse" ||
          key == "@graph" || key == "@included") {
        continue;
      }
      std::string property = key;
      if (IsBlankNodeId(property)) property = issuer_.Issue(property);
      map_[active_graph][id].properties[property];  // the property exists even when empty
      const ActiveSubject subject{.id = &id, .reverse = false};
      VAARDIG_RETURN_IF_ERROR(Generate(value, active_graph, subject, &property, nullptr));
    }
    return Ok();
  }

 private:
  jsonld::Processor& processor_;
  NodeMap map_;
  BlankNodeIssuer issuer_;
};

Error Dropped(const std::string& what) {
  return JsonLdError("safe mode", what + " is not well-formed RDF, so a proof would not cover it");
}

bool IsWellFormedLanguage(std::string_view tag) {
  // BCP 47 well-formedness as JSON-LD checks it: alphanumeric subtags of 1-8, the first alphabetic.
  if (tag.empty()) return false;
  std::size_t i = 0;
  bool first = true;
  while (i <= tag.size()) {
    const std::size_t dash = tag.find('-', i);
    const std::size_t end = dash == std::string_view::npos ? tag.size() : dash;
    const std::string_view subtag = tag.substr(i, end - i);
    if (subtag.empty() || subtag.size() > 8) return false;
    for (const char c : subtag) {
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool digit = c >= '0' && c <= '9';
      if (!(alpha || (!first && digit))) return false;
    }
    first = false;
    if (dash == std::string_view::npos) break;
    i = dash + 1;
  }
  return true;
}

bool IsWellFormedNodeId(std::string_view id) {
  return IsBlankNodeId(id) ? id.size() > 2 : IsWellFormedIri(id);
}

Object NodeTerm(const std::string& id) {
  if (IsBlankNodeId(id)) return BlankNode{id.substr(2)};
  return Iri{id};
}

// XSD canonical double as JSON-LD specifies it: "1.1E0", "-1.0E-7", "1.23E21".
std::string CanonicalDouble(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15E", value);
  std::string s(buffer);
  const std::size_t e = s.find('E');
  std::string mantissa = s.substr(0, e);
  std::string exponent = s.substr(e + 1);
  while (mantissa.size() > 1 && mantissa.back() == '0' &&
         mantissa[mantissa.size() - 2] != '.') {
    mantissa.pop_back();
  }
  bool negative = false;
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
    negative = exponent[0] == '-';
    exponent.erase(0, 1);
  }
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return mantissa + "E" + (negative ? "-" : "") + exponent;
}

class RdfWriter {
 public:
  RdfWriter(const JsonLdOptions& options, BlankNodeIssuer& issuer, Dataset& dataset)
      : options_(options), issuer_(issuer), dataset_(dataset) {}

  Status Emit(const Subject& subject, const std::string& predicate, Object object,
              const std::optional<GraphName>& graph) {
    if (dataset_.quads.size() >= options_.limits.max_quads) {
      return Fail(ErrorCode::kResourceExhausted,
                  "JSON-LD document produces more than " +
                      std::to_string(options_.limits.max_quads) + " quads");
    }
    dataset_.quads.push_back(Quad{subject, Iri{predicate}, std::move(object), graph});
    return Ok();
  }

  // Object to RDF (§8.3); nullopt when the item is not well-formed and is dropped.
  Result<std::optional<Object>> ObjectToRdf(const Entry& item, const std::optional<GraphName>& graph) {
    switch (item.kind) {
      case Entry::Kind::kValue:
        return ValueToRdf(*item.value, graph);
      case Entry::Kind::kList: {
        VAARDIG_ASSIGN_OR_RETURN(Object head, ListToRdf(item.list->items, graph));
        return std::optional<Object>(std::move(head));
      }
      case Entry::Kind::kReference:
        if (!IsWellFormedNodeId(item.id)) return std::optional<Object>();
        return std::optional<Object>(NodeTerm(item.id));
    }
    return std::optional<Object>();
  }

 private:
  // List to RDF (§8.4).
  Result<Object> ListToRdf(const std::vector<Entry>& list, const std::optional<GraphName>& graph) {
    if (list.empty()) return Object(Iri{std::string(kRdf) + "nil"});
    std::vector<std::string> nodes;
    nodes.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) nodes.push_back(issuer_.Issue(std::nullopt).substr(2));
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Subject subject = BlankNode{nodes[i]};
      VAARDIG_ASSIGN_OR_RETURN(auto object, ObjectToRdf(list[i], graph));
      if (object) VAARDIG_RETURN_IF_ERROR(Emit(subject, std::string(kRdf) + "first", std::move(*object), graph));
      Object rest = i + 1 < list.size() ? Object(BlankNode{nodes[i + 1]})
                                        : Object(Iri{std::string(kRdf) + "nil"});
      VAARDIG_RETURN_IF_ERROR(Emit(subject, std::string(kRdf) + "rest", std::move(rest), graph));
    }
    return Object(BlankNode{nodes[0]});
  }

  Result<std::optional<Object>> ValueToRdf(const Json& item, const std::optional<GraphName>& graph) {
    const Json& value = item["@value"];
    std::optional<std::string> datatype;
    if (const auto it = item.find("@type"); it != item.end()) {
      if (!it->is_string()) return std::optional<Object>();
      datatype = it->get<std::string>();
      if (*datatype != "@json" && !IsWellFormedIri(*datatype)) return std::optional<Object>();
    }
    std::string language;
    if (const auto it = item.find("@language"); it != item.end()) {
      if (!it->is_string() || !IsWellFormedLanguage(it->get_ref<const std::string&>())) {
        return std::optional<Object>();
      }
      language = it->get<std::string>();
    }
    std::string lexical;
    if (datatype && *datatype == "@json") {
      VAARDIG_ASSIGN_OR_RETURN(lexical, encoding::Canonicalize(value));
      datatype = std::string(kRdf) + "JSON";
    } else if (value.is_boolean()) {
      lexical = value.get<bool>() ? "true" : "false";
      if (!datatype) datatype = kXsdBoolean;
    } else if (value.is_number()) {
      const double d = value.get<double>();
      const bool integral = value.is_number_integer() || (std::isfinite(d) && std::trunc(d) == d);
      if (!integral || std::fabs(d) >= 1e21 || (datatype && *datatype == kXsdDouble)) {
        lexical = CanonicalDouble(d);
        if (!datatype) datatype = kXsdDouble;
      } else {
        if (value.is_number_integer()) {
          lexical = value.dump();
        } else {
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%.0f", d == 0 ? 0.0 : d);  // no "-0"
          lexical = buffer;
        }
        if (!datatype) datatype = kXsdInteger;
      }
    } else if (value.is_string()) {
      lexical = value.get<std::string>();
      if (!datatype) datatype = language.empty() ? kXsdString : kRdfLangString;
    } else {
      return std::optional<Object>();
    }
    // §8.3 step 13: the base direction. Without an rdfDirection the direction is not in the RDF,
    // so a proof would not cover it: safe mode refuses the value (as jsonld.js's "rdfDirection not
    // set" does) rather than let "rtl" become "ltr" under a valid signature.
    if (const auto it = item.find("@direction"); it != item.end() && it->is_string() &&
                                                 options_.rdf_direction == RdfDirection::kNone &&
                                                 options_.safe_mode) {
      return Fail(JsonLdError("safe mode", "the base direction '" + it->get<std::string>() + "' of a value is not in the RDF (rdfDirection is not set), "
                                          "so a proof would not cover it"));
    }
    if (const auto it = item.find("@direction"); it != item.end() && it->is_string() &&
                                                 options_.rdf_direction != RdfDirection::kNone) {
      const std::string direction = it->get<std::string>();
      std::string lower_language = language;
      for (char& c : lower_language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (options_.rdf_direction == RdfDirection::kI18nDatatype) {
        return std::optional<Object>(
            Literal{lexical, "https://www.w3.org/ns/i18n#" + lower_language + "_" + direction, ""});
      }
      const Subject node = BlankNode{issuer_.Issue(std::nullopt).substr(2)};
      VAARDIG_RETURN_IF_ERROR(Emit(node, std::string(kRdf) + "value", Literal{lexical, kXsdString, ""}, graph));
      if (!language.empty()) {
        VAARDIG_RETURN_IF_ERROR(Emit(node, std::string(kRdf) + "language", Literal{lower_language, kXsdString, ""}, graph));
      }
      VAARDIG_RETURN_IF_ERROR(Emit(node, std::string(kRdf) + "direction", Literal{direction, kXsdString, ""}, graph));
      return std::optional<Object>(std::get<BlankNode>(node));
    }
    return std::optional<Object>(Literal{lexical, *datatype, language});
  }

  const JsonLdOptions& options_;
  BlankNodeIssuer& issuer_;
  Dataset& dataset_;
};

}  // namespace

Result<Dataset> ToRdf(const Json& document, const JsonLdOptions& options) {
  VAARDIG_ASSIGN_OR_RETURN(Json expanded, Expand(document, options));
  try {
    jsonld::Processor processor(options);
    NodeMapBuilder builder(processor);
    builder.map()["@default"];
    VAARDIG_RETURN_IF_ERROR(builder.Generate(expanded, "@default", ActiveSubject{}, nullptr, nullptr));

    Dataset dataset;
    RdfWriter writer(options, builder.issuer(), dataset);
    const std::string rdf_type = std::string(kRdf) + "type";
    for (const auto& [graph_name, graph] : builder.map()) {
      std::optional<GraphName> graph_term;
      if (graph_name != "@default") {
        if (!IsWellFormedNodeId(graph_name)) continue;
        if (IsBlankNodeId(graph_name)) {
          graph_term = BlankNode{graph_name.substr(2)};
        } else {
          graph_term = Iri{graph_name};
        }
      }
      for (const auto& [subject_id, node] : graph) {
        if (!IsWellFormedNodeId(subject_id)) {
          if (options.safe_mode) return Fail(Dropped("node '" + subject_id + "'"));
          continue;
        }
        const Subject subject = IsBlankNodeId(subject_id) ? Subject(BlankNode{subject_id.substr(2)})
                                                          : Subject(Iri{subject_id});
        for (const std::string& type : node.types) {
          if (!IsWellFormedNodeId(type)) {
            if (options.safe_mode) return Fail(Dropped("type '" + type + "'"));
            continue;
          }
          VAARDIG_RETURN_IF_ERROR(writer.Emit(subject, rdf_type, NodeTerm(type), graph_term));
        }
        for (const auto& [property, values] : node.properties) {
          if (IsKeyword(property)) continue;
          if (IsBlankNodeId(property) || !IsWellFormedIri(property)) {
            // Generalized RDF (blank node predicates) is not produced.
            if (options.safe_mode) return Fail(Dropped("property '" + property + "'"));
            continue;
          }
          for (const Entry& item : values) {
            // The object's own triples (lists, compound literals) follow the triple that uses it.
            Dataset pending;
            RdfWriter inner(options, builder.issuer(), pending);
            VAARDIG_ASSIGN_OR_RETURN(auto object, inner.ObjectToRdf(item, graph_term));
            if (!object && options.safe_mode) return Fail(Dropped("a value of '" + property + "'"));
            if (object) VAARDIG_RETURN_IF_ERROR(writer.Emit(subject, property, std::move(*object), graph_term));
            for (Quad& quad : pending.quads) {
              if (dataset.quads.size() >= options.limits.max_quads) {
                return Fail(ErrorCode::kResourceExhausted,
                            "JSON-LD document produces more than " +
                                std::to_string(options.limits.max_quads) + " quads");
              }
              dataset.quads.push_back(std::move(quad));
            }
          }
        }
      }
    }
    return dataset;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, std::string("JSON-LD to RDF failed: ") + e.what());
  }
}

Result<CanonicalDataset> CanonicalizeJsonLd(const Json& document, const JsonLdOptions& options,
                                            const RdfcOptions& rdfc) {
  VAARDIG_ASSIGN_OR_RETURN(Dataset dataset, ToRdf(document, options));
  return Canonicalize(dataset, rdfc);
}

}  // namespace vaardig::w3c
