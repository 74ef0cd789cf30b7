// Recently authenticated sessions, so that a user's burst of requests (a child's page reads
// the record, chronology, alerts and plans at once; an API client polls) does not read the
// session, the user and their placement from the store on every one of them.
//
// An entry lives at most `ttl` seconds. Everything this process changes about a user or a
// session (logout, disable, role, scope, password) forgets the entry at once; a change made
// by another process (`safehub user disable` on the same database) takes effect within
// `ttl`. Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/auth_service.h"
#include "common/clock.h"

namespace safehub::app {

class SessionCache {
 public:
  static constexpr UnixSeconds kDefaultTtl = 2;
  static constexpr std::size_t kMaxEntries = 50'000;  // past this, start again empty

  explicit SessionCache(UnixSeconds ttl = kDefaultTtl) : ttl_(ttl) {}

  // The cached caller for `token_hash`, if remembered within the last ttl seconds and the
  // session's absolute expiry has not passed.
  std::optional<AuthContext> Find(const std::string& token_hash, UnixSeconds now) const;
  void Remember(const AuthContext& context, UnixSeconds expires_at, UnixSeconds now);
  void ForgetSession(const std::string& token_hash);
  void ForgetUser(UserId user);

 private:
  struct Entry {
    AuthContext context;
    UnixSeconds remembered_at = 0;
    UnixSeconds expires_at = 0;
  };
  UnixSeconds ttl_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace safehub::app
