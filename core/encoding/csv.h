// A strict RFC 4180 CSV reader for the importers (people from an HR export, the skills
// catalogue in the Vaardig and ESCO formats).
//
// What Parse accepts (https://www.rfc-editor.org/rfc/rfc4180 §2, plus what spreadsheets write):
//  - UTF-8 only; a leading UTF-8 byte order mark is skipped. Invalid UTF-8 or a NUL byte:
//    invalid_argument naming the line.
//  - The delimiter is ',' or ';', chosen from the header line: ';' when the header holds more
//    unquoted ';' than ',' (Dutch Excel writes ';'), otherwise ','.
//  - Fields may be quoted with '"'; inside quotes "" is one quote and the delimiter and line
//    breaks are data. A CRLF inside a quoted field comes out as "\n". A quote inside an unquoted
//    field, text after a closing quote, or a quote still open at the end: invalid_argument.
//  - Records end with CRLF or LF; a lone CR outside quotes is invalid_argument.
//  - The first record is the header. Its names are trimmed of spaces and tabs; an empty name or
//    two names equal ignoring ASCII case: invalid_argument.
//  - Every other record must have as many fields as the header (invalid_argument naming the
//    line). Empty lines at the very end are ignored; an empty line elsewhere is a record.
//  - Limits (Limits below): input bytes, data rows, fields per record, bytes per field; going
//    over any: resource_exhausted. The byte limit is checked before anything else.
// Data fields are returned as written (not trimmed). No exception escapes.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"

namespace vaardig::csv {

struct Limits {
  std::size_t max_bytes = 16 << 20;        // whole input, BOM included
  std::size_t max_rows = 200000;           // data rows, header not counted
  std::size_t max_fields = 256;            // per record, header included
  std::size_t max_field_bytes = 64 << 10;  // per field, after unquoting
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // 1-based physical line where each row starts (a quoted field may span lines), for messages.
  std::vector<std::size_t> line_numbers;
};

[[nodiscard]] Result<Table> Parse(std::string_view text, const Limits& limits = {});

// Index of a header column, trying each accepted name in turn, ignoring ASCII case
// (e.g. {"employee_number", "personeelsnummer"}). nullopt when none is present.
[[nodiscard]] std::optional<std::size_t> FindColumn(const Table& t,
                                                    std::initializer_list<std::string_view> names);

}  // namespace vaardig::csv
