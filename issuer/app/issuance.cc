#include "issuer/app/issuance.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/crypto/aead.h"
#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/oid4vc/offer.h"
#include "issuer/app/credential_builder.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/status_registry.h"

namespace vaardig::issuer {
namespace {

constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kMaxSecretChars = 256;  // codes, tokens and nonces we hand out are 43 characters

// c_nonce: expiry (seconds, big-endian) ‖ random, sealed; bound to this issuer's identifier.
constexpr std::size_t kNonceExpiryBytes = 8;
constexpr std::size_t kNonceRandomBytes = 16;
constexpr std::string_view kNonceKeyContext = "c_nonce1";  // crypto_kdf context: exactly 8 characters

std::string NonceAad(IssuerApp& app) { return "vaardig c_nonce v1\n" + CredentialIssuerId(app.settings()); }

std::string RandomSecret() { return encoding::Base64UrlEncode(crypto::RandomBytes(kSecretBytes)); }

std::string RandomPin() {
  std::string pin;
  for (int i = 0; i < kTxCodeLength; ++i) pin.push_back(static_cast<char>('0' + crypto::RandomUniform(10)));
  return pin;
}

// The offer's database id and its pre-authorized code both derive from the secret in its
// credential_offer_uri, so the by-reference offer can be served again while the database holds
// hashes only (a copy of the database yields no code).
std::string OfferDbId(std::string_view offer_secret) { return Sha256Hex("vaardig offer id\n" + std::string(offer_secret)); }
std::string CodeOf(std::string_view offer_secret) {
  const std::string input = "vaardig pre-authorized code\n" + std::string(offer_secret);
  return encoding::Base64UrlEncode(crypto::Sha256(AsBytes(input)));
}
std::string TxCodeHash(std::string_view offer_db_id, std::string_view pin) {
  return Sha256Hex(std::string(offer_db_id) + "\n" + std::string(pin));
}

std::vector<std::string> AllConfigurations() {
  return {std::string(kSkillSdJwtConfiguration), std::string(kSkillBadgeConfiguration)};
}

Json OfferJson(const IssuerSettings& settings, std::string_view offer_secret,
               const std::vector<std::string>& configurations) {
  oid4vc::CredentialOffer offer;
  offer.credential_issuer = CredentialIssuerId(settings);
  offer.credential_configuration_ids = configurations;
  offer.pre_authorized_code = oid4vc::PreAuthorizedCodeGrant{
      CodeOf(offer_secret),
      oid4vc::TxCode{std::string("numeric"), kTxCodeLength,
                     std::string("De pincode van 6 cijfers die bij de QR-code werd getoond")}};
  return oid4vc::CredentialOfferToJson(offer);
}

struct OfferInput {
  std::int64_t person_id = 0;
  std::optional<std::int64_t> claim_id;
  std::optional<std::int64_t> endorsement_id;
  std::string skill_id;
  int level = 0;
  std::optional<std::int64_t> confirmed_by;
  std::string actor;
};

store::Value Nullable(const std::optional<std::int64_t>& v) { return v ? store::Value(*v) : store::Value(nullptr); }

// Inside `tx`: cancels the unredeemed offers this one replaces, stores the new one, audits it.
Result<NewOffer> InsertOffer(IssuerApp& app, store::Database& tx, const OfferInput& in) {
  const std::int64_t now = app.clock().NowSeconds();
  Result<std::int64_t> cancelled =
      in.claim_id ? tx.Execute("UPDATE credential_offers SET state = 'cancelled' WHERE claim_id = ? AND state = 'offered'",
                               {*in.claim_id})
                  : tx.Execute("UPDATE credential_offers SET state = 'cancelled' WHERE claim_id IS NULL AND "
                               "person_id = ? AND skill_id = ? AND state = 'offered'",
                               {in.person_id, in.skill_id});
  if (!cancelled) return std::unexpected(cancelled.error());

  NewOffer out;
  out.offer_id = RandomSecret();
  out.pre_authorized_code = CodeOf(out.offer_id);
  out.tx_code = RandomPin();
  const std::vector<std::string> configurations = AllConfigurations();
  out.offer = OfferJson(app.settings(), out.offer_id, configurations);
  out.offer_uri = CredentialIssuerId(app.settings()) + "/credential-offer/" + out.offer_id;
  out.expires_at = FormatUtc(now + kOfferTtlSeconds);
  const std::string db_id = OfferDbId(out.offer_id);
  VAARDIG_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO credential_offers (id, person_id, claim_id, endorsement_id, skill_id, level, confirmed_by, "
      "configuration_ids, pre_authorized_code_hash, tx_code_hash, state, created_by, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'offered', ?, ?, ?)",
      {db_id, in.person_id, Nullable(in.claim_id), Nullable(in.endorsement_id), in.skill_id, std::int64_t{in.level},
       Nullable(in.confirmed_by), DumpJson(Json(configurations)), Sha256Hex(out.pre_authorized_code),
       TxCodeHash(db_id, out.tx_code), in.actor, FormatUtc(now), out.expires_at}));
  Json details{{"person", in.person_id}, {"skill", in.skill_id}, {"level", in.level},
               {"configurations", configurations}, {"cancelled_offers", *cancelled}};
  if (in.claim_id) details["claim"] = *in.claim_id;
  VAARDIG_RETURN_IF_ERROR(AuditLog::Append(tx, app.clock(), in.actor, "offer.create", "offer:" + db_id, details));
  return out;
}

oid4vc::OAuthError ServerError(const Error& error) {
  return oid4vc::OAuthError{std::string(oid4vc::errors::kServerError), error.message(), 500};
}

}  // namespace

