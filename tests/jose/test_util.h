// Helpers for the JOSE tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::jose::testing {

inline Json LoadVector(const std::string& relative) {
  std::ifstream in(std::string(VAARDIG_VECTORS_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

template <typename T>
::testing::AssertionResult FailsWith(const Result<T>& result, ErrorCode code) {
  if (result.has_value()) return ::testing::AssertionFailure() << "succeeded, expected " << code;
  if (result.error().code() != code) {
    return ::testing::AssertionFailure() << "got " << result.error() << ", expected " << code;
  }
  return ::testing::AssertionSuccess();
}

template <typename T>
::testing::AssertionResult IsOk(const Result<T>& result) {
  if (result.has_value()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "failed: " << result.error();
}

}  // namespace vaardig::jose::testing
