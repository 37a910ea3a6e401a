#include "issuer/http/pages_collect.h"

#include "core/http/qr_svg.h"
#include "core/oid4vc/offer.h"
#include "issuer/app/claims.h"
#include "issuer/http/pages_manager.h"

namespace vaardig::issuer {

namespace {

using kainjow::mustache::data;

constexpr std::size_t kMaxCollectFormBytes = 4096;

std::string SkillName(const ClaimView& c, std::string_view lang) {
  return lang == "en" && !c.skill_name_en.empty() ? c.skill_name_en : c.skill_name_nl;
}

std::string LevelText(std::optional<int> level, std::string_view lang) {
  if (!level || *level < 1 || *level > 3) return "";
  return Message(lang, "emp_level_" + std::to_string(*level));
}

http::Response NoticePage(IssuerApp& app, const http::Request& request, const AuthedRequest& authed, int status,
                          std::string_view message_key, std::string back) {
  PageContext ctx = MakePageContext(app, request, &authed, "error_title");
  return page::Notice(ctx, status, "error_title", Message(ctx.language, message_key), std::move(back));
}

// The owner's confirmed claim, or the page that says why not: 404 for an unknown claim or someone
// else's (as on the claim pages), 409 when it is not confirmed.
Result<ClaimView> OwnConfirmedClaim(IssuerApp& app, const Principal& principal, std::int64_t id) {
  VAARDIG_ASSIGN_OR_RETURN(ClaimView claim, GetClaim(app, principal, id));
  if (claim.person_id != principal.person_id) return Fail(ErrorCode::kNotFound, "claim not found");
  if (claim.state != "confirmed") return Fail(ErrorCode::kFailedPrecondition, "claim is " + claim.state);
  return claim;
}

http::Response ClaimRefused(IssuerApp& app, const http::Request& request, const AuthedRequest& authed,
                            std::int64_t id, const Error& error) {
  switch (error.code()) {
    case ErrorCode::kNotFound:
    case ErrorCode::kPermissionDenied: return NoticePage(app, request, authed, 404, "emp_not_found", "/claims");
    case ErrorCode::kFailedPrecondition:
      return NoticePage(app, request, authed, 409, "col_not_confirmed", "/claims/" + std::to_string(id));
    default: return NoticePage(app, request, authed, 503, "col_unavailable", "/claims/" + std::to_string(id));
  }
}

// "2026-11-19T10:15:00Z" → "10:15 UTC" (times are stored in UTC; the page says so).
std::string ClockTime(std::string_view timestamp) {
  if (timestamp.size() < 16) return std::string(timestamp);
  return std::string(timestamp.substr(11, 5)) + " UTC";
}

}  // namespace

http::Response OfferPage(const PageContext& ctx, const NewOffer& offer, const OfferPageText& text) {
  const std::string link = oid4vc::CredentialOfferLinkByReference(offer.offer_uri);
  auto svg = http::QrCodeSvg(link, http::QrOptions{.title = Message(ctx.language, "col_qr_label"),
                                                   .size_px = 0,
                                                   .css_class = "qr-code"});
  if (!svg) return http::Response::Text(500, "internal error rendering the page\n");
  data d{data::type::object};
  d.set("skill", text.skill);
  d.set("level", text.level);
  if (!text.person.empty()) d.set("person", text.person);
  d.set("qr_svg", std::move(*svg));
  d.set("offer_link", link);
  if (!text.web_wallet.empty()) d.set("web_wallet_href", text.web_wallet + "/collect?offer=" + http::FormEncode(link));
  d.set("pin", offer.tx_code);
  d.set("expires_at", offer.expires_at);
  d.set("expires_time", ClockTime(offer.expires_at));
  d.set("minutes", std::to_string(kOfferTtlSeconds / 60));
  d.set("new_code_action", text.new_code_action);
  data resend{data::type::list};
  for (const auto& [name, value] : text.resend_fields) {
    data field{data::type::object};
    field.set("name", name);
    field.set("value", value);
    resend.push_back(field);
  }
  d.set("resend", resend);
  d.set("back_href", text.back_href);
  d.set("back_label", text.back_label);
  http::Response r = PageResponse(ctx, "col_offer", std::move(d));
  // The PIN is on this page: no cache may keep it.
  r.AddHeader("Cache-Control", "no-store");
  return r;
}

void RegisterCollectPages(http::Router& router, IssuerApp& app) {
  const auto everyone = {Role::kEmployee, Role::kManager, Role::kHr, Role::kAdmin};

  router.Get("/claims/{id}/collect",
             page::ForRoles(app, everyone, [&app](http::Request& request, const AuthedRequest& authed) {
               const auto id = page::IdParam(request);
               if (!id) return NoticePage(app, request, authed, 404, "emp_not_found", "/claims");
               auto claim = OwnConfirmedClaim(app, authed.principal, *id);
               if (!claim) return ClaimRefused(app, request, authed, *id, claim.error());
               PageContext ctx = MakePageContext(app, request, &authed, "col_title");
               data d{data::type::object};
               d.set("id", std::to_string(*id));
               d.set("skill", SkillName(*claim, ctx.language));
               d.set("level", LevelText(claim->endorser_level, ctx.language));
               return PageResponse(ctx, "col_start", std::move(d));
             }));

  router.Post("/claims/{id}/collect",
              page::ForRoles(app, everyone, [&app](http::Request& request, const AuthedRequest& authed) {
                const auto id = page::IdParam(request);
                if (!id) return NoticePage(app, request, authed, 404, "emp_not_found", "/claims");
                if (!page::Form(request, kMaxCollectFormBytes)) {
                  return NoticePage(app, request, authed, 400, "form_expired", "/claims/" + std::to_string(*id));
                }
                auto claim = OwnConfirmedClaim(app, authed.principal, *id);
                if (!claim) return ClaimRefused(app, request, authed, *id, claim.error());
                auto offer = CreateOfferForClaim(app, authed.principal, *id);
                if (!offer) return ClaimRefused(app, request, authed, *id, offer.error());
                PageContext ctx = MakePageContext(app, request, &authed, "col_title");
                OfferPageText text{.skill = SkillName(*claim, ctx.language),
                                   .level = LevelText(claim->endorser_level, ctx.language),
                                   .person = "",
                                   .new_code_action = "/claims/" + std::to_string(*id) + "/collect",
                                   .resend_fields = {},
                                   .back_href = "/claims/" + std::to_string(*id),
                                   .back_label = Message(ctx.language, "col_back_to_skill"),
                                   .web_wallet = app.settings().web_wallet_url};
                return OfferPage(ctx, *offer, text);
              }));
}

}  // namespace vaardig::issuer
