// Local accounts of the issuer service (DESIGN.md §7): Argon2id passwords, sessions, login rate
// limits. The HTTP layer (issuer/http/auth.h) turns cookies and bearer tokens into a Session.
//
// Tokens: a session token is 32 random bytes, base64url, handed to the client once; the database
// keeps only its SHA-256 (hex) in sessions.token_hash, so a copy of the database opens no session.
// Each session has its own random CSRF token.
//
// Rate limiting: every failed login is recorded under "email:<sha256 of the lower-cased e-mail>"
// and "ip:<client address>". When either key has settings.login_max_failures failures within
// settings.login_window, Login answers resource_exhausted before it looks at the password. A
// successful login clears the account's e-mail key (not the address key).
//
// Thread-safety: the functions are free functions over IssuerApp; concurrency is the database's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/principal.h"

namespace vaardig::issuer {

inline constexpr std::string_view kWrongCredentials = "wrong e-mail address or password";
inline constexpr std::string_view kTooManyFailures = "too many failed logins; try again later";

// The signed-in person of an active people row. not_found when there is no such person or they
// are no longer active.
[[nodiscard]] Result<Principal> LoadPrincipal(store::Database& db, std::int64_t person_id);

// Sets `person_id`'s password (creating the account row when needed). Allowed for the person
// themselves and for hr/admin, but an administrator's only by an administrator (or themselves);
// permission_denied otherwise. The password must pass
// crypto::CheckPasswordPolicy. Hashed with settings.password_strength. Audited as
// "account.password_set" (never the password). Existing sessions of the person stay valid.
[[nodiscard]] Status SetPassword(IssuerApp& app, const Principal& actor, std::int64_t person_id,
                                 std::string_view password);

struct LoginResult {
  std::string session_token;  // for the cookie / bearer header; shown once, never stored
  std::string csrf_token;
  Principal principal;
  std::string language;  // "nl" or "en", from the account
};

// unauthenticated kWrongCredentials for an unknown e-mail, an inactive person, an account without
// a password and a wrong password alike (an unknown e-mail still costs one password verification);
// resource_exhausted kTooManyFailures over the rate limit; invalid_argument for an over-long e-mail.
// Audited as "account.login" / "account.login_failed".
[[nodiscard]] Result<LoginResult> Login(IssuerApp& app, std::string_view email,
                                        std::string_view password, std::string_view client_address);

struct Session {
  Principal principal;
  std::string csrf_token;
  std::string language;
};

// The session of `token`: unauthenticated "not signed in or the session has expired" when the
// token is unknown, past its maximum age, idle past settings.session_idle_timeout, or its person is
// no longer active (expired sessions are deleted). Refreshes last_seen_at.
[[nodiscard]] Result<Session> Authenticate(IssuerApp& app, std::string_view token);

// Ends the session of `token` (no error when there is none). Audited as "account.logout".
[[nodiscard]] Status Logout(IssuerApp& app, std::string_view token);

// The account's page language ("nl" or "en"); "nl" when there is no account row.
[[nodiscard]] Result<std::string> AccountLanguage(store::Database& db, std::int64_t person_id);

}  // namespace vaardig::issuer
