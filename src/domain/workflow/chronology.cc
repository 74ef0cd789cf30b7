#include "domain/workflow/chronology.h"

#include <algorithm>
#include <tuple>

namespace safehub::domain {

namespace {

std::string Words(std::string_view s) { return std::string(s); }

// Builds the casework entries of one case; significance follows what a reviewer would want
// to see first (Working Together: harm and protection decisions high).
class CaseworkEntries {
 public:
  CaseworkEntries(const ChronologyInput& in, AgencyId agency, std::string agency_name,
                  std::vector<ChronologyEntry>& out)
      : in_(in), agency_(agency), agency_name_(std::move(agency_name)), out_(out) {}

  void Add(Date date, const char* kind, std::string summary, Significance significance, std::string reference) {
    ChronologyEntry e;
    e.date = date;
    e.person = in_.person;
    e.person_name = in_.person_name;
    e.agency = agency_;
    e.agency_name = agency_name_;
    e.kind = kind;
    e.summary = std::move(summary);
    e.significance = significance;
    e.source = ChronologySource::kCasework;
    e.reference = std::move(reference);
    out_.push_back(std::move(e));
  }

  void All(const CaseHistory& c) {
    for (const auto& x : c.contacts()) {
      const std::string ref = "contact " + x.id.ToString();
      Add(x.received_on, "contact", "Contact received from source " + x.source, Significance::kLow, ref);
      if (x.decided_on && x.decision) {
        Add(*x.decided_on, "contact decision", "Contact decided: " + Words(ToString(*x.decision)), Significance::kLow, ref);
      }
    }
    for (const auto& x : c.referrals()) {
      const std::string ref = "referral " + x.id.ToString();
      Add(x.received_on, "referral",
          std::string(x.kind == ReferralKind::kTransferIn ? "Transfer-in referral" : "Referral") + " received from source " +
              x.source + (x.primary_need.empty() ? "" : ", primary need " + x.primary_need) +
              (x.IsReReferral() ? "; a re-referral within 12 months of referral " + x.previous_within_12_months.ToString()
                                : ""),
          x.IsReReferral() ? Significance::kHigh : Significance::kMedium, ref);
      if (x.decided_on && x.decision) {
        Add(*x.decided_on, "referral decision", "Referral decided: " + Words(ToString(*x.decision)), Significance::kLow,
            ref);
      }
      if (x.closed_on && x.closure_reason) {
        Add(*x.closed_on, "episode closed",
            "Episode closed: " + Words(ToCode(*x.closure_reason)) + " " + Words(Describe(*x.closure_reason)),
            Significance::kMedium, ref);
      }
    }
    for (const auto& x : c.assessments()) {
      const std::string ref = "assessment " + x.id.ToString();
      Add(x.started_on, "assessment", "Single assessment started", Significance::kLow, ref);
      if (x.completed_on && x.outcome) {
        std::string factors;
        for (const auto& f : x.factors) factors += (factors.empty() ? "" : ", ") + f;
        Add(*x.completed_on, "assessment completed",
            "Assessment completed: " + Words(ToString(*x.outcome)) + (factors.empty() ? "" : "; factors " + factors),
            Significance::kMedium, ref);
      }
    }
    for (const auto& x : c.strategy_discussions()) {
      Add(x.held_on, "strategy discussion",
          x.decision == StrategyDecision::kSection47Enquiry ? "Strategy discussion: section 47 enquiry to start"
                                                            : "Strategy discussion: no section 47 enquiry",
          Significance::kHigh, "strategy discussion " + x.id.ToString());
    }
    for (const auto& x : c.section47_enquiries()) {
      if (x.completed_on && x.outcome) {
        Add(*x.completed_on, "s47 enquiry completed", "Section 47 enquiry completed: " + Words(ToString(*x.outcome)),
            Significance::kHigh, "s47 enquiry " + x.id.ToString());
      }
    }
    for (const auto& x : c.initial_conferences()) {
      Add(x.held_on, "icpc",
          std::string(x.kind == ConferenceKind::kTransferIn ? "Transfer-in" : "Initial") +
              " child protection conference: " + Words(ToString(x.decision)) +
              (IsQuorate(x.record) ? "" : " (not quorate)") + (x.pre_birth ? "; pre-birth" : ""),
          Significance::kHigh, "icpc " + x.id.ToString());
    }
    for (const auto& x : c.child_protection_plans()) {
      const std::string ref = "cp plan " + x.id.ToString();
      Add(x.start, "cp plan", "Child protection plan started: " + Words(ToString(x.category)), Significance::kHigh, ref);
      if (x.ended_on && x.end_reason) {
        Add(*x.ended_on, "cp plan ended", "Child protection plan ended: " + Words(ToString(*x.end_reason)),
            Significance::kHigh, ref);
      }
    }
    for (const auto& x : c.core_group_meetings()) {
      Add(x.held_on, "core group", "Core group meeting (" + std::to_string(AgenciesPresent(x.record)) + " agencies present)",
          Significance::kMedium, "core group " + x.id.ToString());
    }
    for (const auto& x : c.review_conferences()) {
      Add(x.held_on, "review conference", "Review child protection conference: " + Words(ToString(x.decision)),
          Significance::kHigh, "review " + x.id.ToString());
    }
    for (const auto& x : c.child_in_need_plans()) {
      const std::string ref = "cin plan " + x.id.ToString();
      Add(x.start, "cin plan", "Child in need plan started", Significance::kMedium, ref);
      if (x.ended_on) Add(*x.ended_on, "cin plan ended", "Child in need plan ended", Significance::kMedium, ref);
    }
    for (const auto& x : c.key_worker_changes()) {
      Add(x.changed_on, "key worker changed",
          std::string(x.cp_plan.valid() ? "Child protection plan" : "Child in need plan") +
              " passed to another key worker",
          Significance::kLow, x.cp_plan.valid() ? "cp plan " + x.cp_plan.ToString() : "cin plan " + x.cin_plan.ToString());
    }
    for (const auto& t : c.timescales()) {
      if (t.state != TimescaleState::kLate || !t.completed_on) continue;
      Add(*t.completed_on, "late", Words(ToString(t.kind)) + " late (due " + t.due.ToString() + ", " +
                                       t.completed_by.ToString() + "): " + t.late_reason,
          Significance::kMedium, t.started_by.ToString());
    }
  }