Result<SkillFacts> LoadSkillFacts(store::Database& tx, const std::string& offer_db_id) {
  VAARDIG_ASSIGN_OR_RETURN(
      auto row, tx.QueryOne("SELECT p.name AS holder_name, s.id AS skill_id, s.name_nl, s.name_en, s.description_nl, "
                            "s.esco_uri, s.competentnl_uri, s.area, o.level, o.claim_id, o.endorsement_id, o.created_at, "
                            "c.name AS c_name, c.role AS c_role, c.employee_number AS c_number "
                            "FROM credential_offers o JOIN people p ON p.id = o.person_id "
                            "JOIN skills s ON s.id = o.skill_id LEFT JOIN people c ON c.id = o.confirmed_by "
                            "WHERE o.id = ?",
                            {offer_db_id}));
  if (!row) return Fail(ErrorCode::kInternal, "the offer's person or skill is missing");
  SkillFacts facts;
  facts.holder_name = row->Text("holder_name");
  facts.skill_id = row->Text("skill_id");
  facts.skill_name_nl = row->Text("name_nl");
  facts.skill_name_en = row->Text("name_en");
  facts.skill_description_nl = row->Text("description_nl");
  facts.esco_uri = row->OptText("esco_uri").value_or("");
  facts.competentnl_uri = row->OptText("competentnl_uri").value_or("");
  facts.area = row->Text("area");
  facts.level = static_cast<int>(row->Int("level"));
  facts.confirmer_name = row->Text("c_name");
  facts.confirmer_role = row->Text("c_role");
  facts.confirmer_number = row->Text("c_number");
  facts.confirmed_at = row->Text("created_at");
  facts.method = std::string(kMethodLegacy);
  if (auto endorsement_id = row->OptInt("endorsement_id")) {
    VAARDIG_ASSIGN_OR_RETURN(auto e, tx.QueryOne("SELECT e.jws, e.created_at, k.public_jwk FROM endorsements e "
                                                 "LEFT JOIN signing_keys k ON k.kid = e.key_id WHERE e.id = ?",
                                                 {*endorsement_id}));
    if (!e) return Fail(ErrorCode::kInternal, "the offer's endorsement is missing");
    facts.method = std::string(kMethodEndorsement);
    facts.endorsement_jws = e->Text("jws");
    facts.confirmed_at = e->Text("created_at");
    if (auto jwk = e->OptText("public_jwk")) {
      auto key = jose::PublicJwk::Parse(std::string_view(*jwk));
      if (!key) return Fail(ErrorCode::kDataLoss, "the endorser's stored public key does not parse");
      facts.endorser_key = std::move(*key);
    }
  }
  if (auto claim_id = row->OptInt("claim_id")) {
    VAARDIG_ASSIGN_OR_RETURN(auto claim, tx.QueryOne("SELECT self_level FROM claims WHERE id = ?", {*claim_id}));
    if (claim) facts.self_level = static_cast<int>(claim->Int("self_level"));
    VAARDIG_ASSIGN_OR_RETURN(auto evidence,
                             tx.Query("SELECT name, sha256 FROM evidence WHERE claim_id = ? ORDER BY id", {*claim_id}));
    for (const store::Row& r : evidence) facts.evidence.emplace_back(r.Text("name"), r.Text("sha256"));
  }
  return facts;
}

