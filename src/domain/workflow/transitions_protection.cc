// The child protection part of the path: initial and transfer-in conferences, the plan, core
// groups, review conferences, the plan's end, and the birth of an unborn child on a plan
// (Working Together; CIN census).
#include <algorithm>

#include "domain/calendar/working_day_calendar.h"
#include "domain/workflow/transition.h"

namespace safehub::domain {
namespace {

template <typename T, typename Id>
T* ById(std::vector<T>& records, Id id) {
  if (!id.valid() || id.value > static_cast<std::int64_t>(records.size())) return nullptr;
  return &records[static_cast<size_t>(id.value - 1)];
}

template <typename T>
T* FirstOpen(std::vector<T>& records) {
  for (T& r : records) {
    if (r.IsOpen()) return &r;
  }
  return nullptr;
}

}  // namespace

Result<RecordRef> CaseHistory::Transition::operator()(const HoldInitialConference& s) {
  const ConferenceId id(static_cast<std::int64_t>(c_.conferences_.size()) + 1);
  Violations v(Named("icpc", id));
  CheckDate(v, "held_on", s.held_on);
  // CIN census: an initial child protection conference is not held at a weekend.
  if (s.held_on.IsWeekend()) v.Add("held_on", Iso(s.held_on) + " is at a weekend (CIN census: ICPC not at a weekend)");
  if (const ChildProtectionPlan* open = c_.OpenChildProtectionPlan()) {
    v.Add("held_on", "the child is already on cp plan " + open->id.ToString() +
                         "; a plan is reviewed, not conferenced again (Working Together: review conferences)");
  }
  ValidateMeetingRecord(s.record, s.held_on, QuorumRequirement::kRequired, v);

  Section47Enquiry* enquiry = nullptr;
  Referral* referral = nullptr;
  Timescale* timescale = nullptr;
  if (s.kind == ConferenceKind::kInitial) {
    if (s.enquiry.valid()) {
      enquiry = ById(c_.enquiries_, s.enquiry);
      if (enquiry == nullptr) v.Add("enquiry", "s47 enquiry " + s.enquiry.ToString() + " does not exist");
    } else {
      for (Section47Enquiry& e : c_.enquiries_) {
        if (!e.conference.valid()) enquiry = &e;
      }
      if (enquiry == nullptr) {
        v.Add("enquiry", "no s47 enquiry awaits a conference; an ICPC follows a strategy discussion and s47 "
                         "enquiry (Working Together)" + std::string(kSourceOrder));
      }
    }
    if (enquiry != nullptr) {
      if (enquiry->conference.valid()) {
        v.Add("enquiry", "s47 enquiry " + enquiry->id.ToString() + " already led to icpc " +
                             enquiry->conference.ToString());
      }
      if (enquiry->outcome && *enquiry->outcome != Section47Outcome::kInitialConference) {
        v.Add("enquiry", "s47 enquiry " + enquiry->id.ToString() + " concluded " +
                             std::string(ToString(*enquiry->outcome)) + ", not an icpc");
      }
      CheckNotBefore(v, "held_on", s.held_on, enquiry->started_on,
                     "strategy discussion " + enquiry->strategy_discussion.ToString());
      referral = ById(c_.referrals_, enquiry->referral);
      if (referral != nullptr && !referral->IsOpen()) {
        v.Add("referral", "referral " + referral->id.ToString() + " was closed on " + Iso(*referral->closed_on));
      }
      timescale = FindOpen(TimescaleKind::kInitialConference,
                           {RecordKind::kStrategyDiscussion, enquiry->strategy_discussion.value});
    }
  } else {
    referral = OpenReferralFor(v, s.referral, "referral");
    if (referral != nullptr) {
      if (referral->kind != ReferralKind::kTransferIn) {
        v.Add("kind", "a transfer-in conference follows a transfer-in referral; referral " +
                          referral->id.ToString() + " is " + std::string(ToString(referral->kind)));
      }
      CheckNotBefore(v, "held_on", s.held_on, referral->received_on, "referral " + referral->id.ToString());
      timescale = FindOpen(TimescaleKind::kTransferInConference, {RecordKind::kReferral, referral->id.value});
    }
  }
  CheckLate(v, timescale, s.held_on, s.late_reason);
  RETURN_IF_ERROR(v.ToStatus());

  const RecordRef ref{RecordKind::kInitialConference, id.value};
  InitialChildProtectionConference conference;
  conference.id = id;
  conference.referral = referral != nullptr ? referral->id : ReferralId();
  conference.kind = s.kind;
  conference.held_on = s.held_on;
  conference.pre_birth = c_.IsUnborn();
  conference.decision = s.decision;
  conference.record = s.record;
  if (enquiry != nullptr) {
    conference.enquiry = enquiry->id;
    enquiry->conference = id;
    if (enquiry->IsOpen()) {  // the conference concludes the enquiry
      enquiry->completed_on = s.held_on;
      enquiry->outcome = Section47Outcome::kInitialConference;
    }
  }
  if (referral != nullptr && !referral->decided_on) {
    referral->decided_on = s.held_on;
  }
  Complete(timescale, s.held_on, ref, s.late_reason);
  c_.conferences_.push_back(std::move(conference));
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const StartChildProtectionPlan& s) {
  const ChildProtectionPlanId id(static_cast<std::int64_t>(c_.cp_plans_.size()) + 1);
  Violations v(Named("cp plan", id));
  CheckDate(v, "start", s.start);
  if (!s.key_worker.valid()) v.Add("key_worker", "is required (Working Together: every plan has a key worker)");
  InitialChildProtectionConference* conference = nullptr;
  if (s.conference.valid()) {
    conference = ById(c_.conferences_, s.conference);
    if (conference == nullptr) v.Add("conference", "icpc " + s.conference.ToString() + " does not exist");
  } else if (!c_.conferences_.empty()) {
    conference = &c_.conferences_.back();
  } else {
    v.Add("conference", "no initial child protection conference has decided on a plan; a plan starts at an "
                        "ICPC (Working Together: no plan before conference)");
  }
  if (conference != nullptr) {
    if (conference->decision != ConferenceDecision::kChildProtectionPlan) {
      v.Add("conference", "icpc " + conference->id.ToString() + " decided no plan");
    }
    if (conference->plan.valid()) {
      v.Add("conference", "icpc " + conference->id.ToString() + " already started cp plan " +
                              conference->plan.ToString());
    }
    // CIN census: the plan starts on the date of the conference that decided on it.
    if (s.start != conference->held_on) {
      v.Add("start", Iso(s.start) + " is not the icpc date " + Iso(conference->held_on) +
                         " (CIN census: plan starts on the ICPC date)");
    }
    const Referral* r = ById(c_.referrals_, conference->referral);
    if (r != nullptr && !r->IsOpen()) {
      v.Add("conference", "its referral " + r->id.ToString() + " was closed on " + Iso(*r->closed_on));
    }
  }
  if (const ChildProtectionPlan* open = c_.OpenChildProtectionPlan()) {
    v.Add("start", "cp plan " + open->id.ToString() + " is still open; a child has one plan at a time");
  }
  for (const ChildInNeedPlan& p : c_.cin_plans_) {
    if (!p.ended_on || *p.ended_on > s.start) {
      v.Add("start", Iso(s.start) + " overlaps cin plan " + p.id.ToString() + " (" + Iso(p.start) + " to " +
                         (p.ended_on ? Iso(*p.ended_on) : std::string("open")) + "); end it on or before " +
                         Iso(s.start) + std::string(kSourceOverlap));
    }
  }
  RETURN_IF_ERROR(v.ToStatus());

  ChildProtectionPlan plan;
  plan.id = id;
  plan.referral = conference->referral;
  plan.conference = conference->id;
  plan.start = s.start;
  plan.category = s.category;
  plan.key_worker = s.key_worker;
  plan.pre_birth = c_.IsUnborn();
  c_.cp_plans_.push_back(plan);
  conference->plan = id;
  const RecordRef icpc{RecordKind::kInitialConference, conference->id.value};
  // Working Together: first core group within 10 working days of the ICPC; first review
  // within 3 months of it. Both clocks belong to the conference.
  Start(TimescaleKind::kFirstCoreGroup, icpc, conference->held_on,
        AddWorkingDays(conference->held_on, c_.rules_.first_core_group), plan.referral, id);
  Start(TimescaleKind::kFirstReview, icpc, conference->held_on,
        AddMonths(conference->held_on, c_.rules_.first_review_months), plan.referral, id);
  return RecordRef{RecordKind::kChildProtectionPlan, id.value};
}

Result<RecordRef> CaseHistory::Transition::operator()(const HoldCoreGroupMeeting& s) {
  const CoreGroupMeetingId id(static_cast<std::int64_t>(c_.core_groups_.size()) + 1);
  Violations v(Named("core group", id));
  CheckDate(v, "held_on", s.held_on);
  ValidateMeetingRecord(s.record, s.held_on, QuorumRequirement::kNotRequired, v);
  ChildProtectionPlan* plan = s.plan.valid() ? ById(c_.cp_plans_, s.plan)
                                             : FirstOpen(c_.cp_plans_);
  if (plan == nullptr) {
    v.Add("plan", "no open cp plan; a core group meets on a child protection plan (Working Together)" +
                      std::string(kSourceOrder));
    return v.ToStatus();
  }
  if (!plan->IsOpen()) v.Add("plan", "cp plan " + plan->id.ToString() + " ended on " + Iso(*plan->ended_on));
  CheckNotBefore(v, "held_on", s.held_on, plan->start, "the start of cp plan " + plan->id.ToString());
  for (const CoreGroupMeeting& m : c_.core_groups_) {
    if (m.plan == plan->id && m.held_on > s.held_on) {
      v.Add("held_on", Iso(s.held_on) + " is before core group " + m.id.ToString() + " on " + Iso(m.held_on) +
                           "; record core groups in date order" + std::string(kSourceOrder));
    }
  }
  Timescale* timescale = FindOpenForPlan(TimescaleKind::kFirstCoreGroup, plan->id);
  if (timescale == nullptr) timescale = FindOpenForPlan(TimescaleKind::kCoreGroup, plan->id);
  CheckLate(v, timescale, s.held_on, s.late_reason);
  RETURN_IF_ERROR(v.ToStatus());
  c_.core_groups_.push_back({id, plan->id, s.held_on, s.record});
  const RecordRef ref{RecordKind::kCoreGroupMeeting, id.value};
  Complete(timescale, s.held_on, ref, s.late_reason);
  // Working Together: core groups at least every 6 weeks (locally set), from the last one.
  Start(TimescaleKind::kCoreGroup, ref, s.held_on, s.held_on.AddDays(7 * c_.rules_.core_group_interval_weeks),
        plan->referral, plan->id);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const HoldReviewConference& s) {
  const ReviewConferenceId id(static_cast<std::int64_t>(c_.reviews_.size()) + 1);
  Violations v(Named("review conference", id));
  CheckDate(v, "held_on", s.held_on);
  ValidateMeetingRecord(s.record, s.held_on, QuorumRequirement::kRequired, v);
  ChildProtectionPlan* plan = s.plan.valid() ? ById(c_.cp_plans_, s.plan)
                                             : FirstOpen(c_.cp_plans_);
  if (plan == nullptr) {
    v.Add("plan", "no open cp plan to review; a review conference follows the plan's start "
                  "(CIN census: reviews after the plan start)");
    return v.ToStatus();
  }
  if (!plan->IsOpen()) v.Add("plan", "cp plan " + plan->id.ToString() + " ended on " + Iso(*plan->ended_on));
  if (s.held_on <= plan->start) {
    v.Add("held_on", Iso(s.held_on) + " is not after the start of cp plan " + plan->id.ToString() + " on " +
                         Iso(plan->start) + " (CIN census: reviews after the plan start)");
  }
  for (const ReviewConference& r : c_.reviews_) {
    if (r.plan == plan->id && r.held_on > s.held_on) {
      v.Add("held_on", Iso(s.held_on) + " is before review conference " + r.id.ToString() + " on " +
                           Iso(r.held_on) + "; record reviews in date order" + std::string(kSourceOrder));
    }
  }
  std::vector<Timescale*> timescales;
  for (TimescaleKind kind : {TimescaleKind::kFirstReview, TimescaleKind::kReview, TimescaleKind::kReviewAfterBirth}) {
    if (Timescale* t = FindOpenForPlan(kind, plan->id)) {
      CheckLate(v, t, s.held_on, s.late_reason);
      timescales.push_back(t);
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  c_.reviews_.push_back({id, plan->id, s.held_on, s.decision, s.record});
  const RecordRef ref{RecordKind::kReviewConference, id.value};
  for (Timescale* t : timescales) Complete(t, s.held_on, ref, s.late_reason);
  if (s.decision == ReviewDecision::kEndPlan) {
    plan->ended_on = s.held_on;
    plan->end_reason = PlanEndReason::kReviewConferenceDecision;
    WithdrawPlanTimescales(plan->id, s.held_on, ref);
  } else {
    // Working Together: later reviews at most 6 months apart.
    Start(TimescaleKind::kReview, ref, s.held_on, AddMonths(s.held_on, c_.rules_.review_interval_months),
          plan->referral, plan->id);
  }
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const EndChildProtectionPlan& s) {
  ChildProtectionPlan* plan = s.plan.valid() ? ById(c_.cp_plans_, s.plan)
                                             : FirstOpen(c_.cp_plans_);
  Violations v(Named("cp plan", plan != nullptr ? plan->id : s.plan));
  CheckDate(v, "ended_on", s.ended_on);
  if (s.reason == PlanEndReason::kReviewConferenceDecision) {
    v.Add("reason", "a plan ends by decision at a review conference; record the review conference "
                    "(Working Together: review conferences)");
  }
  if (plan == nullptr) {
    v.Add("plan", "no open cp plan to end" + std::string(kSourceOrder));
    return v.ToStatus();
  }
  if (!plan->IsOpen()) v.Add("plan", "already ended on " + Iso(*plan->ended_on));
  CheckNotBefore(v, "ended_on", s.ended_on, plan->start, "its start");
  for (const CoreGroupMeeting& m : c_.core_groups_) {
    if (m.plan == plan->id) CheckNotBefore(v, "ended_on", s.ended_on, m.held_on, "core group " + m.id.ToString());
  }
  for (const ReviewConference& r : c_.reviews_) {
    if (r.plan == plan->id) CheckNotBefore(v, "ended_on", s.ended_on, r.held_on, "review conference " + r.id.ToString());
  }
  RETURN_IF_ERROR(v.ToStatus());
  plan->ended_on = s.ended_on;
  plan->end_reason = s.reason;
  const RecordRef ref{RecordKind::kChildProtectionPlan, plan->id.value};
  WithdrawPlanTimescales(plan->id, s.ended_on, ref);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const RecordBirth& s) {
  Violations v("birth");
  CheckDate(v, "born_on", s.born_on);
  if (!c_.IsUnborn()) v.Add("born_on", "the child was already born on " + Iso(*c_.child_.date_of_birth));
  RETURN_IF_ERROR(v.ToStatus());
  c_.child_.date_of_birth = s.born_on;
  const RecordRef ref{RecordKind::kBirth, 0};
  if (const ChildProtectionPlan* plan = c_.OpenChildProtectionPlan()) {
    // domain.md: an unborn child's plan is reviewed within 10-20 working days of birth (local).
    Start(TimescaleKind::kReviewAfterBirth, ref, s.born_on, AddWorkingDays(s.born_on, c_.rules_.review_after_birth),
          plan->referral, plan->id);
  }
  return ref;
}

// Working Together: every plan has a named key worker. A change passes the open plan (a CP
// plan, else a CIN plan) on from a day; the plan, its dates and its clocks stay as they are.
Result<RecordRef> CaseHistory::Transition::operator()(const ChangeKeyWorker& s) {
  Violations v("key worker change");
  CheckDate(v, "changed_on", s.changed_on);
  if (!s.key_worker.valid()) v.Add("key_worker", "is required: the practitioner who takes the plan on");
  ChildProtectionPlan* cp = FirstOpen(c_.cp_plans_);
  ChildInNeedPlan* cin = cp == nullptr ? FirstOpen(c_.cin_plans_) : nullptr;
  if (cp == nullptr && cin == nullptr) {
    v.Add("plan", "no open cp or cin plan: a key worker is named for a plan" + std::string(kSourceOrder));
    return v.ToStatus();
  }
  const std::string plan_name = cp ? "cp plan " + cp->id.ToString() : "cin plan " + cin->id.ToString();
  const PractitionerId current = cp ? cp->key_worker : cin->key_worker;
  CheckNotBefore(v, "changed_on", s.changed_on, cp ? cp->start : cin->start, "the start of " + plan_name);
  for (const KeyWorkerChange& c : c_.key_worker_changes_) {
    const bool same_plan = cp ? c.cp_plan == cp->id : c.cin_plan == cin->id;
    if (same_plan && c.changed_on > s.changed_on) {
      v.Add("changed_on", Iso(s.changed_on) + " is before the last change of key worker on " + Iso(c.changed_on) +
                              std::string(kSourceOrder));
    }
  }
  if (s.key_worker.valid() && s.key_worker == current) {
    v.Add("key_worker", "practitioner " + s.key_worker.ToString() + " is already the key worker of " + plan_name);
  }
  RETURN_IF_ERROR(v.ToStatus());
  KeyWorkerChange change;
  change.changed_on = s.changed_on;
  change.from = current;
  change.to = s.key_worker;
  if (cp) {
    change.cp_plan = cp->id;
    cp->key_worker = s.key_worker;
  } else {
    change.cin_plan = cin->id;
    cin->key_worker = s.key_worker;
  }
  c_.key_worker_changes_.push_back(change);
  return cp ? RecordRef{RecordKind::kChildProtectionPlan, cp->id.value}
            : RecordRef{RecordKind::kChildInNeedPlan, cin->id.value};
}

}  // namespace safehub::domain
