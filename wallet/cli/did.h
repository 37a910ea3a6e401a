// `vaardig-wallet did`: the did:jwk of a key file (private or public JWK), and its DID document.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::wallet::cli {

inline constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

struct LoadedKey {
  jose::PublicJwk public_jwk;
  bool had_private_members = false;
  // Human-readable warnings, e.g. a private key file readable by group or others.
  std::vector<std::string> warnings;
};

// Reads a JWK file (at most kMaxKeyFileBytes) and keeps only its public key; the file's text,
// which may hold a private key, is wiped from memory. Missing file: not_found; unreadable:
// permission_denied; not a JWK we support: invalid_argument / unimplemented (from PublicJwk::Parse).
[[nodiscard]] Result<LoadedKey> LoadPublicKey(const std::filesystem::path& path);

// The did:jwk of `key` (core/did CreateDidJwk).
[[nodiscard]] std::string DidOf(const jose::PublicJwk& key);

// The resolved DID document of `key`'s did:jwk, as JSON.
[[nodiscard]] Result<Json> DidDocumentOf(const jose::PublicJwk& key);

}  // namespace vaardig::wallet::cli
