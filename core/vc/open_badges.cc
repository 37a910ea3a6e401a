#include "core/vc/open_badges.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/vc/internal/json_checks.h"

namespace vaardig::vc {

using internal::Element;
using internal::Member;
using internal::PathError;

namespace {

// The OB 3.0 extensible enumerations (AchievementType, AlignmentTargetType, ResultType,
// IdentifierTypeEnum), as the JSON Schemas list them.
constexpr std::array<std::string_view, 31> kAchievementTypes = {"Achievement",
                                                                "ApprenticeshipCertificate",
                                                                "Assessment",
                                                                "Assignment",
                                                                "AssociateDegree",
                                                                "Award",
                                                                "Badge",
                                                                "BachelorDegree",
                                                                "Certificate",
                                                                "CertificateOfCompletion",
                                                                "Certification",
                                                                "CommunityService",
                                                                "Competency",
                                                                "Course",
                                                                "CoCurricular",
                                                                "Degree",
                                                                "Diploma",
                                                                "DoctoralDegree",
                                                                "Fieldwork",
                                                                "GeneralEducationDevelopment",
                                                                "JourneymanCertificate",
                                                                "LearningProgram",
                                                                "License",
                                                                "Membership",
                                                                "ProfessionalDoctorate",
                                                                "QualityAssuranceCredential",
                                                                "MasterCertificate",
                                                                "MasterDegree",
                                                                "MicroCredential",
                                                                "ResearchDoctorate",
                                                                "SecondarySchoolDiploma"};
constexpr std::array<std::string_view, 7> kAlignmentTargetTypes = {
    "ceasn:Competency",  "ceterms:Credential",     "CFItem", "CFRubric",
    "CFRubricCriterion", "CFRubricCriterionLevel", "CTDL"};
constexpr std::array<std::string_view, 12> kResultTypes = {
    "GradePointAverage",    "LetterGrade", "Percent",     "PerformanceLevel",
    "PredictedScore",       "RawScore",    "Result",      "RubricCriterion",
    "RubricCriterionLevel", "RubricScore", "ScaledScore", "Status"};
constexpr std::array<std::string_view, 18> kIdentifierTypes = {"sourcedId",
                                                               "systemId",
                                                               "productId",
                                                               "userName",
                                                               "accountId",
                                                               "emailAddress",
                                                               "nationalIdentityNumber",
                                                               "isbn",
                                                               "issn",
                                                               "lisSourcedId",
                                                               "oneRosterSourcedId",
                                                               "sisSourcedId",
                                                               "ltiContextId",
                                                               "ltiDeploymentId",
                                                               "ltiToolId",
                                                               "ltiPlatformId",
                                                               "ltiUserId",
                                                               "identifier"};

// An extension term: "ext:" and then letters, digits, '.', '-' or '_' (the schemas' pattern).
bool IsExtensionTerm(std::string_view value) {
  if (value.size() <= 4 || value.substr(0, 4) != "ext:") return false;
  return std::all_of(value.begin() + 4, value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

template <std::size_t N>
Status CheckEnumeration(const Json& object, std::string_view name, std::string_view path,
                        const std::array<std::string_view, N>& values, std::string_view what) {
  VAARDIG_ASSIGN_OR_RETURN(const auto value, internal::OptionalString(object, name, path));
  if (!value) return Ok();
  if (std::find(values.begin(), values.end(), *value) != values.end() || IsExtensionTerm(*value)) {
    return Ok();
  }
  return PathError(Member(path, name),
                   "\"" + *value + "\" is not a " + std::string(what) + " nor an \"ext:\" term");
}

class Validator {
 public:
  explicit Validator(const VcLimits& limits) : limits_(limits) {}

  Status OpenBadgesContext(const Credential& credential, std::string_view path) {
    if (credential.context.size() < 2 || !credential.context[1].is_string() ||
        !IsOpenBadgesContext(credential.context[1].get<std::string>())) {
      return PathError(Element(Member(path, "@context"), 1),
                       "must be an Open Badges 3.0 context such as \"" +
                           std::string(kOpenBadgesContext303) + "\"");
    }
    return Ok();
  }

  Status RequiredCredentialMembers(const Json& json, const Credential& credential,
                                   std::string_view path) {
    if (!credential.id) return PathError(Member(path, "id"), "missing");
    VAARDIG_RETURN_IF_ERROR(internal::RequiredString(json, "name", path));
    if (!credential.valid_from) return PathError(Member(path, "validFrom"), "missing");
    return Ok();
  }

  Status Image(const Json& object, std::string_view path) {
    const auto it = object.find("image");
    if (it == object.end()) return Ok();
    const std::string image_path = Member(path, "image");
    if (!it->is_object()) return PathError(image_path, "must be an Image object");
    VAARDIG_RETURN_IF_ERROR(internal::RequiredString(*it, "id", image_path));
    VAARDIG_ASSIGN_OR_RETURN(const auto type, internal::RequiredString(*it, "type", image_path));
    if (type != "Image") return PathError(Member(image_path, "type"), "must be \"Image\"");
    return Ok();
  }

  // Profile: id a URL, type includes Profile; endorsement[] and parentOrg checked too.
  Status Profile(const Json& value, std::string_view path) {
    if (!value.is_object()) return PathError(path, "must be a Profile object");
    VAARDIG_RETURN_IF_ERROR(internal::RequiredUrl(value, "id", path));
    VAARDIG_RETURN_IF_ERROR(internal::RequireType(value, path, "Profile", limits_));
    VAARDIG_RETURN_IF_ERROR(internal::OptionalString(value, "name", path));
    VAARDIG_RETURN_IF_ERROR(Image(value, path));
    VAARDIG_RETURN_IF_ERROR(Endorsements(value, path));
    if (const auto parent = value.find("parentOrg"); parent != value.end()) {
      VAARDIG_RETURN_IF_ERROR(Profile(*parent, Member(path, "parentOrg")));
    }
    return Ok();
  }

  Status Alignments(const Json& object, std::string_view path) {
    const auto it = object.find("alignment");
    if (it == object.end()) return Ok();
    const std::string list_path = Member(path, "alignment");
    VAARDIG_ASSIGN_OR_RETURN(const auto alignments,
                             internal::ArrayOfObjects(*it, list_path, limits_));
    for (std::size_t i = 0; i < alignments.size(); ++i) {
      const Json& alignment = *alignments[i];
      const std::string at = Element(list_path, i);
      VAARDIG_RETURN_IF_ERROR(internal::RequireType(alignment, at, "Alignment", limits_));
      VAARDIG_RETURN_IF_ERROR(internal::RequiredString(alignment, "targetName", at));
      VAARDIG_RETURN_IF_ERROR(internal::RequiredUrl(alignment, "targetUrl", at));
      for (std::string_view name : {"targetCode", "targetDescription", "targetFramework"}) {
        VAARDIG_RETURN_IF_ERROR(internal::OptionalString(alignment, name, at));
      }
      VAARDIG_RETURN_IF_ERROR(CheckEnumeration(alignment, "targetType", at, kAlignmentTargetTypes,
                                               "AlignmentTargetType"));
    }
    return Ok();
  }

  // ResultDescription[]; collects description and level ids for the Result checks.
  Status ResultDescriptions(const Json& achievement, std::string_view path) {
    const auto it = achievement.find("resultDescription");
    if (it == achievement.end()) return Ok();
    const std::string list_path = Member(path, "resultDescription");
    VAARDIG_ASSIGN_OR_RETURN(const auto descriptions,
                             internal::ArrayOfObjects(*it, list_path, limits_));
    for (std::size_t i = 0; i < descriptions.size(); ++i) {
      const Json& description = *descriptions[i];
      const std::string at = Element(list_path, i);
      VAARDIG_ASSIGN_OR_RETURN(std::string id, internal::RequiredString(description, "id", at));
      VAARDIG_RETURN_IF_ERROR(internal::RequireType(description, at, "ResultDescription", limits_));
      VAARDIG_RETURN_IF_ERROR(internal::RequiredString(description, "name", at));
      VAARDIG_ASSIGN_OR_RETURN(const std::string result_type,
                               internal::RequiredString(description, "resultType", at));
      VAARDIG_RETURN_IF_ERROR(
          CheckEnumeration(description, "resultType", at, kResultTypes, "ResultType"));
      VAARDIG_RETURN_IF_ERROR(Alignments(description, at));
      description_ids_.push_back(std::move(id));
      std::vector<std::string> own_levels;
      const auto levels = description.find("rubricCriterionLevel");
      const std::string levels_path = Member(at, "rubricCriterionLevel");
      if (levels != description.end()) {
        VAARDIG_ASSIGN_OR_RETURN(const auto entries,
                                 internal::ArrayOfObjects(*levels, levels_path, limits_));
        for (std::size_t j = 0; j < entries.size(); ++j) {
          const std::string level_at = Element(levels_path, j);
          VAARDIG_ASSIGN_OR_RETURN(std::string level_id,
                                   internal::RequiredString(*entries[j], "id", level_at));
          VAARDIG_RETURN_IF_ERROR(
              internal::RequireType(*entries[j], level_at, "RubricCriterionLevel", limits_));
          VAARDIG_RETURN_IF_ERROR(internal::RequiredString(*entries[j], "name", level_at));
          VAARDIG_RETURN_IF_ERROR(Alignments(*entries[j], level_at));
          own_levels.push_back(std::move(level_id));
        }
      }
      if (result_type == "RubricCriterionLevel" && own_levels.empty()) {
        return PathError(levels_path,
                         "a resultType of RubricCriterionLevel requires at least one level");
      }
      VAARDIG_ASSIGN_OR_RETURN(const auto required,
                               internal::OptionalString(description, "requiredLevel", at));
      if (required && !internal::Contains(own_levels, *required)) {
        return PathError(Member(at, "requiredLevel"),
                         "names no rubricCriterionLevel of this result description");
      }
      level_ids_.insert(level_ids_.end(), own_levels.begin(), own_levels.end());
    }
    return Ok();
  }

  // Achievement.
  Status Achievement(const Json& value, std::string_view path) {
    if (!value.is_object()) return PathError(path, "must be an Achievement object");
    VAARDIG_RETURN_IF_ERROR(internal::RequiredUrl(value, "id", path));
    VAARDIG_RETURN_IF_ERROR(internal::RequireType(value, path, "Achievement", limits_));
    VAARDIG_RETURN_IF_ERROR(internal::RequiredString(value, "name", path));
    VAARDIG_RETURN_IF_ERROR(internal::RequiredString(value, "description", path));
    const auto criteria = value.find("criteria");
    const std::string criteria_path = Member(path, "criteria");
    if (criteria == value.end()) return PathError(criteria_path, "missing");
    if (!criteria->is_object()) return PathError(criteria_path, "must be a Criteria object");
    VAARDIG_ASSIGN_OR_RETURN(const auto criteria_id,
                             internal::OptionalUrl(*criteria, "id", criteria_path));
    VAARDIG_ASSIGN_OR_RETURN(const auto narrative,
                             internal::OptionalString(*criteria, "narrative", criteria_path));
    if (!criteria_id && !narrative) return PathError(criteria_path, "needs an id or a narrative");
    VAARDIG_RETURN_IF_ERROR(
        CheckEnumeration(value, "achievementType", path, kAchievementTypes, "AchievementType"));
    VAARDIG_RETURN_IF_ERROR(Alignments(value, path));
    VAARDIG_RETURN_IF_ERROR(ResultDescriptions(value, path));
    VAARDIG_RETURN_IF_ERROR(Image(value, path));
    if (const auto creator = value.find("creator"); creator != value.end()) {
      VAARDIG_RETURN_IF_ERROR(Profile(*creator, Member(path, "creator")));
    }
    return Endorsements(value, path);
  }

  // Result[] of an AchievementSubject; needs the achievement's ids collected first.
  Status Results(const Json& subject, std::string_view path) {
    const auto it = subject.find("result");
    if (it == subject.end()) return Ok();
    const std::string list_path = Member(path, "result");
    VAARDIG_ASSIGN_OR_RETURN(const auto results, internal::ArrayOfObjects(*it, list_path, limits_));
    for (std::size_t i = 0; i < results.size(); ++i) {
      const std::string at = Element(list_path, i);
      VAARDIG_RETURN_IF_ERROR(internal::RequireType(*results[i], at, "Result", limits_));
      VAARDIG_ASSIGN_OR_RETURN(const auto level,
                               internal::OptionalString(*results[i], "achievedLevel", at));
      if (level && !internal::Contains(level_ids_, *level)) {
        return PathError(Member(at, "achievedLevel"),
                         "names no rubricCriterionLevel of the achievement");
      }
      VAARDIG_ASSIGN_OR_RETURN(const auto description,
                               internal::OptionalString(*results[i], "resultDescription", at));
      if (description && !internal::Contains(description_ids_, *description)) {
        return PathError(Member(at, "resultDescription"),
                         "names no resultDescription of the achievement");
      }
      for (std::string_view name : {"status", "value"}) {
        VAARDIG_RETURN_IF_ERROR(internal::OptionalString(*results[i], name, at));
      }
      VAARDIG_RETURN_IF_ERROR(Alignments(*results[i], at));
    }
    return Ok();
  }

  // identifier[] of IdentityObjects; true when there is at least one.
  Result<bool> Identifiers(const Json& subject, std::string_view path) {
    const auto it = subject.find("identifier");
    if (it == subject.end()) return false;
    const std::string list_path = Member(path, "identifier");
    VAARDIG_ASSIGN_OR_RETURN(const auto entries, internal::ArrayOfObjects(*it, list_path, limits_));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const Json& entry = *entries[i];
      const std::string at = Element(list_path, i);
      VAARDIG_ASSIGN_OR_RETURN(const auto type, internal::RequiredString(entry, "type", at));
      if (type != "IdentityObject")
        return PathError(Member(at, "type"), "must be \"IdentityObject\"");
      const auto hashed = entry.find("hashed");
      if (hashed == entry.end() || !hashed->is_boolean()) {
        return PathError(Member(at, "hashed"), "must be true or false");
      }
      VAARDIG_RETURN_IF_ERROR(internal::RequiredString(entry, "identityHash", at));
      VAARDIG_RETURN_IF_ERROR(internal::RequiredString(entry, "identityType", at));
      VAARDIG_RETURN_IF_ERROR(
          CheckEnumeration(entry, "identityType", at, kIdentifierTypes, "IdentifierTypeEnum"));
    }
    return !entries.empty();
  }

  // AchievementSubject.
  Status AchievementSubject(const Json& json, std::string_view path) {
    const std::string subject_path = Member(path, "credentialSubject");
    const Json& subject = json.at("credentialSubject");  // ParseCredential checked it is there
    if (!subject.is_object())
      return PathError(subject_path, "must be one AchievementSubject object");
    VAARDIG_RETURN_IF_ERROR(
        internal::RequireType(subject, subject_path, "AchievementSubject", limits_));
    VAARDIG_ASSIGN_OR_RETURN(const auto id, internal::OptionalUrl(subject, "id", subject_path));
    VAARDIG_ASSIGN_OR_RETURN(const bool identified, Identifiers(subject, subject_path));
    if (!id && !identified) return PathError(subject_path, "needs an id or an identifier");
    const auto achievement = subject.find("achievement");
    if (achievement == subject.end())
      return PathError(Member(subject_path, "achievement"), "missing");
    VAARDIG_RETURN_IF_ERROR(Achievement(*achievement, Member(subject_path, "achievement")));
    VAARDIG_RETURN_IF_ERROR(Results(subject, subject_path));
    if (const auto source = subject.find("source"); source != subject.end()) {
      VAARDIG_RETURN_IF_ERROR(Profile(*source, Member(subject_path, "source")));
    }
    return Image(subject, subject_path);
  }

  Status Evidence(const Json& json, std::string_view path) {
    const auto it = json.find("evidence");
    if (it == json.end()) return Ok();
    const std::string list_path = Member(path, "evidence");
    VAARDIG_ASSIGN_OR_RETURN(const auto entries, internal::ArrayOfObjects(*it, list_path, limits_));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string at = Element(list_path, i);
      VAARDIG_RETURN_IF_ERROR(internal::RequireType(*entries[i], at, "Evidence", limits_));
      VAARDIG_RETURN_IF_ERROR(internal::OptionalUrl(*entries[i], "id", at));
      for (std::string_view name : {"narrative", "name", "description", "genre", "audience"}) {
        VAARDIG_RETURN_IF_ERROR(internal::OptionalString(*entries[i], name, at));
      }
    }
    return Ok();
  }

  Status Endorsements(const Json& object, std::string_view path) {
    const auto it = object.find("endorsement");
    if (it == object.end()) return Ok();
    const std::string list_path = Member(path, "endorsement");
    VAARDIG_ASSIGN_OR_RETURN(const auto entries, internal::ArrayOfObjects(*it, list_path, limits_));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      VAARDIG_RETURN_IF_ERROR(EndorsementCredential(*entries[i], Element(list_path, i)));
    }
    return Ok();
  }

