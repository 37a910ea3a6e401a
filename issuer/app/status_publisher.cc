// StatusListPublisher: signs the issuer's status lists on demand and caches them.
//
// Validity. A Token Status List token carries exp = iat + 24 h and ttl = kStatusListTtlSeconds; a
// Bitstring Status List credential carries validUntil = validFrom + 24 h and ttl (ms). validUntil is
// optional in Bitstring Status List v1.0 (§2.2), and ttl alone tells a verifier how long to cache;
// we still set it because it bounds replay: without it a once-valid list that shows a credential
// as not revoked could be served (by a cache or an attacker in the path) for ever. The publisher
// re-signs an unchanged list after half that validity, so a served list always has ≥ 12 h left.
#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <string>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/status/bitstring_status_list_credential.h"
#include "core/status/token_status_list.h"
#include "issuer/app/issuer_keys.h"
#include "issuer/app/status_registry.h"

namespace vaardig::issuer {

namespace {

constexpr std::int64_t kValiditySeconds = 24 * 3600;
constexpr std::int64_t kResignAfterSeconds = kValiditySeconds / 2;

// "2026-11-23T15:04:05Z" → "Mon, 23 Nov 2026 15:04:05 GMT" (RFC 9110 §5.6.7 IMF-fixdate).
Result<std::string> ImfFixdate(std::string_view rfc3339) {
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const std::string text(rfc3339);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &year, &month, &day, &hour, &minute, &second) != 6) {
    return Fail(ErrorCode::kDataLoss, "status list updated_at '" + text + "' is not an RFC 3339 UTC time");
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t t = timegm(&tm);
  std::tm norm{};
  gmtime_r(&t, &norm);
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[static_cast<std::size_t>(norm.tm_wday)],
                norm.tm_mday, kMonths[static_cast<std::size_t>(norm.tm_mon)], norm.tm_year + 1900, norm.tm_hour,
                norm.tm_min, norm.tm_sec);
  return std::string(out);
}

struct ListRow {
  std::string purpose;
  std::int64_t size = 0;
  std::string updated_at;
  std::int64_t version = 0;
};

Result<ListRow> ReadList(store::Database& db, std::int64_t list_id, std::string_view kind) {
  VAARDIG_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT kind, purpose, size, updated_at, version FROM status_lists "
                                                 "WHERE id = ?",
                                                 {list_id}));
  if (!row || row->Text("kind") != kind) {
    return Fail(ErrorCode::kNotFound, std::string(kind) + " status list " + std::to_string(list_id) + " not found");
  }
  return ListRow{row->Text("purpose"), row->Int("size"), row->Text("updated_at"), row->Int("version")};
}

// (index, value) of every entry that is not 0.
Result<std::vector<std::pair<std::size_t, std::uint8_t>>> NonZeroEntries(store::Database& db, std::int64_t list_id) {
  VAARDIG_ASSIGN_OR_RETURN(auto rows, db.Query("SELECT idx, value FROM status_entries WHERE list_id = ? AND "
                                               "value <> 0 ORDER BY idx",
                                               {list_id}));
  std::vector<std::pair<std::size_t, std::uint8_t>> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) {
    out.emplace_back(static_cast<std::size_t>(r.Int("idx")), static_cast<std::uint8_t>(r.Int("value")));
  }
  return out;
}

Result<std::string> SignToken(IssuerApp& app, const IssuerSigningKey& key, std::int64_t list_id, const ListRow& list,
                              std::int64_t now) {
  VAARDIG_ASSIGN_OR_RETURN(status::StatusList bits, status::StatusList::Create(2, static_cast<std::size_t>(list.size)));
  VAARDIG_ASSIGN_OR_RETURN(auto entries, NonZeroEntries(app.db(), list_id));
  for (const auto& [idx, value] : entries) VAARDIG_RETURN_IF_ERROR(bits.Set(idx, value));
  const status::StatusListTokenClaims claims{.sub = TokenStatusListUrl(app.settings(), list_id),
                                             .iat = now,
                                             .exp = now + kValiditySeconds,
                                             .ttl = kStatusListTtlSeconds,
                                             .iss = CredentialIssuerId(app.settings())};
  return status::SignStatusListToken(bits, claims, key.key, key.kid);
}

