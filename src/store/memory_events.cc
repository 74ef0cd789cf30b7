// The in-memory fake's events and the concern alerts raised over them: EventRepository and
// AlertRepository of MemoryTransaction (memory_store_state.h).
#include <algorithm>
#include <set>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<EventId> MemoryTransaction::InsertEvent(const Event& e) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(e.child.value)) return NotFound("person " + e.child.ToString() + " does not exist");
  if (!s_.agencies.count(e.agency.value)) return NotFound("agency " + e.agency.ToString() + " does not exist");
  if (!e.source_reference.empty()) {
    const std::pair<std::int64_t, std::string> reference(e.agency.value, e.source_reference);
    if (auto it = s_.event_references.find(reference); it != s_.event_references.end()) {
      return AlreadyExists("event " + e.source_reference + " of agency " + e.agency.ToString() +
                               " is already recorded as event " + std::to_string(it->second),
                           "source_reference");
    }
    const EventId id = InsertRow(s_.events, s_.next_id, e, &Event::id);
    s_.event_references.emplace(reference, id.value);
    return id;
  }
  return InsertRow(s_.events, s_.next_id, e, &Event::id);
}

Result<Event> MemoryTransaction::GetEvent(EventId id) { return FindRow(s_.events, id, "event"); }

Result<std::vector<Event>> MemoryTransaction::EventsOf(PersonId child, std::optional<Date> from,
                                                       std::optional<Date> to) {
  std::vector<Event> out;
  for (const auto& [id, e] : s_.events) {
    if (!ReadsAs(e.child, child)) continue;
    if (from && e.occurred_on < *from) continue;
    if (to && e.occurred_on > *to) continue;
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Event& a, const Event& b) { return a.occurred_on < b.occurred_on; });
  return out;
}

Result<AlertId> MemoryTransaction::InsertAlert(const ConcernAlert& a) {
  RETURN_IF_ERROR(Writable());
  RETURN_IF_ERROR(AlertReferencesExist(a));
  return InsertRow(s_.alerts, s_.next_id, a, &ConcernAlert::id);
}

Status MemoryTransaction::UpdateAlert(const ConcernAlert& a) {
  RETURN_IF_ERROR(Writable());
  if (!s_.alerts.count(a.id.value)) return NotFound("alert " + a.id.ToString() + " does not exist");
  RETURN_IF_ERROR(AlertReferencesExist(a));
  s_.alerts[a.id.value] = a;
  return Status::Ok();
}

Result<ConcernAlert> MemoryTransaction::GetAlert(AlertId id) { return FindRow(s_.alerts, id, "alert"); }

Result<std::vector<ConcernAlert>> MemoryTransaction::AlertsOfSubject(const std::string& rule_id,
                                                                     const std::string& subject_key) {
  std::vector<ConcernAlert> out;
  for (const auto& [id, a] : s_.alerts) {
    if (a.rule_id == rule_id && a.subject_key == subject_key) out.push_back(a);
  }
  return out;
}

Result<std::vector<ConcernAlert>> MemoryTransaction::AlertsAboutChild(PersonId child) {
  std::vector<ConcernAlert> out;
  for (auto it = s_.alerts.rbegin(); it != s_.alerts.rend(); ++it) {
    const ConcernAlert& a = it->second;
    if (a.status == AlertStatus::kMerged) continue;
    const auto children = a.Children();
    if (std::any_of(children.begin(), children.end(), [&](PersonId c) { return ReadsAs(c, child); })) out.push_back(a);
  }
  return out;
}

Result<std::vector<ConcernAlert>> MemoryTransaction::OpenAlerts() {
  std::vector<ConcernAlert> out;
  for (const auto& [id, a] : s_.alerts) {
    if (a.status == AlertStatus::kOpen) out.push_back(a);
  }
  return out;
}

Result<std::vector<PersonId>> MemoryTransaction::ChildrenWithEvents() {
  std::set<std::int64_t> ids;
  for (const auto& [id, e] : s_.events) ids.insert(e.child.value);
  std::vector<PersonId> out;
  for (std::int64_t id : ids) out.push_back(PersonId(id));
  return out;
}

Status MemoryTransaction::AlertReferencesExist(const ConcernAlert& a) const {
  if (a.child.valid() && !s_.people.count(a.child.value)) return NotFound("person " + a.child.ToString() + " does not exist");
  for (const AlertEvidence& e : a.evidence) {
    if (!s_.events.count(e.event.value)) return NotFound("event " + e.event.ToString() + " does not exist");
  }
  return Status::Ok();
}

}  // namespace safehub::store::memory
