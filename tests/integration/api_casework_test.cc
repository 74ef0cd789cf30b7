// The statutory workflow over real HTTP: casework steps, chronologies and performance.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

// Performance over HTTP against the store-backed CaseSource. The store holds no casework
// steps yet (another branch adds them), so the numbers are zero; what is checked here is
// who may see them, the parameters, the formats and the census check's errors.
TEST_F(ApiTest, PerformanceIsForManagersWithinTheirScope) {
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  EXPECT_EQ(worker.Get("/api/v1/indicators").status, 403);
  EXPECT_EQ(worker.Get("/api/v1/indicators/trends").status, 403);

  HttpClient hub(port_);  // a team-scope manager
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  HttpReply own = hub.Get("/api/v1/indicators?from=2024-04-01&to=2024-05-31");
  ASSERT_EQ(own.status, 200) << own.body;
  const Json body = Json::parse(own.body);
  EXPECT_EQ(body["team_id"], area_.mash_team.value);
  EXPECT_EQ(body["indicators"].size(), 15u);
  EXPECT_EQ(body["indicators"][0]["key"], "referrals");
  EXPECT_EQ(hub.Get("/api/v1/indicators?team=" + std::to_string(area_.mash_team.value + 1)).status, 403);
  HttpReply bad = hub.Get("/api/v1/indicators?from=2024-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "from");
  EXPECT_EQ(hub.Get("/api/v1/indicators?children=yes").status, 400);

  HttpReply csv = hub.Get("/api/v1/indicators/trends?format=csv&from=2024-01-01&to=2024-03-31");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["content-type"].rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("indicator,name,month,numerator,denominator,percent\r\n", 0), 0u);
  EXPECT_NE(csv.body.find("referrals,\"Referrals received\",2024-03,0,0,"), std::string::npos);
  EXPECT_EQ(hub.Get("/api/v1/indicators/trends?format=xml").status, 400);

  // The census check is area-wide: a team manager is refused; errors name the year.
  EXPECT_EQ(hub.Post("/api/v1/returns/cin-census/check?year=2025", "{}").status, 403);
  HttpClient director(port_);
  ASSERT_EQ(director.Login("director", kPassword).status, 200);

  // Comparing teams is area-wide too; the comparison covers every team.
  EXPECT_EQ(hub.Get("/api/v1/indicators/teams").status, 403);
  HttpReply bad_team = director.Get("/api/v1/indicators/teams?team=1");
  EXPECT_EQ(bad_team.status, 400);
  EXPECT_EQ(Json::parse(bad_team.body)["error"]["field"], "team");
  HttpReply teams = director.Get("/api/v1/indicators/teams?from=2023-06-01&to=2024-06-01");
  ASSERT_EQ(teams.status, 200) << teams.body;
  const Json team_list = Json::parse(teams.body)["teams"];
  ASSERT_FALSE(team_list.empty()) << teams.body;
  EXPECT_FALSE(team_list[0]["team_name"].get<std::string>().empty());
  EXPECT_EQ(team_list[0]["indicators"].size(), 15u);
  // The drill-down gives each child's record id and whether the caller can open it now.
  HttpReply listed = director.Get("/api/v1/indicators?from=2023-06-01&to=2024-06-01&children=true");
  ASSERT_EQ(listed.status, 200) << listed.body;
  int rows = 0;
  const Json listed_body = Json::parse(listed.body);
  for (const auto& indicator : listed_body["indicators"]) {
    for (const auto& row : indicator["children"]) {
      ++rows;
      ASSERT_TRUE(row["child_id"].is_number_integer()) << row.dump();
      EXPECT_EQ(std::to_string(row["child_id"].get<std::int64_t>()), row["child"].get<std::string>());
      ASSERT_TRUE(row["can_open"].is_boolean()) << row.dump();
      const bool opens = director.Get("/api/v1/children/" + row["child"].get<std::string>(),
                                      {{"X-Access-Reason", "checking the drill-down"}}).status == 200;
      EXPECT_EQ(row["can_open"].get<bool>(), opens) << row.dump();
    }
  }
  EXPECT_GT(rows, 0);
  HttpReply uncovered = director.Post("/api/v1/returns/cin-census/check?year=2019", "{}");
  EXPECT_EQ(uncovered.status, 400);
  EXPECT_NE(uncovered.body.find("2024, 2025, 2026"), std::string::npos);
  EXPECT_EQ(director.Post("/api/v1/returns/cin-census/check?year=20x5", "{}").status, 400);
  // The area's casework (the fixture's children in need) passes the DfE rules: the file is
  // written. A child whose ethnicity is then lost fails them: the report names the child,
  // rule, field and fix, and the download is refused (409) rather than an invalid file.
  HttpReply check = director.Post("/api/v1/returns/cin-census/check?year=2025", "{}");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_GT(Json::parse(check.body)["children"].get<int>(), 0);
  EXPECT_TRUE(Json::parse(check.body)["failures"].empty()) << check.body;
  HttpReply census = director.Get("/api/v1/returns/cin-census?year=2025");
  ASSERT_EQ(census.status, 200) << census.body.substr(0, 500);
  EXPECT_NE(census.body.find("<Message"), std::string::npos);
  PersonId broken;
  ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
    // A child in the 2025 census: a referral received in the year (a child with only a
    // contact, say one of the demo's open front-door cases, is not in the census).
    ASSIGN_OR_RETURN(auto children, tx.ChildrenWithCasework());
    for (PersonId id : children) {
      ASSIGN_OR_RETURN(auto candidate, tx.GetPerson(id));
      if (candidate.kind != domain::PersonKind::kChild) continue;
      ASSIGN_OR_RETURN(auto rows, tx.CaseworkStepsOf(id));
      for (const auto& row : rows) {
        if (row.step == "receive referral" && row.recorded_at >= 1711929600) broken = id;  // 2024-04-01
      }
      if (broken.valid()) break;
    }
    if (!broken.valid()) return NotFound("no referral in the census year");
    ASSIGN_OR_RETURN(auto person, tx.GetPerson(broken));
    person.ethnicity.clear();
    return tx.UpdatePerson(person);
  }).ok());
  HttpReply failing = director.Post("/api/v1/returns/cin-census/check?year=2025", "{}");
  ASSERT_EQ(failing.status, 200) << failing.body;
  const Json failures = Json::parse(failing.body)["failures"];
  bool named = false;
  for (const auto& f : failures) {
    named |= f["rule"] == "ethnicity" && f["field"] == "Ethnicity" && !f["fix"].get<std::string>().empty();
  }
  EXPECT_TRUE(named) << failing.body;
  EXPECT_EQ(director.Get("/api/v1/returns/cin-census?year=2025").status, 409);
  EXPECT_EQ(hub.Get("/api/v1/returns/annex-a").status, 403);
  HttpReply annex = director.Get("/api/v1/returns/annex-a?from=2024-01-01&to=2024-05-31");
  ASSERT_EQ(annex.status, 200) << annex.body;
  EXPECT_EQ(annex.body.substr(0, 2), "PK");
  EXPECT_NE(annex.headers["content-disposition"].find("annex-a.xlsx"), std::string::npos);
  EXPECT_EQ(director.Get("/api/v1/returns/annex-a?from=2024-06-01&to=2024-01-01").status, 400);
}