Result<std::string> SignBitstring(IssuerApp& app, const IssuerSigningKey& key, std::int64_t list_id,
                                  const ListRow& list, std::int64_t now) {
  // Bitstring Status List needs ≥ 131,072 entries (herd privacy, §5.1); a smaller (test) list is
  // published padded with zeros.
  const auto entries_count = std::max<std::size_t>(static_cast<std::size_t>(list.size), status::kBitstringMinEntries);
  VAARDIG_ASSIGN_OR_RETURN(status::BitstringStatusList bits, status::BitstringStatusList::Create(entries_count, 1));
  VAARDIG_ASSIGN_OR_RETURN(auto entries, NonZeroEntries(app.db(), list_id));
  for (const auto& [idx, value] : entries) VAARDIG_RETURN_IF_ERROR(bits.Set(idx, value));
  VAARDIG_ASSIGN_OR_RETURN(std::string did, IssuerDid(app.settings()));
  const status::BitstringStatusListCredentialRequest request{
      .id = BitstringStatusListUrl(app.settings(), list_id),
      .issuer = did,
      .status_purpose = list.purpose,
      .valid_from = now,
      .valid_until = now + kValiditySeconds,
      .ttl_ms = std::int64_t{kStatusListTtlSeconds} * 1000};
  if (!key.ed25519) return Fail(ErrorCode::kInternal, "data-integrity key " + key.kid + " is not Ed25519");
  VAARDIG_ASSIGN_OR_RETURN(Json credential, status::MakeBitstringStatusListCredential(
                                                bits, request, *key.ed25519, key.verification_method, now));
  return DumpJson(credential);
}

}  // namespace

Result<PublishedStatusList> StatusListPublisher::Token(std::int64_t list_id) { return Publish(list_id, "token"); }

Result<PublishedStatusList> StatusListPublisher::Bitstring(std::int64_t list_id) {
  return Publish(list_id, "bitstring");
}

Result<PublishedStatusList> StatusListPublisher::Publish(std::int64_t list_id, std::string_view kind) {
  const bool token = kind == "token";
  VAARDIG_ASSIGN_OR_RETURN(ListRow list, ReadList(app_.db(), list_id, kind));
  VAARDIG_ASSIGN_OR_RETURN(
      IssuerSigningKey key,
      GetOrCreateIssuerKey(app_, vault_, token ? IssuerKeyPurpose::kSdJwt : IssuerKeyPurpose::kDataIntegrity));
  const std::string cache_key = list.updated_at + "#" + std::to_string(list.version) + "#" + key.kid;
  const std::int64_t now = app_.clock().NowSeconds();
  // One signer at a time: concurrent requests for a changed list sign it once.
  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(list_id); it != cache_.end() && it->second.first == cache_key &&
                                      now - signed_at_[list_id] < kResignAfterSeconds && now >= signed_at_[list_id]) {
    return it->second.second;
  }
  VAARDIG_ASSIGN_OR_RETURN(std::string body, token ? SignToken(app_, key, list_id, list, now)
                                                   : SignBitstring(app_, key, list_id, list, now));
  VAARDIG_ASSIGN_OR_RETURN(std::string last_modified, ImfFixdate(list.updated_at));
  const auto digest = crypto::Sha256(AsBytes(std::string_view(body)));
  PublishedStatusList published{
      .body = std::move(body),
      .content_type = token ? "application/statuslist+jwt" : "application/vc+ld+json",
      .etag = "\"" + encoding::Base64UrlEncode(ByteView(digest.data(), digest.size())) + "\"",
      .last_modified = std::move(last_modified),
      .max_age = kStatusListTtlSeconds};
  cache_[list_id] = {cache_key, published};
  signed_at_[list_id] = now;
  return published;
}

}  // namespace vaardig::issuer
