#include "issuer/app/accounts.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
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

constexpr std::string_view kBobPassword = "groene-klaver-2026";
constexpr std::string_view kBobEmail = "bob@gemeente-voorbeeld.example";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override { Open({}); }
  void Open(IssuerSettings settings) {
    settings.password_strength = crypto::PasswordStrength::kInteractive;
    settings.login_max_failures = 3;
    settings.login_window = std::chrono::seconds(900);
    settings.session_idle_timeout = std::chrono::seconds(600);
    settings.session_max_age = std::chrono::seconds(1800);
    app_ = OpenTestApp(clock_, settings);
    ASSERT_NE(app_, nullptr);
    org_ = SeedOrganisation(*app_);
    ASSERT_TRUE(IsOk(SetPassword(*app_, org_["bob"], org_["bob"].person_id, kBobPassword)));
  }
  Result<LoginResult> LoginBob(std::string_view password = kBobPassword, std::string_view address = "10.0.0.1") {
    return Login(*app_, kBobEmail, password, address);
  }

  std::shared_ptr<FixedClock> clock_ = std::make_shared<FixedClock>(kSeedNow);
  std::unique_ptr<IssuerApp> app_;
  SeededOrg org_;
};

TEST_F(AccountsTest, LoginGivesSessionAndStoresOnlyTheTokenHash) {
  auto login = LoginBob();
  ASSERT_TRUE(IsOk(login));
  EXPECT_EQ(login->principal.person_id, org_["bob"].person_id);
  EXPECT_EQ(login->principal.role, Role::kEmployee);
  EXPECT_EQ(login->language, "nl");
  EXPECT_EQ(login->session_token.size(), 43u);  // 32 bytes, base64url
  EXPECT_EQ(login->csrf_token.size(), 43u);
  EXPECT_NE(login->session_token, login->csrf_token);
  const std::string expected_hash = encoding::HexEncode(crypto::Sha256(AsBytes(login->session_token)));
  auto row = app_->db().QueryOne("SELECT token_hash, expires_at FROM sessions");
  ASSERT_TRUE(IsOk(row));
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Text(0), expected_hash);
  EXPECT_EQ((*row)->Text(1), FormatUtc(kSeedNow + 1800));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.login'"), 1);
  auto session = Authenticate(*app_, login->session_token);
  ASSERT_TRUE(IsOk(session));
  EXPECT_EQ(session->principal.name, "Bob Bakker");
  EXPECT_EQ(session->csrf_token, login->csrf_token);
}

TEST_F(AccountsTest, EmailIsMatchedWithoutRegardToCase) {
  EXPECT_TRUE(IsOk(Login(*app_, "Bob@Gemeente-Voorbeeld.example", kBobPassword, "10.0.0.1")));
}

TEST_F(AccountsTest, UnknownEmailWrongPasswordAndNoPasswordAnswerAlike) {
  auto wrong = LoginBob("not-the-password-1");
  auto unknown = Login(*app_, "nobody@gemeente-voorbeeld.example", kBobPassword, "10.0.0.2");
  auto no_password = Login(*app_, "eva@gemeente-voorbeeld.example", kBobPassword, "10.0.0.3");
  for (const auto* r : {&wrong, &unknown, &no_password}) {
    ASSERT_TRUE(FailsWith(*r, ErrorCode::kUnauthenticated));
    EXPECT_EQ(r->error().message(), "wrong e-mail address or password");
  }
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM sessions"), 0);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.login_failed'"), 3);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE details LIKE '%not-the-password%'"), 0);
}

TEST_F(AccountsTest, InactivePersonCannotLogIn) {
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE people SET active = 0 WHERE id = ?", {org_["bob"].person_id})));
  auto login = LoginBob();
  ASSERT_TRUE(FailsWith(login, ErrorCode::kUnauthenticated));
  EXPECT_EQ(login.error().message(), "wrong e-mail address or password");
}

TEST_F(AccountsTest, DeactivatingAPersonEndsTheirSessions) {
  auto login = LoginBob();
  ASSERT_TRUE(IsOk(login));
  ASSERT_TRUE(IsOk(app_->db().Execute("UPDATE people SET active = 0 WHERE id = ?", {org_["bob"].person_id})));
  EXPECT_TRUE(FailsWith(Authenticate(*app_, login->session_token), ErrorCode::kUnauthenticated));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(AccountsTest, OverlongEmailIsRejected) {
  EXPECT_TRUE(FailsWith(Login(*app_, std::string(400, 'a') + "@x.example", kBobPassword, "10.0.0.1"),
                        ErrorCode::kInvalidArgument));
}

TEST_F(AccountsTest, RateLimitPerEmailThenSuccessAfterTheWindow) {
  // Failures from three different addresses: only the e-mail key reaches the limit.
  for (std::string_view ip : {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
    EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", ip), ErrorCode::kUnauthenticated));
  }
  auto blocked = LoginBob(kBobPassword, "10.0.0.4");
  ASSERT_TRUE(FailsWith(blocked, ErrorCode::kResourceExhausted));
  EXPECT_EQ(blocked.error().message(), "too many failed logins; try again later");
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM sessions"), 0);
  clock_->Advance(899);
  EXPECT_TRUE(FailsWith(LoginBob(kBobPassword, "10.0.0.4"), ErrorCode::kResourceExhausted));
  clock_->Advance(1);
  EXPECT_TRUE(IsOk(LoginBob(kBobPassword, "10.0.0.4")));
}

TEST_F(AccountsTest, RateLimitPerClientAddress) {
  for (std::string_view who : {"x1@gemeente-voorbeeld.example", "x2@gemeente-voorbeeld.example",
                               "x3@gemeente-voorbeeld.example"}) {
    EXPECT_TRUE(FailsWith(Login(*app_, who, "whatever-password", "192.0.2.9"), ErrorCode::kUnauthenticated));
  }
  EXPECT_TRUE(FailsWith(LoginBob(kBobPassword, "192.0.2.9"), ErrorCode::kResourceExhausted));
  EXPECT_TRUE(IsOk(LoginBob(kBobPassword, "192.0.2.10")));
  clock_->Advance(901);
  EXPECT_TRUE(IsOk(LoginBob(kBobPassword, "192.0.2.9")));
}

TEST_F(AccountsTest, SuccessClearsTheAccountsFailures) {
  EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", "10.0.0.1"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", "10.0.0.2"), ErrorCode::kUnauthenticated));
  ASSERT_TRUE(IsOk(LoginBob(kBobPassword, "10.0.0.3")));
  EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", "10.0.0.4"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", "10.0.0.5"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(IsOk(LoginBob(kBobPassword, "10.0.0.6")));
}

