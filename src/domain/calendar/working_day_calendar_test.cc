#include "domain/calendar/working_day_calendar.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }
constexpr auto kDayZero = StartDayConvention::kStartDayIsDayZero;
constexpr auto kDayOne = StartDayConvention::kStartDayIsDayOne;

TEST(WorkingDayCalendarTest, WeekendsAndBankHolidaysAreNotWorkingDays) {
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  EXPECT_TRUE(calendar.IsWorkingDay(D("2024-05-03")));   // Friday
  EXPECT_FALSE(calendar.IsWorkingDay(D("2024-05-04")));  // Saturday
  EXPECT_FALSE(calendar.IsWorkingDay(D("2024-05-05")));  // Sunday
  EXPECT_FALSE(calendar.IsWorkingDay(D("2024-05-06")));  // early May bank holiday
  EXPECT_TRUE(calendar.IsWorkingDay(D("2024-05-07")));
  EXPECT_TRUE(WorkingDayCalendar::WeekendsOnly().IsWorkingDay(D("2024-05-06")));
}

TEST(WorkingDayCalendarTest, AddsWorkingDaysUnderBothConventions) {
  struct Case {
    const char* what;
    const char* start;
    int n;
    StartDayConvention convention;
    const char* due;
  };
  const Case cases[] = {
      {"referral decision: next working day", "2024-05-01", 1, kDayZero, "2024-05-02"},
      {"decision over a weekend and bank holiday", "2024-05-03", 1, kDayZero, "2024-05-07"},
      {"decision over Christmas 2020 (Boxing Day substitute)", "2020-12-24", 1, kDayZero, "2020-12-29"},
      {"zero days is the start", "2024-05-04", 0, kDayZero, "2024-05-04"},
      {"ICPC: strategy discussion is day 1", "2024-05-03", 15, kDayOne, "2024-05-24"},
      {"ICPC counted from day zero crosses spring holiday", "2024-05-03", 15, kDayZero, "2024-05-28"},
      {"day one from a Saturday starts on Monday", "2024-06-01", 1, kDayOne, "2024-06-03"},
      {"day one from a bank holiday", "2024-05-06", 2, kDayOne, "2024-05-08"},
      {"assessment 45 days across Easter 2024", "2024-03-01", 45, kDayOne, "2024-05-07"},
      {"across the 2022 jubilee", "2022-05-30", 10, kDayZero, "2022-06-15"},
      {"across the funeral", "2022-09-16", 1, kDayZero, "2022-09-20"},
      {"core group across the coronation", "2023-05-02", 10, kDayZero, "2023-05-17"},
  };
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  for (const Case& c : cases) {
    EXPECT_EQ(calendar.AddWorkingDays(D(c.start), c.n, c.convention).ToString(), c.due) << c.what;
  }
}

TEST(WorkingDayCalendarTest, CountingIsTheInverseOfAdding) {
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  for (Date start = D("2022-05-20"); start <= D("2023-01-10"); start = start.AddDays(3)) {
    for (int n = 1; n <= 50; n += 7) {
      for (StartDayConvention c : {kDayZero, kDayOne}) {
        const Date due = calendar.AddWorkingDays(start, n, c);
        EXPECT_TRUE(calendar.IsWorkingDay(due));
        EXPECT_EQ(calendar.WorkingDaysBetween(start, due, c), n)
            << start.ToString() << " + " << n << " " << ToString(c);
      }
    }
  }
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2024-05-10"), D("2024-05-03"), kDayZero), -4);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2024-05-03"), D("2024-05-03"), kDayOne), 1);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2024-05-04"), D("2024-05-05"), kDayOne), 0);
}

TEST(WorkingDayCalendarTest, AddsCalendarMonthsClampingToMonthEnd) {
  const std::pair<const char*, const char*> three_months[] = {
      {"2024-05-01", "2024-08-01"}, {"2024-11-30", "2025-02-28"}, {"2023-11-30", "2024-02-29"},
      {"2024-10-15", "2025-01-15"}, {"2024-12-31", "2025-03-31"},
  };
  for (const auto& [from, to] : three_months) EXPECT_EQ(AddMonths(D(from), 3).ToString(), to) << from;
  EXPECT_EQ(AddMonths(D("2024-08-31"), 6).ToString(), "2025-02-28");
  EXPECT_EQ(AddMonths(D("2024-03-31"), -1).ToString(), "2024-02-29");
}

TEST(WorkingDayCalendarTest, RejectsAnEmptyTable) {
  EXPECT_FALSE(WorkingDayCalendar::Create({}).ok());
}

}  // namespace
}  // namespace safehub::domain
