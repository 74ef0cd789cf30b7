#include "domain/calendar/working_day_calendar.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace safehub::domain {

std::string_view ToString(StartDayConvention convention) {
  switch (convention) {
    case StartDayConvention::kStartDayIsDayZero: return "start day is day 0";
    case StartDayConvention::kStartDayIsDayOne: return "start day is day 1";
  }
  return "start day is day 0";
}

Result<WorkingDayCalendar> WorkingDayCalendar::Create(std::vector<BankHoliday> holidays) {
  if (holidays.empty()) return InvalidArgument("a bank holiday table needs at least one row", "holidays");
  std::sort(holidays.begin(), holidays.end());
  WorkingDayCalendar calendar;
  calendar.first_year_ = holidays.front().date.year();
  calendar.last_year_ = holidays.back().date.year();
  for (const BankHoliday& h : holidays) calendar.days_.push_back(h.date.days());
  calendar.holidays_ = std::move(holidays);
  return calendar;
}

WorkingDayCalendar WorkingDayCalendar::WeekendsOnly() {
  WorkingDayCalendar calendar;
  calendar.rules_outside_table_ = false;
  return calendar;
}

const WorkingDayCalendar& WorkingDayCalendar::EnglandAndWales() {
  static const WorkingDayCalendar* const kCalendar = [] {
    auto rows = ParseBankHolidayCsv(EnglandAndWalesBankHolidayCsv());
    auto calendar = rows.ok() ? Create(std::move(rows).value()) : Result<WorkingDayCalendar>(rows.status());
    if (!calendar.ok()) {
      // The table is compiled in; a bad one is a build defect, caught by calendar_test.
      std::fprintf(stderr, "embedded bank holiday table: %s\n", calendar.status().ToString().c_str());
      std::abort();
    }
    return new WorkingDayCalendar(std::move(calendar).value());
  }();
  return *kCalendar;
}

bool WorkingDayCalendar::InTable(Date d) const {
  const int y = d.year();
  return y >= first_year_ && y <= last_year_;
}

bool WorkingDayCalendar::IsBankHoliday(Date d) const {
  if (InTable(d)) return std::binary_search(days_.begin(), days_.end(), d.days());
  if (!rules_outside_table_) return false;
  for (const BankHoliday& h : RuleBasedBankHolidays(d.year())) {
    if (h.date == d) return true;
  }
  return false;
}

std::optional<std::string> WorkingDayCalendar::BankHolidayName(Date d) const {
  if (InTable(d)) {
    auto it = std::lower_bound(days_.begin(), days_.end(), d.days());
    if (it == days_.end() || *it != d.days()) return std::nullopt;
    return holidays_[static_cast<size_t>(it - days_.begin())].name;
  }
  if (!rules_outside_table_) return std::nullopt;
  for (const BankHoliday& h : RuleBasedBankHolidays(d.year())) {
    if (h.date == d) return h.name;
  }
  return std::nullopt;
}

bool WorkingDayCalendar::IsWorkingDay(Date d) const { return !d.IsWeekend() && !IsBankHoliday(d); }

Date WorkingDayCalendar::AddWorkingDays(Date start, int n, StartDayConvention convention) const {
  if (n <= 0) return start;
  // Day one: a working start day is itself the first of the n days.
  if (convention == StartDayConvention::kStartDayIsDayOne && IsWorkingDay(start)) --n;
  Date d = start;
  while (n > 0) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) --n;
  }
  return d;
}

int WorkingDayCalendar::WorkingDaysBetween(Date from, Date to, StartDayConvention convention) const {
  if (to < from) return -WorkingDaysBetween(to, from, convention);
  int count = 0;
  for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1)) {
    if (IsWorkingDay(d)) ++count;
  }
  if (convention == StartDayConvention::kStartDayIsDayOne && IsWorkingDay(from)) ++count;
  return count;
}

Date AddMonths(Date d, int months) {
  // Clamped to the years a Date can hold (1-9999) so no input can make it fail.
  const int index = std::clamp(d.year() * 12 + (d.month() - 1) + months, 12, 9999 * 12 + 11);
  const int year = index / 12;
  const int month = index % 12 + 1;
  for (int day = d.day(); day >= 28; --day) {
    auto r = Date::FromYmd(year, month, day);
    if (r.ok()) return *r;
  }
  return *Date::FromYmd(year, month, std::min(d.day(), 28));
}

}  // namespace safehub::domain
