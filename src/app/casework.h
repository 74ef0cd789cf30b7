// Statutory casework as a use case: recording a step of a child's case (checked by
// domain::CaseHistory over the child's stored steps, stored with its audit entry in one unit
// of work), reading a case (audited like every read of a child's record) and the caller's
// work list (overdue and due-soon timescales). Records are entered once, as steps; every
// record, timescale and the chronology are derived by replaying them. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "common/clock.h"
#include "domain/access.h"
#include "domain/calendar/working_day_calendar.h"
#include "domain/workflow/case_history.h"
#include "store/store.h"

namespace safehub::app {

// What recording a step made: the record it created or changed, its sequence number, and
// the case's timescales still open afterwards.
struct RecordedStep {
  domain::RecordRef record;
  std::int64_t sequence = 0;
  std::vector<domain::Timescale> open_timescales;
};

// Whether the involvement is the one a plan's key worker holds for it (made by "start cp
// plan" or "change key worker"): it follows the plan, so only the casework changes it.
bool IsPlanKeyWorkerInvolvement(const domain::Involvement& involvement);

// The key worker of the child's open plan (the CP plan, else the CIN plan), or an invalid id
// when no plan is open or a CIN plan has none named. Replays the case; not audited (for
// checks, not for showing).
Result<PractitionerId> OpenPlanKeyWorker(store::Transaction& tx, PersonId child, Date today);

// One child's case as of `today`: the replayed history and who recorded each step, when.
struct CaseRead {
  domain::CaseHistory history;
  std::vector<store::StoredStep> steps;  // in the order of history.steps()
  domain::AccessBasis basis = domain::AccessBasis::kNone;
  Date today;
};

// One open timescale on a case the caller works on.
struct WorkItem {
  PersonId child;
  std::string child_name;
  domain::Timescale timescale;
  PractitionerId key_worker;  // of the open CP plan, if any
  int working_days_overdue = 0;  // domain::WorkingDaysOverdue (bank holidays excluded)
  int working_days_left = 0;     // domain::WorkingDaysLeft
};

struct WorkList {
  Date as_of;
  int due_within_working_days = 0;
  store::WorkScope scope = store::WorkScope::kWorker;  // whose cases: the caller's, team's or service's
  int cases = 0;                     // cases looked at (children in scope with casework)
  std::vector<WorkItem> overdue;     // by due date, oldest first
  std::vector<WorkItem> due_soon;    // by due date
};

// The child's details as a case needs them: the workflow's one rule (an unborn child's case
// starts from the expected date; a child born during the case replays from two weeks before
// the birth), shared with the returns' StoreCaseSource.
using domain::CaseChildDetails;

// A child's stored steps, decoded, in the order they were accepted (the StepLoader of the
// returns' StoreCaseSource). kDataLoss naming the step when one no longer decodes.
Result<std::vector<domain::Step>> StoredCaseworkSteps(store::Transaction& tx, PersonId child);
// Replays a child's stored steps as of `today`. kDataLoss when a stored step no longer
// decodes or replays.
Result<domain::CaseHistory> ReplayCase(
    const domain::Person& person, std::span<const store::StoredStep> rows, Date today,
    const domain::WorkingDayCalendar& calendar = domain::WorkingDayCalendar::EnglandAndWales());

// Loads and replays a child's stored case as of `today`. kDataLoss when a stored step no
// longer decodes or replays (a store edited outside Safehub).
Result<domain::CaseHistory> LoadCase(
    store::Transaction& tx, PersonId child, Date today, std::vector<store::StoredStep>* stored = nullptr,
    const domain::WorkingDayCalendar& calendar = domain::WorkingDayCalendar::EnglandAndWales());

// A one-off repair of stored cases (the start-up backfills): `repair` runs on each child's
// replayed case in a transaction of its own and says whether it changed anything. A child
// whose steps no longer decode or replay is counted and left as it is, not allowed to stop
// the others.
struct CaseRepairReport {
  int changed = 0;
  int unchanged = 0;
  int failed = 0;
  std::string first_failure;  // the first failure, with its reason
};
using CaseRepair = std::function<Result<bool>(store::Transaction& tx, PersonId child, const domain::CaseHistory& history,
                                              const std::vector<store::StoredStep>& steps)>;
Result<CaseRepairReport> RepairCases(
    store::Store& store, const std::vector<PersonId>& children, Date today, const CaseRepair& repair,
    const domain::WorkingDayCalendar& calendar = domain::WorkingDayCalendar::EnglandAndWales());

class Casework {
 public:
  Casework(store::Store& store, const Clock& clock,
           const domain::WorkingDayCalendar& calendar = domain::WorkingDayCalendar::EnglandAndWales())
      : store_(store), clock_(clock), calendar_(calendar), audit_(clock) {}

  // Records a step of the child's case. Only children's social care records statutory steps,
  // on a child the caller works with (own or team involvement). Errors: kNotFound (child),
  // kPermissionDenied (audited), kInvalidArgument with every violation unchanged from the
  // workflow (nothing written), kAlreadyExists when another step was recorded concurrently.
  // A CP plan's key worker gains an involvement with the child (their legitimate
  // relationship), which ends when the plan ends or passes to another key worker; a birth is
  // written to the person record (record once). `reason` is the stated reason a wide-scope
  // manager gives, as for reading the record.
  Result<RecordedStep> RecordStep(const AuthContext& caller, PersonId child, const domain::Step& step,
                                  const std::string& reason = "");

  // The child's case, audited (allowed or denied) like every read of a child's record.
  // A shielded child's case is refused (field "shielding") to anyone whose access does not
  // rest on their own or their team's involvement.
  Result<CaseRead> ReadCase(const AuthContext& caller, PersonId child, const std::string& reason);

  // Overdue and due-soon timescales (due within `due_within_working_days`, 0-60) of the cases
  // the caller works on: children with an active involvement of the caller (a CP plan's key
  // worker has one); for a team scope, those of every practitioner of the caller's team; for
  // an agency or all scope (a head of service), those of every practitioner of the caller's
  // agency. Read from the stored open timescales (app/open_timescales), not by replaying
  // each case. Each child listed is audited, all in one transaction.
  Result<WorkList> MyWork(const AuthContext& caller, int due_within_working_days);

  const domain::WorkingDayCalendar& calendar() const { return calendar_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  const domain::WorkingDayCalendar& calendar_;
  AuditTrail audit_;
};

}  // namespace safehub::app
