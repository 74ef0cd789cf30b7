#include "app/probabilistic_child_index.h"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "app/link_review.h"
#include "linkage/linker.h"
#include "linkage/synthetic.h"

namespace safehub::app {
namespace {

constexpr int kLoadPage = 5000;

linkage::DateParts PartsOf(const std::optional<Date>& d) {
  if (!d) return {};
  return {d->year(), d->month(), d->day()};
}

std::string Percent(double p) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", p * 100);
  return buffer;
}

// "first_name exact, surname typo, date_of_birth day_month_swap": what agreed and how.
std::string Evidence(const linkage::LinkDecision& d) {
  std::string out;
  for (const auto& e : d.evidence) {
    if (!out.empty()) out += ", ";
    out += std::string(linkage::FieldName(e.field)) + " " + std::string(e.level);
  }
  return out;
}

}  // namespace

linkage::LinkageModel DefaultChildLinkageModel() {
  linkage::SyntheticOptions options;
  options.records = 20'000;
  options.seed = 20261129;
  linkage::SyntheticData data = linkage::GenerateChildRecords(options);
  std::vector<linkage::PreparedRecord> prepared;
  prepared.reserve(data.records.size());
  for (const auto& r : data.records) prepared.push_back(linkage::Prepare(r));
  linkage::BatchOptions batch;
  batch.training.random_pairs = 50'000;
  return linkage::TrainModel(prepared, linkage::DefaultComparisonSpec(), batch);
}

ProbabilisticChildIndex::ProbabilisticChildIndex(linkage::LinkageModel model)
    : model_(std::move(model)) {}

linkage::Record ProbabilisticChildIndex::ToRecord(const domain::Person& person) {
  linkage::Record r;
  r.record_id = person.id.ToString();
  r.first_name = person.first_name;
  r.middle_name = person.middle_names;
  r.surname = person.surname;
  r.date_of_birth = PartsOf(person.date_of_birth ? person.date_of_birth : person.expected_birth_date);
  r.sex = std::string(domain::ToCode(person.sex));
  r.nhs_number = person.nhs_number;
  r.upn = person.upn;
  return r;
}

linkage::Record ProbabilisticChildIndex::ToRecord(const ChildIdentity& identity) {
  linkage::Record r;
  r.first_name = identity.first_name;
  r.surname = identity.surname;
  r.date_of_birth = PartsOf(identity.date_of_birth);
  r.sex = std::string(domain::ToCode(identity.sex));
  r.nhs_number = identity.nhs_number;
  r.upn = identity.upn;
  return r;
}

ProbabilisticChildIndex::ProbabilisticChildIndex(std::function<linkage::LinkageModel()> model)
    : make_model_(std::move(model)) {}

Status ProbabilisticChildIndex::Load(store::Store& store) {
  std::unique_lock lock(mu_);
  return store.Read([&](store::Transaction& tx) { return LoadLocked(tx); });
}

Status ProbabilisticChildIndex::LoadLocked(store::Transaction& tx) {
  std::vector<domain::Person> people;
  for (int offset = 0;; offset += kLoadPage) {
    store::PersonQuery q;
    q.limit = kLoadPage;
    q.offset = offset;
    q.shielded = store::ShieldedMatching::kIncludeForLinkage;  // linkage sees hidden fields
    ASSIGN_OR_RETURN(auto page, tx.FindPeople(q));
    for (auto& p : page) {
      if (p.kind != domain::PersonKind::kAdult) people.push_back(std::move(p));
    }
    if (static_cast<int>(page.size()) < kLoadPage) break;
  }
  if (make_model_) {
    model_ = make_model_();
    make_model_ = nullptr;
  }
  std::vector<linkage::PreparedRecord> records;
  std::vector<std::uint32_t> person_of;
  records.reserve(people.size());
  person_ids_.clear();
  number_of_.clear();
  for (const auto& p : people) {
    records.push_back(linkage::Prepare(ToRecord(p)));
    const auto number = static_cast<std::uint32_t>(person_ids_.size());
    person_of.push_back(number);
    person_ids_.push_back(p.id);
    number_of_[p.id.value] = number;
  }
  index_ = std::make_unique<linkage::RealtimeIndex>(std::move(records), std::move(person_of), model_);
  loaded_ = true;
  return Status::Ok();
}

std::size_t ProbabilisticChildIndex::size() const {
  std::shared_lock lock(mu_);
  return index_ ? index_->size() : 0;
}

void ProbabilisticChildIndex::AddLocked(const linkage::Record& record, PersonId id) {
  auto found = number_of_.find(id.value);
  std::optional<std::uint32_t> existing;
  if (found != number_of_.end()) existing = found->second;
  const std::uint32_t number = index_->Add(record, existing);
  if (!existing) {
    if (person_ids_.size() <= number) person_ids_.resize(number + 1);
    person_ids_[number] = id;
    number_of_[id.value] = number;
  }
}

