// One test per built-in rule: a planted pattern that must alert, at the edge of its window,
// and decoys that must not.
#include "rules/engine.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace safehub::rules {
namespace {

using domain::AgencyKind;

const Date kBase = Date::FromDays(19800);  // 2024-03-18
Date Day(int n) { return kBase.AddDays(n); }

// Agencies by kind, with a second police force for "same kind, other agency".
constexpr std::int64_t kSchool = 1, kPolice = 2, kHealth = 3, kHousing = 4, kProbation = 5, kPolice2 = 6;
AgencyKind KindOf(std::int64_t agency) {
  switch (agency) {
    case kSchool: return AgencyKind::kSchool;
    case kPolice: case kPolice2: return AgencyKind::kPolice;
    case kHealth: return AgencyKind::kHealth;
    case kHousing: return AgencyKind::kHousing;
    case kProbation: return AgencyKind::kProbation;
  }
  return AgencyKind::kOther;
}

class Events {
 public:
  // Child 1 lives in household 10 and was born four years before kBase.
  RuleEvent& Add(std::int64_t agency, std::string kind, int day,
                 std::vector<std::pair<std::string, std::string>> attributes = {},
                 std::int64_t child = 1, std::int64_t household = 10) {
    RuleEvent e;
    e.id = EventId(next_++);
    e.child = PersonId(child);
    e.household = HouseholdId(household);
    e.agency = AgencyId(agency);
    e.agency_kind = KindOf(agency);
    e.kind = std::move(kind);
    e.occurred_on = Day(day);
    e.child_date_of_birth = kBase.AddDays(-4 * 365);
    e.attributes = std::move(attributes);
    list_.push_back(std::move(e));
    return list_.back();
  }
  std::vector<Alert> Run(int as_of_day = 800) const { return Evaluate(DefaultRuleSet(), list_, Day(as_of_day)); }
  std::vector<Alert> Of(const std::string& rule, int as_of_day = 800) const {
    std::vector<Alert> out;
    for (Alert& a : Run(as_of_day)) {
      if (a.rule_id == rule) out.push_back(std::move(a));
    }
    return out;
  }
  std::vector<RuleEvent>& list() { return list_; }

 private:
  std::vector<RuleEvent> list_;
  std::int64_t next_ = 1;
};

const std::vector<std::pair<std::string, std::string>> kHighRisk = {{"risk", "high"}, {"notification", "information_only"}};
const std::vector<std::pair<std::string, std::string>> kDomesticAbuse = {
    {"risk", "low"}, {"notification", "information_only"}, {"domestic_abuse", "yes"}};

TEST(EngineTest, PersistentAbsenceWithAnotherAgencysConcern) {
  const std::string rule = "persistent_absence_with_concern";
  Events planted;
  planted.Add(kSchool, "school_attendance", 0, {{"attendance_percent", "85"}});
  planted.Add(kPolice, "police_incident", 120, kHighRisk);  // the window's last day
  const auto alerts = planted.Of(rule);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].evidence.size(), 2u);
  EXPECT_EQ(alerts[0].child, PersonId(1));

  Events late;  // one day past the window
  late.Add(kSchool, "school_attendance", 0, {{"attendance_percent", "85"}});
  late.Add(kPolice, "police_incident", 121, kHighRisk);
  EXPECT_TRUE(late.Of(rule).empty());

  Events attending;  // 91%: not persistent absence
  attending.Add(kSchool, "school_attendance", 0, {{"attendance_percent", "91"}});
  attending.Add(kPolice, "police_incident", 5, kHighRisk);
  EXPECT_TRUE(attending.Of(rule).empty());

  Events exactly_ninety;  // "under 90%": 90 is not under
  exactly_ninety.Add(kSchool, "school_attendance", 0, {{"attendance_percent", "90"}});
  exactly_ninety.Add(kPolice, "police_incident", 5, kHighRisk);
  EXPECT_TRUE(exactly_ninety.Of(rule).empty());

  Events school_only;  // the school's own exclusion is not another agency's concern
  school_only.Add(kSchool, "school_attendance", 0, {{"attendance_percent", "70"}});
  school_only.Add(kSchool, "school_exclusion", 3, {{"exclusion", "suspension"}});
  EXPECT_TRUE(school_only.Of(rule).empty());
}

