#include "linkage/config.h"

#include <toml++/toml.h>

#include "linkage/csv.h"

namespace safehub::linkage {
namespace {

Status ConfigError(std::string_view file, std::string_view key, const std::string& rule) {
  return InvalidArgument(std::string(file) + ": " + std::string(key) + ": " + rule, std::string(key));
}

std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

Status ReadColumns(const toml::table& table, std::string_view file, LinkConfig& config) {
  config.columns_required = true;
  for (auto& c : config.columns) c.clear();
  config.source_column.clear();
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    std::vector<std::string> columns;
    if (auto s = node.value<std::string>()) {
      columns.push_back(*s);
    } else if (const toml::array* list = node.as_array()) {
      for (const auto& item : *list) {
        auto s2 = item.value<std::string>();
        if (!s2) return ConfigError(file, "columns." + name, "must be a string or a list of strings");
        columns.push_back(*s2);
      }
    } else {
      return ConfigError(file, "columns." + name, "must be a string or a list of strings");
    }
    if (name == "record_id" || name == "source") {
      if (columns.size() != 1) return ConfigError(file, "columns." + name, "must name exactly one column");
      (name == "record_id" ? config.record_id_column : config.source_column) = columns[0];
      continue;
    }
    const auto field = FieldFromName(name);
    if (!field) return ConfigError(file, "columns." + name, "unknown field");
    config.columns[static_cast<int>(*field)] = std::move(columns);
  }
  for (int f = 0; f < kFieldCount; ++f) {
    if (config.columns[f].empty()) config.spec[f] = ComparisonKind::kDisabled;
  }
  return Status::Ok();
}

Result<LinkageModel> ReadModel(const toml::table& table, std::string_view file, const ComparisonSpec& base) {
  ComparisonSpec spec = base;
  for (auto& k : spec) k = ComparisonKind::kDisabled;
  for (const auto& [key, node] : table) {
    if (!node.is_table()) continue;
    const std::string name(key.str());
    const auto field = FieldFromName(name);
    if (!field) return ConfigError(file, "model." + name, "unknown field");
    const auto kind_name = (*node.as_table())["kind"].value<std::string>();
    const auto kind = kind_name ? ComparisonKindFromName(*kind_name) : std::nullopt;
    if (!kind) return ConfigError(file, "model." + name + ".kind", "missing or unknown comparison kind");
    spec[static_cast<int>(*field)] = *kind;
  }
  LinkageModel model = LinkageModel::Initial(spec);
  auto lambda = table["lambda"].value<double>();
  if (!lambda || *lambda <= 0 || *lambda >= 1) return ConfigError(file, "model.lambda", "must be a number in (0, 1)");
  model.set_lambda(*lambda);
  for (int f = 0; f < kFieldCount; ++f) {
    const int levels = LevelCount(spec[f]);
    if (levels < 2) continue;
    const std::string name(FieldName(static_cast<Field>(f)));
    const toml::table& ft = *table[name].as_table();
    for (const char* which : {"m", "u"}) {
      const toml::table* values = ft[which].as_table();
      if (values == nullptr) return ConfigError(file, "model." + name + "." + which, "missing table of levels");
      for (int l = 1; l < levels; ++l) {
        const std::string level(LevelName(spec[f], l));
        auto v = (*values)[level].value<double>();
        if (!v || *v < 0 || *v > 1) {
          return ConfigError(file, "model." + name + "." + which + "." + level, "must be a probability in [0, 1]");
        }
        auto& params = model.parameters(static_cast<Field>(f));
        (which[0] == 'm' ? params.m : params.u)[l] = *v;
      }
    }
  }
  model.Finalise();
  return model;
}

Status ReadConfig(const toml::table& root, std::string_view file, LinkConfig& config) {
  for (const auto& [key, node] : root) {
    const std::string_view k = key.str();
    if (k != "columns" && k != "dates" && k != "comparisons" && k != "blocking" && k != "clustering" &&
        k != "model") {
      return ConfigError(file, k, "unknown section");
    }
  }
  if (const toml::table* columns = root["columns"].as_table()) RETURN_IF_ERROR(ReadColumns(*columns, file, config));
  if (const toml::table* dates = root["dates"].as_table()) {
    const std::string format = (*dates)["format"].value_or(std::string("YYYY-MM-DD"));
    if (format == "YYYY-MM-DD") {
      config.date_format = DateFormat::kIso;
    } else if (format == "YYYYMMDD") {
      config.date_format = DateFormat::kCompact;
    } else {
      return ConfigError(file, "dates.format", "must be \"YYYY-MM-DD\" or \"YYYYMMDD\"");
    }
    const std::string off = (*dates)["off_calendar"].value_or(std::string("reject"));
    if (off != "reject" && off != "keep") return ConfigError(file, "dates.off_calendar", "must be \"reject\" or \"keep\"");
    config.off_calendar_dates = off == "keep" ? OffCalendarDates::kKeepDigits : OffCalendarDates::kReject;
  }
  if (const toml::table* comparisons = root["comparisons"].as_table()) {
    for (const auto& [key, node] : *comparisons) {
      const std::string name(key.str());
      const auto field = FieldFromName(name);
      if (!field) return ConfigError(file, "comparisons." + name, "unknown field");
      const auto kind_name = node.value<std::string>();
      const auto kind = kind_name ? ComparisonKindFromName(*kind_name) : std::nullopt;
      if (!kind) return ConfigError(file, "comparisons." + name, "unknown comparison kind");
      config.spec[static_cast<int>(*field)] = *kind;
    }
  }
  if (const toml::table* blocking = root["blocking"].as_table()) {
    const auto size = (*blocking)["max_block_size"].value<std::int64_t>();
    if (size) {
      if (*size < 2) return ConfigError(file, "blocking.max_block_size", "must be at least 2");
      config.blocking.max_block_size = static_cast<std::uint32_t>(*size);
    }
  }
  if (const toml::table* clustering = root["clustering"].as_table()) {
    for (const auto& [key, node] : *clustering) {
      if (key.str() != "guard") return ConfigError(file, "clustering." + std::string(key.str()), "unknown key");
    }
    const std::string guard = (*clustering)["guard"].value_or(std::string("full"));
    if (guard != "full" && guard != "identifiers") {
      return ConfigError(file, "clustering.guard", "must be \"full\" or \"identifiers\"");
    }
    config.guard = guard == "full" ? ConflictGuard::kOn : ConflictGuard::kIdentifiers;
  }
  if (const toml::table* model = root["model"].as_table()) {
    if (auto t = (*model)["match_threshold"].value<double>()) config.match_threshold = *t;
    if (auto t = (*model)["review_threshold"].value<double>()) config.review_threshold = *t;
    if (model->contains("lambda")) {
      ASSIGN_OR_RETURN(LinkageModel trained, ReadModel(*model, file, config.spec));
      if (config.match_threshold) trained.set_match_threshold(*config.match_threshold);
      if (config.review_threshold) trained.set_review_threshold(*config.review_threshold);
      config.model = std::move(trained);
    }
  }
  return Status::Ok();
}

}  // namespace

