#include "app/child_index.h"

#include <algorithm>
#include <cctype>

namespace safehub::app {
namespace {

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

Result<std::optional<PersonId>> FindOne(store::Transaction& tx, store::PersonQuery q) {
  q.limit = 2;
  q.shielded = store::ShieldedMatching::kIncludeForLinkage;
  ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
  if (people.size() != 1) return std::optional<PersonId>();  // none, or ambiguous
  return std::optional<PersonId>(people[0].id);
}

}  // namespace

Result<LinkResult> IdentifierChildIndex::Link(store::Transaction& tx, const ChildIdentity& identity, Date today) {
  ASSIGN_OR_RETURN(auto found, Find(tx, identity));
  if (found) return *found;
  return Create(tx, identity, today);
}

Result<std::optional<LinkResult>> IdentifierChildIndex::Find(store::Transaction& tx, const ChildIdentity& identity) {
  using Found = std::optional<LinkResult>;
  if (!identity.nhs_number.empty()) {
    store::PersonQuery q;
    q.nhs_number = identity.nhs_number;
    ASSIGN_OR_RETURN(auto found, FindOne(tx, q));
    if (found) return Found(LinkResult{*found, LinkOutcome::kMatched, 1.0, "nhs_number"});
  }
  if (!identity.upn.empty()) {
    store::PersonQuery q;
    q.upn = identity.upn;
    ASSIGN_OR_RETURN(auto found, FindOne(tx, q));
    if (found) return Found(LinkResult{*found, LinkOutcome::kMatched, 1.0, "upn"});
  }
  if (identity.date_of_birth && !identity.surname.empty() && !identity.first_name.empty()) {
    store::PersonQuery q;
    q.surname_equals = identity.surname;
    q.date_of_birth = identity.date_of_birth;
    q.limit = 20;
    q.shielded = store::ShieldedMatching::kIncludeForLinkage;
    ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
    std::vector<PersonId> exact;
    for (const auto& p : people) {
      // Twins share a surname and a birthday: the first name must agree too.
      if (SameText(p.surname, identity.surname) && SameText(p.first_name, identity.first_name)) exact.push_back(p.id);
    }
    if (exact.size() == 1) return Found(LinkResult{exact[0], LinkOutcome::kMatched, 0.95, "name and date of birth"});
  }
  return Found();
}

Result<LinkResult> IdentifierChildIndex::Create(store::Transaction& tx, const ChildIdentity& identity, Date today) {
  if (!identity.date_of_birth) {
    return InvalidArgument("no child matches and a new child needs a date_of_birth", "date_of_birth");
  }
  domain::Person child;
  child.kind = domain::PersonKind::kChild;
  child.first_name = identity.first_name;
  child.surname = identity.surname;
  child.date_of_birth = identity.date_of_birth;
  child.sex = identity.sex;
  child.nhs_number = identity.nhs_number;
  child.upn = identity.upn;
  RETURN_IF_ERROR(domain::Validate(child, today));
  ASSIGN_OR_RETURN(PersonId id, tx.InsertPerson(child));
  return LinkResult{id, LinkOutcome::kNewChild, 1.0, "new child"};
}

}  // namespace safehub::app
