// Matchers, vector files and keys shared by the Data Integrity tests.
#pragma once

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"

namespace vaardig::dataintegrity::testutil {

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

// tests/vectors/vc-di-eddsa/<relative>, read whole. Fails the test when missing.
inline std::string ReadVector(const std::string& relative) {
  const std::string path = std::string(VAARDIG_VECTORS_DIR) + "/vc-di-eddsa/" + relative;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing vector " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A vector's text file holds one value on one line, maybe followed by a newline.
inline std::string ReadVectorLine(const std::string& relative) {
  std::string text = ReadVector(relative);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

inline Json ReadVectorJson(const std::string& relative) {
  auto parsed = ParseJson(ReadVector(relative));
  EXPECT_TRUE(parsed.has_value()) << relative << ": " << parsed.error();
  return parsed ? *parsed : Json();
}

}  // namespace vaardig::dataintegrity::testutil

#include "core/dataintegrity/proof.h"

namespace vaardig::dataintegrity::testutil {

// tests/dataintegrity/fixtures/<name>: canonical N-Quads derived for the proof-set-chain vectors.
inline std::string ReadFixture(const std::string& name) {
  const std::string path = std::string(VAARDIG_SOURCE_DIR) + "/tests/dataintegrity/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// ProofOptions equal to a vector's proof configuration object.
inline ProofOptions OptionsFromConfig(const Json& config) {
  ProofOptions options;
  options.cryptosuite = ParseCryptosuite(config.at("cryptosuite").get<std::string>()).value();
  options.verification_method = config.at("verificationMethod").get<std::string>();
  options.proof_purpose = config.at("proofPurpose").get<std::string>();
  if (config.contains("created")) options.created = config["created"].get<std::string>();
  if (config.contains("id")) options.id = config["id"].get<std::string>();
  if (config.contains("previousProof")) {
    const Json& previous = config["previousProof"];
    if (previous.is_string()) {
      options.previous_proof.push_back(previous.get<std::string>());
    } else {
      for (const Json& id : previous) options.previous_proof.push_back(id.get<std::string>());
    }
  }
  return options;
}

}  // namespace vaardig::dataintegrity::testutil