Result<NewOffer> CreateOfferForClaim(IssuerApp& app, const Principal& principal, std::int64_t claim_id) {
  std::optional<NewOffer> result;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto claim,
                             tx.QueryOne("SELECT person_id, skill_id, state FROM claims WHERE id = ?", {claim_id}));
    const std::string name = "claim " + std::to_string(claim_id);
    if (!claim) return Fail(ErrorCode::kNotFound, name + " not found");
    if (claim->Int("person_id") != principal.person_id) {
      return Fail(ErrorCode::kPermissionDenied, "only the owner of " + name + " can have its credential issued");
    }
    if (claim->Text("state") != "confirmed") {
      return Fail(ErrorCode::kFailedPrecondition, name + " is " + claim->Text("state") + ", not confirmed");
    }
    VAARDIG_ASSIGN_OR_RETURN(auto endorsement,
                             tx.QueryOne("SELECT id, level, endorser_id FROM endorsements WHERE claim_id = ? "
                                         "ORDER BY id DESC LIMIT 1",
                                         {claim_id}));
    if (!endorsement) return Fail(ErrorCode::kFailedPrecondition, name + " has no endorsement");
    OfferInput in;
    in.person_id = principal.person_id;
    in.claim_id = claim_id;
    in.endorsement_id = endorsement->Int("id");
    in.skill_id = claim->Text("skill_id");
    in.level = static_cast<int>(endorsement->Int("level"));
    in.confirmed_by = endorsement->Int("endorser_id");
    in.actor = principal.AuditActor();
    VAARDIG_ASSIGN_OR_RETURN(NewOffer offer, InsertOffer(app, tx, in));
    result = std::move(offer);
    return {};
  }));
  return std::move(*result);
}

Result<NewOffer> CreateDirectOffer(IssuerApp& app, std::string_view actor, const DirectIssue& input) {
  if (input.level < 1 || input.level > 3) return Fail(ErrorCode::kInvalidArgument, "level: must be 1, 2 or 3");
  std::optional<NewOffer> result;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    auto person_id = [&](const std::string& number, std::string_view what) -> Result<std::int64_t> {
      VAARDIG_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM people WHERE employee_number = ? AND active = 1",
                                                     {number}));
      if (!row) return Fail(ErrorCode::kNotFound, std::string(what) + ": no active person with that employee number");
      return row->Int(0);
    };
    OfferInput in;
    VAARDIG_ASSIGN_OR_RETURN(in.person_id, person_id(input.employee_number, "employee_number"));
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t confirmer, person_id(input.confirmed_by_number, "confirmed_by_number"));
    VAARDIG_ASSIGN_OR_RETURN(auto skill,
                             tx.QueryOne("SELECT id FROM skills WHERE id = ? AND active = 1", {input.skill_id}));
    if (!skill) return Fail(ErrorCode::kNotFound, "skill_id: no active skill '" + input.skill_id + "'");
    in.skill_id = input.skill_id;
    in.level = input.level;
    in.confirmed_by = confirmer;
    in.actor = std::string(actor);
    VAARDIG_ASSIGN_OR_RETURN(NewOffer offer, InsertOffer(app, tx, in));
    result = std::move(offer);
    return {};
  }));
  return std::move(*result);
}

