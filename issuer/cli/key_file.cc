#include "issuer/cli/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

#include "core/crypto/random.h"
#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"

namespace vaardig::issuer::cli {
namespace {

Error ErrnoError(std::string_view call, const std::filesystem::path& path, int err) {
  ErrorCode code = ErrorCode::kInternal;
  if (err == ENOENT || err == ENOTDIR) code = ErrorCode::kNotFound;
  if (err == EACCES || err == EPERM || err == EROFS) code = ErrorCode::kPermissionDenied;
  if (err == EEXIST) code = ErrorCode::kAlreadyExists;
  return Error(code, std::string(call) + "(" + path.string() + "): " + std::strerror(err));
}

// Overwrites every string in `value` (the private members included) before it is freed.
void WipeStrings(Json& value) {
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    sodium_memzero(s.data(), s.size());
  } else if (value.is_structured()) {
    for (auto& member : value) WipeStrings(member);
  }
}

// Owns the temporary file: closes and removes it unless Release()d.
class TempFile {
 public:
  TempFile(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    Close();
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  [[nodiscard]] int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  int Close() {
    int rc = 0;
    if (fd_ >= 0) rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void Release() { path_.clear(); }

 private:
  int fd_;
  std::filesystem::path path_;
};

Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(ErrnoError("write", path, errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Ok();
}

// Moves the complete temporary file to `path` without ever replacing an existing file.
Status LinkNoReplace(TempFile& tmp, const std::filesystem::path& path) {
  if (::renameat2(AT_FDCWD, tmp.path().c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
    tmp.Release();
    return Ok();
  }
  if (errno != EINVAL && errno != ENOSYS) return Fail(ErrnoError("renameat2", path, errno));
  // The file system does not support RENAME_NOREPLACE: link(2) also fails if `path` exists.
  if (::link(tmp.path().c_str(), path.c_str()) != 0) return Fail(ErrnoError("link", path, errno));
  return Ok();  // ~TempFile removes the temporary name
}

void SyncDirectory(const std::filesystem::path& dir) {
  // Best effort: makes the new directory entry durable.
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

Result<jose::PrivateJwk> ReadPrivateKeyFile(const std::filesystem::path& path,
                                            std::vector<std::string>* warnings) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(ErrnoError("open", path, errno));
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
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  const int read_errno = errno;
  ::close(fd);
  if (got != text.size()) {
    sodium_memzero(text.data(), text.size());
    return Fail(ErrnoError("read", path, read_errno));
  }
  auto json = ParseJson(text, JsonLimits{.max_bytes = kMaxKeyFileBytes, .max_depth = 8});
  sodium_memzero(text.data(), text.size());
  if (!json) return Fail(json.error().WithContext("key file " + path.string()));
  auto key = jose::PrivateJwk::Parse(*json);
  WipeStrings(*json);
  if (!key) return Fail(key.error().WithContext("key file " + path.string()));
  if (warnings != nullptr && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    warnings->push_back("private key file " + path.string() +
                        " is accessible to group or others; run: chmod 600 " + path.string());
  }
  return key;
}

Status WritePrivateKeyFile(const jose::PrivateJwk& key, const std::filesystem::path& path,
                           bool overwrite) {
  if (path.empty() || !path.has_filename()) {
    return Fail(ErrorCode::kInvalidArgument, "key file path must name a file");
  }
  if (!overwrite) {
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0) {
      return Fail(ErrorCode::kAlreadyExists,
                  "key file " + path.string() + " already exists; refusing to overwrite it");
    }
  }
  const std::filesystem::path dir = path.parent_path();
  const std::filesystem::path tmp_path =
      dir / ("." + path.filename().string() + ".tmp-" +
             encoding::HexEncode(crypto::RandomBytes(8)));
  const int fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrnoError("open", tmp_path, errno));
  TempFile tmp(fd, tmp_path);

  Json exported = key.ExportPrivateJson();
  std::string text = DumpJson(exported);
  text.push_back('\n');
  const Status written = WriteAll(tmp.fd(), text, tmp_path);
  sodium_memzero(text.data(), text.size());
  WipeStrings(exported);
  VAARDIG_RETURN_IF_ERROR(written);

  if (::fsync(tmp.fd()) != 0) return Fail(ErrnoError("fsync", tmp_path, errno));
  if (tmp.Close() != 0) return Fail(ErrnoError("close", tmp_path, errno));

  if (overwrite) {
    if (::rename(tmp_path.c_str(), path.c_str()) != 0) return Fail(ErrnoError("rename", path, errno));
    tmp.Release();
  } else {
    if (auto linked = LinkNoReplace(tmp, path); !linked) {
      if (linked.error().code() == ErrorCode::kAlreadyExists) {
        return Fail(ErrorCode::kAlreadyExists,
                    "key file " + path.string() + " already exists; refusing to overwrite it");
      }
      return linked;
    }
  }
  SyncDirectory(dir);
  return Ok();
}

Result<GeneratedKey> GenerateKeyFile(jose::Algorithm alg, std::optional<std::string> kid,
                                     const std::filesystem::path& path, bool overwrite) {
  if (alg != jose::Algorithm::kEs256 && alg != jose::Algorithm::kEdDsa) {
    return Fail(ErrorCode::kInvalidArgument, "key algorithm must be ES256 or EdDSA");
  }
  if (kid && kid->empty()) return Fail(ErrorCode::kInvalidArgument, "kid must not be empty");
  VAARDIG_ASSIGN_OR_RETURN(const jose::PrivateJwk generated, jose::PrivateJwk::Generate(alg));
  const jose::PrivateJwk key =
      generated.WithKid(kid ? *kid : generated.public_jwk().Thumbprint());
  VAARDIG_RETURN_IF_ERROR(WritePrivateKeyFile(key, path, overwrite));
  return GeneratedKey{.public_jwk = key.public_jwk(), .did = did::CreateDidJwk(key.public_jwk())};
}

Json DescribeGeneratedKey(const GeneratedKey& key, const std::filesystem::path& path) {
  Json out = Json::object();
  out["file"] = path.string();
  out["alg"] = std::string(jose::AlgorithmName(key.public_jwk.algorithm()));
  out["kid"] = key.public_jwk.kid().value_or("");
  out["public_jwk"] = key.public_jwk.ToJson();
  out["did"] = key.did;
  return out;
}

}  // namespace vaardig::issuer::cli
