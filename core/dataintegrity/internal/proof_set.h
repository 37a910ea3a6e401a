// Shared by AddProof and VerifyProofs: the document's proofs as a list (VC Data Integrity 1.0
// §4.3 step 1, §4.5 step 1), and the previous proofs a proof chains to.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::dataintegrity::internal {

// `document` must be an object. No "proof": an empty list; one object: a list of it; an array:
// its entries, each an object. Otherwise invalid_argument; more than max_proofs:
// resource_exhausted. Two proofs with the same id: invalid_argument (previousProof would be
// ambiguous).
[[nodiscard]] Result<std::vector<Json>> ProofList(const Json& document, std::size_t max_proofs);

// The proofs of `all` whose id is one of `ids`, in the order of `ids`. An id naming no proof:
// not_found.
[[nodiscard]] Result<std::vector<Json>> MatchingProofs(const std::vector<Json>& all,
                                                       const std::vector<std::string>& ids);

// `document` without "proof", then with "proof" set to `previous` as an array when it is not
// empty (§4.3 step 3, §4.5 step 3.3).
[[nodiscard]] Json RestrictedDocument(const Json& document, const std::vector<Json>& previous);

}  // namespace vaardig::dataintegrity::internal
