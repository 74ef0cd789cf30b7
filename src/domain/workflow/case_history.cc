#include "domain/workflow/case_history.h"

#include <algorithm>

#include "domain/workflow/transition.h"

namespace safehub::domain {
namespace {

// An unborn child's casework may start in pregnancy: at most 40 weeks before the expected
// birth (domain.md: "unborn child: pre-birth assessment; plan can start before birth").
constexpr int kPregnancyDays = 280;

}  // namespace

Date ExpectedDateOfBornInCase(Date born_on) { return born_on.AddDays(-kBornInCaseDaysBeforeBirth); }

Result<ChildDetails> CaseChildDetails(const Person& person, std::span<const Step> steps) {
  ChildDetails details{person.id, std::nullopt, std::nullopt};
  const auto birth = std::find_if(steps.begin(), steps.end(),
                                  [](const Step& s) { return std::holds_alternative<RecordBirth>(s); });
  if (person.expected_birth_date && !person.date_of_birth) {
    details.expected_birth_date = person.expected_birth_date;
  } else if (birth != steps.end()) {
    details.expected_birth_date = ExpectedDateOfBornInCase(std::get<RecordBirth>(*birth).born_on);
  } else if (person.date_of_birth) {
    details.date_of_birth = person.date_of_birth;
  } else {
    return InvalidArgument("person " + person.id.ToString() +
                               " has neither a birth date nor an expected birth date; record one first",
                           "date_of_birth");
  }
  return details;
}

CaseHistory::CaseHistory(ChildDetails child, const WorkingDayCalendar& calendar, TimescaleRules rules)
    : child_(std::move(child)), calendar_(&calendar), rules_(rules) {
  earliest_date_ = child_.date_of_birth ? *child_.date_of_birth
                                        : child_.expected_birth_date->AddDays(-kPregnancyDays);
}

Result<CaseHistory> CaseHistory::Create(ChildDetails child, const WorkingDayCalendar& calendar,
                                        TimescaleRules rules) {
  Violations v("child " + child.child.ToString());
  if (child.date_of_birth.has_value() == child.expected_birth_date.has_value()) {
    v.Add("date_of_birth", "give exactly one of a birth date or an expected birth date (CIN census)");
  }
  v.AddIfError("rules", rules.Validate());
  RETURN_IF_ERROR(v.ToStatus());
  return CaseHistory(std::move(child), calendar, rules);
}

Result<CaseHistory> CaseHistory::Replay(ChildDetails child, std::span<const Step> steps, Date today,
                                        const WorkingDayCalendar& calendar, TimescaleRules rules) {
  ASSIGN_OR_RETURN(CaseHistory history, Create(std::move(child), calendar, rules));
  for (size_t i = 0; i < steps.size(); ++i) {
    auto applied = history.Apply(steps[i], today);
    if (!applied.ok()) {
      return Status(applied.status().code(),
                    "step " + std::to_string(i) + " (" + std::string(NameOf(steps[i])) + "): " +
                        applied.status().message(),
                    "steps");
    }
  }
  return history;
}

Result<RecordRef> CaseHistory::Apply(const Step& step, Date today) {
  Transition transition(*this, today);
  auto result = std::visit(transition, step);
  if (result.ok()) steps_.push_back(step);
  return result;
}

Status CaseHistory::Check(const Step& step, Date today) const {
  CaseHistory copy = *this;
  return copy.Apply(step, today).status();
}

const Referral* CaseHistory::OpenReferral() const {
  for (const Referral& r : referrals_) {
    if (r.IsOpen()) return &r;
  }
  return nullptr;
}

const ChildProtectionPlan* CaseHistory::OpenChildProtectionPlan() const {
  for (const ChildProtectionPlan& p : cp_plans_) {
    if (p.IsOpen()) return &p;
  }
  return nullptr;
}

const ChildInNeedPlan* CaseHistory::OpenChildInNeedPlan() const {
  for (const ChildInNeedPlan& p : cin_plans_) {
    if (p.IsOpen()) return &p;
  }
  return nullptr;
}

std::vector<Timescale> CaseHistory::Overdue(Date as_of) const {
  return domain::Overdue(timescales_, as_of);
}

std::vector<Timescale> CaseHistory::DueSoon(Date as_of, int working_days) const {
  return domain::DueSoon(timescales_, as_of, working_days, *calendar_);
}

const Timescale* CaseHistory::LatestTimescale(TimescaleKind kind) const {
  for (auto it = timescales_.rbegin(); it != timescales_.rend(); ++it) {
    if (it->kind == kind) return &*it;
  }
  return nullptr;
}

// ---- Transition helpers shared by the handlers -----------------------------------------

void CaseHistory::Transition::CheckDate(Violations& v, const std::string& field, Date d) const {
  if (d > today_) v.Add(field, Iso(d) + " is in the future (today " + Iso(today_) + ")" + std::string(kSourceFuture));
  if (d < c_.earliest_date_) {
    if (c_.child_.date_of_birth && !c_.child_.expected_birth_date) {
      v.Add(field, Iso(d) + " is before the child's birth on " + Iso(*c_.child_.date_of_birth) +
                       std::string(kSourceBirth));
    } else {
      v.Add(field, Iso(d) + " is more than 40 weeks before the expected birth on " +
                       Iso(*c_.child_.expected_birth_date) + std::string(kSourceBirth));
    }
  }
}

void CaseHistory::Transition::CheckNotBefore(Violations& v, const std::string& field, Date d, Date earlier,
                                             const std::string& what) const {
  if (d < earlier) v.Add(field, Iso(d) + " is before " + what + " on " + Iso(earlier) + std::string(kSourceOrder));
}

Referral* CaseHistory::Transition::OpenReferralFor(Violations& v, ReferralId id, const std::string& field) {
  if (!id.valid()) {
    for (Referral& r : c_.referrals_) {
      if (r.IsOpen()) return &r;
    }
    v.Add(field, "no open referral (CIN episode); receive a referral first" + std::string(kSourceOrder));
    return nullptr;
  }
  if (id.value > static_cast<std::int64_t>(c_.referrals_.size())) {
    v.Add(field, "referral " + id.ToString() + " does not exist");
    return nullptr;
  }
  Referral& r = c_.referrals_[static_cast<size_t>(id.value - 1)];
  if (!r.IsOpen()) {
    v.Add(field, "referral " + id.ToString() + " was closed on " + Iso(*r.closed_on) + std::string(kSourceOrder));
    return nullptr;
  }
  return &r;
}

void CaseHistory::Transition::CheckLate(Violations& v, const Timescale* t, Date on,
                                        const std::string& reason) const {
  if (t == nullptr || on <= t->due || !reason.empty()) return;
  v.Add("late_reason", "missing: " + Iso(on) + " is after the " + std::string(ToString(t->kind)) + " due date " +
                           Iso(t->due) + " set by " + t->started_by.ToString() + std::string(kSourceLate));
}

void CaseHistory::Transition::CheckReferralDecision(Violations& v, const Referral& r, Date on,
                                                    const std::string& reason) const {
  if (r.decided_on) return;
  for (const Timescale& t : c_.timescales_) {
    if (t.IsOpen() && t.kind == TimescaleKind::kReferralDecision && t.referral == r.id) CheckLate(v, &t, on, reason);
  }
}

void CaseHistory::Transition::DecideReferral(Referral& r, Date on, std::optional<ReferralDecision> decision, RecordRef by,
                                             const std::string& reason) {
  if (r.decided_on) return;
  r.decided_on = on;
  r.decision = decision;
  Complete(FindOpen(TimescaleKind::kReferralDecision, {RecordKind::kReferral, r.id.value}), on, by, reason);
}

void CaseHistory::Transition::WithdrawPlanTimescales(ChildProtectionPlanId plan, Date on, RecordRef by) {
  for (Timescale& t : c_.timescales_) {
    if (t.IsOpen() && t.plan == plan) {
      t.state = TimescaleState::kNotRequired;
      t.completed_on = on;
      t.completed_by = by;
    }
  }
}

void CaseHistory::Transition::WithdrawReferralTimescales(ReferralId referral, Date on, RecordRef by) {
  for (Timescale& t : c_.timescales_) {
    if (t.IsOpen() && t.referral == referral) {
      t.state = TimescaleState::kNotRequired;
      t.completed_on = on;
      t.completed_by = by;
    }
  }
}

Timescale* CaseHistory::Transition::FindOpen(TimescaleKind kind, RecordRef started_by) {
  for (Timescale& t : c_.timescales_) {
    if (t.IsOpen() && t.kind == kind && t.started_by == started_by) return &t;
  }
  return nullptr;
}

Timescale* CaseHistory::Transition::FindOpenForPlan(TimescaleKind kind, ChildProtectionPlanId plan) {
  for (Timescale& t : c_.timescales_) {
    if (t.IsOpen() && t.kind == kind && t.plan == plan) return &t;
  }
  return nullptr;
}

void CaseHistory::Transition::Complete(Timescale* t, Date on, RecordRef by, const std::string& reason) {
  if (t == nullptr) return;
  t->completed_on = on;
  t->completed_by = by;
  t->state = on > t->due ? TimescaleState::kLate : TimescaleState::kMet;
  if (t->state == TimescaleState::kLate) t->late_reason = reason;
}

void CaseHistory::Transition::Start(TimescaleKind kind, RecordRef started_by, Date from, Date due,
                                    ReferralId referral, ChildProtectionPlanId plan) {
  Timescale t;
  t.id = TimescaleId(static_cast<std::int64_t>(c_.timescales_.size()) + 1);
  t.kind = kind;
  t.started_by = started_by;
  t.started_on = from;
  t.due = due;
  t.referral = referral;
  t.plan = plan;
  c_.timescales_.push_back(std::move(t));
}

}  // namespace safehub::domain
