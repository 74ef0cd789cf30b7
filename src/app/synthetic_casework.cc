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
             SimulatedCaseCounts& counts, const SimulatedCaseStart& start = {})
      : c_(c), today_(today), rng_(rng), key_workers_(key_workers), counts_(counts), start_(start) {}

  void Run(Date start) {
    Episodes(start);
    // Born after the case's last step: the birth is still recorded (record once), so the
    // case replays from the person's birth date with the workflow's rule.
    if (start_.born_on && *start_.born_on <= today_ && !refused_) RecordBirthBefore(*start_.born_on);
  }

  // The demo's open case at `stage`, its timescale due on a working day a few days before
  // or after today. Each start date is counted back from that due date with the timescale's
  // length and convention (docs/workflow.md), so the workflow's own due date lands there.
  void Open(OpenCaseStage stage, bool overdue) {
    const bool front_door = stage == OpenCaseStage::kContactDecision || stage == OpenCaseStage::kReferralDecision;
    const Date due = overdue ? Back(today_, Uniform(1, front_door ? 2 : 8)) : After(today_, Uniform(0, front_door ? 1 : 4));
    switch (stage) {
      case OpenCaseStage::kContactDecision:  // 1 working day, day zero
        if (Do(RecordContact{Back(due, 1), Pick(kSources)})) ++counts_.contacts;
        return;
      case OpenCaseStage::kReferralDecision:  // 1 working day, day zero
        Refer(Back(due, 1));
        return;
      case OpenCaseStage::kAssessment: {  // 45 working days from the referral, day one
        const Date received = Back(due, 44);
        if (Refer(received)) Do(StartAssessment{ReferralId(), std::min(today_, After(received, Uniform(0, 1))), ""});
        return;
      }
      case OpenCaseStage::kConference: {  // 15 working days from the strategy discussion, day one
        const Date held = Back(due, 14);
        if (Refer(held) && Do(HoldStrategyDiscussion{ReferralId(), held, StrategyDecision::kSection47Enquiry, ""})) {
          Do(CompleteSection47Enquiry{Section47EnquiryId(), std::min(today_, After(held, Uniform(3, 6))),
                                      Section47Outcome::kInitialConference});
        }
        return;
      }
      case OpenCaseStage::kFirstCoreGroup:  // 10 working days from the ICPC, day zero
        PlanFrom(Back(due, 10), Uniform(8, 12));
        return;
      case OpenCaseStage::kCoreGroup: {  // 6 weeks from the previous core group
        Date last = due.AddDays(-7 * c_.rules().core_group_interval_weeks);
        while (!Calendar().IsWorkingDay(last)) last = last.AddDays(-1);
        const Date icpc = Back(last, Uniform(55, 70));
        if (!PlanFrom(icpc, Uniform(8, 12))) return;
        // Core groups about every five weeks up to `last`, and the first review if it fell due.
        std::vector<Date> core_groups{After(icpc, Uniform(5, 9))};
        while (core_groups.back().AddDays(42) < last) {
          core_groups.push_back(NextWorkingDay(core_groups.back().AddDays(Uniform(28, 38))));
        }
        core_groups.push_back(last);
        const Date first_review = AddMonths(icpc, c_.rules().first_review_months);
        // (a flag and a date rather than an optional: gcc 12's maybe-uninitialized)
        bool review_due = first_review <= today_;
        const Date review = Back(first_review, Uniform(1, 5));
        auto hold_review = [&] {
          review_due = false;
          return Do(HoldReviewConference{ChildProtectionPlanId(), review, ReviewDecision::kContinuePlan, Meeting(review), ""});
        };
        for (Date held : core_groups) {
          if (review_due && review < held && !hold_review()) return;
          if (!Do(HoldCoreGroupMeeting{ChildProtectionPlanId(), held, Meeting(held), ""})) return;
        }
        if (review_due) hold_review();
        return;
      }
    }
  }

 private:
  void Episodes(Date start) {
    Date d = NextWorkingDay(start);
    for (int episode = 0; episode < 6 && d <= today_; ++episode) {
      Ended closed;
      if (episode == 0 && start_.transfer_in) {
        closed = TransferIn(d);
      } else if (episode == 0 && start_.pre_birth) {
        closed = PreBirth(d);
      } else {
        std::optional<Date> received = Front(d);
        if (!received) {
          // A contact that needed no referral; perhaps another one later.
          if (stopped_ || !Chance(0.3)) return;
          d = NextWorkingDay(d.AddDays(Uniform(60, 700)));
          continue;
        }
        closed = Episode(*received);
      }
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
  // The working day n working days before d: After(Back(d, n), n) == d for a working day d.
  Date Back(Date d, int n) const {
    while (n > 0) {
      d = d.AddDays(-1);
      if (Calendar().IsWorkingDay(d)) --n;
    }
    return d;
  }

  // A child born during the case is born before the first step on or after the birth day.
  bool RecordBirthBefore(Date step_date) {
    if (!start_.born_on || birth_recorded_ || step_date < *start_.born_on) return true;
    if (!c_.Apply(RecordBirth{*start_.born_on}, today_).ok()) {
      ++counts_.refused;
      stopped_ = refused_ = true;
      return false;
    }
    birth_recorded_ = true;
    ++counts_.births;
    return true;
  }

  // A referral received on `d`, counted.
  bool Refer(Date d, ReferralKind kind = ReferralKind::kStandard, const char* source = nullptr) {
    if (!Do(ReceiveReferral{d, source ? source : Pick(kSources), Pick(kNeeds), kind, {}, ""})) return false;
    ++counts_.referrals;
    if (c_.referrals().back().IsReReferral()) ++counts_.re_referrals;
    return true;
  }

  // Referral, strategy discussion `lead` working days before the ICPC on `icpc`, the s47
  // enquiry, the ICPC and the plan (the demo's open plans).
  bool PlanFrom(Date icpc, int lead) {
    const Date strategy = Back(icpc, lead);
    if (!Refer(strategy)) return false;
    if (!Do(HoldStrategyDiscussion{ReferralId(), strategy, StrategyDecision::kSection47Enquiry, ""})) return false;
    if (!Do(CompleteSection47Enquiry{Section47EnquiryId(), Back(icpc, Uniform(1, 3)), Section47Outcome::kInitialConference})) {
      return false;
    }
    if (!Do(HoldInitialConference{Section47EnquiryId(), ReferralId(), ConferenceKind::kInitial, icpc,
                                  ConferenceDecision::kChildProtectionPlan, Meeting(icpc), ""})) {
      return false;
    }
    if (!Do(StartChildProtectionPlan{ConferenceId(), icpc, static_cast<AbuseCategory>(Uniform(0, 4)), KeyWorker()})) {
      return false;
    }
    ++counts_.cp_plans;
    return true;
  }

  PractitionerId KeyWorker() {
    return key_workers_[static_cast<size_t>(Uniform(0, static_cast<int>(key_workers_.size()) - 1))];
  }

  // A child arriving on another authority's plan: a transfer-in referral (source 5C, another
  // local authority's children's services) and a transfer-in conference within 15 working
  // days, which usually keeps the child on a plan here.
  Ended TransferIn(Date d) {
    if (!Refer(d, ReferralKind::kTransferIn, "5C")) return std::nullopt;
    const Date held = After(d, Chance(0.15) ? Uniform(15, 20) : Uniform(5, 13));
    if (held > today_) return std::nullopt;
    const bool plan = Chance(0.9);
    if (!Do(HoldInitialConference{Section47EnquiryId(), ReferralId(), ConferenceKind::kTransferIn, held,
                                  plan ? ConferenceDecision::kChildProtectionPlan : ConferenceDecision::kNoPlan,
                                  Meeting(held), ""})) {
      return std::nullopt;
    }
    ++counts_.transfer_in_conferences;
    if (!plan) return Chance(0.5) ? ChildInNeed(After(held, Uniform(1, 10))) : Close(held, 10, ReasonForClosure::kRc7);
    return ProtectionPlan(held);
  }

  // A pre-birth referral (usually from midwifery, 3A-3F health): a pre-birth assessment, or
  // more often than after birth a strategy discussion towards a pre-birth conference.
  Ended PreBirth(Date d) {
    if (!Refer(d, ReferralKind::kStandard, Chance(0.7) ? "3B" : nullptr)) return std::nullopt;
    const Date decided = After(d, Uniform(0, 1));
    if (decided > today_) return std::nullopt;
    if (Chance(0.55)) return Protection(decided, d);
    return Assessment(d, decided);
  }

  // Applies the step as of today; when the workflow asks for a late reason, gives one (as a
  // practitioner would). False when it is refused anyway: the simulation stops there.
  bool Do(Step step) {
    if (stopped_) return false;
    if (!RecordBirthBefore(DateOf(step))) return false;
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
    stopped_ = refused_ = true;
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
    if (start > today_ || !Do(StartChildInNeedPlan{ReferralId(), start, "", PractitionerId()})) return std::nullopt;
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
    if (c_.initial_conferences().back().pre_birth) ++counts_.pre_birth_conferences;
    if (!plan) return Chance(0.5) ? ChildInNeed(After(icpc, Uniform(1, 10))) : Close(icpc, 10, ReasonForClosure::kRc7);
    return ProtectionPlan(icpc);
  }

  Ended ProtectionPlan(Date start) {
    const auto category = static_cast<AbuseCategory>(Uniform(0, 4));
    const PractitionerId key_worker = KeyWorker();
    if (!Do(StartChildProtectionPlan{ConferenceId(), start, category, key_worker})) return std::nullopt;
    ++counts_.cp_plans;
    // Core groups: the first within 10 working days, then every 4-6 weeks; reviews: the first
    // within 3 months, then at most 6 months apart. Each review may end the plan.
    Date next_core = After(start, Chance(0.1) ? Uniform(11, 14) : Uniform(4, 9));
    Date next_review = NextWorkingDay(AddMonths(start, 3).AddDays(Chance(0.1) ? Uniform(3, 20) : -Uniform(3, 14)));
    int reviews = 0;
    bool birth_review = false;
    while (true) {
      // domain.md: a pre-birth plan is reviewed within 20 working days of the birth (local).
      if (start_.born_on && !birth_review && *start_.born_on >= start && *start_.born_on < next_review) {
        birth_review = true;
        next_review = After(*start_.born_on, Chance(0.1) ? Uniform(21, 25) : Uniform(6, 18));
      }
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
      // Social workers move on: about one continuing plan in five passes to another key
      // worker at its review (a worker leaving, or the case moving to a long-term team).
      if (key_workers_.size() > 1 && Chance(0.2)) {
        PractitionerId next = KeyWorker();
        while (next == c_.child_protection_plans().back().key_worker) next = KeyWorker();
        if (!Do(ChangeKeyWorker{next_review, next})) return std::nullopt;
        ++counts_.key_worker_changes;
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
  SimulatedCaseStart start_;
  bool stopped_ = false;   // the case goes no further (a step is due after today, or refused)
  bool refused_ = false;   // the workflow refused a step
  bool birth_recorded_ = false;
};

}  // namespace

void SimulateCase(CaseHistory& history, Date first_contact, Date today, std::mt19937_64& rng,
                  std::span<const PractitionerId> key_workers, SimulatedCaseCounts& counts,
                  const SimulatedCaseStart& start) {
  if (key_workers.empty()) return;
  Simulation(history, today, rng, key_workers, counts, start).Run(first_contact);
}

void SimulateOpenCase(CaseHistory& history, OpenCaseStage stage, bool overdue, Date today, std::mt19937_64& rng,
                      std::span<const PractitionerId> key_workers, SimulatedCaseCounts& counts) {
  if (key_workers.empty()) return;
  Simulation(history, today, rng, key_workers, counts).Open(stage, overdue);
}

}  // namespace safehub::app
