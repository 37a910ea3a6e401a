// The collect pages (QR code, link, PIN) and the issued-credentials pages (revoke / suspend /
// unsuspend with a confirmation step, HR's direct issuance) through the issuer's real router with
// cookie sessions and CSRF, as a browser sends them: what each role may do, that a GET never makes
// an offer and the PIN is only on the POST result, that refusals change nothing, and escaping.
#include "issuer/http/pages_collect.h"

#include <gtest/gtest.h>

#include <string>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/offer.h"
#include "issuer/app/claims.h"
#include "issuer/app/issuance.h"
#include "issuer/app/key_vault.h"
#include "issuer/http/service.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::IsOk;
using testing::CountOf;

constexpr std::string_view kPublicUrl = "https://skills.gemeente-voorbeeld.example";

bool Contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

std::string HeaderOf(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

// The text of the element with class="pin" (the PIN on the offer page), empty when there is none.
std::string PinOnPage(const std::string& html) {
  const std::string open = "<p class=\"pin\" id=\"pin\">";
  const auto at = html.find(open);
  if (at == std::string::npos) return "";
  const auto end = html.find("</p>", at);
  return html.substr(at + open.size(), end - at - open.size());
}

// The href of the same-phone button on the offer page.
std::string LinkOnPage(const std::string& html) {
  const std::string open = "<a class=\"button wide\" href=\"";
  const auto at = html.find(open);
  if (at == std::string::npos) return "";
  const auto end = html.find('"', at + open.size());
  return html.substr(at + open.size(), end - at - open.size());
}

std::string Sha256Hex(std::string_view text) { return encoding::HexEncode(crypto::Sha256(AsBytes(text))); }

class PagesCollectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IssuerSettings settings;
    settings.public_url = std::string(kPublicUrl);
    settings.organisation_id = "https://gemeente-voorbeeld.example";
    app_ = testing::OpenTestApp(clock_, settings);
    ASSERT_NE(app_, nullptr);
    org_ = testing::SeedOrganisation(*app_);
    for (const auto& [name, principal] : org_.people) AddSession(name, principal.person_id);
    router_ = BuildIssuerRouter(*app_, nullptr);
  }

  // A session whose token is "token-<name>" and CSRF token "csrf-<name>".
  void AddSession(const std::string& name, std::int64_t person_id) {
    auto r = app_->db().Execute(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {Sha256Hex("token-" + name), person_id, "csrf-" + name, app_->Now(), app_->Now(),
         FormatUtc(testing::kSeedNow + 3600)});
    ASSERT_TRUE(IsOk(r));
  }

  http::Response Send(const std::string& who, http::Method method, const std::string& target, std::string body = "") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(IsOk(http::SetTarget(request, target)));
    if (!who.empty()) request.headers.emplace_back("cookie", "vaardig_session=token-" + who);
    if (!body.empty()) request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    return router_->Dispatch(request);
  }
  http::Response Get(const std::string& who, const std::string& target) { return Send(who, http::Method::kGet, target); }
  // A form POST; `csrf` "" sends none, "own" the person's token.
  http::Response Post(const std::string& who, const std::string& target,
                      std::vector<std::pair<std::string, std::string>> fields = {}, std::string csrf = "own") {
    if (csrf == "own") csrf = "csrf-" + who;
    if (!csrf.empty()) fields.insert(fields.begin(), {"csrf", csrf});
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + http::FormEncode(k) + "=" + http::FormEncode(v);
    return Send(who, http::Method::kPost, target, body);
  }

  // `who`'s klantgesprek claim confirmed by their manager at level 2.
  std::int64_t ConfirmedClaim(const std::string& who = "bob", const std::string& manager = "anna") {
    auto claim = CreateClaim(*app_, org_[who], NewClaim{.skill_id = "klantgesprek", .self_level = 3, .note = "", .frequency = ""});
    EXPECT_TRUE(IsOk(claim));
    auto request = RequestConfirmation(*app_, org_[who], claim ? claim->id : 0, std::nullopt, "");
    EXPECT_TRUE(IsOk(request));
    EXPECT_TRUE(IsOk(Confirm(*app_, vault_, org_[manager], request ? *request : 0, 2, "Goed")));
    return claim ? claim->id : 0;
  }

  // The wallet's first steps with what the offer page shows: the offer behind the link, then the
  // token for its pre-authorized code and the PIN. Returns the pre-authorized code ("" on failure).
  std::string RedeemFromPage(const std::string& html) {
    auto link = oid4vc::ParseCredentialOfferLink(LinkOnPage(html));
    EXPECT_TRUE(IsOk(link));
    if (!link || !link->offer_uri) return "";
    const std::string prefix = std::string(kPublicUrl) + "/credential-offer/";
    EXPECT_TRUE(link->offer_uri->starts_with(prefix)) << *link->offer_uri;
    auto offer = GetOfferJson(*app_, link->offer_uri->substr(prefix.size()));
    EXPECT_TRUE(IsOk(offer));
    if (!offer) return "";
    const std::string code =
        (*offer)["grants"]["urn:ietf:params:oauth:grant-type:pre-authorized_code"]["pre-authorized_code"];
    auto grant = RedeemPreAuthorizedCode(*app_, code, PinOnPage(html));
    EXPECT_TRUE(grant.has_value()) << (grant ? "" : grant.error().description);
    return grant ? code : "";
  }

  // Runs the wallet's side for `offer` (token, then the SD-JWT VC) and returns the credential id.
  std::string Collect(const NewOffer& offer) {
    auto grant = RedeemPreAuthorizedCode(*app_, offer.pre_authorized_code, offer.tx_code);
    EXPECT_TRUE(grant.has_value());
    if (!grant) return "";
    auto nonce = CreateNonce(*app_, vault_);
    EXPECT_TRUE(nonce.has_value());
    auto checked = CheckNonce(*app_, vault_, nonce ? *nonce : "");
    EXPECT_TRUE(checked.has_value());
    if (!checked) return "";
    auto issued = IssueCredential(*app_, vault_, grant->access_token, kSkillSdJwtConfiguration,
                                  HolderKey{holder_.public_jwk(), std::nullopt}, *checked);
    EXPECT_TRUE(issued.has_value());
    return issued ? issued->credential_id : "";
  }
  std::string IssuedTo(const std::string& who) {
    auto offer = CreateOfferForClaim(*app_, org_[who], ConfirmedClaim(who, who == "dora" ? "carl" : "anna"));
    EXPECT_TRUE(IsOk(offer));
    return offer ? Collect(*offer) : "";
  }

  std::string CredentialState(const std::string& id) {
    auto row = app_->db().QueryOne("SELECT state || '|' || state_reason FROM credentials WHERE id = ?", {id});
    return row && *row ? (*row)->Text(0) : "";
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(testing::kSeedNow);
  std::unique_ptr<IssuerApp> app_;
  testing::SeededOrg org_;
  std::unique_ptr<http::Router> router_;
  KeyVault vault_ = *KeyVault::FromKey(crypto::RandomSecret(kKekSize));
  jose::PrivateJwk holder_ = *jose::PrivateJwk::Generate(jose::Algorithm::kEs256);
};

