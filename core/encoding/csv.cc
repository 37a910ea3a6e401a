#include "core/encoding/csv.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/encoding/utf8.h"

namespace vaardig::csv {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string AtLine(std::size_t line) { return "CSV line " + std::to_string(line) + ": "; }

Status CheckEncoding(std::string_view text) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\0') return Fail(ErrorCode::kInvalidArgument, AtLine(line) + "NUL byte");
    if (c == '\n') ++line;
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return Fail(ErrorCode::kInvalidArgument, AtLine(line) + "invalid UTF-8");
    i += length;
  }
  return Ok();
}

// Counts unquoted ',' and ';' in the first record. Toggling on every quote is right for ""
// escapes too: they toggle twice.
char DetectDelimiter(std::string_view text) {
  bool quoted = false;
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;
  bool empty_line = false;  // nothing at all between two line ends (not even "")
};

class Reader {
 public:
  Reader(std::string_view text, char delimiter, const Limits& limits)
      : text_(text), delimiter_(delimiter), limits_(limits) {}

  bool AtEnd() const { return pos_ >= text_.size(); }

  Result<Record> Next() {
    Record record;
    record.line = line_;
    bool any_quoted = false;
    for (;;) {
      std::string field;
      if (!AtEnd() && text_[pos_] == '"') {
        any_quoted = true;
        VAARDIG_RETURN_IF_ERROR(ReadQuoted(field));
      } else {
        VAARDIG_RETURN_IF_ERROR(ReadUnquoted(field));
      }
      if (record.fields.size() == limits_.max_fields) {
        return Fail(
            ErrorCode::kResourceExhausted,
            AtLine(record.line) + "more than " + std::to_string(limits_.max_fields) + " fields");
      }
      record.fields.push_back(std::move(field));
      if (AtEnd()) break;
      const char c = text_[pos_];
      if (c == delimiter_) {
        ++pos_;
        continue;
      }
      if (c == '\n') {
        ++pos_;
        ++line_;
        break;
      }
      if (c == '\r') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
          pos_ += 2;
          ++line_;
          break;
        }
        return Fail(ErrorCode::kInvalidArgument,
                    AtLine(line_) + "carriage return without a line feed");
      }
      // Only a quoted field can stop on anything else.
      return Fail(ErrorCode::kInvalidArgument, AtLine(line_) + "text after a closing quote");
    }
    record.empty_line = !any_quoted && record.fields.size() == 1 && record.fields.front().empty();
    return record;
  }

 private:
  Status Append(std::string& field, char c, std::size_t field_line) {
    if (field.size() == limits_.max_field_bytes) {
      return Fail(ErrorCode::kResourceExhausted, AtLine(field_line) + "a field is longer than " +
                                                     std::to_string(limits_.max_field_bytes) +
                                                     " bytes");
    }
    field.push_back(c);
    return Ok();
  }

  Status ReadUnquoted(std::string& field) {
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c == delimiter_ || c == '\n' || c == '\r') break;
      if (c == '"') {
        return Fail(ErrorCode::kInvalidArgument,
                    AtLine(line_) + "quote inside an unquoted field (quote the whole field)");
      }
      VAARDIG_RETURN_IF_ERROR(Append(field, c, line_));
      ++pos_;
    }
    return Ok();
  }

  Status ReadQuoted(std::string& field) {
    const std::size_t opened_on = line_;
    ++pos_;  // opening quote
    for (;;) {
      if (AtEnd()) {
        return Fail(ErrorCode::kInvalidArgument, AtLine(opened_on) + "quoted field is not closed");
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          VAARDIG_RETURN_IF_ERROR(Append(field, '"', opened_on));
          pos_ += 2;
          continue;
        }
        ++pos_;
        return Ok();
      }
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        VAARDIG_RETURN_IF_ERROR(Append(field, '\n', opened_on));
        pos_ += 2;
        ++line_;
        continue;
      }
      if (c == '\n') ++line_;
      VAARDIG_RETURN_IF_ERROR(Append(field, c, opened_on));
      ++pos_;
    }
  }

  std::string_view text_;
  char delimiter_;
  const Limits& limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

Status CheckHeader(std::vector<std::string>& header, std::size_t line) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    header[i] = std::string(Trim(header[i]));
    if (header[i].empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  AtLine(line) + "header column " + std::to_string(i + 1) + " has no name");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (EqualsIgnoringAsciiCase(header[i], header[j])) {
        return Fail(ErrorCode::kInvalidArgument,
                    AtLine(line) + "header names column '" + header[i] + "' twice");
      }
    }
  }
  return Ok();
}

}  // namespace

Result<Table> Parse(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(ErrorCode::kResourceExhausted, "CSV input of " + std::to_string(text.size()) +
                                                   " bytes exceeds the limit of " +
                                                   std::to_string(limits.max_bytes));
  }
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  VAARDIG_RETURN_IF_ERROR(CheckEncoding(text));
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "CSV input is empty: no header line");

  Reader reader(text, DetectDelimiter(text), limits);
  Table table;
  VAARDIG_ASSIGN_OR_RETURN(Record header, reader.Next());
  table.header = std::move(header.fields);
  VAARDIG_RETURN_IF_ERROR(CheckHeader(table.header, header.line));

  // Empty lines are held back: at the end of the input they are dropped, before another record
  // they become rows (and fail the field count unless the header has one column).
  std::size_t held_empty_lines = 0;
  std::size_t first_held_line = 0;
  const auto add_row = [&](std::vector<std::string> fields, std::size_t line) -> Status {
    if (table.rows.size() == limits.max_rows) {
      return Fail(ErrorCode::kResourceExhausted,
                  "CSV has more than " + std::to_string(limits.max_rows) + " rows");
    }
    if (fields.size() != table.header.size()) {
      return Fail(ErrorCode::kInvalidArgument,
                  AtLine(line) + "row has " + std::to_string(fields.size()) +
                      (fields.size() == 1 ? " field" : " fields") + ", the header has " +
                      std::to_string(table.header.size()));
    }
    table.rows.push_back(std::move(fields));
    table.line_numbers.push_back(line);
    return Ok();
  };
  while (!reader.AtEnd()) {
    VAARDIG_ASSIGN_OR_RETURN(Record record, reader.Next());
    if (record.empty_line) {
      if (held_empty_lines++ == 0) first_held_line = record.line;
      continue;
    }
    for (std::size_t i = 0; i < held_empty_lines; ++i) {
      VAARDIG_RETURN_IF_ERROR(add_row({std::string()}, first_held_line + i));
    }
    held_empty_lines = 0;
    VAARDIG_RETURN_IF_ERROR(add_row(std::move(record.fields), record.line));
  }
  return table;
}

std::optional<std::size_t> FindColumn(const Table& t,
                                      std::initializer_list<std::string_view> names) {
  for (const std::string_view name : names) {
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      if (EqualsIgnoringAsciiCase(t.header[i], name)) return i;
    }
  }
  return std::nullopt;
}

}  // namespace vaardig::csv
