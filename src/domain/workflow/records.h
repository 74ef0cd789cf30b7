// The records of one child's casework as the workflow keeps them: what each accepted step
// created or changed (CIN census vocabulary). Read-only views for the store and the API;
// only CaseHistory changes them. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "domain/workflow/codes.h"
#include "domain/workflow/conference.h"
#include "domain/workflow/ids.h"
#include "domain/workflow/steps.h"

namespace safehub::domain {

// The child whose case it is: exactly one of a birth date or an expected birth date
// (CIN census); an unborn child's case starts with the expected date.
struct ChildDetails {
  PersonId child;
  std::optional<Date> date_of_birth;
  std::optional<Date> expected_birth_date;
};

struct Contact {
  ContactId id;
  Date received_on;
  std::string source;
  std::optional<Date> decided_on;
  std::optional<ContactDecision> decision;  // unset when it became a referral
  ReferralId referral;                      // the referral it became, if any
};

// A referral opens a CIN episode; closing the episode closes it (one record for both).
struct Referral {
  ReferralId id;
  Date received_on;
  std::string source;
  std::string primary_need;
  ReferralKind kind = ReferralKind::kStandard;
  ContactId from_contact;
  ReferralId previous_within_12_months;  // set when this is a re-referral (DfE definition)
  std::optional<Date> decided_on;        // the first decision or next step
  std::optional<ReferralDecision> decision;  // explicit, or implied by the next step
  std::optional<Date> closed_on;
  std::optional<ReasonForClosure> closure_reason;
  bool IsOpen() const { return !closed_on.has_value(); }
  bool IsReReferral() const { return previous_within_12_months.valid(); }
};

struct Assessment {
  AssessmentId id;
  ReferralId referral;
  Date started_on;
  std::optional<Date> completed_on;
  std::vector<std::string> factors;
  std::optional<AssessmentOutcome> outcome;
  bool IsOpen() const { return !completed_on.has_value(); }
};

struct StrategyDiscussion {
  StrategyDiscussionId id;
  ReferralId referral;
  Date held_on;
  StrategyDecision decision = StrategyDecision::kSection47Enquiry;
  Section47EnquiryId enquiry;  // the enquiry it started
};

struct Section47Enquiry {
  Section47EnquiryId id;
  ReferralId referral;
  StrategyDiscussionId strategy_discussion;
  Date started_on;
  std::optional<Date> completed_on;
  std::optional<Section47Outcome> outcome;
  ConferenceId conference;  // the ICPC that followed
  bool IsOpen() const { return !completed_on.has_value(); }
};

struct InitialChildProtectionConference {
  ConferenceId id;
  ReferralId referral;
  ConferenceKind kind = ConferenceKind::kInitial;
  Section47EnquiryId enquiry;  // 0 for a transfer-in conference
  Date held_on;
  bool pre_birth = false;      // held before the child was born
  ConferenceDecision decision = ConferenceDecision::kChildProtectionPlan;
  MeetingRecord record;
  ChildProtectionPlanId plan;  // the plan it started
};

struct ChildProtectionPlan {
  ChildProtectionPlanId id;
  ReferralId referral;
  ConferenceId conference;
  Date start;
  AbuseCategory category = AbuseCategory::kNeglect;
  PractitionerId key_worker;
  bool pre_birth = false;
  std::optional<Date> ended_on;
  std::optional<PlanEndReason> end_reason;
  bool IsOpen() const { return !ended_on.has_value(); }
};

struct CoreGroupMeeting {
  CoreGroupMeetingId id;
  ChildProtectionPlanId plan;
  Date held_on;
  MeetingRecord record;
};

struct ReviewConference {
  ReviewConferenceId id;
  ChildProtectionPlanId plan;
  Date held_on;
  ReviewDecision decision = ReviewDecision::kContinuePlan;
  MeetingRecord record;
};

struct ChildInNeedPlan {
  ChildInNeedPlanId id;
  ReferralId referral;
  Date start;
  // Named at the start or by a change of key worker. A plan started without one (steps
  // stored before the start named one, or a caller that names none) is answered for by the
  // social worker who recorded it until a change names one.
  PractitionerId key_worker;
  std::optional<Date> ended_on;
  bool IsOpen() const { return !ended_on.has_value(); }
};

// A plan passed from one key worker to another (`from` is unset for a CIN plan's first
// change: who answered for it before was whoever recorded it).
struct KeyWorkerChange {
  ChildProtectionPlanId cp_plan;  // the plan it passed: one of the two is set
  ChildInNeedPlanId cin_plan;
  Date changed_on;
  PractitionerId from;
  PractitionerId to;
};

}  // namespace safehub::domain
