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
