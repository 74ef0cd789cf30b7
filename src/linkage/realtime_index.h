// Real-time linking: an in-memory index of prepared records, each assigned to a person,
// that links one incoming record to an existing person (or says "new person") with the
// match probability and per-field evidence, using the batch model and blocking keys and
// without re-running the batch. Link is const and safe to call from many threads at once;
// Add needs exclusive access (the caller holds a writer lock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/model.h"
#include "linkage/record.h"

namespace safehub::linkage {

struct FieldEvidence {
  Field field;
  std::string_view level;  // "exact", "nickname", "day_month_swap", ...
  double weight = 0;       // bits this field added (term-frequency adjustment included)
};

struct LinkDecision {
  std::optional<std::uint32_t> person;  // empty: a new person
  double probability = 0;               // of the best candidate person (0 with no candidate)
  std::optional<std::uint32_t> best_record;  // the indexed record behind that probability
  std::vector<FieldEvidence> evidence;  // for best_record
  std::uint32_t candidates = 0;         // records compared
};

class RealtimeIndex {
 public:
  // Indexes `records` (person_of[i] is record i's person) under `model`. Term frequencies
  // are computed from these records.
  RealtimeIndex(std::vector<PreparedRecord> records, std::vector<std::uint32_t> person_of, LinkageModel model,
                BlockingOptions blocking = {});

  // The person `record` belongs to, or none when no candidate reaches the match threshold
  // without strongly conflicting with a member of that person.
  LinkDecision Link(const Record& record) const;
  LinkDecision LinkPrepared(PreparedRecord record) const;
  // The probability that `record` belongs to `person`: its best-scoring member (0 for an
  // unknown person). Lets a caller weigh one named person against the index's choice.
  double ProbabilityFor(const Record& record, std::uint32_t person) const;
  // Adds a record to `person` (or to a new person when empty); returns the person.
  std::uint32_t Add(const Record& record, std::optional<std::uint32_t> person);

  std::size_t size() const { return records_.size(); }
  // The person an indexed record belongs to (record < size()).
  std::uint32_t PersonOf(std::uint32_t record) const { return person_of_[record]; }
  std::uint32_t person_count() const { return next_person_; }

 private:
  void SetTermFrequencies(PreparedRecord& record) const;
  void CollectCandidates(const BlockingKeys& keys, std::vector<std::uint32_t>& out) const;

  std::vector<PreparedRecord> records_;
  std::vector<std::uint32_t> person_of_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> members_;
  LinkageModel model_;
  BlockingOptions blocking_;
  // Per rule: keys sorted with their record, built once; later additions go to `added_`.
  std::array<std::vector<std::uint64_t>, kBlockingRuleCount> keys_;
  std::array<std::vector<std::uint32_t>, kBlockingRuleCount> key_records_;
  std::array<std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>, kBlockingRuleCount> added_;
  std::unordered_map<std::string, std::uint32_t> first_name_counts_;
  std::unordered_map<std::string, std::uint32_t> surname_counts_;
  std::uint64_t first_name_total_ = 0;
  std::uint64_t surname_total_ = 0;
  std::uint32_t next_person_ = 0;
};

}  // namespace safehub::linkage
