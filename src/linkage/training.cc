#include "linkage/training.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <utility>

namespace safehub::linkage {

void EstimateU(const std::vector<PreparedRecord>& records, const TrainingOptions& options, LinkageModel& model) {
  if (records.size() < 2) return;
  std::mt19937_64 rng(options.seed);
  std::uniform_int_distribution<std::size_t> pick(0, records.size() - 1);
  using Counts = std::array<std::array<std::uint64_t, kMaxLevels>, kFieldCount>;
  // Drawn first, in one sequence, so the estimate does not depend on how the comparing is
  // shared out; comparing is most of training's time (Jaro-Winkler on every name).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs(options.random_pairs);
  for (auto& [i, j] : pairs) {
    i = static_cast<std::uint32_t>(pick(rng));
    j = static_cast<std::uint32_t>(pick(rng));
    if (i == j) j = static_cast<std::uint32_t>((j + 1) % records.size());
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>(options.threads > 0 ? static_cast<unsigned>(options.threads) : cores,
                                                    std::max<std::size_t>(1, pairs.size() / 10'000));
  std::vector<Counts> partial(std::max<std::size_t>(threads, 1), Counts{});
  auto compare = [&](std::size_t t) {
    for (std::size_t n = t; n < pairs.size(); n += partial.size()) {
      const Pattern p = ComparePair(model.spec(), records[pairs[n].first], records[pairs[n].second]);
      for (int f = 0; f < kFieldCount; ++f) ++partial[t][f][PatternLevel(p, f)];
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < partial.size(); ++t) workers.emplace_back(compare, t);
  compare(0);
  for (auto& w : workers) w.join();
  Counts counts{};
  for (const auto& c : partial) {
    for (int f = 0; f < kFieldCount; ++f) {
      for (int l = 0; l < kMaxLevels; ++l) counts[f][l] += c[f][l];
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    const int levels = LevelCount(model.spec()[f]);
    if (levels < 2) continue;
    double total = 0;
    for (int l = 1; l < levels; ++l) total += counts[f][l];
    auto& u = model.parameters(static_cast<Field>(f)).u;
    // Laplace smoothing: an agreement never seen among random pairs is rare, not impossible.
    for (int l = 1; l < levels; ++l) u[l] = (counts[f][l] + 1.0) / (total + levels - 1);
  }
  model.Finalise();
}

// Classic EM for a two-class mixture of independent categorical fields (Fellegi-Sunter,
// Winkler 1988), run on distinct patterns with their counts instead of on pairs: a million
// pairs collapse to a few thousand patterns, so each iteration is cheap.
//
// Why the left-out pairs matter: candidates are not random pairs (they agree on a blocking
// key), so with u from random pairs and lambda fitted to candidates alone EM calls every
// same-surname pair a match. With lambda over all pairs the prior is tiny, and only patterns
// that beat it by many bits (names, date and address together) are taken as matches.
EmReport EstimateMAndLambda(const PatternCounts& counts, double total_pairs, const TrainingOptions& options,
                            LinkageModel& model) {
  EmReport report;
  std::vector<std::pair<Pattern, double>> patterns(counts.begin(), counts.end());
  std::sort(patterns.begin(), patterns.end());  // a fixed order makes the sums reproducible
  double total = 0;
  for (const auto& [p, n] : patterns) total += n;
  if (total == 0) return report;
  total = std::max(total, total_pairs);
  const auto& spec = model.spec();
  for (int it = 0; it < options.max_iterations; ++it) {
    std::array<std::array<double, kMaxLevels>, kFieldCount> m_sum{};
    double match_sum = 0;
    const double lambda = model.lambda();
    for (const auto& [p, n] : patterns) {
      double log_m = 0, log_u = 0;
      for (int f = 0; f < kFieldCount; ++f) {
        const int l = PatternLevel(p, f);
        if (l == 0 || spec[f] == ComparisonKind::kDisabled) continue;
        const auto& fp = model.parameters(static_cast<Field>(f));
        log_m += std::log(std::max(fp.m[l], 1e-12));
        log_u += std::log(std::max(fp.u[l], 1e-12));
      }
      const double a = std::log(lambda) + log_m;
      const double b = std::log(1 - lambda) + log_u;
      const double posterior = 1.0 / (1.0 + std::exp(b - a));
      const double weight = posterior * n;
      match_sum += weight;
      for (int f = 0; f < kFieldCount; ++f) m_sum[f][PatternLevel(p, f)] += weight;
    }
    double change = std::abs(match_sum / total - lambda);
    model.set_lambda(std::clamp(match_sum / total, 1e-9, 1 - 1e-9));
    for (int f = 0; f < kFieldCount; ++f) {
      const int levels = LevelCount(spec[f]);
      if (levels < 2) continue;
      double non_null = 0;
      for (int l = 1; l < levels; ++l) non_null += m_sum[f][l];
      if (non_null <= 0) continue;
      auto& m = model.parameters(static_cast<Field>(f)).m;
      for (int l = 1; l < levels; ++l) {
        const double v = std::max(m_sum[f][l] / non_null, 1e-6);
        change = std::max(change, std::abs(v - m[l]));
        m[l] = v;
      }
    }
    report.iterations = it + 1;
    if (change < options.tolerance) {
      report.converged = true;
      break;
    }
  }
  model.Finalise();
  return report;
}

}  // namespace safehub::linkage
