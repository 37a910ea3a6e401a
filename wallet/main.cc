// vaardig-wallet: see wallet/cli/app.h.
#include <iostream>

#include "wallet/cli/app.h"

int main(int argc, char** argv) {
  return vaardig::wallet::cli::RunWalletCli(argc, argv, std::cout, std::cerr);
}
