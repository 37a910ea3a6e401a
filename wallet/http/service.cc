#include "wallet/http/service.h"

#include <algorithm>
#include <utility>

#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "wallet/app/settings.h"
#include "wallet/http/pages.h"

namespace vaardig::wallet {
namespace {

constexpr std::size_t kMaxJsonBody = 64 * 1024;
constexpr std::size_t kMaxChoices = 32;

bool IsUnsafe(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch || m == http::Method::kDelete;
}

bool SameToken(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string OfferedCsrf(const http::Request& request) {
  if (auto h = request.Header("x-csrf-token")) return std::string(*h);
  if (request.MediaType() == "application/x-www-form-urlencoded") {
    if (auto form = http::ParseForm(request.body)) {
      if (auto v = http::FormValue(*form, "csrf")) return std::string(*v);
    }
  }
  return {};
}

http::Response NoStore(http::Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response Error(const vaardig::Error& error) { return http::ErrorResponse(error); }

// Too many failed attempts is 429 with Retry-After (the throttle's window), not 413; an over-long
// passphrase stays 413.
http::Response SignInError(const vaardig::Error& error, std::int64_t retry_after_seconds) {
  if (error.code() == ErrorCode::kResourceExhausted && error.message().starts_with(kTooManyAttempts)) {
    http::Response r = http::ErrorResponse(429, "too_many_attempts", error.message());
    r.AddHeader("Retry-After", std::to_string(retry_after_seconds));
    return r;
  }
  return http::ErrorResponse(error);
}

Result<Json> JsonBody(const http::Request& request, std::size_t max_bytes = kMaxJsonBody) {
  if (request.MediaType() != "application/json") {
    return Fail(ErrorCode::kInvalidArgument, "the request body must be application/json");
  }
  VAARDIG_ASSIGN_OR_RETURN(Json body, ParseJson(request.body, JsonLimits{.max_bytes = max_bytes, .max_depth = 8}));
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "the request body must be a JSON object");
  return body;
}

Result<std::string> StringMember(const Json& body, std::string_view name, std::size_t max_bytes = 16 * 1024) {
  auto it = body.find(std::string(name));
  if (it == body.end() || !it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(name) + "\" must be a string");
  }
  if (it->get_ref<const std::string&>().size() > max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "member \"" + std::string(name) + "\" is too long");
  }
  return it->get<std::string>();
}

Result<std::optional<std::string>> OptionalStringMember(const Json& body, std::string_view name) {
  auto it = body.find(std::string(name));
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  VAARDIG_ASSIGN_OR_RETURN(std::string value, StringMember(body, name));
  return std::optional<std::string>(std::move(value));
}

Json CollectJson(const CollectResult& result) {
  Json stored = Json::array();
  for (const CollectedCredential& c : result.stored) {
    stored.push_back({{"id", c.record_id}, {"configuration_id", c.configuration_id}, {"format", c.format},
                      {"issuer", c.issuer}, {"status", c.status}, {"name", c.name}});
  }
  Json skipped = Json::array();
  for (const SkippedConfiguration& s : result.skipped) {
    skipped.push_back({{"configuration_id", s.configuration_id}, {"reason", s.reason}});
  }
  return {{"credential_issuer", result.credential_issuer}, {"stored", std::move(stored)}, {"skipped", std::move(skipped)}};
}

}  // namespace

Json OpenedRequestJson(const OpenedPending& pending) {
  const OpenedRequest& opened = pending.opened;
  Json queries = Json::array();
  for (const QueryCandidates& q : opened.queries) {
    Json candidates = Json::array();
    for (const ShareCandidate& c : q.candidates) {
      candidates.push_back({{"record_id", c.record_id}, {"name", c.name}, {"format", c.format}, {"issuer", c.issuer},
                            {"shown", c.shown}, {"names_the_person", c.names_the_person}});
    }
    queries.push_back({{"query_id", q.query_id}, {"multiple", q.multiple}, {"candidates", std::move(candidates)}});
  }
  Json out{{"id", pending.id},
           {"verifier", opened.verifier},
           {"client_id", opened.request.client_id},
           {"response_uri", opened.request.response_uri},
           {"satisfiable", opened.satisfiable},
           {"queries", std::move(queries)},
           {"unmatched_queries", opened.unmatched_queries}};
  if (opened.verifier_name) out["verifier_name"] = *opened.verifier_name;
  return out;
}

