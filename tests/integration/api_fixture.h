// The API end to end: a real server on port 0, a real SQLite file, real HTTP. The fixture
// every api_*_test.cc shares: a synthetic area, users of each role, and every service wired
// as `safehub serve` wires it.
#pragma once
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

namespace safehub::api_test {

using Json = nlohmann::json;
using testing::HttpClient;
using testing::HttpReply;

inline constexpr const char* kPassword = "Integration-Test-1";

// What the audit holds for one action: how many entries allowed and denied, and the details
// of the allowed ones, oldest first.
struct AuditSeen {
  int allowed = 0;
  int denied = 0;
  std::vector<std::string> details;
};

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
    caseloads_ = std::make_unique<app::Caseloads>(*store_, clock_, *records_, *casework_);
    api_->caseloads = caseloads_.get();
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

  AuditSeen AuditedAs(const std::string& action) {
    AuditSeen seen;
    (void)store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 100000));
      for (const auto& e : entries) {
        if (e.action != action) continue;
        if (e.outcome == domain::AuditOutcome::kAllowed) {
          ++seen.allowed;
          seen.details.push_back(e.detail);
        } else {
          ++seen.denied;
        }
      }
      return Status::Ok();
    });
    return seen;
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
  std::unique_ptr<app::Caseloads> caseloads_;
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

}  // namespace safehub::api_test
