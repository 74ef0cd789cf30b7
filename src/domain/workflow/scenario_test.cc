#include "domain/workflow/scenario.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

std::vector<std::string> RunText(const std::string& text) {
  auto scenarios = ParseScenarios(text);
  EXPECT_TRUE(scenarios.ok()) << scenarios.status().message();
  if (!scenarios.ok() || scenarios->empty()) return {"unparsed"};
  return RunScenario(scenarios->front(), WorkingDayCalendar::EnglandAndWales());
}

constexpr const char* kIcpc =
    "scenario: icpc\n"
    "given child born 2019-04-02\n"
    "when referral received 2024-05-01 from 5A\n"
    "when referral decided 2024-05-02 decides strategy discussion\n"
    "when strategy discussion held 2024-05-03\n";

TEST(ScenarioParserTest, SplitsFilesIntoScenariosAndSkipsComments) {
  auto scenarios = ParseScenarios("# about\n\nscenario: one\ngiven child born 2019-04-02\r\n"
                                  "scenario: two\n  when referral received 2024-05-01 from 5A\nexpect re-referral\n");
  ASSERT_TRUE(scenarios.ok()) << scenarios.status().message();
  ASSERT_EQ(scenarios->size(), 2u);
  EXPECT_EQ((*scenarios)[1].title, "two");
  ASSERT_EQ((*scenarios)[1].lines.size(), 2u);
  EXPECT_EQ((*scenarios)[1].lines[0].line, 6);
  EXPECT_EQ((*scenarios)[1].lines[0].text, "referral received 2024-05-01 from 5A");
}

TEST(ScenarioParserTest, RejectsEveryMalformedLine) {
  auto scenarios = ParseScenarios("given child born 2019-04-02\nscenario:\nwhenever\nexpect\nscenario: empty\n");
  ASSERT_FALSE(scenarios.ok());
  const std::string m = scenarios.status().message();
  EXPECT_NE(m.find("line 1 comes before the first 'scenario:' line"), std::string::npos) << m;
  EXPECT_NE(m.find("line 2 a scenario needs a title"), std::string::npos) << m;
  EXPECT_NE(m.find("line 3 'whenever' is not"), std::string::npos) << m;
  EXPECT_NE(m.find("line 4 says nothing after its keyword"), std::string::npos) << m;
  EXPECT_NE(m.find("scenario 'empty' has no lines"), std::string::npos) << m;
  EXPECT_FALSE(ParseScenarios("").ok());
}

TEST(ScenarioParserTest, TokenizesQuotesCommasAndColons) {
  auto tokens = TokenizeScenarioPhrase("refused \"a, b: c\" x,y:z");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 7u);
  EXPECT_EQ((*tokens)[1].text, "a, b: c");
  EXPECT_TRUE((*tokens)[1].quoted);
  EXPECT_EQ((*tokens)[3].text, ",");
  EXPECT_FALSE(TokenizeScenarioPhrase("late \"unclosed").ok());
}

// The runner must be able to fail, or the scenario files prove nothing.
TEST(ScenarioRunnerTest, ReportsEachKindOfFailureWithItsLine) {
  struct Case {
    const char* what;
    std::string text;
    const char* failure;
  };
  const Case cases[] = {
      {"wrong due date", std::string(kIcpc) + "expect icpc due 2024-05-23\n",
       "line 6: icpc is due 2024-05-24, expected 2024-05-23 (started by strategy discussion 1)"},
      {"unexpected refusal", std::string(kIcpc) + "when icpc held 2024-05-04\nexpect icpc open\n",
       "line 7: the step at line 6 was refused: icpc 1: held_on 2024-05-04 is at a weekend"},
      {"refusal expected but accepted", std::string(kIcpc) + "expect refused \"anything\"\n",
       "line 6: expected a refusal, but the step before was accepted"},
      {"refusal with other words", std::string(kIcpc) + "when icpc held 2024-05-04\nexpect refused \"quorum\"\n",
       "line 7: the refusal does not say \"quorum\""},
      {"unknown step", std::string(kIcpc) + "when moon landing 2024-05-04\n",
       "line 6: 'when moon landing' is not a step scenarios know"},
      {"unknown check", std::string(kIcpc) + "expect sunshine\n", "line 6: 'expect sunshine' is not a check"},
      {"no child", "scenario: x\nwhen referral received 2024-05-01 from 5A\n", "line 2: no 'given child born"},
      {"wrong overdue list", std::string(kIcpc) + "expect overdue on 2024-06-01 nothing\n",
       "line 6: overdue on 2024-06-01: icpc, expected nothing"},
      {"date out of range", "scenario: x\ngiven child born 2019-04-02\nwhen referral received 9999-05-01 from 5A\n",
       "line 3: 9999-05-01 is outside the years scenarios use"},
      {"refusal left unchecked at the end", std::string(kIcpc) + "when icpc held 2024-05-04\n",
       "line 6: the step at line 6 was refused"},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> failures = RunText(c.text);
    ASSERT_FALSE(failures.empty()) << c.what;
    EXPECT_NE(failures.front().find(c.failure), std::string::npos) << c.what << ": " << failures.front();
  }
}

TEST(ScenarioRunnerTest, PassesWhenEveryExpectationHolds) {
  EXPECT_TRUE(RunText(std::string(kIcpc) + "expect icpc due 2024-05-24\nexpect due within 15 working days of "
                                        "2024-05-10 icpc\nexpect referral decision met\n")
                  .empty());
}

}  // namespace
}  // namespace safehub::domain
