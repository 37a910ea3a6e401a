// The bundled context loader and StaticDocumentLoader (see jsonld.h).
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/w3c/jsonld.h"

namespace vaardig::w3c {
namespace internal {
extern const std::pair<std::string_view, std::string_view> kBundledContexts[];
extern const std::size_t kBundledContextCount;
}  // namespace internal

namespace {

Result<std::shared_ptr<const RemoteDocument>> ParseDocument(std::string url, std::string_view text) {
  JsonLimits limits;
  limits.max_bytes = 4 << 20;
  auto json = ParseJson(text, limits);
  if (!json) return Fail(json.error().WithContext("document " + url + " is not JSON"));
  return std::make_shared<const RemoteDocument>(RemoteDocument{std::move(url), std::move(*json)});
}

Error NotAllowed(std::string_view url) {
  return Error(ErrorCode::kPermissionDenied,
               "context not allowed: " + std::string(url) +
                   " is not one of the bundled contexts (contexts are never fetched)");
}

class BundledLoader final : public DocumentLoader {
 public:
  BundledLoader() {
    for (std::size_t i = 0; i < internal::kBundledContextCount; ++i) {
      const auto& [url, text] = internal::kBundledContexts[i];
      // The bundled files are checked by the tests; a broken one is a build defect.
      if (auto document = ParseDocument(std::string(url), text)) {
        documents_.emplace_back(std::string(url), std::move(*document));
      }
    }
  }

  Result<std::shared_ptr<const RemoteDocument>> Load(std::string_view url) override {
    for (const auto& [known, document] : documents_) {
      if (known == url) return document;
    }
    return Fail(NotAllowed(url));
  }

 private:
  std::vector<std::pair<std::string, std::shared_ptr<const RemoteDocument>>> documents_;
};

}  // namespace

DocumentLoader& BundledContexts() {
  static BundledLoader* const loader = new BundledLoader();  // never destroyed: used at exit too
  return *loader;
}

Status StaticDocumentLoader::Add(std::string url, std::string_view text) {
  VAARDIG_ASSIGN_OR_RETURN(auto document, ParseDocument(url, text));
  documents_.emplace_back(std::move(url), std::move(document));
  return Ok();
}

Result<std::shared_ptr<const RemoteDocument>> StaticDocumentLoader::Load(std::string_view url) {
  for (const auto& [known, document] : documents_) {
    if (known == url) return document;
  }
  if (fallback_ != nullptr) return fallback_->Load(url);
  return Fail(NotAllowed(url));
}

}  // namespace vaardig::w3c
