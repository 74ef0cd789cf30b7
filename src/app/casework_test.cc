#include "app/casework.h"

#include <gtest/gtest.h>

#include "app/open_timescales.h"
#include "app/signposting.h"
#include "app/test_area.h"

namespace safehub::app {
namespace {

using namespace safehub::domain;
using testing::TestArea;

Date D(const char* iso) { return *Date::Parse(iso); }

// The test area (today 2024-06-01) with the social worker "sam" working with the child, a
// second social worker who becomes key worker, and a team manager.
struct CaseworkArea : TestArea {
  Casework casework{*store, clock};
  PractitionerId key_worker;

  CaseworkArea() {
    key_worker = *organisations.CreatePractitioner(nullptr, {PractitionerId(), assessment_team, "Kim Doe", "", "", ""});
    AddUser("kim", Role::kPractitioner, Scope::kOwn, key_worker);
    AddUser("manager", Role::kManager, Scope::kTeam, key_worker);
    Involvement sam;
    sam.child = child;
    sam.team = assessment_team;
    sam.practitioner = social_worker;
    sam.service = "children's social care";
    sam.role = "social worker";
    sam.started_on = D("2024-05-01");
    if (!records.RecordInvolvement(Login("jo"), sam).ok()) throw std::runtime_error("involvement");
  }

  std::vector<store::OpenTimescaleRow> OpenRows() {
    std::vector<store::OpenTimescaleRow> out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.OpenTimescalesOf(child));
      return Status::Ok();
    });
    return out;
  }

  std::vector<store::StoredStep> Stored() {
    std::vector<store::StoredStep> out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.CaseworkStepsOf(child));
      return Status::Ok();
    });
    return out;
  }
};

const Step kReferral = ReceiveReferral{D("2024-05-01"), "5A", "N1", ReferralKind::kStandard, {}, ""};
const Step kDecision = DecideOnReferral{{}, D("2024-05-02"), ReferralDecision::kStrategyDiscussion, ""};
const Step kStrategy = HoldStrategyDiscussion{{}, D("2024-05-03"), StrategyDecision::kSection47Enquiry, ""};

TEST(CaseworkTest, StrategyDiscussionStartsTheIcpcTimerAndIsStoredWithItsAudit) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, kReferral).ok());
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, kDecision).ok());
  auto recorded = area.casework.RecordStep(sam, area.child, kStrategy);
  ASSERT_TRUE(recorded.ok()) << recorded.status().message();
  EXPECT_EQ(recorded->record.ToString(), "strategy discussion 1");
  EXPECT_EQ(recorded->sequence, 3);
  const Timescale* icpc = nullptr;
  for (const auto& t : recorded->open_timescales) {
    if (t.kind == TimescaleKind::kInitialConference) icpc = &t;
  }
  ASSERT_NE(icpc, nullptr);
  // Day 1 is the strategy discussion; 6 May 2024 is a bank holiday.
  EXPECT_EQ(icpc->due, D("2024-05-24"));
  auto stored = area.Stored();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[2].step, "hold strategy discussion");
  EXPECT_EQ(stored[2].recorded_at, testing::kStart);
  auto audit = area.AuditOf(area.child);
  EXPECT_EQ(audit.front().action, "record_casework_step");
  EXPECT_EQ(audit.front().detail, "step 3 hold strategy discussion: strategy discussion 1");
}

HoldInitialConference Quorate(const char* held_on) {
  HoldInitialConference icpc;
  icpc.held_on = D(held_on);
  for (AgencyRole role : {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kSchool}) {
    icpc.record.participants.push_back({AgencyId(), role, PractitionerId(), std::nullopt, Attendance::kPresent, ""});
  }
  return icpc;
}

