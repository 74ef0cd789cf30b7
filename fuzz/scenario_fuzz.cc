// Fuzzes the scenario file parser and runner (tests/scenario/*.scenario are outside text):
// no input may crash them, and whatever parses must run to a list of failures.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/workflow/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto scenarios = safehub::domain::ParseScenarios(text);
  if (!scenarios.ok()) {
    // A refused file always says why.
    if (scenarios.status().violations().empty()) __builtin_trap();
    return 0;
  }
  for (const auto& scenario : *scenarios) {
    (void)safehub::domain::RunScenario(scenario, safehub::domain::WorkingDayCalendar::EnglandAndWales());
  }
  return 0;
}
