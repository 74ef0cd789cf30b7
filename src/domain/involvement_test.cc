#include "domain/involvement.h"

#include <gtest/gtest.h>

#include "domain/event.h"
#include "domain/organisation.h"

namespace safehub::domain {
namespace {

const Date kToday = *Date::Parse("2024-06-01");

Involvement Camhs() {
  Involvement i;
  i.child = PersonId(1);
  i.team = TeamId(2);
  i.service = "CAMHS";
  i.started_on = *Date::Parse("2024-01-10");
  return i;
}

TEST(InvolvementTest, SensitiveServiceNeedsConsent) {
  Involvement i = Camhs();
  i.sensitive_service = SensitiveService::kMentalHealth;
  EXPECT_EQ(Validate(i, kToday).field(), "consent_recorded");
  i.consent_recorded = true;
  EXPECT_TRUE(Validate(i, kToday).ok());
}

TEST(InvolvementTest, RefusesEndBeforeStartAndFutureStart) {
  Involvement i = Camhs();
  i.ended_on = *Date::Parse("2023-12-31");
  EXPECT_EQ(Validate(i, kToday).field(), "ended_on");
  i = Camhs();
  i.started_on = *Date::Parse("2024-07-01");
  EXPECT_EQ(Validate(i, kToday).field(), "started_on");
}

TEST(InvolvementTest, ActiveBetweenStartAndEndInclusive) {
  Involvement i = Camhs();
  i.ended_on = *Date::Parse("2024-03-01");
  EXPECT_FALSE(i.IsActiveOn(*Date::Parse("2024-01-09")));
  EXPECT_TRUE(i.IsActiveOn(*Date::Parse("2024-01-10")));
  EXPECT_TRUE(i.IsActiveOn(*Date::Parse("2024-03-01")));
  EXPECT_FALSE(i.IsActiveOn(*Date::Parse("2024-03-02")));
}

TEST(EventTest, ValidatesKindDateAndSummary) {
  Event e;
  e.child = PersonId(1);
  e.agency = AgencyId(2);
  e.kind = "police_incident";
  e.occurred_on = *Date::Parse("2024-05-30");
  e.summary = "domestic incident at the family home";
  EXPECT_TRUE(Validate(e, kToday).ok());
  e.kind = "Police Incident";
  e.occurred_on = *Date::Parse("2024-06-02");
  e.summary = "";
  Status s = Validate(e, kToday);
  ASSERT_EQ(s.violations().size(), 3u) << s.message();
}

TEST(OrganisationTest, ValidatesTeamsAndPractitioners) {
  Team t{TeamId(), AgencyId(), "", "020 7946 0000", "call us"};
  Status s = Validate(t);
  ASSERT_EQ(s.violations().size(), 3u) << s.message();
  Practitioner p{PractitionerId(), TeamId(3), "Sam Patel", "Social worker", "sam.example", "0207"};
  EXPECT_EQ(Validate(p).field(), "email");
  EXPECT_EQ(*ParseAgencyKind("youth_offending"), AgencyKind::kYouthOffending);
  EXPECT_FALSE(ParseAgencyKind("army").ok());
}

}  // namespace
}  // namespace safehub::domain
