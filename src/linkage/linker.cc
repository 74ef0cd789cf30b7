#include "linkage/linker.h"

#include <algorithm>
#include <string>

namespace safehub::linkage {
namespace {

struct CandidatePair {
  std::uint32_t a;
  std::uint32_t b;
  Pattern pattern;
};

void Report(const BatchOptions& options, const std::string& line) {
  if (options.progress) options.progress(line);
}

std::vector<BlockingKeys> KeysOf(const std::vector<PreparedRecord>& records) {
  std::vector<BlockingKeys> keys;
  keys.reserve(records.size());
  for (const auto& r : records) keys.push_back(ComputeBlockingKeys(r));
  return keys;
}

// Compares every candidate pair once, in parallel; returns them in a deterministic order.
std::vector<CandidatePair> CompareCandidates(const std::vector<PreparedRecord>& records, const ComparisonSpec& spec,
                                             const BatchOptions& options, BlockingStats& stats) {
  const auto keys = KeysOf(records);
  const int threads = std::max(1, options.blocking.threads);
  std::vector<std::vector<CandidatePair>> per_thread(threads);
  stats = ForEachCandidatePair(keys, options.blocking, [&](int t, std::uint32_t i, std::uint32_t j) {
    per_thread[t].push_back({i, j, ComparePair(spec, records[i], records[j])});
  });
  std::vector<CandidatePair> all;
  if (threads == 1) {
    all = std::move(per_thread[0]);
  } else {
    size_t total = 0;
    for (const auto& v : per_thread) total += v.size();
    all.reserve(total);
    for (auto& v : per_thread) {
      all.insert(all.end(), v.begin(), v.end());
      std::vector<CandidatePair>().swap(v);
    }
  }
  return all;
}

LinkageModel Train(std::vector<PreparedRecord>& records, const ComparisonSpec& spec, const BatchOptions& options,
                   const std::vector<CandidatePair>& candidates, int& iterations) {
  LinkageModel model = LinkageModel::Initial(spec);
  EstimateU(records, options.training, model);
  PatternCounts counts;
  for (const auto& c : candidates) ++counts[c.pattern];
  // Start lambda at about one duplicate per record, over all pairs.
  const double n = static_cast<double>(records.size());
  const double total_pairs = n * (n - 1) / 2;
  model.set_lambda(std::clamp(n / std::max(total_pairs, 1.0), 1e-9, 0.5));
  const EmReport em = EstimateMAndLambda(counts, total_pairs, options.training, model);
  iterations = em.iterations;
  Report(options, "training: " + std::to_string(counts.size()) + " patterns, " + std::to_string(em.iterations) +
                      " EM iterations, lambda " + std::to_string(model.lambda()));
  return model;
}

}  // namespace

BatchResult LinkBatch(std::vector<PreparedRecord>& records, const ComparisonSpec& spec,
                      const std::optional<LinkageModel>& trained, const BatchOptions& options) {
  BatchResult result{{}, trained ? *trained : LinkageModel::Initial(spec), {}, {}};
  const ComparisonSpec& used_spec = trained ? trained->spec() : spec;
  result.stats.records = records.size();
  BlockingStats blocking;
  const std::vector<CandidatePair> candidates = CompareCandidates(records, used_spec, options, blocking);
  result.stats.candidate_pairs = blocking.candidate_pairs;
  result.stats.oversized_blocks = blocking.oversized_blocks;
  Report(options, "blocking: " + std::to_string(blocking.candidate_pairs) + " candidate pairs, " +
                      std::to_string(blocking.oversized_blocks) + " oversized blocks skipped");
  if (!trained) result.model = Train(records, used_spec, options, candidates, result.stats.em_iterations);
  if (options.match_threshold) result.model.set_match_threshold(*options.match_threshold);
  if (options.review_threshold) result.model.set_review_threshold(*options.review_threshold);
  const LinkageModel& model = result.model;
  model.ApplyTermFrequencies(records);
  const double match_weight = LinkageModel::WeightForProbability(model.match_threshold());
  const double review_weight = LinkageModel::WeightForProbability(model.review_threshold());
  std::vector<ScoredPair> linked;
  for (const auto& c : candidates) {
    const double w = model.PairWeight(c.pattern, records[c.a], records[c.b]);
    if (w >= match_weight) {
      linked.push_back({c.a, c.b, static_cast<float>(w)});
    } else if (w >= review_weight) {
      result.review_pairs.push_back({c.a, c.b, static_cast<float>(w)});
    }
  }
  result.stats.linked_pairs = linked.size();
  result.stats.review_pairs = result.review_pairs.size();
  Clustering clustering = ClusterPairs(records, std::move(linked), match_weight, options.clustering);
  result.stats.refused_by_guard = clustering.refused_by_guard;
  result.stats.clusters = clustering.cluster_count;
  result.cluster_of = std::move(clustering.cluster_of);
  Report(options, "clustering: " + std::to_string(result.stats.clusters) + " people, " +
                      std::to_string(clustering.refused_by_guard) + " joins refused by the guard");
  return result;
}

LinkageModel TrainModel(std::vector<PreparedRecord>& records, const ComparisonSpec& spec, const BatchOptions& options) {
  BlockingStats blocking;
  const auto candidates = CompareCandidates(records, spec, options, blocking);
  int iterations = 0;
  return Train(records, spec, options, candidates, iterations);
}

}  // namespace safehub::linkage
