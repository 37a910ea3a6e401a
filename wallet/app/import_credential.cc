#include "wallet/app/import_credential.h"

#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/oid4vc/metadata.h"
#include "wallet/app/internal/collect_steps.h"

namespace vaardig::wallet {
namespace {

std::string Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// The vault's holder key record whose public key (or DID) matches, or "".
Result<std::string> MatchingHolderKey(const UnlockedVault& vault, const Json& cnf_jwk, std::string_view subject_did) {
  VAARDIG_ASSIGN_OR_RETURN(const VaultListing keys, vault.List(RecordKind::kHolderKey));
  for (const VaultRecord& record : keys.records) {
    if (!record.content.is_object() || !record.content.contains("jwk")) continue;
    if (!subject_did.empty() && record.content.value("did", "") == subject_did) return record.id;
    auto key = jose::PrivateJwk::Parse(record.content["jwk"]);
    if (!key) continue;
    if (!cnf_jwk.is_null()) {
      auto wanted = jose::PublicJwk::Parse(cnf_jwk);
      if (wanted && *wanted == key->public_jwk()) return record.id;
    }
  }
  return std::string();
}

}  // namespace

Result<ImportedCredential> ImportCredential(http::HttpFetcher& fetcher, UnlockedVault& vault, std::string_view input,
                                            const ImportOptions& options) {
  if (options.clock == nullptr) return Fail(ErrorCode::kInvalidArgument, "ImportOptions.clock is required");
  if (input.size() > kMaxImportBytes) return Fail(ErrorCode::kResourceExhausted, "import: larger than 256 KiB");
  std::string text = Trimmed(input);
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "import: nothing to import");
  const internal::ReceiptContext context{.fetcher = &fetcher, .clock = options.clock,
                                         .allow_http_for_loopback = options.allow_http_for_loopback,
                                         .timeout = options.timeout};
  ImportedCredential out;
  internal::ReceivedCredential received;
  std::string holder_key_id;
  if (text.front() == '{') {
    auto json = ParseJson(text, {.max_bytes = kMaxImportBytes, .max_depth = 64});
    if (!json || !json->is_object()) return Fail(ErrorCode::kInvalidArgument, "import: not a JSON credential (an Open Badge file)");
    auto verified = internal::VerifyOpenBadgeOnReceipt(*json, nullptr, context);
    if (!verified) return std::unexpected(verified.error().WithContext("import: the Open Badge"));
    received = std::move(*verified);
    out.format = "ldp_vc";
    Json subject = json->value("credentialSubject", Json());
    if (subject.is_array() && !subject.empty()) subject = subject[0];
    const std::string subject_id = subject.is_object() ? subject.value("id", "") : "";
    if (!subject_id.empty()) {
      VAARDIG_ASSIGN_OR_RETURN(holder_key_id, MatchingHolderKey(vault, Json(), subject_id));
    }
  } else {
    // A presentation's KB-JWT (after the last ~) is not part of the credential.
    const std::size_t last_tilde = text.rfind('~');
    if (last_tilde == std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "import: neither an Open Badge (JSON) nor an SD-JWT VC (with ~)");
    }
    text.resize(last_tilde + 1);
    oid4vc::CredentialConfiguration any;
    any.format = "dc+sd-jwt";
    auto verified = internal::VerifySdJwtVcOnReceipt(Json(text), any, nullptr, context);
    if (!verified) return std::unexpected(verified.error().WithContext("import: the SD-JWT VC"));
    received = std::move(*verified);
    out.format = "dc+sd-jwt";
    // cnf.jwk, read from the (verified) credential's payload.
    const std::size_t dot1 = text.find('.');
    const std::size_t dot2 = text.find('.', dot1 + 1);
    Json cnf;
    if (dot1 != std::string::npos && dot2 != std::string::npos) {
      if (auto payload = encoding::Base64UrlDecodeToString(std::string_view(text).substr(dot1 + 1, dot2 - dot1 - 1))) {
        if (auto claims = ParseJson(*payload); claims && claims->is_object() && (*claims)["cnf"].is_object()) {
          cnf = (*claims)["cnf"].value("jwk", Json());
        }
      }
    }
    VAARDIG_ASSIGN_OR_RETURN(holder_key_id, MatchingHolderKey(vault, cnf, ""));
  }
  if (received.status == "revoked" || received.status == "suspended") {
    return Fail(ErrorCode::kFailedPrecondition, "import: the issuer has " + received.status + " this credential; not stored");
  }
  // The same credential twice is one credential.
  VAARDIG_ASSIGN_OR_RETURN(const VaultListing held, vault.List(RecordKind::kCredential));
  for (const VaultRecord& r : held.records) {
    if (r.content.is_object() && r.content.value("credential", Json()) == received.credential) {
      return Fail(ErrorCode::kAlreadyExists, "import: the wallet already holds this credential (" + r.id + ")");
    }
  }
  const std::int64_t now = options.clock->NowSeconds();
  Json record{{"format", out.format},
              {"credential", received.credential},
              {"issuer", received.issuer},
              {"display", {{"nl", {{"name", out.format == "ldp_vc" ? "Badge (geïmporteerd)" : "Vaardigheid (geïmporteerd)"}}},
                           {"en", {{"name", out.format == "ldp_vc" ? "Badge (imported)" : "Skill (imported)"}}}}},
              {"imported", true},
              {"received_at", now},
              {"status", {{"state", received.status}, {"checked_at", now}}}};
  if (received.status_detail) record["status"]["detail"] = *received.status_detail;
  if (received.expires_at) record["expires_at"] = *received.expires_at;
  if (!holder_key_id.empty()) {
    record["holder_key_id"] = holder_key_id;
  } else {
    record["view_only"] = true;
  }
  VAARDIG_ASSIGN_OR_RETURN(out.record_id, vault.Put(RecordKind::kCredential, record));
  const Json history{{"event", "imported"}, {"credential_id", out.record_id}, {"status", received.status}, {"at", now}};
  if (auto put = vault.Put(RecordKind::kHistory, history); !put) {
    (void)vault.Delete(out.record_id);
    return std::unexpected(put.error().WithContext("storing the history entry"));
  }
  out.issuer = received.issuer;
  out.status = received.status;
  out.view_only = holder_key_id.empty();
  return out;
}

}  // namespace vaardig::wallet

