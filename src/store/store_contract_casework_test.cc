// Store contract: casework steps, open timescales, concern alerts, ending involvements and
// plan periods.
#include "store/store_contract_test.h"

namespace safehub::store::contract {
namespace {

TEST_P(StoreContractTest, CaseworkStepsAppendInSequenceAndNothingHalfWritten) {
  Fixture f = Seed();
  auto step = [&](std::int64_t sequence, const char* name) {
    return StoredStep{f.child, sequence, name, std::string("{\"step\":\"") + name + "\"}", UserId(), 1717236000};
  };
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AppendCaseworkStep(step(1, "receive referral")));
    return tx.AppendCaseworkStep(step(2, "hold strategy discussion"));
  }).ok());
  // A taken sequence is kAlreadyExists; a gap is refused; neither writes anything.
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendCaseworkStep(step(2, "x")); }).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendCaseworkStep(step(4, "x")); }).code(),
            StatusCode::kInvalidArgument);
  // A unit of work that fails after appending leaves nothing behind.
  EXPECT_FALSE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AppendCaseworkStep(step(3, "hold initial conference")));
    return Internal("later failure");
  }).ok());
  StoredStep unknown_child = step(1, "receive referral");
  unknown_child.child = PersonId(999);
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendCaseworkStep(unknown_child); }).code(),
            StatusCode::kNotFound);
  std::vector<StoredStep> steps;
  std::vector<PersonId> children;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(steps, tx.CaseworkStepsOf(f.child));
    ASSIGN_OR_RETURN(children, tx.ChildrenWithCasework());
    return Status::Ok();
  }).ok());
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].sequence, 1);
  EXPECT_EQ(steps[1].step, "hold strategy discussion");
  EXPECT_EQ(steps[1].payload, "{\"step\":\"hold strategy discussion\"}");
  EXPECT_EQ(steps[1].recorded_at, 1717236000);
  EXPECT_FALSE(steps[1].recorded_by.valid());
  EXPECT_EQ(children, std::vector<PersonId>{f.child});
}

