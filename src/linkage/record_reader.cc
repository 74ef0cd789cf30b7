#include "linkage/record_reader.h"

#include <unordered_map>

#include "common/date.h"
#include "linkage/csv.h"
#include "linkage/text.h"

namespace safehub::linkage {
namespace {

constexpr size_t kMaxReportedRows = 20;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string* FieldSlot(Record& r, Field f) {
  switch (f) {
    case Field::kFirstName: return &r.first_name;
    case Field::kMiddleName: return &r.middle_name;
    case Field::kSurname: return &r.surname;
    case Field::kSex: return &r.sex;
    case Field::kAddress: return &r.address;
    case Field::kPostcode: return &r.postcode;
    case Field::kLocality: return &r.locality;
    case Field::kNhsNumber: return &r.nhs_number;
    case Field::kUpn: return &r.upn;
    case Field::kOtherId: return &r.other_id;
    case Field::kDateOfBirth: return nullptr;
  }
  return nullptr;
}

std::string Where(std::string_view file, int line) { return std::string(file) + ": line " + std::to_string(line); }

}  // namespace

Result<DateParts> ParseDateOfBirth(std::string_view text, DateFormat format, OffCalendarDates off_calendar) {
  std::string_view y, m, d;
  if (format == DateFormat::kIso) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return InvalidArgument("expected YYYY-MM-DD");
    y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  } else {
    if (text.size() != 8) return InvalidArgument("expected YYYYMMDD");
    y = text.substr(0, 4), m = text.substr(4, 2), d = text.substr(6, 2);
  }
  if (!AllDigits(y) || !AllDigits(m) || !AllDigits(d)) {
    return InvalidArgument(format == DateFormat::kIso ? "expected YYYY-MM-DD" : "expected YYYYMMDD");
  }
  DateParts parts{ToInt(y), ToInt(m), ToInt(d)};
  if (parts.year == 0) return InvalidArgument("year 0000 is not a date");
  if (!Date::FromYmd(parts.year, parts.month, parts.day).ok() && off_calendar == OffCalendarDates::kReject) {
    return InvalidArgument("no such day on the calendar");
  }
  return parts;
}

Status ReadRecordsCsv(std::string_view file_name, std::string_view text, const LinkConfig& config, BadRowPolicy policy,
                      std::unordered_set<std::string>& seen_ids, std::vector<Record>& records,
                      std::vector<RejectedRow>& rejected) {
  CsvReader reader(text);
  std::vector<std::string> row;
  auto header_read = reader.Next(row);
  if (!header_read.ok()) return InvalidArgument(std::string(file_name) + ": " + header_read.status().message());
  if (!*header_read || (row.size() == 1 && Trim(row[0]).empty())) {
    return InvalidArgument(Where(file_name, 1) + ": missing header", "header");
  }
  std::unordered_map<std::string, int> column_index;
  for (size_t i = 0; i < row.size(); ++i) column_index.emplace(std::string(Trim(row[i])), static_cast<int>(i));
  const size_t width = row.size();
  auto find = [&column_index](const std::string& name) {
    auto it = column_index.find(name);
    return it == column_index.end() ? -1 : it->second;
  };
  const int id_column = find(config.record_id_column);
  if (id_column < 0) {
    return InvalidArgument(Where(file_name, 1) + ": field record_id: missing column \"" + config.record_id_column + "\"",
                           "record_id");
  }
  const int source_column = config.source_column.empty() ? -1 : find(config.source_column);
  std::array<std::vector<int>, kFieldCount> field_columns;
  for (int f = 0; f < kFieldCount; ++f) {
    for (const auto& name : config.columns[f]) {
      const int c = find(name);
      if (c >= 0) {
        field_columns[f].push_back(c);
      } else if (config.columns_required) {
        return InvalidArgument(Where(file_name, 1) + ": field " + std::string(FieldName(static_cast<Field>(f))) +
                                   ": unknown column \"" + name + "\" named in config",
                               std::string(FieldName(static_cast<Field>(f))));
      }
    }
  }
  std::vector<Record> accepted;
  std::vector<RejectedRow> bad;
  std::unordered_set<std::string> file_ids;
  while (true) {
    auto next = reader.Next(row);
    if (!next.ok()) return InvalidArgument(std::string(file_name) + ": " + next.status().message());
    if (!*next) break;
    const int line = reader.row_line();
    if (row.size() == 1 && Trim(row[0]).empty()) continue;  // blank line
    Record r;
    std::vector<std::pair<std::string, std::string>> problems;  // field, rule
    if (row.size() != width) {
      problems.emplace_back("row", "has " + std::to_string(row.size()) + " fields, header has " + std::to_string(width));
    }
    auto cell = [&row](int c) { return c >= 0 && static_cast<size_t>(c) < row.size() ? Trim(row[c]) : std::string_view(); };
    r.record_id = std::string(cell(id_column));
    if (r.record_id.empty()) {
      problems.emplace_back("record_id", "empty record_id");
    } else if (seen_ids.count(r.record_id) || file_ids.count(r.record_id)) {
      problems.emplace_back("record_id", "duplicate record_id \"" + r.record_id + "\"");
    }
    if (source_column >= 0) r.source = std::string(cell(source_column));
    for (int f = 0; f < kFieldCount; ++f) {
      std::string value;
      for (int c : field_columns[f]) {
        const std::string_view v = cell(c);
        if (v.empty()) continue;
        if (!value.empty()) value.push_back(' ');
        value.append(v);
      }
      if (static_cast<Field>(f) == Field::kDateOfBirth) {
        if (value.empty()) continue;
        auto dob = ParseDateOfBirth(value, config.date_format, config.off_calendar_dates);
        if (dob.ok()) {
          r.date_of_birth = *dob;
        } else {
          problems.emplace_back("dob", "unparsable date \"" + value + "\": " + dob.status().message());
        }
      } else {
        *FieldSlot(r, static_cast<Field>(f)) = std::move(value);
      }
    }
    if (problems.empty()) {
      file_ids.insert(r.record_id);
      accepted.push_back(std::move(r));
      continue;
    }
    for (auto& [field, rule] : problems) bad.push_back({std::string(file_name), line, r.record_id, field, rule});
  }
  if (!bad.empty() && policy == BadRowPolicy::kFail) {
    std::string message;
    for (size_t i = 0; i < bad.size() && i < kMaxReportedRows; ++i) {
      message += (i ? "\n" : "") + Where(file_name, bad[i].line) + ": field " + bad[i].field + ": " + bad[i].reason;
    }
    if (bad.size() > kMaxReportedRows) message += "\n... and " + std::to_string(bad.size() - kMaxReportedRows) + " more";
    return InvalidArgument(message, bad[0].field);
  }
  for (auto& b : bad) rejected.push_back(std::move(b));
  for (auto& r : accepted) seen_ids.insert(r.record_id);
  records.insert(records.end(), std::make_move_iterator(accepted.begin()), std::make_move_iterator(accepted.end()));
  return Status::Ok();
}

}  // namespace safehub::linkage
