// The Fellegi-Sunter model: for each compared field and agreement level, m = P(level | same
// child) and u = P(level | different children), plus lambda, the share of candidate pairs
// that are matches. A pair's match weight is log2(lambda/(1-lambda)) + sum log2(m/u), plus a
// term-frequency adjustment on exact name matches. Immutable after fitting; thread-safe to read.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "common/status.h"
#include "linkage/fields.h"
#include "linkage/record.h"

namespace safehub::linkage {

using ComparisonSpec = std::array<ComparisonKind, kFieldCount>;

// The spec of the child-record schema: every field with its default kind.
ComparisonSpec DefaultComparisonSpec();
// The comparison vector of a pair under `spec`. A forename/surname swap is scored as a
// typo-level agreement on both names rather than two disagreements.
Pattern ComparePair(const ComparisonSpec& spec, const PreparedRecord& a, const PreparedRecord& b);

struct FieldParameters {
  std::array<double, kMaxLevels> m{};
  std::array<double, kMaxLevels> u{};
};

class LinkageModel {
 public:
  // Starting values before training: agreement likely among matches, rare among non-matches.
  static LinkageModel Initial(const ComparisonSpec& spec);

  const ComparisonSpec& spec() const { return spec_; }
  ComparisonKind kind(Field f) const { return spec_[static_cast<int>(f)]; }
  double lambda() const { return lambda_; }
  void set_lambda(double lambda) { lambda_ = lambda; }
  FieldParameters& parameters(Field f) { return fields_[static_cast<int>(f)]; }
  const FieldParameters& parameters(Field f) const { return fields_[static_cast<int>(f)]; }
  // Probability at or above which a pair links (and clustering may join it).
  double match_threshold() const { return match_threshold_; }
  void set_match_threshold(double p) { match_threshold_ = p; }
  // Pairs with probability in [review_threshold, match_threshold) belong in clerical review.
  double review_threshold() const { return review_threshold_; }
  void set_review_threshold(double p) { review_threshold_ = p; }

  // Recomputes the weight tables from m, u and lambda; call after changing parameters.
  void Finalise();
  // log2(m/u) of one field at one level (0 for null).
  double LevelWeight(int field, int level) const { return weights_[field][level]; }
  double PriorWeight() const { return prior_weight_; }
  // Weight of a pattern without term-frequency adjustment.
  double PatternWeight(Pattern p) const;
  // Weight of a pair: pattern weight plus the term-frequency adjustments of exact name matches.
  double PairWeight(Pattern p, const PreparedRecord& a, const PreparedRecord& b) const;
  static double Probability(double weight);
  static double WeightForProbability(double probability);

  // Sets first_name_tf / surname_tf on every record from value frequencies in `records`:
  // log2(u_exact / frequency), so a shared rare surname counts more than a shared "smith".
  void ApplyTermFrequencies(std::vector<PreparedRecord>& records) const;

  // A readable TOML [model] section (see docs/linkage.md).
  std::string ToToml() const;

 private:
  ComparisonSpec spec_{};
  std::array<FieldParameters, kFieldCount> fields_{};
  double lambda_ = 1e-4;
  double match_threshold_ = 0.9;
  double review_threshold_ = 0.5;
  std::array<std::array<double, kMaxLevels>, kFieldCount> weights_{};
  double prior_weight_ = 0;
};

}  // namespace safehub::linkage
