// Scenario files: the workflow's rules written as a social worker would say them, with
// `given` / `when` / `expect` lines (tests/scenario/README.md has the phrases). This is the
// parser (structure only) and the runner that plays a scenario against a CaseHistory. Both
// take outside text and never fail on it: bad lines come back as failures naming the line.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/calendar/working_day_calendar.h"

namespace safehub::domain {

enum class ScenarioLineKind { kGiven, kWhen, kExpect };

struct ScenarioLine {
  int line = 0;  // 1-based line number in the file
  ScenarioLineKind kind = ScenarioLineKind::kGiven;
  std::string text;  // after the keyword, trimmed
};

struct Scenario {
  int line = 0;
  std::string title;
  std::vector<ScenarioLine> lines;
};

// Splits a file into scenarios. Blank lines and '#' comments are skipped. kInvalidArgument
// naming every line that is not `scenario: title`, `given ...`, `when ...` or `expect ...`,
// a line before the first scenario, a scenario without lines, or a file over the limits
// (kMaxScenarioLines lines, kMaxLineLength characters a line).
inline constexpr int kMaxScenarioLines = 2000;
inline constexpr size_t kMaxLineLength = 1000;
Result<std::vector<Scenario>> ParseScenarios(std::string_view text);

// The words of a phrase: whitespace-separated, a "double-quoted string" is one token
// (without its quotes), and ',' and ':' are tokens of their own.
struct ScenarioToken {
  std::string text;
  bool quoted = false;
};
Result<std::vector<ScenarioToken>> TokenizeScenarioPhrase(std::string_view phrase);

// Plays a scenario: the `given` lines set up the child, today and the rules, each `when`
// applies a step (which must be accepted unless an `expect refused "..."` follows it), and
// each `expect` checks a due date, a timescale's state, an overdue or due-soon list, or a
// refusal. Every failure names its line; empty when the scenario holds.
std::vector<std::string> RunScenario(const Scenario& scenario, const WorkingDayCalendar& calendar);

}  // namespace safehub::domain
