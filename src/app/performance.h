// Performance information and the CIN census check for managers (issue 5): indicators with
// the child-level lists behind them, monthly trends, and the DfE validation report of a
// census year, all from a returns::CaseSource.
//
// Least privilege: only managers see performance. A manager's scope narrows what they see:
// own scope to their own caseload, team scope to their team, agency or all scope to any
// team or the whole area. Numbers alone name no child; child lists (indicators with
// children, the census check) append one audit entry per child listed, in one transaction
// with a summary entry, so "who has seen this child" still has an answer. Thread-safe if the
// source is.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "returns/annex_a.h"
#include "returns/case_source.h"
#include "returns/cin_census_export.h"
#include "returns/indicators.h"
#include "store/store.h"

namespace safehub::app {

class Performance {
 public:
  Performance(store::Store& store, const Clock& clock, returns::CaseSource& source)
      : store_(store), clock_(clock), audit_(clock), source_(source) {}

  // The indicators for the query, narrowed to the caller's scope (kPermissionDenied when a
  // team or worker outside it is asked for). Without `with_children` the child lists are
  // emptied and nothing about a child is audited.
  Result<returns::IndicatorReport> Indicators(const AuthContext& caller, returns::IndicatorQuery query,
                                              bool with_children);
  // How the caller may open each child listed in the report's child lists, by LAchildID: the
  // basis the child access rule gives now (kNone when the child is counted for the period
  // but the caller has no relationship any more, e.g. the case closed or moved team, so the
  // list must not offer a link that will be refused). A pure read: the listing itself was
  // audited by Indicators.
  Result<std::map<std::string, domain::AccessBasis>> ChildAccessOf(const AuthContext& caller,
                                                                   const returns::IndicatorReport& report);
  // The indicators of every team side by side (numbers only), for comparing teams: managers
  // with agency or all scope. Teams are those responsible for a case; names from the store.
  struct TeamIndicators {
    TeamId team;
    std::string team_name;
    std::vector<returns::Indicator> indicators;  // child lists emptied
  };
  Result<std::vector<TeamIndicators>> IndicatorsByTeam(const AuthContext& caller, returns::IndicatorQuery query);
  // Monthly series (numbers only). An unset period is the area's whole casework history.
  Result<std::vector<returns::TrendSeries>> Trends(const AuthContext& caller, returns::IndicatorQuery query);
  // The census of `year` checked against the DfE rules without writing it: area-wide, so
  // agency or all scope only.
  Result<returns::CensusCheck> CheckCinCensus(const AuthContext& caller, int year);
  // The census XML of `year` for download (agency or all scope). With rule failures the
  // file is empty and the failures are returned instead. Every child in the file (or
  // named by a failure) is audited.
  Result<returns::CensusFile> CinCensusFile(const AuthContext& caller, int year);
  // The Annex A workbook for [from, to] (agency or all scope); every child listed is audited.
  Result<std::string> AnnexA(const AuthContext& caller, Date from, Date to);

 private:
  Status AuthoriseAreaWide(const AuthContext& caller, const std::string& action, const std::string& resource);
  Status Authorise(const AuthContext& caller, returns::IndicatorQuery& query, const std::string& resource);
  Status AuditChildren(const AuthContext& caller, const std::string& action, const std::string& resource,
                       const std::vector<std::string>& children, const std::string& summary);

  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  returns::CaseSource& source_;
};

}  // namespace safehub::app
