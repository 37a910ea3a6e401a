// vaardig-jose-tool: the kernel's keys, JWS and did:jwk over files and stdin/stdout, for the Node
// interop scripts. A test tool, not a product: private keys it writes are for tests only.
//
//   keygen ES256|EdDSA PRIVATE_OUT      write a private JWK (0600), print the public JWK
//   sign PRIVATE_JWK [--typ T] [--kid K] payload on stdin, print the compact JWS
//   verify JWK [--typ T]                 JWS on stdin; print the payload; exit 0 verified,
//                                        1 rejected, 2 could not check
//   thumbprint JWK                       print the RFC 7638 thumbprint
//   didjwk JWK                           print the did:jwk
//   resolve DID                          print the resolved DID document (did:jwk, did:key)
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/did/did_jwk.h"
#include "core/did/resolver.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"

namespace {

using vaardig::Error;
using vaardig::Json;
using vaardig::Result;

constexpr int kOk = 0;
constexpr int kRejected = 1;
constexpr int kCouldNotCheck = 2;

int Usage() {
  std::cerr << "usage: vaardig-jose-tool keygen|sign|verify|thumbprint|didjwk|resolve ...\n";
  return kCouldNotCheck;
}

int Report(const Error& e) {
  std::cerr << "vaardig-jose-tool: " << e.ToString() << "\n";
  return vaardig::IsCouldNotCheck(e.code()) ? kCouldNotCheck : kRejected;
}

std::string ReadAll(std::istream& in) {
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<std::string> ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return vaardig::Fail(vaardig::ErrorCode::kNotFound, "cannot read " + path);
  std::string text;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  std::fclose(f);
  return text;
}

// Value of "--name VALUE" among args[from...].
std::optional<std::string> Flag(const std::vector<std::string>& args, std::size_t from,
                                std::string_view name) {
  for (std::size_t i = from; i + 1 < args.size(); ++i) {
    if (args[i] == name) return args[i + 1];
  }
  return std::nullopt;
}

int KeyGen(const std::string& alg_name, const std::string& out) {
  auto alg = vaardig::jose::ParseAlgorithm(alg_name);
  if (!alg) return Report(alg.error());
  auto key = vaardig::jose::PrivateJwk::Generate(*alg);
  if (!key) return Report(key.error());
  const std::string text = vaardig::DumpJson(key->ExportPrivateJson()) + "\n";
  const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    std::cerr << "vaardig-jose-tool: cannot write " << out << "\n";
    if (fd >= 0) ::close(fd);
    return kCouldNotCheck;
  }
  ::close(fd);
  std::cout << vaardig::DumpJson(key->public_jwk().ToJson()) << "\n";
  return kOk;
}

int Sign(const std::vector<std::string>& args) {
  auto text = ReadFile(args[1]);
  if (!text) return Report(text.error());
  auto key = vaardig::jose::PrivateJwk::Parse(std::string_view(*text));
  if (!key) return Report(key.error());
  Json header = Json::object();
  if (auto typ = Flag(args, 2, "--typ")) header["typ"] = *typ;
  if (auto kid = Flag(args, 2, "--kid")) header["kid"] = *kid;
  const std::string payload = ReadAll(std::cin);
  auto jws = vaardig::jose::SignCompactJws(*key, header, vaardig::AsBytes(payload));
  if (!jws) return Report(jws.error());
  std::cout << *jws;
  return kOk;
}

int Verify(const std::vector<std::string>& args) {
  auto text = ReadFile(args[1]);
  if (!text) return Report(text.error());
  auto key = vaardig::jose::PublicJwk::Parse(std::string_view(*text));
  if (!key) return Report(key.error());
  vaardig::jose::JwsVerifyOptions options;
  if (auto typ = Flag(args, 2, "--typ")) options.accepted_typ.push_back(*typ);
  const std::string jws = ReadAll(std::cin);
  auto verified = vaardig::jose::VerifyCompactJws(jws, *key, options);
  if (!verified) return Report(verified.error());
  std::cout << vaardig::ToString(verified->payload);
  return kOk;
}

Result<vaardig::jose::PublicJwk> PublicKeyFile(const std::string& path) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  return vaardig::jose::PublicJwk::Parse(std::string_view(text));
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2) return Usage();
  const std::string& command = args[0];
  if (command == "keygen" && args.size() == 3) return KeyGen(args[1], args[2]);
  if (command == "sign") return Sign(args);
  if (command == "verify") return Verify(args);
  if (command == "thumbprint" || command == "didjwk") {
    auto key = PublicKeyFile(args[1]);
    if (!key) return Report(key.error());
    std::cout << (command == "thumbprint" ? key->Thumbprint() : vaardig::did::CreateDidJwk(*key))
              << "\n";
    return kOk;
  }
  if (command == "resolve") {
    vaardig::did::DidResolver resolver(nullptr);
    auto doc = resolver.Resolve(args[1]);
    if (!doc) return Report(doc.error());
    std::cout << vaardig::DumpJson(doc->ToJson()) << "\n";
    return kOk;
  }
  return Usage();
}
