// Agencies, teams and practitioners: read by any signed-in user, changed by administrators.
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

template <typename T>
Response ListResponse(const char* key, const Result<std::vector<T>>& items) {
  if (!items.ok()) return StatusResponse(items.status());
  Json list = Json::array();
  for (const auto& item : *items) list.push_back(ToJson(item));
  return JsonResponse(200, {{key, list}});
}

void RegisterDirectoryRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/agencies", RequireSession(api, [&api](Request&, const app::AuthContext&) {
    return ListResponse("agencies", api.organisations.ListAgencies());
  }));

  router.Add("POST", "/api/v1/agencies", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    auto body = BodyObject(request);
    if (!body.ok()) return StatusResponse(body.status());
    auto agency = AgencyFromJson(*body);
    if (!agency.ok()) return StatusResponse(agency.status());
    auto id = api.organisations.CreateAgency(&caller, *agency);
    if (!id.ok()) return StatusResponse(id.status());
    return JsonResponse(201, {{"id", id->value}});
  }));

  // An agency renamed or given a new code; its kind stays.
  router.Add("PUT", "/api/v1/agencies/{agency_id}",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto agency = ParseId(request, "agency_id");
               if (!agency.ok()) return StatusResponse(agency.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto fields = AgencyChangeFromJson(*body);
               if (!fields.ok()) return StatusResponse(fields.status());
               Status s = api.organisations.UpdateAgency(&caller, AgencyId(*agency), fields->name, fields->code);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"id", *agency}});
             }));

  router.Add("GET", "/api/v1/agencies/{agency_id}/teams",
             RequireSession(api, [&api](Request& request, const app::AuthContext&) {
               auto agency = ParseId(request, "agency_id");
               if (!agency.ok()) return StatusResponse(agency.status());
               return ListResponse("teams", api.organisations.ListTeams(AgencyId(*agency)));
             }));

  router.Add("POST", "/api/v1/agencies/{agency_id}/teams",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto agency = ParseId(request, "agency_id");
               if (!agency.ok()) return StatusResponse(agency.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto team = TeamFromJson(*body, AgencyId(*agency));
               if (!team.ok()) return StatusResponse(team.status());
               auto id = api.organisations.CreateTeam(&caller, *team);
               if (!id.ok()) return StatusResponse(id.status());
               return JsonResponse(201, {{"id", id->value}});
             }));

  // A team renamed or its phones changed; its agency stays. Absent phones become empty.
  router.Add("PUT", "/api/v1/teams/{team_id}", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    auto team = ParseId(request, "team_id");
    if (!team.ok()) return StatusResponse(team.status());
    auto body = BodyObject(request);
    if (!body.ok()) return StatusResponse(body.status());
    auto fields = TeamFromJson(*body, AgencyId());
    if (!fields.ok()) return StatusResponse(fields.status());
    Status s = api.organisations.UpdateTeam(&caller, TeamId(*team), fields->name, fields->office_phone,
                                            fields->out_of_hours_phone);
    if (!s.ok()) return StatusResponse(s);
    return JsonResponse(200, {{"id", *team}});
  }));

  router.Add("GET", "/api/v1/teams/{team_id}/practitioners",
             RequireSession(api, [&api](Request& request, const app::AuthContext&) {
               auto team = ParseId(request, "team_id");
               if (!team.ok()) return StatusResponse(team.status());
               return ListResponse("practitioners", api.organisations.ListPractitioners(TeamId(*team)));
             }));

  router.Add("POST", "/api/v1/teams/{team_id}/practitioners",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto team = ParseId(request, "team_id");
               if (!team.ok()) return StatusResponse(team.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto practitioner = PractitionerFromJson(*body, TeamId(*team));
               if (!practitioner.ok()) return StatusResponse(practitioner.status());
               auto id = api.organisations.CreatePractitioner(&caller, *practitioner);
               if (!id.ok()) return StatusResponse(id.status());
               return JsonResponse(201, {{"id", id->value}});
             }));

  // A practitioner moved to another team of their agency, or their name, title or contacts
  // changed. The answer counts the involvements left open with the team they left.
  router.Add("PUT", "/api/v1/practitioners/{practitioner_id}",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto id = ParseId(request, "practitioner_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto after = PractitionerChangeFromJson(*body);
               if (!after.ok()) return StatusResponse(after.status());
               after->id = PractitionerId(*id);
               auto change = api.organisations.UpdatePractitioner(&caller, *after);
               if (!change.ok()) return StatusResponse(change.status());
               return JsonResponse(200, {{"id", *id}, {"open_involvements_with_old_team", change->open_involvements_with_old_team}});
             }));
}

}  // namespace safehub::http
