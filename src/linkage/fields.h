// The fields the linkage engine compares, the comparison kinds that turn a pair of values
// into a discrete agreement level, and the names of those levels (used in model files and
// in per-field evidence). Constants only; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace safehub::linkage {

enum class Field {
  kFirstName,
  kMiddleName,
  kSurname,
  kDateOfBirth,
  kSex,
  kAddress,
  kPostcode,
  kLocality,
  kNhsNumber,
  kUpn,
  kOtherId,
};
inline constexpr int kFieldCount = 11;

// How a field's two values become a level. Level 0 is always "null": a value is missing on
// one side, and the field contributes no evidence.
enum class ComparisonKind {
  kForename,    // exact, nickname, typo (one edit), similar (JW >= 0.9 or NYSIIS), weak (JW >= 0.8), else
  kName,        // exact, typo, similar, weak, else
  kMiddleName,  // exact, initial, else
  kDate,        // exact, day/month swap, typo (one digit edit), same year, else
  kSex,         // exact, else
  kUkPostcode,  // full, sector, district, else
  kCode,        // exact, typo (one edit), else: any short code without structure
  kAddress,     // exact, token similarity >= 0.9, >= 0.7, >= 0.5, else
  kNhsNumber,   // exact (valid), exact (invalid check digit), one edit (either invalid), else
  kUpn,         // same levels as kNhsNumber with the DfE check letter
  kDisabled,    // not compared
};

inline constexpr int kMaxLevels = 8;  // including null; fits the 3 bits a field has in a pattern

std::string_view FieldName(Field field);
std::optional<Field> FieldFromName(std::string_view name);
std::string_view ComparisonKindName(ComparisonKind kind);
std::optional<ComparisonKind> ComparisonKindFromName(std::string_view name);
// The number of levels of a kind, null included (0 for kDisabled).
int LevelCount(ComparisonKind kind);
// "null", "exact", "nickname", ... for a level of a kind.
std::string_view LevelName(ComparisonKind kind, int level);
// The kind a field gets when a configuration does not say.
ComparisonKind DefaultKind(Field field);

// Comparison vector of one pair: 3 bits per field.
using Pattern = unsigned long long;
inline int PatternLevel(Pattern p, int field) { return static_cast<int>((p >> (3 * field)) & 7u); }
inline Pattern WithLevel(Pattern p, int field, int level) {
  return (p & ~(Pattern{7} << (3 * field))) | (Pattern(level) << (3 * field));
}

}  // namespace safehub::linkage