std::string WalletSessionCookie(const WalletRouterOptions& options, std::string_view token) {
  http::CookieOptions cookie;
  cookie.secure = options.secure_cookies;
  cookie.http_only = true;
  cookie.same_site = "Lax";  // a verifier's link to /share is a top-level navigation: Lax sends the cookie
  if (token.empty()) cookie.max_age = std::chrono::seconds(0);
  return http::SetCookieValue(kWalletSessionCookie, token, cookie);
}

namespace {

// The session token a request carries: the cookie (`via_cookie` set), else a bearer token; empty
// when neither.
std::string SessionToken(const http::Request& request, bool* via_cookie) {
  if (auto cookie = request.Cookie(kWalletSessionCookie); cookie && !cookie->empty()) {
    *via_cookie = true;
    return std::move(*cookie);
  }
  if (auto header = request.Header("authorization"); header && header->starts_with("Bearer ")) {
    return std::string(header->substr(7));
  }
  return {};
}

}  // namespace

std::size_t WalletRequestBodyLimit(HostedWallet& wallet, const http::Request& head) {
  const std::size_t fallback = WalletBodyLimit("/");
  const std::size_t limit = WalletBodyLimit(head.path);
  if (limit <= fallback) return fallback;
  bool via_cookie = false;
  const std::string token = SessionToken(head, &via_cookie);
  return !token.empty() && wallet.Session(token) != nullptr ? limit : fallback;
}

RequestSession SessionOf(HostedWallet& wallet, const http::Request& request, bool unsafe,
                         const WalletRouterOptions& options) {
  RequestSession out;
  out.token = SessionToken(request, &out.via_cookie);
  if (out.token.empty()) return out;
  auto session = wallet.Session(out.token);
  if (!session) return out;
  if (unsafe && out.via_cookie) {
    const std::string expected_origin = http::OriginOf(options.public_url);
    auto origin = request.Header("origin");
    if (!SameToken(OfferedCsrf(request), session->csrf_token) ||
        (origin && !expected_origin.empty() && *origin != expected_origin)) {
      out.csrf_failed = true;
      return out;
    }
  }
  out.session = std::move(session);
  return out;
}

