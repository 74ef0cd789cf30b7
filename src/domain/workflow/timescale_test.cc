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
}

}  // namespace
}  // namespace safehub::domain
