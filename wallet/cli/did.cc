#include "wallet/cli/did.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/did/did_jwk.h"

namespace vaardig::wallet::cli {
namespace {

constexpr const char* kPrivateMembers[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};

ErrorCode CodeOf(int err) {
  if (err == ENOENT || err == ENOTDIR) return ErrorCode::kNotFound;
  if (err == EACCES || err == EPERM) return ErrorCode::kPermissionDenied;
  return ErrorCode::kInternal;
}

Result<std::string> ReadSmallFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return Fail(CodeOf(err), "cannot read key file " + path.string() + ": " + std::strerror(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kInvalidArgument, "key file " + path.string() + " is not a regular file");
  }
  if (static_cast<std::uintmax_t>(st.st_size) > kMaxKeyFileBytes) {
    ::close(fd);
    return Fail(ErrorCode::kResourceExhausted, "key file " + path.string() + " is larger than 64 KiB");
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  int err = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got != text.size()) {
    sodium_memzero(text.data(), text.size());
    return Fail(CodeOf(err), "cannot read key file " + path.string() + ": " +
                                 (err != 0 ? std::strerror(err) : "file changed while reading"));
  }
  return text;
}

void Wipe(std::string& s) { sodium_memzero(s.data(), s.size()); }

}  // namespace

Result<LoadedKey> LoadPublicKey(const std::filesystem::path& path) {
  VAARDIG_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
  auto json = ParseJson(text, JsonLimits{.max_bytes = kMaxKeyFileBytes, .max_depth = 8});
  Wipe(text);
  if (!json) return Fail(json.error().WithContext("key file " + path.string()));

  bool had_private_members = false;
  if (json->is_object()) {
    for (const char* member : kPrivateMembers) {
      if (json->contains(member)) had_private_members = true;
    }
  }
  auto key = jose::PublicJwk::Parse(*json);
  // Wipe every string member (the private ones included) before the parsed JSON is freed.
  if (json->is_object()) {
    for (auto& [name, value] : json->items()) {
      if (value.is_string()) Wipe(value.get_ref<std::string&>());
    }
  }
  if (!key) return Fail(key.error().WithContext("key file " + path.string()));

  LoadedKey loaded{
      .public_jwk = *std::move(key), .had_private_members = had_private_members, .warnings = {}};
  struct stat st;
  if (had_private_members && ::stat(path.c_str(), &st) == 0 &&
      (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    loaded.warnings.push_back("private key file " + path.string() +
                              " is accessible to group or others; run: chmod 600 " +
                              path.string());
  }
  return loaded;
}

std::string DidOf(const jose::PublicJwk& key) { return did::CreateDidJwk(key); }

Result<Json> DidDocumentOf(const jose::PublicJwk& key) {
  VAARDIG_ASSIGN_OR_RETURN(const did::DidDocument doc, did::ResolveDidJwk(DidOf(key)));
  return doc.ToJson();
}

}  // namespace vaardig::wallet::cli
