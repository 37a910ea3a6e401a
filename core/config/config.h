// Config: a service's TOML configuration file, overridable by environment variables.
//
// Keys are dotted paths into the TOML tables ("server.port", "database.path"). An environment
// variable <PREFIX>__<TABLE>__<KEY> (double underscores between levels, upper case), for example
// VAARDIG_ISSUER__SERVER__PORT=8443, overrides the file's value; its text is read as the type the
// service asks for. The file is optional: a service can be configured by environment alone.
//
// Every read records the key; CheckAllKeysKnown() then names any key in the file or in the
// environment (under the prefix) that the service never asked for, so a typo such as
// "sever.port" fails at start-up instead of being silently ignored.
// Thread-safety: load and read at start-up, from one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace vaardig::config {

class Config {
 public:
  // `path` empty: no file. `environment` defaults to the process environment (tests pass their
  // own). invalid_argument naming the line for TOML syntax errors; not_found for a missing file.
  [[nodiscard]] static Result<Config> Load(const std::string& path, std::string_view env_prefix);
  [[nodiscard]] static Result<Config> Load(const std::string& path, std::string_view env_prefix,
                                           const std::map<std::string, std::string>& environment);
  // From TOML text (tests, embedded defaults).
  [[nodiscard]] static Result<Config> Parse(std::string_view toml_text, std::string_view env_prefix,
                                            const std::map<std::string, std::string>& environment = {});

  Config(Config&&) noexcept;
  Config& operator=(Config&&) noexcept;
  ~Config();

  // The value at `key`, or `fallback` when absent. invalid_argument, naming the key and where the
  // value came from (file or variable), when present with the wrong type or out of range.
  [[nodiscard]] Result<std::string> String(std::string_view key, std::string_view fallback);
  [[nodiscard]] Result<std::optional<std::string>> OptionalString(std::string_view key);
  [[nodiscard]] Result<std::int64_t> Int(std::string_view key, std::int64_t fallback,
                                         std::int64_t min, std::int64_t max);
  [[nodiscard]] Result<bool> Bool(std::string_view key, bool fallback);
  // A TOML array of strings, or from the environment a comma-separated list.
  [[nodiscard]] Result<std::vector<std::string>> StringList(std::string_view key,
                                                            std::vector<std::string> fallback);
  [[nodiscard]] bool Has(std::string_view key) const;

  // failed_precondition naming every key that was set but never read.
  [[nodiscard]] Status CheckAllKeysKnown() const;

  // The directory of the loaded file ("" without one), for resolving relative paths.
  [[nodiscard]] const std::string& base_directory() const;
  // Resolves `path` against base_directory() unless it is absolute.
  [[nodiscard]] std::string ResolvePath(std::string_view path) const;

 private:
  struct Impl;
  explicit Config(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaardig::config
