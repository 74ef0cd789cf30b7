#include "app/casework.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <map>
#include <set>

#include "app/alert_handover.h"
#include "app/casework_codec.h"
#include "app/child_access.h"
#include "app/open_timescales.h"
#include "app/signposting.h"
#include "domain/organisation.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::AuditOutcome;

namespace {

constexpr int kMaxDueWithin = 60;
constexpr const char* kKeyWorkerRole = "key worker";
constexpr const char* kPlanService = "child protection plan";

std::string CaseworkResource(PersonId child, const char* tail = "") {
  return "/api/v1/children/" + child.ToString() + "/casework" + tail;
}

std::vector<domain::Timescale> OpenTimescales(const domain::CaseHistory& history) {
  std::vector<domain::Timescale> open;
  for (const auto& t : history.timescales()) {
    if (t.IsOpen()) open.push_back(t);
  }
  return open;
}

constexpr const char* kCinPlanService = "child in need plan";

// Roles and services are free text: the synthetic area and older records write "Key worker"
// and "Child protection plan". The key worker's part is recognised whatever the case.
bool SameWords(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool IsKeyWorkerFor(const domain::Involvement& i, PractitionerId key_worker, const char* service) {
  return i.practitioner == key_worker && SameWords(i.role, kKeyWorkerRole) && SameWords(i.service, service);
}

// A plan's key worker works with the child from the day they take it on: the involvement is
// their legitimate relationship to the record (and puts the case on their work list). It is
// added even beside another involvement of theirs, so that the key worker's part is always
// one involvement that follows the plan, and their other work with the child can be handed
// on without taking the plan with it.
Status AddKeyWorkerInvolvement(store::Transaction& tx, PersonId child, const domain::Practitioner& key_worker,
                               const char* service, Date from, Date today) {
  ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(child));
  for (const auto& i : involvements) {
    if (IsKeyWorkerFor(i, key_worker.id, service) && i.IsActiveOn(today)) return Status::Ok();
  }
  domain::Involvement involvement;
  involvement.child = child;
  involvement.team = key_worker.team;
  involvement.practitioner = key_worker.id;
  involvement.service = service;
  involvement.role = kKeyWorkerRole;
  involvement.started_on = std::min(from, today);
  RETURN_IF_ERROR(domain::Validate(involvement, today));
  return tx.InsertInvolvement(involvement).status();
}

// Least privilege: the access a key worker was given for a plan ends with their part in it
// (the plan ended, or passed to someone else).
Status EndKeyWorkerInvolvement(store::Transaction& tx, PersonId child, PractitionerId key_worker, const char* service,
                               Date on) {
  if (!key_worker.valid()) return Status::Ok();
  ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(child));
  for (const auto& i : involvements) {
    if (i.ended_on || !IsKeyWorkerFor(i, key_worker, service)) continue;
    RETURN_IF_ERROR(tx.EndInvolvement(i.id, std::max(on, i.started_on)));
  }
  return Status::Ok();
}

// The key worker a step names, when it names one: a practitioner of children's social care.
// The plan is the local authority's, and naming someone of another agency would give them
// the child's record through the key worker's involvement.
Result<std::optional<domain::Practitioner>> KeyWorkerNamedBy(store::Transaction& tx, const domain::Step& step) {
  PractitionerId id;
  std::string record;
  if (const auto* plan = std::get_if<domain::StartChildProtectionPlan>(&step)) {
    id = plan->key_worker;
    record = "cp plan";
  } else if (const auto* cin = std::get_if<domain::StartChildInNeedPlan>(&step)) {
    id = cin->key_worker;
    record = "cin plan";
  } else if (const auto* change = std::get_if<domain::ChangeKeyWorker>(&step)) {
    id = change->key_worker;
    record = "key worker change";
  }
  if (!id.valid()) return std::optional<domain::Practitioner>();  // the workflow names a missing one
  auto found = tx.GetPractitioner(id);
  if (!found.ok()) {
    return Status::Invalid(record, {{"key_worker", "practitioner " + id.ToString() + " does not exist"}});
  }
  ASSIGN_OR_RETURN(auto team, tx.GetTeam(found->team));
  ASSIGN_OR_RETURN(auto agency, tx.GetAgency(team.agency));
  if (agency.kind != domain::AgencyKind::kSocialCare) {
    return Status::Invalid(record, {{"key_worker", "practitioner " + id.ToString() + " is in " + agency.name +
                                                       ", not children's social care: a plan's key worker is its social worker"}});
  }
  return std::optional<domain::Practitioner>(*found);
}

