#include "wallet/app/view.h"

#include "core/dataintegrity/date_time.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"

namespace vaardig::wallet {
namespace {

constexpr std::string_view kLevelScalePrefix = "urn:vaardig:scale:independence:";

std::string Str(const Json& object, std::string_view member) {
  if (!object.is_object()) return {};
  const auto it = object.find(std::string(member));
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Json& Member(const Json& object, std::string_view member) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(std::string(member));
  return it == object.end() ? kNull : *it;
}

// A string, a language value, or the first of an array of them.
std::string Text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) return Str(value, "@value");
  if (value.is_array() && !value.empty()) return Text(value[0]);
  return {};
}

std::string Timestamp(const Json& value) {
  if (!value.is_number_integer()) return {};
  auto formatted = dataintegrity::FormatDateTimeStamp(value.get<std::int64_t>());
  return formatted ? *formatted : std::string();
}

std::string DisplayName(const Json& content) {
  const Json& display = Member(content, "display");
  for (const char* locale : {"nl", "en"}) {
    const std::string name = Str(Member(display, locale), "name");
    if (!name.empty()) return name;
  }
  const std::string configuration = Str(content, "configuration_id");
  return configuration.empty() ? "credential" : configuration;
}

void FromSdJwtClaims(const Json& claims, CredentialView& v) {
  const Json& skill = Member(claims, "skill");
  v.skill_id = Str(skill, "id");
  v.skill_name_nl = Str(Member(skill, "name"), "nl");
  v.skill_name_en = Str(Member(skill, "name"), "en");
  if (v.skill_name_nl.empty()) v.skill_name_nl = Str(skill, "name");
  v.esco = Str(skill, "esco");
  v.area = Str(Member(skill, "area"), "nl");
  const Json& level = Member(skill, "level");
  if (level.is_number_integer() && level.get<std::int64_t>() >= 1 && level.get<std::int64_t>() <= 3) {
    v.level = static_cast<int>(level.get<std::int64_t>());
  }
  const Json& confirmation = Member(claims, "confirmation");
  if (Str(confirmation, "status") == "confirmed") {
    v.kind = "confirmed";
    v.confirmed_by_name = Str(Member(confirmation, "by"), "name");
    v.confirmed_by_role = Str(Member(confirmation, "by"), "role");
    v.confirmed_at = Str(confirmation, "at");
  }
  v.organisation = Str(Member(claims, "employer"), "name");
  v.issuer = Str(claims, "iss");
  const Json& evidence = Member(claims, "evidence");
  if (evidence.is_array()) {
    for (const Json& e : evidence) {
      if (!Str(e, "name").empty()) v.evidence.push_back(Str(e, "name"));
    }
  }
  v.valid_from = Timestamp(Member(claims, "iat"));
  v.valid_until = Timestamp(Member(claims, "exp"));
}

void FromBadge(const Json& credential, CredentialView& v) {
  Json subject = Member(credential, "credentialSubject");
  if (subject.is_array() && !subject.empty()) subject = subject[0];
  const Json& achievement = Member(subject, "achievement");
  v.skill_id = Str(achievement, "id");
  v.skill_name_nl = Text(Member(achievement, "name"));
  v.area = Text(Member(achievement, "tag"));
  const Json& alignment = Member(achievement, "alignment");
  if (alignment.is_array()) {
    for (const Json& a : alignment) {
      if (Str(a, "targetFramework") == "ESCO") {
        v.esco = Str(a, "targetUrl");
        v.skill_name_en = Str(a, "targetName");
      }
    }
  }
  const Json& result = Member(subject, "result");
  if (result.is_array() && !result.empty()) {
    const std::string achieved = Str(result[0], "achievedLevel");
    if (achieved.starts_with(kLevelScalePrefix) && achieved.size() == kLevelScalePrefix.size() + 1 &&
        achieved.back() >= '1' && achieved.back() <= '3') {
      v.level = achieved.back() - '0';
    }
  }
  const Json& source = Member(subject, "source");
  if (source.is_object()) {
    v.kind = "confirmed";
    v.confirmed_by_name = Text(Member(source, "name"));
    v.confirmed_by_role = "manager";
  }
  const Json& issuer = Member(credential, "issuer");
  v.issuer = issuer.is_string() ? issuer.get<std::string>() : Str(issuer, "id");
  v.organisation = Text(Member(issuer, "name"));
  const Json& evidence = Member(credential, "evidence");
  if (evidence.is_array()) {
    for (const Json& e : evidence) {
      if (!Text(Member(e, "name")).empty()) v.evidence.push_back(Text(Member(e, "name")));
    }
  }
  v.valid_from = Str(credential, "validFrom");
  v.valid_until = Str(credential, "validUntil");
  // The badge's awardedDate is when the manager's confirmation became a credential.
  v.confirmed_at = Str(subject, "awardedDate");
  if (v.confirmed_at.empty()) v.confirmed_at = v.valid_from;
}

}  // namespace

