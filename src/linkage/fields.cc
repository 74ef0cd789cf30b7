#include "linkage/fields.h"

namespace safehub::linkage {
namespace {

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "first_name", "middle_name", "surname", "dob",        "sex",     "address",
    "postcode",   "locality",    "nhs_number", "upn",     "other_id"};

struct KindInfo {
  ComparisonKind kind;
  std::string_view name;
  std::array<std::string_view, kMaxLevels> levels;
};

constexpr KindInfo kKinds[] = {
    {ComparisonKind::kForename, "forename", {"null", "exact", "nickname", "typo", "similar", "weak", "else"}},
    {ComparisonKind::kName, "name", {"null", "exact", "typo", "similar", "weak", "else"}},
    {ComparisonKind::kMiddleName, "middle_name", {"null", "exact", "initial", "else"}},
    {ComparisonKind::kDate, "date", {"null", "exact", "day_month_swap", "typo", "same_year", "else"}},
    {ComparisonKind::kSex, "sex", {"null", "exact", "else"}},
    {ComparisonKind::kUkPostcode, "uk_postcode", {"null", "full", "sector", "district", "else"}},
    {ComparisonKind::kCode, "code", {"null", "exact", "typo", "else"}},
    {ComparisonKind::kAddress, "address", {"null", "exact", "similar_90", "similar_70", "similar_50", "else"}},
    {ComparisonKind::kNhsNumber, "nhs_number", {"null", "exact", "exact_invalid", "typo", "else"}},
    {ComparisonKind::kUpn, "upn", {"null", "exact", "exact_invalid", "typo", "else"}},
    {ComparisonKind::kDisabled, "disabled", {}},
};

const KindInfo& Info(ComparisonKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[std::size(kKinds) - 1];
}

}  // namespace

std::string_view FieldName(Field field) { return kFieldNames[static_cast<int>(field)]; }

std::optional<Field> FieldFromName(std::string_view name) {
  for (int i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::string_view ComparisonKindName(ComparisonKind kind) { return Info(kind).name; }

std::optional<ComparisonKind> ComparisonKindFromName(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

int LevelCount(ComparisonKind kind) {
  int n = 0;
  for (auto level : Info(kind).levels) {
    if (!level.empty()) ++n;
  }
  return n;
}

std::string_view LevelName(ComparisonKind kind, int level) {
  if (level < 0 || level >= kMaxLevels) return "";
  return Info(kind).levels[level];
}

ComparisonKind DefaultKind(Field field) {
  switch (field) {
    case Field::kFirstName: return ComparisonKind::kForename;
    case Field::kMiddleName: return ComparisonKind::kMiddleName;
    case Field::kSurname: return ComparisonKind::kName;
    case Field::kDateOfBirth: return ComparisonKind::kDate;
    case Field::kSex: return ComparisonKind::kSex;
    case Field::kAddress: return ComparisonKind::kAddress;
    case Field::kPostcode: return ComparisonKind::kUkPostcode;
    case Field::kLocality: return ComparisonKind::kName;
    case Field::kNhsNumber: return ComparisonKind::kNhsNumber;
    case Field::kUpn: return ComparisonKind::kUpn;
    case Field::kOtherId: return ComparisonKind::kCode;
  }
  return ComparisonKind::kDisabled;
}

}  // namespace safehub::linkage
