#include "app/mash.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::TestArea;

class MashTest : public ::testing::Test {
 protected:
  TestArea area;
  // The council's assessment team acts as the hub; "sam" works there.
  Mash mash{*area.store, area.clock, MashSettings{area.assessment_team, {}, domain::WeekdaysOnly}};

  void SetUp() override {
    area.AddUser("hub.manager", domain::Role::kManager, domain::Scope::kTeam, area.social_worker);
  }

  domain::MashContactId Contact(const AuthContext& who) {
    domain::MashContact c;
    c.child = area.child;
    c.source = "school designated safeguarding lead";
    c.summary = "bruise on the cheek; child says she fell";
    return mash.RecordContact(who, c).value();
  }
};

TEST_F(MashTest, OnlyHubStaffRecordContacts) {
  auto jo = area.Login("jo");
  domain::MashContact c;
  c.child = area.child;
  c.source = "x";
  c.summary = "y";
  EXPECT_EQ(mash.RecordContact(jo, c).status().code(), StatusCode::kPermissionDenied);
  auto sam = area.Login("sam");
  EXPECT_TRUE(mash.RecordContact(sam, c).ok());
}

TEST_F(MashTest, AnswersStayInTheHubUntilTheOwningAgencyReleasesThem) {
  auto sam = area.Login("sam");
  auto contact = Contact(sam);
  auto checks = mash.RequestChecks(sam, contact, {area.police});
  ASSERT_TRUE(checks.ok());
  ASSERT_EQ(checks->size(), 1u);
  auto jo = area.Login("jo");  // police
  auto mine = *mash.ChecksForMyAgency(jo);
  ASSERT_EQ(mine.size(), 1u);
  // The agency is told whom to look up (it cannot search its records for an id), and that
  // it was told is in the child's audit trail.
  EXPECT_EQ(mine[0].child_name, "Ava Reid");
  EXPECT_EQ(mine[0].child_date_of_birth.value_or(Date()), *Date::Parse("2015-02-03"));
  bool audited = false;
  for (const auto& e : area.AuditOf(area.child)) audited |= e.action == "read_agency_check" && e.username == "jo";
  EXPECT_TRUE(audited);
  EXPECT_EQ(mash.ReleaseCheck(jo, (*checks)[0]).code(), StatusCode::kFailedPrecondition);  // nothing to release yet
  ASSERT_TRUE(mash.AnswerCheck(jo, (*checks)[0], "two domestic incidents at the address this year").ok());
  auto queue = *mash.Queue(sam);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].checks[0].status, domain::CheckStatus::kAnswered);
  EXPECT_EQ(mash.ReleaseCheck(sam, (*checks)[0]).code(), StatusCode::kPermissionDenied);  // not the owner
  ASSERT_TRUE(mash.ReleaseCheck(jo, (*checks)[0]).ok());
  EXPECT_EQ(mash.Queue(sam)->at(0).checks[0].status, domain::CheckStatus::kReleased);
}

