#include "app/organisations.h"

namespace safehub::app {

Status Organisations::RequireAdministrator(const AuthContext* caller) const {
  if (caller && !domain::RoleManagesUsers(caller->principal.role)) {
    return PermissionDenied("only an administrator can change agencies, teams and practitioners");
  }
  return Status::Ok();
}

Status Organisations::AuditChange(store::Transaction& tx, const AuthContext* caller, const std::string& action,
                                  const std::string& resource) {
  return audit_.Append(tx, EntryBy(caller ? &caller->principal : nullptr, action, resource));
}

Result<AgencyId> Organisations::CreateAgency(const AuthContext* caller, const domain::Agency& agency) {
  RETURN_IF_ERROR(RequireAdministrator(caller));
  RETURN_IF_ERROR(domain::Validate(agency));
  AgencyId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertAgency(agency));
    return AuditChange(tx, caller, "create_agency", "/api/v1/agencies/" + id.ToString());
  }));
  return id;
}

Result<TeamId> Organisations::CreateTeam(const AuthContext* caller, const domain::Team& team) {
  RETURN_IF_ERROR(RequireAdministrator(caller));
  RETURN_IF_ERROR(domain::Validate(team));
  TeamId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertTeam(team));
    return AuditChange(tx, caller, "create_team", "/api/v1/teams/" + id.ToString());
  }));
  return id;
}

Status Organisations::UpdateTeam(const AuthContext* caller, TeamId id, const std::string& name,
                                 const std::string& office_phone, const std::string& out_of_hours_phone) {
  RETURN_IF_ERROR(RequireAdministrator(caller));
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Team before, tx.GetTeam(id));
    domain::Team after = before;
    after.name = name;
    after.office_phone = office_phone;
    after.out_of_hours_phone = out_of_hours_phone;
    RETURN_IF_ERROR(domain::Validate(after));
    RETURN_IF_ERROR(tx.UpdateTeam(after));
    // Signposting has given the old phones out: the audit keeps what they were and when they changed.
    auto entry = EntryBy(caller ? &caller->principal : nullptr, "update_team", "/api/v1/teams/" + id.ToString());
    entry.detail = "was \"" + before.name + "\", office " + before.office_phone + ", out of hours " +
                   before.out_of_hours_phone + "; now \"" + after.name + "\", office " + after.office_phone +
                   ", out of hours " + after.out_of_hours_phone;
    return audit_.Append(tx, entry);
  });
}

Result<PractitionerId> Organisations::CreatePractitioner(const AuthContext* caller, const domain::Practitioner& p) {
  RETURN_IF_ERROR(RequireAdministrator(caller));
  RETURN_IF_ERROR(domain::Validate(p));
  PractitionerId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertPractitioner(p));
    return AuditChange(tx, caller, "create_practitioner", "/api/v1/practitioners/" + id.ToString());
  }));
  return id;
}

Status Organisations::UpdateAgency(const AuthContext* caller, AgencyId id, const std::string& name,
                                   const std::string& code) {
  RETURN_IF_ERROR(RequireAdministrator(caller));
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Agency before, tx.GetAgency(id));
    domain::Agency after = before;
    after.name = name;
    after.code = code;
    RETURN_IF_ERROR(domain::Validate(after));
    RETURN_IF_ERROR(tx.UpdateAgency(after));
    auto entry = EntryBy(caller ? &caller->principal : nullptr, "update_agency", "/api/v1/agencies/" + id.ToString());
    entry.detail = "was \"" + before.name + "\", code " + before.code + "; now \"" + after.name + "\", code " + after.code;
    return audit_.Append(tx, entry);
  });
}

namespace {
std::string Describe(const domain::Practitioner& p) {
  return "team " + p.team.ToString() + ", \"" + p.name + "\", " + p.job_title + ", " + p.email + ", " + p.phone;
}
}  // namespace