namespace vaardig::wallet {

Result<StatusRefresh> RefreshStatuses(http::HttpFetcher& fetcher, UnlockedVault& vault, const ImportOptions& options) {
  if (options.clock == nullptr) return Fail(ErrorCode::kInvalidArgument, "ImportOptions.clock is required");
  const internal::ReceiptContext context{.fetcher = &fetcher, .clock = options.clock,
                                         .allow_http_for_loopback = options.allow_http_for_loopback,
                                         .timeout = options.timeout};
  VAARDIG_ASSIGN_OR_RETURN(const VaultListing listing, vault.List(RecordKind::kCredential));
  StatusRefresh out;
  const std::int64_t now = options.clock->NowSeconds();
  for (const VaultRecord& record : listing.records) {
    const Json& content = record.content;
    if (!content.is_object() || content.value("self_declared", false)) continue;
    const Json status = content.value("status", Json::object());
    const std::string before = status.is_object() ? status.value("state", "") : "";
    if (before == "none") continue;  // no status entry: nothing to check
    const std::string format = content.value("format", "");
    Result<internal::ReceivedCredential> again = Fail(ErrorCode::kInvalidArgument, "unknown format");
    if (format == "dc+sd-jwt") {
      oid4vc::CredentialConfiguration any;
      any.format = "dc+sd-jwt";
      again = internal::VerifySdJwtVcOnReceipt(content.value("credential", Json()), any, nullptr, context);
    } else if (format == "ldp_vc") {
      again = internal::VerifyOpenBadgeOnReceipt(content.value("credential", Json()), nullptr, context);
    } else {
      continue;
    }
    ++out.checked;
    Json next = content;
    Json next_status = Json{{"state", before}, {"checked_at", now}};
    if (!again) {
      // Expired or no longer verifying is a state of its own; an unreachable list changes nothing.
      if (again.error().code() == ErrorCode::kUnavailable || again.error().code() == ErrorCode::kDeadlineExceeded) {
        ++out.unreachable;
        next_status["detail"] = "could not check: " + again.error().message();
        next_status["checked_at"] = status.value("checked_at", now);
      } else {
        next_status["state"] = "invalid";
        next_status["detail"] = again.error().message();
      }
    } else if (again->status == "unchecked") {
      // The list could not be fetched: the last known state stays, with when it was known.
      ++out.unreachable;
      next_status["state"] = before.empty() ? "unchecked" : before;
      next_status["checked_at"] = status.value("checked_at", now);
      next_status["detail"] = "could not check: " + again->status_detail.value_or("the status list was out of reach");
    } else {
      next_status["state"] = again->status;
      if (again->status_detail) next_status["detail"] = *again->status_detail;
    }
    if (next_status["state"] != before) ++out.changed;
    next["status"] = std::move(next_status);
    VAARDIG_RETURN_IF_ERROR(vault.Replace(record.id, next));
  }
  return out;
}

}  // namespace vaardig::wallet
