// Multi-agency information sharing over real HTTP: shielding, sharing decisions, feeds,
// signposting, the MASH front door and concern alerts.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

TEST_F(ApiTest, ShieldedChildsHiddenFieldsLeakThroughNoEndpoint) {
  const PersonId child = ChildInScope();
  std::string nhs_number, postcode;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(child));
    nhs_number = p.nhs_number;
    ASSIGN_OR_RETURN(auto homes, tx.MembershipsOf(child));
    ASSIGN_OR_RETURN(auto home, tx.GetHousehold(homes.at(0).household));
    postcode = home.postcode;
    return Status::Ok();
  });
  ASSERT_FALSE(nhs_number.empty()) << "the synthetic child has no NHS number; pick another seed";
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const std::string base = "/api/v1/children/" + child.ToString();
  ASSERT_EQ(worker.Post(base + "/shielding", R"({"shielding":"refuge"})").status, 200);
  // The worker's own team still sees everything.
  EXPECT_NE(worker.Get(base).body.find(nhs_number), std::string::npos);

  HttpClient lead(port_);
  ASSERT_EQ(lead.Login("lead", kPassword).status, 200);
  const std::map<std::string, std::string> reason{{"X-Access-Reason", "checking a referral"}};
  HttpReply search = lead.Get("/api/v1/children?nhs_number=" + nhs_number);
  EXPECT_EQ(Json::parse(search.body)["children"].size(), 0u);
  HttpReply record = lead.Get(base, reason);
  ASSERT_EQ(record.status, 200);
  EXPECT_TRUE(Json::parse(record.body)["shielded_view"].get<bool>());
  HttpReply events = lead.Get(base + "/events", reason);
  EXPECT_EQ(events.status, 403);
  EXPECT_EQ(Json::parse(events.body)["error"]["field"], "shielding");
  for (const HttpReply* reply : {&search, &record, &events}) {
    EXPECT_EQ(reply->body.find(nhs_number), std::string::npos) << reply->body;
    EXPECT_EQ(reply->body.find(postcode), std::string::npos) << reply->body;
  }

  // An override shows everything for that view and opens a misuse review.
  HttpReply overridden = lead.Get(base + "?override_shielding=true", reason);
  ASSERT_EQ(overridden.status, 200);
  EXPECT_TRUE(Json::parse(overridden.body)["shield_overridden"].get<bool>());
  EXPECT_NE(overridden.body.find(nhs_number), std::string::npos);
  HttpClient auditor(port_);
  ASSERT_EQ(auditor.Login("auditor", kPassword).status, 200);
  const Json queue = Json::parse(auditor.Get("/api/v1/misuse-reviews").body);
  ASSERT_EQ(queue["misuse_reviews"].size(), 1u);
  EXPECT_EQ(queue["misuse_reviews"][0]["username"], "lead");
  const std::string review = "/api/v1/misuse-reviews/" + std::to_string(queue["misuse_reviews"][0]["id"].get<int>());
  EXPECT_EQ(auditor.Post(review, R"({"finding":"justified","note":"s47 enquiry confirmed"})").status, 200);
  EXPECT_EQ(auditor.Post(review, R"({"finding":"misuse","note":"again"})").status, 409);
  EXPECT_EQ(Json::parse(auditor.Get("/api/v1/misuse-reviews").body)["misuse_reviews"].size(), 0u);
}

TEST_F(ApiTest, SharingDecisionsNeedABasisAndShowOnTheRecord) {
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  PersonId child = FirstChildOf(area_.police_officer, true);
  ASSERT_TRUE(child.valid());
  const std::string target = "/api/v1/children/" + child.ToString() + "/sharing-decisions";
  const std::string to = std::to_string(area_.social_care.value);
  HttpReply refused = officer.Post(target, R"({"to_agency_id":)" + to + R"(,"information":"incident log",
      "purpose":"referral","basis":"consent_refused","outcome":"shared","parents_informed":"informed"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Json::parse(refused.body)["error"]["field"], "outcome");
  HttpReply no_basis = officer.Post(target, R"({"to_agency_id":)" + to + R"(,"information":"incident log",
      "purpose":"referral","outcome":"shared","parents_informed":"informed"})");
  EXPECT_EQ(no_basis.status, 400);
  EXPECT_EQ(Json::parse(no_basis.body)["error"]["field"], "basis");
  HttpReply shared = officer.Post(target, R"({"to_agency_id":)" + to + R"(,"information":"incident log",
      "purpose":"strategy discussion","basis":"significant_harm","outcome":"shared",
      "parents_informed":"not_informed_increased_risk","parents_informed_note":"father is the suspect"})");
  EXPECT_EQ(shared.status, 201) << shared.body;
  const Json list = Json::parse(officer.Get(target).body);
  ASSERT_EQ(list["sharing_decisions"].size(), 1u);
  EXPECT_EQ(list["sharing_decisions"][0]["basis"], "significant_harm");
}

