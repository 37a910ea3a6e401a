#include "issuer/app/issuer_keys.h"

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "core/did/did_web.h"
#include "core/did/document.h"

namespace vaardig::issuer {

namespace {

constexpr std::string_view kHttps = "https://";
constexpr std::string_view kHttp = "http://";

jose::Algorithm AlgorithmFor(IssuerKeyPurpose purpose) {
  return purpose == IssuerKeyPurpose::kSdJwt ? jose::Algorithm::kEs256 : jose::Algorithm::kEdDsa;
}

Result<IssuerKeyPurpose> ParsePurpose(std::string_view name) {
  if (name == "sd-jwt") return IssuerKeyPurpose::kSdJwt;
  if (name == "data-integrity") return IssuerKeyPurpose::kDataIntegrity;
  return Fail(ErrorCode::kDataLoss, "signing key purpose '" + std::string(name) + "' is not an issuer key purpose");
}

// The host of an authority "host[:port]" is a loopback name (development over plain http).
bool IsLoopbackHost(std::string_view authority) {
  const std::string_view host = authority.substr(0, authority.find(':'));
  return host == "localhost" || host.starts_with("127.");
}

// Opened issuer keys, so that signing a credential does not unseal and parse the private key each
// time (that was a tenth of the issuer's CPU per credential). An entry is used only for the exact
// sealed bytes it was opened from, under the same DID, and only after the caller's vault opens
// those bytes again: a rotated key (another row), another database's key or another KEK does not
// get it. A few entries at most; the keys stay in memory for the process's life, as the KEK does.
class OpenedKeyCache {
 public:
  std::optional<IssuerSigningKey> Find(const std::string& did, const std::string& kid, const store::Blob& sealed) {
    std::lock_guard lock(mu_);
    for (const Entry& e : entries_) {
      if (e.kid == kid && e.did == did && e.sealed == sealed) return e.key;
    }
    return std::nullopt;
  }
  void Put(std::string did, store::Blob sealed, const IssuerSigningKey& key) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.pop_front();
    entries_.push_back(Entry{std::move(did), key.kid, std::move(sealed), key});
  }

 private:
  static constexpr std::size_t kMaxEntries = 8;
  struct Entry {
    std::string did;
    std::string kid;
    store::Blob sealed;
    IssuerSigningKey key;
  };
  std::mutex mu_;
  std::deque<Entry> entries_;
};

OpenedKeyCache& OpenedKeys() {
  static OpenedKeyCache cache;
  return cache;
}

// The active key row of `purpose`, if any.
Result<std::optional<store::Row>> ActiveKeyRow(store::Database& db, IssuerKeyPurpose purpose) {
  return db.QueryOne(
      "SELECT kid, sealed_private_key FROM signing_keys WHERE person_id IS NULL AND purpose = ? AND "
      "retired_at IS NULL ORDER BY created_at DESC, kid LIMIT 1",
      {std::string(PurposeName(purpose))});
}

Result<IssuerSigningKey> MakeSigningKey(std::string did, std::string kid, jose::PrivateJwk key,
                                        IssuerKeyPurpose purpose) {
  IssuerSigningKey out{.kid = kid, .key = std::move(key), .verification_method = did + "#" + kid, .ed25519 = {}};
  if (purpose == IssuerKeyPurpose::kDataIntegrity) {
    const auto* ed = std::get_if<crypto::Ed25519PrivateKey>(&out.key.key());
    if (ed == nullptr) {
      return Fail(ErrorCode::kDataLoss, "data-integrity key " + kid + " is not an Ed25519 key");
    }
    out.ed25519 = *ed;
  } else if (out.key.algorithm() != jose::Algorithm::kEs256) {
    return Fail(ErrorCode::kDataLoss, "sd-jwt key " + kid + " is not a P-256 key");
  }
  return out;
}

// Creates and stores a new key of `purpose` inside `tx`; returns it with its kid.
Result<std::pair<std::string, jose::PrivateJwk>> CreateKey(store::Database& tx, const KeyVault& vault,
                                                           IssuerKeyPurpose purpose, std::string_view now) {
  VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk generated, jose::PrivateJwk::Generate(AlgorithmFor(purpose)));
  VAARDIG_ASSIGN_OR_RETURN(std::string kid,
                           StoreSealedKey(tx, vault, generated, std::nullopt, PurposeName(purpose), now));
  jose::PrivateJwk key = generated.WithKid(kid);
  return std::pair{std::move(kid), std::move(key)};
}

