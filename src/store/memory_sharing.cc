// The in-memory fake's sharing decisions, plan periods and signposting notifications:
// SharingRepository and SignpostingRepository of MemoryTransaction (memory_store_state.h).
#include <algorithm>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<SharingDecisionId> MemoryTransaction::InsertSharingDecision(const SharingDecision& d) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(d.child.value)) return NotFound("person " + d.child.ToString() + " does not exist");
  if (!s_.agencies.count(d.to_agency.value)) return NotFound("agency " + d.to_agency.ToString() + " does not exist");
  return InsertRow(s_.sharing_decisions, s_.next_id, d, &SharingDecision::id);
}

Result<std::vector<SharingDecision>> MemoryTransaction::SharingDecisionsOf(PersonId child) {
  std::vector<SharingDecision> out;
  for (auto it = s_.sharing_decisions.rbegin(); it != s_.sharing_decisions.rend(); ++it) {
    if (ReadsAs(it->second.child, child)) out.push_back(it->second);
  }
  return out;
}

Result<PlanPeriodId> MemoryTransaction::InsertPlanPeriod(const PlanPeriod& p) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(p.child.value)) return NotFound("person " + p.child.ToString() + " does not exist");
  if (!s_.teams.count(p.responsible_team.value)) return NotFound("team " + p.responsible_team.ToString() + " does not exist");
  if (!s_.practitioners.count(p.key_worker.value)) {
    return NotFound("practitioner " + p.key_worker.ToString() + " does not exist");
  }
  return InsertRow(s_.plan_periods, s_.next_id, p, &PlanPeriod::id);
}

Status MemoryTransaction::EndPlanPeriod(PlanPeriodId id, Date end) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.plan_periods.find(id.value);
  if (it == s_.plan_periods.end()) return NotFound("plan period " + id.ToString() + " does not exist");
  if (end < it->second.start) {
    return InvalidArgument("plan period " + id.ToString() + " cannot end before its start", "end");
  }
  it->second.end = end;
  return Status::Ok();
}

Status MemoryTransaction::SetPlanPeriodKeyWorker(PlanPeriodId id, PractitionerId key_worker, TeamId team) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.plan_periods.find(id.value);
  if (it == s_.plan_periods.end()) return NotFound("plan period " + id.ToString() + " does not exist");
  if (!s_.practitioners.count(key_worker.value)) return NotFound("practitioner " + key_worker.ToString() + " does not exist");
  if (!s_.teams.count(team.value)) return NotFound("team " + team.ToString() + " does not exist");
  it->second.key_worker = key_worker;
  it->second.responsible_team = team;
  return Status::Ok();
}

Result<std::vector<PlanPeriod>> MemoryTransaction::PlanPeriodsOf(PersonId child) {
  std::vector<PlanPeriod> out;
  for (const auto& [id, p] : s_.plan_periods) {
    if (ReadsAs(p.child, child)) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const PlanPeriod& a, const PlanPeriod& b) { return a.start < b.start; });
  return out;
}

Result<std::vector<PersonId>> MemoryTransaction::ChildrenWithUnsplitPreBirthPlans() {
  std::vector<PersonId> out;
  for (const auto& [id, p] : s_.plan_periods) {
    if (p.type != PlanType::kUnbornChildProtectionPlan) continue;
    auto person = s_.people.find(p.child.value);
    if (person == s_.people.end() || !person->second.date_of_birth) continue;
    const Date born = *person->second.date_of_birth;
    if (born > p.start && (!p.end || *p.end > born)) out.push_back(p.child);
  }
  std::sort(out.begin(), out.end(), [](PersonId a, PersonId b) { return a.value < b.value; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<NotificationId> MemoryTransaction::InsertNotification(const SignpostingNotification& n) {
  RETURN_IF_ERROR(Writable());
  return InsertRow(s_.notifications, s_.next_id, n, &SignpostingNotification::id);
}

Result<std::vector<SignpostingNotification>> MemoryTransaction::NotificationsOfChild(PersonId child, int limit) {
  std::vector<SignpostingNotification> out;
  for (auto it = s_.notifications.rbegin(); it != s_.notifications.rend() && static_cast<int>(out.size()) < limit; ++it) {
    if (ReadsAs(it->second.child, child)) out.push_back(it->second);
  }
  return out;
}

Result<std::vector<SignpostingNotification>> MemoryTransaction::NotificationsFor(PractitionerId key_worker,
                                                                                 int limit) {
  std::vector<SignpostingNotification> out;
  for (auto it = s_.notifications.rbegin(); it != s_.notifications.rend() && static_cast<int>(out.size()) < limit; ++it) {
    if (it->second.key_worker == key_worker) out.push_back(it->second);
  }
  return out;
}

}  // namespace safehub::store::memory