TEST_F(PagesCollectTest, ConfirmedClaimPageHasTheCollectButtonAndAGetMakesNoOffer) {
  const std::int64_t id = ConfirmedClaim();
  const std::string action = "action=\"/claims/" + std::to_string(id) + "/collect\"";
  http::Response claim = Get("bob", "/claims/" + std::to_string(id));
  ASSERT_EQ(claim.status, 200);
  EXPECT_TRUE(Contains(claim.body, action));
  EXPECT_TRUE(Contains(claim.body, "Ophalen in je wallet</button>"));

  http::Response start = Get("bob", "/claims/" + std::to_string(id) + "/collect");
  ASSERT_EQ(start.status, 200);
  EXPECT_TRUE(Contains(start.body, "<form method=\"post\" " + action));
  EXPECT_TRUE(Contains(start.body, "name=\"csrf\" value=\"csrf-bob\""));
  EXPECT_EQ(PinOnPage(start.body), "");
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers"), 0);

  // A claim that is not confirmed has no button, and its collect page says why.
  auto blue = CreateClaim(*app_, org_["bob"], NewClaim{.skill_id = "archiveren", .self_level = 1, .note = "", .frequency = ""});
  ASSERT_TRUE(IsOk(blue));
  EXPECT_FALSE(Contains(Get("bob", "/claims/" + std::to_string(blue->id)).body, "/collect"));
  http::Response refused = Post("bob", "/claims/" + std::to_string(blue->id) + "/collect");
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Contains(refused.body, "Deze vaardigheid is nog niet bevestigd."));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers"), 0);
}

