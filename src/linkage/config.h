// A link configuration: which input columns feed which fields, how dates are written, the
// comparison kind of each field, blocking limits and, optionally, a trained model. Read from
// TOML (docs/linkage.md shows the format); the default is the child-record schema. Value type.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "linkage/blocking.h"
#include "linkage/clustering.h"
#include "linkage/fields.h"
#include "linkage/model.h"

namespace safehub::linkage {

enum class DateFormat { kIso, kCompact };  // "YYYY-MM-DD" or "YYYYMMDD"
enum class OffCalendarDates { kReject, kKeepDigits };

struct LinkConfig {
  std::string record_id_column = "record_id";
  std::string source_column = "source";
  // Columns joined with a space to make each field; empty = field not read.
  std::array<std::vector<std::string>, kFieldCount> columns;
  // True when the columns were named by a configuration: then every named column must exist.
  bool columns_required = false;
  DateFormat date_format = DateFormat::kIso;
  OffCalendarDates off_calendar_dates = OffCalendarDates::kReject;
  ComparisonSpec spec = DefaultComparisonSpec();
  BlockingOptions blocking;
  // [clustering] guard = "full" (default) | "identifiers": which conflicts refuse a join.
  ConflictGuard guard = ConflictGuard::kOn;
  std::optional<double> match_threshold;
  std::optional<double> review_threshold;
  std::optional<LinkageModel> model;  // a trained model to use instead of training
};

// The child-record schema: each field read from the column of the same name, if present.
LinkConfig DefaultLinkConfig();
// Parses a TOML configuration. kInvalidArgument names the file, the key and the rule
// (unknown field, unknown comparison kind, malformed model).
Result<LinkConfig> ParseLinkConfig(std::string_view toml_text, std::string_view file_name);
// A configuration file that reproduces `config` with `model` as its trained model.
std::string LinkConfigToToml(const LinkConfig& config, const LinkageModel& model);

}  // namespace safehub::linkage
