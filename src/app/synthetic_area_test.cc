#include "app/synthetic_area.h"

#include <gtest/gtest.h>

#include "app/casework.h"
#include "app/name_tables.h"
#include "domain/identifiers.h"
#include "domain/person.h"

namespace safehub::app {
namespace {

const Date kToday = *Date::Parse("2024-06-01");

TEST(SyntheticAreaTest, GeneratesAValidAreaOfTheRequestedSize) {
  auto store = store::NewMemoryStore();
  auto area = GenerateSyntheticArea(*store, {300, 2, 7, kToday});
  ASSERT_TRUE(area.ok()) << area.status().message();
  EXPECT_EQ(area->children, 300);
  EXPECT_GT(area->adults, 100);
  EXPECT_GT(area->events, 300);
  EXPECT_TRUE(area->assessment_social_worker.valid());
  EXPECT_GT(area->plan_periods, 0);
  // Every stored person passes the same validation the API applies.
  int checked = 0;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    store::PersonQuery q;
    q.limit = 10000;
    ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
    for (const auto& p : people) {
      Status s = domain::Validate(p, kToday);
      EXPECT_TRUE(s.ok()) << s.message();
      ++checked;
    }
    ASSIGN_OR_RETURN(auto caseload, tx.InvolvementsOfPractitioner(area->assessment_social_worker));
    EXPECT_FALSE(caseload.empty());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(checked, area->children + area->adults);
}

TEST(SyntheticAreaTest, SameSeedSameArea) {
  auto a = store::NewMemoryStore();
  auto b = store::NewMemoryStore();
  auto first = *GenerateSyntheticArea(*a, {120, 1, 42, kToday});
  auto second = *GenerateSyntheticArea(*b, {120, 1, 42, kToday});
  EXPECT_EQ(first.events, second.events);
  EXPECT_EQ(first.involvements, second.involvements);
}

// Property: every stored case is one the workflow accepts step by step (it replays), and the
// rates are those of domain.md within sampling noise.
TEST(SyntheticAreaTest, CaseworkIsDrivenThroughTheWorkflowAndEveryCaseReplays) {
  auto store = store::NewMemoryStore();
  auto area = GenerateSyntheticArea(*store, {1200, 3, 11, kToday});
  ASSERT_TRUE(area.ok()) << area.status().message();
  EXPECT_EQ(area->refused_steps, 0);
  EXPECT_GT(area->casework_children, 60);
  EXPECT_GT(area->cp_plans, 5);
  EXPECT_GT(area->cin_plans, 5);
  EXPECT_GT(area->late_steps, 10);
  ASSERT_GT(area->referrals, 0);
  const double re_referral_rate = static_cast<double>(area->re_referrals) / area->referrals;
  EXPECT_GT(re_referral_rate, 0.08);
  EXPECT_LT(re_referral_rate, 0.35);
  int replayed = 0, overdue = 0, late_with_reason = 0, steps = 0;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto children, tx.ChildrenWithCasework());
    EXPECT_EQ(static_cast<int>(children.size()), area->casework_children);
    for (PersonId child : children) {
      auto history = LoadCase(tx, child, kToday);
      EXPECT_TRUE(history.ok()) << history.status().message();
      if (!history.ok()) continue;
      ++replayed;
      steps += static_cast<int>(history->steps().size());
      overdue += static_cast<int>(history->Overdue(kToday).size());
      for (const auto& t : history->timescales()) late_with_reason += t.state == domain::TimescaleState::kLate;
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(replayed, area->casework_children);
  EXPECT_EQ(steps, area->casework_steps);
  EXPECT_GT(overdue, 0);
  EXPECT_GT(late_with_reason, 0);
}

TEST(SyntheticAreaTest, SameSeedSameCasework) {
  auto a = store::NewMemoryStore();
  auto b = store::NewMemoryStore();
  auto first = *GenerateSyntheticArea(*a, {300, 2, 5, kToday});
  auto second = *GenerateSyntheticArea(*b, {300, 2, 5, kToday});
  EXPECT_EQ(first.casework_steps, second.casework_steps);
  EXPECT_EQ(first.cp_plans, second.cp_plans);
  EXPECT_EQ(first.late_steps, second.late_steps);
}

TEST(SyntheticAreaTest, RefusesAStoreThatAlreadyHoldsAnArea) {
  auto store = store::NewMemoryStore();
  ASSERT_TRUE(GenerateSyntheticArea(*store, {10, 1, 1, kToday}).ok());
  EXPECT_EQ(GenerateSyntheticArea(*store, {10, 1, 1, kToday}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(GenerateSyntheticArea(*store, {0, 1, 1, kToday}).status().field(), "children");
}

TEST(SyntheticAreaTest, IdentifiersPassTheirChecks) {
  for (std::uint64_t r = 1; r < 2000; r += 7) {
    EXPECT_TRUE(domain::ValidateNhsNumber(SyntheticNhsNumber(r * 2654435761ULL)).ok());
    EXPECT_TRUE(domain::ValidateUpn(SyntheticUpn(891, r * 40503ULL)).ok());
  }
}

TEST(NameTablesTest, LoadsTheEmbeddedTables) {
  EXPECT_GT(BoysNames().size(), 5000u);
  EXPECT_GT(GirlsNames().size(), 5000u);
  EXPECT_GT(Surnames().size(), 5000u);
  std::mt19937_64 rng(1);
  const std::string name = BoysNames().Draw(rng);
  EXPECT_TRUE(std::isupper(static_cast<unsigned char>(name[0]))) << name;
}

}  // namespace
}  // namespace safehub::app
