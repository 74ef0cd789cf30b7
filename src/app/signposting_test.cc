#include "app/signposting.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::TestArea;

class SignpostingTest : public ::testing::Test {
 protected:
  TestArea area;
  Signposting signposting{*area.store, area.clock};

  void SetUp() override {
    ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto p, tx.GetPerson(area.child));
      p.nhs_number = "9434765919";
      return tx.UpdatePerson(p);
    }).ok());
  }

  domain::PlanPeriod Plan(const char* start, std::optional<const char*> end) {
    domain::PlanPeriod p;
    p.child = area.child;
    p.type = domain::PlanType::kChildProtectionPlan;
    p.start = *Date::Parse(start);
    if (end) p.end = *Date::Parse(*end);
    p.responsible_team = area.assessment_team;
    p.key_worker = area.social_worker;
    return p;
  }
};

TEST_F(SignpostingTest, OnlySocialCareRecordsPlanPeriods) {
  auto jo = area.Login("jo");  // police
  EXPECT_EQ(signposting.RecordPlanPeriod(jo, Plan("2024-01-01", std::nullopt)).status().code(),
            StatusCode::kPermissionDenied);
  auto sam = area.Login("sam");  // council assessment team
  EXPECT_TRUE(signposting.RecordPlanPeriod(sam, Plan("2024-01-01", std::nullopt)).ok());
}

TEST_F(SignpostingTest, AnswersForVulnerableChildrenOnlyAndNotifiesTheKeyWorker) {
  auto bo = area.Login("bo");  // a police officer with no involvement
  SignpostingQuery q;
  q.nhs_number = "943 476 5919";
  auto none = signposting.Lookup(bo, q, "found alone at night");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());  // not on a plan: nothing to say

  auto sam = area.Login("sam");
  ASSERT_TRUE(signposting.RecordPlanPeriod(sam, Plan("2024-01-01", std::nullopt)).ok());
  auto answers = signposting.Lookup(bo, q, "found alone at night");
  ASSERT_TRUE(answers.ok()) << answers.status().message();
  ASSERT_EQ(answers->size(), 1u);
  const auto& a = (*answers)[0];
  EXPECT_EQ(a.plan_type, domain::PlanType::kChildProtectionPlan);
  EXPECT_EQ(a.responsible_team, "Assessment");
  EXPECT_EQ(a.office_phone, "0100 000 0003");
  ASSERT_EQ(a.involved.size(), 1u);
  EXPECT_EQ(a.involved[0].agency_name, "Northshire Police");

  auto notices = signposting.MyNotifications(sam);
  ASSERT_TRUE(notices.ok());
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ((*notices)[0].username, "bo");
  EXPECT_EQ((*notices)[0].reason, "found alone at night");
  auto accesses = signposting.AccessesOf(sam, area.child);
  ASSERT_TRUE(accesses.ok());
  EXPECT_EQ(accesses->size(), 1u);
  EXPECT_EQ(signposting.AccessesOf(bo, area.child).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(SignpostingTest, TwelveMonthsAfterThePlanEndsTheChildIsNoLongerSignposted) {
  auto sam = area.Login("sam");
  ASSERT_TRUE(signposting.RecordPlanPeriod(sam, Plan("2022-01-01", "2023-06-01")).ok());
  auto bo = area.Login("bo");
  SignpostingQuery q;
  q.name = "reid";
  q.date_of_birth = *Date::Parse("2015-02-03");
  EXPECT_EQ(signposting.Lookup(bo, q, "check")->size(), 1u);   // 2024-06-01: within 12 months
  area.clock.Advance(86400);                                    // 2024-06-02: 12 months have passed
  EXPECT_TRUE(signposting.Lookup(bo, q, "check")->empty());
}

TEST_F(SignpostingTest, NeedsAReasonAndEnoughToIdentifyAChild) {
  auto bo = area.Login("bo");
  SignpostingQuery q;
  q.nhs_number = "9434765919";
  EXPECT_EQ(signposting.Lookup(bo, q, "").status().field(), "reason");
  SignpostingQuery name_only;
  name_only.name = "reid";
  EXPECT_EQ(signposting.Lookup(bo, name_only, "x").status().field(), "nhs_number");
  SignpostingQuery bad;
  bad.nhs_number = "1234567890";
  EXPECT_EQ(signposting.Lookup(bo, bad, "x").status().code(), StatusCode::kInvalidArgument);
  auto admin = area.Login("admin");
  EXPECT_EQ(signposting.Lookup(admin, q, "x").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(SignpostingTest, ShieldedChildIsNotFoundByHiddenFieldsAndShowsNoServices) {
  auto sam = area.Login("sam");
  ASSERT_TRUE(signposting.RecordPlanPeriod(sam, Plan("2024-01-01", std::nullopt)).ok());
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(area.child));
    p.shielding = domain::Shielding::kMarac;
    return tx.UpdatePerson(p);
  }).ok());
  auto bo = area.Login("bo");
  SignpostingQuery by_nhs;
  by_nhs.nhs_number = "9434765919";
  EXPECT_TRUE(signposting.Lookup(bo, by_nhs, "check")->empty());
  SignpostingQuery by_name;
  by_name.name = "reid";
  by_name.date_of_birth = *Date::Parse("2015-02-03");
  auto answers = *signposting.Lookup(bo, by_name, "check");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_TRUE(answers[0].shielded);
  EXPECT_TRUE(answers[0].involved.empty());
  EXPECT_EQ(answers[0].responsible_team, "Assessment");
}

}  // namespace
}  // namespace safehub::app
