#include "app/synthetic_area.h"

#include <array>
#include <random>
#include <string>

#include "app/casework_codec.h"
#include "app/name_tables.h"
#include "app/open_timescales.h"
#include "app/signposting.h"
#include "app/synthetic_casework.h"
#include "domain/identifiers.h"

namespace safehub::app {

using namespace safehub::domain;

namespace {

constexpr int kLaCode = 891;  // the fictional Northshire's LA number

struct TeamSpec {
  const char* name;
  const char* office;
  const char* out_of_hours;
  int practitioners;
  const char* job_title;
};

struct AgencySpec {
  const char* name;
  AgencyKind kind;
  const char* code;
  std::vector<TeamSpec> teams;
};

std::vector<AgencySpec> AgencySpecs() {
  return {
      {"Northshire Council Children's Social Care", AgencyKind::kSocialCare, "891",
       {{"MASH and Front Door", "01632 960001", "01632 960999", 6, "Social worker"},
        {"Assessment Team", "01632 960002", "01632 960999", 8, "Social worker"},
        {"Child Protection and Court Team", "01632 960003", "01632 960999", 8, "Social worker"},
        {"Children in Need Team", "01632 960004", "01632 960999", 6, "Social worker"},
        {"Early Help Service", "01632 960005", "", 6, "Family support worker"}}},
      {"Northshire Police", AgencyKind::kPolice, "NP",
       {{"Public Protection Unit", "01632 960101", "101", 6, "Detective constable"},
        {"Neighbourhood Policing", "01632 960102", "101", 4, "Police constable"}}},
      {"Northshire Community Health NHS Trust", AgencyKind::kHealth, "RNS",
       {{"Health Visiting", "01632 960201", "111", 6, "Health visitor"},
        {"School Nursing", "01632 960202", "111", 4, "School nurse"},
        {"CAMHS", "01632 960203", "111", 4, "Clinical psychologist"}}},
      {"Northshire General Hospital", AgencyKind::kHealth, "RNG",
       {{"Emergency Department", "01632 960301", "01632 960300", 4, "Emergency nurse"},
        {"Maternity and Midwifery", "01632 960302", "01632 960300", 4, "Midwife"}}},
      {"Riverside Medical Practice", AgencyKind::kHealth, "N81001",
       {{"GP Practice", "01632 960401", "111", 4, "General practitioner"}}},
      {"Northshire Primary Schools", AgencyKind::kSchool, "891P",
       {{"Oakfield Primary School", "01632 960501", "", 2, "Designated safeguarding lead"},
        {"St Mary's Primary School", "01632 960502", "", 2, "Designated safeguarding lead"}}},
      {"Northshire Academy", AgencyKind::kSchool, "891S",
       {{"Northshire Academy", "01632 960601", "", 2, "Designated safeguarding lead"}}},
      {"Probation Service North", AgencyKind::kProbation, "PSN",
       {{"Offender Management", "01632 960701", "", 3, "Probation officer"}}},
      {"Northshire Housing", AgencyKind::kHousing, "NH", {{"Tenancy Support", "01632 960801", "", 2, "Housing officer"}}},
  };
}

// The open cases left for the demo logins' work lists (My work, the dashboard): the front
// door's (the MASH manager and the head of service see the MASH team's) and the assessment
// team's (the demo social worker's), each overdue or due soon on the generator's today.
struct DemoCase {
  OpenCaseStage stage;
  bool overdue;
};
// Interleaved, so that a small area (the e2e tests' 300 children place about four) still gives
// both the front door and the demo social worker something overdue.
constexpr std::array<DemoCase, 10> kDemoCases = {{
    {OpenCaseStage::kAssessment, true}, {OpenCaseStage::kContactDecision, true},
    {OpenCaseStage::kConference, true}, {OpenCaseStage::kReferralDecision, true},
    {OpenCaseStage::kAssessment, false}, {OpenCaseStage::kContactDecision, false},
    {OpenCaseStage::kFirstCoreGroup, false}, {OpenCaseStage::kReferralDecision, false},
    {OpenCaseStage::kConference, false}, {OpenCaseStage::kCoreGroup, true}}};

constexpr std::array<const char*, 24> kStreets = {
    "Church Road", "Station Road", "Victoria Road", "Park Road", "Green Lane", "Manor Road",
    "Mill Lane", "Queens Road", "New Road", "Kings Road", "Grange Road", "Albert Road",
    "North Street", "High Street", "School Lane", "Springfield Road", "Willow Close", "Elm Grove",
    "Chestnut Avenue", "Orchard Way", "Brook Street", "Meadow View", "Castle Street", "Riverside"};

struct Teams {
  std::vector<TeamId> ids;
  std::vector<std::vector<PractitionerId>> staff;
  std::vector<AgencyId> agency_of;
};

class Generator {
 public:
  Generator(store::Store& store, const SyntheticAreaOptions& options)
      : store_(store), options_(options), rng_(options.seed), identity_rng_(options.seed ^ 0x5AFE4B0Bull) {}

