// Clustering scored pairs into people. Pairs are taken strongest first and join two clusters
// only if no member of one strongly conflicts with any member of the other (different valid
// NHS numbers or UPNs, different sex, dates of birth beyond a typo or swap, unrelated first
// names), unless the two records share a valid identifier (NHS number, UPN, or the
// configured other identifier). This stops chaining (siblings
// joined through one bad record) and keeps twins apart. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "linkage/model.h"
#include "linkage/record.h"

namespace safehub::linkage {

struct ScoredPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  float weight = 0;
};

// True when two records cannot be the same child whatever their score says.
bool StronglyConflict(const PreparedRecord& a, const PreparedRecord& b);

// kOn: every conflict above. kIdentifiers: only different valid NHS numbers or UPNs, for
// data without families (no twins or siblings to keep apart; FEBRL draws every original
// independently and corrupts duplicates by replacing whole names and dates, which the
// demographic rules would refuse). kOff: no guard (benchmark comparison only).
enum class ConflictGuard { kOn, kIdentifiers, kOff };

// StronglyConflict under a guard mode (always false for kOff).
bool ConflictUnder(ConflictGuard guard, const PreparedRecord& a, const PreparedRecord& b);

struct ClusterOptions {
  ConflictGuard guard = ConflictGuard::kOn;
  // Joins whose member-by-member check would exceed this many comparisons are refused.
  std::uint64_t max_guard_comparisons = 1'000'000;
};

struct Clustering {
  std::vector<std::uint32_t> cluster_of;  // per record: the lowest record index of its cluster
  std::uint64_t joins = 0;
  std::uint64_t refused_by_guard = 0;
  std::uint32_t cluster_count = 0;
};

// Clusters `records` using pairs with weight >= min_weight (the pairs may be in any order).
Clustering ClusterPairs(const std::vector<PreparedRecord>& records, std::vector<ScoredPair> pairs, double min_weight,
                        const ClusterOptions& options = {});

}  // namespace safehub::linkage
