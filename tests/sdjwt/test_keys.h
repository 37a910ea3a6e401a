// Keys for SD-JWT tests: the sd-jwt-python settings (tests/vectors/sd-jwt-python/settings.json).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::sdjwt::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline Json Settings() {
  auto parsed = ParseJson(ReadFile(std::string(VAARDIG_VECTORS_DIR) + "/sd-jwt-python/settings.json"));
  EXPECT_TRUE(parsed) << parsed.error();
  return parsed ? *parsed : Json();
}

// The upstream settings hold one issuer key; a second one (for the general JSON serialization,
// which carries several signatures) is generated once per test run.
inline jose::PrivateJwk IssuerKey(std::size_t i = 0) {
  if (i > 0) {
    static const jose::PrivateJwk second = *jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
    return second;
  }
  auto key = jose::PrivateJwk::Parse(Settings()["key_settings"]["issuer_keys"][i]);
  EXPECT_TRUE(key) << key.error();
  return *key;
}

inline jose::PrivateJwk HolderKey() {
  auto key = jose::PrivateJwk::Parse(Settings()["key_settings"]["holder_key"]);
  EXPECT_TRUE(key) << key.error();
  return *key;
}

}  // namespace vaardig::sdjwt::testing
