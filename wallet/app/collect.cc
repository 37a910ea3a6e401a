// CollectOffer (collect.h): the OpenID4VCI 1.0 pre-authorized code flow, wallet side.
#include "wallet/app/collect.h"

#include <string>
#include <utility>
#include <vector>

#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/metadata.h"
#include "core/oid4vc/offer.h"
#include "core/oid4vc/token.h"
#include "wallet/app/internal/collect_steps.h"

namespace vaardig::wallet {
namespace {

using internal::HolderKey;

constexpr std::size_t kMaxDescriptionChars = 200;

// The secrets of one collection: never part of a message.
struct Secrets {
  std::vector<std::string> values;
  // An issuer's error_description may echo what we sent: cut it short and blank every secret.
  [[nodiscard]] std::string Redact(std::string text) const {
    if (text.size() > kMaxDescriptionChars) text = text.substr(0, kMaxDescriptionChars) + "…";
    for (const std::string& secret : values) {
      if (secret.empty()) continue;
      for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "[redacted]");
      }
    }
    for (char& c : text) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return text;
  }
};

struct Flow {
  http::HttpFetcher& fetcher;
  const CollectOptions& options;
  Secrets secrets;

  [[nodiscard]] http::FetchLimits Limits(std::size_t max_body) const {
    return {.max_body = max_body, .timeout = options.timeout};
  }

  [[nodiscard]] Status CheckUrl(std::string_view url, std::string_view what) const {
    if (!oid4vc::IsAcceptableHttpsUrl(url) || (!url.starts_with("https://") && !options.allow_http_for_loopback)) {
      return Fail(ErrorCode::kInvalidArgument, std::string(what) + " must be an https URL");
    }
    return {};
  }

  [[nodiscard]] Result<Json> GetJson(std::string_view url, std::size_t max_body) const {
    VAARDIG_ASSIGN_OR_RETURN(const http::HttpResponse response, fetcher.Get(url, Limits(max_body)));
    return ParseJson(response.body);
  }

  // An OAuth error answer (RFC 6749 §5.2; OpenID4VCI §6.3, §8.3.1): "<error> — <description>".
  [[nodiscard]] Error OAuthError(const http::HttpResponse& response) const {
    auto body = ParseJson(response.body);
    if (!body || !body->is_object() || !(*body)["error"].is_string()) {
      return Error(ErrorCode::kUnavailable, "HTTP " + std::to_string(response.status) + " without an OAuth error");
    }
    const std::string error = secrets.Redact((*body)["error"].get<std::string>());
    std::string message = error;
    if ((*body)["error_description"].is_string()) {
      message += " — " + secrets.Redact((*body)["error_description"].get<std::string>());
    }
    ErrorCode code = ErrorCode::kUnavailable;
    if (error == "invalid_grant" || error == "invalid_client" || error == "invalid_token" ||
        error == "invalid_proof" || error == "invalid_nonce") {
      code = ErrorCode::kUnauthenticated;
    } else if (error == "invalid_request" || error == "invalid_credential_request") {
      code = ErrorCode::kInvalidArgument;
    } else if (error.starts_with("unsupported_") || error == "unknown_credential_configuration") {
      code = ErrorCode::kUnimplemented;
    }
    return Error(code, message);
  }

  [[nodiscard]] Result<Json> PostJson(std::string_view url, std::string_view content_type, std::string_view body,
                                      const std::vector<std::pair<std::string, std::string>>& headers,
                                      std::size_t max_body) const {
    VAARDIG_ASSIGN_OR_RETURN(const http::HttpResponse response,
                             fetcher.Post(url, content_type, body, headers, Limits(max_body)));
    if (response.status < 200 || response.status >= 300) return std::unexpected(OAuthError(response));
    return ParseJson(response.body);
  }
};

template <typename T>
Result<T> InStep(Result<T> result, std::string_view step) {
  if (!result) return std::unexpected(result.error().WithContext(step));
  return result;
}

Result<oid4vc::CredentialOffer> ResolveOffer(const Flow& flow, std::string_view link) {
  VAARDIG_ASSIGN_OR_RETURN(oid4vc::OfferLink parsed, oid4vc::ParseCredentialOfferLink(link, kMaxOfferLinkBytes));
  oid4vc::CredentialOffer offer;
  if (parsed.offer) {
    offer = std::move(*parsed.offer);
  } else {
    VAARDIG_RETURN_IF_ERROR(flow.CheckUrl(*parsed.offer_uri, "credential_offer_uri"));
    VAARDIG_ASSIGN_OR_RETURN(const Json json, flow.GetJson(*parsed.offer_uri, kMaxOfferBytes));
    VAARDIG_ASSIGN_OR_RETURN(offer, oid4vc::ParseCredentialOffer(json));
  }
  VAARDIG_RETURN_IF_ERROR(flow.CheckUrl(offer.credential_issuer, "credential_issuer"));
  if (offer.credential_configuration_ids.size() > kMaxOfferedConfigurations) {
    return Fail(ErrorCode::kResourceExhausted, "the offer names more than " +
                                                   std::to_string(kMaxOfferedConfigurations) + " credentials");
  }
  if (!offer.pre_authorized_code) {
    return Fail(ErrorCode::kUnimplemented,
                "the offer has no pre-authorized code grant (the authorization code flow is not supported yet)");
  }
  return offer;
}

