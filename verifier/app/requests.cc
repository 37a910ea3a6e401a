#include "verifier/app/requests.h"

#include <algorithm>
#include <utility>

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/did/did_jwk.h"
#include "core/did/did_web.h"
#include "core/did/document.h"
#include "core/encoding/base64url.h"
#include "core/oid4vc/authorization_request.h"
#include "core/sdjwt/skill_credential.h"

namespace vaardig::verifier {
namespace {

constexpr std::size_t kIdBytes = 32;
constexpr std::size_t kNonceBytes = 16;

std::string RandomToken(std::size_t bytes) { return encoding::Base64UrlEncode(crypto::RandomBytes(bytes)); }
std::string TokenHash(std::string_view token) { return encoding::HexEncode(crypto::Sha256(AsBytes(token))); }

oid4vc::OAuthError InvalidRequest(std::string description) {
  return oid4vc::OAuthError{std::string(oid4vc::errors::kInvalidRequest), std::move(description), 400};
}

int Severity(ReportVerdict v) {
  switch (v) {
    case ReportVerdict::kValid: return 0;
    case ReportVerdict::kCouldNotCheck: return 1;
    case ReportVerdict::kNotRecognised: return 2;
    case ReportVerdict::kRejected: return 3;
  }
  return 3;
}

// The pipeline's format for a presentation answering `query`.
std::string PresentedFormat(const oid4vc::CredentialQuery& query) {
  return query.format == oid4vc::formats::kLdpVc ? "ldp_vp" : query.format;
}

}  // namespace

std::string_view RequestStateName(RequestState state) {
  switch (state) {
    case RequestState::kPending:
    case RequestState::kVerifying: return "pending";
    case RequestState::kAnswered: return "answered";
    case RequestState::kRefused: return "refused";
    case RequestState::kExpired: return "expired";
  }
  return "expired";
}

Json RequestResult::ToJson() const {
  Json out{{"state", std::string(RequestStateName(state))}, {"expires_at", expires_at}};
  if (verdict) out["verdict"] = std::string(ReportVerdictName(*verdict));
  if (!reports.empty()) {
    Json list = Json::array();
    for (const VerificationReport& r : reports) {
      Json one = r.ToJson();
      one["summary"] = {{"nl", Summary(r, "nl")}, {"en", Summary(r, "en")}};
      list.push_back(std::move(one));
    }
    out["reports"] = std::move(list);
  }
  if (state == RequestState::kRefused) {
    out["wallet_error"] = wallet_error;
    if (!wallet_error_description.empty()) out["wallet_error_description"] = wallet_error_description;
  }
  return out;
}

Result<oid4vc::DcqlQuery> BuildSkillQuery(const SkillAsk& ask) {
  if (ask.vct_values.empty()) return Fail(ErrorCode::kInvalidArgument, "vct: at least one credential type is needed");
  if (ask.min_level < 0 || ask.min_level > 3) return Fail(ErrorCode::kInvalidArgument, "min_level: must be 0 (any) to 3");
  if (ask.skill_ids.size() > kMaxAskedSkills) {
    return Fail(ErrorCode::kResourceExhausted, "skills: at most " + std::to_string(kMaxAskedSkills) + " skills per request");
  }
  Json skill_id{{"id", "skill_id"}, {"path", {"skill", "id"}}};
  if (!ask.skill_ids.empty()) skill_id["values"] = ask.skill_ids;
  Json level{{"id", "skill_level"}, {"path", {"skill", "level"}}};
  if (ask.min_level > 0) {
    Json values = Json::array();
    for (int l = ask.min_level; l <= 3; ++l) values.push_back(l);
    level["values"] = std::move(values);
  }
  Json claims = Json::array({skill_id, Json{{"id", "skill_name"}, {"path", {"skill", "name"}}}, level,
                             Json{{"id", "confirmed_by_role"}, {"path", {"confirmation", "by", "role"}}}});
  if (ask.name) {
    claims.push_back(Json{{"id", "given_name"}, {"path", {"holder", "given_name"}}});
    claims.push_back(Json{{"id", "family_name"}, {"path", {"holder", "family_name"}}});
  }
  Json credential{{"id", "skill"},
                  {"format", oid4vc::formats::kDcSdJwt},
                  {"meta", {{"vct_values", ask.vct_values}}}};
  // A self-declared skill has no catalogue id and no confirmation: when such skills are asked for,
  // a second claim set accepts the skill's name and level alone (DCQL claim_sets: the first
  // satisfiable set is used, so an employer's credential still shows its confirmation).
  if (std::ranges::find(ask.vct_values, std::string(sdjwt::kSelfDeclaredSkillVct)) != ask.vct_values.end()) {
    std::vector<std::string> full, own{"skill_name", "skill_level"};
    for (const Json& c : claims) full.push_back(c["id"].get<std::string>());
    if (ask.name) {
      own.push_back("given_name");
      own.push_back("family_name");
    }
    credential["claim_sets"] = Json::array({full, own});
  }
  credential["claims"] = std::move(claims);
  const Json query{{"credentials", Json::array({std::move(credential)})}};
  return oid4vc::ParseDcqlQuery(query);
}

Result<RequestIdentity> MakeRequestIdentity(std::string public_url, jose::PrivateJwk key) {
  if (key.algorithm() != jose::Algorithm::kEs256) {
    return Fail(ErrorCode::kInvalidArgument, "the request key must be an ES256 (P-256) private key");
  }
  while (public_url.ends_with('/')) public_url.pop_back();
  RequestIdentity identity{.public_url = public_url, .key = std::move(key), .did = "", .kid = "", .name = ""};
  if (public_url.starts_with("https://")) {
    VAARDIG_ASSIGN_OR_RETURN(identity.did, did::UrlToDidWeb(public_url + "/.well-known/did.json"));
  } else if (public_url.starts_with("http://")) {
    identity.did = did::CreateDidJwk(identity.key.public_jwk());
  } else {
    return Fail(ErrorCode::kInvalidArgument, "public_url must be an http(s) URL");
  }
  identity.kid = identity.did + "#0";
  return identity;
}

Json RequestDidDocument(const RequestIdentity& identity) {
  did::DidDocument document;
  document.id = identity.did;
  document.verification_methods.push_back(did::VerificationMethod{
      .id = identity.kid, .type = std::string(did::kTypeJsonWebKey2020), .controller = identity.did,
      .key = identity.key.public_jwk()});
  document.authentication.emplace_back(identity.kid);
  document.assertion_method.emplace_back(identity.kid);
  return document.ToJson();
}

PresentationRequests::PresentationRequests(RequestIdentity identity, const VerifierEngine& engine, const Clock& clock)
    : identity_(std::move(identity)), engine_(engine), clock_(clock) {}

Status PresentationRequests::UseBaseUrl(std::string base_url) {
  if (!identity_.did.starts_with("did:jwk:")) {
    return Fail(ErrorCode::kInvalidArgument, "the base URL of a did:web verifier is fixed by its DID");
  }
  while (base_url.ends_with('/')) base_url.pop_back();
  std::lock_guard lock(mu_);
  identity_.public_url = std::move(base_url);
  return Ok();
}

void PresentationRequests::SweepLocked(std::int64_t now) {
  // Answered sessions are kept until their expiry so the result can still be read; then dropped.
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.expires_at + kRequestTtlSeconds <= now) {
      by_state_.erase(it->second.state);
      it = sessions_.erase(it);
    } else {
      if (it->second.expires_at <= now && it->second.result.state == RequestState::kPending) {
        it->second.result.state = RequestState::kExpired;
        by_state_.erase(it->second.state);
      }
      ++it;
    }
  }
}

