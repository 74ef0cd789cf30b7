// Pairwise evaluation of a clustering against ground-truth labels: a pair of records is a
// true positive when both put them together. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace safehub::linkage {

struct PairwiseMetrics {
  std::uint64_t true_positives = 0;
  std::uint64_t predicted_pairs = 0;
  std::uint64_t true_pairs = 0;
  double precision() const { return predicted_pairs == 0 ? 1.0 : double(true_positives) / predicted_pairs; }
  double recall() const { return true_pairs == 0 ? 1.0 : double(true_positives) / true_pairs; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

// `predicted[i]` and `truth[i]` label record i; counts come from the contingency table, so
// this is linear in the number of records, not in pairs.
PairwiseMetrics EvaluatePairwise(const std::vector<std::uint32_t>& predicted, const std::vector<std::string>& truth);

}  // namespace safehub::linkage
