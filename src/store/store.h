// A Store runs units of work. Write() gives one transaction that commits when the function
// returns OK and rolls back otherwise, so nothing is half-applied; Read() gives a consistent
// read-only snapshot. Thread-safe: any thread may call Read/Write concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "common/status.h"
#include "store/alert_repository.h"
#include "store/casework_repository.h"
#include "store/link_review_repository.h"
#include "store/repositories.h"

namespace safehub::store {

class Transaction : public PersonRepository,
                    public OrganisationRepository,
                    public HouseholdRepository,
                    public InvolvementRepository,
                    public EventRepository,
                    public UserRepository,
                    public SharingRepository,
                    public MisuseReviewRepository,
                    public SignpostingRepository,
                    public MashRepository,
                    public CaseworkRepository,
                    public AuditRepository,
                    public AlertRepository,
                    public LinkReviewRepository {
 public:
  ~Transaction() override = default;
  // The number of this unit of work among the store's writes (1, 2, ... since it was
  // opened); 0 in a read or a bookkeeping unit (Store::SubmitBookkeeping). Numbers only
  // grow, and two units whose numbers are consecutive had nothing but bookkeeping committed
  // between them, by this process or any other: what lets a cache built from one unit
  // (concern detection's rule inputs) know it is still in step in the next.
  virtual std::uint64_t WriteSequence() const = 0;
  // Whether another unit of work is waiting for the store's writer while this one runs;
  // always false in a read. A hint for long units (a feed's) to end at a safe point so the
  // waiting one (a practitioner's audited read) commits soon: it changes only how work is
  // split into units, never what is written.
  virtual bool OtherWritersWaiting() const = 0;
};

using Work = std::function<Status(Transaction&)>;
// Told once what became of a submitted unit: OK when it committed, else its error.
using Committed = std::function<void(Status)>;

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one read-write transaction; commits on OK, rolls back on any error and
  // returns that error. Writers are serialised.
  virtual Status Write(const Work& work) = 0;
  // Runs `work` on a read-only snapshot; writes inside fail.
  virtual Status Read(const Work& work) = 0;
  // Write() for a caller that must not wait: `work` runs later, in the order submitted, and
  // `committed` is then called once, on whichever thread made the commit; it must not block
  // and must not call the store. `work` must own everything it uses. The default runs it
  // at once (a store whose writes never wait on a disk).
  virtual void Submit(Work work, Committed committed) { committed(Write(work)); }
  // Submit() for a unit that only appends to the audit trail and signposting notifications
  // and touches sessions (what an audited read writes): it takes no WriteSequence number,
  // so a practitioner's read between two units of a feed's concern detection leaves them
  // adjacent. Any other write in it is refused (kInternal) and rolls the unit back. The
  // default numbers it as any unit: never wrong, only less often adjacent.
  virtual void SubmitBookkeeping(Work work, Committed committed) { Submit(std::move(work), std::move(committed)); }
};

// Opens the default in-memory fake (for unit tests).
std::unique_ptr<Store> NewMemoryStore();

}  // namespace safehub::store
