#include "domain/workflow/steps.h"

#include <type_traits>

namespace safehub::domain {
namespace {

constexpr std::string_view kContactDecisions[] = {"no further action", "advice", "early help"};
constexpr std::string_view kReferralKinds[] = {"standard", "transfer in"};
constexpr std::string_view kReferralDecisions[] = {"assessment", "strategy discussion",
                                                   "no further action", "early help"};
constexpr std::string_view kAssessmentOutcomes[] = {"no further action", "early help", "cin plan",
                                                    "strategy discussion"};
constexpr std::string_view kStrategyDecisions[] = {"s47", "no s47"};
constexpr std::string_view kSection47Outcomes[] = {"icpc", "no further action", "cin plan"};
constexpr std::string_view kConferenceKinds[] = {"initial", "transfer-in"};
constexpr std::string_view kConferenceDecisions[] = {"plan", "no plan"};
constexpr std::string_view kReviewDecisions[] = {"continue", "end"};
constexpr std::string_view kPlanEndReasons[] = {
    "review decision", "transferred out", "looked after", "reached 18", "died", "adopted", "other"};

template <typename E, size_t N>
Result<E> ParseWord(const std::string_view (&words)[N], std::string_view s, const char* what,
                    const char* field) {
  std::string list;
  for (size_t i = 0; i < N; ++i) {
    if (words[i] == s) return static_cast<E>(i);
    list += (i ? ", " : "") + std::string(words[i]);
  }
  return InvalidArgument("'" + std::string(s.substr(0, 32)) + "' is not " + what + " (" + list + ")", field);
}

}  // namespace

std::string_view ToString(ContactDecision d) { return kContactDecisions[static_cast<int>(d)]; }
std::string_view ToString(ReferralKind k) { return kReferralKinds[static_cast<int>(k)]; }
std::string_view ToString(ReferralDecision d) { return kReferralDecisions[static_cast<int>(d)]; }
std::string_view ToString(AssessmentOutcome o) { return kAssessmentOutcomes[static_cast<int>(o)]; }
std::string_view ToString(StrategyDecision d) { return kStrategyDecisions[static_cast<int>(d)]; }
std::string_view ToString(Section47Outcome o) { return kSection47Outcomes[static_cast<int>(o)]; }
std::string_view ToString(ConferenceKind k) { return kConferenceKinds[static_cast<int>(k)]; }
std::string_view ToString(ConferenceDecision d) { return kConferenceDecisions[static_cast<int>(d)]; }
std::string_view ToString(ReviewDecision d) { return kReviewDecisions[static_cast<int>(d)]; }
std::string_view ToString(PlanEndReason r) { return kPlanEndReasons[static_cast<int>(r)]; }

Result<ContactDecision> ParseContactDecision(std::string_view s) {
  return ParseWord<ContactDecision>(kContactDecisions, s, "a contact decision", "decision");
}
Result<ReferralDecision> ParseReferralDecision(std::string_view s) {
  return ParseWord<ReferralDecision>(kReferralDecisions, s, "a referral decision", "decision");
}
Result<AssessmentOutcome> ParseAssessmentOutcome(std::string_view s) {
  return ParseWord<AssessmentOutcome>(kAssessmentOutcomes, s, "an assessment outcome", "outcome");
}
Result<Section47Outcome> ParseSection47Outcome(std::string_view s) {
  return ParseWord<Section47Outcome>(kSection47Outcomes, s, "an s47 outcome", "outcome");
}
Result<ConferenceDecision> ParseConferenceDecision(std::string_view s) {
  return ParseWord<ConferenceDecision>(kConferenceDecisions, s, "a conference decision", "decision");
}
Result<ReviewDecision> ParseReviewDecision(std::string_view s) {
  return ParseWord<ReviewDecision>(kReviewDecisions, s, "a review decision", "decision");
}
Result<PlanEndReason> ParsePlanEndReason(std::string_view s) {
  return ParseWord<PlanEndReason>(kPlanEndReasons, s, "a plan end reason", "reason");
}

Date DateOf(const Step& step) {
  return std::visit(
      [](const auto& s) -> Date {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, RecordContact> || std::is_same_v<T, ReceiveReferral>) {
          return s.received_on;
        } else if constexpr (std::is_same_v<T, DecideContact> || std::is_same_v<T, DecideOnReferral>) {
          return s.decided_on;
        } else if constexpr (std::is_same_v<T, StartAssessment>) {
          return s.started_on;
        } else if constexpr (std::is_same_v<T, CompleteAssessment> ||
                             std::is_same_v<T, CompleteSection47Enquiry>) {
          return s.completed_on;
        } else if constexpr (std::is_same_v<T, HoldStrategyDiscussion> ||
                             std::is_same_v<T, HoldInitialConference> ||
                             std::is_same_v<T, HoldCoreGroupMeeting> ||
                             std::is_same_v<T, HoldReviewConference>) {
          return s.held_on;
        } else if constexpr (std::is_same_v<T, StartChildProtectionPlan> ||
                             std::is_same_v<T, StartChildInNeedPlan>) {
          return s.start;
        } else if constexpr (std::is_same_v<T, EndChildProtectionPlan> ||
                             std::is_same_v<T, EndChildInNeedPlan>) {
          return s.ended_on;
        } else if constexpr (std::is_same_v<T, CloseEpisode>) {
          return s.closed_on;
        } else if constexpr (std::is_same_v<T, ChangeKeyWorker>) {
          return s.changed_on;
        } else {
          static_assert(std::is_same_v<T, RecordBirth>);
          return s.born_on;
        }
      },
      step);
}

std::string_view NameOf(const Step& step) {
  static constexpr std::string_view kNames[] = {
      "record contact", "decide contact", "receive referral", "decide on referral",
      "start assessment", "complete assessment", "hold strategy discussion",
      "complete s47 enquiry", "hold initial conference", "start cp plan", "hold core group",
      "hold review conference", "end cp plan", "start cin plan", "end cin plan",
      "close episode", "record birth", "change key worker"};
  static_assert(std::size(kNames) == std::variant_size_v<Step>);
  return kNames[step.index()];
}

}  // namespace safehub::domain
