// Matchers and vector loading for the OpenID4VCI tests.
#pragma once

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/oid4vc/errors.h"

namespace vaardig::oid4vc::testutil {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument, "substring of the message")).
MATCHER_P2(FailsWith, code, text, "fails with " + std::string(ErrorCodeName(code)) + " containing \"" + std::string(text) + "\"") {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code && arg.error().message().find(text) != std::string::npos;
}

// EXPECT_THAT(result, OAuthFailsWith(errors::kInvalidProof, "substring of the description")).
MATCHER_P2(OAuthFailsWith, error, text, "fails with " + std::string(error) + " containing \"" + std::string(text) + "\"") {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error().error << ": " << arg.error().description;
  // error_description characters: %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2).
  for (const char c : arg.error().description) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
      *result_listener << " (the description has a character error_description does not allow)";
      return false;
    }
  }
  return arg.error().error == error && arg.error().description.find(text) != std::string::npos &&
         arg.error().http_status == 400;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) {
    if constexpr (requires { arg.error().description; }) {
      *result_listener << arg.error().error << ": " << arg.error().description;
    } else {
      *result_listener << arg.error();
    }
  }
  return arg.has_value();
}

inline Json ReadVectorJson(const std::string& name) {
  const std::string path = std::string(VAARDIG_VECTORS_DIR) + "/oid4vci/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing vector " << path;
  std::ostringstream out;
  out << in.rdbuf();
  auto parsed = ParseJson(out.str());
  EXPECT_TRUE(parsed.has_value()) << name << ": " << parsed.error();
  return parsed ? *parsed : Json();
}

}  // namespace vaardig::oid4vc::testutil