Result<std::vector<domain::Step>> DecodeStoredSteps(PersonId child, std::span<const store::StoredStep> rows) {
  std::vector<domain::Step> steps;
  steps.reserve(rows.size());
  for (const auto& row : rows) {
    auto step = DecodeStep(row.payload);
    if (!step.ok()) {
      return DataLoss("stored step " + std::to_string(row.sequence) + " of child " + child.ToString() +
                      " does not decode: " + step.status().message());
    }
    steps.push_back(std::move(step).value());
  }
  return steps;
}

// How many CP and CIN plans the case has and how many are open: a step that changes this
// starts or ends a plan, whose signposting period is written in the same unit of work.
std::array<std::size_t, 4> PlanState(const domain::CaseHistory& h) {
  auto open = [](const auto& plans) {
    return static_cast<std::size_t>(std::count_if(plans.begin(), plans.end(), [](const auto& p) { return p.IsOpen(); }));
  };
  return {h.child_protection_plans().size(), h.child_in_need_plans().size(), open(h.child_protection_plans()),
          open(h.child_in_need_plans())};
}

}  // namespace

Result<PractitionerId> OpenPlanKeyWorker(store::Transaction& tx, PersonId child, Date today) {
  ASSIGN_OR_RETURN(auto steps, tx.CaseworkStepsOf(child));
  if (steps.empty()) return PractitionerId();
  ASSIGN_OR_RETURN(auto history, LoadCase(tx, child, today));
  if (const auto* cp = history.OpenChildProtectionPlan()) return cp->key_worker;
  if (const auto* cin = history.OpenChildInNeedPlan()) return cin->key_worker;
  return PractitionerId();
}

bool IsPlanKeyWorkerInvolvement(const domain::Involvement& involvement) {
  return SameWords(involvement.role, kKeyWorkerRole) &&
         (SameWords(involvement.service, kPlanService) || SameWords(involvement.service, kCinPlanService));
}

Result<std::vector<domain::Step>> StoredCaseworkSteps(store::Transaction& tx, PersonId child) {
  ASSIGN_OR_RETURN(auto rows, tx.CaseworkStepsOf(child));
  return DecodeStoredSteps(child, rows);
}

Result<domain::CaseHistory> ReplayCase(const domain::Person& person, std::span<const store::StoredStep> rows,
                                       Date today, const domain::WorkingDayCalendar& calendar) {
  ASSIGN_OR_RETURN(auto steps, DecodeStoredSteps(person.id, rows));
  ASSIGN_OR_RETURN(auto details, CaseChildDetails(person, steps));
  auto history = domain::CaseHistory::Replay(details, steps, today, calendar);
  if (!history.ok()) {
    return DataLoss("the stored case of child " + person.id.ToString() + " no longer replays: " +
                    history.status().message());
  }
  return history;
}

Result<domain::CaseHistory> LoadCase(store::Transaction& tx, PersonId child, Date today,
                                     std::vector<store::StoredStep>* stored,
                                     const domain::WorkingDayCalendar& calendar) {
  ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
  ASSIGN_OR_RETURN(auto rows, tx.CaseworkStepsOf(child));
  ASSIGN_OR_RETURN(auto history, ReplayCase(person, rows, today, calendar));
  if (stored != nullptr) *stored = std::move(rows);
  return history;
}

