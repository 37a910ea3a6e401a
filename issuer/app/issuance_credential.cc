// The credential step of issuance.h: IssueCredential (OpenID4VCI credential endpoint) and
// IssueGivenCredential (VCALM /credentials/issue). Both record the credential in the transaction
// that allocates its status entries and signs it.
#include <optional>

#include "core/crypto/hash.h"
#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/proof.h"
#include "core/encoding/base64url.h"
#include "core/vc/credential.h"
#include "issuer/app/credential_builder.h"
#include "issuer/app/issuance.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/status_registry.h"

namespace vaardig::issuer {
namespace {

constexpr std::size_t kMaxTokenChars = 256;
constexpr std::string_view kVcalmConfiguration = "vcalm";
constexpr std::string_view kAlreadyIssued = "this credential was already issued for this offer";

// The cause (a database message, a key problem) is for the operator, not for the wallet.
oid4vc::OAuthError ServerError(const Error&) {
  return oid4vc::OAuthError{std::string(oid4vc::errors::kServerError), "the issuer could not complete the request", 500};
}

bool Offers(const std::string& configurations_json, std::string_view id) {
  auto parsed = ParseJson(configurations_json);
  if (!parsed || !parsed->is_array()) return false;
  for (const Json& v : *parsed) {
    if (v.is_string() && v.get<std::string>() == id) return true;
  }
  return false;
}

Result<std::optional<store::Row>> AlreadyIssued(store::Database& db, const std::string& offer_id,
                                                std::string_view configuration_id) {
  return db.QueryOne("SELECT id FROM credentials WHERE offer_id = ? AND configuration_id = ?",
                     {offer_id, std::string(configuration_id)});
}

}  // namespace

oid4vc::OAuthResult<store::Row> CheckGrant(IssuerApp& app, std::string_view access_token,
                                           std::string_view configuration_id) {
  using namespace oid4vc;
  if (access_token.empty()) return OAuthFail(errors::kInvalidToken, "the access token is missing", 401);
  if (access_token.size() > kMaxTokenChars) return OAuthFail(errors::kInvalidToken, "the access token is unknown", 401);
  auto offer = app.db().QueryOne("SELECT id, configuration_ids, access_token_expires_at, person_id, claim_id, "
                                 "skill_id, level, confirmed_by FROM credential_offers "
                                 "WHERE access_token_hash = ? AND state = 'redeemed'",
                                 {Sha256Hex(access_token)});
  if (!offer) return std::unexpected(ServerError(offer.error()));
  if (!*offer) return OAuthFail(errors::kInvalidToken, "the access token is unknown", 401);
  const store::Row o = **offer;
  if (o.Text("access_token_expires_at") <= app.Now()) {
    return OAuthFail(errors::kInvalidToken, "the access token has expired", 401);
  }
  const bool sd_jwt = configuration_id == kSkillSdJwtConfiguration;
  if ((!sd_jwt && configuration_id != kSkillBadgeConfiguration) || !Offers(o.Text("configuration_ids"), configuration_id)) {
    return OAuthFail(errors::kUnknownCredentialConfiguration,
                     "credential_configuration_id is not one the offer holds");
  }
  const std::string offer_id = o.Text("id");
  // Cheap check first: a repeated request should not cost a signature.
  auto issued = AlreadyIssued(app.db(), offer_id, configuration_id);
  if (!issued) return std::unexpected(ServerError(issued.error()));
  if (*issued) return OAuthFail(errors::kCredentialRequestDenied, std::string(kAlreadyIssued));
  return o;
}

oid4vc::OAuthResult<IssuedCredential> IssueCredential(IssuerApp& app, const KeyVault& vault,
                                                      std::string_view access_token,
                                                      std::string_view configuration_id, const HolderKey& holder,
                                                      const CheckedNonce& nonce) {
  using namespace oid4vc;
  auto grant = CheckGrant(app, access_token, configuration_id);
  if (!grant) return std::unexpected(grant.error());
  const store::Row o = *grant;
  const bool sd_jwt = configuration_id == kSkillSdJwtConfiguration;
  const std::string offer_id = o.Text("id");
  const std::string denied(kAlreadyIssued);

  auto key = GetOrCreateIssuerKey(app, vault, sd_jwt ? IssuerKeyPurpose::kSdJwt : IssuerKeyPurpose::kDataIntegrity);
  if (!key) return std::unexpected(ServerError(key.error()));

  // An SD-JWT VC carries only its Token Status List reference. So a free index is picked ahead
  // (read, not written) and the credential signed before the database's writer is taken — the
  // signature was a third of the time the writer was held per credential — and the transaction
  // then claims that index. When it was taken meanwhile (another issuance picked it too; rare),
  // the transaction allocates and signs as for a badge. Failures here only mean that fallback.
  struct Presigned {
    TokenStatusPick pick;
    CredentialTimes times;
    std::string credential_id;
    std::string serialized;
  };
  std::optional<Presigned> presigned;
  const auto presign = [&]() -> std::optional<Presigned> {
    auto pick = PickTokenStatus(app.db(), app.settings());
    if (!pick || !*pick) return std::nullopt;
    auto facts = LoadSkillFacts(app.db(), offer_id);
    if (!facts) return std::nullopt;
    const CredentialTimes times = CredentialTimesFor(app.settings(), app.clock().NowSeconds());
    StatusAllocation status;
    status.token = (*pick)->reference;
    auto serialized = SignSkillSdJwt(app.settings(), *facts, holder, status, times, *key);
    if (!serialized) return std::nullopt;
    return Presigned{.pick = **pick, .times = times, .credential_id = NewCredentialId(),
                     .serialized = std::move(*serialized)};
  };
  if (sd_jwt) presigned = presign();

  std::optional<OAuthError> refused;
  IssuedCredential out;
  auto done = app.db().InTransaction([&](store::Database& tx) -> Status {
    // Serialised with every other issuance: the check above may be stale by now.
    VAARDIG_ASSIGN_OR_RETURN(auto again, AlreadyIssued(tx, offer_id, configuration_id));
    if (again) {
      refused = OAuthError{std::string(errors::kCredentialRequestDenied), denied, 400};
      return {};
    }
    // The c_nonce is used up with the credential: a second use finds its row (primary key). It is
    // checked for expiry again here, under the write lock: the rows of expired nonces are
    // forgotten below, so an expired nonce must never get this far.
    if (nonce.expires_at <= app.Now()) {
      refused = OAuthError{std::string(errors::kInvalidNonce), "c_nonce has expired: fetch a new one from the nonce endpoint", 400};
      return {};
    }
    VAARDIG_RETURN_IF_ERROR(tx.Execute("DELETE FROM nonces WHERE expires_at <= ?", {app.Now()}));
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t used,
                             tx.Execute("INSERT INTO nonces (value_hash, expires_at) VALUES (?, ?) "
                                        "ON CONFLICT (value_hash) DO NOTHING",
                                        {nonce.hash, nonce.expires_at}));
    if (used != 1) {
      refused = OAuthError{std::string(errors::kInvalidNonce),
                           "c_nonce was used already: fetch a new one from the nonce endpoint", 400};
      return {};
    }
    std::string serialized;
    std::optional<CredentialTimes> times;
    std::optional<StatusAllocation> status;
    if (presigned) {
      auto claimed = AllocateStatus(tx, app.settings(), presigned->credential_id,
                                    FormatUtc(presigned->times.issued_at), presigned->pick);
      if (claimed) {
        status = std::move(*claimed);
        times = presigned->times;
        out.credential_id = presigned->credential_id;
        serialized = presigned->serialized;
        out.format = "dc+sd-jwt";
        out.credential = serialized;
      } else if (claimed.error().code() != ErrorCode::kAborted) {
        return std::unexpected(claimed.error());
      }
    }
    if (!status) {
      VAARDIG_ASSIGN_OR_RETURN(SkillFacts facts, LoadSkillFacts(tx, offer_id));
      times = CredentialTimesFor(app.settings(), app.clock().NowSeconds());
      out.credential_id = NewCredentialId();
      VAARDIG_ASSIGN_OR_RETURN(status, AllocateStatus(tx, app.settings(), out.credential_id, FormatUtc(times->issued_at)));
      if (sd_jwt) {
        VAARDIG_ASSIGN_OR_RETURN(serialized, SignSkillSdJwt(app.settings(), facts, holder, *status, *times, *key));
        out.format = "dc+sd-jwt";
        out.credential = serialized;
      } else {
        VAARDIG_ASSIGN_OR_RETURN(Json badge,
                                 SignSkillBadge(app.settings(), facts, holder, *status, *times, *key, out.credential_id));
        serialized = DumpJson(badge);
        out.format = "ldp_vc";
        out.credential = std::move(badge);
      }
    }
    const std::string sha256 = Sha256Hex(serialized);
    const std::string holder_id = holder.did ? *holder.did : holder.jwk.Thumbprint();
    VAARDIG_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO credentials (id, person_id, offer_id, claim_id, skill_id, level, confirmed_by, configuration_id, "
        "format, holder, issuer_kid, credential_sha256, state, issued_at, valid_until) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?)",
        {out.credential_id, o.Int("person_id"), offer_id, o.at(4), o.Text("skill_id"), o.Int("level"), o.at(7),
         std::string(configuration_id), out.format, holder_id, key->kid, sha256, FormatUtc(times->issued_at),
         FormatUtc(times->valid_until)}));
    Json details{{"offer", offer_id},          {"configuration", std::string(configuration_id)}, {"format", out.format},
                 {"skill", o.Text("skill_id")}, {"level", o.Int("level")},           {"kid", key->kid},
                 {"sha256", sha256},            {"token_status_idx", status->token.idx}};
    return AuditLog::Append(tx, app.clock(), "person:" + std::to_string(o.Int("person_id")), "credential.issue",
                            "credential:" + out.credential_id, details);
  });
  if (!done) {
    // The UNIQUE (offer_id, configuration_id) constraint: another request won the race.
    if (done.error().code() == ErrorCode::kAlreadyExists) return OAuthFail(errors::kCredentialRequestDenied, denied);
    return std::unexpected(ServerError(done.error()));
  }
  if (refused) return std::unexpected(std::move(*refused));
  return out;
}