TEST_F(ApiTest, FeedsAcceptJsonAndCsvRowsIdempotentlyWithPerRowErrors) {
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  const std::string json = R"({"rows":[
      {"source_reference":"MERLIN-77","first_name":"Kai","surname":"Feedchild","date_of_birth":"2016-01-02",
       "kind":"police_incident","occurred_on":"2024-05-01","risk":"high","notification":"formal_referral",
       "domestic_abuse":"yes"},
      {"source_reference":"MERLIN-78","surname":"Nobody","kind":"police_incident","occurred_on":"2024-05-01",
       "risk":"low","notification":"information_only"}]})";
  HttpReply first = officer.Post("/api/v1/feeds/events", json);
  ASSERT_EQ(first.status, 200) << first.body;
  const Json report = Json::parse(first.body);
  EXPECT_EQ(report["accepted"], 1);
  EXPECT_EQ(report["rejected"], 1);
  EXPECT_EQ(report["rejections"][0]["line"], 2);
  const Json again = Json::parse(officer.Post("/api/v1/feeds/events", json).body);
  EXPECT_EQ(again["accepted"], 0);
  EXPECT_EQ(again["already_recorded"], 1);
  const std::string csv = "source_reference,first_name,surname,date_of_birth,kind,occurred_on,setting\n"
                          "AE-1,Kai,Feedchild,2016-01-02,unscheduled_care_attendance,2024-05-03,emergency_department\n";
  HttpReply csv_reply = officer.Send("POST", "/api/v1/feeds/events", csv,
                                     {{"Content-Type", "text/csv"}, {"X-CSRF-Token", CsrfOf(officer)}});
  ASSERT_EQ(csv_reply.status, 200) << csv_reply.body;
  EXPECT_EQ(Json::parse(csv_reply.body)["linked_to_known_child"], 1);
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  EXPECT_EQ(admin.Post("/api/v1/feeds/events", json).status, 403);
}

TEST_F(ApiTest, SignpostingGivesTheMinimalAnswerAndTellsTheKeyWorker) {
  const PersonId child = ChildInScope();
  const std::string nhs_number = NhsNumberOf(child);
  ASSERT_FALSE(nhs_number.empty());
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  HttpReply plan = worker.Post("/api/v1/children/" + child.ToString() + "/plan-periods",
                               R"({"type":"child_protection_plan","start":"2024-02-01","responsible_team_id":)" +
                                   area_.assessment_team.ToString() + R"(,"key_worker_id":)" +
                                   area_.assessment_social_worker.ToString() + "}");
  ASSERT_EQ(plan.status, 201) << plan.body;
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  EXPECT_EQ(officer.Get("/api/v1/signposting?nhs_number=" + nhs_number).status, 400);  // no reason
  HttpReply answer = officer.Get("/api/v1/signposting?nhs_number=" + nhs_number,
                                 {{"X-Access-Reason", "child found wandering at 2am"}});
  ASSERT_EQ(answer.status, 200) << answer.body;
  const Json body = Json::parse(answer.body);
  ASSERT_EQ(body["children"].size(), 1u);
  EXPECT_EQ(body["children"][0]["plan_type"], "child_protection_plan");
  EXPECT_FALSE(body["children"][0]["out_of_hours_phone"].get<std::string>().empty());
  EXPECT_EQ(answer.body.find("summary"), std::string::npos);  // nothing of the case
  const Json notices = Json::parse(worker.Get("/api/v1/notifications").body);
  ASSERT_EQ(notices["notifications"].size(), 1u);
  EXPECT_EQ(notices["notifications"][0]["username"], "officer");
  const Json accesses = Json::parse(worker.Get("/api/v1/children/" + child.ToString() + "/signposting-accesses").body);
  EXPECT_EQ(accesses["accesses"].size(), 1u);
  EXPECT_EQ(officer.Get("/api/v1/children/" + child.ToString() + "/signposting-accesses").status, 403);
}

