#include "common/date.h"

#include <cstdio>

namespace safehub {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
// Gregorian calendar, no tables, no time zone.
constexpr std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

constexpr Civil CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) return InvalidArgument("year " + std::to_string(year) + " is out of range");
  if (month < 1 || month > 12) return InvalidArgument("month " + std::to_string(month) + " does not exist");
  if (day < 1 || day > DaysInMonth(year, month)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return InvalidArgument(std::string("date ") + buf + " does not exist");
  }
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::Parse(std::string_view s) {
  const bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' && IsDigit(s[0]) &&
                      IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]) && IsDigit(s[5]) &&
                      IsDigit(s[6]) && IsDigit(s[8]) && IsDigit(s[9]);
  if (!shaped) {
    return InvalidArgument("'" + std::string(s.substr(0, 40)) + "' is not a date in the form YYYY-MM-DD");
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return FromYmd(num(0, 4), num(5, 2), num(8, 2));
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return static_cast<int>(CivilFromDays(days_).month); }
int Date::day() const { return static_cast<int>(CivilFromDays(days_).day); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const std::int64_t idx = ((days_ % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(idx);
}

bool Date::IsWeekend() const {
  const Weekday w = weekday();
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

std::string Date::ToString() const {
  const Civil c = CivilFromDays(days_);
  if (c.year >= 0 && c.year <= 9999) {
    // Every stored date and feed row is formatted: digits by hand, not snprintf.
    std::string out = "0000-00-00";
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    const auto year = static_cast<unsigned>(c.year);
    out[0] = digit(year / 1000);
    out[1] = digit(year / 100);
    out[2] = digit(year / 10);
    out[3] = digit(year);
    out[5] = digit(c.month / 10);
    out[6] = digit(c.month);
    out[8] = digit(c.day / 10);
    out[9] = digit(c.day);
    return out;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

Date DateOf(UnixSeconds t) {
  std::int64_t days = t / 86400;
  if (t % 86400 < 0) --days;
  return Date::FromDays(days);
}

std::string FormatTimestamp(UnixSeconds t) {
  const Date d = DateOf(t);
  const std::int64_t secs = t - d.days() * 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

}  // namespace safehub
