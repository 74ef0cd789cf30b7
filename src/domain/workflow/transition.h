// Internal to the workflow: one step's checks and effects on a CaseHistory. Each handler
// first collects every violation, then (only when there are none) changes the case, so a
// refused step changes nothing. Not thread-safe; lives for one Apply.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/validation.h"
#include "domain/workflow/case_history.h"

namespace safehub::domain {

// Sources cited in messages (docs/workflow.md lists the rules).
inline constexpr std::string_view kSourceFuture = " (domain.md bad input: no dates in the future)";
inline constexpr std::string_view kSourceBirth = " (domain.md bad input: no dates before birth)";
inline constexpr std::string_view kSourceOrder = " (domain.md bad input: steps in order)";
inline constexpr std::string_view kSourceLate = " (domain.md: a late step records its reason)";
inline constexpr std::string_view kSourceOneEpisode = " (CIN census: at most one open CIN episode)";
inline constexpr std::string_view kSourceOverlap = " (CIN census: no CIN plan overlapping a CP plan)";

class CaseHistory::Transition {
 public:
  Transition(CaseHistory& c, Date today) : c_(c), today_(today) {}

  Result<RecordRef> operator()(const RecordContact& s);
  Result<RecordRef> operator()(const DecideContact& s);
  Result<RecordRef> operator()(const ReceiveReferral& s);
  Result<RecordRef> operator()(const DecideOnReferral& s);
  Result<RecordRef> operator()(const StartAssessment& s);
  Result<RecordRef> operator()(const CompleteAssessment& s);
  Result<RecordRef> operator()(const HoldStrategyDiscussion& s);
  Result<RecordRef> operator()(const CompleteSection47Enquiry& s);
  Result<RecordRef> operator()(const StartChildInNeedPlan& s);
  Result<RecordRef> operator()(const EndChildInNeedPlan& s);
  Result<RecordRef> operator()(const CloseEpisode& s);
  // transitions_protection.cc
  Result<RecordRef> operator()(const HoldInitialConference& s);
  Result<RecordRef> operator()(const StartChildProtectionPlan& s);
  Result<RecordRef> operator()(const HoldCoreGroupMeeting& s);
  Result<RecordRef> operator()(const HoldReviewConference& s);
  Result<RecordRef> operator()(const EndChildProtectionPlan& s);
  Result<RecordRef> operator()(const RecordBirth& s);
  Result<RecordRef> operator()(const ChangeKeyWorker& s);

 private:
  // Not in the future, not before the child's birth (or 40 weeks before an expected birth).
  void CheckDate(Violations& v, const std::string& field, Date d) const;
  // `d` is not before `earlier`, the date of `what` ("referral 1 received").
  void CheckNotBefore(Violations& v, const std::string& field, Date d, Date earlier,
                      const std::string& what) const;
  // The referral with `id`, or the open one for 0; adds a violation and returns null if none
  // (or if it is closed).
  Referral* OpenReferralFor(Violations& v, ReferralId id, const std::string& field);
  // A required late reason when `on` is after the timescale's due date.
  void CheckLate(Violations& v, const Timescale* t, Date on, const std::string& reason) const;
  // The referral decision timescale ends with the first next step; check and complete it.
  void CheckReferralDecision(Violations& v, const Referral& r, Date on, const std::string& reason) const;
  void DecideReferral(Referral& r, Date on, std::optional<ReferralDecision> decision, RecordRef by, const std::string& reason);
  // A step that ends a plan's or an episode's remaining timescales: not required from `on`.
  void WithdrawPlanTimescales(ChildProtectionPlanId plan, Date on, RecordRef by);
  void WithdrawReferralTimescales(ReferralId referral, Date on, RecordRef by);

  Timescale* FindOpen(TimescaleKind kind, RecordRef started_by);
  Timescale* FindOpenForPlan(TimescaleKind kind, ChildProtectionPlanId plan);
  void Complete(Timescale* t, Date on, RecordRef by, const std::string& reason);
  void Start(TimescaleKind kind, RecordRef started_by, Date from, Date due, ReferralId referral,
             ChildProtectionPlanId plan = {});
  Date AddWorkingDays(Date from, WorkingDays w) const {
    return c_.calendar_->AddWorkingDays(from, w.days, w.convention);
  }
  Result<RecordRef> Done(RecordRef ref) const { return ref; }

  CaseHistory& c_;
  Date today_;
};

// "2024-05-03" and friends for messages.
inline std::string Iso(Date d) { return d.ToString(); }
// "cp plan 3", or "cp plan" when the step named none.
template <typename Id>
std::string Named(std::string_view kind, Id id) {
  return id.valid() ? std::string(kind) + " " + id.ToString() : std::string(kind);
}

}  // namespace safehub::domain
