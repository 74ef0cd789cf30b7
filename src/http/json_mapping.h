// Domain values <-> API JSON. Output never includes secrets (password hashes, TOTP
// secrets, session tokens). Input readers are strict: every violation and unknown field
// is reported, with the field's name. Stateless; thread-safe.
#pragma once

#include "app/auth_service.h"
#include "app/child_records.h"
#include "domain/audit.h"
#include "domain/event.h"
#include "domain/organisation.h"
#include "domain/misuse_review.h"
#include "domain/person.h"
#include "domain/sharing.h"
#include "http/json_io.h"

namespace safehub::http {

Json ToJson(const domain::Person& person);
Json ToJson(const domain::Agency& agency);
Json ToJson(const domain::Team& team);
Json ToJson(const domain::Practitioner& practitioner);
Json ToJson(const domain::Event& event);
Json ToJson(const domain::AuditEntry& entry);
Json ToJson(const domain::User& user);
Json ToJson(const domain::Principal& principal);
Json ToJson(const app::InvolvementView& involvement);
Json ToJson(const app::ChildRecord& record);
// The same as ToJson(record).dump(), written directly (the most read response).
std::string ChildRecordText(const app::ChildRecord& record);
// {"events": [ToJson(event)...]}, written directly (a child's page reads it with the record).
std::string EventListText(const std::vector<domain::Event>& events);
Json ToJson(const domain::SharingDecision& decision);
Json ToJson(const domain::MisuseReview& review);

Result<domain::Person> PersonFromJson(const Json& body);
Result<domain::Event> EventFromJson(const Json& body, PersonId child);
Result<domain::Involvement> InvolvementFromJson(const Json& body, PersonId child);
Result<domain::Agency> AgencyFromJson(const Json& body);
Result<domain::Team> TeamFromJson(const Json& body, AgencyId agency);
Result<domain::Practitioner> PractitionerFromJson(const Json& body, TeamId team);
// A change to an agency: its name and code (its kind does not change: refused by field).
Result<domain::Agency> AgencyChangeFromJson(const Json& body);
// A change to a practitioner: every field as PractitionerFromJson, and the team (team_id).
Result<domain::Practitioner> PractitionerChangeFromJson(const Json& body);
Result<app::NewUser> NewUserFromJson(const Json& body);
Result<app::UserPlacement> UserPlacementFromJson(const Json& body);
Result<app::LoginRequest> LoginFromJson(const Json& body);
Result<domain::SharingDecision> SharingDecisionFromJson(const Json& body, PersonId child);

}  // namespace safehub::http
