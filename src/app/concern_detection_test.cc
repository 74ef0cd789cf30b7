#include "app/concern_detection.h"

#include <gtest/gtest.h>

#include <map>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using domain::AlertStatus;
using domain::HolderLevel;
using testing::TestArea;

class ConcernDetectionTest : public ::testing::Test {
 protected:
  ConcernDetectionTest() {
    health = *area.organisations.CreateAgency(nullptr, {AgencyId(), "Northshire NHS Trust", domain::AgencyKind::kHealth, "RX1"});
    // The MASH team: mo works in it, di manages it.
    hub = *area.organisations.CreateTeam(nullptr, {TeamId(), area.council, "MASH", "0100 000 0004", ""});
    hub_worker = *area.organisations.CreatePractitioner(nullptr, {PractitionerId(), hub, "Mo Shah", "", "", ""});
    area.AddUser("mo", domain::Role::kPractitioner, domain::Scope::kTeam, hub_worker);
    hub_manager = *area.organisations.CreatePractitioner(nullptr, {PractitionerId(), hub, "Di Cole", "", "", ""});
    area.AddUser("di", domain::Role::kManager, domain::Scope::kTeam, hub_manager);
    detection = std::make_unique<ConcernDetection>(*area.store, area.clock, ConcernDetectionSettings{hub});
    assessment_manager = *area.organisations.CreatePractitioner(nullptr, {PractitionerId(), area.assessment_team, "Kay Moss", "", "", ""});
    area.AddUser("kay", domain::Role::kManager, domain::Scope::kTeam, assessment_manager);
    // The council's head of service (a safeguarding lead); "lead" is the police's.
    head_of_service = *area.organisations.CreatePractitioner(nullptr, {PractitionerId(), area.assessment_team, "Pat Head", "", "", ""});
    area.AddUser("pat", domain::Role::kSafeguardingLead, domain::Scope::kAgency, head_of_service);
  }

  EventId AddEvent(AgencyId agency, const std::string& kind, const std::string& date,
                   std::map<std::string, std::string> attributes, PersonId child = PersonId()) {
    domain::Event e;
    e.child = child.valid() ? child : area.child;
    e.agency = agency;
    e.kind = kind;
    e.occurred_on = *Date::Parse(date);
    e.source_reference = "ref-" + std::to_string(++references_);
    e.attributes = std::move(attributes);
    EventId id;
    EXPECT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(id, tx.InsertEvent(e));
      return Status::Ok();
    }).ok());
    return id;
  }

  // Two agencies' concerns about Ava within a week (concerns_from_two_agencies).
  void PlantTwoAgencyConcerns() {
    AddEvent(area.police, "police_incident", "2024-05-20", {{"risk", "low"}, {"notification", "information_only"}});
    AddEvent(health, "missed_health_appointment", "2024-05-23", {{"service", "gp"}});
  }

  void MakeLead(PractitionerId practitioner, TeamId team) {
    domain::Involvement inv;
    inv.child = area.child;
    inv.team = team;
    inv.practitioner = practitioner;
    inv.service = "early help";
    inv.role = "Lead professional";
    inv.started_on = *Date::Parse("2024-01-01");
    ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) { return tx.InsertInvolvement(inv).status(); }).ok());
  }

  std::vector<AlertView> AlertsOf(const char* user) {
    auto alerts = detection->AlertsFor(area.Login(user));
    EXPECT_TRUE(alerts.ok()) << alerts.status().message();
    return alerts.ok() ? *alerts : std::vector<AlertView>{};
  }

  TestArea area;
  AgencyId health;
  TeamId hub;
  PractitionerId hub_worker, hub_manager, assessment_manager, head_of_service;
  std::unique_ptr<ConcernDetection> detection;
  int references_ = 0;
};

