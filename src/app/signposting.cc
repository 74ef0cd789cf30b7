#include "app/signposting.h"

#include <algorithm>

#include "app/casework.h"
#include "app/child_access.h"
#include "domain/identifiers.h"
#include "store/deferred_commits.h"

namespace safehub::app {

using domain::AuditOutcome;

namespace {

bool IsProtectionPeriod(domain::PlanType t) {
  return t == domain::PlanType::kChildProtectionPlan || t == domain::PlanType::kUnbornChildProtectionPlan;
}

// Writes the period of one plan of the casework: inserts it when missing, ends it when the
// plan ended, and passes a running one to the plan's key worker when `names_key_worker` (the
// plan names one; a CIN plan's first answerer is only whoever recorded it). `matches` picks
// the stored period that is this plan's.
template <typename Matches>
Status SyncPeriod(store::Transaction& tx, std::vector<domain::PlanPeriod>& periods, domain::PlanPeriod wanted,
                  bool names_key_worker, Matches matches) {
  for (auto& p : periods) {
    if (!matches(p)) continue;
    if (!p.end && names_key_worker && wanted.key_worker.valid() && wanted.responsible_team.valid() &&
        (p.key_worker != wanted.key_worker || p.responsible_team != wanted.responsible_team)) {
      RETURN_IF_ERROR(tx.SetPlanPeriodKeyWorker(p.id, wanted.key_worker, wanted.responsible_team));
      p.key_worker = wanted.key_worker;
      p.responsible_team = wanted.responsible_team;
    }
    if (!p.end && wanted.end) return tx.EndPlanPeriod(p.id, *wanted.end);
    return Status::Ok();
  }
  if (!wanted.key_worker.valid() || !wanted.responsible_team.valid()) {
    return Status::Invalid("plan period of child " + wanted.child.ToString(),
                           {{"key_worker", std::string(domain::ToString(wanted.type)) + " from " +
                                               wanted.start.ToString() +
                                               " needs a responsible practitioner and team for signposting"}});
  }
  ASSIGN_OR_RETURN(wanted.id, tx.InsertPlanPeriod(wanted));
  periods.push_back(wanted);
  return Status::Ok();
}

// The CP plans' periods (SyncPlanPeriods), split at the birth for a plan made before it.
Status SyncProtectionPeriods(store::Transaction& tx, const domain::CaseHistory& history,
                             std::vector<domain::PlanPeriod>& periods) {
  const PersonId child = history.child().child;
  // A plan made before birth is an unborn child's plan until the birth and the child's plan
  // from then on, as CP-IS records them: a newborn brought to A&E must show as on a child
  // protection plan, not as "unborn". Its period splits at the birth, each part with its dates.
  const std::optional<Date> born_on = history.child().date_of_birth;
  for (const auto& plan : history.child_protection_plans()) {
    struct Part {
      domain::PlanType type;
      Date start;
      std::optional<Date> end;
    };
    std::vector<Part> parts;
    const bool born_during = plan.pre_birth && born_on && *born_on > plan.start &&
                             (!plan.ended_on || *plan.ended_on > *born_on);
    if (born_during) {
      parts.push_back({domain::PlanType::kUnbornChildProtectionPlan, plan.start, *born_on});
      parts.push_back({domain::PlanType::kChildProtectionPlan, *born_on, plan.ended_on});
    } else {
      parts.push_back({plan.pre_birth ? domain::PlanType::kUnbornChildProtectionPlan
                                      : domain::PlanType::kChildProtectionPlan,
                       plan.start, plan.ended_on});
    }
    auto key_worker = tx.GetPractitioner(plan.key_worker);
    for (const Part& part : parts) {
      domain::PlanPeriod wanted;
      wanted.child = child;
      wanted.type = part.type;
      wanted.start = part.start;
      wanted.end = part.end;
      wanted.key_worker = plan.key_worker;
      if (key_worker.ok()) wanted.responsible_team = key_worker->team;
      RETURN_IF_ERROR(SyncPeriod(tx, periods, wanted, /*names_key_worker=*/true, [&](const domain::PlanPeriod& p) {
        return IsProtectionPeriod(p.type) && p.start == part.start;
      }));
    }
  }
  return Status::Ok();
}

}  // namespace

Status SyncPlanPeriods(store::Transaction& tx, const domain::CaseHistory& history, const PlanOwner& cin_owner) {
  const PersonId child = history.child().child;
  ASSIGN_OR_RETURN(auto periods, tx.PlanPeriodsOf(child));
  RETURN_IF_ERROR(SyncProtectionPeriods(tx, history, periods));
  for (const auto& plan : history.child_in_need_plans()) {
    domain::PlanPeriod wanted;
    wanted.child = child;
    wanted.type = domain::PlanType::kChildInNeedPlan;
    wanted.start = plan.start;
    wanted.end = plan.ended_on;
    wanted.key_worker = cin_owner.key_worker;
    wanted.responsible_team = cin_owner.team;
    if (plan.key_worker.valid()) {
      wanted.key_worker = plan.key_worker;
      ASSIGN_OR_RETURN(auto key_worker, tx.GetPractitioner(plan.key_worker));
      wanted.responsible_team = key_worker.team;
    }
    RETURN_IF_ERROR(SyncPeriod(tx, periods, wanted, plan.key_worker.valid(), [&](const domain::PlanPeriod& p) {
      return p.type == domain::PlanType::kChildInNeedPlan && p.start == plan.start;
    }));
  }
  return Status::Ok();
}

Result<PlanSplitBackfill> SplitPreBirthPlanPeriods(store::Store& store, Date today) {
  std::vector<PersonId> unsplit;
  RETURN_IF_ERROR(store.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(unsplit, tx.ChildrenWithUnsplitPreBirthPlans());
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto repaired, RepairCases(store, unsplit, today, [](store::Transaction& tx, PersonId child,
                                                                       const domain::CaseHistory& history,
                                                                       const std::vector<store::StoredStep>&) -> Result<bool> {
    ASSIGN_OR_RETURN(auto periods, tx.PlanPeriodsOf(child));
    const std::size_t before = periods.size();
    RETURN_IF_ERROR(SyncProtectionPeriods(tx, history, periods));
    return periods.size() > before;  // the child's plan from the birth was added
  }));
  return PlanSplitBackfill{repaired.changed, repaired.unchanged, repaired.failed, repaired.first_failure};
}

Result<domain::PlanPeriodId> Signposting::RecordPlanPeriod(const AuthContext& caller, const domain::PlanPeriod& period) {
  if (!domain::RoleReadsChildren(caller.principal.role) || !caller.principal.agency.valid()) {
    return PermissionDenied("only children's social care records plan periods");
  }
  RETURN_IF_ERROR(domain::Validate(period, clock_.Today()));
  domain::PlanPeriodId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agency, tx.GetAgency(caller.principal.agency));
    if (agency.kind != domain::AgencyKind::kSocialCare) {
      return PermissionDenied("only children's social care records plan periods");
    }
    ASSIGN_OR_RETURN(id, tx.InsertPlanPeriod(period));
    auto entry = EntryBy(&caller.principal, "record_plan_period", "/api/v1/children/" + period.child.ToString() + "/plan-periods");
    entry.child = period.child;
    entry.detail = std::string(domain::ToString(period.type)) + " from " + period.start.ToString();
    return audit_.Append(tx, entry);
  }));
  return id;
}

