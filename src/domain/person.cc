#include "domain/person.h"

#include "domain/identifiers.h"
#include "domain/validation.h"

namespace safehub::domain {
namespace {

constexpr size_t kMaxNameLength = 100;

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

void CheckName(Violations& v, const std::string& field, const std::string& value, bool required) {
  if (required && IsBlank(value)) v.Add(field, "is required");
  if (value.size() > kMaxNameLength) v.Add(field, "must be at most 100 characters");
  for (unsigned char c : value) {
    if (c < 0x20) {
      v.Add(field, "must not contain control characters");
      break;
    }
  }
}

}  // namespace

std::string_view ToString(Shielding shielding) {
  switch (shielding) {
    case Shielding::kNone: return "none";
    case Shielding::kRefuge: return "refuge";
    case Shielding::kMarac: return "marac";
    case Shielding::kOther: return "other";
  }
  return "none";
}

Result<Shielding> ParseShielding(std::string_view s) {
  for (Shielding sh : {Shielding::kNone, Shielding::kRefuge, Shielding::kMarac, Shielding::kOther}) {
    if (ToString(sh) == s) return sh;
  }
  return InvalidArgument("'" + std::string(s.substr(0, 40)) + "' is not one of none, refuge, marac, other",
                         "shielding");
}

std::string_view ToString(PersonKind kind) {
  switch (kind) {
    case PersonKind::kChild: return "child";
    case PersonKind::kAdult: return "adult";
    case PersonKind::kUnbornChild: return "unborn_child";
  }
  return "child";
}

Result<PersonKind> ParsePersonKind(std::string_view s) {
  if (s == "child") return PersonKind::kChild;
  if (s == "adult") return PersonKind::kAdult;
  if (s == "unborn_child") return PersonKind::kUnbornChild;
  return InvalidArgument("'" + std::string(s) + "' is not one of child, adult, unborn_child", "kind");
}

std::string_view ToCode(Sex sex) {
  switch (sex) {
    case Sex::kMale: return "M";
    case Sex::kFemale: return "F";
    case Sex::kUnknown: return "U";
  }
  return "U";
}

Result<Sex> ParseSex(std::string_view code) {
  if (code == "M") return Sex::kMale;
  if (code == "F") return Sex::kFemale;
  if (code == "U") return Sex::kUnknown;
  return InvalidArgument("'" + std::string(code) + "' is not one of M, F, U", "sex");
}

std::string Person::FullName() const {
  std::string name = first_name;
  if (!middle_names.empty()) name += (name.empty() ? "" : " ") + middle_names;
  if (!surname.empty()) name += (name.empty() ? "" : " ") + surname;
  return name;
}

Status Validate(const Person& p, Date today) {
  Violations v("person" + (p.id.valid() ? " " + p.id.ToString() : std::string()));
  // An unborn child usually has no forename yet; everyone else needs one.
  CheckName(v, "first_name", p.first_name, p.kind != PersonKind::kUnbornChild);
  CheckName(v, "middle_names", p.middle_names, false);
  CheckName(v, "surname", p.surname, true);

  if (p.kind == PersonKind::kUnbornChild) {
    // CIN census: exactly one of birth date or expected birth date.
    if (p.date_of_birth) v.Add("date_of_birth", "must be empty for an unborn child (record the birth instead)");
    if (!p.expected_birth_date) v.Add("expected_birth_date", "is required for an unborn child");
    if (!p.mother.valid()) v.Add("mother_id", "is required for an unborn child");
  } else {
    if (p.expected_birth_date) v.Add("expected_birth_date", "is only for an unborn child");
    if (p.kind == PersonKind::kChild && !p.date_of_birth) v.Add("date_of_birth", "is required for a child");
    if (p.date_of_birth && *p.date_of_birth > today) {
      v.Add("date_of_birth", p.date_of_birth->ToString() + " is after today " + today.ToString());
    }
    if (p.kind == PersonKind::kChild && p.date_of_birth) {
      const auto age = AgeInYears(p, today);
      if (age && *age >= 26) v.Add("date_of_birth", "gives an age of " + std::to_string(*age) + "; record an adult instead");
    }
  }
  if (p.date_of_death && p.date_of_birth && *p.date_of_death < *p.date_of_birth) {
    v.Add("date_of_death", "precedes date_of_birth");
  }
  if (!p.nhs_number.empty()) v.AddIfError("nhs_number", ValidateNhsNumber(p.nhs_number));
  if (!p.upn.empty()) v.AddIfError("upn", ValidateUpn(p.upn));
  if (p.ethnicity.size() > 8) v.Add("ethnicity", "must be a census code of at most 8 characters");
  return v.ToStatus();
}

std::optional<int> AgeInYears(const Person& p, Date on) {
  if (!p.date_of_birth) return std::nullopt;
  const Date dob = *p.date_of_birth;
  int age = on.year() - dob.year();
  if (on.month() < dob.month() || (on.month() == dob.month() && on.day() < dob.day())) --age;
  return age;
}

}  // namespace safehub::domain
