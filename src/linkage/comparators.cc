#include "linkage/comparators.h"

#include <algorithm>
#include <array>

#include "linkage/nicknames.h"
#include "linkage/string_similarity.h"

namespace safehub::linkage {
namespace {

bool IsNumber(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Splits on spaces into at most N views without allocating.
template <size_t N>
size_t SplitTokens(std::string_view text, std::array<std::string_view, N>& out) {
  size_t count = 0;
  size_t start = 0;
  while (start < text.size() && count < N) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out[count++] = text.substr(start, end - start);
    start = end + 1;
  }
  return count;
}

double TokenSimilarity(std::string_view a, std::string_view b) {
  if (IsNumber(a) || IsNumber(b)) return a == b ? 1.0 : 0.0;
  return JaroWinklerSimilarity(a, b);
}

void EncodeDate(const DateParts& d, char out[8]) {
  int y = d.year;
  for (int i = 3; i >= 0; --i, y /= 10) out[i] = static_cast<char>('0' + (y % 10 + 10) % 10);
  out[4] = static_cast<char>('0' + (d.month / 10) % 10);
  out[5] = static_cast<char>('0' + d.month % 10);
  out[6] = static_cast<char>('0' + (d.day / 10) % 10);
  out[7] = static_cast<char>('0' + d.day % 10);
}

}  // namespace

int CompareForenames(std::string_view a, std::string_view b, std::uint64_t code_a, std::uint64_t code_b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return level::kExact;
  if (AreNicknames(a, b)) return level::kForenameNickname;
  if (BoundedOptimalStringAlignmentDistance(a, b, 1) <= 1) return level::kForenameTypo;
  const double jw = JaroWinklerSimilarity(a, b);
  if (jw >= 0.9 || (code_a != 0 && code_a == code_b)) return level::kForenameSimilar;
  if (jw >= 0.8) return level::kForenameWeak;
  return level::kForenameElse;
}

int CompareNames(std::string_view a, std::string_view b, std::uint64_t code_a, std::uint64_t code_b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return level::kExact;
  if (BoundedOptimalStringAlignmentDistance(a, b, 1) <= 1) return level::kNameTypo;
  const double jw = JaroWinklerSimilarity(a, b);
  if (jw >= 0.9 || (code_a != 0 && code_a == code_b)) return level::kNameSimilar;
  if (jw >= 0.8) return level::kNameWeak;
  return level::kNameElse;
}

int CompareMiddleNames(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return level::kExact;
  if ((a.size() == 1 || b.size() == 1) && a[0] == b[0]) return level::kMiddleInitial;
  return level::kMiddleElse;
}

int CompareDates(const DateParts& a, const DateParts& b) {
  if (!a.present() || !b.present()) return level::kNull;
  if (a == b) return level::kExact;
  if (a.year == b.year && a.month == b.day && a.day == b.month) return level::kDateSwap;
  char da[8], db[8];
  EncodeDate(a, da);
  EncodeDate(b, db);
  if (BoundedOptimalStringAlignmentDistance({da, 8}, {db, 8}, 1) <= 1) return level::kDateTypo;
  if (a.year == b.year) return level::kDateSameYear;
  return level::kDateElse;
}

int CompareSex(char a, char b) {
  if (a == 0 || b == 0) return level::kNull;
  return a == b ? level::kExact : level::kSexElse;
}

int CompareUkPostcodes(std::string_view a, int outward_a, std::string_view b, int outward_b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return level::kExact;
  if (outward_a == 0 || outward_b == 0 || outward_a != outward_b) return level::kPostcodeElse;
  if (a.substr(0, outward_a) != b.substr(0, outward_b)) return level::kPostcodeElse;
  if (a[outward_a] == b[outward_b]) return level::kPostcodeSector;
  return level::kPostcodeDistrict;
}

int CompareCodes(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return level::kExact;
  if (BoundedOptimalStringAlignmentDistance(a, b, 1) <= 1) return level::kCodeTypo;
  return level::kCodeElse;
}

// Monge-Elkan (1996) scores each token by its best partner; we average both directions so
// that a long address is not rewarded for containing a short one.
double AddressSimilarity(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  std::array<std::string_view, 16> ta, tb;
  const size_t na = SplitTokens(a, ta);
  const size_t nb = SplitTokens(b, tb);
  if (na == 0 || nb == 0) return 0.0;
  std::array<double, 16> best_b{};
  double sum_a = 0;
  for (size_t i = 0; i < na; ++i) {
    double best = 0;
    for (size_t j = 0; j < nb; ++j) {
      const double s = TokenSimilarity(ta[i], tb[j]);
      best = std::max(best, s);
      best_b[j] = std::max(best_b[j], s);
    }
    sum_a += best;
  }
  double sum_b = 0;
  for (size_t j = 0; j < nb; ++j) sum_b += best_b[j];
  return (sum_a / na + sum_b / nb) / 2.0;
}

int CompareAddresses(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return level::kExact;
  const double s = AddressSimilarity(a, b);
  if (s >= 0.9) return level::kAddress90;
  if (s >= 0.7) return level::kAddress70;
  if (s >= 0.5) return level::kAddress50;
  return level::kAddressElse;
}

int CompareIdentifiers(std::string_view a, bool valid_a, std::string_view b, bool valid_b) {
  if (a.empty() || b.empty()) return level::kNull;
  if (a == b) return (valid_a && valid_b) ? level::kExact : level::kIdentifierExactInvalid;
  if ((!valid_a || !valid_b) && BoundedOptimalStringAlignmentDistance(a, b, 1) <= 1) {
    return level::kIdentifierTypo;
  }
  return level::kIdentifierElse;
}

bool AreSwappedNames(const PreparedRecord& a, const PreparedRecord& b) {
  return !a.first_name.empty() && !a.surname.empty() && a.first_name != a.surname &&
         a.first_name == b.surname && a.surname == b.first_name;
}

}  // namespace safehub::linkage
