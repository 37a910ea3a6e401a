// Finding the key that must have signed a VC-JOSE-COSE or Open Badges token, from its protected
// header only (VC-JOSE-COSE §4 "Key Discovery": kid, optionally a DID URL). The payload is never
// consulted: it is decoded only after the signature verified. Which DID the kid may name is
// checked after verification against the verified issuer / holder (document.h,
// CheckKidMatchesSigner), so a lookup need not trust the payload at all.
//
// Keys in the header ("jwk", "x5c", "jku") are never used. The lookups are thread-safe when the
// resolver is; the resolver must outlive the lookup.
#pragma once

#include <functional>

#include "core/common/error.h"
#include "core/did/document.h"
#include "core/did/resolver.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::vcjose {

// Given the (not yet verified) protected header, the public key to verify with.
using KeyLookup = std::function<Result<jose::PublicJwk>(const Json& header)>;

// Always `key`; when both the header and the key carry a kid they must be equal (not_found).
[[nodiscard]] KeyLookup FixedKey(jose::PublicJwk key);

// The header's kid must be an absolute DID URL ("did:web:example.com#key-1"; a bare did:jwk or
// did:key also works), resolved to a verification method listed under `relationship`:
// assertionMethod for credentials, authentication for presentations. No kid or a kid that is not a
// DID URL: invalid_argument; resolution errors as in core/did/resolver.h.
[[nodiscard]] KeyLookup DidKeyLookup(did::DidResolver& resolver,
                                     did::Relationship relationship = did::Relationship::kAssertionMethod);

}  // namespace vaardig::vcjose