TEST_F(AccountsTest, FailuresOlderThanTheWindowArePruned) {
  EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", "10.0.0.1"), ErrorCode::kUnauthenticated));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM login_failures"), 2);  // by e-mail and by address
  clock_->Advance(900);
  EXPECT_TRUE(FailsWith(LoginBob("wrong-password-123", "10.0.0.1"), ErrorCode::kUnauthenticated));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM login_failures"), 2);
}

TEST_F(AccountsTest, IdleSessionExpiresAndIsDeleted) {
  auto login = LoginBob();
  ASSERT_TRUE(IsOk(login));
  clock_->Advance(600);
  EXPECT_TRUE(IsOk(Authenticate(*app_, login->session_token)));  // exactly at the limit: still valid
  clock_->Advance(601);
  EXPECT_TRUE(FailsWith(Authenticate(*app_, login->session_token), ErrorCode::kUnauthenticated));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(AccountsTest, ActiveSessionStillEndsAtItsMaximumAge) {
  auto login = LoginBob();
  ASSERT_TRUE(IsOk(login));
  for (int i = 0; i < 3; ++i) {
    clock_->Advance(500);
    ASSERT_TRUE(IsOk(Authenticate(*app_, login->session_token))) << i;  // 500, 1000, 1500
  }
  clock_->Advance(299);
  EXPECT_TRUE(IsOk(Authenticate(*app_, login->session_token)));  // 1799
  clock_->Advance(1);
  EXPECT_TRUE(FailsWith(Authenticate(*app_, login->session_token), ErrorCode::kUnauthenticated));
}

TEST_F(AccountsTest, LogoutEndsTheSession) {
  auto login = LoginBob();
  ASSERT_TRUE(IsOk(login));
  ASSERT_TRUE(IsOk(Logout(*app_, login->session_token)));
  EXPECT_TRUE(FailsWith(Authenticate(*app_, login->session_token), ErrorCode::kUnauthenticated));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.logout'"), 1);
  EXPECT_TRUE(IsOk(Logout(*app_, login->session_token)));  // again: nothing to do
}

TEST_F(AccountsTest, UnknownAndMalformedTokensAreUnauthenticated) {
  for (const std::string& token : {std::string(), std::string("abc"), std::string(500, 'A')}) {
    auto r = Authenticate(*app_, token);
    ASSERT_TRUE(FailsWith(r, ErrorCode::kUnauthenticated));
    EXPECT_EQ(r.error().message(), "not signed in or the session has expired");
  }
}

TEST_F(AccountsTest, SetPasswordRights) {
  // An employee may not set someone else's password; HR may.
  EXPECT_TRUE(FailsWith(SetPassword(*app_, org_["bob"], org_["eva"].person_id, "een-goed-wachtwoord"),
                        ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(SetPassword(*app_, org_["anna"], org_["eva"].person_id, "een-goed-wachtwoord"),
                        ErrorCode::kPermissionDenied));
  ASSERT_TRUE(IsOk(SetPassword(*app_, org_["hanna"], org_["eva"].person_id, "een-goed-wachtwoord")));
  EXPECT_TRUE(IsOk(Login(*app_, "eva@gemeente-voorbeeld.example", "een-goed-wachtwoord", "10.0.0.1")));
  EXPECT_TRUE(
      FailsWith(SetPassword(*app_, org_["hanna"], 99999, "een-goed-wachtwoord"), ErrorCode::kNotFound));
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_set'"), 2);
  EXPECT_EQ(CountOf(*app_, "SELECT COUNT(*) FROM audit_log WHERE details LIKE '%wachtwoord%'"), 0);
}

TEST_F(AccountsTest, SetPasswordAppliesThePolicy) {
  struct Case {
    std::string password;
    ErrorCode code;
  };
  for (const Case& c : {Case{"kort", ErrorCode::kInvalidArgument},
                        Case{std::string(20, 'a'), ErrorCode::kInvalidArgument},
                        Case{"\xff\xfe-bad-utf8-password", ErrorCode::kInvalidArgument},
                        Case{std::string(2000, 'x') + "y", ErrorCode::kResourceExhausted}}) {
    EXPECT_TRUE(FailsWith(SetPassword(*app_, org_["bob"], org_["bob"].person_id, c.password), c.code))
        << c.password.substr(0, 20);
  }
  // The old password still works.
  EXPECT_TRUE(IsOk(LoginBob()));
}

}  // namespace
}  // namespace vaardig::issuer
