// The clerical review queue over real HTTP and a real SQLite file: who may list and decide,
// what is audited, errors that name the field, merge and unmerge.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "app/link_review.h"
#include "app/synthetic_area.h"
#include "http/api.h"
#include "http/server.h"
#include "security/crypto.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/integration/http_client.h"

namespace safehub {
namespace {

using Json = nlohmann::json;
using testing::HttpClient;
using testing::HttpReply;

constexpr const char* kPassword = "Integration-Test-1";

class LinkReviewApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(security::Initialise().ok());
    path_ = ::testing::TempDir() + "/link_review_api_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path_);
    store_ = std::move(store::sqlite::SqliteStore::Open(path_)).value();
    app::AuthSettings settings;
    settings.hash_strength = security::HashStrength::kFastForTestsOnly;
    auth_ = std::make_unique<app::AuthService>(*store_, clock_, settings);
    records_ = std::make_unique<app::ChildRecords>(*store_, clock_);
    organisations_ = std::make_unique<app::Organisations>(*store_, clock_);
    area_ = *app::GenerateSyntheticArea(*store_, {60, 1, 3, clock_.Today()});
    AddUser("hub", domain::Role::kManager, domain::Scope::kTeam, area_.mash_manager);
    AddUser("head", domain::Role::kManager, domain::Scope::kAgency, area_.assessment_social_worker);
    AddUser("worker", domain::Role::kPractitioner, domain::Scope::kTeam, area_.assessment_social_worker);
    AddUser("officer", domain::Role::kSafeguardingLead, domain::Scope::kAgency, area_.police_officer);
    AddUser("admin", domain::Role::kAdministrator, domain::Scope::kAll, PractitionerId());
    AddUser("auditor", domain::Role::kAuditor, domain::Scope::kAll, PractitionerId());
    AddUser("lead", domain::Role::kSafeguardingLead, domain::Scope::kAll, area_.assessment_social_worker);
    reviews_ = std::make_unique<app::LinkReviews>(*store_, clock_, area_.mash_team);
    api_ = std::make_unique<http::ApiContext>(http::ApiContext{*auth_, *records_, *organisations_, clock_, false});
    api_->link_reviews = reviews_.get();
    http::RegisterApi(router_, *api_);
    server_ = std::make_unique<http::Server>(router_, http::ServerOptions{});
    port_ = server_->Start().value();
    QueueAPair();
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

  // An area child and a near-duplicate of it, queued as a feed queues a possible match.
  void QueueAPair() {
    ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
      store::PersonQuery q;
      q.limit = 500;
      ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
      auto child = std::find_if(people.begin(), people.end(),
                                [](const domain::Person& p) { return p.kind == domain::PersonKind::kChild; });
      if (child == people.end()) return NotFound("no children");
      existing_ = child->id;
      domain::Person copy = *child;
      copy.first_name += "e";
      ASSIGN_OR_RETURN(arriving_, tx.InsertPerson(copy));
      app::LinkResult link;
      link.child = arriving_;
      link.outcome = app::LinkOutcome::kNewChild;
      link.possible = app::PossibleMatch{existing_, 0.62, {{"first_name", "typo", 2.4}, {"surname", "exact", 9.1}}};
      return app::LinkReviews::QueuePossibleMatch(tx, link, AgencyId(), "NHS-77", clock_.Now());
    }).ok());
  }

  std::vector<domain::AuditEntry> AuditOf(PersonId child) {
    std::vector<domain::AuditEntry> out;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.AuditOfChild(child, 1000));
      return Status::Ok();
    });
    return out;
  }

  std::string path_;
  FakeClock clock_{1717236000};  // 2024-06-01T10:00:00Z
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<app::AuthService> auth_;
  std::unique_ptr<app::ChildRecords> records_;
  std::unique_ptr<app::Organisations> organisations_;
  std::unique_ptr<app::LinkReviews> reviews_;
  std::unique_ptr<http::ApiContext> api_;
  app::SyntheticArea area_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
  PersonId existing_, arriving_;
};

TEST_F(LinkReviewApiTest, ReviewersSeeThePairSideBySideAndEachChildShownIsAudited) {
  HttpClient head(port_);
  ASSERT_EQ(head.Login("head", kPassword).status, 200);
  HttpReply reply = head.Get("/api/v1/link-reviews?limit=10");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const Json page = Json::parse(reply.body);
  EXPECT_EQ(page["total_open"], 1);
  ASSERT_EQ(page["reviews"].size(), 1u);
  const Json& item = page["reviews"][0];
  EXPECT_EQ(item["arriving"]["id"], arriving_.value);
  EXPECT_EQ(item["existing"]["id"], existing_.value);
  EXPECT_EQ(item["arriving"]["surname"], item["existing"]["surname"]);
  EXPECT_EQ(item["evidence"][0]["field"], "first_name");
  EXPECT_EQ(item["evidence"][0]["level"], "typo");
  EXPECT_EQ(item["source_reference"], "NHS-77");
  EXPECT_NEAR(item["probability"].get<double>(), 0.62, 1e-9);
  for (PersonId child : {existing_, arriving_}) {
    auto audit = AuditOf(child);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit.front().action, "read_link_review");
    EXPECT_EQ(audit.front().username, "head");
  }
  HttpClient hub(port_);
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  EXPECT_EQ(hub.Get("/api/v1/link-reviews").status, 200);
}

