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
  // Involvements come in order of their start; the clinic began first.
  const auto& masked = record.involvements[0];
  EXPECT_TRUE(masked.masked);
  EXPECT_EQ(masked.involvement.service, "a sensitive service is involved");
  EXPECT_TRUE(masked.practitioner_name.empty());
  EXPECT_EQ(masked.team_name, "Assessment");
  auto sam = area.Login("sam");
  auto own_view = *area.records.GetChild(sam, area.child, "");
  EXPECT_FALSE(own_view.involvements[0].masked);
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

namespace safehub::app {
namespace {

using testing::TestArea;

// Shields the test child and gives the agency-scope lead's team no involvement with them.
void Shield(TestArea& area) {
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(area.child));
    p.shielding = domain::Shielding::kRefuge;
    p.nhs_number = "9434765919";
    return tx.UpdatePerson(p);
  }).ok());
}

// A second record of a shielded child, merged into it by a reviewer, keeps its own NHS
// number; searching by that number must not find the child either.
TEST(ShieldingTest, AMergedRecordsHiddenFieldsDoNotFindTheShieldedChild) {
  TestArea area;
  Shield(area);
  area.MergedSecondRecord("4010232137");
  auto lead = area.Login("lead");
  store::PersonQuery by_merged_nhs;
  by_merged_nhs.nhs_number = "4010232137";
  auto found = *area.records.Search(lead, by_merged_nhs);
  EXPECT_TRUE(found.people.empty());
  EXPECT_EQ(found.hidden, 0);
  store::PersonQuery by_name;
  by_name.name_contains = "ava";
  auto visible = *area.records.Search(lead, by_name);
  ASSERT_EQ(visible.people.size(), 1u);  // both records match the name: one child
  EXPECT_EQ(visible.people[0].id, area.child);
  EXPECT_TRUE(visible.people[0].nhs_number.empty());
}

TEST(ShieldingTest, HiddenFieldsNeverMatchAndNeverAppearWithoutInvolvement) {
  TestArea area;
  Shield(area);
  auto lead = area.Login("lead");  // agency scope, no involvement of their own
  store::PersonQuery by_nhs;
  by_nhs.nhs_number = "9434765919";
  auto hidden = *area.records.Search(lead, by_nhs);
  EXPECT_TRUE(hidden.people.empty());
  EXPECT_EQ(hidden.hidden, 0);  // not even counted: a hidden field never matches
  store::PersonQuery by_name;
  by_name.name_contains = "ava";
  auto visible = *area.records.Search(lead, by_name);
  ASSERT_EQ(visible.people.size(), 1u);
  EXPECT_TRUE(visible.people[0].nhs_number.empty());
  auto record = area.records.GetChild(lead, area.child, "strategy discussion");
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_TRUE(record->shielded_view);
  EXPECT_TRUE(record->person.nhs_number.empty());
  EXPECT_TRUE(record->households.empty());
  EXPECT_TRUE(record->relationships.empty());
  ASSERT_FALSE(record->involvements.empty());
  EXPECT_EQ(record->involvements[0].team_name, "Public Protection");
  EXPECT_TRUE(record->involvements[0].practitioner_name.empty());
  auto events = area.records.ListEvents(lead, area.child, "strategy discussion", std::nullopt, std::nullopt);
  EXPECT_EQ(events.status().field(), "shielding");
  EXPECT_EQ(area.AuditOf(area.child).front().outcome, domain::AuditOutcome::kDenied);
}

TEST(ShieldingTest, InvolvedPractitionerSeesEverything) {
  TestArea area;
  Shield(area);
  auto jo = area.Login("jo");  // the officer whose involvement it is
  auto record = *area.records.GetChild(jo, area.child, "");
  EXPECT_FALSE(record.shielded_view);
  EXPECT_EQ(record.person.nhs_number, "9434765919");
}

TEST(ShieldingTest, OverrideNeedsChildProtectionDutiesAndAReasonAndOpensAReview) {
  TestArea area;
  Shield(area);
  auto lead = area.Login("lead");
  auto no_reason = area.records.GetChild(lead, area.child, "", ShieldOverride::kYes);
  EXPECT_EQ(no_reason.status().field(), "reason");
  auto record = area.records.GetChild(lead, area.child, "section 47 enquiry today", ShieldOverride::kYes);
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_TRUE(record->shield_overridden);
  EXPECT_EQ(record->person.nhs_number, "9434765919");
  std::vector<domain::MisuseReview> reviews;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(reviews, tx.ListMisuseReviews(store::ReviewSelection::kOpenOnly));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].username, "lead");
  EXPECT_EQ(reviews[0].reason, "section 47 enquiry today");
  EXPECT_EQ(area.AuditOf(area.child).front().action, "override_shielding");
  // The override lasts for that view only.
  auto next = *area.records.GetChild(lead, area.child, "again");
  EXPECT_TRUE(next.shielded_view);
}

