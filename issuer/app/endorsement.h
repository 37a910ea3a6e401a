// The endorser's signed statement (DESIGN.md §4.3): built from the confirmed request and signed as
// a compact JWS (ES256, typ "vaardig-endorsement+jwt", kid = RFC 7638 thumbprint of the endorser key).
//
// Payload (JSON, members in this order):
//   {"type":"VaardigEndorsement", "issuer":{"name","id"}, "endorser":{"name","role","employee_number"},
//    "subject":{"employee_number","name"}, "skill":{"id","name_nl","esco_uri"?}, "level", "self_level",
//    "evidence":[{"name","sha256"}], "comment", "date" (RFC 3339 UTC), "iat" (unix seconds)}
// "esco_uri" is absent when the skill has no ESCO alignment. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::issuer {

struct EndorsementInput {
  std::string issuer_name;
  std::string issuer_id;
  std::string endorser_name;
  std::string endorser_role;
  std::string endorser_number;
  std::string subject_number;
  std::string subject_name;
  std::string skill_id;
  std::string skill_name_nl;
  std::string skill_esco_uri;  // "" when none
  int level = 0;
  int self_level = 0;
  std::vector<std::pair<std::string, std::string>> evidence;  // name, sha256 hex
  std::string comment;
  std::int64_t now = 0;
};

[[nodiscard]] Json BuildEndorsementStatement(const EndorsementInput& input);

struct SignedEndorsement {
  std::string jws;
  std::string payload_sha256;  // hex SHA-256 of the exact payload bytes signed
};

// `key` must carry its kid.
[[nodiscard]] Result<SignedEndorsement> SignEndorsement(const jose::PrivateJwk& key, const std::string& kid,
                                                        const Json& statement);

}  // namespace vaardig::issuer
