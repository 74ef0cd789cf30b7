#include "app/chronology.h"

#include <deque>
#include <optional>
#include <set>

#include "app/casework.h"
#include "app/child_access.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::AuditOutcome;

namespace {

// The material of the people in a chronology, kept alive while it is built.
class Material {
 public:
  Status Add(store::Transaction& tx, const domain::Person& person, Date today) {
    events_.push_back({});
    ASSIGN_OR_RETURN(events_.back(), tx.EventsOf(person.id, std::nullopt, std::nullopt));
    cases_.emplace_back();
    ASSIGN_OR_RETURN(auto steps, tx.CaseworkStepsOf(person.id));
    if (!steps.empty()) {
      ASSIGN_OR_RETURN(auto history, LoadCase(tx, person.id, today));
      cases_.back().emplace(std::move(history));
    }
    const std::string name = person.FullName().empty() ? "unborn child" : person.FullName();
    inputs_.push_back({person.id, name, events_.back(), cases_.back() ? &*cases_.back() : nullptr});
    return Status::Ok();
  }

  Result<std::vector<domain::ChronologyEntry>> Build(store::Transaction& tx, const domain::ChronologyFilter& filter) {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    std::map<AgencyId, std::string> names;
    AgencyId social_care;
    for (const auto& a : agencies) {
      names[a.id] = a.name;
      if (!social_care.valid() && a.kind == domain::AgencyKind::kSocialCare) social_care = a.id;
    }
    return domain::BuildChronology(inputs_, names, social_care, filter);
  }

 private:
  // deques: adding a person never moves the events or cases earlier inputs point into.
  std::deque<std::vector<domain::Event>> events_;
  std::deque<std::optional<domain::CaseHistory>> cases_;
  std::vector<domain::ChronologyInput> inputs_;
};

Status ShieldedRefusal(PersonId person) {
  return Status(StatusCode::kPermissionDenied,
                "person " + person.ToString() + " is shielded: contact through the teams on the child's record",
                "shielding");
}

}  // namespace

Result<ChronologyView> Chronologies::ForChild(const AuthContext& caller, PersonId child, const std::string& reason,
                                              const domain::ChronologyFilter& filter) {
  const Date today = clock_.Today();
  const std::string resource = "/api/v1/children/" + child.ToString() + "/chronology";
  std::optional<ChronologyView> view;
  Status refusal;
  AccessBasis basis = AccessBasis::kNone;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto decided = AuthoriseChildAccess(tx, caller, child, reason, today);
    if (!decided.ok()) return (refusal = decided.status()), Status::Ok();
    basis = *decided;
    ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
    if (person.IsShielded() && !IsInvolved(basis)) return (refusal = ShieldedRefusal(child)), Status::Ok();
    Material material;
    RETURN_IF_ERROR(material.Add(tx, person, today));
    ChronologyView v;
    ASSIGN_OR_RETURN(v.entries, material.Build(tx, filter));
    v.people.push_back(child);
    view = std::move(v);
    return Status::Ok();
  }));
  if (!refusal.ok() && refusal.code() != StatusCode::kPermissionDenied) return refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return audit_.Append(tx, view ? ChildAccessEntry(caller, "read_chronology", resource, child, reason, basis,
                                                     AuditOutcome::kAllowed,
                                                     std::to_string(view->entries.size()) + " entries")
                                  : ChildAccessEntry(caller, "read_chronology", resource, child, reason,
                                                     AccessBasis::kNone, AuditOutcome::kDenied, refusal.message()));
  }));
  if (!view) return refusal;
  return std::move(*view);
}

Result<ChronologyView> Chronologies::ForHousehold(const AuthContext& caller, HouseholdId household,
                                                  const std::string& reason, const domain::ChronologyFilter& filter) {
  const Date today = clock_.Today();
  const std::string resource = "/api/v1/households/" + household.ToString() + "/chronology";
  if (!domain::RoleReadsChildren(caller.principal.role)) {
    return PermissionDenied("your role does not read children's records");
  }
  ChronologyView view;
  std::vector<std::pair<PersonId, AccessBasis>> opened;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.GetHousehold(household));
    ASSIGN_OR_RETURN(auto members, tx.MembersOf(household));
    std::set<PersonId> seen;
    Material material;
    for (const auto& m : members) {
      if (!seen.insert(m.person).second) continue;
      // Each member on their own legitimate relationship: no one is seen through a sibling.
      auto basis = AuthoriseChildAccess(tx, caller, m.person, reason, today);
      if (!basis.ok()) {
        if (basis.status().code() != StatusCode::kPermissionDenied) return basis.status();
        ++view.withheld;
        continue;
      }
      ASSIGN_OR_RETURN(auto person, tx.GetPerson(m.person));
      if (person.IsShielded() && !IsInvolved(*basis)) {
        ++view.withheld;
        continue;
      }
      RETURN_IF_ERROR(material.Add(tx, person, today));
      opened.push_back({m.person, *basis});
      view.people.push_back(m.person);
    }
    if (!opened.empty()) {
      ASSIGN_OR_RETURN(view.entries, material.Build(tx, filter));
    }
    return Status::Ok();
  }));
  std::vector<domain::AuditEntry> entries;
  for (const auto& [person, basis] : opened) {
    entries.push_back(ChildAccessEntry(caller, "read_household_chronology", resource, person, reason, basis,
                                       AuditOutcome::kAllowed, "household " + household.ToString()));
  }
  const Status refusal = PermissionDenied("you may open no one in household " + household.ToString() +
                                          (reason.empty() ? " (a stated reason may be required)" : ""));
  if (entries.empty()) {
    entries.push_back(ChildAccessEntry(caller, "read_household_chronology", resource, PersonId(), reason,
                                       AccessBasis::kNone, AuditOutcome::kDenied, refusal.message()));
  }
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.AppendAll(tx, entries); }));
  if (opened.empty()) return refusal;
  return view;
}

}  // namespace safehub::app
