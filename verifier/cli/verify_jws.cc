#include "verifier/cli/verify_jws.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "core/encoding/base64url.h"
#include "core/jose/jws.h"

namespace vaardig::verifier::cli {
namespace {

constexpr JsonLimits kHeaderLimits{.max_bytes = 16 * 1024, .max_depth = 8};

Json Check(std::string_view name, std::string_view status, std::string detail = {}) {
  Json c = Json::object();
  c["check"] = std::string(name);
  c["status"] = std::string(status);
  if (!detail.empty()) c["detail"] = std::move(detail);
  return c;
}

Json ErrorJson(const Error& e) {
  Json j = Json::object();
  j["code"] = std::string(ErrorCodeName(e.code()));
  j["message"] = e.message();
  return j;
}

Json StringMemberOrNull(const Json& header, const char* name) {
  if (header.is_object()) {
    auto it = header.find(name);
    if (it != header.end() && it->is_string()) return *it;
  }
  return nullptr;
}

// The protected header as received, for the report only (unverified).
std::optional<Json> PeekHeader(std::string_view jws) {
  const auto dot = jws.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto text = encoding::Base64UrlDecodeToString(jws.substr(0, dot));
  if (!text) return std::nullopt;
  auto header = ParseJson(*text, kHeaderLimits);
  if (!header || !header->is_object()) return std::nullopt;
  return *std::move(header);
}

Json PayloadJson(const Bytes& payload) {
  const std::string text = ToString(payload);
  if (auto json = ParseJson(text)) return *std::move(json);
  return text;  // written with invalid UTF-8 replaced
}

ErrorCode CodeOfErrno(int err) {
  if (err == ENOENT || err == ENOTDIR) return ErrorCode::kNotFound;
  if (err == EACCES || err == EPERM) return ErrorCode::kPermissionDenied;
  return ErrorCode::kInternal;
}

Result<std::string> ReadCapped(const std::filesystem::path& path, std::size_t max_bytes,
                               std::string_view what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return Fail(CodeOfErrno(err), "cannot read " + std::string(what) + " " + path.string() + ": " +
                                      std::strerror(err));
  }
  std::string text;
  char buffer[8192];
  int err = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::close(fd);
      return Fail(ErrorCode::kResourceExhausted,
                  std::string(what) + " " + path.string() + " is larger than " +
                      std::to_string(max_bytes) + " bytes");
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (err != 0) {
    return Fail(CodeOfErrno(err), "cannot read " + std::string(what) + " " + path.string() + ": " +
                                      std::strerror(err));
  }
  return text;
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

JwsReport VerifyJwsWithReport(std::string_view jws, const jose::PublicJwk& key,
                              const std::optional<std::string>& expected_typ) {
  const std::optional<Json> header = PeekHeader(jws);
  Json report = Json::object();
  report["verified"] = false;
  report["alg"] = header ? StringMemberOrNull(*header, "alg") : Json(nullptr);
  report["kid"] = header ? StringMemberOrNull(*header, "kid") : Json(nullptr);
  report["typ"] = header ? StringMemberOrNull(*header, "typ") : Json(nullptr);
  report["payload"] = nullptr;

  jose::JwsVerifyOptions options;
  if (expected_typ) options.accepted_typ.push_back(*expected_typ);
  auto verified = jose::VerifyCompactJws(jws, key, options);

  Json checks = Json::array();
  const std::string key_alg(jose::AlgorithmName(key.algorithm()));
  const std::string typ_detail = expected_typ ? "expected \"" + *expected_typ + "\"" : "no typ required";
  if (verified) {
    report["verified"] = true;
    report["payload"] = PayloadJson(verified->payload);
    checks.push_back(Check("format", "passed"));
    checks.push_back(Check("algorithm", "passed", key_alg + " matches the key"));
    checks.push_back(Check("typ", expected_typ ? "passed" : "skipped", typ_detail));
    checks.push_back(Check("signature", "passed"));
    report["checks"] = std::move(checks);
    return {Verdict::kVerified, std::move(report)};
  }

  const Error& error = verified.error();
  const bool could_not_check = IsCouldNotCheck(error.code());
  // Attribute the failure to the first check the received header shows to fail; otherwise to
  // the signature. Checks after the failing one were not reached.
  std::string failing = "signature";
  if (!header) {
    failing = "format";
  } else if (report["alg"] != Json(key_alg)) {
    failing = "algorithm";
  } else if (expected_typ && report["typ"] != Json(*expected_typ)) {
    failing = "typ";
  }
  const std::string failed_status = could_not_check ? "could_not_check" : "failed";
  bool reached = true;
  for (const char* name : {"format", "algorithm", "typ", "signature"}) {
    if (!reached) {
      checks.push_back(Check(name, "could_not_check", "not reached"));
      continue;
    }
    if (name == failing) {
      checks.push_back(Check(name, failed_status, error.message()));
      reached = false;
    } else if (std::string_view(name) == "typ" && !expected_typ) {
      checks.push_back(Check(name, "skipped", typ_detail));
    } else if (std::string_view(name) == "algorithm") {
      checks.push_back(Check(name, "passed", key_alg + " matches the key"));
    } else {
      checks.push_back(Check(name, "passed", std::string_view(name) == "typ" ? typ_detail : ""));
    }
  }
  report["checks"] = std::move(checks);
  report["error"] = ErrorJson(error);
  return {could_not_check ? Verdict::kCouldNotCheck : Verdict::kRejected, std::move(report)};
}

JwsReport CouldNotCheckReport(const Error& error) {
  Json report = Json::object();
  report["verified"] = false;
  report["alg"] = nullptr;
  report["kid"] = nullptr;
  report["typ"] = nullptr;
  report["payload"] = nullptr;
  report["checks"] = Json::array();
  report["error"] = ErrorJson(error);
  return {Verdict::kCouldNotCheck, std::move(report)};
}

Result<jose::PublicJwk> LoadPublicJwkFile(const std::filesystem::path& path) {
  VAARDIG_ASSIGN_OR_RETURN(std::string text, ReadCapped(path, kMaxJwkFileBytes, "key file"));
  auto key = jose::PublicJwk::Parse(std::string_view(text));
  sodium_memzero(text.data(), text.size());  // it may have held a private key
  if (!key) return Fail(key.error().WithContext("key file " + path.string()));
  return key;
}

Result<std::string> ReadJwsInput(const std::string& path, std::istream& in) {
  std::string text;
  if (path == "-") {
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      text.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (text.size() > kMaxJwsBytes) {
        return Fail(ErrorCode::kResourceExhausted, "JWS on standard input is larger than 1 MiB");
      }
    }
  } else {
    VAARDIG_ASSIGN_OR_RETURN(text, ReadCapped(path, kMaxJwsBytes, "JWS file"));
  }
  return std::string(Trim(text));
}

}  // namespace vaardig::verifier::cli
