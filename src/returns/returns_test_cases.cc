#include "returns/returns_test_cases.h"

#include <cstdio>
#include <cstdlib>

#include "domain/identifiers.h"

namespace safehub::returns::testing {

using namespace domain;

Date D(const char* iso) { return *Date::Parse(iso); }

std::string ValidUpn(std::int64_t serial) {
  char tail[16];
  std::snprintf(tail, sizeof tail, "891%09lld", static_cast<long long>(serial % 1000000000));
  auto letter = UpnCheckLetter(tail);
  return std::string(1, letter.ok() ? *letter : 'A') + tail;
}

MeetingRecord QuorateMeeting() {
  MeetingRecord r;
  for (AgencyRole role : {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kSchool}) {
    AgencyParticipation p;
    p.role = role;
    p.attendance = Attendance::kPresent;
    r.participants.push_back(p);
  }
  return r;
}

ChildCase MakeCase(std::int64_t id, std::optional<Date> born, std::optional<Date> expected,
                   const std::vector<Step>& steps) {
  Person p;
  p.id = PersonId(id);
  p.kind = born ? PersonKind::kChild : PersonKind::kUnbornChild;
  p.first_name = "Child";
  p.surname = "Number" + std::to_string(id);
  p.sex = id % 2 ? Sex::kFemale : Sex::kMale;
  p.date_of_birth = born;
  p.expected_birth_date = expected;
  p.ethnicity = "WBRI";
  auto history = CaseHistory::Create({p.id, born, expected});
  if (!history.ok()) {
    std::fprintf(stderr, "fixture child %lld: %s\n", static_cast<long long>(id), history.status().ToString().c_str());
    std::abort();
  }
  for (const Step& s : steps) {
    auto applied = history->Apply(s, D(kToday));
    if (!applied.ok()) {
      std::fprintf(stderr, "fixture child %lld, step %s: %s\n", static_cast<long long>(id),
                   std::string(NameOf(s)).c_str(), applied.status().ToString().c_str());
      std::abort();
    }
  }
  ChildCase c{p, "", {}, TeamId(1), PractitionerId(10 + id % 2), std::move(*history)};
  if (born) {
    c.person.upn = ValidUpn(id);
  } else {
    c.upn_unknown_reason = "UN2";  // never attended school, no UPN allocated
  }
  c.disabilities = {"NONE"};
  return c;
}

namespace {

std::vector<Step> CpPath() {
  HoldInitialConference icpc;
  icpc.held_on = D("2024-05-20");
  icpc.record = QuorateMeeting();
  HoldReviewConference review;
  review.held_on = D("2024-08-19");
  review.record = QuorateMeeting();
  HoldCoreGroupMeeting core;
  core.held_on = D("2024-05-30");
  core.record = QuorateMeeting();
  return {ReceiveReferral{D("2024-05-01"), "6", "N1", ReferralKind::kStandard, {}, ""},
          DecideOnReferral{{}, D("2024-05-02"), ReferralDecision::kStrategyDiscussion, ""},
          HoldStrategyDiscussion{{}, D("2024-05-02"), StrategyDecision::kSection47Enquiry, ""},
          icpc,
          StartChildProtectionPlan{{}, D("2024-05-20"), AbuseCategory::kPhysical, PractitionerId(10)},
          core,
          review};
}

std::vector<Step> AssessedWithCinPlan() {
  return {ReceiveReferral{D("2024-06-03"), "1A", "N2", ReferralKind::kStandard, {}, ""},
          StartAssessment{{}, D("2024-06-04"), ""},
          CompleteAssessment{{}, D("2024-07-15"), {"2A", "3A"}, AssessmentOutcome::kChildInNeedPlan, ""},
          StartChildInNeedPlan{{}, D("2024-07-16"), "", {}},
          EndChildInNeedPlan{{}, D("2025-01-10")},
          CloseEpisode{{}, D("2025-01-10"), ReasonForClosure::kRc8, ""}};
}

std::vector<Step> BeforeTheYear() {
  return {ReceiveReferral{D("2023-01-05"), "2A", "N3", ReferralKind::kStandard, {}, ""},
          DecideOnReferral{{}, D("2023-01-06"), ReferralDecision::kNoFurtherAction, ""},
          CloseEpisode{{}, D("2023-01-06"), ReasonForClosure::kRc7, ""}};
}

std::vector<Step> UnbornReferred() {
  return {ReceiveReferral{D("2025-02-03"), "5A", "N1", ReferralKind::kStandard, {}, ""},
          StartAssessment{{}, D("2025-02-04"), ""}};
}

}  // namespace

std::vector<ChildCase> SmallArea() {
  std::vector<ChildCase> area;
  area.push_back(MakeCase(1, D("2018-02-14"), std::nullopt, CpPath()));
  area.push_back(MakeCase(2, D("2015-09-01"), std::nullopt, AssessedWithCinPlan()));
  area.push_back(MakeCase(3, D("2012-03-03"), std::nullopt, BeforeTheYear()));
  area.push_back(MakeCase(4, std::nullopt, D("2025-05-01"), UnbornReferred()));
  return area;
}

LocalAuthority Northshire() { return {"891", "Northshire"}; }

}  // namespace safehub::returns::testing