TEST_P(StoreContractTest, OpenTimescalesAreReplacedPerChildAndListedByWorkerTeamAndAgency) {
  const Fixture f = Seed();
  const Date as_of = *Date::Parse("2024-06-01");
  TeamId other_team, other_agency_team;
  AgencyId other_agency;
  PractitionerId colleague, outsider;
  PersonId ben;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(other_team, tx.InsertTeam({TeamId(), f.agency, "Response", "", ""}));
    ASSIGN_OR_RETURN(colleague, tx.InsertPractitioner({PractitionerId(), other_team, "PC Bo Li", "", "", ""}));
    ASSIGN_OR_RETURN(other_agency, tx.InsertAgency({AgencyId(), "Northshire Council", AgencyKind::kSocialCare, "891"}));
    ASSIGN_OR_RETURN(other_agency_team, tx.InsertTeam({TeamId(), other_agency, "Assessment", "", ""}));
    ASSIGN_OR_RETURN(outsider, tx.InsertPractitioner({PractitionerId(), other_agency_team, "Sam Patel", "", "", ""}));
    Person b;
    b.first_name = "Ben";
    b.middle_names = "Lee";
    b.surname = "Cole";
    b.date_of_birth = *Date::Parse("2016-03-04");
    ASSIGN_OR_RETURN(ben, tx.InsertPerson(b));
    auto involve = [&](PersonId child, TeamId team, PractitionerId p, const char* from,
                       std::optional<Date> to) -> Status {
      Involvement i;
      i.child = child;
      i.team = team;
      i.practitioner = p;
      i.service = "service";
      i.started_on = *Date::Parse(from);
      i.ended_on = to;
      return tx.InsertInvolvement(i).status();
    };
    RETURN_IF_ERROR(involve(f.child, f.team, f.practitioner, "2024-01-01", std::nullopt));
    RETURN_IF_ERROR(involve(ben, other_team, colleague, "2024-01-01", std::nullopt));
    RETURN_IF_ERROR(involve(ben, other_agency_team, outsider, "2024-01-01", *Date::Parse("2024-03-01")));
    RETURN_IF_ERROR(tx.AppendCaseworkStep({f.child, 1, "receive referral", "{}", UserId(), 0}));
    return tx.AppendCaseworkStep({ben, 1, "receive referral", "{}", UserId(), 0});
  }).ok());
  auto row = [](PersonId child, std::int64_t n, const char* kind, const char* due, PractitionerId key_worker) {
    return OpenTimescaleRow{child, n, kind, "strategy discussion", 1, *Date::Parse("2024-05-03"), *Date::Parse(due),
                            1, 0, key_worker};
  };
  auto read = [&](auto&& work) { EXPECT_TRUE(store_->Read([&](Transaction& tx) { return work(tx); }).ok()); };
  std::vector<PersonId> stale;
  read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  });
  EXPECT_EQ(stale, (std::vector<PersonId>{f.child, ben}));  // never derived

  const std::vector<OpenTimescaleRow> ava_rows{row(f.child, 1, "icpc", "2024-05-24", f.practitioner),
                                               row(f.child, 2, "assessment", "2024-06-20", PractitionerId())};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ReplaceOpenTimescales(f.child, 1, ava_rows));
    return tx.ReplaceOpenTimescales(ben, 1, std::vector<OpenTimescaleRow>{row(ben, 1, "assessment", "2024-06-03", PractitionerId())});
  }).ok());
  auto due = [&](WorkScope scope, std::int64_t id, Date on) {
    DueTimescales out;
    read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.OpenTimescalesDue({scope, id, on, *Date::Parse("2024-06-07")}));
      return Status::Ok();
    });
    return out;
  };
  auto worker = due(WorkScope::kWorker, f.practitioner.value, as_of);
  EXPECT_EQ(worker.cases, 1);
  ASSERT_EQ(worker.due.size(), 1u);  // the assessment is due after 7 June
  EXPECT_EQ(worker.due[0].timescale, ava_rows[0]);
  EXPECT_EQ(worker.due[0].child_name, "Ava Reid");
  EXPECT_EQ(due(WorkScope::kTeam, f.team.value, as_of).due.size(), 1u);
  auto service = due(WorkScope::kAgency, f.agency.value, as_of);
  EXPECT_EQ(service.cases, 2);
  ASSERT_EQ(service.due.size(), 2u);  // by due date
  EXPECT_EQ(service.due[0].timescale.child, f.child);
  EXPECT_EQ(service.due[1].timescale.child, ben);
  EXPECT_EQ(service.due[1].child_name, "Ben Lee Cole");
  // An ended involvement no longer puts the child on the list; it did while it lasted.
  EXPECT_EQ(due(WorkScope::kAgency, other_agency.value, as_of).cases, 0);
  EXPECT_TRUE(due(WorkScope::kAgency, other_agency.value, as_of).due.empty());
  EXPECT_EQ(due(WorkScope::kTeam, other_agency_team.value, *Date::Parse("2024-02-01")).due.size(), 1u);

  // Bad rows are refused naming the row and field; nothing is written.
  auto refused = [&](PersonId child, std::vector<OpenTimescaleRow> rows) {
    return store_->Write([&](Transaction& tx) { return tx.ReplaceOpenTimescales(child, 1, rows); });
  };
  Status other_child = refused(f.child, {row(ben, 1, "icpc", "2024-05-24", PractitionerId())});
  EXPECT_EQ(other_child.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(other_child.field(), "child");
  EXPECT_EQ(refused(f.child, {row(f.child, 1, "icpc", "2024-05-24", PractitionerId()),
                              row(f.child, 1, "icpc", "2024-05-25", PractitionerId())}).field(), "timescale");
  EXPECT_EQ(refused(f.child, {row(f.child, 1, "icpc", "2024-05-01", PractitionerId())}).field(), "due");
  EXPECT_EQ(refused(f.child, {row(f.child, 1, "icpc", "2024-05-24", PractitionerId(999))}).code(), StatusCode::kNotFound);
  EXPECT_EQ(refused(PersonId(999), {}).code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ReplaceOpenTimescales(f.child, 1, std::vector<OpenTimescaleRow>{}));
    return Internal("later failure");
  }).ok());
  std::vector<OpenTimescaleRow> kept;
  read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(kept, tx.OpenTimescalesOf(f.child));
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  });
  EXPECT_EQ(kept, ava_rows);
  EXPECT_TRUE(stale.empty());

  // Replacing drops the child's old rows; a new step makes them stale until rewritten.
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AppendCaseworkStep({f.child, 2, "hold icpc", "{}", UserId(), 0}));
    return tx.ReplaceOpenTimescales(ben, 1, std::vector<OpenTimescaleRow>{});
  }).ok());
  read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(kept, tx.OpenTimescalesOf(ben));
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  });
  EXPECT_TRUE(kept.empty());
  EXPECT_EQ(stale, std::vector<PersonId>{f.child});
  EXPECT_EQ(due(WorkScope::kAgency, f.agency.value, as_of).due.size(), 1u);
}