LinkConfig DefaultLinkConfig() {
  LinkConfig config;
  for (int f = 0; f < kFieldCount; ++f) {
    const Field field = static_cast<Field>(f);
    // The child-record schema has no locality or other identifier column.
    if (field == Field::kLocality || field == Field::kOtherId) {
      config.spec[f] = ComparisonKind::kDisabled;
      continue;
    }
    config.columns[f] = {std::string(FieldName(field))};
  }
  return config;
}

Result<LinkConfig> ParseLinkConfig(std::string_view toml_text, std::string_view file_name) {
  LinkConfig config = DefaultLinkConfig();
  try {
    toml::table root = toml::parse(toml_text, file_name);
    RETURN_IF_ERROR(ReadConfig(root, file_name, config));
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return InvalidArgument(std::string(file_name) + ": line " + std::to_string(where.line) + ": " +
                           std::string(e.description()));
  }
  return config;
}

std::string LinkConfigToToml(const LinkConfig& config, const LinkageModel& model) {
  std::string out = "# safehub link configuration with a trained model\n[columns]\n";
  out += "record_id = " + Quoted(config.record_id_column) + "\n";
  if (!config.source_column.empty()) out += "source = " + Quoted(config.source_column) + "\n";
  for (int f = 0; f < kFieldCount; ++f) {
    if (config.columns[f].empty()) continue;
    out += std::string(FieldName(static_cast<Field>(f))) + " = [";
    for (size_t i = 0; i < config.columns[f].size(); ++i) out += (i ? ", " : "") + Quoted(config.columns[f][i]);
    out += "]\n";
  }
  out += "\n[dates]\nformat = ";
  out += config.date_format == DateFormat::kIso ? "\"YYYY-MM-DD\"" : "\"YYYYMMDD\"";
  out += "\noff_calendar = ";
  out += config.off_calendar_dates == OffCalendarDates::kReject ? "\"reject\"" : "\"keep\"";
  out += "\n\n[blocking]\nmax_block_size = " + std::to_string(config.blocking.max_block_size) + "\n\n";
  out += "[clustering]\nguard = ";
  out += config.guard == ConflictGuard::kIdentifiers ? "\"identifiers\"\n\n" : "\"full\"\n\n";
  return out + model.ToToml();
}

}  // namespace safehub::linkage
