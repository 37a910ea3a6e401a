// Private key files: one private JWK (RFC 7517) per file, compact JSON and a newline, mode 0600.
//
// Guarantees of WritePrivateKeyFile:
//  - the file never exists with wider permissions than 0600, not even for a moment: it is first
//    created as a temporary file in the same directory with O_CREAT|O_EXCL|O_NOFOLLOW and mode
//    0600, written and fsynced;
//  - it appears under its final name atomically and complete: renameat2(RENAME_NOREPLACE) (or
//    link(2) where the file system lacks it) when not overwriting, rename(2) when overwriting;
//  - an existing file is never replaced unless `overwrite` is set: already_exists;
//  - the serialized secret is wiped from memory after writing; the key is never logged.
// Errors: missing directory: not_found; no permission: permission_denied; other I/O: internal,
// naming the failing call.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/jose/jwk.h"

namespace vaardig::issuer::cli {

[[nodiscard]] Status WritePrivateKeyFile(const jose::PrivateJwk& key,
                                         const std::filesystem::path& path, bool overwrite);

inline constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

// Reads a private JWK file (at most kMaxKeyFileBytes; the private part is checked against the
// public part). The file's text is wiped from memory after parsing. Missing: not_found; not
// readable: permission_denied; not a private JWK: invalid_argument / unimplemented.
// `warnings` (optional) receives e.g. "readable by group or others".
[[nodiscard]] Result<jose::PrivateJwk> ReadPrivateKeyFile(const std::filesystem::path& path,
                                                          std::vector<std::string>* warnings = nullptr);

struct GeneratedKey {
  jose::PublicJwk public_jwk;  // with its kid
  std::string did;             // did:jwk of the public key
};

// Generates a key for `alg` (ES256 or EdDSA; RS256: invalid_argument), sets its kid (`kid`, or the
// RFC 7638 thumbprint when absent) and writes it with WritePrivateKeyFile.
[[nodiscard]] Result<GeneratedKey> GenerateKeyFile(jose::Algorithm alg, std::optional<std::string> kid,
                                                   const std::filesystem::path& path, bool overwrite);

// What `keys generate` prints: {"file", "alg", "kid", "public_jwk", "did"}. Public data only.
[[nodiscard]] Json DescribeGeneratedKey(const GeneratedKey& key, const std::filesystem::path& path);

}  // namespace vaardig::issuer::cli
