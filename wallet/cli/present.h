// `vaardig-wallet present`: a presentation of an SD-JWT VC with chosen disclosures and a KB-JWT.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/jose/jwk.h"

namespace vaardig::wallet::cli {

struct PresentRequest {
  std::vector<std::string> disclose;  // claim paths: "skill", "confirmation.by.role", "evidence[0]"
  std::string aud;
  std::string nonce;
  std::int64_t now = 0;
};

// The credential's issuer JWT with only the disclosures the paths need (and the parents a
// recursive disclosure needs), then a KB-JWT over it signed with the holder key. The holder key
// must be the credential's cnf key: failed_precondition otherwise (checked, not assumed).
[[nodiscard]] Result<std::string> PresentSdJwtVc(std::string_view credential, const jose::PrivateJwk& holder_key,
                                                 const PresentRequest& request);

// Reads a text file (or standard input for "-") of at most max_bytes.
[[nodiscard]] Result<std::string> ReadTextInput(const std::string& path, std::istream& in, std::size_t max_bytes);

}  // namespace vaardig::wallet::cli
