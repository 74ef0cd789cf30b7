#include "app/open_timescales.h"

#include "app/casework.h"

namespace safehub::app {

std::vector<store::OpenTimescaleRow> OpenTimescaleRows(PersonId child, const domain::CaseHistory& history) {
  const auto* plan = history.OpenChildProtectionPlan();
  const PractitionerId key_worker = plan ? plan->key_worker : PractitionerId();
  std::vector<store::OpenTimescaleRow> rows;
  for (const domain::Timescale& t : history.timescales()) {
    if (!t.IsOpen()) continue;
    rows.push_back({child, t.id.value, std::string(domain::ToString(t.kind)),
                    std::string(domain::ToString(t.started_by.kind)), t.started_by.number, t.started_on, t.due,
                    t.referral.value, t.plan.value, key_worker});
  }
  return rows;
}

Status WriteOpenTimescales(store::Transaction& tx, PersonId child, std::int64_t through_sequence,
                           const domain::CaseHistory& history) {
  return tx.ReplaceOpenTimescales(child, through_sequence, OpenTimescaleRows(child, history));
}

Result<domain::Timescale> TimescaleOfRow(const store::OpenTimescaleRow& row) {
  auto kind = domain::ParseTimescaleKind(row.kind);
  auto started_by = domain::ParseRecordKind(row.started_by_kind);
  if (!kind.ok() || !started_by.ok()) {
    return DataLoss("open timescale " + std::to_string(row.timescale) + " of child " + row.child.ToString() +
                    " names no timescale of the workflow: " +
                    (kind.ok() ? started_by.status().message() : kind.status().message()));
  }
  domain::Timescale t;
  t.id = domain::TimescaleId(row.timescale);
  t.kind = *kind;
  t.started_by = {*started_by, row.started_by_number};
  t.referral = domain::ReferralId(row.referral);
  t.plan = domain::ChildProtectionPlanId(row.plan);
  t.started_on = row.started_on;
  t.due = row.due;
  t.state = domain::TimescaleState::kOpen;
  return t;
}

Result<OpenTimescaleBackfill> BackfillOpenTimescales(store::Store& store, Date today,
                                                     const domain::WorkingDayCalendar& calendar) {
  std::vector<PersonId> stale;
  RETURN_IF_ERROR(store.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto repaired, RepairCases(store, stale, today, [](store::Transaction& tx, PersonId child,
                                                                     const domain::CaseHistory& history,
                                                                     const std::vector<store::StoredStep>& steps) -> Result<bool> {
    RETURN_IF_ERROR(WriteOpenTimescales(tx, child, steps.empty() ? 0 : steps.back().sequence, history));
    return true;
  }, calendar));
  return OpenTimescaleBackfill{repaired.changed, repaired.failed, repaired.first_failure};
}

}  // namespace safehub::app
