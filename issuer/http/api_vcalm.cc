#include "issuer/http/api_vcalm.h"

#include <string>
#include <string_view>
#include <utility>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "issuer/app/issuance.h"
#include "issuer/app/status_registry.h"
#include "issuer/http/auth.h"

namespace vaardig::issuer {

namespace {

constexpr std::size_t kMaxIssueBody = 256 * 1024;
constexpr std::size_t kMaxStatusBody = 64 * 1024;
constexpr std::size_t kMaxReasonBytes = 2000;
constexpr std::string_view kDefaultReason = "status changed through the VCALM API";

Result<Json> JsonObjectBody(const http::Request& request, std::size_t max_bytes) {
  if (request.body.size() > max_bytes) {
    return Fail(ErrorCode::kResourceExhausted,
                "the request body is larger than " + std::to_string(max_bytes) + " bytes");
  }
  if (request.MediaType() != "application/json") {
    return Fail(ErrorCode::kInvalidArgument, "the request body must be application/json");
  }
  VAARDIG_ASSIGN_OR_RETURN(Json body, ParseJson(request.body, JsonLimits{.max_bytes = max_bytes, .max_depth = 32}));
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "the request body must be a JSON object");
  return body;
}

// options.credentialStatus: absent, or {"type": "BitstringStatusListEntry"} (VCALM IssueCredentialOptions).
Result<bool> WantsStatus(const Json& body) {
  auto options = body.find("options");
  if (options == body.end() || options->is_null()) return false;
  if (!options->is_object()) return Fail(ErrorCode::kInvalidArgument, "member \"options\" must be an object");
  bool with_status = false;
  for (const auto& [key, value] : options->items()) {
    if (key != "credentialStatus") {
      return Fail(ErrorCode::kInvalidArgument, "options." + key.substr(0, 64) + " is not supported");
    }
    if (!value.is_object() || value.value("type", Json()) != "BitstringStatusListEntry") {
      return Fail(ErrorCode::kInvalidArgument,
                  "options.credentialStatus must be {\"type\": \"BitstringStatusListEntry\"}");
    }
    with_status = true;
  }
  return with_status;
}

struct StatusChange {
  std::string credential_id;
  StatusAction action = StatusAction::kRevoke;
  std::string reason;
};

Result<StatusChange> ParseStatusChange(const Json& body) {
  StatusChange change;
  auto id = body.find("credentialId");
  if (id == body.end() || !id->is_string() || id->get<std::string>().empty() || id->get<std::string>().size() > 256) {
    return Fail(ErrorCode::kInvalidArgument, "member \"credentialId\" must be the credential's id (a string)");
  }
  change.credential_id = id->get<std::string>();
  auto list = body.find("credentialStatus");
  if (list == body.end() || !list->is_array() || list->size() != 1) {
    return Fail(ErrorCode::kInvalidArgument,
                "member \"credentialStatus\" must be an array with one status change");
  }
  const Json& entry = (*list)[0];
  if (!entry.is_object()) return Fail(ErrorCode::kInvalidArgument, "credentialStatus[0] must be an object");
  if (auto type = entry.find("type"); type != entry.end() && *type != "BitstringStatusListCredential") {
    return Fail(ErrorCode::kInvalidArgument, "credentialStatus[0].type must be \"BitstringStatusListCredential\"");
  }
  auto status = entry.find("status");
  if (status == entry.end() || !status->is_boolean()) {
    return Fail(ErrorCode::kInvalidArgument, "credentialStatus[0].status must be true or false");
  }
  const std::string purpose = entry.value("statusPurpose", Json()).is_string() ? entry.at("statusPurpose").get<std::string>() : "";
  const bool set = status->get<bool>();
  if (purpose == "revocation") {
    if (!set) {
      return Fail(ErrorCode::kFailedPrecondition, "credentialStatus[0]: revocation is final and cannot be undone");
    }
    change.action = StatusAction::kRevoke;
  } else if (purpose == "suspension") {
    change.action = set ? StatusAction::kSuspend : StatusAction::kUnsuspend;
  } else {
    return Fail(ErrorCode::kInvalidArgument, "credentialStatus[0].statusPurpose must be \"revocation\" or \"suspension\"");
  }
  change.reason = std::string(kDefaultReason);
  if (auto reason = body.find("reason"); reason != body.end()) {
    if (!reason->is_string() || reason->get<std::string>().empty() || reason->get<std::string>().size() > kMaxReasonBytes) {
      return Fail(ErrorCode::kInvalidArgument, "member \"reason\" must be a non-empty string of at most 2000 bytes");
    }
    change.reason = reason->get<std::string>();
  }
  return change;
}

std::string_view StateAfter(StatusAction action) {
  switch (action) {
    case StatusAction::kRevoke: return "revoked";
    case StatusAction::kSuspend: return "suspended";
    case StatusAction::kUnsuspend: return "valid";
  }
  return "valid";
}

// Internal errors keep their message out of the response.
http::Response Failure(const Error& e) {
  if (http::HttpStatusFor(e.code()) >= 500 && e.code() != ErrorCode::kUnavailable) {
    return http::ErrorResponse(Error(e.code(), "internal error"));
  }
  return http::ErrorResponse(e);
}

}  // namespace

