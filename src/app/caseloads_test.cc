#include "app/caseloads.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using namespace safehub::domain;
using testing::TestArea;

Date D(const char* iso) { return *Date::Parse(iso); }

// The test area (today 2024-06-01): the social worker "sam" with two children of their own,
// one of them on a CP plan with sam as key worker; a manager of sam's team; "lee" of another
// team of the council, who takes the caseload on.
struct CaseloadArea : TestArea {
  Casework casework{*store, clock};
  Caseloads caseloads{*store, clock, records, casework};
  PractitionerId manager, lee;
  TeamId long_term;
  PersonId on_plan, other;

  CaseloadArea() {
    manager = *organisations.CreatePractitioner(nullptr, {PractitionerId(), assessment_team, "Mo Ade", "", "", ""});
    AddUser("manager", Role::kManager, Scope::kTeam, manager);
    long_term = *organisations.CreateTeam(nullptr, {TeamId(), council, "Long Term", "0100 000 0004", ""});
    lee = *organisations.CreatePractitioner(nullptr, {PractitionerId(), long_term, "Lee Cho", "", "", ""});
    AddUser("lee", Role::kPractitioner, Scope::kOwn, lee);
    auto sam = Login("sam");
    on_plan = Child(sam, "Kai");
    other = Child(sam, "Mia");
    for (const Step& s : testing::PathToPlan(social_worker)) {
      auto r = casework.RecordStep(sam, on_plan, s);
      if (!r.ok()) throw std::runtime_error(std::string(NameOf(s)) + ": " + r.status().message());
    }
  }

  PersonId Child(const AuthContext& who, const char* first_name) {
    Person p;
    p.first_name = first_name;
    p.surname = "Okoro";
    p.sex = Sex::kFemale;
    p.date_of_birth = D("2016-03-04");
    return *records.CreateChild(who, p, "children's social care");
  }

  std::vector<Involvement> OpenOf(PractitionerId p) {
    std::vector<Involvement> out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto all, tx.InvolvementsOfPractitioner(p));
      for (auto& i : all) {
        if (!i.ended_on) out.push_back(i);
      }
      return Status::Ok();
    });
    return out;
  }

  PractitionerId KeyWorkerOf(PersonId child) {
    PractitionerId out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, OpenPlanKeyWorker(tx, child, clock.Today()));
      return Status::Ok();
    });
    return out;
  }

  // An open concern alert about the child, routed to `lead` (as concern detection would).
  AlertId OpenAlertFor(PersonId about, PractitionerId lead) {
    AlertId id;
    Status s = store->Write([&](store::Transaction& tx) -> Status {
      Event e;
      e.child = about;
      e.agency = police;
      e.kind = "police_incident";
      e.occurred_on = D("2024-05-30");
      e.source_reference = "ref-" + about.ToString();
      ASSIGN_OR_RETURN(auto event, tx.InsertEvent(e));
      ConcernAlert a;
      a.rule_id = "police_and_health";
      a.rule_title = "Police and health concerns";
      a.subject_key = "child:" + about.ToString();
      a.child = about;
      a.severity = 3;
      a.explanation = "1 event";
      a.suggested_action = "strategy discussion";
      a.evidence = {{event, about, police, "police", "police_incident", D("2024-05-30")}};
      a.first_on = a.last_on = D("2024-05-30");
      a.lead_practitioner = lead;
      a.team = assessment_team;
      a.raised_at = a.updated_at = clock.Now();
      a.team_manager_from = clock.Now() + 3600;
      a.head_of_service_from = clock.Now() + 7200;
      ASSIGN_OR_RETURN(id, tx.InsertAlert(a));
      return Status::Ok();
    });
    if (!s.ok()) throw std::runtime_error(s.message());
    return id;
  }

  ConcernAlert Alert(AlertId id) {
    ConcernAlert out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.GetAlert(id));
      return Status::Ok();
    });
    return out;
  }

  std::vector<AuditEntry> CaseloadAudit() {
    std::vector<AuditEntry> out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto all, tx.ScanAudit(0, 10000));
      for (auto& e : all) {
        if (e.action == "reallocate_caseload") out.push_back(e);
      }
      return Status::Ok();
    });
    return out;
  }
};

