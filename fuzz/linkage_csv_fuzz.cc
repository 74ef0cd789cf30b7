// Fuzz target: the linkage CSV reader and record parser (child-record schema and a FEBRL-like
// configuration) must never crash, and must either accept or reject with a message.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>

#include "linkage/config.h"
#include "linkage/record_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace safehub::linkage;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const LinkConfig kDefault = DefaultLinkConfig();
  static const LinkConfig kCompact = [] {
    auto parsed = ParseLinkConfig("[columns]\nrecord_id = \"id\"\nfirst_name = \"name\"\ndob = \"dob\"\n"
                                  "[dates]\nformat = \"YYYYMMDD\"\noff_calendar = \"keep\"\n",
                                  "fuzz.toml");
    return parsed.ok() ? *parsed : DefaultLinkConfig();
  }();
  for (const LinkConfig* config : {&kDefault, &kCompact}) {
    for (BadRowPolicy policy : {BadRowPolicy::kFail, BadRowPolicy::kSkip}) {
      std::unordered_set<std::string> seen;
      std::vector<Record> records;
      std::vector<RejectedRow> rejected;
      const auto status = ReadRecordsCsv("fuzz.csv", text, *config, policy, seen, records, rejected);
      if (!status.ok() && status.message().empty()) __builtin_trap();
      for (const auto& r : records) (void)Prepare(r);
    }
  }
  // The configuration parser takes outside input too.
  (void)ParseLinkConfig(text, "fuzz.toml");
  return 0;
}
