#include "domain/workflow/case_history.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }
const Date kToday = D("2025-01-31");

MeetingRecord Quorate() {
  MeetingRecord r;
  for (AgencyRole role : {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kSchool}) {
    AgencyParticipation p;
    p.role = role;
    p.attendance = Attendance::kPresent;
    r.participants.push_back(p);
  }
  return r;
}

// Referral, strategy discussion, ICPC and plan: the common path.
std::vector<Step> PathToPlan() {
  HoldInitialConference icpc;
  icpc.held_on = D("2024-05-20");
  icpc.record = Quorate();
  return {ReceiveReferral{D("2024-05-01"), "6", "N1", ReferralKind::kStandard, {}, ""},
          DecideOnReferral{{}, D("2024-05-02"), ReferralDecision::kStrategyDiscussion, ""},
          HoldStrategyDiscussion{{}, D("2024-05-02"), StrategyDecision::kSection47Enquiry, ""},
          icpc,
          StartChildProtectionPlan{{}, D("2024-05-20"), AbuseCategory::kPhysical, PractitionerId(12)}};
}

CaseHistory Child() { return *CaseHistory::Create({PersonId(9), D("2018-02-14"), std::nullopt}); }

TEST(CaseHistoryTest, RequiresExactlyOneOfBirthAndExpectedBirth) {
  EXPECT_FALSE(CaseHistory::Create({PersonId(9), std::nullopt, std::nullopt}).ok());
  EXPECT_FALSE(CaseHistory::Create({PersonId(9), D("2018-02-14"), D("2018-02-14")}).ok());
  EXPECT_TRUE(CaseHistory::Create({PersonId(9), std::nullopt, D("2025-03-01")}).ok());
}

TEST(CaseHistoryTest, AcceptsTheStatutoryPathAndTiesTimersToTheirEvents) {
  CaseHistory c = Child();
  for (const Step& s : PathToPlan()) ASSERT_TRUE(c.Apply(s, kToday).ok()) << NameOf(s);
  ASSERT_EQ(c.child_protection_plans().size(), 1u);
  EXPECT_EQ(c.child_protection_plans()[0].conference, ConferenceId(1));
  EXPECT_EQ(c.section47_enquiries()[0].conference, ConferenceId(1));
  const Timescale* icpc = c.LatestTimescale(TimescaleKind::kInitialConference);
  ASSERT_NE(icpc, nullptr);
  EXPECT_EQ(icpc->started_by.ToString(), "strategy discussion 1");
  EXPECT_EQ(icpc->state, TimescaleState::kMet);
  const Timescale* core = c.LatestTimescale(TimescaleKind::kFirstCoreGroup);
  EXPECT_EQ(core->started_by.ToString(), "icpc 1");
  EXPECT_EQ(core->plan, ChildProtectionPlanId(1));
  EXPECT_EQ(core->due, D("2024-06-04"));
  EXPECT_EQ(c.Overdue(D("2024-06-05")).size(), 1u);
}

TEST(CaseHistoryTest, RefusedStepChangesNothing) {
  CaseHistory c = Child();
  for (const Step& s : PathToPlan()) ASSERT_TRUE(c.Apply(s, kToday).ok());
  const size_t steps = c.steps().size();
  const size_t timescales = c.timescales().size();
  auto refused = c.Apply(StartChildInNeedPlan{{}, D("2024-06-01"), "", {}}, kToday);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.steps().size(), steps);
  EXPECT_EQ(c.timescales().size(), timescales);
  EXPECT_TRUE(c.child_in_need_plans().empty());
}

TEST(CaseHistoryTest, CheckAnswersLikeApplyWithoutRecording) {
  CaseHistory c = Child();
  const Step referral = ReceiveReferral{D("2024-05-01"), "6", "", ReferralKind::kStandard, {}, ""};
  EXPECT_TRUE(c.Check(referral, kToday).ok());
  EXPECT_TRUE(c.referrals().empty());
  EXPECT_FALSE(c.Check(ReceiveReferral{D("2024-05-01"), "99", "", ReferralKind::kStandard, {}, ""}, kToday).ok());
}

TEST(CaseHistoryTest, NamesEveryViolationOfOneStep) {
  CaseHistory c = Child();
  auto r = c.Apply(ReceiveReferral{D("2026-01-01"), "1E", "N11", ReferralKind::kStandard, ContactId(4), ""}, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().violations().size(), 4u) << r.status().message();
  EXPECT_EQ(r.status().message().rfind("referral 1: received_on 2026-01-01 is in the future", 0), 0u)
      << r.status().message();
}

