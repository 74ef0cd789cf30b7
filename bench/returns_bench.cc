// Figures for issue 5 on a synthetic area of 10,000 children whose histories are built by
// applying steps: the CIN census export (build, rules, XML, XSD validation, atomic write) and
// every indicator for a year. Prints the figures; not run by `make test`.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "returns/cin_census_export.h"
#include "returns/indicators.h"

using namespace safehub;
using namespace safehub::domain;
using namespace safehub::returns;

namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

MeetingRecord Quorate() {
  MeetingRecord r;
  for (AgencyRole role : {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kGeneralPractice}) {
    AgencyParticipation p;
    p.role = role;
    p.attendance = role == AgencyRole::kGeneralPractice ? Attendance::kApologies : Attendance::kPresent;
    r.participants.push_back(p);
  }
  AgencyParticipation school;
  school.role = AgencyRole::kSchool;
  school.attendance = Attendance::kPresent;
  r.participants.push_back(school);
  return r;
}

// Moves a date onto the next working day.
Date Working(const WorkingDayCalendar& cal, Date d) {
  while (!cal.IsWorkingDay(d)) d = d.AddDays(1);
  return d;
}

ChildCase MakeChild(std::int64_t id, std::mt19937_64& rng, Date today) {
  const auto& cal = WorkingDayCalendar::EnglandAndWales();
  std::uniform_int_distribution<int> day(0, 700), kind(0, 9), age(0, 16 * 365);
  Person p;
  p.id = PersonId(id);
  p.first_name = "Child";
  p.surname = "Bench";
  p.sex = id % 2 ? Sex::kFemale : Sex::kMale;
  p.date_of_birth = today.AddDays(-800 - age(rng));
  p.ethnicity = "WBRI";
  auto h = *CaseHistory::Create({p.id, p.date_of_birth, std::nullopt});
  const Date referral = Working(cal, today.AddDays(-760 + day(rng)));
  std::vector<Step> steps;
  steps.push_back(ReceiveReferral{referral, "5A", "N1", ReferralKind::kStandard, {}, ""});
  const int k = kind(rng);
  if (k < 5) {  // assessed; half get a CIN plan; closed
    steps.push_back(StartAssessment{{}, referral, ""});
    const Date done = cal.AddWorkingDays(referral, 20 + k * 8, StartDayConvention::kStartDayIsDayOne);
    steps.push_back(CompleteAssessment{{}, done, {"2A", "3B"}, AssessmentOutcome::kChildInNeedPlan, "bench"});
    steps.push_back(StartChildInNeedPlan{{}, done, "", {}});
    const Date end = Working(cal, done.AddDays(90));
    steps.push_back(EndChildInNeedPlan{{}, end});
    steps.push_back(CloseEpisode{{}, end, ReasonForClosure::kRc8, ""});
  } else if (k < 7) {  // no further action
    steps.push_back(DecideOnReferral{{}, referral, ReferralDecision::kNoFurtherAction, ""});
    steps.push_back(CloseEpisode{{}, referral, ReasonForClosure::kRc7, ""});
  } else {  // s47, ICPC, plan, core group, review
    steps.push_back(HoldStrategyDiscussion{{}, referral, StrategyDecision::kSection47Enquiry, ""});
    const Date icpc_on = cal.AddWorkingDays(referral, 10, StartDayConvention::kStartDayIsDayOne);
    HoldInitialConference icpc;
    icpc.held_on = icpc_on;
    icpc.record = Quorate();
    steps.push_back(icpc);
    steps.push_back(StartChildProtectionPlan{{}, icpc_on, AbuseCategory::kNeglect, PractitionerId(1 + id % 40)});
    HoldCoreGroupMeeting core;
    core.held_on = cal.AddWorkingDays(icpc_on, 5, StartDayConvention::kStartDayIsDayZero);
    core.record = Quorate();
    steps.push_back(core);
    HoldReviewConference review;
    review.held_on = Working(cal, icpc_on.AddDays(80));
    review.record = Quorate();
    steps.push_back(review);
  }
  for (const Step& s : steps) {
    if (DateOf(s) > today) break;
    if (!h.Apply(s, today).ok()) break;  // the bench keeps what the workflow accepts
  }
  ChildCase c{p, "UN2", {"NONE"}, TeamId(1 + id % 8), PractitionerId(1 + id % 40), std::move(h)};
  return c;
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main() {
  const Date today = D(2025, 6, 30);
  std::mt19937_64 rng(5);
  std::vector<ChildCase> cases;
  cases.reserve(10000);
  for (int i = 1; i <= 10000; ++i) cases.push_back(MakeChild(i, rng, today));
  CaseList source({"891", "Northshire"}, std::move(cases));
  const std::string out = (std::filesystem::temp_directory_path() / "returns_bench_cin.xml").string();

  auto t0 = std::chrono::steady_clock::now();
  auto check = ExportCinCensus(source, 2025, out, 1751270400);
  auto t1 = std::chrono::steady_clock::now();
  if (!check.ok()) {
    std::fprintf(stderr, "export failed: %s\n", check.status().ToString().c_str());
    return 1;
  }
  std::printf("CIN census 2025, 10000 children: %d in need, %zu failures, export %.1f ms (file %ju bytes)\n",
              check->children(), check->failures.size(), Ms(t1 - t0),
              static_cast<std::uintmax_t>(check->failures.empty() ? std::filesystem::file_size(out) : 0));
  auto all = *source.Cases();
  IndicatorQuery year{D(2024, 4, 1), D(2025, 3, 31), TeamId(), PractitionerId()};
  t0 = std::chrono::steady_clock::now();
  IndicatorReport report = ComputeIndicators(all, year);
  t1 = std::chrono::steady_clock::now();
  std::printf("every indicator for 2024/25 over 10000 children: %.1f ms (%ld referrals)\n", Ms(t1 - t0),
              report.Find("referrals")->numerator);
  t0 = std::chrono::steady_clock::now();
  auto trends = ComputeTrends(all, year);
  t1 = std::chrono::steady_clock::now();
  std::printf("12 monthly trend points of every indicator: %.1f ms\n", Ms(t1 - t0));
  std::filesystem::remove(out);
  return 0;
}
