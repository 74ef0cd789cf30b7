// Who may read a child's record. Roles say what a user does; a scope says how far their
// reach goes (own / team / agency / all, as Primero's role x scope). A practitioner reads a
// child only through a legitimate relationship: an involvement in their scope.
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/involvement.h"

namespace safehub::domain {

enum class Role {
  kPractitioner,        // works with children; reads those in scope
  kManager,             // team or service manager; reads in scope, sees performance
  kSafeguardingLead,    // child protection duties (may override shielding, later)
  kAdministrator,       // manages users and organisations; never reads a child's record
  kAuditor,             // reads the audit trail; never reads a child's record
};

enum class Scope { kOwn, kTeam, kAgency, kAll };

std::string_view ToString(Role role);
Result<Role> ParseRole(std::string_view s);
std::string_view ToString(Scope scope);
Result<Scope> ParseScope(std::string_view s);

// The authenticated user as the rules see them.
struct Principal {
  UserId user;
  std::string username;
  Role role = Role::kPractitioner;
  Scope scope = Scope::kOwn;
  PractitionerId practitioner;  // who they are in the organisation, if anyone
  TeamId team;
  AgencyId agency;
};

// An involvement with the team's agency resolved, as the access rule needs it.
struct InvolvementReach {
  PractitionerId practitioner;
  TeamId team;
  AgencyId agency;
  bool active = true;
};

enum class AccessBasis { kNone, kOwnInvolvement, kTeamInvolvement, kAgencyInvolvement, kAllScope };
std::string_view ToString(AccessBasis basis);

// True for roles whose work is reading children's records.
bool RoleReadsChildren(Role role);
bool RoleManagesUsers(Role role);
bool RoleReadsAudit(Role role);

// Whether `principal` is a manager whose scope covers the team (of `agency`): their own team,
// every team of their agency, or all. Who may hand a team's cases on.
bool ManagesTeam(const Principal& principal, TeamId team, AgencyId agency);

// The narrowest basis on which `principal` may read a child with these involvements, or
// kNone. Only active involvements count: a relationship that ended gives no access.
AccessBasis DecideChildAccess(const Principal& principal, std::span<const InvolvementReach> involvements);

// A reason must be stated when access rests on anything wider than the user's own
// involvement (ContactPoint: "a stated reason for every access" beyond one's own cases).
bool RequiresStatedReason(AccessBasis basis);

}  // namespace safehub::domain
