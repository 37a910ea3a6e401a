// JSON-LD 1.1 (https://www.w3.org/TR/json-ld11-api/): expansion (§5.1 with the context processing,
// term definition, IRI and value expansion algorithms of §4) and deserialization to RDF (§8.1 node
// map generation, §8.2 toRdf, object and list conversion), then RDFC-1.0 for a canonical form.
//
// Documents are loaded only through a DocumentLoader. The production loader is the bundled,
// read-only set of contexts in specs/contexts (BundledContexts()); any other URL is refused with
// permission_denied "context not allowed: <url>", never fetched. A verifier must not let a
// credential pull arbitrary contexts from the network: a context decides what the signed RDF means.
//
// Errors: a JSON-LD processing error is invalid_argument (permission_denied or the loader's code
// for documents that cannot be loaded) and its message starts with the JSON-LD error code of the
// specification, e.g. "invalid term definition: ...", "loading remote context failed: context not
// allowed: https://...". Limits (JsonLdLimits) give resource_exhausted.
//
// Not implemented: frame expansion (framing is not offered), HTML script extraction, and the
// JSON-LD 1.0 processing mode beyond its errors (processing_mode_1_0 rejects 1.1 features as the
// specification requires).
//
// Thread-safety: Expand/ToRdf/CanonicalizeJsonLd keep no shared state of their own; the loader is
// shared and must be thread-safe (BundledContexts() is immutable).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/w3c/rdf.h"
#include "core/w3c/rdfc10.h"

namespace vaardig::w3c {

// A document a loader returns: its final URL (the base for what it contains) and its JSON.
struct RemoteDocument {
  std::string document_url;
  Json document;
};

class DocumentLoader {
 public:
  virtual ~DocumentLoader() = default;
  // Returns the document at `url` (an absolute IRI), or an error: permission_denied for a URL the
  // loader will not load, not_found, invalid_argument for a document that is not JSON.
  [[nodiscard]] virtual Result<std::shared_ptr<const RemoteDocument>> Load(std::string_view url) = 0;
};

// The contexts of specs/contexts compiled into the binary (VC 2.0, its undefined-terms context,
// Open Badges 3.0.3, Data Integrity v2, Multikey v1, Bitstring Status List v1). Parsed once, on
// first use. Every other URL: permission_denied "context not allowed: <url>".
[[nodiscard]] DocumentLoader& BundledContexts();

// A loader over a fixed set of documents, for tests and for operators who add contexts of their
// own; falls back to `fallback` (may be null) for URLs it does not hold.
class StaticDocumentLoader final : public DocumentLoader {
 public:
  explicit StaticDocumentLoader(DocumentLoader* fallback = nullptr) : fallback_(fallback) {}
  // `text` must be a JSON document; invalid_argument otherwise.
  [[nodiscard]] Status Add(std::string url, std::string_view text);
  [[nodiscard]] Result<std::shared_ptr<const RemoteDocument>> Load(std::string_view url) override;

 private:
  DocumentLoader* fallback_;
  std::vector<std::pair<std::string, std::shared_ptr<const RemoteDocument>>> documents_;
};

struct JsonLdLimits {
  std::size_t max_remote_contexts = 32;      // nesting of remote contexts ("context overflow")
  std::size_t max_context_loads = 64;        // documents loaded per call
  std::size_t max_work = 1'000'000;          // term definitions created + nodes expanded per call
  std::size_t max_quads = 100'000;           // quads produced by ToRdf
};

enum class RdfDirection { kNone, kI18nDatatype, kCompoundLiteral };

struct JsonLdOptions {
  // The document's own URL: the base IRI for relative references. Empty: none (relative IRIs that
  // need a base are then kept relative in expansion and dropped in ToRdf).
  std::string base;
  DocumentLoader* loader = nullptr;  // nullptr: BundledContexts()
  // A context applied before the document's own (the API's expandContext option): a context
  // definition, an array, a URL string, or a JSON object with an @context entry.
  std::optional<Json> expand_context;
  bool processing_mode_1_0 = false;
  // Safe mode: what JSON-LD would silently drop is an error instead ("safe mode: ..."): a
  // property that is not defined by the contexts, a keyword-like term, an @id or @type that is not
  // an absolute IRI, a value ToRdf cannot represent. A signature over RDF does not cover what was
  // dropped, so Data Integrity canonicalizes in safe mode (as Digital Bazaar's stack does).
  bool safe_mode = false;
  // ToRdf only. Generalized RDF (blank node predicates) is not produced: such triples are dropped,
  // as the specification requires when produceGeneralizedRdf is false.
  RdfDirection rdf_direction = RdfDirection::kNone;
  JsonLdLimits limits;
};

// JSON-LD 1.1 expansion: always an array of node objects (empty when nothing remains).
[[nodiscard]] Result<Json> Expand(const Json& document, const JsonLdOptions& options = {});

// Expansion and deserialization to RDF (JSON-LD 1.1 API §8). Blank nodes are labelled b0, b1, ...
// in the order the node map creates them.
[[nodiscard]] Result<Dataset> ToRdf(const Json& document, const JsonLdOptions& options = {});

// ToRdf then RDFC-1.0: the canonical N-Quads that eddsa-rdfc-2022 hashes.
[[nodiscard]] Result<CanonicalDataset> CanonicalizeJsonLd(const Json& document,
                                                          const JsonLdOptions& options = {},
                                                          const RdfcOptions& rdfc = {});

}  // namespace vaardig::w3c
