// `vaardig-wallet serve --config FILE`: the hosted wallet (wallet/app/hosted.h) on the HTTP
// server, with its JSON API and web pages (wallet/http/service.h). Runs until SIGINT/SIGTERM.
#pragma once

#include <ostream>
#include <string>

namespace vaardig::wallet::cli {

[[nodiscard]] int RunServe(const std::string& config_file, std::ostream& out, std::ostream& err);

// `vaardig-wallet create-wallet --config FILE --user NAME`: a hosted wallet made by the operator
// (for vault.registration = "closed"), with the first passphrase from VAARDIG_WALLET_PASSPHRASE;
// prints the recovery code once.
[[nodiscard]] int RunCreateWallet(const std::string& config_file, const std::string& user, std::ostream& out,
                                  std::ostream& err);

}  // namespace vaardig::wallet::cli
