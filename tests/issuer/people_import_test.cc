#include "issuer/domain/people_import.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/crypto/test_util.h"

namespace vaardig::issuer {
namespace {

using crypto::testing::FailsWith;
using crypto::testing::IsOk;

constexpr char kHeader[] = "employee_number,name,email,team,manager,role\n";

// Gemeente Voorbeeld: a director, two managers, three employees.
constexpr char kPeople[] =
    "employee_number,name,email,team,manager,role\n"
    "E001,Anna de Vries,anna@voorbeeld.nl,Directie,,admin\n"
    "E002,Bram Bakker,bram@voorbeeld.nl,KCC,E001,manager\n"
    "E003,Carla Jansen,Carla.Jansen@Voorbeeld.nl,KCC,E002,employee\n"
    "E004,Dirk Smit,dirk@voorbeeld.nl,KCC,E002,employee\n"
    "E005,Eva Visser,eva@voorbeeld.nl,BOR,E006,employee\n"
    "E006,Femke Mulder,femke@voorbeeld.nl,BOR,E001,manager\n"
    "E007,Gijs Hendriks,gijs@voorbeeld.nl,,E001,hr\n";

std::string Rejection(const std::string& csv) {
  auto result = ParsePeopleCsv(csv);
  if (result.has_value()) return "accepted";
  EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument) << result.error();
  return result.error().message();
}

constexpr char kRejected[] = "people file rejected, nothing imported: ";

TEST(Role, NamesRoundTrip) {
  for (Role role : {Role::kEmployee, Role::kManager, Role::kHr, Role::kAdmin}) {
    auto parsed = ParseRole(ToString(role));
    ASSERT_TRUE(IsOk(parsed));
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(ToString(Role::kHr), "hr");
}

TEST(Role, DutchNamesCaseAndSpacesAreAccepted) {
  EXPECT_EQ(ParseRole("medewerker"), Role::kEmployee);
  EXPECT_EQ(ParseRole("Leidinggevende"), Role::kManager);
  EXPECT_EQ(ParseRole(" HR "), Role::kHr);
  EXPECT_EQ(ParseRole("BEHEERDER"), Role::kAdmin);
  EXPECT_EQ(ParseRole("Admin"), Role::kAdmin);
}

TEST(Role, UnknownRoleIsRejected) {
  for (const char* text : {"", "boss", "managers", "h r", "beheer"}) {
    auto role = ParseRole(text);
    ASSERT_TRUE(FailsWith(role, ErrorCode::kInvalidArgument)) << text;
    EXPECT_EQ(role.error().message(),
              "unknown role '" + std::string(text) +
                  "': expected employee, manager, hr or admin (or medewerker, leidinggevende, hr, "
                  "beheerder)");
  }
}

TEST(ParsePeopleCsv, ReadsAValidExport) {
  auto people = ParsePeopleCsv(kPeople);
  ASSERT_TRUE(IsOk(people));
  ASSERT_EQ(people->size(), 7u);
  EXPECT_EQ((*people)[0], (PersonRecord{"E001", "Anna de Vries", "anna@voorbeeld.nl", "Directie",
                                        std::nullopt, Role::kAdmin}));
  EXPECT_EQ((*people)[2], (PersonRecord{"E003", "Carla Jansen", "carla.jansen@voorbeeld.nl",
                                        "KCC", "E002", Role::kEmployee}));
  EXPECT_EQ((*people)[4].manager_number, "E006");  // a manager may come later in the file
  EXPECT_EQ((*people)[6].team, "");
  EXPECT_EQ((*people)[6].role, Role::kHr);
}

TEST(ParsePeopleCsv, DutchHeadersSemicolonsSpacesAndExtraColumns) {
  const std::string csv =
      "Personeelsnummer;Naam;E-mail;Team;Leidinggevende;Rol;Kostenplaats\r\n"
      " E001 ; Anna de Vries ;anna@voorbeeld.nl;Directie; ;Beheerder;100\r\n"
      "E002;\"Bakker, Bram\";bram@voorbeeld.nl;KCC;E001;leidinggevende;200\r\n"
      "E003;Carla Jansen;carla@voorbeeld.nl;KCC;E002;medewerker;200\r\n";
  auto people = ParsePeopleCsv(csv);
  ASSERT_TRUE(IsOk(people));
  ASSERT_EQ(people->size(), 3u);
  EXPECT_EQ((*people)[0], (PersonRecord{"E001", "Anna de Vries", "anna@voorbeeld.nl", "Directie",
                                        std::nullopt, Role::kAdmin}));
  EXPECT_EQ((*people)[1].name, "Bakker, Bram");
  EXPECT_EQ((*people)[1].role, Role::kManager);
  EXPECT_EQ((*people)[2].role, Role::kEmployee);
}

TEST(ParsePeopleCsv, ManagerNumberHeaderAlias) {
  auto people = ParsePeopleCsv(
      "name,email,employee_number,team,manager_number,role\n"
      "Anna,anna@voorbeeld.nl,E001,Directie,,manager\n"
      "Bram,bram@voorbeeld.nl,E002,KCC,E001,employee\n");
  ASSERT_TRUE(IsOk(people));
  EXPECT_EQ((*people)[1].manager_number, "E001");
}

TEST(ParsePeopleCsv, MissingColumnsAreNamed) {
  EXPECT_EQ(Rejection("employee_number,name,email,team,role\nE001,A,a@b.nl,T,admin\n"),
            "people file has no manager_number column: name it 'manager' or 'manager_number' or "
            "'leidinggevende'");
  EXPECT_EQ(Rejection("employee,name,email,team,manager,role\nE001,A,a@b.nl,T,,admin\n"),
            "people file has no employee_number column: name it 'employee_number' or "
            "'personeelsnummer'");
  EXPECT_EQ(Rejection("employee_number,name,mail,team,manager,role\nE001,A,a@b.nl,T,,admin\n"),
            "people file has no email column: name it 'email' or 'e-mail'");
}

TEST(ParsePeopleCsv, TwoColumnsForOneFieldAreRejected) {
  EXPECT_EQ(Rejection("employee_number,name,email,e-mail,team,manager,role\n"
                      "E001,A,a@b.nl,a@b.nl,T,,admin\n"),
            "people file has two columns for email: 'email' and 'e-mail'");
  EXPECT_EQ(Rejection("employee_number,naam,name,email,team,manager,role\n"
                      "E001,A,A,a@b.nl,T,,admin\n"),
            "people file has two columns for name: 'name' and 'naam'");
}

TEST(ParsePeopleCsv, HeaderOnlyIsRejected) {
  EXPECT_EQ(Rejection(kHeader), "people file has no rows");
}

TEST(ParsePeopleCsv, CsvSyntaxErrorsPassThrough) {
  auto result = ParsePeopleCsv(std::string(kHeader) + "E001,\"Anna,a@b.nl,T,,admin\n");
  EXPECT_TRUE(FailsWith(result, ErrorCode::kInvalidArgument));
  result = ParsePeopleCsv(std::string(kHeader) + "E001,Anna,a@b.nl,T,admin\n");  // 5 fields
  EXPECT_TRUE(FailsWith(result, ErrorCode::kInvalidArgument));
}

TEST(ParsePeopleCsv, OverLargeFileIsResourceExhausted) {
  std::string csv = kHeader;
  csv += "E001,A,a@b.nl," + std::string(kMaxPeopleFileBytes, 'x') + ",,admin\n";
  EXPECT_TRUE(FailsWith(ParsePeopleCsv(csv), ErrorCode::kResourceExhausted));
}

struct BadRow {
  std::string rows;  // after the header; line 2 is the first row
  std::string message;
};

TEST(ParsePeopleCsv, BadRowsNameLineAndColumn) {
  const std::string long_name(kMaxNameBytes + 1, 'n');
  const BadRow cases[] = {
      {",Anna,a@b.nl,T,,admin\n", "line 2, column 'employee_number': must not be empty"},
      {"E001,Anna,a@b.nl,T,,admin\nE001,Bram,b@b.nl,T,,admin\n",
       "line 3, column 'employee_number': employee number E001 also on line 2"},
      {"E 01,Anna,a@b.nl,T,,admin\n",
       "line 2, column 'employee_number': may hold only letters, digits and - _ . / (got 'E 01')"},
      {std::string(kMaxEmployeeNumberBytes + 1, '1') + ",Anna,a@b.nl,T,,admin\n",
       "line 2, column 'employee_number': is 65 bytes, at most 64 allowed"},
      {"E001,,a@b.nl,T,,admin\n", "line 2, column 'name': must not be empty"},
      {"E001,  ,a@b.nl,T,,admin\n", "line 2, column 'name': must not be empty"},
      {"E001," + long_name + ",a@b.nl,T,,admin\n",
       "line 2, column 'name': is 201 bytes, at most 200 allowed"},
      {"E001,\"An\nna\",a@b.nl,T,,admin\n",
       "line 2, column 'name': must not contain control characters or line breaks"},
      {"E001,Anna,,T,,admin\n", "line 2, column 'email': must not be empty"},
      {"E001,Anna,anna.voorbeeld.nl,T,,admin\n",
       "line 2, column 'email': 'anna.voorbeeld.nl' is not an e-mail address"},
      {"E001,Anna,anna@b.nl,T,,admin\nE002,Bram,ANNA@B.NL,T,E001,employee\n",
       "line 3, column 'email': e-mail anna@b.nl also on line 2"},
      {"E001,Anna,a@b.nl," + std::string(kMaxTeamBytes + 1, 't') + ",,admin\n",
       "line 2, column 'team': is 201 bytes, at most 200 allowed"},
      {"E001,Anna,a@b.nl,T,,chef\n",
       "line 2, column 'role': unknown role 'chef': expected employee, manager, hr or admin (or "
       "medewerker, leidinggevende, hr, beheerder)"},
      {"E001,Anna,a@b.nl,T,E999,admin\n", "line 2, column 'manager': manager E999 is not in the file"},
      {"E001,Anna,a@b.nl,T,E001,admin\n", "line 2, column 'manager': E001 reports to themselves"},
      {"E001,Anna,a@b.nl,T,,employee\nE002,Bram,b@b.nl,T,E001,employee\n",
       "line 3, column 'manager': manager E001 (Anna) (line 2) has role employee: a manager needs "
       "role manager, hr or admin"},
  };
  for (const BadRow& c : cases) {
    EXPECT_EQ(Rejection(kHeader + c.rows), kRejected + c.message) << c.rows;
  }
}

TEST(ParsePeopleCsv, EmailSyntax) {
  for (const char* good : {"a@b.nl", "first.last+tag@sub.example.com", "o'brien@x-y.org",
                           "A@B.NL"}) {
    EXPECT_TRUE(IsOk(ParsePeopleCsv(std::string(kHeader) + "E1,A," + good + ",T,,admin\n")))
        << good;
  }
  for (const char* bad : {"a@b", "@b.nl", "a@", "a@@b.nl", "a@b@c.nl", ".a@b.nl", "a.@b.nl",
                          "a..b@c.nl", "a@-b.nl", "a@b-.nl", "a@b..nl", "a@b.n1", "a@b.n",
                          "a b@c.nl", "a@b_c.nl", "jürgen@b.nl", "a@[127.0.0.1]"}) {
    EXPECT_EQ(Rejection(std::string(kHeader) + "E1,A," + bad + ",T,,admin\n"),
              std::string(kRejected) + "line 2, column 'email': '" +
                  [&] {
                    std::string lower = bad;
                    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
                    return lower;
                  }() + "' is not an e-mail address")
        << bad;
  }
  const std::string long_local(65, 'a');
  EXPECT_NE(Rejection(std::string(kHeader) + "E1,A," + long_local + "@b.nl,T,,admin\n"), "accepted");
}

TEST(ParsePeopleCsv, ReportingCycleNamesThePeople) {
  const std::string csv = std::string(kHeader) +
                          "E001,Anna,a@b.nl,T,,admin\n"
                          "E002,Bram,b@b.nl,T,E004,manager\n"
                          "E003,Carla,c@b.nl,T,E002,employee\n"
                          "E004,Dirk,d@b.nl,T,E005,manager\n"
                          "E005,Eva,e@b.nl,T,E002,manager\n";
  EXPECT_EQ(Rejection(csv), std::string(kRejected) +
                                "line 3, column 'manager': reporting cycle: E002 (Bram) reports "
                                "to E004 (Dirk) reports to E005 (Eva) reports to E002 (Bram)");
}

TEST(ParsePeopleCsv, TwoCyclesAreBothReported) {
  const std::string csv = std::string(kHeader) +
                          "E001,Anna,a@b.nl,T,E002,manager\n"
                          "E002,Bram,b@b.nl,T,E001,manager\n"
                          "E003,Carla,c@b.nl,T,E004,manager\n"
                          "E004,Dirk,d@b.nl,T,E003,manager\n";
  EXPECT_EQ(Rejection(csv),
            std::string(kRejected) +
                "line 2, column 'manager': reporting cycle: E001 (Anna) reports to E002 (Bram) "
                "reports to E001 (Anna); line 4, column 'manager': reporting cycle: E003 (Carla) "
                "reports to E004 (Dirk) reports to E003 (Carla)");
}

TEST(ParsePeopleCsv, SeveralProblemsAreReportedTogetherAndCapped) {
  EXPECT_EQ(Rejection(std::string(kHeader) + "E001,,bad,T,,boss\n"),
            std::string(kRejected) +
                "line 2, column 'name': must not be empty; line 2, column 'email': 'bad' is not "
                "an e-mail address; line 2, column 'role': unknown role 'boss': expected "
                "employee, manager, hr or admin (or medewerker, leidinggevende, hr, beheerder)");
  std::string many = kHeader;
  for (int i = 0; i < 30; ++i) many += "E" + std::to_string(i) + ",,x" + std::to_string(i) + "@b.nl,T,,admin\n";
  const std::string message = Rejection(many);
  EXPECT_TRUE(message.ends_with("; and 10 more problems")) << message;
  EXPECT_TRUE(message.find("line 21, column 'name'") != std::string::npos) << message;
  EXPECT_TRUE(message.find("line 22, column 'name'") == std::string::npos) << message;
}

TEST(ParsePeopleCsv, LineNumbersFollowMultiLineFields) {
  // Row 1 spans lines 2-3 (a quoted line break in an ignored column); row 2 starts on line 4.
  const std::string csv =
      "employee_number,name,email,team,manager,role,notes\n"
      "E001,Anna,a@b.nl,T,,admin,\"two\nlines\"\n"
      "E002,,b@b.nl,T,E001,employee,\n";
  EXPECT_EQ(Rejection(csv), std::string(kRejected) + "line 4, column 'name': must not be empty");
}

// --- Diff ---

std::vector<PersonRecord> People(const std::string& csv) {
  auto people = ParsePeopleCsv(csv);
  EXPECT_TRUE(IsOk(people));
  return people ? *people : std::vector<PersonRecord>{};
}

TEST(PeopleDiff, FirstImportAddsEveryone) {
  const auto incoming = People(kPeople);
  const PeopleDiff diff = Diff({}, incoming);
  EXPECT_EQ(diff.added, incoming);
  EXPECT_TRUE(diff.changed.empty());
  EXPECT_EQ(diff.unchanged, 0u);
  EXPECT_TRUE(diff.missing.empty());
  EXPECT_FALSE(diff.NoChanges());
}

TEST(PeopleDiff, ImportingTheSameFileTwiceIsEmpty) {
  const auto first = People(kPeople);
  const auto second = People(kPeople);
  const PeopleDiff diff = Diff(first, second);
  EXPECT_TRUE(diff.NoChanges());
  EXPECT_TRUE(diff.added.empty());
  EXPECT_TRUE(diff.changed.empty());
  EXPECT_TRUE(diff.missing.empty());
  EXPECT_EQ(diff.unchanged, 7u);
}

TEST(PeopleDiff, ReportsAddedChangedUnchangedAndMissing) {
  const auto current = People(kPeople);
  const auto incoming = People(
      "personeelsnummer,naam,e-mail,team,leidinggevende,rol\n"
      "E001,Anna de Vries,anna@voorbeeld.nl,Directie,,admin\n"
      "E002,Bram Bakker,bram@voorbeeld.nl,KCC,E001,manager\n"
      "E003,Carla de Jong,carla.jansen@voorbeeld.nl,BOR,E006,manager\n"  // name, team, manager, role
      "E005,Eva Visser,eva@voorbeeld.nl,BOR,E006,employee\n"
      "E006,Femke Mulder,femke.mulder@voorbeeld.nl,BOR,E001,manager\n"  // e-mail
      "E007,Gijs Hendriks,gijs@voorbeeld.nl,,,hr\n"                     // manager removed
      "E008,Hanna Kok,hanna@voorbeeld.nl,KCC,E002,employee\n");         // new
  const PeopleDiff diff = Diff(current, incoming);
  ASSERT_EQ(diff.added.size(), 1u);
  EXPECT_EQ(diff.added[0].employee_number, "E008");
  ASSERT_EQ(diff.changed.size(), 3u);
  EXPECT_EQ(diff.changed[0].employee_number, "E003");
  EXPECT_EQ(diff.changed[0].changes,
            (std::vector<FieldChange>{{"name", "Carla Jansen", "Carla de Jong"},
                                      {"team", "KCC", "BOR"},
                                      {"manager_number", "E002", "E006"},
                                      {"role", "employee", "manager"}}));
  EXPECT_EQ(diff.changed[1].employee_number, "E006");
  EXPECT_EQ(diff.changed[1].changes,
            (std::vector<FieldChange>{
                {"email", "femke@voorbeeld.nl", "femke.mulder@voorbeeld.nl"}}));
  EXPECT_EQ(diff.changed[2].employee_number, "E007");
  EXPECT_EQ(diff.changed[2].changes,
            (std::vector<FieldChange>{{"manager_number", "E001", ""}}));
  EXPECT_EQ(diff.unchanged, 3u);  // E001, E002, E005
  ASSERT_EQ(diff.missing.size(), 1u);
  EXPECT_EQ(diff.missing[0].employee_number, "E004");
  EXPECT_FALSE(diff.NoChanges());

  // Applying the file and importing it again: nothing to do, E004 still only reported.
  std::vector<PersonRecord> applied = incoming;
  applied.push_back(current[3]);  // E004 stays in the store (deactivation is explicit)
  const PeopleDiff again = Diff(applied, incoming);
  EXPECT_TRUE(again.NoChanges());
  EXPECT_EQ(again.unchanged, 7u);
  ASSERT_EQ(again.missing.size(), 1u);
  EXPECT_EQ(again.missing[0].employee_number, "E004");
}

}  // namespace
}  // namespace vaardig::issuer