Result<Json> GetOfferJson(IssuerApp& app, std::string_view offer_id) {
  if (offer_id.empty() || offer_id.size() > kMaxSecretChars) return Fail(ErrorCode::kNotFound, "no such credential offer");
  VAARDIG_ASSIGN_OR_RETURN(auto row, app.db().QueryOne("SELECT configuration_ids FROM credential_offers WHERE id = ? "
                                                       "AND state = 'offered' AND expires_at > ?",
                                                       {OfferDbId(offer_id), app.Now()}));
  if (!row) return Fail(ErrorCode::kNotFound, "no such credential offer, or it can no longer be redeemed");
  auto configurations = ParseJson(row->Text(0));
  if (!configurations || !configurations->is_array()) return Fail(ErrorCode::kDataLoss, "stored offer is malformed");
  std::vector<std::string> ids;
  for (const Json& id : *configurations) {
    if (id.is_string()) ids.push_back(id.get<std::string>());
  }
  return OfferJson(app.settings(), offer_id, ids);
}

oid4vc::OAuthResult<AccessGrant> RedeemPreAuthorizedCode(IssuerApp& app, std::string_view code,
                                                         std::optional<std::string_view> tx_code) {
  using namespace oid4vc;
  if (code.empty()) return OAuthFail(errors::kInvalidRequest, "pre-authorized_code is missing");
  if (code.size() > kMaxSecretChars) return OAuthFail(errors::kInvalidGrant, "the pre-authorized code is unknown");
  std::optional<OAuthError> refused;
  AccessGrant grant;
  auto done = app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto offer, tx.QueryOne("SELECT id, state, expires_at, tx_code_hash, tx_code_failures, "
                                                     "configuration_ids FROM credential_offers "
                                                     "WHERE pre_authorized_code_hash = ?",
                                                     {Sha256Hex(code)}));
    auto refuse = [&](std::string_view error, std::string description) -> Status {
      refused = OAuthError{std::string(error), std::move(description), 400};
      return {};
    };
    if (!offer) return refuse(errors::kInvalidGrant, "the pre-authorized code is unknown");
    const std::string state = offer->Text("state");
    if (state == "redeemed") return refuse(errors::kInvalidGrant, "the pre-authorized code was already used");
    if (state == "burned") return refuse(errors::kInvalidGrant, "the pre-authorized code is blocked after too many wrong tx_code values");
    if (state == "cancelled") return refuse(errors::kInvalidGrant, "the pre-authorized code was replaced by a newer offer");
    const std::string now = app.Now();
    if (offer->Text("expires_at") <= now) return refuse(errors::kInvalidGrant, "the pre-authorized code has expired");
    // OpenID4VCI 1.0 §6.3: a missing Transaction Code is invalid_request; a wrong one invalid_grant.
    if (!tx_code || tx_code->empty()) return refuse(errors::kInvalidRequest, "tx_code is required for this offer");
    const std::string db_id = offer->Text("id");
    if (tx_code->size() > 64 || TxCodeHash(db_id, *tx_code) != offer->Text("tx_code_hash")) {
      const std::int64_t failures = offer->Int("tx_code_failures") + 1;
      const bool burn = failures >= kMaxPinFailures;
      VAARDIG_RETURN_IF_ERROR(tx.Execute("UPDATE credential_offers SET tx_code_failures = ?, state = ? WHERE id = ?",
                                         {failures, std::string(burn ? "burned" : "offered"), db_id}));
      if (burn) {
        VAARDIG_RETURN_IF_ERROR(AuditLog::Append(tx, app.clock(), "system", "offer.burn", "offer:" + db_id,
                                                 Json{{"tx_code_failures", failures}}));
        return refuse(errors::kInvalidGrant, "the tx_code is wrong; the pre-authorized code is now blocked");
      }
      return refuse(errors::kInvalidGrant, "the tx_code is wrong (" + std::to_string(kMaxPinFailures - failures) +
                                               " attempts left)");
    }
    grant.access_token = RandomSecret();
    grant.expires_in = kAccessTokenTtlSeconds;
    VAARDIG_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Execute("UPDATE credential_offers SET state = 'redeemed', access_token_hash = ?, "
                   "access_token_expires_at = ? WHERE id = ? AND state = 'offered'",
                   {Sha256Hex(grant.access_token), FormatUtc(app.clock().NowSeconds() + kAccessTokenTtlSeconds), db_id}));
    if (changed != 1) return refuse(errors::kInvalidGrant, "the pre-authorized code was already used");
    auto configurations = ParseJson(offer->Text("configuration_ids"));
    if (configurations && configurations->is_array()) {
      for (const Json& id : *configurations) {
        if (id.is_string()) grant.configuration_ids.push_back(id.get<std::string>());
      }
    }
    return AuditLog::Append(tx, app.clock(), "wallet", "offer.redeem", "offer:" + db_id);
  });
  if (!done) return std::unexpected(ServerError(done.error()));
  if (refused) return std::unexpected(std::move(*refused));
  return grant;
}