Result<CaseRepairReport> RepairCases(store::Store& store, const std::vector<PersonId>& children, Date today,
                                     const CaseRepair& repair, const domain::WorkingDayCalendar& calendar) {
  CaseRepairReport report;
  for (PersonId child : children) {
    Status replayed = Status::Ok();
    bool changed = false;
    RETURN_IF_ERROR(store.Write([&](store::Transaction& tx) -> Status {
      std::vector<store::StoredStep> steps;
      auto history = LoadCase(tx, child, today, &steps, calendar);
      if (!history.ok()) {
        const StatusCode code = history.status().code();
        if (code != StatusCode::kDataLoss && code != StatusCode::kInvalidArgument) return history.status();
        replayed = history.status();
        return Status::Ok();
      }
      ASSIGN_OR_RETURN(changed, repair(tx, child, *history, steps));
      return Status::Ok();
    }));
    if (!replayed.ok()) {
      if (report.failed++ == 0) report.first_failure = replayed.message();
    } else {
      ++(changed ? report.changed : report.unchanged);
    }
  }
  return report;
}

Result<RecordedStep> Casework::RecordStep(const AuthContext& caller, PersonId child, const domain::Step& step,
                                          const std::string& reason) {
  const Date today = clock_.Today();
  const std::string resource = CaseworkResource(child, "/steps");
  std::optional<RecordedStep> recorded;
  Status refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    auto basis = AuthoriseChildAccess(tx, caller, child, reason, today);
    Status denied = basis.ok() ? Status::Ok() : basis.status();
    if (denied.ok()) {
      // Statutory steps are children's social care's to record (Working Together).
      auto agency = caller.principal.agency.valid() ? tx.GetAgency(caller.principal.agency)
                                                    : Result<domain::Agency>(NotFound("no agency"));
      if (!agency.ok() || agency->kind != domain::AgencyKind::kSocialCare) {
        denied = PermissionDenied("only children's social care records statutory casework steps");
      }
    }
    if (!denied.ok()) {
      refusal = denied;
      if (denied.code() != StatusCode::kPermissionDenied) return Status::Ok();
      return audit_.Append(tx, ChildAccessEntry(caller, "record_casework_step", resource, child, reason,
                                                AccessBasis::kNone, AuditOutcome::kDenied, denied.message()));
    }
    std::vector<store::StoredStep> stored;
    ASSIGN_OR_RETURN(auto history, LoadCase(tx, child, today, &stored, calendar_));
    ASSIGN_OR_RETURN(const std::optional<domain::Practitioner> key_worker, KeyWorkerNamedBy(tx, step));
    const auto* open_plan = history.OpenChildProtectionPlan();
    const domain::ChildProtectionPlanId open_plan_id = open_plan ? open_plan->id : domain::ChildProtectionPlanId();
    const auto* open_cin = history.OpenChildInNeedPlan();
    const domain::ChildInNeedPlanId open_cin_id = open_cin ? open_cin->id : domain::ChildInNeedPlanId();
    const auto plans_before = PlanState(history);
    // The workflow's answer, unchanged: every violation, and nothing written.
    ASSIGN_OR_RETURN(domain::RecordRef ref, history.Apply(step, today));
    for (const auto& plan : history.child_protection_plans()) {
      if (plan.id == open_plan_id && !plan.IsOpen()) {
        RETURN_IF_ERROR(EndKeyWorkerInvolvement(tx, child, plan.key_worker, kPlanService, *plan.ended_on));
      }
    }
    for (const auto& plan : history.child_in_need_plans()) {
      if (plan.id == open_cin_id && !plan.IsOpen()) {
        RETURN_IF_ERROR(EndKeyWorkerInvolvement(tx, child, plan.key_worker, kCinPlanService, *plan.ended_on));
      }
    }
    const std::int64_t sequence = static_cast<std::int64_t>(stored.size()) + 1;
    RETURN_IF_ERROR(tx.AppendCaseworkStep({child, sequence, std::string(domain::NameOf(step)), EncodeStep(step),
                                           caller.principal.user, clock_.Now()}));
    // The derived due list moves with the step, in the same unit of work.
    RETURN_IF_ERROR(WriteOpenTimescales(tx, child, sequence, history));
    if (const auto* plan = std::get_if<domain::StartChildProtectionPlan>(&step); plan && key_worker) {
      RETURN_IF_ERROR(AddKeyWorkerInvolvement(tx, child, *key_worker, kPlanService, plan->start, today));
    }
    if (const auto* plan = std::get_if<domain::StartChildInNeedPlan>(&step); plan && key_worker) {
      RETURN_IF_ERROR(AddKeyWorkerInvolvement(tx, child, *key_worker, kCinPlanService, plan->start, today));
    }
    const auto* change = std::get_if<domain::ChangeKeyWorker>(&step);
    if (change != nullptr && key_worker) {
      // The plan passes on: the old key worker's access for it ends that day, the new one's
      // starts, and signposting's period (who is notified, which team answers) follows.
      const domain::KeyWorkerChange& done = history.key_worker_changes().back();
      const char* service = done.cp_plan.valid() ? kPlanService : kCinPlanService;
      RETURN_IF_ERROR(EndKeyWorkerInvolvement(tx, child, done.from, service, change->changed_on));
      RETURN_IF_ERROR(AddKeyWorkerInvolvement(tx, child, *key_worker, service, change->changed_on, today));
      RETURN_IF_ERROR(PassOpenAlerts(tx, child, done.from, *key_worker, AlertsPass::kAlways).status());
    }
    if (PlanState(history) != plans_before || change != nullptr) {
      // Record once: signposting's plan periods follow the plans; a CIN plan is answered for
      // by the social worker who records it until a key worker is named for it.
      RETURN_IF_ERROR(SyncPlanPeriods(tx, history, PlanOwner{caller.principal.team, caller.principal.practitioner}));
    }
    if (const auto* birth = std::get_if<domain::RecordBirth>(&step)) {
      // Record once: the birth is the person's birth date from now on.
      ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
      person.kind = domain::PersonKind::kChild;
      person.date_of_birth = birth->born_on;
      person.expected_birth_date.reset();
      RETURN_IF_ERROR(domain::Validate(person, today));
      RETURN_IF_ERROR(tx.UpdatePerson(person));
    }
    RETURN_IF_ERROR(audit_.Append(
        tx, ChildAccessEntry(caller, "record_casework_step", resource, child, reason, *basis, AuditOutcome::kAllowed,
                             "step " + std::to_string(sequence) + " " + std::string(domain::NameOf(step)) +
                                 ": " + ref.ToString())));
    recorded = RecordedStep{ref, sequence, OpenTimescales(history)};
    return Status::Ok();
  }));
  if (!recorded) return refusal;
  return std::move(*recorded);
}

