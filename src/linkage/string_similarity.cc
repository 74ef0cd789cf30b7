#include "linkage/string_similarity.h"

#include <algorithm>
#include <vector>

namespace safehub::linkage {
namespace {

constexpr size_t kStackLength = 64;

// Flags or rows on the stack for short strings, on the heap otherwise.
template <typename T>
class Scratch {
 public:
  explicit Scratch(size_t n) {
    if (n <= kStackLength) {
      data_ = stack_;
    } else {
      heap_.resize(n);
      data_ = heap_.data();
    }
    std::fill(data_, data_ + n, T{});
  }
  T& operator[](size_t i) { return data_[i]; }

 private:
  T stack_[kStackLength];
  std::vector<T> heap_;
  T* data_;
};

}  // namespace

// Jaro: characters match when equal and no further apart than half the longer length
// minus one; the score averages the matched share of each string and the share of
// matches that are in order.
double JaroSimilarity(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const size_t window_raw = std::max(a.size(), b.size()) / 2;
  const size_t window = window_raw > 0 ? window_raw - 1 : 0;
  Scratch<char> a_matched(a.size());
  Scratch<char> b_matched(b.size());
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (!b_matched[j] && a[i] == b[j]) {
        a_matched[i] = b_matched[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  size_t k = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[k]) ++k;
    if (a[i] != b[k]) ++transpositions;
    ++k;
  }
  const double m = static_cast<double>(matches);
  return (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
}

double JaroWinklerSimilarity(std::string_view a, std::string_view b) {
  const double jaro = JaroSimilarity(a, b);
  if (jaro <= 0.7) return jaro;
  size_t prefix = 0;
  const size_t max_prefix = std::min<size_t>({4, a.size(), b.size()});
  while (prefix < max_prefix && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

int OptimalStringAlignmentDistance(std::string_view a, std::string_view b) {
  return BoundedOptimalStringAlignmentDistance(a, b, static_cast<int>(std::max(a.size(), b.size())));
}

// Three rolling rows of the dynamic programme (the transposition looks two rows back).
int BoundedOptimalStringAlignmentDistance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  if (n == 0) return m;
  if (m == 0) return n;
  Scratch<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    for (int j = 0; j <= m; ++j) {
      prev2[j] = prev[j];
      prev[j] = cur[j];
    }
  }
  return std::min(prev[m], limit + 1);
}

}  // namespace safehub::linkage
