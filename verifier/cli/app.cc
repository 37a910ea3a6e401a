#include "verifier/cli/app.h"

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/encoding/json.h"
#include "verifier/cli/canonicalize.h"
#include "verifier/cli/serve.h"
#include "verifier/cli/status.h"
#include "verifier/cli/trust.h"
#include "verifier/cli/verify_jws.h"
#include "verifier/app/verify_credential.h"
#include "verifier/app/verify_w3c.h"
#include "core/vcjose/key_lookup.h"
#include "core/dataintegrity/verification_key.h"
#include "core/status/bitstring_status_list_credential.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "core/common/clock.h"
#include "core/did/issuer_keys.h"
#include "core/did/resolver.h"
#include "core/http/client.h"
#include "core/status/status_list_client.h"

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

struct VerifyArgs {
  std::string issuer_jwk;
  std::string trust_list;
  std::string trust_key;  // set: --trust-list is a signed list (verifier/app/trust_list.h)
  std::string aud;
  std::string nonce;
  bool batch = false;
  bool allow_http_loopback = false;
  bool offline = false;
  std::string x5c_anchors;
  std::string input;
};

int Severity(Verdict v) { return ExitCodeOf(v); }

void EmitReport(const CredentialReport& report, bool compact, std::ostream& out, std::ostream& err) {
  out << (compact ? report.json.dump(-1, ' ', false, Json::error_handler_t::replace)
                  : report.json.dump(2, ' ', false, Json::error_handler_t::replace))
      << "\n";
  if (!compact && report.verdict != Verdict::kVerified && report.json.contains("error")) {
    err << "vaardig-verifier: " << (report.verdict == Verdict::kRejected ? "rejected: " : "could not check: ")
        << report.json["error"]["message"].get<std::string>() << "\n";
  }
}

CredentialReport SetupFailure(const Error& error) {
  CredentialReport r;
  r.verdict = Verdict::kCouldNotCheck;
  r.json = Json{{"verified", false},
                {"checks", Json::array()},
                {"error", {{"code", std::string(ErrorCodeName(error.code()))}, {"message", error.message()}}}};
  return r;
}