TEST(EngineTest, ConcernsFromTwoAgenciesWithinSevenDays) {
  const std::string rule = "concerns_from_two_agencies";
  Events planted;
  planted.Add(kPolice, "police_incident", 0, kHighRisk);
  planted.Add(kHealth, "missed_health_appointment", 7, {{"service", "gp"}});
  ASSERT_EQ(planted.Of(rule).size(), 1u);

  Events late;
  late.Add(kPolice, "police_incident", 0, kHighRisk);
  late.Add(kHealth, "missed_health_appointment", 8, {{"service", "gp"}});
  EXPECT_TRUE(late.Of(rule).empty());

  Events same_agency;  // two concerns from the SAME agency
  same_agency.Add(kPolice, "police_incident", 0, kHighRisk);
  same_agency.Add(kPolice, "police_incident", 2, kHighRisk);
  EXPECT_TRUE(same_agency.Of(rule).empty());

  Events two_forces;  // two police forces are two agencies
  two_forces.Add(kPolice, "police_incident", 0, kHighRisk);
  two_forces.Add(kPolice2, "police_incident", 2, kHighRisk);
  EXPECT_EQ(two_forces.Of(rule).size(), 1u);

  Events other_children;  // concerns about two different children are not cumulative for either
  other_children.Add(kPolice, "police_incident", 0, kHighRisk, 1);
  other_children.Add(kHealth, "missed_health_appointment", 1, {{"service", "gp"}}, 2);
  EXPECT_TRUE(other_children.Of(rule).empty());
}

TEST(EngineTest, RepeatedDomesticAbuseAtTheHousehold) {
  const std::string rule = "repeated_domestic_abuse";
  Events planted;  // two children of household 10, notifications a year apart
  planted.Add(kPolice, "police_incident", 0, kDomesticAbuse, 1);
  planted.Add(kPolice, "police_incident", 365, kDomesticAbuse, 2);
  const auto alerts = planted.Of(rule);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].scope, Scope::kHousehold);
  EXPECT_EQ(alerts[0].household, HouseholdId(10));
  EXPECT_EQ(alerts[0].Children(), (std::vector<PersonId>{PersonId(1), PersonId(2)}));
  EXPECT_EQ(alerts[0].SubjectKey(), "household:10");

  Events late;
  late.Add(kPolice, "police_incident", 0, kDomesticAbuse, 1);
  late.Add(kPolice, "police_incident", 366, kDomesticAbuse, 2);
  EXPECT_TRUE(late.Of(rule).empty());

  Events one_incident;  // one incident notified for each of two siblings on the same day
  one_incident.Add(kPolice, "police_incident", 0, kDomesticAbuse, 1);
  one_incident.Add(kPolice, "police_incident", 0, kDomesticAbuse, 2);
  EXPECT_TRUE(one_incident.Of(rule).empty());

  Events not_abuse;
  not_abuse.Add(kPolice, "police_incident", 0, kDomesticAbuse);
  not_abuse.Add(kPolice, "police_incident", 30, {{"risk", "low"}, {"notification", "information_only"}, {"domestic_abuse", "no"}});
  EXPECT_TRUE(not_abuse.Of(rule).empty());

  Events two_households;
  two_households.Add(kPolice, "police_incident", 0, kDomesticAbuse, 1, 10);
  two_households.Add(kPolice, "police_incident", 30, kDomesticAbuse, 3, 11);
  EXPECT_TRUE(two_households.Of(rule).empty());
}

TEST(EngineTest, FrequentUnscheduledCareForAChildUnderFive) {
  const std::string rule = "frequent_unscheduled_care_under_5";
  const std::vector<std::pair<std::string, std::string>> ed = {{"setting", "emergency_department"}};
  Events planted;
  planted.Add(kHealth, "unscheduled_care_attendance", 0, ed);
  planted.Add(kHealth, "unscheduled_care_attendance", 90, ed);
  planted.Add(kHealth, "unscheduled_care_attendance", 183, ed);
  ASSERT_EQ(planted.Of(rule).size(), 1u);

  Events late;
  late.Add(kHealth, "unscheduled_care_attendance", 0, ed);
  late.Add(kHealth, "unscheduled_care_attendance", 90, ed);
  late.Add(kHealth, "unscheduled_care_attendance", 184, ed);
  EXPECT_TRUE(late.Of(rule).empty());

  Events older;  // five years old: outside the rule
  for (int d : {0, 10, 20}) older.Add(kHealth, "unscheduled_care_attendance", d, ed).child_date_of_birth = kBase.AddDays(-5 * 366);
  EXPECT_TRUE(older.Of(rule).empty());

  Events unknown_age;  // without a birth date the age rule cannot be applied
  for (int d : {0, 10, 20}) unknown_age.Add(kHealth, "unscheduled_care_attendance", d, ed).child_date_of_birth.reset();
  EXPECT_TRUE(unknown_age.Of(rule).empty());

  Events transfer;  // three records of two days (a transfer between departments)
  for (int d : {0, 0, 20}) transfer.Add(kHealth, "unscheduled_care_attendance", d, ed);
  EXPECT_TRUE(transfer.Of(rule).empty());
}

