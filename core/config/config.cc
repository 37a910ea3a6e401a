#include "core/config/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include <toml++/toml.h>

extern char** environ;

namespace vaardig::config {

namespace {

using FileValue = std::variant<std::string, std::int64_t, bool, double, std::vector<std::string>, std::monostate>;

std::string TypeName(const FileValue& v) {
  switch (v.index()) {
    case 0: return "a string";
    case 1: return "an integer";
    case 2: return "a boolean";
    case 3: return "a number";
    case 4: return "a list of strings";
    default: return "a table or mixed list";
  }
}

void Flatten(const toml::table& table, const std::string& prefix, std::map<std::string, FileValue, std::less<>>& out) {
  for (const auto& [k, node] : table) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* t = node.as_table()) {
      Flatten(*t, key, out);
    } else if (const auto* s = node.as_string()) {
      out.emplace(key, s->get());
    } else if (const auto* i = node.as_integer()) {
      out.emplace(key, static_cast<std::int64_t>(i->get()));
    } else if (const auto* b = node.as_boolean()) {
      out.emplace(key, b->get());
    } else if (const auto* d = node.as_floating_point()) {
      out.emplace(key, d->get());
    } else if (const auto* a = node.as_array()) {
      std::vector<std::string> list;
      bool all_strings = true;
      for (const auto& element : *a) {
        if (const auto* es = element.as_string()) list.push_back(es->get());
        else all_strings = false;
      }
      if (all_strings) out.emplace(key, std::move(list));
      else out.emplace(key, std::monostate{});
    } else {
      out.emplace(key, std::monostate{});  // dates and times: no service reads them
    }
  }
}

std::string EnvName(std::string_view prefix, std::string_view key) {
  std::string name(prefix);
  name += "__";
  for (const char c : key) {
    if (c == '.') name += "__";
    else name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string KeyFromEnvName(std::string_view prefix, std::string_view name) {
  std::string_view rest = name.substr(prefix.size() + 2);
  std::string key;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest.substr(i, 2) == "__") {
      key += '.';
      ++i;
    } else {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i])));
    }
  }
  return key;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

}  // namespace

struct Config::Impl {
  std::string prefix;
  std::string base_directory;
  std::map<std::string, FileValue, std::less<>> file;
  std::map<std::string, std::string> env;  // only the variables under the prefix
  std::set<std::string, std::less<>> read;

  const std::string* Env(std::string_view key) const {
    auto it = env.find(EnvName(prefix, key));
    return it == env.end() ? nullptr : &it->second;
  }
  const FileValue* File(std::string_view key) const {
    auto it = file.find(key);
    return it == file.end() ? nullptr : &it->second;
  }
  Error Wrong(std::string_view key, std::string_view want, bool from_env) const {
    return Error(ErrorCode::kInvalidArgument,
                 "configuration " + std::string(from_env ? "variable " + EnvName(prefix, key) : "key '" + std::string(key) + "'") +
                     " must be " + std::string(want));
  }
};

Config::Config(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Config::Config(Config&&) noexcept = default;
Config& Config::operator=(Config&&) noexcept = default;
Config::~Config() = default;

Result<Config> Config::Parse(std::string_view toml_text, std::string_view env_prefix,
                             const std::map<std::string, std::string>& environment) {
  auto impl = std::make_unique<Impl>();
  impl->prefix = std::string(env_prefix);
  try {
    const toml::table table = toml::parse(toml_text);
    Flatten(table, "", impl->file);
  } catch (const toml::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                "configuration: " + std::string(e.description()) + " at line " +
                    std::to_string(e.source().begin.line));
  }
  const std::string start = impl->prefix + "__";
  for (const auto& [name, value] : environment) {
    if (name.starts_with(start) && name.size() > start.size()) impl->env.emplace(name, value);
  }
  return Config(std::move(impl));
}

Result<Config> Config::Load(const std::string& path, std::string_view env_prefix) {
  return Load(path, env_prefix, ProcessEnvironment());
}