TEST(CaseloadsTest, AManagerSeesHowMuchAWorkerHasOpenWithoutNamingAChild) {
  CaseloadArea area;
  auto summary = area.caseloads.Summary(area.Login("manager"), area.social_worker);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  // Kai: the worker's own involvement and the plan's key-worker one; Mia: the worker's own.
  EXPECT_EQ(summary->involvements, 3);
  EXPECT_EQ(summary->as_key_worker, 1);
  EXPECT_EQ(summary->children, 2);
  EXPECT_TRUE(area.caseloads.Summary(area.Login("sam"), area.social_worker).ok()) << "their own";
  EXPECT_EQ(area.caseloads.Summary(area.Login("ali"), area.social_worker).status().code(), StatusCode::kPermissionDenied)
      << "a manager of another agency's team";
  EXPECT_EQ(area.caseloads.Summary(area.Login("lee"), area.social_worker).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(area.caseloads.Summary(area.Login("manager"), PractitionerId(999)).status().code(), StatusCode::kNotFound);
}

TEST(CaseloadsTest, RefusalsOfTheWholeMoveNothingAndNameTheField) {
  CaseloadArea area;
  const Date today = area.clock.Today();
  auto ali = area.Login("ali");
  EXPECT_EQ(area.caseloads.Reallocate(ali, area.social_worker, area.lee, today, "").status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_EQ(area.CaseloadAudit().size(), 1u);
  EXPECT_EQ(area.CaseloadAudit()[0].outcome, AuditOutcome::kDenied);
  auto manager = area.Login("manager");
  EXPECT_EQ(area.caseloads.Reallocate(manager, area.social_worker, area.officer, today, "").status().field(),
            "practitioner_id") << "another agency";
  EXPECT_EQ(area.caseloads.Reallocate(manager, area.social_worker, PractitionerId(999), today, "").status().field(),
            "practitioner_id");
  EXPECT_EQ(area.caseloads.Reallocate(manager, area.social_worker, area.social_worker, today, "").status().field(),
            "practitioner_id");
  EXPECT_EQ(area.caseloads.Reallocate(manager, area.social_worker, area.lee, today.AddDays(1), "").status().field(), "on");
  EXPECT_EQ(area.OpenOf(area.social_worker).size(), 3u);
  EXPECT_EQ(area.KeyWorkerOf(area.on_plan), area.social_worker);
}

TEST(CaseloadsTest, EveryCaseMovesAndThePlanWithIt) {
  CaseloadArea area;
  const Date today = area.clock.Today();
  // Open alerts held by the worker go with the cases, their clocks unchanged.
  const AlertId on_plan_alert = area.OpenAlertFor(area.on_plan, area.social_worker);
  const AlertId other_alert = area.OpenAlertFor(area.other, area.social_worker);
  const UnixSeconds escalates = area.Alert(other_alert).team_manager_from;
  auto moved = area.caseloads.Reallocate(area.Login("manager"), area.social_worker, area.lee, today, "");
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  for (const auto& m : moved->moves) EXPECT_TRUE(m.outcome.ok()) << m.outcome.message();
  EXPECT_EQ(moved->moved, 3);
  EXPECT_EQ(moved->refused, 0);
  EXPECT_TRUE(area.OpenOf(area.social_worker).empty());
  EXPECT_EQ(area.OpenOf(area.lee).size(), 3u);
  EXPECT_EQ(area.KeyWorkerOf(area.on_plan), area.lee) << "the plan passed by the casework step";
  for (AlertId id : {on_plan_alert, other_alert}) {
    EXPECT_EQ(area.Alert(id).lead_practitioner, area.lee);
    EXPECT_EQ(area.Alert(id).team, area.long_term);
  }
  EXPECT_EQ(area.Alert(other_alert).team_manager_from, escalates);
  int key_worker = 0;
  for (const auto& i : area.OpenOf(area.lee)) {
    EXPECT_EQ(i.started_on, today);
    EXPECT_EQ(i.team, area.long_term);
    key_worker += IsPlanKeyWorkerInvolvement(i);
  }
  EXPECT_EQ(key_worker, 1);
  const auto audit = area.CaseloadAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].outcome, AuditOutcome::kAllowed);
  EXPECT_NE(audit[0].detail.find("3 moved, 0 refused"), std::string::npos) << audit[0].detail;
  // Each case has its own entry too.
  bool step = false, reallocated = false;
  for (const auto& e : area.AuditOf(area.on_plan)) {
    step |= e.action == "record_casework_step" && e.detail.find("change key worker") != std::string::npos;
    reallocated |= e.action == "reallocate_involvement" && e.outcome == AuditOutcome::kAllowed;
  }
  EXPECT_TRUE(step);
  EXPECT_TRUE(reallocated);
}