Result<oid4vc::CredentialIssuerMetadata> FetchIssuerMetadata(const Flow& flow, const std::string& issuer) {
  VAARDIG_ASSIGN_OR_RETURN(const Json json,
                           flow.GetJson(oid4vc::CredentialIssuerMetadataUrl(issuer), kMaxMetadataBytes));
  VAARDIG_ASSIGN_OR_RETURN(oid4vc::CredentialIssuerMetadata metadata,
                           oid4vc::ParseCredentialIssuerMetadata(json, issuer));
  VAARDIG_RETURN_IF_ERROR(flow.CheckUrl(metadata.credential_endpoint, "credential_endpoint"));
  if (metadata.nonce_endpoint) VAARDIG_RETURN_IF_ERROR(flow.CheckUrl(*metadata.nonce_endpoint, "nonce_endpoint"));
  return metadata;
}

Result<std::string> FetchTokenEndpoint(const Flow& flow, const oid4vc::CredentialIssuerMetadata& metadata) {
  const std::string as = metadata.authorization_servers.empty() ? metadata.credential_issuer
                                                                : metadata.authorization_servers.front();
  VAARDIG_RETURN_IF_ERROR(flow.CheckUrl(as, "authorization server"));
  VAARDIG_ASSIGN_OR_RETURN(const Json json,
                           flow.GetJson(oid4vc::AuthorizationServerMetadataUrl(as), kMaxMetadataBytes));
  VAARDIG_ASSIGN_OR_RETURN(const oid4vc::AuthorizationServerMetadata as_metadata,
                           oid4vc::ParseAuthorizationServerMetadata(json, as));
  VAARDIG_RETURN_IF_ERROR(flow.CheckUrl(as_metadata.token_endpoint, "token_endpoint"));
  return as_metadata.token_endpoint;
}

bool Supported(std::string_view format) {
  return format == "dc+sd-jwt" || format == "vc+sd-jwt" || format == "ldp_vc";
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::ranges::find(list, value) != list.end();
}

// ES256 (did:jwk) for SD-JWT VC, Ed25519 (did:key) for ldp_vc, each when the issuer accepts it.
Result<jose::Algorithm> HolderAlgorithm(const oid4vc::CredentialConfiguration& config) {
  const auto& accepted = config.proof_signing_alg_values_supported;
  const bool ldp = config.format == "ldp_vc";
  const std::string_view first = ldp ? "EdDSA" : "ES256";
  const std::string_view second = ldp ? "ES256" : "EdDSA";
  if (Contains(accepted, first)) return ldp ? jose::Algorithm::kEdDsa : jose::Algorithm::kEs256;
  if (Contains(accepted, second)) return ldp ? jose::Algorithm::kEs256 : jose::Algorithm::kEdDsa;
  return Fail(ErrorCode::kUnimplemented, "the issuer accepts no key proof algorithm we have (ES256, EdDSA)");
}

std::string DisplayName(const oid4vc::CredentialConfiguration& config) {
  for (std::string_view locale : {"nl", "en", ""}) {
    for (const oid4vc::Display& display : config.display) {
      if (locale.empty() || display.locale == locale || display.locale.starts_with(std::string(locale) + "-")) {
        return display.name;
      }
    }
  }
  return config.id;
}

Json DisplayJson(const std::vector<oid4vc::Display>& displays) {
  Json out = Json::object();
  for (std::string_view locale : {"nl", "en"}) {
    for (const oid4vc::Display& display : displays) {
      if (display.locale != locale && !display.locale.starts_with(std::string(locale) + "-")) continue;
      Json entry = {{"name", display.name}};
      if (display.description) entry["description"] = *display.description;
      if (display.logo_uri) entry["logo"] = *display.logo_uri;
      if (display.background_color) entry["background_color"] = *display.background_color;
      if (display.text_color) entry["text_color"] = *display.text_color;
      out[std::string(locale)] = entry;
      break;
    }
  }
  return out;
}

struct Session {
  Flow& flow;
  const oid4vc::CredentialIssuerMetadata& metadata;
  std::string access_token;
};