std::string PresentationRequests::Link(std::string_view id) {
  std::lock_guard lock(mu_);
  if (identity_.redirect_uri_prefix) {
    // By value: the request itself is the link (it was made so at Create; the same again here).
    auto it = sessions_.find(id);
    if (it != sessions_.end()) {
      if (auto link = oid4vc::MakeRequestLinkByValue(BuildRequestLocked(it->second))) return *link;
    }
    return {};
  }
  return oid4vc::MakeRequestLink(identity_.ClientId(), identity_.public_url + "/request/" + std::string(id));
}

Result<CreatedRequest> PresentationRequests::Create(oid4vc::DcqlQuery query, std::string label) {
  VAARDIG_RETURN_IF_ERROR(oid4vc::ValidateDcqlQuery(query));
  const std::int64_t now = clock_.NowSeconds();
  CreatedRequest created;
  created.id = RandomToken(kIdBytes);
  created.result_token = RandomToken(kIdBytes);
  created.expires_at = now + kRequestTtlSeconds;
  Session session{.query = std::move(query),
                  .nonce = RandomToken(kNonceBytes),
                  .state = RandomToken(kNonceBytes),
                  .result_token_hash = TokenHash(created.result_token),
                  .expires_at = created.expires_at,
                  .result = {}};
  session.result.expires_at = created.expires_at;
  session.result.label = std::move(label);
  std::lock_guard lock(mu_);
  if (identity_.redirect_uri_prefix) {
    VAARDIG_ASSIGN_OR_RETURN(created.link, oid4vc::MakeRequestLinkByValue(BuildRequestLocked(session)));
  } else {
    created.request_uri = identity_.public_url + "/request/" + created.id;
    created.link = oid4vc::MakeRequestLink(identity_.ClientId(), created.request_uri);
  }
  SweepLocked(now);
  if (by_state_.size() >= kMaxOpenRequests || sessions_.size() >= kMaxKeptRequests) {
    return Fail(ErrorCode::kResourceExhausted, "too many open presentation requests; try again in a few minutes");
  }
  by_state_[session.state] = created.id;
  sessions_.emplace(created.id, std::move(session));
  return created;
}