// A new child recorded by the logged-in worker (so the worker's team works with them).
std::int64_t NewChild(HttpClient& client, const char* first_name) {
  HttpReply created = client.Post("/api/v1/children", std::string(R"({"first_name":")") + first_name +
                                                          R"(","surname":"Casework","sex":"F","date_of_birth":"2019-04-02","service":"children's social care"})");
  EXPECT_EQ(created.status, 201) << created.body;
  return Json::parse(created.body).value("id", std::int64_t{0});
}

std::vector<store::StoredStep> StoredSteps(store::Store& store, PersonId child) {
  std::vector<store::StoredStep> out;
  (void)store.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.CaseworkStepsOf(child));
    return Status::Ok();
  });
  return out;
}

TEST_F(ApiTest, CaseworkStrategyDiscussionSetsTheIcpcDueDateAndEveryReadIsAudited) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::int64_t id = NewChild(client, "Casey");
  const std::string steps = "/api/v1/children/" + std::to_string(id) + "/casework/steps";
  ASSERT_EQ(client.Post(steps, R"({"step":"receive referral","received_on":"2024-05-01","source":"5A"})").status, 201);
  ASSERT_EQ(client.Post(steps, R"({"step":"decide on referral","decided_on":"2024-05-02","decision":"strategy discussion"})").status, 201);
  HttpReply strategy = client.Post(steps, R"({"step":"hold strategy discussion","held_on":"2024-05-03","decision":"s47"})");
  ASSERT_EQ(strategy.status, 201) << strategy.body;
  Json made = Json::parse(strategy.body);
  EXPECT_EQ(made["record"], "strategy discussion 1");
  EXPECT_EQ(made["sequence"], 3);
  Json icpc;
  Json open_timescales = made["open_timescales"];
  for (const auto& t : open_timescales) {
    if (t["kind"] == "icpc") icpc = t;
  }
  // 15 working days counting the strategy discussion as day 1; Monday 6 May 2024 is a bank holiday.
  ASSERT_FALSE(icpc.is_null()) << strategy.body;
  EXPECT_EQ(icpc["due"], "2024-05-24");
  EXPECT_EQ(icpc["started_by"], "strategy discussion 1");
  EXPECT_EQ(icpc["status"], "overdue");  // today is 2024-06-01

  HttpReply read = client.Get("/api/v1/children/" + std::to_string(id) + "/casework");
  ASSERT_EQ(read.status, 200) << read.body;
  Json c = Json::parse(read.body);
  EXPECT_EQ(c["records"]["strategy_discussions"].size(), 1u);
  EXPECT_EQ(c["steps"].size(), 3u);
  EXPECT_EQ(c["steps"][2]["step"]["step"], "hold strategy discussion");
  EXPECT_EQ(c["next_due"]["kind"], "icpc");
  EXPECT_EQ(c["next_due"]["due"], "2024-05-24");
  // Counted by the server on the bank-holiday calendar: 28-31 May (27 May was a bank holiday).
  EXPECT_EQ(c["next_due"]["working_days_overdue"], 4);

  HttpReply work = client.Get("/api/v1/my-work?due_within=5");
  ASSERT_EQ(work.status, 200) << work.body;
  Json overdue = Json::parse(work.body)["overdue"];
  bool listed = false;
  for (const auto& item : overdue) {
    if (item["child"] != id || item["kind"] != "icpc") continue;
    listed = true;
    EXPECT_EQ(item["working_days_overdue"], 4);
    EXPECT_EQ(item["working_days_left"], 0);
  }
  EXPECT_TRUE(listed) << work.body;
  EXPECT_EQ(client.Get("/api/v1/my-work?due_within=soon").status, 400);

  std::set<std::string> actions;
  for (const auto& e : AuditOf(PersonId(id))) {
    if (e.outcome == domain::AuditOutcome::kAllowed) actions.insert(e.action);
  }
  EXPECT_TRUE(actions.count("record_casework_step"));
  EXPECT_TRUE(actions.count("read_casework"));
  EXPECT_TRUE(actions.count("read_work_list"));
  EXPECT_EQ(StoredSteps(*store_, PersonId(id)).size(), 3u);
}