Result<Config> Config::Load(const std::string& path, std::string_view env_prefix,
                            const std::map<std::string, std::string>& environment) {
  std::string text;
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kNotFound, "cannot read configuration file " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    if (text.size() > (1 << 20)) {
      return Fail(ErrorCode::kResourceExhausted, "configuration file " + path + " is larger than 1 MiB");
    }
  }
  auto config = Parse(text, env_prefix, environment);
  if (!config) return Fail(config.error().WithContext(path));
  if (!path.empty()) {
    config->impl_->base_directory =
        std::filesystem::absolute(std::filesystem::path(path)).parent_path().string();
  }
  return config;
}

Result<std::string> Config::String(std::string_view key, std::string_view fallback) {
  VAARDIG_ASSIGN_OR_RETURN(std::optional<std::string> v, OptionalString(key));
  return v ? *v : std::string(fallback);
}

Result<std::optional<std::string>> Config::OptionalString(std::string_view key) {
  impl_->read.emplace(key);
  if (const std::string* e = impl_->Env(key)) return std::optional<std::string>(*e);
  if (const FileValue* f = impl_->File(key)) {
    if (const auto* s = std::get_if<std::string>(f)) return std::optional<std::string>(*s);
    return Fail(impl_->Wrong(key, "a string, not " + TypeName(*f), false));
  }
  return std::optional<std::string>();
}

Result<std::int64_t> Config::Int(std::string_view key, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max) {
  impl_->read.emplace(key);
  std::int64_t value = fallback;
  bool from_env = false;
  if (const std::string* e = impl_->Env(key)) {
    from_env = true;
    const auto [ptr, ec] = std::from_chars(e->data(), e->data() + e->size(), value);
    if (ec != std::errc() || ptr != e->data() + e->size() || e->empty()) {
      return Fail(impl_->Wrong(key, "an integer", true));
    }
  } else if (const FileValue* f = impl_->File(key)) {
    const auto* i = std::get_if<std::int64_t>(f);
    if (i == nullptr) return Fail(impl_->Wrong(key, "an integer, not " + TypeName(*f), false));
    value = *i;
  } else {
    return fallback;
  }
  if (value < min || value > max) {
    return Fail(impl_->Wrong(key, "between " + std::to_string(min) + " and " + std::to_string(max), from_env));
  }
  return value;
}

Result<bool> Config::Bool(std::string_view key, bool fallback) {
  impl_->read.emplace(key);
  if (const std::string* e = impl_->Env(key)) {
    if (*e == "true" || *e == "1") return true;
    if (*e == "false" || *e == "0") return false;
    return Fail(impl_->Wrong(key, "true or false", true));
  }
  if (const FileValue* f = impl_->File(key)) {
    const auto* b = std::get_if<bool>(f);
    if (b == nullptr) return Fail(impl_->Wrong(key, "true or false, not " + TypeName(*f), false));
    return *b;
  }
  return fallback;
}

Result<std::vector<std::string>> Config::StringList(std::string_view key,
                                                    std::vector<std::string> fallback) {
  impl_->read.emplace(key);
  if (const std::string* e = impl_->Env(key)) {
    std::vector<std::string> out;
    std::string_view rest = *e;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    return out;
  }
  if (const FileValue* f = impl_->File(key)) {
    const auto* list = std::get_if<std::vector<std::string>>(f);
    if (list == nullptr) return Fail(impl_->Wrong(key, "a list of strings, not " + TypeName(*f), false));
    return *list;
  }
  return fallback;
}

bool Config::Has(std::string_view key) const {
  return impl_->Env(key) != nullptr || impl_->File(key) != nullptr;
}

Status Config::CheckAllKeysKnown() const {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : impl_->file) {
    if (!impl_->read.contains(key)) unknown.push_back("'" + key + "'");
  }
  for (const auto& [name, value] : impl_->env) {
    if (!impl_->read.contains(KeyFromEnvName(impl_->prefix, name))) unknown.push_back(name);
  }
  if (unknown.empty()) return Ok();
  std::string list;
  for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
  return Fail(ErrorCode::kFailedPrecondition, "unknown configuration settings: " + list);
}

const std::string& Config::base_directory() const { return impl_->base_directory; }

std::string Config::ResolvePath(std::string_view path) const {
  const std::filesystem::path p(path);
  if (p.is_absolute() || impl_->base_directory.empty()) return std::string(path);
  return (std::filesystem::path(impl_->base_directory) / p).lexically_normal().string();
}

}  // namespace vaardig::config
