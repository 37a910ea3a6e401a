#include "verifier/app/shown.h"

#include <optional>

#include "core/encoding/base64url.h"
#include "core/jose/jws.h"

namespace vaardig::verifier {
namespace {

constexpr std::size_t kMaxEndorsementBytes = 64 * 1024;
constexpr std::string_view kEndorsementTyp = "vaardig-endorsement+jwt";
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

std::optional<int> Level(const Json& value) {
  if (value.is_number_integer() && value.get<std::int64_t>() >= 1 && value.get<std::int64_t>() <= 3) {
    return static_cast<int>(value.get<std::int64_t>());
  }
  return std::nullopt;
}

// A string, or the first @value of a language value / array of them.
std::string Text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) return Str(value, "@value");
  if (value.is_array() && !value.empty()) return Text(value[0]);
  return {};
}

Check Skip(std::string detail) { return {.name = "endorsement", .result = CheckResult::kSkipped, .detail = std::move(detail)}; }
Check Failed(std::string detail) { return {.name = "endorsement", .result = CheckResult::kFailed, .detail = std::move(detail)}; }

}  // namespace

bool IsSdJwtSkillCredential(const Json& claims) {
  return Str(claims, "vct").ends_with("/vct/skill/v1") || Member(claims, "skill").is_object();
}

bool IsSkillBadge(const Json& credential) {
  const Json& types = Member(credential, "type");
  if (!types.is_array()) return types == "OpenBadgeCredential";
  for (const Json& t : types) {
    if (t == "OpenBadgeCredential") return true;
  }
  return false;
}

Shown ShowSdJwtSkill(const Json& claims, std::string_view organisation, bool self_declared) {
  Shown shown;
  const Json& skill = Member(claims, "skill");
  shown.skill_id = Str(skill, "id");
  shown.skill_name_nl = Str(Member(skill, "name"), "nl");
  shown.skill_name_en = Str(Member(skill, "name"), "en");
  if (shown.skill_name_nl.empty()) shown.skill_name_nl = Str(skill, "name");
  shown.esco = Str(skill, "esco");
  shown.level = Level(Member(skill, "level"));
  if (shown.level) {
    shown.level_label_nl = LevelLabel(*shown.level, "nl");
    shown.level_label_en = LevelLabel(*shown.level, "en");
  }
  shown.self_declared = self_declared;
  const Json& confirmation = Member(claims, "confirmation");
  shown.confirmed = !self_declared && Str(confirmation, "status") == "confirmed";
  if (shown.confirmed) {
    shown.confirmed_by_role = Str(Member(confirmation, "by"), "role");
    shown.confirmed_at = Str(confirmation, "at");
  }
  shown.organisation = organisation.empty() ? Str(Member(claims, "employer"), "name") : std::string(organisation);
  if (self_declared) shown.organisation.clear();
  const Json& holder = Member(claims, "holder");
  const std::string given = Str(holder, "given_name");
  const std::string family = Str(holder, "family_name");
  if (!given.empty() || !family.empty()) shown.holder_name = given + (given.empty() || family.empty() ? "" : " ") + family;
  return shown;
}

Shown ShowSkillBadge(const Json& credential, std::string_view organisation, bool self_declared) {
  Shown shown;
  Json subject = Member(credential, "credentialSubject");
  if (subject.is_array() && !subject.empty()) subject = subject[0];
  const Json& achievement = Member(subject, "achievement");
  shown.skill_id = Str(achievement, "id");
  shown.skill_name_nl = Text(Member(achievement, "name"));
  const Json& alignment = Member(achievement, "alignment");
  if (alignment.is_array()) {
    for (const Json& a : alignment) {
      if (Str(a, "targetFramework") == "ESCO") {
        shown.esco = Str(a, "targetUrl");
        shown.skill_name_en = Str(a, "targetName");
      }
    }
  }
  const Json& result = Member(subject, "result");
  if (result.is_array() && !result.empty()) {
    const std::string achieved = Str(result[0], "achievedLevel");
    if (achieved.starts_with(kLevelScalePrefix) && achieved.size() == kLevelScalePrefix.size() + 1) {
      const char digit = achieved.back();
      if (digit >= '1' && digit <= '3') shown.level = digit - '0';
    }
  }
  if (shown.level) {
    shown.level_label_nl = LevelLabel(*shown.level, "nl");
    shown.level_label_en = LevelLabel(*shown.level, "en");
  }
  shown.self_declared = self_declared;
  // The badge names the confirming manager as the result's source; the issuer signed it.
  shown.confirmed = !self_declared && Member(subject, "source").is_object();
  if (shown.confirmed) shown.confirmed_by_role = "manager";
  shown.organisation = organisation.empty() ? Text(Member(Member(credential, "issuer"), "name")) : std::string(organisation);
  if (self_declared) shown.organisation.clear();
  return shown;
}

