// The real eddsa-rdfc-2022 canonicalizer (core/w3c JSON-LD + RDFC-1.0) as the tests use it, with
// the vectors' answers as a check: for every document it was told about, its output must equal
// the N-Quads the W3C vectors (or the derived fixtures in tests/dataintegrity/fixtures/, see the
// README there) give, byte for byte; a difference fails the running test. Other documents (the
// mutations) are canonicalized without a check.
//
// Contexts: the bundled ones, plus two the vectors use that a Vaardig verifier does not bundle
// (fixtures/contexts: the VC examples context and citizenship v4rc1), served by a test loader.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "core/dataintegrity/cryptosuite.h"
#include "core/encoding/jcs.h"
#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"

namespace vaardig::dataintegrity::testutil {

// The bundled contexts and the vectors' two extra ones.
inline w3c::DocumentLoader& VectorContextLoader() {
  static w3c::StaticDocumentLoader* const loader = [] {
    auto* l = new w3c::StaticDocumentLoader(&w3c::BundledContexts());
    const std::filesystem::path dir =
        std::filesystem::path(VAARDIG_SOURCE_DIR) / "tests" / "dataintegrity" / "fixtures" / "contexts";
    const std::pair<const char*, const char*> contexts[] = {
        {"https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld"},
        {"https://w3id.org/citizenship/v4rc1", "citizenship-v4rc1.jsonld"},
    };
    for (const auto& [url, file] : contexts) {
      std::ifstream in(dir / file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      EXPECT_TRUE(l->Add(url, text.str()).has_value()) << file;
    }
    return l;
  }();
  return *loader;
}

class FixtureCanonicalizer {
 public:
  // `document` must canonicalize to `nquads`.
  void Add(const Json& document, std::string nquads) {
    (*table_)[encoding::Canonicalize(document).value()] = std::move(nquads);
  }

  [[nodiscard]] RdfCanonicalizer AsCanonicalizer() const {
    w3c::JsonLdOptions options;
    options.loader = &VectorContextLoader();
    return [table = table_, real = JsonLdCanonicalizer(options)](const Json& document) -> Result<std::string> {
      auto nquads = real(document);
      if (!nquads) return nquads;
      const auto key = encoding::Canonicalize(document);
      if (!key) return Fail(key.error());
      if (const auto it = table->find(*key); it != table->end()) {
        EXPECT_EQ(*nquads, it->second) << "the JSON-LD canonicalizer differs from the vector for " << *key;
      }
      return nquads;
    };
  }

 private:
  std::shared_ptr<std::map<std::string, std::string>> table_ =
      std::make_shared<std::map<std::string, std::string>>();
};

}  // namespace vaardig::dataintegrity::testutil
