// The API end to end: a real server on port 0, a real SQLite file, real HTTP.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <set>

#include "app/synthetic_area.h"
#include "http/api.h"
#include "http/server.h"
#include "returns/store_case_source.h"
#include "security/crypto.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/integration/http_client.h"

namespace safehub {
namespace {

using Json = nlohmann::json;
using testing::HttpClient;
using testing::HttpReply;

constexpr const char* kPassword = "Integration-Test-1";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(security::Initialise().ok());
    path_ = ::testing::TempDir() + "/api_test_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path_);
    store_ = std::move(store::sqlite::SqliteStore::Open(path_)).value();
    app::AuthSettings settings;
    settings.hash_strength = security::HashStrength::kFastForTestsOnly;
    auth_ = std::make_unique<app::AuthService>(*store_, clock_, settings);
    records_ = std::make_unique<app::ChildRecords>(*store_, clock_);
    organisations_ = std::make_unique<app::Organisations>(*store_, clock_);
    area_ = *app::GenerateSyntheticArea(*store_, {200, 1, 3, clock_.Today()});
    AddUser("worker", domain::Role::kPractitioner, domain::Scope::kTeam, area_.assessment_social_worker);
    AddUser("officer", domain::Role::kPractitioner, domain::Scope::kOwn, area_.police_officer);
    AddUser("admin", domain::Role::kAdministrator, domain::Scope::kAll, PractitionerId());
    AddUser("auditor", domain::Role::kAuditor, domain::Scope::kAll, PractitionerId());
    AddUser("lead", domain::Role::kSafeguardingLead, domain::Scope::kAll, PractitionerId());
    AddUser("hub", domain::Role::kManager, domain::Scope::kTeam, area_.mash_manager);
    feeds_ = std::make_unique<app::FeedIngest>(*store_, clock_, child_index_);
    api_ = std::make_unique<http::ApiContext>(http::ApiContext{*auth_, *records_, *organisations_, clock_, false});
    api_->feeds = feeds_.get();
    signposting_ = std::make_unique<app::Signposting>(*store_, clock_);
    api_->signposting = signposting_.get();
    mash_ = std::make_unique<app::Mash>(*store_, clock_, app::MashSettings{area_.mash_team, {}, domain::WeekdaysOnly});
    api_->mash = mash_.get();
    casework_ = std::make_unique<app::Casework>(*store_, clock_);
    api_->casework = casework_.get();
    alerts_ = std::make_unique<app::ConcernDetection>(*store_, clock_, app::ConcernDetectionSettings{area_.mash_team});
    api_->alerts = alerts_.get();
    feeds_->SetCommitListener([this](const app::CommittedBatch& batch) {
      return alerts_->EvaluateArrived(batch.children, {batch.events, batch.write_sequence}).status();
    });
    cases_ = std::make_unique<returns::StoreCaseSource>(*store_, clock_, app::StoredCaseworkSteps);
    performance_ = std::make_unique<app::Performance>(*store_, clock_, *cases_);
    api_->performance = performance_.get();
    AddUser("director", domain::Role::kManager, domain::Scope::kAll, PractitionerId());
    chronologies_ = std::make_unique<app::Chronologies>(*store_, clock_);
    api_->chronologies = chronologies_.get();
    http::RegisterApi(router_, *api_);
    server_ = std::make_unique<http::Server>(router_, http::ServerOptions{});
    port_ = server_->Start().value();
  }

  void TearDown() override {
    server_->Stop();
    server_.reset();
    store_.reset();
    std::filesystem::remove(path_);
  }

  void AddUser(const char* name, domain::Role role, domain::Scope scope, PractitionerId practitioner) {
    ASSERT_TRUE(auth_->CreateUser(nullptr, {name, name, kPassword, role, scope, practitioner}).ok());
  }

