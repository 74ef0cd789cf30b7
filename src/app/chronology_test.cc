#include "app/chronology.h"

#include <gtest/gtest.h>

#include "app/casework.h"
#include "app/test_area.h"

namespace safehub::app {
namespace {

using namespace safehub::domain;
using testing::TestArea;

Date D(const char* iso) { return *Date::Parse(iso); }

// The test area's child with a police event, a referral recorded by social care, and a
// sibling in the same household whom the police officer does not work with.
struct ChronologyArea : TestArea {
  Chronologies chronologies{*store, clock};
  Casework casework{*store, clock};
  HouseholdId household;
  PersonId sibling;

  ChronologyArea() {
    Event e;
    e.child = child;
    e.kind = "police_incident";
    e.occurred_on = D("2024-04-20");
    e.summary = "Domestic abuse incident; child present";
    e.significance = Significance::kHigh;
    if (!records.RecordEvent(Login("jo"), e).ok()) throw std::runtime_error("event");
    Involvement sam{InvolvementId(), child, assessment_team, social_worker, "children's social care", "social worker",
                    D("2024-05-01"), std::nullopt, SensitiveService::kNone, false};
    if (!records.RecordInvolvement(Login("jo"), sam).ok()) throw std::runtime_error("involvement");
    const Step referral = ReceiveReferral{D("2024-05-01"), "5A", "N1", ReferralKind::kStandard, {}, ""};
    if (!casework.RecordStep(Login("sam"), child, referral).ok()) throw std::runtime_error("referral");
    (void)store->Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(household, tx.InsertHousehold({HouseholdId(), "1 Church Road, Northshire", "NS1 1AA"}));
      Person p;
      p.first_name = "Ben";
      p.surname = "Reid";
      p.date_of_birth = D("2017-09-01");
      ASSIGN_OR_RETURN(sibling, tx.InsertPerson(p));
      RETURN_IF_ERROR(tx.AddMember({household, child, D("2015-02-03"), std::nullopt}));
      return tx.AddMember({household, sibling, D("2017-09-01"), std::nullopt});
    });
  }
};

TEST(ChronologiesTest, AChildsChronologyMergesAgencyEventsAndCaseworkAndIsAudited) {
  ChronologyArea area;
  auto view = area.chronologies.ForChild(area.Login("jo"), area.child, "", {});
  ASSERT_TRUE(view.ok()) << view.status().message();
  ASSERT_GE(view->entries.size(), 2u);
  EXPECT_EQ(view->entries[0].kind, "police_incident");
  EXPECT_EQ(view->entries[0].agency_name, "Northshire Police");
  EXPECT_EQ(view->entries[1].kind, "referral");
  EXPECT_EQ(view->entries[1].agency_name, "Northshire Council");
  EXPECT_EQ(area.AuditOf(area.child).front().action, "read_chronology");
  auto police_only = area.chronologies.ForChild(area.Login("jo"), area.child, "", {area.police, Significance::kLow});
  ASSERT_TRUE(police_only.ok());
  EXPECT_EQ(police_only->entries.size(), 1u);
  auto bo = area.chronologies.ForChild(area.Login("bo"), area.child, "", {});
  EXPECT_EQ(bo.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(area.AuditOf(area.child).front().outcome, AuditOutcome::kDenied);
}

TEST(ChronologiesTest, AHouseholdChronologyShowsOnlyMembersTheCallerMayOpen) {
  ChronologyArea area;
  auto view = area.chronologies.ForHousehold(area.Login("jo"), area.household, "", {});
  ASSERT_TRUE(view.ok()) << view.status().message();
  EXPECT_EQ(view->people, std::vector<PersonId>{area.child});
  EXPECT_EQ(view->withheld, 1);
  EXPECT_EQ(area.AuditOf(area.child).front().action, "read_household_chronology");
  EXPECT_TRUE(area.AuditOf(area.sibling).empty());
  auto bo = area.chronologies.ForHousehold(area.Login("bo"), area.household, "", {});
  EXPECT_EQ(bo.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(area.chronologies.ForHousehold(area.Login("jo"), HouseholdId(999), "", {}).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace safehub::app
