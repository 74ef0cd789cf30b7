// The hash-chained audit trail. Append() runs inside the caller's write transaction, so an
// action and its audit entry commit together or not at all. Verify() walks the whole chain.
// Thread-safe (stateless; the store serialises writers).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "store/store.h"

namespace safehub::app {

struct AuditVerification {
  std::int64_t entries = 0;
  std::string head_hash;  // hash of the last entry; record it elsewhere to detect truncation
  bool intact = true;
  std::int64_t first_bad_sequence = 0;  // 0 when the problem is a kept head hash not found
  std::string problem;    // what is wrong at first_bad_sequence
  std::int64_t known_head_sequence = 0;  // where the kept head hash was found (0: not given)
};

// A new entry naming who acted (their id, username and role), what and where. A null
// principal is the operator at the command line.
domain::AuditEntry EntryBy(const domain::Principal* who, std::string action, std::string resource);
domain::AuditEntry EntryBy(const domain::User& who, std::string action, std::string resource);

class AuditTrail {
 public:
  explicit AuditTrail(const Clock& clock) : clock_(clock) {}
  // Sets sequence, time and hashes on `entry` and appends it. Errors from the store.
  Status Append(store::Transaction& tx, domain::AuditEntry entry) const;
  // Appends several entries in order, reading the chain's head once (bulk feeds).
  Status AppendAll(store::Transaction& tx, std::vector<domain::AuditEntry> entries) const;
  // Checks every entry: sequence without gaps, previous hash linking, own hash. The result
  // says where the chain first breaks; errors only when the store cannot be read.
  // `known_head`, when given, is a head hash printed by an earlier check and kept outside the
  // database: the chain must still hold it, which is the only way to detect that its newest
  // entries were removed (kInvalidArgument, field "known_head", unless 64 hex digits).
  static Result<AuditVerification> Verify(store::Store& store, std::string_view known_head = {});

 private:
  const Clock& clock_;
};

}  // namespace safehub::app
