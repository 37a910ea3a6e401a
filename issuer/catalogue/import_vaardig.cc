// The Vaardig catalogue CSV: one skill per row, columns as in docs/catalogue.md.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/encoding/csv.h"
#include "issuer/catalogue/catalogue.h"
#include "issuer/catalogue/text.h"

namespace vaardig::issuer {
namespace {

using catalogue_internal::CheckLine;
using catalogue_internal::CheckParagraph;
using catalogue_internal::EqualsIgnoringAsciiCase;
using catalogue_internal::Quote;
using catalogue_internal::SplitLabels;
using catalogue_internal::Trim;

enum Column : std::size_t {
  kId,
  kNameNl,
  kNameEn,
  kDescriptionNl,
  kDescriptionEn,
  kEscoUri,
  kCompetentNlUri,
  kKind,
  kArea,
  kAltLabelsNl,  // optional from here on
  kAltLabelsEn,
  kColumnCount,
};
constexpr std::size_t kRequiredColumns = kAltLabelsNl;
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "id",           "name_nl",         "name_en", "description_nl", "description_en",
    "esco_uri",     "competentnl_uri", "kind",    "area",           "alt_labels_nl",
    "alt_labels_en"};

using ColumnIndex = std::array<std::optional<std::size_t>, kColumnCount>;

std::string ExpectedColumns() {
  std::string out;
  for (const std::string_view name : kColumnNames) {
    out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

Result<ColumnIndex> MapColumns(const csv::Table& table) {
  ColumnIndex index;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    index[c] = csv::FindColumn(table, {kColumnNames[c]});
  }
  for (const std::string& name : table.header) {
    const auto known = [&](std::string_view column) {
      return EqualsIgnoringAsciiCase(name, column);
    };
    if (std::none_of(kColumnNames.begin(), kColumnNames.end(), known)) {
      return Fail(ErrorCode::kInvalidArgument, "catalogue CSV: unknown column " + Quote(name) +
                                                   " (columns are " + ExpectedColumns() + ")");
    }
  }
  for (std::size_t c = 0; c < kRequiredColumns; ++c) {
    if (!index[c]) {
      return Fail(ErrorCode::kInvalidArgument,
                  "catalogue CSV: missing column '" + std::string(kColumnNames[c]) + "'");
    }
  }
  return index;
}

class RowReader {
 public:
  RowReader(const std::vector<std::string>& row, const ColumnIndex& index, std::size_t line)
      : row_(row), index_(index), line_(line) {}

  std::string_view Get(Column c) const {
    return index_[c] ? Trim(row_[*index_[c]]) : std::string_view();
  }

  // "line 3, column 'esco_uri' <what the check says>", keeping the check's code.
  Error At(Column c, const Error& error) const {
    return Error(error.code(), "line " + std::to_string(line_) + ", column '" +
                                   std::string(kColumnNames[c]) + "' " + error.message());
  }

  Status Check(Column c, const Status& status) const {
    if (status) return status;
    return Fail(At(c, status.error()));
  }

 private:
  const std::vector<std::string>& row_;
  const ColumnIndex& index_;
  std::size_t line_;
};

Result<Skill> ReadSkill(const RowReader& row) {
  Skill skill;
  skill.id = std::string(row.Get(kId));
  VAARDIG_RETURN_IF_ERROR(row.Check(kId, CheckSkillId(skill.id)));

  skill.name.nl = std::string(row.Get(kNameNl));
  if (skill.name.nl.empty()) {
    return Fail(row.At(kNameNl, Error(ErrorCode::kInvalidArgument, "is required")));
  }
  VAARDIG_RETURN_IF_ERROR(row.Check(kNameNl, CheckLine(skill.name.nl, kMaxSkillNameBytes)));
  skill.name.en = std::string(row.Get(kNameEn));
  VAARDIG_RETURN_IF_ERROR(row.Check(kNameEn, CheckLine(skill.name.en, kMaxSkillNameBytes)));
  skill.description.nl = std::string(row.Get(kDescriptionNl));
  VAARDIG_RETURN_IF_ERROR(
      row.Check(kDescriptionNl, CheckParagraph(skill.description.nl, kMaxSkillDescriptionBytes)));
  skill.description.en = std::string(row.Get(kDescriptionEn));
  VAARDIG_RETURN_IF_ERROR(
      row.Check(kDescriptionEn, CheckParagraph(skill.description.en, kMaxSkillDescriptionBytes)));

  if (const std::string_view esco = row.Get(kEscoUri); !esco.empty()) {
    VAARDIG_RETURN_IF_ERROR(row.Check(kEscoUri, CheckEscoUri(esco)));
    skill.esco_uri = std::string(esco);
  }
  if (const std::string_view cnl = row.Get(kCompetentNlUri); !cnl.empty()) {
    VAARDIG_RETURN_IF_ERROR(row.Check(kCompetentNlUri, CheckCompetentNlUri(cnl)));
    skill.competentnl_uri = std::string(cnl);
  }
  auto kind = ParseSkillKind(row.Get(kKind));
  if (!kind) return Fail(row.At(kKind, kind.error()));
  skill.kind = *kind;
  skill.area = std::string(row.Get(kArea));
  VAARDIG_RETURN_IF_ERROR(row.Check(kArea, CheckLine(skill.area, kMaxSkillAreaBytes)));

  auto alt_nl = SplitLabels(row.Get(kAltLabelsNl), '|');
  if (!alt_nl) return Fail(row.At(kAltLabelsNl, alt_nl.error()));
  skill.alt_labels_nl = std::move(*alt_nl);
  auto alt_en = SplitLabels(row.Get(kAltLabelsEn), '|');
  if (!alt_en) return Fail(row.At(kAltLabelsEn, alt_en.error()));
  skill.alt_labels_en = std::move(*alt_en);
  return WithFallbacks(std::move(skill));
}

}  // namespace

Result<std::vector<Skill>> ImportVaardigCsv(std::string_view csv) {
  VAARDIG_ASSIGN_OR_RETURN(const csv::Table table, csv::Parse(csv));
  VAARDIG_ASSIGN_OR_RETURN(const ColumnIndex index, MapColumns(table));
  std::vector<Skill> skills;
  skills.reserve(table.rows.size());
  std::unordered_map<std::string, std::size_t> first_line;  // id → line
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::size_t line = table.line_numbers[r];
    const RowReader row(table.rows[r], index, line);
    VAARDIG_ASSIGN_OR_RETURN(Skill skill, ReadSkill(row));
    if (const auto [it, added] = first_line.emplace(skill.id, line); !added) {
      return Fail(row.At(
          kId, Error(ErrorCode::kAlreadyExists, "repeats skill id " + Quote(skill.id) +
                                                    " from line " + std::to_string(it->second))));
    }
    skills.push_back(std::move(skill));
  }
  return skills;
}

}  // namespace vaardig::issuer
