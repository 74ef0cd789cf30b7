// The in-memory fake's misuse reviews, MASH contacts and agency checks: MisuseReviewRepository
// and MashRepository of MemoryTransaction (memory_store_state.h).
#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<MisuseReviewId> MemoryTransaction::InsertMisuseReview(const MisuseReview& r) {
  RETURN_IF_ERROR(Writable());
  if (!s_.users.count(r.user.value)) return NotFound("user " + r.user.ToString() + " does not exist");
  if (!s_.people.count(r.child.value)) return NotFound("person " + r.child.ToString() + " does not exist");
  return InsertRow(s_.misuse_reviews, s_.next_id, r, &MisuseReview::id);
}

Result<MisuseReview> MemoryTransaction::GetMisuseReview(MisuseReviewId id) {
  return FindRow(s_.misuse_reviews, id, "misuse review");
}

Result<std::vector<MisuseReview>> MemoryTransaction::ListMisuseReviews(ReviewSelection selection) {
  std::vector<MisuseReview> out;
  for (const auto& [id, r] : s_.misuse_reviews) {
    if (selection == ReviewSelection::kAll || r.finding == ReviewFinding::kOpen) out.push_back(r);
  }
  return out;
}

Status MemoryTransaction::UpdateMisuseReview(const MisuseReview& r) {
  RETURN_IF_ERROR(Writable());
  if (!s_.misuse_reviews.count(r.id.value)) return NotFound("misuse review " + r.id.ToString() + " does not exist");
  s_.misuse_reviews[r.id.value] = r;
  return Status::Ok();
}

Result<MashContactId> MemoryTransaction::InsertContact(const MashContact& c) {
  RETURN_IF_ERROR(Writable());
  if (!s_.people.count(c.child.value)) return NotFound("person " + c.child.ToString() + " does not exist");
  return InsertRow(s_.contacts, s_.next_id, c, &MashContact::id);
}

Result<MashContact> MemoryTransaction::GetContact(MashContactId id) {
  return FindRow(s_.contacts, id, "contact");
}

Status MemoryTransaction::UpdateContact(const MashContact& c) {
  RETURN_IF_ERROR(Writable());
  if (!s_.contacts.count(c.id.value)) return NotFound("contact " + c.id.ToString() + " does not exist");
  s_.contacts[c.id.value] = c;
  return Status::Ok();
}

Result<std::vector<MashContact>> MemoryTransaction::OpenContacts() {
  std::vector<MashContact> out;
  for (const auto& [id, c] : s_.contacts) {
    if (c.status == ContactStatus::kOpen) out.push_back(c);
  }
  return out;
}

Result<std::vector<MashContact>> MemoryTransaction::ContactsOfChild(PersonId child) {
  std::vector<MashContact> out;
  for (const auto& [id, c] : s_.contacts) {
    if (ReadsAs(c.child, child)) out.push_back(c);
  }
  return out;
}

Result<AgencyCheckId> MemoryTransaction::InsertCheck(const AgencyCheck& c) {
  RETURN_IF_ERROR(Writable());
  if (!s_.contacts.count(c.contact.value)) return NotFound("contact " + c.contact.ToString() + " does not exist");
  if (!s_.agencies.count(c.agency.value)) return NotFound("agency " + c.agency.ToString() + " does not exist");
  return InsertRow(s_.checks, s_.next_id, c, &AgencyCheck::id);
}

Result<AgencyCheck> MemoryTransaction::GetCheck(AgencyCheckId id) {
  return FindRow(s_.checks, id, "agency check");
}

Status MemoryTransaction::UpdateCheck(const AgencyCheck& c) {
  RETURN_IF_ERROR(Writable());
  if (!s_.checks.count(c.id.value)) return NotFound("agency check " + c.id.ToString() + " does not exist");
  s_.checks[c.id.value] = c;
  return Status::Ok();
}

Result<std::vector<AgencyCheck>> MemoryTransaction::ChecksOf(MashContactId contact) {
  std::vector<AgencyCheck> out;
  for (const auto& [id, c] : s_.checks) {
    if (c.contact == contact) out.push_back(c);
  }
  return out;
}

}  // namespace safehub::store::memory
