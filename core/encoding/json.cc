#include "core/encoding/json.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vaardig {
namespace {

// ordered_map is a std::vector of pairs whose insert/emplace search linearly for the key. The
// builder checks duplicates itself and appends through the vector, keeping parsing O(n).
using MemberVector = std::vector<std::pair<const std::string, Json>>;
static_assert(std::is_base_of_v<MemberVector, Json::object_t>);

// Objects with more members than this get a hash set for the duplicate check.
constexpr std::size_t kLinearDuplicateScanLimit = 16;

// For error messages: printable ASCII as is, other bytes as \xNN, cut at max_chars. Keeps
// attacker bytes (invalid UTF-8, control characters) out of logs and JSON error bodies.
std::string Printable(std::string_view s, std::size_t max_chars) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : s.substr(0, max_chars)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(ch);
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  if (s.size() > max_chars) out += "...";
  return out;
}

// nlohmann::json_sax_t implementation that builds a Json while enforcing JsonLimits.
// Returning false stops the parser; error_ then says why.
class StrictBuilder {
 public:
  explicit StrictBuilder(const JsonLimits& limits) : limits_(limits) {}

  bool null() { return AddValue(Json(nullptr)) != nullptr; }
  bool boolean(bool value) { return AddValue(Json(value)) != nullptr; }
  bool number_integer(Json::number_integer_t value) { return AddValue(Json(value)) != nullptr; }
  bool number_unsigned(Json::number_unsigned_t value) { return AddValue(Json(value)) != nullptr; }
  // The parser has already refused non-finite values (out_of_range.406).
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) {
    return AddValue(Json(value)) != nullptr;
  }
  bool string(Json::string_t& value) {
    if (value.size() > limits_.max_string_bytes) {
      return Stop(ErrorCode::kResourceExhausted, "JSON: string of " + std::to_string(value.size()) +
                                                     " bytes exceeds the limit of " +
                                                     std::to_string(limits_.max_string_bytes));
    }
    // The lexer clears its buffer before the next token, so the value may be moved from.
    return AddValue(Json(std::move(value))) != nullptr;
  }
  bool binary(Json::binary_t& /*value*/) {
    return Stop(ErrorCode::kInternal, "JSON: binary value from a text parser");
  }
  bool start_object(std::size_t /*unknown_size*/) { return Open(Json::value_t::object); }
  bool start_array(std::size_t /*unknown_size*/) { return Open(Json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(Json::string_t& name);
  bool parse_error(std::size_t position, const std::string& last_token, const Json::exception& ex);

  Result<Json> Take(bool parsed) {
    if (error_) return Fail(std::move(*error_));
    if (!parsed) return Fail(ErrorCode::kInternal, "JSON: parser stopped without a reason");
    return std::move(root_);
  }

 private:
  struct Frame {
    Json* container;
    std::unordered_set<std::string> names;  // only once the object outgrows a linear scan
  };

  bool Stop(ErrorCode code, std::string message) {
    if (!error_) error_.emplace(code, std::move(message));
    return false;
  }
  Json* AddValue(Json&& value);
  bool Open(Json::value_t type);
  bool Close() {
    frames_.pop_back();
    return true;
  }
  bool IsDuplicate(Frame& frame, const std::string& name);

  const JsonLimits& limits_;
  Json root_;
  std::vector<Frame> frames_;
  std::string pending_name_;
  std::optional<Error> error_;
};

Json* StrictBuilder::AddValue(Json&& value) {
  if (frames_.empty()) {
    root_ = std::move(value);
    return &root_;
  }
  Json& container = *frames_.back().container;
  if (container.is_array()) {
    auto& array = container.get_ref<Json::array_t&>();
    if (array.size() >= limits_.max_members) {
      Stop(ErrorCode::kResourceExhausted, "JSON: array at depth " + std::to_string(frames_.size()) +
                                              " has more than " +
                                              std::to_string(limits_.max_members) + " elements");
      return nullptr;
    }
    array.push_back(std::move(value));
    return &array.back();
  }
  // key() has checked the member count and the name.
  auto& members = static_cast<MemberVector&>(container.get_ref<Json::object_t&>());
  members.emplace_back(std::move(pending_name_), std::move(value));
  return &members.back().second;
}

bool StrictBuilder::Open(Json::value_t type) {
  if (frames_.size() >= limits_.max_depth) {
    return Stop(ErrorCode::kResourceExhausted,
                "JSON nesting deeper than " + std::to_string(limits_.max_depth));
  }
  // A container only grows while it is the innermost open one, so this pointer stays valid.
  Json* container = AddValue(Json(type));
  if (container == nullptr) return false;
  frames_.push_back(Frame{.container = container, .names = {}});
  return true;
}

bool StrictBuilder::IsDuplicate(Frame& frame, const std::string& name) {
  const auto& members = frame.container->get_ref<const Json::object_t&>();
  if (members.size() < kLinearDuplicateScanLimit) {
    for (const auto& member : members) {
      if (member.first == name) return true;
    }
    return false;
  }
  if (frame.names.empty()) {
    frame.names.reserve(members.size() * 2);
    for (const auto& member : members) frame.names.insert(member.first);
  }
  return !frame.names.insert(name).second;
}

bool StrictBuilder::key(Json::string_t& name) {
  Frame& frame = frames_.back();
  const auto depth = [&] { return std::to_string(frames_.size()); };
  if (name.size() > limits_.max_string_bytes) {
    return Stop(ErrorCode::kResourceExhausted,
                "JSON: member name of " + std::to_string(name.size()) + " bytes at depth " +
                    depth() + " exceeds the limit of " + std::to_string(limits_.max_string_bytes));
  }
  if (frame.container->size() >= limits_.max_members) {
    return Stop(ErrorCode::kResourceExhausted,
                "JSON: object at depth " + depth() + " has more than " +
                    std::to_string(limits_.max_members) + " members");
  }
  if (IsDuplicate(frame, name)) {
    return Stop(ErrorCode::kInvalidArgument,
                "JSON: duplicate member '" + Printable(name, 64) + "' at depth " + depth());
  }
  pending_name_ = std::move(name);
  return true;
}

bool StrictBuilder::parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                                const Json::exception& ex) {
  // what() is "[json.exception.parse_error.101] parse error at line 1, column 5: ...".
  std::string_view what = ex.what();
  if (const auto end = what.find("] ");
      what.starts_with("[json.exception.") && end != std::string_view::npos) {
    what.remove_prefix(end + 2);
  }
  return Stop(ErrorCode::kInvalidArgument, "JSON: " + Printable(what, 300));
}

}  // namespace