TEST(CaseworkTest, RecordingAStepRewritesTheChildsOpenTimescales) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  for (const Step& s : {kReferral, kDecision, kStrategy}) ASSERT_TRUE(area.casework.RecordStep(sam, area.child, s).ok());
  // The strategy discussion started the ICPC's clock: one row, due 24 May, naming it.
  auto rows = area.OpenRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "icpc");
  EXPECT_EQ(rows[0].started_by_kind, "strategy discussion");
  EXPECT_EQ(rows[0].started_by_number, 1);
  EXPECT_EQ(rows[0].due, D("2024-05-24"));
  // Holding the ICPC closes it (late, with a reason) in the same unit of work.
  HoldInitialConference icpc = Quorate("2024-05-28");
  icpc.late_reason = "chair unavailable";
  auto held = area.casework.RecordStep(sam, area.child, icpc);
  ASSERT_TRUE(held.ok()) << held.status().message();
  rows = area.OpenRows();
  for (const auto& r : rows) EXPECT_NE(r.kind, "icpc");
  // Always what replaying the stored steps gives, and derived through the last step.
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto history, LoadCase(tx, area.child, D("2024-06-01")));
    EXPECT_EQ(rows, OpenTimescaleRows(area.child, history));
    ASSIGN_OR_RETURN(auto stale, tx.ChildrenWithStaleOpenTimescales());
    EXPECT_TRUE(stale.empty());
    return Status::Ok();
  }).ok());
  // A refused step changes nothing.
  ASSERT_FALSE(area.casework.RecordStep(sam, area.child, Quorate("2024-05-29")).ok());
  EXPECT_EQ(area.OpenRows(), rows);
}

TEST(CaseworkTest, RefusedStepReturnsEveryViolationAndWritesNothing) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, kReferral).ok());
  const size_t audit_before = area.AuditOf(area.child).size();
  HoldInitialConference icpc;  // no strategy discussion or enquiry yet
  icpc.held_on = D("2024-05-20");
  auto refused = area.casework.RecordStep(sam, area.child, icpc);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(refused.status().violations().empty());
  EXPECT_EQ(area.Stored().size(), 1u);
  EXPECT_EQ(area.AuditOf(area.child).size(), audit_before);
  auto future = area.casework.RecordStep(sam, area.child, DecideOnReferral{{}, D("2024-07-01"),
                                                                           ReferralDecision::kSingleAssessment, ""});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().field(), "decided_on");
}

TEST(CaseworkTest, OnlySocialCareWorkingWithTheChildRecordsAndRefusalsAreAudited) {
  CaseworkArea area;
  auto police = area.casework.RecordStep(area.Login("jo"), area.child, kReferral);
  EXPECT_EQ(police.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(area.AuditOf(area.child).front().outcome, AuditOutcome::kDenied);
  auto kim = area.casework.RecordStep(area.Login("kim"), area.child, kReferral);  // not involved
  EXPECT_EQ(kim.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(area.Stored().empty());
}

TEST(CaseworkTest, ReadCaseIsAuditedAndFollowsTheAccessRule) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, kReferral).ok());
  auto read = area.casework.ReadCase(sam, area.child, "");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->history.referrals().size(), 1u);
  EXPECT_EQ(read->steps.size(), 1u);
  EXPECT_EQ(area.AuditOf(area.child).front().action, "read_casework");
  auto bo = area.casework.ReadCase(area.Login("bo"), area.child, "curious");
  EXPECT_EQ(bo.status().code(), StatusCode::kPermissionDenied);
  auto audit = area.AuditOf(area.child);
  EXPECT_EQ(audit.front().username, "bo");
  EXPECT_EQ(audit.front().outcome, AuditOutcome::kDenied);
  EXPECT_EQ(area.casework.ReadCase(sam, PersonId(999), "").status().code(), StatusCode::kNotFound);
}

