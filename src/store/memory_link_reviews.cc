// The in-memory fake's clerical review queue: the link-review half of LinkReviewRepository of
// MemoryTransaction (memory_store_state.h); merges are in memory_merges.cc.
#include <algorithm>
#include <cmath>

#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<LinkReviewId> MemoryTransaction::InsertLinkReview(const LinkReview& r) {
  RETURN_IF_ERROR(Writable());
  for (PersonId p : {r.arriving, r.existing}) {
    if (!s_.people.count(p.value)) return NotFound("person " + p.ToString() + " does not exist");
  }
  if (r.agency.valid() && !s_.agencies.count(r.agency.value)) {
    return NotFound("agency " + r.agency.ToString() + " does not exist");
  }
  LinkReview stored = r;
  stored.status = LinkReviewStatus::kOpen;
  stored.decided_by = UserId();
  stored.decided_at = 0;
  stored.reason.clear();
  stored.probability = static_cast<double>(std::llround(r.probability * 1e6)) / 1e6;  // as SQLite keeps it
  return InsertRow(s_.link_reviews, s_.next_id, stored, &LinkReview::id);
}

Result<LinkReview> MemoryTransaction::GetLinkReview(LinkReviewId id) {
  return FindRow(s_.link_reviews, id, "link review");
}

Status MemoryTransaction::DecideLinkReview(const LinkReview& r) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.link_reviews.find(r.id.value);
  if (it == s_.link_reviews.end()) return NotFound("link review " + r.id.ToString() + " does not exist");
  if (it->second.status != LinkReviewStatus::kOpen) {
    return FailedPrecondition("link review " + r.id.ToString() + " is already decided (" +
                                  std::string(ToString(it->second.status)) + ")", "decision");
  }
  if (r.decided_by.valid() && !s_.users.count(r.decided_by.value)) {
    return NotFound("user " + r.decided_by.ToString() + " does not exist");
  }
  it->second.status = r.status;
  it->second.decided_by = r.decided_by;
  it->second.decided_at = r.decided_at;
  it->second.reason = r.reason;
  return Status::Ok();
}

Result<std::vector<LinkReview>> MemoryTransaction::ListLinkReviews(LinkReviewStatus status, int limit, int offset) {
  std::vector<LinkReview> out;
  int skipped = 0;
  for (const auto& [id, r] : s_.link_reviews) {
    if (r.status != status) continue;
    if (skipped++ < offset) continue;
    if (static_cast<int>(out.size()) >= limit) break;
    out.push_back(r);
  }
  return out;
}

Result<std::int64_t> MemoryTransaction::CountLinkReviews(LinkReviewStatus status) {
  return static_cast<std::int64_t>(std::count_if(s_.link_reviews.begin(), s_.link_reviews.end(),
                                                 [&](const auto& row) { return row.second.status == status; }));
}

Result<std::vector<LinkReview>> MemoryTransaction::LinkReviewsOf(PersonId person) {
  std::vector<LinkReview> out;
  for (const auto& [id, r] : s_.link_reviews) {
    if (r.arriving == person || r.existing == person) out.push_back(r);
  }
  return out;
}

}  // namespace safehub::store::memory