Result<VcalmCaller> AuthenticateVcalm(IssuerApp& app, const http::Request& request) {
  const std::string bearer = BearerAccessToken(request);
  if (!bearer.empty() && !app.settings().vcalm_clients.empty()) {
    const std::string hash = Sha256Hex(bearer);
    for (const VcalmClient& client : app.settings().vcalm_clients) {
      if (TokensEqual(hash, client.token_sha256)) return VcalmCaller{.actor = "vcalm:" + client.name, .administrator = {}};
    }
  }
  auto authed = RequireSession(app, request);
  if (!authed) {
    if (authed.error().code() == ErrorCode::kUnauthenticated) {
      return Fail(ErrorCode::kUnauthenticated,
                  "this needs a VCALM client token (Authorization: Bearer) or an administrator's session");
    }
    return std::unexpected(authed.error());
  }
  VAARDIG_RETURN_IF_ERROR(RequireRole(*authed, {Role::kAdmin}));
  return VcalmCaller{.actor = authed->principal.AuditActor(), .administrator = authed->principal};
}

void RegisterVcalmRoutes(http::Router& router, IssuerApp& app, std::shared_ptr<LazyVault> vault) {
  router.Post("/credentials/issue", [&app, vault](http::Request& request) {
    auto caller = AuthenticateVcalm(app, request);
    if (!caller) return Failure(caller.error());
    auto body = JsonObjectBody(request, kMaxIssueBody);
    if (!body) return Failure(body.error());
    auto credential = body->find("credential");
    if (credential == body->end() || !credential->is_object()) {
      return Failure(Error(ErrorCode::kInvalidArgument, "member \"credential\" must be a JSON object"));
    }
    auto with_status = WantsStatus(*body);
    if (!with_status) return Failure(with_status.error());
    auto keys = vault->Get();
    if (!keys) return Failure(keys.error());
    auto issued = IssueGivenCredential(app, **keys, caller->actor, *credential, *with_status);
    if (!issued) return Failure(issued.error());
    return http::Response::JsonBody(201, Json{{"verifiableCredential", issued->credential}});
  });

  router.Post("/credentials/status", [&app](http::Request& request) {
    auto caller = AuthenticateVcalm(app, request);
    if (!caller) return Failure(caller.error());
    auto body = JsonObjectBody(request, kMaxStatusBody);
    if (!body) return Failure(body.error());
    auto change = ParseStatusChange(*body);
    if (!change) return Failure(change.error());
    const Status done =
        caller->administrator
            ? ChangeCredentialStatus(app, *caller->administrator, change->credential_id, change->action, change->reason)
            : ChangeCredentialStatusAs(app, caller->actor, change->credential_id, change->action, change->reason);
    if (!done) return Failure(done.error());
    return http::Response::JsonBody(200, Json{{"credentialId", change->credential_id},
                                              {"state", StateAfter(change->action)}});
  });
}

}  // namespace vaardig::issuer