int RunVerify(const VerifyArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  SystemClock clock;
  std::unique_ptr<http::HttpFetcher> fetcher;
  if (!args.offline) {
    auto created = http::BeastHttpFetcher::Create();
    if (!created) {
      EmitReport(SetupFailure(created.error()), false, out, err);
      return kExitCouldNotCheck;
    }
    fetcher = std::move(*created);
  }
  did::DidResolver dids(fetcher.get(), {.allow_http_for_loopback = args.allow_http_loopback, .clock = &clock});
  std::optional<crypto::X509TrustAnchors> anchors;
  if (!args.x5c_anchors.empty()) {
    std::ifstream pem_file(args.x5c_anchors, std::ios::binary);
    std::stringstream pem;
    pem << pem_file.rdbuf();
    auto parsed = pem_file ? crypto::X509TrustAnchors::FromPem(pem.str())
                           : Result<crypto::X509TrustAnchors>(Fail(ErrorCode::kNotFound, "cannot read " + args.x5c_anchors));
    if (!parsed) {
      EmitReport(SetupFailure(parsed.error().WithContext("--x5c-anchors")), false, out, err);
      return kExitCouldNotCheck;
    }
    anchors = std::move(*parsed);
  }
  did::IssuerKeyResolver resolver(dids, fetcher.get(),
                                  {.allow_http_for_loopback = args.allow_http_loopback,
                                   .x509_anchors = anchors ? &*anchors : nullptr,
                                   .clock = &clock});

  CredentialVerifyOptions options;
  options.clock = &clock;
  if (!args.aud.empty()) options.aud = args.aud;
  if (!args.nonce.empty()) options.nonce = args.nonce;
  std::optional<JsonTrustList> trust;
  std::optional<jose::PublicJwk> fixed_key;
  if (!args.issuer_jwk.empty()) {
    auto key = LoadPublicJwkFile(args.issuer_jwk);
    if (!key) {
      EmitReport(SetupFailure(key.error().WithContext("--issuer-jwk")), false, out, err);
      return kExitCouldNotCheck;
    }
    fixed_key = *key;
    options.issuer_key = [&](const Json&, const Json&) -> Result<jose::PublicJwk> { return *fixed_key; };
    options.issuer_key_source = "--issuer-jwk " + args.issuer_jwk;
  } else {
    auto list = LoadVerifyTrustList(args.trust_list, args.trust_key);
    if (!list) {
      EmitReport(SetupFailure(list.error().WithContext("--trust-list")), false, out, err);
      return kExitCouldNotCheck;
    }
    trust = std::move(*list);
    options.issuer_key = [&](const Json& header, const Json& claims) -> Result<jose::PublicJwk> {
      const std::string iss = claims.value("iss", "");
      VAARDIG_RETURN_IF_ERROR(trust->Check(iss, claims.value("vct", "")));
      return resolver.Find(header, claims);
    };
    options.issuer_key_source = "the trust list " + args.trust_list;
  }

  std::optional<jose::PublicJwk> current_issuer_key;
  options.current_issuer_key = &current_issuer_key;
  std::unique_ptr<status::StatusListClient> status_client;
  if (fetcher) {
    status_client = std::make_unique<status::StatusListClient>(
        *fetcher, clock, [&](const Json& header, const Json& claims) -> Result<jose::PublicJwk> {
          if (claims.contains("iss") && !fixed_key) {
            VAARDIG_RETURN_IF_ERROR(trust->Check(claims.value("iss", ""), ""));
            return resolver.Find(header, claims);
          }
          if (!current_issuer_key) return Fail(ErrorCode::kInternal, "no issuer key for the status list");
          return *current_issuer_key;
        });
    options.status_client = status_client.get();
  }

  // W3C credentials and presentations (JSON with Data Integrity proofs).
  W3cVerifyOptions w3c;
  w3c.clock = &clock;
  w3c.lookup = dataintegrity::DidVerificationKeyLookup(dids);
  if (!args.aud.empty()) w3c.domain = args.aud;
  if (!args.nonce.empty()) w3c.challenge = args.nonce;
  w3c.issuer_source = options.issuer_key_source;
  if (fixed_key) {
    const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&fixed_key->key());
    if (ed != nullptr) w3c.pinned_issuer_key = *ed;
    w3c.recognise = [ed](std::string_view, const Json&) -> Status {
      if (ed == nullptr) {
        return Fail(ErrorCode::kPermissionDenied, "the --issuer-jwk key is not Ed25519, so it cannot have made a Data Integrity proof");
      }
      return Ok();
    };
  } else {
    w3c.recognise = [&](std::string_view issuer, const Json& types) -> Status {
      Status result = Fail(ErrorCode::kPermissionDenied, "issuer " + std::string(issuer) + " is not recognised (not on the trust list)");
      for (const Json& type : types) {
        if (!type.is_string()) continue;
        auto found = trust->Check(issuer, type.get_ref<const std::string&>());
        if (found) return Ok();
        result = std::unexpected(found.error());
      }
      return result;
    };
  }
  // W3C Bitstring Status Lists: fetched, verified (Data Integrity) and cached for the whole run.
  std::unique_ptr<status::BitstringStatusChecker> bitstring;
  if (fetcher) {
    bitstring = std::make_unique<status::BitstringStatusChecker>(*fetcher, clock, w3c.lookup);
    w3c.check_status = [&](const Json& entry, std::string_view issuer) -> Result<W3cStatusOutcome> {
      VAARDIG_ASSIGN_OR_RETURN(status::BitstringStatusEntry read, status::ReadBitstringStatusEntry(entry));
      VAARDIG_ASSIGN_OR_RETURN(status::BitstringStatus found, bitstring->Check(read, issuer));
      return W3cStatusOutcome{.purpose = found.purpose, .value = found.value, .list = found.status_list_credential};
    };
  }
  // JOSE-secured W3C formats: the key from --issuer-jwk, or from the header's DID URL kid.
  if (fixed_key) {
    w3c.jose_issuer_key = [&](const Json&) -> Result<jose::PublicJwk> { return *fixed_key; };
    w3c.jose_holder_key = vcjose::DidKeyLookup(dids, did::Relationship::kAuthentication);
  } else {
    w3c.jose_issuer_key = vcjose::DidKeyLookup(dids, did::Relationship::kAssertionMethod);
    w3c.jose_holder_key = vcjose::DidKeyLookup(dids, did::Relationship::kAuthentication);
  }
  const auto verify_one = [&](std::string_view text) {
    if (LooksLikeJsonCredential(text)) return VerifyW3cWithReport(text, w3c);
    auto format = vcjose::DetectFormat(text);
    if (format && *format != vcjose::SecuredFormat::kDcSdJwt && *format != vcjose::SecuredFormat::kLdpVc) {
      return VerifyJoseWithReport(text, *format, w3c);
    }
    return VerifyCredentialWithReport(text, options);
  };

  std::ifstream file;
  std::istream* source = &in;
  if (args.input != "-") {
    file.open(args.input, std::ios::binary);
    if (!file) {
      EmitReport(SetupFailure(Error(ErrorCode::kNotFound, "cannot read " + args.input)), false, out, err);
      return kExitCouldNotCheck;
    }
    source = &file;
  }
  if (!args.batch) {
    std::string text;
    char buffer[8192];
    while (source->read(buffer, sizeof buffer) || source->gcount() > 0) {
      text.append(buffer, static_cast<std::size_t>(source->gcount()));
      if (text.size() > kMaxJwsBytes) {
        EmitReport(SetupFailure(Error(ErrorCode::kResourceExhausted, "input larger than 1 MiB")), false, out, err);
        return kExitCouldNotCheck;
      }
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    const CredentialReport report = verify_one(text);
    EmitReport(report, false, out, err);
    return ExitCodeOf(report.verdict);
  }
  int worst = kExitVerified;
  std::string line;
  while (std::getline(*source, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    current_issuer_key.reset();
    const CredentialReport report = line.size() > kMaxJwsBytes
                                        ? SetupFailure(Error(ErrorCode::kResourceExhausted, "line larger than 1 MiB"))
                                        : verify_one(line);
    EmitReport(report, true, out, err);
    worst = std::max(worst, Severity(report.verdict));
  }
  return worst;
}

}  // namespace

