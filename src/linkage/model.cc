#include "linkage/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "linkage/comparators.h"

namespace safehub::linkage {
namespace {

constexpr double kMinProbability = 1e-6;
constexpr double kTermFrequencyClamp = 6.0;  // bits either way

double Clamp(double p) { return std::clamp(p, kMinProbability, 1.0 - kMinProbability); }

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

// Applies the frequency table of one name field to each record's adjustment slot.
template <typename GetName, typename SetAdjustment>
void ApplyNameFrequencies(std::vector<PreparedRecord>& records, double u_exact, GetName get, SetAdjustment set) {
  std::unordered_map<std::string_view, std::uint32_t> counts;
  counts.reserve(records.size() / 4 + 16);
  std::uint64_t total = 0;
  for (const auto& r : records) {
    const std::string& name = get(r);
    if (name.empty()) continue;
    ++counts[name];
    ++total;
  }
  for (auto& r : records) {
    const std::string& name = get(r);
    if (name.empty() || total == 0) {
      set(r, 0.0f);
      continue;
    }
    const double frequency = static_cast<double>(counts[name]) / static_cast<double>(total);
    const double adjustment = std::log2(Clamp(u_exact) / std::max(frequency, kMinProbability));
    set(r, static_cast<float>(std::clamp(adjustment, -kTermFrequencyClamp, kTermFrequencyClamp)));
  }
}

}  // namespace

ComparisonSpec DefaultComparisonSpec() {
  ComparisonSpec spec;
  for (int f = 0; f < kFieldCount; ++f) spec[f] = DefaultKind(static_cast<Field>(f));
  return spec;
}

namespace {

int CompareField(ComparisonKind kind, Field field, const PreparedRecord& a, const PreparedRecord& b) {
  // The value a field holds, seen as text.
  auto text = [field](const PreparedRecord& r) -> std::string_view {
    switch (field) {
      case Field::kFirstName: return r.first_name;
      case Field::kMiddleName: return r.middle_name;
      case Field::kSurname: return r.surname;
      case Field::kAddress: return r.address;
      case Field::kPostcode: return r.postcode;
      case Field::kLocality: return r.locality;
      case Field::kNhsNumber: return r.nhs_number;
      case Field::kUpn: return r.upn;
      case Field::kOtherId: return r.other_id;
      default: return {};
    }
  };
  auto code = [field](const PreparedRecord& r) -> std::uint64_t {
    if (field == Field::kFirstName) return r.first_name_code;
    if (field == Field::kSurname) return r.surname_code;
    return 0;
  };
  switch (kind) {
    case ComparisonKind::kForename: return CompareForenames(text(a), text(b), code(a), code(b));
    case ComparisonKind::kName: return CompareNames(text(a), text(b), code(a), code(b));
    case ComparisonKind::kMiddleName: return CompareMiddleNames(text(a), text(b));
    case ComparisonKind::kDate: return CompareDates(a.date_of_birth, b.date_of_birth);
    case ComparisonKind::kSex: return CompareSex(a.sex, b.sex);
    case ComparisonKind::kUkPostcode:
      return CompareUkPostcodes(a.postcode, a.postcode_outward, b.postcode, b.postcode_outward);
    case ComparisonKind::kCode: return CompareCodes(text(a), text(b));
    case ComparisonKind::kAddress: return CompareAddresses(text(a), text(b));
    case ComparisonKind::kNhsNumber:
      return CompareIdentifiers(a.nhs_number, a.nhs_number_valid, b.nhs_number, b.nhs_number_valid);
    case ComparisonKind::kUpn: return CompareIdentifiers(a.upn, a.upn_valid, b.upn, b.upn_valid);
    case ComparisonKind::kDisabled: return level::kNull;
  }
  return level::kNull;
}

}  // namespace

Pattern ComparePair(const ComparisonSpec& spec, const PreparedRecord& a, const PreparedRecord& b) {
  Pattern p = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (spec[f] == ComparisonKind::kDisabled) continue;
    p = WithLevel(p, f, CompareField(spec[f], static_cast<Field>(f), a, b));
  }
  const int first = static_cast<int>(Field::kFirstName);
  const int surname = static_cast<int>(Field::kSurname);
  if (spec[first] != ComparisonKind::kDisabled && spec[surname] != ComparisonKind::kDisabled &&
      PatternLevel(p, first) != level::kExact && AreSwappedNames(a, b)) {
    p = WithLevel(p, first, spec[first] == ComparisonKind::kForename ? level::kForenameTypo : level::kNameTypo);
    p = WithLevel(p, surname, spec[surname] == ComparisonKind::kForename ? level::kForenameTypo : level::kNameTypo);
  }
  return p;
}