TEST(CaseworkTest, KeyWorkerGainsTheCaseAndSeesItsTimescales) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  for (const Step& s : testing::PathToPlan(area.key_worker)) {
    auto r = area.casework.RecordStep(sam, area.child, s);
    ASSERT_TRUE(r.ok()) << NameOf(s) << ": " << r.status().message();
  }
  auto kim = area.Login("kim");
  auto work = area.casework.MyWork(kim, 5);
  ASSERT_TRUE(work.ok()) << work.status().message();
  EXPECT_EQ(work->cases, 1);
  // First core group was due 10 working days after the ICPC: 2024-06-04, so due soon.
  ASSERT_EQ(work->due_soon.size(), 1u);
  EXPECT_EQ(work->due_soon[0].timescale.kind, TimescaleKind::kFirstCoreGroup);
  EXPECT_EQ(work->due_soon[0].timescale.due, D("2024-06-04"));
  EXPECT_EQ(work->due_soon[0].working_days_left, 2);  // from Saturday 1 June: Monday, Tuesday
  EXPECT_EQ(work->due_soon[0].working_days_overdue, 0);
  EXPECT_EQ(work->due_soon[0].key_worker, area.key_worker);
  EXPECT_EQ(work->due_soon[0].child_name, "Ava Reid");
  EXPECT_TRUE(work->overdue.empty());
  EXPECT_EQ(area.AuditOf(area.child).front().action, "read_work_list");
  // The key worker now reads the case through their own involvement.
  EXPECT_TRUE(area.casework.ReadCase(kim, area.child, "").ok());
  EXPECT_EQ(area.casework.MyWork(kim, 61).status().field(), "due_within");
  // When the plan ends, so does the key worker's access through it.
  auto ended = area.casework.RecordStep(sam, area.child, EndChildProtectionPlan{{}, D("2024-05-31"),
                                                                                PlanEndReason::kTransferredToAnotherLocalAuthority});
  ASSERT_TRUE(ended.ok()) << ended.status().message();
  area.clock.Advance(86400);
  EXPECT_EQ(area.casework.ReadCase(kim, area.child, "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(area.casework.MyWork(kim, 5)->cases, 0);
}

// Record once: the plan started at the ICPC is the plan signposting answers with, and its end
// keeps the child signposted for 12 months (CP-IS), with no separate plan period recorded.
TEST(CaseworkTest, PlanStartedAndEndedThroughCaseworkIsSignposted) {
  CaseworkArea area;
  Signposting signposting(*area.store, area.clock);
  auto sam = area.Login("sam");
  auto jo = area.Login("jo");
  const SignpostingQuery ava{"", "", "Ava", D("2015-02-03")};
  ASSERT_TRUE(signposting.Lookup(jo, ava, "A&E attendance")->empty());
  for (const Step& s : testing::PathToPlan(area.key_worker)) {
    auto r = area.casework.RecordStep(sam, area.child, s);
    ASSERT_TRUE(r.ok()) << NameOf(s) << ": " << r.status().message();
  }
  auto on_plan = signposting.Lookup(jo, ava, "A&E attendance");
  ASSERT_TRUE(on_plan.ok()) << on_plan.status().message();
  ASSERT_EQ(on_plan->size(), 1u);
  EXPECT_EQ((*on_plan)[0].plan_type, PlanType::kChildProtectionPlan);
  EXPECT_EQ((*on_plan)[0].plan_start, D("2024-05-20"));
  EXPECT_FALSE((*on_plan)[0].plan_end.has_value());
  EXPECT_EQ((*on_plan)[0].responsible_team, "Assessment");  // the key worker's team
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, EndChildProtectionPlan{{}, D("2024-05-31"),
                                                                               PlanEndReason::kOther}).ok());
  area.clock.Advance(200 * 86400);
  auto after = signposting.Lookup(jo, ava, "A&E attendance");
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].plan_end.value_or(Date()), D("2024-05-31"));
  std::vector<PlanPeriod> periods;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(periods, tx.PlanPeriodsOf(area.child));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(periods.size(), 1u);  // ended, not written twice
  area.clock.Advance(200 * 86400);  // more than 12 months after the end
  EXPECT_TRUE(signposting.Lookup(jo, ava, "A&E attendance")->empty());
}