std::string WalletLevelLabel(int level, std::string_view lang) {
  const bool en = lang == "en";
  switch (level) {
    case 1: return en ? "with help" : "met hulp";
    case 2: return en ? "independently" : "zelfstandig";
    case 3: return en ? "can teach others" : "kan het anderen leren";
    default: return {};
  }
}

Result<CredentialView> ViewCredential(const VaultRecord& record) {
  if (record.kind != RecordKind::kCredential) {
    return Fail(ErrorCode::kInvalidArgument, "record " + record.id + " is not a credential");
  }
  const Json& content = record.content;
  CredentialView v;
  v.id = record.id;
  v.format = Str(content, "format");
  v.name = DisplayName(content);
  v.kind = "self_declared";
  v.received_at = record.created_at;
  v.imported = content.value("imported", false);
  v.view_only = content.value("view_only", false);
  const Json& status = Member(content, "status");
  v.status = Str(status, "state");
  if (Member(status, "checked_at").is_number_integer()) v.status_checked_at = status["checked_at"].get<std::int64_t>();
  const Json& credential = Member(content, "credential");
  if (v.format == "dc+sd-jwt" && credential.is_string()) {
    auto parts = sdjwt::ParseSdJwt(credential.get<std::string>());
    if (parts) {
      auto claims = sdjwt::HolderClaims(*parts);
      if (claims) FromSdJwtClaims(*claims, v);
    }
  } else if (v.format == "ldp_vc" && credential.is_object()) {
    FromBadge(credential, v);
  }
  if (v.issuer.empty()) v.issuer = Str(content, "issuer");
  if (v.organisation.empty()) v.organisation = Str(Member(Member(content, "issuer_display"), "nl"), "name");
  if (v.skill_name_nl.empty()) v.skill_name_nl = v.name;
  return v;
}

Json CredentialView::ToJson() const {
  Json out{{"id", id},
           {"format", format},
           {"name", name},
           {"kind", kind},
           {"skill", {{"id", skill_id}, {"name", {{"nl", skill_name_nl}, {"en", skill_name_en}}}}},
           {"organisation", organisation},
           {"issuer", issuer},
           {"evidence", evidence},
           {"valid_from", valid_from},
           {"valid_until", valid_until},
           {"status", {{"state", status}, {"checked_at", status_checked_at}}},
           {"received_at", received_at},
           {"imported", imported},
           {"view_only", view_only}};
  if (!esco.empty()) out["skill"]["esco"] = esco;
  if (!area.empty()) out["skill"]["area"] = area;
  if (level) {
    out["skill"]["level"] = *level;
    out["skill"]["level_label"] = {{"nl", WalletLevelLabel(*level, "nl")}, {"en", WalletLevelLabel(*level, "en")}};
  }
  if (kind == "confirmed") {
    out["confirmation"] = {{"by", {{"name", confirmed_by_name}, {"role", confirmed_by_role}}}, {"at", confirmed_at}};
  }
  return out;
}

}  // namespace vaardig::wallet
