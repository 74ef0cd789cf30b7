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

// The drill-down must not offer a child the manager will be refused: the access rule decides
// now, not at the time the child was counted.
TEST_F(PerformanceTest, DrillDownSaysWhichChildrenTheManagerCanOpen) {
  TeamId team_id;
  AgencyId agency_id;
  std::vector<PersonId> children;
  ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
    for (const char* name : {"Open", "Closed"}) {  // first, so they get the ids 1 and 2
      domain::Person child;
      child.first_name = name;
      child.surname = "Case";
      child.date_of_birth = D("2015-01-01");
      ASSIGN_OR_RETURN(PersonId id, tx.InsertPerson(child));
      children.push_back(id);
    }
    ASSIGN_OR_RETURN(AgencyId agency, tx.InsertAgency({AgencyId(), "Northshire CSC", domain::AgencyKind::kSocialCare, "N1"}));
    agency_id = agency;
    ASSIGN_OR_RETURN(team_id, tx.InsertTeam({TeamId(), agency, "Assessment team", "", ""}));
    ASSIGN_OR_RETURN(PractitionerId worker, tx.InsertPractitioner({PractitionerId(), team_id, "W. Worker", "", "", ""}));
    for (PersonId id : children) {
      domain::Involvement inv;
      inv.child = id;
      inv.team = team_id;
      inv.practitioner = worker;
      inv.service = "social work";
      inv.role = "allocated worker";
      inv.started_on = D("2024-01-01");
      if (id == children.back()) inv.ended_on = D("2024-06-01");  // the case closed
      RETURN_IF_ERROR(tx.InsertInvolvement(inv).status());
    }
    return Status::Ok();
  }).ok());
  // The report's children are LAchildIDs 1, 2 and 4: the store's first two people.
  ASSERT_EQ(children, (std::vector<PersonId>{PersonId(1), PersonId(2)}));
  auto caller = Caller(domain::Role::kManager, domain::Scope::kAgency);
  caller.principal.agency = agency_id;
  auto report = performance_.Indicators(caller, Year(), true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto access = performance_.ChildAccessOf(caller, *report);
  ASSERT_TRUE(access.ok()) << access.status().ToString();
  ASSERT_TRUE(access->contains("1"));
  EXPECT_EQ(access->at("1"), domain::AccessBasis::kAgencyInvolvement);  // opens with a stated reason
  EXPECT_EQ(access->at("2"), domain::AccessBasis::kNone);  // involvement ended
  for (const auto& [child, basis] : *access) {
    if (child != "1") {
      EXPECT_EQ(basis, domain::AccessBasis::kNone) << child;  // 4: not in the store
    }
  }
}

TEST_F(PerformanceTest, TeamComparisonIsAreaWideAndSplitsTheNumbersByTeam) {
  EXPECT_EQ(performance_.IndicatorsByTeam(Caller(domain::Role::kManager, domain::Scope::kTeam), Year()).status().code(),
            StatusCode::kPermissionDenied);
  auto teams = performance_.IndicatorsByTeam(Caller(domain::Role::kManager, domain::Scope::kAgency), Year());
  ASSERT_TRUE(teams.ok()) << teams.status().ToString();
  ASSERT_FALSE(teams->empty());
  long referrals = 0;
  for (const auto& t : *teams) {
    EXPECT_FALSE(t.team_name.empty());
    for (const auto& i : t.indicators) {
      EXPECT_TRUE(i.children.empty()) << i.key;
      if (i.key == "referrals") referrals += i.numerator;
    }
  }
  auto all = performance_.Indicators(Caller(domain::Role::kManager, domain::Scope::kAll), Year(), false);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(referrals, all->Find("referrals")->numerator);  // every case has one team
  auto audit = Audit();
  ASSERT_GE(audit.size(), 2u);
  EXPECT_EQ(audit[0].outcome, domain::AuditOutcome::kDenied);
  EXPECT_FALSE(audit[1].child.valid());  // numbers only
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