Result<std::vector<SignpostingAnswer>> Signposting::Lookup(const AuthContext& caller, const SignpostingQuery& query,
                                                           const std::string& reason) {
  if (!domain::RoleReadsChildren(caller.principal.role)) {
    return PermissionDenied("your role does not use signposting");
  }
  if (reason.empty()) return InvalidArgument("state the reason for this lookup", "reason");
  store::PersonQuery q;
  if (!query.nhs_number.empty()) {
    ASSIGN_OR_RETURN(q.nhs_number, domain::NormaliseNhsNumber(query.nhs_number));
  } else if (!query.upn.empty()) {
    RETURN_IF_ERROR(domain::ValidateUpn(query.upn));
    q.upn = query.upn;
  } else if (!query.name.empty() && query.date_of_birth) {
    q.name_contains = query.name;
    q.date_of_birth = query.date_of_birth;
  } else {
    return InvalidArgument("give an NHS number, a UPN, or a name with a date of birth", "nhs_number");
  }
  q.limit = 20;
  const Date today = clock_.Today();
  std::vector<SignpostingAnswer> answers;
  std::vector<std::pair<PersonId, PractitionerId>> to_notify;
  std::string agency_name;  // of the caller, for the key workers' notices
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, tx.FindPeople(q));
    std::vector<PersonId> answered;
    for (const auto& record : found) {
      // A record merged into another person answers as the child it is part of (whose plan
      // periods include its own), once however many of the child's records matched.
      ASSIGN_OR_RETURN(auto child, ChildFoundAs(tx, record, q));
      if (!child) continue;
      const domain::Person& p = *child;
      if (std::find(answered.begin(), answered.end(), p.id) != answered.end()) continue;
      answered.push_back(p.id);
      if (p.kind == domain::PersonKind::kAdult) continue;
      ASSIGN_OR_RETURN(auto periods, tx.PlanPeriodsOf(p.id));
      auto current = domain::CurrentPeriod(periods, today);
      if (!current) continue;  // not vulnerable: signposting says nothing
      const auto born = p.kind == domain::PersonKind::kChild ? p.date_of_birth : std::nullopt;
      current = domain::AsAnsweredOn(*current, born, today);
      SignpostingAnswer a;
      a.child = p.id;
      a.name = p.FullName();
      a.date_of_birth = p.date_of_birth;
      a.plan_type = current->type;
      a.plan_start = current->start;
      a.plan_end = current->end;
      ASSIGN_OR_RETURN(auto team, tx.GetTeam(current->responsible_team));
      ASSIGN_OR_RETURN(auto agency, tx.GetAgency(team.agency));
      a.responsible_team = team.name;
      a.responsible_agency = agency.name;
      a.office_phone = team.office_phone;
      a.out_of_hours_phone = team.out_of_hours_phone;
      a.shielded = p.IsShielded();
      if (!a.shielded) {
        // One statement with the teams and agencies, not two more per involvement.
        ASSIGN_OR_RETURN(auto involvements, tx.InvolvementDetailsOf(p.id));
        for (const auto& [i, t, ag, practitioner] : involvements) {
          if (!i.IsActiveOn(today)) continue;
          const bool sensitive = i.sensitive_service != domain::SensitiveService::kNone;
          a.involved.push_back({ag.name, t.name, sensitive ? "a sensitive service is involved" : i.service,
                                t.office_phone});
        }
      }
      to_notify.emplace_back(p.id, current->key_worker);
      answers.push_back(std::move(a));
    }
    // Read here rather than in the write below, which runs on the store's one writer.
    if (!to_notify.empty() && caller.principal.agency.valid()) {
      ASSIGN_OR_RETURN(auto agency, tx.GetAgency(caller.principal.agency));
      agency_name = std::move(agency.name);
    }
    return Status::Ok();
  }));
  // Every lookup is audited and each answer notifies the child's key worker (CP-IS). The
  // answers leave only once that is committed (deferred where the caller can wait).
  RETURN_IF_ERROR(store::DeferredCommits::WriteOwned(store_, [this, caller, reason, to_notify = std::move(to_notify),
                                                               agency_name = std::move(agency_name)](
                                                                 store::Transaction& tx) -> Status {
    if (to_notify.empty()) {
      auto entry = EntryBy(&caller.principal, "signposting_lookup", "/api/v1/signposting");
      entry.reason = reason.substr(0, 500);
      entry.detail = "no vulnerable child matched";
      return audit_.Append(tx, entry);
    }
    for (const auto& [child, key_worker] : to_notify) {
      domain::SignpostingNotification n;
      n.child = child;
      n.key_worker = key_worker;
      n.looked_up_by = caller.principal.user;
      n.username = caller.principal.username;
      n.agency_name = agency_name;
      n.reason = reason.substr(0, 500);
      n.at = clock_.Now();
      RETURN_IF_ERROR(tx.InsertNotification(n));
      auto entry = EntryBy(&caller.principal, "signposting_lookup", "/api/v1/signposting");
      entry.child = child;
      entry.reason = n.reason;
      entry.detail = "key worker " + key_worker.ToString() + " notified";
      RETURN_IF_ERROR(audit_.Append(tx, entry));
    }
    return Status::Ok();
  }));
  return answers;
}

