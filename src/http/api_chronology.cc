// Chronologies of a child and of a household, generated from every agency's events and the
// casework: ?agency=ID&significance=low|medium|high&format=json|csv|html. Audited by
// app::Chronologies for each person whose entries leave.
#include <charconv>

#include "http/api.h"
#include "http/chronology_export.h"

namespace safehub::http {

namespace {

Response Unavailable() { return ErrorResponse(503, "unavailable", "chronologies are not enabled", ""); }

enum class Format { kJson, kCsv, kHtml };

struct ChronologyQuery {
  domain::ChronologyFilter filter;
  Format format = Format::kJson;
};

Result<ChronologyQuery> ReadQuery(const Request& request) {
  ChronologyQuery q;
  std::vector<Violation> violations;
  if (const std::string agency = request.Query("agency"); !agency.empty()) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(agency.data(), agency.data() + agency.size(), id);
    if (ec != std::errc() || ptr != agency.data() + agency.size() || id <= 0) {
      violations.push_back({"agency", "must be an agency id (a positive whole number)"});
    } else {
      q.filter.agency = AgencyId(id);
    }
  }
  if (const std::string significance = request.Query("significance"); !significance.empty()) {
    auto parsed = domain::ParseSignificance(significance);
    if (parsed.ok()) {
      q.filter.at_least = *parsed;
    } else {
      violations.push_back({"significance", "must be low, medium or high (entries at least that significant)"});
    }
  }
  const std::string format = request.Query("format");
  if (format == "csv") {
    q.format = Format::kCsv;
  } else if (format == "html") {
    q.format = Format::kHtml;
  } else if (!format.empty() && format != "json") {
    violations.push_back({"format", "must be json, csv or html"});
  }
  if (!violations.empty()) return Status::Invalid("chronology query", violations);
  return q;
}

Response Render(const app::ChronologyView& view, Format format, const std::string& title, const std::string& file,
                const app::AuthContext& caller, const Clock& clock) {
  if (format == Format::kCsv) {
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
    r.body = ChronologyToCsv(view.entries);
    return r;
  }
  if (format == Format::kHtml) {
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = ChronologyToHtml(view.entries, title,
                              "Generated " + FormatTimestamp(clock.Now()) + " for " + caller.principal.username +
                                  (view.withheld ? "; " + std::to_string(view.withheld) +
                                                       " household members withheld (no access)"
                                                 : ""));
    return r;
  }
  Json people = Json::array();
  for (PersonId p : view.people) people.push_back(p.value);
  return JsonResponse(200, {{"entries", ChronologyToJson(view.entries)}, {"people", std::move(people)},
                            {"withheld", view.withheld}});
}

}  // namespace

void RegisterChronologyRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/children/{child_id}/chronology",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.chronologies == nullptr) return Unavailable();
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto query = ReadQuery(request);
               if (!query.ok()) return StatusResponse(query.status());
               auto view = api.chronologies->ForChild(caller, PersonId(*child), StatedReason(request), query->filter);
               if (!view.ok()) return StatusResponse(view.status());
               return Render(*view, query->format, "Chronology of child " + std::to_string(*child),
                             "chronology-child-" + std::to_string(*child), caller, api.clock);
             }));

  router.Add("GET", "/api/v1/households/{household_id}/chronology",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.chronologies == nullptr) return Unavailable();
               auto household = ParseId(request, "household_id");
               if (!household.ok()) return StatusResponse(household.status());
               auto query = ReadQuery(request);
               if (!query.ok()) return StatusResponse(query.status());
               auto view = api.chronologies->ForHousehold(caller, HouseholdId(*household), StatedReason(request),
                                                          query->filter);
               if (!view.ok()) return StatusResponse(view.status());
               return Render(*view, query->format, "Chronology of household " + std::to_string(*household),
                             "chronology-household-" + std::to_string(*household), caller, api.clock);
             }));
}

}  // namespace safehub::http