TEST(EngineTest, MissedHealthAppointmentNotFollowedUp) {
  const std::string rule = "missed_health_appointment_not_followed_up";
  Events planted;
  planted.Add(kHealth, "missed_health_appointment", 0, {{"service", "camhs"}});
  EXPECT_TRUE(planted.Of(rule, 28).empty()) << "still within its 28 days";
  ASSERT_EQ(planted.Of(rule, 29).size(), 1u);

  Events followed;
  followed.Add(kHealth, "missed_health_appointment", 0, {{"service", "health_visiting"}});
  followed.Add(kHealth, "health_follow_up", 28, {{"service", "health_visiting"}});
  EXPECT_TRUE(followed.Of(rule).empty());

  Events followed_late;
  followed_late.Add(kHealth, "missed_health_appointment", 0, {{"service", "health_visiting"}});
  followed_late.Add(kHealth, "health_follow_up", 29, {{"service", "health_visiting"}});
  EXPECT_EQ(followed_late.Of(rule).size(), 1u);

  Events other_service;  // a GP contact does not follow up a missed CAMHS appointment
  other_service.Add(kHealth, "missed_health_appointment", 0, {{"service", "camhs"}});
  other_service.Add(kHealth, "health_follow_up", 3, {{"service", "gp"}});
  EXPECT_EQ(other_service.Of(rule).size(), 1u);

  Events dental;  // outside the rule's services
  dental.Add(kHealth, "missed_health_appointment", 0, {{"service", "dental"}});
  EXPECT_TRUE(dental.Of(rule).empty());
}

TEST(EngineTest, NewAdultKnownToPoliceOrProbation) {
  const std::string rule = "new_adult_known_to_police_or_probation";
  Events planted;
  planted.Add(kProbation, "household_member_joined", 0, {{"person_kind", "adult"}, {"known_to", "probation"}});
  const auto alerts = planted.Of(rule);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].scope, Scope::kHousehold);

  Events unknown;  // adult not known to police
  unknown.Add(kHousing, "household_member_joined", 0, {{"person_kind", "adult"}, {"known_to", "none"}});
  EXPECT_TRUE(unknown.Of(rule).empty());

  Events baby;
  baby.Add(kPolice, "household_member_joined", 0, {{"person_kind", "child"}, {"known_to", "police"}});
  EXPECT_TRUE(baby.Of(rule).empty());
}

TEST(EngineTest, ChildOnAPlanMovesOutOfTheArea) {
  const std::string rule = "child_on_plan_moves_out_of_area";
  Events planted;
  planted.Add(kHousing, "housing_move", 0, {{"out_of_area", "yes"}}).child_plan = PlanStatus::kChildProtection;
  const auto alerts = planted.Of(rule);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, 5);

  Events no_plan;
  no_plan.Add(kHousing, "housing_move", 0, {{"out_of_area", "yes"}});
  EXPECT_TRUE(no_plan.Of(rule).empty());

  Events local_move;
  local_move.Add(kHousing, "housing_move", 0, {{"out_of_area", "no"}}).child_plan = PlanStatus::kChildInNeed;
  EXPECT_TRUE(local_move.Of(rule).empty());
}

TEST(EngineTest, OverlappingWindowsAreOneAlertAndLaterPatternsAnother) {
  Events e;
  e.Add(kPolice, "police_incident", 0, kHighRisk);
  e.Add(kHealth, "missed_health_appointment", 3, {{"service", "gp"}});
  e.Add(kSchool, "school_exclusion", 6, {{"exclusion", "suspension"}});
  e.Add(kPolice, "police_incident", 10, kHighRisk);
  e.Add(kHealth, "unscheduled_care_attendance", 12, {{"setting", "walk_in_centre"}});
  e.Add(kPolice, "police_incident", 80, kHighRisk);
  e.Add(kSchool, "school_exclusion", 82, {{"exclusion", "suspension"}});
  const auto alerts = e.Of("concerns_from_two_agencies");
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].evidence.size(), 5u);
  EXPECT_EQ(alerts[0].first_on(), Day(0));
  EXPECT_EQ(alerts[0].last_on(), Day(12));
  EXPECT_EQ(alerts[1].evidence.size(), 2u);
  EXPECT_FALSE(alerts[0].SharesEvidenceWith(alerts[1]));
  // Three agencies raise the severity by one.
  EXPECT_EQ(alerts[0].severity, 4);
  EXPECT_EQ(alerts[1].severity, 3);
  const std::string why = alerts[0].Explanation(*DefaultRuleSet().Find("concerns_from_two_agencies"));
  EXPECT_NE(why.find("5 events from 3 agencies (police, health, school)"), std::string::npos) << why;
}

