#include "returns/census_rules.h"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>

#include "returns/returns_test_cases.h"

namespace safehub::returns {
namespace {

using testing::D;

CensusReturn Valid() {
  auto cases = testing::SmallArea();
  return BuildCensus(*CensusPeriodFor(2025), testing::Northshire(), cases);
}

// Child 1 is on a CP plan (episode with s47, ICPC, plan, review); child 2 was assessed and
// had a CIN plan, closed; child 3 is unborn.
CensusChild& Cp(CensusReturn& r) { return r.children[0]; }
CensusChild& Assessed(CensusReturn& r) { return r.children[1]; }
CensusChild& Unborn(CensusReturn& r) { return r.children[2]; }

TEST(CensusRulesTest, TheHandBuiltAreaPassesEveryRule) {
  auto failures = CheckCensusRules(Valid());
  for (const auto& f : failures) ADD_FAILURE() << f.ToString();
}

struct Planted {
  const char* name;
  std::function<void(CensusReturn&)> plant;
  const char* rule;
  const char* child;  // LAchildID the failure names ("" for the header)
  const char* field;  // a part of the field it names
};

class PlantedFailureTest : public ::testing::TestWithParam<Planted> {};

TEST_P(PlantedFailureTest, IsReportedWithChildRuleFieldAndFix) {
  CensusReturn r = Valid();
  GetParam().plant(r);
  auto failures = CheckCensusRules(r);
  bool found = false;
  for (const auto& f : failures) {
    if (f.rule != GetParam().rule) {
      ADD_FAILURE() << "unexpected: " << f.ToString();
      continue;
    }
    found = true;
    EXPECT_EQ(f.child, GetParam().child);
    EXPECT_NE(f.field.find(GetParam().field), std::string::npos) << f.field;
    EXPECT_FALSE(f.message.empty());
    EXPECT_FALSE(f.fix.empty());
  }
  EXPECT_TRUE(found) << GetParam().name << ": no " << GetParam().rule << " failure";
}

INSTANTIATE_TEST_SUITE_P(
    EachRule, PlantedFailureTest,
    ::testing::Values(
        Planted{"lea not 3 digits", [](CensusReturn& r) { r.authority.code = "89"; }, "header-lea", "", "LEA"},
        Planted{"child id with a dash", [](CensusReturn& r) { Cp(r).la_child_id = "A-1"; }, "child-id", "A-1", "LAchildID"},
        Planted{"child id over 20", [](CensusReturn& r) { Cp(r).la_child_id = std::string(21, '7'); }, "child-id",
                "777777777777777777777", "LAchildID"},
        Planted{"duplicate child id", [](CensusReturn& r) { Assessed(r).la_child_id = "1"; }, "child-id", "1", "LAchildID"},
        Planted{"upn check letter wrong",
                [](CensusReturn& r) { Cp(r).upn[0] = Cp(r).upn[0] == 'A' ? 'B' : 'A'; }, "upn", "1", "UPN"},
        Planted{"no upn and no reason", [](CensusReturn& r) { Unborn(r).upn_unknown = ""; }, "upn", "4", "UPN"},
        Planted{"unknown reason not on the list", [](CensusReturn& r) { Unborn(r).upn_unknown = "UN9"; }, "upn", "4",
                "UPNunknown"},
        Planted{"upn and reason", [](CensusReturn& r) { Cp(r).upn_unknown = "UN2"; }, "upn", "1", "UPNunknown"},
        Planted{"both birth dates", [](CensusReturn& r) { Cp(r).expected_birth_date = D("2018-02-01"); }, "birth-date",
                "1", "PersonBirthDate"},
        Planted{"neither birth date", [](CensusReturn& r) { Unborn(r).expected_birth_date.reset(); }, "birth-date", "4",
                "PersonBirthDate"},
        Planted{"ethnicity missing", [](CensusReturn& r) { Cp(r).ethnicity = ""; }, "ethnicity", "1", "Ethnicity"},
        Planted{"ethnicity not a code", [](CensusReturn& r) { Cp(r).ethnicity = "White"; }, "ethnicity", "1", "Ethnicity"},
        Planted{"disability not a code", [](CensusReturn& r) { Cp(r).disabilities = {"DEAF"}; }, "disability", "1",
                "Disability"},
        Planted{"NONE with others", [](CensusReturn& r) { Cp(r).disabilities = {"NONE", "VIS"}; }, "disability", "1",
                "Disability"},
        Planted{"referral source", [](CensusReturn& r) { Cp(r).episodes[0].referral_source = "11"; }, "referral-source",
                "1", "CINdetails[1]/ReferralSource"},
        Planted{"primary need missing", [](CensusReturn& r) { Cp(r).episodes[0].primary_need = ""; }, "primary-need",
                "1", "PrimaryNeedCode"},
        Planted{"primary need not a code", [](CensusReturn& r) { Cp(r).episodes[0].primary_need = "N10"; },
                "primary-need", "1", "PrimaryNeedCode"},
        Planted{"closure without reason", [](CensusReturn& r) { Assessed(r).episodes[0].closure_reason = ""; },
                "closure", "2", "ReasonForClosure"},
        Planted{"reason without closure", [](CensusReturn& r) { Cp(r).episodes[0].closure_reason = "RC1"; }, "closure",
                "1", "CINclosureDate"},
        Planted{"reason not a code", [](CensusReturn& r) { Assessed(r).episodes[0].closure_reason = "RC10"; },
                "closure", "2", "ReasonForClosure"},
        Planted{"date after the reference date",
                [](CensusReturn& r) { Assessed(r).episodes[0].cin_plans[0].start = D("2025-04-02"); }, "dates-in-year",
                "2", "CINPlanStartDate"},
        Planted{"end before the year", [](CensusReturn& r) { Assessed(r).episodes[0].cin_plans[0].end = D("2024-03-30"); },
                "dates-in-year", "2", "CINPlanEndDate"},
        Planted{"two open episodes",
                [](CensusReturn& r) {
                  CensusEpisode second = Cp(r).episodes[0];
                  second.referral_date = D("2024-12-02");
                  second.cp_plans.clear();
                  second.section47s.clear();
                  second.initial_cpc.reset();
                  Cp(r).episodes.push_back(second);
                },
                "open-episode", "1", "CINdetails"},
        Planted{"open episode not the latest",
                [](CensusReturn& r) {
                  CensusEpisode later = Assessed(r).episodes[0];
                  later.referral_date = D("2025-02-03");
                  later.closure_date = D("2025-02-20");
                  later.cin_plans.clear();
                  Assessed(r).episodes[0].closure_date.reset();
                  Assessed(r).episodes[0].closure_reason.clear();
                  Assessed(r).episodes[0].cin_plans[0].end.reset();
                  Assessed(r).episodes.push_back(later);
                },
                "open-episode", "2", "CINdetails[1]"},
        Planted{"cin plan overlapping a cp plan",
                [](CensusReturn& r) { Cp(r).episodes[0].cin_plans.push_back({D("2024-06-01"), D("2024-07-01")}); },
                "cin-plan-overlap", "1", "CINPlanDates"},
        Planted{"icpc on a saturday",
                [](CensusReturn& r) {
                  auto& e = Cp(r).episodes[0];
                  e.initial_cpc = e.section47s[0].icpc = e.cp_plans[0].start = D("2024-05-18");
                },
                "icpc-weekend", "1", "DateOfInitialCPC"},
        Planted{"plan not starting on the icpc", [](CensusReturn& r) { Cp(r).episodes[0].cp_plans[0].start = D("2024-05-21"); },
                "cpp-start-icpc", "1", "CPPstartDate"},
        Planted{"review before the plan",
                [](CensusReturn& r) { Cp(r).episodes[0].cp_plans[0].reviews = {D("2024-05-20")}; }, "review-after-start",
                "1", "CPPreviewDate"},
        Planted{"authorised before started",
                [](CensusReturn& r) { Assessed(r).episodes[0].assessments[0].authorised = D("2024-06-03"); },
                "assessment-dates", "2", "AssessmentAuthorisationDate"},
        Planted{"factor 21 with others",
                [](CensusReturn& r) { Assessed(r).episodes[0].assessments[0].factors = {"21", "2A"}; }, "factors", "2",
                "FactorsIdentifiedAtAssessment"},
        Planted{"withdrawn factor 18A",
                [](CensusReturn& r) { Assessed(r).episodes[0].assessments[0].factors = {"18A"}; }, "factors", "2",
                "FactorsIdentifiedAtAssessment"},
        Planted{"authorised without factors",
                [](CensusReturn& r) { Assessed(r).episodes[0].assessments[0].factors.clear(); }, "factors", "2",
                "FactorsIdentifiedAtAssessment"}),
    [](const ::testing::TestParamInfo<Planted>& info) {
      std::string n = info.param.name;
      for (char& c : n) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return n;
    });

TEST(CensusRulesTest, PrimaryNeedMayBeMissingAfterNoFurtherAction) {
  CensusReturn r = Valid();
  Cp(r).episodes[0].primary_need = "";
  Cp(r).episodes[0].referral_nfa = true;
  for (const auto& f : CheckCensusRules(r)) EXPECT_NE(f.rule, "primary-need") << f.ToString();
}

TEST(CensusRulesTest, APlanMayEndTheDayTheOtherStarts) {
  CensusReturn r = Valid();
  Cp(r).episodes[0].cin_plans.push_back({D("2024-05-02"), D("2024-05-20")});
  for (const auto& f : CheckCensusRules(r)) EXPECT_NE(f.rule, "cin-plan-overlap") << f.ToString();
}

}  // namespace
}  // namespace safehub::returns
