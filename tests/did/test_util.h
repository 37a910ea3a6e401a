// Matchers and fixtures shared by the DID tests.
#pragma once

#include <gmock/gmock.h>

#include <string>

#include "core/common/error.h"
#include "core/jose/jwk.h"

namespace vaardig::did::testutil {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)); prints the error on mismatch.
MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << arg.error();
  return arg.has_value();
}

// did:jwk spec (quartzjer/did-jwk spec.md, commit 8137ac4a), "Examples": the P-256 key and its
// DID, and the X25519 ("use":"enc") DID.
inline constexpr char kSpecP256X[] = "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0";
inline constexpr char kSpecP256Y[] = "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE";
inline constexpr char kSpecP256DidJwk[] =
    "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6"
    "OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9";
inline constexpr char kSpecX25519DidJwk[] =
    "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJYMjU1MTkiLCJ1c2UiOiJlbmMiLCJ4IjoiM3A3YmZYdDl3YlRUVzJIQzdP"
    "UTFOei1EUThoYmVHZE5yZngtRkctSUswOCJ9";

// A fresh public JWK of each signing key type.
inline jose::PublicJwk NewP256Jwk() {
  return jose::PublicJwk::FromKey(crypto::P256PrivateKey::Generate().public_key());
}
inline jose::PublicJwk NewEd25519Jwk() {
  return jose::PublicJwk::FromKey(crypto::Ed25519PrivateKey::Generate().public_key());
}

}  // namespace vaardig::did::testutil
