#include "core/sdjwt/skill_credential.h"

namespace vaardig::sdjwt {
namespace {

bool Has(const Json& object, const char* name) { return object.is_object() && object.contains(name); }

}  // namespace

std::vector<ClaimPath> SkillCredentialSdPaths(const Json& claims) {
  std::vector<ClaimPath> paths;
  if (Has(claims, "skill")) paths.push_back({"skill"});
  if (Has(claims, "confirmation")) {
    const Json& confirmation = claims["confirmation"];
    paths.push_back({"confirmation"});
    if (Has(confirmation, "by")) {
      if (Has(confirmation["by"], "name")) paths.push_back({"confirmation", "by", "name"});
      if (Has(confirmation["by"], "role")) paths.push_back({"confirmation", "by", "role"});
    }
    if (Has(confirmation, "endorsement")) paths.push_back({"confirmation", "endorsement"});
  }
  if (Has(claims, "self_assessment")) paths.push_back({"self_assessment"});
  if (Has(claims, "evidence") && claims["evidence"].is_array()) {
    // The list as a whole (its length says something too) and each item on its own.
    paths.push_back({"evidence"});
    for (std::size_t i = 0; i < claims["evidence"].size(); ++i) paths.push_back({"evidence", i});
  }
  if (Has(claims, "holder")) {
    paths.push_back({"holder"});
    for (const char* member : {"given_name", "family_name"}) {
      if (Has(claims["holder"], member)) paths.push_back({"holder", member});
    }
  }
  if (Has(claims, "employer")) {
    paths.push_back({"employer"});
    for (const char* member : {"name", "id"}) {
      if (Has(claims["employer"], member)) paths.push_back({"employer", member});
    }
  }
  return paths;
}

std::vector<ClaimPath> SkillsFirstDisclosure() {
  return {{"skill"}, {"confirmation", "by", "role"}};
}

}  // namespace vaardig::sdjwt