Check CheckSdJwtEndorsement(const Json& claims, std::string_view organisation) {
  if (!IsSdJwtSkillCredential(claims)) return Skip("not a Vaardig skill credential");
  const Json& confirmation = Member(claims, "confirmation");
  if (!confirmation.is_object()) return Skip("the confirmation was not disclosed");
  const Json& jws_json = Member(confirmation, "endorsement");
  if (jws_json.is_null()) {
    return Skip(Str(confirmation, "method") == "legacy" ? "confirmed before signed endorsements (legacy)"
                                                        : "the manager's endorsement was not disclosed");
  }
  if (!jws_json.is_string()) return Failed("confirmation.endorsement must be a compact JWS string");
  auto parsed = jose::ParseCompactJws(jws_json.get<std::string>(), kMaxEndorsementBytes);
  if (!parsed) return Failed("confirmation.endorsement is not a compact JWS: " + parsed.error().message());
  if (!parsed->typ || !jose::TypMatches(*parsed->typ, kEndorsementTyp)) {
    return Failed("confirmation.endorsement: typ is not vaardig-endorsement+jwt");
  }
  auto payload = encoding::Base64UrlDecodeToString(parsed->payload_b64);
  auto statement = payload ? ParseJson(*payload, {.max_bytes = kMaxEndorsementBytes}) : Result<Json>(std::unexpected(payload.error()));
  if (!statement || !statement->is_object() || Str(*statement, "type") != "VaardigEndorsement") {
    return Failed("confirmation.endorsement: the statement is not a VaardigEndorsement");
  }
  const Json& skill = Member(claims, "skill");
  if (skill.is_object()) {
    // The statement names the catalogue id; the credential its URI, <issuer>/skills/<id>.
    const std::string id = Str(Member(*statement, "skill"), "id");
    if (id.empty() || (Str(skill, "id") != id && !Str(skill, "id").ends_with("/" + id))) {
      return Failed("confirmation.endorsement: the statement is about another skill");
    }
    if (Member(*statement, "level") != Member(skill, "level")) {
      return Failed("confirmation.endorsement: the statement's level is not the credential's level");
    }
  }
  std::string matched = skill.is_object() ? "skill and level" : "";
  const Json& holder = Member(claims, "holder");
  if (holder.is_object() && !Str(holder, "given_name").empty()) {
    const std::string name = Str(Member(*statement, "subject"), "name");
    if (!name.starts_with(Str(holder, "given_name"))) {
      return Failed("confirmation.endorsement: the statement is about someone else");
    }
    matched += matched.empty() ? "holder" : ", holder";
  }
  const std::string role = Str(Member(*statement, "endorser"), "role");
  const std::string by_role = Str(Member(confirmation, "by"), "role");
  if (!by_role.empty() && !role.empty() && by_role != role) {
    return Failed("confirmation.endorsement: signed by a " + role + ", but the credential says " + by_role);
  }
  const std::string at = organisation.empty() ? Str(Member(*statement, "issuer"), "name") : std::string(organisation);
  std::string detail = "signed by " + (role.empty() ? std::string("someone") : role) + " at " + at;
  if (!Str(*statement, "date").empty()) detail += " on " + Str(*statement, "date");
  if (!matched.empty()) detail += "; the statement matches the " + matched;
  detail += "; its signature (" + std::string(jose::AlgorithmName(parsed->alg)) +
            ") cannot be checked here: the manager's key is held by the issuer and not published, so the "
            "issuer's signature over the credential is what vouches for it";
  return {.name = "endorsement", .result = CheckResult::kPassed, .detail = std::move(detail)};
}

}  // namespace vaardig::verifier
