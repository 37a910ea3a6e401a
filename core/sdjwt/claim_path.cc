#include "core/sdjwt/claim_path.h"

#include <charconv>

namespace vaardig::sdjwt {
namespace {

constexpr std::size_t kMaxPathLength = 32;

Error BadPath(std::string_view text, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               "claim path '" + std::string(text) + "': " + std::string(why));
}

}  // namespace

Result<ClaimPath> ParseClaimPath(std::string_view text) {
  ClaimPath path;
  std::size_t i = 0;
  bool expect_name = true;
  while (i < text.size()) {
    if (path.size() >= kMaxPathLength) return Fail(BadPath(text, "too many elements"));
    if (text[i] == '[') {
      const std::size_t close = text.find(']', i);
      if (close == std::string_view::npos) return Fail(BadPath(text, "unclosed '['"));
      std::string_view inner = text.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.front() == '"') {
        // A quoted member name: it may itself contain ']', so look for the closing '"]'.
        const std::size_t end = text.find("\"]", i + 2);
        if (end == std::string_view::npos) return Fail(BadPath(text, "unclosed quoted name"));
        auto parsed = ParseJson(text.substr(i + 1, end - i));
        if (!parsed || !parsed->is_string()) return Fail(BadPath(text, "bad quoted name"));
        path.emplace_back(parsed->get<std::string>());
        i = end + 2;
      } else {
        std::size_t index = 0;
        auto [ptr, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), index);
        if (inner.empty() || ec != std::errc() || ptr != inner.data() + inner.size() ||
            (inner.size() > 1 && inner.front() == '0')) {
          return Fail(BadPath(text, "array index must be a non-negative integer"));
        }
        path.emplace_back(index);
        i = close + 1;
      }
      expect_name = false;
      continue;
    }
    if (text[i] == '.') {
      if (expect_name || i + 1 >= text.size()) return Fail(BadPath(text, "empty member name"));
      ++i;
      expect_name = true;
      continue;
    }
    if (!expect_name) return Fail(BadPath(text, "expected '.' or '['"));
    const std::size_t end = text.find_first_of(".[]", i);
    std::string_view name = text.substr(i, end == std::string_view::npos ? end : end - i);
    if (name.empty()) return Fail(BadPath(text, "empty member name"));
    path.emplace_back(std::string(name));
    i += name.size();
    expect_name = false;
  }
  if (path.empty()) return Fail(BadPath(text, "empty"));
  return path;
}

std::string FormatClaimPath(const ClaimPath& path) {
  std::string out;
  for (const auto& element : path) {
    if (const auto* index = std::get_if<std::size_t>(&element)) {
      out += "[" + std::to_string(*index) + "]";
      continue;
    }
    const auto& name = std::get<std::string>(element);
    if (name.empty() || name.find_first_of(".[]\"") != std::string::npos) {
      out += "[" + DumpJson(Json(name)) + "]";
    } else {
      if (!out.empty()) out += '.';
      out += name;
    }
  }
  return out;
}

Result<ClaimPath> ClaimPathFromJson(const Json& array) {
  if (!array.is_array() || array.empty() || array.size() > kMaxPathLength) {
    return Fail(ErrorCode::kInvalidArgument, "a claim path must be a non-empty JSON array");
  }
  ClaimPath path;
  for (const auto& element : array) {
    if (element.is_string()) {
      path.emplace_back(element.get<std::string>());
    } else if (element.is_number_unsigned()) {
      path.emplace_back(element.get<std::size_t>());
    } else {
      return Fail(ErrorCode::kInvalidArgument,
                  "claim path elements must be strings or non-negative integers");
    }
  }
  return path;
}

}  // namespace vaardig::sdjwt
