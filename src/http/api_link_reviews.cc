// The child index's clerical review over HTTP: the open queue of possible matches, a
// reviewer's decision (match merges, not_match keeps apart) and the undoing of a merge.
// Who may review, and the auditing, are app::LinkReviews' (app/link_review.h).
#include <cstdlib>

#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {
namespace {

// The reason a user gives for opening a record: header (API clients) or query (links), as
// for the record itself.
Response Unavailable() { return ErrorResponse(503, "unavailable", "the clerical review queue is not enabled", ""); }

Json PersonJson(const app::ReviewedPerson& p) {
  const domain::Person& person = p.person;
  return {{"id", person.id.value},
          {"first_name", person.first_name},
          {"middle_names", person.middle_names},
          {"surname", person.surname},
          {"date_of_birth", person.date_of_birth ? Json(person.date_of_birth->ToString()) : Json(nullptr)},
          {"sex", domain::ToCode(person.sex)},
          {"nhs_number", person.nhs_number},
          {"upn", person.upn},
          {"shielded", p.shielded},
          {"events", p.events}};
}

Json MergeJson(const store::PersonMerge& m) {
  return {{"id", m.id.value},
          {"merged_person_id", m.merged.value},
          {"surviving_person_id", m.surviving.value},
          {"merged_at", FormatTimestamp(m.merged_at)},
          {"undone_at", m.undone_at > 0 ? Json(FormatTimestamp(m.undone_at)) : Json(nullptr)}};
}

// A merge as the child's record shows it: who the records came from, when, by whom, why.
Json MergeViewJson(const app::MergeView& v) {
  auto person = [](const domain::Person& p) -> Json {
    return {{"id", p.id.value},
            {"first_name", p.first_name},
            {"surname", p.surname},
            {"date_of_birth", p.date_of_birth ? Json(p.date_of_birth->ToString()) : Json(nullptr)}};
  };
  const store::PersonMerge& m = v.merge;
  return {{"id", m.id.value},
          {"merged", person(v.merged)},
          {"surviving", person(v.surviving)},
          {"link_review_id", m.review.valid() ? Json(m.review.value) : Json(nullptr)},
          {"merged_at", FormatTimestamp(m.merged_at)},
          {"merged_by", v.merged_by_name},
          {"reason", m.reason},
          {"undone_at", m.undone_at > 0 ? Json(FormatTimestamp(m.undone_at)) : Json(nullptr)},
          {"undone_by", m.undone_at > 0 ? Json(v.undone_by_name) : Json(nullptr)},
          {"undo_reason", m.undone_at > 0 ? Json(m.undo_reason) : Json(nullptr)}};
}

// A paging parameter: absent gives `fallback`; anything but a whole number is a 400 naming it.
Result<int> PageParam(const Request& request, const char* name, int fallback) {
  const std::string text = request.Query(name);
  if (text.empty()) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == nullptr || *end != '\0' || text.size() > 9) {
    return InvalidArgument(std::string(name) + " must be a whole number", name);
  }
  return static_cast<int>(value);
}

}  // namespace

void RegisterLinkReviewRoutes(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/link-reviews", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.link_reviews == nullptr) return Unavailable();
    auto limit = PageParam(request, "limit", 20);
    if (!limit.ok()) return StatusResponse(limit.status());
    auto offset = PageParam(request, "offset", 0);
    if (!offset.ok()) return StatusResponse(offset.status());
    auto page = api.link_reviews->ListOpen(caller, *limit, *offset);
    if (!page.ok()) return StatusResponse(page.status());
    Json list = Json::array();
    for (const auto& item : page->items) {
      const store::LinkReview& r = item.review;
      // Stored by the app as a JSON array; an unreadable one shows as no evidence.
      Json evidence = Json::parse(r.evidence_json, nullptr, /*allow_exceptions=*/false);
      if (!evidence.is_array()) evidence = Json::array();
      list.push_back({{"id", r.id.value},
                      {"probability", r.probability},
                      {"created_at", FormatTimestamp(r.created_at)},
                      {"agency_id", r.agency.valid() ? Json(r.agency.value) : Json(nullptr)},
                      {"source_reference", r.source_reference},
                      {"evidence", std::move(evidence)},
                      {"arriving", PersonJson(item.arriving)},
                      {"existing", PersonJson(item.existing)}});
    }
    return JsonResponse(200, {{"reviews", std::move(list)}, {"total_open", page->total_open}, {"limit", *limit}, {"offset", *offset}});
  }));

  router.Add("POST", "/api/v1/link-reviews/{review_id}/decision",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.link_reviews == nullptr) return Unavailable();
               auto id = ParseId(request, "review_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "decision");
               const std::string decision = r.String("decision", true, 20);
               const std::string reason = r.String("reason", true, app::LinkReviews::kMaxReason);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               auto status = store::ParseLinkReviewStatus(decision);
               if (!status.ok() || *status == store::LinkReviewStatus::kOpen) {
                 return StatusResponse(InvalidArgument("decision must be match or not_match", "decision"));
               }
               auto outcome = api.link_reviews->Decide(caller, store::LinkReviewId(*id), *status, reason);
               if (!outcome.ok()) return StatusResponse(outcome.status());
               return JsonResponse(200, {{"id", *id},
                                         {"status", store::ToString(outcome->review.status)},
                                         {"merge", outcome->merge ? MergeJson(*outcome->merge) : Json(nullptr)}});
             }));

  // The merges on a child's record: read like the record (access rule, reason, audit).
  router.Add("GET", "/api/v1/children/{child_id}/merges",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.link_reviews == nullptr) return Unavailable();
               auto id = ParseId(request, "child_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto merges = api.link_reviews->MergesOfChild(caller, PersonId(*id), StatedReason(request));
               if (!merges.ok()) return StatusResponse(merges.status());
               Json standing = Json::array();
               for (const auto& v : merges->standing) standing.push_back(MergeViewJson(v));
               Json undone = Json::array();
               for (const auto& v : merges->undone) undone.push_back(MergeViewJson(v));
               return JsonResponse(200, {{"merged_into", merges->merged_into.valid() ? Json(merges->merged_into.value)
                                                                                     : Json(nullptr)},
                                         {"standing", standing},
                                         {"undone", undone},
                                         {"can_undo", merges->can_undo}});
             }));

  router.Add("POST", "/api/v1/people/{person_id}/unmerge",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.link_reviews == nullptr) return Unavailable();
               auto id = ParseId(request, "person_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "unmerge");
               const std::string reason = r.String("reason", true, app::LinkReviews::kMaxReason);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               auto merge = api.link_reviews->Unmerge(caller, PersonId(*id), reason);
               if (!merge.ok()) return StatusResponse(merge.status());
               return JsonResponse(200, MergeJson(*merge));
             }));
}

}  // namespace safehub::http
