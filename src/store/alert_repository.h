// Storage of cumulative-concern alerts (issue 7), reached through a Transaction like every
// repository. An alert is stored with its evidence; its identity across evaluations is the
// rule, the subject and shared evidence, which the application works out from
// AlertsOfSubject. Not thread-safe: a transaction is used by one thread.
#pragma once

#include <string>
#include <vector>

#include "common/ids.h"
#include "common/status.h"
#include "domain/alert.h"

namespace safehub::store {

class AlertRepository {
 public:
  virtual ~AlertRepository() = default;
  // Stores a new alert with its evidence and returns its id (the `id` field is ignored).
  virtual Result<domain::AlertId> InsertAlert(const domain::ConcernAlert& alert) = 0;
  // Replaces every field and the evidence of an existing alert; kNotFound when absent.
  virtual Status UpdateAlert(const domain::ConcernAlert& alert) = 0;
  virtual Result<domain::ConcernAlert> GetAlert(domain::AlertId id) = 0;  // kNotFound
  // Alerts of one rule about one subject ("child:12"), oldest first, any status.
  virtual Result<std::vector<domain::ConcernAlert>> AlertsOfSubject(const std::string& rule_id,
                                                                    const std::string& subject_key) = 0;
  // Alerts about a child: its own and household alerts whose evidence names it; newest
  // first, merged ones left out.
  virtual Result<std::vector<domain::ConcernAlert>> AlertsAboutChild(PersonId child) = 0;
  // Every open alert, oldest first (the holders' queues are worked out from these).
  virtual Result<std::vector<domain::ConcernAlert>> OpenAlerts() = 0;
  // Children with at least one event, in id order: what a batch evaluation walks.
  virtual Result<std::vector<PersonId>> ChildrenWithEvents() = 0;
};

}  // namespace safehub::store