// A key worker leaves: the plan passes to another social worker from a day. Their access
// through the plan, the due dates on their work list and signposting's notices follow it; the
// old key worker's involvement ends that day and stays on the record.
TEST(CaseworkTest, ChangingTheKeyWorkerMovesAccessDueDatesAndSignposting) {
  CaseworkArea area;
  Signposting signposting(*area.store, area.clock);
  auto sam = area.Login("sam");
  for (const Step& s : testing::PathToPlan(area.key_worker)) {
    auto r = area.casework.RecordStep(sam, area.child, s);
    ASSERT_TRUE(r.ok()) << NameOf(s) << ": " << r.status().message();
  }
  const TeamId long_term = *area.organisations.CreateTeam(nullptr, {TeamId(), area.council, "Long Term", "0100 000 0004", ""});
  const PractitionerId lee = *area.organisations.CreatePractitioner(nullptr, {PractitionerId(), long_term, "Lee Cho", "", "", ""});
  area.AddUser("lee", Role::kPractitioner, Scope::kOwn, lee);

  // Refused, naming the field, and nothing written: someone outside social care, no one.
  const std::size_t steps_before = area.Stored().size();
  auto police = area.casework.RecordStep(sam, area.child, ChangeKeyWorker{D("2024-05-28"), area.officer});
  ASSERT_FALSE(police.ok());
  EXPECT_EQ(police.status().field(), "key_worker") << police.status().message();
  EXPECT_NE(police.status().message().find("not children's social care"), std::string::npos) << police.status().message();
  EXPECT_EQ(area.casework.RecordStep(sam, area.child, ChangeKeyWorker{D("2024-05-28"), PractitionerId(999)}).status().field(),
            "key_worker");
  EXPECT_EQ(area.Stored().size(), steps_before);

  auto changed = area.casework.RecordStep(sam, area.child, ChangeKeyWorker{D("2024-05-28"), lee});
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->record.ToString(), "cp plan 1");

  // The involvements: Kim's ended on the day, Lee's began on it, in Lee's team.
  std::vector<Involvement> involvements;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(involvements, tx.InvolvementsOf(area.child));
    return Status::Ok();
  }).ok());
  int kims = 0, lees = 0;
  for (const auto& i : involvements) {
    if (i.practitioner == area.key_worker && i.role == "key worker") {
      ++kims;
      EXPECT_EQ(i.ended_on.value_or(Date()), D("2024-05-28"));
    }
    if (i.practitioner == lee) {
      ++lees;
      EXPECT_FALSE(i.ended_on.has_value());
      EXPECT_EQ(i.started_on, D("2024-05-28"));
      EXPECT_EQ(i.team, long_term);
      EXPECT_EQ(i.service, "child protection plan");
    }
  }
  EXPECT_EQ(kims, 1);
  EXPECT_EQ(lees, 1);

  // The due dates are Lee's now, not Kim's.
  auto kim = area.Login("kim");
  auto lee_login = area.Login("lee");
  EXPECT_EQ(area.casework.MyWork(kim, 5)->cases, 0);
  auto lees_work = area.casework.MyWork(lee_login, 5);
  ASSERT_TRUE(lees_work.ok()) << lees_work.status().message();
  ASSERT_EQ(lees_work->due_soon.size(), 1u);
  EXPECT_EQ(lees_work->due_soon[0].key_worker, lee);
  EXPECT_EQ(lees_work->due_soon[0].timescale.due, D("2024-06-04"));  // the plan's clocks did not move
  EXPECT_EQ(area.casework.ReadCase(kim, area.child, "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(area.casework.ReadCase(lee_login, area.child, "").ok());

  // Signposting answers with Lee's team and tells Lee, not Kim, of the lookup.
  auto found = signposting.Lookup(area.Login("jo"), {"", "", "Ava", D("2015-02-03")}, "A&E attendance");
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].responsible_team, "Long Term");
  EXPECT_EQ((*found)[0].plan_start, D("2024-05-20"));
  std::vector<SignpostingNotification> to_lee, to_kim;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(to_lee, tx.NotificationsFor(lee, 10));
    ASSIGN_OR_RETURN(to_kim, tx.NotificationsFor(area.key_worker, 10));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(to_lee.size(), 1u);
  EXPECT_TRUE(to_kim.empty());

  // When the plan ends, Lee's access through it ends too.
  ASSERT_TRUE(area.casework.RecordStep(lee_login, area.child,
                                       EndChildProtectionPlan{{}, D("2024-05-31"), PlanEndReason::kOther}).ok());
  area.clock.Advance(86400);
  EXPECT_EQ(area.casework.ReadCase(lee_login, area.child, "").status().code(), StatusCode::kPermissionDenied);
}

