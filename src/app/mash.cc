#include "app/mash.h"

#include <algorithm>

namespace safehub::app {

using domain::AgencyCheck;
using domain::MashContact;

namespace {

std::string ContactResource(domain::MashContactId id) { return "/api/v1/mash/contacts/" + id.ToString(); }

}  // namespace

Status Mash::RequireHub(const AuthContext& caller) const {
  if (!domain::RoleReadsChildren(caller.principal.role) || !settings_.hub_team.valid() ||
      caller.principal.team != settings_.hub_team) {
    return PermissionDenied("only MASH staff work the front door");
  }
  return Status::Ok();
}

Result<domain::MashContactId> Mash::RecordContact(const AuthContext& caller, MashContact contact) {
  RETURN_IF_ERROR(RequireHub(caller));
  contact.received_at = clock_.Now();
  contact.status = domain::ContactStatus::kOpen;
  contact.rating.reset();
  RETURN_IF_ERROR(domain::Validate(contact));
  domain::MashContactId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertContact(contact));
    auto e = EntryBy(&caller.principal, "record_contact", ContactResource(id));
    e.child = contact.child;
    return audit_.Append(tx, e);
  }));
  return id;
}

Result<std::vector<domain::AgencyCheckId>> Mash::RequestChecks(const AuthContext& caller, domain::MashContactId contact,
                                                               const std::vector<AgencyId>& agencies) {
  RETURN_IF_ERROR(RequireHub(caller));
  if (agencies.empty()) return InvalidArgument("name the agencies to check", "agency_ids");
  std::vector<domain::AgencyCheckId> ids;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, tx.GetContact(contact));
    if (c.status != domain::ContactStatus::kOpen) return FailedPrecondition("contact " + contact.ToString() + " is decided");
    ASSIGN_OR_RETURN(auto existing, tx.ChecksOf(contact));
    for (AgencyId agency : agencies) {
      if (std::any_of(existing.begin(), existing.end(), [&](const AgencyCheck& x) { return x.agency == agency; })) {
        continue;  // already asked
      }
      AgencyCheck check;
      check.contact = contact;
      check.agency = agency;
      ASSIGN_OR_RETURN(auto id, tx.InsertCheck(check));
      ids.push_back(id);
    }
    auto e = EntryBy(&caller.principal, "request_agency_checks", ContactResource(contact));
    e.child = c.child;
    e.detail = std::to_string(ids.size()) + " agencies asked";
    return audit_.Append(tx, e);
  }));
  return ids;
}

Status Mash::AnswerCheck(const AuthContext& caller, domain::AgencyCheckId check, const std::string& findings) {
  if (findings.empty()) return InvalidArgument("record what your agency's records show (or that they show nothing)", "findings");
  if (findings.size() > 4000) return InvalidArgument("must be at most 4000 characters", "findings");
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AgencyCheck c, tx.GetCheck(check));
    if (!caller.principal.agency.valid() || c.agency != caller.principal.agency ||
        !domain::RoleReadsChildren(caller.principal.role)) {
      return PermissionDenied("only the agency asked can answer its check");
    }
    if (c.status == domain::CheckStatus::kReleased) return FailedPrecondition("the answer is already released", "findings");
    c.findings = findings;
    c.status = domain::CheckStatus::kAnswered;
    c.answered_at = clock_.Now();
    RETURN_IF_ERROR(tx.UpdateCheck(c));
    ASSIGN_OR_RETURN(auto contact, tx.GetContact(c.contact));
    auto e = EntryBy(&caller.principal, "answer_agency_check", ContactResource(c.contact));
    e.child = contact.child;
    return audit_.Append(tx, e);
  });
}

Status Mash::ReleaseCheck(const AuthContext& caller, domain::AgencyCheckId check) {
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AgencyCheck c, tx.GetCheck(check));
    if (!caller.principal.agency.valid() || c.agency != caller.principal.agency ||
        !domain::RoleReadsChildren(caller.principal.role)) {
      return PermissionDenied("only the owning agency can release its answer beyond the hub");
    }
    if (c.status != domain::CheckStatus::kAnswered) return FailedPrecondition("answer the check before releasing it");
    c.status = domain::CheckStatus::kReleased;
    c.released_at = clock_.Now();
    c.released_by = caller.principal.user;
    RETURN_IF_ERROR(tx.UpdateCheck(c));
    ASSIGN_OR_RETURN(auto contact, tx.GetContact(c.contact));
    auto e = EntryBy(&caller.principal, "release_agency_check", ContactResource(c.contact));
    e.child = contact.child;
    return audit_.Append(tx, e);
  });
}

