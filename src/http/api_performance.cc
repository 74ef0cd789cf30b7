// Performance information and statutory returns for managers: indicators with the child
// lists behind them, monthly trends (JSON or CSV), and the CIN census validation report.
// Who may see what, and the auditing of child lists, is app::Performance's.
#include <charconv>
#include <map>

#include "domain/access.h"
#include "http/api.h"

namespace safehub::http {

namespace {

Response Unavailable() {
  return ErrorResponse(503, "unavailable", "performance information is not enabled on this server", "");
}

Json Optional(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// `access`: how the caller may open each listed child now (app::Performance::ChildAccessOf);
// the UI links only children it can open and says which need a stated reason.
Json IndicatorJson(const returns::Indicator& i, const std::map<std::string, domain::AccessBasis>* access = nullptr) {
  Json breakdown = Json::array();
  for (const auto& b : i.breakdown) {
    breakdown.push_back({{"label", b.label}, {"numerator", b.numerator}, {"denominator", b.denominator}});
  }
  Json children = Json::array();
  for (const auto& r : i.children) {
    Json row = {{"child", r.child}, {"record", r.record}, {"date", r.date.ToString()},
                {"counted", r.counted}, {"detail", r.detail}};
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(r.child.data(), r.child.data() + r.child.size(), id);
    row["child_id"] = (ec == std::errc() && end == r.child.data() + r.child.size()) ? Json(id) : Json(nullptr);
    if (access != nullptr) {
      auto it = access->find(r.child);
      const auto basis = it == access->end() ? domain::AccessBasis::kNone : it->second;
      row["can_open"] = basis != domain::AccessBasis::kNone;
      row["reason_required"] = basis != domain::AccessBasis::kNone && domain::RequiresStatedReason(basis);
    }
    children.push_back(std::move(row));
  }
  return {{"key", i.key},           {"name", i.name},
          {"numerator", i.numerator}, {"denominator", i.denominator},
          {"percent", Optional(i.percent)}, {"breakdown", std::move(breakdown)},
          {"children", std::move(children)}};
}

Result<returns::IndicatorQuery> QueryOf(const Request& request, Date today) {
  return returns::ParseIndicatorQuery(request.Query("from"), request.Query("to"), request.Query("team"),
                                      request.Query("worker"), today);
}

}  // namespace

void RegisterPerformanceRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/indicators", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.performance == nullptr) return Unavailable();
    auto q = QueryOf(request, api.clock.Today());
    if (!q.ok()) return StatusResponse(q.status());
    const std::string children = request.Query("children");
    if (!children.empty() && children != "true" && children != "false") {
      return StatusResponse(InvalidArgument("children must be true or false", "children"));
    }
    auto report = api.performance->Indicators(caller, *q, children == "true");
    if (!report.ok()) return StatusResponse(report.status());
    std::map<std::string, domain::AccessBasis> access;
    if (children == "true") {
      auto a = api.performance->ChildAccessOf(caller, *report);
      if (!a.ok()) return StatusResponse(a.status());
      access = std::move(*a);
    }
    Json list = Json::array();
    for (const auto& i : report->indicators) list.push_back(IndicatorJson(i, children == "true" ? &access : nullptr));
    return JsonResponse(200, {{"from", report->query.from.ToString()},
                              {"to", report->query.to.ToString()},
                              {"team_id", report->query.team.value},
                              {"worker_id", report->query.worker.value},
                              {"indicators", std::move(list)}});
  }));

  router.Add("GET", "/api/v1/indicators/teams", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.performance == nullptr) return Unavailable();
    if (!request.Query("team").empty() || !request.Query("worker").empty()) {
      return StatusResponse(InvalidArgument("the comparison covers every team; leave team and worker out",
                                            request.Query("team").empty() ? "worker" : "team"));
    }
    auto q = QueryOf(request, api.clock.Today());
    if (!q.ok()) return StatusResponse(q.status());
    auto teams = api.performance->IndicatorsByTeam(caller, *q);
    if (!teams.ok()) return StatusResponse(teams.status());
    Json list = Json::array();
    for (const auto& t : *teams) {
      Json indicators = Json::array();
      for (const auto& i : t.indicators) {
        indicators.push_back({{"key", i.key}, {"name", i.name}, {"numerator", i.numerator},
                              {"denominator", i.denominator}, {"percent", Optional(i.percent)}});
      }
      list.push_back({{"team_id", t.team.value}, {"team_name", t.team_name}, {"indicators", std::move(indicators)}});
    }
    return JsonResponse(200, {{"from", q->from.ToString()}, {"to", q->to.ToString()}, {"teams", std::move(list)}});
  }));

  router.Add("GET", "/api/v1/indicators/trends",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.performance == nullptr) return Unavailable();
               const std::string format = request.Query("format").empty() ? "json" : request.Query("format");
               if (format != "json" && format != "csv") {
                 return StatusResponse(InvalidArgument("format must be json or csv", "format"));
               }
               returns::IndicatorQuery q;
               if (!request.Query("from").empty() || !request.Query("to").empty()) {
                 auto parsed = QueryOf(request, api.clock.Today());
                 if (!parsed.ok()) return StatusResponse(parsed.status());
                 q = *parsed;
               } else {
                 auto parsed = returns::ParseIndicatorQuery("", "", request.Query("team"), request.Query("worker"),
                                                            api.clock.Today());
                 if (!parsed.ok()) return StatusResponse(parsed.status());
                 q.team = parsed->team;
                 q.worker = parsed->worker;  // the period stays unset: the area's whole history
               }
               auto series = api.performance->Trends(caller, q);
               if (!series.ok()) return StatusResponse(series.status());
               if (format == "csv") {
                 Response r;
                 r.content_type = "text/csv; charset=utf-8";
                 r.headers.emplace_back("Content-Disposition", "attachment; filename=\"indicator-trends.csv\"");
                 r.body = returns::TrendsCsv(*series);
                 return r;
               }
               Json list = Json::array();
               for (const auto& s : *series) {
                 Json points = Json::array();
                 for (const auto& p : s.points) {
                   points.push_back({{"month", p.month}, {"numerator", p.numerator},
                                     {"denominator", p.denominator}, {"percent", Optional(p.percent)}});
                 }
                 list.push_back({{"key", s.key}, {"name", s.name}, {"points", std::move(points)}});
               }
               return JsonResponse(200, {{"series", std::move(list)}});
             }));

  router.Add("POST", "/api/v1/returns/cin-census/check",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.performance == nullptr) return Unavailable();
               auto year = returns::ParseCensusYear(request.Query("year"));
               if (!year.ok()) return StatusResponse(year.status());
               auto check = api.performance->CheckCinCensus(caller, *year);
               if (!check.ok()) return StatusResponse(check.status());
               Json failures = Json::array();
               for (const auto& f : check->failures) {
                 failures.push_back({{"child", f.child}, {"rule", f.rule}, {"field", f.field},
                                     {"message", f.message}, {"fix", f.fix}});
               }
               return JsonResponse(200, {{"year", *year},
                                         {"period_start", check->census.period.start.ToString()},
                                         {"reference_date", check->census.period.reference_date.ToString()},
                                         {"children", check->children()},
                                         {"valid", check->failures.empty()},
                                         {"failures", std::move(failures)}});
             }));

  router.Add("GET", "/api/v1/returns/cin-census",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.performance == nullptr) return Unavailable();
               auto year = returns::ParseCensusYear(request.Query("year"));
               if (!year.ok()) return StatusResponse(year.status());
               auto file = api.performance->CinCensusFile(caller, *year);
               if (!file.ok()) return StatusResponse(file.status());
               if (!file->check.failures.empty()) {
                 // Never a silently invalid file: the failures instead, as the check reports them.
                 Json failures = Json::array();
                 for (const auto& f : file->check.failures) {
                   failures.push_back({{"child", f.child}, {"rule", f.rule}, {"field", f.field},
                                       {"message", f.message}, {"fix", f.fix}});
                 }
                 return JsonResponse(409, {{"error", {{"code", "census_rules_failed"},
                                                      {"message", std::to_string(file->check.failures.size()) +
                                                                      " DfE validation failures; correct the records and export again"},
                                                      {"field", "year"}}},
                                           {"failures", std::move(failures)}});
               }
               Response r;
               r.content_type = "application/xml; charset=utf-8";
               r.headers.emplace_back("Content-Disposition",
                                      "attachment; filename=\"CIN_census_" + std::to_string(*year) + ".xml\"");
               r.body = std::move(file->xml);
               return r;
             }));

  router.Add("GET", "/api/v1/returns/annex-a",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.performance == nullptr) return Unavailable();
               // Ofsted asks for the six months before the inspection.
               std::string from = request.Query("from");
               if (from.empty()) {
                 auto to = request.Query("to").empty() ? Result<Date>(api.clock.Today()) : Date::Parse(request.Query("to"));
                 if (!to.ok()) return StatusResponse(InvalidArgument("to: " + to.status().message(), "to"));
                 from = domain::AddMonths(*to, -6).AddDays(1).ToString();
               }
               auto q = returns::ParseIndicatorQuery(from, request.Query("to"), "", "", api.clock.Today());
               if (!q.ok()) return StatusResponse(q.status());
               auto bytes = api.performance->AnnexA(caller, q->from, q->to);
               if (!bytes.ok()) return StatusResponse(bytes.status());
               Response r;
               r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
               r.headers.emplace_back("Content-Disposition", "attachment; filename=\"annex-a.xlsx\"");
               r.body = std::move(*bytes);
               return r;
             }));
}

}  // namespace safehub::http