TEST(EngineTest, HighSignificanceRaisesSeverityAndGroupsCombine) {
  Events e;
  e.Add(kPolice, "police_incident", 0, kHighRisk).significance = domain::Significance::kHigh;
  e.Add(kHealth, "missed_health_appointment", 1, {{"service", "camhs"}});
  const auto alerts = e.Run(100);
  // concerns_from_two_agencies (3 + 1 for high) and the CAMHS appointment not followed up.
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].severity, 4);
  const auto groups = GroupAlerts(alerts);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].alerts.size(), 2u);
  EXPECT_EQ(groups[0].severity, 5);
}

TEST(EngineTest, ResultDoesNotDependOnTheOrderEventsArrive) {
  Events e;
  for (int i = 0; i < 60; ++i) {
    e.Add(i % 2 ? kPolice : kHealth, i % 2 ? "police_incident" : "unscheduled_care_attendance", i * 9,
          i % 2 ? kDomesticAbuse : std::vector<std::pair<std::string, std::string>>{{"setting", "emergency_department"}},
          1 + i % 3);
  }
  const auto expected = e.Run();
  EXPECT_FALSE(expected.empty());
  std::mt19937 random(7);
  std::shuffle(e.list().begin(), e.list().end(), random);
  EXPECT_EQ(e.Run(), expected);
}

TEST(EngineTest, EvaluatingChosenSubjectsGivesTheirAlertsOfAFullEvaluation) {
  // Children 1-8 in households 10-13 (two each), events of every kind the household and
  // child rules count, so both scopes raise alerts for several subjects.
  Events e;
  std::mt19937 random(11);
  const std::vector<std::pair<std::int64_t, std::string>> kinds = {
      {kPolice, "police_incident"}, {kHealth, "unscheduled_care_attendance"}, {kSchool, "school_exclusion"},
      {kHealth, "missed_health_appointment"}, {kHousing, "housing_move"}, {kProbation, "probation_contact"}};
  for (int i = 0; i < 400; ++i) {
    const auto& [agency, kind] = kinds[random() % kinds.size()];
    const std::int64_t child = 1 + static_cast<std::int64_t>(random() % 8);
    std::vector<std::pair<std::string, std::string>> attributes = kDomesticAbuse;
    if (kind == "unscheduled_care_attendance") attributes = {{"setting", "emergency_department"}};
    if (kind == "school_exclusion") attributes = {{"exclusion", "suspension"}};
    if (kind == "missed_health_appointment") attributes = {{"service", "camhs"}};
    if (kind == "housing_move") attributes = {{"out_of_area", "yes"}};
    e.Add(agency, kind, static_cast<int>(random() % 700), attributes, child, 10 + (child - 1) / 2);
  }
  std::vector<const RuleEvent*> events;
  for (const RuleEvent& r : e.list()) events.push_back(&r);
  const std::vector<Alert> all = e.Run();
  const std::vector<std::int64_t> children = {2, 3, 7}, households = {11, 13};
  std::vector<Alert> expected;
  for (const Alert& a : all) {
    const bool chosen = a.scope == Scope::kChild
                            ? std::binary_search(children.begin(), children.end(), a.child.value)
                            : std::binary_search(households.begin(), households.end(), a.household.value);
    if (chosen) expected.push_back(a);
  }
  bool child_alert = false, household_alert = false, other_alert = false;
  for (const Alert& a : expected) (a.scope == Scope::kChild ? child_alert : household_alert) = true;
  other_alert = expected.size() < all.size();
  ASSERT_TRUE(child_alert && household_alert && other_alert) << "the events must raise alerts of both scopes";
  EXPECT_EQ(Evaluate(DefaultRuleSet(), events, Day(800), Subjects{children, households}), expected);
  EXPECT_TRUE(Evaluate(DefaultRuleSet(), events, Day(800), Subjects{}).empty());
}

}  // namespace
}  // namespace safehub::rules
