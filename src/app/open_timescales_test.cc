#include "app/open_timescales.h"

#include <gtest/gtest.h>

#include "app/casework.h"
#include "app/casework_codec.h"
#include "app/synthetic_area.h"

namespace safehub::app {
namespace {

using namespace safehub::domain;

const Date kToday = *Date::Parse("2024-06-01");
Date D(const char* iso) { return *Date::Parse(iso); }

// The rows replaying the child's stored steps gives, as the property every writer keeps.
std::vector<store::OpenTimescaleRow> Replayed(store::Transaction& tx, PersonId child) {
  auto history = LoadCase(tx, child, kToday);
  EXPECT_TRUE(history.ok()) << history.status().message();
  return history.ok() ? OpenTimescaleRows(child, *history) : std::vector<store::OpenTimescaleRow>{};
}

TEST(OpenTimescalesTest, AfterTheSyntheticAreaEveryCasesRowsEqualItsReplay) {
  auto store = store::NewMemoryStore();
  auto area = GenerateSyntheticArea(*store, {1200, 3, 11, kToday});
  ASSERT_TRUE(area.ok()) << area.status().message();
  int children = 0, rows = 0, with_key_worker = 0;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto stale, tx.ChildrenWithStaleOpenTimescales());
    EXPECT_TRUE(stale.empty()) << stale.size() << " children without derived timescales";
    ASSIGN_OR_RETURN(auto with_casework, tx.ChildrenWithCasework());
    for (PersonId child : with_casework) {
      ASSIGN_OR_RETURN(auto stored, tx.OpenTimescalesOf(child));
      EXPECT_EQ(stored, Replayed(tx, child)) << "child " << child.ToString();
      ++children;
      rows += static_cast<int>(stored.size());
      for (const auto& r : stored) {
        with_key_worker += r.key_worker.valid();
        EXPECT_TRUE(TimescaleOfRow(r).ok());
      }
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(children, area->casework_children);
  EXPECT_GT(rows, 0);              // open cases carry open timescales
  EXPECT_GT(with_key_worker, 0);   // and CP plans name their key worker
}

TEST(OpenTimescalesTest, BackfillDerivesMissingRowsOnceAndReportsCasesThatNoLongerReplay) {
  auto store = store::NewMemoryStore();
  PersonId ava, ben;
  // Steps written as a database from before migration 8 holds them: no derived rows.
  const std::vector<Step> steps{
      ReceiveReferral{D("2024-05-01"), "5A", "N1", ReferralKind::kStandard, {}, ""},
      DecideOnReferral{{}, D("2024-05-02"), ReferralDecision::kStrategyDiscussion, ""},
      HoldStrategyDiscussion{{}, D("2024-05-03"), StrategyDecision::kSection47Enquiry, ""}};
  ASSERT_TRUE(store->Write([&](store::Transaction& tx) -> Status {
    Person p;
    p.first_name = "Ava";
    p.surname = "Reid";
    p.date_of_birth = D("2015-02-03");
    ASSIGN_OR_RETURN(ava, tx.InsertPerson(p));
    p.first_name = "Ben";
    ASSIGN_OR_RETURN(ben, tx.InsertPerson(p));
    for (size_t i = 0; i < steps.size(); ++i) {
      RETURN_IF_ERROR(tx.AppendCaseworkStep({ava, static_cast<std::int64_t>(i + 1), std::string(NameOf(steps[i])),
                                             EncodeStep(steps[i]), UserId(), 0}));
    }
    return tx.AppendCaseworkStep({ben, 1, "receive referral", "{\"step\":\"no such step\"}", UserId(), 0});
  }).ok());

  auto report = BackfillOpenTimescales(*store, kToday);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->children, 1);
  EXPECT_EQ(report->failed, 1);
  EXPECT_NE(report->first_failure.find("child " + ben.ToString()), std::string::npos) << report->first_failure;
  std::vector<store::OpenTimescaleRow> rows;
  std::vector<PersonId> stale;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(rows, tx.OpenTimescalesOf(ava));
    EXPECT_EQ(rows, Replayed(tx, ava));
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  }).ok());
  // The strategy discussion started the ICPC's 15 working days (6 May was a bank holiday).
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "icpc");
  EXPECT_EQ(rows[0].started_by_kind, "strategy discussion");
  EXPECT_EQ(rows[0].due, D("2024-05-24"));
  EXPECT_EQ(stale, std::vector<PersonId>{ben});  // left as it was, tried again next time
  // Nothing left to do for Ava: a second run derives nothing new.
  auto again = BackfillOpenTimescales(*store, kToday);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->children, 0);
  EXPECT_EQ(again->failed, 1);
}

TEST(OpenTimescalesTest, ARowNamingNoTimescaleOfTheWorkflowIsDataLoss) {
  store::OpenTimescaleRow row{PersonId(3), 2, "tea break", "strategy discussion", 1, kToday, kToday, 1, 0, {}};
  auto t = TimescaleOfRow(row);
  EXPECT_EQ(t.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(t.status().message().find("open timescale 2 of child 3"), std::string::npos);
  row.kind = "icpc";
  row.started_by_kind = "coffee";
  EXPECT_EQ(TimescaleOfRow(row).status().code(), StatusCode::kDataLoss);
  row.started_by_kind = "strategy discussion";
  auto ok = TimescaleOfRow(row);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->started_by.ToString(), "strategy discussion 1");
  EXPECT_EQ(ok->kind, TimescaleKind::kInitialConference);
  EXPECT_TRUE(ok->IsOpen());
}

}  // namespace
}  // namespace safehub::app
