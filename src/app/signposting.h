// Signposting for practitioners (CP-IS, done right): who is working with a vulnerable child
// and how to reach the responsible team, without any of the case. Every lookup states a
// reason, is audited, and notifies the child's key worker, who can see the last 25
// lookups. Children who are not vulnerable, and shielded children searched on hidden
// fields, give no answer at all. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "domain/signposting.h"
#include "domain/workflow/case_history.h"
#include "store/store.h"

namespace safehub::app {

struct SignpostingQuery {
  std::string nhs_number;
  std::string upn;
  std::string name;  // with date_of_birth
  std::optional<Date> date_of_birth;
};

struct SignpostedService {
  std::string agency_name;
  std::string team_name;
  std::string service;  // "a sensitive service is involved" when it is one
  std::string contact_phone;
};

struct SignpostingAnswer {
  PersonId child;
  std::string name;
  std::optional<Date> date_of_birth;
  domain::PlanType plan_type = domain::PlanType::kChildProtectionPlan;
  Date plan_start;
  std::optional<Date> plan_end;
  std::string responsible_team;
  std::string responsible_agency;
  std::string office_phone;
  std::string out_of_hours_phone;
  bool shielded = false;                    // services withheld; contact the responsible team
  std::vector<SignpostedService> involved;  // agencies and services, nothing of the case
};

// Who answers for a child-in-need plan in signposting until a key worker is named for it
// (ChangeKeyWorker): the workflow's CIN plan starts with none, so the caller says whose it is
// (the social worker recording it, or the child's allocated worker in the synthetic area).
struct PlanOwner {
  TeamId team;
  PractitionerId key_worker;
};

// Record once: the plan periods signposting answers from follow the CP and CIN plans of the
// child's casework. In the caller's unit of work, for every plan of `history`: a period of
// the same type and start is inserted when the store has none (a CP plan answered by its key
// worker and the key worker's team, an unborn child's plan as an unborn CP plan, a CIN plan
// by `cin_owner` or the key worker named for it), an open period passes to the plan's key
// worker and their team when the key worker changed, and an open period is ended when its
// plan has ended. Periods recorded by
// hand (looked after) are left alone. Idempotent. kInvalidArgument (field "key_worker") when
// a CIN plan needs a period and `cin_owner` names no one.
Status SyncPlanPeriods(store::Transaction& tx, const domain::CaseHistory& history, const PlanOwner& cin_owner);

struct PlanSplitBackfill {
  int children = 0;           // children whose pre-birth plan periods were split at the birth
  int left = 0;               // periods recorded by hand, with no casework plan to split by
  int failed = 0;             // children whose stored steps no longer replay (left as they were)
  std::string first_failure;  // the first of those, with its reason
};

// Once, for databases from before periods split at the birth: every child born since an
// unborn child's plan period of theirs began, whose period still runs past the birth, has
// it ended at the birth and a child protection plan period from the birth (as SyncPlanPeriods
// now writes them), one transaction per child. One query when there is nothing to do.
Result<PlanSplitBackfill> SplitPreBirthPlanPeriods(store::Store& store, Date today);

class Signposting {
 public:
  static constexpr int kAccessesShown = 25;

  Signposting(store::Store& store, const Clock& clock) : store_(store), clock_(clock), audit_(clock) {}

  // A practitioner of a children's social care agency records a plan period (the LA's CP,
  // CIN and looked-after lists, as CP-IS receives them). CP and CIN plans recorded as
  // casework steps write their periods themselves (SyncPlanPeriods); this stays for
  // looked-after periods, which have no workflow yet, and for plans from before Safehub.
  Result<domain::PlanPeriodId> RecordPlanPeriod(const AuthContext& caller, const domain::PlanPeriod& period);
  // kInvalidArgument without a reason or without enough to identify a child (an NHS
  // number, a UPN, or a name with a date of birth); kPermissionDenied for roles that do not
  // work with children.
  Result<std::vector<SignpostingAnswer>> Lookup(const AuthContext& caller, const SignpostingQuery& query,
                                                const std::string& reason);
  // The last lookups of a child, for its key worker, the responsible team, or an auditor.
  Result<std::vector<domain::SignpostingNotification>> AccessesOf(const AuthContext& caller, PersonId child);
  // The caller's own notices as a key worker, newest first.
  Result<std::vector<domain::SignpostingNotification>> MyNotifications(const AuthContext& caller);

 private:
  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
};

}  // namespace safehub::app
