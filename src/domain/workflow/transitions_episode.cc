// The CIN episode part of the path: contacts, referrals and their decision, assessments,
// strategy discussions and s47 enquiries, CIN plans and closure (Working Together; CIN census).
#include <algorithm>

#include "domain/calendar/working_day_calendar.h"
#include "domain/workflow/transition.h"

namespace safehub::domain {
Result<RecordRef> CaseHistory::Transition::operator()(const RecordContact& s) {
  const ContactId id(static_cast<std::int64_t>(c_.contacts_.size()) + 1);
  Violations v(Named("contact", id));
  CheckDate(v, "received_on", s.received_on);
  v.AddIfError("source", ValidateReferralSource(s.source));
  RETURN_IF_ERROR(v.ToStatus());
  c_.contacts_.push_back({id, s.received_on, s.source, std::nullopt, std::nullopt, {}});
  const RecordRef ref{RecordKind::kContact, id.value};
  // Working Together: a decision on what happens next within one working day of receipt.
  Start(TimescaleKind::kContactDecision, ref, s.received_on, AddWorkingDays(s.received_on, c_.rules_.contact_decision), {});
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const DecideContact& s) {
  Contact* contact = nullptr;
  if (s.contact.valid()) {
    if (s.contact.value <= static_cast<std::int64_t>(c_.contacts_.size())) {
      contact = &c_.contacts_[static_cast<size_t>(s.contact.value - 1)];
    }
  } else {
    for (auto it = c_.contacts_.rbegin(); it != c_.contacts_.rend() && contact == nullptr; ++it) {
      if (!it->decided_on) contact = &*it;
    }
  }
  Violations v(Named("contact", contact ? contact->id : s.contact));
  CheckDate(v, "decided_on", s.decided_on);
  if (contact == nullptr) {
    v.Add("contact", "no undecided contact to decide on; record the contact first" + std::string(kSourceOrder));
    return v.ToStatus();
  }
  if (contact->decided_on) v.Add("contact", "was already decided on " + Iso(*contact->decided_on));
  CheckNotBefore(v, "decided_on", s.decided_on, contact->received_on, "its receipt");
  const RecordRef ref{RecordKind::kContact, contact->id.value};
  Timescale* timescale = FindOpen(TimescaleKind::kContactDecision, ref);
  CheckLate(v, timescale, s.decided_on, s.late_reason);
  RETURN_IF_ERROR(v.ToStatus());
  contact->decided_on = s.decided_on;
  contact->decision = s.decision;
  Complete(timescale, s.decided_on, ref, s.late_reason);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const ReceiveReferral& s) {
  const ReferralId id(static_cast<std::int64_t>(c_.referrals_.size()) + 1);
  Violations v(Named("referral", id));
  CheckDate(v, "received_on", s.received_on);
  v.AddIfError("source", ValidateReferralSource(s.source));
  if (!s.primary_need.empty()) v.AddIfError("primary_need", ValidatePrimaryNeed(s.primary_need));
  for (const Referral& r : c_.referrals_) {
    if (r.IsOpen()) {
      v.Add("received_on", Iso(s.received_on) + " while referral " + r.id.ToString() + " (received " +
                               Iso(r.received_on) + ") is open; close that episode first" +
                               std::string(kSourceOneEpisode));
    } else if (*r.closed_on > s.received_on) {
      v.Add("received_on", Iso(s.received_on) + " is before referral " + r.id.ToString() +
                               " closed on " + Iso(*r.closed_on) + "; episodes may not overlap" +
                               std::string(kSourceOneEpisode));
    }
  }
  Contact* contact = nullptr;
  Timescale* contact_timescale = nullptr;
  if (s.from_contact.valid()) {
    if (s.from_contact.value > static_cast<std::int64_t>(c_.contacts_.size())) {
      v.Add("from_contact", "contact " + s.from_contact.ToString() + " does not exist");
    } else {
      contact = &c_.contacts_[static_cast<size_t>(s.from_contact.value - 1)];
      if (contact->decided_on) v.Add("from_contact", "contact " + contact->id.ToString() + " was already decided");
      CheckNotBefore(v, "received_on", s.received_on, contact->received_on, "contact " + contact->id.ToString());
      contact_timescale = FindOpen(TimescaleKind::kContactDecision, {RecordKind::kContact, contact->id.value});
      CheckLate(v, contact_timescale, s.received_on, s.late_reason);
    }
  }
  RETURN_IF_ERROR(v.ToStatus());

  Referral r;
  r.id = id;
  r.received_on = s.received_on;
  r.source = s.source;
  r.primary_need = s.primary_need;
  r.kind = s.kind;
  r.from_contact = s.from_contact;
  // DfE: a re-referral is a referral within 12 months of a previous referral.
  const Date window_start = AddMonths(s.received_on, -c_.rules_.re_referral_months);
  for (auto it = c_.referrals_.rbegin(); it != c_.referrals_.rend(); ++it) {
    if (it->received_on >= window_start && it->received_on <= s.received_on) {
      r.previous_within_12_months = it->id;
      break;
    }
  }
  c_.referrals_.push_back(r);
  const RecordRef ref{RecordKind::kReferral, id.value};
  if (contact != nullptr) {
    contact->decided_on = s.received_on;
    contact->referral = id;
    Complete(contact_timescale, s.received_on, ref, s.late_reason);
  }
  if (s.kind == ReferralKind::kTransferIn) {
    // Working Together: the receiving authority holds a transfer-in conference within 15
    // working days of being told of a child on a plan elsewhere; that is its decision.
    Start(TimescaleKind::kTransferInConference, ref, s.received_on,
          AddWorkingDays(s.received_on, c_.rules_.transfer_in_conference), id);
  } else {
    // Working Together: a decision within one working day of a referral's receipt.
    Start(TimescaleKind::kReferralDecision, ref, s.received_on,
          AddWorkingDays(s.received_on, c_.rules_.referral_decision), id);
  }
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const DecideOnReferral& s) {
  Violations v(Named("referral", s.referral));
  CheckDate(v, "decided_on", s.decided_on);
  Referral* r = OpenReferralFor(v, s.referral, "referral");
  if (r == nullptr) return v.ToStatus();
  Violations w(Named("referral", r->id));
  CheckDate(w, "decided_on", s.decided_on);
  if (r->decided_on) w.Add("decided_on", "the referral was already decided on " + Iso(*r->decided_on));
  CheckNotBefore(w, "decided_on", s.decided_on, r->received_on, "its receipt");
  CheckReferralDecision(w, *r, s.decided_on, s.late_reason);
  RETURN_IF_ERROR(w.ToStatus());
  const RecordRef ref{RecordKind::kReferral, r->id.value};
  DecideReferral(*r, s.decided_on, s.decision, ref, s.late_reason);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const StartAssessment& s) {
  const AssessmentId id(static_cast<std::int64_t>(c_.assessments_.size()) + 1);
  Violations v(Named("assessment", id));
  CheckDate(v, "started_on", s.started_on);
  Referral* r = OpenReferralFor(v, s.referral, "referral");
  if (r != nullptr) {
    CheckNotBefore(v, "started_on", s.started_on, r->received_on, "referral " + r->id.ToString());
    for (const Assessment& a : c_.assessments_) {
      if (a.referral == r->id && a.IsOpen()) {
        v.Add("started_on", "assessment " + a.id.ToString() + " of this referral is still open; complete it first");
      }
    }
    CheckReferralDecision(v, *r, s.started_on, s.late_reason);
  }
  RETURN_IF_ERROR(v.ToStatus());
  const bool first = std::none_of(c_.assessments_.begin(), c_.assessments_.end(),
                                  [&](const Assessment& a) { return a.referral == r->id; });
  c_.assessments_.push_back({id, r->id, s.started_on, std::nullopt, {}, std::nullopt});
  const RecordRef ref{RecordKind::kAssessment, id.value};
  DecideReferral(*r, s.started_on, ReferralDecision::kSingleAssessment, ref, s.late_reason);
  // Working Together: 45 working days from the referral; a further assessment in the same
  // episode is timed from its own start (docs/workflow.md).
  const RecordRef from = first ? RecordRef{RecordKind::kReferral, r->id.value} : ref;
  const Date from_date = first ? r->received_on : s.started_on;
  Start(TimescaleKind::kAssessment, from, from_date, AddWorkingDays(from_date, c_.rules_.assessment), r->id);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const CompleteAssessment& s) {
  Assessment* a = nullptr;
  if (s.assessment.valid()) {
    if (s.assessment.value <= static_cast<std::int64_t>(c_.assessments_.size())) {
      a = &c_.assessments_[static_cast<size_t>(s.assessment.value - 1)];
    }
  } else {
    for (Assessment& x : c_.assessments_) {
      if (x.IsOpen()) a = &x;
    }
  }
  Violations v(Named("assessment", a ? a->id : s.assessment));
  CheckDate(v, "completed_on", s.completed_on);
  for (const std::string& m : FactorViolations(s.factors)) v.Add("factors", m);
  if (std::find(s.factors.begin(), s.factors.end(), "21") != s.factors.end() &&
      s.outcome != AssessmentOutcome::kNoFurtherAction) {
    v.Add("factors", "21 (no factors identified) with outcome " + std::string(ToString(s.outcome)) +
                         " (CIN census: factor 21 only when no further action is taken)");
  }
  if (a == nullptr) {
    v.Add("assessment", "no open assessment to complete; start one first" + std::string(kSourceOrder));
    return v.ToStatus();
  }
  if (!a->IsOpen()) v.Add("assessment", "was already completed on " + Iso(*a->completed_on));
  CheckNotBefore(v, "completed_on", s.completed_on, a->started_on, "its start");
  Timescale* timescale = nullptr;
  for (Timescale& t : c_.timescales_) {
    if (t.IsOpen() && t.kind == TimescaleKind::kAssessment && t.referral == a->referral) timescale = &t;
  }
  CheckLate(v, timescale, s.completed_on, s.late_reason);
  RETURN_IF_ERROR(v.ToStatus());
  a->completed_on = s.completed_on;
  a->factors = s.factors;
  a->outcome = s.outcome;
  const RecordRef ref{RecordKind::kAssessment, a->id.value};
  Complete(timescale, s.completed_on, ref, s.late_reason);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const HoldStrategyDiscussion& s) {
  const StrategyDiscussionId id(static_cast<std::int64_t>(c_.strategy_discussions_.size()) + 1);
  Violations v(Named("strategy discussion", id));
  CheckDate(v, "held_on", s.held_on);
  Referral* r = OpenReferralFor(v, s.referral, "referral");
  if (r != nullptr) {
    CheckNotBefore(v, "held_on", s.held_on, r->received_on, "referral " + r->id.ToString());
    if (s.decision == StrategyDecision::kSection47Enquiry) {
      for (const Section47Enquiry& e : c_.enquiries_) {
        if (e.referral == r->id && e.IsOpen()) {
          v.Add("decision", "s47 enquiry " + e.id.ToString() + " is still open; complete it first");
        }
      }
    }
    CheckReferralDecision(v, *r, s.held_on, s.late_reason);
  }
  RETURN_IF_ERROR(v.ToStatus());
  const RecordRef ref{RecordKind::kStrategyDiscussion, id.value};
  StrategyDiscussion d{id, r->id, s.held_on, s.decision, {}};
  DecideReferral(*r, s.held_on, ReferralDecision::kStrategyDiscussion, ref, s.late_reason);
  if (s.decision == StrategyDecision::kSection47Enquiry) {
    d.enquiry = Section47EnquiryId(static_cast<std::int64_t>(c_.enquiries_.size()) + 1);
    c_.enquiries_.push_back({d.enquiry, r->id, id, s.held_on, std::nullopt, std::nullopt, {}});
    // Working Together: the ICPC within 15 working days of the strategy discussion that
    // started the s47 enquiry; counted as the DfE does (the discussion is day 1).
    Start(TimescaleKind::kInitialConference, ref, s.held_on, AddWorkingDays(s.held_on, c_.rules_.initial_conference),
          r->id);
  }
  c_.strategy_discussions_.push_back(d);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const CompleteSection47Enquiry& s) {
  Section47Enquiry* e = nullptr;
  if (s.enquiry.valid()) {
    if (s.enquiry.value <= static_cast<std::int64_t>(c_.enquiries_.size())) {
      e = &c_.enquiries_[static_cast<size_t>(s.enquiry.value - 1)];
    }
  } else {
    for (Section47Enquiry& x : c_.enquiries_) {
      if (x.IsOpen()) e = &x;
    }
  }
  Violations v(Named("s47 enquiry", e ? e->id : s.enquiry));
  CheckDate(v, "completed_on", s.completed_on);
  if (e == nullptr) {
    v.Add("enquiry", "no open s47 enquiry; a strategy discussion starts one" + std::string(kSourceOrder));
    return v.ToStatus();
  }
  if (!e->IsOpen()) v.Add("enquiry", "was already completed on " + Iso(*e->completed_on));
  CheckNotBefore(v, "completed_on", s.completed_on, e->started_on, "its start");
  RETURN_IF_ERROR(v.ToStatus());
  e->completed_on = s.completed_on;
  e->outcome = s.outcome;
  const RecordRef ref{RecordKind::kSection47Enquiry, e->id.value};
  if (s.outcome != Section47Outcome::kInitialConference) {
    // No conference is needed, so its timer stops without being met or missed.
    Timescale* t = FindOpen(TimescaleKind::kInitialConference,
                            {RecordKind::kStrategyDiscussion, e->strategy_discussion.value});
    if (t != nullptr) {
      t->state = TimescaleState::kNotRequired;
      t->completed_on = s.completed_on;
      t->completed_by = ref;
    }
  }
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const StartChildInNeedPlan& s) {
  const ChildInNeedPlanId id(static_cast<std::int64_t>(c_.cin_plans_.size()) + 1);
  Violations v(Named("cin plan", id));
  CheckDate(v, "start", s.start);
  Referral* r = OpenReferralFor(v, s.referral, "referral");
  if (r != nullptr) {
    CheckNotBefore(v, "start", s.start, r->received_on, "referral " + r->id.ToString());
    CheckReferralDecision(v, *r, s.start, s.late_reason);
  }
  if (const ChildInNeedPlan* open = c_.OpenChildInNeedPlan()) {
    v.Add("start", "cin plan " + open->id.ToString() + " is still open; end it first");
  }
  // CIN census: a child on a CP plan is not also on a CIN plan; periods touch at most.
  for (const ChildProtectionPlan& p : c_.cp_plans_) {
    if (!p.ended_on || *p.ended_on > s.start) {
      v.Add("start", Iso(s.start) + " overlaps cp plan " + p.id.ToString() + " (" + Iso(p.start) + " to " +
                         (p.ended_on ? Iso(*p.ended_on) : std::string("open")) + ")" + std::string(kSourceOverlap));
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  c_.cin_plans_.push_back({id, r->id, s.start, s.key_worker, std::nullopt});
  const RecordRef ref{RecordKind::kChildInNeedPlan, id.value};
  DecideReferral(*r, s.start, std::nullopt, ref, s.late_reason);
  return ref;
}

Result<RecordRef> CaseHistory::Transition::operator()(const EndChildInNeedPlan& s) {
  ChildInNeedPlan* p = nullptr;
  if (s.plan.valid()) {
    if (s.plan.value <= static_cast<std::int64_t>(c_.cin_plans_.size())) {
      p = &c_.cin_plans_[static_cast<size_t>(s.plan.value - 1)];
    }
  } else {
    for (ChildInNeedPlan& x : c_.cin_plans_) {
      if (x.IsOpen()) p = &x;
    }
  }
  Violations v(Named("cin plan", p ? p->id : s.plan));
  CheckDate(v, "ended_on", s.ended_on);
  if (p == nullptr) {
    v.Add("plan", "no open cin plan to end" + std::string(kSourceOrder));
    return v.ToStatus();
  }
  if (!p->IsOpen()) v.Add("plan", "already ended on " + Iso(*p->ended_on));
  CheckNotBefore(v, "ended_on", s.ended_on, p->start, "its start");
  RETURN_IF_ERROR(v.ToStatus());
  p->ended_on = s.ended_on;
  return RecordRef{RecordKind::kChildInNeedPlan, p->id.value};
}

Result<RecordRef> CaseHistory::Transition::operator()(const CloseEpisode& s) {
  Violations v(Named("referral", s.referral));
  Referral* r = OpenReferralFor(v, s.referral, "referral");
  if (r == nullptr) {
    CheckDate(v, "closed_on", s.closed_on);
    return v.ToStatus();
  }
  Violations w(Named("referral", r->id));
  CheckDate(w, "closed_on", s.closed_on);
  CheckNotBefore(w, "closed_on", s.closed_on, r->received_on, "its receipt");
  CheckReferralDecision(w, *r, s.closed_on, s.late_reason);
  bool assessed = false;
  // An episode closes when its work has: each open piece is named so it can be finished.
  for (const Assessment& a : c_.assessments_) {
    if (a.referral != r->id) continue;
    if (a.IsOpen()) w.Add("closed_on", "assessment " + a.id.ToString() + " is still open; complete it first");
    if (a.completed_on) {
      assessed = true;
      CheckNotBefore(w, "closed_on", s.closed_on, *a.completed_on, "assessment " + a.id.ToString() + " completed");
    }
  }
  for (const Section47Enquiry& e : c_.enquiries_) {
    if (e.referral == r->id && e.IsOpen()) {
      w.Add("closed_on", "s47 enquiry " + e.id.ToString() + " is still open; complete it first");
    }
  }
  for (const ChildInNeedPlan& p : c_.cin_plans_) {
    if (p.referral != r->id) continue;
    if (p.IsOpen()) w.Add("closed_on", "cin plan " + p.id.ToString() + " is still open; end it first");
    else CheckNotBefore(w, "closed_on", s.closed_on, *p.ended_on, "cin plan " + p.id.ToString() + " ended");
  }
  for (const ChildProtectionPlan& p : c_.cp_plans_) {
    if (p.referral != r->id) continue;
    if (p.IsOpen()) w.Add("closed_on", "cp plan " + p.id.ToString() + " is still open; end it first");
    else CheckNotBefore(w, "closed_on", s.closed_on, *p.ended_on, "cp plan " + p.id.ToString() + " ended");
  }
  if ((s.reason == ReasonForClosure::kRc8 || s.reason == ReasonForClosure::kRc9) && !assessed) {
    w.Add("reason", std::string(ToCode(s.reason)) + " (" + std::string(Describe(s.reason)) +
                        ") needs a completed assessment in the episode (CIN census: reason for closure)");
  }
  RETURN_IF_ERROR(w.ToStatus());
  const RecordRef ref{RecordKind::kReferral, r->id.value};
  DecideReferral(*r, s.closed_on, ReferralDecision::kNoFurtherAction, ref, s.late_reason);
  r->closed_on = s.closed_on;
  r->closure_reason = s.reason;
  WithdrawReferralTimescales(r->id, s.closed_on, ref);
  return ref;
}

}  // namespace safehub::domain
