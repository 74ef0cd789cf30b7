#include "app/feed_ingest.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "app/link_review.h"
#include "domain/feed_vocabulary.h"
#include "domain/household.h"
#include "domain/identifiers.h"
#include "domain/validation.h"
#include "interchange/csv_reader.h"

namespace safehub::app {
namespace {

struct ParsedRow {
  ChildIdentity identity;
  domain::Event event;
};

std::string Field(const FeedRow& row, const char* name) {
  auto it = row.fields.find(name);
  return it == row.fields.end() ? std::string() : it->second;
}

// One reason a row was refused (a row may have several); `rejected` counts rows.
void AddReason(FeedReport& report, std::int64_t line, const std::string& field, const std::string& message) {
  if (report.rejections.size() < FeedIngest::kMaxRejectionsKept) report.rejections.push_back({line, field, message});
}

void Reject(FeedReport& report, std::int64_t line, const std::string& field, const std::string& message) {
  ++report.rejected;
  AddReason(report, line, field, message);
}

// Every problem of one row; the row is refused whole when there is any.
Result<ParsedRow> ParseRow(const FeedRow& row, AgencyId agency, Date today) {
  domain::Violations v("line " + std::to_string(row.line));
  ParsedRow out;
  ChildIdentity& id = out.identity;
  id.first_name = Field(row, "first_name");
  id.surname = Field(row, "surname");
  if (id.first_name.size() > 100) v.Add("first_name", "must be at most 100 characters");
  if (id.surname.size() > 100) v.Add("surname", "must be at most 100 characters");
  if (const std::string dob = Field(row, "date_of_birth"); !dob.empty()) {
    auto d = Date::Parse(dob);
    if (d.ok()) {
      id.date_of_birth = *d;
      if (*d > today) v.Add("date_of_birth", dob + " is after today");
    } else {
      v.Add("date_of_birth", d.status().message());
    }
  }
  if (const std::string sex = Field(row, "sex"); !sex.empty()) {
    auto s = domain::ParseSex(sex);
    if (s.ok()) id.sex = *s; else v.Add("sex", s.status().message());
  }
  if (const std::string nhs = Field(row, "nhs_number"); !nhs.empty()) {
    auto n = domain::NormaliseNhsNumber(nhs);
    if (n.ok()) id.nhs_number = *n; else v.Add("nhs_number", n.status().message());
  }
  if (const std::string upn = Field(row, "upn"); !upn.empty()) {
    Status s = domain::ValidateUpn(upn);
    if (s.ok()) id.upn = upn; else v.Add("upn", s.message());
  }
  if (id.nhs_number.empty() && id.upn.empty() && (id.surname.empty() || !id.date_of_birth)) {
    v.Add("surname", "a row needs an nhs_number, a upn, or a surname with a date_of_birth to find the child");
  }

  domain::Event& e = out.event;
  e.agency = agency;
  e.source_reference = Field(row, "source_reference");
  if (e.source_reference.empty()) v.Add("source_reference", "is required: your own id for this record");
  if (e.source_reference.size() > 100) v.Add("source_reference", "must be at most 100 characters");
  e.kind = Field(row, "kind");
  const std::string occurred = Field(row, "occurred_on");
  auto on = Date::Parse(occurred);
  if (!on.ok()) {
    v.Add("occurred_on", occurred.empty() ? "is required" : on.status().message());
  } else {
    e.occurred_on = *on;
    if (*on > today) v.Add("occurred_on", occurred + " is after today");
    if (id.date_of_birth && *on < *id.date_of_birth) v.Add("occurred_on", occurred + " is before the child's birth");
  }
  e.summary = Field(row, "summary");
  if (e.summary.size() > 4000) v.Add("summary", "must be at most 4000 characters");
  if (const std::string sig = Field(row, "significance"); !sig.empty()) {
    auto s = domain::ParseSignificance(sig);
    if (s.ok()) e.significance = *s; else v.Add("significance", s.status().message());
  }
  for (const auto& [name, value] : row.fields) {
    if (!value.empty() && !FeedIngest::CoreColumns().count(name)) e.attributes[name] = value;
  }
  domain::CheckAttributes(e.kind, e.attributes, v);
  if (e.summary.empty()) {
    const domain::EventKindSpec* spec = domain::FindEventKind(e.kind);
    if (spec != nullptr) e.summary = std::string(spec->description);
  }
  // A high-risk police notification is significant whatever the feed says.
  if (e.kind == "police_incident" && e.attributes.count("risk") && e.attributes.at("risk") == "high") {
    e.significance = domain::Significance::kHigh;
  }
  RETURN_IF_ERROR(v.ToStatus());
  return out;
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Time between laps, when measuring (feed_bench); otherwise never reads a clock.
class Stopwatch {
 public:
  explicit Stopwatch(bool on) : on_(on) { Lap(); }
  PhaseTime Lap() {
    if (!on_) return {};
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = ThreadCpuSeconds();
    const PhaseTime since{std::chrono::duration<double>(wall - wall_).count(), cpu - cpu_};
    wall_ = wall;
    cpu_ = cpu;
    return since;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point wall_;
  double cpu_ = 0;
};

void Add(PhaseTime& to, PhaseTime t) {
  to.wall += t.wall;
  to.cpu += t.cpu;
}

}  // namespace

const std::set<std::string>& FeedIngest::CoreColumns() {
  static const std::set<std::string> columns = {"source_reference", "first_name", "surname", "date_of_birth",
                                                "sex", "nhs_number", "upn", "postcode", "kind", "occurred_on",
                                                "summary", "significance"};
  return columns;
}

// A batch as the parser leaves it: the rows that passed validation and, in order, the
// reasons for those that did not (with the CSV's own refusals met while reading it first,
// where reading row by row reports them).
struct FeedIngest::ParsedBatch {
  std::int64_t rows = 0;      // rows read, good or bad
  std::int64_t rejected = 0;  // rows refused
  std::vector<RowRejection> reasons;
  std::vector<std::pair<std::int64_t, ParsedRow>> valid;  // line, row
  bool store = true;  // false: only refusals read after the last batch, no unit of work
  // FindAhead's answers: for each valid row, the child its identifiers or exact name and
  // birth date name, or nobody, as the store stood at `generation`.
  bool found_ahead = false;
  std::int64_t generation = 0;
  std::vector<std::optional<LinkResult>> exact;
};

namespace {

// The keys FindExact can match a record on, as the store compares them (names ignoring
// ASCII case, as SQLite's lower() does).
std::vector<std::string> IdentityKeys(const ChildIdentity& id) {
  std::vector<std::string> keys;
  if (!id.nhs_number.empty()) keys.push_back("nhs " + id.nhs_number);
  if (!id.upn.empty()) keys.push_back("upn " + id.upn);
  if (id.date_of_birth && !id.surname.empty() && !id.first_name.empty()) {
    std::string key = "name " + id.date_of_birth->ToString() + " " + id.surname + "\n" + id.first_name;
    for (char& c : key) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

bool NamesAny(const std::set<std::string>& created, const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    if (created.count(key)) return true;
  }
  return false;
}

}  // namespace

// What this feed itself changed of who is who, for trusting answers found ahead. A snapshot
// read before this feed's earlier units committed misses the children they created, and
// each such unit moved the identity generation. So: the generation's moves since a snapshot
// must all be steps of this feed's own units (anyone else's change to people or merges, and
// every answer is found again in the unit), and a row that names a child this feed created
// since is linked again in full. Only the created child's own identifiers can change a
// lookup's answer (FindExact matches on NHS number, UPN, and name with birth date), so a row
// sharing none of them is answered as before.
struct FeedIngest::OwnChanges {
  struct Step {
    std::int64_t after = 0;          // the generation the unit left
    std::set<std::string> created;   // identity keys of the children it created
  };
  std::map<std::int64_t, Step> steps;  // by the generation each unit that moved it began at

  bool Explains(std::int64_t from, std::int64_t to) const {
    while (from < to) {
      auto step = steps.find(from);
      if (step == steps.end()) return false;
      from = step->second.after;
    }
    return from == to;
  }
  // Whether a unit that began at or after `snapshot` created a child sharing one of `keys`.
  bool CreatedSince(std::int64_t snapshot, const std::vector<std::string>& keys) const {
    for (auto step = steps.lower_bound(snapshot); step != steps.end(); ++step) {
      if (NamesAny(step->second.created, keys)) return true;
    }
    return false;
  }
  bool CreatedAnySince(std::int64_t snapshot) const {
    for (auto step = steps.lower_bound(snapshot); step != steps.end(); ++step) {
      if (!step->second.created.empty()) return true;
    }
    return false;
  }
  // Snapshots are read in batch order and generations only grow, so once a batch read at
  // `snapshot` is being stored, units that began before it matter to no later batch: what a
  // long feed remembers stays bounded by the batches in flight.
  void ForgetBefore(std::int64_t snapshot) { steps.erase(steps.begin(), steps.lower_bound(snapshot)); }
};

FeedIngest::ParsedBatch FeedIngest::Parse(const FeedSource& source, std::span<const FeedRow> rows,
                                          std::set<std::string>& seen) const {
  ParsedBatch out;
  const Date today = clock_.Today();
  out.valid.reserve(rows.size());
  for (const FeedRow& row : rows) {
    ++out.rows;
    auto parsed = ParseRow(row, source.agency, today);
    if (!parsed.ok()) {
      ++out.rejected;
      for (const auto& violation : parsed.status().violations()) out.reasons.push_back({row.line, violation.field, violation.message});
      if (parsed.status().violations().empty()) out.reasons.push_back({row.line, parsed.status().field(), parsed.status().message()});
      continue;
    }
    if (!seen.insert(parsed->event.source_reference).second) {
      ++out.rejected;
      out.reasons.push_back({row.line, "source_reference",
                             "'" + parsed->event.source_reference + "' appears twice in this feed"});
      continue;
    }
    out.valid.emplace_back(row.line, std::move(parsed).value());
  }
  return out;
}

void FeedIngest::FindAhead(ParsedBatch& batch) {
  if (!batch.store || batch.valid.empty()) return;
  std::vector<std::optional<LinkResult>> exact(batch.valid.size());
  std::int64_t generation = 0;
  const Status read = store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(generation, tx.IdentityGeneration());
    for (size_t i = 0; i < batch.valid.size(); ++i) {
      ASSIGN_OR_RETURN(exact[i], index_.FindExact(tx, batch.valid[i].second.identity));
    }
    return Status::Ok();
  });
  if (!read.ok()) return;  // the units link every row themselves, as without finding ahead
  batch.found_ahead = true;
  batch.generation = generation;
  batch.exact = std::move(exact);
}

Status FeedIngest::Commit(const FeedSource& source, ParsedBatch& parsed, OwnChanges& own, FeedReport& report) {
  // The parser's refusals come first, as reading row by row reports them.
  report.rows += parsed.rows;
  report.rejected += parsed.rejected;
  for (const auto& r : parsed.reasons) AddReason(report, r.line, r.field, r.message);
  if (!parsed.store) return Status::Ok();
  if (parsed.found_ahead) own.ForgetBefore(parsed.generation);
  // One unit of work for the whole batch while nobody else needs the writer; when another
  // unit queues for it, this one ends after the slice it is on and the rest go in the next.
  for (size_t begin = 0; begin < parsed.valid.size();) {
    ASSIGN_OR_RETURN(begin, CommitUnit(source, parsed, begin, own, report));
  }
  return Status::Ok();
}

Result<size_t> FeedIngest::CommitUnit(const FeedSource& source, ParsedBatch& parsed, size_t begin,
                                      OwnChanges& own, FeedReport& report) {
  Stopwatch watch(timings_ != nullptr);
  const Date today = clock_.Today();
  auto& valid = parsed.valid;
  size_t end = begin;
  FeedReport unit;  // counted only once the unit commits
  std::vector<RowRejection> unit_rejections;
  std::vector<std::int64_t> children;  // of the events recorded, as met (sorted once, after)
  std::vector<size_t> stored;       // the rows whose events the unit stored
  CommittedBatch committed;
  PhaseTime link_time;
  std::int64_t generation_before = 0, generation_after = 0;
  std::set<std::string> created;  // identity keys of the children this unit creates
  Status s = store_.Write([&](store::Transaction& tx) -> Status {
    end = begin;
    created.clear();
    ASSIGN_OR_RETURN(generation_before, tx.IdentityGeneration());
    // The answers found ahead hold only if nobody but this feed changed who is who since.
    const bool trust_ahead = parsed.found_ahead && own.Explains(parsed.generation, generation_before);
    // Whether a row must be checked against children created since the snapshot (its keys
    // are worked out only then: most feeds create few children).
    const bool created_since = trust_ahead && own.CreatedAnySince(parsed.generation);
    unit = FeedReport{};
    unit_rejections.clear();
    children.clear();
    stored.clear();
    committed = CommittedBatch{};
    committed.write_sequence = tx.WriteSequence();
    link_time = PhaseTime{};
    do {
      const size_t slice_end = std::min(end + kSliceRows, valid.size());
      Stopwatch link_watch(timings_ != nullptr);
      // A slice's rows are all linked before any of their events is stored: linking reads
      // and creates people, storing only adds events and audit entries, so the decisions
      // are those of linking and storing row by row, and each phase runs its own
      // statements back to back.
      std::vector<std::optional<LinkResult>> links(slice_end - end);
      for (size_t i = end; i < slice_end; ++i) {
        auto& [line, row] = valid[i];
        // The arriving record meets the child index here: matched, new, or new with a
        // possible match named in the evidence for clerical review. What was found ahead
        // stands unless a child this feed created since shares an identifier with the row.
        bool found_ahead = trust_ahead;
        if (found_ahead && (created_since || !created.empty())) {
          const std::vector<std::string> keys = IdentityKeys(row.identity);
          found_ahead = !NamesAny(created, keys) && !own.CreatedSince(parsed.generation, keys);
        }
        Result<LinkResult> link = !found_ahead          ? index_.Link(tx, row.identity, today)
                                  : parsed.exact[i]     ? Result<LinkResult>(*parsed.exact[i])
                                                        : index_.LinkUnmatched(tx, row.identity, today);
        if (!link.ok()) {
          if (link.status().code() != StatusCode::kInvalidArgument) return link.status();
          unit_rejections.push_back({line, link.status().field(), link.status().message()});
          continue;
        }
        if (link->outcome == LinkOutcome::kNewChild) {
          for (auto& key : IdentityKeys(row.identity)) created.insert(std::move(key));
        }
        links[i - end] = std::move(link).value();
      }
      Add(link_time, link_watch.Lap());
      std::vector<domain::AuditEntry> entries;
      entries.reserve(slice_end - end);
      for (size_t i = end; i < slice_end; ++i) {
        if (!links[i - end]) continue;
        domain::Event& event = valid[i].second.event;
        const LinkResult& link = *links[i - end];
        event.child = link.child;
        event.recorded_at = clock_.Now();
        auto id = tx.InsertEvent(event);
        if (!id.ok()) {
          if (id.status().code() != StatusCode::kAlreadyExists) return id.status();
          ++unit.already_recorded;  // re-sent: already stored, nothing duplicated
          continue;
        }
        ++unit.accepted;
        // A possible match is queued for a reviewer with the record that raised it.
        RETURN_IF_ERROR(LinkReviews::QueuePossibleMatch(tx, link, source.agency, event.source_reference,
                                                        event.recorded_at));
        children.push_back(link.child.value);
        event.id = *id;
        stored.push_back(i);
        ++(link.outcome == LinkOutcome::kNewChild ? unit.new_children : unit.linked_to_known_child);
        domain::AuditEntry entry = EntryBy(source.sender, "feed_event", "/api/v1/feeds/events");
        entry.child = link.child;
        entry.detail = "event " + id->ToString() + " " + event.kind + " from agency " + source.agency.ToString() +
                       " ref " + event.source_reference + "; linked by " + link.evidence;
        entries.push_back(std::move(entry));
      }
      RETURN_IF_ERROR(audit_.AppendAll(tx, std::move(entries)));
      end = slice_end;
    } while (end < valid.size() && !tx.OtherWritersWaiting());
    ASSIGN_OR_RETURN(generation_after, tx.IdentityGeneration());
    return Status::Ok();
  });
  if (timings_) {
    const PhaseTime write = watch.Lap();
    Add(timings_->link, link_time);
    Add(timings_->store, {write.wall - link_time.wall, write.cpu - link_time.cpu});
  }
  RETURN_IF_ERROR(s);
  if (generation_after != generation_before) {
    own.steps[generation_before] = {generation_after, std::move(created)};
  }
  report.accepted += unit.accepted;
  report.already_recorded += unit.already_recorded;
  report.new_children += unit.new_children;
  report.linked_to_known_child += unit.linked_to_known_child;
  for (const auto& r : unit_rejections) Reject(report, r.line, r.field, r.message);
  if (listener_ && !children.empty()) {
    // Moved, not copied, and only now: a unit of work may be run again before it commits.
    committed.events.reserve(stored.size());
    for (size_t i : stored) committed.events.push_back(std::move(valid[i].second.event));
    std::sort(children.begin(), children.end());
    children.erase(std::unique(children.begin(), children.end()), children.end());
    committed.children.reserve(children.size());
    for (std::int64_t id : children) committed.children.push_back(PersonId(id));
    // The events are committed whatever the listener does; its failure is reported.
    const Status heard = listener_(committed);
    if (!heard.ok() && report.listener_error.empty()) report.listener_error = heard.message();
    if (timings_) Add(timings_->rules, watch.Lap());
  }
  return end;
}

Result<FeedReport> FeedIngest::Ingest(const FeedSource& source, std::span<const FeedRow> rows) {
  FeedReport report;
  OwnChanges own;
  std::set<std::string> seen;
  for (size_t start = 0; start < rows.size(); start += kBatchSize) {
    Stopwatch watch(timings_ != nullptr);
    ParsedBatch batch = Parse(source, rows.subspan(start, std::min(kBatchSize, rows.size() - start)), seen);
    if (timings_) Add(timings_->parse, watch.Lap());
    FindAhead(batch);
    if (timings_) Add(timings_->find, watch.Lap());
    RETURN_IF_ERROR(Commit(source, batch, own, report));
  }
  return report;
}

namespace {

// Hands parsed batches from the parser thread to the writer, one waiting at most.
template <typename Batch>
class Handoff {
 public:
  // Waits for room; false when the writer gave up (stop reading).
  bool Push(Batch batch) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return !waiting_ || cancelled_; });
    if (cancelled_) return false;
    waiting_ = std::move(batch);
    changed_.notify_all();
    return true;
  }
  // The next batch, or nullopt once the parser finished and everything was taken.
  std::optional<Batch> Pop() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return waiting_ || finished_; });
    if (!waiting_) return std::nullopt;
    std::optional<Batch> out = std::move(waiting_);
    waiting_.reset();
    changed_.notify_all();
    return out;
  }
  void Finish() {
    std::lock_guard lock(mu_);
    finished_ = true;
    changed_.notify_all();
  }
  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::optional<Batch> waiting_;
  bool finished_ = false;
  bool cancelled_ = false;
};

}  // namespace

