// Matchers and file helpers shared by the w3c tests.
#pragma once

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"

namespace vaardig::w3c::testutil {

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

// Reads a whole file as bytes; fails the test (returns "") when it cannot.
inline std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace vaardig::w3c::testutil