TEST_F(ApiTest, RefusedCaseworkStepIs422NamingEveryFieldAndWritesNothing) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::int64_t id = NewChild(client, "Remy");
  const std::string steps = "/api/v1/children/" + std::to_string(id) + "/casework/steps";
  const std::int64_t audit_before = AuditCount();
  // Out of order: a conference with no referral, strategy discussion or enquiry.
  HttpReply order = client.Post(steps, R"({"step":"hold initial conference","held_on":"2024-05-20","decision":"plan"})");
  EXPECT_EQ(order.status, 422) << order.body;
  Json violations = Json::parse(order.body)["error"]["violations"];
  ASSERT_FALSE(violations.empty());
  for (const auto& v : violations) EXPECT_FALSE(v["field"].get<std::string>().empty()) << order.body;
  // Bad input: a date in the future, an unknown code, a word that is not a decision, an unknown field.
  HttpReply bad = client.Post(steps, R"({"step":"receive referral","received_on":"2024-07-01","source":"99"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  Json bad_violations = Json::parse(bad.body)["error"]["violations"];
  for (const auto& v : bad_violations) fields.insert(v["field"].get<std::string>());
  EXPECT_TRUE(fields.count("received_on")) << bad.body;
  EXPECT_TRUE(fields.count("source")) << bad.body;
  HttpReply word = client.Post(steps, R"({"step":"decide on referral","decided_on":"2024-05-02","decision":"maybe","colour":1})");
  EXPECT_EQ(word.status, 422);
  EXPECT_NE(word.body.find("\"decision\""), std::string::npos);
  EXPECT_NE(word.body.find("\"colour\""), std::string::npos);
  EXPECT_EQ(client.Post(steps, "not json").status, 400);
  EXPECT_TRUE(StoredSteps(*store_, PersonId(id)).empty());
  EXPECT_EQ(AuditCount(), audit_before);
}

