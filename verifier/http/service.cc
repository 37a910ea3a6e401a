#include "verifier/http/service.h"

#include "verifier/http/api_oid4vp.h"
#include "verifier/http/pages.h"

#include <atomic>
#include <string_view>
#include <utility>

namespace vaardig::verifier {
namespace {

constexpr std::size_t kMaxOptionString = 512;

struct Counters {
  std::atomic<std::uint64_t> valid{0}, rejected{0}, not_recognised{0}, could_not_check{0};
  void Count(ReportVerdict verdict) {
    switch (verdict) {
      case ReportVerdict::kValid: ++valid; break;
      case ReportVerdict::kRejected: ++rejected; break;
      case ReportVerdict::kNotRecognised: ++not_recognised; break;
      case ReportVerdict::kCouldNotCheck: ++could_not_check; break;
    }
  }
};

Result<Json> JsonObjectBody(const http::Request& request) {
  if (request.body.size() > kMaxPresentedBytes + 64 * 1024) {
    return Fail(ErrorCode::kResourceExhausted, "the request body is larger than the verifier accepts");
  }
  if (request.MediaType() != "application/json") {
    return Fail(ErrorCode::kInvalidArgument, "the request body must be application/json");
  }
  VAARDIG_ASSIGN_OR_RETURN(Json body, ParseJson(request.body, JsonLimits{.max_bytes = kMaxPresentedBytes + 64 * 1024,
                                                                         .max_depth = 64}));
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "the request body must be a JSON object");
  return body;
}

// The credential or presentation member: a JSON object (W3C) is passed on as its JSON text, a
// string (a compact serialization) as it is.
Result<std::string> Document(const Json& body, std::string_view member) {
  auto it = body.find(member);
  if (it == body.end() || it->is_null()) {
    return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(member) + "\" is required");
  }
  if (it->is_string()) {
    if (it->get_ref<const std::string&>().empty()) {
      return Fail(ErrorCode::kInvalidArgument, "member \"" + std::string(member) + "\" is empty");
    }
    return it->get<std::string>();
  }
  if (it->is_object()) return DumpJson(*it);
  return Fail(ErrorCode::kInvalidArgument,
              "member \"" + std::string(member) + "\" must be a JSON object or a compact serialization (string)");
}

Result<std::string> OptionString(const Json& options, std::string_view name, bool required) {
  auto it = options.find(name);
  if (it == options.end() || it->is_null()) {
    if (required) return Fail(ErrorCode::kInvalidArgument, "options." + std::string(name) + " is required");
    return std::string();
  }
  if (!it->is_string() || it->get_ref<const std::string&>().empty() ||
      it->get_ref<const std::string&>().size() > kMaxOptionString) {
    return Fail(ErrorCode::kInvalidArgument,
                "options." + std::string(name) + " must be a non-empty string of at most 512 bytes");
  }
  return it->get<std::string>();
}

Result<Json> Options(const Json& body) {
  auto it = body.find("options");
  if (it == body.end() || it->is_null()) return Json::object();
  if (!it->is_object()) return Fail(ErrorCode::kInvalidArgument, "member \"options\" must be an object");
  return *it;
}

http::Response Answer(const VerificationReport& report, Counters& counters) {
  counters.Count(report.verdict);
  Json checks = Json::array();
  Json errors = Json::array();
  Json warnings = Json::array();
  for (const Check& c : report.checks) {
    if (c.result == CheckResult::kPassed) checks.push_back(c.name);
    if (c.result == CheckResult::kFailed) errors.push_back(Json{{"check", c.name}, {"detail", c.detail}});
    if (c.result == CheckResult::kCouldNotCheck) {
      warnings.push_back(Json{{"check", c.name}, {"detail", "could not check: " + c.detail}});
    }
  }
  for (const std::string& w : report.warnings) warnings.push_back(Json{{"detail", w}});
  if (report.verdict == ReportVerdict::kNotRecognised) {
    errors.push_back(Json{{"check", "issuer_trust"}, {"detail", "the issuer is not recognised (not on the trust list)"}});
  }
  const bool valid = report.verdict == ReportVerdict::kValid;
  const int status = valid ? 200 : report.verdict == ReportVerdict::kCouldNotCheck ? 503 : 400;
  Json out{{"verified", valid},
           {"checks", std::move(checks)},
           {"warnings", std::move(warnings)},
           {"errors", std::move(errors)},
           {"report", report.ToJson()},
           {"summary", {{"nl", Summary(report, "nl")}, {"en", Summary(report, "en")}}}};
  http::Response response = http::Response::JsonBody(status, out);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

http::Response VerifyCredentialEndpoint(const VerifierEngine& engine, Counters& counters, http::Request& request) {
  auto body = JsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto document = Document(*body, "verifiableCredential");
  if (!document) return http::ErrorResponse(document.error());
  auto options = Options(*body);
  if (!options) return http::ErrorResponse(options.error());
  const VerifyContext context = engine.Context("", "");
  return Answer(VerifyPresented({.format = "credential", .data = *document, .query = nullptr}, context), counters);
}

http::Response VerifyPresentationEndpoint(const VerifierEngine& engine, Counters& counters, http::Request& request) {
  auto body = JsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto document = Document(*body, "verifiablePresentation");
  if (!document) return http::ErrorResponse(document.error());
  auto options = Options(*body);
  if (!options) return http::ErrorResponse(options.error());
  // A presentation is only worth something bound to the verifier's own fresh challenge.
  auto challenge = OptionString(*options, "challenge", true);
  if (!challenge) return http::ErrorResponse(challenge.error());
  auto domain = OptionString(*options, "domain", true);
  if (!domain) return http::ErrorResponse(domain.error());
  const bool json = body->at("verifiablePresentation").is_object();
  const VerifyContext context = engine.Context(*domain, *challenge);
  return Answer(VerifyPresented({.format = json ? "ldp_vp" : "dc+sd-jwt", .data = *document, .query = nullptr}, context),
                counters);
}

http::Response ShareLinkError(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kFailedPrecondition: return http::ErrorResponse(410, "gone", error.message());
    case ErrorCode::kDataLoss: return http::ErrorResponse(400, "invalid_argument", error.message());
    default: return http::ErrorResponse(error);
  }
}

