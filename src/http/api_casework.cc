// Statutory casework: record a step of a child's case, read the case, and the caller's work
// list. A step the workflow refuses answers 422 with every violation, each naming its
// field; nothing is written. Reads are audited by app::Casework before data leaves.
#include <charconv>

#include "app/casework_codec.h"
#include "http/api.h"
#include "http/casework_json.h"

namespace safehub::http {

namespace {

Response Unavailable() { return ErrorResponse(503, "unavailable", "casework is not enabled", ""); }

// A body that is JSON but not an acceptable step, or a step the workflow refuses, is
// well-formed but unprocessable: 422 with every violation.
Response Unprocessable(const Status& status) {
  Response r = StatusResponse(status);
  if (status.code() == StatusCode::kInvalidArgument) r.status = 422;
  return r;
}

Result<int> DueWithin(const Request& request) {
  const std::string text = request.Query("due_within");
  if (text.empty()) return 5;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return InvalidArgument("due_within must be a whole number of working days", "due_within");
  }
  return value;
}

}  // namespace

void RegisterCaseworkRoutes(Router& router, ApiContext& api) {
  router.Add("POST", "/api/v1/children/{child_id}/casework/steps",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.casework == nullptr) return Unavailable();
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto step = app::StepFromJson(*body);
               if (!step.ok()) return Unprocessable(step.status());
               auto recorded = api.casework->RecordStep(caller, PersonId(*child), *step, StatedReason(request));
               if (!recorded.ok()) return Unprocessable(recorded.status());
               return JsonResponse(201, ToJson(*recorded, api.clock.Today(), api.casework->calendar()));
             }));

  router.Add("GET", "/api/v1/children/{child_id}/casework",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.casework == nullptr) return Unavailable();
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto read = api.casework->ReadCase(caller, PersonId(*child), StatedReason(request));
               if (!read.ok()) return StatusResponse(read.status());
               return JsonResponse(200, ToJson(*read));
             }));

  router.Add("GET", "/api/v1/my-work", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.casework == nullptr) return Unavailable();
    auto due_within = DueWithin(request);
    if (!due_within.ok()) return StatusResponse(due_within.status());
    auto list = api.casework->MyWork(caller, *due_within);
    if (!list.ok()) return StatusResponse(list.status());
    return JsonResponse(200, ToJson(*list));
  }));
}

}  // namespace safehub::http
