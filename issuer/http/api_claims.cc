#include "issuer/http/api_claims.h"

#include <charconv>
#include <mutex>

#include "core/http/qr_svg.h"
#include "core/oid4vc/offer.h"
#include "issuer/app/claims.h"
#include "issuer/app/issuance.h"
#include "issuer/http/auth.h"

namespace vaardig::issuer {

namespace {

constexpr std::size_t kMaxJsonBody = 16 * 1024;

// Loads the vault once, on first use.
class VaultHolder {
 public:
  VaultHolder(IssuerApp& app, std::shared_ptr<const KeyVault> vault) : app_(app), vault_(std::move(vault)) {}
  Result<std::shared_ptr<const KeyVault>> Get() {
    std::lock_guard lock(mu_);
    if (!vault_) {
      auto loaded = KeyVault::Load(app_.settings().kek_file);
      // The reason (a file path, a mode) is for the operator, not the client: `serve` checks the
      // KEK at start-up and logs it; here the client learns only that signing is unavailable.
      if (!loaded) {
        return Fail(ErrorCode::kUnavailable,
                    "endorsements cannot be signed: the issuer's key-encryption key is not available");
      }
      vault_ = std::make_shared<const KeyVault>(std::move(*loaded));
    }
    return vault_;
  }

 private:
  IssuerApp& app_;
  std::mutex mu_;
  std::shared_ptr<const KeyVault> vault_;
};

Result<std::int64_t> IdParam(const http::Request& request) {
  const std::string_view text = request.PathParam("id").value_or("");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Fail(ErrorCode::kNotFound, "no such id: " + std::string(text.substr(0, 32)));
  }
  return id;
}

Result<Json> JsonBody(const http::Request& request, bool allow_empty = false) {
  if (allow_empty && request.body.empty()) return Json::object();
  if (request.MediaType() != "application/json") {
    return Fail(ErrorCode::kInvalidArgument, "the request body must be application/json");
  }
  VAARDIG_ASSIGN_OR_RETURN(Json body, ParseJson(request.body, JsonLimits{.max_bytes = kMaxJsonBody, .max_depth = 4}));
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "the request body must be a JSON object");
  return body;
}

Result<std::string> OptString(const Json& body, std::string_view name, bool required = false) {
  auto it = body.find(std::string(name));
  if (it == body.end() || it->is_null()) {
    if (required) return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(name) + "\" is required");
    return std::string();
  }
  if (!it->is_string()) return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(name) + "\" must be a string");
  return it->get<std::string>();
}

Result<std::optional<std::int64_t>> OptInt(const Json& body, std::string_view name, bool required = false) {
  auto it = body.find(std::string(name));
  if (it == body.end() || it->is_null()) {
    if (required) return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(name) + "\" is required");
    return std::optional<std::int64_t>();
  }
  if (!it->is_number_integer()) {
    return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(name) + "\" must be an integer");
  }
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

// Levels arrive as JSON integers; anything outside int range is simply out of 1–3.
int AsLevel(std::int64_t v) { return (v < 0 || v > 100) ? 0 : static_cast<int>(v); }

// Content-Disposition with an ASCII fallback name and the RFC 6266 / RFC 8187 filename*.
std::string ContentDisposition(const std::string& name) {
  std::string ascii;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    ascii.push_back(u >= 0x20 && u < 0x7F && c != '"' && c != '\\' && c != ';' ? c : '_');
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + http::FormEncode(name);
}

using AuthedHandler = std::function<http::Response(http::Request&, const AuthedRequest&)>;

http::Handler WithSession(IssuerApp& app, AuthedHandler handler) {
  return [&app, handler = std::move(handler)](http::Request& request) {
    auto authed = RequireSession(app, request);
    if (!authed) return http::ErrorResponse(authed.error());
    return handler(request, *authed);
  };
}

http::Response FromStatus(const Status& st) { return st ? http::Response::NoContent() : http::ErrorResponse(st.error()); }

}  // namespace

void RegisterClaimRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<const KeyVault> vault) {
  auto holder = std::make_shared<VaultHolder>(app, std::move(vault));

  router.Post("/api/claims", WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto body = JsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    NewClaim claim;
    auto skill = OptString(*body, "skill_id", true);
    if (!skill) return http::ErrorResponse(skill.error());
    auto level = OptInt(*body, "self_level", true);
    if (!level) return http::ErrorResponse(level.error());
    auto note = OptString(*body, "note");
    if (!note) return http::ErrorResponse(note.error());
    auto frequency = OptString(*body, "frequency");
    if (!frequency) return http::ErrorResponse(frequency.error());
    claim.skill_id = *skill;
    claim.self_level = AsLevel(**level);
    claim.note = *note;
    claim.frequency = *frequency;
    auto created = CreateClaim(app, authed.principal, claim);
    if (!created) return http::ErrorResponse(created.error());
    return http::Response::JsonBody(201, ClaimToJson(*created));
  }));

  router.Get("/api/claims", WithSession(app, [&app](http::Request&, const AuthedRequest& authed) {
    auto claims = ListMyClaims(app, authed.principal);
    if (!claims) return http::ErrorResponse(claims.error());
    Json list = Json::array();
    for (const ClaimView& c : *claims) list.push_back(ClaimToJson(c));
    return http::Response::JsonBody(200, Json{{"claims", std::move(list)}});
  }));

  router.Get("/api/claims/{id}", WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return http::ErrorResponse(id.error());
    auto claim = GetClaim(app, authed.principal, *id);
    if (!claim) return http::ErrorResponse(claim.error());
    return http::Response::JsonBody(200, ClaimToJson(*claim));
  }));

  router.Post("/api/claims/{id}/evidence", WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return http::ErrorResponse(id.error());
    if (request.MediaType() != "multipart/form-data") {
      return http::ErrorResponse(Error(ErrorCode::kInvalidArgument, "the request body must be multipart/form-data"));
    }
    auto parts = http::ParseMultipart(request.Header("content-type").value_or(""), request.body);
    if (!parts) return http::ErrorResponse(parts.error());
    const http::FormPart* file = nullptr;
    for (const http::FormPart& part : *parts) {
      if (part.name != "file") continue;
      if (file != nullptr) {
        return http::ErrorResponse(Error(ErrorCode::kInvalidArgument, "send one \"file\" field per upload"));
      }
      file = &part;
    }
    if (file == nullptr || !file->filename) {
      return http::ErrorResponse(Error(ErrorCode::kInvalidArgument, "the form needs a file field \"file\""));
    }
    auto added = AddEvidence(app, authed.principal, *id, *file->filename, AsBytes(file->data));
    if (!added) return http::ErrorResponse(added.error());
    return http::Response::JsonBody(201, EvidenceToJson(*added));
  }));

  router.Get("/api/evidence/{id}", WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return http::ErrorResponse(id.error());
    auto file = GetEvidence(app, authed.principal, *id);
    if (!file) return http::ErrorResponse(file.error());
    http::Response r;
    r.status = 200;
    r.content_type = file->media_type;
    r.body.assign(file->bytes.begin(), file->bytes.end());
    r.AddHeader("Content-Disposition", ContentDisposition(file->name));
    r.AddHeader("X-Content-Type-Options", "nosniff");
    r.AddHeader("Cache-Control", "private, no-store");
    r.AddHeader("Content-Security-Policy", "sandbox");
    return r;
  }));

  // The "collect in your wallet" step for API clients: an OpenID4VCI offer for the owner's own
  // confirmed claim (issuance.h CreateOfferForClaim). Someone else's claim answers 404 as for
  // every id the caller may not see; a claim not (yet) confirmed 409.
  router.Post("/api/claims/{id}/offer", WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return http::ErrorResponse(id.error());
    auto offer = CreateOfferForClaim(app, authed.principal, *id);
    if (!offer) {
      if (offer.error().code() == ErrorCode::kPermissionDenied) {
        return http::ErrorResponse(Error(ErrorCode::kNotFound, "claim " + std::to_string(*id) + " not found"));
      }
      return http::ErrorResponse(offer.error());
    }
    const std::string link = oid4vc::CredentialOfferLinkByReference(offer->offer_uri);
    Json out{{"link", link}, {"offer_uri", offer->offer_uri}, {"tx_code", offer->tx_code},
             {"expires_at", offer->expires_at}};
    if (auto qr = http::QrCodeSvg(link, {.title = "QR-code: haal je bewijs op in je wallet", .size_px = 0, .css_class = ""})) {
      out["qr_svg"] = *qr;
    }
    http::Response response = http::Response::JsonBody(201, out);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }));

  router.Post("/api/claims/{id}/confirmation-requests",
              WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
                auto id = IdParam(request);
                if (!id) return http::ErrorResponse(id.error());
                auto body = JsonBody(request, /*allow_empty=*/true);
                if (!body) return http::ErrorResponse(body.error());
                auto endorser = OptInt(*body, "endorser_id");
                if (!endorser) return http::ErrorResponse(endorser.error());
                auto message = OptString(*body, "message");
                if (!message) return http::ErrorResponse(message.error());
                auto request_id = RequestConfirmation(app, authed.principal, *id, *endorser, *message);
                if (!request_id) return http::ErrorResponse(request_id.error());
                return http::Response::JsonBody(201, Json{{"request_id", *request_id}});
              }));

  router.Get("/api/queue", WithSession(app, [&app](http::Request&, const AuthedRequest& authed) {
    auto queue = Queue(app, authed.principal);
    if (!queue) return http::ErrorResponse(queue.error());
    Json list = Json::array();
    for (const QueueItem& q : *queue) list.push_back(QueueItemToJson(q));
    return http::Response::JsonBody(200, Json{{"requests", std::move(list)}});
  }));

  router.Post("/api/confirmation-requests/{id}/confirm",
              WithSession(app, [&app, holder](http::Request& request, const AuthedRequest& authed) {
                auto id = IdParam(request);
                if (!id) return http::ErrorResponse(id.error());
                auto body = JsonBody(request);
                if (!body) return http::ErrorResponse(body.error());
                auto level = OptInt(*body, "level", true);
                if (!level) return http::ErrorResponse(level.error());
                auto comment = OptString(*body, "comment");
                if (!comment) return http::ErrorResponse(comment.error());
                auto vault = holder->Get();
                if (!vault) return http::ErrorResponse(vault.error());
                auto endorsement = Confirm(app, **vault, authed.principal, *id, AsLevel(**level), *comment);
                if (!endorsement) return http::ErrorResponse(endorsement.error());
                return http::Response::JsonBody(200, Json{{"endorsement_id", endorsement->id},
                                                          {"kid", endorsement->kid},
                                                          {"jws", endorsement->jws},
                                                          {"statement", endorsement->statement}});
              }));

  router.Post("/api/confirmation-requests/{id}/ask-info",
              WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
                auto id = IdParam(request);
                if (!id) return http::ErrorResponse(id.error());
                auto body = JsonBody(request);
                if (!body) return http::ErrorResponse(body.error());
                auto comment = OptString(*body, "comment", true);
                if (!comment) return http::ErrorResponse(comment.error());
                return FromStatus(AskForInformation(app, authed.principal, *id, *comment));
              }));

  router.Post("/api/confirmation-requests/{id}/decline",
              WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
                auto id = IdParam(request);
                if (!id) return http::ErrorResponse(id.error());
                auto body = JsonBody(request);
                if (!body) return http::ErrorResponse(body.error());
                auto reason = OptString(*body, "reason", true);
                if (!reason) return http::ErrorResponse(reason.error());
                return FromStatus(Decline(app, authed.principal, *id, *reason));
              }));

  router.Post("/api/claims/{id}/withdraw", WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
    auto id = IdParam(request);
    if (!id) return http::ErrorResponse(id.error());
    return FromStatus(Withdraw(app, authed.principal, *id));
  }));

  router.Post("/api/claims/{id}/information",
              WithSession(app, [&app](http::Request& request, const AuthedRequest& authed) {
                auto id = IdParam(request);
                if (!id) return http::ErrorResponse(id.error());
                auto body = JsonBody(request);
                if (!body) return http::ErrorResponse(body.error());
                auto message = OptString(*body, "message", true);
                if (!message) return http::ErrorResponse(message.error());
                return FromStatus(RespondWithInformation(app, authed.principal, *id, *message));
              }));
}

}  // namespace vaardig::issuer