  // A child on the worker's team caseload, and one outside it.
  PersonId ChildInScope() { return FirstChildOf(area_.assessment_social_worker, true); }
  // A child on the worker's caseload whom the police officer (own scope) may not open.
  PersonId ChildInScopeNotTheOfficers() {
    PersonId found;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto caseload, tx.InvolvementsOfPractitioner(area_.assessment_social_worker));
      for (const auto& mine : caseload) {
        if (!mine.IsActiveOn(clock_.Today())) continue;
        ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(mine.child));
        bool officers = false;
        for (const auto& i : all) officers |= i.practitioner == area_.police_officer;
        if (!officers) return (found = mine.child), Status::Ok();
      }
      return Status::Ok();
    });
    return found;
  }
  PersonId ChildOutOfScope() { return FirstChildOf(area_.assessment_social_worker, false); }
  PersonId FirstChildOf(PractitionerId practitioner, bool in_scope) {
    PersonId found;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto mine, tx.InvolvementsOfPractitioner(practitioner));
      ASSIGN_OR_RETURN(auto team, tx.GetPractitioner(practitioner));
      if (in_scope) {
        for (const auto& i : mine) {
          if (i.IsActiveOn(clock_.Today())) return (found = i.child), Status::Ok();
        }
        return Status::Ok();
      }
      store::PersonQuery q;
      q.limit = 1000;
      ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
      for (const auto& p : people) {
        if (p.kind != domain::PersonKind::kChild) continue;
        ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(p.id));
        bool touches_team = false;
        for (const auto& i : involvements) touches_team |= i.team == team.team;
        if (!touches_team) return (found = p.id), Status::Ok();
      }
      return Status::Ok();
    });
    return found;
  }

  std::string NhsNumberOf(PersonId child) {
    std::string nhs_number;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto p, tx.GetPerson(child));
      nhs_number = p.nhs_number;
      return Status::Ok();
    });
    return nhs_number;
  }

  static std::string CsrfOf(HttpClient& client) {
    return Json::parse(client.Get("/api/v1/session").body)["csrf_token"].get<std::string>();
  }

  std::vector<domain::AuditEntry> AuditOf(PersonId child) {
    std::vector<domain::AuditEntry> out;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.AuditOfChild(child, 1000));
      return Status::Ok();
    });
    return out;
  }

  std::int64_t AuditCount() {
    std::int64_t n = 0;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto last, tx.LastAudit());
      n = last ? last->sequence : 0;
      return Status::Ok();
    });
    return n;
  }

  std::string path_;
  FakeClock clock_{1717236000};  // 2024-06-01T10:00:00Z
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<app::AuthService> auth_;
  std::unique_ptr<app::ChildRecords> records_;
  std::unique_ptr<app::Organisations> organisations_;
  app::IdentifierChildIndex child_index_;
  std::unique_ptr<app::FeedIngest> feeds_;
  std::unique_ptr<app::Signposting> signposting_;
  std::unique_ptr<app::Mash> mash_;
  std::unique_ptr<app::Casework> casework_;
  std::unique_ptr<app::ConcernDetection> alerts_;
  std::unique_ptr<returns::StoreCaseSource> cases_;
  std::unique_ptr<app::Performance> performance_;
  std::unique_ptr<app::Chronologies> chronologies_;
  std::unique_ptr<http::ApiContext> api_;
  app::SyntheticArea area_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
};

TEST_F(ApiTest, HealthNeedsNoLoginAndCarriesSecurityHeaders) {
  HttpClient client(port_);
  HttpReply reply = client.Get("/api/v1/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(Json::parse(reply.body)["status"], "ok");
  EXPECT_EQ(reply.headers["cache-control"], "no-store");
  EXPECT_EQ(reply.headers["x-content-type-options"], "nosniff");
}

TEST_F(ApiTest, LoginSetsAnHttpOnlyStrictCookieAndReturnsACsrfToken) {
  HttpClient client(port_);
  HttpReply reply = client.Login("worker", kPassword);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string cookie = reply.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(Json::parse(reply.body)["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(client.Get("/api/v1/session").status, 200);
}

TEST_F(ApiTest, WrongPasswordIs401AndAudited) {
  const auto before = AuditCount();
  HttpClient client(port_);
  HttpReply reply = client.Login("worker", "not-the-password");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "unauthenticated");
  EXPECT_EQ(AuditCount(), before + 1);
}

TEST_F(ApiTest, RequestsWithoutAValidSessionAre401AndAudited) {
  HttpClient client(port_);
  const auto before = AuditCount();
  EXPECT_EQ(client.Get("/api/v1/children/1").status, 401);
  EXPECT_EQ(client.Get("/api/v1/children/1", {{"Cookie", "safehub_session=forged"}}).status, 401);
  EXPECT_EQ(AuditCount(), before + 2);
}

TEST_F(ApiTest, ExpiredSessionIs401) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  clock_.Advance(31 * 60);
  EXPECT_EQ(client.Get("/api/v1/session").status, 401);
}

TEST_F(ApiTest, WritesWithoutTheCsrfTokenAre403AndWriteNothing) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const PersonId child = ChildInScope();
  const std::string event = R"({"kind":"school_exclusion","occurred_on":"2024-05-01","summary":"fixed term"})";
  HttpReply reply = client.Post("/api/v1/children/" + child.ToString() + "/events", event, /*with_csrf=*/false);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "csrf_token_invalid");
  HttpReply list = client.Get("/api/v1/children/" + child.ToString() + "/events");
  const Json events = Json::parse(list.body);
  ASSERT_TRUE(events["events"].is_array());
  for (const auto& e : events["events"]) EXPECT_NE(e["kind"], "school_exclusion");
  EXPECT_EQ(client.Post("/api/v1/children/" + child.ToString() + "/events", event).status, 201);
}

