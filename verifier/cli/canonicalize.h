// `vaardig-verifier canonicalize`: the RDFC-1.0 canonical N-Quads of a JSON-LD document (what an
// eddsa-rdfc-2022 proof signs), or its JSON-LD expansion, for people who need to see why a
// signature does not verify. Contexts come from the bundled set, plus files named with
// --context URL=FILE; nothing is fetched.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace vaardig::verifier::cli {

struct CanonicalizeArgs {
  std::string input;                  // a file, or "-" for standard input
  std::vector<std::string> contexts;  // "URL=FILE"
  bool expand = false;                // print the expanded JSON-LD instead
  bool map = false;                   // also print the issued blank node identifiers (to err)
  bool allow_undefined = false;       // JSON-LD's silent dropping instead of safe mode
};

// Exit 0 with the N-Quads on `out`; 2 with "vaardig-verifier: cannot canonicalize: ..." on
// `err` (malformed JSON, a JSON-LD error, a context that is not allowed, a limit).
[[nodiscard]] int RunCanonicalize(const CanonicalizeArgs& args, std::istream& in, std::ostream& out,
                                  std::ostream& err);

}  // namespace vaardig::verifier::cli
