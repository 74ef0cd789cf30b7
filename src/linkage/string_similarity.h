// String similarity measures used by the name and address comparators. Byte-wise (inputs
// are normalised ASCII). Pure functions; thread-safe; no allocation for strings up to 64 bytes.
#pragma once

#include <string_view>

namespace safehub::linkage {

// Jaro similarity in [0, 1]; 1 for two empty strings, 0 when exactly one is empty.
double JaroSimilarity(std::string_view a, std::string_view b);
// Jaro-Winkler (prefix scale 0.1, common prefix up to 4, boost applied above Jaro 0.7).
double JaroWinklerSimilarity(std::string_view a, std::string_view b);
// Optimal string alignment distance: Levenshtein plus transposition of two adjacent
// characters, where no substring is edited twice (so "ca" -> "abc" is 3, not the 2 of
// unrestricted Damerau-Levenshtein). Enough for typing errors, and cheaper.
int OptimalStringAlignmentDistance(std::string_view a, std::string_view b);
// The same distance, but stops early and returns limit + 1 once it must exceed `limit`.
int BoundedOptimalStringAlignmentDistance(std::string_view a, std::string_view b, int limit);

}  // namespace safehub::linkage