// Issue 6: a released answer is on the child's record for whoever may open it, named with
// its agency and who released it; an answer still inside the hub is not.
TEST_F(MashTest, ReleasedAnswersReachTheChildsRecordAndOnlyThose) {
  auto sam = area.Login("sam");
  auto jo = area.Login("jo");  // police, and works with the child
  auto first = (*mash.RequestChecks(sam, Contact(sam), {area.police}))[0];
  auto second = (*mash.RequestChecks(sam, Contact(sam), {area.police}))[0];
  ASSERT_TRUE(mash.AnswerCheck(jo, first, "two domestic incidents at the address this year").ok());
  ASSERT_TRUE(mash.AnswerCheck(jo, second, "an open investigation: do not disclose").ok());
  auto none = mash.ReleasedChecksOf(jo, area.child, "");
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());
  area.clock.Advance(3600);
  ASSERT_TRUE(mash.ReleaseCheck(jo, first).ok());

  auto ali = area.Login("ali");  // the team's manager: may open the child
  auto released = mash.ReleasedChecksOf(ali, area.child, "");
  ASSERT_TRUE(released.ok()) << released.status().message();
  ASSERT_EQ(released->size(), 1u);
  EXPECT_EQ((*released)[0].check.findings, "two domestic incidents at the address this year");
  EXPECT_EQ((*released)[0].agency_name, "Northshire Police");
  EXPECT_EQ((*released)[0].released_by_name, "jo");
  EXPECT_EQ((*released)[0].check.released_at, area.clock.Now());
  domain::AuditEntry read;
  for (const auto& e : area.AuditOf(area.child)) {
    if (e.action == "read_mash_checks" && e.username == "ali") read = e;
  }
  EXPECT_EQ(read.outcome, domain::AuditOutcome::kAllowed);
  EXPECT_EQ(read.detail, "1 released answers");

  // Agency scope needs a reason; someone with no relationship to the child is refused; both audited.
  auto lead = area.Login("lead");
  EXPECT_EQ(mash.ReleasedChecksOf(lead, area.child, "").status().field(), "reason");
  EXPECT_TRUE(mash.ReleasedChecksOf(lead, area.child, "strategy discussion tomorrow").ok());
  EXPECT_EQ(mash.ReleasedChecksOf(sam, area.child, "").status().code(), StatusCode::kPermissionDenied);
  auto admin = area.Login("admin");
  EXPECT_EQ(mash.ReleasedChecksOf(admin, area.child, "x").status().code(), StatusCode::kPermissionDenied);
  int denied = 0;
  for (const auto& e : area.AuditOf(area.child)) {
    denied += e.action == "read_mash_checks" && e.outcome == domain::AuditOutcome::kDenied;
  }
  EXPECT_EQ(denied, 3);
  EXPECT_EQ(mash.ReleasedChecksOf(ali, PersonId(999), "").status().code(), StatusCode::kNotFound);

  // A shielded child's answers are for those involved only.
  ASSERT_TRUE(area.records.SetShielding(jo, area.child, domain::Shielding::kRefuge).ok());
  EXPECT_EQ(mash.ReleasedChecksOf(lead, area.child, "strategy discussion").status().field(), "shielding");
  auto involved = mash.ReleasedChecksOf(jo, area.child, "");
  ASSERT_TRUE(involved.ok()) << involved.status().message();
  EXPECT_EQ(involved->size(), 1u);
}

TEST_F(MashTest, QueueNamesEachChildAndTheNamingIsAudited) {
  auto sam = area.Login("sam");
  auto contact = Contact(sam);
  auto queue = mash.Queue(sam);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].child_name, "Ava Reid");
  EXPECT_EQ((*queue)[0].child_date_of_birth.value_or(Date()), *Date::Parse("2015-02-03"));
  std::string detail;
  for (const auto& e : area.AuditOf(area.child)) {
    if (e.action == "read_mash_queue" && e.username == "sam") detail = e.detail;
  }
  EXPECT_EQ(detail, "MASH contact " + contact.ToString() + ": name and date of birth");
  EXPECT_EQ(mash.Queue(area.Login("jo")).status().code(), StatusCode::kPermissionDenied);
}

