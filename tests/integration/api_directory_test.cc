// The area's directory over real HTTP: agencies, teams and practitioners changed by
// administrators and audited, and what signposting gives out after a change.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

// A team's out-of-hours phone changes: signposting gives the new one from the next lookup,
// and the audit keeps the old one. Only administrators change it; bad input names its field.
TEST_F(ApiTest, AChangedTeamPhoneIsWhatSignpostingGivesOut) {
  const PersonId child = ChildInScope();
  const std::string nhs_number = NhsNumberOf(child);
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  ASSERT_EQ(worker.Post("/api/v1/children/" + child.ToString() + "/plan-periods",
                        R"({"type":"child_protection_plan","start":"2024-02-01","responsible_team_id":)" +
                            area_.assessment_team.ToString() + R"(,"key_worker_id":)" +
                            area_.assessment_social_worker.ToString() + "}")
                .status, 201);
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  const std::string team = "/api/v1/teams/" + area_.assessment_team.ToString();
  const std::map<std::string, std::string> json_csrf = {{"Content-Type", "application/json"},
                                                        {"X-CSRF-Token", CsrfOf(admin)}};
  const std::string change = R"({"name":"Assessment Team","office_phone":"01632 960111","out_of_hours_phone":"01632 960222"})";

  EXPECT_EQ(worker.Send("PUT", team, change, {{"Content-Type", "application/json"}, {"X-CSRF-Token", CsrfOf(worker)}})
                .status, 403);
  HttpReply bad = admin.Send("PUT", team, R"({"name":"Assessment Team","office_phone":"ring the desk"})", json_csrf);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("office_phone"), std::string::npos) << bad.body;
  EXPECT_EQ(admin.Send("PUT", "/api/v1/teams/4242", change, json_csrf).status, 404);
  HttpReply changed = admin.Send("PUT", team, change, json_csrf);
  ASSERT_EQ(changed.status, 200) << changed.body;

  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  HttpReply answer = officer.Get("/api/v1/signposting?nhs_number=" + nhs_number, {{"X-Access-Reason", "missing child"}});
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(Json::parse(answer.body)["children"][0]["out_of_hours_phone"], "01632 960222") << answer.body;
  bool audited = false;
  for (const auto& detail : AuditedAs("update_team").details) {
    audited |= detail.find("now \"Assessment Team\", office 01632 960111") != std::string::npos && detail.find("was ") == 0;
  }
  EXPECT_TRUE(audited) << "the change and the old phones are not in the audit";
}