TEST_P(StoreContractTest, AlertsRoundTripWithEvidenceAndAreFoundBySubjectAndChild) {
  const Fixture f = Seed();
  PersonId sibling;
  HouseholdId home;
  std::vector<EventId> events;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Leo";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2018-05-06");
    ASSIGN_OR_RETURN(sibling, tx.InsertPerson(p));
    ASSIGN_OR_RETURN(home, tx.InsertHousehold({HouseholdId(), "1 Mill Lane", "NR1 1AA"}));
    for (PersonId child : {f.child, sibling}) {
      Event e;
      e.child = child;
      e.agency = f.agency;
      e.kind = "police_incident";
      e.occurred_on = *Date::Parse("2024-03-01");
      e.source_reference = "ref-" + child.ToString();
      ASSIGN_OR_RETURN(auto id, tx.InsertEvent(e));
      events.push_back(id);
    }
    return Status::Ok();
  }).ok());

  ConcernAlert a;
  a.rule_id = "repeated_domestic_abuse";
  a.rule_title = "Repeated domestic abuse";
  a.subject_key = "household:" + home.ToString();
  a.household = home;
  a.severity = 3;
  a.explanation = "2 events";
  a.suggested_action = "MARAC";
  a.evidence = {{events[0], f.child, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")},
                {events[1], sibling, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")}};
  a.first_on = a.last_on = *Date::Parse("2024-03-01");
  a.lead_practitioner = f.practitioner;
  a.team = f.team;
  a.raised_at = 100;
  a.updated_at = 100;
  a.team_manager_from = 200;
  a.head_of_service_from = 300;
  AlertId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertAlert(a));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
    EXPECT_EQ(got.evidence.size(), 2u);
    EXPECT_EQ(got.evidence[1].child, sibling);
    EXPECT_EQ(got.evidence[1].agency_kind, "police");
    EXPECT_EQ(got.household, home);
    EXPECT_FALSE(got.child.valid());
    EXPECT_EQ(got.team_manager_from, 200);
    ASSIGN_OR_RETURN(auto of_subject, tx.AlertsOfSubject(a.rule_id, a.subject_key));
    EXPECT_EQ(of_subject.size(), 1u);
    ASSIGN_OR_RETURN(auto about_sibling, tx.AlertsAboutChild(sibling));
    EXPECT_EQ(about_sibling.size(), 1u);
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    EXPECT_EQ(open.size(), 1u);
    ASSIGN_OR_RETURN(auto children, tx.ChildrenWithEvents());
    EXPECT_EQ(children.size(), 2u);
    return Status::Ok();
  }).ok());

  // Acknowledged with one event of evidence left: both the row and the evidence change.
  a.id = id;
  a.status = AlertStatus::kAcknowledged;
  a.acknowledged_action = "Referred to MARAC";
  a.acknowledged_at = 150;
  a.evidence.pop_back();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
    EXPECT_EQ(got.status, AlertStatus::kAcknowledged);
    EXPECT_EQ(got.acknowledged_action, "Referred to MARAC");
    EXPECT_EQ(got.evidence.size(), 1u);
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    EXPECT_TRUE(open.empty());
    ASSIGN_OR_RETURN(auto about_sibling, tx.AlertsAboutChild(sibling));
    EXPECT_TRUE(about_sibling.empty());
    EXPECT_EQ(tx.GetAlert(AlertId(9999)).status().code(), StatusCode::kNotFound);
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ConcernAlert missing = a;
    missing.id = AlertId(9999);
    EXPECT_EQ(tx.UpdateAlert(missing).code(), StatusCode::kNotFound);
    return Status::Ok();
  }).ok());

  // Evidence that grows at its end, then changes in its middle, reads back exactly.
  auto evidence_of = [&]() {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;  // (event, child)
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
      for (const auto& e : got.evidence) out.emplace_back(e.event.value, e.child.value);
      return Status::Ok();
    }).ok());
    return out;
  };
  a.evidence = {{events[0], f.child, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")},
                {events[1], sibling, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")},
                {events[0], f.child, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")}};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  using Pairs = std::vector<std::pair<std::int64_t, std::int64_t>>;
  EXPECT_EQ(evidence_of(), (Pairs{{events[0].value, f.child.value}, {events[1].value, sibling.value},
                                  {events[0].value, f.child.value}}));
  a.evidence[1] = a.evidence[0];
  a.evidence.pop_back();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  EXPECT_EQ(evidence_of(), (Pairs{{events[0].value, f.child.value}, {events[0].value, f.child.value}}));

  // An update that keeps subject, child and status (evidence grew) still writes every other
  // field; one that changes them moves the alert in the lists kept by them.
  a.severity = 5;
  a.explanation = "three notifications in a month";
  a.rule_title = "Repeated notifications";
  a.suggested_action = "Hold a strategy discussion";
  a.first_on = *Date::Parse("2024-02-28");
  a.last_on = *Date::Parse("2024-03-09");
  a.raised_at = 160;
  a.updated_at = 170;
  a.team_manager_from = 180;
  a.head_of_service_from = 190;
  a.acknowledged_action.clear();
  a.acknowledged_by_name = "Jo Reyes";
  a.acknowledged_at = 175;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
    EXPECT_EQ(got.severity, 5);
    EXPECT_EQ(got.explanation, "three notifications in a month");
    EXPECT_EQ(got.rule_title, "Repeated notifications");
    EXPECT_EQ(got.suggested_action, "Hold a strategy discussion");
    EXPECT_EQ(got.first_on, *Date::Parse("2024-02-28"));
    EXPECT_EQ(got.last_on, *Date::Parse("2024-03-09"));
    EXPECT_EQ(got.raised_at, 160);
    EXPECT_EQ(got.updated_at, 170);
    EXPECT_EQ(got.team_manager_from, 180);
    EXPECT_EQ(got.head_of_service_from, 190);
    EXPECT_EQ(got.acknowledged_by_name, "Jo Reyes");
    EXPECT_EQ(got.acknowledged_at, 175);
    EXPECT_EQ(got.acknowledged_action, "");
    EXPECT_EQ(got.status, AlertStatus::kAcknowledged);
    ASSIGN_OR_RETURN(auto of_subject, tx.AlertsOfSubject(a.rule_id, a.subject_key));
    EXPECT_EQ(of_subject.size(), 1u);
    return Status::Ok();
  }).ok());
  a.status = AlertStatus::kOpen;
  a.subject_key = "household:moved";
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    EXPECT_EQ(open.size(), 1u);
    ASSIGN_OR_RETURN(auto moved, tx.AlertsOfSubject(a.rule_id, "household:moved"));
    EXPECT_EQ(moved.size(), 1u);
    ASSIGN_OR_RETURN(auto old_subject, tx.AlertsOfSubject(a.rule_id, "household:" + home.ToString()));
    EXPECT_TRUE(old_subject.empty());
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, InvolvementsEnd) {
  Fixture f = Seed();
  InvolvementId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Involvement i;
    i.child = f.child;
    i.team = f.team;
    i.practitioner = f.practitioner;
    i.service = "Child protection plan";
    i.started_on = *Date::Parse("2024-05-20");
    ASSIGN_OR_RETURN(id, tx.InsertInvolvement(i));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndInvolvement(id, *Date::Parse("2024-05-19")); }).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndInvolvement(InvolvementId(999), *Date::Parse("2024-06-01")); }).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.EndInvolvement(id, *Date::Parse("2024-11-20")); }).ok());
  std::vector<Involvement> involvements;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(involvements, tx.InvolvementsOf(f.child));
    return Status::Ok();
  }).ok());
  bool ended = false;
  for (const auto& i : involvements) ended |= i.id == id && i.ended_on == Date::Parse("2024-11-20").value();
  EXPECT_TRUE(ended);
}

