// JSON-LD 1.1 API §4: context processing, term definitions, IRI expansion.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <array>
#include <cctype>
#include <unordered_map>

#include "core/w3c/iri.h"
#include "core/w3c/jsonld_internal.h"

namespace vaardig::w3c::jsonld {
namespace {

// JSON-LD 1.1 keywords, with the framing keywords jsonld.js also reserves.
constexpr std::array<std::string_view, 28> kKeywords = {
    "@base",     "@container", "@context",  "@default",     "@direction", "@embed",
    "@explicit", "@graph",     "@id",       "@import",      "@included",  "@index",
    "@json",     "@language",  "@list",     "@nest",        "@none",      "@omitDefault",
    "@prefix",   "@preserve",  "@propagate", "@protected",  "@requireAll", "@reverse",
    "@set",      "@type",      "@value",    "@version"};

// The container values JSON-LD 1.1 allows (§4.2.2 step 19.1), as sorted keyword sets.
bool IsAllowedContainer(std::vector<std::string> c, bool mode_1_0) {
  std::sort(c.begin(), c.end());
  using V = std::vector<std::string>;
  if (mode_1_0) {
    return c.size() == 1 && (c[0] == "@index" || c[0] == "@language" || c[0] == "@list" ||
                             c[0] == "@set");
  }
  if (c.size() == 1) {
    return c[0] == "@graph" || c[0] == "@id" || c[0] == "@index" || c[0] == "@language" ||
           c[0] == "@list" || c[0] == "@set" || c[0] == "@type";
  }
  static const std::array<V, 9> kCombinations = {
      V{"@index", "@set"}, V{"@id", "@set"},     V{"@set", "@type"},
      V{"@language", "@set"}, V{"@graph", "@id"}, V{"@graph", "@index"},
      V{"@graph", "@set"}, V{"@graph", "@id", "@set"}, V{"@graph", "@index", "@set"}};
  return std::find(kCombinations.begin(), kCombinations.end(), c) != kCombinations.end();
}

bool EndsWithGenDelim(std::string_view iri) {
  if (iri.empty()) return false;
  const char c = iri.back();
  return c == ':' || c == '/' || c == '?' || c == '#' || c == '[' || c == ']' || c == '@';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const Json* Member(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

Error JsonLdError(std::string_view code, std::string_view detail) {
  std::string message(code);
  if (!detail.empty()) message.append(": ").append(detail);
  return Error(ErrorCode::kInvalidArgument, std::move(message));
}

bool IsKeyword(std::string_view value) {
  if (value.size() < 3 || value[0] != '@') return false;
  return value == "@vocab" ||
         std::find(kKeywords.begin(), kKeywords.end(), value) != kKeywords.end();
}

bool HasKeywordForm(std::string_view value) {
  if (value.size() < 2 || value[0] != '@') return false;
  return std::all_of(value.begin() + 1, value.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool TermDefinition::ContainerHas(std::string_view keyword) const {
  return std::find(container.begin(), container.end(), keyword) != container.end();
}

namespace {
// JSON equality with objects as unordered maps (RFC 8259 §4): Json keeps member order, so its
// operator== would tell {"a":1,"b":2} from {"b":2,"a":1}. Protected scoped contexts that only
// order their members differently (VC 2.0's DataIntegrityProof and Data Integrity v2's) are the same.
bool SameJson(const Json& a, const Json& b) {
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      const auto other = b.find(key);
      if (other == b.end() || !SameJson(value, *other)) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), SameJson);
  }
  return a == b;
}
}  // namespace

bool TermDefinition::SameDefinitionAs(const TermDefinition& o) const {
  const auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const bool same_context = (!context && !o.context) ||
                            (context && o.context && SameJson(*context, *o.context));
  return iri == o.iri && prefix == o.prefix && reverse == o.reverse && type == o.type &&
         has_language == o.has_language && language == o.language &&
         has_direction == o.has_direction && direction == o.direction &&
         sorted(container) == sorted(o.container) && index == o.index && nest == o.nest &&
         same_context;
}

Processor::Processor(const JsonLdOptions& options)
    : options_(options), loader_(options.loader ? options.loader : &BundledContexts()) {}

Status Processor::CountWork(std::size_t amount) {
  work_ += amount;
  if (work_ > options_.limits.max_work) {
    return Fail(ErrorCode::kResourceExhausted,
                "JSON-LD processing exceeds the work limit of " +
                    std::to_string(options_.limits.max_work) + " steps");
  }
  return Ok();
}

ContextPtr Processor::InitialContext(const std::optional<std::string>& base) const {
  // One shared object for the common case (no base), so cached contexts chain from it.
  static const ContextPtr kNoBase = std::make_shared<const ActiveContext>();
  if (!base) return kNoBase;
  auto context = std::make_shared<ActiveContext>();
  context->base_iri = base;
  context->original_base_url = base;
  return context;
}

Result<std::shared_ptr<const RemoteDocument>> Processor::LoadContextDocument(
    const std::string& url) {
  if (const auto it = documents_.find(url); it != documents_.end()) return it->second;
  if (++loads_ > options_.limits.max_context_loads) {
    return Fail(ErrorCode::kResourceExhausted,
                "context overflow: more than " + std::to_string(options_.limits.max_context_loads) +
                    " context documents");
  }
  auto loaded = loader_->Load(url);
  if (!loaded) {
    return Fail(loaded.error().code(), "loading remote context failed: " + loaded.error().message());
  }
  documents_.emplace(url, *loaded);
  return *loaded;
}

struct Processor::DefineState {
  const Json* local;                      // the context definition being processed
  std::shared_ptr<const void> owner;      // keeps *local alive; null when it must be copied
  std::unordered_map<std::string, bool> defined;
  const std::string* base_url;
  bool protected_default;
  bool override_protected;
  const std::vector<std::string>* remote_contexts;
};

std::uint64_t NextContextId() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

namespace {

// Processed contexts, shared by all runs that load from the immutable bundled contexts: a run
// that applies the same context to the same active context gets the same result object, so the
// VC 2.0 and Open Badges contexts (and their type-scoped contexts) are processed once per
// process, not once per credential. Keyed by the active context's id and the local context's
// serialization; bounded (cleared when full); errors are never cached.
class ContextCache {
 public:
  ContextPtr Find(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second;
  }
  void Insert(std::string key, ContextPtr context) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.emplace(std::move(key), std::move(context));
  }

 private:
  static constexpr std::size_t kMaxEntries = 4096;
  std::mutex mutex_;
  std::unordered_map<std::string, ContextPtr> entries_;
};

ContextCache& SharedContextCache() {
  static ContextCache* const cache = new ContextCache();
  return *cache;
}

// Local contexts (their serialization) → small numbers, so cache keys stay short: a scoped
// context of the VC 2.0 context is kilobytes of JSON. Bounded like the cache; numbers are never
// reused, so clearing cannot make an old key match a new context.
class ContextInterner {
 public:
  std::uint64_t Intern(const std::string& serialized) {
    std::lock_guard lock(mutex_);
    if (const auto it = ids_.find(serialized); it != ids_.end()) return it->second;
    if (ids_.size() >= kMaxEntries) ids_.clear();
    const std::uint64_t id = next_++;
    ids_.emplace(serialized, id);
    return id;
  }

 private:
  static constexpr std::size_t kMaxEntries = 8192;
  std::mutex mutex_;
  std::unordered_map<std::string, std::uint64_t> ids_;
  std::uint64_t next_ = 1;
};

ContextInterner& SharedContextInterner() {
  static ContextInterner* const interner = new ContextInterner();
  return *interner;
}

}  // namespace

Result<ContextPtr> Processor::ProcessContext(const ContextPtr& active, const Json& local,
                                             const std::shared_ptr<const void>& owner,
                                             const std::string& base_url,
                                             std::vector<std::string> remote_contexts,
                                             bool override_protected, bool propagate,
                                             bool validate_scoped_context) {
  if (remote_contexts.empty() && validate_scoped_context && loader_ == &BundledContexts()) {
    const std::uint64_t key = SharedContextInterner().Intern(
        local.is_string() ? "s" + local.get<std::string>() : local.dump());
    return ProcessContextKeyed(active, local, owner, base_url, key, override_protected, propagate);
  }
  return ProcessContextUncached(active, local, owner, base_url, std::move(remote_contexts),
                                override_protected, propagate, validate_scoped_context);
}

Result<ContextPtr> Processor::ProcessScopedContext(const ContextPtr& active,
                                                   const TermDefinition& definition,
                                                   bool override_protected, bool propagate) {
  return ProcessContextKeyed(active, *definition.context, definition.context, definition.base_url,
                             definition.context_id, override_protected, propagate);
}

Result<ContextPtr> Processor::ProcessContextKeyed(const ContextPtr& active, const Json& local,
                                                  const std::shared_ptr<const void>& owner,
                                                  const std::string& base_url,
                                                  std::uint64_t local_id,
                                                  bool override_protected, bool propagate) {
  if (loader_ != &BundledContexts() || local_id == 0) {
    return ProcessContextUncached(active, local, owner, base_url, {}, override_protected,
                                  propagate, true);
  }
  std::string key = std::to_string(active->id);
  key.push_back(':');
  key.append(std::to_string(local_id));
  key.push_back(override_protected ? 'o' : '-');
  key.push_back(propagate ? 'p' : '-');
  key.push_back(mode_1_0() ? '1' : '-');
  key.append(base_url);
  if (ContextPtr hit = SharedContextCache().Find(key)) return hit;
  VAARDIG_ASSIGN_OR_RETURN(ContextPtr processed,
                           ProcessContextUncached(active, local, owner, base_url, {},
                                                  override_protected, propagate, true));
  SharedContextCache().Insert(std::move(key), processed);
  return processed;
}

Result<ContextPtr> Processor::ProcessContextUncached(const ContextPtr& active, const Json& local,
                                                     const std::shared_ptr<const void>& owner,
                                                     const std::string& base_url,
                                                     std::vector<std::string> remote_contexts,
                                                     bool override_protected, bool propagate,
                                                     bool validate_scoped_context) {
  VAARDIG_RETURN_IF_ERROR(CountWork());
  // Step 5.7 reads @base only when "the currently being processed context is not a remote
  // context". Remote contexts grows as this loop loads the array's references, so it is judged on
  // entry: in [remote, {"@base": ...}] the object is the document's own (w3c/json-ld-api#505).
  const bool processing_remote_context = !remote_contexts.empty();
  // 1-3.
  auto result = std::make_shared<ActiveContext>(*active);
  if (local.is_object()) {
    if (const Json* p = Member(local, "@propagate")) {
      if (!p->is_boolean()) return Fail(JsonLdError("invalid @propagate value", "not a boolean"));
      propagate = p->get<bool>();
    }
  }
  if (!propagate && !result->previous) result->previous = active;

  // 4-5.
  const std::size_t count = local.is_array() ? local.size() : 1;
  for (std::size_t i = 0; i < count; ++i) {
    const Json& item = local.is_array() ? local[i] : local;
    // 5.1 null.
    if (item.is_null()) {
      if (!override_protected) {
        for (const auto& [term, definition] : result->terms) {
          if (definition->is_protected) {
            return Fail(JsonLdError("invalid context nullification",
                                    "the context has protected term " + Quote(term)));
          }
        }
      }
      auto fresh = std::make_shared<ActiveContext>();
      fresh->base_iri = active->original_base_url;
      fresh->original_base_url = active->original_base_url;
      if (!propagate) fresh->previous = result->previous;
      result = std::move(fresh);
      continue;
    }
    // 5.2 a reference to a remote context.
    if (item.is_string()) {
      const std::string& reference = item.get_ref<const std::string&>();
      std::string url = HasIriScheme(base_url) ? ResolveIri(base_url, reference) : reference;
      if (!HasIriScheme(url)) {
        return Fail(JsonLdError("loading remote context failed",
                                "relative context reference " + Quote(reference) +
                                    " without a base IRI"));
      }
      if (!validate_scoped_context &&
          std::find(remote_contexts.begin(), remote_contexts.end(), url) !=
              remote_contexts.end()) {
        continue;
      }
      if (remote_contexts.size() >= options_.limits.max_remote_contexts) {
        return Fail(ErrorCode::kResourceExhausted,
                    "context overflow: more than " +
                        std::to_string(options_.limits.max_remote_contexts) +
                        " nested remote contexts");
      }
      remote_contexts.push_back(url);
      VAARDIG_ASSIGN_OR_RETURN(auto document, LoadContextDocument(url));
      const Json* context = document->document.is_object()
                                ? Member(document->document, "@context")
                                : nullptr;
      if (context == nullptr) {
        return Fail(JsonLdError("invalid remote context", url + " has no @context entry"));
      }
      VAARDIG_ASSIGN_OR_RETURN(ContextPtr processed,
                               ProcessContext(result, *context, document, document->document_url,
                                              remote_contexts, false, true,
                                              validate_scoped_context));
      // Processing made a new context; take it over without a copy when nobody else holds it.
      if (processed.use_count() == 1) {
        result = std::const_pointer_cast<ActiveContext>(processed);
        result->id = NextContextId();  // about to change: never reuse a key it may have had
      } else {
        result = std::make_shared<ActiveContext>(*processed);
      }
      continue;
    }
    // 5.3
    if (!item.is_object()) {
      return Fail(JsonLdError("invalid local context", "a context must be an object, a string or null"));
    }
    // 5.4-5.6
    const Json* definition = &item;
    std::shared_ptr<const void> definition_owner = owner;
    if (const Json* version = Member(item, "@version")) {
      if (!version->is_number() || version->get<double>() != 1.1) {
        return Fail(JsonLdError("invalid @version value", "must be the number 1.1"));
      }
      if (mode_1_0()) {
        return Fail(JsonLdError("processing mode conflict", "@version 1.1 in json-ld-1.0 mode"));
      }
    }
    if (const Json* import = Member(item, "@import")) {
      if (mode_1_0()) return Fail(JsonLdError("invalid context entry", "@import in json-ld-1.0 mode"));
      if (!import->is_string()) return Fail(JsonLdError("invalid @import value", "not a string"));
      const std::string url = ResolveIri(base_url, import->get_ref<const std::string&>());
      VAARDIG_ASSIGN_OR_RETURN(auto document, LoadContextDocument(url));
      const Json* imported = document->document.is_object()
                                 ? Member(document->document, "@context")
                                 : nullptr;
      if (imported == nullptr || !imported->is_object()) {
        return Fail(JsonLdError("invalid remote context",
                                url + " has no @context object to import"));
      }
      if (imported->contains("@import")) {
        return Fail(JsonLdError("invalid context entry", "an imported context contains @import"));
      }
      auto merged = std::make_shared<Json>(*imported);
      for (const auto& [key, value] : item.items()) {
        if (key != "@import") (*merged)[key] = value;
      }
      definition = merged.get();
      definition_owner = merged;
    }
    const Json& context = *definition;
    // 5.7 @base, only from a context embedded in the document.
    if (const Json* base = Member(context, "@base"); base != nullptr && !processing_remote_context) {
      if (base->is_null()) {
        result->base_iri.reset();
      } else if (!base->is_string()) {
        return Fail(JsonLdError("invalid base IRI", "@base must be a string or null"));
      } else if (const std::string& value = base->get_ref<const std::string&>();
                 HasIriScheme(value)) {
        result->base_iri = value;
      } else if (result->base_iri) {
        result->base_iri = ResolveIri(*result->base_iri, value);
      } else {
        return Fail(JsonLdError("invalid base IRI", "relative @base " + Quote(value) + " without a base"));
      }
    }
    // 5.8 @vocab.
    if (const Json* vocab = Member(context, "@vocab")) {
      if (vocab->is_null()) {
        result->vocab.reset();
      } else if (!vocab->is_string()) {
        return Fail(JsonLdError("invalid vocab mapping", "@vocab must be a string or null"));
      } else {
        const std::string& value = vocab->get_ref<const std::string&>();
        if (mode_1_0() && !HasIriScheme(value) && !IsBlankNodeId(value)) {
          return Fail(JsonLdError("invalid vocab mapping", "relative @vocab in json-ld-1.0 mode"));
        }
        auto expanded = ExpandIri(*result, value, true, true);
        if (!expanded || (!HasIriScheme(*expanded) && !IsBlankNodeId(*expanded))) {
          return Fail(JsonLdError("invalid vocab mapping", Quote(value) + " is not an IRI"));
        }
        result->vocab = std::move(*expanded);
      }
    }
    // 5.9 @language.
    if (const Json* language = Member(context, "@language")) {
      if (language->is_null()) {
        result->default_language.reset();
      } else if (language->is_string()) {
        result->default_language = Lower(language->get_ref<const std::string&>());
      } else {
        return Fail(JsonLdError("invalid default language", "@language must be a string or null"));
      }
    }
    // 5.10 @direction.
    if (const Json* direction = Member(context, "@direction")) {
      if (mode_1_0()) return Fail(JsonLdError("invalid context entry", "@direction in json-ld-1.0 mode"));
      if (direction->is_null()) {
        result->default_direction.reset();
      } else if (direction->is_string() && (*direction == "ltr" || *direction == "rtl")) {
        result->default_direction = direction->get<std::string>();
      } else {
        return Fail(JsonLdError("invalid base direction", "@direction must be \"ltr\", \"rtl\" or null"));
      }
    }
    // 5.11 @propagate.
    if (const Json* p = Member(context, "@propagate")) {
      if (mode_1_0()) return Fail(JsonLdError("invalid context entry", "@propagate in json-ld-1.0 mode"));
      if (!p->is_boolean()) return Fail(JsonLdError("invalid @propagate value", "not a boolean"));
    }
    bool protected_default = false;
    if (const Json* p = Member(context, "@protected")) {
      if (mode_1_0()) return Fail(JsonLdError("invalid context entry", "@protected in json-ld-1.0 mode"));
      if (!p->is_boolean()) return Fail(JsonLdError("invalid @protected value", "not a boolean"));
      protected_default = p->get<bool>();
    }
    // 5.12-5.13 term definitions.
    DefineState state{.local = &context,
                      .owner = definition_owner,
                      .defined = {},
                      .base_url = &base_url,
                      .protected_default = protected_default,
                      .override_protected = override_protected,
                      .remote_contexts = &remote_contexts};
    for (const auto& [key, value] : context.items()) {
      if (key == "@base" || key == "@direction" || key == "@import" || key == "@language" ||
          key == "@propagate" || key == "@protected" || key == "@version" || key == "@vocab") {
        continue;
      }
      VAARDIG_RETURN_IF_ERROR(CreateTermDefinition(*result, state, key));
    }
  }
  return ContextPtr(std::move(result));
}

Status Processor::CreateTermDefinition(ActiveContext& active, DefineState& state,
                                       const std::string& term) {
  VAARDIG_RETURN_IF_ERROR(CountWork());
  // 1-2.
  if (const auto it = state.defined.find(term); it != state.defined.end()) {
    if (it->second) return Ok();
    return Fail(JsonLdError("cyclic IRI mapping", "term " + Quote(term)));
  }
  if (term.empty()) return Fail(JsonLdError("invalid term definition", "empty term"));
  state.defined[term] = false;
  const Json& raw = *Member(*state.local, term);

  // 4.
  if (term == "@type") {
    if (mode_1_0()) return Fail(JsonLdError("keyword redefinition", "@type in json-ld-1.0 mode"));
    bool ok = raw.is_object() && !raw.empty();
    if (ok) {
      for (const auto& [key, value] : raw.items()) {
        if (key == "@container") {
          ok = ok && value == "@set";
        } else if (key != "@protected") {
          ok = false;
        }
      }
    }
    if (!ok) return Fail(JsonLdError("keyword redefinition", "@type may only set @container @set and @protected"));
  } else if (IsKeyword(term)) {
    return Fail(JsonLdError("keyword redefinition", Quote(term)));
  } else if (HasKeywordForm(term)) {
    state.defined[term] = true;  // ignored, as the specification requires (a warning)
    return Ok();
  }

  // 5.
  std::shared_ptr<const TermDefinition> previous;
  if (const auto it = active.terms.find(term); it != active.terms.end()) {
    previous = it->second;
    active.terms.erase(it);
  }

  // 6-8.
  Json value_holder;
  const Json* value = &raw;
  bool simple_term = false;
  if (raw.is_null()) {
    value_holder = Json::object({{"@id", nullptr}});
    value = &value_holder;
  } else if (raw.is_string()) {
    value_holder = Json::object({{"@id", raw}});
    value = &value_holder;
    simple_term = true;
  } else if (!raw.is_object()) {
    return Fail(JsonLdError("invalid term definition", "term " + Quote(term) + " must be a string, an object or null"));
  }

  auto definition = std::make_shared<TermDefinition>();
  // 10.
  if (const Json* p = Member(*value, "@protected")) {
    if (mode_1_0()) return Fail(JsonLdError("invalid term definition", "@protected in json-ld-1.0 mode"));
    if (!p->is_boolean()) return Fail(JsonLdError("invalid @protected value", "term " + Quote(term)));
    definition->is_protected = p->get<bool>();
  } else {
    definition->is_protected = state.protected_default;
  }

  // 11. @type
  if (const Json* type = Member(*value, "@type")) {
    if (!type->is_string()) return Fail(JsonLdError("invalid type mapping", "term " + Quote(term)));
    VAARDIG_ASSIGN_OR_RETURN(auto expanded,
                             ExpandIriDefining(active, type->get_ref<const std::string&>(), false,
                                               true, state));
    if (!expanded) return Fail(JsonLdError("invalid type mapping", "term " + Quote(term)));
    if ((*expanded == "@json" || *expanded == "@none") && mode_1_0()) {
      return Fail(JsonLdError("invalid type mapping", *expanded + " in json-ld-1.0 mode"));
    }
    if (*expanded != "@id" && *expanded != "@json" && *expanded != "@none" &&
        *expanded != "@vocab" && !HasIriScheme(*expanded)) {
      return Fail(JsonLdError("invalid type mapping", Quote(*expanded) + " for term " + Quote(term)));
    }
    definition->type = std::move(*expanded);
  }

  // 12. @reverse
  if (const Json* reverse = Member(*value, "@reverse")) {
    if (value->contains("@id") || value->contains("@nest")) {
      return Fail(JsonLdError("invalid reverse property", "term " + Quote(term) + " has @reverse with @id or @nest"));
    }
    if (!reverse->is_string()) return Fail(JsonLdError("invalid IRI mapping", "@reverse of " + Quote(term)));
    const std::string& r = reverse->get_ref<const std::string&>();
    if (HasKeywordForm(r)) {
      state.defined[term] = true;
      return Ok();
    }
    VAARDIG_ASSIGN_OR_RETURN(auto expanded, ExpandIriDefining(active, r, false, true, state));
    if (!expanded || (!HasIriScheme(*expanded) && !IsBlankNodeId(*expanded)) ||
        IsKeyword(*expanded)) {
      return Fail(JsonLdError("invalid IRI mapping", "@reverse of " + Quote(term)));
    }
    definition->iri = std::move(*expanded);
    if (const Json* container = Member(*value, "@container")) {
      if (!container->is_null() && *container != "@set" && *container != "@index") {
        return Fail(JsonLdError("invalid reverse property", "container of " + Quote(term)));
      }
    }
    definition->reverse = true;
  }

  // 14-18. The IRI mapping (a reverse term has it from @reverse).
  if (definition->reverse) {
    // nothing more to map
  } else if (const Json* id = Member(*value, "@id"); id != nullptr && !(id->is_string() && *id == term)) {
    if (id->is_null()) {
      definition->iri.reset();
    } else {
      if (!id->is_string()) return Fail(JsonLdError("invalid IRI mapping", "@id of " + Quote(term)));
      const std::string& raw_id = id->get_ref<const std::string&>();
      if (!IsKeyword(raw_id) && HasKeywordForm(raw_id)) {
        state.defined[term] = true;  // the term stays undefined (a warning)
        return Ok();
      }
      VAARDIG_ASSIGN_OR_RETURN(auto expanded, ExpandIriDefining(active, raw_id, false, true, state));
      if (!expanded ||
          (!IsKeyword(*expanded) && !HasIriScheme(*expanded) && !IsBlankNodeId(*expanded))) {
        return Fail(JsonLdError("invalid IRI mapping", "@id of " + Quote(term)));
      }
      if (*expanded == "@context") return Fail(JsonLdError("invalid keyword alias", Quote(term)));
      definition->iri = std::move(*expanded);
      // 14.2.4
      const std::size_t colon = term.find(':', 1);
      const bool inner_colon = colon != std::string::npos && colon + 1 < term.size();
      if (inner_colon || term.find('/') != std::string::npos) {
        state.defined[term] = true;
        VAARDIG_ASSIGN_OR_RETURN(auto as_iri, ExpandIriDefining(active, term, false, true, state));
        if (as_iri != definition->iri) {
          return Fail(JsonLdError("invalid IRI mapping", "term " + Quote(term) + " looks like an IRI that differs from its @id"));
        }
      }
      // 14.2.5
      if (term.find(':') == std::string::npos && term.find('/') == std::string::npos &&
          simple_term &&
          (EndsWithGenDelim(*definition->iri) || IsBlankNodeId(*definition->iri))) {
        definition->prefix = true;
      }
    }
  } else if (const std::size_t colon = term.find(':', 1); colon != std::string::npos) {
    // 15. A compact IRI, an IRI or a blank node identifier.
    const std::string prefix = term.substr(0, colon);
    const std::string suffix = term.substr(colon + 1);
    if (state.local->contains(prefix)) VAARDIG_RETURN_IF_ERROR(CreateTermDefinition(active, state, prefix));
    const TermDefinition* prefix_definition = active.Find(prefix);
    if (prefix_definition != nullptr && prefix_definition->iri) {
      definition->iri = *prefix_definition->iri + suffix;
    } else {
      definition->iri = term;
    }
  } else if (term.find('/') != std::string::npos) {
    // 16. A relative IRI reference.
    auto expanded = ExpandIri(active, term, false, true);
    if (!expanded || !HasIriScheme(*expanded)) {
      return Fail(JsonLdError("invalid IRI mapping", "term " + Quote(term) + " is not an IRI"));
    }
    definition->iri = std::move(*expanded);
  } else if (term == "@type") {
    definition->iri = "@type";
  } else if (active.vocab) {
    definition->iri = *active.vocab + term;
  } else {
    return Fail(JsonLdError("invalid IRI mapping", "term " + Quote(term) + " has no IRI and there is no @vocab"));
  }

  // 19. @container (a reverse term's was checked in step 12)
  if (const Json* container = Member(*value, "@container"); container && definition->reverse) {
    if (container->is_string()) definition->container = {container->get<std::string>()};
  } else if (container) {
    std::vector<std::string> values;
    bool ok = true;
    if (container->is_string()) {
      values.push_back(container->get<std::string>());
    } else if (container->is_array() && !mode_1_0()) {
      for (const Json& c : *container) {
        if (!c.is_string()) {
          ok = false;
          break;
        }
        if (std::find(values.begin(), values.end(), c.get<std::string>()) == values.end()) {
          values.push_back(c.get<std::string>());
        }
      }
    } else {
      ok = false;
    }
    if (!ok || values.empty() || !IsAllowedContainer(values, mode_1_0())) {
      return Fail(JsonLdError("invalid container mapping", "term " + Quote(term)));
    }
    definition->container = std::move(values);
    if (definition->ContainerHas("@type")) {
      if (!definition->type) definition->type = "@id";
      if (*definition->type != "@id" && *definition->type != "@vocab") {
        return Fail(JsonLdError("invalid type mapping", "a @type container needs @id or @vocab for term " + Quote(term)));
      }
    }
  }

  // 20. @index
  if (const Json* index = Member(*value, "@index")) {
    if (mode_1_0() || !definition->ContainerHas("@index")) {
      return Fail(JsonLdError("invalid term definition", "@index without an @index container in term " + Quote(term)));
    }
    if (!index->is_string()) return Fail(JsonLdError("invalid term definition", "@index of " + Quote(term)));
    const std::string& raw_index = index->get_ref<const std::string&>();
    auto expanded = ExpandIri(active, raw_index, false, true);
    if (!expanded || !HasIriScheme(*expanded) || IsKeyword(raw_index)) {
      return Fail(JsonLdError("invalid term definition", "@index of " + Quote(term) + " is not an IRI"));
    }
    definition->index = raw_index;
  }

  // 21. @context: validated now, applied when the term is used.
  if (const Json* scoped = Member(*value, "@context")) {
    if (mode_1_0()) return Fail(JsonLdError("invalid term definition", "@context in json-ld-1.0 mode"));
    auto snapshot = std::make_shared<ActiveContext>(active);
    auto processed = ProcessContext(snapshot, *scoped, state.owner, *state.base_url,
                                    *state.remote_contexts, true, true, false);
    if (!processed) {
      if (processed.error().code() == ErrorCode::kResourceExhausted) return Fail(processed.error());
      return Fail(JsonLdError("invalid scoped context", processed.error().message()));
    }
    if (state.owner && value == &raw) {
      definition->context = std::shared_ptr<const Json>(state.owner, scoped);
    } else {
      definition->context = std::make_shared<const Json>(*scoped);
    }
    definition->base_url = *state.base_url;
    if (loader_ == &BundledContexts()) definition->context_id = SharedContextInterner().Intern(scoped->dump());
  }

  // 22-23. @language and @direction (only without @type).
  if (const Json* language = Member(*value, "@language"); language && !value->contains("@type")) {
    if (!language->is_null() && !language->is_string()) {
      return Fail(JsonLdError("invalid language mapping", "term " + Quote(term)));
    }
    definition->has_language = true;
    if (language->is_string()) definition->language = Lower(language->get_ref<const std::string&>());
  }
  if (const Json* direction = Member(*value, "@direction"); direction && !value->contains("@type")) {
    if (!direction->is_null() && *direction != "ltr" && *direction != "rtl") {
      return Fail(JsonLdError("invalid base direction", "term " + Quote(term)));
    }
    definition->has_direction = true;
    if (direction->is_string()) definition->direction = direction->get<std::string>();
  }

  // 24. @nest
  if (const Json* nest = Member(*value, "@nest")) {
    if (mode_1_0()) return Fail(JsonLdError("invalid term definition", "@nest in json-ld-1.0 mode"));
    if (!nest->is_string() || (IsKeyword(nest->get_ref<const std::string&>()) && *nest != "@nest")) {
      return Fail(JsonLdError("invalid @nest value", "term " + Quote(term)));
    }
    definition->nest = nest->get<std::string>();
  }

  // 25. @prefix
  if (const Json* prefix = Member(*value, "@prefix")) {
    if (mode_1_0() || term.find(':') != std::string::npos || term.find('/') != std::string::npos) {
      return Fail(JsonLdError("invalid term definition", "@prefix on term " + Quote(term)));
    }
    if (!prefix->is_boolean()) return Fail(JsonLdError("invalid @prefix value", "term " + Quote(term)));
    definition->prefix = prefix->get<bool>();
    if (definition->prefix && definition->iri && IsKeyword(*definition->iri)) {
      return Fail(JsonLdError("invalid term definition", "a keyword alias cannot be a prefix: " + Quote(term)));
    }
  }

  // 26.
  for (const auto& [key, unused] : value->items()) {
    if (key != "@id" && key != "@reverse" && key != "@container" && key != "@context" &&
        key != "@direction" && key != "@index" && key != "@language" && key != "@nest" &&
        key != "@prefix" && key != "@protected" && key != "@type") {
      return Fail(JsonLdError("invalid term definition", "term " + Quote(term) + " has entry " + Quote(key)));
    }
  }

  // 27.
  if (!state.override_protected && previous && previous->is_protected) {
    if (!previous->SameDefinitionAs(*definition)) {
      return Fail(JsonLdError("protected term redefinition", Quote(term)));
    }
    definition = std::make_shared<TermDefinition>(*previous);
  }
  active.terms[term] = std::move(definition);
  state.defined[term] = true;
  return Ok();
}

Result<std::optional<std::string>> Processor::ExpandIriDefining(ActiveContext& active,
                                                                std::string_view value,
                                                                bool document_relative,
                                                                bool vocab, DefineState& state) {
  if (IsKeyword(value)) return std::optional<std::string>(std::string(value));
  if (HasKeywordForm(value)) return std::optional<std::string>();
  const std::string key(value);
  if (state.local->contains(key)) {
    const auto it = state.defined.find(key);
    if (it == state.defined.end() || !it->second) {
      VAARDIG_RETURN_IF_ERROR(CreateTermDefinition(active, state, key));
    }
  }
  if (const std::size_t colon = value.find(':', 1); colon != std::string_view::npos) {
    const std::string prefix(value.substr(0, colon));
    const std::string_view suffix = value.substr(colon + 1);
    if (prefix != "_" && !suffix.starts_with("//") && state.local->contains(prefix)) {
      const auto it = state.defined.find(prefix);
      if (it == state.defined.end() || !it->second) {
        VAARDIG_RETURN_IF_ERROR(CreateTermDefinition(active, state, prefix));
      }
    }
  }
  return ExpandIri(active, value, document_relative, vocab);
}

std::optional<std::string> Processor::ExpandIri(const ActiveContext& active,
                                                std::string_view value, bool document_relative,
                                                bool vocab) const {
  // 1-2.
  if (IsKeyword(value)) return std::string(value);
  if (HasKeywordForm(value)) return std::nullopt;
  // 4-5.
  if (const TermDefinition* definition = active.Find(value)) {
    if (definition->iri && IsKeyword(*definition->iri)) return definition->iri;
    if (vocab) return definition->iri;
  }
  // 6.
  if (const std::size_t colon = value.find(':', 1); colon != std::string_view::npos) {
    const std::string_view prefix = value.substr(0, colon);
    const std::string_view suffix = value.substr(colon + 1);
    if (prefix == "_" || suffix.starts_with("//")) return std::string(value);
    if (const TermDefinition* definition = active.Find(prefix);
        definition != nullptr && definition->iri && definition->prefix) {
      return *definition->iri + std::string(suffix);
    }
    if (HasIriScheme(value)) return std::string(value);
  }
  // 7-9.
  if (vocab && active.vocab) return *active.vocab + std::string(value);
  if (document_relative && active.base_iri) return ResolveIri(*active.base_iri, value);
  return std::string(value);
}

}  // namespace vaardig::w3c::jsonld