  // AchievementCredential.
  Result<Credential> AchievementCredential(const Json& json, std::string_view path) {
    VAARDIG_ASSIGN_OR_RETURN(Credential credential,
                             internal::ParseCredentialAt(json, path, limits_));
    VAARDIG_RETURN_IF_ERROR(OpenBadgesContext(credential, path));
    if (!credential.HasType("OpenBadgeCredential") &&
        !credential.HasType("AchievementCredential")) {
      return PathError(Member(path, "type"),
                       "must include \"OpenBadgeCredential\" or \"AchievementCredential\"");
    }
    VAARDIG_RETURN_IF_ERROR(RequiredCredentialMembers(json, credential, path));
    VAARDIG_RETURN_IF_ERROR(Profile(json.at("issuer"), Member(path, "issuer")));
    VAARDIG_RETURN_IF_ERROR(AchievementSubject(json, path));
    VAARDIG_RETURN_IF_ERROR(Evidence(json, path));
    VAARDIG_RETURN_IF_ERROR(Image(json, path));
    VAARDIG_RETURN_IF_ERROR(Endorsements(json, path));
    return credential;
  }

  // EndorsementCredential, stand-alone or embedded.
  Result<Credential> EndorsementCredential(const Json& json, std::string_view path) {
    VAARDIG_ASSIGN_OR_RETURN(Credential credential,
                             internal::ParseCredentialAt(json, path, limits_));
    VAARDIG_RETURN_IF_ERROR(OpenBadgesContext(credential, path));
    if (!credential.HasType("EndorsementCredential")) {
      return PathError(Member(path, "type"), "must include \"EndorsementCredential\"");
    }
    VAARDIG_RETURN_IF_ERROR(RequiredCredentialMembers(json, credential, path));
    VAARDIG_RETURN_IF_ERROR(Profile(json.at("issuer"), Member(path, "issuer")));
    const std::string subject_path = Member(path, "credentialSubject");
    const Json& subject = json.at("credentialSubject");
    if (!subject.is_object())
      return PathError(subject_path, "must be one EndorsementSubject object");
    VAARDIG_RETURN_IF_ERROR(internal::RequiredUrl(subject, "id", subject_path));
    VAARDIG_RETURN_IF_ERROR(
        internal::RequireType(subject, subject_path, "EndorsementSubject", limits_));
    VAARDIG_RETURN_IF_ERROR(internal::OptionalString(subject, "endorsementComment", subject_path));
    return credential;
  }

