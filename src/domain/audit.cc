#include "domain/audit.h"

namespace safehub::domain {
namespace {

// Length-prefixed fields: "5:alice|" cannot be confused with a field containing '|'.
void AppendField(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '|';
}

}  // namespace

std::string_view ToString(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kAllowed: return "allowed";
    case AuditOutcome::kDenied: return "denied";
    case AuditOutcome::kFailed: return "failed";
  }
  return "failed";
}

std::string CanonicalText(const AuditEntry& e) {
  std::string out;
  out.reserve(256);
  AppendField(out, std::to_string(e.sequence));
  AppendField(out, std::to_string(e.at));
  AppendField(out, std::to_string(e.user.value));
  AppendField(out, e.username);
  AppendField(out, e.role);
  AppendField(out, e.action);
  AppendField(out, e.resource);
  AppendField(out, std::to_string(e.child.value));
  AppendField(out, e.reason);
  AppendField(out, e.basis);
  AppendField(out, ToString(e.outcome));
  AppendField(out, e.detail);
  AppendField(out, e.previous_hash);
  return out;
}

}  // namespace safehub::domain
