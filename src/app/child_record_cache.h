// What audited reads of a child keep between requests: the child, who works with them (the
// access rule's input) and their family, as read on one snapshot, for as long as the store's
// ChildRecordGeneration (store/repositories.h) has not moved. A child's page makes several
// audited reads at once and practitioners reopen the same children all day; each read used
// to run a dozen statements on a reader whose page cache the last audit commit had reset.
//
// Only what is read is kept, never what a caller was shown: each read still decides access,
// shielding and masking for its caller from the kept facts, and is audited as before. The
// generation is read in the same snapshot as everything else, so kept facts are exactly what
// that snapshot would read. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "domain/access.h"
#include "domain/household.h"
#include "domain/person.h"
#include "store/store.h"

namespace safehub::app {

struct HouseholdView {
  domain::Household household;
  domain::HouseholdMember membership;
  std::vector<std::pair<domain::HouseholdMember, domain::Person>> members;
};

struct RelationshipView {
  domain::Relationship relationship;
  domain::Person other;
};

// What every audited read of the child needs: the child, and the involvements as the access
// rule sees them on `today` (whether each is active depends on the day).
struct ChildFacts {
  domain::Person person;
  Date today;
  std::vector<domain::InvolvementReach> reach;
};

// What the child's record shows besides the child: unmasked, for every caller.
struct ChildFamily {
  PersonId survivor;  // the child itself, or whom a reviewer merged it into
  std::vector<store::InvolvementDetail> involvements;
  std::vector<HouseholdView> households;
  std::vector<RelationshipView> relationships;
};

// The facts of one child on one snapshot, and the generation that snapshot was at.
struct ChildSnapshot {
  std::int64_t generation = 0;
  std::shared_ptr<const ChildFacts> facts;
};

// Reads the child's facts (kNotFound: no such person) and family on `tx`.
Result<ChildFacts> ReadChildFacts(store::Transaction& tx, PersonId child, Date today);
Result<ChildFamily> ReadChildFamily(store::Transaction& tx, PersonId child);

class ChildRecordCache {
 public:
  // At most `capacity` children are kept (a few kilobytes each).
  explicit ChildRecordCache(size_t capacity = 4096) : capacity_(capacity) {}

  // The child's facts on `tx`'s snapshot, kept or read (and then kept).
  Result<ChildSnapshot> Facts(store::Transaction& tx, PersonId child, Date today);
  // The child's family on the same snapshot as `snapshot`, kept or read (and then kept).
  Result<std::shared_ptr<const ChildFamily>> Family(store::Transaction& tx, PersonId child,
                                                    const ChildSnapshot& snapshot);

  // How many reads were answered from what was kept, and how many read the store (tests and
  // benches).
  struct Counts {
    std::int64_t kept = 0;
    std::int64_t read = 0;
  };
  Counts counts() const;

 private:
  struct Kept {
    std::shared_ptr<const ChildFacts> facts;
    std::shared_ptr<const ChildFamily> family;
  };
  // Keeps what a snapshot at `generation` read, unless a newer generation has been seen
  // (an older snapshot's reads are true only of the past). A newer one forgets everything.
  void Keep(PersonId child, std::int64_t generation, const std::function<void(Kept&)>& update);

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::int64_t generation_ = 0;  // the newest generation seen; everything kept is at it
  std::unordered_map<std::int64_t, Kept> kept_;
  Counts counts_;
};

}  // namespace safehub::app
