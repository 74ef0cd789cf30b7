// The codes of link review decisions, shared by every store.
#include "store/link_review_repository.h"

namespace safehub::store {

std::string_view ToString(LinkReviewStatus status) {
  switch (status) {
    case LinkReviewStatus::kOpen: return "open";
    case LinkReviewStatus::kMatch: return "match";
    case LinkReviewStatus::kNotMatch: return "not_match";
  }
  return "open";
}

Result<LinkReviewStatus> ParseLinkReviewStatus(std::string_view s) {
  if (s == "open") return LinkReviewStatus::kOpen;
  if (s == "match") return LinkReviewStatus::kMatch;
  if (s == "not_match") return LinkReviewStatus::kNotMatch;
  return InvalidArgument("'" + std::string(s) + "' is not a review decision: use match or not_match", "decision");
}

Status MergeCycleError(const PersonMerge& m) {
  return FailedPrecondition("person " + m.surviving.ToString() + " is already merged into person " +
                                m.merged.ToString() + " (directly or through others); merging person " +
                                m.merged.ToString() + " into it would make a cycle",
                            "person_id");
}

}  // namespace safehub::store
