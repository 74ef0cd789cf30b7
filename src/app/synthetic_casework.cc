#include "app/synthetic_casework.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace safehub::app {

using namespace safehub::domain;

namespace {

constexpr std::array<const char*, 22> kSources = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E",
                                                  "3F", "4",  "5A", "5B", "5C", "5D", "6",  "7",  "8",  "9",  "10"};
constexpr std::array<const char*, 10> kNeeds = {"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"};
// Assessment factors drawn for the demo (18A, 19A withdrawn; 21 only alone).
constexpr std::array<const char*, 16> kFactors = {"1A", "1B", "2A", "2B", "3A", "3B", "4A", "4B",
                                                  "5A", "6A", "6B", "7A", "8B", "10A", "18B", "19B"};
constexpr std::array<const char*, 6> kLateReasons = {
    "Family did not engage; visits rearranged", "Awaiting information from partner agencies",
    "Social worker absence; case reallocated", "Conference chair unavailable",
    "Interpreter needed and not available", "Child moved address during the assessment"};

// The outcome of a stage: the date it ended the work it was part of, or nothing when the
// case is still open today (or the workflow refused a step).
using Ended = std::optional<Date>;

class Simulation {
 public:
  Simulation(CaseHistory& c, Date today, std::mt19937_64& rng, std::span<const PractitionerId> key_workers,
             SimulatedCaseCounts& counts)
      : c_(c), today_(today), rng_(rng), key_workers_(key_workers), counts_(counts) {}

  void Run(Date start) {
    Date d = NextWorkingDay(start);
    for (int episode = 0; episode < 6 && d <= today_; ++episode) {
      std::optional<Date> received = Front(d);
      if (!received) {
        // A contact that needed no referral; perhaps another one later.
        if (stopped_ || !Chance(0.3)) return;
        d = NextWorkingDay(d.AddDays(Uniform(60, 700)));
        continue;
      }
      Ended closed = Episode(*received);
      if (!closed) return;
      // domain.md: about 22% of referrals are re-referrals within 12 months of the last one;
      // many episodes last months and some are still open, hence the high chance here.
      if (Chance(0.5)) {
        d = NextWorkingDay(closed->AddDays(Uniform(14, 200)));
      } else if (Chance(0.2)) {
        d = NextWorkingDay(closed->AddDays(Uniform(400, 1400)));
      } else {
        return;
      }
    }
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <size_t N>
  const char* Pick(const std::array<const char*, N>& a) { return a[static_cast<size_t>(Uniform(0, N - 1))]; }

  const WorkingDayCalendar& Calendar() const { return c_.calendar(); }
  Date NextWorkingDay(Date d) const {
    while (!Calendar().IsWorkingDay(d)) d = d.AddDays(1);
    return d;
  }
  // n working days after d (d is day zero).
  Date After(Date d, int n) const { return Calendar().AddWorkingDays(d, n, StartDayConvention::kStartDayIsDayZero); }

  // Applies the step as of today; when the workflow asks for a late reason, gives one (as a
  // practitioner would). False when it is refused anyway: the simulation stops there.
  bool Do(Step step) {
    if (stopped_) return false;
    if (c_.Apply(step, today_).ok()) return true;
    bool has_reason = false;
    std::visit(
        [&](auto& s) {
          if constexpr (requires { s.late_reason; }) {
            s.late_reason = Pick(kLateReasons);
            has_reason = true;
          }
        },
        step);
    if (has_reason && c_.Apply(step, today_).ok()) {
      ++counts_.late_steps;
      return true;
    }
    ++counts_.refused;
    stopped_ = true;
    return false;
  }

  // A contact (decided without a referral: nullopt), or the date a referral was received.
  std::optional<Date> Front(Date d) {
    if (Chance(0.35)) {
      if (!Do(RecordContact{d, Pick(kSources)})) return std::nullopt;
      ++counts_.contacts;
      const Date decided = After(d, Chance(0.08) ? Uniform(2, 3) : Uniform(0, 1));
      if (decided > today_) return (stopped_ = true), std::nullopt;
      if (Chance(0.45)) {
        const auto decision = Chance(0.5) ? ContactDecision::kAdviceAndInformation
                                          : (Chance(0.5) ? ContactDecision::kEarlyHelp : ContactDecision::kNoFurtherAction);
        Do(DecideContact{ContactId(), decided, decision, ""});
        return std::nullopt;
      }
      const ContactId contact(static_cast<std::int64_t>(c_.contacts().size()));
      if (!Do(ReceiveReferral{decided, Pick(kSources), Pick(kNeeds), ReferralKind::kStandard, contact, ""})) {
        return std::nullopt;
      }
      d = decided;
    } else if (!Do(ReceiveReferral{d, Pick(kSources), Pick(kNeeds), ReferralKind::kStandard, {}, ""})) {
      return std::nullopt;
    }
    ++counts_.referrals;
    if (c_.referrals().back().IsReReferral()) ++counts_.re_referrals;
    return d;
  }

  Ended Close(Date from, int max_days, ReasonForClosure reason) {
    const Date closed = After(from, Uniform(0, max_days));
    if (closed > today_) return std::nullopt;
    if (!Do(CloseEpisode{ReferralId(), closed, reason, ""})) return std::nullopt;
    return closed;
  }

  Ended Episode(Date received) {
    const Date decided = After(received, Chance(0.07) ? Uniform(2, 4) : Uniform(0, 1));
    if (decided > today_) return std::nullopt;
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.14 || (r >= 0.80 && r < 0.86)) {
      const auto decision = r < 0.14 ? ReferralDecision::kNoFurtherAction : ReferralDecision::kEarlyHelp;
      if (!Do(DecideOnReferral{ReferralId(), decided, decision, ""})) return std::nullopt;
      return Close(decided, 2, ReasonForClosure::kRc7);
    }
    if (r >= 0.86) return Protection(decided, received);
    return Assessment(received, decided);
  }

