// Verification on receipt (collect.h step 5): a credential is stored only after these checks.
#include <string>
#include <utility>

#include "core/dataintegrity/cryptosuite.h"
#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/verification_key.h"
#include "core/dataintegrity/verify.h"
#include "core/did/issuer_keys.h"
#include "core/did/resolver.h"
#include "core/oid4vc/offer.h"
#include "core/sdjwt/vc.h"
#include "core/status/bitstring_status_list_credential.h"
#include "core/status/status_list_client.h"
#include "wallet/app/internal/collect_steps.h"

namespace vaardig::wallet::internal {
namespace {

bool CouldNotCheck(const Error& error) {
  return error.code() == ErrorCode::kUnavailable || error.code() == ErrorCode::kDeadlineExceeded;
}

Status CheckFetchableUrl(std::string_view url, const ReceiptContext& context, std::string_view what) {
  const bool https = url.starts_with("https://");
  if (!oid4vc::IsAcceptableHttpsUrl(url) || (!https && !context.allow_http_for_loopback)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " must be an https URL");
  }
  return {};
}

did::ResolverOptions ResolverOptionsFor(const ReceiptContext& context) {
  return {.allow_http_for_loopback = context.allow_http_for_loopback, .clock = context.clock};
}

// cnf (RFC 7800) must name the holder key the proof was signed with: as a jwk, or as a kid that
// is our DID URL.
Status CheckCnf(const Json& claims, const HolderKey& holder) {
  const auto cnf = claims.find("cnf");
  if (cnf == claims.end() || !cnf->is_object()) {
    return Fail(ErrorCode::kPermissionDenied, "the credential is not bound to our key (no cnf)");
  }
  if (const auto jwk = cnf->find("jwk"); jwk != cnf->end()) {
    auto key = jose::PublicJwk::Parse(*jwk);
    if (key && *key == holder.key.public_jwk()) return {};
  } else if (const auto kid = cnf->find("kid"); kid != cnf->end() && kid->is_string()) {
    if (*kid == holder.kid || *kid == holder.did) return {};
  }
  return Fail(ErrorCode::kPermissionDenied, "cnf names another key than the holder key we proved");
}

}  // namespace

Result<ReceivedCredential> VerifySdJwtVcOnReceipt(const Json& credential,
                                                  const oid4vc::CredentialConfiguration& config,
                                                  const HolderKey* holder, const ReceiptContext& context) {
  if (!credential.is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "a dc+sd-jwt credential must be a string");
  }
  did::DidResolver dids(context.fetcher, ResolverOptionsFor(context));
  did::IssuerKeyResolver keys(dids, context.fetcher,
                              {.allow_http_for_loopback = context.allow_http_for_loopback, .clock = context.clock});
  const sdjwt::IssuerKeyLookup lookup = [&keys](const Json& header, const Json& payload) {
    return keys.Find(header, payload);
  };
  sdjwt::SdJwtVerifyPolicy policy;
  policy.clock = context.clock;
  policy.accepted_typ = {std::string(sdjwt::kSdJwtVcTyp), std::string(sdjwt::kLegacySdJwtVcTyp)};
  VAARDIG_ASSIGN_OR_RETURN(const sdjwt::VerifiedSdJwt verified,
                           sdjwt::VerifySdJwtVc(credential.get<std::string>(), lookup, policy));
  const Json& claims = verified.claims();
  ReceivedCredential out{.credential = credential, .issuer = claims["iss"].get<std::string>(), .status = "none"};
  if (config.vct && claims["vct"] != *config.vct) {
    return Fail(ErrorCode::kInvalidArgument, "vct is not the one of the offered configuration");
  }
  if (holder != nullptr) VAARDIG_RETURN_IF_ERROR(CheckCnf(claims, *holder));
  if (const auto exp = claims.find("exp"); exp != claims.end() && exp->is_number_integer()) {
    out.expires_at = exp->get<std::int64_t>();
  }

  auto reference = status::ReadStatusReference(claims);
  if (!reference) {
    if (reference.error().code() == ErrorCode::kNotFound) return out;
    return std::unexpected(reference.error().WithContext("status"));
  }
  VAARDIG_RETURN_IF_ERROR(CheckFetchableUrl(reference->uri, context, "status.status_list.uri"));
  // The list must be signed by the credential's issuer: resolve its key as if iss were the
  // credential's, whatever the list token says.
  const std::string iss = out.issuer;
  status::StatusListClient client(
      *context.fetcher, *context.clock,
      [&keys, iss](const Json& header, const Json& list_claims) {
        Json as_issuer = list_claims.is_object() ? list_claims : Json::object();
        as_issuer["iss"] = iss;
        return keys.Find(header, as_issuer);
      },
      {.fetch_limits = {.max_body = 2 << 20, .timeout = context.timeout}});
  auto check = client.Check(*reference);
  if (!check) {
    if (!CouldNotCheck(check.error())) return std::unexpected(check.error().WithContext("status"));
    out.status = "unchecked";
    out.status_detail = check.error().message();
    return out;
  }
  out.status = check->status == 0 ? "valid" : check->status == 1 ? "revoked" : check->status == 2 ? "suspended"
                                                                                                    : "unchecked";
  if (check->status > 2) out.status_detail = "application-specific status " + std::to_string(check->status);
  return out;
}