oid4vc::AuthorizationRequest PresentationRequests::BuildRequestLocked(const Session& session) const {
  oid4vc::AuthorizationRequest request;
  request.client_id = identity_.ClientId();
  request.response_uri = identity_.ResponseUri();  // under the lock: UseBaseUrl may change it
  request.nonce = session.nonce;
  request.state = session.state;
  request.dcql_query = session.query;
  request.client_metadata = Json{{"vp_formats_supported",
                                  {{"dc+sd-jwt", {{"sd-jwt_alg_values", {"ES256"}}, {"kb-jwt_alg_values", {"ES256"}}}},
                                   {"ldp_vc", {{"proof_type_values", {"DataIntegrityProof"}},
                                               {"cryptosuite_values", {"eddsa-rdfc-2022"}}}}}}};
  if (!identity_.name.empty()) (*request.client_metadata)["client_name"] = identity_.name;
  return request;
}

Result<std::string> PresentationRequests::RequestObject(std::string_view id) {
  oid4vc::AuthorizationRequest request;
  std::int64_t expires_at = 0;
  {
    std::lock_guard lock(mu_);
    SweepLocked(clock_.NowSeconds());
    auto it = sessions_.find(id);
    if (identity_.redirect_uri_prefix || it == sessions_.end() || it->second.result.state != RequestState::kPending) {
      return Fail(ErrorCode::kNotFound, "no such presentation request, or it was answered or has expired");
    }
    request = BuildRequestLocked(it->second);
    expires_at = it->second.expires_at;
  }
  return oid4vc::SignRequestObject(request, identity_.key, identity_.kid,
                                   oid4vc::RequestObjectTimes{.issued_at = clock_.NowSeconds(), .expires_at = expires_at});
}

