#include "domain/feed_vocabulary.h"

#include <array>
#include <charconv>
#include <optional>

#include "domain/household.h"

namespace safehub::domain {
namespace {

using T = AttributeType;

constexpr std::array<AttributeSpec, 3> kPoliceIncident = {{
    {"risk", T::kChoice, true, "high|low"},
    {"notification", T::kChoice, true, "information_only|formal_referral"},
    {"domestic_abuse", T::kChoice, false, "yes|no"},
}};
constexpr std::array<AttributeSpec, 2> kSchoolAttendance = {{
    {"attendance_percent", T::kPercent, true, ""},
    {"term", T::kText, false, ""},
}};
constexpr std::array<AttributeSpec, 2> kSchoolExclusion = {{
    {"exclusion", T::kChoice, true, "suspension|permanent"},
    {"days", T::kCount, false, ""},
}};
constexpr std::array<AttributeSpec, 1> kUnscheduledCare = {{
    {"setting", T::kChoice, true, "emergency_department|urgent_treatment_centre|walk_in_centre|out_of_hours_gp"},
}};
constexpr std::array<AttributeSpec, 1> kMissedAppointment = {{
    {"service", T::kChoice, true, "health_visiting|camhs|gp|hospital|dental|school_nursing|other"},
}};
constexpr std::array<AttributeSpec, 1> kGpRegistration = {{
    {"practice_code", T::kText, false, ""},
}};
// out_of_area: whether the new address is outside the local authority (the housing agency
// knows; a child on a plan moving away must be passed to the receiving area, issue 7).
constexpr std::array<AttributeSpec, 2> kHousingMove = {{
    {"new_postcode", T::kPostcode, false, ""},
    {"out_of_area", T::kChoice, false, "yes|no"},
}};
// Police or probation telling the area that an adult known to them joined a child's
// household (MAPPA and Clare's law disclosures arrive this way).
constexpr std::array<AttributeSpec, 3> kMemberJoined = {{
    {"person_kind", T::kChoice, true, "adult|child"},
    {"known_to", T::kChoice, true, "police|probation|police_and_probation|none"},
    {"relationship", T::kText, false, ""},
}};
// A health service following up a missed appointment (contact made, child seen), which
// answers the "missed appointment not followed up" rule.
constexpr std::array<AttributeSpec, 1> kFollowUp = {{
    {"service", T::kChoice, true, "health_visiting|camhs|gp|hospital|dental|school_nursing|other"},
}};

constexpr std::array<EventKindSpec, 9> kKinds = {{
    {"police_incident", "an incident notification about a child (e.g. Merlin)", kPoliceIncident},
    {"school_attendance", "a child's attendance for a term", kSchoolAttendance},
    {"school_exclusion", "a suspension or permanent exclusion", kSchoolExclusion},
    {"unscheduled_care_attendance", "A&E, urgent treatment, walk-in or out-of-hours attendance", kUnscheduledCare},
    {"missed_health_appointment", "a child not brought to a health appointment", kMissedAppointment},
    {"gp_registration", "registration with a GP practice", kGpRegistration},
    {"housing_move", "the family moved home", kHousingMove},
    {"household_member_joined", "a person joined the child's household", kMemberJoined},
    {"health_follow_up", "a health service followed up a missed appointment", kFollowUp},
}};

bool IsChoice(std::string_view choices, std::string_view value) {
  size_t start = 0;
  while (start <= choices.size()) {
    size_t end = choices.find('|', start);
    if (end == std::string_view::npos) end = choices.size();
    if (choices.substr(start, end - start) == value) return true;
    start = end + 1;
  }
  return false;
}

std::optional<long> ParseWhole(std::string_view s) {
  long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::span<const EventKindSpec> FeedEventKinds() { return kKinds; }

const EventKindSpec* FindEventKind(std::string_view kind) {
  for (const EventKindSpec& spec : kKinds) {
    if (spec.kind == kind) return &spec;
  }
  return nullptr;
}

void CheckAttributes(std::string_view kind, const std::map<std::string, std::string>& attributes, Violations& v) {
  const EventKindSpec* spec = FindEventKind(kind);
  if (spec == nullptr) {
    std::string known;
    for (const auto& k : kKinds) known += (known.empty() ? "" : ", ") + std::string(k.kind);
    v.Add("kind", "'" + std::string(kind.substr(0, 40)) + "' is not a feed event kind (" + known + ")");
    return;
  }
  for (const AttributeSpec& a : spec->attributes) {
    auto it = attributes.find(std::string(a.name));
    if (it == attributes.end() || it->second.empty()) {
      if (a.required) v.Add(std::string(a.name), "is required for " + std::string(kind));
      continue;
    }
    const std::string& value = it->second;
    switch (a.type) {
      case T::kChoice:
        if (!IsChoice(a.choices, value)) {
          v.Add(std::string(a.name), "'" + value.substr(0, 40) + "' is not one of " + std::string(a.choices));
        }
        break;
      case T::kPercent: {
        const auto n = ParseWhole(value);
        if (!n || *n < 0 || *n > 100) v.Add(std::string(a.name), "'" + value.substr(0, 40) + "' is not a whole percentage 0-100");
        break;
      }
      case T::kCount: {
        const auto n = ParseWhole(value);
        if (!n || *n < 0 || *n > 1000) v.Add(std::string(a.name), "'" + value.substr(0, 40) + "' is not a count 0-1000");
        break;
      }
      case T::kText:
        if (value.size() > 200) v.Add(std::string(a.name), "must be at most 200 characters");
        break;
      case T::kPostcode:
        v.AddIfError(std::string(a.name), NormalisePostcode(value).status());
        break;
    }
  }
  for (const auto& [name, value] : attributes) {
    bool known = false;
    for (const AttributeSpec& a : spec->attributes) known |= a.name == name;
    if (!known) v.Add(name.substr(0, 40), "is not an attribute of " + std::string(kind));
  }
}

}  // namespace safehub::domain