TEST(CaseHistoryTest, ReplayRebuildsTheSameCaseAndNamesTheFirstBadStep) {
  CaseHistory c = Child();
  for (const Step& s : PathToPlan()) ASSERT_TRUE(c.Apply(s, kToday).ok());
  auto replayed = CaseHistory::Replay(c.child(), c.steps(), kToday);
  ASSERT_TRUE(replayed.ok()) << replayed.status().message();
  EXPECT_EQ(replayed->timescales().size(), c.timescales().size());
  EXPECT_EQ(replayed->child_protection_plans()[0].key_worker, PractitionerId(12));
  std::vector<Step> bad = PathToPlan();
  bad.push_back(StartChildProtectionPlan{{}, D("2024-05-20"), AbuseCategory::kPhysical, PractitionerId(12)});
  auto failed = CaseHistory::Replay(c.child(), bad, kToday);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message().rfind("step 5 (start cp plan): cp plan 2:", 0), 0u) << failed.status().message();
}

TEST(CaseHistoryTest, KeyWorkerChangePassesTheOpenPlanOnAndKeepsItsClocks) {
  CaseHistory c = Child();
  for (const Step& s : PathToPlan()) ASSERT_TRUE(c.Apply(s, kToday).ok());
  const Date core_due = c.LatestTimescale(TimescaleKind::kFirstCoreGroup)->due;
  auto ref = c.Apply(ChangeKeyWorker{D("2024-06-10"), PractitionerId(15)}, kToday);
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  EXPECT_EQ(ref->ToString(), "cp plan 1");
  EXPECT_EQ(c.child_protection_plans()[0].key_worker, PractitionerId(15));
  EXPECT_EQ(c.child_protection_plans()[0].start, D("2024-05-20"));
  EXPECT_EQ(c.LatestTimescale(TimescaleKind::kFirstCoreGroup)->due, core_due);
  ASSERT_EQ(c.key_worker_changes().size(), 1u);
  EXPECT_EQ(c.key_worker_changes()[0].from, PractitionerId(12));
  EXPECT_EQ(c.key_worker_changes()[0].to, PractitionerId(15));
  EXPECT_EQ(c.key_worker_changes()[0].cp_plan, ChildProtectionPlanId(1));
  auto replayed = CaseHistory::Replay(c.child(), c.steps(), kToday);
  ASSERT_TRUE(replayed.ok()) << replayed.status().message();
  EXPECT_EQ(replayed->child_protection_plans()[0].key_worker, PractitionerId(15));
}

TEST(CaseHistoryTest, KeyWorkerChangeNamesWhatIsWrong) {
  CaseHistory c = Child();
  auto no_plan = c.Apply(ChangeKeyWorker{D("2024-06-10"), PractitionerId(15)}, kToday);
  ASSERT_FALSE(no_plan.ok());
  EXPECT_EQ(no_plan.status().violations().at(0).field, "plan") << no_plan.status().message();
  for (const Step& s : PathToPlan()) ASSERT_TRUE(c.Apply(s, kToday).ok());
  auto same = c.Apply(ChangeKeyWorker{D("2024-06-10"), PractitionerId(12)}, kToday);
  ASSERT_FALSE(same.ok());
  EXPECT_NE(same.status().message().find("key_worker practitioner 12 is already the key worker of cp plan 1"),
            std::string::npos) << same.status().message();
  auto before_start = c.Apply(ChangeKeyWorker{D("2024-05-19"), PractitionerId()}, kToday);
  ASSERT_FALSE(before_start.ok());
  EXPECT_EQ(before_start.status().violations().size(), 2u) << before_start.status().message();
  auto future = c.Apply(ChangeKeyWorker{D("2025-02-01"), PractitionerId(15)}, kToday);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().violations().at(0).field, "changed_on");
  ASSERT_TRUE(c.Apply(ChangeKeyWorker{D("2024-07-01"), PractitionerId(15)}, kToday).ok());
  auto out_of_order = c.Apply(ChangeKeyWorker{D("2024-06-20"), PractitionerId(16)}, kToday);
  ASSERT_FALSE(out_of_order.ok());
  EXPECT_NE(out_of_order.status().message().find("before the last change of key worker on 2024-07-01"),
            std::string::npos) << out_of_order.status().message();
  EXPECT_EQ(c.key_worker_changes().size(), 1u);
}

TEST(CaseHistoryTest, KeyWorkerChangeNamesOneForAnOpenChildInNeedPlan) {
  CaseHistory c = Child();
  ASSERT_TRUE(c.Apply(ReceiveReferral{D("2024-05-01"), "6", "", ReferralKind::kStandard, {}, ""}, kToday).ok());
  auto cin = c.Apply(StartChildInNeedPlan{{}, D("2024-05-02"), "", {}}, kToday);
  ASSERT_TRUE(cin.ok()) << cin.status().message();
  auto ref = c.Apply(ChangeKeyWorker{D("2024-06-03"), PractitionerId(21)}, kToday);
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  EXPECT_EQ(ref->ToString(), "cin plan 1");
  EXPECT_EQ(c.child_in_need_plans()[0].key_worker, PractitionerId(21));
  EXPECT_FALSE(c.key_worker_changes()[0].from.valid());
}

