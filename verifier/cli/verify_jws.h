// `vaardig-verifier verify-jws`: checks a compact JWS (RFC 7515 §7.1) against one public key and
// reports what was checked, telling "could not check" apart from "checked and rejected".
//
// The verdict is the kernel's alone (jose::VerifyCompactJws: the key decides the algorithm, the
// received bytes are verified before anything is parsed as trusted, `typ` is checked when asked).
// The report's per-check details are derived afterwards from the header as received, to say
// *which* check failed; they never turn a failure into a success.
//
// Report (JSON object):
//   verified  bool
//   alg, kid, typ   from the protected header (null when absent or unreadable)
//   payload   the verified payload: JSON when it parses as JSON, else a string; null unless verified
//   checks    [{"check": "format"|"algorithm"|"typ"|"signature",
//               "status": "passed"|"failed"|"could_not_check"|"skipped", "detail": "..."}]
//   error     {"code", "message"} when not verified
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "verifier/app/verdict.h"

namespace vaardig::verifier::cli {

inline constexpr std::size_t kMaxJwsBytes = 1 << 20;
inline constexpr std::size_t kMaxJwkFileBytes = 64 * 1024;

using verifier::Verdict;  // verifier/app/verdict.h

struct JwsReport {
  Verdict verdict;
  Json json;
};

[[nodiscard]] JwsReport VerifyJwsWithReport(std::string_view jws, const jose::PublicJwk& key,
                                            const std::optional<std::string>& expected_typ);

// A report for when verification could not start (key file unreadable, input too large, ...).
[[nodiscard]] JwsReport CouldNotCheckReport(const Error& error);

// Reads a JWK file (public or private; only the public key is kept) of at most kMaxJwkFileBytes.
[[nodiscard]] Result<jose::PublicJwk> LoadPublicJwkFile(const std::filesystem::path& path);

// Reads the JWS from `path`, or from `in` when path is "-"; at most kMaxJwsBytes
// (resource_exhausted beyond). Surrounding whitespace (a final newline) is removed.
[[nodiscard]] Result<std::string> ReadJwsInput(const std::string& path, std::istream& in);

}  // namespace vaardig::verifier::cli
