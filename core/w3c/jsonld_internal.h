// Internals of the JSON-LD processor shared by context processing, expansion and toRdf. Not a
// public API: the step numbers in comments refer to JSON-LD 1.1 Processing Algorithms and API
// (W3C Recommendation 16 July 2020).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"

namespace vaardig::w3c::jsonld {

// "invalid term definition: <detail>" as invalid_argument.
[[nodiscard]] Error JsonLdError(std::string_view code, std::string_view detail);

[[nodiscard]] bool IsKeyword(std::string_view value);
// "@" followed by one or more ALPHA: reserved for future keywords, ignored with a warning.
[[nodiscard]] bool HasKeywordForm(std::string_view value);
[[nodiscard]] inline bool IsBlankNodeId(std::string_view value) { return value.starts_with("_:"); }

// The items of an array, or the value itself as a one-item sequence: no copies.
[[nodiscard]] inline std::span<const Json> Items(const Json& value) {
  if (value.is_array()) {
    const auto& array = value.get_ref<const Json::array_t&>();
    return {array.data(), array.size()};
  }
  return {&value, 1};
}

// Hash for heterogeneous lookup (std::string keys found by std::string_view).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct TermDefinition {
  std::optional<std::string> iri;  // nullopt: mapped to null (kept only to block redefinition)
  bool prefix = false;
  bool is_protected = false;
  bool reverse = false;
  std::optional<std::string> type;
  bool has_language = false;  // with language == nullopt: the term forces "no language"
  std::optional<std::string> language;
  bool has_direction = false;
  std::optional<std::string> direction;
  std::vector<std::string> container;  // as given, duplicates removed
  std::optional<std::string> index;
  std::optional<std::string> nest;
  std::shared_ptr<const Json> context;  // the term's scoped context, unprocessed
  std::uint64_t context_id = 0;         // its interned serialization (0: not cached)
  std::string base_url;                 // the URL the scoped context is resolved against

  [[nodiscard]] bool ContainerHas(std::string_view keyword) const;
  // Equality of everything but `is_protected` (step 27 of Create Term Definition).
  [[nodiscard]] bool SameDefinitionAs(const TermDefinition& other) const;
};

struct ActiveContext;
using ContextPtr = std::shared_ptr<const ActiveContext>;

// A process-wide unique number for every active context object: the context cache keys on it.
[[nodiscard]] std::uint64_t NextContextId();

struct ActiveContext {
  ActiveContext() = default;
  // A copy is a different context as far as the cache is concerned: it gets a fresh id.
  ActiveContext(const ActiveContext& other)
      : base_iri(other.base_iri),
        original_base_url(other.original_base_url),
        vocab(other.vocab),
        default_language(other.default_language),
        default_direction(other.default_direction),
        terms(other.terms),
        previous(other.previous) {}
  ActiveContext& operator=(const ActiveContext&) = delete;

  std::uint64_t id = NextContextId();
  std::optional<std::string> base_iri;
  std::optional<std::string> original_base_url;
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  std::optional<std::string> default_direction;
  std::unordered_map<std::string, std::shared_ptr<const TermDefinition>, StringHash,
                     std::equal_to<>>
      terms;
  ContextPtr previous;  // set by a non-propagated (type-scoped) context

  [[nodiscard]] const TermDefinition* Find(std::string_view term) const {
    const auto it = terms.find(term);
    return it == terms.end() ? nullptr : it->second.get();
  }
};

// One run of the API (one Expand / ToRdf call): options, counters and the remote documents and
// contexts already processed in it.
class Processor {
 public:
  explicit Processor(const JsonLdOptions& options);

  [[nodiscard]] const JsonLdOptions& options() const { return options_; }
  [[nodiscard]] bool mode_1_0() const { return options_.processing_mode_1_0; }
  [[nodiscard]] bool safe_mode() const { return options_.safe_mode; }
  [[nodiscard]] ContextPtr InitialContext(const std::optional<std::string>& base) const;