TEST(CaseHistoryTest, AChildInNeedPlanNamesItsKeyWorkerAtTheStart) {
  CaseHistory c = Child();
  ASSERT_TRUE(c.Apply(ReceiveReferral{D("2024-05-01"), "6", "", ReferralKind::kStandard, {}, ""}, kToday).ok());
  ASSERT_TRUE(c.Apply(StartChildInNeedPlan{{}, D("2024-05-02"), "", PractitionerId(17)}, kToday).ok());
  EXPECT_EQ(c.child_in_need_plans()[0].key_worker, PractitionerId(17));
  auto same = c.Apply(ChangeKeyWorker{D("2024-06-03"), PractitionerId(17)}, kToday);
  EXPECT_FALSE(same.ok()) << "already the key worker";
  ASSERT_TRUE(c.Apply(ChangeKeyWorker{D("2024-06-03"), PractitionerId(21)}, kToday).ok());
  EXPECT_EQ(c.key_worker_changes()[0].from, PractitionerId(17));
  EXPECT_EQ(c.child_in_need_plans()[0].key_worker, PractitionerId(21));
}

TEST(CaseHistoryTest, UnbornChildsPlanIsPreBirthAndBirthStartsTheReviewClock) {
  CaseHistory c = *CaseHistory::Create({PersonId(3), std::nullopt, D("2024-08-01")});
  for (const Step& s : PathToPlan()) ASSERT_TRUE(c.Apply(s, kToday).ok()) << NameOf(s);
  EXPECT_TRUE(c.initial_conferences()[0].pre_birth);
  EXPECT_TRUE(c.child_protection_plans()[0].pre_birth);
  ASSERT_TRUE(c.Apply(RecordBirth{D("2024-07-25")}, kToday).ok());
  EXPECT_FALSE(c.IsUnborn());
  const Timescale* t = c.LatestTimescale(TimescaleKind::kReviewAfterBirth);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->started_by.ToString(), "birth");
  EXPECT_EQ(t->due, D("2024-08-22"));
}

TEST(CaseHistoryTest, ClosingAnEpisodeStopsItsTimers) {
  CaseHistory c = Child();
  ASSERT_TRUE(c.Apply(ReceiveReferral{D("2024-05-01"), "6", "", ReferralKind::kStandard, {}, ""}, kToday).ok());
  ASSERT_TRUE(c.Apply(HoldStrategyDiscussion{{}, D("2024-05-02"), StrategyDecision::kSection47Enquiry, ""}, kToday).ok());
  ASSERT_TRUE(c.Apply(CompleteSection47Enquiry{{}, D("2024-05-09"), Section47Outcome::kInitialConference}, kToday).ok());
  ASSERT_TRUE(c.Apply(CloseEpisode{{}, D("2024-05-10"), ReasonForClosure::kRc7, ""}, kToday).ok());
  EXPECT_TRUE(c.Overdue(D("2025-01-01")).empty());
  EXPECT_EQ(c.LatestTimescale(TimescaleKind::kInitialConference)->state, TimescaleState::kNotRequired);
  EXPECT_EQ(c.OpenReferral(), nullptr);
}

// One rule for replaying a stored case: unborn from the expected date; born during the case,
// from two weeks before the birth; otherwise from the birth date.
TEST(CaseChildDetailsTest, ReplaysABornInCaseChildFromTwoWeeksBeforeTheBirth) {
  Person unborn;
  unborn.id = PersonId(7);
  unborn.kind = PersonKind::kUnbornChild;
  unborn.expected_birth_date = D("2024-08-01");
  EXPECT_EQ(CaseChildDetails(unborn, {})->expected_birth_date.value_or(Date()), D("2024-08-01"));
  Person born = unborn;
  born.kind = PersonKind::kChild;
  born.expected_birth_date.reset();
  born.date_of_birth = D("2024-08-10");
  const std::vector<Step> steps{ReceiveReferral{D("2023-10-30"), "6", "N1", ReferralKind::kStandard, {}, ""},
                                RecordBirth{D("2024-08-10")}};
  auto details = CaseChildDetails(born, steps);
  ASSERT_TRUE(details.ok());
  EXPECT_FALSE(details->date_of_birth.has_value());
  EXPECT_EQ(details->expected_birth_date.value_or(Date()), D("2024-07-27"));
  // 41 weeks before the birth: inside the window only because of the two weeks.
  EXPECT_TRUE(CaseHistory::Replay(*details, steps, kToday).ok());
  EXPECT_EQ(CaseChildDetails(born, {})->date_of_birth.value_or(Date()), D("2024-08-10"));
  Person neither = born;
  neither.date_of_birth.reset();
  EXPECT_EQ(CaseChildDetails(neither, {}).status().field(), "date_of_birth");
}

}  // namespace
}  // namespace safehub::domain
