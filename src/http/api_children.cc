// Children: search, record, read (with a stated reason where required), events and
// involvements. Every read and write is audited by the app layer before data leaves.
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

app::ShieldOverride OverrideRequested(const Request& request) {
  return request.Query("override_shielding") == "true" ? app::ShieldOverride::kYes : app::ShieldOverride::kNo;
}

Result<std::optional<Date>> OptionalQueryDate(const Request& request, const std::string& name) {
  const std::string text = request.Query(name);
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(d.status().message(), name);
  return std::optional<Date>(*d);
}

}  // namespace

void RegisterChildRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/children", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    store::PersonQuery q;
    q.name_contains = request.Query("name").substr(0, 100);
    q.nhs_number = request.Query("nhs_number").substr(0, 20);
    q.upn = request.Query("upn").substr(0, 20);
    auto dob = OptionalQueryDate(request, "date_of_birth");
    if (!dob.ok()) return StatusResponse(dob.status());
    q.date_of_birth = *dob;
    if (q.name_contains.empty() && q.nhs_number.empty() && q.upn.empty() && !q.date_of_birth) {
      return StatusResponse(InvalidArgument("give a name, date_of_birth, nhs_number or upn to search", "name"));
    }
    auto result = api.records.Search(caller, q);
    if (!result.ok()) return StatusResponse(result.status());
    Json list = Json::array();
    for (const auto& p : result->people) list.push_back(ToJson(p));
    return JsonResponse(200, {{"children", std::move(list)}, {"outside_scope", result->hidden}});
  }));

  router.Add("POST", "/api/v1/children", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    auto body = BodyObject(request);
    if (!body.ok()) return StatusResponse(body.status());
    Json person_json = *body;
    std::string service;
    if (auto it = person_json.find("service"); it != person_json.end()) {
      if (!it->is_string()) return StatusResponse(InvalidArgument("must be a string", "service"));
      service = it->get<std::string>().substr(0, 200);
      person_json.erase("service");
    }
    auto person = PersonFromJson(person_json);
    if (!person.ok()) return StatusResponse(person.status());
    auto id = api.records.CreateChild(caller, *person, service);
    if (!id.ok()) return StatusResponse(id.status());
    return JsonResponse(201, {{"id", id->value}});
  }));

  router.Add("GET", "/api/v1/children/{child_id}",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto record =
                   api.records.GetChild(caller, PersonId(*child), StatedReason(request), OverrideRequested(request));
               if (!record.ok()) return StatusResponse(record.status());
               return TextJsonResponse(200, ChildRecordText(*record));
             }), RunOn::kIoThread);

  router.Add("GET", "/api/v1/children/{child_id}/events",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto from = OptionalQueryDate(request, "from");
               if (!from.ok()) return StatusResponse(from.status());
               auto to = OptionalQueryDate(request, "to");
               if (!to.ok()) return StatusResponse(to.status());
               auto events = api.records.ListEvents(caller, PersonId(*child), StatedReason(request), *from, *to,
                                                    OverrideRequested(request));
               if (!events.ok()) return StatusResponse(events.status());
               return TextJsonResponse(200, EventListText(*events));
             }), RunOn::kIoThread);

  router.Add("POST", "/api/v1/children/{child_id}/events",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto event = EventFromJson(*body, PersonId(*child));
               if (!event.ok()) return StatusResponse(event.status());
               auto id = api.records.RecordEvent(caller, *event);
               if (!id.ok()) return StatusResponse(id.status());
               return JsonResponse(201, {{"id", id->value}});
             }));

  router.Add("POST", "/api/v1/children/{child_id}/involvements",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto involvement = InvolvementFromJson(*body, PersonId(*child));
               if (!involvement.ok()) return StatusResponse(involvement.status());
               auto id = api.records.RecordInvolvement(caller, *involvement);
               if (!id.ok()) return StatusResponse(id.status());
               return JsonResponse(201, {{"id", id->value}});
             }));

  // An involvement ends (by the practitioner named on it or a manager of its team), or a
  // manager reallocates it to another practitioner of the agency. The stated reason, where
  // the caller's access needs one, comes as for reading the record.
  router.Add("POST", "/api/v1/children/{child_id}/involvements/{involvement_id}/end",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto id = ParseId(request, "involvement_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "involvement");
               const std::optional<Date> ended_on = r.DateField("ended_on", true);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               Status s = api.records.EndInvolvement(caller, PersonId(*child), InvolvementId(*id), *ended_on,
                                                     StatedReason(request));
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"id", *id}, {"ended_on", ended_on->ToString()}});
             }));

  router.Add("POST", "/api/v1/children/{child_id}/involvements/{involvement_id}/reallocation",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto id = ParseId(request, "involvement_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "reallocation");
               const std::int64_t to = r.Integer("practitioner_id", true).value_or(0);
               const std::optional<Date> on = r.DateField("on", true);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               auto created = api.records.ReallocateInvolvement(caller, PersonId(*child), InvolvementId(*id),
                                                                PractitionerId(to), *on, StatedReason(request));
               if (!created.ok()) return StatusResponse(created.status());
               return JsonResponse(201, {{"id", created->value}, {"ended_involvement_id", *id}});
             }));

  router.Add("POST", "/api/v1/children/{child_id}/shielding",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "shielding");
               auto shielding = domain::ParseShielding(r.String("shielding", true, 20));
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               if (!shielding.ok()) return StatusResponse(shielding.status());
               Status s = api.records.SetShielding(caller, PersonId(*child), *shielding);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"shielding", domain::ToString(*shielding)}});
             }));

  router.Add("GET", "/api/v1/children/{child_id}/sharing-decisions",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto decisions = api.records.ListSharingDecisions(caller, PersonId(*child), StatedReason(request));
               if (!decisions.ok()) return StatusResponse(decisions.status());
               Json list = Json::array();
               for (const auto& d : *decisions) list.push_back(ToJson(d));
               return JsonResponse(200, {{"sharing_decisions", std::move(list)}});
             }), RunOn::kIoThread);

  router.Add("POST", "/api/v1/children/{child_id}/sharing-decisions",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto decision = SharingDecisionFromJson(*body, PersonId(*child));
               if (!decision.ok()) return StatusResponse(decision.status());
               auto id = api.records.RecordSharingDecision(caller, *decision);
               if (!id.ok()) return StatusResponse(id.status());
               return JsonResponse(201, {{"id", id->value}});
             }));
}

}  // namespace safehub::http