TEST_F(LinkReviewApiTest, EveryoneElseIsRefusedAndTheRefusalAudited) {
  for (const char* who : {"worker", "officer", "admin", "auditor"}) {
    HttpClient client(port_);
    ASSERT_EQ(client.Login(who, kPassword).status, 200);
    EXPECT_EQ(client.Get("/api/v1/link-reviews").status, 403) << who;
    EXPECT_EQ(client.Post("/api/v1/link-reviews/1/decision", R"({"decision":"match","reason":"x"})").status, 403) << who;
  }
  HttpClient anonymous(port_);
  EXPECT_EQ(anonymous.Get("/api/v1/link-reviews").status, 401);
  int denied = 0;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ScanAudit(0, 100000));
    for (const auto& e : all) {
      denied += e.outcome == domain::AuditOutcome::kDenied &&
                (e.action == "read_link_reviews" || e.action == "decide_link_review");
    }
    ASSIGN_OR_RETURN(auto open, tx.ListLinkReviews(store::LinkReviewStatus::kOpen, 10, 0));
    EXPECT_EQ(open.size(), 1u);  // nothing decided
    return Status::Ok();
  }).ok());
  EXPECT_EQ(denied, 8);
}

TEST_F(LinkReviewApiTest, BadInputIs400NamingTheFieldAndDecidesNothing) {
  HttpClient head(port_);
  ASSERT_EQ(head.Login("head", kPassword).status, 200);
  HttpReply bad_limit = head.Get("/api/v1/link-reviews?limit=ten");
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_EQ(Json::parse(bad_limit.body)["error"]["field"], "limit");
  EXPECT_EQ(Json::parse(head.Get("/api/v1/link-reviews?limit=1000").body)["error"]["field"], "limit");
  const std::string decision = "/api/v1/link-reviews/" + std::to_string(1) + "/decision";
  HttpReply no_reason = head.Post(decision, R"({"decision":"match"})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("reason"), std::string::npos) << no_reason.body;
  HttpReply blank = head.Post(decision, R"({"decision":"match","reason":"   "})");
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(Json::parse(blank.body)["error"]["field"], "reason");
  HttpReply wrong = head.Post(decision, R"({"decision":"maybe","reason":"unsure"})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Json::parse(wrong.body)["error"]["field"], "decision");
  EXPECT_EQ(head.Post(decision, R"({"decision":"match","reason":"x","extra":1})").status, 400);
  EXPECT_EQ(head.Post("/api/v1/link-reviews/999/decision", R"({"decision":"match","reason":"x"})").status, 404);
  // Without the CSRF token nothing is decided.
  EXPECT_EQ(head.Post(decision, R"({"decision":"match","reason":"same"})", /*with_csrf=*/false).status, 403);
  EXPECT_EQ(Json::parse(head.Get("/api/v1/link-reviews").body)["total_open"], 1);
}

TEST_F(LinkReviewApiTest, MatchMergesAndUnmergeRestoresOverHttp) {
  HttpClient hub(port_);
  ASSERT_EQ(hub.Login("hub", kPassword).status, 200);
  HttpReply decided = hub.Post("/api/v1/link-reviews/1/decision",
                               R"({"decision":"match","reason":"same GP, same address"})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  const Json outcome = Json::parse(decided.body);
  EXPECT_EQ(outcome["status"], "match");
  EXPECT_EQ(outcome["merge"]["merged_person_id"], arriving_.value);
  EXPECT_EQ(outcome["merge"]["surviving_person_id"], existing_.value);
  EXPECT_EQ(hub.Post("/api/v1/link-reviews/1/decision", R"({"decision":"not_match","reason":"x"})").status, 409);
  EXPECT_EQ(Json::parse(hub.Get("/api/v1/link-reviews").body)["total_open"], 0);
  EXPECT_EQ(AuditOf(arriving_).front().action, "merge_person");

  HttpClient worker(port_);
  ASSERT_EQ(worker.Login("worker", kPassword).status, 200);
  const std::string unmerge = "/api/v1/people/" + arriving_.ToString() + "/unmerge";
  EXPECT_EQ(worker.Post(unmerge, R"({"reason":"not the same"})").status, 403);
  HttpReply no_reason = hub.Post(unmerge, R"({})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Json::parse(no_reason.body)["error"]["field"], "reason");
  EXPECT_EQ(hub.Post("/api/v1/people/" + existing_.ToString() + "/unmerge", R"({"reason":"x"})").status, 409);
  HttpReply undone = hub.Post(unmerge, R"({"reason":"birth certificates differ"})");
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_FALSE(Json::parse(undone.body)["undone_at"].is_null());
  EXPECT_EQ(AuditOf(existing_).front().action, "unmerge_person");
  EXPECT_EQ(hub.Post(unmerge, R"({"reason":"again"})").status, 409);
}

// The merges on a child's record over HTTP: read like the record (a stated reason on a wide
// scope, audited allowed and refused), the merged person's record points at the survivor,
// and search shows the survivor once in its place.
TEST_F(LinkReviewApiTest, TheChildsMergesAreReadLikeTheRecordAndSearchShowsTheSurvivor) {
  std::string arriving_name;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(arriving_));
    arriving_name = p.first_name;
    return Status::Ok();
  }).ok());
  HttpClient lead(port_);
  ASSERT_EQ(lead.Login("lead", kPassword).status, 200);
  const std::map<std::string, std::string> why{{"X-Access-Reason", "strategy discussion today"}};
  auto found = [&](const std::string& name) {
    std::vector<std::int64_t> ids;
    HttpReply r = lead.Get("/api/v1/children?name=" + name);
    EXPECT_EQ(r.status, 200) << r.body;
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_object() && body.contains("children")) {
      for (const Json& c : body["children"]) ids.push_back(c["id"].get<std::int64_t>());
    }
    return ids;
  };
  EXPECT_EQ(found(arriving_name), std::vector<std::int64_t>{arriving_.value});
  ASSERT_EQ(lead.Post("/api/v1/link-reviews/1/decision", R"({"decision":"match","reason":"same GP, same address"})").status,
            200);
  EXPECT_EQ(found(arriving_name), std::vector<std::int64_t>{existing_.value});

  const std::string merges = "/api/v1/children/" + existing_.ToString() + "/merges";
  HttpReply no_reason = lead.Get(merges);
  EXPECT_EQ(no_reason.status, 403);
  EXPECT_EQ(Json::parse(no_reason.body)["error"]["field"], "reason");
  HttpReply read = lead.Get(merges, why);
  ASSERT_EQ(read.status, 200) << read.body;
  Json body = Json::parse(read.body);
  EXPECT_TRUE(body["merged_into"].is_null());
  EXPECT_TRUE(body["can_undo"].get<bool>());
  ASSERT_EQ(body["standing"].size(), 1u) << read.body;
  EXPECT_EQ(body["standing"][0]["merged"]["id"], arriving_.value);
  EXPECT_EQ(body["standing"][0]["surviving"]["id"], existing_.value);
  EXPECT_EQ(body["standing"][0]["merged_by"], "lead");
  EXPECT_EQ(body["standing"][0]["reason"], "same GP, same address");
  EXPECT_EQ(body["standing"][0]["link_review_id"], 1);
  EXPECT_EQ(AuditOf(existing_).front().action, "read_child_merges");
  EXPECT_EQ(AuditOf(existing_).front().reason, "strategy discussion today");

  // The merged person's own record says whose it is part of.
  HttpReply own = lead.Get("/api/v1/children/" + arriving_.ToString(), why);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Json::parse(own.body)["merged_into"], existing_.value);
  HttpReply whole = lead.Get("/api/v1/children/" + existing_.ToString(), why);
  EXPECT_TRUE(Json::parse(whole.body)["merged_into"].is_null());

  // Someone who may not open the child reads no merges either; the refusal is audited.
  HttpClient officer(port_);
  ASSERT_EQ(officer.Login("officer", kPassword).status, 200);
  const int refused = officer.Get(merges, why).status;
  EXPECT_TRUE(refused == 403) << refused;
  EXPECT_EQ(AuditOf(existing_).front().outcome, domain::AuditOutcome::kDenied);

  // Undone: nothing standing, the merge kept as history with its reason.
  ASSERT_EQ(lead.Post("/api/v1/people/" + arriving_.ToString() + "/unmerge", R"({"reason":"birth certificates differ"})")
                .status,
            200);
  body = Json::parse(lead.Get(merges, why).body);
  EXPECT_TRUE(body["standing"].empty());
  ASSERT_EQ(body["undone"].size(), 1u);
  EXPECT_EQ(body["undone"][0]["undo_reason"], "birth certificates differ");
  EXPECT_EQ(body["undone"][0]["undone_by"], "lead");
  EXPECT_TRUE(Json::parse(lead.Get("/api/v1/children/" + arriving_.ToString(), why).body)["merged_into"].is_null());
  EXPECT_EQ(found(arriving_name), std::vector<std::int64_t>{arriving_.value});
}

}  // namespace
}  // namespace safehub
