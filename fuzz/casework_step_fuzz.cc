// Fuzzes the casework step decoder (API bodies and stored payloads are outside text): any
// bytes must decode to a step or a refusal that names a field, and a decoded step must
// encode to text that decodes to the same text again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/casework_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto step = safehub::app::DecodeStep(text);
  if (!step.ok()) {
    if (step.status().field().empty()) __builtin_trap();
    return 0;
  }
  const std::string encoded = safehub::app::EncodeStep(*step);
  auto again = safehub::app::DecodeStep(encoded);
  if (!again.ok() || safehub::app::EncodeStep(*again) != encoded) __builtin_trap();
  return 0;
}
