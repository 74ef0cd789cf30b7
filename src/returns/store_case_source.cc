#include "returns/store_case_source.h"

#include <algorithm>

namespace safehub::returns {

using namespace domain;

Result<LocalAuthority> StoreCaseSource::Authority() {
  std::optional<LocalAuthority> found;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    for (const Agency& a : agencies) {
      if (a.kind == AgencyKind::kSocialCare) {
        found = LocalAuthority{a.code, a.name};
        break;
      }
    }
    return Status::Ok();
  }));
  if (!found) {
    return FailedPrecondition("no children's social care agency is recorded: its code is the census LA number (LEA)");
  }
  return *found;
}

namespace {
// The child's current social care worker and team: the latest involvement with a named
// practitioner (indicators by team and worker).
void Allocate(store::Transaction& tx, ChildCase& c) {
  auto involvements = tx.InvolvementDetailsOf(c.person.id);
  if (!involvements.ok()) return;
  std::optional<Date> latest;
  for (const auto& d : *involvements) {
    if (d.agency.kind != AgencyKind::kSocialCare || !d.involvement.practitioner.valid()) continue;
    if (latest && d.involvement.started_on < *latest) continue;
    latest = d.involvement.started_on;
    c.team = d.involvement.team;
    c.worker = d.involvement.practitioner;
  }
}
// The unknown-UPN reason the record itself shows (record once, derive the rest): UN1 for a
// child who died without one, UN6 for a child under 6 (or unborn) not yet at school. Other
// reasons need a person to say them; without one the census check asks for the UPN.
std::string UnknownUpnReason(const Person& p, Date today) {
  if (!p.upn.empty()) return "";
  if (p.date_of_death) return "UN1";
  const auto age = AgeInYears(p, today);
  if (!age || *age < 6) return "UN6";
  return "";
}

}  // namespace

Result<std::vector<ChildCase>> StoreCaseSource::Cases() {
  std::vector<ChildCase> cases;
  const Date today = clock_.Today();
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    // Only the children with stored casework (far fewer than the people in the area).
    ASSIGN_OR_RETURN(auto children, tx.ChildrenWithCasework());
    for (PersonId id : children) {
      ASSIGN_OR_RETURN(Person p, tx.GetPerson(id));
      if (p.kind == PersonKind::kAdult) continue;
      ASSIGN_OR_RETURN(std::vector<Step> steps, load_(tx, p.id));
      if (steps.empty()) continue;
      // A case replays from how it started (the workflow's one rule: a child born during the
      // casework started it unborn).
      ASSIGN_OR_RETURN(ChildDetails details, CaseChildDetails(p, steps));
      auto history = CaseHistory::Replay(details, steps, today);
      if (!history.ok()) {
        return Status(history.status().code(), "child " + p.id.ToString() + ": the stored casework does not replay: " +
                                                   history.status().message(), history.status().field());
      }
      std::string upn_unknown = UnknownUpnReason(p, today);
      ChildCase c{std::move(p), std::move(upn_unknown), {}, TeamId(), PractitionerId(), std::move(*history)};
      Allocate(tx, c);
      cases.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  std::sort(cases.begin(), cases.end(), [](const ChildCase& a, const ChildCase& b) { return a.person.id < b.person.id; });
  return cases;
}

}  // namespace safehub::returns