Result<FeedReport> FeedIngest::IngestCsv(const FeedSource& source, std::istream& csv) {
  interchange::CsvReader reader(csv);
  auto header = reader.Next();
  if (!header.ok()) return header.status();
  if (!header->has_value()) return InvalidArgument("the feed is empty: it needs a header row", "header");
  const std::vector<std::string> columns = (*header)->fields;
  for (const char* required : {"source_reference", "kind", "occurred_on"}) {
    if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
      return InvalidArgument("the header has no '" + std::string(required) + "' column", required);
    }
  }
  Handoff<ParsedBatch> handoff;
  Status parser_failed;  // written by the parser before Finish, read after join
  // The parser: reads rows into batches of kBatchSize and validates them. It touches
  // neither the store nor the report; the refusals it meets travel with their batch.
  std::thread parser([&] {
    try {
      std::set<std::string> seen;
      std::vector<FeedRow> rows;
      rows.reserve(kBatchSize);
      ParsedBatch refused;  // the CSV's own refusals met before the batch's rows are parsed
      PhaseTime parse_time, find_time;
      Stopwatch watch(timings_ != nullptr);
      auto hand_over = [&](bool store) -> bool {
        ParsedBatch batch = store ? Parse(source, rows, seen) : ParsedBatch{};
        batch.store = store;
        if (timings_) Add(parse_time, watch.Lap());
        FindAhead(batch);  // here, beside the writer, while it stores the batch before
        if (timings_) Add(find_time, watch.Lap());
        batch.rows += refused.rows;
        batch.rejected += refused.rejected;
        batch.reasons.insert(batch.reasons.begin(), refused.reasons.begin(), refused.reasons.end());
        refused = ParsedBatch{};
        rows.clear();
        if (timings_) Add(parse_time, watch.Lap());
        const bool go_on = handoff.Push(std::move(batch));
        watch.Lap();  // waiting for the writer is not parsing
        return go_on;
      };
      bool go_on = true;
      while (go_on) {
        auto record = reader.Next();
        if (!record.ok()) {
          ++refused.rows;
          ++refused.rejected;
          refused.reasons.push_back({0, "line", record.status().message()});
          continue;
        }
        if (!record->has_value()) break;
        const auto& fields = (*record)->fields;
        if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
        if (fields.size() != columns.size()) {
          ++refused.rows;
          ++refused.rejected;
          refused.reasons.push_back({(*record)->line, "line",
                                     "has " + std::to_string(fields.size()) + " fields but the header has " +
                                         std::to_string(columns.size())});
          continue;
        }
        FeedRow row;
        row.line = (*record)->line;
        for (size_t i = 0; i < columns.size(); ++i) row.fields[columns[i]] = fields[i];
        rows.push_back(std::move(row));
        if (rows.size() == kBatchSize) go_on = hand_over(true);
      }
      if (go_on && (!rows.empty() || refused.rows > 0)) hand_over(!rows.empty());
      if (timings_) {  // the writer reads them after join
        Add(timings_->parse, parse_time);
        Add(timings_->find, find_time);
      }
    } catch (const std::exception& e) {
      parser_failed = Internal(std::string("reading the feed failed: ") + e.what());
    }
    handoff.Finish();
  });
  // However this thread leaves (a store failure, or an exception from a listener), the
  // parser stops at its next batch and is joined before the stream and report go.
  struct StopParser {
    Handoff<ParsedBatch>& handoff;
    std::thread& parser;
    ~StopParser() {
      handoff.Cancel();
      parser.join();
    }
  };
  FeedReport report;
  OwnChanges own;
  Status s;
  {
    StopParser stop{handoff, parser};
    while (auto batch = handoff.Pop()) {
      s = Commit(source, *batch, own, report);
      if (!s.ok()) break;
    }
  }
  RETURN_IF_ERROR(s);
  RETURN_IF_ERROR(parser_failed);
  return report;
}

}  // namespace safehub::app
