// BuildSkillQuery (verifier/app/requests.h): the DCQL an employer's ask becomes. A plain ask names
// the skill, its level and who confirmed it; an ask that also accepts self-declared skills adds a
// claim set with the skill's name and level alone (a self-declared skill has no catalogue id and no
// confirmation), after the full one.
#include <gtest/gtest.h>

#include "core/oid4vc/dcql.h"
#include "core/sdjwt/skill_credential.h"
#include "verifier/app/requests.h"

namespace vaardig::verifier {
namespace {

constexpr std::string_view kVct = "https://werk.gemeente-voorbeeld.nl/vct/skill/v1";

TEST(SkillQuery, AnEmployersAskHasNoClaimSets) {
  auto query = BuildSkillQuery({.vct_values = {std::string(kVct)}, .skill_ids = {"https://x/skills/snoeien"}, .min_level = 2, .name = false});
  ASSERT_TRUE(query.has_value()) << query.error();
  ASSERT_EQ(query->credentials.size(), 1u);
  EXPECT_TRUE(query->credentials[0].claim_sets.empty());
  EXPECT_EQ(query->credentials[0].claims.size(), 4u);
}

TEST(SkillQuery, SelfDeclaredSkillsGetTheirOwnClaimSetAfterTheFullOne) {
  auto query = BuildSkillQuery({.vct_values = {std::string(kVct), std::string(sdjwt::kSelfDeclaredSkillVct)},
                                .skill_ids = {}, .min_level = 1, .name = true});
  ASSERT_TRUE(query.has_value()) << query.error();
  const auto& sets = query->credentials[0].claim_sets;
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0], (std::vector<std::string>{"skill_id", "skill_name", "skill_level", "confirmed_by_role", "given_name", "family_name"}));
  EXPECT_EQ(sets[1], (std::vector<std::string>{"skill_name", "skill_level", "given_name", "family_name"}));
  // A self-declared credential (no id, no confirmation) satisfies the second set; a level below the
  // minimum does not.
  const Json own{{"vct", std::string(sdjwt::kSelfDeclaredSkillVct)},
                 {"skill", {{"name", {{"nl", "Rijden met aanhanger"}}}, {"level", 3}}},
                 {"holder", {{"given_name", "Mohamed"}, {"family_name", "Yilmaz"}}}};
  EXPECT_TRUE(oid4vc::CheckPresentedClaims(query->credentials[0], own).has_value());
  Json low = own;
  low["skill"]["level"] = 0;
  EXPECT_FALSE(oid4vc::CheckPresentedClaims(query->credentials[0], low).has_value());
}

}  // namespace
}  // namespace vaardig::verifier