  Ended Assessment(Date received, Date started) {
    if (!Do(StartAssessment{ReferralId(), started, ""})) return std::nullopt;
    // 45 working days from the referral; about one in five late.
    const Date completed = std::max(started, After(received, Chance(0.2) ? Uniform(45, 70) : Uniform(10, 43)));
    if (completed > today_) return std::nullopt;
    std::vector<std::string> factors;
    for (int i = Uniform(1, 3); i > 0; --i) {
      std::string f = Pick(kFactors);
      if (std::find(factors.begin(), factors.end(), f) == factors.end()) factors.push_back(f);
    }
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    const AssessmentOutcome outcome = r < 0.38   ? AssessmentOutcome::kNoFurtherAction
                                      : r < 0.58 ? AssessmentOutcome::kEarlyHelp
                                      : r < 0.90 ? AssessmentOutcome::kChildInNeedPlan
                                                 : AssessmentOutcome::kStrategyDiscussion;
    if (!Do(CompleteAssessment{AssessmentId(), completed, factors, outcome, ""})) return std::nullopt;
    switch (outcome) {
      case AssessmentOutcome::kNoFurtherAction: return Close(completed, 3, ReasonForClosure::kRc8);
      case AssessmentOutcome::kEarlyHelp: return Close(completed, 3, ReasonForClosure::kRc9);
      case AssessmentOutcome::kChildInNeedPlan: return ChildInNeed(After(completed, Uniform(0, 5)));
      case AssessmentOutcome::kStrategyDiscussion: return Protection(After(completed, Uniform(0, 2)), received);
    }
    return std::nullopt;
  }

  Ended ChildInNeed(Date start) {
    if (start > today_ || !Do(StartChildInNeedPlan{ReferralId(), start, ""})) return std::nullopt;
    ++counts_.cin_plans;
    const Date end = NextWorkingDay(start.AddDays(Uniform(90, 420)));
    if (end > today_ || !Do(EndChildInNeedPlan{ChildInNeedPlanId(), end})) return std::nullopt;
    return Close(end, 5, ReasonForClosure::kRc7);
  }

  MeetingRecord Meeting(Date held) {
    MeetingRecord m;
    const std::array<AgencyRole, 5> roles = {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kHealth,
                                             AgencyRole::kSchool, AgencyRole::kGeneralPractice};
    for (AgencyRole role : roles) {
      AgencyParticipation p;
      p.role = role;
      p.invited_on = held.AddDays(-Uniform(3, 8));
      // GP attendance is a known gap (domain.md): usually a report or apologies.
      p.attendance = role == AgencyRole::kGeneralPractice
                         ? (Chance(0.5) ? Attendance::kReportSent : Attendance::kApologies)
                         : (role == AgencyRole::kSocialCare || Chance(0.85) ? Attendance::kPresent
                                                                             : Attendance::kApologies);
      m.participants.push_back(p);
    }
    if (!IsQuorate(m)) m.quorum_override_reason = "Chair proceeded: reports received from absent agencies";
    return m;
  }

