// Collecting a credential in a wallet (DESIGN.md §2 flow 4, §5 OpenID4VCI; issue 7): the pages
// that hand an employee the Credential Offer of issuer/app/issuance.h.
//
//   GET  /claims/{id}/collect   for the owner of a confirmed claim: what will happen, and one POST
//                               button "Ophalen in je wallet". A GET never creates an offer.
//   POST /claims/{id}/collect   makes a new offer (CreateOfferForClaim: a previous unredeemed one
//                               for the claim is cancelled) and shows the offer page; posting again
//                               ("new code") makes another.
//
// The offer page (OfferPage, also used by HR's direct issuance in pages_credentials.h) shows the
// openid-credential-offer:// link by reference (OpenID4VCI §4.1.3) as a QR code and as a large
// button for a wallet on the same phone, the PIN (tx_code, §4.1.1) apart from them in large type
// with how to use it and never to share it, and the expiry. The pre-authorized code is only inside
// the offer JSON, fetched by the wallet; the PIN is on this POST response only, which is marked
// Cache-Control: no-store.
//
// Rights: the claim's owner only (anyone else: the 404 page, as for claims); POSTs need the
// session's CSRF token (field `csrf`).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/http/message.h"
#include "core/http/router.h"
#include "issuer/app/issuance.h"
#include "issuer/app/issuer_app.h"
#include "issuer/http/pages.h"

namespace vaardig::issuer {

void RegisterCollectPages(http::Router& router, IssuerApp& app);

struct OfferPageText {
  std::string skill;   // in the page language
  std::string level;   // in the page language
  std::string person;  // the employee's name when someone else (HR) made the offer; else empty
  std::string new_code_action;  // where the "new code" form posts
  std::vector<std::pair<std::string, std::string>> resend_fields;  // hidden fields of that form
  std::string back_href;
  std::string back_label;
  std::string web_wallet;  // settings.web_wallet_url: a hosted wallet to open with the offer; "" for none
};

// The offer page as a 200 HTML response with Cache-Control: no-store; a 500 page when the QR code
// or the page cannot be rendered.
[[nodiscard]] http::Response OfferPage(const PageContext& ctx, const NewOffer& offer, const OfferPageText& text);

}  // namespace vaardig::issuer
