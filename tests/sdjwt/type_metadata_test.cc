// specs/sd-jwt-vc/skill-v1.json (type metadata) and the issuer's disclosure rules must agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/skill_credential.h"
#include "core/sdjwt/vc.h"

namespace vaardig::sdjwt {
namespace {

Json LoadMetadata() {
  std::ifstream in(std::string(VAARDIG_SOURCE_DIR) + "/specs/sd-jwt-vc/skill-v1.json");
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str());
  EXPECT_TRUE(parsed) << parsed.error();
  return parsed ? *parsed : Json::object();
}

// A full skill credential's claims with two evidence items.
Json FullClaims() {
  return Json::parse(R"({
    "iss": "did:web:x.example", "iat": 1, "exp": 2, "vct": "https://x.example/vct/skill/v1",
    "cnf": {"jwk": {}}, "status": {"status_list": {"idx": 1, "uri": "https://x.example/s"}},
    "skill": {"id": "a", "name": {"nl": "a", "en": "a"}, "level": 2, "level_label": {"nl": "a"}},
    "confirmation": {"status": "confirmed", "by": {"name": "a", "role": "b"}, "at": "2026-01-01",
                     "method": "observation", "endorsement": "x.y.z"},
    "self_assessment": {"level": 2},
    "evidence": [{"name": "a", "sha256": "b"}, {"name": "c", "sha256": "d"}],
    "holder": {"given_name": "a", "family_name": "b"},
    "employer": {"name": "a", "id": "b"}})");
}

// Whether a metadata path (null = any array index) matches a concrete claim path.
bool Matches(const Json& pattern, const ClaimPath& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (pattern[i].is_null()) {
      if (!std::holds_alternative<std::size_t>(path[i])) return false;
    } else if (!std::holds_alternative<std::string>(path[i]) ||
               pattern[i].get<std::string>() != std::get<std::string>(path[i])) {
      return false;
    }
  }
  return true;
}

TEST(SkillTypeMetadata, DisplaysInDutchAndEnglish) {
  const Json meta = LoadMetadata();
  ASSERT_TRUE(meta.contains("vct"));
  std::set<std::string> langs;
  for (const Json& d : meta["display"]) langs.insert(d["lang"].get<std::string>());
  EXPECT_TRUE(langs.contains("nl-NL"));
  EXPECT_TRUE(langs.contains("en-US"));
  for (const Json& claim : meta["claims"]) {
    ASSERT_TRUE(claim["path"].is_array() && !claim["path"].empty()) << claim.dump();
    std::set<std::string> claim_langs;
    for (const Json& d : claim["display"]) claim_langs.insert(d["lang"].get<std::string>());
    EXPECT_EQ(claim_langs, langs) << claim["path"].dump();
    const std::string sd = claim["sd"].get<std::string>();
    EXPECT_TRUE(sd == "always" || sd == "allowed" || sd == "never") << sd;
  }
}

TEST(SkillTypeMetadata, SdRulesAgreeWithTheIssuer) {
  const Json meta = LoadMetadata();
  const auto sd_paths = SkillCredentialSdPaths(FullClaims());
  for (const Json& claim : meta["claims"]) {
    const std::string sd = claim["sd"].get<std::string>();
    const bool issued_sd = std::ranges::any_of(sd_paths, [&](const ClaimPath& p) { return Matches(claim["path"], p); });
    SCOPED_TRACE(claim["path"].dump());
    if (sd == "always") {
      EXPECT_TRUE(issued_sd);
    }
    if (sd == "never") {
      EXPECT_FALSE(issued_sd);
      if (claim["path"].size() == 1) {
        EXPECT_TRUE(IsNeverDisclosable(claim["path"][0].get<std::string>()));
      }
    }
  }
  // And every path the issuer makes disclosable is described, and not as "never".
  for (const ClaimPath& p : sd_paths) {
    const auto it = std::ranges::find_if(meta["claims"], [&](const Json& c) { return Matches(c["path"], p); });
    ASSERT_NE(it, meta["claims"].end()) << FormatClaimPath(p) << " has no type metadata";
    EXPECT_NE((*it)["sd"], "never") << FormatClaimPath(p);
  }
}

}  // namespace
}  // namespace vaardig::sdjwt
