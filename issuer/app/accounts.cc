#include "issuer/app/accounts.h"

#include <mutex>

#include "core/crypto/hash.h"
#include "core/crypto/password.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"

namespace vaardig::issuer {

namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kMaxTokenChars = 128;
constexpr std::string_view kNoSession = "not signed in or the session has expired";

std::string RandomToken() {
  const Bytes bytes = crypto::RandomBytes(kTokenBytes);
  return encoding::Base64UrlEncode(bytes);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A hash of a random password, so that an unknown e-mail costs the same verification as a wrong
// password and response times do not tell which accounts exist.
const std::string& DummyHash(crypto::PasswordStrength strength) {
  static std::mutex mu;
  static std::string moderate;
  static std::string interactive;
  std::lock_guard lock(mu);
  std::string& slot = strength == crypto::PasswordStrength::kModerate ? moderate : interactive;
  if (slot.empty()) {
    auto hash = crypto::HashPassword(RandomToken(), strength);
    if (hash) slot = *hash;
  }
  return slot;
}

Result<std::int64_t> CountFailures(store::Database& db, const std::string& key, const std::string& since) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne(
      "SELECT COUNT(*) FROM login_failures WHERE rate_key = ? AND at > ?", {key, since}));
  return row ? row->Int(0) : 0;
}

}  // namespace

Result<Principal> LoadPrincipal(store::Database& db, std::int64_t person_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne(
      "SELECT id, employee_number, name, role, team_id FROM people WHERE id = ? AND active = 1",
      {person_id}));
  if (!row) return Fail(ErrorCode::kNotFound, "person " + std::to_string(person_id) + " not found");
  VAARDIG_ASSIGN_OR_RETURN(Role role, ParseRole(row->Text("role")));
  return Principal{.person_id = row->Int("id"),
                   .employee_number = row->Text("employee_number"),
                   .name = row->Text("name"),
                   .role = role,
                   .team_id = row->OptInt("team_id")};
}

Result<std::string> AccountLanguage(store::Database& db, std::int64_t person_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT language FROM accounts WHERE person_id = ?", {person_id}));
  return row ? row->Text(0) : std::string("nl");
}

Status SetPassword(IssuerApp& app, const Principal& actor, std::int64_t person_id,
                   std::string_view password) {
  if (actor.person_id != person_id && !actor.IsHrOrAdmin()) {
    return Fail(ErrorCode::kPermissionDenied, "only HR or an administrator may set another person's password");
  }
  VAARDIG_RETURN_IF_ERROR(crypto::CheckPasswordPolicy(password));
  VAARDIG_ASSIGN_OR_RETURN(Principal target, LoadPrincipal(app.db(), person_id));
  // HR setting an administrator's password could then sign in as that administrator.
  if (target.role == Role::kAdmin && actor.person_id != person_id && actor.role != Role::kAdmin) {
    return Fail(ErrorCode::kPermissionDenied, "only an administrator may set an administrator's password");
  }
  VAARDIG_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(password, app.settings().password_strength));
  const std::string now = app.Now();
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO accounts (person_id, password_hash, password_set_at, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash, "
        "password_set_at = excluded.password_set_at",
        {target.person_id, hash, now, now}));
    return AuditLog::Append(tx, app.clock(), actor.AuditActor(), "account.password_set",
                            target.AuditActor());
  });
}