// A plan period of the child from 2024-03-04, answered by the key worker and team.
PlanPeriod PeriodOf(PersonId child, TeamId team, PractitionerId key_worker, PlanType type) {
  PlanPeriod p;
  p.child = child;
  p.type = type;
  p.start = *Date::Parse("2024-03-04");
  p.responsible_team = team;
  p.key_worker = key_worker;
  return p;
}

TEST_P(StoreContractTest, PlanPeriodsEnd) {
  Fixture f = Seed();
  PlanPeriodId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertPlanPeriod(PeriodOf(f.child, f.team, f.practitioner, PlanType::kChildInNeedPlan)));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(id, *Date::Parse("2024-03-01")); }).field(),
            "end");
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(PlanPeriodId(999), *Date::Parse("2024-06-01")); }).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(id, *Date::Parse("2024-09-30")); }).ok());
  std::vector<PlanPeriod> periods;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(periods, tx.PlanPeriodsOf(f.child));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].end.value_or(Date()), *Date::Parse("2024-09-30"));
  EXPECT_EQ(periods[0].type, PlanType::kChildInNeedPlan);
}

TEST_P(StoreContractTest, PlanPeriodsPassToAnotherKeyWorker) {
  Fixture f = Seed();
  PlanPeriodId id;
  TeamId other_team;
  PractitionerId other;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(other_team, tx.InsertTeam({TeamId(), f.agency, "Child Abuse Investigation", "0200", "0999"}));
    ASSIGN_OR_RETURN(other, tx.InsertPractitioner({PractitionerId(), other_team, "DS Sam Okafor", "", "", ""}));
    ASSIGN_OR_RETURN(id, tx.InsertPlanPeriod(PeriodOf(f.child, f.team, f.practitioner, PlanType::kChildProtectionPlan)));
    return Status::Ok();
  }).ok());
  // Unknown rows are named, and change nothing.
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.SetPlanPeriodKeyWorker(PlanPeriodId(999), other, other_team); }).code(),
            StatusCode::kNotFound);
  const Status no_one = store_->Write([&](Transaction& tx) { return tx.SetPlanPeriodKeyWorker(id, PractitionerId(999), other_team); });
  EXPECT_EQ(no_one.code(), StatusCode::kNotFound);
  EXPECT_NE(no_one.message().find("practitioner"), std::string::npos) << no_one.message();
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.SetPlanPeriodKeyWorker(id, other, TeamId(999)); }).code(),
            StatusCode::kNotFound);
  auto read = [&] {
    std::vector<PlanPeriod> periods;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(periods, tx.PlanPeriodsOf(f.child));
      return Status::Ok();
    }).ok());
    return periods;
  };
  ASSERT_EQ(read().size(), 1u);
  EXPECT_EQ(read()[0].key_worker, f.practitioner);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.SetPlanPeriodKeyWorker(id, other, other_team); }).ok());
  const auto periods = read();
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].key_worker, other);
  EXPECT_EQ(periods[0].responsible_team, other_team);
  EXPECT_EQ(periods[0].start, *Date::Parse("2024-03-04"));
  EXPECT_FALSE(periods[0].end.has_value());
}

