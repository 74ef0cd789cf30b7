#include "domain/workflow/timescale.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

Timescale Open(std::int64_t id, TimescaleKind kind, const char* due) {
  Timescale t;
  t.id = TimescaleId(id);
  t.kind = kind;
  t.due = D(due);
  return t;
}

TEST(TimescaleTest, OverdueAndDueSoonListOnlyOpenTimescalesByDueDate) {
  std::vector<Timescale> ts = {Open(1, TimescaleKind::kAssessment, "2024-05-10"),
                               Open(2, TimescaleKind::kInitialConference, "2024-05-02"),
                               Open(3, TimescaleKind::kFirstCoreGroup, "2024-05-13"),
                               Open(4, TimescaleKind::kFirstReview, "2024-05-08")};
  ts[3].state = TimescaleState::kMet;
  const auto overdue = Overdue(ts, D("2024-05-10"));
  ASSERT_EQ(overdue.size(), 1u);  // due on the day is not yet overdue
  EXPECT_EQ(overdue[0].id, TimescaleId(2));
  // 2024-05-10 is a Friday: one working day ahead is Monday 13 May.
  const auto soon = DueSoon(ts, D("2024-05-10"), 1, WorkingDayCalendar::EnglandAndWales());
  ASSERT_EQ(soon.size(), 2u);
  EXPECT_EQ(soon[0].id, TimescaleId(1));
  EXPECT_EQ(soon[1].id, TimescaleId(3));
}

TEST(TimescaleTest, RulesStayWithinStatutoryRanges) {
  EXPECT_TRUE(TimescaleRules{}.Validate().ok());
  TimescaleRules rules;
  rules.review_after_birth.days = 9;
  rules.core_group_interval_weeks = 8;
  rules.first_review_months = 4;
  rules.assessment.days = 46;
  EXPECT_EQ(rules.Validate().violations().size(), 4u) << rules.Validate().message();
}

TEST(TimescaleTest, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(TimescaleKind::kReviewAfterBirth); ++i) {
    const auto kind = static_cast<TimescaleKind>(i);
    EXPECT_EQ(*ParseTimescaleKind(ToString(kind)), kind);
  }
  EXPECT_EQ((RecordRef{RecordKind::kStrategyDiscussion, 2}.ToString()), "strategy discussion 2");
  for (int i = 0; i <= static_cast<int>(RecordKind::kBirth); ++i) {
    const auto kind = static_cast<RecordKind>(i);
    EXPECT_EQ(*ParseRecordKind(ToString(kind)), kind);
  }
  EXPECT_EQ(ParseRecordKind("meeting").status().field(), "started_by");
}

TEST(TimescaleTest, WorkingDaysOverdueAndLeftSkipBankHolidays) {
  const auto& calendar = WorkingDayCalendar::EnglandAndWales();
  // Due Friday 24 May 2024; Monday 27 May is the spring bank holiday.
  const Timescale t = Open(1, TimescaleKind::kInitialConference, "2024-05-24");
  EXPECT_EQ(WorkingDaysOverdue(t, D("2024-05-29"), calendar), 2);  // Tue 28, Wed 29 (weekdays: 3)
  EXPECT_EQ(WorkingDaysOverdue(t, D("2024-05-25"), calendar), 1);  // past due on the Saturday: not 0
  EXPECT_EQ(WorkingDaysOverdue(t, D("2024-05-24"), calendar), 0);  // due today is not overdue
  EXPECT_EQ(WorkingDaysLeft(t, D("2024-05-24"), calendar), 0);
  EXPECT_EQ(WorkingDaysLeft(t, D("2024-05-22"), calendar), 2);
  EXPECT_EQ(WorkingDaysLeft(t, D("2024-05-29"), calendar), 0);
  const Timescale next = Open(2, TimescaleKind::kFirstCoreGroup, "2024-05-28");
  EXPECT_EQ(WorkingDaysLeft(next, D("2024-05-24"), calendar), 1);  // over the holiday weekend
  Timescale met = t;
  met.state = TimescaleState::kMet;
  EXPECT_EQ(WorkingDaysOverdue(met, D("2024-05-29"), calendar), 0);
}

}  // namespace
}  // namespace safehub::domain
