// The issuer's HTTP surface: one Router with every route, built over an IssuerApp.
//
//   GET /healthz   the process is up (no dependencies checked)
//   GET /readyz    the database answers
//   GET /metrics   Prometheus text: the server's metrics and the issuer's
// Feature routes (accounts, people, catalogue, claims, confirmations, pages) are registered by
// their own files through the Register* functions declared in routes.h.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/http/router.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer {

// `server_metrics` renders the running server's metrics (empty when there is no server, as in
// tests that call the router directly).
[[nodiscard]] std::unique_ptr<http::Router> BuildIssuerRouter(
    IssuerApp& app, std::function<std::string()> server_metrics);

}  // namespace vaardig::issuer
