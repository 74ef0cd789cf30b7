// MASH answers on the child's record: once the owning agency releases its answer it leaves
// the hub and is read like the rest of the child's record (the access rule, a stated reason
// on a wide scope, shielding, one audit entry per read). Answers not yet released are never
// read here, so they stay inside the hub. Part of Mash.
#include <algorithm>
#include <map>

#include "app/child_access.h"
#include "app/mash.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::AuditOutcome;

Result<std::vector<ReleasedCheck>> Mash::ReleasedChecksOf(const AuthContext& caller, PersonId child,
                                                          const std::string& reason) {
  const std::string resource = "/api/v1/children/" + child.ToString() + "/mash-checks";
  const Date today = clock_.Today();
  std::vector<ReleasedCheck> released;
  Status refusal;
  AccessBasis basis = AccessBasis::kNone;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto decided = AuthoriseChildAccess(tx, caller, child, reason, today);
    if (!decided.ok()) return (refusal = decided.status()), Status::Ok();
    basis = *decided;
    ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
    if (person.IsShielded() && !IsInvolved(basis)) {
      // As the chronology: a shielded child's agencies are hidden from the uninvolved.
      refusal = Status(StatusCode::kPermissionDenied,
                       "person " + child.ToString() + " is shielded: contact through the teams on the child's record",
                       "shielding");
      return Status::Ok();
    }
    std::map<std::int64_t, std::string> agencies, users;
    ASSIGN_OR_RETURN(auto contacts, tx.ContactsOfChild(child));
    for (const auto& contact : contacts) {
      ASSIGN_OR_RETURN(auto checks, tx.ChecksOf(contact.id));
      for (auto& check : checks) {
        if (check.status != domain::CheckStatus::kReleased) continue;  // inside the hub only
        ReleasedCheck r;
        if (!agencies.count(check.agency.value)) {
          ASSIGN_OR_RETURN(auto agency, tx.GetAgency(check.agency));
          agencies[check.agency.value] = agency.name;
        }
        r.agency_name = agencies[check.agency.value];
        if (check.released_by.valid() && !users.count(check.released_by.value)) {
          ASSIGN_OR_RETURN(auto user, tx.GetUser(check.released_by));
          users[check.released_by.value] = user.display_name;
        }
        r.released_by_name = check.released_by.valid() ? users[check.released_by.value] : "";
        r.contact_received_at = contact.received_at;
        r.check = std::move(check);
        released.push_back(std::move(r));
      }
    }
    return Status::Ok();
  }));
  if (!refusal.ok() && refusal.code() != StatusCode::kPermissionDenied) return refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return audit_.Append(tx, refusal.ok() ? ChildAccessEntry(caller, "read_mash_checks", resource, child, reason, basis,
                                                             AuditOutcome::kAllowed,
                                                             std::to_string(released.size()) + " released answers")
                                          : ChildAccessEntry(caller, "read_mash_checks", resource, child, reason,
                                                             AccessBasis::kNone, AuditOutcome::kDenied,
                                                             refusal.message()));
  }));
  if (!refusal.ok()) return refusal;
  // Newest release first: the latest multi-agency picture leads.
  std::stable_sort(released.begin(), released.end(), [](const ReleasedCheck& a, const ReleasedCheck& b) {
    return a.check.released_at > b.check.released_at;
  });
  return released;
}

}  // namespace safehub::app
