#include "app/concern_patterns.h"

#include <functional>
#include <map>
#include <random>

#include "domain/signposting.h"

namespace safehub::app {
namespace {

using Attributes = std::map<std::string, std::string>;

class Planter {
 public:
  Planter(store::Transaction& tx, const PatternOptions& o, std::map<std::string, AgencyId> agencies)
      : tx_(tx), o_(o), rng_(o.seed ^ 0x9e3779b97f4a7c15ULL), agencies_(std::move(agencies)) {}

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // A new household with `children` children aged `age_years`; returns the household.
  Result<HouseholdId> Family(int children, int age_years, std::vector<PersonId>& out) {
    ASSIGN_OR_RETURN(HouseholdId h, tx_.InsertHousehold({HouseholdId(), "Planted case " + std::to_string(++serial_),
                                                         "NS9 9ZZ"}));
    out.clear();
    for (int i = 0; i < children; ++i) {
      domain::Person p;
      p.first_name = "Case" + std::to_string(serial_);
      p.surname = i == 0 ? "Planted" : "Plantedsibling";
      p.date_of_birth = o_.today.AddDays(-age_years * 365 - Uniform(0, 200) - i * 400);
      ASSIGN_OR_RETURN(PersonId id, tx_.InsertPerson(p));
      RETURN_IF_ERROR(tx_.AddMember({h, id, *p.date_of_birth, std::nullopt}));
      out.push_back(id);
    }
    return h;
  }

  Status Event(PersonId child, const char* agency, const char* kind, int days_ago, Attributes attributes) {
    domain::Event e;
    e.child = child;
    e.agency = agencies_.at(agency);
    e.kind = kind;
    e.occurred_on = o_.today.AddDays(-days_ago);
    e.summary = "planted";
    e.source_reference = "PLANT-" + std::to_string(++events_);
    e.attributes = std::move(attributes);
    return tx_.InsertEvent(e).status();
  }

  Status Plan(PersonId child, int started_days_ago, std::optional<int> ended_days_ago) {
    domain::PlanPeriod p;
    p.child = child;
    p.type = domain::PlanType::kChildProtectionPlan;
    p.start = o_.today.AddDays(-started_days_ago);
    if (ended_days_ago) p.end = o_.today.AddDays(-*ended_days_ago);
    p.responsible_team = o_.plan_team;
    p.key_worker = o_.plan_key_worker;
    return tx_.InsertPlanPeriod(p).status();
  }

