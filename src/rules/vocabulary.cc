#include "rules/vocabulary.h"

#include <array>
#include <cctype>
#include <tuple>

namespace safehub::rules {
namespace {

using T = AttributeType;

// The attributes mirror domain/feed_vocabulary.cc (vocabulary_test keeps them in step): a
// rule may only name what a feed can send.
constexpr std::string_view kServices =
    "health_visiting|camhs|gp|hospital|dental|school_nursing|other";

constexpr std::array<AttributeSpec, 3> kPoliceIncident = {{
    {"risk", T::kChoice, "high|low"},
    {"notification", T::kChoice, "information_only|formal_referral"},
    {"domestic_abuse", T::kChoice, "yes|no"},
}};
constexpr std::array<AttributeSpec, 2> kSchoolAttendance = {{
    {"attendance_percent", T::kPercent, ""},
    {"term", T::kText, ""},
}};
constexpr std::array<AttributeSpec, 2> kSchoolExclusion = {{
    {"exclusion", T::kChoice, "suspension|permanent"},
    {"days", T::kCount, ""},
}};
constexpr std::array<AttributeSpec, 1> kUnscheduledCare = {{
    {"setting", T::kChoice,
     "emergency_department|urgent_treatment_centre|walk_in_centre|out_of_hours_gp"},
}};
constexpr std::array<AttributeSpec, 1> kMissedAppointment = {{
    {"service", T::kChoice, kServices},
}};
constexpr std::array<AttributeSpec, 1> kGpRegistration = {{
    {"practice_code", T::kText, ""},
}};
constexpr std::array<AttributeSpec, 2> kHousingMove = {{
    {"new_postcode", T::kText, ""},
    {"out_of_area", T::kChoice, "yes|no"},
}};
constexpr std::array<AttributeSpec, 3> kMemberJoined = {{
    {"person_kind", T::kChoice, "adult|child"},
    {"known_to", T::kChoice, "police|probation|police_and_probation|none"},
    {"relationship", T::kText, ""},
}};
constexpr std::array<AttributeSpec, 1> kFollowUp = {{
    {"service", T::kChoice, kServices},
}};

constexpr std::array<EventKindSpec, 9> kKinds = {{
    {"police_incident", "an incident notification about a child (e.g. Merlin)", kPoliceIncident},
    {"school_attendance", "a child's attendance for a term", kSchoolAttendance},
    {"school_exclusion", "a suspension or permanent exclusion", kSchoolExclusion},
    {"unscheduled_care_attendance", "A&E, urgent treatment, walk-in or out-of-hours attendance",
     kUnscheduledCare},
    {"missed_health_appointment", "a child not brought to a health appointment",
     kMissedAppointment},
    {"gp_registration", "registration with a GP practice", kGpRegistration},
    {"housing_move", "the family moved home", kHousingMove},
    {"household_member_joined",
     "a person joined the child's household (derived by the application from membership)",
     kMemberJoined},
    {"health_follow_up",
     "a health service followed up a missed appointment (contact made, child seen)", kFollowUp},
}};

// "Attendance this term 87%" -> "87" (older synthetic data carries the figure only in text).
std::optional<std::string> PercentInText(std::string_view text) {
  const size_t percent = text.find('%');
  if (percent == std::string_view::npos) return std::nullopt;
  size_t start = percent;
  while (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1]))) --start;
  if (start == percent || percent - start > 3) return std::nullopt;
  return std::string(text.substr(start, percent - start));
}

}  // namespace

std::span<const EventKindSpec> RuleEventKinds() { return kKinds; }

int FindKindIndex(std::string_view kind) {
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i].kind == kind) return static_cast<int>(i);
  }
  return -1;
}

const AttributeSpec* FindAttribute(const EventKindSpec& kind, std::string_view name) {
  for (const AttributeSpec& a : kind.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool IsChoice(const AttributeSpec& spec, std::string_view value) {
  std::string_view rest = spec.choices;
  while (true) {
    const size_t bar = rest.find('|');
    if (rest.substr(0, bar) == value) return true;
    if (bar == std::string_view::npos) return false;
    rest.remove_prefix(bar + 1);
  }
}

std::string_view ToString(PlanStatus status) {
  switch (status) {
    case PlanStatus::kNone: return "none";
    case PlanStatus::kChildInNeed: return "child_in_need";
    case PlanStatus::kChildProtection: return "child_protection";
    case PlanStatus::kLookedAfter: return "looked_after";
  }
  return "none";
}

const std::string* RuleEvent::Attribute(std::string_view name) const {
  for (const auto& [key, value] : attributes) {
    if (key == name) return &value;
  }
  return nullptr;
}

bool EventBefore(const RuleEvent& a, const RuleEvent& b) {
  return std::tie(a.occurred_on, a.id) < std::tie(b.occurred_on, b.id);
}

RuleEvent FromDomainEvent(const domain::Event& event, domain::AgencyKind agency_kind,
                          const ChildFacts& facts) {
  RuleEvent r;
  r.id = event.id;
  r.child = event.child;
  r.household = facts.household;
  r.agency = event.agency;
  r.agency_kind = agency_kind;
  r.kind = event.kind;
  r.occurred_on = event.occurred_on;
  r.significance = event.significance;
  r.child_date_of_birth = facts.date_of_birth;
  r.child_plan = facts.plan;
  r.attributes.assign(event.attributes.begin(), event.attributes.end());
  if (r.kind == "ae_attendance") {
    r.kind = "unscheduled_care_attendance";
    if (r.Attribute("setting") == nullptr) r.attributes.emplace_back("setting", "emergency_department");
  }
  if (r.kind == "school_attendance" && r.Attribute("attendance_percent") == nullptr) {
    if (auto percent = PercentInText(event.summary)) {
      r.attributes.emplace_back("attendance_percent", *percent);
    }
  }
  return r;
}

}  // namespace safehub::rules
