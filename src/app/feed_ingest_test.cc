#include "app/feed_ingest.h"

#include <gtest/gtest.h>

#include <sstream>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::TestArea;

class FeedIngestTest : public ::testing::Test {
 protected:
  TestArea area;
  IdentifierChildIndex index;
  FeedIngest ingest{*area.store, area.clock, index};
  FeedSource police{area.police, nullptr};

  std::int64_t EventsOf(PersonId child) {
    std::int64_t n = 0;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto events, tx.EventsOf(child, std::nullopt, std::nullopt));
      n = static_cast<std::int64_t>(events.size());
      return Status::Ok();
    });
    return n;
  }
};

constexpr const char* kHeader =
    "source_reference,first_name,surname,date_of_birth,sex,nhs_number,kind,occurred_on,summary,risk,notification,"
    "attendance_percent\n";

TEST_F(FeedIngestTest, LinksRowsToKnownChildrenAndRecordsNewOnes) {
  std::istringstream csv(std::string(kHeader) +
                         "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n"
                         "M-2,ava,REID,2015-02-03,F,,police_incident,2024-05-21,,low,information_only,\n"
                         "S-1,Noah,Khan,2012-09-09,M,9434765919,school_attendance,2024-04-01,,,,84\n");
  auto report = ingest.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->accepted, 3);
  EXPECT_EQ(report->linked_to_known_child, 2);
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(report->rejected, 0);
  EXPECT_EQ(EventsOf(area.child), 2);
  std::vector<domain::Event> events;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(events, tx.EventsOf(area.child, std::nullopt, std::nullopt));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(events[0].significance, domain::Significance::kHigh);
  EXPECT_EQ(events[0].attributes.at("notification"), "formal_referral");
  EXPECT_EQ(events[0].agency, area.police);
}

TEST_F(FeedIngestTest, ResendingIsIdempotent) {
  const std::string file = std::string(kHeader) +
                           "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n";
  std::istringstream first(file), second(file);
  ASSERT_EQ(ingest.IngestCsv(police, first)->accepted, 1);
  auto again = ingest.IngestCsv(police, second);
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(again->already_recorded, 1);
  EXPECT_EQ(EventsOf(area.child), 1);
}

TEST_F(FeedIngestTest, BadRowsAreReportedWithLineAndFieldAndGoodRowsStillLand) {
  std::istringstream csv(std::string(kHeader) +
                         "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n"
                         "M-2,Ava,Reid,2015-02-03,F,1234567890,police_incident,2024-05-20,,severe,,\n"
                         "M-3,Ava,Reid,2015-02-03,F,,police_incident,20-05-2024,,low,information_only,\n"
                         "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n"
                         "M-4,Ava,Reid,2015-02-03\n"
                         "M-5,Ava,Reid,2015-02-03,F,,police_incident,2024-05-22,,low,information_only,\n");
  auto report = ingest.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->accepted, 2);
  EXPECT_EQ(report->rejected, 4);
  std::set<std::pair<std::int64_t, std::string>> seen;
  for (const auto& r : report->rejections) seen.insert({r.line, r.field});
  EXPECT_TRUE(seen.count({3, "nhs_number"}));
  EXPECT_TRUE(seen.count({3, "risk"}));
  EXPECT_TRUE(seen.count({3, "notification"}));
  EXPECT_TRUE(seen.count({4, "occurred_on"}));
  EXPECT_TRUE(seen.count({5, "source_reference"}));
  EXPECT_TRUE(seen.count({6, "line"}));
  EXPECT_EQ(EventsOf(area.child), 2);
}

TEST_F(FeedIngestTest, RefusesAFileWithoutTheRequiredColumns) {
  std::istringstream csv("first_name,surname\nAva,Reid\n");
  auto report = ingest.IngestCsv(police, csv);
  EXPECT_EQ(report.status().field(), "source_reference");
}

TEST_F(FeedIngestTest, TwinsAreNotMergedByName) {
  // Same surname and birthday, different first names: two children, not one.
  std::istringstream csv(std::string(kHeader) +
                         "H-1,Ella,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n");
  auto report = ingest.IngestCsv(police, csv);
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(EventsOf(area.child), 0);
}

TEST_F(FeedIngestTest, JsonRowsAreValidatedTheSameWay) {
  std::vector<FeedRow> rows(2);
  rows[0].line = 1;
  rows[0].fields = {{"source_reference", "U-1"}, {"first_name", "Ava"}, {"surname", "Reid"},
                    {"date_of_birth", "2015-02-03"}, {"kind", "unscheduled_care_attendance"},
                    {"occurred_on", "2024-05-01"}, {"setting", "emergency_department"}};
  rows[1].line = 2;
  rows[1].fields = {{"source_reference", "U-2"}, {"kind", "unscheduled_care_attendance"}, {"occurred_on", "2024-05-01"}};
  auto report = ingest.Ingest(police, rows);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->accepted, 1);
  EXPECT_EQ(report->rejected, 1);
  ASSERT_EQ(report->rejections.size(), 2u);  // no way to find the child; no setting
  EXPECT_EQ(report->rejections[0].line, 2);
}

}  // namespace
}  // namespace safehub::app
