#include "tests/wallet/fake_issuer.h"

#include <variant>

#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/date_time.h"
#include "core/did/did_key.h"
#include "core/http/message.h"
#include "core/oid4vc/credential_request.h"
#include "core/oid4vc/metadata.h"
#include "core/oid4vc/offer.h"
#include "core/oid4vc/token.h"
#include "core/sdjwt/vc.h"
#include "core/status/status_list_token.h"
#include "core/status/token_status_list.h"

namespace vaardig::wallet::testutil {
namespace {

constexpr std::size_t kOurIndex = 42;

jose::PrivateJwk MustGenerate(jose::Algorithm alg, std::optional<std::string> kid) {
  auto key = jose::PrivateJwk::Generate(alg, std::move(kid));
  if (!key) std::abort();
  return std::move(*key);
}

http::Response OAuth(std::string_view error, std::string_view description) {
  return http::Response::JsonBody(400, Json{{"error", error}, {"error_description", description}});
}

}  // namespace

FakeIssuer::FakeIssuer(std::int64_t now)
    : now_(now),
      issuer_key_(MustGenerate(jose::Algorithm::kEs256, "k1")),
      badge_key_(MustGenerate(jose::Algorithm::kEdDsa, std::nullopt)) {
  badge_did_ = *did::CreateDidKey(badge_key_.public_jwk());
  router_.Get("/.well-known/openid-credential-issuer", [this](http::Request&) { return Metadata(); });
  router_.Get("/.well-known/oauth-authorization-server", [this](http::Request&) {
    oid4vc::AuthorizationServerMetadata as;
    as.issuer = base_;
    as.token_endpoint = base_ + "/token";
    return http::Response::JsonBody(200, oid4vc::AuthorizationServerMetadataToJson(as));
  });
  router_.Get("/.well-known/jwt-vc-issuer", [this](http::Request&) {
    return http::Response::JsonBody(
        200, Json{{"issuer", base_}, {"jwks", {{"keys", Json::array({issuer_key_.public_jwk().ToJson()})}}}});
  });
  router_.Get("/offer", [this](http::Request&) {
    if (behaviour.offer_uri_not_json) return http::Response::Html(200, "<html>not an offer</html>");
    return http::Response::JsonBody(200, Offer({std::string(kSdJwtConfig)}));
  });
  router_.Post("/token", [this](http::Request& r) { return Token(r); });
  router_.Post("/nonce", [](http::Request&) { return http::Response::JsonBody(200, Json{{"c_nonce", "nonce-1"}}); });
  router_.Post("/credential", [this](http::Request& r) { return Credential(r); });
  router_.Get("/status/1", [this](http::Request&) { return StatusList(); });
  auto server = http::Server::Start({}, [this](http::Request& r) { return router_.Dispatch(r); });
  if (!server) std::abort();
  server_ = std::move(*server);
  base_ = server_->BaseUrl();
}

FakeIssuer::~FakeIssuer() { server_->Stop(); }

Json FakeIssuer::Offer(const std::vector<std::string>& ids) const {
  oid4vc::CredentialOffer offer;
  offer.credential_issuer = base_;
  offer.credential_configuration_ids = ids;
  offer.pre_authorized_code.emplace();
  offer.pre_authorized_code->pre_authorized_code = std::string(kPreAuthCode);
  if (behaviour.tx_code) {
    offer.pre_authorized_code->tx_code.emplace();
    offer.pre_authorized_code->tx_code->input_mode = "numeric";
    offer.pre_authorized_code->tx_code->length = 6;
  }
  return oid4vc::CredentialOfferToJson(offer);
}

std::string FakeIssuer::LinkByValue(const std::vector<std::string>& ids) const {
  auto offer = oid4vc::ParseCredentialOffer(Offer(ids));
  if (!offer) std::abort();
  return oid4vc::CredentialOfferLinkByValue(*offer);
}

std::string FakeIssuer::LinkByReference() const { return oid4vc::CredentialOfferLinkByReference(base_ + "/offer"); }

static oid4vc::Display MakeDisplay(std::string name, std::string locale) {
  oid4vc::Display display;
  display.name = std::move(name);
  display.locale = std::move(locale);
  return display;
}

http::Response FakeIssuer::Metadata() const {
  oid4vc::CredentialIssuerMetadata metadata;
  metadata.credential_issuer = behaviour.metadata_names_other_issuer ? "https://other.example" : base_;
  metadata.credential_endpoint = base_ + "/credential";
  metadata.nonce_endpoint = base_ + "/nonce";
  metadata.display = {MakeDisplay("Gemeente Voorbeeld", "nl")};
  oid4vc::CredentialConfiguration sd_jwt;
  sd_jwt.id = std::string(kSdJwtConfig);
  sd_jwt.format = "dc+sd-jwt";
  sd_jwt.vct = base_ + "/vct/skill/v1";
  sd_jwt.cryptographic_binding_methods_supported = {"jwk"};
  sd_jwt.credential_signing_alg_values_supported = {"ES256"};
  sd_jwt.proof_signing_alg_values_supported = {"ES256", "EdDSA"};
  sd_jwt.display = {MakeDisplay("Vaardigheid", "nl"), MakeDisplay("Skill", "en")};
  metadata.configurations.push_back(sd_jwt);
  oid4vc::CredentialConfiguration badge;
  badge.id = std::string(kBadgeConfig);
  badge.format = "ldp_vc";
  badge.credential_definition = {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
                                 {"type", {"VerifiableCredential"}}};
  badge.cryptographic_binding_methods_supported = {"did:key", "did:jwk"};
  badge.credential_signing_alg_values_supported = {"eddsa-rdfc-2022"};
  badge.proof_signing_alg_values_supported = {"EdDSA", "ES256"};
  metadata.configurations.push_back(badge);
  oid4vc::CredentialConfiguration mdoc;
  mdoc.id = std::string(kMsoConfig);
  mdoc.format = "mso_mdoc";
  metadata.configurations.push_back(mdoc);
  Json json = oid4vc::CredentialIssuerMetadataToJson(metadata);
  // A realistic mso_mdoc configuration carries its doctype.
  json["credential_configurations_supported"][std::string(kMsoConfig)]["doctype"] = "org.iso.18013.5.1.mDL";
  return http::Response::JsonBody(200, json);
}

http::Response FakeIssuer::Token(const http::Request& request) const {
  auto form = http::ParseForm(request.body);
  if (!form) return OAuth("invalid_request", "malformed form");
  if (behaviour.token_server_error) return http::Response::Html(500, "<h1>Internal Server Error</h1>");
  if (http::FormValue(*form, "pre-authorized_code") != kPreAuthCode) return OAuth("invalid_grant", "unknown code");
  if (behaviour.tx_code && http::FormValue(*form, "tx_code") != kPin) {
    // A careless issuer that echoes what it got: the wallet must not repeat it.
    return OAuth("invalid_grant", "tx_code " + std::string(http::FormValue(*form, "tx_code").value_or("")) +
                                      " is wrong for " + std::string(kPreAuthCode));
  }
  return http::Response::JsonBody(200, oid4vc::TokenResponseToJson({.access_token = std::string(kAccessToken),
                                                                     .expires_in = 300}));
}

http::Response FakeIssuer::Credential(const http::Request& request) {
  if (request.Header("authorization") != "Bearer " + std::string(kAccessToken)) {
    return http::Response::JsonBody(401, Json{{"error", "invalid_token"}});
  }
  auto parsed = oid4vc::ParseCredentialRequest(request.body);
  if (!parsed || parsed->jwt_proofs.size() != 1) return OAuth("invalid_credential_request", "bad request");
  auto proof = oid4vc::VerifyJwtProof(parsed->jwt_proofs[0], {.audience = base_, .now = now_});
  if (!proof) return OAuth("invalid_proof", proof.error().description);
  if (proof->nonce != "nonce-1") return OAuth("invalid_nonce", "unknown nonce");
  ++issued_;
  if (behaviour.huge_credential) {
    return http::Response::JsonBody(200, oid4vc::CredentialResponseToJson({std::string(1100 * 1024, 'e')}));
  }
  if (parsed->credential_configuration_id == kBadgeConfig) {
    const std::string subject =
        behaviour.subject_other_did ? "did:example:someone-else" : proof->holder_did.value_or("none");
    Json badge = {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
                  {"type", {"VerifiableCredential"}},
                  {"issuer", badge_did_},
                  {"validFrom", *dataintegrity::FormatDateTimeStamp(now_ - 60)},
                  {"credentialSubject", {{"id", subject}}}};
    auto secured = dataintegrity::AddProof(
        badge,
        {.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022,
         .verification_method = badge_did_ + "#" + badge_did_.substr(8),
         .created = *dataintegrity::FormatDateTimeStamp(now_ - 60)},
        std::get<crypto::Ed25519PrivateKey>(badge_key_.key()), dataintegrity::BundledJsonLdCanonicalizer());
    if (!secured) return http::Response::Text(500, secured.error().message());
    return http::Response::JsonBody(200, oid4vc::CredentialResponseToJson({*secured}));
  }
  Json cnf_key = proof->holder_key.ToJson();
  if (behaviour.cnf_other_key) cnf_key = MustGenerate(jose::Algorithm::kEs256, std::nullopt).public_jwk().ToJson();
  const Json claims = {{"iss", base_},
                       {"vct", base_ + "/vct/skill/v1"},
                       {"iat", now_},
                       {"exp", now_ + 3 * 365 * 86400},
                       {"cnf", {{"jwk", cnf_key}}},
                       {"status", status::MakeStatusClaim({.idx = kOurIndex, .uri = base_ + "/status/1"})},
                       {"skill", {{"name", {{"nl", "Klantgesprekken voeren"}}}, {"level", 2}}}};
  auto issued = sdjwt::IssueSdJwtVc(claims, issuer_key_, {.sd_paths = {}, .max_decoys = 0, .kid = "k1"});
  if (!issued) return http::Response::Text(500, issued.error().message());
  std::string compact = issued->Compact();
  if (behaviour.tamper_signature) {
    const std::size_t tilde = compact.find('~');
    compact[tilde - 5] = compact[tilde - 5] == 'A' ? 'B' : 'A';
  }
  return http::Response::JsonBody(200, oid4vc::CredentialResponseToJson({compact}));
}

http::Response FakeIssuer::StatusList() const {
  if (behaviour.status_list_unreachable) return http::Response::Text(503, "down");
  auto list = status::StatusList::Create(2, 1024);
  if (!list || !list->Set(kOurIndex, behaviour.status_value)) std::abort();
  auto token = status::SignStatusListToken(*list, {.sub = base_ + "/status/1", .iat = now_, .ttl = 60}, issuer_key_, "k1");
  if (!token) return http::Response::Text(500, token.error().message());
  http::Response response{.status = 200, .content_type = "application/statuslist+jwt", .body = *token};
  return response;
}

}  // namespace vaardig::wallet::testutil