Result<Json> ParseJson(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "JSON input of " + std::to_string(text.size()) +
                                                   " bytes exceeds the limit of " +
                                                   std::to_string(limits.max_bytes));
  }
  // RFC 8259 §8.1 lets a parser ignore a BOM; nlohmann skips it silently. We refuse it so that
  // every component sees the same bytes as JSON.
  if (text.starts_with("\xEF\xBB\xBF")) {
    return Fail(ErrorCode::kInvalidArgument, "JSON: byte order mark (U+FEFF) is not allowed");
  }
  // nlohmann's lexer reads a NUL byte as the end of input, so "{}\0<anything>" would parse as
  // "{}". A raw NUL is never valid JSON (inside strings it must be escaped), so refuse it here.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "JSON: NUL byte at offset " + std::to_string(nul) +
                                                 " (must be escaped as \\u0000)");
  }
  try {
    StrictBuilder builder(limits);
    const bool parsed = Json::sax_parse(text.begin(), text.end(), &builder,
                                        Json::input_format_t::json, /*strict=*/true,
                                        /*ignore_comments=*/false);
    return builder.Take(parsed);
  } catch (const std::bad_alloc&) {
    return Fail(ErrorCode::kResourceExhausted, "JSON: out of memory while parsing");
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, "JSON: unexpected exception: " + Printable(e.what(), 300));
  }
}

std::string DumpJson(const Json& value) {
  try {
    return value.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::strict);
  } catch (const Json::type_error&) {
    // Only values built in code can hold invalid UTF-8 (ParseJson rejects it). DumpJson cannot
    // fail, so such strings come out with U+FFFD in place of the bad bytes. Canonicalize()
    // refuses them instead.
    return value.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
  }
}

namespace {

Result<const Json*> FindMember(const Json& object, std::string_view name) {
  if (!object.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "expected a JSON object when reading member '" +
                                                 Printable(name, 64) + "', got " +
                                                 object.type_name());
  }
  for (const auto& member : object.get_ref<const Json::object_t&>()) {
    if (member.first == name) return &member.second;
  }
  return Fail(ErrorCode::kInvalidArgument, "missing member '" + Printable(name, 64) + "'");
}

}  // namespace

Result<std::string> GetString(const Json& object, std::string_view name) {
  VAARDIG_ASSIGN_OR_RETURN(const Json* member, FindMember(object, name));
  if (!member->is_string()) {
    return Fail(ErrorCode::kInvalidArgument,
                "member '" + Printable(name, 64) + "' must be a string");
  }
  return member->get_ref<const std::string&>();
}

Result<std::int64_t> GetInt(const Json& object, std::string_view name) {
  VAARDIG_ASSIGN_OR_RETURN(const Json* member, FindMember(object, name));
  if (member->is_number_integer() && !member->is_number_unsigned()) {
    return member->get<std::int64_t>();
  }
  if (member->is_number_unsigned()) {
    const auto value = member->get<std::uint64_t>();
    if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(value);
    }
    return Fail(ErrorCode::kInvalidArgument,
                "member '" + Printable(name, 64) + "' is out of the int64 range");
  }
  // 1.0 and 1e3 are numbers but not integers in the JSON text: refused on purpose.
  return Fail(ErrorCode::kInvalidArgument,
              "member '" + Printable(name, 64) + "' must be an integer");
}

}  // namespace vaardig
