// Statutory timescales: the configurable rules (how many working days or months, and which
// start-day convention), the Timescale a step starts (tied to the record that started it),
// and the overdue and due-soon lists of one case. Plain values; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/calendar/working_day_calendar.h"
#include "domain/workflow/ids.h"

namespace safehub::domain {

// The kinds of record of one child's casework, for references and messages.
enum class RecordKind {
  kContact, kReferral, kAssessment, kStrategyDiscussion, kSection47Enquiry,
  kInitialConference, kChildProtectionPlan, kCoreGroupMeeting, kReviewConference,
  kChildInNeedPlan, kBirth,
};
std::string_view ToString(RecordKind kind);  // "icpc", "cp plan", "s47 enquiry", ...
// The inverse of ToString (stored timescales name the record that started them).
Result<RecordKind> ParseRecordKind(std::string_view s);

// A record of this case: its kind and per-case number ("strategy discussion 2").
struct RecordRef {
  RecordKind kind = RecordKind::kReferral;
  std::int64_t number = 0;
  std::string ToString() const;
  auto operator<=>(const RecordRef&) const = default;
};

enum class TimescaleKind {
  kContactDecision,          // 1 working day from the contact
  kReferralDecision,         // 1 working day from the referral
  kAssessment,               // 45 working days from the referral
  kInitialConference,        // 15 working days from the strategy discussion
  kTransferInConference,     // 15 working days from the transfer-in referral
  kFirstCoreGroup,           // 10 working days from the ICPC
  kCoreGroup,                // 6 weeks from the previous core group
  kFirstReview,              // 3 months from the ICPC
  kReview,                   // 6 months from the previous review
  kReviewAfterBirth,         // 10-20 working days from the birth of a child on a pre-birth plan
};
std::string_view ToString(TimescaleKind kind);  // "icpc", "first core group", ... (scenario names)
Result<TimescaleKind> ParseTimescaleKind(std::string_view s);

enum class TimescaleState { kOpen, kMet, kLate, kNotRequired };
std::string_view ToString(TimescaleState state);

struct Timescale {
  TimescaleId id;
  TimescaleKind kind = TimescaleKind::kReferralDecision;
  RecordRef started_by;               // the event whose date starts the clock
  ReferralId referral;                // the CIN episode it belongs to
  ChildProtectionPlanId plan;         // the plan it belongs to (plan timescales only)
  Date started_on;
  Date due;
  TimescaleState state = TimescaleState::kOpen;
  std::optional<Date> completed_on;   // met, late, or the day it stopped being required
  RecordRef completed_by;
  std::string late_reason;            // required when completed after `due`
  bool IsOpen() const { return state == TimescaleState::kOpen; }
};

// A count of working days with its start-day convention.
struct WorkingDays {
  int days = 0;
  StartDayConvention convention = StartDayConvention::kStartDayIsDayZero;
};

// The timescales of domain.md with their conventions (docs/workflow.md says why each).
// Local authorities may change the "locally set" ones.
struct TimescaleRules {
  WorkingDays contact_decision{1, StartDayConvention::kStartDayIsDayZero};
  WorkingDays referral_decision{1, StartDayConvention::kStartDayIsDayZero};
  WorkingDays assessment{45, StartDayConvention::kStartDayIsDayOne};
  WorkingDays initial_conference{15, StartDayConvention::kStartDayIsDayOne};
  WorkingDays transfer_in_conference{15, StartDayConvention::kStartDayIsDayOne};
  WorkingDays first_core_group{10, StartDayConvention::kStartDayIsDayZero};
  int core_group_interval_weeks = 6;    // "at least every 6 weeks (locally set)"
  int first_review_months = 3;
  int review_interval_months = 6;
  WorkingDays review_after_birth{20, StartDayConvention::kStartDayIsDayZero};  // local: 10-20
  int re_referral_months = 12;
  // kInvalidArgument naming each value outside its statutory or sensible range.
  Status Validate() const;
};

// The open timescales due before `as_of` (overdue on that day), by due date.
std::vector<Timescale> Overdue(std::span<const Timescale> timescales, Date as_of);
// The open timescales due from `as_of` to `working_days` working days after it (day zero).
std::vector<Timescale> DueSoon(std::span<const Timescale> timescales, Date as_of, int working_days,
                               const WorkingDayCalendar& calendar);

// How many working days an open timescale is overdue on `as_of`: the working days after
// its due day up to and including `as_of` (bank holidays excluded), at least 1 once the due
// day has passed (due on a Friday and read on the Saturday is overdue, not "0 days");
// 0 when it is not overdue or not open.
int WorkingDaysOverdue(const Timescale& timescale, Date as_of, const WorkingDayCalendar& calendar);
// The working days left from `as_of` to the due day (day zero: due today is 0, due on the
// next working day is 1); 0 when overdue or not open.
int WorkingDaysLeft(const Timescale& timescale, Date as_of, const WorkingDayCalendar& calendar);

}  // namespace safehub::domain
