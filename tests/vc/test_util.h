// Matchers and example files shared by the vc tests.
#pragma once

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::vc::testutil {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)); prints the error on mismatch.
MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

// The code and the exact message.
MATCHER_P2(FailsWithMessage, code, message,
           "fails with " + std::string(ErrorCodeName(code)) + ": " + std::string(message)) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code && arg.error().message() == message;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << arg.error();
  return arg.has_value();
}

inline std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// tests/vectors/openbadges/examples/<name>, parsed strictly.
inline Json ReadExample(const std::string& name) {
  const std::string path = std::string(VAARDIG_VECTORS_DIR) + "/openbadges/examples/" + name;
  auto parsed = ParseJson(ReadFileOrFail(path));
  EXPECT_TRUE(parsed.has_value()) << name << ": " << parsed.error();
  return parsed ? *parsed : Json();
}

}  // namespace vaardig::vc::testutil
