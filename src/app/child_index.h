// The child index as feeds use it: finds the person an agency's record is about, or
// records a new child. This implementation links on identifiers and exact name and date of
// birth; the probabilistic linkage engine (src/linkage, issue 3) will implement the same
// interface with per-field evidence. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "domain/person.h"
#include "store/store.h"

namespace safehub::app {

// Who a record says the child is.
struct ChildIdentity {
  std::string first_name;
  std::string surname;
  std::optional<Date> date_of_birth;
  domain::Sex sex = domain::Sex::kUnknown;
  std::string nhs_number;  // validated, 10 digits, or empty
  std::string upn;         // validated, or empty
};

enum class LinkOutcome { kMatched, kNewChild };

// How one field compared in a possible match (the linkage model's evidence).
struct FieldComparison {
  std::string field;  // "first_name", "surname", "date_of_birth", ...
  std::string level;  // "exact", "typo", "day_month_swap", ...
  double weight = 0;  // bits for (positive) or against the match
};

// A person the record may be about, scored between the review and match thresholds: the
// record made a new child, and the pair goes to clerical review (app/link_review).
struct PossibleMatch {
  PersonId existing;
  double probability = 0;
  std::vector<FieldComparison> evidence;
};

struct LinkResult {
  PersonId child;
  LinkOutcome outcome = LinkOutcome::kMatched;
  double probability = 1.0;
  std::string evidence;  // which fields agreed: "nhs_number", "name and date of birth", ...
  std::optional<PossibleMatch> possible = std::nullopt;  // set only with kNewChild
};

class ChildIndex {
 public:
  virtual ~ChildIndex() = default;
  // Links inside the caller's unit of work, creating the child when nobody matches:
  // FindExact, then LinkUnmatched when it finds nobody. kInvalidArgument when the identity
  // is too thin to create a child (no date of birth).
  Result<LinkResult> Link(store::Transaction& tx, const ChildIdentity& identity, Date today);
  // The child the record's identifiers (NHS number, UPN) or its exact name and date of
  // birth name, read through merges, or nobody (none, or more than one). Reads only people
  // and merges, so it may run on a read snapshot ahead of the unit of work: its answer
  // holds for as long as the store's IdentityGeneration has not moved (feeds rely on this).
  virtual Result<std::optional<LinkResult>> FindExact(store::Transaction& tx, const ChildIdentity& identity) = 0;
  // The rest of Link, for a record FindExact finds nobody for in this unit of work.
  virtual Result<LinkResult> LinkUnmatched(store::Transaction& tx, const ChildIdentity& identity, Date today) = 0;
};

// NHS number, then UPN, then surname + first name + date of birth (case-insensitive).
class IdentifierChildIndex final : public ChildIndex {
 public:
  Result<std::optional<LinkResult>> FindExact(store::Transaction& tx, const ChildIdentity& identity) override;
  // Records a new child.
  Result<LinkResult> LinkUnmatched(store::Transaction& tx, const ChildIdentity& identity, Date today) override {
    return Create(tx, identity, today);
  }
  // Records a new child from the identity; kInvalidArgument without a date of birth.
  static Result<LinkResult> Create(store::Transaction& tx, const ChildIdentity& identity, Date today);
};

}  // namespace safehub::app
