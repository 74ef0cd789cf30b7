#include "app/performance.h"

#include "app/child_access.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace safehub::app {

using domain::AuditOutcome;
using domain::Role;
using domain::Scope;

Status Performance::Authorise(const AuthContext& caller, returns::IndicatorQuery& query, const std::string& resource) {
  const auto& p = caller.principal;
  std::string refusal;
  if (p.role != Role::kManager) {
    refusal = "performance information is for managers";
  } else if (p.scope == Scope::kOwn) {
    if (!p.practitioner.valid()) refusal = "your account is not linked to a practitioner";
    if (query.worker.valid() && query.worker != p.practitioner) refusal = "your scope is your own caseload";
    query.worker = p.practitioner;
  } else if (p.scope == Scope::kTeam) {
    if (!p.team.valid()) refusal = "your account is not linked to a team";
    if (query.team.valid() && query.team != p.team) refusal = "your scope is your own team";
    query.team = p.team;
  }
  if (refusal.empty()) return Status::Ok();
  auto entry = EntryBy(&p, "read_performance", resource);
  entry.outcome = AuditOutcome::kDenied;
  entry.detail = refusal;
  Status audited = store_.Write([&](store::Transaction& tx) { return audit_.Append(tx, entry); });
  if (!audited.ok()) return audited;
  return PermissionDenied(refusal);
}

Status Performance::AuditChildren(const AuthContext& caller, const std::string& action, const std::string& resource,
                                  const std::vector<std::string>& children, const std::string& summary) {
  std::vector<domain::AuditEntry> entries;
  auto head = EntryBy(&caller.principal, action, resource);
  head.detail = summary + "; " + std::to_string(children.size()) + " children listed";
  entries.push_back(head);
  for (const auto& id : children) {
    std::int64_t value = 0;
    std::from_chars(id.data(), id.data() + id.size(), value);
    auto e = EntryBy(&caller.principal, action, resource);
    e.child = PersonId(value);
    e.basis = "performance_list";
    e.detail = summary;
    entries.push_back(std::move(e));
  }
  return store_.Write([&](store::Transaction& tx) { return audit_.AppendAll(tx, std::move(entries)); });
}

Result<returns::IndicatorReport> Performance::Indicators(const AuthContext& caller, returns::IndicatorQuery query,
                                                         bool with_children) {
  RETURN_IF_ERROR(returns::Validate(query));
  RETURN_IF_ERROR(Authorise(caller, query, "/api/v1/indicators"));
  ASSIGN_OR_RETURN(auto cases, source_.Cases());
  returns::IndicatorReport report = returns::ComputeIndicators(cases, query);
  const std::string summary = "indicators " + query.from.ToString() + " to " + query.to.ToString() + " team " +
                              query.team.ToString() + " worker " + query.worker.ToString();
  if (!with_children) {
    for (auto& i : report.indicators) i.children.clear();
    auto entry = EntryBy(&caller.principal, "read_performance", "/api/v1/indicators");
    entry.detail = summary + "; numbers only";
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.Append(tx, entry); }));
    return report;
  }
  std::set<std::string> listed;
  for (const auto& i : report.indicators) {
    for (const auto& row : i.children) listed.insert(row.child);
  }
  RETURN_IF_ERROR(AuditChildren(caller, "read_performance_children", "/api/v1/indicators",
                                std::vector<std::string>(listed.begin(), listed.end()), summary));
  return report;
}

Result<std::map<std::string, domain::AccessBasis>> Performance::ChildAccessOf(const AuthContext& caller,
                                                                            const returns::IndicatorReport& report) {
  std::map<std::string, domain::AccessBasis> access;
  for (const auto& i : report.indicators) {
    for (const auto& row : i.children) access.emplace(row.child, domain::AccessBasis::kNone);
  }
  const Date today = clock_.Today();
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    for (auto& [la_child_id, basis] : access) {
      std::int64_t value = 0;
      auto [end, ec] = std::from_chars(la_child_id.data(), la_child_id.data() + la_child_id.size(), value);
      if (ec != std::errc() || end != la_child_id.data() + la_child_id.size()) continue;
      auto reach = ChildReachOf(tx, PersonId(value), today);
      if (!reach.ok()) {
        if (reach.status().code() == StatusCode::kNotFound) continue;
        return reach.status();
      }
      basis = domain::DecideChildAccess(caller.principal, *reach);
    }
    return Status::Ok();
  }));
  return access;
}

Result<std::vector<Performance::TeamIndicators>> Performance::IndicatorsByTeam(const AuthContext& caller,
                                                                              returns::IndicatorQuery query) {
  const std::string resource = "/api/v1/indicators/teams";
  RETURN_IF_ERROR(returns::Validate(query));
  const auto& p = caller.principal;
  if (p.role != Role::kManager || (p.scope != Scope::kAgency && p.scope != Scope::kAll)) {
    auto entry = EntryBy(&p, "read_performance", resource);
    entry.outcome = AuditOutcome::kDenied;
    entry.detail = "comparing teams needs a manager with agency or all scope";
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.Append(tx, entry); }));
    return PermissionDenied("comparing teams is for managers with agency or all scope");
  }
  ASSIGN_OR_RETURN(auto cases, source_.Cases());
  std::set<TeamId> teams;
  for (const auto& c : cases) {
    if (c.team.valid()) teams.insert(c.team);
  }
  std::vector<TeamIndicators> out;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    for (TeamId team : teams) {
      auto t = tx.GetTeam(team);
      if (!t.ok() && t.status().code() != StatusCode::kNotFound) return t.status();
      out.push_back({team, t.ok() ? t->name : "team " + team.ToString(), {}});
    }
    return Status::Ok();
  }));
  for (auto& t : out) {
    returns::IndicatorQuery q = query;
    q.team = t.team;
    q.worker = PractitionerId();
    auto report = returns::ComputeIndicators(cases, q);
    for (auto& i : report.indicators) i.children.clear();
    t.indicators = std::move(report.indicators);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.team_name < b.team_name; });
  auto entry = EntryBy(&p, "read_performance", resource);
  entry.detail = "indicators by team " + query.from.ToString() + " to " + query.to.ToString() + "; numbers only";
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.Append(tx, entry); }));
  return out;
}

