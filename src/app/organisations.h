// The directory of agencies, teams and practitioners, and the audit trail for auditors.
// Administrators change the directory; any signed-in user may read it (it holds staff
// work contacts, not children's data). Thread-safe.
#pragma once

#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "domain/organisation.h"
#include "store/store.h"

namespace safehub::app {

class Organisations {
 public:
  Organisations(store::Store& store, const Clock& clock) : store_(store), clock_(clock), audit_(clock) {}

  // kPermissionDenied unless the caller is an administrator (null caller: the command line).
  // kInvalidArgument listing every violation; kNotFound for a missing parent.
  Result<AgencyId> CreateAgency(const AuthContext* caller, const domain::Agency& agency);
  Result<TeamId> CreateTeam(const AuthContext* caller, const domain::Team& team);
  // Renames a team or changes its phones (its agency stays); audited with what changed.
  // kNotFound for an unknown team; violations as CreateTeam.
  Status UpdateTeam(const AuthContext* caller, TeamId id, const std::string& name, const std::string& office_phone,
                    const std::string& out_of_hours_phone);
  Result<PractitionerId> CreatePractitioner(const AuthContext* caller, const domain::Practitioner& p);
  // Renames an agency or changes its code; its kind stays (rules and access were decided on
  // it). Audited with the old and new values. kNotFound for an unknown agency.
  Status UpdateAgency(const AuthContext* caller, AgencyId id, const std::string& name, const std::string& code);
  // What a practitioner's change leaves for a manager to do.
  struct PractitionerChange {
    // Involvements still open in the practitioner's name with a team they have left: the
    // cases stay with the service until a manager reallocates them.
    std::int64_t open_involvements_with_old_team = 0;
  };
  // Changes a practitioner's team, name, job title or contacts (`after.id` names them). A move
  // is between teams of the practitioner's own agency: someone who joins another agency is a
  // new practitioner there, with a new user, so no login carries one agency's access into
  // another's (kInvalidArgument, field team_id). Their users' access follows the new team from
  // their next request. Audited with the old and new values. kNotFound: practitioner or team.
  Result<PractitionerChange> UpdatePractitioner(const AuthContext* caller, const domain::Practitioner& after);

  Result<std::vector<domain::Agency>> ListAgencies();
  Result<std::vector<domain::Team>> ListTeams(AgencyId agency);     // kNotFound
  Result<std::vector<domain::Practitioner>> ListPractitioners(TeamId team);  // kNotFound

  // Audit entries after `after` (sequence), for roles that read the audit; the reading
  // itself is audited. kPermissionDenied otherwise.
  Result<std::vector<domain::AuditEntry>> ReadAudit(const AuthContext& caller, std::int64_t after, int limit);
  // The newest entries about one child, for auditors and (later) the child's key worker.
  Result<std::vector<domain::AuditEntry>> ReadAuditOfChild(const AuthContext& caller, PersonId child, int limit);
  // The misuse review queue (auditors and administrators): overrides of shielding.
  Result<std::vector<domain::MisuseReview>> ListMisuseReviews(const AuthContext& caller,
                                                              store::ReviewSelection selection);
  // Closes an item with a finding (justified or misuse) and a note. kInvalidArgument for
  // finding "open" or an empty note; kFailedPrecondition when already closed.
  Status ReviewMisuse(const AuthContext& caller, domain::MisuseReviewId id, domain::ReviewFinding finding,
                      const std::string& note);
  // Walks the whole hash chain (see AuditTrail::Verify); the check itself is audited.
  Result<AuditVerification> VerifyAudit(const AuthContext& caller, std::string_view known_head = {});

 private:
  Status RequireAdministrator(const AuthContext* caller) const;
  Status AuditChange(store::Transaction& tx, const AuthContext* caller, const std::string& action,
                     const std::string& resource);
  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
};

}  // namespace safehub::app