TEST_F(ApiTest, MashFrontDoorOverHttp) {
  HttpClient hub(port_);
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  const PersonId child = ChildInScope();
  HttpReply created = hub.Post("/api/v1/mash/contacts", R"({"child_id":)" + child.ToString() +
                                                            R"(,"source":"school DSL","summary":"unexplained bruising"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string contact = "/api/v1/mash/contacts/" + std::to_string(Json::parse(created.body)["id"].get<int>());
  std::int64_t police = 0;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto officer, tx.GetPractitioner(area_.police_officer));
    ASSIGN_OR_RETURN(auto team, tx.GetTeam(officer.team));
    police = team.agency.value;
    return Status::Ok();
  });
  HttpReply asked = hub.Post(contact + "/checks", R"({"agency_ids":[)" + std::to_string(police) + "]}");
  ASSERT_EQ(asked.status, 201) << asked.body;
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  const Json checks = Json::parse(officer.Get("/api/v1/mash/checks").body);
  ASSERT_GE(checks["checks"].size(), 1u);
  const std::string check = "/api/v1/mash/checks/" + std::to_string(checks["checks"].back()["id"].get<int>());
  EXPECT_EQ(officer.Post(check + "/answer", R"({"findings":"one incident in 2023"})").status, 200);
  EXPECT_EQ(hub.Post(check + "/release", "{}").status, 403);
  EXPECT_EQ(officer.Post(check + "/release", "{}").status, 200);
  HttpReply rated = hub.Post(contact + "/rating", R"({"rating":"amber"})");
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_FALSE(Json::parse(rated.body)["due_at"].is_null());
  const Json queue = Json::parse(hub.Get("/api/v1/mash/contacts").body);
  ASSERT_GE(queue["contacts"].size(), 1u);
  EXPECT_EQ(officer.Get("/api/v1/mash/contacts").status, 403);
  EXPECT_EQ(hub.Post(contact + "/decision", R"({"decision":"referral to children's social care"})").status, 200);
}

// Issue 6: hub staff search the whole area to start a contact: a reason, name and date of
// birth only, audited; nobody else may, and the refusals are audited too.
TEST_F(ApiTest, HubSearchesTheWholeAreaWithAReasonForMinimalFields) {
  HttpClient hub(port_);
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  // A child the hub has no involvement with: its ordinary search does not show it.
  const PersonId child = FirstChildOf(area_.mash_manager, false);
  ASSERT_TRUE(child.valid());
  std::string search = "/api/v1/mash/children?name=";
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(child));
    for (char ch : p.surname) search += ch == ' ' ? std::string("%20") : ch == '\'' ? std::string("%27") : std::string(1, ch);
    if (p.date_of_birth) search += "&date_of_birth=" + p.date_of_birth->ToString();
    return Status::Ok();
  });
  HttpReply no_reason = hub.Get(search);
  EXPECT_EQ(no_reason.status, 403);
  EXPECT_EQ(Json::parse(no_reason.body)["error"]["field"], "reason");
  HttpReply found = hub.Get(search, {{"X-Access-Reason", "school DSL phoned about a child"}});
  ASSERT_EQ(found.status, 200) << found.body;
  const Json children = Json::parse(found.body)["children"];
  bool listed = false;
  for (const auto& c : children) {
    listed |= c["id"] == child.value;
    std::set<std::string> keys;
    for (const auto& [k, v] : c.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "name", "date_of_birth"})) << c.dump();
  }
  EXPECT_TRUE(listed) << found.body;
  bool audited = false;
  for (const auto& e : AuditOf(child)) {
    audited |= e.action == "mash_area_search" && e.username == "hub" && e.reason == "school DSL phoned about a child";
  }
  EXPECT_TRUE(audited);
  // The hub can start a contact about the child, but opening the record still needs a relationship.
  EXPECT_EQ(hub.Post("/api/v1/mash/contacts", R"({"child_id":)" + child.ToString() +
                                                  R"(,"source":"school DSL","summary":"found by area search"})")
                .status, 201);
  EXPECT_EQ(hub.Get("/api/v1/children/" + child.ToString(), {{"X-Access-Reason", "x"}}).status, 403);
}

