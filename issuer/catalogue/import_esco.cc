// The ESCO portal's skills CSV export, one file per language, merged by conceptUri.
// Column names as in the ESCO v1.2 download (skills_<lang>.csv); docs/catalogue.md has the
// mapping to our Skill.
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/encoding/csv.h"
#include "issuer/catalogue/catalogue.h"
#include "issuer/catalogue/text.h"

namespace vaardig::issuer {
namespace {

using catalogue_internal::CheckLine;
using catalogue_internal::CheckParagraph;
using catalogue_internal::Quote;
using catalogue_internal::SplitLabels;
using catalogue_internal::Trim;

constexpr std::string_view kKnowledgeSkillCompetence = "KnowledgeSkillCompetence";
constexpr std::string_view kEscoSkillPrefix = "http://data.europa.eu/esco/skill/";
constexpr std::array<std::string_view, 3> kSkillTypes = {"knowledge", "skill/competence", ""};
constexpr std::array<std::string_view, 5> kReuseLevels = {
    "transversal", "cross-sector", "sector-specific", "occupation-specific", ""};

// ESCO v1.2's skills_en.csv holds 13,939 concepts; the limits leave room for growth.
constexpr csv::Limits kEscoLimits{
    .max_bytes = 64 << 20, .max_rows = 50000, .max_fields = 64, .max_field_bytes = 64 << 10};

enum class Language { kNl, kEn };

std::string_view FileName(Language language) {
  return language == Language::kNl ? "skills_nl.csv" : "skills_en.csv";
}

enum Column : std::size_t {
  kConceptType,
  kConceptUri,
  kSkillType,
  kReuseLevel,
  kPreferredLabel,
  kAltLabels,
  kDescription,
  kColumnCount,
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "conceptType",    "conceptUri", "skillType",  "reuseLevel",
    "preferredLabel", "altLabels",  "description"};

struct Concept {
  std::string uri;
  std::string skill_type;
  std::string reuse_level;
  LocalText label;
  LocalText description;
  std::vector<std::string> alt_labels_nl;
  std::vector<std::string> alt_labels_en;
};

template <std::size_t N>
bool OneOf(std::string_view value, const std::array<std::string_view, N>& allowed) {
  for (const std::string_view a : allowed) {
    if (value == a) return true;
  }
  return false;
}

class EscoMerger {
 public:
  Status Add(std::string_view text, Language language);
  Result<EscoImport> Finish();

 private:
  Error At(Language language, std::size_t line, Column column, const Error& error) const {
    return Error(error.code(), std::string(FileName(language)) + ": line " + std::to_string(line) +
                                   ", column '" + std::string(kColumnNames[column]) + "' " +
                                   error.message());
  }
  Result<std::string> UniqueId(const Concept& entry);

  std::vector<Concept> concepts_;
  std::unordered_map<std::string, std::size_t> by_uri_;
  std::unordered_set<std::string> skipped_;
  std::unordered_set<std::string> ids_;
};

Status EscoMerger::Add(std::string_view text, Language language) {
  const std::string_view file = FileName(language);
  // "Either file may be empty": nothing but a byte order mark and white space counts as empty.
  std::string_view content = text;
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  if (Trim(content).empty()) return Ok();

  auto parsed = csv::Parse(text, kEscoLimits);
  if (!parsed) return Fail(parsed.error().WithContext(file));
  const csv::Table& table = *parsed;
  std::array<std::size_t, kColumnCount> index{};
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    const auto found = csv::FindColumn(table, {kColumnNames[c]});
    if (!found) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(file) + ": missing column '" + std::string(kColumnNames[c]) + "'");
    }
    index[c] = *found;
  }

  std::unordered_map<std::string, std::size_t> line_in_this_file;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::size_t line = table.line_numbers[r];
    const auto get = [&](Column c) { return Trim(table.rows[r][index[c]]); };
    const auto fail = [&](Column c, ErrorCode code, const std::string& message) {
      return Fail(At(language, line, c, Error(code, message)));
    };
    const std::string uri(get(kConceptUri));
    if (get(kConceptType) != kKnowledgeSkillCompetence) {
      skipped_.insert(uri);
      continue;
    }
    if (auto ok = CheckEscoUri(uri); !ok) return Fail(At(language, line, kConceptUri, ok.error()));
    if (const auto [it, added] = line_in_this_file.emplace(uri, line); !added) {
      return fail(kConceptUri, ErrorCode::kAlreadyExists,
                  "repeats " + uri + " from line " + std::to_string(it->second));
    }
    const std::string_view skill_type = get(kSkillType);
    if (!OneOf(skill_type, kSkillTypes)) {
      return fail(kSkillType, ErrorCode::kInvalidArgument,
                  "must be knowledge or skill/competence (got " + Quote(skill_type) + ")");
    }
    const std::string_view reuse_level = get(kReuseLevel);
    if (!OneOf(reuse_level, kReuseLevels)) {
      return fail(kReuseLevel, ErrorCode::kInvalidArgument,
                  "must be transversal, cross-sector, sector-specific or occupation-specific "
                  "(got " +
                      Quote(reuse_level) + ")");
    }
    const std::string_view label = get(kPreferredLabel);
    if (label.empty()) return fail(kPreferredLabel, ErrorCode::kInvalidArgument, "is required");
    if (auto ok = CheckLine(label, kMaxSkillNameBytes); !ok) {
      return Fail(At(language, line, kPreferredLabel, ok.error()));
    }
    const std::string_view description = get(kDescription);
    if (auto ok = CheckParagraph(description, kMaxSkillDescriptionBytes); !ok) {
      return Fail(At(language, line, kDescription, ok.error()));
    }
    auto alt_labels = SplitLabels(get(kAltLabels), '\n');
    if (!alt_labels) return Fail(At(language, line, kAltLabels, alt_labels.error()));

    auto [it, added] = by_uri_.emplace(uri, concepts_.size());
    if (added) {
      Concept fresh;
      fresh.uri = uri;
      fresh.skill_type = std::string(skill_type);
      fresh.reuse_level = std::string(reuse_level);
      concepts_.push_back(std::move(fresh));
    }
    Concept& entry = concepts_[it->second];
    if (!added && (entry.skill_type != skill_type || entry.reuse_level != reuse_level)) {
      return fail(kSkillType, ErrorCode::kInvalidArgument,
                  "and reuseLevel (" + Quote(skill_type) + ", " + Quote(reuse_level) +
                      ") differ from the other language's (" + Quote(entry.skill_type) + ", " +
                      Quote(entry.reuse_level) + ") for " + uri);
    }
    const bool nl = language == Language::kNl;
    (nl ? entry.label.nl : entry.label.en) = std::string(label);
    (nl ? entry.description.nl : entry.description.en) = std::string(description);
    (nl ? entry.alt_labels_nl : entry.alt_labels_en) = std::move(*alt_labels);
  }
  return Ok();
}

