// Working days for statutory timescales: weekdays that are not bank holidays of England and
// Wales. The start-day convention of every count is explicit (StartDayConvention). Also
// calendar-month arithmetic for the timescales set in months (review conferences).
// Immutable after construction; safe to share between threads.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/calendar/bank_holidays.h"

namespace safehub::domain {

// How "within N working days of X" is counted.
enum class StartDayConvention {
  // X is day 0; the first working day after X is day 1 (Working Together's plain reading:
  // "within one working day of receipt" means by the end of the next working day).
  kStartDayIsDayZero,
  // X, when it is a working day, is day 1 (the DfE CIN census validator and the published
  // timeliness figures); when X is not a working day the next working day is day 1.
  kStartDayIsDayOne,
};
std::string_view ToString(StartDayConvention convention);

class WorkingDayCalendar {
 public:
  // A calendar from an explicit holiday table; years outside [first, last year of the
  // table] fall back to RuleBasedBankHolidays. kInvalidArgument for an empty table.
  static Result<WorkingDayCalendar> Create(std::vector<BankHoliday> holidays);
  // Weekends only, no holidays (tests and the MASH default).
  static WorkingDayCalendar WeekendsOnly();
  // England and Wales, 2000-2035 from the embedded table, rule-based outside it.
  static const WorkingDayCalendar& EnglandAndWales();

  bool IsBankHoliday(Date d) const;
  std::optional<std::string> BankHolidayName(Date d) const;
  // Not a Saturday, Sunday or bank holiday.
  bool IsWorkingDay(Date d) const;

  // The day a timescale of n working days from `start` falls due (n >= 0; negative n is
  // treated as 0). Day zero: the n-th working day after start (n = 0 gives start). Day one:
  // start is day 1 when it is a working day, so the result is n - 1 working days later.
  Date AddWorkingDays(Date start, int n, StartDayConvention convention) const;
  // The day number of `to` counted from `from` under the convention, the inverse of
  // AddWorkingDays for working days: WorkingDaysBetween(s, AddWorkingDays(s, n, c), c) == n.
  // Counts working days in (from, to] (day zero) or [from, to] (day one); negative when
  // `to` precedes `from`.
  int WorkingDaysBetween(Date from, Date to, StartDayConvention convention) const;

  int first_table_year() const { return first_year_; }
  int last_table_year() const { return last_year_; }
  std::span<const BankHoliday> table() const { return holidays_; }

 private:
  WorkingDayCalendar() = default;
  bool InTable(Date d) const;

  std::vector<BankHoliday> holidays_;   // sorted by date
  std::vector<std::int64_t> days_;      // holidays_ dates as day numbers, for lookup
  int first_year_ = 0;
  int last_year_ = -1;
  bool rules_outside_table_ = true;
};

// Calendar months: the same day of the month `months` later, or the month's last day when
// it has fewer days (2024-01-31 + 1 month = 2024-02-29). Used for "within 3 months".
Date AddMonths(Date d, int months);

}  // namespace safehub::domain