Result<IssuedCredential> IssueGivenCredential(IssuerApp& app, const KeyVault& vault, std::string_view actor,
                                              const Json& credential, bool with_status) {
  if (!credential.is_object()) return Fail(ErrorCode::kInvalidArgument, "credential: must be a JSON object");
  VAARDIG_ASSIGN_OR_RETURN(std::string issuer_did, IssuerDid(app.settings()));
  Json document = credential;
  if (document.contains("proof")) return Fail(ErrorCode::kInvalidArgument, "credential.proof: must be absent");
  if (document.contains("credentialStatus") && with_status) {
    return Fail(ErrorCode::kInvalidArgument, "credential.credentialStatus: give it or ask for it, not both");
  }
  // The issuer is this issuer's DID; a Profile object keeps its other members.
  if (document.contains("issuer") && document["issuer"].is_object()) {
    document["issuer"]["id"] = issuer_did;
  } else {
    document["issuer"] = issuer_did;
  }
  const std::string now = app.Now();
  if (!document.contains("id")) document["id"] = NewCredentialId();
  if (!document.contains("validFrom")) document["validFrom"] = now;
  if (!document["id"].is_string()) return Fail(ErrorCode::kInvalidArgument, "credential.id: must be a string");
  const std::string credential_id = document["id"].get<std::string>();
  if (credential_id.size() > 512) return Fail(ErrorCode::kInvalidArgument, "credential.id: longer than 512 characters");
  VAARDIG_ASSIGN_OR_RETURN(IssuerSigningKey key, GetOrCreateIssuerKey(app, vault, IssuerKeyPurpose::kDataIntegrity));
  if (!key.ed25519) return Fail(ErrorCode::kInternal, "the data-integrity key is not an Ed25519 key");

  IssuedCredential out;
  out.credential_id = credential_id;
  out.format = "ldp_vc";
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    if (with_status) {
      VAARDIG_ASSIGN_OR_RETURN(StatusAllocation status, AllocateStatus(tx, app.settings(), credential_id, now));
      document["credentialStatus"] = Json::array(
          {status::MakeBitstringStatusEntry(status.revocation), status::MakeBitstringStatusEntry(status.suspension)});
    }
    if (auto valid = vc::ParseCredential(document); !valid) {
      return Fail(ErrorCode::kInvalidArgument, "credential: " + valid.error().message());
    }
    dataintegrity::ProofOptions options;
    options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
    options.verification_method = key.verification_method;
    options.proof_purpose = "assertionMethod";
    options.created = now;
    auto signed_credential = dataintegrity::AddProof(document, options, *key.ed25519);
    if (!signed_credential) {
      return Fail(ErrorCode::kInvalidArgument, "credential: cannot be signed: " + signed_credential.error().message());
    }
    out.credential = std::move(*signed_credential);
    const std::string sha256 = Sha256Hex(DumpJson(out.credential));
    auto inserted = tx.Execute(
        "INSERT INTO credentials (id, configuration_id, format, issuer_kid, credential_sha256, state, issued_at, "
        "valid_until) VALUES (?, ?, 'ldp_vc', ?, ?, 'valid', ?, ?)",
        {credential_id, std::string(kVcalmConfiguration), key.kid, sha256, now,
         document.contains("validUntil") && document["validUntil"].is_string()
             ? store::Value(document["validUntil"].get<std::string>())
             : store::Value(nullptr)});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, "credential.id: a credential with this id was already issued");
    }
    if (!inserted) return std::unexpected(inserted.error());
    return AuditLog::Append(tx, app.clock(), actor, "credential.issue", "credential:" + credential_id,
                            Json{{"configuration", std::string(kVcalmConfiguration)}, {"format", "ldp_vc"}, {"kid", key.kid},
                                 {"sha256", sha256}, {"status", with_status}});
  }));
  return out;
}

}  // namespace vaardig::issuer
