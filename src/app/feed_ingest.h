// Agency feeds: rows of events about children from police, health, schools and others,
// each validated (every violation named with its line and field), linked to the child
// index on arrival, stored with its source and audited. Re-sending a row or a whole file is
// harmless: (agency, source_reference) identifies a row. Rows are committed in units of work
// (a batch, or part of one when another writer waits), one transaction each, so a crash
// loses at most the unit in flight, which a re-send restores.
// Thread-safe.
#pragma once

#include <cstdint>
#include <istream>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "app/child_index.h"
#include "common/clock.h"
#include "store/store.h"

namespace safehub::app {

// One row as received: column name -> text.
struct FeedRow {
  std::int64_t line = 0;  // the line in the file, or the position in a JSON batch
  std::map<std::string, std::string> fields;
};

struct RowRejection {
  std::int64_t line = 0;
  std::string field;
  std::string message;
};

struct FeedReport {
  std::int64_t rows = 0;
  std::int64_t accepted = 0;
  std::int64_t already_recorded = 0;  // sent before: skipped, not duplicated
  std::int64_t rejected = 0;
  std::int64_t linked_to_known_child = 0;
  std::int64_t new_children = 0;
  std::vector<RowRejection> rejections;  // the first kMaxRejectionsKept, in order
  // Set when a commit listener (concern detection) failed after a batch committed: the
  // events are stored; a batch run (`safehub alerts run`) catches up.
  std::string listener_error;
};

// What one committed unit of work recorded, told to the commit listener.
struct CommittedBatch {
  std::vector<PersonId> children;     // the children it recorded events about, in id order
  std::vector<domain::Event> events;  // the events it stored, with their ids
  std::uint64_t write_sequence = 0;   // its unit of work's store::Transaction::WriteSequence()
};
using CommitListener = std::function<Status(const CommittedBatch& batch)>;

// Where ingestion time went, for feed_bench: parse (CSV and validation), link (the child
// index: find ahead on a read snapshot, then link in the unit), store (events, audit,
// commit) and rules (the commit listener). Wall seconds and
// the working thread's CPU seconds: on a shared machine the CPU figure is the steadier one.
// A CSV is parsed on a thread of its own beside the rest, so its parse time overlaps theirs.
struct PhaseTime {
  double wall = 0;
  double cpu = 0;
};
struct FeedTimings {
  PhaseTime parse;
  PhaseTime find;  // exact lookups on a read snapshot ahead of the unit (the parser's thread for a CSV)
  PhaseTime link;
  PhaseTime store;
  PhaseTime rules;
};

// Whose rows these are: the agency (and, from the API, the user sending them).
struct FeedSource {
  AgencyId agency;
  const domain::Principal* sender = nullptr;  // null: the operator at the command line
};

class FeedIngest {
 public:
  // Rows per batch: what the parser hands over at once, and the most one unit of work (one
  // transaction, one commit) stores. Rows about different children touch different index
  // leaves, so a commit writes about one page per row of a small unit and far fewer per row
  // of a large one (feed_bench, 200,000 rows: store CPU 4.5 s in units of 500 rows, 3.7 s
  // of 2,000, 2.7 s of 10,000).
  static constexpr std::size_t kBatchSize = 10000;
  // A unit holds the store's writer while it links and stores, and a practitioner's audited
  // read waits for the writer to commit its audit entry. So a unit is built in slices of
  // this many rows (about 12 ms of work), and when another unit is waiting for the writer
  // at the end of a slice, this one commits there and the batch goes on in the next unit.
  static constexpr std::size_t kSliceRows = 500;
  static constexpr std::size_t kMaxRejectionsKept = 1000;

  FeedIngest(store::Store& store, const Clock& clock, ChildIndex& index)
      : store_(store), clock_(clock), index_(index), audit_(clock) {}

  // Ingests rows in order. Errors only when the store fails (the rows before the failing
  // batch are committed); bad rows are reported, not errors.
  Result<FeedReport> Ingest(const FeedSource& source, std::span<const FeedRow> rows);
  // Streams a CSV file with a header row. kInvalidArgument when the header lacks a
  // required column; bad rows are reported and the rest go on. A second thread reads and
  // validates the next batch, and finds its children ahead on a read snapshot, while this
  // one links, stores and commits the current one (SQLite writes on one thread; parsing and
  // finding need no writer): at most one parsed batch waits, so memory stays bounded, and
  // the report and every link are those reading row by row gives.
  Result<FeedReport> IngestCsv(const FeedSource& source, std::istream& csv);
  // The columns a feed row may carry besides the kind's attributes.
  static const std::set<std::string>& CoreColumns();
  // Runs `listener` after every committed unit (streaming concern detection). Set before
  // ingesting; not thread-safe against concurrent Ingest calls.
  void SetCommitListener(CommitListener listener) { listener_ = std::move(listener); }
  // Adds each phase's time to `timings` (null: not measured). Set before ingesting.
  void SetTimings(FeedTimings* timings) { timings_ = timings; }

 private:
  struct ParsedBatch;
  struct OwnChanges;
  // The store-free half of a batch: every row validated, and the feed's references seen
  // so far checked (the parser thread's work).
  ParsedBatch Parse(const FeedSource& source, std::span<const FeedRow> rows,
                    std::set<std::string>& seen_in_this_feed) const;
  // Finds the child each valid row names exactly (ChildIndex::FindExact) on a read snapshot,
  // off the store's writer; a failed read leaves the batch to be linked whole in its units.
  void FindAhead(ParsedBatch& batch);
  // Links, stores and audits a parsed batch in units of work, adding to the report, and
  // tells the listener after each commits. `own` carries this feed's changes to who is who
  // from batch to batch.
  Status Commit(const FeedSource& source, ParsedBatch& batch, OwnChanges& own, FeedReport& report);
  // One unit: the valid rows from `begin` until the batch ends or, at the end of a slice,
  // another unit waits for the writer. Returns where it stopped.
  Result<size_t> CommitUnit(const FeedSource& source, ParsedBatch& batch, size_t begin, OwnChanges& own,
                            FeedReport& report);
  store::Store& store_;
  const Clock& clock_;
  ChildIndex& index_;
  AuditTrail audit_;
  CommitListener listener_;
  FeedTimings* timings_ = nullptr;
};

}  // namespace safehub::app
