#include "app/session_cache.h"

#include <iterator>

namespace safehub::app {

std::optional<AuthContext> SessionCache::Find(const std::string& token_hash, UnixSeconds now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  // `now < remembered_at`: the clock went back; trust nothing remembered "in the future".
  if (now < e.remembered_at || now - e.remembered_at >= ttl_ || now >= e.expires_at) return std::nullopt;
  return e.context;
}

void SessionCache::Remember(const AuthContext& context, UnixSeconds expires_at, UnixSeconds now) {
  if (ttl_ <= 0) return;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[context.token_hash] = Entry{context, now, expires_at};
}

void SessionCache::ForgetSession(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  entries_.erase(token_hash);
}

void SessionCache::ForgetUser(UserId user) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = it->second.context.principal.user == user ? entries_.erase(it) : std::next(it);
  }
}

}  // namespace safehub::app
