// Who works with a child over real HTTP: involvements ended by the practitioner named on them
// or a manager of their team, and reallocated by a manager within the agency, every change
// and every refusal audited, the history kept on the record.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

class InvolvementApiTest : public ApiTest {
 protected:
  // An active involvement of the worker's with a child, and a colleague in the same team.
  void SetUp() override {
    ApiTest::SetUp();
    child_ = ChildInScope();
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto mine, tx.InvolvementsOfPractitioner(area_.assessment_social_worker));
      for (const auto& i : mine) {
        if (i.child == child_ && i.IsActiveOn(clock_.Today())) involvement_ = i;
      }
      ASSIGN_OR_RETURN(auto team, tx.ListPractitioners(area_.assessment_team));
      for (const auto& p : team) {
        if (p.id != area_.assessment_social_worker && !colleague_.valid()) colleague_ = p.id;
        else if (p.id != area_.assessment_social_worker && !manager_.valid()) manager_ = p.id;
      }
      return Status::Ok();
    });
    ASSERT_TRUE(involvement_.id.valid());
    ASSERT_TRUE(colleague_.valid());
    ASSERT_TRUE(manager_.valid()) << "the assessment team needs three practitioners";
    AddUser("team_manager", domain::Role::kManager, domain::Scope::kTeam, manager_);
  }

  std::string Path(InvolvementId id, const char* action) const {
    return "/api/v1/children/" + child_.ToString() + "/involvements/" + id.ToString() + "/" + action;
  }
  std::string Reallocation(PractitionerId to, Date on) const {
    return R"({"practitioner_id":)" + to.ToString() + R"(,"on":")" + on.ToString() + R"("})";
  }

  PersonId child_;
  domain::Involvement involvement_;
  PractitionerId colleague_;
  PractitionerId manager_;
};

TEST_F(InvolvementApiTest, AManagerReallocatesACaseWithinTheAgencyAndTheHistoryStays) {
  const Date today = clock_.Today();
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  HttpReply not_a_manager = worker.Post(Path(involvement_.id, "reallocation"), Reallocation(colleague_, today));
  EXPECT_EQ(not_a_manager.status, 403) << not_a_manager.body;
  HttpClient hub(port_);  // a manager of another team
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  EXPECT_EQ(hub.Post(Path(involvement_.id, "reallocation"), Reallocation(colleague_, today)).status, 403);
  HttpClient director(port_);  // a manager of all teams: access rests on a wide scope, so a reason
  ASSERT_EQ(director.Login("director", kPassword).status, 200);
  HttpReply no_reason = director.Post(Path(involvement_.id, "reallocation"), Reallocation(colleague_, today));
  EXPECT_EQ(no_reason.status, 403) << no_reason.body;
  EXPECT_EQ(Json::parse(no_reason.body)["error"]["field"], "reason") << no_reason.body;
  EXPECT_EQ(AuditedAs("reallocate_involvement").denied, 3) << "every refusal is audited";

  HttpClient manager(port_);
  ASSERT_EQ(manager.Login("team_manager", kPassword).status, 200);
  HttpReply other_agency = manager.Post(Path(involvement_.id, "reallocation"), Reallocation(area_.police_officer, today));
  EXPECT_EQ(other_agency.status, 400) << other_agency.body;
  EXPECT_EQ(Json::parse(other_agency.body)["error"]["field"], "practitioner_id") << other_agency.body;
  HttpReply ahead = manager.Post(Path(involvement_.id, "reallocation"), Reallocation(colleague_, today.AddDays(1)));
  EXPECT_EQ(ahead.status, 400) << ahead.body;
  EXPECT_EQ(Json::parse(ahead.body)["error"]["field"], "on") << ahead.body;
  EXPECT_EQ(manager.Post(Path(involvement_.id, "reallocation"), Reallocation(area_.assessment_social_worker, today)).status, 400)
      << "already the worker's";
  EXPECT_EQ(manager.Post(Path(InvolvementId(999999), "reallocation"), Reallocation(colleague_, today)).status, 404);
  EXPECT_EQ(AuditedAs("reallocate_involvement").allowed, 0) << "refused changes change nothing";

  HttpReply moved = manager.Post(Path(involvement_.id, "reallocation"), Reallocation(colleague_, today));
  ASSERT_EQ(moved.status, 201) << moved.body;
  const std::int64_t created = Json::parse(moved.body)["id"];
  EXPECT_EQ(manager.Post(Path(involvement_.id, "reallocation"), Reallocation(colleague_, today)).status, 409)
      << "an ended involvement is not reallocated again";

  const Json record = Json::parse(manager.Get("/api/v1/children/" + child_.ToString()).body);
  bool old_ended = false, new_started = false;
  for (const auto& i : record["involvements"]) {
    if (i["id"] == involvement_.id.value) old_ended = i["ended_on"] == today.ToString();
    if (i["id"] == created) {
      new_started = i["practitioner_id"] == colleague_.value && i["started_on"] == today.ToString() &&
                    i["ended_on"].is_null() && i["service"] == involvement_.service;
    }
  }
  EXPECT_TRUE(old_ended) << record["involvements"].dump();
  EXPECT_TRUE(new_started) << record["involvements"].dump();
  const AuditSeen seen = AuditedAs("reallocate_involvement");
  ASSERT_EQ(seen.allowed, 1);
  EXPECT_NE(seen.details[0].find("reallocated on " + today.ToString() + " to practitioner " + colleague_.ToString()),
            std::string::npos)
      << seen.details[0];
}