  Result<SyntheticArea> Run() {
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto existing, tx.ListAgencies());
      if (!existing.empty()) return FailedPrecondition("the database already holds an area; use a new --db file");
      return CreateOrganisations(tx);
    }));
    while (area_.children < options_.children) {
      RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
        for (int i = 0; i < 200 && area_.children < options_.children; ++i) RETURN_IF_ERROR(CreateHousehold(tx));
        return Status::Ok();
      }));
    }
    return area_;
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[static_cast<size_t>(Uniform(0, static_cast<int>(v.size()) - 1))]; }
  PractitionerId Staff(int team) { return Pick(teams_.staff[static_cast<size_t>(team)]); }

  Status CreateOrganisations(store::Transaction& tx) {
    for (const AgencySpec& spec : AgencySpecs()) {
      ASSIGN_OR_RETURN(AgencyId agency, tx.InsertAgency({AgencyId(), spec.name, spec.kind, spec.code}));
      ++area_.agencies;
      if (spec.kind == AgencyKind::kSocialCare) area_.social_care = agency;
      for (const TeamSpec& t : spec.teams) {
        ASSIGN_OR_RETURN(TeamId team, tx.InsertTeam({TeamId(), agency, t.name, t.office, t.out_of_hours}));
        ++area_.teams;
        std::vector<PractitionerId> staff;
        for (int i = 0; i < t.practitioners; ++i) {
          const bool girl = Chance(0.7);
          std::string name = (girl ? GirlsNames() : BoysNames()).Draw(rng_) + " " + Surnames().Draw(rng_);
          std::string email = "staff" + std::to_string(area_.practitioners + 1) + "@northshire.example";
          ASSIGN_OR_RETURN(PractitionerId p, tx.InsertPractitioner({PractitionerId(), team, name, t.job_title, email, t.office}));
          staff.push_back(p);
          ++area_.practitioners;
        }
        teams_.ids.push_back(team);
        teams_.staff.push_back(staff);
        teams_.agency_of.push_back(agency);
        if (std::string(t.name) == "Assessment Team") {
          area_.assessment_team = team;
          area_.assessment_social_worker = staff.front();
        }
        if (std::string(t.name) == "Public Protection Unit") area_.police_officer = staff.front();
        if (std::string(t.name) == "MASH and Front Door") {
          area_.mash_team = team;
          area_.mash_manager = staff.front();
        }
      }
    }
    return Status::Ok();
  }

  // Team indexes in the order AgencySpecs() declares them.
  enum TeamIndex { kMash, kAssessment, kChildProtection, kChildInNeed, kEarlyHelp, kPublicProtection,
                   kNeighbourhood, kHealthVisiting, kSchoolNursing, kCamhs, kEmergency, kMaternity, kGp,
                   kOakfield, kStMarys, kAcademy, kProbation, kHousing };

  Result<PersonId> InsertPerson(store::Transaction& tx, Person p) {
    ASSIGN_OR_RETURN(PersonId id, tx.InsertPerson(p));
    return id;
  }

  // Records the involvement and returns the named practitioner (or none).
  Result<PractitionerId> Involve(store::Transaction& tx, PersonId child, int team, Date from, const char* service,
                                 const char* role, bool named, SensitiveService sensitive = SensitiveService::kNone,
                                 PractitionerId who = PractitionerId()) {
    Involvement i;
    i.child = child;
    i.team = teams_.ids[static_cast<size_t>(team)];
    if (named) i.practitioner = who.valid() ? who : Staff(team);
    i.service = service;
    i.role = role;
    i.started_on = std::min(from, options_.today);
    i.sensitive_service = sensitive;
    i.consent_recorded = sensitive != SensitiveService::kNone;
    RETURN_IF_ERROR(tx.InsertInvolvement(i));
    ++area_.involvements;
    return i.practitioner;
  }

  Status AddEvent(store::Transaction& tx, PersonId child, int team, Date on, const char* kind, std::string summary,
                  Significance significance) {
    if (on > options_.today) return Status::Ok();
    Event e;
    e.child = child;
    e.agency = teams_.agency_of[static_cast<size_t>(team)];
    e.kind = kind;
    e.occurred_on = on;
    e.recorded_at = (on.days() + 1) * 86400 + 9 * 3600;
    e.summary = std::move(summary);
    e.significance = significance;
    e.source_reference = std::string(kind).substr(0, 3) + "-" + std::to_string(++event_serial_);
    RETURN_IF_ERROR(tx.InsertEvent(e));
    ++area_.events;
    return Status::Ok();
  }

  Date RandomDateSince(Date from) {
    const std::int64_t span = std::max<std::int64_t>(1, options_.today.days() - from.days());
    return from.AddDays(std::uniform_int_distribution<std::int64_t>(0, span)(rng_));
  }

  Status CreateHousehold(store::Transaction& tx) {
    const std::string surname = Surnames().Draw(rng_);
    Household h;
    h.address = std::to_string(Uniform(1, 180)) + " " + kStreets[static_cast<size_t>(Uniform(0, 23))] + ", Northshire";
    h.postcode = "NS" + std::to_string(Uniform(1, 9)) + " " + std::to_string(Uniform(1, 9)) +
                 static_cast<char>('A' + Uniform(0, 25)) + static_cast<char>('A' + Uniform(0, 25));
    ASSIGN_OR_RETURN(h.id, tx.InsertHousehold(h));
    ++area_.households;
    const Date moved_in = options_.today.AddDays(-Uniform(200, 365 * 12));

    Person mother;
    mother.kind = PersonKind::kAdult;
    mother.first_name = GirlsNames().Draw(rng_);
    mother.surname = surname;
    mother.sex = Sex::kFemale;
    mother.date_of_birth = options_.today.AddDays(-Uniform(19 * 365, 45 * 365));
    ASSIGN_OR_RETURN(mother.id, InsertPerson(tx, mother));
    RETURN_IF_ERROR(tx.AddMember({h.id, mother.id, moved_in, std::nullopt}));
    ++area_.adults;
    PersonId partner;
    if (Chance(0.6)) {
      Person p;
      p.kind = PersonKind::kAdult;
      p.first_name = BoysNames().Draw(rng_);
      p.surname = Chance(0.7) ? surname : Surnames().Draw(rng_);
      p.sex = Sex::kMale;
      p.date_of_birth = options_.today.AddDays(-Uniform(20 * 365, 50 * 365));
      ASSIGN_OR_RETURN(partner, InsertPerson(tx, p));
      RETURN_IF_ERROR(tx.AddMember({h.id, partner, moved_in, std::nullopt}));
      ++area_.adults;
    }

    // About one household in twelve is known to children's social care: the vulnerable
    // children whose records the demo is about; they carry most of the events.
    const bool vulnerable = Chance(0.08);
    const int children = Uniform(1, 4);
    std::vector<PersonId> siblings;
    Date last_dob;
    for (int c = 0; c < children && area_.children < options_.children; ++c) {
      Person child;
      const bool twin = c > 0 && Chance(0.03);
      // Pregnancies are more often known where social care is (pre-birth assessments).
      const bool unborn = !twin && c == children - 1 && Chance(vulnerable ? 0.15 : 0.02);
      child.sex = Chance(0.5) ? Sex::kFemale : Sex::kMale;
      child.surname = Chance(0.85) ? surname : Surnames().Draw(rng_);
      if (unborn) {
        child.kind = PersonKind::kUnbornChild;
        child.expected_birth_date = options_.today.AddDays(Uniform(20, 150));
        child.mother = mother.id;
        child.sex = Sex::kUnknown;
      } else {
        child.first_name = (child.sex == Sex::kFemale ? GirlsNames() : BoysNames()).Draw(rng_);
        child.date_of_birth = twin ? last_dob : options_.today.AddDays(-Uniform(10, 17 * 365 + 300));
        last_dob = *child.date_of_birth;
        if (Chance(0.92)) child.nhs_number = SyntheticNhsNumber(rng_());
      }
      const auto age = AgeInYears(child, options_.today);
      if (age && *age >= 4 && *age <= 16 && Chance(0.9)) child.upn = SyntheticUpn(kLaCode, rng_());
      // Every child of school age has a UPN (the census needs a UPN or an unknown-UPN
      // reason, and a child under 6 not yet at school gets UN6 from the returns).
      if (age && *age >= 5 && child.upn.empty()) child.upn = SyntheticUpn(kLaCode, identity_rng_());
      child.ethnicity = unborn ? "NOBT" : DrawEthnicity();
      ASSIGN_OR_RETURN(child.id, InsertPerson(tx, child));
      ++area_.children;
      const Date born = child.date_of_birth.value_or(options_.today);
      RETURN_IF_ERROR(tx.AddMember({h.id, child.id, std::max(born, moved_in), std::nullopt}));
      RETURN_IF_ERROR(tx.AddRelationship({mother.id, child.id, RelationshipKind::kParent, born, std::nullopt}));
      if (partner.valid()) {
        RETURN_IF_ERROR(tx.AddRelationship({partner, child.id, Chance(0.6) ? RelationshipKind::kParent
                                                                           : RelationshipKind::kPartnerOfParent,
                                            born, std::nullopt}));
      }
      for (PersonId sibling : siblings) {
        RETURN_IF_ERROR(tx.AddRelationship({sibling, child.id, RelationshipKind::kSibling, born, std::nullopt}));
      }
      siblings.push_back(child.id);
      RETURN_IF_ERROR(AddServices(tx, child, age.value_or(-1), vulnerable, mother.id));
    }
    return Status::Ok();
  }

  Status AddServices(store::Transaction& tx, const Person& child, int age, bool vulnerable, PersonId mother) {
    const Date window_start = options_.today.AddDays(-365 * options_.years);
    if (child.kind == PersonKind::kUnbornChild) {
      RETURN_IF_ERROR(Involve(tx, child.id, kMaternity, options_.today.AddDays(-Uniform(20, 120)), "Antenatal care",
                              "Community midwife", true));
      if (vulnerable) {
        const Date referred = options_.today.AddDays(-Uniform(5, 60));
        ASSIGN_OR_RETURN(PractitionerId social_worker, Involve(tx, child.id, kAssessment, referred,
                                                               "Pre-birth assessment", "Social worker", true));
        SimulatedCaseStart pre_birth;
        pre_birth.pre_birth = true;
        RETURN_IF_ERROR(AddCasework(tx, child, referred, pre_birth, {teams_.ids[kAssessment], social_worker}));
      }
      return Status::Ok();
    }
    const Date born = *child.date_of_birth;
    RETURN_IF_ERROR(Involve(tx, child.id, kGp, born, "GP registration", "Registered GP", false));
    RETURN_IF_ERROR(AddEvent(tx, child.id, kGp, std::max(born, window_start), "gp_registration",
                             "Registered with Riverside Medical Practice", Significance::kLow));
    if (age < 5) {
      RETURN_IF_ERROR(Involve(tx, child.id, kHealthVisiting, born.AddDays(14), "Health visiting", "Health visitor", true));
    }
    if (age >= 4 && age <= 16) {
      const int school = age >= 11 ? kAcademy : (Chance(0.5) ? kOakfield : kStMarys);
      const Date started = born.AddDays(365 * (age >= 11 ? 11 : 4) + 240);
      RETURN_IF_ERROR(Involve(tx, child.id, school, started, "Education", "Designated safeguarding lead", true));
      for (int term = 0; term < options_.years * 3; ++term) {
        const Date end_of_term = options_.today.AddDays(-term * 122 - Uniform(0, 20));
        if (end_of_term < started) break;
        const int attendance = vulnerable ? Uniform(72, 95) : Uniform(90, 100);
        RETURN_IF_ERROR(AddEvent(tx, child.id, school, end_of_term, "school_attendance",
                                 "Attendance this term " + std::to_string(attendance) + "%",
                                 attendance < 90 ? Significance::kMedium : Significance::kLow));
      }
    }
    if (Chance(vulnerable ? 0.6 : 0.12)) {
      RETURN_IF_ERROR(AddEvent(tx, child.id, kEmergency, RandomDateSince(std::max(born, window_start)),
                               "ae_attendance", Chance(0.5) ? "Attended A&E with a head injury after a fall"
                                                            : "Attended A&E with a burn to the hand",
                               vulnerable ? Significance::kMedium : Significance::kLow));
    }
    if (Chance(vulnerable ? 0.5 : 0.05)) {
      RETURN_IF_ERROR(AddEvent(tx, child.id, kHealthVisiting, RandomDateSince(std::max(born, window_start)),
                               "missed_health_appointment", "Was not brought to a developmental review",
                               Significance::kMedium));
    }
    if (!vulnerable && Chance(0.03)) {
      // A contact or a referral that went no further than an assessment, mostly.
      RETURN_IF_ERROR(AddCasework(tx, child, RandomDateSince(std::max(born, window_start))));
    }
    if (vulnerable) {
      // A demo case (kDemoCases) is open at a chosen stage; the others run from a referral.
      const bool demo = DemoCaseNext(born);
      Date referred = demo ? options_.today.AddDays(-300) : RandomDateSince(std::max(born, window_start));
      if (demo) RETURN_IF_ERROR(AddDemoCase(tx, child, referred));
      if (!demo) RETURN_IF_ERROR(AddReferredCase(tx, child, age, mother, referred));
      // A few are shielded (a refuge, or discussed at a MARAC); never the demo's open cases,
      // which the demo logins open from their work lists.
      if (!demo && Chance(0.05)) {
        Person shielded = child;
        shielded.shielding = Chance(0.5) ? Shielding::kRefuge : Shielding::kMarac;
        RETURN_IF_ERROR(tx.UpdatePerson(shielded));
      }
      if (Chance(0.5)) {
        RETURN_IF_ERROR(Involve(tx, child.id, kPublicProtection, std::max(born, referred.AddDays(-Uniform(1, 30))),
                                "Public protection", "Officer in the case", true));
      }
      for (int i = Uniform(1, 3); i > 0; --i) {
        RETURN_IF_ERROR(AddEvent(tx, child.id, kPublicProtection, RandomDateSince(std::max(born, window_start)),
                                 "police_incident",
                                 Chance(0.6) ? "Domestic abuse incident at the home address; child present"
                                             : "Concern for welfare call; child found home alone",
                                 Chance(0.4) ? Significance::kHigh : Significance::kMedium));
      }
      if (age >= 11 && Chance(0.2)) {
        RETURN_IF_ERROR(Involve(tx, child.id, kCamhs, RandomDateSince(std::max(born, window_start)),
                                "Child and adolescent mental health", "Clinician", true,
                                SensitiveService::kMentalHealth));
      }
    }
    return Status::Ok();
  }

  // A vulnerable child's casework from a referral on `referred` (moved into pregnancy for a
  // baby whose case began before birth), with its allocated social worker and, for some, a
  // looked-after period.
  Status AddReferredCase(store::Transaction& tx, const Person& child, int age, PersonId mother, Date& referred) {
    const Date born = *child.date_of_birth;
    SimulatedCaseStart start;
    start.transfer_in = Chance(0.025);
    // A baby whose case began in pregnancy: the pre-birth casework goes on after the birth.
    if (!start.transfer_in && age <= 1 && Chance(0.5)) {
      start.pre_birth = true;
      start.born_on = born;
      referred = born.AddDays(-Uniform(50, 200));
      Person linked = child;  // the unborn child was linked to the mother; the link stays
      linked.mother = mother;
      RETURN_IF_ERROR(tx.UpdatePerson(linked));
    }
    const int team = Chance(0.5) ? kAssessment : kChildProtection;
    ASSIGN_OR_RETURN(PractitionerId social_worker,
                     Involve(tx, child.id, team, std::max(referred, born), "Children's social care",
                             "Allocated social worker", true));
    RETURN_IF_ERROR(AddCasework(tx, child, referred, start, {teams_.ids[static_cast<size_t>(team)], social_worker}));
    // Looked-after periods have no workflow yet, so they are recorded as periods (CP and
    // CIN plans come from the casework above).
    if (Chance(0.08)) {
      PlanPeriod plan;
      plan.child = child.id;
      plan.type = PlanType::kLookedAfter;
      plan.start = std::min(options_.today, std::max(born, referred.AddDays(Uniform(10, 60))));
      if (Chance(0.3)) plan.end = std::min(options_.today, plan.start.AddDays(Uniform(60, 500)));
      plan.responsible_team = teams_.ids[static_cast<size_t>(team)];
      plan.key_worker = social_worker;
      RETURN_IF_ERROR(tx.InsertPlanPeriod(plan));
      ++area_.plan_periods;
    }
    return Status::Ok();
  }

  // Whether this vulnerable child (born on `born`) takes the next demo case: every second one
  // old enough for a plan of some months, until all are placed.
  bool DemoCaseNext(Date born) {
    if (area_.demo_open_cases >= static_cast<int>(kDemoCases.size())) return false;
    if (born > options_.today.AddDays(-400)) return false;
    return eligible_for_demo_++ % 2 == 0;
  }

  // One of kDemoCases: the front door's on the MASH team, the others on the assessment team,
  // every other one allocated to the demo social worker themselves.
  Status AddDemoCase(store::Transaction& tx, const Person& child, Date allocated) {
    const DemoCase demo = kDemoCases[static_cast<size_t>(area_.demo_open_cases)];
    const bool front_door = demo.stage == OpenCaseStage::kContactDecision ||
                            demo.stage == OpenCaseStage::kReferralDecision;
    const int team = front_door ? kMash : kAssessment;
    const PractitionerId who = !front_door && area_.demo_open_cases % 2 == 0 ? area_.assessment_social_worker
                                                                             : PractitionerId();
    ASSIGN_OR_RETURN(PractitionerId social_worker,
                     Involve(tx, child.id, team, allocated, front_door ? "MASH screening"
                                                                                      : "Children's social care",
                             front_door ? "Screening social worker" : "Allocated social worker", true,
                             SensitiveService::kNone, who));
    ++area_.demo_open_cases;
    return AddCasework(tx, child, options_.today, {}, {teams_.ids[static_cast<size_t>(team)], social_worker}, demo);
  }

  // Drives the child's casework through the workflow from `first` (or to a demo case's open
  // stage) and stores the accepted steps; each CP plan's key worker gets an involvement, as
  // app::Casework gives one, and every CP and CIN plan its signposting period in the same
  // unit of work (record once), a CIN plan answered for by `cin_owner`.
  Status AddCasework(store::Transaction& tx, const Person& child, Date first, const SimulatedCaseStart& start = {},
                     PlanOwner cin_owner = {}, std::optional<DemoCase> demo = std::nullopt) {
    ChildDetails details{child.id, child.date_of_birth, std::nullopt};
    if (start.pre_birth) {
      details.date_of_birth.reset();
      details.expected_birth_date = start.born_on ? ExpectedDateOfBornInCase(*start.born_on) : child.expected_birth_date;
    }
    auto history = CaseHistory::Create(details);
    if (!history.ok()) return history.status();
    SimulatedCaseCounts counts;
    if (demo) {
      SimulateOpenCase(*history, demo->stage, demo->overdue, options_.today, rng_, teams_.staff[kChildProtection], counts);
    } else {
      SimulateCase(*history, first, options_.today, rng_, teams_.staff[kChildProtection], counts, start);
    }
    const auto& steps = history->steps();
    if (steps.empty()) return Status::Ok();
    for (size_t i = 0; i < steps.size(); ++i) {
      const Date on = DateOf(steps[i]);
      RETURN_IF_ERROR(tx.AppendCaseworkStep({child.id, static_cast<std::int64_t>(i + 1), std::string(NameOf(steps[i])),
                                             EncodeStep(steps[i]), UserId(), on.days() * 86400 + 17 * 3600}));
    }
    RETURN_IF_ERROR(WriteOpenTimescales(tx, child.id, static_cast<std::int64_t>(steps.size()), *history));
    for (const auto& plan : history->child_protection_plans()) {
      // Each key worker in turn holds the plan's key-worker involvement: the first from the
      // plan's start, each next one from the day it passed to them (as app::Casework does).
      auto hold = [&](PractitionerId key_worker, Date from, std::optional<Date> to) -> Status {
        Involvement i;
        i.child = child.id;
        i.team = teams_.ids[kChildProtection];
        i.practitioner = key_worker;
        i.service = "Child protection plan";
        i.role = "Key worker";
        i.started_on = from;
        i.ended_on = to;
        ++area_.involvements;
        return tx.InsertInvolvement(i).status();
      };
      std::vector<domain::KeyWorkerChange> changes;
      for (const auto& c : history->key_worker_changes()) {
        if (c.cp_plan == plan.id) changes.push_back(c);
      }
      PractitionerId holder = changes.empty() ? plan.key_worker : changes.front().from;
      Date from = plan.start;
      for (const auto& c : changes) {
        RETURN_IF_ERROR(hold(holder, from, c.changed_on));
        holder = c.to;
        from = c.changed_on;
      }
      RETURN_IF_ERROR(hold(holder, from, plan.ended_on));
    }
    if (!history->child_in_need_plans().empty() && !cin_owner.key_worker.valid()) {
      cin_owner = {teams_.ids[kChildInNeed], Staff(kChildInNeed)};
    }
    RETURN_IF_ERROR(SyncPlanPeriods(tx, *history, cin_owner));
    area_.plan_periods += static_cast<int>(history->child_protection_plans().size() +
                                           history->child_in_need_plans().size());
    ++area_.casework_children;
    if (start.pre_birth) ++area_.pre_birth_cases;
    area_.casework_steps += static_cast<int>(steps.size());
    area_.referrals += counts.referrals;
    area_.re_referrals += counts.re_referrals;
    area_.cp_plans += counts.cp_plans;
    area_.cin_plans += counts.cin_plans;
    area_.late_steps += counts.late_steps;
    area_.refused_steps += counts.refused;
    area_.transfer_in_conferences += counts.transfer_in_conferences;
    area_.pre_birth_conferences += counts.pre_birth_conferences;
    area_.births_in_case += counts.births;
    area_.key_worker_changes += counts.key_worker_changes;
    return Status::Ok();
  }

  // Census ethnicity codes in roughly the proportions of England's children.
  std::string DrawEthnicity() {
    static constexpr std::array<std::pair<const char*, int>, 19> kShares = {{
        {"WBRI", 700}, {"WIRI", 3}, {"WIRT", 2}, {"WROM", 3}, {"WOTH", 50}, {"MWBC", 20}, {"MWBA", 10},
        {"MWAS", 15}, {"MOTH", 15}, {"AIND", 30}, {"APKN", 40}, {"ABAN", 15}, {"AOTH", 15}, {"BCRB", 10},
        {"BAFR", 30}, {"BOTH", 5}, {"CHNE", 5}, {"OOTH", 15}, {"NOBT", 17}}};
    int total = 0;
    for (const auto& [code, share] : kShares) total += share;
    int pick = static_cast<int>(identity_rng_() % static_cast<std::uint64_t>(total));
    for (const auto& [code, share] : kShares) {
      if (pick < share) return code;
      pick -= share;
    }
    return "NOBT";
  }

  store::Store& store_;
  SyntheticAreaOptions options_;
  std::mt19937_64 rng_;
  // Census identity (ethnicity, school UPNs) draws from its own stream so adding it left
  // every other generated value of a seed as it was.
  std::mt19937_64 identity_rng_;
  SyntheticArea area_;
  Teams teams_;
  std::uint64_t event_serial_ = 0;
  int eligible_for_demo_ = 0;
};

}  // namespace

