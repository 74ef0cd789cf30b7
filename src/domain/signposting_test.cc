#include "domain/signposting.h"

#include <gtest/gtest.h>

#include <vector>

namespace safehub::domain {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

PlanPeriod Plan(const char* start, std::optional<const char*> end, PlanType type = PlanType::kChildProtectionPlan) {
  PlanPeriod p;
  p.child = PersonId(1);
  p.type = type;
  p.start = D(start);
  if (end) p.end = D(*end);
  p.responsible_team = TeamId(2);
  p.key_worker = PractitionerId(3);
  return p;
}

TEST(SignpostingTest, VulnerableOnAPlanAndForTwelveMonthsAfter) {
  const std::vector<PlanPeriod> ended = {Plan("2022-01-10", "2023-03-31")};
  EXPECT_FALSE(IsVulnerableOn(ended, D("2022-01-09")));
  EXPECT_TRUE(IsVulnerableOn(ended, D("2022-01-10")));
  EXPECT_TRUE(IsVulnerableOn(ended, D("2023-03-31")));
  EXPECT_TRUE(IsVulnerableOn(ended, D("2024-03-31")));   // 12 months after, to the day
  EXPECT_FALSE(IsVulnerableOn(ended, D("2024-04-01")));
  EXPECT_TRUE(IsVulnerableOn(std::vector{Plan("2024-01-01", std::nullopt)}, D("2030-01-01")));
  EXPECT_FALSE(IsVulnerableOn(std::vector<PlanPeriod>{}, D("2024-01-01")));
}

TEST(SignpostingTest, CurrentPeriodPrefersAnOpenPlan) {
  const std::vector<PlanPeriod> periods = {Plan("2022-01-10", "2023-03-31", PlanType::kChildInNeedPlan),
                                           Plan("2023-06-01", std::nullopt, PlanType::kLookedAfter)};
  EXPECT_EQ(CurrentPeriod(periods, D("2023-07-01"))->type, PlanType::kLookedAfter);
  EXPECT_EQ(CurrentPeriod(periods, D("2023-05-01"))->type, PlanType::kChildInNeedPlan);
}

// A plan made before birth splits at the birth (app::SyncPlanPeriods): from the birth day on
// the answer is the child's plan, not the unborn child's.
TEST(SignpostingTest, ABornChildOnAPreBirthPlanIsAnsweredAsOnAChildProtectionPlan) {
  const std::vector<PlanPeriod> periods = {
      Plan("2024-03-01", "2024-06-10", PlanType::kUnbornChildProtectionPlan),
      Plan("2024-06-10", std::nullopt)};
  EXPECT_EQ(CurrentPeriod(periods, D("2024-06-09"))->type, PlanType::kUnbornChildProtectionPlan);
  EXPECT_EQ(CurrentPeriod(periods, D("2024-06-10"))->type, PlanType::kChildProtectionPlan);
  EXPECT_EQ(CurrentPeriod(periods, D("2024-09-01"))->start, D("2024-06-10"));
}

// A pre-birth plan recorded by hand has no casework to split it; the answer applies the rule.
TEST(SignpostingTest, AnUnbornChildsPlanRecordedByHandIsAnsweredFromTheBirthAsTheChildsPlan) {
  const PlanPeriod open = Plan("2024-03-01", std::nullopt, PlanType::kUnbornChildProtectionPlan);
  const Date born = D("2024-06-10");
  // Before the birth, and for a child not yet born, nothing changes.
  EXPECT_EQ(AsAnsweredOn(open, born, D("2024-06-09")).type, PlanType::kUnbornChildProtectionPlan);
  EXPECT_EQ(AsAnsweredOn(open, std::nullopt, D("2024-09-01")).type, PlanType::kUnbornChildProtectionPlan);
  // From the birth day: a child protection plan that starts at the birth, still open.
  const PlanPeriod after = AsAnsweredOn(open, born, D("2024-06-10"));
  EXPECT_EQ(after.type, PlanType::kChildProtectionPlan);
  EXPECT_EQ(after.start, born);
  EXPECT_FALSE(after.end.has_value());
  // Ended after the birth: the child's plan from the birth to that end.
  const PlanPeriod ended = AsAnsweredOn(Plan("2024-03-01", "2024-08-01", PlanType::kUnbornChildProtectionPlan),
                                        born, D("2024-09-01"));
  EXPECT_EQ(ended.type, PlanType::kChildProtectionPlan);
  EXPECT_EQ(ended.start, born);
  EXPECT_EQ(*ended.end, D("2024-08-01"));
  // Ended on or before the birth day: it was, and stays, the unborn child's plan.
  EXPECT_EQ(AsAnsweredOn(Plan("2024-03-01", "2024-06-10", PlanType::kUnbornChildProtectionPlan), born,
                         D("2024-09-01")).type,
            PlanType::kUnbornChildProtectionPlan);
  // Other plans are untouched, whenever the child was born.
  EXPECT_EQ(AsAnsweredOn(Plan("2024-01-01", std::nullopt, PlanType::kChildInNeedPlan), born, D("2024-09-01")).start,
            D("2024-01-01"));
}

TEST(SignpostingTest, ValidatesPeriods) {
  EXPECT_TRUE(Validate(Plan("2024-01-01", "2024-02-01"), D("2024-06-01")).ok());
  PlanPeriod bad = Plan("2024-07-01", "2024-06-01");
  bad.key_worker = PractitionerId();
  Status s = Validate(bad, D("2024-06-01"));
  EXPECT_EQ(s.violations().size(), 3u) << s.message();
  EXPECT_EQ(*ParsePlanType("looked_after"), PlanType::kLookedAfter);
  EXPECT_FALSE(ParsePlanType("cp").ok());
}

}  // namespace
}  // namespace safehub::domain