 private:
  const ChronologyInput& in_;
  AgencyId agency_;
  std::string agency_name_;
  std::vector<ChronologyEntry>& out_;
};

std::string NameOf(const std::map<AgencyId, std::string>& names, AgencyId id) {
  auto it = names.find(id);
  return it != names.end() ? it->second : "agency " + id.ToString();
}

}  // namespace

std::string_view ToString(ChronologySource source) {
  return source == ChronologySource::kAgencyEvent ? "agency event" : "casework";
}

std::vector<ChronologyEntry> BuildChronology(std::span<const ChronologyInput> inputs,
                                             const std::map<AgencyId, std::string>& agency_names,
                                             AgencyId casework_agency, const ChronologyFilter& filter) {
  std::vector<ChronologyEntry> all;
  for (const ChronologyInput& in : inputs) {
    for (const Event& e : in.events) {
      ChronologyEntry entry;
      entry.date = e.occurred_on;
      entry.person = in.person;
      entry.person_name = in.person_name;
      entry.agency = e.agency;
      entry.agency_name = NameOf(agency_names, e.agency);
      entry.kind = e.kind;
      entry.summary = e.summary;
      entry.significance = e.significance;
      entry.source = ChronologySource::kAgencyEvent;
      entry.reference = "event " + e.id.ToString();
      all.push_back(std::move(entry));
    }
    if (in.casework != nullptr) {
      CaseworkEntries(in, casework_agency, NameOf(agency_names, casework_agency), all).All(*in.casework);
    }
  }
  std::vector<ChronologyEntry> out;
  for (auto& e : all) {
    if (filter.agency && e.agency != *filter.agency) continue;
    if (e.significance < filter.at_least) continue;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const ChronologyEntry& a, const ChronologyEntry& b) {
    return std::tie(a.date, a.person.value, a.source) < std::tie(b.date, b.person.value, b.source);
  });
  return out;
}

}  // namespace safehub::domain
