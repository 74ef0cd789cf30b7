// Fuzzes the XSD validation wrapper with arbitrary documents against the 2025 CIN schema:
// libxml2 reads them with network access and entity expansion off; nothing may crash and
// only OK or kInvalidArgument may come back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "returns/census.h"
#include "returns/xsd_validator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string_view xsd = *safehub::returns::CensusSchema(2025);
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  safehub::Status s = safehub::returns::ValidateAgainstSchema(xml, xsd);
  if (!s.ok() && s.code() != safehub::StatusCode::kInvalidArgument) std::abort();
  return 0;
}