// A CIN plan passes to a colleague: the step names them, their involvement follows, the
// chronology says so, and the involvement cannot be reallocated around the casework.
TEST_F(ApiTest, AChildInNeedPlanNamesItsKeyWorkerOverHttp) {
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const std::int64_t id = NewChild(worker, "Noa");
  const std::string base = "/api/v1/children/" + std::to_string(id);
  ASSERT_EQ(worker.Post(base + "/casework/steps", R"({"step":"receive referral","received_on":"2024-05-01","source":"5A"})").status, 201);
  HttpReply police = worker.Post(base + "/casework/steps", R"({"step":"start cin plan","start":"2024-05-02","key_worker":)" +
                                                               area_.police_officer.ToString() + "}");
  EXPECT_EQ(police.status, 422) << police.body;
  EXPECT_EQ(Json::parse(police.body)["error"]["violations"][0]["field"], "key_worker") << police.body;
  HttpReply started = worker.Post(base + "/casework/steps", R"({"step":"start cin plan","start":"2024-05-02","key_worker":)" +
                                                                area_.assessment_social_worker.ToString() + "}");
  ASSERT_EQ(started.status, 201) << started.body;
  HttpReply read = worker.Get(base + "/casework");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Json::parse(read.body)["records"]["child_in_need_plans"][0]["key_worker"], area_.assessment_social_worker.value)
      << read.body;
  int key_worker_involvements = 0;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(PersonId(id)));
    for (const auto& i : all) {
      key_worker_involvements += i.practitioner == area_.assessment_social_worker && i.role == "key worker" &&
                                 i.service == "child in need plan";
    }
    return Status::Ok();
  });
  EXPECT_EQ(key_worker_involvements, 1);
}

