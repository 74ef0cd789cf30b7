// The steps of the statutory path a practitioner records for one child (Working Together;
// CIN census). A step refers to earlier records by their per-case ids; an id of 0 means "the
// current one" (the open referral, the open plan, the latest enquiry). Each step that can end
// a timescale carries `late_reason`, required when it ends one late. Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/workflow/codes.h"
#include "domain/workflow/conference.h"
#include "domain/workflow/ids.h"

namespace safehub::domain {

enum class ContactDecision { kNoFurtherAction, kAdviceAndInformation, kEarlyHelp };
enum class ReferralKind { kStandard, kTransferIn };
enum class ReferralDecision { kSingleAssessment, kStrategyDiscussion, kNoFurtherAction, kEarlyHelp };
enum class AssessmentOutcome { kNoFurtherAction, kEarlyHelp, kChildInNeedPlan, kStrategyDiscussion };
enum class StrategyDecision { kSection47Enquiry, kNoSection47Enquiry };
enum class Section47Outcome { kInitialConference, kNoFurtherAction, kChildInNeedPlan };
enum class ConferenceKind { kInitial, kTransferIn };
enum class ConferenceDecision { kChildProtectionPlan, kNoPlan };
enum class ReviewDecision { kContinuePlan, kEndPlan };
// Why a plan ended other than by a review conference's decision.
enum class PlanEndReason {
  kReviewConferenceDecision, kTransferredToAnotherLocalAuthority, kChildBecameLookedAfter,
  kChildReached18, kChildDied, kAdopted, kOther,
};

std::string_view ToString(ContactDecision d);    // "no further action", "advice", "early help"
std::string_view ToString(ReferralKind k);       // "standard", "transfer in"
std::string_view ToString(ReferralDecision d);   // "assessment", "strategy discussion", ...
std::string_view ToString(AssessmentOutcome o);  // "no further action", "early help", "cin plan", ...
std::string_view ToString(StrategyDecision d);   // "s47", "no s47"
std::string_view ToString(Section47Outcome o);   // "icpc", "no further action", "cin plan"
std::string_view ToString(ConferenceKind k);     // "initial", "transfer-in"
std::string_view ToString(ConferenceDecision d); // "plan", "no plan"
std::string_view ToString(ReviewDecision d);     // "continue", "end"
std::string_view ToString(PlanEndReason r);      // "review decision", "transferred out", ...
// Each parser accepts exactly the ToString words; kInvalidArgument listing them otherwise.
Result<ContactDecision> ParseContactDecision(std::string_view s);
Result<ReferralDecision> ParseReferralDecision(std::string_view s);
Result<AssessmentOutcome> ParseAssessmentOutcome(std::string_view s);
Result<Section47Outcome> ParseSection47Outcome(std::string_view s);
Result<ConferenceDecision> ParseConferenceDecision(std::string_view s);
Result<ReviewDecision> ParseReviewDecision(std::string_view s);
Result<PlanEndReason> ParsePlanEndReason(std::string_view s);

struct RecordContact {
  Date received_on;
  std::string source;  // referral source code 1A-10
};
struct DecideContact {  // a contact that does not become a referral
  ContactId contact;
  Date decided_on;
  ContactDecision decision = ContactDecision::kNoFurtherAction;
  std::string late_reason;
};
struct ReceiveReferral {  // opens a CIN episode
  Date received_on;
  std::string source;        // 1A-10
  std::string primary_need;  // N0-N9, optional
  ReferralKind kind = ReferralKind::kStandard;
  ContactId from_contact;    // optional: the contact it came from (ends that decision)
  std::string late_reason;   // when it ends the contact's decision late
};
struct DecideOnReferral {
  ReferralId referral;
  Date decided_on;
  ReferralDecision decision = ReferralDecision::kSingleAssessment;
  std::string late_reason;
};
struct StartAssessment {
  ReferralId referral;
  Date started_on;
  std::string late_reason;  // when it is the referral decision and that is late
};
struct CompleteAssessment {
  AssessmentId assessment;
  Date completed_on;  // authorised
  std::vector<std::string> factors;
  AssessmentOutcome outcome = AssessmentOutcome::kNoFurtherAction;
  std::string late_reason;
};
struct HoldStrategyDiscussion {
  ReferralId referral;
  Date held_on;
  StrategyDecision decision = StrategyDecision::kSection47Enquiry;
  std::string late_reason;  // when it is the referral decision and that is late
};
struct CompleteSection47Enquiry {
  Section47EnquiryId enquiry;
  Date completed_on;
  Section47Outcome outcome = Section47Outcome::kInitialConference;
};
struct HoldInitialConference {
  Section47EnquiryId enquiry;  // initial: the enquiry it follows (0: the latest)
  ReferralId referral;         // transfer-in: the transfer-in referral (0: the open one)
  ConferenceKind kind = ConferenceKind::kInitial;
  Date held_on;
  ConferenceDecision decision = ConferenceDecision::kChildProtectionPlan;
  MeetingRecord record;
  std::string late_reason;
};
struct StartChildProtectionPlan {
  ConferenceId conference;  // 0: the latest initial or transfer-in conference
  Date start;
  AbuseCategory category = AbuseCategory::kNeglect;
  PractitionerId key_worker;
};
struct HoldCoreGroupMeeting {
  ChildProtectionPlanId plan;  // 0: the open plan
  Date held_on;
  MeetingRecord record;
  std::string late_reason;
};
struct HoldReviewConference {
  ChildProtectionPlanId plan;
  Date held_on;
  ReviewDecision decision = ReviewDecision::kContinuePlan;
  MeetingRecord record;
  std::string late_reason;
};
struct EndChildProtectionPlan {
  ChildProtectionPlanId plan;
  Date ended_on;
  PlanEndReason reason = PlanEndReason::kOther;
};
struct StartChildInNeedPlan {
  ReferralId referral;
  Date start;
  std::string late_reason;  // when it is the referral decision and that is late
  // Who the plan's key worker is. Optional: steps stored before a CIN plan named one leave
  // it to whoever recorded the plan (a later "change key worker" names one).
  PractitionerId key_worker;
};
struct EndChildInNeedPlan {
  ChildInNeedPlanId plan;
  Date ended_on;
};
struct CloseEpisode {
  ReferralId referral;
  Date closed_on;
  ReasonForClosure reason = ReasonForClosure::kRc7;
  std::string late_reason;  // when it is the referral decision and that is late
};
struct RecordBirth {  // an unborn child is born: the pre-birth casework continues
  Date born_on;
};
// The open plan (CP, else CIN) passes to another key worker from `changed_on`: a worker
// leaves or the case is reallocated, and signposting's notices and the due dates follow.
struct ChangeKeyWorker {
  Date changed_on;
  PractitionerId key_worker;
};

using Step = std::variant<RecordContact, DecideContact, ReceiveReferral, DecideOnReferral,
                          StartAssessment, CompleteAssessment, HoldStrategyDiscussion,
                          CompleteSection47Enquiry, HoldInitialConference, StartChildProtectionPlan,
                          HoldCoreGroupMeeting, HoldReviewConference, EndChildProtectionPlan,
                          StartChildInNeedPlan, EndChildInNeedPlan, CloseEpisode, RecordBirth,
                          ChangeKeyWorker>;

// The date the step happened on, and its name for messages ("hold review conference").
Date DateOf(const Step& step);
std::string_view NameOf(const Step& step);

}  // namespace safehub::domain
