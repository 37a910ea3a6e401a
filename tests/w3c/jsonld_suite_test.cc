// The W3C JSON-LD 1.1 expand and toRdf suites (tests/vectors/json-ld-api), driven by their
// manifests. Every entry either runs or is skipped by a named rule; the counts are printed and the
// skip count is pinned so a new skip cannot slip in unnoticed.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"
#include "core/w3c/nquads.h"
#include "core/w3c/rdfc10.h"
#include "tests/w3c/test_util.h"

namespace vaardig::w3c {
namespace {

namespace fs = std::filesystem;
using testutil::ReadFileOrFail;

const fs::path kDir = fs::path(VAARDIG_VECTORS_DIR) / "json-ld-api";
constexpr std::string_view kBaseIri = "https://w3c.github.io/json-ld-api/tests/";

Json ReadJson(const fs::path& path) {
  JsonLimits limits;
  limits.max_bytes = 4 << 20;
  auto json = ParseJson(ReadFileOrFail(path.string()), limits);
  EXPECT_TRUE(json.has_value()) << path << ": " << json.error();
  return json ? *json : Json();
}

// Serves the suite's own documents for their published URLs; refuses everything else.
class SuiteLoader final : public DocumentLoader {
 public:
  Result<std::shared_ptr<const RemoteDocument>> Load(std::string_view url) override {
    if (!url.starts_with(kBaseIri)) {
      return Fail(ErrorCode::kPermissionDenied, "context not allowed: " + std::string(url));
    }
    const fs::path path = kDir / std::string(url.substr(kBaseIri.size()));
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return Fail(ErrorCode::kNotFound, "no such document: " + std::string(url));
    JsonLimits limits;
    limits.max_bytes = 4 << 20;
    auto json = ParseJson(ReadFileOrFail(path.string()), limits);
    if (!json) return Fail(json.error());
    return std::make_shared<const RemoteDocument>(RemoteDocument{std::string(url), std::move(*json)});
  }
};

// JSON-LD result comparison: arrays are sets except the value of @list.
bool JsonLdEqual(const Json& a, const Json& b, bool ordered = false) {
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    if (ordered) {
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!JsonLdEqual(a[i], b[i])) return false;
      }
      return true;
    }
    std::vector<bool> used(b.size(), false);
    for (const Json& x : a) {
      bool found = false;
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (!used[j] && JsonLdEqual(x, b[j])) {
          used[j] = found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      const auto it = b.find(key);
      if (it == b.end() || !JsonLdEqual(value, *it, key == "@list")) return false;
    }
    return true;
  }
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

// Why an entry does not apply to Vaardig's offline JSON-LD 1.1 processor, or "" when it runs.
std::string SkipReason(const Json& test) {
  const Json option = test.value("option", Json::object());
  if (option.value("specVersion", "") == "json-ld-1.0") return "for JSON-LD 1.0 processors only";
  const std::string input = test.value("input", "");
  if (input.ends_with(".html")) return "HTML input (script extraction is not offered)";
  if (option.value("produceGeneralizedRdf", false)) return "generalized RDF is not produced";
  return "";
}

struct Tally {
  int passed = 0;
  int skipped = 0;
  int failed = 0;
  std::map<std::string, int> skip_reasons;
};

JsonLdOptions OptionsFor(const Json& test, DocumentLoader& loader) {
  const Json option = test.value("option", Json::object());
  JsonLdOptions options;
  options.loader = &loader;
  options.base = option.value("base", std::string(kBaseIri) + test.value("input", ""));
  if (option.contains("expandContext")) {
    options.expand_context = Json(std::string(kBaseIri) + option["expandContext"].get<std::string>());
  }
  options.processing_mode_1_0 = option.value("processingMode", "") == "json-ld-1.0";
  const std::string direction = option.value("rdfDirection", "");
  if (direction == "i18n-datatype") options.rdf_direction = RdfDirection::kI18nDatatype;
  if (direction == "compound-literal") options.rdf_direction = RdfDirection::kCompoundLiteral;
  return options;
}

bool IsType(const Json& test, std::string_view type) {
  for (const Json& t : test["@type"]) {
    if (t == type) return true;
  }
  return false;
}

// Runs one entry; returns "" on success or what went wrong.
std::string RunEntry(const Json& test, bool to_rdf, DocumentLoader& loader) {
  const Json input = ReadJson(kDir / test["input"].get<std::string>());
  const JsonLdOptions options = OptionsFor(test, loader);
  if (IsType(test, "jld:NegativeEvaluationTest")) {
    const std::string expected = test["expectErrorCode"].get<std::string>();
    Status status = Ok();
    if (to_rdf) {
      auto result = ToRdf(input, options);
      if (!result) status = Fail(result.error());
    } else {
      auto result = Expand(input, options);
      if (!result) status = Fail(result.error());
    }
    if (status) return "succeeded, expected error '" + expected + "'";
    const std::string& message = status.error().message();
    if (!message.starts_with(expected)) {
      return "expected error '" + expected + "', got " + status.error().ToString();
    }
    return "";
  }
  if (!to_rdf) {
    auto result = Expand(input, options);
    if (!result) return "failed: " + result.error().ToString();
    const Json expected = ReadJson(kDir / test["expect"].get<std::string>());
    if (!JsonLdEqual(*result, expected)) {
      return "expanded\n  " + result->dump() + "\nexpected\n  " + expected.dump();
    }
    return "";
  }
  auto dataset = ToRdf(input, options);
  if (!dataset) return "failed: " + dataset.error().ToString();
  if (IsType(test, "jld:PositiveSyntaxTest")) return "";
  auto ours = Canonicalize(*dataset);
  if (!ours) return "canonicalizing our output failed: " + ours.error().ToString();
  auto expected_dataset = ParseNQuads(ReadFileOrFail((kDir / test["expect"].get<std::string>()).string()));
  if (!expected_dataset) return "expected file does not parse: " + expected_dataset.error().ToString();
  auto expected = Canonicalize(*expected_dataset);
  if (!expected) return "canonicalizing the expected output failed: " + expected.error().ToString();
  if (ours->nquads != expected->nquads) {
    return "produced\n" + ours->nquads + "expected\n" + expected->nquads;
  }
  return "";
}

Tally RunManifest(const std::string& name, bool to_rdf) {
  Tally tally;
  SuiteLoader loader;
  const Json manifest = ReadJson(kDir / name);
  for (const Json& test : manifest["sequence"]) {
    const std::string id = test["@id"].get<std::string>() + " " + test.value("name", "");
    if (const std::string reason = SkipReason(test); !reason.empty()) {
      ++tally.skipped;
      ++tally.skip_reasons[reason];
      continue;
    }
    const std::string problem = RunEntry(test, to_rdf, loader);
    if (problem.empty()) {
      ++tally.passed;
    } else {
      ++tally.failed;
      ADD_FAILURE() << name << " " << id << ": " << problem;
    }
  }
  std::cout << name << ": " << tally.passed << " passed, " << tally.skipped << " skipped, "
            << tally.failed << " failed\n";
  for (const auto& [reason, count] : tally.skip_reasons) {
    std::cout << "  skipped " << count << ": " << reason << "\n";
  }
  return tally;
}

TEST(JsonLdSuite, Expand) {
  const Tally tally = RunManifest("expand-manifest.jsonld", false);
  EXPECT_EQ(tally.failed, 0);
  EXPECT_EQ(tally.passed + tally.skipped + tally.failed, 385);
  EXPECT_EQ(tally.skipped, 9);
}

TEST(JsonLdSuite, ToRdf) {
  const Tally tally = RunManifest("toRdf-manifest.jsonld", true);
  EXPECT_EQ(tally.failed, 0);
  EXPECT_EQ(tally.passed + tally.skipped + tally.failed, 467);
  EXPECT_EQ(tally.skipped, 12);
}

}  // namespace
}  // namespace vaardig::w3c