// One by one, a plan's key worker's involvements do not move around the casework: not the
// key-worker involvement, and not (for a plan from before those were recorded) their last.
TEST(CaseloadsTest, TheKeyWorkersInvolvementsAreNotHandedOnAroundThePlan) {
  CaseloadArea area;
  auto manager = area.Login("manager");
  InvolvementId key_worker, own;
  for (const auto& i : area.OpenOf(area.social_worker)) {
    if (i.child != area.on_plan) continue;
    (IsPlanKeyWorkerInvolvement(i) ? key_worker : own) = i.id;
  }
  ASSERT_TRUE(key_worker.valid());
  ASSERT_TRUE(own.valid());
  const Date today = area.clock.Today();
  auto refused = area.records.ReallocateInvolvement(manager, area.on_plan, key_worker, area.lee, today, "");
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "involvement_id");
  EXPECT_EQ(area.records.EndInvolvement(manager, area.on_plan, key_worker, today, "").code(),
            StatusCode::kFailedPrecondition);
  // Their own involvement beside it moves: the plan stays with them through the other, and
  // so does an alert they hold (they are still on the case).
  const AlertId alert = area.OpenAlertFor(area.on_plan, area.social_worker);
  ASSERT_TRUE(area.records.ReallocateInvolvement(manager, area.on_plan, own, area.lee, today, "").ok());
  EXPECT_EQ(area.KeyWorkerOf(area.on_plan), area.social_worker);
  EXPECT_EQ(area.Alert(alert).lead_practitioner, area.social_worker);
  // A plan held through an ordinary involvement (an older case): that last one stays too.
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.EndInvolvement(key_worker, D("2024-05-25")));
    Involvement old;
    old.child = area.on_plan;
    old.team = area.assessment_team;
    old.practitioner = area.social_worker;
    old.service = "children's social care";
    old.role = "social worker";
    old.started_on = D("2024-05-25");
    return tx.InsertInvolvement(old).status();
  }).ok());
  InvolvementId last;
  for (const auto& i : area.OpenOf(area.social_worker)) {
    if (i.child == area.on_plan) last = i.id;
  }
  ASSERT_TRUE(last.valid());
  EXPECT_EQ(area.records.ReallocateInvolvement(manager, area.on_plan, last, area.lee, today, "").status().code(),
            StatusCode::kFailedPrecondition);
  // The caseload handover passes such a plan by the step, then moves the involvement.
  auto moved = area.caseloads.Reallocate(manager, area.social_worker, area.lee, today, "");
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  for (const auto& m : moved->moves) EXPECT_TRUE(m.outcome.ok()) << m.outcome.message();
  EXPECT_EQ(area.KeyWorkerOf(area.on_plan), area.lee);
  EXPECT_TRUE(area.OpenOf(area.social_worker).empty());
  EXPECT_EQ(area.Alert(alert).lead_practitioner, area.lee) << "with the plan";
}

}  // namespace
}  // namespace safehub::app