// A known identifier is definitive (it is how CP-IS matches), and a unique exact name and
// birth date is the common clean case (twins differ in first name): both are cheap indexed
// lookups. The model takes the rest (LinkUnmatched), the records exact rules miss.
Result<std::optional<LinkResult>> ProbabilisticChildIndex::FindExact(store::Transaction& tx,
                                                                     const ChildIdentity& identity) {
  return identifiers_.FindExact(tx, identity);
}

Result<LinkResult> ProbabilisticChildIndex::LinkUnmatched(store::Transaction& tx, const ChildIdentity& identity,
                                                          Date today) {
  if (!loaded_) {
    std::unique_lock lock(mu_);
    if (!loaded_) RETURN_IF_ERROR(LoadLocked(tx));
  }
  const linkage::Record record = ToRecord(identity);
  linkage::LinkDecision decision;
  {
    std::shared_lock lock(mu_);
    decision = index_->Link(record);
  }
  std::optional<PossibleMatch> possible;
  if (decision.best_record) {
    PersonId candidate;
    {
      std::shared_lock lock(mu_);
      candidate = person_ids_.at(decision.person.value_or(index_->PersonOf(*decision.best_record)));
    }
    // The index may remember a child whose creating unit of work was rolled back.
    const bool stored = tx.GetPerson(candidate).ok();
    ASSIGN_OR_RETURN(Candidate reviewed,
                     Reviewed(tx, record, {candidate, decision.probability, decision.person.has_value()}));
    if (stored && reviewed.matched) {
      // A new spelling joins the child's records so later records meet it too; a copy of
      // one already indexed would only make its blocks larger.
      const bool new_spelling = std::any_of(decision.evidence.begin(), decision.evidence.end(),
                                            [](const linkage::FieldEvidence& e) { return e.level != "exact"; });
      std::unique_lock lock(mu_);
      if (new_spelling) AddLocked(record, reviewed.person);
      return LinkResult{reviewed.person, LinkOutcome::kMatched, reviewed.probability,
                        "probabilistic " + Percent(reviewed.probability) + ": " + Evidence(decision), std::nullopt};
    }
    if (stored && reviewed.probability >= model_.review_threshold()) {
      possible = PossibleMatch{reviewed.person, reviewed.probability, {}};
      if (reviewed.person == candidate) {
        for (const auto& e : decision.evidence) {
          possible->evidence.push_back({std::string(linkage::FieldName(e.field)), std::string(e.level), e.weight});
        }
      }
    }
  }
  // Nobody links: a new child.
  ASSIGN_OR_RETURN(LinkResult result, IdentifierChildIndex::Create(tx, identity, today));
  if (possible) {
    result.evidence += "; possible match with child " + possible->existing.ToString() + " (" +
                       Percent(possible->probability) + ": " + Evidence(decision) + ") for clerical review";
    result.possible = std::move(possible);
  }
  std::unique_lock lock(mu_);
  AddLocked(record, result.child);
  return result;
}

Result<PersonId> ProbabilisticChildIndex::SurvivorOf(store::Transaction& tx, PersonId person) {
  // The end of the person's chain of standing merges (merges chain; the store refuses cycles).
  return tx.SurvivorOf(person);
}

Result<ProbabilisticChildIndex::Candidate> ProbabilisticChildIndex::Reviewed(store::Transaction& tx,
                                                                           const linkage::Record& record,
                                                                           Candidate candidate) {
  ASSIGN_OR_RETURN(candidate.person, SurvivorOf(tx, candidate.person));
  ASSIGN_OR_RETURN(auto reviews, LinkReviews::ReviewsOfChild(tx, candidate.person));
  const Candidate proposed = candidate;
  for (const auto& r : reviews) {
    if (r.status != store::LinkReviewStatus::kNotMatch) continue;
    // A reviewer said these two are different children: a record at least as like the other
    // is that other's, and never joins or is proposed for this one again.
    ASSIGN_OR_RETURN(PersonId other, SurvivorOf(tx, r.arriving == proposed.person ? r.existing : r.arriving));
    if (other == proposed.person) continue;
    double p = 0;
    {
      std::shared_lock lock(mu_);
      auto number = number_of_.find(other.value);
      if (number != number_of_.end()) p = index_->ProbabilityFor(record, number->second);
    }
    if (candidate.person == proposed.person ? p >= candidate.probability : p > candidate.probability) {
      candidate = {other, p, p >= model_.match_threshold()};
    }
  }
  return candidate;
}

}  // namespace safehub::app
