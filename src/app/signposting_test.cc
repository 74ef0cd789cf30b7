#include "app/signposting.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "app/synthetic_area.h"
#include "app/test_area.h"
#include "store/sqlite/sqlite_store.h"

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

// A plan made before birth and recorded by hand (no casework to split it at the birth) is
// answered as the unborn child's plan until the birth, and as the child's plan from then on:
// a newborn brought to A&E is not "unborn".
TEST_F(SignpostingTest, AnUnbornChildsPlanRecordedByHandIsAnsweredAsTheChildsPlanAfterTheBirth) {
  PersonId baby;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    domain::Person mother;
    mother.kind = domain::PersonKind::kAdult;
    mother.first_name = "Kim";
    mother.surname = "Reid";
    mother.date_of_birth = *Date::Parse("1995-01-01");
    ASSIGN_OR_RETURN(auto mother_id, tx.InsertPerson(mother));
    domain::Person unborn;
    unborn.kind = domain::PersonKind::kUnbornChild;
    unborn.surname = "Reid";
    unborn.mother = mother_id;
    unborn.expected_birth_date = *Date::Parse("2024-06-20");
    unborn.nhs_number = "9434765927";
    ASSIGN_OR_RETURN(baby, tx.InsertPerson(unborn));
    return Status::Ok();
  }).ok());
  auto plan = Plan("2024-04-01", std::nullopt);
  plan.child = baby;
  plan.type = domain::PlanType::kUnbornChildProtectionPlan;
  ASSERT_TRUE(signposting.RecordPlanPeriod(area.Login("sam"), plan).ok());
  auto bo = area.Login("bo");
  SignpostingQuery q;
  q.nhs_number = "9434765927";
  auto before = signposting.Lookup(bo, q, "mother attended A&E");
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0].plan_type, domain::PlanType::kUnbornChildProtectionPlan);
  EXPECT_EQ((*before)[0].plan_start, *Date::Parse("2024-04-01"));

  // Born on 5 June; looked up on 12 June.
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(baby));
    p.kind = domain::PersonKind::kChild;
    p.first_name = "Lily";
    p.date_of_birth = *Date::Parse("2024-06-05");
    p.expected_birth_date.reset();
    return tx.UpdatePerson(p);
  }).ok());
  area.clock.Advance(11 * 86400);
  auto after = signposting.Lookup(bo, q, "newborn brought to A&E");
  ASSERT_TRUE(after.ok()) << after.status().message();
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].plan_type, domain::PlanType::kChildProtectionPlan);
  EXPECT_EQ((*after)[0].plan_start, *Date::Parse("2024-06-05"));
  EXPECT_FALSE((*after)[0].plan_end.has_value());
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

namespace safehub::app {
namespace {

// SyncPlanPeriods writes the CIN plan of a case once, for its owner, and ends it when the
// plan ends; a CIN plan with no one to answer for it is refused by field.
// A second record of the child (another agency's, before the review queue joined them)
// still finds the child: the answer is the surviving child's plan, given once. If the child
// is shielded, the merged record's identifiers find nothing.
TEST_F(SignpostingTest, AMergedRecordAnswersAsTheChildItIsPartOf) {
  auto sam = area.Login("sam");
  ASSERT_TRUE(signposting.RecordPlanPeriod(sam, Plan("2024-01-01", std::nullopt)).ok());
  area.MergedSecondRecord("4010232137");
  auto bo = area.Login("bo");
  SignpostingQuery by_merged_nhs;
  by_merged_nhs.nhs_number = "4010232137";
  auto answers = signposting.Lookup(bo, by_merged_nhs, "found alone at night");
  ASSERT_TRUE(answers.ok()) << answers.status().message();
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ((*answers)[0].child, area.child);
  EXPECT_EQ((*answers)[0].plan_type, domain::PlanType::kChildProtectionPlan);
  SignpostingQuery by_name;
  by_name.name = "Reid";
  by_name.date_of_birth = *Date::Parse("2015-02-03");
  EXPECT_EQ(signposting.Lookup(bo, by_name, "check")->size(), 1u);  // both records match: one child

  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(area.child));
    p.shielding = domain::Shielding::kRefuge;
    return tx.UpdatePerson(p);
  }).ok());
  EXPECT_TRUE(signposting.Lookup(bo, by_merged_nhs, "check")->empty());
  EXPECT_EQ(signposting.Lookup(bo, by_name, "check")->size(), 1u);
}