Json KeyDetails(std::string_view kid, IssuerKeyPurpose purpose) {
  return Json{{"kid", kid},
              {"purpose", PurposeName(purpose)},
              {"algorithm", jose::AlgorithmName(AlgorithmFor(purpose))}};
}

}  // namespace

std::string_view PurposeName(IssuerKeyPurpose purpose) {
  return purpose == IssuerKeyPurpose::kSdJwt ? "sd-jwt" : "data-integrity";
}

std::string CredentialIssuerId(const IssuerSettings& settings) {
  std::string id = settings.public_url;
  while (id.ends_with('/')) id.pop_back();
  return id;
}

Result<std::string> IssuerDid(const IssuerSettings& settings) {
  const std::string base = CredentialIssuerId(settings);
  std::string https;
  if (base.starts_with(kHttps)) {
    https = base;
  } else if (base.starts_with(kHttp)) {
    // did:web is https only; plain http is accepted for a loopback public_url (development and
    // tests), whose did:web (did:web:127.0.0.1%3A8443) resolves only with
    // ResolverOptions::allow_http_for_loopback.
    const std::string_view rest = std::string_view(base).substr(kHttp.size());
    if (!IsLoopbackHost(rest.substr(0, rest.find('/')))) {
      return Fail(ErrorCode::kInvalidArgument,
                  "server.public_url must be https for a did:web issuer (http only on loopback)");
    }
    https = std::string(kHttps) + std::string(rest);
  } else {
    return Fail(ErrorCode::kInvalidArgument, "server.public_url must be an https URL");
  }
  const std::string_view rest = std::string_view(https).substr(kHttps.size());
  const bool has_path = rest.find('/') != std::string_view::npos;
  // did:web:host → /.well-known/did.json; did:web:host:path → /path/did.json.
  auto did = did::UrlToDidWeb(https + (has_path ? "/did.json" : "/.well-known/did.json"));
  if (!did) return Fail(did.error().WithContext("server.public_url"));
  return did;
}

Result<IssuerSigningKey> GetOrCreateIssuerKey(IssuerApp& app, const KeyVault& vault, IssuerKeyPurpose purpose) {
  VAARDIG_ASSIGN_OR_RETURN(std::string did, IssuerDid(app.settings()));
  std::optional<std::pair<std::string, jose::PrivateJwk>> found;
  // Read first without the write lock: the common case.
  VAARDIG_ASSIGN_OR_RETURN(auto existing, ActiveKeyRow(app.db(), purpose));
  if (existing) {
    const std::string kid = existing->Text("kid");
    store::Blob sealed = existing->Bytes("sealed_private_key");
    if (auto cached = OpenedKeys().Find(did, kid, sealed)) {
      // The vault still has to open the sealed key (cheap: an AEAD over a hundred bytes); only
      // parsing it into a signing key, the costly part, is skipped.
      if (auto opened = vault.Open(sealed, kid); !opened) {
        return Fail(ErrorCode::kDataLoss,
                    std::string(PurposeName(purpose)) + " key " + kid + ": " + opened.error().message());
      }
      return std::move(*cached);
    }
    VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk key, OpenSealedKey(vault, sealed, kid, PurposeName(purpose)));
    VAARDIG_ASSIGN_OR_RETURN(IssuerSigningKey opened, MakeSigningKey(did, kid, std::move(key), purpose));
    OpenedKeys().Put(did, std::move(sealed), opened);
    return opened;
  }
  // Then look again and create inside one write transaction: concurrent callers serialise here,
  // so the first creates and the others find its key.
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    VAARDIG_ASSIGN_OR_RETURN(auto row, ActiveKeyRow(tx, purpose));
    if (row) {
      const std::string kid = row->Text("kid");
      VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk key,
                               OpenSealedKey(vault, row->Bytes("sealed_private_key"), kid, PurposeName(purpose)));
      found.emplace(kid, std::move(key));
      return Ok();
    }
    VAARDIG_ASSIGN_OR_RETURN(auto created, CreateKey(tx, vault, purpose, app.Now()));
    VAARDIG_RETURN_IF_ERROR(AuditLog::Append(tx, app.clock(), "system", "key.create", "key:" + created.first,
                                             KeyDetails(created.first, purpose)));
    found = std::move(created);
    return Ok();
  }));
  return MakeSigningKey(did, std::move(found->first), std::move(found->second), purpose);
}

