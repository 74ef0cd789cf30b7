#include "linkage/clustering.h"

#include <algorithm>
#include <numeric>

#include "linkage/comparators.h"

namespace safehub::linkage {
namespace {

bool ShareValidIdentifier(const PreparedRecord& a, const PreparedRecord& b) {
  return (a.nhs_number_valid && b.nhs_number_valid && a.nhs_number == b.nhs_number) ||
         (a.upn_valid && b.upn_valid && a.upn == b.upn) ||
         (!a.other_id.empty() && a.other_id == b.other_id);
}

bool HaveDifferentValidIdentifiers(const PreparedRecord& a, const PreparedRecord& b) {
  return (a.nhs_number_valid && b.nhs_number_valid && a.nhs_number != b.nhs_number) ||
         (a.upn_valid && b.upn_valid && a.upn != b.upn);
}

}  // namespace

bool StronglyConflict(const PreparedRecord& a, const PreparedRecord& b) {
  if (ShareValidIdentifier(a, b)) return false;
  if (HaveDifferentValidIdentifiers(a, b)) return true;
  if (CompareSex(a.sex, b.sex) == level::kSexElse) return true;
  const int dob = CompareDates(a.date_of_birth, b.date_of_birth);
  if (dob == level::kDateSameYear || dob == level::kDateElse) return true;
  const int forename = CompareForenames(a.first_name, b.first_name, a.first_name_code, b.first_name_code);
  if (forename == level::kForenameElse && !AreSwappedNames(a, b)) return true;
  return false;
}

bool ConflictUnder(ConflictGuard guard, const PreparedRecord& a, const PreparedRecord& b) {
  switch (guard) {
    case ConflictGuard::kOn: return StronglyConflict(a, b);
    case ConflictGuard::kIdentifiers: return !ShareValidIdentifier(a, b) && HaveDifferentValidIdentifiers(a, b);
    case ConflictGuard::kOff: return false;
  }
  return false;
}

// Kruskal-style: strongest pairs first, union-find with explicit member lists so a join can
// check every cross pair. Merging the smaller list into the larger keeps the work n log n.
Clustering ClusterPairs(const std::vector<PreparedRecord>& records, std::vector<ScoredPair> pairs, double min_weight,
                        const ClusterOptions& options) {
  const std::uint32_t n = static_cast<std::uint32_t>(records.size());
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  std::vector<std::vector<std::uint32_t>> members(n);
  auto find = [&parent](std::uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  pairs.erase(std::remove_if(pairs.begin(), pairs.end(), [min_weight](const ScoredPair& p) { return p.weight < min_weight; }),
              pairs.end());
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  Clustering result;
  auto members_of = [&members](std::uint32_t root) -> std::vector<std::uint32_t>& {
    if (members[root].empty()) members[root].push_back(root);
    return members[root];
  };
  for (const ScoredPair& p : pairs) {
    std::uint32_t ra = find(p.a), rb = find(p.b);
    if (ra == rb) continue;
    auto& ma = members_of(ra);
    auto& mb = members_of(rb);
    bool refused = false;
    if (options.guard != ConflictGuard::kOff) {
      refused = static_cast<std::uint64_t>(ma.size()) * mb.size() > options.max_guard_comparisons;
      for (size_t x = 0; x < ma.size() && !refused; ++x) {
        for (size_t y = 0; y < mb.size() && !refused; ++y) refused = ConflictUnder(options.guard, records[ma[x]], records[mb[y]]);
      }
    }
    if (refused) {
      ++result.refused_by_guard;
      continue;
    }
    if (ma.size() < mb.size()) {
      std::swap(ra, rb);
    }
    auto& big = members[ra];
    auto& small = members[rb];
    big.insert(big.end(), small.begin(), small.end());
    small.clear();
    small.shrink_to_fit();
    parent[rb] = ra;
    ++result.joins;
  }
  // Label each cluster by its lowest record index so ids do not depend on pair order.
  std::vector<std::uint32_t> lowest(n, n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t r = find(i);
    lowest[r] = std::min(lowest[r], i);
  }
  result.cluster_of.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    result.cluster_of[i] = lowest[find(i)];
    if (result.cluster_of[i] == i) ++result.cluster_count;
  }
  return result;
}

}  // namespace safehub::linkage
