// Training a LinkageModel: u from random record pairs (almost all non-matches), then m and
// lambda by expectation-maximisation over the comparison patterns of the candidate pairs with
// u held fixed and the pairs blocking left out counted as non-matches. Deterministic for a given seed. Functions are thread-safe on const input.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "linkage/model.h"
#include "linkage/record.h"

namespace safehub::linkage {

struct TrainingOptions {
  std::uint64_t seed = 20240501;
  std::uint64_t random_pairs = 300'000;  // for u
  int max_iterations = 50;
  double tolerance = 1e-6;  // largest change of any m or lambda that ends EM
  // Threads comparing the random pairs for u (0: one per core). The pairs are drawn before
  // they are shared out, so u is the same for any number of threads.
  int threads = 0;
};

// Sets u of every compared field from `options.random_pairs` uniformly drawn distinct pairs
// (Laplace-smoothed). Fewer than two records leaves u unchanged.
void EstimateU(const std::vector<PreparedRecord>& records, const TrainingOptions& options, LinkageModel& model);

// Pattern -> number of candidate pairs showing it.
using PatternCounts = std::unordered_map<Pattern, std::uint64_t>;

struct EmReport {
  int iterations = 0;
  bool converged = false;
};
// Estimates m and lambda from the patterns of the candidate pairs, u fixed; finalises the
// model. `total_pairs` is the number of all record pairs (n(n-1)/2): the pairs blocking left
// out count as non-matches, so lambda is the match rate among all pairs, the prior that
// belongs with u from random pairs. 0 means "the candidates are all the pairs".
EmReport EstimateMAndLambda(const PatternCounts& counts, double total_pairs, const TrainingOptions& options,
                            LinkageModel& model);

}  // namespace safehub::linkage
