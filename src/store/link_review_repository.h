// Storage of the child index's clerical review (issue 3 part 5): pairs of people the linkage
// model could neither link nor tell apart, the reviewer's decision on each, and person
// merges. A merge is a record beside the two people, never a change to them: events,
// involvements and casework keep the person they were recorded against, reads of the
// surviving person include the merged person's rows while the merge stands (events,
// involvements, households, relationships, sharing decisions, plan periods, notifications,
// MASH contacts, alerts; transitively through chains; never casework or the access
// history: docs/architecture.md), and undoing it (unmerge) leaves both exactly as they were.
// Not thread-safe: reached through one Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::store {

using LinkReviewId = Id<struct LinkReviewTag>;
using PersonMergeId = Id<struct PersonMergeTag>;

enum class LinkReviewStatus { kOpen, kMatch, kNotMatch };
std::string_view ToString(LinkReviewStatus status);  // "open", "match", "not_match"
Result<LinkReviewStatus> ParseLinkReviewStatus(std::string_view s);

// A possible match: the person an arriving record created, and the indexed person the model
// scored between the review and match thresholds.
struct LinkReview {
  LinkReviewId id;
  PersonId arriving;
  PersonId existing;
  double probability = 0;      // stored to six decimal places
  std::string evidence_json;   // [{"field": "surname", "level": "typo", "weight": 3.1}, ...]
  AgencyId agency;             // whose record arrived (0: none)
  std::string source_reference;
  UnixSeconds created_at = 0;
  LinkReviewStatus status = LinkReviewStatus::kOpen;
  UserId decided_by;
  UnixSeconds decided_at = 0;
  std::string reason;
};

// `merged` is read as part of `surviving` from merged_at until undone_at (0: still stands).
struct PersonMerge {
  PersonMergeId id;
  PersonId merged;
  PersonId surviving;
  LinkReviewId review;  // the decision that made it (0: none)
  UserId merged_by;
  UnixSeconds merged_at = 0;
  std::string reason;
  UserId undone_by;
  UnixSeconds undone_at = 0;
  std::string undo_reason;
};

// The refusal of a merge whose surviving person is already read as the merged one.
Status MergeCycleError(const PersonMerge& merge);

class LinkReviewRepository {
 public:
  virtual ~LinkReviewRepository() = default;
  // Stores a new open review; kNotFound for an unknown person or agency.
  virtual Result<LinkReviewId> InsertLinkReview(const LinkReview& review) = 0;
  virtual Result<LinkReview> GetLinkReview(LinkReviewId id) = 0;  // kNotFound
  // Records the decision (status, decided_by, decided_at, reason); kNotFound when absent,
  // kFailedPrecondition when it is already decided (a decision is never rewritten).
  virtual Status DecideLinkReview(const LinkReview& review) = 0;
  // Reviews with `status`, oldest first, paged.
  virtual Result<std::vector<LinkReview>> ListLinkReviews(LinkReviewStatus status, int limit, int offset) = 0;
  virtual Result<std::int64_t> CountLinkReviews(LinkReviewStatus status) = 0;
  // Every review naming the person on either side, oldest first.
  virtual Result<std::vector<LinkReview>> LinkReviewsOf(PersonId person) = 0;

  // Stores a merge; kNotFound for an unknown person; kAlreadyExists when `merged` is already
  // merged into someone; kInvalidArgument when merged == surviving; kFailedPrecondition when
  // `surviving` is itself read as `merged` (standing merged into it, directly or through
  // others), which would make a cycle. `surviving` may itself have absorbed others, and may
  // later be merged into another person: merges chain (Y -> Z -> W reads Y and Z as W).
  virtual Result<PersonMergeId> InsertPersonMerge(const PersonMerge& merge) = 0;
  virtual Result<PersonMerge> GetPersonMerge(PersonMergeId id) = 0;  // kNotFound
  // Records undone_by, undone_at and undo_reason; kNotFound, or kFailedPrecondition when
  // already undone.
  virtual Status UndoPersonMerge(const PersonMerge& merge) = 0;
  // The standing merge of `person` into another, if any.
  virtual Result<std::optional<PersonMerge>> StandingMergeOf(PersonId person) = 0;
  // The standing merges into `person`, oldest first.
  virtual Result<std::vector<PersonMerge>> StandingMergesInto(PersonId person) = 0;
  // The person `person` is read as: the end of its chain of standing merges (itself when
  // it is merged into nobody).
  virtual Result<PersonId> SurvivorOf(PersonId person) = 0;
  // Everyone read as part of `survivor` through standing merges, directly or through others
  // (not `survivor` itself), ascending by id.
  virtual Result<std::vector<PersonId>> AbsorbedInto(PersonId survivor) = 0;
  // Every merge, standing or undone, with `person` on either side, oldest first: its history.
  virtual Result<std::vector<PersonMerge>> MergesOf(PersonId person) = 0;
};

}  // namespace safehub::store
