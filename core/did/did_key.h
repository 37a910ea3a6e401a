// did:key (W3C CCG DID Method Key v0.7, https://w3c-ccg.github.io/did-method-key/) for Multikey
// public keys (see multikey.h): Ed25519 "did:key:z6Mk..." and P-256 "did:key:zDn...".
//
// The document has one verification method, id "<did>#<multibase value>", type Multikey with
// publicKeyMultibase, listed under authentication, assertionMethod, capabilityInvocation and
// capabilityDelegation. No X25519 keyAgreement key is derived (the spec's
// enableEncryptionKeyDerivation option is off: Vaardig has no use for key agreement).
//
// Resolution errors: not a did:key, an explicit version ("did:key:1:..."), a multibase other than
// 'z', malformed key bytes: invalid_argument; a key type we do not support: unimplemented.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/did/document.h"
#include "core/jose/jwk.h"

namespace vaardig::did {

// RSA keys: unimplemented.
[[nodiscard]] Result<std::string> CreateDidKey(const jose::PublicJwk& key);

// `did` must be a bare DID (no fragment).
[[nodiscard]] Result<DidDocument> ResolveDidKey(std::string_view did);

}  // namespace vaardig::did
