// The merges on a child's record (issue 3 part 5): who was merged into the child, when, by
// whom and why, and the merges since undone. Read like the record itself (the access rule,
// a stated reason on a wide scope, one audit entry per read, allowed or denied); whether the
// caller may undo a merge is the reviewer rule of LinkReviews. Part of LinkReviews.
#include <map>

#include "app/child_access.h"
#include "app/link_review.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::AuditOutcome;

Result<ChildMerges> LinkReviews::MergesOfChild(const AuthContext& caller, PersonId child, const std::string& reason) {
  const std::string resource = "/api/v1/children/" + child.ToString() + "/merges";
  ChildMerges out;
  Status refusal;
  AccessBasis basis = AccessBasis::kNone;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto decided = AuthoriseChildAccess(tx, caller, child, reason, clock_.Today());
    if (!decided.ok()) return (refusal = decided.status()), Status::Ok();
    basis = *decided;
    out = ChildMerges{};
    ASSIGN_OR_RETURN(out.merged_into, tx.SurvivorOf(child));
    if (out.merged_into == child) out.merged_into = PersonId();
    out.can_undo = RequireReviewer(tx, caller).ok();
    std::map<std::int64_t, std::string> users;
    auto user_name = [&](UserId id) -> Result<std::string> {
      if (!id.valid()) return std::string();
      if (!users.count(id.value)) {
        ASSIGN_OR_RETURN(auto user, tx.GetUser(id));
        users[id.value] = user.display_name;
      }
      return users[id.value];
    };
    auto view = [&](const store::PersonMerge& m) -> Result<MergeView> {
      MergeView v;
      v.merge = m;
      ASSIGN_OR_RETURN(v.merged, tx.GetPerson(m.merged));
      ASSIGN_OR_RETURN(v.surviving, tx.GetPerson(m.surviving));
      for (domain::Person* p : {&v.merged, &v.surviving}) {
        // Who the records came from, by name and birth date; hidden identifiers stay hidden.
        if (p->IsShielded()) p->nhs_number.clear(), p->upn.clear();
      }
      ASSIGN_OR_RETURN(v.merged_by_name, user_name(m.merged_by));
      ASSIGN_OR_RETURN(v.undone_by_name, user_name(m.undone_by));
      return v;
    };
    // Everyone read as part of this child: the direct merges and, through them, the chain.
    ASSIGN_OR_RETURN(auto absorbed, tx.AbsorbedInto(child));
    for (PersonId p : absorbed) {
      ASSIGN_OR_RETURN(auto standing, tx.StandingMergeOf(p));
      if (!standing) continue;
      ASSIGN_OR_RETURN(auto v, view(*standing));
      out.standing.push_back(std::move(v));
    }
    ASSIGN_OR_RETURN(auto history, tx.MergesOf(child));
    for (const auto& m : history) {
      if (m.undone_at == 0) continue;
      ASSIGN_OR_RETURN(auto v, view(m));
      out.undone.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  if (!refusal.ok() && refusal.code() != StatusCode::kPermissionDenied) return refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return audit_.Append(
        tx, refusal.ok() ? ChildAccessEntry(caller, "read_child_merges", resource, child, reason, basis,
                                            AuditOutcome::kAllowed,
                                            std::to_string(out.standing.size()) + " standing merges, " +
                                                std::to_string(out.undone.size()) + " undone")
                         : ChildAccessEntry(caller, "read_child_merges", resource, child, reason, AccessBasis::kNone,
                                            AuditOutcome::kDenied, refusal.message()));
  }));
  if (!refusal.ok()) return refusal;
  return out;
}

}  // namespace safehub::app