// One configuration: nonce, proof, credential request, verification. Nothing is stored here.
Result<std::vector<internal::ReceivedCredential>> Receive(Session& session, const oid4vc::CredentialConfiguration& config,
                                                           HolderKey* holder) {
  const Flow& flow = session.flow;
  const auto step = [&](std::string_view name) { return std::string(name) + " (" + config.id + ")"; };
  oid4vc::CredentialRequest request;
  request.credential_configuration_id = config.id;
  if (holder != nullptr) {
    std::optional<std::string> nonce;
    if (session.metadata.nonce_endpoint) {
      auto json = InStep(flow.PostJson(*session.metadata.nonce_endpoint, "application/json", "", {}, kMaxMetadataBytes),
                         step("nonce request"));
      if (!json) return std::unexpected(json.error());
      VAARDIG_ASSIGN_OR_RETURN(nonce, InStep(oid4vc::ParseNonceResponse(*json), step("nonce request")));
    }
    // A bare jwk unless the issuer binds only to DIDs (cryptographic_binding_methods_supported).
    const auto& methods = config.cryptographic_binding_methods_supported;
    const bool use_did = config.format == "ldp_vc" || (!methods.empty() && !Contains(methods, "jwk"));
    oid4vc::JwtProofInput input{.key = &holder->key,
                                .kid = use_did ? std::optional<std::string>(holder->kid) : std::nullopt,
                                .audience = session.metadata.credential_issuer,
                                .nonce = nonce,
                                .iat = flow.options.clock->NowSeconds(),
                                .iss = std::nullopt};
    VAARDIG_ASSIGN_OR_RETURN(std::string proof, InStep(oid4vc::MakeJwtProof(input), step("key proof")));
    request.jwt_proofs.push_back(std::move(proof));
  }
  const std::string body = oid4vc::CredentialRequestToJson(request).dump();
  auto response = InStep(flow.PostJson(session.metadata.credential_endpoint, "application/json", body,
                                       {{"Authorization", "Bearer " + session.access_token}}, kMaxCredentialResponseBytes),
                         step("credential request"));
  if (!response) return std::unexpected(response.error());
  VAARDIG_ASSIGN_OR_RETURN(const std::vector<Json> credentials,
                           InStep(oid4vc::ParseCredentialResponse(*response), step("credential response")));
  if (credentials.size() > kMaxOfferedConfigurations) {
    return Fail(ErrorCode::kResourceExhausted, step("credential response") + ": too many credentials");
  }
  internal::ReceiptContext context{.fetcher = &flow.fetcher, .clock = flow.options.clock,
                                   .allow_http_for_loopback = flow.options.allow_http_for_loopback,
                                   .timeout = flow.options.timeout};
  std::vector<internal::ReceivedCredential> received;
  for (const Json& credential : credentials) {
    auto verified = config.format == "ldp_vc" ? internal::VerifyOpenBadgeOnReceipt(credential, holder, context)
                                              : internal::VerifySdJwtVcOnReceipt(credential, config, holder, context);
    if (!verified) return std::unexpected(verified.error().WithContext(step("verification")));
    if ((verified->status == "revoked" || verified->status == "suspended") && !flow.options.keep_revoked_and_flag) {
      return Fail(ErrorCode::kFailedPrecondition, step("verification") + ": the issuer has " + verified->status +
                                                      " this credential; not stored");
    }
    received.push_back(std::move(*verified));
  }
  return received;
}

// Stores one credential and its history entry; removes the credential again when the entry fails.
Result<std::string> Store(UnlockedVault& vault, const Session& session, const oid4vc::CredentialConfiguration& config,
                          const internal::ReceivedCredential& received, HolderKey* holder, std::int64_t now) {
  if (holder != nullptr) VAARDIG_RETURN_IF_ERROR(internal::PersistHolderKey(vault, *holder));
  Json status = {{"state", received.status}, {"checked_at", now}};
  if (received.status_detail) status["detail"] = *received.status_detail;
  Json record = {{"format", config.format == "vc+sd-jwt" ? "dc+sd-jwt" : config.format},
                 {"configuration_id", config.id},
                 {"credential", received.credential},
                 {"issuer", received.issuer},
                 {"credential_issuer", session.metadata.credential_issuer},
                 {"display", DisplayJson(config.display)},
                 {"issuer_display", DisplayJson(session.metadata.display)},
                 {"received_at", now},
                 {"status", status}};
  if (received.expires_at) record["expires_at"] = *received.expires_at;
  if (holder != nullptr) record["holder_key_id"] = holder->record_id;
  VAARDIG_ASSIGN_OR_RETURN(const std::string id, vault.Put(RecordKind::kCredential, record));
  const Json history = {{"event", "received"},          {"credential_id", id},
                        {"configuration_id", config.id}, {"credential_issuer", session.metadata.credential_issuer},
                        {"status", received.status},     {"at", now}};
  if (auto put = vault.Put(RecordKind::kHistory, history); !put) {
    (void)vault.Delete(id);
    return std::unexpected(put.error().WithContext("storing the history entry"));
  }
  return id;
}

}  // namespace