Result<MashContact> Mash::Rate(const AuthContext& caller, domain::MashContactId contact, domain::RagRating rating) {
  RETURN_IF_ERROR(RequireHub(caller));
  if (caller.principal.role != domain::Role::kManager && caller.principal.role != domain::Role::kSafeguardingLead) {
    return PermissionDenied("a MASH manager rates contacts");
  }
  MashContact rated;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(rated, tx.GetContact(contact));
    if (rated.status != domain::ContactStatus::kOpen) return FailedPrecondition("contact " + contact.ToString() + " is decided");
    rated.rating = rating;
    rated.rated_at = clock_.Now();
    rated.due_at = domain::AddWorkingHours(rated.rated_at, settings_.clock.HoursFor(rating), settings_.is_working_day);
    RETURN_IF_ERROR(tx.UpdateContact(rated));
    auto e = EntryBy(&caller.principal, "rate_contact", ContactResource(contact));
    e.child = rated.child;
    e.detail = std::string(domain::ToString(rating)) + ", due " + FormatTimestamp(rated.due_at);
    return audit_.Append(tx, e);
  }));
  return rated;
}

Status Mash::Decide(const AuthContext& caller, domain::MashContactId contact, const std::string& decision) {
  RETURN_IF_ERROR(RequireHub(caller));
  if (decision.empty() || decision.size() > 2000) return InvalidArgument("record the decision (at most 2000 characters)", "decision");
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, tx.GetContact(contact));
    if (c.status != domain::ContactStatus::kOpen) return FailedPrecondition("contact " + contact.ToString() + " is decided");
    if (!c.rating) return FailedPrecondition("rate the contact before deciding it", "rating");
    c.status = domain::ContactStatus::kDecided;
    c.decision = decision;
    c.decided_at = clock_.Now();
    RETURN_IF_ERROR(tx.UpdateContact(c));
    auto e = EntryBy(&caller.principal, "decide_contact", ContactResource(contact));
    e.child = c.child;
    e.detail = c.decided_at > c.due_at ? "decided after its clock ran out" : "decided within its clock";
    return audit_.Append(tx, e);
  });
}

Result<std::vector<ContactInQueue>> Mash::Queue(const AuthContext& caller) {
  RETURN_IF_ERROR(RequireHub(caller));
  const UnixSeconds now = clock_.Now();
  std::vector<ContactInQueue> queue;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto open, tx.OpenContacts());
    std::vector<domain::AuditEntry> entries;
    for (auto& c : open) {
      ContactInQueue item;
      ASSIGN_OR_RETURN(item.checks, tx.ChecksOf(c.id));
      // Hub staff need to know whom a contact is about; naming the child is a read of their
      // data, so it is on the child's access history.
      ASSIGN_OR_RETURN(auto child, tx.GetPerson(c.child));
      item.child_name = child.FullName();
      item.child_date_of_birth = child.date_of_birth;
      auto named = EntryBy(&caller.principal, "read_mash_queue", "/api/v1/mash/contacts");
      named.child = c.child;
      named.detail = "MASH contact " + c.id.ToString() + ": name and date of birth";
      entries.push_back(std::move(named));
      if (c.rating) {
        item.seconds_left = c.due_at - now;
        item.escalated = now > c.due_at;
      }
      item.contact = std::move(c);
      queue.push_back(std::move(item));
    }
    auto e = EntryBy(&caller.principal, "read_mash_queue", "/api/v1/mash/contacts");
    e.detail = std::to_string(queue.size()) + " open contacts";
    entries.push_back(std::move(e));
    return audit_.AppendAll(tx, std::move(entries));
  }));
  // Unrated first (nobody has looked yet), then by time left.
  std::stable_sort(queue.begin(), queue.end(), [](const ContactInQueue& a, const ContactInQueue& b) {
    if (a.contact.rating.has_value() != b.contact.rating.has_value()) return !a.contact.rating.has_value();
    return a.seconds_left < b.seconds_left;
  });
  return queue;
}

Result<std::vector<CheckToAnswer>> Mash::ChecksForMyAgency(const AuthContext& caller) {
  if (!caller.principal.agency.valid() || !domain::RoleReadsChildren(caller.principal.role)) {
    return PermissionDenied("only a practitioner of an agency answers checks");
  }
  std::vector<CheckToAnswer> mine;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    mine.clear();
    ASSIGN_OR_RETURN(auto open, tx.OpenContacts());
    std::vector<domain::AuditEntry> entries;
    for (const auto& c : open) {
      ASSIGN_OR_RETURN(auto checks, tx.ChecksOf(c.id));
      for (auto& check : checks) {
        if (check.agency != caller.principal.agency || check.status == domain::CheckStatus::kReleased) continue;
        ASSIGN_OR_RETURN(auto child, tx.GetPerson(c.child));
        auto e = EntryBy(&caller.principal, "read_agency_check", "/api/v1/mash/checks");
        e.child = c.child;
        e.detail = "check " + check.id.ToString() + " of MASH contact " + c.id.ToString() + ": name and date of birth";
        entries.push_back(std::move(e));
        mine.push_back({std::move(check), child.FullName(), child.date_of_birth});
      }
    }
    if (entries.empty()) {
      auto e = EntryBy(&caller.principal, "read_agency_checks", "/api/v1/mash/checks");
      e.detail = "no checks";
      entries.push_back(std::move(e));
    }
    return audit_.AppendAll(tx, std::move(entries));
  }));
  return mine;
}

}  // namespace safehub::app
