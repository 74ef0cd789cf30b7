#include "domain/calendar/bank_holidays.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/calendar/working_day_calendar.h"

namespace safehub::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

TEST(BankHolidaysTest, EasterMatchesPublishedDates) {
  const std::map<int, const char*> easter = {
      {2000, "2000-04-23"}, {2008, "2008-03-23"}, {2011, "2011-04-24"}, {2016, "2016-03-27"},
      {2019, "2019-04-21"}, {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
      {2035, "2035-03-25"}, {2038, "2038-04-25"},
  };
  for (const auto& [year, date] : easter) EXPECT_EQ(EasterSunday(year), D(date)) << year;
}

// Dates as published on gov.uk/bank-holidays (and, before 2012, the proclamations).
TEST(BankHolidaysTest, EmbeddedTableHasThePublishedDates) {
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  const char* published[] = {
      "2000-01-03",  // New Year's Day substitute (Saturday)
      "2002-06-03", "2002-06-04",  // Golden Jubilee; spring holiday moved from 27 May
      "2004-12-27", "2004-12-28",  // Christmas and Boxing Day substitutes
      "2011-04-29",                // royal wedding
      "2012-06-04", "2012-06-05",  // spring holiday moved; Diamond Jubilee
      "2015-12-28",                // Boxing Day substitute (Saturday)
      "2016-12-27",                // Christmas Day substitute (Sunday)
      "2020-05-08",                // early May moved to VE day
      "2020-12-28",
      "2022-01-03", "2022-06-02", "2022-06-03", "2022-09-19", "2022-12-27",
      "2023-01-02", "2023-05-08",  // New Year substitute; coronation
      "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
      "2024-12-25", "2024-12-26",
      "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
      "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-28",
      "2027-12-27", "2027-12-28",
  };
  for (const char* date : published) EXPECT_TRUE(calendar.IsBankHoliday(D(date))) << date;
  // Holidays moved away by proclamation, and ordinary days.
  const char* not_holidays[] = {"2002-05-27", "2012-05-28", "2020-05-04", "2022-05-30",
                                "2024-05-13", "2010-12-29", "2016-12-25"};
  for (const char* date : not_holidays) EXPECT_FALSE(calendar.IsBankHoliday(D(date))) << date;
  EXPECT_EQ(calendar.BankHolidayName(D("2022-09-19")),
            "Bank holiday for the State Funeral of Queen Elizabeth II");
  EXPECT_EQ(calendar.BankHolidayName(D("2026-12-28")), "Boxing Day (substitute day)");
  EXPECT_EQ(calendar.BankHolidayName(D("2024-05-07")), std::nullopt);
}

TEST(BankHolidaysTest, TableCoversTwoThousandToTwentyThirtyFiveWithoutWeekendDates) {
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  EXPECT_EQ(calendar.first_table_year(), 2000);
  EXPECT_EQ(calendar.last_table_year(), 2035);
  std::map<int, int> per_year;
  for (const BankHoliday& h : calendar.table()) {
    EXPECT_FALSE(h.date.IsWeekend()) << h.date.ToString() << " " << h.name;
    ++per_year[h.date.year()];
  }
  for (int year = 2000; year <= 2035; ++year) EXPECT_GE(per_year[year], 8) << year;
}

// The rules reproduce the table except for the proclaimed one-offs; any other difference
// is a typing error in the CSV or in the rules.
TEST(BankHolidaysTest, TableAgreesWithTheRulesExceptProclaimedOneOffs) {
  const std::set<std::string> only_in_table = {"2002-06-03", "2002-06-04", "2011-04-29",
                                               "2012-06-04", "2012-06-05", "2020-05-08",
                                               "2022-06-02", "2022-06-03", "2022-09-19",
                                               "2023-05-08"};
  const std::set<std::string> only_in_rules = {"2002-05-27", "2012-05-28", "2020-05-04",
                                               "2022-05-30"};
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  std::set<std::string> table;
  for (const BankHoliday& h : calendar.table()) table.insert(h.date.ToString());
  std::set<std::string> rules;
  for (int year = 2000; year <= 2035; ++year) {
    for (const BankHoliday& h : RuleBasedBankHolidays(year)) rules.insert(h.date.ToString());
  }
  for (const std::string& d : table) {
    EXPECT_EQ(rules.count(d) == 0, only_in_table.count(d) == 1) << d;
  }
  for (const std::string& d : rules) {
    EXPECT_EQ(table.count(d) == 0, only_in_rules.count(d) == 1) << d;
  }
}

TEST(BankHolidaysTest, YearsOutsideTheTableFollowTheRules) {
  const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales();
  EXPECT_TRUE(calendar.IsBankHoliday(D("2036-04-11")));   // Good Friday 2036
  EXPECT_TRUE(calendar.IsBankHoliday(D("1999-12-27")));   // Christmas substitute 1999
  EXPECT_FALSE(calendar.IsBankHoliday(D("2036-04-10")));
}

TEST(BankHolidaysTest, ParserRejectsEveryBadLine) {
  auto rows = ParseBankHolidayCsv("date,name\n2024-01-01,New Year\n2024-13-01,Bad\nno comma\n"
                                  "2024-01-01,Again\n2024-05-06,\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().violations().size(), 4u) << rows.status().message();
  EXPECT_NE(rows.status().message().find("line 3"), std::string::npos);
  EXPECT_NE(rows.status().message().find("line 5 2024-01-01 is listed twice"), std::string::npos);
}

TEST(BankHolidaysTest, ParserAcceptsCommentsBlankLinesAndCarriageReturns) {
  auto rows = ParseBankHolidayCsv("# comment\r\n\r\ndate,name\r\n2024-05-27,Spring bank holiday\r\n"
                                  "2024-05-06, Early May bank holiday \r\n");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->front().date, D("2024-05-06"));
  EXPECT_EQ(rows->front().name, "Early May bank holiday");
}

}  // namespace
}  // namespace safehub::domain
