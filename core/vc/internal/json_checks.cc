#include "core/vc/internal/json_checks.h"

#include <utility>

#include "core/w3c/iri.h"

namespace vaardig::vc::internal {

std::string Member(std::string_view path, std::string_view name) {
  if (path.empty()) return std::string(name);
  std::string out(path);
  out += '.';
  out += name;
  return out;
}

std::string Element(std::string_view path, std::size_t index) {
  std::string out(path);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

std::unexpected<Error> PathError(std::string_view path, std::string_view message) {
  std::string text(path.empty() ? std::string_view("document") : path);
  text += ": ";
  text += message;
  return Fail(ErrorCode::kInvalidArgument, std::move(text));
}

Result<std::vector<std::string>> ReadTypes(const Json& object, std::string_view path,
                                           const VcLimits& limits) {
  const std::string type_path = Member(path, "type");
  const auto it = object.find("type");
  if (it == object.end()) return PathError(type_path, "missing");
  std::vector<std::string> types;
  if (it->is_string()) {
    types.push_back(it->get<std::string>());
  } else if (it->is_array() && !it->empty()) {
    if (it->size() > limits.max_array_entries) {
      return Fail(ErrorCode::kResourceExhausted, type_path + ": too many entries");
    }
    for (const Json& entry : *it) {
      if (!entry.is_string())
        return PathError(type_path, "must be a string or an array of strings");
      types.push_back(entry.get<std::string>());
    }
  } else {
    return PathError(type_path, "must be a string or a non-empty array of strings");
  }
  for (const std::string& type : types) {
    if (type.empty()) return PathError(type_path, "must not hold an empty string");
  }
  return types;
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  for (const std::string& v : values) {
    if (v == value) return true;
  }
  return false;
}

Status RequireType(const Json& object, std::string_view path, std::string_view type,
                   const VcLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(const auto types, ReadTypes(object, path, limits));
  if (!Contains(types, type)) {
    return PathError(Member(path, "type"), "must include \"" + std::string(type) + "\"");
  }
  return Ok();
}

Result<std::optional<std::string>> OptionalString(const Json& object, std::string_view name,
                                                  std::string_view path) {
  const auto it = object.find(name);
  if (it == object.end()) return std::optional<std::string>();
  if (!it->is_string()) return PathError(Member(path, name), "must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> RequiredString(const Json& object, std::string_view name,
                                   std::string_view path) {
  VAARDIG_ASSIGN_OR_RETURN(auto value, OptionalString(object, name, path));
  if (!value) return PathError(Member(path, name), "missing");
  if (value->empty()) return PathError(Member(path, name), "must not be empty");
  return *std::move(value);
}

Result<std::optional<std::string>> OptionalUrl(const Json& object, std::string_view name,
                                               std::string_view path) {
  VAARDIG_ASSIGN_OR_RETURN(auto value, OptionalString(object, name, path));
  if (value && !IsAbsoluteUrl(*value)) return PathError(Member(path, name), "not an absolute URL");
  return value;
}

Result<std::string> RequiredUrl(const Json& object, std::string_view name, std::string_view path) {
  VAARDIG_ASSIGN_OR_RETURN(auto value, OptionalUrl(object, name, path));
  if (!value) return PathError(Member(path, name), "missing");
  return *std::move(value);
}

Result<std::vector<const Json*>> ObjectOrObjects(const Json& value, std::string_view path,
                                                 bool allow_empty, const VcLimits& limits) {
  std::vector<const Json*> out;
  if (value.is_object()) {
    out.push_back(&value);
    return out;
  }
  if (!value.is_array()) return PathError(path, "must be an object or an array of objects");
  if (value.empty() && !allow_empty) return PathError(path, "must not be an empty array");
  if (value.size() > limits.max_array_entries) {
    return Fail(ErrorCode::kResourceExhausted, std::string(path) + ": too many entries");
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_object()) return PathError(Element(path, i), "must be an object");
    out.push_back(&value[i]);
  }
  return out;
}

Result<std::vector<const Json*>> ArrayOfObjects(const Json& value, std::string_view path,
                                                const VcLimits& limits) {
  if (!value.is_array()) return PathError(path, "must be an array of objects");
  return ObjectOrObjects(value, path, /*allow_empty=*/true, limits);
}

// Iterative walk: a hostile document cannot exhaust the stack here.
Status CheckJsonLimits(const Json& document, const VcLimits& limits) {
  std::vector<std::pair<const Json*, std::size_t>> stack{{&document, 1}};
  std::size_t nodes = 0;
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (++nodes > limits.max_nodes) {
      return Fail(ErrorCode::kResourceExhausted,
                  "document: more than " + std::to_string(limits.max_nodes) + " JSON values");
    }
    if (depth > limits.max_depth) {
      return Fail(ErrorCode::kResourceExhausted,
                  "document: nested deeper than " + std::to_string(limits.max_depth));
    }
    if (node->is_structured()) {
      for (const Json& child : *node) stack.emplace_back(&child, depth + 1);
    }
  }
  return Ok();
}

}  // namespace vaardig::vc::internal
