// vaardig-verifier: see verifier/cli/app.h.
#include <iostream>

#include "verifier/cli/app.h"

int main(int argc, char** argv) {
  return vaardig::verifier::cli::RunVerifierCli(argc, argv, std::cin, std::cout, std::cerr);
}
