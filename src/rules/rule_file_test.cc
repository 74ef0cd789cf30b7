#include <string>

#include <gtest/gtest.h>

#include "rules/rule_set.h"

namespace safehub::rules {
namespace {

// A valid one-rule file; tests break one line of it at a time.
constexpr const char* kValid = R"(version: 1
rules:
  - id: two_agencies
    title: Two agencies
    source: test
    window_days: 7
    when:
      - kinds: police_incident
        where: {risk: high}
        at_least: 2
        count: days
    severity: 3
    action: Look
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The status of loading `text`, which must fail.
Status Refused(const std::string& text) {
  auto r = ParseRuleFile(text, "test.yaml");
  EXPECT_FALSE(r.ok());
  return r.ok() ? Status::Ok() : r.status();
}

bool Mentions(const Status& s, const std::string& field_part, const std::string& message_part) {
  for (const Violation& v : s.violations()) {
    if (v.field.find(field_part) != std::string::npos && v.message.find(message_part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(RuleFileTest, BuiltInRulesLoadAndCoverTheIssue) {
  auto r = ParseRuleFile(DefaultRuleFileText(), "built-in");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const char* id : {"persistent_absence_with_concern", "concerns_from_two_agencies",
                         "repeated_domestic_abuse", "frequent_unscheduled_care_under_5",
                         "missed_health_appointment_not_followed_up",
                         "new_adult_known_to_police_or_probation", "child_on_plan_moves_out_of_area"}) {
    const Rule* rule = r->Find(id);
    ASSERT_NE(rule, nullptr) << id;
    EXPECT_FALSE(rule->source.empty()) << id;
  }
  EXPECT_EQ(DefaultRuleSet().rules().size(), r->rules().size());
  EXPECT_EQ(r->escalation().worker_hours, 16);
}

TEST(RuleFileTest, ValidFileLoads) {
  auto r = ParseRuleFile(kValid, "test.yaml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Rule& rule = r->rules().at(0);
  EXPECT_EQ(rule.window_days, 7);
  ASSERT_EQ(rule.clauses.size(), 1u);
  EXPECT_EQ(rule.clauses[0].at_least, 2);
  EXPECT_EQ(rule.clauses[0].distinct, Distinct::kDay);
  EXPECT_EQ(r->origin(), "test.yaml");
}

TEST(RuleFileTest, TypoInFieldNamesLineAndSuggests) {
  const Status s = Refused(Replace(kValid, "window_days: 7", "windows_days: 7"));
  EXPECT_TRUE(Mentions(s, "line 6: rules[0](two_agencies).windows_days", "did you mean 'window_days'?")) << s.message();
  // The missing field is reported too: every problem at once.
  EXPECT_TRUE(Mentions(s, "rules[0](two_agencies).window_days", "is required")) << s.message();
  EXPECT_NE(s.message().find("rule file test.yaml"), std::string::npos);
}

TEST(RuleFileTest, UnknownEventKindIsRefusedWithSuggestion) {
  const Status s = Refused(Replace(kValid, "kinds: police_incident", "kinds: police_incidnet"));
  EXPECT_TRUE(Mentions(s, "line 8: rules[0](two_agencies).when[0].kinds", "did you mean 'police_incident'?"))
      << s.message();
}

TEST(RuleFileTest, ImpossibleWindowsAreRefused) {
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "window_days: 7", "window_days: 0")), "line 6:", "between 1 and 3660"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "window_days: 7", "window_days: -3")), "window_days", "between"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "window_days: 7", "window_days: seven")), "window_days", "whole number"));
  // Ten distinct days cannot fall within seven.
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "at_least: 2", "at_least: 10")), "line 10:", "cannot fall within"));
}

TEST(RuleFileTest, BadSeverityRouteAndValuesAreRefused) {
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "severity: 3", "severity: 9")), "line 12: rules[0](two_agencies).severity", "between 1 and 5"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "action: Look", "action: Look\n    route_to: masch")), "route_to", "did you mean 'mash'?"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "{risk: high}", "{risk: hihg}")), "where.risk", "did you mean 'high'?"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "{risk: high}", "{rsk: high}")), "where.rsk", "did you mean 'risk'?"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "{risk: high}", "{risk: {below: 3}}")), "where.risk", "not a number"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "count: days", "count: dayz")), "count", "did you mean 'days'?"));
}

TEST(RuleFileTest, DuplicateIdsAndMissingFieldsAreRefused) {
  std::string two = kValid;
  two += two.substr(two.find("  - id:"));
  EXPECT_TRUE(Mentions(Refused(two), "rules[1](two_agencies).id", "already the id"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "    source: test\n", "")), "line 3: rules[0](two_agencies).source", "is required"));
  EXPECT_TRUE(Mentions(Refused("version: 1\n"), "rules", "is required"));
  EXPECT_TRUE(Mentions(Refused(Replace(kValid, "version: 1", "version: 2")), "version", "between 1 and 1"));
}

TEST(RuleFileTest, SyntaxErrorNamesItsLine) {
  const Status s = Refused(Replace(kValid, "    severity: 3", "    severity: [3"));
  ASSERT_FALSE(s.violations().empty());
  EXPECT_NE(s.violations()[0].message.find("not valid YAML"), std::string::npos) << s.message();
  EXPECT_EQ(s.violations()[0].field.rfind("line ", 0), 0u);
}

TEST(RuleFileTest, FollowUpAttributeMustExistOnBothKinds) {
  const std::string text = Replace(kValid, "    severity: 3", "    unless_followed_by: {kinds: health_follow_up, within_days: 28, same: service}\n    severity: 3");
  EXPECT_TRUE(Mentions(Refused(text), "unless_followed_by.same", "not an attribute of police_incident"));
}

TEST(RuleFileTest, KindGroupsExpandAndUnknownGroupsAreRefused) {
  const std::string grouped = Replace(Replace(kValid, "version: 1\n", "version: 1\nkind_groups:\n  concern: [police_incident, school_exclusion]\n"),
                                      "kinds: police_incident\n        where: {risk: high}", "kinds: concern");
  auto r = ParseRuleFile(grouped, "g.yaml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(__builtin_popcount(r->rules()[0].clauses[0].kinds), 2);
  EXPECT_TRUE(Mentions(Refused(Replace(grouped, "kinds: concern", "kinds: concerns")), "kinds", "did you mean 'concern'?"));
}

TEST(RuleFileTest, GarbageNeverThrows) {
  for (const char* text : {"", "[", "- a\n- b", "rules: 3", "version: 1\nrules: [1, 2]", "a: &a [*a]",
                           "version: 1\nrules:\n  - {id: X, when: 5}", "\t\t:"}) {
    auto r = ParseRuleFile(text, "garbage");
    EXPECT_FALSE(r.ok()) << text;
  }
}

}  // namespace
}  // namespace safehub::rules
