// The roadmaps JSON file (docs/catalogue.md):
//   {"roadmaps": [{"id", "name": {"nl", "en"}, "job", "columns": [{"title": {...}, "skills":
//   [...]}]}]}
#include <expected>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/encoding/json.h"
#include "issuer/catalogue/catalogue.h"
#include "issuer/catalogue/text.h"

namespace vaardig::issuer {
namespace {

using catalogue_internal::CheckLine;
using catalogue_internal::Quote;

std::unexpected<Error> Invalid(const std::string& where, const std::string& what) {
  return Fail(ErrorCode::kInvalidArgument, where + ": " + what);
}

Status CheckMembers(const Json& object, std::initializer_list<std::string_view> allowed,
                    const std::string& where) {
  for (const auto& [name, value] : object.items()) {
    bool known = false;
    for (const std::string_view a : allowed) known = known || name == a;
    if (!known) return Invalid(where, "unknown member " + Quote(name));
  }
  return Ok();
}

Result<const Json*> Member(const Json& object, std::string_view name, Json::value_t type,
                           std::string_view type_name, const std::string& where) {
  const auto it = object.find(name);
  if (it == object.end()) {
    return Invalid(where, "missing member '" + std::string(name) + "'");
  }
  // A JSON number may come back as any of nlohmann's three number types; only strings,
  // arrays and objects are asked for here, so an exact type match is right.
  if (it->type() != type) {
    return Invalid(where, "member '" + std::string(name) + "' must be " + std::string(type_name));
  }
  return &*it;
}

Result<std::string> ReadLine(const Json& object, std::string_view name, std::size_t max_bytes,
                             const std::string& where) {
  VAARDIG_ASSIGN_OR_RETURN(const Json* value,
                           Member(object, name, Json::value_t::string, "a string", where));
  std::string text = value->get<std::string>();
  if (text.empty()) return Invalid(where, std::string(name) + " is required");
  if (auto ok = CheckLine(text, max_bytes); !ok) {
    return Fail(ok.error().code(), where + ": " + std::string(name) + " " + ok.error().message());
  }
  return text;
}

// {"nl": "...", "en": "..."}: nl required, en optional and falling back to nl.
Result<LocalText> ReadLocalText(const Json& object, std::string_view name,
                                const std::string& where) {
  VAARDIG_ASSIGN_OR_RETURN(const Json* value,
                           Member(object, name, Json::value_t::object, "an object", where));
  const std::string inner = where + ", " + std::string(name);
  VAARDIG_RETURN_IF_ERROR(CheckMembers(*value, {"nl", "en"}, inner));
  LocalText text;
  VAARDIG_ASSIGN_OR_RETURN(text.nl, ReadLine(*value, "nl", kMaxSkillNameBytes, inner));
  if (value->contains("en")) {
    VAARDIG_ASSIGN_OR_RETURN(text.en, ReadLine(*value, "en", kMaxSkillNameBytes, inner));
  } else {
    text.en = text.nl;
  }
  return text;
}

Result<RoadmapColumn> ReadColumn(const Json& json, const std::string& where,
                                 const std::unordered_set<std::string_view>& known_skills) {
  if (!json.is_object()) return Invalid(where, "must be an object");
  VAARDIG_RETURN_IF_ERROR(CheckMembers(json, {"title", "skills"}, where));
  RoadmapColumn column;
  VAARDIG_ASSIGN_OR_RETURN(column.title, ReadLocalText(json, "title", where));
  const std::string named = where + " " + Quote(column.title.nl);
  VAARDIG_ASSIGN_OR_RETURN(const Json* skills,
                           Member(json, "skills", Json::value_t::array, "an array", named));
  if (skills->empty()) return Invalid(named, "has no skills");
  if (skills->size() > kMaxSkillsPerColumn) {
    return Fail(ErrorCode::kResourceExhausted,
                named + ": more than " + std::to_string(kMaxSkillsPerColumn) + " skills");
  }
  for (const Json& skill : *skills) {
    if (!skill.is_string()) return Invalid(named, "skills must be strings");
    const std::string& id = skill.get_ref<const std::string&>();
    if (!known_skills.contains(id)) {
      return Fail(ErrorCode::kNotFound, named + ": unknown skill id " + Quote(id));
    }
    for (const std::string& earlier : column.skill_ids) {
      if (earlier == id) return Invalid(named, "lists skill " + Quote(id) + " twice");
    }
    column.skill_ids.push_back(id);
  }
  return column;
}

Result<Roadmap> ReadRoadmap(const Json& json, std::size_t position,
                            const std::unordered_set<std::string_view>& known_skills) {
  std::string where = "roadmap " + std::to_string(position);
  if (!json.is_object()) return Invalid(where, "must be an object");
  VAARDIG_RETURN_IF_ERROR(CheckMembers(json, {"id", "name", "job", "columns"}, where));
  Roadmap roadmap;
  VAARDIG_ASSIGN_OR_RETURN(const Json* id,
                           Member(json, "id", Json::value_t::string, "a string", where));
  roadmap.id = id->get<std::string>();
  if (auto ok = CheckSkillId(roadmap.id); !ok) {
    return Invalid(where, "id " + ok.error().message());
  }
  where = "roadmap '" + roadmap.id + "'";
  VAARDIG_ASSIGN_OR_RETURN(roadmap.name, ReadLocalText(json, "name", where));
  VAARDIG_ASSIGN_OR_RETURN(roadmap.job, ReadLine(json, "job", kMaxSkillNameBytes, where));
  VAARDIG_ASSIGN_OR_RETURN(const Json* columns,
                           Member(json, "columns", Json::value_t::array, "an array", where));
  if (columns->empty()) return Invalid(where, "has no columns");
  if (columns->size() > kMaxRoadmapColumns) {
    return Fail(ErrorCode::kResourceExhausted,
                where + ": more than " + std::to_string(kMaxRoadmapColumns) + " columns");
  }
  for (std::size_t c = 0; c < columns->size(); ++c) {
    VAARDIG_ASSIGN_OR_RETURN(
        RoadmapColumn column,
        ReadColumn((*columns)[c], where + ", column " + std::to_string(c + 1), known_skills));
    roadmap.columns.push_back(std::move(column));
  }
  return roadmap;
}

}  // namespace

Result<std::vector<Roadmap>> ParseRoadmaps(std::string_view json,
                                           const std::vector<Skill>& catalogue) {
  auto parsed = ParseJson(json, JsonLimits{.max_bytes = kMaxRoadmapsBytes, .max_depth = 8});
  if (!parsed) return Fail(parsed.error().WithContext("roadmaps"));
  if (!parsed->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "roadmaps: the file must be a JSON object");
  }
  VAARDIG_RETURN_IF_ERROR(CheckMembers(*parsed, {"roadmaps"}, "roadmaps"));
  VAARDIG_ASSIGN_OR_RETURN(
      const Json* list, Member(*parsed, "roadmaps", Json::value_t::array, "an array", "roadmaps"));
  if (list->size() > kMaxRoadmaps) {
    return Fail(ErrorCode::kResourceExhausted,
                "roadmaps: more than " + std::to_string(kMaxRoadmaps) + " roadmaps");
  }
  std::unordered_set<std::string_view> known_skills;
  for (const Skill& skill : catalogue) known_skills.insert(skill.id);

  std::vector<Roadmap> roadmaps;
  std::unordered_set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    VAARDIG_ASSIGN_OR_RETURN(Roadmap roadmap, ReadRoadmap((*list)[i], i + 1, known_skills));
    if (!ids.insert(roadmap.id).second) {
      return Fail(ErrorCode::kAlreadyExists,
                  "roadmap " + std::to_string(i + 1) + ": repeats id '" + roadmap.id + "'");
    }
    roadmaps.push_back(std::move(roadmap));
  }
  return roadmaps;
}

}  // namespace vaardig::issuer
