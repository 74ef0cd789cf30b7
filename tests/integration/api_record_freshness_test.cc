// A child's record over real HTTP and SQLite while what it shows changes: the server keeps
// what it read of a child between reads (app/child_record_cache.h), so a change made through
// the API, or by another connection to the same file (another process: the CLI), must show
// at the next read, and every read must still be audited.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

TEST_F(ApiTest, AChildsRecordShowsChangesMadeElsewhereAtTheNextRead) {
  const PersonId child = ChildInScope();
  const std::string record = "/api/v1/children/" + child.ToString();
  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  auto read = [&] {
    HttpReply r = worker.Get(record);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body, nullptr, false);
  };
  auto team_names = [](const Json& body) {
    std::set<std::string> names;
    for (const Json& i : body["involvements"]) names.insert(i["team_name"].get<std::string>());
    return names;
  };
  const Json first = read();
  ASSERT_TRUE(first.is_object());
  ASSERT_EQ(read(), first);  // the second read is answered from what was kept

  // Through the API: an administrator renames the worker's team.
  HttpClient admin(port_);
  ASSERT_EQ(admin.Login("admin", kPassword).status, 200);
  HttpReply renamed = admin.Send("PUT", "/api/v1/teams/" + area_.assessment_team.ToString(),
                                 R"({"name":"Assessment and Intervention","office_phone":"01632 960111"})",
                                 {{"Content-Type", "application/json"}, {"X-CSRF-Token", CsrfOf(admin)}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(team_names(read()).count("Assessment and Intervention"), 1u);

  // Through another connection to the file, as `safehub` run from a shell would.
  {
    auto other = store::sqlite::SqliteStore::Open(path_);
    ASSERT_TRUE(other.ok()) << other.status().message();
    ASSERT_TRUE((*other)->Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(domain::Person p, tx.GetPerson(child));
      p.surname = "Renamed-Elsewhere";
      return tx.UpdatePerson(p);
    }).ok());
  }
  EXPECT_EQ(read()["person"]["surname"], "Renamed-Elsewhere");

  // Four reads, four entries: what is kept is never answered unaudited.
  int reads = 0;
  for (const auto& e : AuditOf(child)) reads += e.action == "read_child" ? 1 : 0;
  EXPECT_EQ(reads, 4);
}

}  // namespace
}  // namespace safehub::api_test
