#include "domain/workflow/conference.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

AgencyParticipation At(AgencyRole role, Attendance attendance, std::int64_t agency = 0) {
  AgencyParticipation p;
  p.role = role;
  p.attendance = attendance;
  p.agency = AgencyId(agency);
  return p;
}

TEST(ConferenceTest, QuorumIsSocialCarePlusTwoOtherAgenciesPresent) {
  using R = AgencyRole;
  using A = Attendance;
  struct Case {
    const char* what;
    std::vector<AgencyParticipation> participants;
    bool quorate;
  };
  const Case cases[] = {
      {"social care, police, health", {At(R::kSocialCare, A::kPresent), At(R::kPolice, A::kPresent), At(R::kHealth, A::kPresent)}, true},
      {"no social care", {At(R::kPolice, A::kPresent), At(R::kHealth, A::kPresent), At(R::kSchool, A::kPresent)}, false},
      {"report sent does not count", {At(R::kSocialCare, A::kPresent), At(R::kPolice, A::kPresent), At(R::kGeneralPractice, A::kReportSent)}, false},
      {"apologies do not count", {At(R::kSocialCare, A::kPresent), At(R::kPolice, A::kPresent), At(R::kSchool, A::kApologies)}, false},
      {"one agency counts once", {At(R::kSocialCare, A::kPresent), At(R::kHealth, A::kPresent, 7), At(R::kHealth, A::kPresent, 7)}, false},
      {"two health agencies count twice", {At(R::kSocialCare, A::kPresent), At(R::kHealth, A::kPresent, 7), At(R::kHealth, A::kPresent, 8)}, true},
      {"nobody", {}, false},
  };
  for (const Case& c : cases) {
    MeetingRecord record;
    record.participants = c.participants;
    EXPECT_EQ(IsQuorate(record), c.quorate) << c.what;
  }
}

TEST(ConferenceTest, ValidatesInvitationsActionsAndQuorum) {
  MeetingRecord record;
  record.participants = {At(AgencyRole::kSocialCare, Attendance::kPresent), At(AgencyRole::kPolice, Attendance::kAbsent),
                         At(AgencyRole::kPolice, Attendance::kApologies)};
  record.participants[1].invited_on = D("2024-05-21");
  record.actions = {{"", PractitionerId(), AgencyId(), D("2024-05-01")},
                    {"weekly visits", PractitionerId(4), AgencyId(), D("2024-06-01")}};
  Violations v("icpc 1");
  ValidateMeetingRecord(record, D("2024-05-20"), QuorumRequirement::kRequired, v);
  const Status s = v.ToStatus();
  EXPECT_EQ(s.violations().size(), 6u) << s.message();
  EXPECT_NE(s.message().find("police is listed twice"), std::string::npos);
  EXPECT_NE(s.message().find("invited 2024-05-21 after the meeting"), std::string::npos);
  EXPECT_NE(s.message().find("action 1 has no description"), std::string::npos);
  EXPECT_NE(s.message().find("action 1 has no owner"), std::string::npos);
  EXPECT_NE(s.message().find("action 1 is due 2024-05-01, before the meeting"), std::string::npos);
  EXPECT_NE(s.message().find("not quorate: 1 agencies present"), std::string::npos);
  // Each refusal names its path in the request body, so the form shows it beside the control.
  std::vector<std::string> fields;
  for (const auto& violation : s.violations()) fields.push_back(violation.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"record.participants[1].invited_on", "record.participants[2].role",
                                              "record.actions[0].description", "record.actions[0].owner",
                                              "record.actions[0].due", "record.participants[1].attendance"}));

  record.quorum_override_reason = "chair: risk too high to adjourn";
  record.participants.pop_back();
  record.actions.erase(record.actions.begin());
  record.participants[1].invited_on = D("2024-05-10");
  Violations ok("icpc 1");
  ValidateMeetingRecord(record, D("2024-05-20"), QuorumRequirement::kRequired, ok);
  EXPECT_TRUE(ok.empty()) << ok.ToStatus().message();
  // Social care not present: its attendance is named; every agency present but too few: the list.
  MeetingRecord absent_chair;
  absent_chair.participants = {At(AgencyRole::kPolice, Attendance::kPresent), At(AgencyRole::kSocialCare, Attendance::kApologies)};
  Violations chair("icpc 2");
  ValidateMeetingRecord(absent_chair, D("2024-05-20"), QuorumRequirement::kRequired, chair);
  EXPECT_EQ(chair.ToStatus().violations().at(0).field, "record.participants[1].attendance");
  absent_chair.participants[1].attendance = Attendance::kPresent;
  Violations few("icpc 3");
  ValidateMeetingRecord(absent_chair, D("2024-05-20"), QuorumRequirement::kRequired, few);
  EXPECT_EQ(few.ToStatus().violations().at(0).field, "record.participants");
  Violations core("core group 1");
  ValidateMeetingRecord({}, D("2024-05-20"), QuorumRequirement::kNotRequired, core);
  EXPECT_TRUE(core.empty());
  // The contact details agreed for an agency: a contact, not an essay.
  MeetingRecord contacts;
  contacts.participants = {At(AgencyRole::kPolice, Attendance::kPresent)};
  contacts.participants[0].contact_details = std::string(kMaxContactDetails, 'x');
  Violations fits("core group 2");
  ValidateMeetingRecord(contacts, D("2024-05-20"), QuorumRequirement::kNotRequired, fits);
  EXPECT_TRUE(fits.empty());
  contacts.participants[0].contact_details += "y";
  Violations too_long("core group 3");
  ValidateMeetingRecord(contacts, D("2024-05-20"), QuorumRequirement::kNotRequired, too_long);
  ASSERT_EQ(too_long.ToStatus().violations().size(), 1u);
  EXPECT_EQ(too_long.ToStatus().violations()[0].field, "record.participants[0].contact_details");
}

TEST(ConferenceTest, ParsesRolesAndAttendance) {
  EXPECT_EQ(*ParseAgencyRole("gp"), AgencyRole::kGeneralPractice);
  EXPECT_EQ(*ParseAttendance("report sent"), Attendance::kReportSent);
  EXPECT_FALSE(ParseAgencyRole("bank").ok());
  EXPECT_FALSE(ParseAttendance("late").ok());
}

}  // namespace
}  // namespace safehub::domain
