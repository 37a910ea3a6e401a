// RDF 1.1 N-Quads (https://www.w3.org/TR/n-quads/): a strict parser and the canonical serializer of
// RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/#canonical-quads).
//
// The parser follows the N-Quads grammar exactly: IRIs must be absolute, \u and \U escapes are
// decoded (surrogates and code points above U+10FFFF are rejected), blank node labels follow
// BLANK_NODE_LABEL, the input must be UTF-8. Beyond the grammar it rejects IRIs whose decoded value
// holds a character IRIREF cannot carry unescaped (space, <, >, ", {, }, |, ^, `, \, controls),
// because no N-Quads serializer could write them back. Every error is invalid_argument and names
// the line ("line 3: ..."); the size and quad-count limits give resource_exhausted.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/w3c/rdf.h"

namespace vaardig::w3c {

struct NQuadsLimits {
  std::size_t max_input_bytes = 8 * 1024 * 1024;
  std::size_t max_quads = 100'000;
};

// Parses an N-Quads document. Quads keep document order; duplicates are kept.
[[nodiscard]] Result<Dataset> ParseNQuads(std::string_view text, const NQuadsLimits& limits = {});

// One quad in canonical N-Quads form: single spaces, xsd:string datatype omitted, only
// \b \t \n \f \r \" \\ as ECHAR, other controls as \u00XX (upper-case HEX), everything else
// literal UTF-8, terminated by " .\n".
[[nodiscard]] std::string SerializeQuad(const Quad& quad);

// The quads in canonical N-Quads form, in the order given (no sorting, no blank node relabelling).
[[nodiscard]] std::string SerializeNQuads(const Dataset& dataset);

}  // namespace vaardig::w3c
