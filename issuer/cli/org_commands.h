// The issuer's organisation and catalogue commands (issue 6): importing the HR export, the skills
// catalogue and the Roadmaps, and a manager's team matrix.
//
//   vaardig-issuer import-people --config FILE FILE.csv [--dry-run]
//   vaardig-issuer import-skills --config FILE (--vaardig FILE.csv | --esco-nl FILE --esco-en FILE)
//                                [--roadmaps FILE.json]
//   vaardig-issuer team matrix --config FILE --manager NUMBER [--csv] [--language nl|en]
//
// The command line acts for the operator, with the rights of an administrator; its audit entries
// name the actor "cli".
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace vaardig::issuer::cli {

struct OrgCommands {
  std::string config;
  CLI::App* import_people = nullptr;
  std::string people_file;
  bool dry_run = false;
  CLI::App* import_skills = nullptr;
  std::string vaardig_csv, esco_nl, esco_en, roadmaps;
  CLI::App* team_matrix = nullptr;
  std::string manager;
  bool csv = false;
  std::string language = "nl";
};

void AddOrgCommands(CLI::App& app, OrgCommands& commands);
// The exit code when one of these commands was parsed, else nullopt.
[[nodiscard]] std::optional<int> RunOrgCommands(const OrgCommands& commands, std::istream& in, std::ostream& out,
                                                std::ostream& err);

}  // namespace vaardig::issuer::cli