TEST_F(ConcernDetectionTest, WithoutALeadTheMashHoldsItThenItEscalatesInWorkingHours) {
  PlantTwoAgencyConcerns();
  auto report = detection->EvaluateChildren(std::vector<PersonId>{area.child});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->alerts_raised, 1);

  auto mash = AlertsOf("mo");
  ASSERT_EQ(mash.size(), 1u);
  const domain::ConcernAlert& alert = mash[0].alert;
  EXPECT_EQ(alert.rule_id, "concerns_from_two_agencies");
  EXPECT_FALSE(alert.lead_practitioner.valid());
  EXPECT_EQ(mash[0].level, HolderLevel::kWorker);
  ASSERT_EQ(alert.evidence.size(), 2u);
  EXPECT_EQ(alert.evidence[0].agency_kind, "police");
  EXPECT_EQ(alert.evidence[1].agency_kind, "health");
  EXPECT_NE(alert.explanation.find("2 events from 2 agencies"), std::string::npos) << alert.explanation;
  // Raised on Saturday 1 June 2024: 16 working hours run Monday and Tuesday (09-17 BST),
  // then the team manager's 8 run Wednesday.
  EXPECT_EQ(FormatTimestamp(alert.team_manager_from), "2024-06-04T16:00:00Z");
  EXPECT_EQ(FormatTimestamp(alert.head_of_service_from), "2024-06-05T16:00:00Z");

  // The hub's manager works in the hub, so sees the queue from the start.
  ASSERT_EQ(AlertsOf("di").size(), 1u);
  EXPECT_FALSE(AlertsOf("di")[0].escalated);
  EXPECT_TRUE(AlertsOf("lead").empty());
  EXPECT_TRUE(AlertsOf("jo").empty());

  area.clock.Set(alert.team_manager_from - 1);
  EXPECT_FALSE(AlertsOf("di")[0].escalated);
  area.clock.Set(alert.team_manager_from);
  ASSERT_EQ(AlertsOf("di").size(), 1u);
  EXPECT_EQ(AlertsOf("di")[0].level, HolderLevel::kTeamManager);
  EXPECT_TRUE(AlertsOf("di")[0].escalated);
  EXPECT_TRUE(AlertsOf("lead").empty());
  EXPECT_TRUE(AlertsOf("kay").empty()) << "another team's manager";

  area.clock.Set(alert.head_of_service_from - 1);
  EXPECT_TRUE(AlertsOf("pat").empty());
  area.clock.Set(alert.head_of_service_from);
  ASSERT_EQ(AlertsOf("pat").size(), 1u);
  EXPECT_EQ(AlertsOf("pat")[0].level, HolderLevel::kHeadOfService);
  EXPECT_TRUE(AlertsOf("lead").empty()) << "another agency's safeguarding lead";
  EXPECT_EQ(AlertsOf("mo").size(), 1u) << "the MASH still sees its own alert";

  EXPECT_EQ(detection->AlertsFor(area.Login("admin")).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(ConcernDetectionTest, ALeadPractitionerHoldsAndAcknowledgesWithTheActionAudited) {
  MakeLead(area.social_worker, area.assessment_team);
  PlantTwoAgencyConcerns();
  ASSERT_TRUE(detection->EvaluateChildren(std::vector<PersonId>{area.child}).ok());
  auto mine = AlertsOf("sam");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].alert.lead_practitioner, area.social_worker);
  EXPECT_EQ(mine[0].alert.team, area.assessment_team);
  EXPECT_TRUE(AlertsOf("mo").empty()) << "the MASH does not hold alerts of children with a lead";
  const domain::AlertId id = mine[0].alert.id;

  EXPECT_EQ(detection->Acknowledge(area.Login("jo"), id, "seen").status().code(), StatusCode::kPermissionDenied);
  auto empty = detection->Acknowledge(area.Login("sam"), id, "");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().field(), "action");

  auto done = detection->Acknowledge(area.Login("sam"), id, "Early help assessment started with the school");
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->status, AlertStatus::kAcknowledged);
  EXPECT_EQ(done->acknowledged_by_name, "sam");
  EXPECT_TRUE(AlertsOf("sam").empty());
  EXPECT_EQ(detection->Acknowledge(area.Login("sam"), id, "again").status().code(), StatusCode::kFailedPrecondition);

  bool acknowledged = false, refused = false, read = false;
  for (const auto& e : area.AuditOf(area.child)) {
    acknowledged = acknowledged || (e.action == "acknowledge_alert" && e.outcome == domain::AuditOutcome::kAllowed &&
                                    e.detail.find("Early help") != std::string::npos);
    refused = refused || (e.action == "acknowledge_alert" && e.outcome == domain::AuditOutcome::kDenied);
    read = read || e.action == "read_alerts";
  }
  EXPECT_TRUE(acknowledged);
  EXPECT_TRUE(refused);
  EXPECT_TRUE(read);
}

TEST_F(ConcernDetectionTest, AKeyWorkerComesBeforeAnotherLeadProfessional) {
  // Mo (MASH) is recorded first as a lead professional; Sam is the child's key worker (the
  // involvement casework gives a CP plan's key worker): the statutory lead holds the alert.
  MakeLead(hub_worker, hub);
  domain::Involvement key;
  key.child = area.child;
  key.team = area.assessment_team;
  key.practitioner = area.social_worker;
  key.service = "child protection plan";
  key.role = "key worker";
  key.started_on = *Date::Parse("2024-03-01");
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) { return tx.InsertInvolvement(key).status(); }).ok());
  PlantTwoAgencyConcerns();
  ASSERT_TRUE(detection->EvaluateChildren(std::vector<PersonId>{area.child}).ok());
  auto mine = AlertsOf("sam");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].alert.lead_practitioner, area.social_worker);
  EXPECT_TRUE(AlertsOf("mo").empty());
}

