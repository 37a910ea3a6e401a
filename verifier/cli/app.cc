#include "verifier/cli/app.h"

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/encoding/json.h"
#include "verifier/cli/verify_jws.h"

namespace vaardig::verifier::cli {
namespace {

struct VerifyJwsArgs {
  std::string jwk;
  std::string typ;
  std::string input;
};

int ExitCodeOf(Verdict verdict) {
  switch (verdict) {
    case Verdict::kVerified:
      return kExitVerified;
    case Verdict::kRejected:
      return kExitRejected;
    case Verdict::kCouldNotCheck:
      return kExitCouldNotCheck;
  }
  return kExitCouldNotCheck;
}

int Emit(const JwsReport& report, std::ostream& out, std::ostream& err) {
  out << report.json.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  if (report.verdict != Verdict::kVerified && report.json.contains("error")) {
    err << "vaardig-verifier: "
        << (report.verdict == Verdict::kRejected ? "rejected: " : "could not check: ")
        << report.json["error"]["code"].get<std::string>() << ": "
        << report.json["error"]["message"].get<std::string>() << "\n";
  }
  return ExitCodeOf(report.verdict);
}

int RunVerifyJws(const VerifyJwsArgs& args, bool typ_given, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  auto key = LoadPublicJwkFile(args.jwk);
  if (!key) return Emit(CouldNotCheckReport(key.error()), out, err);
  auto jws = ReadJwsInput(args.input, in);
  if (!jws) return Emit(CouldNotCheckReport(jws.error()), out, err);
  return Emit(VerifyJwsWithReport(*jws, *key, typ_given ? std::optional(args.typ) : std::nullopt),
              out, err);
}

}  // namespace

int RunVerifierCli(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  CLI::App app{
      "Vaardig verifier: checks what a candidate shows and says plainly what passed.\n"
      "The verifier service (OpenID4VP, trust list, status checks, web pages) comes in a later "
      "release; today this tool verifies a compact JWS against a key.",
      "vaardig-verifier"};
  app.set_version_flag("--version", "vaardig-verifier " VAARDIG_VERSION);
  app.require_subcommand(1);

  VerifyJwsArgs args;
  CLI::App* verify = app.add_subcommand(
      "verify-jws",
      "Verify a compact JWS with a public JWK and print a JSON report.\n"
      "Exit 0 verified, 1 checked and rejected, 2 could not check.");
  verify->add_option("--jwk", args.jwk, "JWK file with the signer's public key")->required();
  CLI::Option* typ = verify->add_option("--typ", args.typ, "Required value of the header's typ");
  verify->add_option("input", args.input, "File with the compact JWS, or - for standard input")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitVerified : kExitCouldNotCheck;
  }
  if (verify->parsed()) return RunVerifyJws(args, typ->count() > 0, in, out, err);
  return kExitCouldNotCheck;  // unreachable: a subcommand is required
}

}  // namespace vaardig::verifier::cli
