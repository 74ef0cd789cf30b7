// Field comparators: each turns two normalised values into the agreement level of its
// ComparisonKind (see fields.h; 0 = null when either side is empty). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "linkage/fields.h"
#include "linkage/record.h"

namespace safehub::linkage {

// Levels of kForename; `code_*` are NYSIIS hashes (0 to skip the phonetic test).
int CompareForenames(std::string_view a, std::string_view b, std::uint64_t code_a, std::uint64_t code_b);
// Levels of kName.
int CompareNames(std::string_view a, std::string_view b, std::uint64_t code_a, std::uint64_t code_b);
// Levels of kMiddleName: exact, one is the other's initial, else.
int CompareMiddleNames(std::string_view a, std::string_view b);
// Levels of kDate. A typo is one edit (substitution or adjacent transposition) of the
// YYYYMMDD digits; the day/month swap is tested first (it is often a one-digit edit too).
int CompareDates(const DateParts& a, const DateParts& b);
int CompareSex(char a, char b);
// Levels of kUkPostcode over normalised codes and their outward lengths (0 if not UK-shaped:
// then only full equality and "else" are possible).
int CompareUkPostcodes(std::string_view a, int outward_a, std::string_view b, int outward_b);
// Levels of kCode.
int CompareCodes(std::string_view a, std::string_view b);
// Symmetric Monge-Elkan similarity of two normalised addresses in [0, 1]: every token is
// scored by its best Jaro-Winkler match on the other side (numbers must be equal), averaged
// both ways. Word order and a dropped flat number cost little; a different house number a lot.
double AddressSimilarity(std::string_view a, std::string_view b);
int CompareAddresses(std::string_view a, std::string_view b);
// Levels of kNhsNumber / kUpn: exact and valid; exact but failing its check digit (shared
// placeholders and typed errors, so less trust); one edit apart with at least one side
// invalid (a likely typo: a valid number with one digit changed is never valid); else.
int CompareIdentifiers(std::string_view a, bool valid_a, std::string_view b, bool valid_b);
// True when forename and surname are exchanged between the records ("smith john").
bool AreSwappedNames(const PreparedRecord& a, const PreparedRecord& b);

// Named levels, so callers read as rules rather than numbers.
namespace level {
inline constexpr int kNull = 0;
inline constexpr int kExact = 1;
inline constexpr int kForenameNickname = 2, kForenameTypo = 3, kForenameSimilar = 4, kForenameWeak = 5,
                     kForenameElse = 6;
inline constexpr int kNameTypo = 2, kNameSimilar = 3, kNameWeak = 4, kNameElse = 5;
inline constexpr int kMiddleInitial = 2, kMiddleElse = 3;
inline constexpr int kDateSwap = 2, kDateTypo = 3, kDateSameYear = 4, kDateElse = 5;
inline constexpr int kSexElse = 2;
inline constexpr int kPostcodeSector = 2, kPostcodeDistrict = 3, kPostcodeElse = 4;
inline constexpr int kCodeTypo = 2, kCodeElse = 3;
inline constexpr int kAddress90 = 2, kAddress70 = 3, kAddress50 = 4, kAddressElse = 5;
inline constexpr int kIdentifierExactInvalid = 2, kIdentifierTypo = 3, kIdentifierElse = 4;
}  // namespace level

}  // namespace safehub::linkage
