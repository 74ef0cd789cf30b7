#include "domain/access.h"

#include <gtest/gtest.h>

#include <vector>

namespace safehub::domain {
namespace {

Principal Worker(Scope scope, Role role = Role::kPractitioner) {
  Principal p;
  p.user = UserId(1);
  p.role = role;
  p.scope = scope;
  p.practitioner = PractitionerId(10);
  p.team = TeamId(20);
  p.agency = AgencyId(30);
  return p;
}

const InvolvementReach kMine{PractitionerId(10), TeamId(20), AgencyId(30), true};
const InvolvementReach kColleague{PractitionerId(11), TeamId(20), AgencyId(30), true};
const InvolvementReach kOtherTeam{PractitionerId(12), TeamId(21), AgencyId(30), true};
const InvolvementReach kOtherAgency{PractitionerId(13), TeamId(22), AgencyId(31), true};

struct Case {
  const char* name;
  Scope scope;
  std::vector<InvolvementReach> involvements;
  AccessBasis expected;
};

TEST(AccessTest, GrantsTheNarrowestBasisInScope) {
  const Case cases[] = {
      {"own involvement", Scope::kOwn, {kMine}, AccessBasis::kOwnInvolvement},
      {"own wins over team", Scope::kAgency, {kColleague, kMine}, AccessBasis::kOwnInvolvement},
      {"colleague in team scope", Scope::kTeam, {kColleague}, AccessBasis::kTeamInvolvement},
      {"other team in agency scope", Scope::kAgency, {kOtherTeam}, AccessBasis::kAgencyInvolvement},
      {"any child in all scope", Scope::kAll, {kOtherAgency}, AccessBasis::kAllScope},
      {"no involvement in all scope", Scope::kAll, {}, AccessBasis::kAllScope},
  };
  for (const Case& c : cases) EXPECT_EQ(DecideChildAccess(Worker(c.scope), c.involvements), c.expected) << c.name;
}

TEST(AccessTest, RefusesWithoutLegitimateRelationship) {
  const Case cases[] = {
      {"colleague with own scope", Scope::kOwn, {kColleague}, AccessBasis::kNone},
      {"other team with team scope", Scope::kTeam, {kOtherTeam}, AccessBasis::kNone},
      {"other agency with agency scope", Scope::kAgency, {kOtherAgency}, AccessBasis::kNone},
      {"no involvement", Scope::kAgency, {}, AccessBasis::kNone},
  };
  for (const Case& c : cases) EXPECT_EQ(DecideChildAccess(Worker(c.scope), c.involvements), c.expected) << c.name;
}

TEST(AccessTest, EndedInvolvementGivesNoAccess) {
  InvolvementReach ended = kMine;
  ended.active = false;
  EXPECT_EQ(DecideChildAccess(Worker(Scope::kOwn), std::vector{ended}), AccessBasis::kNone);
}

TEST(AccessTest, AdministratorsAndAuditorsNeverReadChildren) {
  EXPECT_EQ(DecideChildAccess(Worker(Scope::kAll, Role::kAdministrator), std::vector{kMine}), AccessBasis::kNone);
  EXPECT_EQ(DecideChildAccess(Worker(Scope::kAll, Role::kAuditor), std::vector{kMine}), AccessBasis::kNone);
}

TEST(AccessTest, WideAccessNeedsAStatedReason) {
  EXPECT_FALSE(RequiresStatedReason(AccessBasis::kOwnInvolvement));
  EXPECT_FALSE(RequiresStatedReason(AccessBasis::kTeamInvolvement));
  EXPECT_TRUE(RequiresStatedReason(AccessBasis::kAgencyInvolvement));
  EXPECT_TRUE(RequiresStatedReason(AccessBasis::kAllScope));
}

TEST(AccessTest, ParsesRolesAndScopes) {
  EXPECT_EQ(*ParseRole("safeguarding_lead"), Role::kSafeguardingLead);
  EXPECT_FALSE(ParseRole("root").ok());
  EXPECT_EQ(*ParseScope("team"), Scope::kTeam);
  EXPECT_EQ(ParseScope("world").status().field(), "scope");
}

TEST(AccessTest, AManagerHandsOnTheCasesOfTheTeamsTheirScopeCovers) {
  struct Row {
    Scope scope;
    Role role;
    TeamId team;
    AgencyId agency;
    bool expected;
  };
  const Row rows[] = {
      {Scope::kTeam, Role::kManager, TeamId(20), AgencyId(30), true},
      {Scope::kTeam, Role::kManager, TeamId(21), AgencyId(30), false},
      {Scope::kAgency, Role::kManager, TeamId(21), AgencyId(30), true},
      {Scope::kAgency, Role::kManager, TeamId(22), AgencyId(31), false},
      {Scope::kAll, Role::kManager, TeamId(22), AgencyId(31), true},
      {Scope::kOwn, Role::kManager, TeamId(20), AgencyId(30), false},
      {Scope::kAll, Role::kPractitioner, TeamId(20), AgencyId(30), false},
      {Scope::kAll, Role::kSafeguardingLead, TeamId(20), AgencyId(30), false},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(ManagesTeam(Worker(r.scope, r.role), r.team, r.agency), r.expected)
        << ToString(r.scope) << " " << ToString(r.role) << " team " << r.team.value;
  }
}

}  // namespace
}  // namespace safehub::domain
