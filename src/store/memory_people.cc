// The in-memory fake's people, households and relationships: PersonRepository and
// HouseholdRepository of MemoryTransaction (memory_store_state.h).
#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<PersonId> MemoryTransaction::InsertPerson(const Person& p) {
  RETURN_IF_ERROR(Writable());
  ++s_.identity_generation;
  return InsertRow(s_.people, s_.next_id, p, &Person::id);
}

Result<Person> MemoryTransaction::GetPerson(PersonId id) { return FindRow(s_.people, id, "person"); }

Result<std::vector<Person>> MemoryTransaction::GetPeople(const std::vector<PersonId>& ids) {
  std::vector<Person> out;
  std::set<std::int64_t> seen;
  for (PersonId id : ids) {
    if (!seen.insert(id.value).second) continue;
    ASSIGN_OR_RETURN(Person p, GetPerson(id));
    out.push_back(std::move(p));
  }
  return out;
}

Status MemoryTransaction::UpdatePerson(const Person& p) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(p.id.value)) return NotFound("person " + p.id.ToString() + " does not exist");
  s_.people[p.id.value] = p;
  ++s_.identity_generation;
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<Person>> MemoryTransaction::FindPeople(const PersonQuery& q) {
  std::vector<Person> out;
  const std::string needle = Lower(q.name_contains);
  for (const auto& [id, p] : s_.people) {
    if (!needle.empty() && Lower(p.first_name).find(needle) == std::string::npos &&
        Lower(p.surname).find(needle) == std::string::npos) {
      continue;
    }
    if (!q.surname_equals.empty() && Lower(p.surname) != Lower(q.surname_equals)) continue;
    if (!q.first_name_equals.empty() && Lower(p.first_name) != Lower(q.first_name_equals)) continue;
    if (q.date_of_birth && p.date_of_birth != q.date_of_birth) continue;
    if (!q.nhs_number.empty() && p.nhs_number != q.nhs_number) continue;
    if (!q.upn.empty() && p.upn != q.upn) continue;
    // Shielding: hidden fields never match.
    if (p.IsShielded() && q.shielded == ShieldedMatching::kExclude && (!q.nhs_number.empty() || !q.upn.empty())) {
      continue;
    }
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const Person& a, const Person& b) {
    return std::tie(a.surname, a.first_name, a.id) < std::tie(b.surname, b.first_name, b.id);
  });
  const size_t begin = std::min(out.size(), static_cast<size_t>(std::max(0, q.offset)));
  const size_t end = std::min(out.size(), begin + static_cast<size_t>(std::max(0, q.limit)));
  return std::vector<Person>(out.begin() + begin, out.begin() + end);
}

Result<HouseholdId> MemoryTransaction::InsertHousehold(const Household& h) {
  RETURN_IF_ERROR(Writable());
  ++s_.child_record_generation;
  return InsertRow(s_.households, s_.next_id, h, &Household::id);
}

Result<Household> MemoryTransaction::GetHousehold(HouseholdId id) {
  return FindRow(s_.households, id, "household");
}

Status MemoryTransaction::AddMember(const HouseholdMember& m) {
  RETURN_IF_ERROR(Writable());
  if (!s_.households.count(m.household.value)) return NotFound("household " + m.household.ToString() + " does not exist");
  if (!s_.people.count(m.person.value)) return NotFound("person " + m.person.ToString() + " does not exist");
  s_.members.push_back(m);
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<HouseholdMember>> MemoryTransaction::MembershipsOf(PersonId person) {
  std::vector<HouseholdMember> out;
  for (const auto& m : s_.members) {
    if (ReadsAs(m.person, person)) out.push_back(m);
  }
  return out;
}

Result<std::vector<HouseholdMember>> MemoryTransaction::MembersOf(HouseholdId household) {
  std::vector<HouseholdMember> out;
  for (const auto& m : s_.members) {
    if (m.household == household) out.push_back(m);
  }
  return out;
}

Status MemoryTransaction::AddRelationship(const Relationship& r) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(r.person.value) || !s_.people.count(r.other.value)) {
    return NotFound("relationship names a person who does not exist");
  }
  s_.relationships.push_back(r);
  ++s_.child_record_generation;
  return Status::Ok();
}

Result<std::vector<Relationship>> MemoryTransaction::RelationshipsOf(PersonId person) {
  std::vector<Relationship> out;
  for (const auto& r : s_.relationships) {
    if (ReadsAs(r.person, person) || ReadsAs(r.other, person)) out.push_back(r);
  }
  return out;
}

}  // namespace safehub::store::memory
