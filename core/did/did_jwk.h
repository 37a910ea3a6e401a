// did:jwk (https://github.com/quartzjer/did-jwk/blob/main/spec.md): the DID is "did:jwk:" and
// the base64url of a public JWK's JSON; its document has the single verification method "#0" of
// type JsonWebKey2020.
//
// Relationships, as the spec says: no "use" → assertionMethod, authentication,
// capabilityInvocation, capabilityDelegation and keyAgreement; "use":"sig" → all but keyAgreement;
// "use":"enc" → keyAgreement only. Any other "use": invalid_argument.
//
// Resolution errors: not a did:jwk, not base64url, not a JSON object: invalid_argument; a JWK with
// private members ("d", ...): invalid_argument; a key type we do not support (X25519, secp256k1,
// P-384, ...): unimplemented. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/did/document.h"
#include "core/jose/jwk.h"

namespace vaardig::did {

// "did:jwk:" + base64url of the key's required public members (RFC 7638) with the member names in
// lexicographic order, no whitespace, no "kid": one key gives one DID, and for P-256 the result
// has the form of the spec's example ({"crv","kty","x","y"}).
[[nodiscard]] std::string CreateDidJwk(const jose::PublicJwk& key);

// `did` must be a bare DID (no fragment).
[[nodiscard]] Result<DidDocument> ResolveDidJwk(std::string_view did);

}  // namespace vaardig::did
