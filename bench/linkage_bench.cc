// Linkage benchmarks: prints precision, recall, F1, seconds and memory for FEBRL3 (dedupe),
// FEBRL4 (link), Splink's 50k historical figures, synthetic child records, and the p99 of
// real-time linking against a large index. Data sets that are absent are SKIPPED.
// Usage: linkage_bench [febrl|splink|synthetic|realtime ...]   (default: all)
// Env: SAFEHUB_LINKAGE_DATA (default <repo>/../shared/data/linkage),
//      SAFEHUB_SYNTHETIC_RECORDS (default 1000000), SAFEHUB_INDEX_RECORDS (default 11000000),
//      SAFEHUB_GUARD_FULL / SAFEHUB_GUARD_OFF (override a configuration's guard, for comparison),
//      SAFEHUB_BENCH_ERRORS (print every missed and false pair of FEBRL: analysis only).
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "linkage/config.h"
#include "linkage/evaluation.h"
#include "linkage/linker.h"

#include "linkage/clustering.h"
#include "linkage/realtime_index.h"
#include "linkage/record_reader.h"
#include "linkage/synthetic.h"


namespace {

using namespace safehub::linkage;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// User + system CPU seconds of this process (both threads): wall time on a shared machine
// depends on what else runs, CPU time much less.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread: a query's own cost, without time the scheduler gave to
// other processes on this shared machine.
double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

std::string DataDir() {
  if (const char* env = std::getenv("SAFEHUB_LINKAGE_DATA")) return env;
  return std::string(SAFEHUB_SOURCE_DIR) + "/../shared/data/linkage";
}

bool ReadText(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

size_t EnvSize(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v ? static_cast<size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// Reads files under a config; false (with a SKIP line) when a file is absent or bad.
bool LoadRecords(const std::vector<std::string>& files, const std::string& config_file, LinkConfig& config,
                 std::vector<Record>& records) {
  std::string config_text;
  if (!ReadText(std::string(SAFEHUB_SOURCE_DIR) + "/src/linkage/configs/" + config_file, config_text)) {
    std::printf("SKIP: config %s not found\n", config_file.c_str());
    return false;
  }
  auto parsed = ParseLinkConfig(config_text, config_file);
  if (!parsed.ok()) {
    std::printf("SKIP: %s\n", parsed.status().message().c_str());
    return false;
  }
  config = *parsed;
  std::unordered_set<std::string> seen;
  std::vector<RejectedRow> rejected;
  for (const auto& f : files) {
    std::string text;
    if (!ReadText(DataDir() + "/" + f, text)) {
      std::printf("SKIP: %s/%s not found\n", DataDir().c_str(), f.c_str());
      return false;
    }
    const auto st = ReadRecordsCsv(f, text, config, BadRowPolicy::kSkip, seen, records, rejected);
    if (!st.ok()) {
      std::printf("SKIP: %s\n", st.message().c_str());
      return false;
    }
  }
  return true;
}

void PrintMetrics(const char* name, const PairwiseMetrics& m, const BatchStats& stats, double seconds,
                  double cpu_seconds) {
  std::printf("%-22s records %8llu  pairs %10llu  precision %.5f  recall %.5f  F1 %.5f  wall %.3f s  CPU %.3f s  "
              "peak RSS %.0f MB\n",
              name, static_cast<unsigned long long>(stats.records), static_cast<unsigned long long>(stats.candidate_pairs),
              m.precision(), m.recall(), m.f1(), seconds, cpu_seconds, PeakRssMb());
  std::printf("%-22s (true pairs %llu, predicted %llu, true positives %llu)\n", "",
              static_cast<unsigned long long>(m.true_pairs), static_cast<unsigned long long>(m.predicted_pairs),
              static_cast<unsigned long long>(m.true_positives));
}

std::string FebrlLabel(const std::string& id) {
  // rec-N-org / rec-N-dup-K -> N
  const size_t a = id.find('-');
  const size_t b = id.find('-', a + 1);
  return id.substr(a + 1, b - a - 1);
}

std::string Describe(const Record& r) {
  char dob[16];
  std::snprintf(dob, sizeof dob, "%04d%02d%02d", r.date_of_birth.year, r.date_of_birth.month, r.date_of_birth.day);
  return r.record_id + " | " + r.first_name + " | " + r.surname + " | " + dob + " | " + r.address + " | " + r.locality +
         " | " + r.postcode + " | " + r.other_id;
}

// SAFEHUB_BENCH_ERRORS=1: every missed true pair and every false pair with its pattern and
// weight, to see where a data set loses recall or precision (analysis only; never tuned on).
void PrintErrors(const std::vector<Record>& records, const std::vector<PreparedRecord>& prepared,
                 const BatchResult& result, const std::vector<std::string>& truth) {
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_truth;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_cluster;
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    by_truth[truth[i]].push_back(i);
    by_cluster[result.cluster_of[i]].push_back(i);
  }
  const LinkageModel& model = result.model;
  auto show = [&](const char* what, std::uint32_t a, std::uint32_t b) {
    const Pattern p = ComparePair(model.spec(), prepared[a], prepared[b]);
    std::string levels;
    for (int f = 0; f < kFieldCount; ++f) {
      if (model.spec()[f] == ComparisonKind::kDisabled) continue;
      levels += std::string(FieldName(static_cast<Field>(f))) + "=" +
                std::string(LevelName(model.spec()[f], PatternLevel(p, f))) + " ";
    }
    std::printf("%s weight %.2f conflict %d\n  %s\n  %s\n  %s\n", what, model.PairWeight(p, prepared[a], prepared[b]),
                StronglyConflict(prepared[a], prepared[b]) ? 1 : 0, Describe(records[a]).c_str(),
                Describe(records[b]).c_str(), levels.c_str());
  };
  for (const auto& [label, members] : by_truth) {
    for (size_t x = 0; x < members.size(); ++x)
      for (size_t y = x + 1; y < members.size(); ++y)
        if (result.cluster_of[members[x]] != result.cluster_of[members[y]]) show("MISSED", members[x], members[y]);
  }
  for (const auto& [cluster, members] : by_cluster) {
    for (size_t x = 0; x < members.size(); ++x)
      for (size_t y = x + 1; y < members.size(); ++y)
        if (truth[members[x]] != truth[members[y]]) show("FALSE", members[x], members[y]);
  }
}

void RunFile(const char* name, const std::vector<std::string>& files, const std::string& config_file,
             std::string (*label)(const Record&)) {
  LinkConfig config;
  std::vector<Record> records;
  const auto load_start = Clock::now();
  if (!LoadRecords(files, config_file, config, records)) return;
  const double load_seconds = Seconds(load_start);
  std::vector<std::string> truth;
  for (const auto& r : records) truth.push_back(label(r));
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  std::vector<PreparedRecord> prepared;
  prepared.reserve(records.size());
  for (const auto& r : records) prepared.push_back(Prepare(r));
  BatchOptions options;
  options.blocking = config.blocking;
  options.clustering.guard = config.guard;
  if (std::getenv("SAFEHUB_GUARD_FULL")) options.clustering.guard = ConflictGuard::kOn;
  if (std::getenv("SAFEHUB_GUARD_OFF")) options.clustering.guard = ConflictGuard::kOff;
  if (const char* t = std::getenv("SAFEHUB_MATCH_THRESHOLD")) options.match_threshold = std::atof(t);
  BatchResult result = LinkBatch(prepared, config.spec, config.model, options);
  const double seconds = Seconds(start);
  const double cpu_seconds = CpuSeconds() - cpu_start;
  std::vector<BlockingKeys> keys;
  for (const auto& p : prepared) keys.push_back(ComputeBlockingKeys(p));
  const BlockingRecall blocking_recall = MeasureBlockingRecall(keys, truth, config.blocking);
  std::printf("%-22s blocking recall %.5f (%llu of %llu true pairs are candidates)\n", name, blocking_recall.recall(),
              static_cast<unsigned long long>(blocking_recall.found_pairs),
              static_cast<unsigned long long>(blocking_recall.true_pairs));
  PrintMetrics(name, EvaluatePairwise(result.cluster_of, truth), result.stats, seconds, cpu_seconds);
  std::printf("%-22s (CSV read %.3f s; EM %d iterations, lambda %.4g; %llu joins refused by guard)\n", "",
              load_seconds, result.stats.em_iterations, result.model.lambda(),
              static_cast<unsigned long long>(result.stats.refused_by_guard));
  if (std::getenv("SAFEHUB_BENCH_VERBOSE")) std::printf("%s\n", result.model.ToToml().c_str());
  if (std::getenv("SAFEHUB_BENCH_ERRORS")) PrintErrors(records, prepared, result, truth);
}

std::string FebrlTruth(const Record& r) { return FebrlLabel(r.record_id); }

void RunFebrl() {
  RunFile("febrl3 dedupe", {"febrl/dataset3.csv"}, "febrl.toml", FebrlTruth);
  RunFile("febrl4 link", {"febrl/dataset4a.csv", "febrl/dataset4b.csv"}, "febrl.toml", FebrlTruth);
}

void RunSynthetic() {
  const size_t n = EnvSize("SAFEHUB_SYNTHETIC_RECORDS", 1'000'000);
  const auto generate_start = Clock::now();
  SyntheticOptions options;
  options.records = n;
  options.seed = 2024;
  SyntheticData data = GenerateChildRecords(options);
  const double generate_seconds = Seconds(generate_start);
  std::vector<std::string> truth;
  truth.reserve(n);
  for (auto p : data.person) truth.push_back(std::to_string(p));
  std::vector<std::uint32_t>().swap(data.person);
  // Timed: normalisation, blocking, comparison, training (u and EM), scoring, clustering.
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  std::vector<PreparedRecord> prepared;
  prepared.reserve(n);
  for (const auto& r : data.records) prepared.push_back(Prepare(r));
  std::vector<Record>().swap(data.records);
  BatchOptions batch;
  if (std::getenv("SAFEHUB_GUARD_OFF")) batch.clustering.guard = ConflictGuard::kOff;
  if (const char* t = std::getenv("SAFEHUB_MATCH_THRESHOLD")) batch.match_threshold = std::atof(t);
  if (std::getenv("SAFEHUB_BENCH_VERBOSE")) batch.progress = [](std::string_view l) { std::printf("  %.*s\n", int(l.size()), l.data()); };
  BatchResult result = LinkBatch(prepared, DefaultComparisonSpec(), std::nullopt, batch);
  const double seconds = Seconds(start);
  const double cpu_seconds = CpuSeconds() - cpu_start;
  char name[64];
  std::snprintf(name, sizeof name, "synthetic %zu", n);
  PrintMetrics(name, EvaluatePairwise(result.cluster_of, truth), result.stats, seconds, cpu_seconds);
  std::printf("%-22s (generation %.2f s untimed; EM %d iterations, lambda %.4g; %llu joins refused by guard)\n", "",
              generate_seconds, result.stats.em_iterations, result.model.lambda(),
              static_cast<unsigned long long>(result.stats.refused_by_guard));
  if (std::getenv("SAFEHUB_BENCH_VERBOSE")) std::printf("%s\n", result.model.ToToml().c_str());
}

// An index of already-resolved children (persons from the generator's truth), a model
// trained on a 100k sample, then 10,000 new records linked one at a time. The index is
// streamed in from chunks of 1M generated records (each chunk its own seed and families,
// persons numbered on), so the generator's strings never all exist at once; the queries are
// the last 10,000 records of the last chunk, kept out of the index.
void RunRealtime() {
  const size_t n = EnvSize("SAFEHUB_INDEX_RECORDS", 11'000'000);
  const size_t queries = 10'000;
  const size_t chunk = 1'000'000;
  const auto build_start = Clock::now();
  const double cpu_start = CpuSeconds();
  SyntheticData data;
  std::uint32_t person_base = 0;  // persons of earlier chunks
  size_t chunk_number = 0, in_chunk = 0, indexed = 0;
  auto next_chunk = [&] {
    SyntheticOptions options;
    options.records = std::min(chunk, n - indexed) + (n - indexed <= chunk ? queries : 0);
    options.seed = 77 + chunk_number++;
    if (!data.person.empty()) person_base += data.person.back() + 1;
    data = GenerateChildRecords(options);
    in_chunk = 0;
  };
  next_chunk();
  std::vector<PreparedRecord> sample;
  for (size_t i = 0; i < 100'000 && i < std::min(n, data.records.size()); ++i) sample.push_back(Prepare(data.records[i]));
  BatchOptions batch;
  LinkageModel model = TrainModel(sample, DefaultComparisonSpec(), batch);
  // Lambda is a per-pair match rate of the training set (about one duplicate per record among
  // sample^2/2 pairs); against an index of n records the same child is one of n, so the prior
  // scales by sample/n (docs/linkage.md, "Model file"). SAFEHUB_UNSCALED_LAMBDA=1 keeps it.
  const double trained_on = static_cast<double>(sample.size());
  if (!std::getenv("SAFEHUB_UNSCALED_LAMBDA") && n > sample.size()) {
    model.set_lambda(model.lambda() * trained_on / static_cast<double>(n));
    model.Finalise();
  }
  std::vector<PreparedRecord>().swap(sample);
  const double train_seconds = Seconds(build_start);
  BlockingOptions cap = RealtimeBlockingOptions();  // SAFEHUB_REALTIME_BLOCK_CAP overrides the cap
  cap.max_block_size = static_cast<std::uint32_t>(EnvSize("SAFEHUB_REALTIME_BLOCK_CAP", cap.max_block_size));
  RealtimeIndex index(
      [&](PreparedRecord& r, std::uint32_t& person) {
        if (indexed == n) return false;
        if (in_chunk == chunk) next_chunk();
        r = Prepare(data.records[in_chunk]);
        person = person_base + data.person[in_chunk];
        ++in_chunk;
        ++indexed;
        return true;
      },
      n, model, cap);
  const double build_seconds = Seconds(build_start);
  const double build_cpu = CpuSeconds() - cpu_start;
  const double build_rss = PeakRssMb();
  // Queries: the rest of the last chunk (persons at or above the first unindexed one are new).
  const std::uint32_t known_persons = n == 0 ? 0 : person_base + data.person[in_chunk - 1] + 1;
  std::vector<double> micros, cpu_micros;
  micros.reserve(queries);
  cpu_micros.reserve(queries);
  size_t correct = 0, false_links = 0, missed = 0, candidates = 0;
  for (size_t q = in_chunk; q < in_chunk + queries && q < data.records.size(); ++q) {
    const auto t = Clock::now();
    const double cpu = ThreadCpuMicros();
    const LinkDecision d = index.Link(data.records[q]);
    cpu_micros.push_back(ThreadCpuMicros() - cpu);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    candidates += d.candidates;
    const std::uint32_t truth = person_base + data.person[q];
    const bool known = truth < known_persons;
    if (d.person && known && *d.person == truth) ++correct;
    else if (!d.person && !known) ++correct;
    else if (d.person) ++false_links;
    else ++missed;
  }
  std::sort(micros.begin(), micros.end());
  std::sort(cpu_micros.begin(), cpu_micros.end());
  const size_t m = micros.size();
  std::printf("realtime index %zu  block cap %u\n", n, cap.max_block_size);
  std::printf("realtime index %zu  build %.1f s wall (model %.1f s; CPU %.1f s)  index %.0f MB  peak RSS after build %.0f MB\n",
              n, build_seconds, train_seconds, build_cpu, index.MemoryBytes() / 1e6, build_rss);
  std::printf("realtime index %zu  %zu queries  p50 %.1f us  p90 %.1f us  p99 %.1f us  max %.1f us  mean candidates %.0f  "
              "correct %.4f  false links %zu  missed %zu\n",
              n, m, micros[m / 2], micros[m * 9 / 10], micros[m * 99 / 100], micros.back(), double(candidates) / m,
              double(correct) / m, false_links, missed);
  std::printf("realtime index %zu  thread CPU per query: p50 %.1f us  p90 %.1f us  p99 %.1f us  max %.1f us  "
              "(lambda %.3g after scaling by %.0f/%zu)\n",
              n, cpu_micros[m / 2], cpu_micros[m * 9 / 10], cpu_micros[m * 99 / 100], cpu_micros.back(), model.lambda(),
              trained_on, n);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> which(argv + 1, argv + argc);
  auto wants = [&which](const char* name) {
    return which.empty() || std::find(which.begin(), which.end(), name) != which.end();
  };
  if (wants("febrl")) RunFebrl();
  if (wants("synthetic")) RunSynthetic();
  if (wants("realtime")) RunRealtime();
  return 0;
}