oid4vc::OAuthResult<void> PresentationRequests::Answer(std::span<const std::pair<std::string, std::string>> form) {
  auto parsed = oid4vc::ParseDirectPostResponse(form);
  if (!parsed) return std::unexpected(parsed.error());
  const std::optional<std::string>& state =
      std::holds_alternative<oid4vc::VpResponse>(*parsed) ? std::get<oid4vc::VpResponse>(*parsed).state
                                                          : std::get<oid4vc::VpErrorResponse>(*parsed).state;
  if (!state) return std::unexpected(InvalidRequest("state: required, as the request gave it"));
  // Take the session out of the pending set first: one answer per request, however many arrive.
  std::string id;
  Session session;
  {
    std::lock_guard lock(mu_);
    SweepLocked(clock_.NowSeconds());
    auto s = by_state_.find(*state);
    if (s == by_state_.end()) {
      return std::unexpected(InvalidRequest("state: no presentation request is waiting for this answer (unknown, answered or expired)"));
    }
    id = s->second;
    by_state_.erase(s);
    auto it = sessions_.find(id);
    it->second.result.state = RequestState::kVerifying;  // reported as pending until the result is stored
    session.query = std::move(it->second.query);           // not needed again: the state is spent
    session.nonce = it->second.nonce;
  }
  RequestResult result;
  oid4vc::OAuthResult<void> outcome;
  if (const auto* error = std::get_if<oid4vc::VpErrorResponse>(&*parsed)) {
    result.state = RequestState::kRefused;
    result.wallet_error = error->error;
    result.wallet_error_description = error->error_description.value_or("");
  } else {
    const auto& response = std::get<oid4vc::VpResponse>(*parsed);
    if (auto fits = oid4vc::CheckVpTokenAgainstQuery(response, session.query); !fits) {
      // The answer does not fit the question: recorded as a rejected answer, and said to the wallet.
      result.state = RequestState::kAnswered;
      result.verdict = ReportVerdict::kRejected;
      VerificationReport report;
      report.verdict = ReportVerdict::kRejected;
      report.format = "vp_token";
      report.checks.push_back(Check{.name = "query", .result = CheckResult::kFailed, .detail = fits.error().description});
      result.reports.push_back(std::move(report));
      outcome = std::unexpected(fits.error());
    } else {
      const VerifyContext context = engine_.Context(identity_.ClientId(), session.nonce);
      result.state = RequestState::kAnswered;
      for (const auto& [query_id, presentations] : response.vp_token) {
        const oid4vc::CredentialQuery* query = session.query.Find(query_id);
        for (const Json& p : presentations) {
          const std::string data = p.is_string() ? p.get<std::string>() : DumpJson(p);
          VerificationReport report;
          try {
            report = VerifyPresented({.format = PresentedFormat(*query), .data = data, .query = query}, context);
          } catch (const std::exception&) {
            // A bug, not the wallet's fault: recorded as "could not check", never left half-answered.
            report = VerificationReport{};
            report.verdict = ReportVerdict::kCouldNotCheck;
            report.checks.push_back(Check{.name = "format", .result = CheckResult::kCouldNotCheck,
                                          .detail = "the verifier failed while checking this presentation"});
          }
          if (!result.verdict || Severity(report.verdict) > Severity(*result.verdict)) result.verdict = report.verdict;
          result.reports.push_back(std::move(report));
        }
      }
    }
  }
  std::lock_guard lock(mu_);
  if (auto it = sessions_.find(id); it != sessions_.end()) {
    result.expires_at = it->second.expires_at;
    result.label = it->second.result.label;
    it->second.result = std::move(result);
  }
  return outcome;
}

Result<RequestResult> PresentationRequests::Outcome(std::string_view id, std::string_view result_token) {
  std::lock_guard lock(mu_);
  SweepLocked(clock_.NowSeconds());
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return Fail(ErrorCode::kNotFound, "no such presentation request");
  // Hashes are compared, not tokens: the time taken says nothing about the token itself.
  if (TokenHash(result_token) != it->second.result_token_hash) {
    return Fail(ErrorCode::kPermissionDenied, "this result belongs to whoever made the request");
  }
  return it->second.result;
}

}  // namespace vaardig::verifier