std::unique_ptr<http::Router> BuildWalletRouter(HostedWallet& wallet, std::function<std::string()> server_metrics,
                                                WalletRouterOptions options) {
  auto router = std::make_unique<http::Router>();
  auto opts = std::make_shared<const WalletRouterOptions>(std::move(options));
  HostedWallet* w = &wallet;

  // Runs `handler` with the request's session, or answers 401/403.
  auto authed = [w, opts](auto handler) {
    return [w, opts, handler](http::Request& request) -> http::Response {
      RequestSession rs = SessionOf(*w, request, IsUnsafe(request.method), *opts);
      if (rs.csrf_failed) {
        return http::ErrorResponse(403, "permission_denied", "missing or wrong CSRF token (X-CSRF-Token), or another origin");
      }
      if (!rs.session) return http::ErrorResponse(401, "unauthenticated", "sign in first (the session may have timed out)");
      return NoStore(handler(request, rs));
    };
  };

  router->Get("/healthz", [](http::Request&) { return http::Response::Text(200, "ok\n"); });
  router->Get("/readyz", [w](http::Request&) {
    if (Status ok = w->Ready(); !ok) return http::Response::Text(503, "not ready: the database does not answer\n");
    return http::Response::Text(200, "ready\n");
  });
  router->Get("/metrics", [w, server_metrics](http::Request&) {
    std::string text = server_metrics ? server_metrics() : std::string();
    text += "# HELP vaardig_wallet_sessions Signed-in sessions.\n# TYPE vaardig_wallet_sessions gauge\n";
    text += "vaardig_wallet_sessions " + std::to_string(w->session_count()) + "\n";
    http::Response r = http::Response::Text(200, std::move(text));
    r.content_type = "text/plain; version=0.0.4";
    return r;
  });

  router->Post("/api/wallets", [w](http::Request& request) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto user = StringMember(*body, "user", 256);
    if (!user) return Error(user.error());
    auto passphrase = StringMember(*body, "passphrase", 2048);
    if (!passphrase) return Error(passphrase.error());
    auto created = w->Register(*user, *passphrase, request.remote_address);
    if (!created) return SignInError(created.error(), w->login_window_seconds());
    return NoStore(http::Response::JsonBody(201, Json{{"user", *NormaliseUserName(*user)}, {"recovery_code", created->recovery_code}}));
  });

  router->Post("/api/session", [w, opts](http::Request& request) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto user = StringMember(*body, "user", 256);
    if (!user) return Error(user.error());
    auto passphrase = StringMember(*body, "passphrase", 2048);
    if (!passphrase) return Error(passphrase.error());
    auto signed_in = w->SignIn(*user, *passphrase, request.remote_address);
    if (!signed_in) return SignInError(signed_in.error(), w->login_window_seconds());
    http::Response r = http::Response::JsonBody(200, Json{{"session_token", signed_in->token},
                                                          {"csrf_token", signed_in->session->csrf_token},
                                                          {"user", signed_in->session->user},
                                                          {"idle_timeout_seconds", opts->idle_timeout_seconds}});
    r.AddHeader("Set-Cookie", WalletSessionCookie(*opts, signed_in->token));
    return NoStore(std::move(r));
  });
  router->Get("/api/session", authed([](http::Request&, RequestSession& rs) {
    return http::Response::JsonBody(200, Json{{"user", rs.session->user}, {"csrf_token", rs.session->csrf_token}});
  }));
  router->Add(http::Method::kDelete, "/api/session", authed([w, opts](http::Request&, RequestSession& rs) {
    w->SignOut(rs.token);
    http::Response r = http::Response::NoContent();
    r.AddHeader("Set-Cookie", WalletSessionCookie(*opts, ""));
    return r;
  }));

  router->Post("/api/recover", [w](http::Request& request) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto user = StringMember(*body, "user", 256);
    if (!user) return Error(user.error());
    auto code = StringMember(*body, "recovery_code", 256);
    if (!code) return Error(code.error());
    auto passphrase = StringMember(*body, "new_passphrase", 2048);
    if (!passphrase) return Error(passphrase.error());
    auto recovered = w->Recover(*user, *code, *passphrase, request.remote_address);
    if (!recovered) return SignInError(recovered.error(), w->login_window_seconds());
    return NoStore(http::Response::JsonBody(200, Json{{"recovery_code", *recovered}}));
  });

  router->Post("/api/passphrase", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto current = StringMember(*body, "passphrase", 2048);
    if (!current) return Error(current.error());
    auto next = StringMember(*body, "new_passphrase", 2048);
    if (!next) return Error(next.error());
    if (Status ok = w->ChangePassphrase(*rs.session, rs.token, *current, *next); !ok) return SignInError(ok.error(), w->login_window_seconds());
    return http::Response::NoContent();
  }));

  router->Get("/api/credentials", authed([w](http::Request&, RequestSession& rs) {
    auto list = w->Credentials(*rs.session);
    if (!list) return Error(list.error());
    Json credentials = Json::array();
    for (const CredentialView& v : list->credentials) credentials.push_back(v.ToJson());
    return http::Response::JsonBody(200, Json{{"credentials", std::move(credentials)}, {"damaged", list->damaged_ids}});
  }));
  router->Get("/api/credentials/{id}", authed([w](http::Request& request, RequestSession& rs) {
    auto view = w->Credential(*rs.session, request.PathParam("id").value_or(""));
    if (!view) return Error(view.error());
    return http::Response::JsonBody(200, view->ToJson());
  }));
  router->Add(http::Method::kDelete, "/api/credentials/{id}", authed([w](http::Request& request, RequestSession& rs) {
    if (Status ok = w->DeleteCredential(*rs.session, request.PathParam("id").value_or("")); !ok) return Error(ok.error());
    return http::Response::NoContent();
  }));

  router->Post("/api/offers", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto offer = StringMember(*body, "offer", kMaxOfferLinkBytes);
    if (!offer) return Error(offer.error());
    auto pin = OptionalStringMember(*body, "pin");
    if (!pin) return Error(pin.error());
    auto collected = w->Collect(*rs.session, *offer, *pin ? std::optional<std::string_view>(**pin) : std::nullopt);
    if (!collected) return Error(collected.error());
    return http::Response::JsonBody(201, CollectJson(*collected));
  }));

  router->Post("/api/credentials/status", authed([w](http::Request&, RequestSession& rs) {
    auto refreshed = w->RefreshStatus(*rs.session);
    if (!refreshed) return Error(refreshed.error());
    return http::Response::JsonBody(200, Json{{"checked", refreshed->checked}, {"changed", refreshed->changed},
                                              {"unreachable", refreshed->unreachable}});
  }));
  router->Post("/api/credentials/import", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request, kMaxImportBytes + 1024);
    if (!body) return Error(body.error());
    auto it = body->find("credential");
    if (it == body->end() || !(it->is_string() || it->is_object())) {
      return http::ErrorResponse(400, "invalid_argument",
                                 "member \"credential\" must be an SD-JWT VC (a string) or an Open Badge (a JSON object)");
    }
    auto imported = w->Import(*rs.session, it->is_string() ? it->get<std::string>() : it->dump());
    if (!imported) return Error(imported.error());
    auto view = w->Credential(*rs.session, imported->record_id);
    if (!view) return Error(view.error());
    return http::Response::JsonBody(201, view->ToJson());
  }));

  router->Post("/api/self-declared-skills", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    SelfDeclaredSkill skill;
    auto name = StringMember(*body, "name", 1024);
    if (!name) return Error(name.error());
    skill.name_nl = *name;
    auto name_en = OptionalStringMember(*body, "name_en");
    if (!name_en) return Error(name_en.error());
    skill.name_en = name_en->value_or("");
    auto esco = OptionalStringMember(*body, "esco");
    if (!esco) return Error(esco.error());
    skill.esco = esco->value_or("");
    auto level = body->find("level");
    if (level == body->end() || !level->is_number_integer()) {
      return http::ErrorResponse(400, "invalid_argument", "member \"level\" must be 1, 2 or 3");
    }
    skill.level = static_cast<int>(std::clamp<std::int64_t>(level->get<std::int64_t>(), -1, 4));
    if (auto evidence = body->find("evidence"); evidence != body->end() && !evidence->is_null()) {
      if (!evidence->is_array() || evidence->size() > 10) {
        return http::ErrorResponse(400, "invalid_argument", "member \"evidence\" must be an array of at most 10 names");
      }
      for (const Json& e : *evidence) {
        if (!e.is_string()) return http::ErrorResponse(400, "invalid_argument", "member \"evidence\" must be an array of names");
        skill.evidence.push_back(e.get<std::string>());
      }
    }
    auto id = w->DeclareSkill(*rs.session, skill);
    if (!id) return Error(id.error());
    auto view = w->Credential(*rs.session, *id);
    if (!view) return Error(view.error());
    return http::Response::JsonBody(201, view->ToJson());
  }));

  router->Post("/api/presentation-requests", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto link = StringMember(*body, "request", 16 * 1024);
    if (!link) return Error(link.error());
    auto opened = w->OpenRequest(*rs.session, *link);
    if (!opened) return Error(opened.error());
    return http::Response::JsonBody(201, OpenedRequestJson(*opened));
  }));
  router->Get("/api/presentation-requests/{id}", authed([w](http::Request& request, RequestSession& rs) {
    auto pending = w->Pending(*rs.session, request.PathParam("id").value_or(""));
    if (!pending) return Error(pending.error());
    return http::Response::JsonBody(200, OpenedRequestJson(*pending));
  }));
  router->Post("/api/presentation-requests/{id}/share", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    std::vector<ShareChoice> choices;
    if (auto it = body->find("choices"); it != body->end() && !it->is_null()) {
      if (!it->is_array() || it->size() > kMaxChoices) {
        return http::ErrorResponse(400, "invalid_argument", "choices must be an array of at most 32 {query_id, record_id}");
      }
      for (const Json& c : *it) {
        if (!c.is_object()) return http::ErrorResponse(400, "invalid_argument", "each choice is {query_id, record_id}");
        auto q = StringMember(c, "query_id", 256);
        auto r = StringMember(c, "record_id", 256);
        if (!q || !r) return http::ErrorResponse(400, "invalid_argument", "each choice is {query_id, record_id}");
        choices.push_back({.query_id = *q, .record_id = *r});
      }
    }
    auto sent = w->Share(*rs.session, request.PathParam("id").value_or(""), std::move(choices));
    if (!sent) return Error(sent.error());
    Json out{{"share_id", sent->share_record_id}, {"verifier_status", sent->verifier_status}};
    if (sent->redirect_uri) out["redirect_uri"] = *sent->redirect_uri;
    return http::Response::JsonBody(200, out);
  }));
  router->Post("/api/presentation-requests/{id}/decline", authed([w](http::Request& request, RequestSession& rs) {
    auto declined = w->Decline(*rs.session, request.PathParam("id").value_or(""));
    if (!declined) return Error(declined.error());
    Json out{{"verifier_status", declined->verifier_status}};
    if (declined->redirect_uri) out["redirect_uri"] = *declined->redirect_uri;
    return http::Response::JsonBody(200, out);
  }));
  router->Post("/api/share-links", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto record = StringMember(*body, "record_id", 256);
    if (!record) return Error(record.error());
    std::int64_t days = 30;
    if (auto it = body->find("valid_days"); it != body->end() && !it->is_null()) {
      if (!it->is_number_integer()) return http::ErrorResponse(400, "invalid_argument", "valid_days must be 1 to 90");
      days = it->get<std::int64_t>();
    }
    auto link = w->CreateShareLink(*rs.session, *record, days);
    if (!link) return Error(link.error());
    return http::Response::JsonBody(201, Json{{"id", link->id}, {"url", link->url}, {"expires_at", link->expires_at},
                                              {"shown", link->shown}, {"share_id", link->share_record_id}});
  }));
  router->Get("/api/share-links", authed([w](http::Request&, RequestSession& rs) {
    auto links = w->ShareLinks(*rs.session);
    if (!links) return Error(links.error());
    Json out = Json::array();
    for (const ShareLinkInfo& l : *links) {
      out.push_back({{"id", l.id}, {"url", l.url}, {"credential_name", l.credential_name}, {"shown", l.shown},
                     {"created_at", l.created_at}, {"expires_at", l.expires_at}, {"state", l.state}});
    }
    return http::Response::JsonBody(200, Json{{"links", std::move(out)}});
  }));
  router->Add(http::Method::kDelete, "/api/share-links/{id}", authed([w](http::Request& request, RequestSession& rs) {
    if (Status ok = w->RevokeShareLink(*rs.session, request.PathParam("id").value_or("")); !ok) return Error(ok.error());
    return http::Response::NoContent();
  }));
  // The link itself: public (whoever holds the link may read it; its content is sealed under the
  // key in the link's fragment, which never reaches this service).
  router->Get("/s/{id}", [w](http::Request& request) {
    auto served = w->ServeShareLink(request.PathParam("id").value_or(""));
    if (!served) return Error(served.error());
    return NoStore(http::Response::JsonBody(served->status, served->document));
  });

  router->Get("/api/shares", authed([w](http::Request&, RequestSession& rs) {
    auto shares = w->Shares(*rs.session);
    if (!shares) return Error(shares.error());
    return http::Response::JsonBody(200, Json{{"shares", std::move(*shares)}});
  }));

  router->Post("/api/backup", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto current = StringMember(*body, "passphrase", 2048);
    if (!current) return Error(current.error());
    auto passphrase = StringMember(*body, "backup_passphrase", 2048);
    if (!passphrase) return Error(passphrase.error());
    auto backup = w->ExportBackup(*rs.session, *current, *passphrase);
    if (!backup) return SignInError(backup.error(), w->login_window_seconds());
    http::Response r{.status = 200, .content_type = "application/octet-stream",
                     .body = std::string(reinterpret_cast<const char*>(backup->data()), backup->size()), .headers = {}};
    r.AddHeader("Content-Disposition", "attachment; filename=\"vaardig-wallet.backup\"");
    return r;
  }));
  router->Post("/api/backup/restore", authed([w](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request, WalletBodyLimit("/api/backup/restore"));
    if (!body) return Error(body.error());
    auto encoded = StringMember(*body, "backup", WalletBodyLimit("/api/backup/restore"));
    if (!encoded) return Error(encoded.error());
    auto passphrase = StringMember(*body, "backup_passphrase", 2048);
    if (!passphrase) return Error(passphrase.error());
    auto bytes = encoding::Base64Decode(*encoded);
    if (!bytes) return http::ErrorResponse(400, "invalid_argument", "backup must be the backup file in base64");
    auto imported = w->ImportBackup(*rs.session, *bytes, *passphrase);
    if (!imported) return Error(imported.error());
    return http::Response::JsonBody(200, Json{{"added", imported->added}, {"already_present", imported->already_present}});
  }));
  router->Post("/api/wallet/delete", authed([w, opts](http::Request& request, RequestSession& rs) {
    auto body = JsonBody(request);
    if (!body) return Error(body.error());
    auto passphrase = StringMember(*body, "passphrase", 2048);
    if (!passphrase) return Error(passphrase.error());
    if (Status ok = w->DeleteWallet(rs.session, *passphrase); !ok) return SignInError(ok.error(), w->login_window_seconds());
    http::Response r = http::Response::NoContent();
    r.AddHeader("Set-Cookie", WalletSessionCookie(*opts, ""));
    return r;
  }));

  if (opts->pages) RegisterWalletPages(*router, wallet, *opts);
  return router;
}

}  // namespace vaardig::wallet
