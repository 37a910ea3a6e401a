#include "issuer/http/api_identity.h"

#include <atomic>
#include <charconv>
#include <mutex>
#include <string>
#include <utility>

#include "issuer/app/issuer_keys.h"
#include "issuer/app/status_registry.h"

namespace vaardig::issuer {

namespace {

constexpr std::string_view kPublicCache = "public, max-age=300";

// The publisher needs the vault for as long as it lives; both are made on first use.
class PublisherHolder {
 public:
  explicit PublisherHolder(IssuerApp& app, std::shared_ptr<LazyVault> vault) : app_(app), vault_(std::move(vault)) {}

  Result<StatusListPublisher*> Get() {
    std::lock_guard lock(mu_);
    if (!publisher_) {
      VAARDIG_ASSIGN_OR_RETURN(keys_, vault_->Get());
      publisher_ = std::make_unique<StatusListPublisher>(app_, *keys_);
    }
    return publisher_.get();
  }

  // Creates the issuer's signing keys once, when the vault is available; without it the DID
  // document lists whatever keys exist.
  void EnsureIssuerKeys() {
    if (keys_ready_.load()) return;
    auto keys = vault_->Get();
    if (!keys) return;
    const bool ok = GetOrCreateIssuerKey(app_, **keys, IssuerKeyPurpose::kSdJwt).has_value() &&
                    GetOrCreateIssuerKey(app_, **keys, IssuerKeyPurpose::kDataIntegrity).has_value();
    if (ok) keys_ready_.store(true);
  }

 private:
  IssuerApp& app_;
  std::shared_ptr<LazyVault> vault_;
  std::mutex mu_;
  std::shared_ptr<const KeyVault> keys_;
  std::unique_ptr<StatusListPublisher> publisher_;
  std::atomic<bool> keys_ready_{false};
};

http::Response PublicJson(const Json& body, std::string content_type = "application/json") {
  http::Response r = http::Response::JsonBody(200, body);
  r.content_type = std::move(content_type);
  r.AddHeader("Cache-Control", std::string(kPublicCache));
  return r;
}

// Error bodies of these public endpoints: the message unless it is an internal one.
http::Response PublicError(const Error& e) {
  if (http::HttpStatusFor(e.code()) >= 500 && e.code() != ErrorCode::kUnavailable) {
    return http::ErrorResponse(Error(e.code(), "internal error"));
  }
  return http::ErrorResponse(e);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so "W/" is ignored on both sides.
bool IfNoneMatchHits(std::string_view header, std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view candidate = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (candidate == "*") return true;
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
  }
  return false;
}

Result<std::int64_t> ListId(const http::Request& request) {
  const std::string_view text = request.PathParam("id").value_or("");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Fail(ErrorCode::kNotFound, "no such status list");
  }
  return id;
}

http::Response ServeStatusList(const http::Request& request, const Result<PublishedStatusList>& list) {
  if (!list) return PublicError(list.error());
  const std::string cache = "public, max-age=" + std::to_string(list->max_age);
  const auto if_none_match = request.Header("if-none-match");
  const bool not_modified = if_none_match ? IfNoneMatchHits(*if_none_match, list->etag)
                                          : request.Header("if-modified-since") == list->last_modified;
  http::Response r;
  if (not_modified) {
    r.status = 304;
  } else {
    r.status = 200;
    r.content_type = list->content_type;
    r.body = list->body;
  }
  r.AddHeader("ETag", list->etag);
  r.AddHeader("Last-Modified", list->last_modified);
  r.AddHeader("Cache-Control", cache);
  return r;
}

}  // namespace

Result<Json> SkillTypeMetadata(const IssuerSettings& settings) {
  auto parsed = ParseJson(SkillTypeMetadataTemplate());
  if (!parsed || !parsed->is_object()) {
    return Fail(ErrorCode::kInternal, "the compiled-in skill type metadata does not parse");
  }
  Json metadata = std::move(*parsed);
  metadata["vct"] = CredentialIssuerId(settings) + "/vct/skill/v1";
  metadata.erase("schema_uri");
  metadata.erase("schema_uri#integrity");
  return metadata;
}

void RegisterIdentityRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<LazyVault> vault) {
  auto holder = std::make_shared<PublisherHolder>(app, std::move(vault));

  router.Get("/.well-known/did.json", [&app, holder](http::Request&) {
    holder->EnsureIssuerKeys();
    auto document = BuildIssuerDidDocument(app);
    if (!document) return PublicError(document.error());
    return PublicJson(*document, "application/did+json");
  });

  router.Get("/.well-known/jwt-vc-issuer", [&app, holder](http::Request&) {
    holder->EnsureIssuerKeys();
    auto metadata = BuildJwtVcIssuerMetadata(app);
    if (!metadata) return PublicError(metadata.error());
    return PublicJson(*metadata);
  });

  router.Get("/vct/skill/v1", [&app](http::Request&) {
    auto metadata = SkillTypeMetadata(app.settings());
    if (!metadata) return PublicError(metadata.error());
    return PublicJson(*metadata);
  });

  router.Get("/status/token/{id}", [holder](http::Request& request) {
    auto id = ListId(request);
    if (!id) return PublicError(id.error());
    auto publisher = holder->Get();
    if (!publisher) return PublicError(publisher.error());
    return ServeStatusList(request, (*publisher)->Token(*id));
  });

  router.Get("/status/bitstring/{id}", [holder](http::Request& request) {
    auto id = ListId(request);
    if (!id) return PublicError(id.error());
    auto publisher = holder->Get();
    if (!publisher) return PublicError(publisher.error());
    return ServeStatusList(request, (*publisher)->Bitstring(*id));
  });
}

}  // namespace vaardig::issuer
