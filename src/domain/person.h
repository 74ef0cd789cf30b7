// A person known to Safehub: a child, an adult around a child, or an unborn child (who is
// linked to the expectant mother and has an expected date of delivery, not a birth date).
// Plain value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

enum class PersonKind { kChild, kAdult, kUnbornChild };
// The CIN census codes from 2024/25: M, F, U (not known / not stated).
enum class Sex { kMale, kFemale, kUnknown };

// Why a person's details are shielded (ContactPoint): a child in a refuge or discussed at a
// MARAC is found only by searching on visible fields (name, date of birth, sex); hidden
// fields (identifiers, addresses, services) never match and never appear to anyone without
// a legitimate involvement, unless a user with child protection duties overrides with a
// reason, which is reviewed for misuse.
enum class Shielding { kNone, kRefuge, kMarac, kOther };

std::string_view ToString(Shielding shielding);
Result<Shielding> ParseShielding(std::string_view s);

std::string_view ToString(PersonKind kind);
Result<PersonKind> ParsePersonKind(std::string_view s);
std::string_view ToCode(Sex sex);  // "M", "F", "U"
Result<Sex> ParseSex(std::string_view code);

struct Person {
  PersonId id;
  PersonKind kind = PersonKind::kChild;
  std::string first_name;
  std::string middle_names;
  std::string surname;
  Sex sex = Sex::kUnknown;
  std::optional<Date> date_of_birth;
  std::optional<Date> expected_birth_date;  // unborn children only
  std::optional<Date> date_of_death;
  PersonId mother;                          // required for an unborn child
  std::string nhs_number;                   // 10 digits or empty
  std::string upn;                          // 13 characters or empty
  std::string ethnicity;                    // CIN census ethnicity code, optional
  Shielding shielding = Shielding::kNone;
  std::string FullName() const;
  bool IsShielded() const { return shielding != Shielding::kNone; }
};

// Every broken rule of the person, as of `today`: required names, birth and expected
// dates consistent with the kind, no future birth, identifiers with valid check digits.
// kInvalidArgument listing each violation.
Status Validate(const Person& person, Date today);

// Age in whole years on `on`; nullopt without a birth date.
std::optional<int> AgeInYears(const Person& person, Date on);

}  // namespace safehub::domain
