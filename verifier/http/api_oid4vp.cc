#include "verifier/http/api_oid4vp.h"

#include <utility>

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/http/qr_svg.h"

namespace vaardig::verifier {
namespace {

constexpr std::size_t kMaxAskBody = 64 * 1024;
constexpr std::size_t kMaxIdChars = 128;

http::Response NoStore(http::Response response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

http::Response OAuthFailure(const oid4vc::OAuthError& error) {
  return NoStore(http::Response::JsonBody(error.http_status, Json{{"error", error.error},
                                                                   {"error_description", error.description}}));
}

Result<std::vector<std::string>> StringList(const Json& body, std::string_view member) {
  std::vector<std::string> out;
  auto it = body.find(member);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return Fail(ErrorCode::kInvalidArgument, std::string(member) + ": must be an array of strings");
  if (it->size() > kMaxAskedSkills) {
    return Fail(ErrorCode::kResourceExhausted, std::string(member) + ": at most " + std::to_string(kMaxAskedSkills) + " values");
  }
  for (const Json& v : *it) {
    if (!v.is_string() || v.get_ref<const std::string&>().empty() || v.get_ref<const std::string&>().size() > 2048) {
      return Fail(ErrorCode::kInvalidArgument, std::string(member) + ": must be an array of non-empty strings");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<oid4vc::DcqlQuery> QueryFromAsk(const Json& body, const std::vector<std::string>& default_vct_values) {
  if (body.contains("dcql_query")) {
    for (const auto& [key, value] : body.items()) {
      if (key != "dcql_query") return Fail(ErrorCode::kInvalidArgument, "dcql_query: give it alone, without \"" + key.substr(0, 64) + "\"");
    }
    return oid4vc::ParseDcqlQuery(body["dcql_query"]);
  }
  SkillAsk ask;
  for (const auto& [key, value] : body.items()) {
    if (key != "skills" && key != "vct" && key != "min_level" && key != "name") {
      return Fail(ErrorCode::kInvalidArgument, "\"" + key.substr(0, 64) + "\" is not a member of a request (skills, vct, min_level, name, or dcql_query)");
    }
  }
  VAARDIG_ASSIGN_OR_RETURN(ask.skill_ids, StringList(body, "skills"));
  VAARDIG_ASSIGN_OR_RETURN(ask.vct_values, StringList(body, "vct"));
  if (ask.vct_values.empty()) ask.vct_values = default_vct_values;
  if (auto level = body.find("min_level"); level != body.end() && !level->is_null()) {
    if (!level->is_number_integer()) return Fail(ErrorCode::kInvalidArgument, "min_level: must be 0 (any) to 3");
    const auto value = level->get<std::int64_t>();
    if (value < 0 || value > 3) return Fail(ErrorCode::kInvalidArgument, "min_level: must be 0 (any) to 3");
    ask.min_level = static_cast<int>(value);
  }
  if (auto name = body.find("name"); name != body.end() && !name->is_null()) {
    if (!name->is_boolean()) return Fail(ErrorCode::kInvalidArgument, "name: must be true or false");
    ask.name = name->get<bool>();
  }
  return BuildSkillQuery(ask);
}

std::string BearerToken(const http::Request& request);

http::Response CreateEndpoint(PresentationRequests& requests, const std::vector<std::string>& default_vct_values,
                              const std::vector<std::pair<std::string, std::string>>& api_tokens, http::Request& request) {
  const std::string token = BearerToken(request);
  const std::string hash = token.empty() ? "" : encoding::HexEncode(crypto::Sha256(AsBytes(token)));
  const bool known = !hash.empty() && std::ranges::any_of(api_tokens, [&](const auto& c) { return c.second == hash; });
  if (!known) {
    http::Response refused = http::ErrorResponse(Error(token.empty() ? ErrorCode::kUnauthenticated : ErrorCode::kPermissionDenied,
                                                       "making a request needs Authorization: Bearer <token> of a configured client"));
    if (token.empty()) refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    return refused;
  }
  if (request.body.size() > kMaxAskBody) {
    return http::ErrorResponse(Error(ErrorCode::kResourceExhausted, "the request body is larger than 65536 bytes"));
  }
  if (request.MediaType() != "application/json") {
    return http::ErrorResponse(Error(ErrorCode::kInvalidArgument, "the request body must be application/json"));
  }
  auto body = ParseJson(request.body, JsonLimits{.max_bytes = kMaxAskBody, .max_depth = 32});
  if (!body) return http::ErrorResponse(body.error());
  if (!body->is_object()) return http::ErrorResponse(Error(ErrorCode::kInvalidArgument, "the request body must be a JSON object"));
  auto query = QueryFromAsk(*body, default_vct_values);
  if (!query) return http::ErrorResponse(query.error());
  auto created = requests.Create(std::move(*query));
  if (!created) {
    if (created.error().code() == ErrorCode::kResourceExhausted) {
      http::Response busy = http::Response::JsonBody(503, Json{{"error", "unavailable"}, {"error_description", created.error().message()}});
      busy.headers.emplace_back("Retry-After", "60");
      return busy;
    }
    return http::ErrorResponse(created.error());
  }
  auto qr = http::QrCodeSvg(created->link, {.title = "QR-code: deel je vaardigheden met je wallet", .size_px = 0, .css_class = "qr"});
  if (!qr) return http::ErrorResponse(qr.error());
  return NoStore(http::Response::JsonBody(201, Json{{"id", created->id},
                                                    {"result_token", created->result_token},
                                                    {"request_uri", created->request_uri},
                                                    {"link", created->link},
                                                    {"qr_svg", *qr},
                                                    {"expires_at", created->expires_at}}));
}

std::string BearerToken(const http::Request& request) {
  const std::string_view value = request.Header("authorization").value_or("");
  constexpr std::string_view kScheme = "Bearer ";
  if (!value.starts_with(kScheme) && !value.starts_with("bearer ")) return "";
  std::string_view token = value.substr(kScheme.size());
  if (token.empty() || token.size() > kMaxIdChars || token.find(' ') != std::string_view::npos) return "";
  return std::string(token);
}

}  // namespace

void RegisterOid4vpRoutes(http::Router& router, PresentationRequests& requests,
                          std::vector<std::string> default_vct_values,
                          std::vector<std::pair<std::string, std::string>> api_tokens) {
  router.Post("/api/requests", [&requests, vcts = std::move(default_vct_values),
                                tokens = std::move(api_tokens)](http::Request& request) {
    return CreateEndpoint(requests, vcts, tokens, request);
  });

  router.Get("/request/{id}", [&requests](http::Request& request) {
    const std::string_view id = request.PathParam("id").value_or("");
    if (id.empty() || id.size() > kMaxIdChars) {
      return NoStore(http::ErrorResponse(Error(ErrorCode::kNotFound, "no such presentation request")));
    }
    auto jwt = requests.RequestObject(id);
    if (!jwt) return NoStore(http::ErrorResponse(jwt.error()));
    http::Response response = http::Response::Text(200, *jwt);
    response.content_type = "application/oauth-authz-req+jwt";
    return NoStore(std::move(response));
  });

  router.Post("/response", [&requests](http::Request& request) {
    if (request.MediaType() != "application/x-www-form-urlencoded") {
      return OAuthFailure({std::string(oid4vc::errors::kInvalidRequest),
                           "the response must be application/x-www-form-urlencoded (response_mode direct_post)", 400});
    }
    auto form = http::ParseForm(request.body);
    if (!form) return OAuthFailure({std::string(oid4vc::errors::kInvalidRequest), form.error().message(), 400});
    auto answered = requests.Answer(*form);
    if (!answered) return OAuthFailure(answered.error());
    return NoStore(http::Response::JsonBody(200, Json::object()));
  });

  router.Get("/api/requests/{id}", [&requests](http::Request& request) {
    const std::string_view id = request.PathParam("id").value_or("");
    const std::string token = BearerToken(request);
    if (token.empty()) {
      return NoStore(http::ErrorResponse(Error(ErrorCode::kUnauthenticated,
                                               "the result needs Authorization: Bearer <result_token>")));
    }
    if (id.empty() || id.size() > kMaxIdChars) {
      return NoStore(http::ErrorResponse(Error(ErrorCode::kNotFound, "no such presentation request")));
    }
    auto outcome = requests.Outcome(id, token);
    if (!outcome) return NoStore(http::ErrorResponse(outcome.error()));
    return NoStore(http::Response::JsonBody(200, outcome->ToJson()));
  });

  if (requests.identity().did.starts_with("did:web:")) {
    router.Get("/.well-known/did.json", [&requests](http::Request&) {
      http::Response response = http::Response::JsonBody(200, RequestDidDocument(requests.identity()));
      response.content_type = "application/did+json";
      response.headers.emplace_back("Cache-Control", "public, max-age=300");
      return response;
    });
  }
}

}  // namespace vaardig::verifier
