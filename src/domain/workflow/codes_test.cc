#include "domain/workflow/codes.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

TEST(CodesTest, AcceptsCensusCodesAndRejectsOthers) {
  for (const char* ok : {"1A", "1D", "3F", "4", "5D", "10"}) EXPECT_TRUE(ValidateReferralSource(ok).ok()) << ok;
  for (const char* bad : {"", "1E", "11", "5a", " 6", "0"}) EXPECT_FALSE(ValidateReferralSource(bad).ok()) << bad;
  EXPECT_TRUE(ValidatePrimaryNeed("N0").ok());
  EXPECT_FALSE(ValidatePrimaryNeed("N10").ok());
  EXPECT_EQ(ValidatePrimaryNeed("X").field(), "primary_need");
}

TEST(CodesTest, FactorRules) {
  struct Case {
    std::vector<std::string> factors;
    size_t violations;
  };
  const Case cases[] = {
      {{"1B", "3A", "24A"}, 0}, {{"21"}, 0}, {{"18B", "19C"}, 0},
      {{}, 1},                     // none recorded
      {{"21", "3A"}, 1},           // 21 alone
      {{"18A"}, 1}, {{"19A", "18A"}, 2},
      {{"25A"}, 1}, {{"3A", "3A"}, 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FactorViolations(c.factors).size(), c.violations) << ::testing::PrintToString(c.factors);
  }
}

TEST(CodesTest, ReasonsForClosureAndCategoriesRoundTrip) {
  for (int i = 1; i <= 9; ++i) {
    const std::string code = "RC" + std::to_string(i);
    ASSERT_TRUE(ParseReasonForClosure(code).ok()) << code;
    EXPECT_EQ(ToCode(*ParseReasonForClosure(code)), code);
  }
  EXPECT_FALSE(ParseReasonForClosure("RC0").ok());
  EXPECT_EQ(*ParseAbuseCategory("SAB"), AbuseCategory::kSexual);
  EXPECT_EQ(*ParseAbuseCategory("neglect"), AbuseCategory::kNeglect);
  EXPECT_EQ(ToCode(AbuseCategory::kMultiple), "MUL");
  EXPECT_FALSE(ParseAbuseCategory("financial").ok());
}

}  // namespace
}  // namespace safehub::domain
