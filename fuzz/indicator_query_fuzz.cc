// Fuzzes the parsing of the indicator and census-check query parameters (outside input):
// the input is split on '&' into from, to, team, worker and year; nothing may crash, and an
// accepted query must be a valid period.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "returns/indicators.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts(5);
  size_t field = 0;
  for (char c : text) {
    if (c == '&' && field + 1 < parts.size()) {
      ++field;
    } else {
      parts[field] += c;
    }
  }
  const safehub::Date today = *safehub::Date::FromYmd(2025, 6, 30);
  auto q = safehub::returns::ParseIndicatorQuery(parts[0], parts[1], parts[2], parts[3], today);
  if (q.ok() && !safehub::returns::Validate(*q).ok()) std::abort();
  (void)safehub::returns::ParseCensusYear(parts[4]);
  return 0;
}
