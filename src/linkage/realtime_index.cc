#include "linkage/realtime_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "linkage/clustering.h"
#include "linkage/comparators.h"

namespace safehub::linkage {
namespace {

float Adjustment(std::uint32_t count, std::uint64_t total, bool has_name, double u_exact) {
  if (!has_name || total == 0) return 0.0f;
  // An unseen name is as rare as one occurrence.
  const double frequency = std::max<std::uint32_t>(count, 1) / static_cast<double>(total);
  const double adjustment = std::log2(std::max(u_exact, 1e-6) / std::max(frequency, 1e-6));
  return static_cast<float>(std::clamp(adjustment, -6.0, 6.0));
}

// 64-bit blocking keys are well mixed; folding to 32 bits halves the index.
std::uint32_t Fold(std::uint64_t key) {
  const auto v = static_cast<std::uint32_t>(key ^ (key >> 32));
  return v == 0 ? 1 : v;
}

}  // namespace

RealtimeIndex::RealtimeIndex(std::vector<PreparedRecord> records, std::vector<std::uint32_t> person_of,
                             LinkageModel model, BlockingOptions blocking)
    : model_(std::move(model)), blocking_(blocking) {
  std::size_t i = 0;
  Build(
      [&](PreparedRecord& r, std::uint32_t& person) {
        if (i >= records.size()) return false;
        r = std::move(records[i]);
        person = i < person_of.size() ? person_of[i] : 0;
        ++i;
        return true;
      },
      records.size());
}

RealtimeIndex::RealtimeIndex(const RecordSource& next, std::size_t expected, LinkageModel model,
                             BlockingOptions blocking)
    : model_(std::move(model)), blocking_(blocking) {
  Build(next, expected);
}

void RealtimeIndex::Build(const RecordSource& next, std::size_t expected) {
  records_.Reserve(expected);
  person_of_.reserve(expected);
  // Per rule: (folded key << 32 | record), sorted below into the CSR index.
  std::array<std::vector<std::uint64_t>, kBlockingRuleCount> keyed;
  PreparedRecord r;
  std::uint32_t person = 0;
  while (next(r, person)) {
    const std::uint32_t id = records_.Append(r);
    person_of_.push_back(person);
    next_person_ = std::max(next_person_, person + 1);
    const BlockingKeys keys = ComputeBlockingKeys(r);
    for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
      if (keys[rule] != 0) keyed[rule].push_back(std::uint64_t{Fold(keys[rule])} << 32 | id);
    }
  }
  for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
    auto& list = keyed[rule];
    std::sort(list.begin(), list.end());
    BlockIndex& index = blocks_[rule];
    for (std::size_t begin = 0; begin < list.size();) {
      const auto key = static_cast<std::uint32_t>(list[begin] >> 32);
      std::size_t end = begin + 1;
      while (end < list.size() && static_cast<std::uint32_t>(list[end] >> 32) == key) ++end;
      const bool oversized = end - begin > blocking_.max_block_size;
      index.keys.push_back(key);
      index.starts.push_back(static_cast<std::uint32_t>(index.ids.size()));
      index.oversized.push_back(oversized);
      if (!oversized) {
        for (std::size_t x = begin; x < end; ++x) index.ids.push_back(static_cast<std::uint32_t>(list[x]));
      }
      begin = end;
    }
    index.starts.push_back(static_cast<std::uint32_t>(index.ids.size()));
    std::vector<std::uint64_t>().swap(list);
    index.keys.shrink_to_fit();
    index.starts.shrink_to_fit();
    index.ids.shrink_to_fit();
  }
  // Members by person: counting sort.
  person_starts_.assign(static_cast<std::size_t>(next_person_) + 1, 0);
  for (auto p : person_of_) ++person_starts_[p + 1];
  std::partial_sum(person_starts_.begin(), person_starts_.end(), person_starts_.begin());
  person_records_.resize(person_of_.size());
  std::vector<std::uint32_t> fill(person_starts_.begin(), person_starts_.end() - 1);
  for (std::uint32_t i = 0; i < person_of_.size(); ++i) person_records_[fill[person_of_[i]]++] = i;
}

