// The access rule for one child as the casework and chronology use cases apply it inside a
// unit of work: the caller's legitimate relationship (an active involvement in scope, or an
// all-scope role), a stated reason when access rests on a wide scope, and the audit entry
// of each access. ChildRecords applies the same functions, so a user sees the same children
// everywhere. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "domain/access.h"
#include "store/store.h"

namespace safehub::app {

inline constexpr size_t kMaxStatedReasonLength = 500;

// The child's involvements as the access rule sees them, active or not on `today`.
Result<std::vector<domain::InvolvementReach>> ChildReachOf(store::Transaction& tx, PersonId child, Date today);

// The narrowest basis on which the caller may open the child. kNotFound (no such person),
// kPermissionDenied (no legitimate relationship; or a reason is required and missing,
// field "reason").
Result<domain::AccessBasis> AuthoriseChildAccess(store::Transaction& tx, const AuthContext& caller, PersonId child,
                                                 const std::string& reason, Date today);
// The same rule on the child's involvements already read (ChildReachOf), for a child known
// to exist.
Result<domain::AccessBasis> AuthoriseChildAccess(const AuthContext& caller, PersonId child, const std::string& reason,
                                                 const std::vector<domain::InvolvementReach>& reach);

// The child a record found by a user's search is read as: the record itself, or the child
// it was merged into. Nullopt when that child is shielded and the query used a field that
// shielding hides (NHS number, UPN): a merged record's identifiers must not find a shielded
// child any more than the child's own do.
Result<std::optional<domain::Person>> ChildFoundAs(store::Transaction& tx, const domain::Person& found,
                                                   const store::PersonQuery& query);

// Whether the basis is the caller's own or their team's involvement (shielded children are
// shown in full only then).
bool IsInvolved(domain::AccessBasis basis);

// An audit entry about one child by the caller.
domain::AuditEntry ChildAccessEntry(const AuthContext& caller, const std::string& action, const std::string& resource,
                                    PersonId child, const std::string& reason, domain::AccessBasis basis,
                                    domain::AuditOutcome outcome, const std::string& detail);

}  // namespace safehub::app