TEST_F(ApiTest, EveryReadOfAChildIsAuditedWithWhoAndWhich) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const PersonId child = ChildInScope();
  ASSERT_TRUE(child.valid());
  const size_t before = AuditOf(child).size();
  HttpReply reply = client.Get("/api/v1/children/" + child.ToString());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(Json::parse(reply.body)["person"]["id"], child.value);
  EXPECT_EQ(client.Get("/api/v1/children/" + child.ToString() + "/events").status, 200);
  auto audit = AuditOf(child);
  ASSERT_EQ(audit.size(), before + 2);
  EXPECT_EQ(audit[1].action, "read_child");
  EXPECT_EQ(audit[0].action, "read_events");
  EXPECT_EQ(audit[0].username, "worker");
  EXPECT_EQ(audit[0].role, "practitioner");
}

TEST_F(ApiTest, ChildOutsideScopeIs403WithNoDataAndAnAuditEntry) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("officer", kPassword).status, 200);
  const PersonId child = ChildOutOfScope();
  ASSERT_TRUE(child.valid());
  HttpReply reply = client.Get("/api/v1/children/" + child.ToString());
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.body.find("surname"), std::string::npos);
  auto audit = AuditOf(child);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0].outcome, domain::AuditOutcome::kDenied);
  EXPECT_EQ(audit[0].username, "officer");
}

TEST_F(ApiTest, MalformedBodiesAre400NamingTheFieldAndWriteNothing) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::string target = "/api/v1/children/" + ChildInScope().ToString() + "/events";
  HttpReply broken = client.Post(target, "{\"kind\": ");
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(Json::parse(broken.body)["error"]["field"], "body");
  HttpReply wrong = client.Post(target, R"({"kind": 5, "occurred_on": "yesterday", "summary": "x", "colour": "red"})");
  EXPECT_EQ(wrong.status, 400);
  std::set<std::string> fields;
  const Json wrong_body = Json::parse(wrong.body);
  for (const auto& v : wrong_body["error"]["violations"]) fields.insert(v["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"kind", "occurred_on", "colour"})) << wrong.body;
  HttpReply bad_id = client.Get("/api/v1/children/abc");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(Json::parse(bad_id.body)["error"]["field"], "child_id");
  HttpReply not_json = client.Send("POST", target, "kind=x", {{"Content-Type", "text/plain"}});
  EXPECT_NE(not_json.status, 201);
}

TEST_F(ApiTest, OversizedBodiesAreRefusedWith413) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::string huge = "{\"summary\": \"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  HttpReply reply = client.Post("/api/v1/children/1/events", huge);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "payload_too_large");
}

TEST_F(ApiTest, AdministratorsManageUsersButCannotReadChildren) {
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  EXPECT_EQ(admin.Get("/api/v1/children/" + ChildInScope().ToString()).status, 403);
  HttpReply created = admin.Post("/api/v1/users", R"({"username":"new.worker","display_name":"New Worker",
      "password":"Another-Password-9","role":"practitioner","scope":"own","practitioner_id":)" +
      area_.assessment_social_worker.ToString() + "}");
  EXPECT_EQ(created.status, 201) << created.body;
  HttpReply users = admin.Get("/api/v1/users");
  EXPECT_EQ(users.body.find("argon2"), std::string::npos);
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  EXPECT_EQ(worker.Get("/api/v1/users").status, 403);
}

