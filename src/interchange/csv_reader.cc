#include "interchange/csv_reader.h"

namespace safehub::interchange {

Result<std::optional<CsvRecord>> CsvReader::Next() {
  if (in_.peek() == std::char_traits<char>::eof()) return std::optional<CsvRecord>();
  CsvRecord record;
  record.line = line_;
  std::string field;
  bool quoted = false;       // inside a quoted field
  bool was_quoted = false;   // the current field began with a quote
  auto fail = [&](const std::string& why) -> Result<std::optional<CsvRecord>> {
    // Skip the rest of the physical line so reading can resume at the next record.
    int c;
    while ((c = in_.get()) != std::char_traits<char>::eof() && c != '\n') {
    }
    ++line_;
    return InvalidArgument("line " + std::to_string(record.line) + ": " + why, "line");
  };
  while (true) {
    const int c = in_.get();
    if (c == std::char_traits<char>::eof()) {
      if (quoted) return InvalidArgument("line " + std::to_string(record.line) + ": a quoted field is not closed", "line");
      record.fields.push_back(std::move(field));
      return std::optional<CsvRecord>(std::move(record));
    }
    const char ch = static_cast<char>(c);
    if (quoted) {
      if (ch == '"') {
        if (in_.peek() == '"') {
          in_.get();
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line_;
        field.push_back(ch);
      }
    } else if (ch == '"') {
      if (!field.empty() || was_quoted) return fail("a quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (ch == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (ch == '\r' && in_.peek() == '\n') {
      continue;  // CRLF: the \n ends the record
    } else if (ch == '\n') {
      ++line_;
      record.fields.push_back(std::move(field));
      return std::optional<CsvRecord>(std::move(record));
    } else {
      if (was_quoted) return fail("text after a closing quote");
      field.push_back(ch);
    }
    if (field.size() > max_field_bytes_) return fail("a field is longer than " + std::to_string(max_field_bytes_) + " bytes");
  }
}

}  // namespace safehub::interchange
