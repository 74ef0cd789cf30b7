// Ending and reallocating a child's involvements. A worker's part in a case ends, or a manager
// hands the case to another worker: someone leaves or moves team, or the case transfers from
// assessment to a long-term team. The history stays on the record: the old involvement ends on
// the day and a new one starts that day, so "who was working with the child on date D" keeps
// its answer, as chronologies and serious case reviews need.
#include "app/alert_handover.h"
#include "app/casework.h"
#include "app/child_records.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::AuditOutcome;

namespace {

std::string Describe(const domain::Involvement& i) {
  return "involvement " + i.id.ToString() + " (team " + i.team.ToString() +
         (i.practitioner.valid() ? ", practitioner " + i.practitioner.ToString() : std::string(", no named practitioner")) +
         ")";
}

// A change is recorded on the day it happens or after it, never ahead: a planned handover is
// recorded when it takes place.
Status CheckDay(const domain::Involvement& i, Date day, Date today, const char* field) {
  if (day > today) return InvalidArgument(day.ToString() + " is after today: record the change on the day", field);
  if (day < i.started_on) {
    return InvalidArgument(day.ToString() + " is before involvement " + i.id.ToString() + " began on " +
                               i.started_on.ToString(),
                           field);
  }
  if (i.ended_on) {
    return Status(StatusCode::kFailedPrecondition,
                  "involvement " + i.id.ToString() + " already ended on " + i.ended_on->ToString(), "involvement_id");
  }
  return Status::Ok();
}

// The key worker's own involvement follows the plan: changing it here would leave the plan
// (signposting's notices, the due dates on a work list) with someone no longer on the case.
// A key worker from before that involvement was always recorded holds the plan through their
// last open involvement with the child.
Status CheckNotThePlansKeyWorker(store::Transaction& tx, PersonId child, const domain::Involvement& i, Date today) {
  const Status follows_plan(StatusCode::kFailedPrecondition,
                            "involvement " + i.id.ToString() + " is how the key worker of the child's plan works " +
                                "with the child: change the key worker in the casework (step \"change key worker\"), " +
                                "which ends it and starts the new key worker's",
                            "involvement_id");
  if (IsPlanKeyWorkerInvolvement(i)) return follows_plan;
  if (!i.practitioner.valid()) return Status::Ok();
  ASSIGN_OR_RETURN(PractitionerId key_worker, OpenPlanKeyWorker(tx, child, today));
  if (key_worker != i.practitioner) return Status::Ok();
  ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(child));
  for (const auto& other : all) {
    if (other.id != i.id && other.practitioner == i.practitioner && !other.ended_on) return Status::Ok();
  }
  return follows_plan;
}

}  // namespace

Status ChildRecords::ChangeInvolvement(
    const AuthContext& caller, PersonId child, InvolvementId id, const std::string& action, const std::string& reason,
    bool named_may,
    const std::function<Result<std::string>(store::Transaction&, const domain::Involvement&, const domain::Team&)>&
        change) {
  const std::string resource = "/api/v1/children/" + child.ToString() + "/involvements/" + id.ToString();
  Status refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    refusal = Status::Ok();
    auto deny = [&](Status why) -> Status {
      refusal = why;
      return Audit(tx, caller, action, resource, child, reason, AccessBasis::kNone, AuditOutcome::kDenied, why.message());
    };
    auto basis = Authorise(tx, caller, child, reason);
    if (!basis.ok()) {
      if (basis.status().code() != StatusCode::kPermissionDenied) return (refusal = basis.status()), Status::Ok();
      return deny(basis.status());
    }
    ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(child));
    const domain::Involvement* found = nullptr;
    for (const auto& i : involvements) {
      if (i.id == id) found = &i;
    }
    if (found == nullptr) {
      refusal = NotFound("involvement " + id.ToString() + " is not one of child " + child.ToString() + "'s");
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(domain::Team team, tx.GetTeam(found->team));
    const bool named = named_may && found->practitioner.valid() && found->practitioner == caller.principal.practitioner;
    if (!named && !domain::ManagesTeam(caller.principal, team.id, team.agency)) {
      return deny(PermissionDenied(std::string("only a manager of ") + team.name +
                                   (named_may ? " or the practitioner named on it" : "") + " may " +
                                   (named_may ? "end" : "reallocate") + " involvement " + id.ToString()));
    }
    ASSIGN_OR_RETURN(std::string detail, change(tx, *found, team));
    return Audit(tx, caller, action, resource, child, reason, *basis, AuditOutcome::kAllowed, detail);
  }));
  return refusal;
}

