#include "issuer/catalogue/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "tests/encoding/test_util.h"

namespace vaardig::issuer {
namespace {

using encoding::testutil::FailsWith;
using encoding::testutil::IsOk;
using encoding::testutil::ReadFileOrFail;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kHeader[] =
    "id,name_nl,name_en,description_nl,description_en,esco_uri,competentnl_uri,kind,area\n";
constexpr char kShowInitiative[] =
    "http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f";

std::string ExamplePath(const std::string& file) {
  return std::string(VAARDIG_SOURCE_DIR) + "/examples/gemeente-voorbeeld/" + file;
}

Skill MakeSkill(const std::string& id, const std::string& name_nl) {
  Skill skill;
  skill.id = id;
  skill.name.nl = name_nl;
  return skill;
}

const Skill* FindSkill(const std::vector<Skill>& skills, const std::string& id) {
  const auto it =
      std::find_if(skills.begin(), skills.end(), [&](const Skill& s) { return s.id == id; });
  return it == skills.end() ? nullptr : &*it;
}

// --- The example data of the Gemeente Voorbeeld scenario -------------------------------------

TEST(CatalogueExample, CatalogueAndRoadmapsLoad) {
  auto skills = ImportVaardigCsv(ReadFileOrFail(ExamplePath("catalogue.csv")));
  ASSERT_THAT(skills, IsOk());
  EXPECT_GE(skills->size(), 30u);
  std::set<std::string> areas;
  for (const Skill& skill : *skills) {
    EXPECT_THAT(ValidateSkill(skill), IsOk()) << skill.id;
    EXPECT_FALSE(skill.name.en.empty()) << skill.id;
    EXPECT_FALSE(skill.description.nl.empty()) << skill.id;
    EXPECT_FALSE(skill.competentnl_uri.has_value())
        << skill.id << ": no CompetentNL URI is confirmed";
    areas.insert(skill.area);
  }
  EXPECT_TRUE(areas.contains("Klantcontact"));
  EXPECT_TRUE(areas.contains("Administratie"));
  EXPECT_TRUE(areas.contains("Buitendienst groen"));

  // The demo uses this skill by id and by its exact Dutch name.
  const Skill* pruning = FindSkill(*skills, "snoeien-en-onderhouden-van-beplanting");
  ASSERT_NE(pruning, nullptr);
  EXPECT_EQ(pruning->name.nl, "Snoeien en onderhouden van beplanting");
  EXPECT_EQ(pruning->kind, SkillKind::kHard);
  EXPECT_FALSE(pruning->esco_uri.has_value());  // to be filled in: no ESCO URI confirmed

  // A confirmed alignment (ESCO v1.2 transversal skill "work in teams").
  const Skill* teams = FindSkill(*skills, "samenwerken-in-een-team");
  ASSERT_NE(teams, nullptr);
  EXPECT_EQ(teams->esco_uri,
            "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0");
  EXPECT_EQ(teams->kind, SkillKind::kSoft);

  auto roadmaps = ParseRoadmaps(ReadFileOrFail(ExamplePath("roadmaps.json")), *skills);
  ASSERT_THAT(roadmaps, IsOk());
  ASSERT_EQ(roadmaps->size(), 3u);
  EXPECT_EQ((*roadmaps)[0].job, "KCC");
  EXPECT_EQ((*roadmaps)[1].job, "Administratie");
  EXPECT_EQ((*roadmaps)[2].job, "Buitendienst groen");
  for (const Roadmap& roadmap : *roadmaps) EXPECT_GE(roadmap.columns.size(), 4u) << roadmap.id;
}

// --- The Vaardig CSV ---------------------------------------------------------------------------

TEST(ImportVaardigCsv, ReadsEveryColumnAndFallsBackToDutch) {
  const std::string csv = std::string(kHeader) +
                          "klantgesprekken-voeren,Klantgesprekken voeren,Conducting customer "
                          "conversations,Een gesprek voeren.,Hold a conversation.,,,hard,"
                          "Klantcontact\n"
                          "initiatief-nemen, Initiatief nemen ,,\"Zelf de eerste stap zetten,\n"
                          "zonder te wachten.\",," +
                          kShowInitiative +
                          ",https://linkeddata.competentnl.nl/id/human-capability/example,SOFT,\n";
  auto skills = ImportVaardigCsv(csv);
  ASSERT_THAT(skills, IsOk());
  ASSERT_EQ(skills->size(), 2u);
  const Skill& first = (*skills)[0];
  EXPECT_EQ(first.id, "klantgesprekken-voeren");
  EXPECT_EQ(first.name, (LocalText{"Klantgesprekken voeren", "Conducting customer conversations"}));
  EXPECT_EQ(first.description, (LocalText{"Een gesprek voeren.", "Hold a conversation."}));
  EXPECT_FALSE(first.esco_uri.has_value());
  EXPECT_FALSE(first.competentnl_uri.has_value());
  EXPECT_EQ(first.kind, SkillKind::kHard);
  EXPECT_EQ(first.area, "Klantcontact");

  const Skill& second = (*skills)[1];
  EXPECT_EQ(second.name, (LocalText{"Initiatief nemen", "Initiatief nemen"}));  // trimmed, en ← nl
  EXPECT_EQ(second.description.nl, "Zelf de eerste stap zetten,\nzonder te wachten.");
  EXPECT_EQ(second.description.en, second.description.nl);
  EXPECT_EQ(second.esco_uri, kShowInitiative);
  EXPECT_EQ(second.competentnl_uri,
            "https://linkeddata.competentnl.nl/id/human-capability/example");
  EXPECT_EQ(second.kind, SkillKind::kSoft);
  EXPECT_EQ(second.area, "");
}

TEST(ImportVaardigCsv, SemicolonsColumnOrderCaseAndAltLabels) {
  const std::string csv =
      "Kind;ID;Name_NL;name_en;description_nl;description_en;esco_uri;competentnl_uri;area;"
      "alt_labels_nl;alt_labels_en\n"
      "knowledge;plantenkennis;Plantenkennis;Plant knowledge;;;;;Groen;"
      " soortenkennis | planten herkennen|soortenkennis||;species\n";
  auto skills = ImportVaardigCsv(csv);
  ASSERT_THAT(skills, IsOk());
  ASSERT_EQ(skills->size(), 1u);
  EXPECT_EQ((*skills)[0].kind, SkillKind::kKnowledge);
  EXPECT_THAT((*skills)[0].alt_labels_nl, ElementsAre("soortenkennis", "planten herkennen"));
  EXPECT_THAT((*skills)[0].alt_labels_en, ElementsAre("species"));
}

TEST(ImportVaardigCsv, HeaderOnlyIsAnEmptyCatalogue) {
  auto skills = ImportVaardigCsv(kHeader);
  ASSERT_THAT(skills, IsOk());
  EXPECT_THAT(*skills, IsEmpty());
}

struct BadCatalogue {
  std::string rows;  // after kHeader unless it starts with '!' (then the whole file, '!' dropped)
  ErrorCode code;
  std::string message;
};

// Names the case by its expected message when a table row fails.
void PrintTo(const BadCatalogue& row, std::ostream* os) { *os << row.message; }

class ImportVaardigCsvBadInput : public ::testing::TestWithParam<BadCatalogue> {};

TEST_P(ImportVaardigCsvBadInput, RejectsTheWholeFileNamingLineAndColumn) {
  const std::string& rows = GetParam().rows;
  const std::string csv = rows.starts_with('!') ? rows.substr(1) : std::string(kHeader) + rows;
  auto skills = ImportVaardigCsv(csv);
  ASSERT_THAT(skills, FailsWith(GetParam().code));
  EXPECT_EQ(skills.error().message(), GetParam().message);
}

const std::string kGoodRow = "goed,Goed,,,,,,hard,\n";

INSTANTIATE_TEST_SUITE_P(
    Table, ImportVaardigCsvBadInput,
    ::testing::Values(
        BadCatalogue{kGoodRow + "Bad_Id,Naam,,,,,,hard,\n", ErrorCode::kInvalidArgument,
                     "line 3, column 'id' must be 2 to 80 characters of a-z, 0-9 and '-' (got "
                     "'Bad_Id')"},
        BadCatalogue{
            "x,Naam,,,,,,hard,\n", ErrorCode::kInvalidArgument,
            "line 2, column 'id' must be 2 to 80 characters of a-z, 0-9 and '-' (got 'x')"},
        BadCatalogue{",Naam,,,,,,hard,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'id' must be 2 to 80 characters of a-z, 0-9 and '-' (got '')"},
        BadCatalogue{std::string(81, 'a') + ",Naam,,,,,,hard,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'id' must be 2 to 80 characters of a-z, 0-9 and '-' (got '" +
                         std::string(60, 'a') + "...')"},
        BadCatalogue{"leeg,,English,,,,,hard,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'name_nl' is required"},
        BadCatalogue{"leeg,\"Twee\nregels\",,,,,,hard,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'name_nl' must be one line without control characters"},
        BadCatalogue{"lang," + std::string(201, 'n') + ",,,,,,hard,\n",
                     ErrorCode::kResourceExhausted,
                     "line 2, column 'name_nl' is 201 bytes, more than the limit of 200"},
        BadCatalogue{"lang,Naam," + std::string(201, 'n') + ",,,,,hard,\n",
                     ErrorCode::kResourceExhausted,
                     "line 2, column 'name_en' is 201 bytes, more than the limit of 200"},
        BadCatalogue{"lang,Naam,,\"" + std::string(8001, 'd') + "\",,,,hard,\n",
                     ErrorCode::kResourceExhausted,
                     "line 2, column 'description_nl' is 8001 bytes, more than the limit of 8000"},
        BadCatalogue{"tab,Naam,,,\"bell\x07\",,,hard,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'description_en' contains a control character"},
        BadCatalogue{"esco,Naam,,,,https://data.europa.eu/esco/skill/"
                     "001115fb-569f-4ee6-8381-c6807ef2527f,,soft,\n",
                     ErrorCode::kInvalidArgument,
                     "line 2, column 'esco_uri' must be an ESCO skill URI, "
                     "http://data.europa.eu/esco/skill/ and a lowercase UUID (got "
                     "'https://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6...')"},
        BadCatalogue{"esco,Naam,,,,http://data.europa.eu/esco/occupation/"
                     "001115fb-569f-4ee6-8381-c6807ef2527f,,soft,\n",
                     ErrorCode::kInvalidArgument,
                     "line 2, column 'esco_uri' must be an ESCO skill URI, "
                     "http://data.europa.eu/esco/skill/ and a lowercase UUID (got "
                     "'http://data.europa.eu/esco/occupation/001115fb-569f-4ee6-838...')"},
        BadCatalogue{"esco,Naam,,,,http://data.europa.eu/esco/skill/TBD,,soft,\n",
                     ErrorCode::kInvalidArgument,
                     "line 2, column 'esco_uri' must be an ESCO skill URI, "
                     "http://data.europa.eu/esco/skill/ and a lowercase UUID (got "
                     "'http://data.europa.eu/esco/skill/TBD')"},
        BadCatalogue{"cnl,Naam,,,,,http://linkeddata.competentnl.nl/id/human-capability/x,soft,\n",
                     ErrorCode::kInvalidArgument,
                     "line 2, column 'competentnl_uri' must be a CompetentNL URI, "
                     "https://linkeddata.competentnl.nl/ and a path (got "
                     "'http://linkeddata.competentnl.nl/id/human-capability/x')"},
        BadCatalogue{"kind,Naam,,,,,,vaardigheid,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'kind' must be hard, soft or knowledge (got 'vaardigheid')"},
        BadCatalogue{"kind,Naam,,,,,,,\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'kind' must be hard, soft or knowledge (got '')"},
        BadCatalogue{"area,Naam,,,,,,hard,\"Klant\ncontact\"\n", ErrorCode::kInvalidArgument,
                     "line 2, column 'area' must be one line without control characters"},
        BadCatalogue{kGoodRow + "andere,Ander,,,,,,hard,\ngoed,Nog eens,,,,,,soft,\n",
                     ErrorCode::kAlreadyExists,
                     "line 4, column 'id' repeats skill id 'goed' from line 2"},
        BadCatalogue{kGoodRow + "kort,Naam,,,,,,hard\n", ErrorCode::kInvalidArgument,
                     "CSV line 3: row has 8 fields, the header has 9"},
        BadCatalogue{"!id,name_nl,name_en,description_nl,description_en,esco_uri,competentnl_uri,"
                     "area\ngoed,Goed,,,,,,\n",
                     ErrorCode::kInvalidArgument, "catalogue CSV: missing column 'kind'"},
        BadCatalogue{"!id,name_nl,name_en,description_nl,description_en,escouri,competentnl_uri,"
                     "kind,area\n",
                     ErrorCode::kInvalidArgument,
                     "catalogue CSV: unknown column 'escouri' (columns are id, name_nl, name_en, "
                     "description_nl, description_en, esco_uri, competentnl_uri, kind, area, "
                     "alt_labels_nl, alt_labels_en)"},
        BadCatalogue{"!id,name_nl,name_en,description_nl,description_en,esco_uri,competentnl_uri,"
                     "kind,area,alt_labels_nl\nalt,Naam,,,,,,hard,,goed|" +
                         std::string(201, 'l') + "\n",
                     ErrorCode::kResourceExhausted,
                     "line 2, column 'alt_labels_nl' label '" + std::string(60, 'l') +
                         "...' is 201 bytes, more than the limit of 200"},
        BadCatalogue{"!", ErrorCode::kInvalidArgument, "CSV input is empty: no header line"}));

// --- Field checks --------------------------------------------------------------------------------

TEST(SkillChecks, SkillIds) {
  for (const char* ok : {"ab", "a1", "snoeien-en-onderhouden-van-beplanting", "--", "0-9"}) {
    EXPECT_THAT(CheckSkillId(ok), IsOk()) << ok;
  }
  EXPECT_THAT(CheckSkillId(std::string(80, 'a')), IsOk());
  for (const std::string& bad :
       std::vector<std::string>{"", "a", "Ab", "a_b", "a b", "a.b", "ä-b", std::string(81, 'a')}) {
    EXPECT_THAT(CheckSkillId(bad), FailsWith(ErrorCode::kInvalidArgument)) << bad;
  }
}

TEST(SkillChecks, EscoUrisAreHttpSkillUrisWithALowercaseUuid) {
  EXPECT_THAT(CheckEscoUri(kShowInitiative), IsOk());
  for (const std::string& bad : std::vector<std::string>{
           std::string(kShowInitiative) + "/",
           std::string(kShowInitiative).substr(0, 68),  // one hex digit short
           std::string("http://data.europa.eu/esco/skill/001115FB-569f-4ee6-8381-c6807ef2527f"),
           std::string("http://data.europa.eu/esco/skill/001115fb0569f-4ee6-8381-c6807ef2527"),
           std::string("http://data.europa.eu/esco/skill/------------------------------------"),
           std::string("http://data.europa.eu/esco/isced-f/00"),
           std::string(
               "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34"),
           std::string("https://esco.ec.europa.eu/en/classification/skill?uri=x"),
           std::string(""),
       }) {
    EXPECT_THAT(CheckEscoUri(bad), FailsWith(ErrorCode::kInvalidArgument)) << bad;
  }
}

TEST(SkillChecks, CompetentNlUrisAreHttpsOnTheLinkedDataHost) {
  for (const char* ok : {"https://linkeddata.competentnl.nl/id/human-capability/H123",
                         "https://linkeddata.competentnl.nl/uwv/id/occupation/ABC-1.2_x~y"}) {
    EXPECT_THAT(CheckCompetentNlUri(ok), IsOk()) << ok;
  }
  for (const std::string& bad : std::vector<std::string>{
           std::string("https://linkeddata.competentnl.nl/"),
           std::string("http://linkeddata.competentnl.nl/id/x"),
           std::string("https://linkeddata.competentnl.nl.evil.example/id/x"),
           std::string("https://competentnl.nl/id/x"),
           std::string("https://linkeddata.competentnl.nl/id/x?y=1"),
           std::string("https://linkeddata.competentnl.nl/id/x#y"),
           std::string("https://linkeddata.competentnl.nl/id/../x"),
           std::string("https://linkeddata.competentnl.nl//x"),
           std::string("https://linkeddata.competentnl.nl/id/a b"),
           std::string("https://linkeddata.competentnl.nl/") + std::string(300, 'x'),
       }) {
    EXPECT_THAT(CheckCompetentNlUri(bad), FailsWith(ErrorCode::kInvalidArgument)) << bad;
  }
}

TEST(SkillChecks, SkillKindNamesRoundTrip) {
  for (const SkillKind kind : {SkillKind::kHard, SkillKind::kSoft, SkillKind::kKnowledge}) {
    EXPECT_EQ(ParseSkillKind(SkillKindName(kind)), kind);
  }
  EXPECT_EQ(ParseSkillKind("Knowledge"), SkillKind::kKnowledge);
  EXPECT_THAT(ParseSkillKind("kennis"), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(ValidateSkill, NamesTheSkillAndMember) {
  const Skill skill = MakeSkill("goed", "Goed");
  EXPECT_THAT(ValidateSkill(skill), IsOk());

  Skill no_name = skill;
  no_name.name.nl.clear();
  auto a = ValidateSkill(no_name);
  ASSERT_THAT(a, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(a.error().message(), "skill 'goed': name.nl is required");

  Skill bad_id = skill;
  bad_id.id = "Goed";
  auto b = ValidateSkill(bad_id);
  ASSERT_THAT(b, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(b.error().message(),
            "skill id must be 2 to 80 characters of a-z, 0-9 and '-' (got 'Goed')");

  Skill bad_esco = skill;
  bad_esco.esco_uri = "";
  auto c = ValidateSkill(bad_esco);
  ASSERT_THAT(c, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(c.error().message(),
            "skill 'goed': esco_uri must be an ESCO skill URI, http://data.europa.eu/esco/skill/ "
            "and a lowercase UUID (got '')");

  Skill bad_cnl = skill;
  bad_cnl.competentnl_uri = "https://example.org/x";
  EXPECT_THAT(ValidateSkill(bad_cnl), FailsWith(ErrorCode::kInvalidArgument));

  Skill empty_label = skill;
  empty_label.alt_labels_en = {"ok", ""};
  auto d = ValidateSkill(empty_label);
  ASSERT_THAT(d, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(d.error().message(), "skill 'goed': alt_labels_en holds an empty label");

  Skill many_labels = skill;
  many_labels.alt_labels_nl.assign(kMaxAltLabels + 1, "label");
  EXPECT_THAT(ValidateSkill(many_labels), FailsWith(ErrorCode::kResourceExhausted));

  Skill long_area = skill;
  long_area.area = std::string(kMaxSkillAreaBytes + 1, 'a');
  EXPECT_THAT(ValidateSkill(long_area), FailsWith(ErrorCode::kResourceExhausted));
}

TEST(WithFallbacks, FillsEnglishFromDutchOnlyWhenEmpty) {
  Skill input = MakeSkill("aa", "Naam");
  input.description = {"Omschrijving", "Description"};
  const Skill skill = WithFallbacks(input);
  EXPECT_EQ(skill.name.en, "Naam");
  EXPECT_EQ(skill.description.en, "Description");
}

TEST(SlugFromLabel, FoldsLatinLettersAndJoinsWordsWithDashes) {
  EXPECT_EQ(SlugFromLabel("Snoeien en onderhouden van beplanting"),
            "snoeien-en-onderhouden-van-beplanting");
  EXPECT_EQ(SlugFromLabel("  Café & Zoë's ĳs — Straße! "), "cafe-zoes-ijs-strasse");
  EXPECT_EQ(SlugFromLabel("Earth\xE2\x80\x99s surface"), "earths-surface");
  EXPECT_EQ(SlugFromLabel("apply knowledge of philosophy, ethics and religion"),
            "apply-knowledge-of-philosophy-ethics-and-religion");
  EXPECT_EQ(SlugFromLabel("Łódź, Øresund, Æther"), "lodz-oresund-aether");
  EXPECT_EQ(SlugFromLabel("C++"), "c");
  EXPECT_EQ(SlugFromLabel("日本語"), "");
  EXPECT_EQ(SlugFromLabel(" -- "), "");
  // Cut to the maximum without a dangling '-'.
  EXPECT_EQ(SlugFromLabel("abcd efgh", 5), "abcd");
  EXPECT_EQ(SlugFromLabel(std::string(100, 'x')).size(), 80u);
}

// --- The ESCO CSV export ---------------------------------------------------------------------
//
// Rows in the ESCO v1.2 skills_en.csv column order. "show initiative" and "develop energy saving
// concepts" carry ESCO v1.2's own URI, English label, skillType and reuseLevel (the v1.2.0
// transversalSkillsCollection_en.csv and greenSkillsCollection_en.csv); their descriptions are
// shortened. The knowledge concept's UUID and label are made up for the test, and so are all
// Dutch labels.

constexpr char kEscoHeader[] =
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,"
    "modifiedDate,scopeNote,definition,inScheme,description\n";

std::string EscoRow(const std::string& type, const std::string& uuid, const std::string& skill_type,
                    const std::string& reuse, const std::string& label,
                    const std::string& alt_labels, const std::string& description) {
  const std::string uri = type == "KnowledgeSkillCompetence"
                              ? "http://data.europa.eu/esco/skill/" + uuid
                              : "http://data.europa.eu/esco/isced-f/" + uuid;
  return type + "," + uri + "," + skill_type + "," + reuse + ",\"" + label + "\",\"" + alt_labels +
         "\",,released,2023-11-30 15:53:37,,,http://data.europa.eu/esco/"
         "concept-scheme/skills,\"" +
         description + "\"\n";
}

const std::string kEscoEn =
    std::string(kEscoHeader) +
    EscoRow("KnowledgeSkillCompetence", "001115fb-569f-4ee6-8381-c6807ef2527f", "skill/competence",
            "transversal", "show initiative", "take the initiative\ngive impetus\n",
            "Be proactive.\n") +
    EscoRow("KnowledgeSkillCompetence", "0037c821-2898-4919-b96e-7ed1cd89554c", "skill/competence",
            "cross-sector", "develop energy saving concepts", "", "Use current research results.") +
    EscoRow("KnowledgeSkillCompetence", "00000000-0000-4000-8000-00000000000a", "knowledge",
            "transversal", "example language knowledge", "", "") +
    EscoRow("SkillGroup", "00", "", "", "generic programmes and qualifications", "", "");

const std::string kEscoNl =
    std::string(kEscoHeader) +
    EscoRow("KnowledgeSkillCompetence", "0037c821-2898-4919-b96e-7ed1cd89554c", "skill/competence",
            "cross-sector", "energiebesparende concepten ontwikkelen", "energiebesparing bedenken",
            "Gebruik actueel onderzoek.") +
    EscoRow("KnowledgeSkillCompetence", "001115fb-569f-4ee6-8381-c6807ef2527f", "skill/competence",
            "transversal", "initiatief tonen", "het initiatief nemen", "") +
    EscoRow("SkillGroup", "00", "", "", "algemene programma's", "", "");

TEST(ImportEscoCsv, MergesLanguagesByConceptUriAndMapsKinds) {
  auto imported = ImportEscoCsvWithReport(kEscoNl, kEscoEn);
  ASSERT_THAT(imported, IsOk());
  EXPECT_EQ(imported->skipped_concepts, 1u);  // the SkillGroup, counted once for both files
  const std::vector<Skill>& skills = imported->skills;
  ASSERT_EQ(skills.size(), 3u);

  const Skill& initiative = skills[0];  // English file order
  EXPECT_EQ(initiative.id, "show-initiative");
  EXPECT_EQ(initiative.name, (LocalText{"initiatief tonen", "show initiative"}));
  EXPECT_EQ(initiative.description, (LocalText{"", "Be proactive."}));
  EXPECT_EQ(initiative.esco_uri, kShowInitiative);
  EXPECT_EQ(initiative.kind, SkillKind::kSoft);  // skill/competence + transversal
  EXPECT_THAT(initiative.alt_labels_en, ElementsAre("take the initiative", "give impetus"));
  EXPECT_THAT(initiative.alt_labels_nl, ElementsAre("het initiatief nemen"));
  EXPECT_EQ(initiative.area, "");
  EXPECT_FALSE(initiative.competentnl_uri.has_value());

  const Skill& energy = skills[1];
  EXPECT_EQ(energy.id, "develop-energy-saving-concepts");
  EXPECT_EQ(energy.kind, SkillKind::kHard);  // skill/competence + cross-sector
  EXPECT_EQ(energy.description,
            (LocalText{"Gebruik actueel onderzoek.", "Use current research results."}));

  const Skill& knowledge = skills[2];
  EXPECT_EQ(knowledge.id, "example-language-knowledge");
  EXPECT_EQ(knowledge.kind, SkillKind::kKnowledge);  // knowledge, whatever the reuse level
  EXPECT_EQ(knowledge.name.nl, "example language knowledge");  // no Dutch row: English stands in

  // The plain form gives the same skills.
  auto plain = ImportEscoCsv(kEscoNl, kEscoEn);
  ASSERT_THAT(plain, IsOk());
  EXPECT_EQ(*plain, skills);
}

TEST(ImportEscoCsv, EitherFileMayBeEmpty) {
  auto english_only = ImportEscoCsv("", kEscoEn);
  ASSERT_THAT(english_only, IsOk());
  ASSERT_EQ(english_only->size(), 3u);
  EXPECT_EQ((*english_only)[0].name, (LocalText{"show initiative", "show initiative"}));

  auto dutch_only = ImportEscoCsv(kEscoNl, "\xEF\xBB\xBF \r\n");
  ASSERT_THAT(dutch_only, IsOk());
  ASSERT_EQ(dutch_only->size(), 2u);
  EXPECT_EQ((*dutch_only)[0].id, "energiebesparende-concepten-ontwikkelen");  // Dutch slug
  EXPECT_EQ((*dutch_only)[0].name.en, "energiebesparende concepten ontwikkelen");

  auto neither = ImportEscoCsvWithReport("", "");
  ASSERT_THAT(neither, IsOk());
  EXPECT_THAT(neither->skills, IsEmpty());
  EXPECT_EQ(neither->skipped_concepts, 0u);

  auto header_only = ImportEscoCsv(kEscoHeader, "");
  ASSERT_THAT(header_only, IsOk());
  EXPECT_THAT(*header_only, IsEmpty());
}

TEST(ImportEscoCsv, SameLabelGetsTheUuidPrefixThenTheWholeUuid) {
  const std::string en =
      std::string(kEscoHeader) +
      EscoRow("KnowledgeSkillCompetence", "aaaaaaaa-0000-4000-8000-000000000001",
              "skill/competence", "cross-sector", "Prune trees", "", "") +
      EscoRow("KnowledgeSkillCompetence", "bbbbbbbb-0000-4000-8000-000000000002",
              "skill/competence", "cross-sector", "prune   trees!", "", "") +
      EscoRow("KnowledgeSkillCompetence", "cccccccc-0000-4000-8000-000000000003",
              "skill/competence", "cross-sector", "prune trees bbbbbbbb", "", "") +
      EscoRow("KnowledgeSkillCompetence", "bbbbbbbb-0000-4000-8000-000000000004",
              "skill/competence", "cross-sector", "Prune trees", "", "") +
      EscoRow("KnowledgeSkillCompetence", "dddddddd-0000-4000-8000-000000000005",
              "skill/competence", "cross-sector", "C", "", "");
  auto skills = ImportEscoCsv("", en);
  ASSERT_THAT(skills, IsOk());
  std::vector<std::string> ids;
  for (const Skill& s : *skills) ids.push_back(s.id);
  // The third label's own slug is taken by the second concept's suffixed id.
  EXPECT_THAT(ids,
              ElementsAre("prune-trees", "prune-trees-bbbbbbbb", "prune-trees-bbbbbbbb-cccccccc",
                          "prune-trees-bbbbbbbb-0000-4000-8000-000000000004", "c-dddddddd"));
}

struct BadEsco {
  std::string nl;
  std::string en;
  ErrorCode code;
  std::string message;
};

// Names the case by its expected message when a table row fails.
void PrintTo(const BadEsco& row, std::ostream* os) { *os << row.message; }

class ImportEscoCsvBadInput : public ::testing::TestWithParam<BadEsco> {};

TEST_P(ImportEscoCsvBadInput, RejectsNamingFileLineAndColumn) {
  auto skills = ImportEscoCsv(GetParam().nl, GetParam().en);
  ASSERT_THAT(skills, FailsWith(GetParam().code));
  EXPECT_EQ(skills.error().message(), GetParam().message);
}

const std::string kInitiativeUuid = "001115fb-569f-4ee6-8381-c6807ef2527f";

INSTANTIATE_TEST_SUITE_P(
    Table, ImportEscoCsvBadInput,
    ::testing::Values(
        BadEsco{"",
                std::string(kEscoHeader) +
                    EscoRow("KnowledgeSkillCompetence", "not-a-uuid", "knowledge", "", "x", "", ""),
                ErrorCode::kInvalidArgument,
                "skills_en.csv: line 2, column 'conceptUri' must be an ESCO skill URI, "
                "http://data.europa.eu/esco/skill/ and a lowercase UUID (got "
                "'http://data.europa.eu/esco/skill/not-a-uuid')"},
        BadEsco{std::string(kEscoHeader) + EscoRow("KnowledgeSkillCompetence", kInitiativeUuid,
                                                   "competence", "", "x", "", ""),
                "", ErrorCode::kInvalidArgument,
                "skills_nl.csv: line 2, column 'skillType' must be knowledge or skill/competence "
                "(got 'competence')"},
        BadEsco{"",
                std::string(kEscoHeader) + EscoRow("KnowledgeSkillCompetence", kInitiativeUuid,
                                                   "knowledge", "everywhere", "x", "", ""),
                ErrorCode::kInvalidArgument,
                "skills_en.csv: line 2, column 'reuseLevel' must be transversal, cross-sector, "
                "sector-specific or occupation-specific (got 'everywhere')"},
        BadEsco{"",
                std::string(kEscoHeader) + EscoRow("KnowledgeSkillCompetence", kInitiativeUuid,
                                                   "knowledge", "", "", "", ""),
                ErrorCode::kInvalidArgument,
                "skills_en.csv: line 2, column 'preferredLabel' is required"},
        BadEsco{
            "",
            std::string(kEscoHeader) +
                EscoRow("KnowledgeSkillCompetence", kInitiativeUuid, "knowledge", "", "x", "", "") +
                EscoRow("KnowledgeSkillCompetence", kInitiativeUuid, "knowledge", "", "y", "", ""),
            ErrorCode::kAlreadyExists,
            "skills_en.csv: line 3, column 'conceptUri' repeats "
            "http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f from "
            "line 2"},
        BadEsco{std::string(kEscoHeader) + EscoRow("KnowledgeSkillCompetence", kInitiativeUuid,
                                                   "knowledge", "transversal", "x", "", ""),
                std::string(kEscoHeader) + EscoRow("KnowledgeSkillCompetence", kInitiativeUuid,
                                                   "skill/competence", "transversal", "x", "", ""),
                ErrorCode::kInvalidArgument,
                "skills_nl.csv: line 2, column 'skillType' and reuseLevel ('knowledge', "
                "'transversal') differ from the other language's ('skill/competence', "
                "'transversal') for "
                "http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f"},
        BadEsco{"", "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,description\n",
                ErrorCode::kInvalidArgument, "skills_en.csv: missing column 'altLabels'"},
        BadEsco{"conceptType,conceptUri\n\"open", "", ErrorCode::kInvalidArgument,
                "skills_nl.csv: CSV line 2: quoted field is not closed"}));

// --- Roadmaps ------------------------------------------------------------------------------------

std::vector<Skill> SmallCatalogue() {
  return {MakeSkill("klantgesprekken-voeren", "Klantgesprekken voeren"),
          MakeSkill("doorverwijzen", "Doorverwijzen")};
}

TEST(ParseRoadmaps, ReadsRoadmapsWithEnglishFallback) {
  auto roadmaps = ParseRoadmaps(R"({"roadmaps": [
      {"id": "kcc", "name": {"nl": "KCC", "en": "Contact centre"}, "job": "KCC-medewerker",
       "columns": [{"title": {"nl": "Ontvangen"}, "skills": ["klantgesprekken-voeren"]},
                   {"title": {"nl": "Doorverwijzen", "en": "Referring"},
                    "skills": ["doorverwijzen", "klantgesprekken-voeren"]}]}]})",
                                SmallCatalogue());
  ASSERT_THAT(roadmaps, IsOk());
  ASSERT_EQ(roadmaps->size(), 1u);
  const Roadmap& r = (*roadmaps)[0];
  EXPECT_EQ(r.id, "kcc");
  EXPECT_EQ(r.name, (LocalText{"KCC", "Contact centre"}));
  EXPECT_EQ(r.job, "KCC-medewerker");
  ASSERT_EQ(r.columns.size(), 2u);
  EXPECT_EQ(r.columns[0].title, (LocalText{"Ontvangen", "Ontvangen"}));
  EXPECT_THAT(r.columns[0].skill_ids, ElementsAre("klantgesprekken-voeren"));
  EXPECT_THAT(r.columns[1].skill_ids, ElementsAre("doorverwijzen", "klantgesprekken-voeren"));

  auto none = ParseRoadmaps(R"({"roadmaps": []})", {});
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, IsEmpty());
}

struct BadRoadmaps {
  std::string json;
  ErrorCode code;
  std::string message;
};

// Names the case by its expected message when a table row fails.
void PrintTo(const BadRoadmaps& row, std::ostream* os) { *os << row.message; }

class ParseRoadmapsBadInput : public ::testing::TestWithParam<BadRoadmaps> {};

TEST_P(ParseRoadmapsBadInput, IsRejectedWithCodeAndMessage) {
  auto roadmaps = ParseRoadmaps(GetParam().json, SmallCatalogue());
  ASSERT_THAT(roadmaps, FailsWith(GetParam().code));
  EXPECT_EQ(roadmaps.error().message(), GetParam().message);
}

// One roadmap around the given columns JSON.
std::string WithColumns(const std::string& columns) {
  return R"({"roadmaps": [{"id": "kcc", "name": {"nl": "KCC"}, "job": "KCC-medewerker", )"
         R"("columns": )" +
         columns + "}]}";
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseRoadmapsBadInput,
    ::testing::Values(
        BadRoadmaps{WithColumns(R"([{"title": {"nl": "Stap een"}, "skills": ["doorverwijzen"]},
                                    {"title": {"nl": "Stap twee"}, "skills": ["bestaat-niet"]}])"),
                    ErrorCode::kNotFound,
                    "roadmap 'kcc', column 2 'Stap twee': unknown skill id 'bestaat-niet'"},
        BadRoadmaps{WithColumns(R"([{"title": {"nl": "Stap"}, "skills": ["doorverwijzen",
                                    "doorverwijzen"]}])"),
                    ErrorCode::kInvalidArgument,
                    "roadmap 'kcc', column 1 'Stap': lists skill 'doorverwijzen' twice"},
        BadRoadmaps{WithColumns(R"([{"title": {"nl": "Stap"}, "skills": []}])"),
                    ErrorCode::kInvalidArgument, "roadmap 'kcc', column 1 'Stap': has no skills"},
        BadRoadmaps{WithColumns(R"([{"title": {"nl": "Stap"}, "skills": [1]}])"),
                    ErrorCode::kInvalidArgument,
                    "roadmap 'kcc', column 1 'Stap': skills must be strings"},
        BadRoadmaps{WithColumns(R"([{"title": {"en": "Step"}, "skills": ["doorverwijzen"]}])"),
                    ErrorCode::kInvalidArgument,
                    "roadmap 'kcc', column 1, title: missing member 'nl'"},
        BadRoadmaps{WithColumns(R"([{"title": {"nl": ""}, "skills": ["doorverwijzen"]}])"),
                    ErrorCode::kInvalidArgument, "roadmap 'kcc', column 1, title: nl is required"},
        BadRoadmaps{WithColumns(R"([{"title": {"nl": "Stap", "de": "Schritt"},
                                     "skills": ["doorverwijzen"]}])"),
                    ErrorCode::kInvalidArgument,
                    "roadmap 'kcc', column 1, title: unknown member 'de'"},
        BadRoadmaps{WithColumns(R"([{"title": "Stap", "skills": ["doorverwijzen"]}])"),
                    ErrorCode::kInvalidArgument,
                    "roadmap 'kcc', column 1: member 'title' must be an object"},
        BadRoadmaps{WithColumns(R"(["doorverwijzen"])"), ErrorCode::kInvalidArgument,
                    "roadmap 'kcc', column 1: must be an object"},
        BadRoadmaps{WithColumns("[]"), ErrorCode::kInvalidArgument,
                    "roadmap 'kcc': has no columns"},
        BadRoadmaps{WithColumns(R"({"title": {"nl": "Stap"}})"), ErrorCode::kInvalidArgument,
                    "roadmap 'kcc': member 'columns' must be an array"},
        BadRoadmaps{R"({"roadmaps": [{"id": "KCC", "name": {"nl": "KCC"}, "job": "x",
                        "columns": []}]})",
                    ErrorCode::kInvalidArgument,
                    "roadmap 1: id must be 2 to 80 characters of a-z, 0-9 and '-' (got 'KCC')"},
        BadRoadmaps{R"({"roadmaps": [{"name": {"nl": "KCC"}, "job": "x", "columns": []}]})",
                    ErrorCode::kInvalidArgument, "roadmap 1: missing member 'id'"},
        BadRoadmaps{R"({"roadmaps": [{"id": "kcc", "name": {"nl": "KCC"}, "columns": []}]})",
                    ErrorCode::kInvalidArgument, "roadmap 'kcc': missing member 'job'"},
        BadRoadmaps{R"({"roadmaps": [{"id": "kcc", "name": {"nl": "KCC"}, "job": "x",
                        "colums": []}]})",
                    ErrorCode::kInvalidArgument, "roadmap 1: unknown member 'colums'"},
        BadRoadmaps{R"({"roadmaps": [{"id": "kcc", "name": {"nl": "K"}, "job": "x", "columns":
                        [{"title": {"nl": "S"}, "skills": ["doorverwijzen"]}]},
                        {"id": "kcc", "name": {"nl": "K"}, "job": "x", "columns":
                        [{"title": {"nl": "S"}, "skills": ["doorverwijzen"]}]}]})",
                    ErrorCode::kAlreadyExists, "roadmap 2: repeats id 'kcc'"},
        BadRoadmaps{R"({"roadmaps": [42]})", ErrorCode::kInvalidArgument,
                    "roadmap 1: must be an object"},
        BadRoadmaps{R"({"roadmaps": {}})", ErrorCode::kInvalidArgument,
                    "roadmaps: member 'roadmaps' must be an array"},
        BadRoadmaps{R"({"roadmap": []})", ErrorCode::kInvalidArgument,
                    "roadmaps: unknown member 'roadmap'"},
        BadRoadmaps{R"([])", ErrorCode::kInvalidArgument,
                    "roadmaps: the file must be a JSON object"},
        BadRoadmaps{R"({})", ErrorCode::kInvalidArgument, "roadmaps: missing member 'roadmaps'"}));

