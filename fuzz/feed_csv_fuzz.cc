// Fuzzes the CSV reader and the feed row validation behind `safehub feed import` and
// POST /api/v1/feeds/events: any bytes give a report, never a crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "app/feed_ingest.h"
#include "interchange/csv_reader.h"

namespace {

struct World {
  std::unique_ptr<safehub::store::Store> store = safehub::store::NewMemoryStore();
  safehub::FakeClock clock{1717236000};
  safehub::app::IdentifierChildIndex index;
  safehub::app::FeedIngest ingest{*store, clock, index};
  safehub::AgencyId agency;
  World() {
    (void)store->Write([&](safehub::store::Transaction& tx) -> safehub::Status {
      ASSIGN_OR_RETURN(agency, tx.InsertAgency({safehub::AgencyId(), "Police", safehub::domain::AgencyKind::kPolice, ""}));
      return safehub::Status::Ok();
    });
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  {
    std::istringstream in(text);
    safehub::interchange::CsvReader reader(in, 256);
    for (int i = 0; i < 10000; ++i) {
      auto next = reader.Next();
      if (next.ok() && !next->has_value()) break;
    }
  }
  // A fresh store per input would be slow; a shared one grows, which the fuzzer tolerates.
  static World world;
  std::istringstream in(text);
  (void)world.ingest.IngestCsv({world.agency, nullptr}, in);
  return 0;
}
