#include "wallet/app/self_declared.h"

#include "core/encoding/utf8.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"
#include "wallet/app/internal/collect_steps.h"

namespace vaardig::wallet {
namespace {

std::string LevelLabel(int level, bool en) {
  switch (level) {
    case 1: return en ? "with help" : "met hulp";
    case 2: return en ? "independently" : "zelfstandig";
    default: return en ? "can teach others" : "kan het anderen leren";
  }
}

bool PrintableText(std::string_view text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max || !IsValidUtf8(text)) return false;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

Result<std::string> RecordSelfDeclaredSkill(UnlockedVault& vault, const SelfDeclaredSkill& skill, const Clock& clock) {
  if (!PrintableText(skill.name_nl, 2, 200)) {
    return Fail(ErrorCode::kInvalidArgument, "the skill's name must be 2 to 200 characters of text");
  }
  if (!skill.name_en.empty() && !PrintableText(skill.name_en, 2, 200)) {
    return Fail(ErrorCode::kInvalidArgument, "the skill's English name must be 2 to 200 characters of text");
  }
  if (skill.level < 1 || skill.level > 3) return Fail(ErrorCode::kInvalidArgument, "the level must be 1, 2 or 3");
  if (!skill.esco.empty() && (skill.esco.size() > 512 || !PrintableText(skill.esco, 1, 512) || skill.esco.find(' ') != std::string::npos ||
                              !(skill.esco.starts_with("http://") || skill.esco.starts_with("https://")))) {
    return Fail(ErrorCode::kInvalidArgument, "the ESCO reference must be an http(s) URI");
  }
  if (skill.evidence.size() > 10) return Fail(ErrorCode::kInvalidArgument, "at most 10 evidence names");
  for (const std::string& e : skill.evidence) {
    if (!PrintableText(e, 1, 200)) return Fail(ErrorCode::kInvalidArgument, "an evidence name must be 1 to 200 characters of text");
  }

  VAARDIG_ASSIGN_OR_RETURN(internal::HolderKey holder, internal::FindOrMakeHolderKey(vault, jose::Algorithm::kEs256));
  const std::int64_t now = clock.NowSeconds();
  Json name{{"nl", skill.name_nl}};
  if (!skill.name_en.empty()) name["en"] = skill.name_en;
  Json skill_claim{{"name", name},
                   {"level", skill.level},
                   {"level_label", {{"nl", LevelLabel(skill.level, false)}, {"en", LevelLabel(skill.level, true)}}}};
  if (!skill.esco.empty()) skill_claim["esco"] = skill.esco;
  Json claims{{"iss", holder.did},
              {"iat", now},
              {"vct", std::string(kSelfDeclaredSkillVct)},
              {"cnf", {{"jwk", holder.key.public_jwk().ToJson()}}},
              {"skill", std::move(skill_claim)},
              {"self_declared", true}};
  if (!skill.evidence.empty()) {
    Json evidence = Json::array();
    for (const std::string& e : skill.evidence) evidence.push_back(Json{{"name", e}});
    claims["evidence"] = std::move(evidence);
  }
  sdjwt::SdJwtVcIssueOptions options;
  options.sd_paths = sdjwt::SkillCredentialSdPaths(claims);
  options.kid = holder.kid;
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::IssuedSdJwt issued, sdjwt::IssueSdJwtVc(claims, holder.key, options));

  VAARDIG_RETURN_IF_ERROR(internal::PersistHolderKey(vault, holder));
  const Json record{{"format", "dc+sd-jwt"},
                    {"self_declared", true},
                    {"credential", issued.Compact()},
                    {"issuer", holder.did},
                    {"display", {{"nl", {{"name", "Zelf opgegeven vaardigheid"}}}, {"en", {{"name", "Self-declared skill"}}}}},
                    {"received_at", now},
                    {"status", {{"state", "none"}, {"checked_at", now}}},
                    {"holder_key_id", holder.record_id}};
  VAARDIG_ASSIGN_OR_RETURN(std::string id, vault.Put(RecordKind::kCredential, record));
  const Json history{{"event", "self_declared"}, {"credential_id", id}, {"at", now}};
  if (auto put = vault.Put(RecordKind::kHistory, history); !put) {
    (void)vault.Delete(id);
    return std::unexpected(put.error().WithContext("storing the history entry"));
  }
  return id;
}

}  // namespace vaardig::wallet
