#include "app/caseloads.h"

#include <algorithm>
#include <set>

#include "app/child_access.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::AuditOutcome;

namespace {

std::string CaseloadResource(PractitionerId p) { return "/api/v1/practitioners/" + p.ToString() + "/caseload"; }

}  // namespace

Result<domain::Team> Caseloads::ManagedTeamOf(store::Transaction& tx, const AuthContext& caller,
                                              PractitionerId practitioner, bool self_may) {
  auto found = tx.GetPractitioner(practitioner);
  if (!found.ok()) return found.status();
  ASSIGN_OR_RETURN(domain::Team team, tx.GetTeam(found->team));
  const bool self = self_may && caller.principal.practitioner == practitioner;
  if (!self && !domain::ManagesTeam(caller.principal, team.id, team.agency)) {
    return PermissionDenied("only a manager of " + team.name + " may hand on practitioner " +
                            practitioner.ToString() + "'s cases");
  }
  return team;
}

Result<CaseloadSummary> Caseloads::Summary(const AuthContext& caller, PractitionerId practitioner) {
  CaseloadSummary summary;
  summary.practitioner = practitioner;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(ManagedTeamOf(tx, caller, practitioner, /*self_may=*/true).status());
    ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOfPractitioner(practitioner));
    std::set<std::int64_t> children;
    for (const auto& i : involvements) {
      if (i.ended_on) continue;
      ++summary.involvements;
      if (IsPlanKeyWorkerInvolvement(i)) ++summary.as_key_worker;
      children.insert(i.child.value);
    }
    summary.children = static_cast<int>(children.size());
    return Status::Ok();
  }));
  return summary;
}

Result<CaseloadReallocation> Caseloads::Reallocate(const AuthContext& caller, PractitionerId from, PractitionerId to,
                                                   Date on, const std::string& reason) {
  const Date today = clock_.Today();
  const std::string resource = CaseloadResource(from) + "/reallocation";
  std::vector<domain::Involvement> open;
  Status refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    auto team = ManagedTeamOf(tx, caller, from, /*self_may=*/false);
    if (!team.ok()) {
      if (team.status().code() != StatusCode::kPermissionDenied) return (refusal = team.status()), Status::Ok();
      refusal = team.status();
      return audit_.Append(tx, ChildAccessEntry(caller, "reallocate_caseload", resource, PersonId(), reason,
                                                AccessBasis::kNone, AuditOutcome::kDenied, refusal.message()));
    }
    // The checks of the whole, before any case moves.
    if (to == from) {
      refusal = InvalidArgument("the caseload is already practitioner " + to.ToString() + "'s", "practitioner_id");
      return Status::Ok();
    }
    auto next = tx.GetPractitioner(to);
    if (!next.ok()) {
      if (next.status().code() != StatusCode::kNotFound) return next.status();
      return (refusal = InvalidArgument(next.status().message(), "practitioner_id")), Status::Ok();
    }
    ASSIGN_OR_RETURN(domain::Team to_team, tx.GetTeam(next->team));
    if (to_team.agency != team->agency) {
      refusal = InvalidArgument(
          "practitioner " + to.ToString() + " works for another agency: a caseload moves within its agency", "practitioner_id");
      return Status::Ok();
    }
    if (on > today) {
      refusal = InvalidArgument(on.ToString() + " is after today: record the handover on the day", "on");
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOfPractitioner(from));
    for (auto& i : involvements) {
      if (!i.ended_on) open.push_back(std::move(i));
    }
    return Status::Ok();
  }));
  if (!refusal.ok()) return refusal;

  // Child by child: where `from` is the key worker of the child's open plan, the casework's
  // step passes the plan on first (it ends their key-worker involvement and starts the new
  // one's); their other involvements with the child are then reallocated one by one.
  std::stable_sort(open.begin(), open.end(), [](const domain::Involvement& a, const domain::Involvement& b) {
    return a.child.value < b.child.value;
  });
  CaseloadReallocation result;
  auto note = [&](CaseloadMove move) {
    ++(move.outcome.ok() ? result.moved : result.refused);
    result.moves.push_back(std::move(move));
  };
  for (std::size_t first = 0; first < open.size();) {
    std::size_t last = first;
    while (last < open.size() && open[last].child == open[first].child) ++last;
    const PersonId child = open[first].child;
    PractitionerId key_worker;
    Status plan_moved = store_.Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(key_worker, OpenPlanKeyWorker(tx, child, today));
      return Status::Ok();
    });
    const bool holds_plan = plan_moved.ok() && key_worker == from;
    if (holds_plan) plan_moved = casework_.RecordStep(caller, child, domain::ChangeKeyWorker{on, to}, reason).status();
    bool plan_noted = false;
    for (std::size_t k = first; k < last; ++k) {
      const domain::Involvement& i = open[k];
      CaseloadMove move;
      move.child = child;
      move.involvement = i.id;
      move.key_worker = IsPlanKeyWorkerInvolvement(i);
      if (move.key_worker) {
        // Moved by the step, or not at all: a key-worker involvement follows its plan. Without
        // a plan of theirs (or when the case could not be read) it stays, and says why.
        move.outcome = holds_plan || !plan_moved.ok()
                           ? plan_moved
                           : Status(StatusCode::kFailedPrecondition,
                                    "practitioner " + from.ToString() + " holds a key worker's involvement with child " +
                                        child.ToString() + " but is not the key worker of an open plan: end it on the "
                                        "child's record",
                                    "involvement_id");
        plan_noted |= holds_plan;
        note(std::move(move));
        continue;
      }
      if (holds_plan && !plan_moved.ok()) {
        move.outcome = plan_moved;  // the plan stayed, so their part in the case stays with it
      } else {
        auto created = records_.ReallocateInvolvement(caller, child, i.id, to, on, reason);
        move.outcome = created.status();
        if (created.ok()) move.created = *created;
      }
      note(std::move(move));
    }
    if (holds_plan && !plan_noted) {
      // A key worker from before key-worker involvements were recorded: the plan moved too.
      CaseloadMove move;
      move.child = child;
      move.key_worker = true;
      move.outcome = plan_moved;
      note(std::move(move));
    }
    first = last;
  }
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return audit_.Append(tx, ChildAccessEntry(caller, "reallocate_caseload", resource, PersonId(), reason, AccessBasis::kNone,
                                              AuditOutcome::kAllowed,
                                              "practitioner " + from.ToString() + " to practitioner " + to.ToString() +
                                                  " from " + on.ToString() + ": " + std::to_string(result.moved) +
                                                  " moved, " + std::to_string(result.refused) + " refused"));
  }));
  return result;
}

}  // namespace safehub::app
