// Fuzzes the parsers of outside identifiers and dates.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/date.h"
#include "domain/household.h"
#include "domain/identifiers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto date = safehub::Date::Parse(text);
  if (date.ok() && safehub::Date::Parse(date->ToString())->days() != date->days()) __builtin_trap();
  (void)safehub::domain::ValidateNhsNumber(text);
  (void)safehub::domain::ValidateUpn(text);
  auto postcode = safehub::domain::NormalisePostcode(text);
  // A normalised postcode normalises to itself.
  if (postcode.ok() && *safehub::domain::NormalisePostcode(*postcode) != *postcode) __builtin_trap();
  return 0;
}