TEST_F(PagesCollectTest, PostShowsQrLinkAndPinApartWithExpiryAndNoStore) {
  const std::int64_t id = ConfirmedClaim();
  http::Response r = Post("bob", "/claims/" + std::to_string(id) + "/collect");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-store");
  const std::string link = LinkOnPage(r.body);
  EXPECT_TRUE(link.starts_with("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fskills."));
  EXPECT_TRUE(Contains(r.body, "<div class=\"qr\"><svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(Contains(r.body, "role=\"img\" aria-label=\"QR-code om je bewijs op te halen in je wallet\""));
  // The PIN: six digits under its own heading, apart from the QR code and the link.
  const std::string pin = PinOnPage(r.body);
  ASSERT_EQ(pin.size(), 6u);
  EXPECT_EQ(pin.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_GT(r.body.find("<h2 id=\"pin-heading\">2. Je pincode</h2>"), r.body.find("<div class=\"qr\">"));
  EXPECT_TRUE(Contains(r.body, "Deel je pincode nooit met iemand anders."));
  EXPECT_FALSE(Contains(link, pin));
  // Expiry: 15 minutes from now, in UTC.
  const std::string expires = FormatUtc(testing::kSeedNow + kOfferTtlSeconds);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers WHERE expires_at = '" + expires + "'"), 1);
  EXPECT_TRUE(Contains(r.body, "<time datetime=\"" + expires + "\">" + expires.substr(11, 5) + " UTC</time> (15 minuten)"));
  // The link and the PIN on the page buy a token; the pre-authorized code itself is never on the page.
  const std::string code = RedeemFromPage(r.body);
  ASSERT_FALSE(code.empty());
  EXPECT_FALSE(Contains(r.body, code));
}

TEST_F(PagesCollectTest, NewCodeReplacesTheOfferAndThePinIsOnlyOnThePostResult) {
  const std::int64_t id = ConfirmedClaim();
  const std::string collect = "/claims/" + std::to_string(id) + "/collect";
  const std::string first = PinOnPage(Post("bob", collect).body);
  http::Response again = Post("bob", collect);
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(Contains(again.body, "Nieuwe code maken</button>"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers WHERE state = 'cancelled'"), 1);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers WHERE state = 'offered'"), 1);
  const std::string pin = PinOnPage(again.body);
  ASSERT_EQ(pin.size(), 6u);
  for (const std::string& target : {"/claims/" + std::to_string(id), collect, std::string("/claims"), std::string("/")}) {
    http::Response page = Get("bob", target);
    EXPECT_EQ(page.status, 200) << target;
    EXPECT_EQ(PinOnPage(page.body), "") << target;
    EXPECT_FALSE(Contains(page.body, ">" + pin + "<")) << target;
  }
  EXPECT_NE(first, "");
}

TEST_F(PagesCollectTest, OnlyTheOwnerCanCollectAndPostsNeedCsrf) {
  const std::int64_t id = ConfirmedClaim();
  const std::string collect = "/claims/" + std::to_string(id) + "/collect";
  // Another employee, the confirming manager, HR: the 404 page, for GET and POST alike.
  for (const char* who : {"eva", "anna", "hanna"}) {
    EXPECT_EQ(Get(who, collect).status, 404) << who;
    http::Response r = Post(who, collect);
    EXPECT_EQ(r.status, 404) << who;
    EXPECT_EQ(PinOnPage(r.body), "") << who;
  }
  // No session: to the login page. No or a wrong CSRF token: 403.
  EXPECT_EQ(HeaderOf(Send("", http::Method::kPost, collect, "csrf=csrf-bob"), "Location"), "/login");
  EXPECT_EQ(Post("bob", collect, {}, "").status, 403);
  EXPECT_EQ(Post("bob", collect, {}, "csrf-eva").status, 403);
  EXPECT_EQ(Get("bob", "/claims/0/collect").status, 404);
  EXPECT_EQ(Get("bob", "/claims/x1/collect").status, 404);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers"), 0);
}

TEST_F(PagesCollectTest, CredentialListShowsWhatEachRoleMayManage) {
  const std::string bobs = IssuedTo("bob");
  const std::string doras = IssuedTo("dora");
  ASSERT_FALSE(bobs.empty() || doras.empty());
  http::Response hr = Get("hanna", "/issued");
  ASSERT_EQ(hr.status, 200);
  EXPECT_TRUE(Contains(hr.body, "value=\"" + bobs + "\""));
  EXPECT_TRUE(Contains(hr.body, "value=\"" + doras + "\""));
  EXPECT_TRUE(Contains(hr.body, "<span class=\"cred-state valid\">Geldig</span>"));
  EXPECT_TRUE(Contains(hr.body, "href=\"/issued/new\""));
  // Anna confirmed Bob's skill, not Dora's.
  http::Response anna = Get("anna", "/issued");
  ASSERT_EQ(anna.status, 200);
  EXPECT_TRUE(Contains(anna.body, "value=\"" + bobs + "\""));
  EXPECT_FALSE(Contains(anna.body, doras));
  EXPECT_FALSE(Contains(anna.body, "/issued/new"));
  EXPECT_EQ(Get("bob", "/issued").status, 403);
  EXPECT_EQ(Get("bob", "/issued/new").status, 403);
  EXPECT_EQ(Get("anna", "/issued/new").status, 403);
}

TEST_F(PagesCollectTest, RevokeNeedsAReasonAndAConfirmationStep) {
  const std::string id = IssuedTo("bob");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "revoke"}, {"reason", "  "}}).status, 400);
  EXPECT_EQ(Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "delete"}, {"reason", "x"}}).status, 400);
  EXPECT_EQ(Post("hanna", "/issued/status",
                 {{"credential_id", id}, {"action", "revoke"}, {"reason", "Fout"}, {"confirm", "yes"}}, "")
                .status,
            403);
  // Step 1 changes nothing and asks.
  http::Response ask = Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "revoke"}, {"reason", "Per ongeluk"}});
  ASSERT_EQ(ask.status, 200);
  EXPECT_TRUE(Contains(ask.body, "Weet je zeker dat je dit bewijs wilt intrekken?"));
  EXPECT_TRUE(Contains(ask.body, "Intrekken is definitief."));
  EXPECT_TRUE(Contains(ask.body, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"));
  EXPECT_EQ(CredentialState(id), "valid|");
  // Step 2 revokes, audited.
  http::Response done =
      Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "revoke"}, {"reason", "Per ongeluk"}, {"confirm", "yes"}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(HeaderOf(done, "Location"), "/issued?done=revoke");
  EXPECT_EQ(CredentialState(id), "revoked|Per ongeluk");
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'credential.revoke'"), 1);
  http::Response list = Get("hanna", "/issued?done=revoke");
  EXPECT_TRUE(Contains(list.body, "Het bewijs is ingetrokken."));
  EXPECT_TRUE(Contains(list.body, "<span class=\"cred-state revoked\">Ingetrokken</span>"));
  EXPECT_FALSE(Contains(list.body, "value=\"" + id + "\""));  // final: no more forms
  // Revocation is final.
  EXPECT_EQ(Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "unsuspend"}, {"reason", "x"}}).status, 409);
  // The employee sees it on their skills page, with the reason.
  http::Response mine = Get("bob", "/claims");
  EXPECT_TRUE(Contains(mine.body, "Mijn bewijzen in de wallet"));
  EXPECT_TRUE(Contains(mine.body, "<span class=\"cred-state revoked\">Ingetrokken</span>"));
  EXPECT_TRUE(Contains(mine.body, "Per ongeluk"));
}

