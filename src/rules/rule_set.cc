#include "rules/rule_set.h"

#include <charconv>
#include <utility>

namespace safehub::rules {
namespace {

std::optional<double> ParseNumber(const std::string& s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// Whole years between birth and `on` (a birthday counts on the day itself).
int AgeInYears(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

}  // namespace

std::string_view ToString(Scope scope) {
  return scope == Scope::kChild ? "child" : "household";
}

std::string_view ToString(Distinct distinct) {
  switch (distinct) {
    case Distinct::kEvent: return "event";
    case Distinct::kDay: return "day";
    case Distinct::kAgency: return "agency";
  }
  return "event";
}

std::string_view ToString(RouteTo route) {
  return route == RouteTo::kLeadPractitioner ? "lead_practitioner" : "mash";
}

bool Condition::Holds(const RuleEvent& event) const {
  // Significance is on every event, not among its attributes.
  std::string significance;
  const std::string* value = nullptr;
  if (attribute == "significance") {
    significance = std::string(domain::ToString(event.significance));
    value = &significance;
  } else {
    value = event.Attribute(attribute);
  }
  if (value == nullptr) return false;
  switch (op) {
    case ConditionOp::kEquals:
    case ConditionOp::kIn:
      for (const std::string& v : values) {
        if (v == *value) return true;
      }
      return false;
    default: break;
  }
  const std::optional<double> n = ParseNumber(*value);
  if (!n) return false;
  switch (op) {
    case ConditionOp::kBelow: return *n < number;
    case ConditionOp::kAtMost: return *n <= number;
    case ConditionOp::kAbove: return *n > number;
    case ConditionOp::kAtLeast: return *n >= number;
    default: return false;
  }
}

bool Clause::Matches(const RuleEvent& event, int kind_index) const {
  if (kind_index < 0 || (kinds & (1u << kind_index)) == 0) return false;
  if (agency_kinds != 0 && (agency_kinds & (1u << static_cast<int>(event.agency_kind))) == 0) {
    return false;
  }
  for (const Condition& c : where) {
    if (!c.Holds(event)) return false;
  }
  return true;
}

bool Rule::ChildConditionsHold(const RuleEvent& event) const {
  if (child_age_under) {
    // Unknown date of birth: the age rule cannot be applied, so it does not hold.
    if (!event.child_date_of_birth) return false;
    if (AgeInYears(*event.child_date_of_birth, event.occurred_on) >= *child_age_under) return false;
  }
  if (child_on_plan && (event.child_plan != PlanStatus::kNone) != *child_on_plan) return false;
  return true;
}

RuleSet::RuleSet(std::vector<Rule> rules, EscalationHours escalation, std::string origin)
    : rules_(std::move(rules)), escalation_(escalation), origin_(std::move(origin)) {
  for (const Rule& r : rules_) {
    for (const Clause& c : r.clauses) relevant_kinds_ |= c.kinds;
    if (r.unless_followed_by) relevant_kinds_ |= r.unless_followed_by->kinds;
  }
}

const Rule* RuleSet::Find(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace safehub::rules
