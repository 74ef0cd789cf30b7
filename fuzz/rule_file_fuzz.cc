// Fuzzes the rule file loader: a safeguarding lead's YAML must never crash the server or
// the batch run, only be refused with its problems named.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/engine.h"
#include "rules/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = safehub::rules::ParseRuleFile(text, "fuzz");
  if (!parsed.ok()) {
    // A refusal always says what is wrong.
    if (parsed.status().violations().empty()) __builtin_trap();
    return 0;
  }
  // An accepted rule set runs: evaluate it over a small fixed history.
  std::vector<safehub::rules::RuleEvent> events;
  for (int i = 0; i < 6; ++i) {
    safehub::rules::RuleEvent e;
    e.id = safehub::EventId(i + 1);
    e.child = safehub::PersonId(1 + i % 2);
    e.household = safehub::HouseholdId(1);
    e.agency = safehub::AgencyId(1 + i % 3);
    e.kind = std::string(safehub::rules::RuleEventKinds()[i % safehub::rules::RuleEventKinds().size()].kind);
    e.occurred_on = safehub::Date::FromDays(19000 + i * 3);
    events.push_back(e);
  }
  (void)safehub::rules::Evaluate(*parsed, events, safehub::Date::FromDays(19100));
  return 0;
}
