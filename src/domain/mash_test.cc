#include "domain/mash.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

// UK local wall-clock time in May (BST, UTC+1) as a UTC instant.
UnixSeconds At(const char* date, int hour, int minute = 0) {
  return Date::Parse(date)->days() * 86400 + (hour - 1) * 3600 + minute * 60;
}

TEST(WorkingHoursTest, ClockRunsOnlyInWorkingHours) {
  struct Case {
    const char* what;
    UnixSeconds start;
    int hours;
    UnixSeconds due;
  };
  // 2024-05-03 is a Friday.
  const Case cases[] = {
      {"red within the day", At("2024-05-01", 10), 4, At("2024-05-01", 14)},
      {"red ending exactly at five", At("2024-05-01", 13), 4, At("2024-05-01", 17)},
      {"red across the night", At("2024-05-01", 15), 4, At("2024-05-02", 11)},
      {"red across the weekend", At("2024-05-03", 16), 4, At("2024-05-06", 12)},
      {"received before opening", At("2024-05-01", 7, 30), 4, At("2024-05-01", 13)},
      {"received on a Saturday", At("2024-05-04", 12), 4, At("2024-05-06", 13)},
      {"received after closing", At("2024-05-01", 18), 4, At("2024-05-02", 13)},
      {"amber is three working days", At("2024-05-01", 9), 24, At("2024-05-03", 17)},
      {"green is nine working days", At("2024-05-01", 9), 72, At("2024-05-13", 17)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatTimestamp(AddWorkingHours(c.start, c.hours, WeekdaysOnly)), FormatTimestamp(c.due)) << c.what;
  }
}

TEST(WorkingHoursTest, BankHolidaysPauseTheClock) {
  // 2024-05-06 was the early May bank holiday.
  auto england = [](Date d) { return !d.IsWeekend() && d != *Date::Parse("2024-05-06"); };
  EXPECT_EQ(FormatTimestamp(AddWorkingHours(At("2024-05-03", 16), 4, england)), "2024-05-07T11:00:00Z");
}

TEST(WorkingHoursTest, WinterHoursAreGreenwichMeanTime) {
  // 2024-01-10 is a Wednesday in GMT: 09:00 local is 09:00 UTC.
  const UnixSeconds start = Date::Parse("2024-01-10")->days() * 86400 + 9 * 3600;
  EXPECT_EQ(FormatTimestamp(AddWorkingHours(start, 4, WeekdaysOnly)), "2024-01-10T13:00:00Z");
  // Across the October change (27 Oct 2024): Friday 16:00 BST + 4 hours = Monday 12:00 GMT.
  const UnixSeconds friday = Date::Parse("2024-10-25")->days() * 86400 + 15 * 3600;
  EXPECT_EQ(FormatTimestamp(AddWorkingHours(friday, 4, WeekdaysOnly)), "2024-10-28T12:00:00Z");
}

TEST(MashTest, RatingsAndDefaults) {
  RagClock clock;
  EXPECT_EQ(clock.HoursFor(RagRating::kRed), 4);
  EXPECT_EQ(clock.HoursFor(RagRating::kAmber), 24);
  EXPECT_EQ(clock.HoursFor(RagRating::kGreen), 72);
  EXPECT_EQ(*ParseRagRating("amber"), RagRating::kAmber);
  EXPECT_EQ(ParseRagRating("blue").status().field(), "rating");
  MashContact c;
  EXPECT_EQ(Validate(c).violations().size(), 3u);
}

}  // namespace
}  // namespace safehub::domain
