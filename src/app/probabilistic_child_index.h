// The child index as feeds use it, with probabilistic record linkage (src/linkage): an
// agency's record is linked on NHS number or UPN when it carries one that is known, and
// otherwise scored against every indexed child by the Fellegi-Sunter model, so a typo in a
// name, a swapped day and month or a nickname still finds the child. A record scoring
// between the review and match thresholds does not join the candidate: a new child is made
// and the result names the possible match for clerical review (a false match puts one
// child's information on another's record, the more serious failure). Reviewers' decisions
// stand over the model: a merged person links as the one it is merged into, and a pair
// decided "not a match" is never linked or proposed again.
// Link is safe from many threads: readers share the index, new children take it exclusively.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "app/child_index.h"
#include "linkage/model.h"
#include "linkage/realtime_index.h"

namespace safehub::app {

// A model of the child-record schema trained on synthetic records with realistic errors
// (deterministic): agencies' records look like these, and a new area has no labelled pairs.
linkage::LinkageModel DefaultChildLinkageModel();

class ProbabilisticChildIndex final : public ChildIndex {
 public:
  explicit ProbabilisticChildIndex(linkage::LinkageModel model);
  // Trains with `model` and loads the store's children on the first Link (commands that
  // never link pay nothing); Load() does it ahead, at start-up.
  explicit ProbabilisticChildIndex(std::function<linkage::LinkageModel()> model);

  // Indexes every child and unborn child in the store.
  Status Load(store::Store& store);
  // Identifiers and exact name and birth date (IdentifierChildIndex), through merges.
  Result<std::optional<LinkResult>> FindExact(store::Transaction& tx, const ChildIdentity& identity) override;
  // The model: matched, or a new child, with a possible match for clerical review.
  Result<LinkResult> LinkUnmatched(store::Transaction& tx, const ChildIdentity& identity, Date today) override;

  std::size_t size() const;

 private:
  struct Candidate {
    PersonId person;
    double probability = 0;
    bool matched = false;  // at or above the match threshold
  };
  // The person a reviewer's decisions make of the model's candidate (app/link_review): the
  // one it is merged into, or one a reviewer said is not the candidate and the record is at
  // least as like.
  Result<Candidate> Reviewed(store::Transaction& tx, const linkage::Record& record, Candidate candidate);
  static Result<PersonId> SurvivorOf(store::Transaction& tx, PersonId person);
  static linkage::Record ToRecord(const domain::Person& person);
  static linkage::Record ToRecord(const ChildIdentity& identity);
  void AddLocked(const linkage::Record& record, PersonId id);
  Status LoadLocked(store::Transaction& tx);  // holds mu_ exclusively

  std::function<linkage::LinkageModel()> make_model_;
  std::atomic<bool> loaded_{false};
  mutable std::shared_mutex mu_;
  linkage::LinkageModel model_;
  std::unique_ptr<linkage::RealtimeIndex> index_;
  std::vector<PersonId> person_ids_;                      // index person -> stored person
  std::unordered_map<std::int64_t, std::uint32_t> number_of_;  // stored person -> index person
  IdentifierChildIndex identifiers_;
};

}  // namespace safehub::app
