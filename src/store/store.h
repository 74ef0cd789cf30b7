// A Store runs units of work. Write() gives one transaction that commits when the function
// returns OK and rolls back otherwise, so nothing is half-applied; Read() gives a consistent
// read-only snapshot. Thread-safe: any thread may call Read/Write concurrently.
#pragma once

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
};

using Work = std::function<Status(Transaction&)>;

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one read-write transaction; commits on OK, rolls back on any error and
  // returns that error. Writers are serialised.
  virtual Status Write(const Work& work) = 0;
  // Runs `work` on a read-only snapshot; writes inside fail.
  virtual Status Read(const Work& work) = 0;
};

// Opens the default in-memory fake (for unit tests).
std::unique_ptr<Store> NewMemoryStore();

}  // namespace safehub::store
