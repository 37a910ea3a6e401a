#include "wallet/app/respond.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <variant>

#include "core/did/resolver.h"
#include "core/http/message.h"
#include "core/oid4vc/offer.h"
#include "core/oid4vc/presentation_response.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"
#include "wallet/app/present.h"

namespace vaardig::wallet {
namespace {

// The step's name before the message, once (the kernel may have named it already).
Error InStep(std::string_view step, const Error& error) {
  if (error.message().starts_with(std::string(step) + ":")) return error;
  return error.WithContext(step);
}

Status CheckUrl(std::string_view url, std::string_view what, const RespondOptions& options) {
  if (!oid4vc::IsAcceptableHttpsUrl(url) || (!url.starts_with("https://") && !options.allow_http_for_loopback)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " must be an https URL");
  }
  return {};
}

http::FetchLimits Limits(std::size_t max_body, const RespondOptions& options) {
  return {.max_body = max_body, .timeout = options.timeout};
}

constexpr std::size_t kMaxShownText = 120;

// Text from the verifier or an issuer, made safe to show a person: control characters (terminal
// escapes, CR/LF) and bidirectional overrides dropped, at most kMaxShownText bytes (UTF-8 kept whole).
std::string Printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && out.size() < kMaxShownText;) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    const std::string_view ch = text.substr(i, len);
    i += len;
    if (len == 1 && (c < 0x20 || c == 0x7F || c >= 0x80)) continue;  // controls, and stray bytes
    // U+200E/F, U+202A–202E, U+2066–2069: direction marks and overrides (E2 80 8E/8F, E2 80 AA–AE, E2 81 A6–A9).
    if (len == 3 && static_cast<unsigned char>(ch[0]) == 0xE2) {
      const unsigned char b1 = static_cast<unsigned char>(ch[1]), b2 = static_cast<unsigned char>(ch[2]);
      if ((b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) continue;
    }
    if (len == 2 && static_cast<unsigned char>(ch[0]) == 0xC2 && static_cast<unsigned char>(ch[1]) < 0xA0) continue;  // C1 controls
    out += ch;
  }
  return out;
}

