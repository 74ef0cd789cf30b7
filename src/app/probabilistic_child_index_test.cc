#include "app/probabilistic_child_index.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::TestArea;

class ProbabilisticChildIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new linkage::LinkageModel(DefaultChildLinkageModel()); }
  static void TearDownTestSuite() { delete model_; }

  void SetUp() override { ASSERT_TRUE(index.Load(*area.store).ok()); }

  LinkResult LinkOne(const ChildIdentity& identity) {
    LinkResult out;
    Status s = area.store->Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, index.Link(tx, identity, area.clock.Today()));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }

  static ChildIdentity Identity(std::string first, std::string surname, const char* dob) {
    ChildIdentity id;
    id.first_name = std::move(first);
    id.surname = std::move(surname);
    id.date_of_birth = *Date::Parse(dob);
    id.sex = domain::Sex::kFemale;
    return id;
  }

  static linkage::LinkageModel* model_;
  TestArea area;  // Ava Reid, born 2015-02-03
  ProbabilisticChildIndex index{*model_};
};
linkage::LinkageModel* ProbabilisticChildIndexTest::model_ = nullptr;

TEST_F(ProbabilisticChildIndexTest, LoadsTheStoresChildren) { EXPECT_EQ(index.size(), 1u); }

TEST_F(ProbabilisticChildIndexTest, ATypoAndASwappedDayAndMonthStillFindTheChild) {
  // "Reed" for "Reid" and 2 March for 3 February: no exact rule would find her.
  LinkResult r = LinkOne(Identity("Ava", "Reed", "2015-03-02"));
  EXPECT_EQ(r.outcome, LinkOutcome::kMatched);
  EXPECT_EQ(r.child, area.child);
  EXPECT_GE(r.probability, model_->match_threshold());
  EXPECT_NE(r.evidence.find("probabilistic"), std::string::npos) << r.evidence;
  EXPECT_NE(r.evidence.find("first_name exact"), std::string::npos) << r.evidence;
}

TEST_F(ProbabilisticChildIndexTest, ATwinIsANewChildNotTheSister) {
  // Same surname, same birthday, same home: a twin, the classic false match.
  LinkResult r = LinkOne(Identity("Isla", "Reid", "2015-02-03"));
  EXPECT_EQ(r.outcome, LinkOutcome::kNewChild);
  EXPECT_NE(r.child, area.child);
}

TEST_F(ProbabilisticChildIndexTest, ANewChildIsIndexedForTheNextRecord) {
  LinkResult first = LinkOne(Identity("Maisie", "Okonkwo-Hart", "2019-07-21"));
  ASSERT_EQ(first.outcome, LinkOutcome::kNewChild);
  LinkResult second = LinkOne(Identity("Maisie", "Okonkow-Hart", "2019-07-21"));
  EXPECT_EQ(second.outcome, LinkOutcome::kMatched) << second.evidence;
  EXPECT_EQ(second.child, first.child);
  EXPECT_EQ(index.size(), 3u);
}

TEST_F(ProbabilisticChildIndexTest, AnUncertainPairMakesANewChildAndNamesThePossibleMatch) {
  LinkResult first = LinkOne(Identity("Maisie", "Okonkwo-Hart", "2019-07-21"));
  // Only name and birth date to go on, and the first name merely similar: not enough to put
  // one child's information on another's record, enough to ask a person.
  LinkResult second = LinkOne(Identity("Maisy", "Okonkwo-Hart", "2019-07-21"));
  EXPECT_EQ(second.outcome, LinkOutcome::kNewChild);
  EXPECT_NE(second.evidence.find("possible match with child " + first.child.ToString()), std::string::npos)
      << second.evidence;
}

TEST_F(ProbabilisticChildIndexTest, AKnownNhsNumberIsDefinitive) {
  ChildIdentity with_number = Identity("Jayden", "Mills", "2018-01-01");
  with_number.nhs_number = "9434765919";
  LinkResult first = LinkOne(with_number);
  ASSERT_EQ(first.outcome, LinkOutcome::kNewChild);
  ChildIdentity same_number = Identity("J", "Mils", "2018-01-01");
  same_number.nhs_number = "9434765919";
  LinkResult second = LinkOne(same_number);
  EXPECT_EQ(second.child, first.child);
  EXPECT_EQ(second.evidence, "nhs_number");
}

TEST_F(ProbabilisticChildIndexTest, AChildFromARolledBackUnitOfWorkIsNotLinkedTo) {
  Status s = area.store->Write([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(index.Link(tx, Identity("Ruby", "Castellano", "2020-05-05"), area.clock.Today()).status());
    return Internal("the rest of the feed failed");
  });
  ASSERT_FALSE(s.ok());
  LinkResult again = LinkOne(Identity("Ruby", "Castellano", "2020-05-05"));
  EXPECT_EQ(again.outcome, LinkOutcome::kNewChild);
}

}  // namespace
}  // namespace safehub::app
