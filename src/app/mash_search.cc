// The hub's area-wide search (issue 6): hub staff start contacts about children no one in the
// hub works with yet, so the usual rule (an involvement in scope) would hide them. The
// exception is kept narrow: members of the configured MASH team only, a stated reason, a
// name or identifier to search by, at most kMaxHits children with name and date of birth only
// (no identifiers, addresses, services or family), and every child named audited with the
// reason. Opening a child's record still needs the usual relationship. Part of Mash.
#include "app/mash.h"

#include <set>

#include "app/child_access.h"

namespace safehub::app {

namespace {

constexpr int kMaxHits = 20;

}  // namespace

Result<AreaSearchResult> Mash::SearchArea(const AuthContext& caller, const store::PersonQuery& query,
                                          const std::string& reason) {
  Status allowed = RequireHub(caller);
  if (allowed.ok() && reason.empty()) {
    allowed = Status(StatusCode::kPermissionDenied, "state why you are searching the whole area", "reason");
  }
  if (allowed.ok() && query.name_contains.size() < 2 && query.nhs_number.empty() && query.upn.empty()) {
    return InvalidArgument("give at least two letters of a name, or an NHS number or UPN, to search the area", "name");
  }
  if (!allowed.ok()) {
    // A refused attempt to search beyond one's involvements is worth a trace.
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
      auto e = EntryBy(&caller.principal, "mash_area_search", "/api/v1/mash/children");
      e.outcome = domain::AuditOutcome::kDenied;
      e.reason = reason.substr(0, 500);
      e.detail = allowed.message();
      return audit_.Append(tx, e);
    }));
    return allowed;
  }
  AreaSearchResult result;
  store::PersonQuery q = query;
  q.shielded = store::ShieldedMatching::kExclude;  // never match a shielded child's hidden fields
  q.limit = 100;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    result = {};
    std::vector<domain::AuditEntry> entries;
    std::set<std::int64_t> listed;
    for (q.offset = 0; q.offset < 1000 && !result.more; q.offset += q.limit) {
      ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
      for (const auto& record : people) {
        // A record merged into another person is listed as that child, once.
        ASSIGN_OR_RETURN(auto child, ChildFoundAs(tx, record, q));
        if (!child || !listed.insert(child->id.value).second) continue;
        const domain::Person& p = *child;
        if (p.kind == domain::PersonKind::kAdult) continue;
        if (static_cast<int>(result.children.size()) == kMaxHits) {
          result.more = true;
          break;
        }
        result.children.push_back({p.id, p.FullName(), p.date_of_birth});
        auto e = EntryBy(&caller.principal, "mash_area_search", "/api/v1/mash/children");
        e.child = p.id;
        e.reason = reason.substr(0, 500);
        e.detail = "named in an area-wide search: name and date of birth";
        entries.push_back(std::move(e));
      }
      if (static_cast<int>(people.size()) < q.limit) break;
    }
    // The criteria are personal data too: which kinds were used, not their values.
    auto e = EntryBy(&caller.principal, "mash_area_search", "/api/v1/mash/children");
    e.reason = reason.substr(0, 500);
    e.detail = std::to_string(result.children.size()) + (result.more ? "+" : "") + " children; by";
    if (!query.name_contains.empty()) e.detail += " name";
    if (query.date_of_birth) e.detail += " date_of_birth";
    if (!query.nhs_number.empty()) e.detail += " nhs_number";
    if (!query.upn.empty()) e.detail += " upn";
    entries.push_back(std::move(e));
    return audit_.AppendAll(tx, std::move(entries));
  }));
  return result;
}

}  // namespace safehub::app
