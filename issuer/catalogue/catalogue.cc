#include "issuer/catalogue/catalogue.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "issuer/catalogue/text.h"

namespace vaardig::issuer {
namespace {

using catalogue_internal::CheckLine;
using catalogue_internal::CheckParagraph;
using catalogue_internal::Quote;

constexpr std::string_view kEscoSkillPrefix = "http://data.europa.eu/esco/skill/";
constexpr std::string_view kCompetentNlPrefix = "https://linkeddata.competentnl.nl/";

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// 8-4-4-4-12 lowercase hex digits.
bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position ? s[i] != '-' : !IsLowerHex(s[i])) return false;
  }
  return true;
}

// RFC 3986 unreserved characters and '/', which is all a CompetentNL path uses.
bool IsPathCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '/';
}

Status Member(const Skill& skill, std::string_view member, const Status& status) {
  if (status) return status;
  return Fail(status.error().code(), "skill " + Quote(skill.id) + ": " + std::string(member) + " " +
                                         status.error().message());
}

// ASCII for a Latin-1 Supplement or Latin Extended-A letter (U+00C0..U+017F), "" otherwise.
std::string_view FoldLatin(std::uint32_t cp) {
  struct Range {
    std::uint32_t first, last;
    std::string_view ascii;
  };
  static constexpr std::array<Range, 50> kRanges = {{
      {0xc0, 0xc5, "a"},     {0xc6, 0xc6, "ae"},   {0xc7, 0xc7, "c"},   {0xc8, 0xcb, "e"},
      {0xcc, 0xcf, "i"},     {0xd0, 0xd0, "d"},    {0xd1, 0xd1, "n"},   {0xd2, 0xd6, "o"},
      {0xd8, 0xd8, "o"},     {0xd9, 0xdc, "u"},    {0xdd, 0xdd, "y"},   {0xde, 0xde, "th"},
      {0xdf, 0xdf, "ss"},    {0xe0, 0xe5, "a"},    {0xe6, 0xe6, "ae"},  {0xe7, 0xe7, "c"},
      {0xe8, 0xeb, "e"},     {0xec, 0xef, "i"},    {0xf0, 0xf0, "d"},   {0xf1, 0xf1, "n"},
      {0xf2, 0xf6, "o"},     {0xf8, 0xf8, "o"},    {0xf9, 0xfc, "u"},   {0xfd, 0xfd, "y"},
      {0xfe, 0xfe, "th"},    {0xff, 0xff, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10d, "c"},
      {0x10e, 0x111, "d"},   {0x112, 0x11b, "e"},  {0x11c, 0x123, "g"}, {0x124, 0x127, "h"},
      {0x128, 0x131, "i"},   {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
      {0x139, 0x142, "l"},   {0x143, 0x14b, "n"},  {0x14c, 0x151, "o"}, {0x152, 0x153, "oe"},
      {0x154, 0x159, "r"},   {0x15a, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
      {0x174, 0x175, "w"},   {0x176, 0x178, "y"},  {0x179, 0x17e, "z"}, {0x17f, 0x17f, "s"},
      {0x2019, 0x2019, "'"}, {0x2bc, 0x2bc, "'"},
  }};
  for (const Range& r : kRanges) {
    if (cp >= r.first && cp <= r.last) return r.ascii;
  }
  return {};
}

}  // namespace

std::string_view SkillKindName(SkillKind kind) {
  switch (kind) {
    case SkillKind::kHard:
      return "hard";
    case SkillKind::kSoft:
      return "soft";
    case SkillKind::kKnowledge:
      return "knowledge";
  }
  return "hard";
}

Result<SkillKind> ParseSkillKind(std::string_view text) {
  for (const SkillKind kind : {SkillKind::kHard, SkillKind::kSoft, SkillKind::kKnowledge}) {
    if (catalogue_internal::EqualsIgnoringAsciiCase(text, SkillKindName(kind))) return kind;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "must be hard, soft or knowledge (got " + Quote(text) + ")");
}

Status CheckSkillId(std::string_view id) {
  bool ok = id.size() >= 2 && id.size() <= 80;
  for (const char c : id) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (ok) return Ok();
  return Fail(ErrorCode::kInvalidArgument,
              "must be 2 to 80 characters of a-z, 0-9 and '-' (got " + Quote(id) + ")");
}

Status CheckEscoUri(std::string_view uri) {
  if (uri.starts_with(kEscoSkillPrefix) && IsUuid(uri.substr(kEscoSkillPrefix.size()))) {
    return Ok();
  }
  return Fail(ErrorCode::kInvalidArgument,
              "must be an ESCO skill URI, http://data.europa.eu/esco/skill/ and a lowercase "
              "UUID (got " +
                  Quote(uri) + ")");
}

Status CheckCompetentNlUri(std::string_view uri) {
  bool ok = uri.size() <= kMaxAlignmentUriBytes && uri.starts_with(kCompetentNlPrefix) &&
            uri.size() > kCompetentNlPrefix.size() && uri.find("..") == std::string_view::npos &&
            uri.find("//", kCompetentNlPrefix.size() - 1) == std::string_view::npos;
  for (const char c : uri.substr(std::min(uri.size(), kCompetentNlPrefix.size()))) {
    ok = ok && IsPathCharacter(c);
  }
  if (ok) return Ok();
  return Fail(ErrorCode::kInvalidArgument,
              "must be a CompetentNL URI, https://linkeddata.competentnl.nl/ and a path (got " +
                  Quote(uri) + ")");
}

Status ValidateSkill(const Skill& skill) {
  if (auto ok = CheckSkillId(skill.id); !ok) {
    return Fail(ok.error().code(), "skill id " + ok.error().message());
  }
  if (skill.name.nl.empty()) {
    return Member(skill, "name.nl", Fail(ErrorCode::kInvalidArgument, "is required"));
  }
  VAARDIG_RETURN_IF_ERROR(Member(skill, "name.nl", CheckLine(skill.name.nl, kMaxSkillNameBytes)));
  VAARDIG_RETURN_IF_ERROR(Member(skill, "name.en", CheckLine(skill.name.en, kMaxSkillNameBytes)));
  VAARDIG_RETURN_IF_ERROR(Member(skill, "description.nl",
                                 CheckParagraph(skill.description.nl, kMaxSkillDescriptionBytes)));
  VAARDIG_RETURN_IF_ERROR(Member(skill, "description.en",
                                 CheckParagraph(skill.description.en, kMaxSkillDescriptionBytes)));
  if (skill.esco_uri) {
    VAARDIG_RETURN_IF_ERROR(Member(skill, "esco_uri", CheckEscoUri(*skill.esco_uri)));
  }
  if (skill.competentnl_uri) {
    VAARDIG_RETURN_IF_ERROR(
        Member(skill, "competentnl_uri", CheckCompetentNlUri(*skill.competentnl_uri)));
  }
  VAARDIG_RETURN_IF_ERROR(Member(skill, "area", CheckLine(skill.area, kMaxSkillAreaBytes)));
  for (const auto* labels : {&skill.alt_labels_nl, &skill.alt_labels_en}) {
    const std::string_view member =
        labels == &skill.alt_labels_nl ? "alt_labels_nl" : "alt_labels_en";
    if (labels->size() > kMaxAltLabels) {
      return Member(skill, member,
                    Fail(ErrorCode::kResourceExhausted,
                         "has more than " + std::to_string(kMaxAltLabels) + " labels"));
    }
    for (const std::string& label : *labels) {
      if (label.empty()) {
        return Member(skill, member, Fail(ErrorCode::kInvalidArgument, "holds an empty label"));
      }
      VAARDIG_RETURN_IF_ERROR(Member(skill, member, CheckLine(label, kMaxAltLabelBytes)));
    }
  }
  return Ok();
}

Skill WithFallbacks(Skill skill) {
  if (skill.name.en.empty()) skill.name.en = skill.name.nl;
  if (skill.description.en.empty()) skill.description.en = skill.description.nl;
  return skill;
}

std::string SlugFromLabel(std::string_view label, std::size_t max_length) {
  std::string slug;
  bool pending_separator = false;
  const auto emit = [&](std::string_view ascii) {
    if (ascii == "'") return;  // "Earth's" → "earths"
    if (pending_separator && !slug.empty()) slug.push_back('-');
    pending_separator = false;
    slug += ascii;
  };
  for (std::size_t i = 0; i < label.size();) {
    const auto c0 = static_cast<unsigned char>(label[i]);
    if (c0 < 0x80) {
      const char c = static_cast<char>(c0 >= 'A' && c0 <= 'Z' ? c0 + 32 : c0);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'') {
        emit(std::string_view(&c, 1));
      } else {
        pending_separator = true;
      }
      ++i;
      continue;
    }
    // Decode the (valid) multi-byte sequence; malformed bytes count as separators.
    std::size_t length = c0 >= 0xf0 ? 4 : c0 >= 0xe0 ? 3 : c0 >= 0xc0 ? 2 : 1;
    if (i + length > label.size()) length = 1;
    std::uint32_t cp = length == 1 ? 0 : c0 & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (label[i + k] & 0x3f);
    const std::string_view ascii = FoldLatin(cp);
    if (ascii.empty()) {
      pending_separator = true;
    } else {
      emit(ascii);
    }
    i += length;
  }
  if (slug.size() > max_length) slug.resize(max_length);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

Result<std::vector<Skill>> ImportEscoCsv(std::string_view csv_nl, std::string_view csv_en) {
  VAARDIG_ASSIGN_OR_RETURN(EscoImport imported, ImportEscoCsvWithReport(csv_nl, csv_en));
  return std::move(imported.skills);
}

}  // namespace vaardig::issuer
