#include "domain/access.h"

namespace safehub::domain {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kPractitioner: return "practitioner";
    case Role::kManager: return "manager";
    case Role::kSafeguardingLead: return "safeguarding_lead";
    case Role::kAdministrator: return "administrator";
    case Role::kAuditor: return "auditor";
  }
  return "practitioner";
}

Result<Role> ParseRole(std::string_view s) {
  if (s == "practitioner") return Role::kPractitioner;
  if (s == "manager") return Role::kManager;
  if (s == "safeguarding_lead") return Role::kSafeguardingLead;
  if (s == "administrator") return Role::kAdministrator;
  if (s == "auditor") return Role::kAuditor;
  return InvalidArgument("'" + std::string(s) +
                             "' is not one of practitioner, manager, safeguarding_lead, administrator, auditor",
                         "role");
}

std::string_view ToString(Scope scope) {
  switch (scope) {
    case Scope::kOwn: return "own";
    case Scope::kTeam: return "team";
    case Scope::kAgency: return "agency";
    case Scope::kAll: return "all";
  }
  return "own";
}

Result<Scope> ParseScope(std::string_view s) {
  if (s == "own") return Scope::kOwn;
  if (s == "team") return Scope::kTeam;
  if (s == "agency") return Scope::kAgency;
  if (s == "all") return Scope::kAll;
  return InvalidArgument("'" + std::string(s) + "' is not one of own, team, agency, all", "scope");
}

std::string_view ToString(AccessBasis basis) {
  switch (basis) {
    case AccessBasis::kNone: return "none";
    case AccessBasis::kOwnInvolvement: return "own_involvement";
    case AccessBasis::kTeamInvolvement: return "team_involvement";
    case AccessBasis::kAgencyInvolvement: return "agency_involvement";
    case AccessBasis::kAllScope: return "all_scope";
  }
  return "none";
}

bool RoleReadsChildren(Role role) {
  return role == Role::kPractitioner || role == Role::kManager || role == Role::kSafeguardingLead;
}
bool RoleManagesUsers(Role role) { return role == Role::kAdministrator; }
bool RoleReadsAudit(Role role) { return role == Role::kAuditor || role == Role::kAdministrator; }

bool ManagesTeam(const Principal& p, TeamId team, AgencyId agency) {
  if (p.role != Role::kManager) return false;
  switch (p.scope) {
    case Scope::kAll: return true;
    case Scope::kAgency: return p.agency.valid() && p.agency == agency;
    case Scope::kTeam: return p.team.valid() && p.team == team;
    case Scope::kOwn: return false;
  }
  return false;
}

AccessBasis DecideChildAccess(const Principal& p, std::span<const InvolvementReach> involvements) {
  if (!RoleReadsChildren(p.role)) return AccessBasis::kNone;
  AccessBasis best = AccessBasis::kNone;
  auto consider = [&best](AccessBasis b) {
    // Lower enum values are narrower; keep the narrowest basis that applies.
    if (best == AccessBasis::kNone || static_cast<int>(b) < static_cast<int>(best)) best = b;
  };
  for (const InvolvementReach& i : involvements) {
    if (!i.active) continue;
    if (p.practitioner.valid() && i.practitioner == p.practitioner) consider(AccessBasis::kOwnInvolvement);
    if (p.scope >= Scope::kTeam && p.team.valid() && i.team == p.team) consider(AccessBasis::kTeamInvolvement);
    if (p.scope >= Scope::kAgency && p.agency.valid() && i.agency == p.agency) {
      consider(AccessBasis::kAgencyInvolvement);
    }
  }
  if (best == AccessBasis::kNone && p.scope == Scope::kAll) best = AccessBasis::kAllScope;
  return best;
}

bool RequiresStatedReason(AccessBasis basis) {
  return basis == AccessBasis::kAgencyInvolvement || basis == AccessBasis::kAllScope;
}

}  // namespace safehub::domain