TEST_F(ApiTest, ChangingTheKeyWorkerOfAPlanOverHttp) {
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const std::int64_t id = NewChild(worker, "Kei");
  const std::string base = "/api/v1/children/" + std::to_string(id);
  PractitionerId colleague;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto team, tx.ListPractitioners(area_.assessment_team));
    for (const auto& p : team) {
      if (p.id != area_.assessment_social_worker && !colleague.valid()) colleague = p.id;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(colleague.valid());
  AddUser("team_manager", domain::Role::kManager, domain::Scope::kTeam, colleague);
  const std::string change = R"({"step":"change key worker","changed_on":"2024-05-10","key_worker":)" +
                             colleague.ToString() + "}";
  HttpReply no_plan = worker.Post(base + "/casework/steps", change);
  EXPECT_EQ(no_plan.status, 422) << no_plan.body;
  EXPECT_EQ(Json::parse(no_plan.body)["error"]["violations"][0]["field"], "plan") << no_plan.body;
  ASSERT_EQ(worker.Post(base + "/casework/steps", R"({"step":"receive referral","received_on":"2024-05-01","source":"5A"})").status, 201);
  ASSERT_EQ(worker.Post(base + "/casework/steps", R"({"step":"start cin plan","start":"2024-05-02"})").status, 201);
  HttpReply police = worker.Post(base + "/casework/steps", R"({"step":"change key worker","changed_on":"2024-05-10","key_worker":)" +
                                                               area_.police_officer.ToString() + "}");
  EXPECT_EQ(police.status, 422) << police.body;
  EXPECT_EQ(Json::parse(police.body)["error"]["violations"][0]["field"], "key_worker") << police.body;
  HttpReply changed = worker.Post(base + "/casework/steps", change);
  ASSERT_EQ(changed.status, 201) << changed.body;
  EXPECT_EQ(Json::parse(changed.body)["record"], "cin plan 1") << changed.body;

  HttpReply read = worker.Get(base + "/casework");
  ASSERT_EQ(read.status, 200) << read.body;
  const Json records = Json::parse(read.body)["records"];
  EXPECT_EQ(records["child_in_need_plans"][0]["key_worker"], colleague.value) << read.body;
  ASSERT_EQ(records["key_worker_changes"].size(), 1u) << read.body;
  EXPECT_EQ(records["key_worker_changes"][0]["changed_on"], "2024-05-10");
  HttpReply chronology = worker.Get(base + "/chronology");
  ASSERT_EQ(chronology.status, 200);
  EXPECT_NE(chronology.body.find("key worker changed"), std::string::npos) << chronology.body;

  domain::Involvement key_worker;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(PersonId(id)));
    for (const auto& i : all) {
      if (i.practitioner == colleague) key_worker = i;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(key_worker.id.valid());
  EXPECT_EQ(key_worker.role, "key worker");
  EXPECT_EQ(key_worker.service, "child in need plan");
  EXPECT_EQ(key_worker.started_on.ToString(), "2024-05-10");
  HttpClient manager(port_);
  ASSERT_EQ(manager.Login("team_manager", kPassword).status, 200);
  HttpReply around = manager.Post(base + "/involvements/" + key_worker.id.ToString() + "/reallocation",
                                  R"({"practitioner_id":)" + area_.assessment_social_worker.ToString() + R"(,"on":")" +
                                      clock_.Today().ToString() + R"("})");
  EXPECT_EQ(around.status, 409) << around.body;
  EXPECT_EQ(Json::parse(around.body)["error"]["field"], "involvement_id") << around.body;
  EXPECT_NE(around.body.find("change key worker"), std::string::npos) << around.body;
}

TEST_F(ApiTest, CaseworkOutsideScopeIsRefusedLikeOtherChildRoutesAndAudited) {
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const std::int64_t id = NewChild(worker, "Noor");
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  const std::string base = "/api/v1/children/" + std::to_string(id);
  EXPECT_EQ(officer.Get(base).status, 403);  // the existing rule, for comparison
  EXPECT_EQ(officer.Get(base + "/casework").status, 403);
  EXPECT_EQ(officer.Post(base + "/casework/steps", R"({"step":"receive referral","received_on":"2024-05-01","source":"5A"})").status, 403);
  EXPECT_EQ(worker.Get("/api/v1/children/99999999/casework").status, 404);
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  EXPECT_EQ(admin.Get(base + "/casework").status, 403);
  EXPECT_EQ(admin.Get("/api/v1/my-work").status, 403);
  int denied = 0;
  for (const auto& e : AuditOf(PersonId(id))) {
    if (e.outcome == domain::AuditOutcome::kDenied && (e.action == "read_casework" || e.action == "record_casework_step")) ++denied;
  }
  EXPECT_EQ(denied, 3);
  EXPECT_TRUE(StoredSteps(*store_, PersonId(id)).empty());
}

