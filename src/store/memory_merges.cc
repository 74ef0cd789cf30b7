// The in-memory fake's person merges, and how a standing merge makes one person's rows read as
// another's: the merge half of LinkReviewRepository of MemoryTransaction (memory_store_state.h).
#include <algorithm>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<PersonMergeId> MemoryTransaction::InsertPersonMerge(const PersonMerge& m) {
  RETURN_IF_ERROR(Writable());
  if (m.merged == m.surviving) {
    return InvalidArgument("person " + m.merged.ToString() + " cannot be merged into itself", "person_id");
  }
  for (PersonId p : {m.merged, m.surviving}) {
    if (!s_.people.count(p.value)) return NotFound("person " + p.ToString() + " does not exist");
  }
  ASSIGN_OR_RETURN(auto standing, StandingMergeOf(m.merged));
  if (standing) {
    return AlreadyExists("person " + m.merged.ToString() + " is already merged into person " +
                             standing->surviving.ToString(), "person_id");
  }
  ASSIGN_OR_RETURN(PersonId end, SurvivorOf(m.surviving));
  if (end == m.merged) return MergeCycleError(m);
  PersonMerge stored = m;
  stored.undone_by = UserId();
  stored.undone_at = 0;
  stored.undo_reason.clear();
  ++s_.identity_generation;
  ++s_.child_record_generation;
  return InsertRow(s_.merges, s_.next_id, stored, &PersonMerge::id);
}

Result<PersonMerge> MemoryTransaction::GetPersonMerge(PersonMergeId id) {
  return FindRow(s_.merges, id, "person merge");
}

Status MemoryTransaction::UndoPersonMerge(const PersonMerge& m) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.merges.find(m.id.value);
  if (it == s_.merges.end()) return NotFound("person merge " + m.id.ToString() + " does not exist");
  if (it->second.undone_at != 0) {
    return FailedPrecondition("person merge " + m.id.ToString() + " is already undone", "person_id");
  }
  it->second.undone_by = m.undone_by;
  it->second.undone_at = m.undone_at;
  it->second.undo_reason = m.undo_reason;
  ++s_.identity_generation;
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::optional<PersonMerge>> MemoryTransaction::StandingMergeOf(PersonId person) {
  for (const auto& [id, m] : s_.merges) {
    if (m.merged == person && m.undone_at == 0) return std::optional<PersonMerge>(m);
  }
  return std::optional<PersonMerge>();
}

Result<std::vector<PersonMerge>> MemoryTransaction::StandingMergesInto(PersonId person) {
  std::vector<PersonMerge> out;
  for (const auto& [id, m] : s_.merges) {
    if (m.surviving == person && m.undone_at == 0) out.push_back(m);
  }
  return out;
}

Result<PersonId> MemoryTransaction::SurvivorOf(PersonId person) { return SurvivorIn(person); }

Result<std::vector<PersonId>> MemoryTransaction::AbsorbedInto(PersonId survivor) {
  std::vector<PersonId> out;
  for (const auto& [id, p] : s_.people) {
    if (p.id != survivor && ReadsAs(p.id, survivor)) out.push_back(p.id);
  }
  std::sort(out.begin(), out.end(), [](PersonId a, PersonId b) { return a.value < b.value; });
  return out;
}

Result<std::vector<PersonMerge>> MemoryTransaction::MergesOf(PersonId person) {
  std::vector<PersonMerge> out;
  for (const auto& [id, m] : s_.merges) {
    if (m.merged == person || m.surviving == person) out.push_back(m);
  }
  return out;
}

// Bounded by the number of merges, so a cycle (which InsertPersonMerge refuses) could not hang it.
bool MemoryTransaction::ReadsAs(PersonId owner, PersonId reader) const {
  for (std::size_t hop = 0; hop <= s_.merges.size(); ++hop) {
    if (owner == reader) return true;
    const PersonMerge* standing = StandingIn(owner);
    if (standing == nullptr) return false;
    owner = standing->surviving;
  }
  return false;
}

const PersonMerge* MemoryTransaction::StandingIn(PersonId person) const {
  for (const auto& [id, m] : s_.merges) {
    if (m.merged == person && m.undone_at == 0) return &m;
  }
  return nullptr;
}

PersonId MemoryTransaction::SurvivorIn(PersonId person) const {
  for (std::size_t hop = 0; hop <= s_.merges.size(); ++hop) {
    const PersonMerge* standing = StandingIn(person);
    if (standing == nullptr) break;
    person = standing->surviving;
  }
  return person;
}

}  // namespace safehub::store::memory
