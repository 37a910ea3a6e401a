// The account API, the CSRF and role checks, and the account pages, through the issuer's Router.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/encoding/json.h"
#include "core/http/message.h"
#include "issuer/app/accounts.h"
#include "issuer/http/auth.h"
#include "issuer/http/pages.h"
#include "issuer/http/service.h"
#include "tests/crypto/test_util.h"
#include "tests/issuer/issuer_test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::FailsWith;
using crypto::testing::IsOk;
using testing::CountOf;
using testing::kSeedNow;
using testing::OpenTestApp;
using testing::SeedOrganisation;
using testing::SeededOrg;

constexpr std::string_view kPassword = "groene-klaver-2026";
constexpr std::string_view kPublicUrl = "https://skills.gemeente-voorbeeld.example";

std::vector<std::string> HeaderValues(const http::Response& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [n, v] : r.headers) {
    if (n == name) out.push_back(v);
  }
  return out;
}

// The value of cookie `name` set by the response, or "" when it sets none.
std::string SetCookie(const http::Response& r, std::string_view name) {
  const std::string prefix = std::string(name) + "=";
  for (const std::string& v : HeaderValues(r, "Set-Cookie")) {
    if (v.starts_with(prefix)) return v.substr(prefix.size(), v.find(';') - prefix.size());
  }
  return {};
}

std::string SetCookieLine(const http::Response& r, std::string_view name) {
  for (const std::string& v : HeaderValues(r, "Set-Cookie")) {
    if (v.starts_with(std::string(name) + "=")) return v;
  }
  return {};
}

class AuthHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IssuerSettings settings;
    settings.password_strength = crypto::PasswordStrength::kInteractive;
    settings.public_url = std::string(kPublicUrl);
    app_ = OpenTestApp(clock_, settings);
    ASSERT_NE(app_, nullptr);
    org_ = SeedOrganisation(*app_);
    for (const char* who : {"bob", "anna", "hanna"}) {
      ASSERT_TRUE(IsOk(SetPassword(*app_, org_["hanna"], org_[who].person_id, kPassword)));
    }
    router_ = BuildIssuerRouter(*app_, nullptr);
  }

  http::Response Send(http::Method method, std::string_view target, std::string body = {},
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(IsOk(http::SetTarget(request, target)));
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.remote_address = "10.1.2.3";
    return router_->Dispatch(request);
  }

  struct SignedIn {
    std::string token;
    std::string csrf;
  };
  SignedIn SignIn(const std::string& who) {
    http::Response r = Send(http::Method::kPost, "/api/session",
                            DumpJson(Json{{"email", who + "@gemeente-voorbeeld.example"}, {"password", kPassword}}),
                            {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = ParseJson(r.body);
    EXPECT_TRUE(IsOk(body));
    return {SetCookie(r, "vaardig_session"), body ? (*body)["csrf_token"].get<std::string>() : ""};
  }
  std::string PasswordHash(const std::string& who) {
    auto row = app_->db().QueryOne("SELECT IFNULL(password_hash, '') FROM accounts WHERE person_id = ?",
                                   {org_[who].person_id});
    return (row && *row) ? (*row)->Text(0) : "";
  }
  http::Response ChangePassword(const std::string& who, std::vector<std::pair<std::string, std::string>> headers) {
    headers.emplace_back("content-type", "application/json");
    return Send(http::Method::kPost, "/api/people/" + std::to_string(org_[who].person_id) + "/password",
                DumpJson(Json{{"password", "een-nieuw-wachtwoord"}}), std::move(headers));
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(kSeedNow);
  std::unique_ptr<IssuerApp> app_;
  SeededOrg org_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(AuthHttpTest, PostSessionSetsAHardenedCookie) {
  http::Response r = Send(http::Method::kPost, "/api/session",
                          R"({"email":"bob@gemeente-voorbeeld.example","password":"groene-klaver-2026"})",
                          {{"content-type", "application/json"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = SetCookieLine(r, "vaardig_session");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_EQ(SetCookie(r, "vaardig_session").size(), 43u);
  auto body = ParseJson(r.body);
  ASSERT_TRUE(IsOk(body));
  EXPECT_EQ((*body)["person"]["name"], "Bob Bakker");
  EXPECT_EQ((*body)["person"]["role"], "employee");
  EXPECT_EQ((*body)["csrf_token"].get<std::string>().size(), 43u);
}

TEST_F(AuthHttpTest, PostSessionFailuresLookAlike) {
  http::Response wrong = Send(http::Method::kPost, "/api/session",
                              R"({"email":"bob@gemeente-voorbeeld.example","password":"verkeerd-wachtwoord"})",
                              {{"content-type", "application/json"}});
  http::Response unknown = Send(http::Method::kPost, "/api/session",
                                R"({"email":"niemand@gemeente-voorbeeld.example","password":"verkeerd-wachtwoord"})",
                                {{"content-type", "application/json"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.status, unknown.status);
  EXPECT_NE(wrong.body.find("wrong e-mail address or password"), std::string::npos) << wrong.body;
  EXPECT_TRUE(HeaderValues(wrong, "Set-Cookie").empty());
}

TEST_F(AuthHttpTest, PostSessionRejectsBadBodies) {
  struct Case {
    std::string body;
    std::string content_type;
    std::string message;
  };
  for (const Case& c : {Case{R"({"email":"a@b.example"})", "application/json", "member \"password\" must be a string"},
                        Case{R"({"email":1,"password":"x"})", "application/json", "member \"email\" must be a string"},
                        Case{R"([1])", "application/json", "must be a JSON object"},
                        Case{"email=a", "application/x-www-form-urlencoded", "must be application/json"}}) {
    http::Response r = Send(http::Method::kPost, "/api/session", c.body, {{"content-type", c.content_type}});
    EXPECT_EQ(r.status, 400) << c.body;
    auto body = ParseJson(r.body);
    ASSERT_TRUE(IsOk(body));
    EXPECT_NE((*body)["error_description"].get<std::string>().find(c.message), std::string::npos) << r.body;
  }
}

TEST_F(AuthHttpTest, MeNeedsASession) {
  EXPECT_EQ(Send(http::Method::kGet, "/api/me").status, 401);
  SignedIn bob = SignIn("bob");
  http::Response r = Send(http::Method::kGet, "/api/me", {}, {{"cookie", "vaardig_session=" + bob.token}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = ParseJson(r.body);
  ASSERT_TRUE(IsOk(body));
  EXPECT_EQ((*body)["person"]["id"], org_["bob"].person_id);
  EXPECT_EQ((*body)["csrf_token"], bob.csrf);
}

TEST_F(AuthHttpTest, CookieWriteWithoutOrWithWrongCsrfIsForbiddenAndChangesNothing) {
  SignedIn bob = SignIn("bob");
  const std::string before = PasswordHash("bob");
  const std::string cookie = "vaardig_session=" + bob.token;
  const std::string wrong_csrf(bob.csrf.size(), 'A');
  for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"cookie", cookie}},
           {{"cookie", cookie}, {"x-csrf-token", wrong_csrf}},
           {{"cookie", cookie}, {"x-csrf-token", bob.csrf.substr(1)}},
           {{"cookie", cookie}, {"x-csrf-token", bob.csrf}, {"origin", "https://evil.example"}}}) {
    http::Response r = ChangePassword("bob", headers);
    EXPECT_EQ(r.status, 403) << r.body;
  }
  EXPECT_EQ(PasswordHash("bob"), before);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_set' "
                           "AND actor = 'person:" + std::to_string(org_["bob"].person_id) + "'"),
            0);
  http::Response ok = ChangePassword(
      "bob", {{"cookie", cookie}, {"x-csrf-token", bob.csrf}, {"origin", std::string(kPublicUrl)}});
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_NE(PasswordHash("bob"), before);
}

TEST_F(AuthHttpTest, BearerNeedsNoCsrf) {
  SignedIn bob = SignIn("bob");
  http::Response r = ChangePassword("bob", {{"authorization", "Bearer " + bob.token}});
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(ChangePassword("bob", {{"authorization", "Bearer nonsense"}}).status, 401);
}

TEST_F(AuthHttpTest, OnlyHrOrAdminSetAnotherPersonsPassword) {
  SignedIn bob = SignIn("bob");
  SignedIn anna = SignIn("anna");
  SignedIn hanna = SignIn("hanna");
  const std::string before = PasswordHash("bob");
  EXPECT_EQ(ChangePassword("eva", {{"authorization", "Bearer " + bob.token}}).status, 403);
  EXPECT_EQ(ChangePassword("bob", {{"authorization", "Bearer " + anna.token}}).status, 403);  // own manager
  EXPECT_EQ(PasswordHash("bob"), before);
  EXPECT_EQ(ChangePassword("bob", {{"authorization", "Bearer " + hanna.token}}).status, 204);
  EXPECT_NE(PasswordHash("bob"), before);
  http::Response missing = Send(http::Method::kPost, "/api/people/abc/password", R"({"password":"x"})",
                                {{"authorization", "Bearer " + hanna.token}, {"content-type", "application/json"}});
  EXPECT_EQ(missing.status, 404);
}

TEST_F(AuthHttpTest, PasswordPolicyErrorsReachTheClient) {
  SignedIn bob = SignIn("bob");
  http::Response r = Send(http::Method::kPost, "/api/people/" + std::to_string(org_["bob"].person_id) + "/password",
                          R"({"password":"kort"})",
                          {{"authorization", "Bearer " + bob.token}, {"content-type", "application/json"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("invalid_argument"), std::string::npos) << r.body;
}

TEST_F(AuthHttpTest, RequireRoleChecksTheRole) {
  AuthedRequest employee;
  employee.principal = org_["bob"];
  AuthedRequest hr;
  hr.principal = org_["hanna"];
  EXPECT_TRUE(FailsWith(RequireRole(employee, {Role::kManager, Role::kHr}), ErrorCode::kPermissionDenied));
  EXPECT_EQ(RequireRole(employee, {Role::kManager, Role::kHr}).error().message(),
            "this needs one of the roles: manager, hr");
  EXPECT_TRUE(IsOk(RequireRole(hr, {Role::kManager, Role::kHr})));
  EXPECT_TRUE(IsOk(RequireRole(employee, {Role::kEmployee})));
}

TEST_F(AuthHttpTest, DeleteSessionLogsOut) {
  SignedIn bob = SignIn("bob");
  const std::string cookie = "vaardig_session=" + bob.token;
  EXPECT_EQ(Send(http::Method::kDelete, "/api/session", {}, {{"cookie", cookie}}).status, 403);  // no CSRF
  http::Response r = Send(http::Method::kDelete, "/api/session", {}, {{"cookie", cookie}, {"x-csrf-token", bob.csrf}});
  EXPECT_EQ(r.status, 204);
  EXPECT_NE(SetCookieLine(r, "vaardig_session").find("Max-Age=0"), std::string::npos) << SetCookieLine(r, "vaardig_session");
  EXPECT_EQ(Send(http::Method::kGet, "/api/me", {}, {{"cookie", cookie}}).status, 401);
}

TEST_F(AuthHttpTest, LoginPageFlow) {
  http::Response page = Send(http::Method::kGet, "/login");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(page.body.find("Inloggen"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  const std::string pre = SetCookie(page, "vaardig_login_csrf");
  ASSERT_EQ(pre.size(), 43u);
  EXPECT_NE(page.body.find("value=\"" + pre + "\""), std::string::npos);

  const std::string form = "email=" + http::FormEncode("bob@gemeente-voorbeeld.example") +
                           "&password=" + http::FormEncode(kPassword);
  const std::pair<std::string, std::string> form_type{"content-type", "application/x-www-form-urlencoded"};
  // Without the pre-session cookie, with a wrong token, or from another origin: 403, no session.
  EXPECT_EQ(Send(http::Method::kPost, "/login", form + "&csrf=" + pre, {form_type}).status, 403);
  std::string bad = pre;
  bad[0] = bad[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Send(http::Method::kPost, "/login", form + "&csrf=" + bad,
                 {form_type, {"cookie", "vaardig_login_csrf=" + pre}}).status, 403);
  EXPECT_EQ(Send(http::Method::kPost, "/login", form + "&csrf=" + pre,
                 {form_type, {"cookie", "vaardig_login_csrf=" + pre}, {"origin", "https://evil.example"}}).status,
            403);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM sessions"), 0);

  http::Response wrong = Send(http::Method::kPost, "/login",
                              "email=bob%40gemeente-voorbeeld.example&password=fout-wachtwoord&csrf=" + pre,
                              {form_type, {"cookie", "vaardig_login_csrf=" + pre}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("E-mailadres of wachtwoord klopt niet."), std::string::npos);

  http::Response ok = Send(http::Method::kPost, "/login", form + "&csrf=" + pre,
                           {form_type, {"cookie", "vaardig_login_csrf=" + pre}, {"origin", std::string(kPublicUrl)}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(HeaderValues(ok, "Location"), std::vector<std::string>{"/"});
  const std::string session = SetCookie(ok, "vaardig_session");
  ASSERT_EQ(session.size(), 43u);

  http::Response home = Send(http::Method::kGet, "/", {}, {{"cookie", "vaardig_session=" + session}});
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Mijn vaardigheden"), std::string::npos);
  EXPECT_NE(home.body.find("Bob Bakker"), std::string::npos);
  EXPECT_NE(home.body.find("Medewerker"), std::string::npos);
  EXPECT_EQ(home.body.find("href=\"/audit\""), std::string::npos);  // not for employees
  auto me = Send(http::Method::kGet, "/api/me", {}, {{"cookie", "vaardig_session=" + session}});
  auto body = ParseJson(me.body);
  ASSERT_TRUE(IsOk(body));
  const std::string csrf = (*body)["csrf_token"].get<std::string>();

  // Logout needs the form's csrf field.
  EXPECT_EQ(Send(http::Method::kPost, "/logout", "", {form_type, {"cookie", "vaardig_session=" + session}}).status,
            403);
  http::Response out = Send(http::Method::kPost, "/logout", "csrf=" + csrf,
                            {form_type, {"cookie", "vaardig_session=" + session}});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(HeaderValues(out, "Location"), std::vector<std::string>{"/login"});
  EXPECT_EQ(Send(http::Method::kGet, "/", {}, {{"cookie", "vaardig_session=" + session}}).status, 303);
}

TEST_F(AuthHttpTest, HomeWithoutSessionRedirectsToLogin) {
  http::Response r = Send(http::Method::kGet, "/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(HeaderValues(r, "Location"), std::vector<std::string>{"/login"});
}

TEST_F(AuthHttpTest, NamesAreHtmlEscaped) {
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE people SET name = ? WHERE id = ?",
                                      {std::string("<script>alert(\"x\")</script> & Co"), org_["hanna"].person_id})));
  SignedIn hanna = SignIn("hanna");
  http::Response home = Send(http::Method::kGet, "/", {}, {{"cookie", "vaardig_session=" + hanna.token}});
  ASSERT_EQ(home.status, 200);
  EXPECT_EQ(home.body.find("<script>"), std::string::npos) << home.body;
  EXPECT_NE(home.body.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"), std::string::npos)
      << home.body;
  EXPECT_NE(home.body.find("href=\"/audit\""), std::string::npos);  // HR sees the HR links
}

TEST_F(AuthHttpTest, PageLanguage) {
  EXPECT_NE(Send(http::Method::kGet, "/login?lang=en").body.find("<html lang=\"en\">"), std::string::npos);
  http::Response en = Send(http::Method::kGet, "/login", {}, {{"accept-language", "en-GB,en;q=0.9,nl;q=0.5"}});
  EXPECT_NE(en.body.find("E-mail address"), std::string::npos);
  http::Response nl = Send(http::Method::kGet, "/login", {}, {{"accept-language", "de-DE, nl;q=0.8, en;q=0.5"}});
  EXPECT_NE(nl.body.find("E-mailadres"), std::string::npos);
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE accounts SET language = 'en' WHERE person_id = ?",
                                      {org_["bob"].person_id})));
  SignedIn bob = SignIn("bob");
  http::Response home = Send(http::Method::kGet, "/", {}, {{"cookie", "vaardig_session=" + bob.token}});
  EXPECT_NE(home.body.find("My skills"), std::string::npos);
  EXPECT_NE(home.body.find("Employee"), std::string::npos);
}

TEST_F(AuthHttpTest, StyleSheetIsServed) {
  http::Response r = Send(http::Method::kGet, "/static/vaardig.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_NE(r.body.find(":focus-visible"), std::string::npos);
  EXPECT_NE(r.body.find("min-height: 48px"), std::string::npos);
}

TEST_F(AuthHttpTest, RenderPageRejectsUnknownTemplates) {
  PageContext ctx;
  EXPECT_TRUE(FailsWith(RenderPage(ctx, "no-such-page", kainjow::mustache::data{}), ErrorCode::kNotFound));
}

}  // namespace
}  // namespace vaardig::issuer
