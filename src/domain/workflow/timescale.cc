#include "domain/workflow/timescale.h"

#include <algorithm>

#include "domain/validation.h"

namespace safehub::domain {
namespace {

constexpr std::string_view kRecordNames[] = {
    "contact", "referral", "assessment", "strategy discussion", "s47 enquiry", "icpc",
    "cp plan", "core group", "review conference", "cin plan", "birth"};
constexpr std::string_view kTimescaleNames[] = {
    "contact decision", "referral decision", "assessment", "icpc", "transfer-in conference",
    "first core group", "core group", "first review", "review", "review after birth"};
constexpr std::string_view kStateNames[] = {"open", "met", "late", "not required"};

bool ByDue(const Timescale& a, const Timescale& b) {
  return a.due != b.due ? a.due < b.due : a.id < b.id;
}

void CheckWorkingDays(Violations& v, const char* field, WorkingDays w, int low, int high) {
  if (w.days < low || w.days > high) {
    v.Add(field, std::to_string(w.days) + " working days is outside " + std::to_string(low) + "-" +
                     std::to_string(high));
  }
}

}  // namespace

std::string_view ToString(RecordKind kind) { return kRecordNames[static_cast<int>(kind)]; }

Result<RecordKind> ParseRecordKind(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(RecordKind::kBirth); ++i) {
    if (kRecordNames[i] == s) return static_cast<RecordKind>(i);
  }
  return InvalidArgument("'" + std::string(s.substr(0, 32)) + "' is not a kind of casework record", "started_by");
}

std::string RecordRef::ToString() const {
  if (kind == RecordKind::kBirth) return "birth";
  return std::string(domain::ToString(kind)) + " " + std::to_string(number);
}

std::string_view ToString(TimescaleKind kind) { return kTimescaleNames[static_cast<int>(kind)]; }

Result<TimescaleKind> ParseTimescaleKind(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(TimescaleKind::kReviewAfterBirth); ++i) {
    if (kTimescaleNames[i] == s) return static_cast<TimescaleKind>(i);
  }
  return InvalidArgument("'" + std::string(s.substr(0, 32)) + "' is not a timescale", "timescale");
}

std::string_view ToString(TimescaleState state) { return kStateNames[static_cast<int>(state)]; }

Status TimescaleRules::Validate() const {
  Violations v("timescale rules");
  CheckWorkingDays(v, "contact_decision", contact_decision, 1, 5);
  CheckWorkingDays(v, "referral_decision", referral_decision, 1, 5);
  CheckWorkingDays(v, "assessment", assessment, 1, 45);
  CheckWorkingDays(v, "initial_conference", initial_conference, 1, 15);
  CheckWorkingDays(v, "transfer_in_conference", transfer_in_conference, 1, 15);
  CheckWorkingDays(v, "first_core_group", first_core_group, 1, 10);
  // domain.md: "first review within 10-20 working days of birth (local)".
  CheckWorkingDays(v, "review_after_birth", review_after_birth, 10, 20);
  if (core_group_interval_weeks < 1 || core_group_interval_weeks > 6) {
    v.Add("core_group_interval_weeks", "must be 1-6 (Working Together: at least every 6 weeks)");
  }
  if (first_review_months < 1 || first_review_months > 3) {
    v.Add("first_review_months", "must be 1-3 (Working Together: first review within 3 months)");
  }
  if (review_interval_months < 1 || review_interval_months > 6) {
    v.Add("review_interval_months", "must be 1-6 (Working Together: reviews at most 6 months apart)");
  }
  if (re_referral_months != 12) v.Add("re_referral_months", "must be 12 (DfE re-referral definition)");
  return v.ToStatus();
}

std::vector<Timescale> Overdue(std::span<const Timescale> timescales, Date as_of) {
  std::vector<Timescale> out;
  for (const Timescale& t : timescales) {
    if (t.IsOpen() && t.due < as_of) out.push_back(t);
  }
  std::sort(out.begin(), out.end(), ByDue);
  return out;
}

std::vector<Timescale> DueSoon(std::span<const Timescale> timescales, Date as_of, int working_days,
                               const WorkingDayCalendar& calendar) {
  const Date horizon = calendar.AddWorkingDays(as_of, working_days, StartDayConvention::kStartDayIsDayZero);
  std::vector<Timescale> out;
  for (const Timescale& t : timescales) {
    if (t.IsOpen() && t.due >= as_of && t.due <= horizon) out.push_back(t);
  }
  std::sort(out.begin(), out.end(), ByDue);
  return out;
}

int WorkingDaysOverdue(const Timescale& t, Date as_of, const WorkingDayCalendar& calendar) {
  if (!t.IsOpen() || !(t.due < as_of)) return 0;
  return std::max(1, calendar.WorkingDaysBetween(t.due, as_of, StartDayConvention::kStartDayIsDayZero));
}

int WorkingDaysLeft(const Timescale& t, Date as_of, const WorkingDayCalendar& calendar) {
  if (!t.IsOpen() || t.due < as_of) return 0;
  return calendar.WorkingDaysBetween(as_of, t.due, StartDayConvention::kStartDayIsDayZero);
}

}  // namespace safehub::domain
