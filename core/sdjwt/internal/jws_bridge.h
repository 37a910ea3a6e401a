// The SD-JWT layer's only contact with JWS: sign a JSON payload, and verify a compact JWS with a
// given key. Kept in one place so the SD-JWT code reads as RFC 9901 and nothing else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"

namespace vaardig::sdjwt::internal {

struct UnverifiedJwt {
  Json header;
  Json payload;  // parsed before the signature check only to find the key; not trusted
};

// Parses header and payload of a compact JWS without verifying it.
[[nodiscard]] Result<UnverifiedJwt> PeekJwt(std::string_view jws, const JsonLimits& limits);

// A compact JWS split, its header checked and its payload parsed, the signature not yet verified:
// the form the issuer-signed JWT takes while its key is looked up. VerifyPeekedJwt then checks
// the signature over the received bytes, after which `payload` (parsed from those same bytes)
// may be trusted: the payload is parsed once, not again after verification.
struct PeekedJwt {
  jose::ParsedJws jws;
  Json payload;
};
[[nodiscard]] Result<PeekedJwt> PeekJwtForVerify(std::string_view jws, const JsonLimits& limits);
[[nodiscard]] Status VerifyPeekedJwt(const PeekedJwt& jwt, const jose::PublicJwk& key,
                                     const std::vector<std::string>& accepted_typ);

// Signs `payload` with `header_members` (typ, kid, ...) added after "alg".
[[nodiscard]] Result<std::string> SignJwt(const jose::PrivateJwk& key, const Json& header_members,
                                          const Json& payload);

// Verifies the compact JWS over its received bytes with `key` (the key decides the algorithm) and
// checks `typ` against `accepted_typ` (any of them; empty: not checked). Returns the header and
// the payload parsed after the signature verified.
[[nodiscard]] Result<UnverifiedJwt> VerifyJwt(std::string_view jws, const jose::PublicJwk& key,
                                              const std::vector<std::string>& accepted_typ,
                                              const JsonLimits& limits);

}  // namespace vaardig::sdjwt::internal
