// The in-memory fake's casework steps and the open timescales derived from them:
// CaseworkRepository of MemoryTransaction (memory_store_state.h).
#include <algorithm>
#include <set>
#include <tuple>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

Status MemoryTransaction::AppendCaseworkStep(const StoredStep& step) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(step.child.value)) return NotFound("person " + step.child.ToString() + " does not exist");
  if (step.recorded_by.valid() && !s_.users.count(step.recorded_by.value)) {
    return NotFound("user " + step.recorded_by.ToString() + " does not exist");
  }
  auto& steps = s_.casework[step.child.value];
  const std::int64_t next = static_cast<std::int64_t>(steps.size()) + 1;
  if (step.sequence >= 1 && step.sequence < next) {
    return AlreadyExists("step " + std::to_string(step.sequence) + " of child " + step.child.ToString() +
                             " is already recorded", "sequence");
  }
  if (step.sequence != next) {
    return InvalidArgument("step " + std::to_string(step.sequence) + " of child " + step.child.ToString() +
                               " does not follow its last step " + std::to_string(next - 1), "sequence");
  }
  steps.push_back(step);
  return Status::Ok();
}

Result<std::vector<StoredStep>> MemoryTransaction::CaseworkStepsOf(PersonId child) {
  auto it = s_.casework.find(child.value);
  if (it == s_.casework.end()) return std::vector<StoredStep>();
  return it->second;
}

Result<std::vector<PersonId>> MemoryTransaction::ChildrenWithCasework() {
  std::vector<PersonId> out;
  for (const auto& [child, steps] : s_.casework) {
    if (!steps.empty()) out.push_back(PersonId(child));
  }
  return out;
}

Status MemoryTransaction::ReplaceOpenTimescales(PersonId child, std::int64_t through_sequence,
                                                std::span<const OpenTimescaleRow> rows) {
  RETURN_IF_ERROR(Writable());
  RETURN_IF_ERROR(CheckOpenTimescaleRows(child, rows));
  if (through_sequence < 0) {
    return InvalidArgument("open timescales of child " + child.ToString() + ": through_sequence is negative",
                           "through_sequence");
  }
  if (!s_.people.count(child.value)) return NotFound("person " + child.ToString() + " does not exist");
  for (const auto& r : rows) {
    if (r.key_worker.valid() && !s_.practitioners.count(r.key_worker.value)) {
      return NotFound("practitioner " + r.key_worker.ToString() + " does not exist");
    }
  }
  std::vector<OpenTimescaleRow> sorted(rows.begin(), rows.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const OpenTimescaleRow& a, const OpenTimescaleRow& b) { return a.timescale < b.timescale; });
  s_.open_timescales[child.value] = std::move(sorted);
  s_.open_timescales_through[child.value] = through_sequence;
  return Status::Ok();
}

Result<std::vector<OpenTimescaleRow>> MemoryTransaction::OpenTimescalesOf(PersonId child) {
  auto it = s_.open_timescales.find(child.value);
  if (it == s_.open_timescales.end()) return std::vector<OpenTimescaleRow>();
  return it->second;
}

Result<DueTimescales> MemoryTransaction::OpenTimescalesDue(const DueFilter& filter) {
  // The same scope as the SQLite query: active involvements of the practitioner, or of
  // the practitioners of the team or of the agency's teams.
  auto in_scope = [&](PractitionerId p) {
    auto it = s_.practitioners.find(p.value);
    if (it == s_.practitioners.end()) return false;
    switch (filter.scope) {
      case WorkScope::kWorker: return p.value == filter.id;
      case WorkScope::kTeam: return it->second.team.value == filter.id;
      case WorkScope::kAgency: {
        auto team = s_.teams.find(it->second.team.value);
        return team != s_.teams.end() && team->second.agency.value == filter.id;
      }
    }
    return false;
  };
  std::set<std::int64_t> children;
  for (const auto& [id, i] : s_.involvements) {
    if (i.practitioner.valid() && i.IsActiveOn(filter.as_of) && in_scope(i.practitioner)) children.insert(i.child.value);
  }
  DueTimescales out;
  for (std::int64_t child : children) {
    auto steps = s_.casework.find(child);
    if (steps != s_.casework.end() && !steps->second.empty()) ++out.cases;
    auto rows = s_.open_timescales.find(child);
    if (rows == s_.open_timescales.end()) continue;
    for (const auto& r : rows->second) {
      if (r.due <= filter.due_by) out.due.push_back({r, s_.people.at(child).FullName()});
    }
  }
  std::sort(out.due.begin(), out.due.end(), [](const DueTimescale& a, const DueTimescale& b) {
    return std::tie(a.timescale.due, a.timescale.child, a.timescale.timescale) <
           std::tie(b.timescale.due, b.timescale.child, b.timescale.timescale);
  });
  return out;
}

Result<std::vector<PersonId>> MemoryTransaction::ChildrenWithStaleOpenTimescales() {
  std::vector<PersonId> out;
  for (const auto& [child, steps] : s_.casework) {
    if (steps.empty()) continue;
    auto through = s_.open_timescales_through.find(child);
    if (through == s_.open_timescales_through.end() || through->second != steps.back().sequence) {
      out.push_back(PersonId(child));
    }
  }
  return out;
}

}  // namespace safehub::store::memory
