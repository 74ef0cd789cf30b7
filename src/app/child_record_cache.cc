#include "app/child_record_cache.h"

#include <map>

#include "app/child_access.h"

namespace safehub::app {

Result<ChildFacts> ReadChildFacts(store::Transaction& tx, PersonId child, Date today) {
  ChildFacts facts;
  ASSIGN_OR_RETURN(facts.person, tx.GetPerson(child));
  facts.today = today;
  ASSIGN_OR_RETURN(facts.reach, ChildReachOf(tx, child, today));
  return facts;
}

Result<ChildFamily> ReadChildFamily(store::Transaction& tx, PersonId child) {
  ChildFamily family;
  ASSIGN_OR_RETURN(family.survivor, tx.SurvivorOf(child));
  ASSIGN_OR_RETURN(family.involvements, tx.InvolvementDetailsOf(child));
  // The family's people are read in one statement once the households and relations are
  // known: the same people recur (a mother is a household member and a relation).
  std::vector<PersonId> people_ids;
  std::vector<std::vector<domain::HouseholdMember>> members_of;
  ASSIGN_OR_RETURN(auto memberships, tx.MembershipsOf(child));
  for (const auto& m : memberships) {
    HouseholdView hv;
    hv.membership = m;
    ASSIGN_OR_RETURN(hv.household, tx.GetHousehold(m.household));
    ASSIGN_OR_RETURN(auto members, tx.MembersOf(m.household));
    for (const auto& member : members) people_ids.push_back(member.person);
    members_of.push_back(std::move(members));
    family.households.push_back(std::move(hv));
  }
  ASSIGN_OR_RETURN(auto relationships, tx.RelationshipsOf(child));
  for (const auto& r : relationships) people_ids.push_back(r.person == child ? r.other : r.person);
  ASSIGN_OR_RETURN(auto people, tx.GetPeople(people_ids));
  std::map<std::int64_t, const domain::Person*> person_of;
  for (const auto& p : people) person_of[p.id.value] = &p;
  for (size_t h = 0; h < family.households.size(); ++h) {
    for (const auto& member : members_of[h]) {
      family.households[h].members.emplace_back(member, *person_of.at(member.person.value));
    }
  }
  for (const auto& r : relationships) {
    const PersonId other_id = r.person == child ? r.other : r.person;
    family.relationships.push_back({r, *person_of.at(other_id.value)});
  }
  return family;
}

Result<ChildSnapshot> ChildRecordCache::Facts(store::Transaction& tx, PersonId child, Date today) {
  ChildSnapshot snapshot;
  ASSIGN_OR_RETURN(snapshot.generation, tx.ChildRecordGeneration());
  {
    std::lock_guard lock(mutex_);
    if (snapshot.generation == generation_) {
      auto it = kept_.find(child.value);
      if (it != kept_.end() && it->second.facts && it->second.facts->today == today) {
        ++counts_.kept;
        snapshot.facts = it->second.facts;
        return snapshot;
      }
    }
    ++counts_.read;
  }
  ASSIGN_OR_RETURN(ChildFacts facts, ReadChildFacts(tx, child, today));
  snapshot.facts = std::make_shared<const ChildFacts>(std::move(facts));
  Keep(child, snapshot.generation, [&](Kept& k) { k.facts = snapshot.facts; });
  return snapshot;
}

Result<std::shared_ptr<const ChildFamily>> ChildRecordCache::Family(store::Transaction& tx, PersonId child,
                                                                   const ChildSnapshot& snapshot) {
  {
    std::lock_guard lock(mutex_);
    if (snapshot.generation == generation_) {
      auto it = kept_.find(child.value);
      if (it != kept_.end() && it->second.family) {
        ++counts_.kept;
        return it->second.family;
      }
    }
    ++counts_.read;
  }
  ASSIGN_OR_RETURN(ChildFamily read, ReadChildFamily(tx, child));
  auto family = std::make_shared<const ChildFamily>(std::move(read));
  Keep(child, snapshot.generation, [&](Kept& k) { k.family = family; });
  return family;
}

void ChildRecordCache::Keep(PersonId child, std::int64_t generation, const std::function<void(Kept&)>& update) {
  std::lock_guard lock(mutex_);
  if (generation < generation_) return;
  if (generation > generation_) {
    kept_.clear();
    generation_ = generation;
  }
  auto it = kept_.find(child.value);
  if (it == kept_.end()) {
    // Full: forget any one child (the map's first); the bound matters, not which one.
    if (kept_.size() >= capacity_ && !kept_.empty()) kept_.erase(kept_.begin());
    it = kept_.emplace(child.value, Kept{}).first;
  }
  update(it->second);
}

ChildRecordCache::Counts ChildRecordCache::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace safehub::app