std::size_t RealtimeIndex::MemoryBytes() const {
  std::size_t bytes = records_.MemoryBytes() + person_of_.capacity() * 4 + person_starts_.capacity() * 4 +
                      person_records_.capacity() * 4;
  for (const auto& b : blocks_) {
    bytes += b.keys.capacity() * 4 + b.starts.capacity() * 4 + b.ids.capacity() * 4 + b.oversized.capacity() / 8;
  }
  return bytes;
}

void RealtimeIndex::SetTermFrequencies(PreparedRecord& r) const {
  r.first_name_tf = Adjustment(records_.FirstNameCount(r.first_name), records_.first_name_total(),
                               !r.first_name.empty(), model_.parameters(Field::kFirstName).u[1]);
  r.surname_tf = Adjustment(records_.SurnameCount(r.surname), records_.surname_total(), !r.surname.empty(),
                            model_.parameters(Field::kSurname).u[1]);
}

void RealtimeIndex::SetTermFrequencies(std::uint32_t i, PreparedRecord& r) const {
  r.first_name_tf = Adjustment(records_.FirstNameCountOf(i), records_.first_name_total(), !r.first_name.empty(),
                               model_.parameters(Field::kFirstName).u[1]);
  r.surname_tf = Adjustment(records_.SurnameCountOf(i), records_.surname_total(), !r.surname.empty(),
                            model_.parameters(Field::kSurname).u[1]);
}

void RealtimeIndex::CollectCandidates(const BlockingKeys& keys, std::vector<std::uint32_t>& out) const {
  for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
    if (keys[rule] == 0) continue;
    const std::uint32_t key = Fold(keys[rule]);
    const BlockIndex& index = blocks_[rule];
    const auto it = std::lower_bound(index.keys.begin(), index.keys.end(), key);
    const bool found = it != index.keys.end() && *it == key;
    const std::size_t k = static_cast<std::size_t>(it - index.keys.begin());
    const auto added = index.added.find(key);
    const std::size_t added_size = added == index.added.end() ? 0 : added->second.size();
    if (found && index.oversized[k]) continue;  // as in the batch: too common to compare
    const std::size_t built = found ? index.starts[k + 1] - index.starts[k] : 0;
    if (built + added_size > blocking_.max_block_size) continue;
    if (found) out.insert(out.end(), index.ids.begin() + index.starts[k], index.ids.begin() + index.starts[k + 1]);
    if (added_size) out.insert(out.end(), added->second.begin(), added->second.end());
  }
  // Distinct records, those sharing more keys with the query first (then by index).
  std::sort(out.begin(), out.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counted;  // (keys shared, record)
  for (std::size_t i = 0; i < out.size();) {
    std::size_t j = i + 1;
    while (j < out.size() && out[j] == out[i]) ++j;
    counted.push_back({static_cast<std::uint32_t>(j - i), out[i]});
    i = j;
  }
  std::stable_sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  out.clear();
  for (const auto& c : counted) out.push_back(c.second);
}

