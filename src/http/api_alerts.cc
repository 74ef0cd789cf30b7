// Cumulative concern alerts (issue 7): the caller's alerts (routed or escalated to them),
// acknowledging one with the action taken, and a child's alerts (access-checked and
// audited like the child's events).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

Json AlertJson(const domain::ConcernAlert& a) {
  Json evidence = Json::array();
  for (const auto& e : a.evidence) {
    evidence.push_back({{"event_id", e.event.value},
                        {"child_id", e.child.value},
                        {"agency_id", e.agency.value},
                        {"agency_kind", e.agency_kind},
                        {"kind", e.kind},
                        {"occurred_on", e.occurred_on.ToString()}});
  }
  Json children = Json::array();
  for (PersonId child : a.Children()) children.push_back(child.value);
  return {{"id", a.id.value},
          {"rule_id", a.rule_id},
          {"rule_title", a.rule_title},
          {"scope", a.child.valid() ? "child" : "household"},
          {"child_id", a.child.valid() ? Json(a.child.value) : Json(nullptr)},
          {"household_id", a.household.valid() ? Json(a.household.value) : Json(nullptr)},
          {"children", std::move(children)},
          {"severity", a.severity},
          {"explanation", a.explanation},
          {"suggested_action", a.suggested_action},
          {"evidence", std::move(evidence)},
          {"first_on", a.first_on.ToString()},
          {"last_on", a.last_on.ToString()},
          {"routed_to", a.lead_practitioner.valid() ? "lead_practitioner" : "mash"},
          {"lead_practitioner_id", a.lead_practitioner.valid() ? Json(a.lead_practitioner.value) : Json(nullptr)},
          {"raised_at", FormatTimestamp(a.raised_at)},
          {"updated_at", FormatTimestamp(a.updated_at)},
          {"team_manager_from", FormatTimestamp(a.team_manager_from)},
          {"head_of_service_from", FormatTimestamp(a.head_of_service_from)},
          {"status", domain::ToString(a.status)},
          {"acknowledged_action", a.acknowledged_action},
          {"acknowledged_by", a.acknowledged_by_name},
          {"acknowledged_at", a.acknowledged_at > 0 ? Json(FormatTimestamp(a.acknowledged_at)) : Json(nullptr)}};
}

Response Unavailable() { return ErrorResponse(503, "unavailable", "concern detection is not enabled", ""); }

}  // namespace

void RegisterAlertRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/alerts", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    if (api.alerts == nullptr) return Unavailable();
    auto alerts = api.alerts->AlertsFor(caller);
    if (!alerts.ok()) return StatusResponse(alerts.status());
    Json list = Json::array();
    // Grouped per child and household: one line per subject however many rules it meets;
    // a group's severity is its highest, +1 when two or more rules are met (at most 5).
    std::map<std::string, std::pair<std::vector<std::int64_t>, std::set<std::string>>> groups;
    std::map<std::string, int> group_severity;
    std::vector<std::string> order;
    for (const auto& view : *alerts) {
      Json a = AlertJson(view.alert);
      a["held_at"] = domain::ToString(view.level);
      a["escalated"] = view.escalated;
      list.push_back(a);
      const std::string& key = view.alert.subject_key;
      if (!groups.count(key)) order.push_back(key);
      groups[key].first.push_back(view.alert.id.value);
      groups[key].second.insert(view.alert.rule_id);
      group_severity[key] = std::max(group_severity[key], view.alert.severity);
    }
    Json grouped = Json::array();
    for (const std::string& key : order) {
      const auto& [ids, rule_ids] = groups[key];
      const int severity = std::min(5, group_severity[key] + (rule_ids.size() >= 2 ? 1 : 0));
      grouped.push_back({{"subject", key}, {"alert_ids", ids}, {"rules", rule_ids}, {"severity", severity}});
    }
    return JsonResponse(200, {{"alerts", std::move(list)}, {"groups", std::move(grouped)}});
  }));

  router.Add("POST", "/api/v1/alerts/{alert_id}/acknowledge",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.alerts == nullptr) return Unavailable();
               auto id = ParseId(request, "alert_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "acknowledgement");
               const std::string action = r.String("action", true, domain::kMaxAcknowledgedActionLength);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               auto alert = api.alerts->Acknowledge(caller, domain::AlertId(*id), action);
               if (!alert.ok()) return StatusResponse(alert.status());
               return JsonResponse(200, AlertJson(*alert));
             }));

  router.Add("GET", "/api/v1/children/{child_id}/alerts",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto alerts = api.records.ListAlerts(caller, PersonId(*child), StatedReason(request));
               if (!alerts.ok()) return StatusResponse(alerts.status());
               Json list = Json::array();
               for (const auto& a : *alerts) list.push_back(AlertJson(a));
               return JsonResponse(200, {{"alerts", std::move(list)}});
             }));
}

}  // namespace safehub::http