Result<std::vector<domain::SignpostingNotification>> Signposting::AccessesOf(const AuthContext& caller, PersonId child) {
  std::vector<domain::SignpostingNotification> out;
  bool allowed = domain::RoleReadsAudit(caller.principal.role);
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto periods, tx.PlanPeriodsOf(child));
    for (const auto& p : periods) {
      allowed |= caller.principal.practitioner.valid() && p.key_worker == caller.principal.practitioner;
      allowed |= caller.principal.team.valid() && p.responsible_team == caller.principal.team;
    }
    auto entry = EntryBy(&caller.principal, "read_signposting_accesses",
                         "/api/v1/children/" + child.ToString() + "/signposting-accesses");
    entry.child = child;
    if (!allowed) {
      entry.outcome = AuditOutcome::kDenied;
      RETURN_IF_ERROR(audit_.Append(tx, entry));
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(out, tx.NotificationsOfChild(child, kAccessesShown));
    entry.detail = std::to_string(out.size()) + " lookups";
    return audit_.Append(tx, entry);
  }));
  if (!allowed) {
    return PermissionDenied("only the child's key worker, the responsible team or an auditor sees its lookups");
  }
  return out;
}

Result<std::vector<domain::SignpostingNotification>> Signposting::MyNotifications(const AuthContext& caller) {
  if (!caller.principal.practitioner.valid()) return std::vector<domain::SignpostingNotification>();
  std::vector<domain::SignpostingNotification> out;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.NotificationsFor(caller.principal.practitioner, 50));
    auto entry = EntryBy(&caller.principal, "read_notifications", "/api/v1/notifications");
    entry.detail = std::to_string(out.size()) + " notices";
    return audit_.Append(tx, entry);
  }));
  return out;
}

}  // namespace safehub::app
