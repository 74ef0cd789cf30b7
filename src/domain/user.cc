#include "domain/user.h"

#include "domain/validation.h"

namespace safehub::domain {

Status Validate(const User& u) {
  Violations v("user " + (u.username.empty() ? u.id.ToString() : u.username));
  bool shaped = !u.username.empty() && u.username.size() <= 64;
  for (char c : u.username) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) shaped = false;
  }
  if (!shaped) v.Add("username", "must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
  if (u.display_name.empty()) v.Add("display_name", "is required");
  if (u.display_name.size() > 200) v.Add("display_name", "must be at most 200 characters");
  // Scope below "all" is measured from the user's place in an organisation.
  if (RoleReadsChildren(u.role) && u.scope != Scope::kAll && !u.practitioner.valid()) {
    v.Add("practitioner_id", "is required for a " + std::string(ToString(u.role)) + " with " +
                                 std::string(ToString(u.scope)) + " scope");
  }
  if (u.password_hash.empty()) v.Add("password", "is required");
  return v.ToStatus();
}

}  // namespace safehub::domain