LinkageModel LinkageModel::Initial(const ComparisonSpec& spec) {
  LinkageModel model;
  model.spec_ = spec;
  for (int f = 0; f < kFieldCount; ++f) {
    const int n = LevelCount(spec[f]);
    if (n < 2) continue;
    auto& p = model.fields_[f];
    // m falls and u rises from the best agreement level to "else".
    double m_left = 1.0;
    for (int l = 1; l < n; ++l) {
      p.m[l] = (l == n - 1) ? m_left : m_left * 0.8;
      m_left -= p.m[l];
      p.u[l] = (l == n - 1) ? 0.9 : 0.1 / (n - 2);
    }
  }
  model.Finalise();
  return model;
}

void LinkageModel::Finalise() {
  // Not Clamp: against an index of millions a per-pair prior is well below 1e-6.
  lambda_ = std::clamp(lambda_, 1e-12, 1.0 - 1e-12);
  prior_weight_ = std::log2(lambda_ / (1.0 - lambda_));
  for (int f = 0; f < kFieldCount; ++f) {
    weights_[f].fill(0.0);
    const int n = LevelCount(spec_[f]);
    for (int l = 1; l < n; ++l) {
      weights_[f][l] = std::log2(Clamp(fields_[f].m[l]) / Clamp(fields_[f].u[l]));
    }
  }
}

double LinkageModel::PatternWeight(Pattern p) const {
  double w = prior_weight_;
  for (int f = 0; f < kFieldCount; ++f) w += weights_[f][PatternLevel(p, f)];
  return w;
}

double LinkageModel::PairWeight(Pattern p, const PreparedRecord& a, const PreparedRecord& b) const {
  double w = PatternWeight(p);
  const int first = static_cast<int>(Field::kFirstName);
  const int surname = static_cast<int>(Field::kSurname);
  // Both sides share the value on an exact match; averaging keeps the weight symmetric.
  if (PatternLevel(p, first) == level::kExact) w += (a.first_name_tf + b.first_name_tf) / 2.0;
  if (PatternLevel(p, surname) == level::kExact) w += (a.surname_tf + b.surname_tf) / 2.0;
  return w;
}

double LinkageModel::Probability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

double LinkageModel::WeightForProbability(double probability) {
  const double p = Clamp(probability);
  return std::log2(p / (1.0 - p));
}

void LinkageModel::ApplyTermFrequencies(std::vector<PreparedRecord>& records) const {
  const auto& first = fields_[static_cast<int>(Field::kFirstName)];
  const auto& surname = fields_[static_cast<int>(Field::kSurname)];
  ApplyNameFrequencies(
      records, first.u[level::kExact], [](const PreparedRecord& r) -> const std::string& { return r.first_name; },
      [](PreparedRecord& r, float v) { r.first_name_tf = v; });
  ApplyNameFrequencies(
      records, surname.u[level::kExact], [](const PreparedRecord& r) -> const std::string& { return r.surname; },
      [](PreparedRecord& r, float v) { r.surname_tf = v; });
}

std::string LinkageModel::ToToml() const {
  std::string out = "[model]\n";
  out += "lambda = " + Number(lambda_) + "\n";
  out += "match_threshold = " + Number(match_threshold_) + "\n";
  out += "review_threshold = " + Number(review_threshold_) + "\n";
  for (int f = 0; f < kFieldCount; ++f) {
    const int n = LevelCount(spec_[f]);
    if (n < 2) continue;
    out += "\n[model." + std::string(FieldName(static_cast<Field>(f))) + "]\n";
    out += "kind = \"" + std::string(ComparisonKindName(spec_[f])) + "\"\n";
    for (const char* which : {"m", "u"}) {
      out += std::string(which) + " = { ";
      for (int l = 1; l < n; ++l) {
        const double v = which[0] == 'm' ? fields_[f].m[l] : fields_[f].u[l];
        out += std::string(LevelName(spec_[f], l)) + " = " + Number(v) + (l + 1 < n ? ", " : " ");
      }
      out += "}\n";
    }
  }
  return out;
}

}  // namespace safehub::linkage