Result<Organisations::PractitionerChange> Organisations::UpdatePractitioner(const AuthContext* caller,
                                                                            const domain::Practitioner& after) {
  RETURN_IF_ERROR(RequireAdministrator(caller));
  RETURN_IF_ERROR(domain::Validate(after));
  PractitionerChange change;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    change = PractitionerChange{};
    ASSIGN_OR_RETURN(domain::Practitioner before, tx.GetPractitioner(after.id));
    if (after.team != before.team) {
      ASSIGN_OR_RETURN(domain::Team from, tx.GetTeam(before.team));
      auto to = tx.GetTeam(after.team);
      if (!to.ok()) return to.status().code() == StatusCode::kNotFound ? InvalidArgument(to.status().message(), "team_id") : to.status();
      if (to->agency != from.agency) {
        return InvalidArgument("practitioner " + after.id.ToString() + " works for agency " + from.agency.ToString() +
                                   " and team " + after.team.ToString() + " is of agency " + to->agency.ToString() +
                                   ": someone who joins another agency is a new practitioner there, with a new user",
                               "team_id");
      }
      ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOfPractitioner(after.id));
      const Date today = clock_.Today();
      for (const auto& i : involvements) {
        if (i.team == before.team && i.IsActiveOn(today)) ++change.open_involvements_with_old_team;
      }
    }
    RETURN_IF_ERROR(tx.UpdatePractitioner(after));
    auto entry = EntryBy(caller ? &caller->principal : nullptr, "update_practitioner",
                         "/api/v1/practitioners/" + after.id.ToString());
    entry.detail = "was " + Describe(before) + "; now " + Describe(after);
    if (change.open_involvements_with_old_team > 0) {
      entry.detail += "; " + std::to_string(change.open_involvements_with_old_team) +
                      " open involvements stay with team " + before.team.ToString() + " for reallocation";
    }
    return audit_.Append(tx, entry);
  }));
  return change;
}

Result<std::vector<domain::Agency>> Organisations::ListAgencies() {
  std::vector<domain::Agency> out;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.ListAgencies());
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<domain::Team>> Organisations::ListTeams(AgencyId agency) {
  std::vector<domain::Team> out;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.GetAgency(agency));
    ASSIGN_OR_RETURN(out, tx.ListTeams(agency));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<domain::Practitioner>> Organisations::ListPractitioners(TeamId team) {
  std::vector<domain::Practitioner> out;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.GetTeam(team));
    ASSIGN_OR_RETURN(out, tx.ListPractitioners(team));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<domain::AuditEntry>> Organisations::ReadAudit(const AuthContext& caller, std::int64_t after,
                                                                 int limit) {
  if (!domain::RoleReadsAudit(caller.principal.role)) return PermissionDenied("your role does not read the audit trail");
  std::vector<domain::AuditEntry> out;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.ScanAudit(after, limit));
    return AuditChange(tx, &caller, "read_audit",
                       "/api/v1/audit");
  }));
  return out;
}

Result<std::vector<domain::AuditEntry>> Organisations::ReadAuditOfChild(const AuthContext& caller, PersonId child,
                                                                        int limit) {
  if (!domain::RoleReadsAudit(caller.principal.role)) return PermissionDenied("your role does not read the audit trail");
  std::vector<domain::AuditEntry> out;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.AuditOfChild(child, limit));
    return AuditChange(tx, &caller, "read_audit", "/api/v1/children/" + child.ToString() + "/audit");
  }));
  return out;
}

Result<std::vector<domain::MisuseReview>> Organisations::ListMisuseReviews(const AuthContext& caller,
                                                                          store::ReviewSelection selection) {
  if (!domain::RoleReadsAudit(caller.principal.role)) return PermissionDenied("your role does not review misuse");
  std::vector<domain::MisuseReview> out;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.ListMisuseReviews(selection));
    return AuditChange(tx, &caller, "read_misuse_reviews", "/api/v1/misuse-reviews");
  }));
  return out;
}

Status Organisations::ReviewMisuse(const AuthContext& caller, domain::MisuseReviewId id, domain::ReviewFinding finding,
                                   const std::string& note) {
  if (!domain::RoleReadsAudit(caller.principal.role)) return PermissionDenied("your role does not review misuse");
  if (finding == domain::ReviewFinding::kOpen) return InvalidArgument("give a finding: justified or misuse", "finding");
  if (note.empty()) return InvalidArgument("record what the review found", "note");
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto review, tx.GetMisuseReview(id));
    if (review.finding != domain::ReviewFinding::kOpen) {
      return FailedPrecondition("misuse review " + id.ToString() + " is already closed", "finding");
    }
    review.finding = finding;
    review.reviewed_by = caller.principal.user;
    review.reviewed_at = clock_.Now();
    review.review_note = note.substr(0, 2000);
    RETURN_IF_ERROR(tx.UpdateMisuseReview(review));
    return AuditChange(tx, &caller, "review_misuse", "/api/v1/misuse-reviews/" + id.ToString());
  });
}

Result<AuditVerification> Organisations::VerifyAudit(const AuthContext& caller, std::string_view known_head) {
  if (!domain::RoleReadsAudit(caller.principal.role)) return PermissionDenied("your role does not read the audit trail");
  ASSIGN_OR_RETURN(AuditVerification report, AuditTrail::Verify(store_, known_head));
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return AuditChange(tx, &caller, "verify_audit", "/api/v1/audit/verify");
  }));
  return report;
}

}  // namespace safehub::app