// A string member, or "" when absent or not a string (issuer and verifier data is not trusted).
std::string StringAt(const Json& object, std::string_view key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "skill.name", "evidence[0]": the path as people read it.
// What a verifier would actually read when `paths` are disclosed (present.h ShownClaimPaths over
// the claims the selected disclosures reveal). Empty when the credential cannot be read (the
// caller then falls back to the requested paths).
std::vector<std::string> DisclosedLeaves(std::string_view credential, const std::vector<oid4vc::ConcreteClaimPath>& paths) {
  auto parts = sdjwt::ParseSdJwt(credential);
  if (!parts) return {};
  std::vector<sdjwt::ClaimPath> claim_paths(paths.begin(), paths.end());
  auto frame = sdjwt::FrameFromPaths(claim_paths);
  if (!frame) return {};
  auto selected = sdjwt::SelectDisclosures(*parts, *frame);
  if (!selected) return {};
  auto claims = sdjwt::HolderClaims(*selected);
  if (!claims || !claims->is_object()) return {};
  return ShownClaimPaths(*claims);
}

std::string PathText(const oid4vc::ConcreteClaimPath& path) {
  std::string out;
  for (const auto& element : path) {
    if (const auto* name = std::get_if<std::string>(&element)) {
      if (!out.empty()) out += '.';
      out += *name;
    } else {
      out += "[" + std::to_string(std::get<std::size_t>(element)) + "]";
    }
  }
  return out;
}

std::string DisplayName(const Json& record, const Json& claims) {
  const auto display = record.find("display");
  for (const char* locale : {"nl", "en"}) {
    if (display != record.end() && display->is_object() && display->contains(locale)) {
      if (std::string name = StringAt((*display)[locale], "name"); !name.empty()) return Printable(name);
    }
  }
  if (claims.is_object() && claims.contains("skill") && claims["skill"].is_object() && claims["skill"].contains("name")) {
    if (std::string name = StringAt(claims["skill"]["name"], "nl"); !name.empty()) return Printable(name);
  }
  if (std::string name = StringAt(claims, "name"); !name.empty()) return Printable(name);
  const std::string configuration = StringAt(record, "configuration_id");
  return configuration.empty() ? "credential" : Printable(configuration);
}

// A vault credential as DCQL sees it.
struct Held {
  std::string record_id;
  Json record;
  std::string format;
  oid4vc::CandidateCredential candidate;
};

Result<std::vector<Held>> HeldCredentials(const UnlockedVault& vault) {
  VAARDIG_ASSIGN_OR_RETURN(const VaultListing listing, vault.List(RecordKind::kCredential));
  std::vector<Held> out;
  for (const VaultRecord& r : listing.records) {
    const Json& rec = r.content;
    if (!rec.is_object()) continue;
    const std::string state = rec.contains("status") ? StringAt(rec["status"], "state") : "";
    if (state == "revoked" || state == "suspended") continue;  // never offered: it would be refused anyway
    if (rec.value("view_only", false)) continue;  // imported without its holder key: cannot prove it is ours
    const std::string format = StringAt(rec, "format");
    Held held{.record_id = r.id, .record = rec, .format = format, .candidate = {}};
    held.candidate.format = format;
    if (format == "dc+sd-jwt" && rec.value("credential", Json()).is_string()) {
      auto parts = sdjwt::ParseSdJwt(rec["credential"].get<std::string>());
      if (!parts) continue;
      auto claims = sdjwt::HolderClaims(*parts);
      if (!claims || !claims->is_object()) continue;
      if ((*claims)["vct"].is_string()) held.candidate.vct = (*claims)["vct"].get<std::string>();
      held.candidate.supports_holder_binding = claims->contains("cnf");
      held.candidate.claims = std::move(*claims);
    } else if (format == "ldp_vc" && rec.value("credential", Json()).is_object()) {
      const Json& credential = rec["credential"];
      const Json types = credential.value("type", Json());
      if (types.is_array()) {
        for (const Json& t : types) {
          if (t.is_string()) held.candidate.types.push_back(t.get<std::string>());
        }
      }
      const Json subject = credential.value("credentialSubject", Json());
      held.candidate.supports_holder_binding = StringAt(subject, "id").starts_with("did:");
      held.candidate.claims = credential;
    } else {
      continue;
    }
    out.push_back(std::move(held));
  }
  return out;
}

// Fetches (by reference) and verifies the request.
Result<oid4vc::AuthorizationRequest> LoadRequest(http::HttpFetcher& fetcher, const oid4vc::RequestLink& link,
                                                 const RespondOptions& options, std::string& verifier) {
  if (!link.request_uri && !link.request) {
    // Unsigned, by value: only the redirect_uri: prefix may be unsigned (§5.9.3).
    auto parsed = oid4vc::ParseAuthorizationRequestParams(link.parameters);
    if (!parsed) return Fail(ErrorCode::kInvalidArgument, "request: " + parsed.error().description);
    auto prefix = oid4vc::ParseClientIdPrefix(parsed->client_id);
    if (!prefix || prefix->kind != oid4vc::ClientIdPrefixKind::kRedirectUri) {
      return Fail(ErrorCode::kInvalidArgument, "request: an unsigned request must use the redirect_uri: client identifier");
    }
    verifier = parsed->response_uri;
    return std::move(*parsed);
  }
  std::string jwt;
  if (link.request_uri) {
    // request_uri_method=post is optional for wallets: "Wallets not supporting the post method will
    // send a GET request to the Request URI" (OpenID4VP 1.0 §5.1), which is what we do.
    VAARDIG_RETURN_IF_ERROR(CheckUrl(*link.request_uri, "request link: request_uri", options));
    auto response = fetcher.Get(*link.request_uri, Limits(oid4vc::kMaxRequestObjectBytes, options));
    if (!response) return Fail(InStep("request object", response.error()));
    jwt = response->body;
    while (!jwt.empty() && (jwt.back() == '\n' || jwt.back() == '\r')) jwt.pop_back();
  } else {
    jwt = *link.request;
  }
  did::DidResolver dids(&fetcher, {.allow_http_for_loopback = options.allow_http_for_loopback, .clock = options.clock});
  auto resolve = [&dids](std::string_view kid) -> Result<jose::PublicJwk> {
    auto method = dids.ResolveVerificationMethod(kid, did::Relationship::kAuthentication);
    if (!method && method.error().code() == ErrorCode::kPermissionDenied) {
      method = dids.ResolveVerificationMethod(kid, did::Relationship::kAssertionMethod);
    }
    if (!method) return std::unexpected(method.error());
    return method->key;
  };
  auto request = oid4vc::VerifyRequestObject(jwt, resolve, {.client_id = link.client_id, .wallet_nonce = {},
                                                            .now = options.clock->NowSeconds()});
  if (!request) return Fail(InStep("request object", request.error()));
  auto prefix = oid4vc::ParseClientIdPrefix(request->client_id);
  verifier = prefix ? prefix->value : request->client_id;
  return request;
}


Status PostForm(http::HttpFetcher& fetcher, const oid4vc::AuthorizationRequest& request,
                const std::vector<std::pair<std::string, std::string>>& form, const RespondOptions& options,
                SentShare& sent) {
  auto response = fetcher.Post(request.response_uri, "application/x-www-form-urlencoded", oid4vc::EncodeForm(form), {},
                               Limits(64 * 1024, options));
  if (!response) return Fail(InStep("response", response.error()));
  sent.verifier_status = response->status;
  if (response->status == 200) {
    auto body = ParseJson(response->body, {.max_bytes = 64 * 1024});
    if (body && body->is_object() && (*body)["redirect_uri"].is_string()) {
      const std::string uri = (*body)["redirect_uri"].get<std::string>();
      // §8.2: the value that binds the session "can be added as a path component, as a fragment or as a
      // parameter": a fragment is allowed here, unlike in the URLs we fetch.
      const std::string_view before_fragment = std::string_view(uri).substr(0, uri.find('#'));
      const bool clean = uri.size() <= 4096 && std::ranges::none_of(uri, [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
      });
      if (clean && CheckUrl(before_fragment, "redirect_uri", options)) sent.redirect_uri = uri;
    }
  }
  return {};
}

}  // namespace

