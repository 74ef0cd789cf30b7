// The child index's clerical review (issue 3 part 5; CP-IS names both failures, a child
// missed and a child wrongly flagged). A record the linkage model scores between the review
// and match thresholds makes a new child and queues the pair here, in the feed's unit of
// work. A reviewer sees both people side by side with the per-field evidence and decides:
// "match" merges the arriving person into the existing one (a merge record; nothing is
// rewritten), "not a match" is kept and ProbabilisticChildIndex never links or proposes the
// pair again. A merge can be undone with a reason, leaving both people as they were.
//
// Who reviews (least privilege): a manager or safeguarding lead, either of children's social
// care with agency or all scope, or of the MASH hub team. Never practitioners, administrators
// or auditors. Every listing (per child shown), decision, merge and unmerge is audited, as is
// every refusal. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "app/child_index.h"
#include "common/clock.h"
#include "store/store.h"

namespace safehub::app {

// One side of a pair as the reviewer sees it: identifying details only.
struct ReviewedPerson {
  domain::Person person;  // NHS number and UPN emptied when the person is shielded
  bool shielded = false;
  std::size_t events = 0;  // read as this person's (with any merged into it)
};

struct ReviewItem {
  store::LinkReview review;
  ReviewedPerson arriving;
  ReviewedPerson existing;
};

struct ReviewPage {
  std::vector<ReviewItem> items;
  std::int64_t total_open = 0;
};

struct ReviewOutcome {
  store::LinkReview review;
  std::optional<store::PersonMerge> merge;  // set when the decision merged two people
};

// One merge as shown on a child's record.
struct MergeView {
  store::PersonMerge merge;
  domain::Person merged;     // NHS number and UPN emptied when shielded
  domain::Person surviving;  // likewise
  std::string merged_by_name;
  std::string undone_by_name;  // empty while the merge stands
};

struct ChildMerges {
  PersonId merged_into;  // the child this one is read as, when merged (invalid: none)
  std::vector<MergeView> standing;  // everyone read as part of this child, chains included
  std::vector<MergeView> undone;    // undone merges with this child on either side
  bool can_undo = false;            // the caller is a reviewer
};

class LinkReviews {
 public:
  static constexpr int kMaxPage = 100;
  static constexpr std::size_t kMaxReason = 2000;

  // `hub_team`: the MASH team whose managers and leads also review (invalid: none).
  LinkReviews(store::Store& store, const Clock& clock, TeamId hub_team = TeamId())
      : store_(store), clock_(clock), audit_(clock), hub_team_(hub_team) {}

  // Queues `link`'s possible match inside the feed's transaction; does nothing when the
  // link has none or the pair already has a review.
  static Status QueuePossibleMatch(store::Transaction& tx, const LinkResult& link, AgencyId agency,
                                   const std::string& source_reference, UnixSeconds now);

  // Every review naming `child` or anyone standing merged into it (a decision about a
  // merged person is about the child it is now part of), oldest first.
  static Result<std::vector<store::LinkReview>> ReviewsOfChild(store::Transaction& tx, PersonId child);

  // The open queue, oldest first. kInvalidArgument for a limit outside 1..kMaxPage or a
  // negative offset; kPermissionDenied for anyone but a reviewer.
  Result<ReviewPage> ListOpen(const AuthContext& caller, int limit, int offset);
  // "match" merges the arriving person into the existing one; "not_match" keeps them apart.
  // A reason is required. kFailedPrecondition when already decided. Either side may already
  // be part of a merge: "match" merges the child the arriving side is read as (the end of
  // its chain, with everyone merged into it) into the child the existing side is read as,
  // and records no merge when they are already one; "not_match" between two already read
  // as one child is refused (kFailedPrecondition) until that merge is undone.
  Result<ReviewOutcome> Decide(const AuthContext& caller, store::LinkReviewId id, store::LinkReviewStatus decision,
                               const std::string& reason);
  // Undoes the standing merge of `merged` into another person: exactly that one merge, so
  // anyone merged into `merged` stays with it, and the person it was merged into keeps the
  // rest of its chain. kFailedPrecondition when `merged` is not merged into anyone.
  Result<store::PersonMerge> Unmerge(const AuthContext& caller, PersonId merged, const std::string& reason);

  // The merges on `child`'s record, read under the child record's access rule and audited
  // (allowed or denied) like it: kNotFound, kPermissionDenied (field "reason" when a stated
  // reason is required). Open to anyone who may open the child, not only reviewers.
  Result<ChildMerges> MergesOfChild(const AuthContext& caller, PersonId child, const std::string& reason);

  // Told, after a merge or an unmerge has committed, the children it changed the reading of,
  // so that concern detection puts (or takes apart) their signals at once rather than at the
  // next sweep. The decision stands whatever the listener does.
  using ReadingChanged = std::function<void(const std::vector<PersonId>& children)>;
  void SetReadingChangedListener(ReadingChanged listener) { reading_changed_ = std::move(listener); }

  // The command line acts as a named user, who must be a reviewer like anyone else.
  static Result<AuthContext> ActingAs(store::Store& store, const std::string& username);

 private:
  Status RequireReviewer(store::Transaction& tx, const AuthContext& caller) const;
  // Stores the merge `review` decided and queues its audit entries (one per person).
  Result<store::PersonMerge> MergeInto(store::Transaction& tx, const AuthContext& caller, PersonId merged,
                                       PersonId surviving, const store::LinkReview& review,
                                       std::vector<domain::AuditEntry>& entries);
  // Runs `work` after the reviewer check in one write; a refusal is audited and returned.
  Status ReviewerWrite(const AuthContext& caller, const std::string& action, const std::string& resource,
                       const std::function<Status(store::Transaction&)>& work);
  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  TeamId hub_team_;
  ReadingChanged reading_changed_;
};

}  // namespace safehub::app