Result<std::vector<PublishedKey>> ListIssuerKeys(IssuerApp& app) {
  VAARDIG_ASSIGN_OR_RETURN(
      auto rows, app.db().Query("SELECT kid, purpose, public_jwk, created_at, retired_at FROM signing_keys "
                                "WHERE person_id IS NULL AND purpose IN ('sd-jwt', 'data-integrity') "
                                "ORDER BY created_at, kid"));
  std::vector<PublishedKey> keys;
  keys.reserve(rows.size());
  for (const store::Row& row : rows) {
    const std::string kid = row.Text("kid");
    VAARDIG_ASSIGN_OR_RETURN(IssuerKeyPurpose purpose, ParsePurpose(row.Text("purpose")));
    const std::string jwk_text = row.Text("public_jwk");
    auto jwk = jose::PublicJwk::Parse(std::string_view(jwk_text));
    if (!jwk) return Fail(ErrorCode::kDataLoss, "public key " + kid + " does not parse: " + jwk.error().message());
    keys.push_back(PublishedKey{.kid = kid,
                                .purpose = purpose,
                                .public_jwk = jwk->WithKid(kid),
                                .created_at = row.Text("created_at"),
                                .retired_at = row.OptText("retired_at")});
  }
  return keys;
}

Result<Json> BuildIssuerDidDocument(IssuerApp& app) {
  VAARDIG_ASSIGN_OR_RETURN(std::string did, IssuerDid(app.settings()));
  VAARDIG_ASSIGN_OR_RETURN(std::vector<PublishedKey> keys, ListIssuerKeys(app));
  did::DidDocument document;
  document.id = did;
  for (const PublishedKey& key : keys) {
    const std::string id = did + "#" + key.kid;
    const bool multikey = key.purpose == IssuerKeyPurpose::kDataIntegrity;
    document.verification_methods.push_back(did::VerificationMethod{
        .id = id,
        .type = std::string(multikey ? did::kTypeMultikey : did::kTypeJsonWebKey),
        .controller = did,
        .key = key.public_jwk});
    document.assertion_method.emplace_back(id);
    document.authentication.emplace_back(id);
  }
  return document.ToJson();
}

Result<Json> BuildJwtVcIssuerMetadata(IssuerApp& app) {
  VAARDIG_ASSIGN_OR_RETURN(std::vector<PublishedKey> keys, ListIssuerKeys(app));
  Json jwks = Json::array();
  for (const PublishedKey& key : keys) {
    if (key.purpose == IssuerKeyPurpose::kSdJwt) jwks.push_back(key.public_jwk.ToJson());
  }
  return Json{{"issuer", CredentialIssuerId(app.settings())}, {"jwks", Json{{"keys", std::move(jwks)}}}};
}

Result<RotatedKey> RotateIssuerKey(IssuerApp& app, const KeyVault& vault, IssuerKeyPurpose purpose,
                                   std::string_view actor) {
  if (actor.empty()) return Fail(ErrorCode::kInvalidArgument, "actor: who rotates the key is required");
  RotatedKey rotated;
  VAARDIG_RETURN_IF_ERROR(app.db().InTransaction([&](store::Database& tx) -> Status {
    rotated = RotatedKey{};
    const std::string now = app.Now();
    VAARDIG_ASSIGN_OR_RETURN(auto row, ActiveKeyRow(tx, purpose));
    if (row) rotated.retired_kid = row->Text("kid");
    VAARDIG_RETURN_IF_ERROR(tx.Execute("UPDATE signing_keys SET retired_at = ? WHERE person_id IS NULL AND "
                                       "purpose = ? AND retired_at IS NULL",
                                       {now, std::string(PurposeName(purpose))}));
    VAARDIG_ASSIGN_OR_RETURN(auto created, CreateKey(tx, vault, purpose, now));
    rotated.new_kid = created.first;
    Json details = KeyDetails(rotated.new_kid, purpose);
    details["retired_kid"] = rotated.retired_kid.empty() ? Json(nullptr) : Json(rotated.retired_kid);
    return AuditLog::Append(tx, app.clock(), actor, "key.rotate", "key:" + rotated.new_kid, std::move(details));
  }));
  return rotated;
}

}  // namespace vaardig::issuer