Status ChildRecords::EndInvolvement(const AuthContext& caller, PersonId child, InvolvementId id, Date ended_on,
                                    const std::string& reason) {
  const Date today = clock_.Today();
  return ChangeInvolvement(caller, child, id, "end_involvement", reason, /*named_may=*/true,
                           [&](store::Transaction& tx, const domain::Involvement& i, const domain::Team&) -> Result<std::string> {
                             RETURN_IF_ERROR(CheckDay(i, ended_on, today, "ended_on"));
                             RETURN_IF_ERROR(CheckNotThePlansKeyWorker(tx, child, i, today));
                             RETURN_IF_ERROR(tx.EndInvolvement(i.id, ended_on));
                             return Describe(i) + " ended on " + ended_on.ToString();
                           });
}

Result<InvolvementId> ChildRecords::ReallocateInvolvement(const AuthContext& caller, PersonId child, InvolvementId id,
                                                          PractitionerId to, Date on, const std::string& reason) {
  const Date today = clock_.Today();
  InvolvementId created;
  RETURN_IF_ERROR(ChangeInvolvement(
      caller, child, id, "reallocate_involvement", reason, /*named_may=*/false,
      [&](store::Transaction& tx, const domain::Involvement& i, const domain::Team& team) -> Result<std::string> {
        RETURN_IF_ERROR(CheckDay(i, on, today, "on"));
        RETURN_IF_ERROR(CheckNotThePlansKeyWorker(tx, child, i, today));
        if (to == i.practitioner) {
          return InvalidArgument("involvement " + i.id.ToString() + " is already practitioner " + to.ToString() + "'s",
                                 "practitioner_id");
        }
        auto practitioner = tx.GetPractitioner(to);
        if (!practitioner.ok()) {
          if (practitioner.status().code() != StatusCode::kNotFound) return practitioner.status();
          return InvalidArgument(practitioner.status().message(), "practitioner_id");
        }
        ASSIGN_OR_RETURN(domain::Team to_team, tx.GetTeam(practitioner->team));
        if (to_team.agency != team.agency) {
          return InvalidArgument("practitioner " + to.ToString() + " works for another agency: a case moves within " +
                                     "its agency; another agency records its own involvement",
                                 "practitioner_id");
        }
        domain::Involvement next = i;
        next.id = InvolvementId();
        next.practitioner = to;
        next.team = to_team.id;
        next.started_on = on;
        next.ended_on.reset();
        RETURN_IF_ERROR(domain::Validate(next, today));
        RETURN_IF_ERROR(tx.EndInvolvement(i.id, on));
        ASSIGN_OR_RETURN(created, tx.InsertInvolvement(next));
        ASSIGN_OR_RETURN(const int alerts, PassOpenAlerts(tx, child, i.practitioner, *practitioner,
                                                                 AlertsPass::kWhenNoLongerInvolved));
        return Describe(i) + " reallocated on " + on.ToString() + " to practitioner " + to.ToString() + " of team " +
               to_team.id.ToString() + " as involvement " + created.ToString() +
               (alerts ? "; " + std::to_string(alerts) + " open alert(s) passed with it" : "");
      }));
  return created;
}

}  // namespace safehub::app
