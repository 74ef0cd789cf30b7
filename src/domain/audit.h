// One entry of the audit trail: who did what to whose record, when, on what basis.
// Entries are append-only and hash-chained (each hash covers the previous hash and the
// entry's canonical text), so a changed or deleted entry breaks the chain. Value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"

namespace safehub::domain {

enum class AuditOutcome { kAllowed, kDenied, kFailed };
std::string_view ToString(AuditOutcome outcome);

struct AuditEntry {
  std::int64_t sequence = 0;  // 1, 2, 3 ... assigned by the store, no gaps
  UnixSeconds at = 0;
  UserId user;                // 0 for an anonymous attempt (failed login)
  std::string username;
  std::string role;
  std::string action;         // "read_child", "create_event", "login", ...
  std::string resource;       // "/api/v1/children/42"
  PersonId child;             // the child whose data was touched, if any
  std::string reason;         // the reason the user stated, if any
  std::string basis;          // the access basis ("own_involvement")
  AuditOutcome outcome = AuditOutcome::kAllowed;
  std::string detail;         // never a secret: no passwords, no tokens
  std::string previous_hash;  // hex; 64 zeros for the first entry
  std::string hash;           // hex BLAKE2b-256 over previous_hash and CanonicalText
};

// The exact text the hash covers: every field but `hash`, in a fixed order, escaped so that
// no two different entries share a text.
std::string CanonicalText(const AuditEntry& entry);

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace safehub::domain
