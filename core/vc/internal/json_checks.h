// Shared checks for the VCDM 2.0 and Open Badges validators: JSON paths in error messages
// ("credentialSubject.achievement.alignment[0].targetUrl: ..."), typed member reads and limits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/vc/credential.h"

namespace vaardig::vc::internal {

// "a" + "b" → "a.b"; "" + "b" → "b".
[[nodiscard]] std::string Member(std::string_view path, std::string_view name);
// "a" + 2 → "a[2]".
[[nodiscard]] std::string Element(std::string_view path, std::size_t index);
// invalid_argument "<path>: <message>" ("document: <message>" for the empty path).
[[nodiscard]] std::unexpected<Error> PathError(std::string_view path, std::string_view message);

// The object's "type": a string or a non-empty array of strings. Missing or malformed:
// invalid_argument naming <path>.type.
[[nodiscard]] Result<std::vector<std::string>> ReadTypes(const Json& object, std::string_view path,
                                                         const VcLimits& limits);
[[nodiscard]] bool Contains(const std::vector<std::string>& values, std::string_view value);
// ReadTypes, then requires `type` among them: "<path>.type: must include \"<type>\"".
[[nodiscard]] Status RequireType(const Json& object, std::string_view path, std::string_view type,
                                 const VcLimits& limits);

// A member that must be a string when present.
[[nodiscard]] Result<std::optional<std::string>> OptionalString(const Json& object,
                                                                std::string_view name,
                                                                std::string_view path);
// A member that must be present and a non-empty string.
[[nodiscard]] Result<std::string> RequiredString(const Json& object, std::string_view name,
                                                 std::string_view path);
// A member that must be a URL when present / must be present and a URL.
[[nodiscard]] Result<std::optional<std::string>> OptionalUrl(const Json& object,
                                                             std::string_view name,
                                                             std::string_view path);
[[nodiscard]] Result<std::string> RequiredUrl(const Json& object, std::string_view name,
                                              std::string_view path);

// An object, or an array of objects (non-empty unless allow_empty), as a list of pointers into
// `value`. More than limits.max_array_entries: resource_exhausted.
[[nodiscard]] Result<std::vector<const Json*>> ObjectOrObjects(const Json& value,
                                                               std::string_view path,
                                                               bool allow_empty,
                                                               const VcLimits& limits);
// An array of objects (the form Open Badges requires for its lists).
[[nodiscard]] Result<std::vector<const Json*>> ArrayOfObjects(const Json& value,
                                                              std::string_view path,
                                                              const VcLimits& limits);

// Depth and node count of a whole document: resource_exhausted beyond limits.
[[nodiscard]] Status CheckJsonLimits(const Json& document, const VcLimits& limits);

// ParseCredential for a credential found at `path` inside another document (an embedded
// endorsement, a presentation's verifiableCredential[i]); no limit check of its own.
[[nodiscard]] Result<Credential> ParseCredentialAt(const Json& json, std::string_view path,
                                                   const VcLimits& limits);

}  // namespace vaardig::vc::internal
