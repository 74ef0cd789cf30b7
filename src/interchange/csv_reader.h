// A streaming RFC 4180 CSV reader: one record at a time from any std::istream, so a feed
// file of any size is read in bounded memory. Quoted fields may hold commas, doubled
// quotes and line breaks; CRLF and LF both end a record. Not thread-safe.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace safehub::interchange {

struct CsvRecord {
  std::int64_t line = 0;  // the physical line the record starts on (1-based)
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  // `max_field_bytes` bounds memory for a malformed file with an unterminated quote.
  explicit CsvReader(std::istream& in, std::size_t max_field_bytes = 64 * 1024)
      : in_(in), max_field_bytes_(max_field_bytes) {}

  // The next record, nullopt at the end of input, or kInvalidArgument naming the line
  // (unterminated quote, stray quote, field too long). After an error the reader skips to
  // the next line so the caller can report the row and go on.
  Result<std::optional<CsvRecord>> Next();

 private:
  std::istream& in_;
  std::size_t max_field_bytes_;
  std::int64_t line_ = 1;
};

}  // namespace safehub::interchange
