#include "wallet/app/share_links.h"

#include <algorithm>

#include "core/crypto/aead.h"
#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/jose/jwk.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"
#include "wallet/app/present.h"

namespace vaardig::wallet {
namespace {

constexpr std::string_view kAad = "vaardig-share-link/v1";

Bytes Aad(std::string_view id) {
  Bytes aad(kAad.begin(), kAad.end());
  aad.push_back(0);
  aad.insert(aad.end(), id.begin(), id.end());
  return aad;
}

std::string StringAt(const Json& object, std::string_view member) {
  if (!object.is_object()) return {};
  auto it = object.find(std::string(member));
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string NameOf(const Json& content) {
  const Json display = content.value("display", Json::object());
  for (const char* locale : {"nl", "en"}) {
    if (display.contains(locale) && display[locale].is_object() && !StringAt(display[locale], "name").empty()) {
      return StringAt(display[locale], "name");
    }
  }
  return "credential";
}

// What GET <base>/s/<id> answers (share_links.h).
Json ShareLinkDocument(std::string_view id, std::int64_t expires_at, ByteView sealed) {
  return Json{{"type", std::string(kShareLinkType)},
              {"version", 1},
              {"id", std::string(id)},
              {"expires_at", expires_at},
              {"sealed", encoding::Base64UrlEncode(sealed)}};
}

bool IsLinkId(std::string_view id) {
  return id.size() == 22 && std::ranges::all_of(id, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

}  // namespace

Result<SealedShareLink> SealShareLink(UnlockedVault& vault, std::string_view record_id, std::string_view base_url,
                                      std::int64_t days, std::vector<std::string> disclose, std::int64_t now) {
  if (days < 1 || days > kMaxLinkDays) return Fail(ErrorCode::kInvalidArgument, "a link is valid for 1 to 90 days");
  if (!base_url.starts_with("https://") && !base_url.starts_with("http://")) {
    return Fail(ErrorCode::kFailedPrecondition, "links need a public http(s) base URL");
  }
  if (base_url.find_first_of("?# \t") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the base URL of links must not have a query or fragment");
  }
  VAARDIG_ASSIGN_OR_RETURN(const VaultRecord record, vault.Get(record_id));
  if (record.kind != RecordKind::kCredential) return Fail(ErrorCode::kNotFound, "no such credential");
  if (StringAt(record.content, "format") != "dc+sd-jwt" || StringAt(record.content, "credential").empty()) {
    return Fail(ErrorCode::kFailedPrecondition, "only SD-JWT VC credentials can be shared by link");
  }
  const std::string key_id = StringAt(record.content, "holder_key_id");
  if (key_id.empty()) return Fail(ErrorCode::kFailedPrecondition, "this credential has no holder key");
  VAARDIG_ASSIGN_OR_RETURN(const VaultRecord key_record, vault.Get(key_id));
  auto key = key_record.content.contains("jwk") ? jose::PrivateJwk::Parse(key_record.content["jwk"])
                                                : Result<jose::PrivateJwk>(Fail(ErrorCode::kDataLoss, "no key"));
  if (!key) return Fail(ErrorCode::kDataLoss, "holder key record " + key_id + " is damaged");
  if (disclose.empty()) {
    // Skills first: the skill and the role of who confirmed it; nothing that names the person.
    disclose = {"skill"};
    if (!record.content.value("self_declared", false)) disclose.push_back("confirmation.by.role");
  }

  SealedShareLink out;
  do {  // not starting with '-' or '_': the id is typed on command lines (share-link --revoke ID)
    out.id = encoding::Base64UrlEncode(crypto::RandomBytes(16));
  } while (out.id.front() == '-' || out.id.front() == '_');
  const crypto::SecretBytes link_key = crypto::RandomSecret(32);
  std::string base(base_url);
  while (base.ends_with('/')) base.pop_back();
  const std::string audience = base + "/s/" + out.id;
  VAARDIG_ASSIGN_OR_RETURN(std::string presentation,
                           PresentSdJwtVc(StringAt(record.content, "credential"), *key,
                                          {.disclose = disclose, .aud = audience, .nonce = out.id, .now = now}));
  // What the link's reader will see (a disclosure carries its whole value), for the person and the log.
  if (auto parts = sdjwt::ParseSdJwt(presentation)) {
    if (auto claims = sdjwt::HolderClaims(*parts)) out.shown = ShownClaimPaths(*claims);
  }
  if (out.shown.empty()) out.shown = disclose;
  const std::string plaintext = Json{{"format", "dc+sd-jwt"}, {"presentation", presentation}}.dump();
  VAARDIG_ASSIGN_OR_RETURN(out.sealed, crypto::AeadSeal(link_key, AsBytes(plaintext), Aad(out.id)));
  out.expires_at = now + days * 86400;
  out.url = audience + "#k=" + encoding::Base64UrlEncode(link_key.Reveal());
  out.document = ShareLinkDocument(out.id, out.expires_at, out.sealed);
  out.log = Json{{"type", "link"},
                 {"link_id", out.id},
                 {"url", out.url},
                 {"expires_at", out.expires_at},
                 {"credentials", Json::array({Json{{"record_id", std::string(record_id)}, {"name", NameOf(record.content)},
                                                   {"format", "dc+sd-jwt"}, {"shown", out.shown}}})}};
  return out;
}

Result<NewShareLink> ShareLinkStore::Create(UnlockedVault& vault, std::string_view record_id, std::string_view base_url,
                                            std::int64_t days, std::vector<std::string> disclose) {
  const std::int64_t now = clock_->NowSeconds();
  VAARDIG_ASSIGN_OR_RETURN(auto live, db_->QueryOne("SELECT COUNT(*) FROM share_links WHERE vault_id = ? AND revoked_at IS NULL "
                                                    "AND expires_at > ?", {vault.id(), now}));
  if (live && live->Int(0) >= static_cast<std::int64_t>(kMaxLinksPerVault)) {
    return Fail(ErrorCode::kResourceExhausted, "at most 100 live links; revoke some first");
  }
  VAARDIG_ASSIGN_OR_RETURN(SealedShareLink sealed, SealShareLink(vault, record_id, base_url, days, std::move(disclose), now));
  VAARDIG_ASSIGN_OR_RETURN(std::string share_id, vault.Put(RecordKind::kShare, sealed.log));
  auto inserted = db_->Execute("INSERT INTO share_links (id, vault_id, sealed, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                               {sealed.id, vault.id(), store::Blob(sealed.sealed.begin(), sealed.sealed.end()), now,
                                sealed.expires_at});
  if (!inserted) {
    (void)vault.Delete(share_id);
    return std::unexpected(inserted.error());
  }
  return NewShareLink{.id = sealed.id, .url = sealed.url, .expires_at = sealed.expires_at, .shown = sealed.shown,
                      .share_record_id = share_id};
}

Result<std::vector<ShareLinkInfo>> ShareLinkStore::List(const UnlockedVault& vault) {
  VAARDIG_ASSIGN_OR_RETURN(VaultListing listing, vault.List(RecordKind::kShare));
  const std::int64_t now = clock_->NowSeconds();
  std::vector<ShareLinkInfo> out;
  for (auto it = listing.records.rbegin(); it != listing.records.rend(); ++it) {
    const Json& c = it->content;
    if (StringAt(c, "type") != "link") continue;
    ShareLinkInfo info{.id = StringAt(c, "link_id"), .url = StringAt(c, "url"), .credential_name = {}, .record_id = {}, .shown = {},
                       .created_at = it->created_at, .expires_at = c.value("expires_at", std::int64_t{0}), .state = "active"};
    const Json credentials = c.value("credentials", Json::array());
    if (!credentials.empty() && credentials[0].is_object()) {
      info.credential_name = StringAt(credentials[0], "name");
      info.record_id = StringAt(credentials[0], "record_id");
      for (const Json& p : credentials[0].value("shown", Json::array())) {
        if (p.is_string()) info.shown.push_back(p.get<std::string>());
      }
    }
    VAARDIG_ASSIGN_OR_RETURN(auto row, db_->QueryOne("SELECT revoked_at, expires_at FROM share_links WHERE id = ? AND vault_id = ?",
                                                     {info.id, vault.id()}));
    if (!row || !row->IsNull(0)) {
      info.state = "revoked";
    } else if (row->Int(1) <= now) {
      info.state = "expired";
    }
    out.push_back(std::move(info));
  }
  return out;
}

Status ShareLinkStore::Revoke(const UnlockedVault& vault, std::string_view id) {
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t changed,
                           db_->Execute("UPDATE share_links SET sealed = NULL, revoked_at = ? WHERE id = ? AND vault_id = ?",
                                        {clock_->NowSeconds(), std::string(id), vault.id()}));
  if (changed == 0) return Fail(ErrorCode::kNotFound, "no such link");
  return {};
}

Status ShareLinkStore::Ping() {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db_->QueryOne("SELECT COUNT(*) FROM share_links WHERE id = ''"));
  (void)row;
  return {};
}

Result<ServedShareLink> ShareLinkStore::Serve(std::string_view id) {
  if (!IsLinkId(id)) return ServedShareLink{.status = 404, .document = Json{{"error", "not_found"}}};
  VAARDIG_ASSIGN_OR_RETURN(auto row, db_->QueryOne("SELECT sealed, expires_at, revoked_at FROM share_links WHERE id = ?",
                                                   {std::string(id)}));
  if (!row) return ServedShareLink{.status = 404, .document = Json{{"error", "not_found"}}};
  if (!row->IsNull(2) || row->IsNull(0)) {
    return ServedShareLink{.status = 410, .document = Json{{"error", "revoked"}, {"error_description", "the holder revoked this link"}}};
  }
  if (row->Int(1) <= clock_->NowSeconds()) {
    return ServedShareLink{.status = 410, .document = Json{{"error", "expired"}, {"error_description", "this link has expired"}}};
  }
  const store::Blob sealed = row->Bytes(0);
  return ServedShareLink{.status = 200, .document = ShareLinkDocument(id, row->Int(1), ByteView(sealed.data(), sealed.size()))};
}

}  // namespace vaardig::wallet
