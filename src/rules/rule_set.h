// A validated set of cumulative-concern rules, compiled from a rule file (rule_file.cc) so
// the engine does no string work per clause. Immutable once built; share it between
// threads through std::shared_ptr<const RuleSet>.
//
// A rule holds when, within `window_days` (latest event minus earliest at most that many
// days), every clause is met by the subject's events: a clause counts the events of its
// kinds that meet its conditions (or their distinct days, or distinct agencies) and needs
// `at_least` of them. A rule with `unless_followed_by` holds instead when no follow-up
// event arrives within its days of the matching event.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "rules/vocabulary.h"

namespace safehub::rules {

enum class Scope { kChild, kHousehold };
std::string_view ToString(Scope scope);

enum class ConditionOp { kEquals, kIn, kBelow, kAtMost, kAbove, kAtLeast };

struct Condition {
  std::string attribute;
  ConditionOp op = ConditionOp::kEquals;
  std::vector<std::string> values;  // kEquals (one), kIn
  double number = 0;                // numeric ops
  bool Holds(const RuleEvent& event) const;
};

enum class Distinct { kEvent, kDay, kAgency };
std::string_view ToString(Distinct distinct);

inline constexpr int kMaxKinds = 32;
inline constexpr int kMaxAgencyKinds = 16;

struct Clause {
  std::string name;
  std::uint32_t kinds = 0;          // bit i: RuleEventKinds()[i]
  std::vector<Condition> where;
  std::uint32_t agency_kinds = 0;   // bit per domain::AgencyKind; 0 = any agency
  int at_least = 1;
  Distinct distinct = Distinct::kEvent;
  bool Matches(const RuleEvent& event, int kind_index) const;
};

// Who should first hold an alert of the rule.
enum class RouteTo { kLeadPractitioner, kMashQueue };
std::string_view ToString(RouteTo route);

struct FollowUp {
  std::uint32_t kinds = 0;
  int within_days = 0;
  std::string same_attribute;  // the follow-up must carry the same value (e.g. service)
};

struct Rule {
  std::string id;        // lower_snake, unique in the set: part of every de-duplication key
  std::string title;
  std::string source;    // where the rule comes from (review, guidance)
  Scope scope = Scope::kChild;
  int window_days = 0;
  std::vector<Clause> clauses;
  std::optional<int> child_age_under;  // years, on the event's date
  std::optional<bool> child_on_plan;   // any plan on the event's date
  std::optional<FollowUp> unless_followed_by;
  int severity = 1;      // 1-5, the base of the alert's score
  std::string action;    // what the holder should consider doing
  RouteTo route_to = RouteTo::kLeadPractitioner;
  std::optional<int> respond_within_hours;  // overrides the file's worker_hours

  // Whether the event passes the rule's child conditions (age, plan).
  bool ChildConditionsHold(const RuleEvent& event) const;
};

// Working hours each holder has before an unacknowledged alert passes up the chain.
struct EscalationHours {
  int worker_hours = 16;        // lead practitioner or the MASH queue
  int team_manager_hours = 8;   // then the head of service holds it
};

class RuleSet {
 public:
  RuleSet(std::vector<Rule> rules, EscalationHours escalation, std::string origin);
  const std::vector<Rule>& rules() const { return rules_; }
  const Rule* Find(std::string_view id) const;
  const EscalationHours& escalation() const { return escalation_; }
  const std::string& origin() const { return origin_; }  // file name or "built-in"
  // Bit i set when some rule (clause or follow-up) names kind i: other events are skipped.
  std::uint32_t relevant_kinds() const { return relevant_kinds_; }

 private:
  std::vector<Rule> rules_;
  EscalationHours escalation_;
  std::string origin_;
  std::uint32_t relevant_kinds_ = 0;
};

// Parses and validates a rule file (YAML, see docs/rules.md). Every problem is reported,
// each naming its line and field: kInvalidArgument with one violation per problem; the
// field is "line N: rules[i].field". `origin` names the file in messages.
Result<RuleSet> ParseRuleFile(std::string_view text, std::string_view origin);

// The built-in rules (src/rules/default_rules.yaml, embedded at build time).
std::string_view DefaultRuleFileText();
// The built-in rules, parsed; they are tested to be valid.
const RuleSet& DefaultRuleSet();

}  // namespace safehub::rules
