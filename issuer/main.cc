// vaardig-issuer: see issuer/cli/app.h.
#include <iostream>

#include "issuer/cli/app.h"

int main(int argc, char** argv) {
  return vaardig::issuer::cli::RunIssuerCli(argc, argv, std::cin, std::cout, std::cerr);
}