Result<OpenedRequest> OpenPresentationRequest(http::HttpFetcher& fetcher, const UnlockedVault& vault,
                                              std::string_view link_text, const RespondOptions& options) {
  if (options.clock == nullptr) return Fail(ErrorCode::kInternal, "RespondOptions.clock is required");
  auto link = oid4vc::ParseRequestLink(link_text);
  if (!link) return Fail(InStep("request link", link.error()));
  OpenedRequest opened;
  VAARDIG_ASSIGN_OR_RETURN(opened.request, LoadRequest(fetcher, *link, options, opened.verifier));
  if (auto supported = oid4vc::CheckResponseModeSupported(opened.request); !supported) {
    return Fail(ErrorCode::kInvalidArgument, "request: " + supported.error().description);
  }
  VAARDIG_RETURN_IF_ERROR(CheckUrl(opened.request.response_uri, "request: response_uri", options));
  // A name only from a signed request: an unsigned one (redirect_uri:) could claim any name, so the
  // verifier is then shown by its response URI alone.
  if (opened.request.client_metadata && !opened.request.client_id.starts_with("redirect_uri:")) {
    if (std::string name = Printable(StringAt(*opened.request.client_metadata, "client_name")); !name.empty()) {
      opened.verifier_name = std::move(name);
    }
  }

  VAARDIG_ASSIGN_OR_RETURN(const std::vector<Held> held, HeldCredentials(vault));
  std::vector<oid4vc::CandidateCredential> candidates;
  candidates.reserve(held.size());
  for (const Held& h : held) candidates.push_back(h.candidate);
  const oid4vc::DcqlMatch match = oid4vc::MatchDcqlQuery(opened.request.dcql_query, candidates);
  opened.satisfiable = match.satisfied;
  opened.unmatched_queries = match.unmatched_queries;
  for (const oid4vc::CredentialQueryMatch& q : match.queries) {
    QueryCandidates out{.query_id = q.query_id, .multiple = false, .candidates = {}};
    if (const oid4vc::CredentialQuery* query = opened.request.dcql_query.Find(q.query_id)) out.multiple = query->multiple;
    for (const oid4vc::CredentialMatch& m : q.matches) {
      const Held& h = held[m.candidate];
      ShareCandidate c{.record_id = h.record_id,
                       .format = h.format,
                       .name = DisplayName(h.record, h.candidate.claims),
                       .issuer = Printable(StringAt(h.record, "issuer")),
                       .shown = {},
                       .names_the_person = false,
                       .paths = m.concrete_paths};
      if (h.format == "ldp_vc") {
        c.shown = {"everything"};  // Data Integrity: no selective disclosure
        c.names_the_person = true;
      } else {
        const Json& credential = h.record.contains("credential") ? h.record["credential"] : Json();
        c.shown = credential.is_string() ? DisclosedLeaves(credential.get<std::string>(), m.concrete_paths)
                                         : std::vector<std::string>{};
        if (c.shown.empty()) {
          for (const auto& path : m.concrete_paths) c.shown.push_back(PathText(path));
        }
        for (const std::string& shown : c.shown) {
          if (shown == "holder" || shown.starts_with("holder.")) c.names_the_person = true;
        }
      }
      out.candidates.push_back(std::move(c));
    }
    opened.queries.push_back(std::move(out));
  }
  return opened;
}