std::string VerdictMetrics(const Counters& c) {
  std::string out =
      "# HELP vaardig_verifier_verifications_total Verifications by verdict.\n"
      "# TYPE vaardig_verifier_verifications_total counter\n";
  const auto line = [&](std::string_view verdict, std::uint64_t n) {
    out += "vaardig_verifier_verifications_total{verdict=\"" + std::string(verdict) + "\"} " + std::to_string(n) + "\n";
  };
  line("valid", c.valid);
  line("rejected", c.rejected);
  line("not_recognised", c.not_recognised);
  line("could_not_check", c.could_not_check);
  return out;
}

}  // namespace

std::unique_ptr<http::Router> BuildVerifierRouter(const VerifierEngine& engine,
                                                  std::function<std::string()> server_metrics,
                                                  OpenId4VpRoutes oid4vp) {
  auto router = std::make_unique<http::Router>();
  auto counters = std::make_shared<Counters>();
  router->Get("/healthz", [](http::Request&) { return http::Response::JsonBody(200, Json{{"status", "ok"}}); });
  router->Get("/readyz", [&engine](http::Request&) {
    return http::Response::JsonBody(
        200, Json{{"status", "ok"}, {"trusted_issuers", engine.trust().entries.size()}});
  });
  router->Get("/metrics", [counters, server_metrics](http::Request&) {
    http::Response r = http::Response::Text(200, (server_metrics ? server_metrics() : "") + VerdictMetrics(*counters));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  });
  router->Post("/credentials/verify", [&engine, counters](http::Request& request) {
    return VerifyCredentialEndpoint(engine, *counters, request);
  });
  router->Post("/presentations/verify", [&engine, counters](http::Request& request) {
    return VerifyPresentationEndpoint(engine, *counters, request);
  });
  if (oid4vp.share_link_fetcher != nullptr) {
    auto options = std::make_shared<const ShareLinkOptions>(oid4vp.share_links);
    http::HttpFetcher* fetcher = oid4vp.share_link_fetcher;
    router->Post("/api/share-links/verify", [&engine, counters, options, fetcher](http::Request& request) {
      auto body = JsonObjectBody(request);
      if (!body) return http::ErrorResponse(body.error());
      auto link = body->find("link");
      if (link == body->end() || !link->is_string()) {
        return http::ErrorResponse(400, "invalid_argument", "member \"link\" must be the share link (a string)");
      }
      auto report = VerifyShareLink(*fetcher, engine, link->get<std::string>(), *options);
      if (!report) return ShareLinkError(report.error());
      return Answer(*report, *counters);
    });
    if (oid4vp.pages) {
      RegisterShareLinkPages(*router, engine, *fetcher, *options,
                             PagesConfig{.skills = {}, .vct_values = {}, .organisation = oid4vp.organisation,
                                         .secure_cookies = oid4vp.secure_cookies, .share_links = true,
                                         .web_wallet = oid4vp.web_wallet});
    }
  }
  if (oid4vp.requests != nullptr) {
    if (oid4vp.pages) {
      RegisterVerifierPages(*router, *oid4vp.requests,
                            PagesConfig{.skills = std::move(oid4vp.page_skills), .vct_values = oid4vp.default_vct_values,
                                        .organisation = std::move(oid4vp.organisation),
                                        .secure_cookies = oid4vp.secure_cookies,
                                        .share_links = oid4vp.share_link_fetcher != nullptr,
                                        .web_wallet = oid4vp.web_wallet});
    }
    RegisterOid4vpRoutes(*router, *oid4vp.requests, std::move(oid4vp.default_vct_values), std::move(oid4vp.api_tokens));
  }
  return router;
}

}  // namespace vaardig::verifier
