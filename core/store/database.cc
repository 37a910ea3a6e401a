#include "core/store/database.h"

#include <cassert>
#include <cmath>
#include <utility>

namespace vaardig::store {
namespace {

const Value& NullValue() {
  static const Value kNull = nullptr;
  return kNull;
}

const std::vector<std::string>& NoColumns() {
  static const std::vector<std::string> kNone;
  return kNone;
}

std::int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) {
    // [-2^63, 2^63): both bounds are exact doubles, so the cast below is defined.
    if (std::isfinite(*d) && *d >= -9223372036854775808.0 && *d < 9223372036854775808.0) {
      return static_cast<std::int64_t>(*d);
    }
  }
  return 0;
}

double AsReal(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return 0.0;
}

std::string AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Blob>(&v)) return std::string(b->begin(), b->end());
  return {};
}

Blob AsBytes(const Value& v) {
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  if (const auto* s = std::get_if<std::string>(&v)) return Blob(s->begin(), s->end());
  return {};
}

bool IsNullValue(const Value& v) { return std::holds_alternative<std::nullptr_t>(v); }

}  // namespace

Row::Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
    : columns_(std::move(columns)), values_(std::move(values)) {}

const std::vector<std::string>& Row::columns() const { return columns_ ? *columns_ : NoColumns(); }

const Value& Row::at(std::size_t i) const {
  assert(i < values_.size() && "Row: column index out of range");
  return i < values_.size() ? values_[i] : NullValue();
}

const Value& Row::ByName(std::string_view column) const {
  const auto& names = columns();
  for (std::size_t i = 0; i < names.size() && i < values_.size(); ++i) {
    if (names[i] == column) return values_[i];
  }
  assert(false && "Row: unknown column name");
  return NullValue();
}

bool Row::IsNull(std::size_t i) const { return IsNullValue(at(i)); }
bool Row::IsNull(std::string_view column) const { return IsNullValue(ByName(column)); }
std::int64_t Row::Int(std::size_t i) const { return AsInt(at(i)); }
std::int64_t Row::Int(std::string_view column) const { return AsInt(ByName(column)); }
double Row::Real(std::size_t i) const { return AsReal(at(i)); }
double Row::Real(std::string_view column) const { return AsReal(ByName(column)); }
std::string Row::Text(std::size_t i) const { return AsText(at(i)); }
std::string Row::Text(std::string_view column) const { return AsText(ByName(column)); }
Blob Row::Bytes(std::size_t i) const { return AsBytes(at(i)); }
Blob Row::Bytes(std::string_view column) const { return AsBytes(ByName(column)); }

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  const Value& v = at(i);
  return IsNullValue(v) ? std::nullopt : std::optional(AsInt(v));
}
std::optional<std::int64_t> Row::OptInt(std::string_view column) const {
  const Value& v = ByName(column);
  return IsNullValue(v) ? std::nullopt : std::optional(AsInt(v));
}
std::optional<std::string> Row::OptText(std::size_t i) const {
  const Value& v = at(i);
  return IsNullValue(v) ? std::nullopt : std::optional(AsText(v));
}
std::optional<std::string> Row::OptText(std::string_view column) const {
  const Value& v = ByName(column);
  return IsNullValue(v) ? std::nullopt : std::optional(AsText(v));
}

Database::~Database() = default;

Result<std::optional<Row>> Database::QueryOne(std::string_view sql, std::span<const Value> params) {
  VAARDIG_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.size() > 1) {
    return Fail(ErrorCode::kInternal, "QueryOne: the statement returned " + std::to_string(rows.size()) +
                                          " rows, expected at most one");
  }
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

}  // namespace vaardig::store