std::string SyntheticNhsNumber(std::uint64_t random) {
  // Draw nine digits until the modulus 11 check digit is not 10 (about 1 in 11 draws fail).
  for (std::uint64_t r = random;; r = r * 6364136223846793005ULL + 1442695040888963407ULL) {
    std::string digits = std::to_string(100000000 + r % 900000000);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<size_t>(i)] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;
    return digits + static_cast<char>('0' + check);
  }
}

std::string SyntheticUpn(int la_code, std::uint64_t random) {
  std::string tail = std::to_string(la_code % 1000);
  while (tail.size() < 3) tail = "0" + tail;
  std::string serial = std::to_string(random % 1000000000ULL);
  while (serial.size() < 9) serial = "0" + serial;
  tail += serial;
  return std::string(1, UpnCheckLetter(tail).value()) + tail;
}

Result<SyntheticArea> GenerateSyntheticArea(store::Store& store, const SyntheticAreaOptions& options) {
  if (options.children <= 0) return InvalidArgument("children must be at least 1", "children");
  if (options.years <= 0 || options.years > 30) return InvalidArgument("years must be between 1 and 30", "years");
  ASSIGN_OR_RETURN(SyntheticArea area, Generator(store, options).Run());
  if (options.concern_patterns_per_rule > 0) {
    PatternOptions patterns;
    patterns.per_rule = options.concern_patterns_per_rule;
    patterns.seed = options.seed;
    patterns.today = options.today;
    patterns.plan_team = area.assessment_team;
    patterns.plan_key_worker = area.assessment_social_worker;
    ASSIGN_OR_RETURN(area.planted, PlantConcernPatterns(store, patterns));
  }
  return area;
}

}  // namespace safehub::app