// Issue 8: an administrator moves, disables, re-enables and resets a user; each change is
// audited, and the temporary password confines its session until it is replaced.
TEST_F(ApiTest, AdministratorsChangeDisableAndResetUsers) {
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  UserId officer_id, admin_id;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    officer_id = tx.GetUserByUsername("officer")->id;
    admin_id = tx.GetUserByUsername("admin")->id;
    return Status::Ok();
  });
  const std::string u = "/api/v1/users/" + officer_id.ToString();
  const std::map<std::string, std::string> json_csrf = {{"Content-Type", "application/json"},
                                                        {"X-CSRF-Token", CsrfOf(admin)}};
  const std::string move = R"({"role":"manager","scope":"team","practitioner_id":)" +
                           area_.assessment_social_worker.ToString() + "}";

  // Without the CSRF token nothing changes; a non-administrator is refused and audited.
  EXPECT_EQ(admin.Send("PUT", u, move, {{"Content-Type", "application/json"}}).status, 403);
  EXPECT_EQ(officer.Send("PUT", u, move, {{"Content-Type", "application/json"}, {"X-CSRF-Token", CsrfOf(officer)}})
                .status, 403);
  EXPECT_EQ(officer.Post(u + "/disable", "").status, 403);
  EXPECT_EQ(officer.Post(u + "/temporary-password", "").status, 403);
  HttpReply bad = admin.Send("PUT", u, R"({"role":"wizard","scope":"team"})", json_csrf);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "role");

  HttpReply moved = admin.Send("PUT", u, move, json_csrf);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Json::parse(moved.body)["user"]["role"], "manager");
  // The officer's open session carries the new place at once.
  Json me = Json::parse(officer.Get("/api/v1/session").body);
  EXPECT_EQ(me["user"]["role"], "manager");
  EXPECT_EQ(me["user"]["practitioner_id"], area_.assessment_social_worker.value);

  HttpReply self = admin.Post("/api/v1/users/" + admin_id.ToString() + "/disable", "");
  EXPECT_EQ(self.status, 409) << self.body;
  EXPECT_EQ(admin.Post(u + "/disable", "").status, 200);
  EXPECT_EQ(officer.Get("/api/v1/session").status, 401);  // the session ended
  EXPECT_EQ(officer.Login("officer", kPassword).status, 401);
  EXPECT_EQ(admin.Post(u + "/enable", "").status, 200);

  HttpReply reset = admin.Post(u + "/temporary-password", "");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.headers["cache-control"], "no-store");
  const std::string temporary = Json::parse(reset.body)["temporary_password"].get<std::string>();
  // It says until when it works (three days from now by default).
  EXPECT_EQ(Json::parse(reset.body)["expires_at"],
            FormatTimestamp(clock_.Now() + app::AuthSettings{}.temporary_password_seconds));
  HttpReply login = officer.Login("officer", temporary);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(Json::parse(login.body)["must_change_password"].get<bool>());
  HttpReply confined = officer.Get("/api/v1/agencies");
  EXPECT_EQ(confined.status, 403);
  EXPECT_EQ(Json::parse(confined.body)["error"]["code"], "password_change_required");
  EXPECT_EQ(officer.Post("/api/v1/session/password",
                         R"({"current_password":"wrong-one-here","new_password":"Officer-Chosen-42"})").status, 400);
  HttpReply changed = officer.Post("/api/v1/session/password", R"({"current_password":")" + temporary +
                                                                      R"(","new_password":"Officer-Chosen-42"})");
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(officer.Get("/api/v1/agencies").status, 200);

  std::vector<std::string> actions;
  std::string trail;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ScanAudit(0, 100000));
    for (const auto& e : all) {
      trail += e.detail + "\n";
      if (e.resource == u || e.resource.rfind(u + "/", 0) == 0 || e.resource == "/api/v1/session/password") {
        actions.push_back(e.action + ":" + std::string(domain::ToString(e.outcome)) + ":" + e.username);
      }
    }
    return Status::Ok();
  });
  const std::vector<std::string> expected = {
      "create_user:allowed:command-line",  // the fixture's
      "change_user:denied:officer",        "disable_user:denied:officer",
      "issue_temporary_password:denied:officer", "change_user:allowed:admin",
      "disable_user:allowed:admin",        "enable_user:allowed:admin",
      "issue_temporary_password:allowed:admin", "change_password:failed:officer",
      "change_password:allowed:officer"};
  EXPECT_EQ(actions, expected);
  EXPECT_EQ(trail.find(temporary), std::string::npos);
  EXPECT_EQ(trail.find("Officer-Chosen-42"), std::string::npos);
}