Result<CollectResult> CollectOffer(http::HttpFetcher& fetcher, UnlockedVault& vault, std::string_view link,
                                   std::optional<std::string_view> pin, const CollectOptions& options) {
  if (options.clock == nullptr) return Fail(ErrorCode::kInvalidArgument, "CollectOptions.clock is required");
  Flow flow{.fetcher = fetcher, .options = options, .secrets = {}};
  VAARDIG_ASSIGN_OR_RETURN(const oid4vc::CredentialOffer offer, InStep(ResolveOffer(flow, link), "credential offer"));
  const oid4vc::PreAuthorizedCodeGrant& grant = *offer.pre_authorized_code;
  flow.secrets.values.push_back(grant.pre_authorized_code);
  if (pin) flow.secrets.values.emplace_back(*pin);
  if (grant.tx_code && (!pin || pin->empty())) {
    return Fail(ErrorCode::kFailedPrecondition, "this offer needs the PIN");
  }
  if (pin && pin->size() > oid4vc::kMaxTxCodeBytes) return Fail(ErrorCode::kInvalidArgument, "the PIN is too long");

  VAARDIG_ASSIGN_OR_RETURN(const oid4vc::CredentialIssuerMetadata metadata,
                           InStep(FetchIssuerMetadata(flow, offer.credential_issuer), "issuer metadata"));
  CollectResult result{.credential_issuer = offer.credential_issuer};
  std::vector<const oid4vc::CredentialConfiguration*> wanted;
  for (const std::string& id : offer.credential_configuration_ids) {
    const oid4vc::CredentialConfiguration* config = metadata.Find(id);
    if (config == nullptr) {
      result.skipped.push_back({id, "issuer metadata does not describe this configuration"});
    } else if (!Supported(config->format)) {
      result.skipped.push_back({id, "format '" + config->format + "' is not supported by this wallet"});
    } else {
      wanted.push_back(config);
    }
  }
  if (wanted.empty()) {
    return Fail(ErrorCode::kFailedPrecondition, "no offered credential has a format this wallet supports");
  }

  VAARDIG_ASSIGN_OR_RETURN(const std::string token_endpoint,
                           InStep(FetchTokenEndpoint(flow, metadata), "authorization server metadata"));
  oid4vc::TokenRequest token_request{.grant_type = std::string(oid4vc::kPreAuthorizedCodeGrantType),
                                     .pre_authorized_code = grant.pre_authorized_code,
                                     .tx_code = grant.tx_code && pin ? std::optional<std::string>(*pin) : std::nullopt,
                                     .client_id = std::nullopt};
  VAARDIG_ASSIGN_OR_RETURN(
      const Json token_json,
      InStep(flow.PostJson(token_endpoint, "application/x-www-form-urlencoded", oid4vc::TokenRequestForm(token_request),
                           {}, kMaxMetadataBytes),
             "token request"));
  VAARDIG_ASSIGN_OR_RETURN(oid4vc::TokenResponse token, InStep(oid4vc::ParseTokenResponse(token_json), "token response"));
  flow.secrets.values.push_back(token.access_token);
  Session session{.flow = flow, .metadata = metadata, .access_token = std::move(token.access_token)};

  std::optional<Error> first_error;
  for (const oid4vc::CredentialConfiguration* config : wanted) {
    std::optional<HolderKey> holder;
    if (!config->proof_signing_alg_values_supported.empty()) {
      auto alg = HolderAlgorithm(*config);
      auto key = alg ? internal::FindOrMakeHolderKey(vault, *alg) : std::unexpected(alg.error());
      if (!key) {
        result.skipped.push_back({config->id, "holder key: " + key.error().message()});
        if (!first_error) first_error = key.error().WithContext("holder key (" + config->id + ")");
        continue;
      }
      holder = std::move(*key);
    }
    HolderKey* holder_ptr = holder ? &*holder : nullptr;
    auto received = Receive(session, *config, holder_ptr);
    if (!received) {
      result.skipped.push_back({config->id, received.error().message()});
      if (!first_error) first_error = received.error();
      continue;
    }
    for (const internal::ReceivedCredential& credential : *received) {
      auto id = Store(vault, session, *config, credential, holder_ptr, options.clock->NowSeconds());
      if (!id) {
        result.skipped.push_back({config->id, id.error().message()});
        if (!first_error) first_error = id.error();
        continue;
      }
      result.stored.push_back({.record_id = *id, .configuration_id = config->id,
                               .format = config->format == "vc+sd-jwt" ? "dc+sd-jwt" : config->format,
                               .issuer = credential.issuer, .status = credential.status, .name = DisplayName(*config)});
    }
  }
  if (result.stored.empty() && first_error) return std::unexpected(*first_error);
  return result;
}

}  // namespace vaardig::wallet
