// Helpers for the crypto tests: hex, vector files, error-code assertions.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::crypto::testing {

// Lower- or upper-case hex to bytes; throws std::invalid_argument on malformed input (gtest then
// reports the test as failed).
Bytes Hex(std::string_view hex);
std::string ToHex(ByteView bytes);

// Parses tests/vectors/<relative_path>.
nlohmann::json LoadVectorFile(std::string_view relative_path);

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

// A Wycheproof verification vector (the fields the signature tests use).
struct WycheproofVector {
  int tc_id = 0;
  std::string comment;
  std::vector<std::string> flags;
  Bytes msg;
  Bytes sig;
  std::string result;  // "valid", "invalid" or "acceptable"
  std::string Label() const;
};

struct WycheproofGroup {
  nlohmann::json public_key;
  std::vector<WycheproofVector> tests;
};

struct WycheproofFile {
  int number_of_tests = 0;  // as the file declares it
  int loaded = 0;           // vectors found in the groups
  std::vector<WycheproofGroup> groups;
};

WycheproofFile LoadWycheproof(std::string_view file_name);

}  // namespace vaardig::crypto::testing
