#include "returns/store_case_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "returns/cin_census_export.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::returns {
namespace {

using namespace domain;

Date D(const char* iso) { return *Date::Parse(iso); }

// The store-backed source over a real SQLite file, with the casework steps supplied by the
// loader the casework repository will replace.
class StoreCaseSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("store_case_source_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    store_ = std::move(store::sqlite::SqliteStore::Open(path_.string())).value();
    ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(AgencyId police, tx.InsertAgency({AgencyId(), "Northshire Police", AgencyKind::kPolice, "NP"}));
      ASSIGN_OR_RETURN(AgencyId council, tx.InsertAgency({AgencyId(), "Northshire CSC", AgencyKind::kSocialCare, "891"}));
      (void)police;
      ASSIGN_OR_RETURN(team_, tx.InsertTeam({TeamId(), council, "Assessment Team", "01234 567890", "01234 567891"}));
      ASSIGN_OR_RETURN(worker_, tx.InsertPractitioner({PractitionerId(), team_, "Sam Worker", "Social worker",
                                                       "sam@northshire.example", "01234 567892"}));
      Person child;
      child.first_name = "Ava";
      child.surname = "Stone";
      child.date_of_birth = D("2018-02-14");
      child.ethnicity = "WBRI";
      ASSIGN_OR_RETURN(child_, tx.InsertPerson(child));
      Person baby = child;
      baby.first_name = "Bea";
      baby.date_of_birth = D("2024-11-18");  // born during the casework, expected 20 Nov
      baby.expected_birth_date = D("2024-11-20");
      ASSIGN_OR_RETURN(baby_, tx.InsertPerson(baby));
      Person adult = child;
      adult.kind = PersonKind::kAdult;
      adult.first_name = "Cara";
      adult.date_of_birth = D("1990-01-01");
      ASSIGN_OR_RETURN(adult_, tx.InsertPerson(adult));
      Involvement inv;
      inv.child = child_;
      inv.team = team_;
      inv.practitioner = worker_;
      inv.service = "assessment";
      inv.role = "social worker";
      inv.started_on = D("2024-05-01");
      RETURN_IF_ERROR(tx.InsertInvolvement(inv));
      return Status::Ok();
    }).ok());
    steps_[child_] = {ReceiveReferral{D("2024-05-01"), "6", "N1", ReferralKind::kStandard, {}, ""},
                      StartAssessment{{}, D("2024-05-02"), ""}};
    steps_[baby_] = {ReceiveReferral{D("2024-08-05"), "1C", "N1", ReferralKind::kStandard, {}, ""},
                     StartAssessment{{}, D("2024-08-06"), ""}, RecordBirth{D("2024-11-18")}};
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
  }
  // The steps come from steps_; the store holds one placeholder row per child so that it
  // lists them among the children with casework, as it does for real ones.
  StepLoader Loader() {
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
      for (const auto& [id, steps] : steps_) {
        ASSIGN_OR_RETURN(auto stored, tx.CaseworkStepsOf(id));
        if (stored.empty()) RETURN_IF_ERROR(tx.AppendCaseworkStep({id, 1, "placeholder", "{}", UserId(), 0}));
      }
      return Status::Ok();
    }).ok());
    return [this](store::Transaction&, PersonId id) -> Result<std::vector<Step>> {
      auto it = steps_.find(id);
      return it == steps_.end() ? std::vector<Step>{} : it->second;
    };
  }

  std::filesystem::path path_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  FakeClock clock_{1751270400};  // 2025-06-30
  TeamId team_;
  PractitionerId worker_;
  PersonId child_, baby_, adult_;
  std::map<PersonId, std::vector<Step>> steps_;
};

TEST_F(StoreCaseSourceTest, TheLaIsTheSocialCareAgencysCode) {
  StoreCaseSource source(*store_, clock_, Loader());
  auto la = source.Authority();
  ASSERT_TRUE(la.ok());
  EXPECT_EQ(la->code, "891");
}

TEST_F(StoreCaseSourceTest, ReplaysEachChildsStepsWithTheirAllocation) {
  steps_[adult_] = steps_[child_];  // an adult's steps are never a child's case
  StoreCaseSource source(*store_, clock_, Loader());
  auto cases = source.Cases();
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[0].person.id, child_);
  EXPECT_EQ((*cases)[0].team, team_);
  EXPECT_EQ((*cases)[0].worker, worker_);
  EXPECT_EQ((*cases)[0].history.assessments().size(), 1u);
  // Born during the casework: replayed from the expected date, then the recorded birth.
  EXPECT_EQ((*cases)[1].history.child().date_of_birth.value_or(Date()), D("2024-11-18"));
  auto check = CheckCinCensus(source, 2025);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->children(), 2);
}

// The returns replay a child born during the case with the workflow's one rule (as the API's
// cases do): from two weeks before the birth, so a referral 41 weeks before a birth two days
// before its expected date still replays.
TEST_F(StoreCaseSourceTest, ABornInCaseChildReplaysWithTheWorkflowsRule) {
  steps_[baby_] = {ReceiveReferral{D("2024-02-07"), "1C", "N1", ReferralKind::kStandard, {}, ""},
                   StartAssessment{{}, D("2024-02-08"), ""}, RecordBirth{D("2024-11-18")}};
  StoreCaseSource source(*store_, clock_, Loader());
  auto cases = source.Cases();
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[1].history.child().expected_birth_date.value_or(Date()), ExpectedDateOfBornInCase(D("2024-11-18")));
  EXPECT_EQ((*cases)[1].history.referrals().size(), 1u);
}

TEST_F(StoreCaseSourceTest, AStoredHistoryThatNoLongerReplaysNamesTheChild) {
  steps_[child_].push_back(CompleteAssessment{{}, D("2024-04-01"), {"2A"}, AssessmentOutcome::kNoFurtherAction, ""});
  StoreCaseSource source(*store_, clock_, Loader());
  auto cases = source.Cases();
  ASSERT_FALSE(cases.ok());
  EXPECT_NE(cases.status().message().find("child " + child_.ToString()), std::string::npos) << cases.status().message();
}

TEST_F(StoreCaseSourceTest, WithoutStoredCaseworkThereAreNoCases) {
  StoreCaseSource source(*store_, clock_, [](store::Transaction&, PersonId) {
    return Result<std::vector<Step>>(std::vector<Step>{});  // a store with no casework
  });
  auto cases = source.Cases();
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty());
  EXPECT_EQ(CheckCinCensus(source, 2025).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace safehub::returns
