#include "linkage/link_command.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "linkage/config.h"
#include "linkage/csv.h"
#include "linkage/linker.h"
#include "linkage/record_reader.h"

namespace safehub::linkage {
namespace {

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

bool WriteRejected(const std::string& path, const std::vector<RejectedRow>& rejected) {
  std::ofstream out(path, std::ios::binary);
  out << "file,line,record_id,field,reason\n";
  for (const auto& r : rejected) {
    out << CsvField(r.file) << ',' << r.line << ',' << CsvField(r.record_id) << ',' << CsvField(r.field) << ','
        << CsvField(r.reason) << '\n';
  }
  return static_cast<bool>(out);
}

}  // namespace

int RunLinkCommand(const LinkCommandOptions& options, std::ostream& out, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  if (options.inputs.empty()) {
    err << "link: at least one --input is needed\n";
    return 1;
  }
  if (options.output_path.empty()) {
    err << "link: --output is needed\n";
    return 1;
  }
  LinkConfig config = DefaultLinkConfig();
  if (!options.config_path.empty()) {
    std::string text;
    if (!ReadFile(options.config_path, text)) {
      err << options.config_path << ": cannot read config\n";
      return 2;
    }
    auto parsed = ParseLinkConfig(text, options.config_path);
    if (!parsed.ok()) {
      err << parsed.status().message() << "\n";
      return 1;
    }
    config = std::move(parsed).value();
  }
  std::vector<Record> records;
  std::vector<RejectedRow> rejected;
  std::unordered_set<std::string> seen_ids;
  const BadRowPolicy policy = options.skip_bad_rows ? BadRowPolicy::kSkip : BadRowPolicy::kFail;
  for (const auto& input : options.inputs) {
    std::string text;
    if (!ReadFile(input, text)) {
      err << input << ": cannot read input\n";
      return 2;
    }
    const Status read = ReadRecordsCsv(input, text, config, policy, seen_ids, records, rejected);
    if (!read.ok()) {
      err << read.message() << "\n";
      return 1;
    }
    err << "read " << input << ": " << records.size() << " records so far\n";
  }
  if (!rejected.empty()) {
    const std::string path = options.output_path + ".rejected.csv";
    if (!WriteRejected(path, rejected)) {
      err << path << ": cannot write rejected rows\n";
      return 2;
    }
    err << rejected.size() << " rejected row problems written to " << path << "\n";
  }
  std::vector<PreparedRecord> prepared;
  prepared.reserve(records.size());
  for (const auto& r : records) prepared.push_back(Prepare(r));
  BatchOptions batch;
  batch.blocking = config.blocking;
  batch.blocking.threads = options.threads;
  batch.clustering.guard = config.guard;
  batch.progress = [&err](std::string_view line) { err << line << "\n"; };
  batch.match_threshold = config.match_threshold;
  batch.review_threshold = config.review_threshold;
  BatchResult result = LinkBatch(prepared, config.spec, config.model, batch);
  std::ofstream output(options.output_path, std::ios::binary);
  output << "record_id,cluster_id\n";
  std::unordered_map<std::uint32_t, std::uint64_t> cluster_number;
  for (size_t i = 0; i < records.size(); ++i) {
    const auto it = cluster_number.emplace(result.cluster_of[i], cluster_number.size() + 1).first;
    output << CsvField(records[i].record_id) << ',' << it->second << '\n';
  }
  output.close();
  if (!output) {
    err << options.output_path << ": cannot write output\n";
    return 2;
  }
  if (!options.save_model_path.empty()) {
    std::ofstream model_file(options.save_model_path, std::ios::binary);
    model_file << LinkConfigToToml(config, result.model);
    if (!model_file) {
      err << options.save_model_path << ": cannot write model\n";
      return 2;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "records: " << records.size() << "\n"
      << "pairs scored: " << result.stats.candidate_pairs << "\n"
      << "clusters: " << result.stats.clusters << "\n"
      << "seconds: " << seconds << "\n";
  return 0;
}

}  // namespace safehub::linkage
