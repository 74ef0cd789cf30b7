// Text normalisation shared by comparators, blocking and the record reader: ASCII
// lower-casing, punctuation folding and tokenising. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace safehub::linkage {

// Lower-cases ASCII, turns every character that is not a letter or digit into one space,
// collapses runs of spaces and trims: "  O'Brien-Smith " -> "o brien smith".
std::string NormaliseText(std::string_view text);
// Lower-case letters only ("O'Brien" -> "obrien", "Mary Ann" -> "maryann"): names compare
// better without their separators, which agencies write inconsistently.
std::string NormaliseName(std::string_view text);
// Upper-case letters and digits only ("sw1a 1aa" -> "SW1A1AA").
std::string NormaliseCode(std::string_view text);
// Digits only ("943 476 5919" -> "9434765919").
std::string DigitsOnly(std::string_view text);
// Splits normalised text on spaces.
std::vector<std::string_view> Tokens(std::string_view normalised);
// ASCII whitespace trimmed from both ends.
std::string_view Trim(std::string_view text);

}  // namespace safehub::linkage