// The slug of the English label; on a clash the first 8 hex digits of the concept's UUID are
// appended, and on a second clash the whole UUID. ESCO files are sorted by URI, so the same
// export always yields the same ids.
Result<std::string> EscoMerger::UniqueId(const Concept& entry) {
  const std::string_view label = entry.label.en.empty() ? entry.label.nl : entry.label.en;
  const std::string uuid = entry.uri.substr(kEscoSkillPrefix.size());
  const auto with_suffix = [&](std::string_view suffix) {
    std::string base = SlugFromLabel(label, 80 - 1 - suffix.size());
    return (base.empty() ? std::string("esco") : base) + "-" + std::string(suffix);
  };
  std::string id = SlugFromLabel(label);
  if (id.size() < 2) id = with_suffix(uuid.substr(0, 8));
  if (ids_.contains(id)) id = with_suffix(uuid.substr(0, 8));
  if (ids_.contains(id)) id = with_suffix(uuid);
  if (ids_.contains(id)) {
    return Fail(ErrorCode::kInternal, "could not derive a unique skill id for " + entry.uri);
  }
  ids_.insert(id);
  return id;
}

Result<EscoImport> EscoMerger::Finish() {
  EscoImport result;
  result.skills.reserve(concepts_.size());
  for (Concept& entry : concepts_) {
    Skill skill;
    VAARDIG_ASSIGN_OR_RETURN(skill.id, UniqueId(entry));
    // Until the Dutch file is imported the English label stands in for the required Dutch name.
    skill.name.nl = entry.label.nl.empty() ? entry.label.en : entry.label.nl;
    skill.name.en = entry.label.en;
    skill.description = std::move(entry.description);
    skill.esco_uri = entry.uri;
    if (entry.skill_type == "knowledge") {
      skill.kind = SkillKind::kKnowledge;
    } else {
      skill.kind = entry.reuse_level == "transversal" ? SkillKind::kSoft : SkillKind::kHard;
    }
    skill.alt_labels_nl = std::move(entry.alt_labels_nl);
    skill.alt_labels_en = std::move(entry.alt_labels_en);
    skill = WithFallbacks(std::move(skill));
    VAARDIG_RETURN_IF_ERROR(ValidateSkill(skill));
    result.skills.push_back(std::move(skill));
  }
  result.skipped_concepts = skipped_.size();
  return result;
}

}  // namespace

Result<EscoImport> ImportEscoCsvWithReport(std::string_view csv_nl, std::string_view csv_en) {
  EscoMerger merger;
  // English first: the ids come from English labels, and the order follows the English file.
  VAARDIG_RETURN_IF_ERROR(merger.Add(csv_en, Language::kEn));
  VAARDIG_RETURN_IF_ERROR(merger.Add(csv_nl, Language::kNl));
  return merger.Finish();
}

}  // namespace vaardig::issuer
