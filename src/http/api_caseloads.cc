// A practitioner's caseload: how much they have open (counts, no child named), and handing it
// all on to a colleague of the agency from a day (app/caseloads.h).
#include "http/api.h"

namespace safehub::http {
namespace {

Response Unavailable() { return ErrorResponse(503, "unavailable", "caseload handover is not enabled", ""); }

Json ToJson(const app::CaseloadSummary& s) {
  return {{"practitioner_id", s.practitioner.value},
          {"involvements", s.involvements},
          {"as_key_worker", s.as_key_worker},
          {"children", s.children}};
}

Json ToJson(const app::CaseloadReallocation& r) {
  Json moves = Json::array();
  for (const auto& m : r.moves) {
    Json move = {{"child_id", m.child.value},
                 {"involvement_id", m.involvement.valid() ? Json(m.involvement.value) : Json(nullptr)},
                 {"key_worker", m.key_worker},
                 {"moved", m.outcome.ok()}};
    if (m.created.valid()) move["new_involvement_id"] = m.created.value;
    if (!m.outcome.ok()) {
      move["message"] = m.outcome.message();
      move["field"] = m.outcome.field();
    }
    moves.push_back(std::move(move));
  }
  return {{"moved", r.moved}, {"refused", r.refused}, {"moves", std::move(moves)}};
}

}  // namespace

void RegisterCaseloadRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/practitioners/{practitioner_id}/caseload",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.caseloads == nullptr) return Unavailable();
               auto id = ParseId(request, "practitioner_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto summary = api.caseloads->Summary(caller, PractitionerId(*id));
               if (!summary.ok()) return StatusResponse(summary.status());
               return JsonResponse(200, ToJson(*summary));
             }));

  router.Add("POST", "/api/v1/practitioners/{practitioner_id}/caseload/reallocation",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.caseloads == nullptr) return Unavailable();
               auto id = ParseId(request, "practitioner_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "caseload reallocation");
               const std::int64_t to = r.Integer("practitioner_id", true).value_or(0);
               const std::optional<Date> on = r.DateField("on", true);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               auto done = api.caseloads->Reallocate(caller, PractitionerId(*id), PractitionerId(to), *on,
                                                     StatedReason(request));
               if (!done.ok()) return StatusResponse(done.status());
               return JsonResponse(200, ToJson(*done));
             }));
}

}  // namespace safehub::http
