#include "verifier/cli/serve.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include "core/common/clock.h"
#include "core/config/config.h"
#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/http/client.h"
#include "core/http/server.h"
#include "verifier/cli/app.h"
#include "verifier/cli/trust.h"
#include "verifier/cli/verify_jws.h"
#include "verifier/http/service.h"

namespace vaardig::verifier::cli {

Result<VerifierSettings> LoadServeSettings(const std::string& config_file) {
  VAARDIG_ASSIGN_OR_RETURN(config::Config config, config::Config::Load(config_file, "VAARDIG_VERIFIER"));
  VAARDIG_ASSIGN_OR_RETURN(VerifierSettings settings, LoadVerifierSettings(config));
  VAARDIG_RETURN_IF_ERROR(config.CheckAllKeysKnown());
  return settings;
}

Result<TrustList> LoadSignedTrustList(const VerifierSettings& settings) {
  auto key = LoadPublicJwkFile(settings.trust_key_file);
  if (!key) return Fail(key.error().WithContext("trust.key"));
  std::ifstream file(settings.trust_list_file, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "trust.list: cannot read " + settings.trust_list_file);
  std::string text(kMaxTrustListBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  if (text.size() > kMaxTrustListBytes) {
    return Fail(ErrorCode::kResourceExhausted, "trust.list: " + settings.trust_list_file + " is larger than 1 MiB");
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  auto list = TrustList::Verify(text, *key);
  if (!list) return Fail(list.error().WithContext("trust.list " + settings.trust_list_file));
  return list;
}

int RunServe(const std::string& config_file, std::ostream& out, std::ostream& err) {
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%v})", spdlog::pattern_time_type::utc);
  const auto failed = [&](const Error& error) {
    err << "vaardig-verifier: " << error.message() << "\n";
    return kExitCouldNotCheck;
  };
  auto settings = LoadServeSettings(config_file);
  if (!settings) return failed(settings.error());
  auto trust = LoadSignedTrustList(*settings);
  if (!trust) return failed(trust.error());
  std::unique_ptr<http::HttpFetcher> fetcher;
  if (!settings->offline) {
    // Status lists, issuer metadata, did:web and share links: the latter are chosen by whoever calls
    // the public share-link endpoint, so never inside the verifier's own network.
    auto created = http::BeastHttpFetcher::Create({.ca_file = std::nullopt, .user_agent = "vaardig-verifier/0.1",
                                                   .public_addresses_only = !settings->allow_private_networks,
                                                   .allow_loopback = settings->allow_http_loopback});
    if (!created) return failed(created.error());
    fetcher = std::move(*created);
  }
  SystemClock clock;
  const std::size_t trusted = trust->entries.size();
  VerifierEngine engine(std::move(*trust), fetcher.get(), clock,
                        {.allow_http_for_loopback = settings->allow_http_loopback,
                         .on_status_unavailable = settings->on_status_unavailable,
                         .max_clock_skew_seconds = settings->max_clock_skew_seconds,
                         .max_status_cache_seconds = settings->max_status_cache_seconds});
  // OpenID4VP: the Request Object signing key, made on first start when the file is absent.
  std::unique_ptr<PresentationRequests> requests;
  if (!settings->request_key_file.empty()) {
    bool created = false;
    auto key = LoadOrCreateSigningKey(settings->request_key_file, &created);
    if (!key) return failed(key.error().WithContext("request.key " + settings->request_key_file));
    if (created) out << "vaardig-verifier: made a new request signing key in " << settings->request_key_file << std::endl;
    auto identity = MakeRequestIdentity(settings->public_url, std::move(*key));
    if (!identity) return failed(identity.error().WithContext("request.key"));
    identity->name = settings->request_name;
    identity->redirect_uri_prefix = settings->request_redirect_uri_prefix;
    out << "vaardig-verifier: OpenID4VP client_id " << identity->ClientId() << std::endl;
    requests = std::make_unique<PresentationRequests>(std::move(*identity), engine, clock);
  }
  std::unique_ptr<http::Server> server;
  auto router = BuildVerifierRouter(engine, [&server] { return server ? server->RenderMetrics() : std::string(); },
                                    {.requests = requests.get(), .default_vct_values = settings->request_vct_values,
                                     .api_tokens = settings->request_api_tokens, .pages = settings->request_pages,
                                     .page_skills = settings->request_skills, .organisation = settings->request_name,
                                     .secure_cookies = settings->public_url.starts_with("https://"),
                                     .share_link_fetcher = fetcher.get(),
                                     .share_links = {.allow_http_for_loopback = settings->allow_http_loopback,
                                                     .allowed_origins = settings->share_link_wallets},
                                     .web_wallet = settings->request_web_wallet});
  auto started = http::Server::Start(settings->server, [&router](http::Request& r) { return router->Dispatch(r); });
  if (!started) return failed(started.error());
  server = std::move(*started);
  if (requests && !settings->public_url_configured && settings->server.port == 0) {
    if (Status ok = requests->UseBaseUrl(server->BaseUrl()); !ok) return failed(ok.error());
  }
  out << "vaardig-verifier: listening on " << server->BaseUrl() << " (public URL " << settings->public_url << "), "
      << trusted << " trusted issuer" << (trusted == 1 ? "" : "s") << std::endl;
  server->RunUntilSignal();
  out << "vaardig-verifier: stopped" << std::endl;
  return kExitVerified;
}

int RunRequestTokenCreate(const std::string& name, std::ostream& out, std::ostream& err) {
  const bool ok_name = !name.empty() && name.size() <= 64 && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!ok_name) {
    err << "vaardig-verifier: request-token create: --name must be 1-64 letters, digits, '.', '_' or '-'\n";
    return kExitCouldNotCheck;
  }
  const std::string token = encoding::Base64UrlEncode(crypto::RandomBytes(32));
  out << "token (give it to the client; it is shown only now): " << token << "\n"
      << "add to the verifier's configuration under [request]:\n"
      << "  api_tokens_sha256 = [\"" << name << ":" << encoding::HexEncode(crypto::Sha256(AsBytes(token))) << "\"]\n";
  return kExitVerified;
}

}  // namespace vaardig::verifier::cli