// Issue 6: an agency's answer reaches the child's record only once that agency releases it;
// until then no endpoint that returns the child's data carries it.
TEST_F(ApiTest, ReleasedMashAnswersReachTheChildRecordAndUnreleasedNeverLeaveTheHub) {
  HttpClient hub(port_);
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const PersonId child = ChildInScopeNotTheOfficers();
  ASSERT_TRUE(child.valid());
  const std::string c = "/api/v1/children/" + child.ToString();
  std::int64_t police = 0;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto o, tx.GetPractitioner(area_.police_officer));
    ASSIGN_OR_RETURN(auto team, tx.GetTeam(o.team));
    police = team.agency.value;
    return Status::Ok();
  });
  // Two contacts about the child, the police asked on each; one answer released, one not.
  auto contact_with_answer = [&](const std::string& findings) {
    HttpReply created = hub.Post("/api/v1/mash/contacts", R"({"child_id":)" + child.ToString() +
                                                              R"(,"source":"school DSL","summary":"bruising"})");
    const std::string contact = "/api/v1/mash/contacts/" + std::to_string(Json::parse(created.body)["id"].get<int>());
    EXPECT_EQ(hub.Post(contact + "/checks", R"({"agency_ids":[)" + std::to_string(police) + "]}").status, 201);
    const Json checks = Json::parse(officer.Get("/api/v1/mash/checks").body);
    const std::string check = "/api/v1/mash/checks/" + std::to_string(checks["checks"].back()["id"].get<int>());
    EXPECT_EQ(officer.Post(check + "/answer", R"({"findings":")" + findings + R"("})").status, 200);
    return check;
  };
  const std::string released = contact_with_answer("RELEASED-ANSWER two incidents in 2023");
  (void)contact_with_answer("HUB-ONLY-ANSWER an open investigation");
  const std::map<std::string, std::string> reason = {{"X-Access-Reason", "MASH release test"}};

  HttpReply before = worker.Get(c + "/mash-checks", reason);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(Json::parse(before.body)["mash_checks"].empty());
  clock_.Advance(600);
  ASSERT_EQ(officer.Post(released + "/release", "{}").status, 200);

  HttpReply after = worker.Get(c + "/mash-checks", reason);
  ASSERT_EQ(after.status, 200) << after.body;
  const Json list = Json::parse(after.body)["mash_checks"];
  ASSERT_EQ(list.size(), 1u) << after.body;
  EXPECT_EQ(list[0]["findings"], "RELEASED-ANSWER two incidents in 2023");
  EXPECT_EQ(list[0]["released_by"], "officer");
  EXPECT_EQ(list[0]["agency_id"], police);
  EXPECT_FALSE(list[0]["agency_name"].get<std::string>().empty());
  EXPECT_EQ(list[0]["released_at"], FormatTimestamp(clock_.Now()));

  // Every endpoint that returns this child's data, as the worker and as the all-scope lead.
  HttpClient lead(port_);
  ASSERT_EQ(lead.Login("lead", kPassword).status, 200);
  for (HttpClient* reader : {&worker, &lead}) {
    for (const std::string& path : {c, c + "/events", c + "/sharing-decisions", c + "/casework", c + "/alerts",
                                   c + "/chronology", c + "/chronology?format=csv", c + "/chronology?format=html",
                                   c + "/mash-checks", std::string("/api/v1/children?name=a")}) {
      HttpReply r = reader->Get(path, reason);
      EXPECT_LT(r.status, 500) << path;
      EXPECT_EQ(r.body.find("HUB-ONLY-ANSWER"), std::string::npos) << path << " leaks an unreleased answer";
    }
  }
  // Outside the child's scope, or not a role that reads children: refused, no answer.
  for (HttpClient* refused : {&officer}) {
    HttpReply r = refused->Get(c + "/mash-checks", reason);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.body.find("RELEASED-ANSWER"), std::string::npos);
  }
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  EXPECT_EQ(admin.Get(c + "/mash-checks", reason).status, 403);
  // Each read is on the child's access history, allowed or refused.
  int allowed = 0, denied = 0;
  for (const auto& e : AuditOf(child)) {
    if (e.action != "read_mash_checks") continue;
    (e.outcome == domain::AuditOutcome::kAllowed ? allowed : denied) += 1;
  }
  EXPECT_EQ(allowed, 4);  // worker twice before the loop, worker and lead in it
  EXPECT_EQ(denied, 2);   // officer, admin
}

