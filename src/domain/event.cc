#include "domain/event.h"

#include "domain/validation.h"

namespace safehub::domain {
namespace {

bool IsLowerSnake(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return s.front() >= 'a' && s.front() <= 'z';
}

}  // namespace

std::string_view ToString(Significance s) {
  switch (s) {
    case Significance::kLow: return "low";
    case Significance::kMedium: return "medium";
    case Significance::kHigh: return "high";
  }
  return "low";
}

Result<Significance> ParseSignificance(std::string_view s) {
  if (s == "low") return Significance::kLow;
  if (s == "medium") return Significance::kMedium;
  if (s == "high") return Significance::kHigh;
  return InvalidArgument("'" + std::string(s) + "' is not one of low, medium, high", "significance");
}

Status Validate(const Event& e, Date today) {
  Violations v("event" + (e.id.valid() ? " " + e.id.ToString() : std::string()));
  if (!e.child.valid()) v.Add("child_id", "is required");
  if (!e.agency.valid()) v.Add("agency_id", "is required");
  if (!IsLowerSnake(e.kind)) v.Add("kind", "must be a lower_snake_case code of at most 64 characters");
  if (e.occurred_on > today) v.Add("occurred_on", e.occurred_on.ToString() + " is after today " + today.ToString());
  if (e.summary.empty()) v.Add("summary", "is required");
  if (e.summary.size() > 4000) v.Add("summary", "must be at most 4000 characters");
  if (e.source_reference.size() > 100) v.Add("source_reference", "must be at most 100 characters");
  return v.ToStatus();
}

}  // namespace safehub::domain
