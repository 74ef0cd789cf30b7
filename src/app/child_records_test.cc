#include "app/child_records.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::TestArea;

TEST(ChildRecordsTest, PractitionerWithInvolvementReadsAndTheReadIsAudited) {
  TestArea area;
  auto jo = area.Login("jo");
  auto record = area.records.GetChild(jo, area.child, "");
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->person.first_name, "Ava");
  EXPECT_EQ(record->basis, domain::AccessBasis::kOwnInvolvement);
  ASSERT_EQ(record->involvements.size(), 1u);
  EXPECT_EQ(record->involvements[0].team_name, "Public Protection");
  auto audit = area.AuditOf(area.child);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().action, "read_child");
  EXPECT_EQ(audit.front().username, "jo");
  EXPECT_EQ(audit.front().outcome, domain::AuditOutcome::kAllowed);
}

TEST(ChildRecordsTest, NoInvolvementMeansNoDataAndADeniedEntry) {
  TestArea area;
  auto sam = area.Login("sam");  // social worker, not involved
  auto record = area.records.GetChild(sam, area.child, "curious");
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kPermissionDenied);
  auto audit = area.AuditOf(area.child);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().username, "sam");
  EXPECT_EQ(audit.front().outcome, domain::AuditOutcome::kDenied);
  EXPECT_EQ(audit.front().reason, "curious");
}

TEST(ChildRecordsTest, TeamScopeReadsColleaguesCases) {
  TestArea area;
  auto ali = area.Login("ali");
  auto record = area.records.GetChild(ali, area.child, "");
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->basis, domain::AccessBasis::kTeamInvolvement);
  auto bo = area.Login("bo");  // same agency, other team, own scope
  EXPECT_EQ(area.records.GetChild(bo, area.child, "").status().code(), StatusCode::kPermissionDenied);
}

TEST(ChildRecordsTest, AgencyScopeNeedsAStatedReason) {
  TestArea area;
  auto lead = area.Login("lead");
  auto without = area.records.GetChild(lead, area.child, "");
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.status().field(), "reason");
  auto with = area.records.GetChild(lead, area.child, "strategy discussion today");
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(area.AuditOf(area.child).front().reason, "strategy discussion today");
}

TEST(ChildRecordsTest, AdministratorsCannotReadChildren) {
  TestArea area;
  auto admin = area.Login("admin");
  EXPECT_EQ(area.records.GetChild(admin, area.child, "checking").status().code(), StatusCode::kPermissionDenied);
}

TEST(ChildRecordsTest, EventsAreRecordedOnceAndListedInOrder) {
  TestArea area;
  auto jo = area.Login("jo");
  domain::Event e;
  e.child = area.child;
  e.kind = "police_incident";
  e.occurred_on = *Date::Parse("2024-05-20");
  e.summary = "called to the home: shouting heard";
  e.significance = domain::Significance::kHigh;
  e.source_reference = "MERLIN-1";
  ASSERT_TRUE(area.records.RecordEvent(jo, e).ok());
  EXPECT_EQ(area.records.RecordEvent(jo, e).status().code(), StatusCode::kAlreadyExists);
  e.source_reference = "MERLIN-0";
  e.occurred_on = *Date::Parse("2024-04-01");
  ASSERT_TRUE(area.records.RecordEvent(jo, e).ok());
  auto events = area.records.ListEvents(jo, area.child, "", std::nullopt, std::nullopt);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].source_reference, "MERLIN-0");
  EXPECT_EQ((*events)[0].agency, area.police);
}

TEST(ChildRecordsTest, InvalidEventListsEveryViolationAndWritesNothing) {
  TestArea area;
  auto jo = area.Login("jo");
  domain::Event e;
  e.child = area.child;
  e.kind = "Bad Kind";
  e.occurred_on = *Date::Parse("2030-01-01");
  Status s = area.records.RecordEvent(jo, e).status();
  EXPECT_EQ(s.violations().size(), 3u) << s.message();
  auto events = area.records.ListEvents(jo, area.child, "", std::nullopt, std::nullopt);
  EXPECT_TRUE(events->empty());
}

TEST(ChildRecordsTest, SensitiveServiceIsMaskedOutsideItsTeam) {
  TestArea area;
  auto jo = area.Login("jo");
  domain::Involvement i;
  i.child = area.child;
  i.team = area.assessment_team;
  i.practitioner = area.social_worker;
  i.service = "Young people's sexual health clinic";
  i.started_on = *Date::Parse("2024-05-01");
  i.sensitive_service = domain::SensitiveService::kSexualHealth;
  i.consent_recorded = true;
  ASSERT_TRUE(area.records.RecordInvolvement(jo, i).ok());
  auto record = *area.records.GetChild(jo, area.child, "");
  ASSERT_EQ(record.involvements.size(), 2u);
  const auto& masked = record.involvements[1];
  EXPECT_TRUE(masked.masked);
  EXPECT_EQ(masked.involvement.service, "a sensitive service is involved");
  EXPECT_TRUE(masked.practitioner_name.empty());
  EXPECT_EQ(masked.team_name, "Assessment");
  auto sam = area.Login("sam");
  auto own_view = *area.records.GetChild(sam, area.child, "");
  EXPECT_FALSE(own_view.involvements[1].masked);
}

TEST(ChildRecordsTest, SearchShowsOnlyChildrenInScopeAndCountsTheRest) {
  TestArea area;
  store::PersonQuery q;
  q.name_contains = "reid";
  auto jo = area.Login("jo");
  auto mine = *area.records.Search(jo, q);
  EXPECT_EQ(mine.people.size(), 1u);
  auto sam = area.Login("sam");
  auto theirs = *area.records.Search(sam, q);
  EXPECT_TRUE(theirs.people.empty());
  EXPECT_EQ(theirs.hidden, 1);
}

}  // namespace
}  // namespace safehub::app
