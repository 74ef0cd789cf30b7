// The in-memory fake's agencies, teams and practitioners and their involvements with children:
// OrganisationRepository and InvolvementRepository of MemoryTransaction (memory_store_state.h).
#include <algorithm>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<AgencyId> MemoryTransaction::InsertAgency(const Agency& a) {
  RETURN_IF_ERROR(Writable());
  return InsertRow(s_.agencies, s_.next_id, a, &Agency::id);
}

Result<Agency> MemoryTransaction::GetAgency(AgencyId id) { return FindRow(s_.agencies, id, "agency"); }

Status MemoryTransaction::UpdateAgency(const Agency& a) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.agencies.find(a.id.value);
  if (it == s_.agencies.end()) return NotFound("agency " + a.id.ToString() + " does not exist");
  it->second.name = a.name;
  it->second.code = a.code;
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<Agency>> MemoryTransaction::ListAgencies() { return Values(s_.agencies); }

Result<TeamId> MemoryTransaction::InsertTeam(const Team& t) {
  RETURN_IF_ERROR(Writable());
  if (!s_.agencies.count(t.agency.value)) return NotFound("agency " + t.agency.ToString() + " does not exist");
  return InsertRow(s_.teams, s_.next_id, t, &Team::id);
}

Result<Team> MemoryTransaction::GetTeam(TeamId id) { return FindRow(s_.teams, id, "team"); }

Status MemoryTransaction::UpdateTeam(const Team& t) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.teams.find(t.id.value);
  if (it == s_.teams.end()) return NotFound("team " + t.id.ToString() + " does not exist");
  it->second.name = t.name;
  it->second.office_phone = t.office_phone;
  it->second.out_of_hours_phone = t.out_of_hours_phone;
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<Team>> MemoryTransaction::ListTeams(AgencyId agency) {
  std::vector<Team> out;
  for (const auto& [id, t] : s_.teams) {
    if (t.agency == agency) out.push_back(t);
  }
  return out;
}

Result<PractitionerId> MemoryTransaction::InsertPractitioner(const Practitioner& p) {
  RETURN_IF_ERROR(Writable());
  if (!s_.teams.count(p.team.value)) return NotFound("team " + p.team.ToString() + " does not exist");
  return InsertRow(s_.practitioners, s_.next_id, p, &Practitioner::id);
}

Result<Practitioner> MemoryTransaction::GetPractitioner(PractitionerId id) {
  return FindRow(s_.practitioners, id, "practitioner");
}

Status MemoryTransaction::UpdatePractitioner(const Practitioner& p) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.practitioners.find(p.id.value);
  if (it == s_.practitioners.end()) return NotFound("practitioner " + p.id.ToString() + " does not exist");
  if (!s_.teams.count(p.team.value)) return NotFound("team " + p.team.ToString() + " does not exist");
  it->second = p;
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<Practitioner>> MemoryTransaction::ListPractitioners(TeamId team) {
  std::vector<Practitioner> out;
  for (const auto& [id, p] : s_.practitioners) {
    if (p.team == team) out.push_back(p);
  }
  return out;
}

Result<InvolvementId> MemoryTransaction::InsertInvolvement(const Involvement& i) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(i.child.value)) return NotFound("person " + i.child.ToString() + " does not exist");
  if (!s_.teams.count(i.team.value)) return NotFound("team " + i.team.ToString() + " does not exist");
  ++s_.child_record_generation;
  return InsertRow(s_.involvements, s_.next_id, i, &Involvement::id);
}

Status MemoryTransaction::EndInvolvement(InvolvementId id, Date ended_on) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.involvements.find(id.value);
  if (it == s_.involvements.end()) return NotFound("involvement " + id.ToString() + " does not exist");
  if (ended_on < it->second.started_on) {
    return InvalidArgument("involvement " + id.ToString() + " cannot end before its start", "ended_on");
  }
  it->second.ended_on = ended_on;
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<Involvement>> MemoryTransaction::InvolvementsOf(PersonId child) {
  std::vector<Involvement> out;
  for (const auto& [id, i] : s_.involvements) {
    if (ReadsAs(i.child, child)) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Involvement& a, const Involvement& b) { return a.started_on < b.started_on; });
  return out;
}

Result<std::vector<InvolvementDetail>> MemoryTransaction::InvolvementDetailsOf(PersonId child) {
  std::vector<InvolvementDetail> out;
  ASSIGN_OR_RETURN(auto involvements, InvolvementsOf(child));
  std::stable_sort(involvements.begin(), involvements.end(),
                   [](const Involvement& a, const Involvement& b) { return a.started_on < b.started_on; });
  for (auto& i : involvements) {
    InvolvementDetail d;
    ASSIGN_OR_RETURN(d.team, GetTeam(i.team));
    ASSIGN_OR_RETURN(d.agency, GetAgency(d.team.agency));
    if (i.practitioner.valid()) {
      ASSIGN_OR_RETURN(auto p, GetPractitioner(i.practitioner));
      d.practitioner_name = p.name;
    }
    d.involvement = std::move(i);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<domain::InvolvementReach>> MemoryTransaction::InvolvementReachOf(PersonId child, Date today) {
  std::vector<domain::InvolvementReach> out;
  for (const auto& [id, i] : s_.involvements) {
    if (!ReadsAs(i.child, child)) continue;
    ASSIGN_OR_RETURN(auto team, GetTeam(i.team));
    out.push_back({i.practitioner, i.team, team.agency, i.IsActiveOn(today)});
  }
  return out;
}

Result<std::vector<Involvement>> MemoryTransaction::InvolvementsOfPractitioner(PractitionerId p) {
  std::vector<Involvement> out;
  for (const auto& [id, i] : s_.involvements) {
    if (i.practitioner == p) out.push_back(i);
  }
  return out;
}

}  // namespace safehub::store::memory