int RunVerifierCli(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  CLI::App app{
      "Vaardig verifier: checks what a candidate shows and says plainly what passed.\n"
      "It verifies SD-JWT VCs, W3C credentials and presentations (Data Integrity and JOSE), compact\n"
      "JWSs and status list entries, shows the canonical form of JSON-LD credentials, manages the\n"
      "signed trust list, and serves the VCALM verify endpoints (serve).",
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

  VerifyArgs vargs;
  CLI::App* verify_cred = app.add_subcommand(
      "verify",
      "Verify a credential or presentation and print a JSON report: SD-JWT VC (dc+sd-jwt, with a\n"
      "KB-JWT), or W3C VCDM 2.0 with Data Integrity proofs (ldp_vc, ldp_vp; --aud and --nonce are\n"
      "then the presentation's domain and challenge).\n"
      "Exit 0 verified, 1 checked and rejected, 2 could not check.");
  CLI::Option* issuer_jwk = verify_cred->add_option("--issuer-jwk", vargs.issuer_jwk, "The issuer's public JWK file");
  CLI::Option* trust_list = verify_cred->add_option("--trust-list", vargs.trust_list, "Trust list file (recognised issuers)");
  issuer_jwk->excludes(trust_list);
  verify_cred->add_option("--trust-key", vargs.trust_key,
                          "The operator's public JWK: --trust-list is then a signed list (vaardig-verifier trust)")
      ->needs(trust_list);
  verify_cred->add_option("--aud", vargs.aud, "Expected audience of the KB-JWT (this verifier)");
  verify_cred->add_option("--nonce", vargs.nonce, "Expected nonce of the KB-JWT");
  verify_cred->add_flag("--batch", vargs.batch, "One credential or presentation per line; one report per line");
  verify_cred->add_flag("--offline", vargs.offline, "Fetch nothing (did:web, issuer metadata, status lists)");
  verify_cred->add_flag("--allow-http-loopback", vargs.allow_http_loopback,
                        "Allow plain http to localhost / 127.0.0.1 (tests, local demos)");
  verify_cred->add_option("--x5c-anchors", vargs.x5c_anchors,
                          "PEM file of X.509 trust anchors: issuers may prove their key with x5c (with --trust-list)");
  verify_cred->add_option("input", vargs.input, "File, or - for standard input")->required();

  CanonicalizeArgs cargs;
  CLI::App* canonicalize = app.add_subcommand(
      "canonicalize",
      "Print the RDFC-1.0 canonical N-Quads of a JSON-LD document: what an eddsa-rdfc-2022 proof\n"
      "signs. Only bundled contexts and those given with --context are used; nothing is fetched.\n"
      "Exit 0 printed, 2 could not canonicalize.");
  canonicalize->add_option("--context", cargs.contexts,
                           "URL=FILE: use FILE as the context published at URL (repeatable)");
  canonicalize->add_flag("--expand", cargs.expand, "Print the expanded JSON-LD instead of N-Quads");
  canonicalize->add_flag("--map", cargs.map,
                         "Also print (on standard error) which blank node became which c14n label");
  canonicalize->add_flag("--allow-undefined", cargs.allow_undefined,
                         "Drop terms the contexts do not define, as plain JSON-LD does, instead of\n"
                         "refusing the document (Data Integrity refuses it: dropped terms are unsigned)");
  canonicalize->add_option("input", cargs.input, "JSON-LD file, or - for standard input")->required();

  StatusArgs status_args;
  CLI::App* status_cmd = app.add_subcommand(
      "status",
      "Verify a W3C BitstringStatusListCredential file and read one entry of it.\n"
      "Exit 0 valid, 1 revoked/suspended or the list rejected, 2 could not check.");
  status_cmd->add_option("--list", status_args.list, "BitstringStatusListCredential file")->required();
  status_cmd->add_option("--index", status_args.index, "statusListIndex")->required();
  status_cmd->add_option("--purpose", status_args.purpose, "statusPurpose of the entry")->capture_default_str();
  status_cmd->add_option("--status-size", status_args.status_size, "statusSize of the entry")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  status_cmd->add_option("--issuer", status_args.issuer, "Issuer of the credential: the list must be theirs");
  status_cmd->add_flag("--offline", status_args.offline, "Fetch nothing (did:web)");
  status_cmd->add_flag("--allow-http-loopback", status_args.allow_http_loopback,
                       "Allow plain http to localhost / 127.0.0.1 (tests, local demos)");

  TrustArgs trust_args;
  const TrustCommands trust = AddTrustCommands(app, trust_args);

  std::string serve_config;
  CLI::App* serve = app.add_subcommand(
      "serve",
      "Run the verifier service: VCALM POST /credentials/verify and /presentations/verify over the\n"
      "signed trust list, status lists and the issuers' published keys (docs/configuration.md).");
  serve->add_option("--config", serve_config, "TOML configuration file (VAARDIG_VERIFIER__* variables override it)")
      ->required();
  std::string token_name;
  CLI::App* request_token = app.add_subcommand("request-token", "Bearer tokens of the clients that may make OpenID4VP requests");
  request_token->require_subcommand(1);
  CLI::App* token_create = request_token->add_subcommand("create", "Make a token; prints it once and its configuration line");
  token_create->add_option("--name", token_name, "The client's name (letters, digits, '.', '_', '-')")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitVerified : kExitCouldNotCheck;
  }
  if (verify->parsed()) return RunVerifyJws(args, typ->count() > 0, in, out, err);
  if (canonicalize->parsed()) return RunCanonicalize(cargs, in, out, err);
  if (status_cmd->parsed()) return RunStatus(status_args, out, err);
  if (trust.command->parsed()) return RunTrust(trust.Parsed(trust_args), out, err);
  if (serve->parsed()) return RunServe(serve_config, out, err);
  if (token_create->parsed()) return RunRequestTokenCreate(token_name, out, err);
  if (verify_cred->parsed()) {
    if (issuer_jwk->count() == 0 && trust_list->count() == 0) {
      err << "vaardig-verifier: verify needs --issuer-jwk FILE or --trust-list FILE\n";
      return kExitCouldNotCheck;
    }
    if (vargs.aud.empty() != vargs.nonce.empty()) {
      err << "vaardig-verifier: --aud and --nonce go together\n";
      return kExitCouldNotCheck;
    }
    return RunVerify(vargs, in, out, err);
  }
  return kExitCouldNotCheck;  // unreachable: a subcommand is required
}

}  // namespace vaardig::verifier::cli
