#include "issuer/http/service.h"

#include "issuer/http/api_claims.h"
#include "issuer/http/api_identity.h"
#include "issuer/http/api_oid4vci.h"
#include "issuer/http/api_vcalm.h"
#include "issuer/http/api_org.h"
#include "issuer/http/auth.h"
#include "issuer/http/pages_admin.h"
#include "issuer/http/pages_collect.h"
#include "issuer/http/pages_credentials.h"
#include "issuer/http/pages_manager.h"
#include "issuer/http/pages_employee.h"

namespace vaardig::issuer {

namespace {

std::string IssuerMetrics(IssuerApp& app) {
  std::string out;
  auto gauge = [&](std::string_view name, std::string_view help, std::string_view sql) {
    auto row = app.db().QueryOne(sql);
    if (!row || !*row) return;
    out += "# HELP " + std::string(name) + " " + std::string(help) + "\n";
    out += "# TYPE " + std::string(name) + " gauge\n";
    out += std::string(name) + " " + std::to_string((*row)->Int(0)) + "\n";
  };
  gauge("vaardig_issuer_people", "Active people in the organisation.",
        "SELECT COUNT(*) FROM people WHERE active = 1");
  gauge("vaardig_issuer_skills", "Active skills in the catalogue.",
        "SELECT COUNT(*) FROM skills WHERE active = 1");
  gauge("vaardig_issuer_open_confirmation_requests", "Confirmation requests waiting for an answer.",
        "SELECT COUNT(*) FROM confirmation_requests WHERE state IN ('open', 'info_requested')");
  gauge("vaardig_issuer_audit_entries", "Entries in the audit log.", "SELECT COUNT(*) FROM audit_log");
  return out;
}

}  // namespace

std::unique_ptr<http::Router> BuildIssuerRouter(IssuerApp& app,
                                                std::function<std::string()> server_metrics) {
  auto router = std::make_unique<http::Router>();
  router->Get("/healthz", [](http::Request&) {
    return http::Response::JsonBody(200, Json{{"status", "ok"}});
  });
  router->Get("/readyz", [&app](http::Request&) {
    auto row = app.db().QueryOne("SELECT 1");
    if (!row) {
      return http::Response::JsonBody(503, Json{{"status", "unavailable"}, {"database", "unavailable"}});
    }
    return http::Response::JsonBody(200, Json{{"status", "ok"}, {"database", "ok"}});
  });
  router->Get("/metrics", [&app, server_metrics](http::Request&) {
    http::Response r = http::Response::Text(200, (server_metrics ? server_metrics() : "") + IssuerMetrics(app));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  });
  RegisterAccountRoutes(*router, app);
  RegisterClaimRoutes(*router, app);
  RegisterOrganisationRoutes(*router, app);
  RegisterEmployeePages(*router, app);
  RegisterManagerPages(*router, app);
  RegisterAdminPages(*router, app);
  // OpenID4VCI, the issuer's identity and status lists, VCALM: one KeyVault, loaded on first use.
  auto vault = std::make_shared<LazyVault>(app, nullptr);
  RegisterOid4vciRoutes(*router, app, vault);
  RegisterIdentityRoutes(*router, app, vault);
  RegisterVcalmRoutes(*router, app, vault);
  RegisterCollectPages(*router, app);
  RegisterCredentialPages(*router, app);
  return router;
}

}  // namespace vaardig::issuer