 private:
  const VcLimits& limits_;
  std::vector<std::string> description_ids_;
  std::vector<std::string> level_ids_;
};

}  // namespace

bool IsOpenBadgesContext(std::string_view url) {
  constexpr std::string_view kPrefix = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.";
  constexpr std::string_view kSuffix = ".json";
  if (url.size() != kPrefix.size() + 1 + kSuffix.size()) return false;
  if (url.substr(0, kPrefix.size()) != kPrefix ||
      url.substr(url.size() - kSuffix.size()) != kSuffix) {
    return false;
  }
  const char patch = url[kPrefix.size()];
  return patch >= '0' && patch <= '3';
}

Result<Credential> ValidateOpenBadgeCredential(const Json& json, const VcLimits& limits) {
  VAARDIG_RETURN_IF_ERROR(internal::CheckJsonLimits(json, limits));
  return Validator(limits).AchievementCredential(json, "");
}

Result<Credential> ValidateEndorsementCredential(const Json& json, const VcLimits& limits) {
  VAARDIG_RETURN_IF_ERROR(internal::CheckJsonLimits(json, limits));
  return Validator(limits).EndorsementCredential(json, "");
}

Result<Credential> ValidateOpenBadgesDocument(const Json& json, const VcLimits& limits) {
  if (!json.is_object()) return PathError("", "a credential must be a JSON object");
  VAARDIG_ASSIGN_OR_RETURN(const auto types, internal::ReadTypes(json, "", limits));
  if (internal::Contains(types, "EndorsementCredential")) {
    return ValidateEndorsementCredential(json, limits);
  }
  if (internal::Contains(types, "OpenBadgeCredential") ||
      internal::Contains(types, "AchievementCredential")) {
    return ValidateOpenBadgeCredential(json, limits);
  }
  return PathError("type",
                   "must include \"OpenBadgeCredential\", \"AchievementCredential\" or "
                   "\"EndorsementCredential\"");
}

}  // namespace vaardig::vc