std::vector<ShareChoice> DefaultChoices(const OpenedRequest& opened) {
  std::vector<ShareChoice> out;
  for (const QueryCandidates& q : opened.queries) {
    if (!q.candidates.empty()) out.push_back({.query_id = q.query_id, .record_id = q.candidates.front().record_id});
  }
  return out;
}

Result<SentShare> SendPresentation(http::HttpFetcher& fetcher, UnlockedVault& vault, const OpenedRequest& opened,
                                   std::span<const ShareChoice> choices, const RespondOptions& options) {
  if (options.clock == nullptr) return Fail(ErrorCode::kInternal, "RespondOptions.clock is required");
  const std::int64_t now = options.clock->NowSeconds();
  oid4vc::VpResponse response;
  response.state = opened.request.state;
  Json shared = Json::array();
  for (const ShareChoice& choice : choices) {
    const auto q = std::ranges::find(opened.queries, choice.query_id, &QueryCandidates::query_id);
    if (q == opened.queries.end()) {
      return Fail(ErrorCode::kFailedPrecondition, "choice: the request asks nothing called '" + choice.query_id + "'");
    }
    const auto c = std::ranges::find(q->candidates, choice.record_id, &ShareCandidate::record_id);
    if (c == q->candidates.end()) {
      return Fail(ErrorCode::kFailedPrecondition, "choice: credential " + choice.record_id + " does not answer '" +
                                                      choice.query_id + "'");
    }
    auto& presentations = response.vp_token[choice.query_id];
    if (!presentations.empty() && !q->multiple) {
      return Fail(ErrorCode::kFailedPrecondition, "choice: '" + choice.query_id + "' takes one credential");
    }
    VAARDIG_ASSIGN_OR_RETURN(const VaultRecord record, vault.Get(choice.record_id));
    const std::string key_id = StringAt(record.content, "holder_key_id");
    const auto credential = record.content.is_object() ? record.content.find("credential") : record.content.end();
    if (credential == record.content.end()) return Fail(ErrorCode::kDataLoss, "credential record " + choice.record_id + " is damaged");
    if (key_id.empty()) return Fail(ErrorCode::kFailedPrecondition, "credential " + choice.record_id + " has no holder key");
    VAARDIG_ASSIGN_OR_RETURN(const VaultRecord key_record, vault.Get(key_id));
    const auto jwk = key_record.content.is_object() ? key_record.content.find("jwk") : key_record.content.end();
    auto key = jwk != key_record.content.end() ? jose::PrivateJwk::Parse(*jwk)
                                               : Result<jose::PrivateJwk>(Fail(ErrorCode::kDataLoss, "no key"));
    if (!key) return Fail(ErrorCode::kDataLoss, "holder key record " + key_id + " is damaged");
    if (c->format == "dc+sd-jwt") {
      if (!credential->is_string()) return Fail(ErrorCode::kDataLoss, "credential record " + choice.record_id + " is damaged");
      std::vector<sdjwt::ClaimPath> paths(c->paths.begin(), c->paths.end());
      VAARDIG_ASSIGN_OR_RETURN(std::string presentation,
                               PresentSdJwtVcPaths(credential->get<std::string>(), *key, paths,
                                                   {.disclose = {}, .aud = opened.request.client_id,
                                                    .nonce = opened.request.nonce, .now = now}));
      presentations.push_back(Json(std::move(presentation)));
    } else {
      VAARDIG_ASSIGN_OR_RETURN(Json vp, PresentLdpVp({*credential}, *key,
                                                     {.domain = opened.request.client_id,
                                                      .challenge = opened.request.nonce, .now = now}));
      presentations.push_back(std::move(vp));
    }
    shared.push_back(Json{{"query_id", choice.query_id}, {"record_id", choice.record_id}, {"name", c->name},
                          {"format", c->format}, {"shown", c->shown}});
  }
  if (auto fits = oid4vc::CheckVpTokenAgainstQuery(response, opened.request.dcql_query); !fits) {
    return Fail(ErrorCode::kFailedPrecondition, "choice: this does not answer everything asked (" +
                                                    fits.error().description + ")");
  }
  // Logged before it leaves the wallet: whatever the verifier then does (answers, stalls,
  // redirects), the log says it was sent.
  Json log{{"at", now},
           {"verifier", opened.verifier},
           {"client_id", opened.request.client_id},
           {"response_uri", opened.request.response_uri},
           {"credentials", std::move(shared)},
           {"outcome", "sending"}};
  if (opened.verifier_name) log["verifier_name"] = *opened.verifier_name;
  SentShare sent;
  VAARDIG_ASSIGN_OR_RETURN(sent.share_record_id, vault.Put(RecordKind::kShare, log));
  const Status posted = PostForm(fetcher, opened.request, oid4vc::DirectPostForm(response), options, sent);
  log["outcome"] = posted ? "sent" : "sent, no answer: " + posted.error().message();
  log["verifier_status"] = sent.verifier_status;
  if (Status updated = vault.Replace(sent.share_record_id, log); !updated) return std::unexpected(updated.error());
  if (!posted) return std::unexpected(posted.error());
  if (sent.verifier_status != 200) {
    return Fail(ErrorCode::kFailedPrecondition,
                "response: the verifier refused the answer (HTTP " + std::to_string(sent.verifier_status) + ")");
  }
  return sent;
}

Result<SentShare> DeclineRequest(http::HttpFetcher& fetcher, UnlockedVault& vault, const OpenedRequest& opened,
                                 const RespondOptions& options) {
  if (options.clock == nullptr) return Fail(ErrorCode::kInternal, "RespondOptions.clock is required");
  SentShare sent;
  VAARDIG_RETURN_IF_ERROR(PostForm(fetcher, opened.request,
                                   oid4vc::DirectPostForm(oid4vc::VpErrorResponse{
                                       .error = "access_denied", .error_description = std::nullopt,
                                       .state = opened.request.state}),
                                   options, sent));
  VAARDIG_ASSIGN_OR_RETURN(std::string id,
                           vault.Put(RecordKind::kHistory, Json{{"event", "share.declined"},
                                                                {"at", options.clock->NowSeconds()},
                                                                {"verifier", opened.verifier},
                                                                {"verifier_status", sent.verifier_status}}));
  sent.share_record_id = std::move(id);
  return sent;
}

}  // namespace vaardig::wallet