Result<std::vector<returns::TrendSeries>> Performance::Trends(const AuthContext& caller, returns::IndicatorQuery query) {
  ASSIGN_OR_RETURN(auto cases, source_.Cases());
  if (query.from == Date() && query.to == Date()) {
    auto span = returns::CaseworkSpan(cases);
    const Date today = clock_.Today();
    query.from = span ? span->first : today;
    query.to = span ? std::max(span->second, today) : today;
    if (query.to.days() - query.from.days() > 3660) query.from = query.to.AddDays(-3650);
  }
  RETURN_IF_ERROR(returns::Validate(query));
  RETURN_IF_ERROR(Authorise(caller, query, "/api/v1/indicators/trends"));
  auto entry = EntryBy(&caller.principal, "read_performance", "/api/v1/indicators/trends");
  entry.detail = "trends " + query.from.ToString() + " to " + query.to.ToString();
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.Append(tx, entry); }));
  return returns::ComputeTrends(cases, query);
}

Status Performance::AuthoriseAreaWide(const AuthContext& caller, const std::string& action, const std::string& resource) {
  const auto& p = caller.principal;
  if (p.role == Role::kManager && (p.scope == Scope::kAgency || p.scope == Scope::kAll)) return Status::Ok();
  auto entry = EntryBy(&p, action, resource);
  entry.outcome = AuditOutcome::kDenied;
  entry.detail = "statutory returns are area-wide: managers with agency or all scope";
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return audit_.Append(tx, entry); }));
  return PermissionDenied("statutory returns are for managers with agency or all scope");
}

Result<returns::CensusCheck> Performance::CheckCinCensus(const AuthContext& caller, int year) {
  const std::string resource = "/api/v1/returns/cin-census/check";
  RETURN_IF_ERROR(AuthoriseAreaWide(caller, "check_cin_census", resource));
  ASSIGN_OR_RETURN(returns::CensusCheck check, returns::CheckCinCensus(source_, year));
  std::set<std::string> listed;
  for (const auto& f : check.failures) {
    if (!f.child.empty()) listed.insert(f.child);
  }
  RETURN_IF_ERROR(AuditChildren(caller, "check_cin_census", resource, std::vector<std::string>(listed.begin(), listed.end()),
                                "CIN census " + std::to_string(year) + " check, " +
                                    std::to_string(check.failures.size()) + " failures"));
  return check;
}

Result<returns::CensusFile> Performance::CinCensusFile(const AuthContext& caller, int year) {
  const std::string resource = "/api/v1/returns/cin-census";
  RETURN_IF_ERROR(AuthoriseAreaWide(caller, "export_cin_census", resource));
  ASSIGN_OR_RETURN(returns::CensusFile file, returns::BuildCinCensusFile(source_, year, clock_.Now()));
  std::set<std::string> listed;
  if (file.check.failures.empty()) {
    for (const auto& c : file.check.census.children) listed.insert(c.la_child_id);
  } else {
    for (const auto& f : file.check.failures) {
      if (!f.child.empty()) listed.insert(f.child);
    }
  }
  RETURN_IF_ERROR(AuditChildren(caller, "export_cin_census", resource, std::vector<std::string>(listed.begin(), listed.end()),
                                "CIN census " + std::to_string(year) +
                                    (file.check.failures.empty() ? std::string(" file")
                                                                 : ", " + std::to_string(file.check.failures.size()) +
                                                                       " rule failures, no file")));
  return file;
}

Result<std::string> Performance::AnnexA(const AuthContext& caller, Date from, Date to) {
  const std::string resource = "/api/v1/returns/annex-a";
  RETURN_IF_ERROR(returns::Validate(returns::IndicatorQuery{from, to, TeamId(), PractitionerId()}));
  RETURN_IF_ERROR(AuthoriseAreaWide(caller, "export_annex_a", resource));
  ASSIGN_OR_RETURN(auto cases, source_.Cases());
  const auto lists = returns::BuildAnnexA(cases, from, to);
  ASSIGN_OR_RETURN(std::string bytes, returns::AnnexAWorkbookBytes(lists));
  std::set<std::string> listed;
  for (const auto& l : lists) {
    for (const auto& row : l.rows) listed.insert(std::get<std::string>(row[0]));
  }
  RETURN_IF_ERROR(AuditChildren(caller, "export_annex_a", resource, std::vector<std::string>(listed.begin(), listed.end()),
                                "Annex A " + from.ToString() + " to " + to.ToString()));
  return bytes;
}

}  // namespace safehub::app
