// RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, https://www.w3.org/TR/rdf-canon/):
// issues deterministic blank node identifiers (c14n0, c14n1, ...) and produces the serialized
// canonical form, so that two isomorphic datasets give byte-identical N-Quads.
//
// Implements §4.4 (canonicalization algorithm), §4.5 (issue identifier), §4.6 (Hash First Degree
// Quads), §4.7 (Hash Related Blank Node), §4.8 (Hash N-Degree Quads) and §5 (serialization).
// The input is treated as a set: duplicate quads are dropped before hashing.
//
// Security (§7.1 "Dataset Poisoning"): Hash N-Degree Quads is exponential on crafted inputs (e.g.
// many mutually indistinguishable blank nodes). RdfcOptions bounds the number of Hash N-Degree
// Quads calls and of permutations examined; exceeding either fails with resource_exhausted. The
// defaults leave ample room for real credentials and reject the suite's poison dataset within
// milliseconds.
//
// Thread-safety: Canonicalize has no shared state.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/w3c/nquads.h"
#include "core/w3c/rdf.h"

namespace vaardig::w3c {

enum class RdfcHashAlgorithm {
  kSha256,  // RDFC-1.0 as specified
  kSha384,  // the spec's parameterised hash (§4.2 note); gives different output
};

struct RdfcOptions {
  RdfcHashAlgorithm hash = RdfcHashAlgorithm::kSha256;
  // Work limits for the poison-dataset guard, counted over the whole run. The hardest positive
  // tests of the W3C suite (test044-046) need 468 calls and 2,880 permutations.
  std::size_t max_n_degree_calls = 5'000;
  std::size_t max_permutations = 50'000;
};

// How much work a run did, for tuning the limits.
struct RdfcWork {
  std::size_t n_degree_calls = 0;
  std::size_t permutations = 0;
};

struct CanonicalDataset {
  // The serialized canonical form (§5): canonical N-Quads lines in code point order, each ending
  // with "\n"; empty for an empty dataset.
  std::string nquads;
  // The issued identifiers map of the canonical issuer: input blank node id (without "_:") to its
  // canonical id ("c14n0", ...).
  std::map<std::string, std::string> issued_identifiers;
  // The canonically labelled quads, in the order of `nquads`.
  Dataset dataset;
  RdfcWork work;
};

[[nodiscard]] Result<CanonicalDataset> Canonicalize(const Dataset& dataset,
                                                    const RdfcOptions& options = {});

// ParseNQuads followed by Canonicalize.
[[nodiscard]] Result<CanonicalDataset> CanonicalizeNQuads(std::string_view nquads,
                                                          const RdfcOptions& options = {},
                                                          const NQuadsLimits& limits = {});

}  // namespace vaardig::w3c
