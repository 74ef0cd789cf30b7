#include "common/date.h"

#include <cstdio>

#include <gtest/gtest.h>

namespace safehub {
namespace {

TEST(DateTest, ParsesAndFormatsIsoDates) {
  const char* accepted[] = {"1970-01-01", "2000-02-29", "2024-12-31", "1999-03-01", "2035-06-15"};
  for (const char* text : accepted) {
    auto d = Date::Parse(text);
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
}

TEST(DateTest, FormatsEveryYearOfFourDigitsAsParseReadsIt) {
  // The formatter writes digits by hand: each date from year 1 to 9999 (every 13th day)
  // must come back from Parse as the same day, with zero padding.
  for (auto d = *Date::FromYmd(1, 1, 1); d <= *Date::FromYmd(9999, 12, 31); d = d.AddDays(13)) {
    const std::string text = d.ToString();
    ASSERT_EQ(text.size(), 10u) << text;
    auto back = Date::Parse(text);
    ASSERT_TRUE(back.ok()) << text;
    ASSERT_EQ(*back, d) << text;
  }
  EXPECT_EQ(Date::FromYmd(7, 3, 9)->ToString(), "0007-03-09");
  EXPECT_EQ(Date::FromYmd(9999, 12, 31)->AddDays(1).ToString(), "10000-01-01");  // past the fast path
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  const char* rejected[] = {"", "2024-1-01", "2024/01/01", "20240101", "2023-02-29", "1900-02-29",
                            "2024-13-01", "2024-00-10", "2024-04-31", "abcd-ef-gh", "2024-01-01T00"};
  for (const char* text : rejected) EXPECT_FALSE(Date::Parse(text).ok()) << text;
}

TEST(DateTest, KnowsWeekdays) {
  EXPECT_EQ(Date::Parse("1970-01-01")->weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::Parse("2024-05-01")->weekday(), Weekday::kWednesday);
  EXPECT_TRUE(Date::Parse("2024-05-04")->IsWeekend());
  EXPECT_TRUE(Date::Parse("2024-05-05")->IsWeekend());
  EXPECT_FALSE(Date::Parse("2024-05-06")->IsWeekend());
  EXPECT_EQ(Date::Parse("1969-12-31")->weekday(), Weekday::kWednesday);
}

TEST(DateTest, ArithmeticCrossesMonthsAndLeapDays) {
  EXPECT_EQ(Date::Parse("2024-02-28")->AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(Date::Parse("2023-02-28")->AddDays(1).ToString(), "2023-03-01");
  EXPECT_EQ(Date::Parse("2024-12-31")->AddDays(1).ToString(), "2025-01-01");
  EXPECT_EQ(Date::Parse("2025-03-31")->days() - Date::Parse("2024-04-01")->days(), 364);
}

TEST(DateTest, FormatsTimestampsInUtc) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1714555800), "2024-05-01T09:30:00Z");
  EXPECT_EQ(DateOf(-1).ToString(), "1969-12-31");
}


TEST(DateTest, FormatsEveryDayAsSnprintfWould) {
  // ToString writes the digits by hand; snprintf is the reference, from year 0 to 9999.
  auto check = [](Date d) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", d.year(), d.month(), d.day());
    EXPECT_EQ(d.ToString(), expected);
  };
  for (Date d = *Date::FromYmd(1899, 12, 1); d <= *Date::FromYmd(2101, 1, 31); d = d.AddDays(1)) check(d);
  for (int year : {1, 9, 10, 99, 100, 999, 1000, 9999}) {
    check(*Date::FromYmd(year, 1, 1));
    check(*Date::FromYmd(year, 12, 31));
  }
  check(Date::FromYmd(1, 1, 1)->AddDays(-1));  // year 0
  check(Date::FromYmd(1, 1, 1)->AddDays(-800));  // before it
  EXPECT_EQ(Date::FromYmd(9999, 12, 31)->AddDays(1).ToString(), "10000-01-01");
}
}  // namespace
}  // namespace safehub