 private:
  store::Transaction& tx_;
  const PatternOptions& o_;
  std::mt19937_64 rng_;
  std::map<std::string, AgencyId> agencies_;
  int serial_ = 0;
  int events_ = 0;
};

const Attributes kIncident = {{"risk", "low"}, {"notification", "information_only"}};
const Attributes kAbuse = {{"risk", "low"}, {"notification", "information_only"}, {"domestic_abuse", "yes"}};
const Attributes kAttendance = {{"setting", "emergency_department"}};

Attributes Percent(int p) { return {{"attendance_percent", std::to_string(p)}}; }
Attributes Service(const char* s) { return {{"service", s}}; }

std::string ChildKey(PersonId id) { return "child:" + id.ToString(); }
std::string HouseholdKey(HouseholdId id) { return "household:" + id.ToString(); }

// One planted case: writes its events and returns its ground truth. `variant` picks among
// the decoys (and varies the positives) so every kind of decoy appears.
using Case = std::function<Result<PlantedPattern>(Planter&, bool positive, int variant)>;

std::vector<std::pair<std::string, Case>> Cases() {
  std::vector<std::pair<std::string, Case>> cases;
  cases.emplace_back("persistent_absence_with_concern", [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    RETURN_IF_ERROR(p.Family(1, 9, kids).status());
    const int start = p.Uniform(150, 500);
    if (positive) {
      RETURN_IF_ERROR(p.Event(kids[0], "school", "school_attendance", start, Percent(p.Uniform(60, 89))));
      const int gap = v % 2 ? 120 : p.Uniform(0, 119);  // the window's last day, or inside it
      RETURN_IF_ERROR(p.Event(kids[0], v % 3 ? "police" : "health", v % 3 ? "police_incident" : "missed_health_appointment",
                              start - gap, v % 3 ? kIncident : Service("gp")));
      return PlantedPattern{"", ChildKey(kids[0]), true, "absence under 90% and another agency's concern"};
    }
    switch (v % 3) {
      case 0:
        RETURN_IF_ERROR(p.Event(kids[0], "school", "school_attendance", start, Percent(p.Uniform(90, 99))));
        RETURN_IF_ERROR(p.Event(kids[0], "police", "police_incident", start - 10, kIncident));
        return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: attendance 90% or more"};
      case 1:
        RETURN_IF_ERROR(p.Event(kids[0], "school", "school_attendance", start, Percent(80)));
        RETURN_IF_ERROR(p.Event(kids[0], "school", "school_exclusion", start - 5, {{"exclusion", "suspension"}}));
        return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: the school's own concern only"};
      default:
        RETURN_IF_ERROR(p.Event(kids[0], "school", "school_attendance", start, Percent(80)));
        RETURN_IF_ERROR(p.Event(kids[0], "police", "police_incident", start - 121, kIncident));
        return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: concern 121 days later"};
    }
  });
  cases.emplace_back("concerns_from_two_agencies", [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    RETURN_IF_ERROR(p.Family(1, 7, kids).status());
    const int start = p.Uniform(40, 600);
    RETURN_IF_ERROR(p.Event(kids[0], "police", "police_incident", start, kIncident));
    if (positive) {
      RETURN_IF_ERROR(p.Event(kids[0], "health", "missed_health_appointment", start - (v % 2 ? 7 : p.Uniform(0, 6)),
                              Service("gp")));
      return PlantedPattern{"", ChildKey(kids[0]), true, "police and health within 7 days"};
    }
    if (v % 2) {
      RETURN_IF_ERROR(p.Event(kids[0], "police", "police_incident", start - p.Uniform(1, 7), kIncident));
      return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: two concerns from the same agency"};
    }
    RETURN_IF_ERROR(p.Event(kids[0], "health", "missed_health_appointment", start - p.Uniform(8, 30), Service("gp")));
    return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: second agency 8 or more days later"};
  });
  cases.emplace_back("repeated_domestic_abuse", [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    ASSIGN_OR_RETURN(HouseholdId h, p.Family(2, 6, kids));
    const int start = p.Uniform(370, 800);
    RETURN_IF_ERROR(p.Event(kids[0], "police", "police_incident", start, kAbuse));
    if (positive) {
      RETURN_IF_ERROR(p.Event(kids[1], "police", "police_incident", start - (v % 2 ? 365 : p.Uniform(1, 364)), kAbuse));
      return PlantedPattern{"", HouseholdKey(h), true, "two domestic abuse notifications within 12 months"};
    }
    switch (v % 3) {
      case 0:
        RETURN_IF_ERROR(p.Event(kids[1], "police", "police_incident", start, kAbuse));
        return PlantedPattern{"", HouseholdKey(h), false, "decoy: one incident notified for two siblings"};
      case 1:
        RETURN_IF_ERROR(p.Event(kids[1], "police", "police_incident", start - 366, kAbuse));
        return PlantedPattern{"", HouseholdKey(h), false, "decoy: 366 days apart"};
      default: {
        Attributes no = kAbuse;
        no["domestic_abuse"] = "no";
        RETURN_IF_ERROR(p.Event(kids[1], "police", "police_incident", start - 30, no));
        return PlantedPattern{"", HouseholdKey(h), false, "decoy: the second incident is not domestic abuse"};
      }
    }
  });
  cases.emplace_back("frequent_unscheduled_care_under_5", [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    const bool older = !positive && v % 3 == 0;
    RETURN_IF_ERROR(p.Family(1, older ? 7 : 3, kids).status());
    const int start = p.Uniform(200, 300);
    const int spread = positive ? (v % 2 ? 183 : p.Uniform(10, 182)) : (older ? 60 : p.Uniform(184, 190));
    RETURN_IF_ERROR(p.Event(kids[0], "hospital", "unscheduled_care_attendance", start, kAttendance));
    if (positive || v % 3 != 2) {
      RETURN_IF_ERROR(p.Event(kids[0], "hospital", "unscheduled_care_attendance", start - spread / 2, kAttendance));
    }
    RETURN_IF_ERROR(p.Event(kids[0], "hospital", "unscheduled_care_attendance", start - spread, kAttendance));
    const char* what = positive ? "three attendances within 6 months, under 5"
                       : older  ? "decoy: the child is over 5"
                       : v % 3 == 2 ? "decoy: two attendances only"
                                    : "decoy: three attendances over more than 6 months";
    return PlantedPattern{"", ChildKey(kids[0]), positive, what};
  });
  cases.emplace_back("missed_health_appointment_not_followed_up",
                     [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    RETURN_IF_ERROR(p.Family(1, 2, kids).status());
    const char* service = v % 2 ? "camhs" : "health_visiting";
    if (positive) {
      const int missed = p.Uniform(29, 400);
      RETURN_IF_ERROR(p.Event(kids[0], "health", "missed_health_appointment", missed, Service(service)));
      if (v % 3 == 0) RETURN_IF_ERROR(p.Event(kids[0], "health", "health_follow_up", missed - 5, Service("gp")));
      return PlantedPattern{"", ChildKey(kids[0]), true, "missed and not followed up within 28 days"};
    }
    switch (v % 3) {
      case 0: {
        const int missed = p.Uniform(40, 400);
        RETURN_IF_ERROR(p.Event(kids[0], "health", "missed_health_appointment", missed, Service(service)));
        RETURN_IF_ERROR(p.Event(kids[0], "health", "health_follow_up", missed - p.Uniform(0, 28), Service(service)));
        return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: followed up within 28 days"};
      }
      case 1:
        RETURN_IF_ERROR(p.Event(kids[0], "health", "missed_health_appointment", p.Uniform(40, 400), Service("dental")));
        return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: a dental appointment"};
      default:
        RETURN_IF_ERROR(p.Event(kids[0], "health", "missed_health_appointment", p.Uniform(0, 28), Service(service)));
        return PlantedPattern{"", ChildKey(kids[0]), false, "decoy: still within its 28 days"};
    }
  });
  cases.emplace_back("new_adult_known_to_police_or_probation",
                     [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    ASSIGN_OR_RETURN(HouseholdId h, p.Family(1, 5, kids));
    const char* known = positive ? (v % 3 == 0 ? "police" : v % 3 == 1 ? "probation" : "police_and_probation") : "none";
    const char* who = !positive && v % 2 ? "child" : "adult";
    if (!positive && v % 2) known = "police";
    RETURN_IF_ERROR(p.Event(kids[0], v % 2 ? "probation" : "police", "household_member_joined", p.Uniform(1, 500),
                            {{"person_kind", who}, {"known_to", known}}));
    return PlantedPattern{"", HouseholdKey(h), positive,
                          positive ? "an adult known to police or probation joined"
                          : v % 2  ? "decoy: a child joined"
                                   : "decoy: an adult not known to police or probation"};
  });
  cases.emplace_back("child_on_plan_moves_out_of_area", [](Planter& p, bool positive, int v) -> Result<PlantedPattern> {
    std::vector<PersonId> kids;
    RETURN_IF_ERROR(p.Family(1, 8, kids).status());
    const int moved = p.Uniform(10, 300);
    const char* out = positive || v % 3 != 1 ? "yes" : "no";
    if (positive) RETURN_IF_ERROR(p.Plan(kids[0], moved + p.Uniform(0, 200), std::nullopt));
    if (!positive && v % 3 == 1) RETURN_IF_ERROR(p.Plan(kids[0], moved + 100, std::nullopt));
    if (!positive && v % 3 == 2) RETURN_IF_ERROR(p.Plan(kids[0], moved + 300, moved + 1));
    RETURN_IF_ERROR(p.Event(kids[0], "housing", "housing_move", moved, {{"out_of_area", out}}));
    return PlantedPattern{"", ChildKey(kids[0]), positive,
                          positive      ? "on a plan, moved out of the area"
                          : v % 3 == 0  ? "decoy: not on a plan"
                          : v % 3 == 1  ? "decoy: on a plan, moved within the area"
                                        : "decoy: the plan ended the day before the move"};
  });
  return cases;
}

}  // namespace

Result<std::vector<PlantedPattern>> PlantConcernPatterns(store::Store& store, const PatternOptions& options) {
  std::vector<PlantedPattern> planted;
  RETURN_IF_ERROR(store.Write([&](store::Transaction& tx) -> Status {
    planted.clear();
    // The area's agencies by role, found by kind (and, for health, by code).
    std::map<std::string, AgencyId> agencies;
    ASSIGN_OR_RETURN(auto all, tx.ListAgencies());
    for (const auto& a : all) {
      using K = domain::AgencyKind;
      if (a.kind == K::kPolice) agencies.emplace("police", a.id);
      if (a.kind == K::kSchool) agencies.emplace("school", a.id);
      if (a.kind == K::kProbation) agencies.emplace("probation", a.id);
      if (a.kind == K::kHousing) agencies.emplace("housing", a.id);
      if (a.kind == K::kHealth && a.code == "RNS") agencies.emplace("health", a.id);
      if (a.kind == K::kHealth && a.code == "RNG") agencies.emplace("hospital", a.id);
    }
    for (const char* needed : {"police", "school", "probation", "housing", "health", "hospital"}) {
      if (!agencies.count(needed)) {
        return FailedPrecondition(std::string("the area has no ") + needed + " agency to plant patterns from");
      }
    }
    Planter planter(tx, options, agencies);
    for (const auto& [rule, make] : Cases()) {
      for (int i = 0; i < options.per_rule; ++i) {
        for (bool positive : {true, false}) {
          ASSIGN_OR_RETURN(PlantedPattern p, make(planter, positive, i));
          p.rule_id = rule;
          planted.push_back(std::move(p));
        }
      }
    }
    return Status::Ok();
  }));
  return planted;
}

}  // namespace safehub::app
