// Performance indicators managers ask for (issue 5; docs/indicators.md gives each definition
// beside the national one it follows), computed from the children's CaseHistories for any
// period, team and worker, each with the child-level list behind the number; and monthly
// trend series of the same numbers. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "returns/case_source.h"

namespace safehub::returns {

struct IndicatorQuery {
  Date from;            // the period, both days included
  Date to;
  TeamId team;          // 0: every team
  PractitionerId worker;  // 0: every worker
};
// kInvalidArgument naming the field: from after to, or a period over 10 years.
Status Validate(const IndicatorQuery& query);

// One row of the list behind a number: which child, which record, and whether it counts in
// the numerator.
struct IndicatorRow {
  std::string child;      // LAchildID
  std::string record;     // "referral 2", "icpc 1", "assessment 1"
  Date date;              // the date that put the record in the period
  bool counted = false;   // in the numerator (met timescale, re-referral, ...)
  std::string detail;     // due date, category, late reason, agency ...
};

// A part of an indicator split by a category (CP plan category, agency, worker).
struct IndicatorBreakdown {
  std::string label;
  long numerator = 0;
  long denominator = 0;
};

struct Indicator {
  std::string key;        // stable, e.g. "assessments_within_45_working_days"
  std::string name;       // for people
  long numerator = 0;
  long denominator = 0;   // 0 for plain counts
  std::optional<double> percent;  // numerator / denominator, when a rate
  std::vector<IndicatorBreakdown> breakdown;
  std::vector<IndicatorRow> children;
};

struct IndicatorReport {
  IndicatorQuery query;
  std::vector<Indicator> indicators;  // in the order of docs/indicators.md
  const Indicator* Find(std::string_view key) const;
};

// Every indicator for the query. Cases outside the team or worker are left out.
IndicatorReport ComputeIndicators(std::span<const ChildCase> cases, const IndicatorQuery& query);

// One month of one indicator.
struct TrendPoint {
  std::string month;  // "2024-05"
  long numerator = 0;
  long denominator = 0;
  std::optional<double> percent;
};
struct TrendSeries {
  std::string key;
  std::string name;
  std::vector<TrendPoint> points;
};
// Monthly series from the month of `from` to the month of `to`, each month computed as its
// own period (the team and worker of the query apply).
std::vector<TrendSeries> ComputeTrends(std::span<const ChildCase> cases, const IndicatorQuery& query);
// The first and last dates of any casework in the cases (the area's history), if any.
std::optional<std::pair<Date, Date>> CaseworkSpan(std::span<const ChildCase> cases);
// indicator,name,month,numerator,denominator,percent (RFC 4180; percent empty for counts).
std::string TrendsCsv(const std::vector<TrendSeries>& series);

}  // namespace safehub::returns

namespace safehub::returns {

// The query of GET /api/v1/indicators from its text parameters (outside input): dates
// YYYY-MM-DD, ids positive integers, every one optional. Without `to` the period ends
// today; without `from` it is the 12 months ending on `to`. kInvalidArgument naming the
// field otherwise.
Result<IndicatorQuery> ParseIndicatorQuery(std::string_view from, std::string_view to, std::string_view team,
                                           std::string_view worker, Date today);
// The census year parameter: four digits. kInvalidArgument naming "year".
Result<int> ParseCensusYear(std::string_view year);

}  // namespace safehub::returns
