#include "core/dataintegrity/date_time.h"

#include <cstdio>
#include <optional>

namespace vaardig::dataintegrity {
namespace {

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
constexpr std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

constexpr Civil CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` decimal digits at `pos`.
std::optional<unsigned> Digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return value;
}

constexpr std::int64_t kMinSeconds = DaysFromCivil(1, 1, 1) * 86400;
constexpr std::int64_t kMaxSeconds = DaysFromCivil(10000, 1, 1) * 86400 - 1;

}  // namespace

Result<std::int64_t> ParseDateTimeStamp(std::string_view text) {
  const auto bad = [&](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(text.substr(0, 64)) + "' is not an XML Schema dateTimeStamp (" +
                    std::string(why) + ")");
  };
  // YYYY-MM-DDThh:mm:ss is 19 characters; the shortest valid value adds "Z".
  if (text.size() < 20 || text.size() > 64) return bad("wrong length");
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  const auto hour = Digits(text, 11, 2);
  const auto minute = Digits(text, 14, 2);
  const auto second = Digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || text[4] != '-' ||
      text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return bad("expected YYYY-MM-DDThh:mm:ss");
  }
  if (*year == 0) return bad("year 0000");
  if (*month < 1 || *month > 12) return bad("month out of range");
  if (*day < 1 || *day > DaysInMonth(*year, *month)) return bad("day out of range");
  if (*minute > 59 || *second > 59) return bad("minute or second out of range");
  std::size_t pos = 19;
  bool fraction_is_zero = true;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (text[pos] != '0') fraction_is_zero = false;
      ++pos;
    }
    if (pos == start) return bad("empty fraction of a second");
  }
  if (*hour > 24 || (*hour == 24 && (*minute != 0 || *second != 0 || !fraction_is_zero))) {
    return bad("hour out of range");
  }
  if (pos >= text.size()) return bad("time zone required");
  std::int64_t offset_seconds = 0;
  if (text[pos] == 'Z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const auto tz_hour = Digits(text, pos + 1, 2);
    const auto tz_minute = Digits(text, pos + 4, 2);
    if (!tz_hour || !tz_minute || text[pos + 3] != ':') return bad("malformed time zone");
    if (*tz_minute > 59 || *tz_hour * 60 + *tz_minute > 14 * 60) return bad("time zone out of range");
    offset_seconds = (text[pos] == '+' ? 1 : -1) * static_cast<std::int64_t>(*tz_hour * 3600 + *tz_minute * 60);
    pos += 6;
  } else {
    return bad("time zone required");
  }
  if (pos != text.size()) return bad("trailing characters");
  return DaysFromCivil(*year, *month, *day) * 86400 + static_cast<std::int64_t>(*hour) * 3600 +
         static_cast<std::int64_t>(*minute) * 60 + *second - offset_seconds;
}

Result<std::string> FormatDateTimeStamp(std::int64_t unix_seconds) {
  if (unix_seconds < kMinSeconds || unix_seconds > kMaxSeconds) {
    return Fail(ErrorCode::kInvalidArgument, "time " + std::to_string(unix_seconds) +
                                                 " is outside years 0001-9999");
  }
  const std::int64_t days = (unix_seconds >= 0 ? unix_seconds : unix_seconds - 86399) / 86400;
  const std::int64_t in_day = unix_seconds - days * 86400;
  const Civil civil = CivilFromDays(days);
  const auto seconds_of_day = static_cast<unsigned>(in_day);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02uT%02u:%02u:%02uZ",
                static_cast<unsigned>(civil.year), civil.month, civil.day, seconds_of_day / 3600,
                seconds_of_day / 60 % 60, seconds_of_day % 60);
  return std::string(buffer);
}

}  // namespace vaardig::dataintegrity