// Issue 6: the hub searches the whole area to start a contact, but only the hub, only with a
// reason, only name and date of birth back, and a shielded child's hidden fields never match.
TEST_F(MashTest, HubSearchesTheAreaWithAReasonAndSeesOnlyNameAndBirthDate) {
  PersonId shielded, unrelated;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    domain::Person p;
    p.first_name = "Cara";
    p.surname = "Reid";
    p.nhs_number = "9434765919";
    p.shielding = domain::Shielding::kRefuge;
    ASSIGN_OR_RETURN(shielded, tx.InsertPerson(p));
    p.first_name = "Dan";
    p.surname = "Moss";
    p.nhs_number = "9434765870";
    p.shielding = domain::Shielding::kNone;
    p.date_of_birth = *Date::Parse("2018-05-06");
    ASSIGN_OR_RETURN(unrelated, tx.InsertPerson(p));
    return Status::Ok();
  }).ok());
  auto sam = area.Login("sam");  // works in the hub, with none of these children
  store::PersonQuery by_name;
  by_name.name_contains = "reid";
  auto found = mash.SearchArea(sam, by_name, "contact from a school about a Reid child");
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->children.size(), 2u);  // Ava and Cara; a shielded child's name is visible
  EXPECT_FALSE(found->more);

  store::PersonQuery by_nhs;
  by_nhs.nhs_number = "9434765919";
  auto hidden = mash.SearchArea(sam, by_nhs, "police referral");
  ASSERT_TRUE(hidden.ok()) << hidden.status().message();
  EXPECT_TRUE(hidden->children.empty());  // a shielded child's NHS number never matches
  by_nhs.nhs_number = "9434765870";
  auto dan = mash.SearchArea(sam, by_nhs, "police referral");
  ASSERT_TRUE(dan.ok());
  ASSERT_EQ(dan->children.size(), 1u);
  EXPECT_EQ(dan->children[0].name, "Dan Moss");
  EXPECT_EQ(dan->children[0].date_of_birth.value_or(Date()), *Date::Parse("2018-05-06"));
  bool named = false;
  for (const auto& e : area.AuditOf(unrelated)) {
    named |= e.action == "mash_area_search" && e.username == "sam" && e.reason == "police referral";
  }
  EXPECT_TRUE(named);

  // Denied: no reason; not the hub (a practitioner, an all-scope lead, an administrator).
  EXPECT_EQ(mash.SearchArea(sam, by_name, "").status().field(), "reason");
  EXPECT_EQ(mash.SearchArea(area.Login("jo"), by_name, "curious").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(mash.SearchArea(area.Login("lead"), by_name, "curious").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(mash.SearchArea(area.Login("admin"), by_name, "curious").status().code(), StatusCode::kPermissionDenied);
  store::PersonQuery vague;
  vague.name_contains = "r";
  EXPECT_EQ(mash.SearchArea(sam, vague, "x").status().code(), StatusCode::kInvalidArgument);
  int denied = 0;
  (void)area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ScanAudit(0, 100000));
    for (const auto& e : all) denied += e.action == "mash_area_search" && e.outcome == domain::AuditOutcome::kDenied;
    return Status::Ok();
  });
  EXPECT_EQ(denied, 4);
}

TEST_F(MashTest, RatingStartsAWorkingHoursClockAndOverdueContactsEscalate) {
  auto sam = area.Login("sam");
  auto contact = Contact(sam);
  EXPECT_EQ(mash.Rate(sam, contact, domain::RagRating::kRed).status().code(), StatusCode::kPermissionDenied);
  auto manager = area.Login("hub.manager");
  // 2024-06-01 is a Saturday: a red rating made then is due at 13:00 (BST) on Monday.
  auto rated = mash.Rate(manager, contact, domain::RagRating::kRed);
  ASSERT_TRUE(rated.ok()) << rated.status().message();
  EXPECT_EQ(FormatTimestamp(rated->due_at), "2024-06-03T12:00:00Z");
  EXPECT_FALSE(mash.Queue(sam)->at(0).escalated);
  area.clock.Set(rated->due_at + 60);
  auto queue = *mash.Queue(area.Login("sam"));
  EXPECT_TRUE(queue.at(0).escalated);
  EXPECT_LT(queue.at(0).seconds_left, 0);
}

TEST_F(MashTest, ClocksSkipBankHolidaysByDefault) {
  // The default settings count England and Wales working days: 26 August 2024 is the
  // summer bank holiday, so a red rating on Saturday 24th is due on Tuesday at 13:00 BST.
  Mash with_holidays{*area.store, area.clock, MashSettings{area.assessment_team, {}}};
  area.clock.Set(1724493600);  // 2024-08-24T10:00:00Z
  auto contact = Contact(area.Login("sam"));
  auto rated = with_holidays.Rate(area.Login("hub.manager"), contact, domain::RagRating::kRed);
  ASSERT_TRUE(rated.ok()) << rated.status().message();
  EXPECT_EQ(FormatTimestamp(rated->due_at), "2024-08-27T12:00:00Z");
}

TEST_F(MashTest, DecidingNeedsARatingAndClosesTheContact) {
  auto sam = area.Login("sam");
  auto contact = Contact(sam);
  EXPECT_EQ(mash.Decide(sam, contact, "referral to social care").field(), "rating");
  ASSERT_TRUE(mash.Rate(area.Login("hub.manager"), contact, domain::RagRating::kAmber).ok());
  ASSERT_TRUE(mash.Decide(sam, contact, "referral to social care").ok());
  EXPECT_TRUE(mash.Queue(sam)->empty());
  EXPECT_EQ(mash.Decide(sam, contact, "again").code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace safehub::app