TEST_F(PagesCollectTest, ManagerSuspendsAndUnsuspendsOnlyWhatTheyConfirmed) {
  const std::string id = IssuedTo("bob");
  ASSERT_FALSE(id.empty());
  auto change = [&](const std::string& who, const std::string& action) {
    return Post(who, "/issued/status", {{"credential_id", id}, {"action", action}, {"reason", "Onderzoek"}, {"confirm", "yes"}});
  };
  // Carl did not confirm it, Bob is an employee: nothing changes.
  EXPECT_EQ(change("carl", "revoke").status, 404);
  EXPECT_EQ(change("bob", "revoke").status, 403);
  EXPECT_EQ(CredentialState(id), "valid|");
  EXPECT_EQ(change("anna", "unsuspend").status, 409);
  EXPECT_EQ(change("anna", "suspend").status, 303);
  EXPECT_EQ(CredentialState(id), "suspended|Onderzoek");
  EXPECT_EQ(change("anna", "suspend").status, 409);
  EXPECT_EQ(change("anna", "unsuspend").status, 303);
  EXPECT_EQ(CredentialState(id).substr(0, 6), "valid|");
  EXPECT_EQ(Post("anna", "/issued/status", {{"credential_id", "urn:uuid:unknown"}, {"action", "revoke"}, {"reason", "x"}}).status,
            404);
}

