// A main() for fuzz targets built without libFuzzer (g++, the dev and asan presets): feeds each
// file named on the command line, and every regular file under each directory named, to
// LLVMFuzzerTestOneInput once. `--builtin` feeds a few fixed inputs instead. A target signals a
// finding by crashing or aborting, exactly as under libFuzzer; this driver exits 0 when all
// inputs ran, 1 when an argument names nothing or a directory holds no files.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

void RunOne(const std::string& bytes) {
  // A copy in its own allocation, so ASan sees reads past the end as libFuzzer would.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
}

bool RunFile(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  std::string bytes;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  RunOne(bytes);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::size_t ran = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--builtin") {
      using namespace std::string_view_literals;
      for (const std::string_view input : {""sv, "{}"sv, "[]"sv, "null"sv, "0"sv, "\"\""sv, "a"sv,
                                           "eyJ9.e30."sv, "did:jwk:"sv, "\xff\xfe\0x"sv}) {
        RunOne(std::string(input));
        ++ran;
      }
      continue;
    }
    const std::filesystem::path path(arg);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) {
        std::fprintf(stderr, "%s holds no inputs\n", path.c_str());
        ok = false;
      }
      for (const auto& file : files) {
        if (RunFile(file)) ++ran;
        else ok = false;
      }
    } else if (std::filesystem::is_regular_file(path, ec)) {
      if (RunFile(path)) ++ran;
      else ok = false;
    } else {
      std::fprintf(stderr, "%s: no such file or directory\n", path.c_str());
      ok = false;
    }
  }
  std::printf("%s: ran %zu inputs\n", argc > 0 ? argv[0] : "fuzz", ran);
  return ok ? 0 : 1;
}
