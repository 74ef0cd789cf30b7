// Cumulative concern detection as a use case (issue 7): runs the rules engine over the
// events of children and their households, keeps the stored alerts in step with what the
// rules find (one alert per rule, subject and run of shared evidence, updated as it
// grows), routes each to the child's lead practitioner or the MASH queue, works out who
// holds it as unacknowledged alerts climb the escalation chain (worker -> team manager ->
// head of service, in working hours), and records acknowledgements. Every change is
// audited. Streaming (EvaluateChildren after a feed batch commits) and batch (EvaluateAll)
// share one code path, so they give the same alerts. Thread-safe: the rule set is swapped
// atomically; the store serialises writers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "common/clock.h"
#include "domain/alert.h"
#include "domain/calendar/working_day_calendar.h"
#include "domain/mash.h"
#include "rules/engine.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace safehub::app {

struct ConcernDetectionSettings {
  TeamId hub_team;  // the MASH team: holds alerts of children without a lead practitioner
  // England and Wales bank holidays are not working hours for escalation either.
  domain::WorkingDayRule is_working_day = [](Date d) {
    return domain::WorkingDayCalendar::EnglandAndWales().IsWorkingDay(d);
  };
};

struct DetectionReport {
  std::int64_t children = 0;        // children whose events were read
  std::int64_t events = 0;          // events evaluated
  std::int64_t alerts_found = 0;    // alerts the rules found (before reconciling)
  std::int64_t alerts_raised = 0;   // new stored alerts
  std::int64_t alerts_updated = 0;  // stored alerts whose evidence grew or changed
  std::int64_t alerts_merged = 0;   // stored alerts folded into another by a bridging event
  bool reused_inputs = false;       // the rule inputs kept from the previous evaluation held
};

// The events one committed unit of work of a feed stored, handed to streaming detection so
// it adds them to the rule inputs it holds instead of re-reading every child's history.
struct ArrivedEvents {
  std::span<const domain::Event> events;  // as stored, with their ids
  std::uint64_t write_sequence = 0;       // that unit's store::Transaction::WriteSequence()
};

// An alert as its holder sees it.
struct AlertView {
  domain::ConcernAlert alert;
  domain::HolderLevel level = domain::HolderLevel::kWorker;  // who holds it now
  bool escalated = false;  // past the worker's time
};

class ConcernDetection {
 public:
  // Children per slice of a streaming evaluation. A unit of work evaluates slice after slice
  // until the batch is done or, at the end of a slice, another unit waits for the store's
  // writer (a practitioner's audited read): then it commits and the rest goes on in the
  // next unit, so a large feed batch never holds the writer for long.
  static constexpr std::size_t kSliceChildren = 100;

  ConcernDetection(store::Store& store, const Clock& clock, ConcernDetectionSettings settings,
                   std::shared_ptr<const rules::RuleSet> rules = nullptr);  // null: built-in
  ~ConcernDetection();

  // Loads a new rule file. A refused file (every problem named with line and field)
  // leaves the current rules running.
  Status LoadRules(std::string_view text, std::string_view origin);
  std::shared_ptr<const rules::RuleSet> rules() const;

  // Streaming: re-evaluates the given children and their households (after their events
  // arrived) and brings the stored alerts in step, reading their inputs afresh.
  Result<DetectionReport> EvaluateChildren(std::span<const PersonId> children);
  // Streaming after a feed's unit of work committed `arrived` about `children`: the same
  // alerts and report as EvaluateChildren(children), but when nothing else was written since
  // this detection's previous evaluation, the rule inputs it kept from then (each person's
  // events with the facts of their day, household members) are used with the arrived events
  // added, and subjects whose found alerts are those it last brought in step are not
  // reconciled again. Anything else written in between drops what it kept.
  Result<DetectionReport> EvaluateArrived(std::span<const PersonId> children, const ArrivedEvents& arrived);
  // Batch: every child with events.
  Result<DetectionReport> EvaluateAll();

  // The caller's alerts: those routed to them, to their MASH team, and those escalated to
  // them as team manager or head of service (safeguarding lead). Open alerts only, most
  // severe first. Audited per child. Administrators and auditors are refused.
  Result<std::vector<AlertView>> AlertsFor(const AuthContext& caller);
  // Records the action taken; only a current holder may. kInvalidArgument (field
  // "action") without an action; kFailedPrecondition when no longer open.
  Result<domain::ConcernAlert> Acknowledge(const AuthContext& caller, domain::AlertId id, const std::string& action);

  // The holder of an alert at `now`, for views (exposed for tests).
  AlertView ViewOf(const domain::ConcernAlert& alert) const;

 private:
  class Inputs;
  // The resource an alert's audit entries name (its API path).
  static std::string AlertResource(domain::AlertId id);
  Result<DetectionReport> Evaluate(std::span<const PersonId> children, bool all, const ArrivedEvents* arrived);
  // Brings the alerts of `children` (or, with `all`, every child with events) and their
  // households in step, inside the caller's unit of work.
  Status EvaluateSlice(store::Transaction& tx, const rules::RuleSet& set, Inputs& inputs,
                       std::span<const PersonId> children, bool all, DetectionReport& report);
  Status Reconcile(store::Transaction& tx, const rules::RuleSet& set, const rules::Alert& found,
                   DetectionReport& report);
  Status Route(store::Transaction& tx, const rules::RuleSet& set, const rules::Rule& rule,
               domain::ConcernAlert& alert) const;
  // Whether `who` holds the alert now. `holder_agency` is the agency of the holding team
  // (the lead's, or the MASH's): its safeguarding leads are the head of service.
  bool Holds(const domain::Principal& who, const domain::ConcernAlert& alert, AgencyId holder_agency) const;
  Result<AgencyId> HolderAgency(store::Transaction& tx, const domain::ConcernAlert& alert,
                                std::map<std::int64_t, AgencyId>& cache) const;

  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  ConcernDetectionSettings settings_;
  mutable std::mutex rules_mu_;
  std::shared_ptr<const rules::RuleSet> rules_;
  // Rule inputs kept between streaming evaluations; evaluations take turns on it.
  std::mutex inputs_mu_;
  std::unique_ptr<Inputs> inputs_;
};

}  // namespace safehub::app