  // §4.1 Context Processing. `owner` keeps `local` alive (null: `local` is copied when kept).
  [[nodiscard]] Result<ContextPtr> ProcessContext(const ContextPtr& active, const Json& local,
                                                  const std::shared_ptr<const void>& owner,
                                                  const std::string& base_url,
                                                  std::vector<std::string> remote_contexts = {},
                                                  bool override_protected = false,
                                                  bool propagate = true,
                                                  bool validate_scoped_context = true);
  // The same for a term's scoped context (uses the term's precomputed cache key).
  [[nodiscard]] Result<ContextPtr> ProcessScopedContext(const ContextPtr& active,
                                                        const TermDefinition& definition,
                                                        bool override_protected, bool propagate);

  // §4.3 IRI Expansion against a finished active context (no term creation). nullopt: null.
  [[nodiscard]] std::optional<std::string> ExpandIri(const ActiveContext& active,
                                                     std::string_view value,
                                                     bool document_relative, bool vocab) const;

  // §5.1 Expansion.
  [[nodiscard]] Result<Json> ExpandElement(const ContextPtr& active,
                                           const std::optional<std::string>& active_property,
                                           const Json& element, const std::string& base_url,
                                           bool from_map = false);

  // Counts work against limits.max_work.
  [[nodiscard]] Status CountWork(std::size_t amount = 1);

 private:
  struct DefineState;
  [[nodiscard]] Status CreateTermDefinition(ActiveContext& active, DefineState& state,
                                            const std::string& term);
  [[nodiscard]] Result<std::optional<std::string>> ExpandIriDefining(ActiveContext& active,
                                                                     std::string_view value,
                                                                     bool document_relative,
                                                                     bool vocab,
                                                                     DefineState& state);
  [[nodiscard]] Result<ContextPtr> ProcessContextUncached(
      const ContextPtr& active, const Json& local, const std::shared_ptr<const void>& owner,
      const std::string& base_url, std::vector<std::string> remote_contexts,
      bool override_protected, bool propagate, bool validate_scoped_context);
  [[nodiscard]] Result<ContextPtr> ProcessContextKeyed(const ContextPtr& active, const Json& local,
                                                       const std::shared_ptr<const void>& owner,
                                                       const std::string& base_url,
                                                       std::uint64_t local_id,
                                                       bool override_protected, bool propagate);
  [[nodiscard]] Result<std::shared_ptr<const RemoteDocument>> LoadContextDocument(
      const std::string& url);
  [[nodiscard]] Result<Json> ExpandObject(const ContextPtr& active,
                                          const std::optional<std::string>& active_property,
                                          const Json& element, const std::string& base_url,
                                          const TermDefinition* property_definition,
                                          bool from_map);
  [[nodiscard]] Status ExpandEntries(const ContextPtr& active, const ContextPtr& type_scoped,
                                     const std::optional<std::string>& active_property,
                                     const Json& element, const std::string& base_url,
                                     const std::optional<std::string>& input_type, Json& result,
                                     bool& has_nests);
  [[nodiscard]] Result<Json> ExpandValue(const ActiveContext& active,
                                         const std::optional<std::string>& active_property,
                                         const Json& value) const;

  JsonLdOptions options_;
  DocumentLoader* loader_;
  std::size_t work_ = 0;
  std::size_t loads_ = 0;
  std::map<std::string, std::shared_ptr<const RemoteDocument>, std::less<>> documents_;
};

// Appends `value` (flattening arrays) to object[key], creating an array.
void AddValue(Json& object, const std::string& key, const Json& value);
void AddValue(Json& object, const std::string& key, Json&& value);

[[nodiscard]] bool IsValueObject(const Json& v);
[[nodiscard]] bool IsListObject(const Json& v);
[[nodiscard]] bool IsGraphObject(const Json& v);
[[nodiscard]] bool IsNodeObject(const Json& v);

}  // namespace vaardig::w3c::jsonld