// A CIN plan names its key worker when it starts, as a CP plan does: they gain the case
// through a key-worker involvement, signposting tells them of lookups, and the plan's end
// ends their access through it. Someone outside social care is refused, naming the field.
TEST(CaseworkTest, AChildInNeedPlanNamesItsKeyWorkerAtTheStart) {
  CaseworkArea area;
  Signposting signposting(*area.store, area.clock);
  auto sam = area.Login("sam");
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, ReceiveReferral{D("2024-05-13"), "6", "", ReferralKind::kStandard,
                                                                      {}, ""}).ok());
  const std::size_t steps_before = area.Stored().size();
  auto police = area.casework.RecordStep(sam, area.child, StartChildInNeedPlan{{}, D("2024-05-14"), "", area.officer});
  ASSERT_FALSE(police.ok());
  EXPECT_EQ(police.status().field(), "key_worker") << police.status().message();
  EXPECT_EQ(area.Stored().size(), steps_before);

  auto started = area.casework.RecordStep(sam, area.child, StartChildInNeedPlan{{}, D("2024-05-14"), "", area.key_worker});
  ASSERT_TRUE(started.ok()) << started.status().message();
  std::vector<Involvement> involvements;
  std::vector<PlanPeriod> periods;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(involvements, tx.InvolvementsOf(area.child));
    ASSIGN_OR_RETURN(periods, tx.PlanPeriodsOf(area.child));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(std::count_if(involvements.begin(), involvements.end(), [&](const Involvement& i) {
              return i.practitioner == area.key_worker && i.role == "key worker" && i.service == "child in need plan" &&
                     i.started_on == D("2024-05-14") && !i.ended_on;
            }),
            1);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].key_worker, area.key_worker);
  auto kim = area.Login("kim");
  EXPECT_TRUE(area.casework.ReadCase(kim, area.child, "").ok());
  ASSERT_TRUE(signposting.Lookup(area.Login("jo"), {"", "", "Ava", D("2015-02-03")}, "A&E attendance").ok());
  std::vector<SignpostingNotification> to_kim;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(to_kim, tx.NotificationsFor(area.key_worker, 10));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(to_kim.size(), 1u);

  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, EndChildInNeedPlan{{}, D("2024-05-31")}).ok());
  area.clock.Advance(86400);
  EXPECT_EQ(area.casework.ReadCase(kim, area.child, "").status().code(), StatusCode::kPermissionDenied);
}

// The synthetic area and older records write "Key worker" and "Child protection plan": the
// key worker's involvement is recognised, and ended by a change, whatever the case.
TEST(CaseworkTest, AKeyWorkersInvolvementIsRecognisedWhateverItsCase) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  for (const Step& s : testing::PathToPlan(area.key_worker)) ASSERT_TRUE(area.casework.RecordStep(sam, area.child, s).ok());
  InvolvementId written_so;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(area.child));
    for (const auto& i : all) {
      if (i.practitioner == area.key_worker) RETURN_IF_ERROR(tx.EndInvolvement(i.id, D("2024-05-20")));
    }
    Involvement old;
    old.child = area.child;
    old.team = area.assessment_team;
    old.practitioner = area.key_worker;
    old.service = "Child protection plan";
    old.role = "Key worker";
    old.started_on = D("2024-05-20");
    EXPECT_TRUE(IsPlanKeyWorkerInvolvement(old));
    ASSIGN_OR_RETURN(written_so, tx.InsertInvolvement(old));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(area.casework.RecordStep(sam, area.child, ChangeKeyWorker{D("2024-05-28"), area.social_worker}).ok());
  std::vector<Involvement> involvements;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(involvements, tx.InvolvementsOf(area.child));
    return Status::Ok();
  }).ok());
  bool ended = false;
  for (const auto& i : involvements) ended |= i.id == written_so && i.ended_on == D("2024-05-28");
  EXPECT_TRUE(ended) << "the old key worker's access for the plan ends with the change";
}

