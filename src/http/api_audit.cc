// The audit trail for auditors: pages of entries, entries about one child, and a chain check.
#include "app/audit_trail.h"
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

int LimitFrom(const Request& request) {
  const std::string text = request.Query("limit");
  int limit = 100;
  if (!text.empty()) limit = std::atoi(text.c_str());
  return std::clamp(limit, 1, 1000);
}

}  // namespace

void RegisterAuditRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/audit", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    const std::int64_t after = std::atoll(request.Query("after").c_str());
    auto entries = api.organisations.ReadAudit(caller, std::max<std::int64_t>(0, after), LimitFrom(request));
    if (!entries.ok()) return StatusResponse(entries.status());
    Json list = Json::array();
    for (const auto& e : *entries) list.push_back(ToJson(e));
    return JsonResponse(200, {{"entries", std::move(list)}});
  }));

  router.Add("GET", "/api/v1/children/{child_id}/audit",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto entries = api.organisations.ReadAuditOfChild(caller, PersonId(*child), LimitFrom(request));
               if (!entries.ok()) return StatusResponse(entries.status());
               Json list = Json::array();
               for (const auto& e : *entries) list.push_back(ToJson(e));
               return JsonResponse(200, {{"entries", std::move(list)}});
             }));

  router.Add("GET", "/api/v1/audit/verify", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (!domain::RoleReadsAudit(caller.principal.role)) {
      return StatusResponse(PermissionDenied("your role does not read the audit trail"));
    }
    auto report = api.organisations.VerifyAudit(caller, request.Query("known_head"));
    if (!report.ok()) return StatusResponse(report.status());
    return JsonResponse(200, {{"intact", report->intact},
                              {"entries", report->entries},
                              {"head_hash", report->head_hash},
                              {"first_bad_sequence", report->first_bad_sequence},
                              {"problem", report->problem},
                              {"known_head_sequence", report->known_head_sequence}});
  }));

  router.Add("GET", "/api/v1/misuse-reviews", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    const auto selection = request.Query("all") == "true" ? store::ReviewSelection::kAll : store::ReviewSelection::kOpenOnly;
    auto reviews = api.organisations.ListMisuseReviews(caller, selection);
    if (!reviews.ok()) return StatusResponse(reviews.status());
    Json list = Json::array();
    for (const auto& r : *reviews) list.push_back(ToJson(r));
    return JsonResponse(200, {{"misuse_reviews", std::move(list)}});
  }));

  router.Add("POST", "/api/v1/misuse-reviews/{review_id}",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto id = ParseId(request, "review_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "misuse review");
               auto finding = domain::ParseReviewFinding(r.String("finding", true, 20));
               const std::string note = r.String("note", true, 2000);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               if (!finding.ok()) return StatusResponse(finding.status());
               Status s = api.organisations.ReviewMisuse(caller, domain::MisuseReviewId(*id), *finding, note);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"id", *id}, {"finding", domain::ToString(*finding)}});
             }));
}

}  // namespace safehub::http