// A plan period begun before the birth that still runs past it is listed (for the one-off
// split at the birth); ended at the birth, or a child's own plan, it is not.
TEST_P(StoreContractTest, PreBirthPlanPeriodsRunningPastTheBirthAreListed) {
  Fixture f = Seed();  // Ava, born 2015-02-03
  auto period = [&](PlanType type, const char* start, std::optional<const char*> end) {
    PlanPeriod p;
    p.child = f.child;
    p.type = type;
    p.start = *Date::Parse(start);
    if (end) p.end = *Date::Parse(*end);
    p.responsible_team = f.team;
    p.key_worker = f.practitioner;
    return p;
  };
  auto listed = [&] {
    std::vector<PersonId> out;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.ChildrenWithUnsplitPreBirthPlans());
      return Status::Ok();
    }).ok());
    return out;
  };
  PlanPeriodId unborn;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.InsertPlanPeriod(period(PlanType::kChildProtectionPlan, "2015-02-03", std::nullopt)).status());
    RETURN_IF_ERROR(tx.InsertPlanPeriod(period(PlanType::kUnbornChildProtectionPlan, "2014-06-01", "2014-12-01")).status());
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(listed().empty()) << "a child's own plan, and an unborn one that ended before the birth";
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(unborn, tx.InsertPlanPeriod(period(PlanType::kUnbornChildProtectionPlan, "2014-12-20", std::nullopt)));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(listed(), std::vector<PersonId>{f.child});
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(unborn, *Date::Parse("2015-02-03")); }).ok());
  EXPECT_TRUE(listed().empty()) << "split at the birth";
}

}  // namespace
}  // namespace safehub::store::contract
