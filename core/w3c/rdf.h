// The RDF 1.1 dataset model (https://www.w3.org/TR/rdf11-concepts/#section-dataset) as the
// N-Quads parser produces it and RDFC-1.0 canonicalizes it.
//
// Plain value types: the parser guarantees the lexical constraints (absolute IRIs without
// characters that N-Quads cannot carry, blank node labels per the N-Quads grammar, well-formed
// language tags); code that builds terms by hand is trusted to do the same. The type positions
// follow RDF 1.1: subjects and graph names are IRIs or blank nodes, predicates are IRIs, objects
// may also be literals.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace vaardig::w3c {

inline constexpr char kXsdString[] = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr char kRdfLangString[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

struct Iri {
  std::string value;  // the absolute IRI, escapes decoded
  friend auto operator<=>(const Iri&, const Iri&) = default;
};

struct BlankNode {
  std::string id;  // the label without the "_:" prefix
  friend auto operator<=>(const BlankNode&, const BlankNode&) = default;
};

struct Literal {
  std::string lexical;                // escapes decoded
  std::string datatype = kXsdString;  // rdf:langString when language is set
  std::string language;               // empty unless a language-tagged string
  friend auto operator<=>(const Literal&, const Literal&) = default;
};

using Subject = std::variant<Iri, BlankNode>;
using Object = std::variant<Iri, BlankNode, Literal>;
using GraphName = std::variant<Iri, BlankNode>;

struct Quad {
  Subject subject;
  Iri predicate;
  Object object;
  std::optional<GraphName> graph;  // nullopt: the default graph
  friend auto operator<=>(const Quad&, const Quad&) = default;
};

// A dataset as a list of quads in input order. RDF datasets are sets: Canonicalize drops
// duplicates.
struct Dataset {
  std::vector<Quad> quads;
};

}  // namespace vaardig::w3c
