#include "issuer/cli/org_commands.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/config/config.h"
#include "issuer/app/catalogue_store.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/organisation.h"
#include "issuer/app/team_view.h"
#include "issuer/catalogue/catalogue.h"
#include "issuer/cli/app.h"

namespace vaardig::issuer::cli {

namespace {

constexpr std::string_view kActor = "cli";
// ESCO's full skills export per language is about 15 MB.
constexpr std::uintmax_t kMaxCatalogueFileBytes = 64 << 20;

int Failed(std::ostream& err, const Error& e) {
  err << "vaardig-issuer: " << e.ToString() << "\n";
  return kExitFailed;
}

Result<std::unique_ptr<IssuerApp>> OpenApp(const std::string& config_path) {
  VAARDIG_ASSIGN_OR_RETURN(config::Config config, config::Config::Load(config_path, "VAARDIG_ISSUER"));
  VAARDIG_ASSIGN_OR_RETURN(IssuerSettings settings, LoadIssuerSettings(config));
  return IssuerApp::Open(std::move(settings), std::make_shared<SystemClock>());
}

Result<std::string> ReadFile(const std::string& path, std::uintmax_t limit) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return Fail(ErrorCode::kNotFound, "cannot read " + path + ": " + ec.message());
  if (size > limit) {
    return Fail(ErrorCode::kResourceExhausted, path + " is larger than " + std::to_string(limit) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The operator at the command line: an administrator who is nobody in the organisation.
Principal Operator() {
  Principal p;
  p.role = Role::kAdmin;
  p.name = "vaardig-issuer";
  return p;
}

std::string OrDash(std::string_view s) { return s.empty() ? "-" : std::string(s); }

void PrintPeopleReport(const ImportReport& r, std::ostream& out) {
  for (const auto& p : r.diff.added) {
    out << "added     " << p.employee_number << " " << p.name << " <" << p.email << ">, team " << OrDash(p.team)
        << ", manager " << OrDash(p.manager_number.value_or("")) << ", role " << ToString(p.role) << "\n";
  }
  for (const auto& c : r.diff.changed) {
    out << "changed   " << c.employee_number << ":";
    const char* sep = " ";
    for (const auto& f : c.changes) {
      out << sep << f.field << " " << OrDash(f.old_value) << " -> " << OrDash(f.new_value);
      sep = "; ";
    }
    out << "\n";
  }
  for (const auto& p : r.diff.missing) {
    out << "missing   " << p.employee_number << " " << p.name << " (kept; deactivate explicitly)\n";
  }
  for (const auto& t : r.new_teams) out << "new team  " << t << "\n";
  out << "vaardig-issuer: " << r.diff.added.size() << " added, " << r.diff.changed.size() << " changed, "
      << r.diff.unchanged << " unchanged, " << r.diff.missing.size() << " missing"
      << (r.dry_run ? " (dry run: nothing written)" : "") << "\n";
}

int RunImportPeople(const OrgCommands& c, std::ostream& out, std::ostream& err) {
  auto csv = ReadFile(c.people_file, kMaxPeopleFileBytes);
  if (!csv) return Failed(err, csv.error());
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  auto report = ImportPeople(**app, *csv, c.dry_run, kActor);
  if (!report) return Failed(err, report.error());
  PrintPeopleReport(*report, out);
  return kExitOk;
}

void PrintCatalogueReport(std::string_view what, const CatalogueImportReport& r, std::ostream& out) {
  for (const auto& id : r.added) out << "added     " << what << " " << id << "\n";
  for (const auto& id : r.changed) out << "changed   " << what << " " << id << "\n";
  out << "vaardig-issuer: " << what << "s: " << r.added.size() << " added, " << r.changed.size() << " changed, "
      << r.unchanged << " unchanged\n";
}

int RunImportSkills(const OrgCommands& c, std::ostream& out, std::ostream& err) {
  std::vector<Skill> skills;
  if (!c.vaardig_csv.empty()) {
    auto csv = ReadFile(c.vaardig_csv, kMaxCatalogueFileBytes);
    if (!csv) return Failed(err, csv.error());
    auto parsed = ImportVaardigCsv(*csv);
    if (!parsed) return Failed(err, parsed.error().WithContext(c.vaardig_csv));
    skills = std::move(*parsed);
  } else if (!c.esco_nl.empty() || !c.esco_en.empty()) {
    if (c.esco_nl.empty() || c.esco_en.empty()) {
      return Failed(err, Error(ErrorCode::kInvalidArgument, "--esco-nl and --esco-en go together"));
    }
    auto nl = ReadFile(c.esco_nl, kMaxCatalogueFileBytes);
    if (!nl) return Failed(err, nl.error());
    auto en = ReadFile(c.esco_en, kMaxCatalogueFileBytes);
    if (!en) return Failed(err, en.error());
    auto parsed = ImportEscoCsvWithReport(*nl, *en);
    if (!parsed) return Failed(err, parsed.error());
    out << "vaardig-issuer: ESCO: " << parsed->skills.size() << " skills, " << parsed->skipped_concepts
        << " other concepts skipped\n";
    skills = std::move(parsed->skills);
  } else if (c.roadmaps.empty()) {
    return Failed(err, Error(ErrorCode::kInvalidArgument, "give --vaardig, --esco-nl and --esco-en, or --roadmaps"));
  }
  std::string roadmaps_json;
  if (!c.roadmaps.empty()) {
    auto json = ReadFile(c.roadmaps, kMaxRoadmapsBytes);
    if (!json) return Failed(err, json.error());
    roadmaps_json = std::move(*json);
  }
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  if (!skills.empty()) {
    auto report = ImportSkills(**app, std::move(skills), kActor);
    if (!report) return Failed(err, report.error());
    PrintCatalogueReport("skill", *report, out);
  }
  if (!c.roadmaps.empty()) {
    // Roadmaps may name any skill of the stored catalogue, not only the ones just imported.
    auto catalogue = ListSkills(**app);
    if (!catalogue) return Failed(err, catalogue.error());
    auto roadmaps = ParseRoadmaps(roadmaps_json, *catalogue);
    if (!roadmaps) return Failed(err, roadmaps.error().WithContext(c.roadmaps));
    auto report = ImportRoadmaps(**app, std::move(*roadmaps), kActor);
    if (!report) return Failed(err, report.error());
    PrintCatalogueReport("roadmap", *report, out);
  }
  return kExitOk;
}

int RunTeamMatrix(const OrgCommands& c, std::ostream& out, std::ostream& err) {
  auto app = OpenApp(c.config);
  if (!app) return Failed(err, app.error());
  auto manager = GetPersonByNumber(**app, c.manager);
  if (!manager) return Failed(err, manager.error());
  auto matrix = BuildTeamMatrix(**app, Operator(), manager->id);
  if (!matrix) return Failed(err, matrix.error());
  if (c.csv) {
    out << ExportTeamMatrixCsv(*matrix, c.language);
  } else {
    out << TeamMatrixToJson(*matrix).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddOrgCommands(CLI::App& app, OrgCommands& c) {
  c.import_people = app.add_subcommand(
      "import-people", "Import the organisation from an HR export (CSV; see docs/people-import.md)");
  c.import_people->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.import_people->add_option("file", c.people_file, "The people CSV file")->required();
  c.import_people->add_flag("--dry-run", c.dry_run, "Report what would change; write nothing");

  c.import_skills = app.add_subcommand(
      "import-skills", "Import the skills catalogue (Vaardig CSV or ESCO exports) and Roadmaps (JSON)");
  c.import_skills->add_option("--config", c.config, "Configuration file (TOML)")->required();
  CLI::Option* vaardig = c.import_skills->add_option("--vaardig", c.vaardig_csv, "Vaardig catalogue CSV");
  CLI::Option* nl = c.import_skills->add_option("--esco-nl", c.esco_nl, "ESCO skills CSV export, Dutch");
  CLI::Option* en = c.import_skills->add_option("--esco-en", c.esco_en, "ESCO skills CSV export, English");
  c.import_skills->add_option("--roadmaps", c.roadmaps, "Roadmaps JSON file");
  vaardig->excludes(nl)->excludes(en);
  nl->needs(en);
  en->needs(nl);

  CLI::App* team = app.add_subcommand("team", "A manager's team");
  team->require_subcommand(1);
  c.team_matrix = team->add_subcommand("matrix", "The team × skills matrix of confirmed levels (JSON, or CSV)");
  c.team_matrix->add_option("--config", c.config, "Configuration file (TOML)")->required();
  c.team_matrix->add_option("--manager", c.manager, "The manager's employee number")->required();
  c.team_matrix->add_flag("--csv", c.csv, "Print CSV (for a spreadsheet) instead of JSON");
  c.team_matrix->add_option("--language", c.language, "Skill names in the CSV header")
      ->check(CLI::IsMember({"nl", "en"}))
      ->capture_default_str();
}

std::optional<int> RunOrgCommands(const OrgCommands& c, std::istream& /*in*/, std::ostream& out, std::ostream& err) {
  if (c.import_people->parsed()) return RunImportPeople(c, out, err);
  if (c.import_skills->parsed()) return RunImportSkills(c, out, err);
  if (c.team_matrix->parsed()) return RunTeamMatrix(c, out, err);
  return std::nullopt;
}

}  // namespace vaardig::issuer::cli
