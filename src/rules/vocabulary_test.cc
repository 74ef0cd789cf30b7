#include <gtest/gtest.h>

#include "domain/feed_vocabulary.h"
#include "rules/vocabulary.h"

namespace safehub::rules {
namespace {

// A rule may name only what a feed can send: same kinds, attributes and choices.
TEST(VocabularyTest, RuleKindsAreTheFeedKinds) {
  ASSERT_EQ(RuleEventKinds().size(), domain::FeedEventKinds().size());
  for (const EventKindSpec& kind : RuleEventKinds()) {
    const domain::EventKindSpec* feed = domain::FindEventKind(kind.kind);
    ASSERT_NE(feed, nullptr) << kind.kind;
    ASSERT_EQ(kind.attributes.size(), feed->attributes.size()) << kind.kind;
    for (size_t i = 0; i < kind.attributes.size(); ++i) {
      EXPECT_EQ(kind.attributes[i].name, feed->attributes[i].name) << kind.kind;
      EXPECT_EQ(kind.attributes[i].choices, feed->attributes[i].choices) << kind.kind;
    }
  }
}

TEST(VocabularyTest, LegacyAttendanceAndPercentInSummaryAreRead) {
  domain::Event e;
  e.id = EventId(1);
  e.kind = "ae_attendance";
  RuleEvent r = FromDomainEvent(e, domain::AgencyKind::kHealth, {});
  EXPECT_EQ(r.kind, "unscheduled_care_attendance");
  ASSERT_NE(r.Attribute("setting"), nullptr);
  e.kind = "school_attendance";
  e.summary = "Attendance this term 87%";
  r = FromDomainEvent(e, domain::AgencyKind::kSchool, {});
  ASSERT_NE(r.Attribute("attendance_percent"), nullptr);
  EXPECT_EQ(*r.Attribute("attendance_percent"), "87");
}

}  // namespace
}  // namespace safehub::rules
