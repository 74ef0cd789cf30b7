#include "domain/feed_vocabulary.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

Status Check(const char* kind, std::map<std::string, std::string> attributes) {
  Violations v("row");
  CheckAttributes(kind, attributes, v);
  return v.ToStatus();
}

TEST(FeedVocabularyTest, AcceptsWellFormedAttributes) {
  EXPECT_TRUE(Check("police_incident", {{"risk", "high"}, {"notification", "formal_referral"}, {"domestic_abuse", "yes"}}).ok());
  EXPECT_TRUE(Check("school_attendance", {{"attendance_percent", "87"}, {"term", "autumn 2024"}}).ok());
  EXPECT_TRUE(Check("school_exclusion", {{"exclusion", "suspension"}, {"days", "3"}}).ok());
  EXPECT_TRUE(Check("unscheduled_care_attendance", {{"setting", "emergency_department"}}).ok());
  EXPECT_TRUE(Check("missed_health_appointment", {{"service", "camhs"}}).ok());
  EXPECT_TRUE(Check("gp_registration", {}).ok());
  EXPECT_TRUE(Check("housing_move", {{"new_postcode", "ns1 2ab"}}).ok());
}

TEST(FeedVocabularyTest, RejectsWithEveryProblemNamed) {
  Status s = Check("police_incident", {{"risk", "medium"}, {"colour", "red"}});
  ASSERT_EQ(s.violations().size(), 3u) << s.message();
  EXPECT_EQ(s.violations()[0].field, "risk");
  EXPECT_EQ(s.violations()[1].field, "notification");
  EXPECT_EQ(s.violations()[2].field, "colour");
  EXPECT_EQ(Check("school_attendance", {{"attendance_percent", "101"}}).field(), "attendance_percent");
  EXPECT_EQ(Check("school_attendance", {{"attendance_percent", "8x"}}).field(), "attendance_percent");
  EXPECT_EQ(Check("housing_move", {{"new_postcode", "nowhere"}}).field(), "new_postcode");
  EXPECT_EQ(Check("alien_abduction", {}).field(), "kind");
}

}  // namespace
}  // namespace safehub::domain