TEST_F(InvolvementApiTest, ThePractitionerNamedOnAnInvolvementEndsIt) {
  const Date today = clock_.Today();
  HttpClient officer(port_);  // not named on it, not a manager
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  const std::string end = Path(involvement_.id, "end");
  const std::string body = R"({"ended_on":")" + today.ToString() + R"("})";
  EXPECT_EQ(officer.Post(end, body).status, 403);
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  HttpReply before_start = worker.Post(end, R"({"ended_on":")" + involvement_.started_on.AddDays(-1).ToString() + R"("})");
  EXPECT_EQ(before_start.status, 400) << before_start.body;
  EXPECT_EQ(Json::parse(before_start.body)["error"]["field"], "ended_on") << before_start.body;
  HttpReply bad_date = worker.Post(end, R"({"ended_on":"yesterday"})");
  EXPECT_EQ(bad_date.status, 400) << bad_date.body;
  EXPECT_EQ(Json::parse(bad_date.body)["error"]["field"], "ended_on") << bad_date.body;
  HttpReply ended = worker.Post(end, body);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(worker.Post(end, body).status, 409);
  const AuditSeen seen = AuditedAs("end_involvement");
  EXPECT_EQ(seen.allowed, 1);
  EXPECT_EQ(seen.denied, 1);
  ASSERT_EQ(seen.details.size(), 1u);
  EXPECT_NE(seen.details[0].find("ended on " + today.ToString()), std::string::npos) << seen.details[0];
}

TEST_F(InvolvementApiTest, AManagerHandsAWholeCaseloadToAColleague) {
  const std::string caseload = "/api/v1/practitioners/" + area_.assessment_social_worker.ToString() + "/caseload";
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  EXPECT_EQ(officer.Get(caseload).status, 403);
  EXPECT_EQ(officer.Post(caseload + "/reallocation", Reallocation(colleague_, clock_.Today())).status, 403);
  EXPECT_EQ(AuditedAs("reallocate_caseload").denied, 1) << "the refusal is audited";
  HttpClient manager(port_);
  ASSERT_EQ(manager.Login("team_manager", kPassword).status, 200);
  HttpReply before = manager.Get(caseload);
  ASSERT_EQ(before.status, 200) << before.body;
  const int open = Json::parse(before.body)["involvements"];
  ASSERT_GT(open, 0) << before.body;
  EXPECT_EQ(before.body.find("\"child"), before.body.find("\"children\"")) << "counts only: no child named";
  HttpReply other_agency = manager.Post(caseload + "/reallocation", Reallocation(area_.police_officer, clock_.Today()));
  EXPECT_EQ(other_agency.status, 400) << other_agency.body;
  EXPECT_EQ(Json::parse(other_agency.body)["error"]["field"], "practitioner_id");
  HttpReply unknown_field = manager.Post(caseload + "/reallocation", R"({"practitioner_id":1,"on":"2024-01-01","all":true})");
  EXPECT_EQ(unknown_field.status, 400) << unknown_field.body;
  EXPECT_EQ(Json::parse(before.body)["involvements"], Json::parse(manager.Get(caseload).body)["involvements"])
      << "refusals of the whole move nothing";

  HttpReply moved = manager.Post(caseload + "/reallocation", Reallocation(colleague_, clock_.Today()));
  ASSERT_EQ(moved.status, 200) << moved.body;
  const Json result = Json::parse(moved.body);
  EXPECT_GT(result["moved"].get<int>(), 0) << moved.body;
  EXPECT_EQ(result["refused"], 0) << moved.body;
  EXPECT_EQ(Json::parse(manager.Get(caseload).body)["involvements"], 0);
  const AuditSeen seen = AuditedAs("reallocate_caseload");
  EXPECT_EQ(seen.allowed, 1);
  ASSERT_EQ(seen.details.size(), 1u);
  EXPECT_NE(seen.details[0].find(" moved, 0 refused"), std::string::npos) << seen.details[0];
}

}  // namespace
}  // namespace safehub::api_test