  Ended Protection(Date held, Date received) {
    (void)received;
    const bool s47 = Chance(0.88);
    if (held > today_) return std::nullopt;
    if (!Do(HoldStrategyDiscussion{ReferralId(), held,
                                   s47 ? StrategyDecision::kSection47Enquiry : StrategyDecision::kNoSection47Enquiry,
                                   ""})) {
      return std::nullopt;
    }
    if (!s47) return Chance(0.4) ? ChildInNeed(After(held, Uniform(3, 15))) : Close(held, 10, ReasonForClosure::kRc7);
    const Date completed = After(held, Uniform(4, 12));
    if (completed > today_) return std::nullopt;
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    const Section47Outcome outcome = r < 0.55   ? Section47Outcome::kInitialConference
                                     : r < 0.80 ? Section47Outcome::kChildInNeedPlan
                                                : Section47Outcome::kNoFurtherAction;
    if (!Do(CompleteSection47Enquiry{Section47EnquiryId(), completed, outcome})) return std::nullopt;
    if (outcome == Section47Outcome::kChildInNeedPlan) return ChildInNeed(After(completed, Uniform(0, 5)));
    if (outcome == Section47Outcome::kNoFurtherAction) return Close(completed, 5, ReasonForClosure::kRc7);
    // ICPC within 15 working days of the strategy discussion; some late.
    const Date icpc = std::max(completed, After(held, Chance(0.15) ? Uniform(15, 22) : Uniform(7, 13)));
    if (icpc > today_) return std::nullopt;
    const bool plan = Chance(0.85);
    if (!Do(HoldInitialConference{Section47EnquiryId(), ReferralId(), ConferenceKind::kInitial, icpc,
                                  plan ? ConferenceDecision::kChildProtectionPlan : ConferenceDecision::kNoPlan,
                                  Meeting(icpc), ""})) {
      return std::nullopt;
    }
    if (!plan) return Chance(0.5) ? ChildInNeed(After(icpc, Uniform(1, 10))) : Close(icpc, 10, ReasonForClosure::kRc7);
    return ProtectionPlan(icpc);
  }

  Ended ProtectionPlan(Date start) {
    const auto category = static_cast<AbuseCategory>(Uniform(0, 4));
    const PractitionerId key_worker = key_workers_[static_cast<size_t>(Uniform(0, static_cast<int>(key_workers_.size()) - 1))];
    if (!Do(StartChildProtectionPlan{ConferenceId(), start, category, key_worker})) return std::nullopt;
    ++counts_.cp_plans;
    // Core groups: the first within 10 working days, then every 4-6 weeks; reviews: the first
    // within 3 months, then at most 6 months apart. Each review may end the plan.
    Date next_core = After(start, Chance(0.1) ? Uniform(11, 14) : Uniform(4, 9));
    Date next_review = NextWorkingDay(AddMonths(start, 3).AddDays(Chance(0.1) ? Uniform(3, 20) : -Uniform(3, 14)));
    int reviews = 0;
    while (true) {
      if (next_core < next_review) {
        if (next_core > today_) return std::nullopt;
        if (!Do(HoldCoreGroupMeeting{ChildProtectionPlanId(), next_core, Meeting(next_core), ""})) return std::nullopt;
        next_core = NextWorkingDay(next_core.AddDays(Chance(0.08) ? Uniform(43, 55) : Uniform(25, 41)));
        continue;
      }
      if (next_review > today_) return std::nullopt;
      ++reviews;
      // Most plans end within a year; about 4% of those ending have lasted 2 years or more.
      const double end_chance = reviews == 1 ? 0.2 : reviews == 2 ? 0.45 : reviews <= 4 ? 0.55 : 0.6;
      const bool end = Chance(end_chance);
      if (!Do(HoldReviewConference{ChildProtectionPlanId(), next_review,
                                   end ? ReviewDecision::kEndPlan : ReviewDecision::kContinuePlan,
                                   Meeting(next_review), ""})) {
        return std::nullopt;
      }
      if (end) {
        return Chance(0.5) ? ChildInNeed(After(next_review, Uniform(1, 10)))
                           : Close(next_review, 10, ReasonForClosure::kRc7);
      }
      next_review = NextWorkingDay(AddMonths(next_review, 6).AddDays(Chance(0.1) ? Uniform(3, 20) : -Uniform(5, 20)));
      if (next_core > next_review) next_core = After(next_review, 1);
    }
  }

  CaseHistory& c_;
  Date today_;
  std::mt19937_64& rng_;
  std::span<const PractitionerId> key_workers_;
  SimulatedCaseCounts& counts_;
  bool stopped_ = false;
};

}  // namespace

void SimulateCase(CaseHistory& history, Date first_contact, Date today, std::mt19937_64& rng,
                  std::span<const PractitionerId> key_workers, SimulatedCaseCounts& counts) {
  if (key_workers.empty()) return;
  Simulation(history, today, rng, key_workers, counts).Run(first_contact);
}

}  // namespace safehub::app
