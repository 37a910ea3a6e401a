#include "verifier/app/report.h"

namespace vaardig::verifier {
namespace {

bool En(std::string_view lang) { return lang == "en"; }

std::string RoleWords(const std::string& role, std::string_view lang) {
  if (role == "manager") return En(lang) ? "a manager" : "een leidinggevende";
  if (role == "hr") return En(lang) ? "HR" : "HR";
  if (role == "admin") return En(lang) ? "an administrator" : "een beheerder";
  return role;
}

std::string VerdictSentence(const VerificationReport& report, std::string_view lang) {
  switch (report.verdict) {
    case ReportVerdict::kValid:
      return En(lang) ? "Valid." : "Geldig.";
    case ReportVerdict::kRejected:
      return En(lang) ? "Rejected: this credential did not pass the checks."
                      : "Afgewezen: dit bewijs kwam niet door de controle.";
    case ReportVerdict::kCouldNotCheck:
      return En(lang) ? "Could not check: something needed for the check was not available; this says nothing "
                        "about the credential itself."
                      : "Kon niet worden gecontroleerd: iets wat nodig was voor de controle was niet bereikbaar; "
                        "dat zegt niets over het bewijs zelf.";
    case ReportVerdict::kNotRecognised:
      return En(lang) ? "Not recognised: the issuer is not on this verifier's trust list."
                      : "Niet herkend: de uitgever staat niet op de vertrouwenslijst van deze verificateur.";
  }
  return {};
}

}  // namespace

std::string_view CheckResultName(CheckResult result) {
  switch (result) {
    case CheckResult::kPassed:
      return "passed";
    case CheckResult::kFailed:
      return "failed";
    case CheckResult::kCouldNotCheck:
      return "could_not_check";
    case CheckResult::kSkipped:
      return "skipped";
    case CheckResult::kNotChecked:
      return "not_checked";
  }
  return "not_checked";
}

std::string_view ReportVerdictName(ReportVerdict verdict) {
  switch (verdict) {
    case ReportVerdict::kValid:
      return "valid";
    case ReportVerdict::kRejected:
      return "rejected";
    case ReportVerdict::kCouldNotCheck:
      return "could_not_check";
    case ReportVerdict::kNotRecognised:
      return "not_recognised";
  }
  return "could_not_check";
}

const Check* VerificationReport::Find(std::string_view name) const {
  for (const Check& check : checks) {
    if (check.name == name) return &check;
  }
  return nullptr;
}

Json VerificationReport::ToJson() const {
  Json json = Json::object();
  json["verdict"] = ReportVerdictName(verdict);
  json["format"] = format;
  json["issuer"] = issuer.empty() ? Json(nullptr) : Json(issuer);
  if (!issuer_name.empty()) json["issuer_name"] = issuer_name;
  Json checks_json = Json::array();
  for (const Check& check : checks) {
    Json c = Json::object();
    c["name"] = check.name;
    c["result"] = CheckResultName(check.result);
    c["detail"] = check.detail;
    checks_json.push_back(std::move(c));
  }
  json["checks"] = std::move(checks_json);
  json["warnings"] = warnings;
  if (!shown) {
    json["shown"] = nullptr;
    return json;
  }
  Json s = Json::object();
  Json skill = Json::object();
  skill["id"] = shown->skill_id;
  skill["name"] = Json{{"nl", shown->skill_name_nl}, {"en", shown->skill_name_en}};
  if (!shown->esco.empty()) skill["esco"] = shown->esco;
  s["skill"] = std::move(skill);
  s["level"] = shown->level ? Json(*shown->level) : Json(nullptr);
  s["level_label"] = Json{{"nl", shown->level_label_nl}, {"en", shown->level_label_en}};
  s["confirmed"] = shown->confirmed;
  s["self_declared"] = shown->self_declared;
  if (!shown->confirmed_by_role.empty()) s["confirmed_by_role"] = shown->confirmed_by_role;
  if (!shown->organisation.empty()) s["organisation"] = shown->organisation;
  if (!shown->confirmed_at.empty()) s["confirmed_at"] = shown->confirmed_at;
  if (shown->holder_name) s["holder_name"] = *shown->holder_name;
  if (!shown->endorsement.empty()) s["endorsement"] = shown->endorsement;
  json["shown"] = std::move(s);
  return json;
}

std::string LevelLabel(int level, std::string_view lang) {
  switch (level) {
    case 1:
      return En(lang) ? "with help" : "met hulp";
    case 2:
      return En(lang) ? "independently" : "zelfstandig";
    case 3:
      return En(lang) ? "can teach others" : "kan het anderen leren";
    default:
      return {};
  }
}

std::string Summary(const VerificationReport& report, std::string_view lang) {
  std::string text = VerdictSentence(report, lang);
  if (report.verdict != ReportVerdict::kValid) {
    for (const Check& check : report.checks) {
      if (check.result == CheckResult::kFailed || check.result == CheckResult::kCouldNotCheck) {
        text += (En(lang) ? " Reason: " : " Reden: ") + check.detail + ".";
        break;
      }
    }
  }
  if (!report.shown || report.verdict == ReportVerdict::kRejected) return text;
  const Shown& shown = *report.shown;
  const std::string& name = En(lang) && !shown.skill_name_en.empty() ? shown.skill_name_en : shown.skill_name_nl;
  if (!name.empty()) {
    text += (En(lang) ? " Skill: " : " Vaardigheid: ") + name;
    if (shown.level) {
      text += (En(lang) ? ", level " : ", niveau ") + std::to_string(*shown.level);
      const std::string& label = En(lang) ? shown.level_label_en : shown.level_label_nl;
      const std::string words = label.empty() ? LevelLabel(*shown.level, lang) : label;
      if (!words.empty()) text += " (" + words + ")";
    }
    text += ".";
  }
  if (shown.self_declared) {
    text += En(lang) ? " Self-declared by the holder: not confirmed by an employer."
                     : " Zelf verklaard door de houder: niet bevestigd door een werkgever.";
  } else if (shown.confirmed) {
    text += En(lang) ? " Confirmed" : " Bevestigd";
    if (!shown.confirmed_by_role.empty()) text += (En(lang) ? " by " : " door ") + RoleWords(shown.confirmed_by_role, lang);
    if (!shown.organisation.empty()) {
      text += (shown.confirmed_by_role.empty() ? (En(lang) ? " by " : " door ") : (En(lang) ? " at " : " van ")) +
              shown.organisation;
    }
    if (!shown.confirmed_at.empty()) text += (En(lang) ? " on " : " op ") + shown.confirmed_at.substr(0, 10);
    text += ".";
  } else {
    text += En(lang) ? " Not confirmed." : " Niet bevestigd.";
  }
  if (shown.holder_name) text += (En(lang) ? " Holder: " : " Houder: ") + *shown.holder_name + ".";
  for (const std::string& warning : report.warnings) text += (En(lang) ? " Warning: " : " Waarschuwing: ") + warning + ".";
  return text;
}

}  // namespace vaardig::verifier