TEST_F(ConcernDetectionTest, APlanKeyWorkerNoLongerWorkingWithTheChildIsPassedOver) {
  // The plan names Kay, who has no involvement with Ava and so could not open her record:
  // the alert goes to the lead professional who works with her now.
  domain::PlanPeriod plan;
  plan.child = area.child;
  plan.type = domain::PlanType::kChildInNeedPlan;
  plan.start = *Date::Parse("2024-01-01");
  plan.responsible_team = area.assessment_team;
  plan.key_worker = assessment_manager;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) { return tx.InsertPlanPeriod(plan).status(); }).ok());
  MakeLead(area.social_worker, area.assessment_team);
  PlantTwoAgencyConcerns();
  ASSERT_TRUE(detection->EvaluateChildren(std::vector<PersonId>{area.child}).ok());
  auto mine = AlertsOf("sam");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].alert.lead_practitioner, area.social_worker);
}

TEST_F(ConcernDetectionTest, GrowingEvidenceUpdatesOneAlertAndReopensIt) {
  MakeLead(area.social_worker, area.assessment_team);
  PlantTwoAgencyConcerns();
  ASSERT_TRUE(detection->EvaluateChildren(std::vector<PersonId>{area.child}).ok());
  const domain::AlertId id = AlertsOf("sam").at(0).alert.id;
  ASSERT_TRUE(detection->Acknowledge(area.Login("sam"), id, "Spoke to the GP").ok());

  // Nothing new: nothing changes.
  auto again = detection->EvaluateChildren(std::vector<PersonId>{area.child});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->alerts_raised + again->alerts_updated + again->alerts_merged, 0);

  AddEvent(area.council, "school_exclusion", "2024-05-25", {{"exclusion", "suspension"}});
  auto grown = detection->EvaluateChildren(std::vector<PersonId>{area.child});
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(grown->alerts_raised, 0);
  EXPECT_EQ(grown->alerts_updated, 1);
  auto mine = AlertsOf("sam");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].alert.id, id);
  EXPECT_EQ(mine[0].alert.status, AlertStatus::kOpen) << "new information reopens it";
  EXPECT_EQ(mine[0].alert.evidence.size(), 3u);
  EXPECT_EQ(mine[0].alert.severity, 4) << "three agencies";
}

// The child index merges two records of one child (a clerical "match"): the rules then
// read every signal of both as that child's, so pieces held apart come together, and
// alerts raised about the merged record alone are absorbed, not repeated beside them.
class MergedRecordsTest : public ConcernDetectionTest {
 protected:
  MergedRecordsTest() {
    domain::Person p;
    p.first_name = "Ava";
    p.surname = "Reed";  // as the hospital spelt it
    p.date_of_birth = *Date::Parse("2015-02-03");
    other_record = *area.records.CreateChild(area.Login("jo"), p, "ED attendance, record to link");
  }
  void Merge() {
    ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
      store::PersonMerge m;
      m.merged = other_record;
      m.surviving = area.child;
      m.merged_at = area.clock.Now();
      m.reason = "same child: NHS number confirmed with the GP";
      return tx.InsertPersonMerge(m).status();
    }).ok());
  }
  std::vector<domain::ConcernAlert> AlertsWithSubject(PersonId child) {
    std::vector<domain::ConcernAlert> out;
    EXPECT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.AlertsOfSubject("concerns_from_two_agencies", "child:" + child.ToString()));
      return Status::Ok();
    }).ok());
    return out;
  }
  PersonId other_record;
};

TEST_F(MergedRecordsTest, SignalsOfBothRecordsComeTogetherAsTheSurvivors) {
  const EventId police = AddEvent(area.police, "police_incident", "2024-05-20",
                                  {{"risk", "low"}, {"notification", "information_only"}});
  const EventId gp = AddEvent(health, "missed_health_appointment", "2024-05-23", {{"service", "gp"}}, other_record);
  auto apart = detection->EvaluateAll();
  ASSERT_TRUE(apart.ok());
  EXPECT_EQ(apart->alerts_found, 0) << "one agency each: nothing to put together yet";

  Merge();
  auto together = detection->EvaluateAll();
  ASSERT_TRUE(together.ok());
  EXPECT_EQ(together->children, 1) << "the merged record is read only as part of the survivor";
  EXPECT_EQ(together->alerts_raised, 1);
  auto alerts = AlertsWithSubject(area.child);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].child, area.child);
  ASSERT_EQ(alerts[0].evidence.size(), 2u);
  EXPECT_EQ(alerts[0].evidence[0].event, police);
  EXPECT_EQ(alerts[0].evidence[1].event, gp);
  EXPECT_TRUE(AlertsWithSubject(other_record).empty());
  auto again = detection->EvaluateAll();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->alerts_raised + again->alerts_updated + again->alerts_merged, 0) << "each event read once";

  // A later event recorded against the merged record grows the survivor's alert.
  AddEvent(area.council, "school_exclusion", "2024-05-25", {{"exclusion", "suspension"}}, other_record);
  auto grown = detection->EvaluateChildren(std::vector<PersonId>{other_record});
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(grown->alerts_raised, 0);
  EXPECT_EQ(grown->alerts_updated, 1);
  alerts = AlertsWithSubject(area.child);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].evidence.size(), 3u);
}

