// Who may read what over real HTTP: users and their administration, scope, the access
// matrix, and the audit trail that records every read and detects tampering.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

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

}  // namespace
}  // namespace safehub::api_test
