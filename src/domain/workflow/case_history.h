// One child's casework on the statutory path (Working Together; CIN census): the aggregate
// that accepts or refuses each Step, keeps the records the steps made, and runs the
// timescales they start. A refused step names every broken rule and changes nothing.
// Not thread-safe; a value (copyable). The calendar must outlive it.
#pragma once

#include <span>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/calendar/working_day_calendar.h"
#include "domain/person.h"
#include "domain/workflow/records.h"
#include "domain/workflow/steps.h"
#include "domain/workflow/timescale.h"

namespace safehub::domain {

// The child's details a stored case replays with, from the person record and the case's
// steps (the one rule for every replay: the API's cases and the returns). An unborn child's
// case starts from the expected birth date. Once born (a "record birth" step) the person
// record holds the birth date and no expected date (CIN census: exactly one), so the case
// replays as it started, unborn, with an expected date kBornInCaseDaysBeforeBirth before
// the birth: that keeps every pre-birth step of a pregnancy of up to 42 weeks inside the
// 40-week window. kInvalidArgument (field "date_of_birth") when the person has neither date.
inline constexpr int kBornInCaseDaysBeforeBirth = 14;
Date ExpectedDateOfBornInCase(Date born_on);
Result<ChildDetails> CaseChildDetails(const Person& person, std::span<const Step> steps);

class CaseHistory {
 public:
  // A case with no steps yet. kInvalidArgument when the child has both or neither of a
  // birth date and an expected birth date, or the rules are out of range.
  static Result<CaseHistory> Create(ChildDetails child,
                                    const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales(),
                                    TimescaleRules rules = {});
  // Rebuilds a case from its accepted steps, in order (how the store reloads one).
  // The first refused step's status, with its index in the field.
  static Result<CaseHistory> Replay(ChildDetails child, std::span<const Step> steps, Date today,
                                    const WorkingDayCalendar& calendar = WorkingDayCalendar::EnglandAndWales(),
                                    TimescaleRules rules = {});

  // Checks `step` against every rule as of `today`; when all hold, records it and returns
  // the record it made or changed. Otherwise kInvalidArgument whose violations name every
  // broken rule with its source, and the case is unchanged.
  Result<RecordRef> Apply(const Step& step, Date today);
  // What Apply would answer, without recording anything.
  Status Check(const Step& step, Date today) const;

  const ChildDetails& child() const { return child_; }
  const TimescaleRules& rules() const { return rules_; }
  const WorkingDayCalendar& calendar() const { return *calendar_; }
  const std::vector<Step>& steps() const { return steps_; }  // accepted, in order
  const std::vector<Contact>& contacts() const { return contacts_; }
  const std::vector<Referral>& referrals() const { return referrals_; }
  const std::vector<Assessment>& assessments() const { return assessments_; }
  const std::vector<StrategyDiscussion>& strategy_discussions() const { return strategy_discussions_; }
  const std::vector<Section47Enquiry>& section47_enquiries() const { return enquiries_; }
  const std::vector<InitialChildProtectionConference>& initial_conferences() const { return conferences_; }
  const std::vector<ChildProtectionPlan>& child_protection_plans() const { return cp_plans_; }
  const std::vector<CoreGroupMeeting>& core_group_meetings() const { return core_groups_; }
  const std::vector<ReviewConference>& review_conferences() const { return reviews_; }
  const std::vector<ChildInNeedPlan>& child_in_need_plans() const { return cin_plans_; }
  const std::vector<Timescale>& timescales() const { return timescales_; }
  const std::vector<KeyWorkerChange>& key_worker_changes() const { return key_worker_changes_; }

  const Referral* OpenReferral() const;
  const ChildProtectionPlan* OpenChildProtectionPlan() const;
  const ChildInNeedPlan* OpenChildInNeedPlan() const;
  bool IsUnborn() const { return !child_.date_of_birth.has_value(); }

  // The open timescales due before `as_of`, and those due within `working_days` of it.
  std::vector<Timescale> Overdue(Date as_of) const;
  std::vector<Timescale> DueSoon(Date as_of, int working_days) const;
  // The latest timescale of a kind (scenario checks, the API's "next due"), or nullptr.
  const Timescale* LatestTimescale(TimescaleKind kind) const;

 private:
  class Transition;  // one step's checks and effects (transitions.cc)
  CaseHistory(ChildDetails child, const WorkingDayCalendar& calendar, TimescaleRules rules);

  ChildDetails child_;
  const WorkingDayCalendar* calendar_;
  TimescaleRules rules_;
  Date earliest_date_;  // no step before this: the birth, or 40 weeks before an expected birth
  std::vector<Step> steps_;
  std::vector<Contact> contacts_;
  std::vector<Referral> referrals_;
  std::vector<Assessment> assessments_;
  std::vector<StrategyDiscussion> strategy_discussions_;
  std::vector<Section47Enquiry> enquiries_;
  std::vector<InitialChildProtectionConference> conferences_;
  std::vector<ChildProtectionPlan> cp_plans_;
  std::vector<CoreGroupMeeting> core_groups_;
  std::vector<ReviewConference> reviews_;
  std::vector<ChildInNeedPlan> cin_plans_;
  std::vector<Timescale> timescales_;
  std::vector<KeyWorkerChange> key_worker_changes_;
};

}  // namespace safehub::domain