// Two agencies' feeds about one child within a week raise an alert as the rows arrive; the
// MASH holds it (the child has no lead practitioner) and acknowledges it with the action.
TEST_F(ApiTest, ConcernAlertsRaisedFromFeedsAreHeldAcknowledgedAndAudited) {
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const std::string kai = R"("first_name":"Kai","surname":"Alertchild","date_of_birth":"2016-01-02")";
  ASSERT_EQ(officer.Post("/api/v1/feeds/events", R"({"rows":[{"source_reference":"M-1",)" + kai +
                                                     R"(,"kind":"police_incident","occurred_on":"2024-05-20","risk":"low","notification":"information_only"}]})")
                .status, 200);
  HttpReply second = worker.Post("/api/v1/feeds/events", R"({"rows":[{"source_reference":"SC-1",)" + kai +
                                                             R"(,"kind":"missed_health_appointment","occurred_on":"2024-05-23","service":"gp"}]})");
  ASSERT_EQ(second.status, 200) << second.body;
  ASSERT_EQ(Json::parse(second.body)["accepted"], 1) << second.body;

  HttpClient hub(port_);
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  HttpReply mine = hub.Get("/api/v1/alerts");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const Json alerts = Json::parse(mine.body)["alerts"];
  ASSERT_EQ(alerts.size(), 1u) << mine.body;
  const Json groups = Json::parse(mine.body)["groups"];
  ASSERT_EQ(groups.size(), 1u) << mine.body;
  EXPECT_EQ(groups[0]["subject"], "child:" + std::to_string(alerts[0]["child_id"].get<std::int64_t>()));
  EXPECT_EQ(alerts[0]["rule_id"], "concerns_from_two_agencies");
  EXPECT_EQ(alerts[0]["routed_to"], "mash");
  EXPECT_EQ(alerts[0]["held_at"], "worker");
  ASSERT_EQ(alerts[0]["evidence"].size(), 2u);
  EXPECT_EQ(alerts[0]["evidence"][0]["agency_kind"], "police");
  EXPECT_EQ(alerts[0]["evidence"][1]["occurred_on"], "2024-05-23");
  const PersonId child(alerts[0]["child_id"].get<std::int64_t>());
  const std::string acknowledge = "/api/v1/alerts/" + std::to_string(alerts[0]["id"].get<std::int64_t>()) + "/acknowledge";

  EXPECT_EQ(Json::parse(officer.Get("/api/v1/alerts").body)["alerts"].size(), 0u);
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  EXPECT_EQ(admin.Get("/api/v1/alerts").status, 403);
  EXPECT_EQ(officer.Post(acknowledge, R"({"action":"seen"})").status, 403);

  HttpReply missing = hub.Post(acknowledge, "{}");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("action"), std::string::npos) << missing.body;
  HttpReply done = hub.Post(acknowledge, R"({"action":"MASH strategy discussion booked"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json::parse(done.body)["status"], "acknowledged");
  EXPECT_EQ(Json::parse(done.body)["acknowledged_by"], "hub");
  EXPECT_EQ(hub.Post(acknowledge, R"({"action":"again"})").status, 409);
  EXPECT_EQ(Json::parse(hub.Get("/api/v1/alerts").body)["alerts"].size(), 0u);

  // The child's alerts: access-checked (the officer has no involvement) and audited.
  const std::string of_child = "/api/v1/children/" + child.ToString() + "/alerts";
  EXPECT_EQ(officer.Get(of_child).status, 403);
  HttpClient lead(port_);
  ASSERT_EQ(lead.Login("lead", kPassword).status, 200);
  EXPECT_EQ(lead.Get(of_child).status, 403) << "all-scope access needs a stated reason";
  HttpReply read = lead.Send("GET", of_child, "", {{"X-Access-Reason", "strategy discussion"}});
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Json::parse(read.body)["alerts"][0]["acknowledged_action"], "MASH strategy discussion booked");
  int raised = 0, acknowledged = 0, reads = 0;
  for (const auto& e : AuditOf(child)) {
    raised += e.action == "raise_alert";
    acknowledged += e.action == "acknowledge_alert" && e.outcome == domain::AuditOutcome::kAllowed;
    reads += e.action == "read_alerts";
  }
  EXPECT_EQ(raised, 1);
  EXPECT_EQ(acknowledged, 1);
  EXPECT_GE(reads, 3);  // the hub's list, the officer's refusal, the lead's refusal and read
}

}  // namespace
}  // namespace safehub::api_test
