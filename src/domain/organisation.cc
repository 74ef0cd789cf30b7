#include "domain/organisation.h"

#include <array>
#include <utility>

#include "domain/validation.h"

namespace safehub::domain {
namespace {

constexpr std::array<std::pair<AgencyKind, std::string_view>, 9> kAgencyKinds = {{
    {AgencyKind::kSocialCare, "social_care"},
    {AgencyKind::kPolice, "police"},
    {AgencyKind::kHealth, "health"},
    {AgencyKind::kSchool, "school"},
    {AgencyKind::kProbation, "probation"},
    {AgencyKind::kYouthOffending, "youth_offending"},
    {AgencyKind::kHousing, "housing"},
    {AgencyKind::kVoluntary, "voluntary"},
    {AgencyKind::kOther, "other"},
}};

void CheckText(Violations& v, const std::string& field, const std::string& value, bool required,
               size_t max) {
  if (required && value.empty()) v.Add(field, "is required");
  if (value.size() > max) v.Add(field, "must be at most " + std::to_string(max) + " characters");
}

bool IsPhoneShaped(const std::string& s) {
  if (s.empty()) return true;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-')) return false;
  }
  return true;
}

}  // namespace

std::string_view ToString(AgencyKind kind) {
  for (const auto& [k, name] : kAgencyKinds) {
    if (k == kind) return name;
  }
  return "other";
}

Result<AgencyKind> ParseAgencyKind(std::string_view s) {
  for (const auto& [k, name] : kAgencyKinds) {
    if (name == s) return k;
  }
  return InvalidArgument("'" + std::string(s) +
                             "' is not an agency kind (social_care, police, health, school, probation, "
                             "youth_offending, housing, voluntary, other)",
                         "kind");
}

Status Validate(const Agency& a) {
  Violations v("agency" + (a.id.valid() ? " " + a.id.ToString() : std::string()));
  CheckText(v, "name", a.name, true, 200);
  CheckText(v, "code", a.code, false, 20);
  return v.ToStatus();
}

Status Validate(const Team& t) {
  Violations v("team" + (t.id.valid() ? " " + t.id.ToString() : std::string()));
  CheckText(v, "name", t.name, true, 200);
  if (!t.agency.valid()) v.Add("agency_id", "is required");
  if (!IsPhoneShaped(t.office_phone)) v.Add("office_phone", "must contain only digits, spaces and + ( ) -");
  if (!IsPhoneShaped(t.out_of_hours_phone)) {
    v.Add("out_of_hours_phone", "must contain only digits, spaces and + ( ) -");
  }
  return v.ToStatus();
}

Status Validate(const Practitioner& p) {
  Violations v("practitioner" + (p.id.valid() ? " " + p.id.ToString() : std::string()));
  CheckText(v, "name", p.name, true, 200);
  CheckText(v, "job_title", p.job_title, false, 200);
  if (!p.team.valid()) v.Add("team_id", "is required");
  if (!p.email.empty() && (p.email.find('@') == std::string::npos || p.email.size() > 254)) {
    v.Add("email", "is not an email address");
  }
  if (!IsPhoneShaped(p.phone)) v.Add("phone", "must contain only digits, spaces and + ( ) -");
  return v.ToStatus();
}

}  // namespace safehub::domain
