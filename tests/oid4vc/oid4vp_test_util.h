// Matchers and vector loading shared by the OpenID4VP tests.
#pragma once

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/oid4vc/errors.h"

namespace vaardig::oid4vc::vptest {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)); prints the error on mismatch.
MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

// EXPECT_THAT(oauth_result, OAuthFailsWith("invalid_request")).
MATCHER_P(OAuthFailsWith, error, "fails with OAuth error " + std::string(error)) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error().error << ": " << arg.error().description;
  return arg.error().error == error;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << "failed";
  return arg.has_value();
}

// tests/vectors/oid4vp/<name>, strictly parsed. Fails the test when missing or malformed.
inline Json ReadVpVector(const std::string& name) {
  const std::string path = std::string(VAARDIG_VECTORS_DIR) + "/oid4vp/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing vector " << path;
  std::ostringstream out;
  out << in.rdbuf();
  auto parsed = ParseJson(out.str());
  EXPECT_TRUE(parsed.has_value()) << name << ": " << parsed.error();
  return parsed ? *parsed : Json();
}

inline Json J(const char* text) { return ParseJson(text).value(); }

}  // namespace vaardig::oid4vc::vptest