Result<LoginResult> Login(IssuerApp& app, std::string_view email, std::string_view password,
                          std::string_view client_address) {
  if (email.size() > kMaxEmailBytes) {
    return Fail(ErrorCode::kInvalidArgument, "email is longer than " + std::to_string(kMaxEmailBytes) + " bytes");
  }
  const IssuerSettings& s = app.settings();
  const std::int64_t now_s = app.clock().NowSeconds();
  const std::string now = FormatUtc(now_s);
  const std::string since = FormatUtc(now_s - s.login_window.count());
  const std::string email_key = "email:" + Sha256Hex(Lower(email));
  const std::string address_key = "ip:" + std::string(client_address);

  VAARDIG_ASSIGN_OR_RETURN(std::int64_t by_email, CountFailures(app.db(), email_key, since));
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t by_address, CountFailures(app.db(), address_key, since));
  if (by_email >= s.login_max_failures || by_address >= s.login_max_failures) {
    return Fail(ErrorCode::kResourceExhausted, std::string(kTooManyFailures));
  }

  VAARDIG_ASSIGN_OR_RETURN(auto row, app.db().QueryOne(
      "SELECT p.id, a.password_hash FROM people p LEFT JOIN accounts a ON a.person_id = p.id "
      "WHERE lower(p.email) = ? AND p.active = 1", {Lower(email)}));
  const bool known = row && !row->IsNull(1);
  const std::string hash = known ? row->Text(1) : DummyHash(s.password_strength);
  const bool verified = crypto::VerifyPassword(hash, password) && known;

  if (!verified) {
    const std::string subject = row ? "person:" + std::to_string(row->Int(0)) : email_key;
    VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
      // Failures older than the window no longer count: drop them so the table stays small.
      VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM login_failures WHERE at <= ?", {since}));
      for (const std::string& key : {email_key, address_key}) {
        VAARDIG_RETURN_IF_ERROR(tx.Execute("INSERT INTO login_failures (rate_key, at) VALUES (?, ?)", {key, now}));
      }
      return AuditLog::Append(tx, app.clock(), "anonymous", "account.login_failed", subject);
    }));
    return Fail(ErrorCode::kUnauthenticated, std::string(kWrongCredentials));
  }

  const std::int64_t person_id = row->Int(0);
  VAARDIG_ASSIGN_OR_RETURN(Principal principal, LoadPrincipal(app.db(), person_id));
  VAARDIG_ASSIGN_OR_RETURN(std::string language, AccountLanguage(app.db(), person_id));
  LoginResult result{.session_token = RandomToken(), .csrf_token = RandomToken(),
                     .principal = std::move(principal), .language = std::move(language)};
  const std::string expires = FormatUtc(now_s + s.session_max_age.count());
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM login_failures WHERE rate_key = ?", {email_key}));
    VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM sessions WHERE expires_at <= ?", {now}));
    VAARDIG_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {Sha256Hex(result.session_token), person_id, result.csrf_token, now, now, expires}));
    return AuditLog::Append(tx, app.clock(), result.principal.AuditActor(), "account.login",
                            result.principal.AuditActor());
  }));
  return result;
}

Result<Session> Authenticate(IssuerApp& app, std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenChars) return Fail(ErrorCode::kUnauthenticated, std::string(kNoSession));
  const IssuerSettings& s = app.settings();
  const std::int64_t now_s = app.clock().NowSeconds();
  const std::string now = FormatUtc(now_s);
  const std::string idle_limit = FormatUtc(now_s - s.session_idle_timeout.count());
  const std::string token_hash = Sha256Hex(token);
  VAARDIG_ASSIGN_OR_RETURN(auto row, app.db().QueryOne(
      "SELECT person_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = ?", {token_hash}));
  if (!row) return Fail(ErrorCode::kUnauthenticated, std::string(kNoSession));
  if (row->Text("expires_at") <= now || row->Text("last_seen_at") < idle_limit) {
    VAARDIG_RETURN_IF_ERROR(app.db().Execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
    return Fail(ErrorCode::kUnauthenticated, std::string(kNoSession));
  }
  auto principal = LoadPrincipal(app.db(), row->Int("person_id"));
  if (!principal) {
    if (principal.error().code() != ErrorCode::kNotFound) return Fail(principal.error());
    VAARDIG_RETURN_IF_ERROR(app.db().Execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
    return Fail(ErrorCode::kUnauthenticated, std::string(kNoSession));
  }
  VAARDIG_RETURN_IF_ERROR(app.db().Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                                           {now, token_hash}));
  VAARDIG_ASSIGN_OR_RETURN(std::string language, AccountLanguage(app.db(), principal->person_id));
  return Session{.principal = std::move(*principal), .csrf_token = row->Text("csrf_token"),
                 .language = std::move(language)};
}

Status Logout(IssuerApp& app, std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenChars) return {};
  const std::string token_hash = Sha256Hex(token);
  return app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne(
        "DELETE FROM sessions WHERE token_hash = ? RETURNING person_id", {token_hash}));
    if (!row) return {};
    const std::string person = "person:" + std::to_string(row->Int(0));
    return AuditLog::Append(tx, app.clock(), person, "account.logout", person);
  });
}

}  // namespace vaardig::issuer