Result<std::string> CreateNonce(IssuerApp& app, const KeyVault& vault) {
  Bytes plain(kNonceExpiryBytes + kNonceRandomBytes);
  const std::uint64_t expires = static_cast<std::uint64_t>(app.clock().NowSeconds() + kNonceTtlSeconds);
  for (std::size_t i = 0; i < kNonceExpiryBytes; ++i) {
    plain[i] = static_cast<std::uint8_t>(expires >> (8 * (kNonceExpiryBytes - 1 - i)));
  }
  const Bytes random = crypto::RandomBytes(kNonceRandomBytes);
  std::copy(random.begin(), random.end(), plain.begin() + kNonceExpiryBytes);
  const std::string aad = NonceAad(app);
  VAARDIG_ASSIGN_OR_RETURN(Bytes sealed, crypto::AeadSeal(vault.DeriveKey(kNonceKeyContext), plain, AsBytes(aad)));
  return encoding::Base64UrlEncode(sealed);
}

oid4vc::OAuthResult<CheckedNonce> CheckNonce(IssuerApp& app, const KeyVault& vault, std::string_view nonce) {
  using namespace oid4vc;
  constexpr std::string_view kUnknown = "c_nonce is unknown: fetch a new one from the nonce endpoint";
  if (nonce.empty() || nonce.size() > kMaxSecretChars) return OAuthFail(errors::kInvalidNonce, std::string(kUnknown));
  auto sealed = encoding::Base64UrlDecode(nonce);
  if (!sealed) return OAuthFail(errors::kInvalidNonce, std::string(kUnknown));
  const std::string aad = NonceAad(app);
  auto opened = crypto::AeadOpen(vault.DeriveKey(kNonceKeyContext), *sealed, AsBytes(aad));
  if (!opened || opened->size() != kNonceExpiryBytes + kNonceRandomBytes) {
    return OAuthFail(errors::kInvalidNonce, std::string(kUnknown));
  }
  std::uint64_t expires = 0;
  const auto plain = opened->Reveal();
  for (std::size_t i = 0; i < kNonceExpiryBytes; ++i) expires = (expires << 8) | plain[i];
  if (expires > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
      static_cast<std::int64_t>(expires) <= app.clock().NowSeconds()) {
    return OAuthFail(errors::kInvalidNonce, "c_nonce has expired: fetch a new one from the nonce endpoint");
  }
  return CheckedNonce{.hash = Sha256Hex(nonce), .expires_at = FormatUtc(static_cast<std::int64_t>(expires))};
}

}  // namespace vaardig::issuer