Result<ReceivedCredential> VerifyOpenBadgeOnReceipt(const Json& credential, const HolderKey* holder,
                                                    const ReceiptContext& context) {
  if (!credential.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "an ldp_vc credential must be a JSON object");
  }
  did::DidResolver dids(context.fetcher, ResolverOptionsFor(context));
  const dataintegrity::VerificationKeyLookup lookup = dataintegrity::DidVerificationKeyLookup(dids);
  dataintegrity::VerifyPolicy policy{.clock = context.clock};
  VAARDIG_ASSIGN_OR_RETURN(
      const dataintegrity::ProofSetVerification verification,
      dataintegrity::VerifyProofs(credential, lookup, dataintegrity::BundledJsonLdCanonicalizer(), policy));
  VAARDIG_RETURN_IF_ERROR(verification.status());

  const Json& issuer = credential.contains("issuer") ? credential["issuer"] : Json();
  const Json& issuer_id = issuer.is_object() && issuer.contains("id") ? issuer["id"] : issuer;
  if (!issuer_id.is_string() || !issuer_id.get<std::string>().starts_with("did:")) {
    return Fail(ErrorCode::kInvalidArgument, "issuer must be a DID (or an object whose id is one)");
  }
  ReceivedCredential out{.credential = credential, .issuer = issuer_id.get<std::string>(), .status = "none"};
  for (const dataintegrity::ProofResult& proof : verification.proofs()) {
    if (proof.verification_method.substr(0, proof.verification_method.find('#')) != out.issuer) {
      return Fail(ErrorCode::kPermissionDenied, "a proof was made by another DID than the issuer");
    }
  }
  if (const auto until = credential.find("validUntil"); until != credential.end()) {
    if (!until->is_string()) return Fail(ErrorCode::kInvalidArgument, "validUntil must be a string");
    VAARDIG_ASSIGN_OR_RETURN(const std::int64_t valid_until,
                             dataintegrity::ParseDateTimeStamp(until->get<std::string>()));
    if (valid_until <= context.clock->NowSeconds()) {
      return Fail(ErrorCode::kFailedPrecondition, "the credential expired (validUntil has passed)");
    }
    out.expires_at = valid_until;
  }
  const Json& subject = credential.contains("credentialSubject") ? credential["credentialSubject"] : Json();
  if (holder != nullptr && (!subject.is_object() || subject.value("id", "") != holder->did)) {
    return Fail(ErrorCode::kPermissionDenied, "credentialSubject.id is not our DID");
  }

  const Json& status_member = credential.contains("credentialStatus") ? credential["credentialStatus"] : Json();
  if (status_member.is_null()) return out;
  const Json entries = status_member.is_array() ? status_member : Json::array({status_member});
  status::BitstringStatusChecker checker(*context.fetcher, *context.clock, lookup,
                                         {.fetch_limits = {.max_body = 1 << 20, .timeout = context.timeout}});
  out.status = "valid";
  for (const Json& entry_json : entries) {
    VAARDIG_ASSIGN_OR_RETURN(const status::BitstringStatusEntry entry, status::ReadBitstringStatusEntry(entry_json));
    VAARDIG_RETURN_IF_ERROR(CheckFetchableUrl(entry.status_list_credential, context, "statusListCredential"));
    auto checked = checker.Check(entry, out.issuer);
    if (!checked) {
      if (!CouldNotCheck(checked.error())) return std::unexpected(checked.error().WithContext("status"));
      out.status = "unchecked";
      out.status_detail = checked.error().message();
      continue;
    }
    if (!checked->valid) {
      out.status = entry.status_purpose == "suspension" ? "suspended" : "revoked";
      return out;
    }
  }
  return out;
}

}  // namespace vaardig::wallet::internal