bool RealtimeIndex::ConflictsWithPerson(const PreparedRecord& record, std::uint32_t person,
                                        PreparedRecord& scratch) const {
  auto conflicts = [&](std::uint32_t member) {
    records_.Materialise(member, scratch);
    return StronglyConflict(record, scratch);
  };
  if (person + 1 < person_starts_.size()) {
    for (std::uint32_t x = person_starts_[person]; x < person_starts_[person + 1]; ++x) {
      if (conflicts(person_records_[x])) return true;
    }
  }
  const auto added = added_members_.find(person);
  if (added != added_members_.end()) {
    for (auto member : added->second) {
      if (conflicts(member)) return true;
    }
  }
  return false;
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
  };
  std::vector<Scored> scored;
  scored.reserve(candidates.size());
  const double threshold = LinkageModel::WeightForProbability(model_.match_threshold());
  // Pruning, exact: a candidate is first scored without its address (the costly comparison);
  // if even the best address level could not lift it to the threshold nor above the best
  // weight seen so far, it can neither link nor be the reported best record, so it is
  // dropped. Candidates sharing more blocking keys with the record go first, so the likely
  // match sets a high bar early.
  const int address = static_cast<int>(Field::kAddress);
  ComparisonSpec cheap_spec = model_.spec();
  double address_bound = 0;
  const bool prune = cheap_spec[address] == ComparisonKind::kAddress;
  if (prune) {
    for (int l = 1; l < LevelCount(cheap_spec[address]); ++l) {
      address_bound = std::max(address_bound, model_.LevelWeight(address, l));
    }
    cheap_spec[address] = ComparisonKind::kDisabled;
  }
  double best_weight = -1e300;
  PreparedRecord other;  // one buffer for every candidate: its strings are reused
  for (auto c : candidates) {
    records_.Materialise(c, other);
    SetTermFrequencies(c, other);
    Pattern p = ComparePair(cheap_spec, record, other);
    if (prune) {
      const double bound = model_.PairWeight(p, record, other) + address_bound + 1e-9;
      if (bound < threshold && bound < best_weight) continue;
      // The address level is independent of the other fields (and of the name-swap rule).
      p = WithLevel(p, address, CompareAddresses(record.address, other.address));
    }
    const double w = model_.PairWeight(p, record, other);
    best_weight = std::max(best_weight, w);
    scored.push_back({w, c});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.record < b.record;
  });
  // The strongest candidate whose person has no member that strongly conflicts wins.
  for (const Scored& s : scored) {
    if (!decision.best_record) {
      decision.best_record = s.record;
      decision.probability = LinkageModel::Probability(s.weight);
    }
    if (s.weight < threshold) break;
    const std::uint32_t person = person_of_[s.record];
    if (ConflictsWithPerson(record, person, other)) continue;
    decision.person = person;
    decision.best_record = s.record;
    decision.probability = LinkageModel::Probability(s.weight);
    break;
  }
  if (decision.best_record) {
    records_.Materialise(*decision.best_record, other);
    SetTermFrequencies(*decision.best_record, other);
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
  PreparedRecord record = Prepare(raw);
  SetTermFrequencies(record);
  PreparedRecord other;
  double best = 0;
  auto consider = [&](std::uint32_t member) {
    records_.Materialise(member, other);
    SetTermFrequencies(member, other);
    const Pattern p = ComparePair(model_.spec(), record, other);
    best = std::max(best, LinkageModel::Probability(model_.PairWeight(p, record, other)));
  };
  if (person + 1 < person_starts_.size()) {
    for (std::uint32_t x = person_starts_[person]; x < person_starts_[person + 1]; ++x) consider(person_records_[x]);
  }
  const auto added = added_members_.find(person);
  if (added != added_members_.end()) {
    for (auto member : added->second) consider(member);
  }
  return best;  // 0 for an unknown person
}

std::uint32_t RealtimeIndex::Add(const Record& record, std::optional<std::uint32_t> person) {
  const PreparedRecord prepared = Prepare(record);
  const std::uint32_t index = records_.Append(prepared);
  const BlockingKeys keys = ComputeBlockingKeys(prepared);
  for (int rule = 0; rule < kBlockingRuleCount; ++rule) {
    if (keys[rule] != 0) blocks_[rule].added[Fold(keys[rule])].push_back(index);
  }
  const std::uint32_t p = person ? *person : next_person_;
  next_person_ = std::max(next_person_, p + 1);
  person_of_.push_back(p);
  added_members_[p].push_back(index);
  return p;
}

}  // namespace safehub::linkage
