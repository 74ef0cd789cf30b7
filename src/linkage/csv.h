// RFC 4180 CSV: a reader over text already in memory (quoted fields, doubled quotes, CRLF or
// LF, line breaks inside quotes) and a field escaper for writing. The reader is a cursor
// over a caller-owned buffer; not thread-safe, cheap to create per file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace safehub::linkage {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}
  // Reads the next row into `fields`. Returns false at the end of the text. Fails with
  // kInvalidArgument (naming the line) on an unterminated quote or text after a closing quote.
  Result<bool> Next(std::vector<std::string>& fields);
  // The 1-based line on which the row last returned by Next started.
  int row_line() const { return row_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int row_line_ = 0;
};

// A field quoted when it holds a comma, quote, CR or LF (quotes doubled).
std::string CsvField(std::string_view value);

}  // namespace safehub::linkage
