// Signposting: the minimal answer about a vulnerable child, plan periods from children's
// social care, and the key worker's view of who looked.
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

Json NotificationJson(const domain::SignpostingNotification& n) {
  return {{"id", n.id.value},         {"child_id", n.child.value},     {"key_worker_id", n.key_worker.value},
          {"username", n.username},   {"agency_name", n.agency_name},  {"reason", n.reason},
          {"at", FormatTimestamp(n.at)}};
}

Json AnswerJson(const app::SignpostingAnswer& a) {
  Json involved = Json::array();
  for (const auto& s : a.involved) {
    involved.push_back({{"agency", s.agency_name}, {"team", s.team_name}, {"service", s.service},
                        {"contact_phone", s.contact_phone}});
  }
  return {{"child_id", a.child.value},
          {"name", a.name},
          {"date_of_birth", a.date_of_birth ? Json(a.date_of_birth->ToString()) : Json(nullptr)},
          {"plan_type", domain::ToString(a.plan_type)},
          {"plan_start", a.plan_start.ToString()},
          {"plan_end", a.plan_end ? Json(a.plan_end->ToString()) : Json(nullptr)},
          {"responsible_agency", a.responsible_agency},
          {"responsible_team", a.responsible_team},
          {"office_phone", a.office_phone},
          {"out_of_hours_phone", a.out_of_hours_phone},
          {"shielded", a.shielded},
          {"involved", std::move(involved)}};
}

Response Unavailable() { return ErrorResponse(503, "unavailable", "signposting is not enabled on this server", ""); }

}  // namespace

void RegisterSignpostingRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/signposting", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.signposting == nullptr) return Unavailable();
    app::SignpostingQuery q;
    q.nhs_number = request.Query("nhs_number").substr(0, 20);
    q.upn = request.Query("upn").substr(0, 20);
    q.name = request.Query("name").substr(0, 100);
    if (const std::string dob = request.Query("date_of_birth"); !dob.empty()) {
      auto d = Date::Parse(dob);
      if (!d.ok()) return StatusResponse(InvalidArgument(d.status().message(), "date_of_birth"));
      q.date_of_birth = *d;
    }
    std::string reason = request.Header(kReasonHeader);
    if (reason.empty()) reason = request.Query("reason");
    auto answers = api.signposting->Lookup(caller, q, reason.substr(0, 500));
    if (!answers.ok()) return StatusResponse(answers.status());
    Json list = Json::array();
    for (const auto& a : *answers) list.push_back(AnswerJson(a));
    return JsonResponse(200, {{"children", std::move(list)}});
  }), RunOn::kIoThread);

  router.Add("POST", "/api/v1/children/{child_id}/plan-periods",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.signposting == nullptr) return Unavailable();
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "plan period");
               domain::PlanPeriod p;
               p.child = PersonId(*child);
               auto type = domain::ParsePlanType(r.String("type", true, 40));
               p.start = r.DateField("start", true).value_or(Date());
               p.end = r.DateField("end", false);
               p.responsible_team = TeamId(r.Integer("responsible_team_id", true).value_or(0));
               p.key_worker = PractitionerId(r.Integer("key_worker_id", true).value_or(0));
               if (!type.ok()) r.AddViolation("type", type.status().message());
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               p.type = *type;
               auto id = api.signposting->RecordPlanPeriod(caller, p);
               if (!id.ok()) return StatusResponse(id.status());
               return JsonResponse(201, {{"id", id->value}});
             }));

  router.Add("GET", "/api/v1/children/{child_id}/signposting-accesses",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.signposting == nullptr) return Unavailable();
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto accesses = api.signposting->AccessesOf(caller, PersonId(*child));
               if (!accesses.ok()) return StatusResponse(accesses.status());
               Json list = Json::array();
               for (const auto& n : *accesses) list.push_back(NotificationJson(n));
               return JsonResponse(200, {{"accesses", std::move(list)}});
             }));

  router.Add("GET", "/api/v1/notifications", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    if (api.signposting == nullptr) return Unavailable();
    auto notices = api.signposting->MyNotifications(caller);
    if (!notices.ok()) return StatusResponse(notices.status());
    Json list = Json::array();
    for (const auto& n : *notices) list.push_back(NotificationJson(n));
    return JsonResponse(200, {{"notifications", std::move(list)}});
  }));
}

}  // namespace safehub::http
