// IRI references as JSON-LD uses them: the RFC 3986 §5.2 reference resolution (the basic
// algorithm only: no syntax- or scheme-based normalization, as JSON-LD 1.1 §4.3 step 8 requires)
// and the cheap syntactic tests the processing algorithms ask for.
//
// Thread-safety: free functions without state.
#pragma once

#include <string>
#include <string_view>

namespace vaardig::w3c {

// True when `value` starts with an RFC 3986 scheme followed by ':' ("https:", "urn:", "did:").
[[nodiscard]] bool HasIriScheme(std::string_view value);

// True for an absolute IRI that N-Quads can carry: a scheme, and none of the characters IRIREF
// excludes (controls, space, < > " { } | ^ ` \), and at most one '#'.
[[nodiscard]] bool IsWellFormedIri(std::string_view value);

// RFC 3986 §5.2.2 with §5.2.3 merge and §5.2.4 remove_dot_segments. `base` must be absolute;
// when it is not, `reference` is returned unchanged if it is absolute, else an empty string.
[[nodiscard]] std::string ResolveIri(std::string_view base, std::string_view reference);

}  // namespace vaardig::w3c
