#include "app/child_index.h"

namespace safehub::app {
namespace {

// The one person the query names, read as the one a reviewer merged it into: none, or
// ambiguous, is nobody.
Result<std::optional<PersonId>> FindOne(store::Transaction& tx, store::PersonQuery q) {
  q.limit = 2;
  q.any_order = true;
  q.shielded = store::ShieldedMatching::kIncludeForLinkage;
  ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
  if (people.size() != 1) return std::optional<PersonId>();  // none, or ambiguous
  ASSIGN_OR_RETURN(PersonId survivor, tx.SurvivorOf(people[0].id));
  return std::optional<PersonId>(survivor);
}

}  // namespace

Result<LinkResult> ChildIndex::Link(store::Transaction& tx, const ChildIdentity& identity, Date today) {
  ASSIGN_OR_RETURN(auto found, FindExact(tx, identity));
  if (found) return *found;
  return LinkUnmatched(tx, identity, today);
}

Result<std::optional<LinkResult>> IdentifierChildIndex::FindExact(store::Transaction& tx,
                                                                  const ChildIdentity& identity) {
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
    // Twins share a surname and a birthday: the first name must agree too. Asked of the
    // store whole, so however many share the surname and birthday, two of the same first
    // name are seen as ambiguous.
    store::PersonQuery q;
    q.surname_equals = identity.surname;
    q.first_name_equals = identity.first_name;
    q.date_of_birth = identity.date_of_birth;
    ASSIGN_OR_RETURN(auto found, FindOne(tx, q));
    if (found) return Found(LinkResult{*found, LinkOutcome::kMatched, 0.95, "name and date of birth"});
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
