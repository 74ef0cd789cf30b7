#include "linkage/realtime_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "linkage/clustering.h"

namespace safehub::linkage {
namespace {

float Adjustment(const std::unordered_map<std::string, std::uint32_t>& counts, std::uint64_t total,
                 const std::string& name, double u_exact) {
  if (name.empty() || total == 0) return 0.0f;
  const auto it = counts.find(name);
  // An unseen name is as rare as one occurrence.
  const double frequency = (it == counts.end() ? 1.0 : it->second) / static_cast<double>(total);
  const double adjustment = std::log2(std::max(u_exact, 1e-6) / std::max(frequency, 1e-6));
  return static_cast<float>(std::clamp(adjustment, -6.0, 6.0));
}

}  // namespace

RealtimeIndex::RealtimeIndex(std::vector<PreparedRecord> records, std::vector<std::uint32_t> person_of,
                             LinkageModel model, BlockingOptions blocking)
    : records_(std::move(records)), person_of_(std::move(person_of)), model_(std::move(model)), blocking_(blocking) {
  person_of_.resize(records_.size(), 0);
  for (std::uint32_t i = 0; i < records_.size(); ++i) {
    members_[person_of_[i]].push_back(i);
    next_person_ = std::max(next_person_, person_of_[i] + 1);
    const auto& r = records_[i];
    if (!r.first_name.empty()) ++first_name_counts_[r.first_name], ++first_name_total_;
    if (!r.surname.empty()) ++surname_counts_[r.surname], ++surname_total_;
  }
  for (auto& r : records_) SetTermFrequencies(r);
  std::vector<BlockingKeys> keys(records_.size());
  for (std::uint32_t i = 0; i < records_.size(); ++i) keys[i] = ComputeBlockingKeys(records_[i]);
  for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      if (keys[i][rule] != 0) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&keys, rule](std::uint32_t a, std::uint32_t b) {
      return keys[a][rule] != keys[b][rule] ? keys[a][rule] < keys[b][rule] : a < b;
    });
    keys_[rule].reserve(order.size());
    for (auto i : order) keys_[rule].push_back(keys[i][rule]);
    key_records_[rule] = std::move(order);
  }
}

void RealtimeIndex::SetTermFrequencies(PreparedRecord& r) const {
  r.first_name_tf = Adjustment(first_name_counts_, first_name_total_, r.first_name,
                               model_.parameters(Field::kFirstName).u[1]);
  r.surname_tf = Adjustment(surname_counts_, surname_total_, r.surname, model_.parameters(Field::kSurname).u[1]);
}

void RealtimeIndex::CollectCandidates(const BlockingKeys& keys, std::vector<std::uint32_t>& out) const {
  for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
    if (keys[rule] == 0) continue;
    const auto& k = keys_[rule];
    const auto [lo, hi] = std::equal_range(k.begin(), k.end(), keys[rule]);
    const auto added = added_[rule].find(keys[rule]);
    const size_t block = static_cast<size_t>(hi - lo) + (added == added_[rule].end() ? 0 : added->second.size());
    if (block > blocking_.max_block_size) continue;  // as in the batch: too common to compare
    for (auto it = lo; it != hi; ++it) out.push_back(key_records_[rule][it - k.begin()]);
    if (added != added_[rule].end()) out.insert(out.end(), added->second.begin(), added->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

LinkDecision RealtimeIndex::Link(const Record& record) const { return LinkPrepared(Prepare(record)); }

LinkDecision RealtimeIndex::LinkPrepared(PreparedRecord record) const {
  SetTermFrequencies(record);
  std::vector<std::uint32_t> candidates;
  CollectCandidates(ComputeBlockingKeys(record), candidates);
  LinkDecision decision;
  decision.candidates = static_cast<std::uint32_t>(candidates.size());
  struct Scored {
    double weight;
    std::uint32_t record;
    Pattern pattern;
  };
  std::vector<Scored> scored;
  scored.reserve(candidates.size());
  for (auto c : candidates) {
    const Pattern p = ComparePair(model_.spec(), record, records_[c]);
    scored.push_back({model_.PairWeight(p, record, records_[c]), c, p});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.record < b.record;
  });
  const double threshold = LinkageModel::WeightForProbability(model_.match_threshold());
  // The strongest candidate whose person has no member that strongly conflicts wins.
  for (const Scored& s : scored) {
    if (!decision.best_record) {
      decision.best_record = s.record;
      decision.probability = LinkageModel::Probability(s.weight);
    }
    if (s.weight < threshold) break;
    const std::uint32_t person = person_of_[s.record];
    const auto& members = members_.at(person);
    const bool conflict = std::any_of(members.begin(), members.end(),
                                      [&](std::uint32_t m) { return StronglyConflict(record, records_[m]); });
    if (conflict) continue;
    decision.person = person;
    decision.best_record = s.record;
    decision.probability = LinkageModel::Probability(s.weight);
    break;
  }
  if (decision.best_record) {
    const PreparedRecord& other = records_[*decision.best_record];
    const Pattern p = ComparePair(model_.spec(), record, other);
    for (int f = 0; f < kFieldCount; ++f) {
      const int level = PatternLevel(p, f);
      if (model_.spec()[f] == ComparisonKind::kDisabled || level == 0) continue;
      double w = model_.LevelWeight(f, level);
      if (level == 1 && static_cast<Field>(f) == Field::kFirstName) w += (record.first_name_tf + other.first_name_tf) / 2;
      if (level == 1 && static_cast<Field>(f) == Field::kSurname) w += (record.surname_tf + other.surname_tf) / 2;
      decision.evidence.push_back({static_cast<Field>(f), LevelName(model_.spec()[f], level), w});
    }
  }
  return decision;
}

double RealtimeIndex::ProbabilityFor(const Record& raw, std::uint32_t person) const {
  auto found = members_.find(person);
  if (found == members_.end()) return 0;
  PreparedRecord record = Prepare(raw);
  SetTermFrequencies(record);
  double best = 0;
  for (std::uint32_t m : found->second) {
    const Pattern p = ComparePair(model_.spec(), record, records_[m]);
    best = std::max(best, LinkageModel::Probability(model_.PairWeight(p, record, records_[m])));
  }
  return best;
}

std::uint32_t RealtimeIndex::Add(const Record& record, std::optional<std::uint32_t> person) {
  PreparedRecord prepared = Prepare(record);
  if (!prepared.first_name.empty()) ++first_name_counts_[prepared.first_name], ++first_name_total_;
  if (!prepared.surname.empty()) ++surname_counts_[prepared.surname], ++surname_total_;
  SetTermFrequencies(prepared);
  const std::uint32_t index = static_cast<std::uint32_t>(records_.size());
  const BlockingKeys keys = ComputeBlockingKeys(prepared);
  for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
    if (keys[rule] != 0) added_[rule][keys[rule]].push_back(index);
  }
  const std::uint32_t p = person ? *person : next_person_;
  next_person_ = std::max(next_person_, p + 1);
  records_.push_back(std::move(prepared));
  person_of_.push_back(p);
  members_[p].push_back(index);
  return p;
}

}  // namespace safehub::linkage
