#include "domain/signposting.h"

#include "domain/validation.h"

namespace safehub::domain {
namespace {

// 12 months after `end`: the same day of the month a year later (29 Feb -> 28 Feb).
Date YearAfter(Date end) {
  auto d = Date::FromYmd(end.year() + 1, end.month(), end.day());
  if (d.ok()) return *d;
  return Date::FromYmd(end.year() + 1, end.month(), 28).value();
}

}  // namespace

std::string_view ToString(PlanType type) {
  switch (type) {
    case PlanType::kChildProtectionPlan: return "child_protection_plan";
    case PlanType::kChildInNeedPlan: return "child_in_need_plan";
    case PlanType::kLookedAfter: return "looked_after";
    case PlanType::kUnbornChildProtectionPlan: return "unborn_child_protection_plan";
  }
  return "child_protection_plan";
}

Result<PlanType> ParsePlanType(std::string_view s) {
  for (PlanType t : {PlanType::kChildProtectionPlan, PlanType::kChildInNeedPlan, PlanType::kLookedAfter,
                     PlanType::kUnbornChildProtectionPlan}) {
    if (ToString(t) == s) return t;
  }
  return InvalidArgument("'" + std::string(s.substr(0, 40)) +
                             "' is not one of child_protection_plan, child_in_need_plan, looked_after, "
                             "unborn_child_protection_plan",
                         "type");
}

Status Validate(const PlanPeriod& p, Date today) {
  Violations v("plan period" + (p.id.valid() ? " " + p.id.ToString() : std::string()));
  if (!p.child.valid()) v.Add("child_id", "is required");
  if (!p.responsible_team.valid()) v.Add("responsible_team_id", "is required: signposting gives its contacts");
  if (!p.key_worker.valid()) v.Add("key_worker_id", "is required: the key worker is told of every lookup");
  if (p.start > today) v.Add("start", p.start.ToString() + " is after today " + today.ToString());
  if (p.end && *p.end < p.start) v.Add("end", p.end->ToString() + " precedes start " + p.start.ToString());
  return v.ToStatus();
}

bool IsVulnerableOn(std::span<const PlanPeriod> periods, Date on) { return CurrentPeriod(periods, on).has_value(); }

std::optional<PlanPeriod> CurrentPeriod(std::span<const PlanPeriod> periods, Date on) {
  std::optional<PlanPeriod> open, recent;
  for (const PlanPeriod& p : periods) {
    if (p.start > on) continue;
    if (!p.end || *p.end >= on) {
      if (!open || p.start > open->start) open = p;
    } else if (on <= YearAfter(*p.end)) {
      if (!recent || *p.end > *recent->end) recent = p;
    }
  }
  return open ? open : recent;
}

PlanPeriod AsAnsweredOn(PlanPeriod period, std::optional<Date> born, Date on) {
  if (period.type != PlanType::kUnbornChildProtectionPlan || !born || *born > on) return period;
  // Ended on or before the birth day: it stayed an unborn child's plan (as the split does).
  if (period.end && *period.end <= *born) return period;
  period.type = PlanType::kChildProtectionPlan;
  if (period.start < *born) period.start = *born;
  return period;
}

}  // namespace safehub::domain
