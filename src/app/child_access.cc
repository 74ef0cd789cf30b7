#include "app/child_access.h"

namespace safehub::app {

using domain::AccessBasis;

Result<std::vector<domain::InvolvementReach>> ChildReachOf(store::Transaction& tx, PersonId child, Date today) {
  return tx.InvolvementReachOf(child, today);
}

Result<AccessBasis> AuthoriseChildAccess(store::Transaction& tx, const AuthContext& caller, PersonId child,
                                         const std::string& reason, Date today) {
  RETURN_IF_ERROR(tx.GetPerson(child));
  ASSIGN_OR_RETURN(auto reach, ChildReachOf(tx, child, today));
  return AuthoriseChildAccess(caller, child, reason, reach);
}

Result<AccessBasis> AuthoriseChildAccess(const AuthContext& caller, PersonId child, const std::string& reason,
                                         const std::vector<domain::InvolvementReach>& reach) {
  const AccessBasis basis = domain::DecideChildAccess(caller.principal, reach);
  if (basis == AccessBasis::kNone) {
    return PermissionDenied("you have no involvement with child " + child.ToString() +
                            " and your role does not give access to it");
  }
  if (domain::RequiresStatedReason(basis) && reason.empty()) {
    return Status(StatusCode::kPermissionDenied,
                  "state a reason to open child " + child.ToString() + " (access via " +
                      std::string(domain::ToString(basis)) + ")",
                  "reason");
  }
  return basis;
}

Result<std::optional<domain::Person>> ChildFoundAs(store::Transaction& tx, const domain::Person& found,
                                                   const store::PersonQuery& query) {
  ASSIGN_OR_RETURN(PersonId survivor, tx.SurvivorOf(found.id));
  if (survivor == found.id) return std::optional<domain::Person>(found);
  ASSIGN_OR_RETURN(domain::Person child, tx.GetPerson(survivor));
  const bool by_hidden_field = !query.nhs_number.empty() || !query.upn.empty();
  if (child.IsShielded() && by_hidden_field && query.shielded == store::ShieldedMatching::kExclude) {
    return std::optional<domain::Person>();
  }
  return std::optional<domain::Person>(std::move(child));
}

bool IsInvolved(AccessBasis basis) {
  return basis == AccessBasis::kOwnInvolvement || basis == AccessBasis::kTeamInvolvement;
}

domain::AuditEntry ChildAccessEntry(const AuthContext& caller, const std::string& action, const std::string& resource,
                                    PersonId child, const std::string& reason, AccessBasis basis,
                                    domain::AuditOutcome outcome, const std::string& detail) {
  domain::AuditEntry e = EntryBy(&caller.principal, action, resource);
  e.child = child;
  e.reason = reason.substr(0, kMaxStatedReasonLength);
  e.basis = std::string(domain::ToString(basis));
  e.outcome = outcome;
  e.detail = detail;
  return e;
}

}  // namespace safehub::app
