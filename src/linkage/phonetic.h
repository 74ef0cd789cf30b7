// NYSIIS phonetic code (New York State Identification and Intelligence System, Taft 1970),
// used for blocking and as a name comparison level. Chosen over Soundex because it keeps
// vowel positions and more consonants (fewer unrelated names share a code: Soundex puts
// "Smith" and "Snead" together), and over Double Metaphone because one code per name keeps a
// blocking key single-valued; it was designed for and tested on name matching. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace safehub::linkage {

// The untruncated NYSIIS code of a name in upper case ("Catherine" -> "CATARAN"); letters
// other than A-Z are ignored; "" for a name with no letters.
std::string Nysiis(std::string_view name);

}  // namespace safehub::linkage
