// Batch linkage: prepare, block, compare, train (unless a trained model is given), score and
// cluster a set of records into people. One call owns its data; thread-safe across calls.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/clustering.h"
#include "linkage/model.h"
#include "linkage/record.h"
#include "linkage/training.h"

namespace safehub::linkage {

struct BatchOptions {
  BlockingOptions blocking;
  TrainingOptions training;
  ClusterOptions clustering;
  // Thresholds to use instead of the model's (probabilities).
  std::optional<double> match_threshold;
  std::optional<double> review_threshold;
  // Called with short progress lines ("blocking: 1234 candidate pairs"); may be empty.
  std::function<void(std::string_view)> progress;
};

struct BatchStats {
  std::uint64_t records = 0;
  std::uint64_t candidate_pairs = 0;
  std::uint64_t linked_pairs = 0;  // at or above the match threshold
  std::uint64_t review_pairs = 0;  // between the review and match thresholds
  std::uint64_t oversized_blocks = 0;
  std::uint64_t refused_by_guard = 0;
  std::uint32_t clusters = 0;
  int em_iterations = 0;
};

struct BatchResult {
  std::vector<std::uint32_t> cluster_of;  // per record, the lowest record index of its person
  LinkageModel model;                     // the model used (trained here or given)
  BatchStats stats;
  std::vector<ScoredPair> review_pairs;   // for a clerical review queue
};

// Links `records` (term-frequency slots are filled in). With `trained`, its parameters are
// used as they are; otherwise a model of `spec` is trained on these records first.
BatchResult LinkBatch(std::vector<PreparedRecord>& records, const ComparisonSpec& spec,
                      const std::optional<LinkageModel>& trained, const BatchOptions& options);

// Trains a model of `spec` on `records` (u from random pairs, m and lambda by EM over the
// candidate pairs) without clustering.
LinkageModel TrainModel(std::vector<PreparedRecord>& records, const ComparisonSpec& spec, const BatchOptions& options);

}  // namespace safehub::linkage
