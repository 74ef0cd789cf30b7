#include "app/performance.h"

#include <gtest/gtest.h>

#include "returns/returns_test_cases.h"

namespace safehub::app {
namespace {

using returns::testing::D;

class PerformanceTest : public ::testing::Test {
 protected:
  PerformanceTest()
      : store_(store::NewMemoryStore()),
        clock_(1751270400),  // 2025-06-30
        source_(returns::testing::Northshire(), returns::testing::SmallArea()),
        performance_(*store_, clock_, source_) {}

  static AuthContext Caller(domain::Role role, domain::Scope scope) {
    AuthContext c;
    c.principal.user = UserId(5);
    c.principal.username = "m.manager";
    c.principal.role = role;
    c.principal.scope = scope;
    c.principal.practitioner = PractitionerId(10);
    c.principal.team = TeamId(1);
    c.principal.agency = AgencyId(1);
    return c;
  }
  static returns::IndicatorQuery Year() { return {D("2024-04-01"), D("2025-03-31"), TeamId(), PractitionerId()}; }

  std::vector<domain::AuditEntry> Audit() {
    std::vector<domain::AuditEntry> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.ScanAudit(0, 1000));
      return Status::Ok();
    }).ok());
    return out;
  }

  std::unique_ptr<store::Store> store_;
  FakeClock clock_;
  returns::CaseList source_;
  Performance performance_;
};

TEST_F(PerformanceTest, OnlyManagersSeePerformanceAndRefusalsAreAudited) {
  for (auto role : {domain::Role::kPractitioner, domain::Role::kAdministrator, domain::Role::kAuditor,
                    domain::Role::kSafeguardingLead}) {
    auto r = performance_.Indicators(Caller(role, domain::Scope::kAll), Year(), false);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  }
  auto audit = Audit();
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[0].outcome, domain::AuditOutcome::kDenied);
}

TEST_F(PerformanceTest, NumbersOnlyNameNoChild) {
  auto r = performance_.Indicators(Caller(domain::Role::kManager, domain::Scope::kAll), Year(), false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Find("referrals")->numerator, 3);
  for (const auto& i : r->indicators) EXPECT_TRUE(i.children.empty()) << i.key;
  auto audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_FALSE(audit[0].child.valid());
}

TEST_F(PerformanceTest, ChildListsAuditEachChildListed) {
  auto r = performance_.Indicators(Caller(domain::Role::kManager, domain::Scope::kAll), Year(), true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Find("referrals")->children.size(), 3u);
  auto audit = Audit();
  // A summary and children 1, 2 and 4 (3's casework is all before the year).
  ASSERT_EQ(audit.size(), 4u);
  std::vector<std::int64_t> children;
  for (const auto& e : audit) children.push_back(e.child.value);
  EXPECT_EQ(children, (std::vector<std::int64_t>{0, 1, 2, 4}));
}

TEST_F(PerformanceTest, TeamScopeIsHeldToTheTeam) {
  auto caller = Caller(domain::Role::kManager, domain::Scope::kTeam);
  auto other = Year();
  other.team = TeamId(2);
  auto refused = performance_.Indicators(caller, other, false);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  auto own = performance_.Indicators(caller, Year(), false);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->query.team, TeamId(1));
}

TEST_F(PerformanceTest, OwnScopeSeesOwnCaseload) {
  auto own = performance_.Indicators(Caller(domain::Role::kManager, domain::Scope::kOwn), Year(), false);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->query.worker, PractitionerId(10));
  EXPECT_EQ(own->Find("referrals")->numerator, 2);  // children 2 and 4 (worker 10); 1 and 3 are worker 11
}

TEST_F(PerformanceTest, TrendsDefaultToTheAreaHistory) {
  auto t = performance_.Trends(Caller(domain::Role::kManager, domain::Scope::kAll), {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_FALSE(t->empty());
  EXPECT_EQ(t->front().points.front().month, "2023-01");  // child 3's first referral
  EXPECT_EQ(t->front().points.back().month, "2025-06");   // today
}

TEST_F(PerformanceTest, CensusCheckIsAreaWide) {
  EXPECT_EQ(performance_.CheckCinCensus(Caller(domain::Role::kManager, domain::Scope::kTeam), 2025).status().code(),
            StatusCode::kPermissionDenied);
  auto check = performance_.CheckCinCensus(Caller(domain::Role::kManager, domain::Scope::kAll), 2025);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->failures.empty());
  EXPECT_EQ(check->children(), 3);
}

TEST_F(PerformanceTest, CensusFileAuditsEveryChildInIt) {
  EXPECT_EQ(performance_.CinCensusFile(Caller(domain::Role::kManager, domain::Scope::kTeam), 2025).status().code(),
            StatusCode::kPermissionDenied);
  const size_t before = Audit().size();
  auto file = performance_.CinCensusFile(Caller(domain::Role::kManager, domain::Scope::kAgency), 2025);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_NE(file->xml.find("<LEA>891</LEA>"), std::string::npos);
  EXPECT_EQ(Audit().size(), before + 4);  // a summary and children 1, 2 and 4
}

TEST_F(PerformanceTest, AnnexAIsAWorkbookWithEachChildAudited) {
  EXPECT_EQ(performance_.AnnexA(Caller(domain::Role::kPractitioner, domain::Scope::kAll), D("2024-04-01"), D("2025-03-31"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  auto bytes = performance_.AnnexA(Caller(domain::Role::kManager, domain::Scope::kAll), D("2024-04-01"), D("2025-03-31"));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip container
  auto audit = Audit();
  EXPECT_EQ(audit.back().action, "export_annex_a");
  EXPECT_EQ(audit.back().child, PersonId(4));
}

}  // namespace
}  // namespace safehub::app