TEST_F(MergedRecordsTest, AnAlertAboutTheMergedRecordIsAbsorbedByTheSurvivors) {
  AddEvent(area.police, "police_incident", "2024-05-20", {{"risk", "low"}, {"notification", "information_only"}},
           other_record);
  AddEvent(health, "missed_health_appointment", "2024-05-23", {{"service", "gp"}}, other_record);
  ASSERT_TRUE(detection->EvaluateAll().ok());
  auto before = AlertsWithSubject(other_record);
  ASSERT_EQ(before.size(), 1u);

  AddEvent(area.council, "school_exclusion", "2024-05-25", {{"exclusion", "suspension"}});
  Merge();
  auto merged = detection->EvaluateAll();
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->alerts_raised, 1);
  EXPECT_EQ(merged->alerts_merged, 1);
  auto survivors = AlertsWithSubject(area.child);
  ASSERT_EQ(survivors.size(), 1u);
  EXPECT_EQ(survivors[0].evidence.size(), 3u);
  auto absorbed = AlertsWithSubject(other_record);
  ASSERT_EQ(absorbed.size(), 1u);
  EXPECT_EQ(absorbed[0].status, AlertStatus::kMerged);
  EXPECT_EQ(absorbed[0].merged_into, survivors[0].id);
}

TEST_F(ConcernDetectionTest, ABridgingEventMergesTwoAlertsIntoOne) {
  MakeLead(area.social_worker, area.assessment_team);
  const std::map<std::string, std::string> incident = {{"risk", "low"}, {"notification", "information_only"}};
  AddEvent(area.police, "police_incident", "2024-05-01", incident);
  AddEvent(health, "missed_health_appointment", "2024-05-03", {{"service", "gp"}});
  AddEvent(area.police, "police_incident", "2024-05-11", incident);
  AddEvent(health, "missed_health_appointment", "2024-05-13", {{"service", "gp"}});
  auto first = detection->EvaluateChildren(std::vector<PersonId>{area.child});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->alerts_raised, 2);
  // A concern on 7 May joins the two runs: one alert carries on, the other is merged into it.
  AddEvent(area.council, "school_exclusion", "2024-05-07", {{"exclusion", "suspension"}});
  auto second = detection->EvaluateChildren(std::vector<PersonId>{area.child});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->alerts_raised, 0);
  EXPECT_EQ(second->alerts_updated, 1);
  EXPECT_EQ(second->alerts_merged, 1);
  auto mine = AlertsOf("sam");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].alert.evidence.size(), 5u);
  EXPECT_EQ(area.records.ListAlerts(area.Login("jo"), area.child, "")->size(), 1u) << "merged alerts are not listed";
}

TEST_F(ConcernDetectionTest, ChildAlertsAreAccessCheckedAndAudited) {
  PlantTwoAgencyConcerns();
  ASSERT_TRUE(detection->EvaluateAll().ok());
  auto own = area.records.ListAlerts(area.Login("jo"), area.child, "");
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->size(), 1u);
  EXPECT_EQ(area.records.ListAlerts(area.Login("bo"), area.child, "").status().code(), StatusCode::kPermissionDenied);
  int reads = 0;
  for (const auto& e : area.AuditOf(area.child)) reads += e.action == "read_alerts";
  EXPECT_EQ(reads, 2) << "the allowed read and the refused one";
}

TEST_F(ConcernDetectionTest, ARefusedRuleFileKeepsTheRulesRunning) {
  const auto before = detection->rules();
  const Status s = detection->LoadRules("version: 1\nrules:\n  - id: x\n    windows_days: 3\n", "bad.yaml");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("did you mean 'window_days'"), std::string::npos) << s.message();
  EXPECT_EQ(detection->rules(), before);
  ASSERT_TRUE(detection->LoadRules(rules::DefaultRuleFileText(), "copy.yaml").ok());
  EXPECT_EQ(detection->rules()->origin(), "copy.yaml");
}

}  // namespace
}  // namespace safehub::app
