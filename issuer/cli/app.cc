#include "issuer/cli/app.h"

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "issuer/cli/key_file.h"
#include "issuer/cli/sign_jws.h"
#include "issuer/cli/sign_jose.h"
#include "issuer/cli/sign_ldp.h"
#include "issuer/cli/sign_sd_jwt.h"
#include "issuer/cli/issuance_commands.h"
#include "issuer/cli/org_commands.h"
#include "issuer/cli/service_commands.h"
#include "issuer/cli/status_list.h"
#include "core/common/clock.h"
#include "core/jose/jws.h"
#include "core/status/status_list_token.h"

#include <charconv>

namespace vaardig::issuer::cli {
namespace {

struct GenerateArgs {
  std::string alg = "ES256";
  std::string kid;
  std::string out;
  bool force = false;
};

int RunGenerate(const GenerateArgs& args, bool kid_given, std::ostream& out, std::ostream& err) {
  auto alg = jose::ParseAlgorithm(args.alg);
  if (!alg) {
    err << "vaardig-issuer: " << alg.error().message() << "\n";
    return kExitUsage;
  }
  auto key = GenerateKeyFile(*alg, kid_given ? std::optional(args.kid) : std::nullopt, args.out,
                             args.force);
  if (!key) {
    err << "vaardig-issuer: " << key.error().ToString();
    if (key.error().code() == ErrorCode::kAlreadyExists) err << " (use --force to replace it)";
    err << "\n";
    return kExitFailed;
  }
  out << DescribeGeneratedKey(*key, args.out)
             .dump(2, ' ', false, Json::error_handler_t::replace)
      << "\n";
  return kExitOk;
}

void PrintWarnings(const std::vector<std::string>& warnings, std::ostream& err) {
  for (const std::string& w : warnings) err << "vaardig-issuer: warning: " << w << "\n";
}

int RunPublic(const std::string& key_path, std::ostream& out, std::ostream& err) {
  std::vector<std::string> warnings;
  auto key = ReadPrivateKeyFile(key_path, &warnings);
  if (!key) {
    err << "vaardig-issuer: " << key.error().ToString() << "\n";
    return kExitFailed;
  }
  PrintWarnings(warnings, err);
  out << key->public_jwk().ToJson().dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return kExitOk;
}

struct SignArgs {
  std::string key;
  std::string typ;
  std::string input;
};

int RunSign(const SignArgs& args, bool typ_given, std::istream& in, std::ostream& out,
            std::ostream& err) {
  std::vector<std::string> warnings;
  auto key = ReadPrivateKeyFile(args.key, &warnings);
  if (!key) {
    err << "vaardig-issuer: " << key.error().ToString() << "\n";
    return kExitFailed;
  }
  PrintWarnings(warnings, err);
  auto payload = ReadPayload(args.input, in);
  if (!payload) {
    err << "vaardig-issuer: " << payload.error().ToString() << "\n";
    return kExitFailed;
  }
  auto jws = SignJws(*key, *payload, typ_given ? std::optional(args.typ) : std::nullopt);
  if (!jws) {
    err << "vaardig-issuer: " << jws.error().ToString() << "\n";
    return kExitFailed;
  }
  out << *jws << "\n";
  return kExitOk;
}

struct SignCredentialArgs {
  std::string format = "dc+sd-jwt";
  std::string key;
  std::string claims;
  std::vector<std::string> sd;
  std::string holder_jwk;
  std::string status_uri;
  std::size_t status_idx = 0;
  std::string cryptosuite = "eddsa-rdfc-2022";
  std::string verification_method;
  std::string kid;
};

int RunSignJose(const SignCredentialArgs& args, const jose::PrivateJwk& key, Json credential, std::ostream& out,
                std::ostream& err) {
  if (!args.holder_jwk.empty() || !args.status_uri.empty() || (!args.sd.empty() && args.format != "vc+sd-jwt")) {
    err << "vaardig-issuer: --holder-jwk and --status-uri are for dc+sd-jwt, --sd for dc+sd-jwt and vc+sd-jwt; a W3C "
           "credential carries its subject id and credentialStatus in the credential itself\n";
    return kExitUsage;
  }
  JoseSignRequest request{.credential = std::move(credential), .format = args.format, .sd = args.sd,
                          .now = SystemClock().NowSeconds()};
  if (!args.kid.empty()) request.kid = args.kid;
  auto token = SignJoseCredential(key, request);
  if (!token) {
    err << "vaardig-issuer: " << token.error().ToString() << "\n";
    return kExitFailed;
  }
  out << *token << "\n";
  return kExitOk;
}

int RunSignLdp(const SignCredentialArgs& args, const jose::PrivateJwk& key, Json credential, std::ostream& out,
               std::ostream& err) {
  if (!args.sd.empty() || !args.holder_jwk.empty() || !args.status_uri.empty()) {
    err << "vaardig-issuer: --sd, --holder-jwk and --status-uri are for dc+sd-jwt; an ldp_vc carries its "
           "subject id and credentialStatus in the credential itself\n";
    return kExitUsage;
  }
  auto suite = dataintegrity::ParseCryptosuite(args.cryptosuite);
  if (!suite) {
    err << "vaardig-issuer: --cryptosuite: " << suite.error().ToString() << "\n";
    return kExitUsage;
  }
  LdpSignRequest request{.credential = std::move(credential), .cryptosuite = *suite, .now = SystemClock().NowSeconds()};
  if (!args.verification_method.empty()) request.verification_method = args.verification_method;
  auto secured = SignLdpVc(key, request);
  if (!secured) {
    err << "vaardig-issuer: " << secured.error().ToString() << "\n";
    return kExitFailed;
  }
  out << secured->dump(2, ' ', false, Json::error_handler_t::strict) << "\n";
  return kExitOk;
}

int RunSignCredential(const SignCredentialArgs& args, bool status_idx_given, std::istream& in,
                      std::ostream& out, std::ostream& err) {
  std::vector<std::string> warnings;
  auto key = ReadPrivateKeyFile(args.key, &warnings);
  if (!key) {
    err << "vaardig-issuer: " << key.error().ToString() << "\n";
    return kExitFailed;
  }
  PrintWarnings(warnings, err);
  auto text = ReadPayload(args.claims, in);
  if (!text) {
    err << "vaardig-issuer: " << text.error().ToString() << "\n";
    return kExitFailed;
  }
  auto claims = ParseJson(*text);
  if (!claims) {
    err << "vaardig-issuer: " << (args.format == "dc+sd-jwt" ? "claims" : "credential") << " file: "
        << claims.error().ToString() << "\n";
    return kExitFailed;
  }
  if (args.format == "ldp_vc") return RunSignLdp(args, *key, std::move(*claims), out, err);
  if (args.format != "dc+sd-jwt") return RunSignJose(args, *key, std::move(*claims), out, err);
  SdJwtSignRequest request{.claims = std::move(*claims), .sd = args.sd, .now = SystemClock().NowSeconds()};
  if (!args.holder_jwk.empty()) {
    auto holder_text = ReadPayload(args.holder_jwk, in);
    auto holder = holder_text ? jose::PublicJwk::Parse(std::string_view(*holder_text))
                              : Result<jose::PublicJwk>(std::unexpected(holder_text.error()));
    if (!holder) {
      err << "vaardig-issuer: --holder-jwk: " << holder.error().ToString() << "\n";
      return kExitFailed;
    }
    request.holder_jwk = *holder;
  }
  if (!args.status_uri.empty()) request.status_uri = args.status_uri;
  if (status_idx_given) request.status_idx = args.status_idx;
  auto credential = SignSdJwtVc(*key, request);
  if (!credential) {
    err << "vaardig-issuer: " << credential.error().ToString() << "\n";
    return kExitFailed;
  }
  out << *credential << "\n";
  return kExitOk;
}

struct StatusListArgs {
  std::string key;
  std::string uri;
  int bits = 1;
  std::size_t size = 1 << 17;
  std::vector<std::string> set;
  std::int64_t ttl = 300;
  std::int64_t valid_for = 86400;
};

int RunStatusList(const StatusListArgs& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> warnings;
  auto key = ReadPrivateKeyFile(args.key, &warnings);
  if (!key) {
    err << "vaardig-issuer: " << key.error().ToString() << "\n";
    return kExitFailed;
  }
  PrintWarnings(warnings, err);
  auto list = status::StatusList::Create(args.bits, args.size);
  if (!list) {
    err << "vaardig-issuer: " << list.error().ToString() << "\n";
    return kExitFailed;
  }
  for (const std::string& entry : args.set) {
    const auto eq = entry.find('=');
    std::size_t index = 0;
    unsigned value = 0;
    const bool parsed = eq != std::string::npos &&
                        std::from_chars(entry.data(), entry.data() + eq, index).ec == std::errc() &&
                        std::from_chars(entry.data() + eq + 1, entry.data() + entry.size(), value).ec == std::errc() &&
                        value < 256;
    if (!parsed) {
      err << "vaardig-issuer: --set takes INDEX=VALUE, e.g. 17=1 (revoked) or 17=2 (suspended)\n";
      return kExitUsage;
    }
    if (auto set = list->Set(index, static_cast<std::uint8_t>(value)); !set) {
      err << "vaardig-issuer: --set " << entry << ": " << set.error().ToString() << "\n";
      return kExitFailed;
    }
  }
  const std::int64_t now = SystemClock().NowSeconds();
  auto token = status::SignStatusListToken(
      *list, {.sub = args.uri, .iat = now, .exp = now + args.valid_for, .ttl = args.ttl, .iss = {}}, *key);
  if (!token) {
    err << "vaardig-issuer: " << token.error().ToString() << "\n";
    return kExitFailed;
  }
  out << *token << "\n";
  return kExitOk;
}

}  // namespace

int RunIssuerCli(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  CLI::App app{
      "Vaardig issuer: employees record skills, managers confirm them, the issuer signs verifiable "
      "credentials for them.\n"
      "`serve` runs the service; the other commands manage its database, keys and status lists, "
      "and sign credentials directly.",
      "vaardig-issuer"};
  app.set_version_flag("--version", "vaardig-issuer " VAARDIG_VERSION);
  app.require_subcommand(1);

  CLI::App* keys = app.add_subcommand("keys", "Manage signing keys");
  keys->require_subcommand(1);
  GenerateArgs generate;
  CLI::App* gen = keys->add_subcommand(
      "generate",
      "Generate a signing key, write it as a private JWK (mode 0600) and print its public JWK "
      "and did:jwk");
  gen->add_option("--alg", generate.alg, "Signature algorithm")
      ->check(CLI::IsMember({"ES256", "EdDSA"}))
      ->capture_default_str();
  CLI::Option* kid =
      gen->add_option("--kid", generate.kid, "Key id (default: the RFC 7638 thumbprint)");
  gen->add_option("--out", generate.out, "Private key file to create")->required();
  gen->add_flag("--force", generate.force, "Replace the file if it exists");

  std::string public_key;
  CLI::App* pub = keys->add_subcommand(
      "public", "Print the public JWK of a private key file (what verifiers need)");
  pub->add_option("--key", public_key, "Private key file")->required();

  SignArgs sign_args;
  CLI::App* sign = app.add_subcommand(
      "sign-jws", "Sign a payload (any bytes, usually JSON) as a compact JWS and print it");
  sign->add_option("--key", sign_args.key, "Private key file")->required();
  CLI::Option* sign_typ = sign->add_option("--typ", sign_args.typ, "Header typ, e.g. JWT");
  sign->add_option("input", sign_args.input, "Payload file, or - for standard input")->required();

  SignCredentialArgs cred;
  CLI::App* sign_cred = app.add_subcommand(
      "sign", "Sign a credential from a claims file (JSON object) and print it");
  sign_cred->add_option("--format", cred.format, "Credential format")
      ->check(CLI::IsMember({"dc+sd-jwt", "ldp_vc", "vc+jwt", "vc+sd-jwt", "ob-jwt"}))
      ->capture_default_str();
  sign_cred->add_option("--key", cred.key, "Private key file (ES256 for dc+sd-jwt, EdDSA for ldp_vc)")->required();
  sign_cred->add_option("--claims,--credential", cred.claims,
                        "Claims file (dc+sd-jwt) or VCDM 2.0 credential file (ldp_vc, vc+jwt, vc+sd-jwt, ob-jwt), "
                        "or - for standard input")
      ->required();
  sign_cred->add_option("--cryptosuite", cred.cryptosuite, "ldp_vc: Data Integrity cryptosuite")
      ->check(CLI::IsMember({"eddsa-rdfc-2022", "eddsa-jcs-2022"}))
      ->capture_default_str();
  sign_cred->add_option("--verification-method", cred.verification_method,
                        "ldp_vc: the DID URL of the key (default: the key's did:key); the issuer must be that DID");
  sign_cred->add_option("--kid", cred.kid,
                        "vc+jwt, vc+sd-jwt, ob-jwt: header kid (default: <did:jwk>#0 when the issuer is the key's "
                        "did:jwk, else the key's kid)");
  sign_cred->add_option("--sd", cred.sd,
                        "Selectively disclosable claim path, e.g. skill, evidence[0], holder.given_name "
                        "(repeatable; default: the skill credential's rules)");
  sign_cred->add_option("--holder-jwk", cred.holder_jwk, "Holder's public JWK file: binds the credential (cnf)");
  CLI::Option* status_uri = sign_cred->add_option("--status-uri", cred.status_uri, "Token Status List URI");
  CLI::Option* status_idx = sign_cred->add_option("--status-idx", cred.status_idx, "Index in that list");
  status_uri->needs(status_idx);
  status_idx->needs(status_uri);

  StatusListArgs sl;
  CLI::App* status_list = app.add_subcommand(
      "status-list", "Sign a Token Status List (statuslist+jwt) to publish at --uri, and print it");
  status_list->add_option("--key", sl.key, "Private key file")->required();
  status_list->add_option("--uri", sl.uri, "The URI the token is served at (its sub)")->required();
  status_list->add_option("--bits", sl.bits, "Bits per status")->check(CLI::IsMember({1, 2, 4, 8}))->capture_default_str();
  status_list->add_option("--size", sl.size, "Number of entries")->capture_default_str();
  status_list->add_option("--set", sl.set, "INDEX=VALUE: 1 revoked, 2 suspended (repeatable)");
  status_list->add_option("--ttl", sl.ttl, "Seconds verifiers may cache it")->capture_default_str();
  status_list->add_option("--valid-for", sl.valid_for, "Seconds until it expires (exp)")->capture_default_str();
  BitstringStatusListCommands bitstring;  // status-list create|set: W3C Bitstring Status List
  AddBitstringStatusListCommands(*status_list, bitstring);

  ServiceCommands service;  // serve, init, audit verify, backup, keys kek generate
  AddServiceCommands(app, *keys, service);
  OrgCommands org;  // import-people, import-skills, team matrix
  AddOrgCommands(app, org);
  IssuanceCommands issuance;  // issue, credentials list, revoke/suspend/unsuspend, keys rotate, vcalm token create
  AddIssuanceCommands(app, *keys, issuance);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }
  if (auto code = RunServiceCommands(service, in, out, err)) return *code;
  if (auto code = RunOrgCommands(org, in, out, err)) return *code;
  if (auto code = RunIssuanceCommands(issuance, out, err)) return *code;
  if (gen->parsed()) return RunGenerate(generate, kid->count() > 0, out, err);
  if (pub->parsed()) return RunPublic(public_key, out, err);
  if (sign->parsed()) return RunSign(sign_args, sign_typ->count() > 0, in, out, err);
  if (auto code = RunBitstringStatusListCommands(bitstring, out, err)) return *code;
  if (status_list->parsed()) return RunStatusList(sl, out, err);
  if (sign_cred->parsed()) return RunSignCredential(cred, status_idx->count() > 0, in, out, err);
  return kExitUsage;  // unreachable: a subcommand is required
}

}  // namespace vaardig::issuer::cli