TEST(ParseRoadmaps, InvalidJsonKeepsTheParsersCodeWithContext) {
  auto bad = ParseRoadmaps(R"({"roadmaps": [}})", {});
  ASSERT_THAT(bad, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_TRUE(bad.error().message().starts_with("roadmaps: ")) << bad.error();
  auto duplicate = ParseRoadmaps(R"({"roadmaps": [], "roadmaps": []})", {});
  EXPECT_THAT(duplicate, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(ParseRoadmaps(std::string(kMaxRoadmapsBytes + 1, ' '), {}),
              FailsWith(ErrorCode::kResourceExhausted));
}

TEST(ParseRoadmaps, LimitsOnColumnsSkillsAndRoadmaps) {
  std::string columns = "[";
  for (std::size_t i = 0; i <= kMaxRoadmapColumns; ++i) {
    columns += std::string(i ? "," : "") + R"({"title": {"nl": "S"}, "skills": ["doorverwijzen"]})";
  }
  auto many_columns = ParseRoadmaps(WithColumns(columns + "]"), SmallCatalogue());
  ASSERT_THAT(many_columns, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(many_columns.error().message(), "roadmap 'kcc': more than 30 columns");

  std::string skills;
  for (std::size_t i = 0; i <= kMaxSkillsPerColumn; ++i)
    skills += (i ? ",\"" : "\"") + std::string("x") + "\"";
  auto many_skills = ParseRoadmaps(
      WithColumns(R"([{"title": {"nl": "S"}, "skills": [)" + skills + "]}]"), SmallCatalogue());
  ASSERT_THAT(many_skills, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(many_skills.error().message(), "roadmap 'kcc', column 1 'S': more than 100 skills");

  std::string list;
  for (std::size_t i = 0; i <= kMaxRoadmaps; ++i) list += (i ? ",{}" : "{}");
  auto many_roadmaps = ParseRoadmaps(R"({"roadmaps": [)" + list + "]}", {});
  ASSERT_THAT(many_roadmaps, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_EQ(many_roadmaps.error().message(), "roadmaps: more than 200 roadmaps");
}

}  // namespace
}  // namespace vaardig::issuer