TEST(CaseworkTest, TeamManagerSeesTheTeamsOverdueTimescales) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  for (const Step& s : {kReferral, kDecision, kStrategy}) ASSERT_TRUE(area.casework.RecordStep(sam, area.child, s).ok());
  auto work = area.casework.MyWork(area.Login("manager"), 5);
  ASSERT_TRUE(work.ok()) << work.status().message();
  EXPECT_EQ(work->cases, 1);
  ASSERT_EQ(work->overdue.size(), 1u);  // the ICPC was due 2024-05-24
  EXPECT_EQ(work->overdue[0].timescale.kind, TimescaleKind::kInitialConference);
  EXPECT_EQ(work->overdue[0].timescale.started_by.ToString(), "strategy discussion 1");
  // 28 to 31 May: Monday 27 May was the spring bank holiday (weekdays alone would say 5).
  EXPECT_EQ(work->overdue[0].working_days_overdue, 4);
  EXPECT_EQ(work->scope, store::WorkScope::kTeam);
  EXPECT_EQ(area.AuditOf(area.child).front().basis, ToString(AccessBasis::kTeamInvolvement));
  EXPECT_EQ(area.casework.MyWork(area.Login("kim"), 5)->cases, 0);  // own scope: not kim's case
}

TEST(CaseworkTest, AnAgencyScopeSeesTheServicesListAuditedPerChild) {
  CaseworkArea area;
  auto sam = area.Login("sam");
  for (const Step& s : {kReferral, kDecision, kStrategy}) ASSERT_TRUE(area.casework.RecordStep(sam, area.child, s).ok());
  // The police safeguarding lead (agency scope) sees the children of every police team:
  // this child through DC Reyes's involvement, though the lead's own team has none.
  auto work = area.casework.MyWork(area.Login("lead"), 0);
  ASSERT_TRUE(work.ok()) << work.status().message();
  EXPECT_EQ(work->scope, store::WorkScope::kAgency);
  EXPECT_EQ(work->cases, 1);
  ASSERT_EQ(work->overdue.size(), 1u);
  EXPECT_EQ(work->overdue[0].child_name, "Ava Reid");
  const auto audit = area.AuditOf(area.child).front();
  EXPECT_EQ(audit.action, "read_work_list");
  EXPECT_EQ(audit.username, "lead");
  EXPECT_EQ(audit.basis, ToString(AccessBasis::kAgencyInvolvement));
  EXPECT_EQ(audit.detail, "1 overdue, 0 due soon");
  EXPECT_EQ(area.casework.MyWork(area.Login("bo"), 5)->cases, 0);  // own scope, not involved
}

TEST(CaseworkTest, AnUnbornChildsCaseReplaysFromTheBirthOnceBorn) {
  Person unborn;
  unborn.id = PersonId(5);
  unborn.kind = PersonKind::kUnbornChild;
  unborn.expected_birth_date = D("2024-08-01");
  auto before = CaseChildDetails(unborn, {});
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->expected_birth_date, D("2024-08-01"));
  Person born = unborn;
  born.kind = PersonKind::kChild;
  born.expected_birth_date.reset();
  born.date_of_birth = D("2024-08-10");
  const std::vector<Step> steps{RecordBirth{D("2024-08-10")}};
  auto after = CaseChildDetails(born, steps);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->date_of_birth.has_value());
  EXPECT_EQ(after->expected_birth_date, D("2024-07-27"));
  EXPECT_EQ(CaseChildDetails(born, {})->date_of_birth, D("2024-08-10"));
}

}  // namespace
}  // namespace safehub::app