TEST(ShieldingTest, OneViewOfSeveralResourcesIsOneMisuseReview) {
  TestArea area;
  Shield(area);
  auto lead = area.Login("lead");
  auto open_reviews = [&] {
    std::vector<domain::MisuseReview> reviews;
    EXPECT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(reviews, tx.ListMisuseReviews(store::ReviewSelection::kOpenOnly));
      return Status::Ok();
    }).ok());
    return reviews.size();
  };
  ASSERT_TRUE(area.records.GetChild(lead, area.child, "strategy meeting", ShieldOverride::kYes).ok());
  area.clock.Advance(60);  // the page then reads the chronology with the same override
  ASSERT_TRUE(area.records.GetChild(lead, area.child, "strategy meeting", ShieldOverride::kYes).ok());
  EXPECT_EQ(open_reviews(), 1u);
  int overrides = 0;
  for (const auto& e : area.AuditOf(area.child)) overrides += e.action == "override_shielding";
  EXPECT_EQ(overrides, 2);  // each read is still audited
  area.clock.Advance(16 * 60);  // a later sitting is a new item
  ASSERT_TRUE(area.records.GetChild(lead, area.child, "strategy meeting", ShieldOverride::kYes).ok());
  EXPECT_EQ(open_reviews(), 2u);
  ASSERT_TRUE(area.records.GetChild(lead, area.child, "another reason", ShieldOverride::kYes).ok());
  EXPECT_EQ(open_reviews(), 3u);
}

TEST(ShieldingTest, PractitionersCannotOverride) {
  TestArea area;
  Shield(area);
  auto ali = area.Login("ali");  // team manager: team involvement, sees it anyway
  EXPECT_FALSE(area.records.GetChild(ali, area.child, "", ShieldOverride::kYes)->shielded_view);
  auto sam = area.Login("sam");  // no involvement at all
  EXPECT_EQ(area.records.GetChild(sam, area.child, "x", ShieldOverride::kYes).status().code(),
            StatusCode::kPermissionDenied);
}

TEST(SharingDecisionsTest, RecordedWithTheirBasisAndListedOnTheRecord) {
  TestArea area;
  auto jo = area.Login("jo");
  domain::SharingDecision d;
  d.child = area.child;
  d.to_agency = area.council;
  d.information = "incident log of 20 May";
  d.purpose = "strategy discussion";
  d.basis = domain::SharingBasis::kSignificantHarm;
  d.parents_informed = domain::ParentsInformed::kNotInformedIncreasedRisk;
  d.parents_informed_note = "telling the father would put the child at risk";
  auto id = area.records.RecordSharingDecision(jo, d);
  ASSERT_TRUE(id.ok()) << id.status().message();
  d.basis = domain::SharingBasis::kConsentRefused;  // refused consent, yet "shared"
  d.parents_informed = domain::ParentsInformed::kInformed;
  EXPECT_EQ(area.records.RecordSharingDecision(jo, d).status().field(), "outcome");
  auto list = area.records.ListSharingDecisions(jo, area.child, "");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].from_agency, area.police);
  EXPECT_EQ((*list)[0].decided_by, area.officer);
  auto sam = area.Login("sam");
  EXPECT_EQ(area.records.RecordSharingDecision(sam, d).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace safehub::app

namespace safehub::app {
namespace {

TEST(ChildSearchTest, FindsChildrenBehindAPageOfAdultsWithTheSameName) {
  testing::TestArea area;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    for (int i = 0; i < 150; ++i) {
      domain::Person adult;
      adult.kind = domain::PersonKind::kAdult;
      adult.first_name = "Aaron";  // sorts before "Ava"
      adult.surname = "Reid";
      RETURN_IF_ERROR(tx.InsertPerson(adult));
    }
    return Status::Ok();
  }).ok());
  store::PersonQuery q;
  q.name_contains = "reid";
  q.limit = 10;
  auto found = area.records.Search(area.Login("jo"), q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->people.size(), 1u);
  EXPECT_EQ(found->people[0].first_name, "Ava");
}

}  // namespace
}  // namespace safehub::app
