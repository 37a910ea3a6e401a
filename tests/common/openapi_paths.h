// Reads the `paths:` block of an OpenAPI file in specs/ textually, for the tests that hold each
// service's router and its OpenAPI description to each other (tests/issuer/openapi_test.cc,
// tests/verifier/openapi_test.cc). The layout the specs' header comments fix: a path is a line of
// exactly two spaces, the path and a colon ("  /api/claims:"); each operation a line of exactly
// four spaces, the lower-case method and a colon ("    get:").
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace vaardig::test_openapi {

using Operations = std::map<std::string, std::set<std::string>>;  // path → lower-case methods

inline std::string ReadSpec(const std::string& name) {
  const std::string path = std::string(VAARDIG_SOURCE_DIR) + "/specs/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "missing " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The operations of the `paths:` block: it starts at the line "paths:" and ends at the next line
// that is not blank and not indented.
inline Operations DocumentedOperations(const std::string& yaml) {
  Operations out;
  std::istringstream in(yaml);
  std::string line;
  bool in_paths = false;
  std::string current;
  static const std::set<std::string> kMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!in_paths) {
      in_paths = line == "paths:";
      continue;
    }
    if (line.empty()) continue;
    if (line[0] != ' ') break;  // the next top-level key
    if (line.starts_with("  /") && line.back() == ':' && line.find(' ', 2) == std::string::npos) {
      current = line.substr(2, line.size() - 3);
      EXPECT_FALSE(out.contains(current)) << "path documented twice: " << current;
      out[current];
      continue;
    }
    if (line.starts_with("    ") && !line.starts_with("     ") && line.back() == ':') {
      const std::string key = line.substr(4, line.size() - 5);
      if (kMethods.contains(key)) {
        EXPECT_FALSE(current.empty()) << "operation before any path: " << line;
        EXPECT_TRUE(out[current].insert(key).second) << "operation documented twice: " << key << " " << current;
      }
    }
  }
  return out;
}

}  // namespace vaardig::test_openapi