TEST_F(ApiTest, ChronologyOfAChildInJsonCsvAndPrintableHtmlAudited) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::int64_t id = NewChild(client, "Chrono");
  const std::string base = "/api/v1/children/" + std::to_string(id);
  ASSERT_EQ(client.Post(base + "/events", R"({"kind":"home_visit","occurred_on":"2024-04-29",
      "summary":"Visited; <b>\"unsafe\"</b>, home cold","significance":"medium"})").status, 201);
  ASSERT_EQ(client.Post(base + "/casework/steps", R"({"step":"receive referral","received_on":"2024-05-01","source":"5A"})").status, 201);
  HttpReply json = client.Get(base + "/chronology");
  ASSERT_EQ(json.status, 200) << json.body;
  Json entries = Json::parse(json.body)["entries"];
  ASSERT_EQ(entries.size(), 2u) << json.body;
  EXPECT_EQ(entries[0]["kind"], "home_visit");
  EXPECT_EQ(entries[1]["kind"], "referral");
  EXPECT_EQ(entries[1]["source"], "casework");
  HttpReply high = client.Get(base + "/chronology?significance=high");
  ASSERT_EQ(high.status, 200);
  EXPECT_TRUE(Json::parse(high.body)["entries"].empty());
  HttpReply csv = client.Get(base + "/chronology?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("date,person,person_name,agency,kind,summary,significance,source,reference\r\n", 0), 0u);
  EXPECT_NE(csv.body.find("\"Visited; <b>\"\"unsafe\"\"</b>, home cold\""), std::string::npos) << csv.body;
  HttpReply html = client.Get(base + "/chronology?format=html");
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(html.body.find("<b>"), std::string::npos);
  EXPECT_NE(html.body.find("Visited; &lt;b&gt;&quot;unsafe&quot;&lt;/b&gt;, home cold"), std::string::npos);
  EXPECT_EQ(client.Get(base + "/chronology?format=pdf").status, 400);
  EXPECT_EQ(client.Get(base + "/chronology?agency=x&significance=urgent").status, 400);
  int reads = 0;
  for (const auto& e : AuditOf(PersonId(id))) reads += e.action == "read_chronology";
  EXPECT_EQ(reads, 4);
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  EXPECT_EQ(officer.Get(base + "/chronology").status, 403);
}

TEST_F(ApiTest, HouseholdChronologyShowsTheMembersTheCallerMayOpen) {
  const PersonId child = ChildInScope();
  ASSERT_TRUE(child.valid());
  HouseholdId household;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto memberships, tx.MembershipsOf(child));
    if (!memberships.empty()) household = memberships.front().household;
    return Status::Ok();
  });
  ASSERT_TRUE(household.valid());
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  HttpReply reply = client.Get("/api/v1/households/" + household.ToString() + "/chronology");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Json body = Json::parse(reply.body);
  bool included = false;
  Json people = body["people"];
  for (const auto& p : people) included |= p == child.value;
  EXPECT_TRUE(included);
  EXPECT_GE(body["withheld"].get<int>(), 1);  // the adults: no one opens them through a child
  bool audited = false;
  for (const auto& e : AuditOf(child)) audited |= e.action == "read_household_chronology";
  EXPECT_TRUE(audited);
  EXPECT_EQ(client.Get("/api/v1/households/99999999/chronology").status, 404);
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  EXPECT_EQ(admin.Get("/api/v1/households/" + household.ToString() + "/chronology").status, 403);
}

}  // namespace
}  // namespace safehub::api_test