TEST_F(ApiTest, AuditorDetectsATamperedAuditTrail) {
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  ASSERT_EQ(worker.Get("/api/v1/children/" + ChildInScope().ToString()).status, 200);
  HttpClient auditor(port_);
  ASSERT_EQ(auditor.Login("auditor", kPassword).status, 200);
  HttpReply clean = auditor.Get("/api/v1/audit/verify");
  ASSERT_EQ(clean.status, 200);
  EXPECT_TRUE(Json::parse(clean.body)["intact"].get<bool>());

  // Someone with the database file drops the guard and rewrites who read the record.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET username = 'someone.else' "
                             "WHERE action = 'read_child'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  HttpReply tampered = auditor.Get("/api/v1/audit/verify");
  ASSERT_EQ(tampered.status, 200);
  Json report = Json::parse(tampered.body);
  EXPECT_FALSE(report["intact"].get<bool>());
  EXPECT_GT(report["first_bad_sequence"].get<std::int64_t>(), 0);
}

// The newest entries removed leave a chain that links; the head hash an auditor kept from an
// earlier check shows it.
TEST_F(ApiTest, AuditorDetectsRemovalOfTheNewestEntriesAgainstAKeptHead) {
  HttpClient auditor(port_);
  ASSERT_EQ(auditor.Login("auditor", kPassword).status, 200);
  HttpReply first = auditor.Get("/api/v1/audit/verify");
  ASSERT_EQ(first.status, 200);
  const std::string kept = Json::parse(first.body)["head_hash"].get<std::string>();
  const std::int64_t kept_at = Json::parse(first.body)["entries"].get<std::int64_t>();

  HttpReply still = auditor.Get("/api/v1/audit/verify?known_head=" + kept);
  ASSERT_EQ(still.status, 200);
  EXPECT_TRUE(Json::parse(still.body)["intact"].get<bool>()) << still.body;
  EXPECT_EQ(Json::parse(still.body)["known_head_sequence"].get<std::int64_t>(), kept_at);

  // Someone with the database file removes the newest entries, back to before the kept head.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const std::string remove = "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE sequence >= " +
                             std::to_string(kept_at);
  ASSERT_EQ(sqlite3_exec(db, remove.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  HttpReply plain = auditor.Get("/api/v1/audit/verify");
  ASSERT_EQ(plain.status, 200);
  EXPECT_TRUE(Json::parse(plain.body)["intact"].get<bool>()) << "without the kept head a removal cannot show";
  HttpReply checked = auditor.Get("/api/v1/audit/verify?known_head=" + kept);
  ASSERT_EQ(checked.status, 200);
  Json report = Json::parse(checked.body);
  EXPECT_FALSE(report["intact"].get<bool>());
  EXPECT_EQ(report["known_head_sequence"].get<std::int64_t>(), 0);
  EXPECT_NE(report["problem"].get<std::string>().find("is not in the trail"), std::string::npos) << checked.body;

  HttpReply malformed = auditor.Get("/api/v1/audit/verify?known_head=abc");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(Json::parse(malformed.body)["error"]["field"], "known_head") << malformed.body;
}

TEST_F(ApiTest, AuditorDetectsADeletedAuditEntry) {
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  ASSERT_EQ(worker.Get("/api/v1/children/" + ChildInScope().ToString()).status, 200);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE sequence = 3",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto report = app::AuditTrail::Verify(*store_);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->intact);
  EXPECT_EQ(report->first_bad_sequence, 4);
  EXPECT_NE(report->problem.find("entry 3 is missing"), std::string::npos);
}

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

// Every role against every kind of record and action, allowed and denied, over HTTP.
TEST_F(ApiTest, AccessMatrixOfRolesRecordsAndActions) {
  // A child on the worker's team caseload with no police involvement.
  PersonId child;
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto caseload, tx.InvolvementsOfPractitioner(area_.assessment_social_worker));
    for (const auto& mine : caseload) {
      ASSIGN_OR_RETURN(auto all, tx.InvolvementsOf(mine.child));
      bool police = false;
      for (const auto& i : all) {
        ASSIGN_OR_RETURN(auto team, tx.GetTeam(i.team));
        ASSIGN_OR_RETURN(auto agency, tx.GetAgency(team.agency));
        police |= agency.kind == domain::AgencyKind::kPolice;
      }
      if (!police && mine.IsActiveOn(clock_.Today())) return (child = mine.child), Status::Ok();
    }
    return Status::Ok();
  });
  ASSERT_TRUE(child.valid());
  const std::string c = "/api/v1/children/" + child.ToString();
  const std::string event = R"({"kind":"school_exclusion","occurred_on":"2024-05-01","summary":"suspension"})";
  const std::string feed = R"({"rows":[{"source_reference":"MX-1","nhs_number":"9434765919","first_name":"M",
      "surname":"Matrix","date_of_birth":"2016-01-01","kind":"gp_registration","occurred_on":"2024-05-01"}]})";
  const std::string agency = R"({"name":"Matrix Voluntary Group","kind":"voluntary"})";
  struct Row {
    const char* what;
    std::string method, path, body;
    int worker, officer, lead, admin, auditor, anonymous;
  };
  // `lead` is a safeguarding lead with all scope: reads need a stated reason (sent), and
  // writes, which carry no reason, are refused.
  const std::vector<Row> rows = {
      {"read a child", "GET", c, "", 200, 403, 200, 403, 403, 401},
      {"read a child's events", "GET", c + "/events", "", 200, 403, 200, 403, 403, 401},
      {"record an event", "POST", c + "/events", event, 201, 403, 403, 403, 403, 401},
      {"read sharing decisions", "GET", c + "/sharing-decisions", "", 200, 403, 200, 403, 403, 401},
      {"read released MASH answers", "GET", c + "/mash-checks", "", 200, 403, 200, 403, 403, 401},
      {"search the whole area (MASH hub only)", "GET", "/api/v1/mash/children?name=son", "", 403, 403, 403, 403, 403, 401},
      {"read a child's access log", "GET", c + "/audit", "", 403, 403, 403, 200, 200, 401},
      {"read the audit trail", "GET", "/api/v1/audit", "", 403, 403, 403, 200, 200, 401},
      {"verify the audit trail", "GET", "/api/v1/audit/verify", "", 403, 403, 403, 200, 200, 401},
      {"read the misuse review queue", "GET", "/api/v1/misuse-reviews", "", 403, 403, 403, 200, 200, 401},
      {"list users", "GET", "/api/v1/users", "", 403, 403, 403, 200, 403, 401},
      {"create an agency", "POST", "/api/v1/agencies", agency, 403, 403, 403, 201, 403, 401},
      {"send a feed", "POST", "/api/v1/feeds/events", feed, 200, 200, 403, 403, 403, 401},
      {"read the directory", "GET", "/api/v1/agencies", "", 200, 200, 200, 200, 200, 401},
  };
  std::map<std::string, std::unique_ptr<HttpClient>> clients;
  for (const char* user : {"worker", "officer", "lead", "admin", "auditor"}) {
    clients[user] = std::make_unique<HttpClient>(port_);
    ASSERT_EQ(clients[user]->Login(user, kPassword).status, 200) << user;
  }
  clients["anonymous"] = std::make_unique<HttpClient>(port_);
  int feed_serial = 0;
  for (const Row& row : rows) {
    const std::pair<const char*, int> expected[] = {{"worker", row.worker}, {"officer", row.officer},
                                                    {"lead", row.lead},     {"admin", row.admin},
                                                    {"auditor", row.auditor}, {"anonymous", row.anonymous}};
    for (const auto& [user, status] : expected) {
      HttpClient& client = *clients[user];
      std::string body = row.body;
      // Each feed row needs its own reference, or a repeat would be "already recorded".
      if (row.path == "/api/v1/feeds/events") body.replace(body.find("MX-1"), 4, "MX-" + std::to_string(++feed_serial));
      HttpReply reply = row.method == "GET" ? client.Get(row.path, {{"X-Access-Reason", "access matrix test"}})
                                            : client.Post(row.path, body);
      EXPECT_EQ(reply.status, status) << user << " may not " << row.what << "? " << reply.body;
      if (status >= 400) {
        EXPECT_EQ(reply.body.find("\"surname\""), std::string::npos) << user << " got data on " << row.what;
      }
    }
  }
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
  (void)store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 100000));
    for (const auto& e : entries) {
      if (e.action == "update_team" && e.detail.find("now \"Assessment Team\", office 01632 960111") != std::string::npos &&
          e.detail.find("was ") == 0) {
        audited = true;
      }
    }
    return Status::Ok();
  });
  EXPECT_TRUE(audited) << "the change and the old phones are not in the audit";
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

TEST_F(ApiTest, UnknownRoutesAndMethodsAreJsonErrors) {
  HttpClient client(port_);
  EXPECT_EQ(client.Get("/api/v1/nothing-here").status, 404);
  HttpReply wrong = client.Send("PUT", "/api/v1/health");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "GET");
}

// ---- statutory casework ----

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
}  // namespace safehub