// An agency is renamed and given a new code; its kind never changes; only administrators.
TEST_F(ApiTest, AnAgencyIsRenamedButKeepsItsKind) {
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  const std::map<std::string, std::string> json_csrf = {{"Content-Type", "application/json"},
                                                        {"X-CSRF-Token", CsrfOf(admin)}};
  const std::string agency = "/api/v1/agencies/" + area_.social_care.ToString();
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  EXPECT_EQ(worker.Send("PUT", agency, R"({"name":"Northshire Children's Services"})",
                        {{"Content-Type", "application/json"}, {"X-CSRF-Token", CsrfOf(worker)}})
                .status, 403);
  HttpReply kind = admin.Send("PUT", agency, R"({"name":"Northshire Police","kind":"police"})", json_csrf);
  EXPECT_EQ(kind.status, 400) << kind.body;
  EXPECT_EQ(Json::parse(kind.body)["error"]["field"], "kind") << kind.body;
  EXPECT_EQ(admin.Send("PUT", "/api/v1/agencies/4242", R"({"name":"Nobody"})", json_csrf).status, 404);
  HttpReply changed = admin.Send("PUT", agency, R"({"name":"Northshire Children's Services","code":"LA 931"})", json_csrf);
  ASSERT_EQ(changed.status, 200) << changed.body;

  bool listed = false;
  const HttpReply agencies = admin.Get("/api/v1/agencies");
  const Json listing = Json::parse(agencies.body);
  for (const auto& a : listing["agencies"]) {
    if (a["id"] == area_.social_care.value) {
      listed = true;
      EXPECT_EQ(a["name"], "Northshire Children's Services");
      EXPECT_EQ(a["code"], "LA 931");
      EXPECT_EQ(a["kind"], "social_care");
    }
  }
  EXPECT_TRUE(listed) << agencies.body;
  const auto audited = AuditedAs("update_agency").details;
  ASSERT_EQ(audited.size(), 1u) << "refused changes are not audited as changes";
  EXPECT_NE(audited[0].find("now \"Northshire Children's Services\", code LA 931"), std::string::npos) << audited[0];
}

// A social worker moves to another team of the council: their access follows the new team
// from their next request (the team's children they worked with only through the team are
// no longer theirs to open), the answer counts the cases still open in their name with the
// old team, and the audit keeps both. A team of another agency is refused by field.
TEST_F(ApiTest, APractitionerMovesTeamAndTheirAccessFollows) {
  // A child the worker may open only because the assessment team works with them.
  PersonId teams_child;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto team, tx.ListPractitioners(area_.assessment_team));
    for (const auto& colleague : team) {
      if (colleague.id == area_.assessment_social_worker) continue;
      ASSIGN_OR_RETURN(auto theirs, tx.InvolvementsOfPractitioner(colleague.id));
      for (const auto& i : theirs) {
        if (!i.IsActiveOn(clock_.Today()) || i.team != area_.assessment_team) continue;
        ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(i.child));
        bool workers = false;
        for (const auto& other : all) workers |= other.practitioner == area_.assessment_social_worker;
        if (!workers) return (teams_child = i.child), Status::Ok();
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(teams_child.valid()) << "the synthetic area has no such child";
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  ASSERT_EQ(worker.Get("/api/v1/children/" + teams_child.ToString()).status, 200);

  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  const std::map<std::string, std::string> json_csrf = {{"Content-Type", "application/json"},
                                                        {"X-CSRF-Token", CsrfOf(admin)}};
  HttpReply created = admin.Post("/api/v1/agencies/" + area_.social_care.ToString() + "/teams",
                                 R"({"name":"Children in Care","office_phone":"01632 960300"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t new_team = Json::parse(created.body)["id"];
  std::int64_t police_team = 0;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto officer, tx.GetPractitioner(area_.police_officer));
    police_team = officer.team.value;
    return Status::Ok();
  });
  const std::string path = "/api/v1/practitioners/" + area_.assessment_social_worker.ToString();
  auto body = [](std::int64_t team, const std::string& email) {
    return R"({"team_id":)" + std::to_string(team) +
           R"(,"name":"Sam Okafor","job_title":"Senior Social Worker","email":")" + email + R"(","phone":"01632 960301"})";
  };

  HttpReply other_agency = admin.Send("PUT", path, body(police_team, "sam.okafor@council.example"), json_csrf);
  EXPECT_EQ(other_agency.status, 400) << other_agency.body;
  EXPECT_EQ(Json::parse(other_agency.body)["error"]["field"], "team_id") << other_agency.body;
  EXPECT_NE(other_agency.body.find("new practitioner"), std::string::npos) << other_agency.body;
  HttpReply no_team = admin.Send("PUT", path, body(4242, "sam.okafor@council.example"), json_csrf);
  EXPECT_EQ(no_team.status, 400) << no_team.body;
  EXPECT_EQ(Json::parse(no_team.body)["error"]["field"], "team_id") << no_team.body;
  HttpReply bad_email = admin.Send("PUT", path, body(new_team, "not an address"), json_csrf);
  EXPECT_EQ(bad_email.status, 400) << bad_email.body;
  EXPECT_NE(bad_email.body.find("email"), std::string::npos) << bad_email.body;
  EXPECT_EQ(admin.Send("PUT", "/api/v1/practitioners/4242", body(new_team, "x@council.example"), json_csrf).status, 404);
  EXPECT_EQ(worker.Send("PUT", path, body(new_team, "sam.okafor@council.example"),
                        {{"Content-Type", "application/json"}, {"X-CSRF-Token", CsrfOf(worker)}})
                .status, 403);
  EXPECT_TRUE(AuditedAs("update_practitioner").details.empty()) << "refusals change nothing";

  HttpReply moved = admin.Send("PUT", path, body(new_team, "sam.okafor@council.example"), json_csrf);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_GT(Json::parse(moved.body)["open_involvements_with_old_team"].get<int>(), 0)
      << "the worker's open cases stay with the assessment team for reallocation: " << moved.body;

  clock_.Advance(3);  // past the session cache's two seconds: the next request reads the user afresh
  EXPECT_EQ(Json::parse(worker.Get("/api/v1/session").body)["user"]["team_id"], new_team);
  EXPECT_EQ(worker.Get("/api/v1/children/" + teams_child.ToString()).status, 403)
      << "the old team's children are no longer the worker's to open";
  const auto listed = Json::parse(admin.Get("/api/v1/teams/" + std::to_string(new_team) + "/practitioners").body);
  ASSERT_EQ(listed["practitioners"].size(), 1u);
  EXPECT_EQ(listed["practitioners"][0]["job_title"], "Senior Social Worker");
  const auto audited = AuditedAs("update_practitioner").details;
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0].find("was team " + area_.assessment_team.ToString()), 0u) << audited[0];
  EXPECT_NE(audited[0].find("now team " + std::to_string(new_team)), std::string::npos) << audited[0];
  EXPECT_NE(audited[0].find("open involvements stay with team"), std::string::npos) << audited[0];
}

}  // namespace
}  // namespace safehub::api_test
