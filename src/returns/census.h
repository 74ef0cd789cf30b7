// The Children in Need census return (DfE, annual, child-level): the census year, the
// return built from the children's CaseHistories, and its XML in the schema of that year.
// A census year YYYY runs from 1 April YYYY-1 to 31 March YYYY (the reference date).
// Plain values; pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/person.h"
#include "returns/case_source.h"

namespace safehub::returns {

struct CensusPeriod {
  int year = 0;         // the census end year: 2025 is 2024/25
  Date start;           // 1 April year-1
  Date reference_date;  // 31 March year
  bool Contains(Date d) const { return start <= d && d <= reference_date; }
};

// The census years whose schema Safehub carries (data/cin/xsd), ascending.
std::vector<int> CoveredCensusYears();
// The period of a covered census year; kInvalidArgument naming the covered years otherwise.
Result<CensusPeriod> CensusPeriodFor(int year);
// The XSD text of a covered census year (embedded at build time).
Result<std::string_view> CensusSchema(int year);

struct CensusAssessment {
  Date start;
  std::optional<Date> authorised;       // completed on or before the reference date
  std::vector<std::string> factors;     // only when authorised
};
struct CensusCinPlan {
  Date start;
  std::optional<Date> end;
};
struct CensusSection47 {
  Date start;
  std::optional<Date> icpc_target;      // 15 working days from the strategy discussion
  std::optional<Date> icpc;             // the ICPC that followed, held by the reference date
  bool icpc_not_required = false;       // the enquiry ended without an ICPC
};
struct CensusCpPlan {
  Date start;
  std::optional<Date> end;
  std::string initial_category;         // NEG, PHY, EMO, SAB, MUL
  std::string latest_category;
  int previous_plans = 0;               // the child's earlier plans in Safehub
  std::vector<Date> reviews;            // review conferences held in the census year
};
// One CIN episode (a referral, until its closure) open on some day of the census year.
struct CensusEpisode {
  Date referral_date;
  std::string referral_source;
  std::string primary_need;             // optional
  std::optional<Date> closure_date;     // only when closed by the reference date
  std::string closure_reason;           // RC1-RC9 with the closure date
  std::optional<Date> initial_cpc;      // the episode's first initial or transfer-in conference
  bool referral_nfa = false;            // the referral was decided "no further action"
  std::vector<CensusAssessment> assessments;
  std::vector<CensusCinPlan> cin_plans;
  std::vector<CensusSection47> section47s;
  std::vector<CensusCpPlan> cp_plans;
};
struct CensusChild {
  std::string la_child_id;
  std::string upn;
  std::string upn_unknown;              // UN1-UN7 when there is no UPN
  std::optional<Date> birth_date;
  std::optional<Date> expected_birth_date;
  std::optional<Date> death_date;
  domain::Sex sex = domain::Sex::kUnknown;
  std::string ethnicity;
  std::vector<std::string> disabilities;
  std::vector<CensusEpisode> episodes;  // by referral date
};
struct CensusReturn {
  CensusPeriod period;
  LocalAuthority authority;
  std::vector<CensusChild> children;
};

// The children in need in the period: each child with at least one CIN episode open on a
// day of it, with those episodes and the records of each that overlap the period (events
// after the reference date are left out; ends after it are reported as still open).
CensusReturn BuildCensus(const CensusPeriod& period, const LocalAuthority& authority,
                         std::span<const ChildCase> cases);

// The return as XML in the schema of its year (GenderCurrent up to 2024, Sex from 2025).
// `generated_at` goes into the header's DateTime.
std::string WriteCensusXml(const CensusReturn& census, UnixSeconds generated_at);

}  // namespace safehub::returns
