// The MASH front door: contacts, agency checks and their release, RAG ratings with clocks.
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

Json CheckJson(const domain::AgencyCheck& c) {
  return {{"id", c.id.value},
          {"contact_id", c.contact.value},
          {"agency_id", c.agency.value},
          {"status", domain::ToString(c.status)},
          {"findings", c.findings},
          {"answered_at", c.answered_at > 0 ? Json(FormatTimestamp(c.answered_at)) : Json(nullptr)},
          {"released_at", c.released_at > 0 ? Json(FormatTimestamp(c.released_at)) : Json(nullptr)}};
}

Json ContactJson(const domain::MashContact& c) {
  return {{"id", c.id.value},
          {"child_id", c.child.value},
          {"source", c.source},
          {"summary", c.summary},
          {"received_at", FormatTimestamp(c.received_at)},
          {"rating", c.rating ? Json(domain::ToString(*c.rating)) : Json(nullptr)},
          {"due_at", c.due_at > 0 ? Json(FormatTimestamp(c.due_at)) : Json(nullptr)},
          {"status", domain::ToString(c.status)},
          {"decision", c.decision}};
}

Response Unavailable() { return ErrorResponse(503, "unavailable", "the MASH front door is not enabled", ""); }

// Reads {"<field>": "<text>"} with nothing else in it.
Result<std::string> OneText(const Request& request, const char* record, const char* field, size_t max) {
  auto body = BodyObject(request);
  if (!body.ok()) return body.status();
  JsonReader r(*body, record);
  std::string value = r.String(field, true, max);
  RETURN_IF_ERROR(r.Finish());
  return value;
}

}  // namespace