TEST(SyncPlanPeriodsTest, WritesAndEndsTheCinPlanOfACaseOnce) {
  TestArea area;
  using namespace safehub::domain;
  const Date today = *Date::Parse("2024-06-01");
  auto history = CaseHistory::Create({area.child, *Date::Parse("2015-02-03"), std::nullopt});
  ASSERT_TRUE(history.ok());
  ASSERT_TRUE(history->Apply(ReceiveReferral{*Date::Parse("2024-03-01"), "5A", "N1", ReferralKind::kStandard, {}, ""},
                             today).ok());
  ASSERT_TRUE(history->Apply(StartChildInNeedPlan{{}, *Date::Parse("2024-03-04"), "", {}}, today).ok());
  auto periods = [&] {
    std::vector<PlanPeriod> out;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.PlanPeriodsOf(area.child));
      return Status::Ok();
    });
    return out;
  };
  const Status nobody = area.store->Write([&](store::Transaction& tx) {
    return SyncPlanPeriods(tx, *history, PlanOwner{});
  });
  ASSERT_EQ(nobody.code(), StatusCode::kInvalidArgument);
  ASSERT_FALSE(nobody.violations().empty());
  EXPECT_EQ(nobody.violations()[0].field, "key_worker");
  EXPECT_TRUE(periods().empty());
  const PlanOwner owner{area.assessment_team, area.social_worker};
  for (int twice = 0; twice < 2; ++twice) {
    ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) { return SyncPlanPeriods(tx, *history, owner); }).ok());
  }
  ASSERT_EQ(periods().size(), 1u);
  EXPECT_EQ(periods()[0].type, PlanType::kChildInNeedPlan);
  EXPECT_EQ(periods()[0].start, *Date::Parse("2024-03-04"));
  EXPECT_EQ(periods()[0].key_worker, area.social_worker);
  EXPECT_FALSE(periods()[0].end.has_value());
  ASSERT_TRUE(history->Apply(EndChildInNeedPlan{{}, *Date::Parse("2024-05-20")}, today).ok());
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) { return SyncPlanPeriods(tx, *history, owner); }).ok());
  ASSERT_EQ(periods().size(), 1u);
  EXPECT_EQ(periods()[0].end.value_or(Date()), *Date::Parse("2024-05-20"));
}

// A database from before periods split at the birth: one child's periods are put back as
// they were written then (one unborn child's plan period running on past the birth), and the
// one-off backfill splits them exactly as casework now writes them, once.
TEST(SplitPreBirthPlanPeriodsTest, SplitsPeriodsWrittenBeforeTheSplitOnce) {
  const std::string path = ::testing::TempDir() + "/split_pre_birth_plans.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto opened = store::sqlite::SqliteStore::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  store::Store& store = **opened;
  const Date today = *Date::Parse("2025-03-01");
  // A child born on a pre-birth plan is rare: this size and seed hold one (others may not).
  ASSERT_TRUE(GenerateSyntheticArea(store, {800, 2, 3, today}).ok());
  // A child whose casework split a pre-birth plan at the birth.
  PersonId child;
  std::vector<domain::PlanPeriod> split;
  ASSERT_TRUE(store.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto children, tx.ChildrenWithCasework());
    for (PersonId c : children) {
      ASSIGN_OR_RETURN(auto periods, tx.PlanPeriodsOf(c));
      for (const auto& before : periods) {
        for (const auto& after : periods) {
          if (!child.valid() && before.type == domain::PlanType::kUnbornChildProtectionPlan &&
              after.type == domain::PlanType::kChildProtectionPlan && before.end == after.start) {
            child = c;
            split = periods;
          }
        }
      }
    }
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(child.valid()) << "the synthetic area has no child born on a pre-birth plan";
  auto unborn = std::find_if(split.begin(), split.end(), [](const domain::PlanPeriod& p) {
    return p.type == domain::PlanType::kUnbornChildProtectionPlan;
  });
  auto after_birth_at = std::find_if(split.begin(), split.end(), [&](const domain::PlanPeriod& p) {
    return p.type == domain::PlanType::kChildProtectionPlan && p.start == unborn->end;
  });
  ASSERT_NE(after_birth_at, split.end());
  const domain::PlanPeriod& after_birth = *after_birth_at;
  const std::string end = after_birth.end ? "'" + after_birth.end->ToString() + "'" : "NULL";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string unsplit = "DELETE FROM plan_period WHERE id = " + after_birth.id.ToString() +
                              "; UPDATE plan_period SET end_date = " + end + " WHERE id = " + unborn->id.ToString();
  EXPECT_EQ(sqlite3_exec(db, unsplit.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto listed = [&] {
    std::vector<PersonId> out;
    EXPECT_TRUE(store.Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.ChildrenWithUnsplitPreBirthPlans());
      return Status::Ok();
    }).ok());
    return out;
  };
  ASSERT_EQ(listed(), std::vector<PersonId>{child});

  auto backfill = SplitPreBirthPlanPeriods(store, today);
  ASSERT_TRUE(backfill.ok()) << backfill.status().message();
  EXPECT_EQ(backfill->children, 1);
  EXPECT_EQ(backfill->failed, 0);
  std::vector<domain::PlanPeriod> again;
  ASSERT_TRUE(store.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(again, tx.PlanPeriodsOf(child));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(again.size(), split.size());
  for (size_t i = 0; i < split.size(); ++i) {
    EXPECT_EQ(again[i].type, split[i].type) << i;
    EXPECT_EQ(again[i].start, split[i].start) << i;
    EXPECT_EQ(again[i].end, split[i].end) << i;
  }
  EXPECT_TRUE(listed().empty());
  EXPECT_EQ(SplitPreBirthPlanPeriods(store, today)->children, 0) << "once";
}

}  // namespace
}  // namespace safehub::app