TEST_F(PagesCollectTest, HrIssuesDirectlyAndGetsTheOfferPage) {
  http::Response form = Get("hanna", "/issued/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Contains(form.body, "<option value=\"klantgesprek\">Klantgesprek voeren</option>"));
  std::vector<std::pair<std::string, std::string>> fields = {
      {"employee_number", "E001"}, {"skill_id", "archiveren"}, {"level", "3"}, {"confirmed_by", "M001"}};
  EXPECT_EQ(Post("bob", "/issued/new", fields).status, 403);
  EXPECT_EQ(Post("hanna", "/issued/new", fields, "").status, 403);
  auto bad = fields;
  bad[0].second = "E999";
  http::Response unknown = Post("hanna", "/issued/new", bad);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(Contains(unknown.body, "Onbekende medewerker, vaardigheid of bevestiger."));
  EXPECT_TRUE(Contains(unknown.body, "value=\"E999\""));
  bad = fields;
  bad[2].second = "4";
  EXPECT_EQ(Post("hanna", "/issued/new", bad).status, 400);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers"), 0);

  http::Response r = Post("hanna", "/issued/new", fields);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-store");
  EXPECT_TRUE(Contains(r.body, "<strong>Archiveren</strong> · Kan het anderen leren · Bob Bakker (E001)"));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM credential_offers WHERE claim_id IS NULL"), 1);
  EXPECT_FALSE(RedeemFromPage(r.body).empty());
  // "New code" posts the same fields again.
  EXPECT_TRUE(Contains(r.body, "<form method=\"post\" action=\"/issued/new\" class=\"stack\">"));
  EXPECT_TRUE(Contains(r.body, "<input type=\"hidden\" name=\"confirmed_by\" value=\"M001\">"));
}

TEST_F(PagesCollectTest, UserDataIsEscaped) {
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE skills SET name_nl = '<img src=x onerror=alert(1)>' WHERE id = 'klantgesprek'")));
  const std::int64_t claim = ConfirmedClaim();
  http::Response collect = Post("bob", "/claims/" + std::to_string(claim) + "/collect");
  ASSERT_EQ(collect.status, 200);
  EXPECT_FALSE(Contains(collect.body, "<img src=x"));
  EXPECT_TRUE(Contains(collect.body, "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>"));
  auto offer = CreateOfferForClaim(*app_, org_["bob"], claim);
  ASSERT_TRUE(IsOk(offer));
  const std::string id = Collect(*offer);
  ASSERT_FALSE(id.empty());
  const std::string evil = "<script>alert(\"x\")</script>";
  ASSERT_EQ(Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "suspend"}, {"reason", evil}, {"confirm", "yes"}}).status,
            303);
  for (const auto& [who, target] : {std::pair{"hanna", "/issued"}, std::pair{"bob", "/claims"}}) {
    http::Response r = Get(who, target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_FALSE(Contains(r.body, "<script>")) << target;
    EXPECT_FALSE(Contains(r.body, "<img src=x")) << target;
    EXPECT_TRUE(Contains(r.body, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")) << target;
    EXPECT_TRUE(Contains(r.body, "&lt;img src=x onerror=alert(1)&gt;")) << target;
  }
  http::Response confirm = Post("hanna", "/issued/status", {{"credential_id", id}, {"action", "unsuspend"}, {"reason", evil}});
  EXPECT_FALSE(Contains(confirm.body, "<script>"));
  EXPECT_TRUE(Contains(confirm.body, "name=\"reason\" value=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\""));
}

}  // namespace
}  // namespace vaardig::issuer
