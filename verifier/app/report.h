// The verification report of the verifier (issue 9): every check and its result, what was shown,
// and a verdict, as JSON and as a plain-language summary in Dutch and English.
//
// JSON:
//   {"verdict": "valid" | "rejected" | "could_not_check" | "not_recognised",
//    "format", "issuer", "issuer_name"?,
//    "checks": [{"name", "result": "passed"|"failed"|"could_not_check"|"skipped"|"not_checked", "detail"}],
//    "warnings": [...],
//    "shown": {"skill": {"id", "name": {"nl","en"}, "esco"?}, "level", "level_label": {"nl","en"},
//              "confirmed": bool, "self_declared": bool, "confirmed_by_role"?, "organisation"?,
//              "confirmed_at"?, "holder_name"? (only when disclosed), "endorsement"?} | null}
// "could not check" (a status list or DID document that could not be fetched) is kept apart from
// "rejected" (checked, and wrong); an issuer not on the trust list is "not_recognised", never valid.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding/json.h"

namespace vaardig::verifier {

enum class CheckResult { kPassed, kFailed, kCouldNotCheck, kSkipped, kNotChecked };
enum class ReportVerdict { kValid, kRejected, kCouldNotCheck, kNotRecognised };

[[nodiscard]] std::string_view CheckResultName(CheckResult result);
[[nodiscard]] std::string_view ReportVerdictName(ReportVerdict verdict);

struct Check {
  std::string name;
  CheckResult result = CheckResult::kNotChecked;
  std::string detail;
};

// What the credential showed, for people.
struct Shown {
  std::string skill_id;
  std::string skill_name_nl;
  std::string skill_name_en;
  std::string esco;
  std::optional<int> level;
  std::string level_label_nl;
  std::string level_label_en;
  bool confirmed = false;      // confirmed by the employer (green); never for self-declared
  bool self_declared = false;  // signed by the holder themselves (blue)
  std::string confirmed_by_role;  // "manager", "hr", ... ("" when not disclosed)
  std::string organisation;       // the issuer's name (trust list, else the credential's own)
  std::string confirmed_at;
  std::optional<std::string> holder_name;  // only when disclosed
  std::string endorsement;  // what the endorsement check found, in plain words ("" when none)
};

struct VerificationReport {
  ReportVerdict verdict = ReportVerdict::kCouldNotCheck;
  std::string format;
  std::string issuer;
  std::string issuer_name;  // from the trust list, when recognised
  std::vector<Check> checks;
  std::vector<std::string> warnings;
  std::optional<Shown> shown;

  [[nodiscard]] const Check* Find(std::string_view name) const;
  [[nodiscard]] Json ToJson() const;
};

// The level's words (DESIGN.md §3): 1 "met hulp" / "with help", 2 "zelfstandig" / "independently",
// 3 "kan het anderen leren" / "can teach others"; "" outside 1..3.
[[nodiscard]] std::string LevelLabel(int level, std::string_view lang);

// A few plain sentences for people, "nl" (default) or "en", e.g.
//   "Geldig. Vaardigheid: Klantgesprekken voeren, niveau 2 (zelfstandig). Bevestigd door een
//    teamleider van Gemeente Voorbeeld op 2026-03-01."
[[nodiscard]] std::string Summary(const VerificationReport& report, std::string_view lang = "nl");

}  // namespace vaardig::verifier