Result<CaseRead> Casework::ReadCase(const AuthContext& caller, PersonId child, const std::string& reason) {
  const Date today = clock_.Today();
  std::optional<CaseRead> read;
  Status refusal;
  AccessBasis basis = AccessBasis::kNone;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto decided = AuthoriseChildAccess(tx, caller, child, reason, today);
    if (!decided.ok()) {
      refusal = decided.status();
      return Status::Ok();
    }
    basis = *decided;
    ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
    if (person.IsShielded() && !IsInvolved(basis)) {
      refusal = Status(StatusCode::kPermissionDenied,
                       "child " + child.ToString() + " is shielded: contact through the teams on the child's record",
                       "shielding");
      return Status::Ok();
    }
    std::vector<store::StoredStep> stored;
    ASSIGN_OR_RETURN(auto history, LoadCase(tx, child, today, &stored, calendar_));
    read = CaseRead{std::move(history), std::move(stored), basis, today};
    return Status::Ok();
  }));
  if (!refusal.ok() && refusal.code() != StatusCode::kPermissionDenied) return refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return audit_.Append(
        tx, read ? ChildAccessEntry(caller, "read_casework", CaseworkResource(child), child, reason, basis,
                                    AuditOutcome::kAllowed, std::to_string(read->steps.size()) + " steps")
                 : ChildAccessEntry(caller, "read_casework", CaseworkResource(child), child, reason,
                                    AccessBasis::kNone, AuditOutcome::kDenied, refusal.message()));
  }));
  if (!read) return refusal;
  return std::move(*read);
}

