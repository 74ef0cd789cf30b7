#include "app/audit_trail.h"

#include <algorithm>

#include "security/crypto.h"

namespace safehub::app {

domain::AuditEntry EntryBy(const domain::Principal* who, std::string action, std::string resource) {
  domain::AuditEntry e;
  if (who != nullptr) {
    e.user = who->user;
    e.username = who->username;
    e.role = std::string(domain::ToString(who->role));
  } else {
    e.username = "command-line";
  }
  e.action = std::move(action);
  e.resource = std::move(resource);
  return e;
}

domain::AuditEntry EntryBy(const domain::User& who, std::string action, std::string resource) {
  domain::AuditEntry e;
  e.user = who.id;
  e.username = who.username;
  e.role = std::string(domain::ToString(who.role));
  e.action = std::move(action);
  e.resource = std::move(resource);
  return e;
}

Status AuditTrail::Append(store::Transaction& tx, domain::AuditEntry entry) const {
  ASSIGN_OR_RETURN(auto last, tx.AuditChainHead());
  entry.sequence = last ? last->sequence + 1 : 1;
  entry.previous_hash = last ? last->hash : std::string(domain::kGenesisHash);
  entry.at = clock_.Now();
  entry.hash = security::Blake2bHex(domain::CanonicalText(entry));
  return tx.AppendAudit(entry);
}

Status AuditTrail::AppendAll(store::Transaction& tx, std::vector<domain::AuditEntry> entries) const {
  if (entries.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto last, tx.AuditChainHead());
  std::int64_t sequence = last ? last->sequence : 0;
  std::string previous = last ? last->hash : std::string(domain::kGenesisHash);
  const UnixSeconds now = clock_.Now();
  for (auto& entry : entries) {
    entry.sequence = ++sequence;
    entry.previous_hash = previous;
    entry.at = now;
    entry.hash = security::Blake2bHex(domain::CanonicalText(entry));
    previous = entry.hash;
    RETURN_IF_ERROR(tx.AppendAudit(entry));
  }
  return Status::Ok();
}

Result<AuditVerification> AuditTrail::Verify(store::Store& store, std::string_view known_head) {
  const bool hex = std::all_of(known_head.begin(), known_head.end(),
                               [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (!known_head.empty() && (known_head.size() != 64 || !hex)) {
    return InvalidArgument("the kept head hash must be the 64 lower-case hex digits an earlier check printed",
                           "known_head");
  }
  AuditVerification report;
  std::string previous(domain::kGenesisHash);
  std::int64_t expected_sequence = 1;
  bool done = false;
  // Pages keep memory flat on a trail of millions of entries.
  while (!done && report.intact) {
    std::vector<domain::AuditEntry> page;
    RETURN_IF_ERROR(store.Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(page, tx.ScanAudit(expected_sequence - 1, 5000));
      return Status::Ok();
    }));
    if (page.empty()) break;
    for (const domain::AuditEntry& e : page) {
      auto fail = [&](std::string problem) {
        report.intact = false;
        report.first_bad_sequence = e.sequence;
        report.problem = std::move(problem);
      };
      if (e.sequence != expected_sequence) {
        fail("entry " + std::to_string(expected_sequence) + " is missing (next present is " +
             std::to_string(e.sequence) + ")");
      } else if (e.previous_hash != previous) {
        fail("entry " + std::to_string(e.sequence) + " does not link to the entry before it");
      } else if (security::Blake2bHex(domain::CanonicalText(e)) != e.hash) {
        fail("entry " + std::to_string(e.sequence) + " was altered after it was written");
      }
      if (!report.intact) {
        done = true;
        break;
      }
      if (!known_head.empty() && e.hash == known_head) report.known_head_sequence = e.sequence;
      previous = e.hash;
      ++expected_sequence;
      ++report.entries;
    }
  }
  report.head_hash = previous;
  if (report.intact && !known_head.empty() && report.known_head_sequence == 0) {
    report.intact = false;
    report.problem = "the kept head hash " + std::string(known_head) +
                     " is not in the trail: entries after it were removed, or this is another trail";
  }
  return report;
}

}  // namespace safehub::app
