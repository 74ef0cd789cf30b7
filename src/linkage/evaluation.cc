#include "linkage/evaluation.h"

#include <unordered_map>

namespace safehub::linkage {
namespace {

std::uint64_t PairsIn(std::uint64_t n) { return n * (n - 1) / 2; }

struct PairHash {
  size_t operator()(const std::pair<std::uint32_t, std::uint32_t>& p) const {
    return std::hash<std::uint64_t>()((std::uint64_t(p.first) << 32) | p.second);
  }
};

}  // namespace

PairwiseMetrics EvaluatePairwise(const std::vector<std::uint32_t>& predicted, const std::vector<std::string>& truth) {
  std::unordered_map<std::string_view, std::uint32_t> truth_ids;
  std::unordered_map<std::uint32_t, std::uint64_t> predicted_sizes, truth_sizes;
  std::unordered_map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t, PairHash> both;
  const size_t n = std::min(predicted.size(), truth.size());
  for (size_t i = 0; i < n; ++i) {
    const std::uint32_t t = truth_ids.emplace(truth[i], static_cast<std::uint32_t>(truth_ids.size())).first->second;
    ++predicted_sizes[predicted[i]];
    ++truth_sizes[t];
    ++both[{predicted[i], t}];
  }
  PairwiseMetrics m;
  for (const auto& [id, size] : predicted_sizes) m.predicted_pairs += PairsIn(size);
  for (const auto& [id, size] : truth_sizes) m.true_pairs += PairsIn(size);
  for (const auto& [key, size] : both) m.true_positives += PairsIn(size);
  return m;
}

}  // namespace safehub::linkage
