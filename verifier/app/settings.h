// The verifier service's configuration (`vaardig-verifier serve --config FILE`; TOML, every key
// overridable by VAARDIG_VERIFIER__<TABLE>__<KEY>). See docs/configuration.md.
//
//   [server]  bind, port, threads, max_body_bytes, read_timeout_seconds, idle_timeout_seconds,
//             trusted_proxies, tls_certificate, tls_private_key, public_url
//   [trust]   list (the signed trust list, `vaardig-verifier trust init`), key (the operator's
//             public JWK that signed it) — both required: without them nobody is recognised
//   [status]  on_unavailable = "could_not_check" | "reject" | "accept_with_warning",
//             max_cache_seconds (the longest a status list is kept, whatever its ttl says)
//   [fetch]   allow_http_loopback (did:web and issuer metadata over plain http on 127.0.0.1;
//             development only), offline (fetch nothing: status lists cannot be checked),
//             allow_private_networks (issuers or wallets on private addresses; off: nobody can make
//             the verifier reach inside its own network through a share link)
//   [verify]  max_clock_skew_seconds
//   [request] key (the ES256 private JWK that signs OpenID4VP Request Objects; without it the
//             OpenID4VP endpoints are off), name (the organisation's name wallets show beside the
//             verifier's identifier), vct_values (the credential types asked for by default),
//             skills (the skills the web page offers, each "SKILL-ID|Name"), api_tokens_sha256
//             (machine clients that may make requests: "NAME:SHA256HEX" of their bearer token),
//             pages (serve the employer's web pages: only behind the organisation's sign-in),
//             client_id_prefix = "decentralized_identifier" (signed Request Objects by reference,
//             the default) | "redirect_uri" (unsigned requests by value in the link)
//   [share_links] wallets (the wallet origins whose share links are fetched, e.g.
//             ["https://wallet.example"]; empty: any https wallet — list them to keep the verifier
//             from fetching arbitrary URLs on request)
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/config/config.h"
#include "core/http/server.h"
#include "verifier/app/pipeline.h"

namespace vaardig::verifier {

struct VerifierSettings {
  http::ServerOptions server;
  std::string public_url;  // "https://verifier.example" (no trailing slash)
  bool public_url_configured = false;  // false: derived from bind and port
  std::string trust_list_file;
  std::string trust_key_file;
  StatusUnavailablePolicy on_status_unavailable = StatusUnavailablePolicy::kCouldNotCheck;
  std::int64_t max_status_cache_seconds = 24 * 3600;
  bool allow_http_loopback = false;
  bool allow_private_networks = false;  // fetch.allow_private_networks
  bool offline = false;
  std::int64_t max_clock_skew_seconds = 300;
  std::string request_key_file;  // empty: no OpenID4VP requests
  bool request_redirect_uri_prefix = false;  // request.client_id_prefix = "redirect_uri"
  std::string request_name;
  std::vector<std::string> request_vct_values;
  std::vector<std::pair<std::string, std::string>> request_skills;  // (id, name)
  std::vector<std::pair<std::string, std::string>> request_api_tokens;  // (name, SHA-256 hex of the token)
  bool request_pages = false;
  std::string request_web_wallet;  // request.web_wallet: a hosted Vaardig wallet the waiting page links to
  std::vector<std::string> share_link_wallets;  // origins whose share links are accepted; empty: any https wallet
};

// Reads every key; invalid_argument naming the key for a bad value; failed_precondition for a
// missing trust list or key. Call config.CheckAllKeysKnown() afterwards.
[[nodiscard]] Result<VerifierSettings> LoadVerifierSettings(config::Config& config);

// The request body limit per path (server.body_limit): VCALM verify requests up to 1 MiB.
[[nodiscard]] std::size_t VerifierBodyLimit(std::string_view path);

}  // namespace vaardig::verifier
