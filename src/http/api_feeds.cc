// Agency feeds over HTTP: a JSON batch of rows or a CSV body, up to the 1 MiB body limit
// per request (larger files go through `safehub feed import`).
#include <sstream>

#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

Json ReportJson(const app::FeedReport& r) {
  Json rejections = Json::array();
  for (const auto& x : r.rejections) rejections.push_back({{"line", x.line}, {"field", x.field}, {"message", x.message}});
  return {{"rows", r.rows},
          {"accepted", r.accepted},
          {"already_recorded", r.already_recorded},
          {"rejected", r.rejected},
          {"linked_to_known_child", r.linked_to_known_child},
          {"new_children", r.new_children},
          {"rejections", std::move(rejections)}};
}

// {"rows": [{"source_reference": "...", "kind": "...", ...}, ...]}; every value a string
// (or a number, taken as its text).
Result<std::vector<app::FeedRow>> RowsFromJson(const Json& body) {
  auto it = body.find("rows");
  if (it == body.end() || !it->is_array()) return InvalidArgument("send {\"rows\": [...]}", "rows");
  if (body.size() != 1) return InvalidArgument("only \"rows\" is allowed at the top level", "body");
  std::vector<app::FeedRow> rows;
  std::int64_t line = 0;
  for (const Json& item : *it) {
    ++line;
    if (!item.is_object()) return InvalidArgument("row " + std::to_string(line) + " is not an object", "rows");
    app::FeedRow row;
    row.line = line;
    for (auto field = item.begin(); field != item.end(); ++field) {
      if (field->is_string()) {
        row.fields[field.key()] = field->get<std::string>();
      } else if (field->is_number()) {
        row.fields[field.key()] = field->dump();
      } else if (!field->is_null()) {
        return InvalidArgument("row " + std::to_string(line) + " field " + field.key().substr(0, 40) +
                                   " must be a string or a number",
                               field.key().substr(0, 40));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

void RegisterFeedRoutes(Router& router, ApiContext& api) {
  router.Add("POST", "/api/v1/feeds/events", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.feeds == nullptr) return ErrorResponse(503, "unavailable", "feeds are not enabled on this server", "");
    if (!domain::RoleReadsChildren(caller.principal.role) || !caller.principal.agency.valid()) {
      return StatusResponse(PermissionDenied("only a practitioner of an agency can send its feed"));
    }
    const app::FeedSource source{caller.principal.agency, &caller.principal};
    Result<app::FeedReport> report = app::FeedReport{};
    if (request.Header("content-type").rfind("text/csv", 0) == 0) {
      std::istringstream csv(request.body);
      report = api.feeds->IngestCsv(source, csv);
    } else {
      auto body = BodyObject(request);
      if (!body.ok()) return StatusResponse(body.status());
      auto rows = RowsFromJson(*body);
      if (!rows.ok()) return StatusResponse(rows.status());
      report = api.feeds->Ingest(source, *rows);
    }
    if (!report.ok()) return StatusResponse(report.status());
    return JsonResponse(200, ReportJson(*report));
  }));
}

}  // namespace safehub::http
