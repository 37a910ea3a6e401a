// `vaardig-verifier serve --config FILE`: the verifier service (verifier/http/service.h) with the
// configuration of verifier/app/settings.h. Reads and verifies the signed trust list at start-up
// (a list that does not verify with the configured key stops start-up), then serves until SIGINT
// or SIGTERM. Logs are JSON lines on standard error. Exit 0 after a clean stop, 2 when it cannot
// start (the reason on standard error).
#pragma once

#include <ostream>
#include <string>

#include "core/common/error.h"
#include "verifier/app/settings.h"
#include "verifier/app/trust_list.h"

namespace vaardig::verifier::cli {

// The settings from `config_file` (and VAARDIG_VERIFIER__* variables), every key checked.
[[nodiscard]] Result<VerifierSettings> LoadServeSettings(const std::string& config_file);
// The signed trust list of `settings`, verified with its key before it is read.
[[nodiscard]] Result<TrustList> LoadSignedTrustList(const VerifierSettings& settings);

[[nodiscard]] int RunServe(const std::string& config_file, std::ostream& out, std::ostream& err);

// `vaardig-verifier request-token create --name NAME`: a new random bearer token for a machine
// client that makes OpenID4VP requests; prints it once (it is stored nowhere) and the line for
// request.api_tokens_sha256. invalid_argument (exit 2) for a name other than 1–64 letters, digits,
// '.', '_' or '-'.
[[nodiscard]] int RunRequestTokenCreate(const std::string& name, std::ostream& out, std::ostream& err);

}  // namespace vaardig::verifier::cli