void RegisterMashRoutes(Router& router, ApiContext& api) {
  router.Add("POST", "/api/v1/mash/contacts", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.mash == nullptr) return Unavailable();
    auto body = BodyObject(request);
    if (!body.ok()) return StatusResponse(body.status());
    JsonReader r(*body, "contact");
    domain::MashContact c;
    c.child = PersonId(r.Integer("child_id", true).value_or(0));
    c.source = r.String("source", true, 200);
    c.summary = r.String("summary", true, 4000);
    if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
    auto id = api.mash->RecordContact(caller, c);
    if (!id.ok()) return StatusResponse(id.status());
    return JsonResponse(201, {{"id", id->value}});
  }));

  router.Add("GET", "/api/v1/mash/contacts", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    if (api.mash == nullptr) return Unavailable();
    auto queue = api.mash->Queue(caller);
    if (!queue.ok()) return StatusResponse(queue.status());
    Json list = Json::array();
    for (const auto& item : *queue) {
      Json contact = ContactJson(item.contact);
      Json checks = Json::array();
      for (const auto& c : item.checks) checks.push_back(CheckJson(c));
      contact["checks"] = checks;
      contact["child_name"] = item.child_name;
      contact["child_date_of_birth"] = item.child_date_of_birth ? Json(item.child_date_of_birth->ToString()) : Json(nullptr);
      contact["escalated"] = item.escalated;
      contact["seconds_left"] = item.seconds_left;
      list.push_back(contact);
    }
    return JsonResponse(200, {{"contacts", std::move(list)}});
  }));

  router.Add("POST", "/api/v1/mash/contacts/{contact_id}/checks",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.mash == nullptr) return Unavailable();
               auto id = ParseId(request, "contact_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto it = body->find("agency_ids");
               if (it == body->end() || !it->is_array() || body->size() != 1) {
                 return StatusResponse(InvalidArgument("send {\"agency_ids\": [1, 2]}", "agency_ids"));
               }
               std::vector<AgencyId> agencies;
               for (const auto& a : *it) {
                 if (!a.is_number_integer()) return StatusResponse(InvalidArgument("must be integers", "agency_ids"));
                 agencies.emplace_back(a.get<std::int64_t>());
               }
               auto ids = api.mash->RequestChecks(caller, domain::MashContactId(*id), agencies);
               if (!ids.ok()) return StatusResponse(ids.status());
               Json list = Json::array();
               for (const auto& c : *ids) list.push_back(c.value);
               return JsonResponse(201, {{"check_ids", std::move(list)}});
             }));

  router.Add("POST", "/api/v1/mash/contacts/{contact_id}/rating",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.mash == nullptr) return Unavailable();
               auto id = ParseId(request, "contact_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto text = OneText(request, "rating", "rating", 10);
               if (!text.ok()) return StatusResponse(text.status());
               auto rating = domain::ParseRagRating(*text);
               if (!rating.ok()) return StatusResponse(rating.status());
               auto rated = api.mash->Rate(caller, domain::MashContactId(*id), *rating);
               if (!rated.ok()) return StatusResponse(rated.status());
               return JsonResponse(200, ContactJson(*rated));
             }));

  router.Add("POST", "/api/v1/mash/contacts/{contact_id}/decision",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.mash == nullptr) return Unavailable();
               auto id = ParseId(request, "contact_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto text = OneText(request, "decision", "decision", 2000);
               if (!text.ok()) return StatusResponse(text.status());
               Status s = api.mash->Decide(caller, domain::MashContactId(*id), *text);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"id", *id}, {"status", "decided"}});
             }));

  router.Add("GET", "/api/v1/mash/checks", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    if (api.mash == nullptr) return Unavailable();
    auto checks = api.mash->ChecksForMyAgency(caller);
    if (!checks.ok()) return StatusResponse(checks.status());
    Json list = Json::array();
    for (const auto& c : *checks) {
      Json j = CheckJson(c.check);
      j["child_name"] = c.child_name;
      j["child_date_of_birth"] = c.child_date_of_birth ? Json(c.child_date_of_birth->ToString()) : Json(nullptr);
      list.push_back(std::move(j));
    }
    return JsonResponse(200, {{"checks", std::move(list)}});
  }));

  router.Add("POST", "/api/v1/mash/checks/{check_id}/answer",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.mash == nullptr) return Unavailable();
               auto id = ParseId(request, "check_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto text = OneText(request, "answer", "findings", 4000);
               if (!text.ok()) return StatusResponse(text.status());
               Status s = api.mash->AnswerCheck(caller, domain::AgencyCheckId(*id), *text);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"id", *id}, {"status", "answered"}});
             }));

  // The hub's area-wide search to start a contact: hub staff only, a stated reason, name and
  // date of birth back (app/mash_search.cc).
  router.Add("GET", "/api/v1/mash/children", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    if (api.mash == nullptr) return Unavailable();
    store::PersonQuery q;
    q.name_contains = request.Query("name").substr(0, 100);
    q.nhs_number = request.Query("nhs_number").substr(0, 20);
    q.upn = request.Query("upn").substr(0, 20);
    if (const std::string dob = request.Query("date_of_birth"); !dob.empty()) {
      auto d = Date::Parse(dob);
      if (!d.ok()) return StatusResponse(InvalidArgument(d.status().message(), "date_of_birth"));
      q.date_of_birth = *d;
    }
    auto found = api.mash->SearchArea(caller, q, StatedReason(request));
    if (!found.ok()) return StatusResponse(found.status());
    Json list = Json::array();
    for (const auto& hit : found->children) {
      list.push_back({{"id", hit.child.value},
                      {"name", hit.name},
                      {"date_of_birth", hit.date_of_birth ? Json(hit.date_of_birth->ToString()) : Json(nullptr)}});
    }
    return JsonResponse(200, {{"children", std::move(list)}, {"more", found->more}});
  }));

  // Released answers on the child's record: read like the record itself (scope, reason,
  // shielding, audited). Answers still inside the hub are never in this list.
  router.Add("GET", "/api/v1/children/{child_id}/mash-checks",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.mash == nullptr) return Unavailable();
               auto child = ParseId(request, "child_id");
               if (!child.ok()) return StatusResponse(child.status());
               auto released = api.mash->ReleasedChecksOf(caller, PersonId(*child), StatedReason(request));
               if (!released.ok()) return StatusResponse(released.status());
               Json list = Json::array();
               for (const auto& r : *released) {
                 list.push_back({{"id", r.check.id.value},
                                 {"contact_id", r.check.contact.value},
                                 {"agency_id", r.check.agency.value},
                                 {"agency_name", r.agency_name},
                                 {"contact_received_at", FormatTimestamp(r.contact_received_at)},
                                 {"answered_at", FormatTimestamp(r.check.answered_at)},
                                 {"released_at", FormatTimestamp(r.check.released_at)},
                                 {"released_by", r.released_by_name},
                                 {"findings", r.check.findings}});
               }
               return JsonResponse(200, {{"mash_checks", std::move(list)}});
             }));

  router.Add("POST", "/api/v1/mash/checks/{check_id}/release",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               if (api.mash == nullptr) return Unavailable();
               auto id = ParseId(request, "check_id");
               if (!id.ok()) return StatusResponse(id.status());
               Status s = api.mash->ReleaseCheck(caller, domain::AgencyCheckId(*id));
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"id", *id}, {"status", "released"}});
             }));
}

}  // namespace safehub::http
