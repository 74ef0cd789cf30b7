#include "domain/workflow/chronology.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }
const Date kToday = D("2024-07-31");
const AgencyId kPolice(1), kSocialCare(2), kSchool(3);
const std::map<AgencyId, std::string> kNames = {
    {kPolice, "Northshire Police"}, {kSocialCare, "Children's Social Care"}, {kSchool, "Oakfield Primary"}};

Event MakeEvent(std::int64_t id, AgencyId agency, const char* on, const char* kind, Significance s) {
  Event e;
  e.id = EventId(id);
  e.agency = agency;
  e.occurred_on = D(on);
  e.kind = kind;
  e.summary = std::string(kind) + " summary";
  e.significance = s;
  return e;
}

CaseHistory CaseWithLateIcpc() {
  auto c = *CaseHistory::Create({PersonId(9), D("2018-02-14"), std::nullopt});
  HoldInitialConference icpc;
  icpc.held_on = D("2024-05-28");
  icpc.late_reason = "chair unavailable";
  for (AgencyRole role : {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kSchool}) {
    icpc.record.participants.push_back({AgencyId(), role, PractitionerId(), std::nullopt, Attendance::kPresent, ""});
  }
  for (const Step& s : std::vector<Step>{
           ReceiveReferral{D("2024-05-01"), "5A", "N1", ReferralKind::kStandard, {}, ""},
           HoldStrategyDiscussion{{}, D("2024-05-02"), StrategyDecision::kSection47Enquiry, ""},
           CompleteSection47Enquiry{{}, D("2024-05-20"), Section47Outcome::kInitialConference}, icpc,
           StartChildProtectionPlan{{}, D("2024-05-28"), AbuseCategory::kNeglect, PractitionerId(4)}}) {
    auto r = c.Apply(s, kToday);
    EXPECT_TRUE(r.ok()) << NameOf(s) << ": " << r.status().ToString();
  }
  return c;
}

TEST(ChronologyTest, MergesAgencyEventsAndWorkflowRecordsInDateOrder) {
  const CaseHistory c = CaseWithLateIcpc();
  const std::vector<Event> events = {MakeEvent(1, kPolice, "2024-04-30", "police_incident", Significance::kHigh),
                                     MakeEvent(2, kSchool, "2024-05-21", "school_attendance", Significance::kLow)};
  const std::vector<ChronologyInput> inputs = {{PersonId(9), "Ava Reid", events, &c}};
  auto entries = BuildChronology(inputs, kNames, kSocialCare);
  ASSERT_GE(entries.size(), 8u);
  for (size_t i = 1; i < entries.size(); ++i) EXPECT_LE(entries[i - 1].date, entries[i].date);
  EXPECT_EQ(entries.front().kind, "police_incident");
  EXPECT_EQ(entries.front().agency_name, "Northshire Police");
  EXPECT_EQ(entries.front().reference, "event 1");
  EXPECT_EQ(entries[1].kind, "referral");
  EXPECT_EQ(entries[1].source, ChronologySource::kCasework);
  EXPECT_EQ(entries[1].agency_name, "Children's Social Care");
  bool late = false, plan = false;
  for (const auto& e : entries) {
    late |= e.kind == "late" && e.summary.find("chair unavailable") != std::string::npos &&
            e.reference == "strategy discussion 1";
    plan |= e.kind == "cp plan" && e.summary == "Child protection plan started: neglect" &&
            e.significance == Significance::kHigh;
  }
  EXPECT_TRUE(late);
  EXPECT_TRUE(plan);
}

TEST(ChronologyTest, FiltersByAgencyAndSignificance) {
  const CaseHistory c = CaseWithLateIcpc();
  const std::vector<Event> events = {MakeEvent(1, kPolice, "2024-04-30", "police_incident", Significance::kHigh),
                                     MakeEvent(2, kSchool, "2024-05-21", "school_attendance", Significance::kLow)};
  const std::vector<ChronologyInput> inputs = {{PersonId(9), "Ava Reid", events, &c}};
  auto police = BuildChronology(inputs, kNames, kSocialCare, {kPolice, Significance::kLow});
  ASSERT_EQ(police.size(), 1u);
  EXPECT_EQ(police[0].kind, "police_incident");
  auto high = BuildChronology(inputs, kNames, kSocialCare, {std::nullopt, Significance::kHigh});
  for (const auto& e : high) EXPECT_EQ(e.significance, Significance::kHigh) << e.kind;
  EXPECT_GT(high.size(), 3u);
  auto casework_only = BuildChronology(inputs, kNames, kSocialCare, {kSocialCare, Significance::kMedium});
  for (const auto& e : casework_only) EXPECT_EQ(e.source, ChronologySource::kCasework);
}

TEST(ChronologyTest, AHouseholdChronologyInterleavesItsMembers) {
  const std::vector<Event> ava = {MakeEvent(1, kPolice, "2024-03-01", "police_incident", Significance::kHigh)};
  const std::vector<Event> ben = {MakeEvent(2, kSchool, "2024-02-01", "exclusion", Significance::kMedium),
                                  MakeEvent(3, AgencyId(99), "2024-04-01", "ae_attendance", Significance::kMedium)};
  const std::vector<ChronologyInput> inputs = {{PersonId(1), "Ava", ava, nullptr}, {PersonId(2), "Ben", ben, nullptr}};
  auto entries = BuildChronology(inputs, kNames, kSocialCare);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].person_name, "Ben");
  EXPECT_EQ(entries[1].person_name, "Ava");
  EXPECT_EQ(entries[2].agency_name, "agency 99");
}

}  // namespace
}  // namespace safehub::domain