Result<WorkList> Casework::MyWork(const AuthContext& caller, int due_within_working_days) {
  const domain::Principal& who = caller.principal;
  if (!domain::RoleReadsChildren(who.role) || !who.practitioner.valid()) {
    return PermissionDenied("only a practitioner or manager in a team has a work list");
  }
  if (due_within_working_days < 0 || due_within_working_days > kMaxDueWithin) {
    return InvalidArgument("due_within must be 0 to " + std::to_string(kMaxDueWithin) + " working days",
                           "due_within");
  }
  WorkList list;
  list.as_of = clock_.Today();
  list.due_within_working_days = due_within_working_days;
  store::DueFilter filter{store::WorkScope::kWorker, who.practitioner.value, list.as_of,
                          calendar_.AddWorkingDays(list.as_of, due_within_working_days,
                                                   domain::StartDayConvention::kStartDayIsDayZero)};
  AccessBasis basis = AccessBasis::kOwnInvolvement;
  if ((who.scope == domain::Scope::kAgency || who.scope == domain::Scope::kAll) && who.agency.valid()) {
    filter.scope = store::WorkScope::kAgency;  // a service's list
    filter.id = who.agency.value;
    basis = AccessBasis::kAgencyInvolvement;
  } else if (who.scope != domain::Scope::kOwn && who.team.valid()) {
    filter.scope = store::WorkScope::kTeam;
    filter.id = who.team.value;
    basis = AccessBasis::kTeamInvolvement;
  }
  list.scope = filter.scope;
  store::DueTimescales due;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(due, tx.OpenTimescalesDue(filter));
    return Status::Ok();
  }));
  list.cases = due.cases;
  // One audit entry per child listed, saying how much of theirs was shown.
  std::vector<domain::AuditEntry> entries;
  std::map<PersonId, std::pair<int, int>> shown;  // child -> (overdue, due soon)
  for (auto& row : due.due) {
    ASSIGN_OR_RETURN(domain::Timescale t, TimescaleOfRow(row.timescale));
    WorkItem item{row.timescale.child, std::move(row.child_name), t, row.timescale.key_worker,
                  domain::WorkingDaysOverdue(t, list.as_of, calendar_),
                  domain::WorkingDaysLeft(t, list.as_of, calendar_)};
    auto& counts = shown[item.child];
    if (t.due < list.as_of) {
      ++counts.first;
      list.overdue.push_back(std::move(item));
    } else {
      ++counts.second;
      list.due_soon.push_back(std::move(item));
    }
  }
  for (const auto& [child, counts] : shown) {
    entries.push_back(ChildAccessEntry(caller, "read_work_list", "/api/v1/my-work", child, "", basis,
                                       AuditOutcome::kAllowed,
                                       std::to_string(counts.first) + " overdue, " + std::to_string(counts.second) +
                                           " due soon"));
  }
  if (entries.empty()) {
    entries.push_back(ChildAccessEntry(caller, "read_work_list", "/api/v1/my-work", PersonId(), "",
                                       AccessBasis::kNone, AuditOutcome::kAllowed, "nothing due"));
  }
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.AppendAll(tx, entries); }));
  return list;
}

}  // namespace safehub::app
