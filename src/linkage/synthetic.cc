#include "linkage/synthetic.h"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>

#include "common/date.h"
#include "domain/identifiers.h"
#include "linkage/text.h"

namespace safehub::linkage {
namespace tables {
extern const char kBoys[];
extern const char kGirls[];
extern const char kSurnames[];
}  // namespace tables

namespace {

using Rng = std::mt19937_64;

class WeightedTable {
 public:
  explicit WeightedTable(const char* csv) {
    std::string_view text(csv);
    std::uint64_t total = 0;
    while (!text.empty()) {
      const size_t end = std::min(text.find('\n'), text.size());
      const std::string_view line = Trim(text.substr(0, end));
      text.remove_prefix(std::min(end + 1, text.size()));
      const size_t comma = line.find(',');
      if (comma == std::string_view::npos) continue;
      const std::string count = DigitsOnly(line.substr(comma + 1));
      if (count.empty() || line.substr(0, comma) == "name") continue;
      total += std::stoull(count);
      names_.emplace_back(line.substr(0, comma));
      cumulative_.push_back(total);
    }
  }
  const std::string& Draw(Rng& rng) const {
    std::uniform_int_distribution<std::uint64_t> d(0, cumulative_.back() - 1);
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), d(rng));
    return names_[it - cumulative_.begin()];
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::uint64_t> cumulative_;
};

const WeightedTable& Boys() {
  static const WeightedTable t(tables::kBoys);
  return t;
}
const WeightedTable& Girls() {
  static const WeightedTable t(tables::kGirls);
  return t;
}
const WeightedTable& Surnames() {
  static const WeightedTable t(tables::kSurnames);
  return t;
}

// Short forms the generator uses for nickname errors (a subset of the groups in nicknames.cc).
constexpr std::pair<const char*, const char*> kNicknames[] = {
    {"william", "bill"}, {"william", "liam"},    {"thomas", "tom"},      {"james", "jim"},     {"james", "jamie"},
    {"oliver", "ollie"}, {"alexander", "alex"}, {"samuel", "sam"},      {"joseph", "joe"},    {"daniel", "danny"},
    {"benjamin", "ben"}, {"matthew", "matt"},   {"charlotte", "lottie"}, {"elizabeth", "beth"}, {"isabella", "bella"},
    {"olivia", "liv"},   {"jessica", "jess"},   {"rebecca", "becky"},   {"katherine", "kate"}, {"margaret", "peggy"},
    {"harriet", "hattie"}, {"edward", "ted"},   {"henry", "harry"},     {"charles", "charlie"}, {"abigail", "abbie"},
    {"eleanor", "ellie"}, {"sophia", "sophie"}, {"jacob", "jake"},      {"joshua", "josh"},   {"nicholas", "nick"},
};

constexpr const char* kStreetKinds[] = {"road", "street", "lane", "close", "avenue", "drive", "way", "crescent"};
constexpr const char* kAreas[] = {"LS", "M", "B", "SW", "NE", "BS", "L", "S", "CF", "NG", "LE", "E", "N", "SE", "OX"};
constexpr const char* kSources[] = {"health", "school", "police", "council"};

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

bool Chance(Rng& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
int Uniform(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

std::string Typo(std::string s, Rng& rng) {
  if (s.size() < 2) return s;
  const size_t i = static_cast<size_t>(Uniform(rng, 0, static_cast<int>(s.size()) - 2));
  const char letter = static_cast<char>('a' + Uniform(rng, 0, 25));
  switch (Uniform(rng, 0, 3)) {
    case 0: s[i + 1] = letter; break;
    case 1: std::swap(s[i], s[i + 1]); break;
    case 2: s.erase(i + 1, 1); break;
    default: s.insert(i + 1, 1, letter); break;
  }
  return s;
}

std::string Nickname(const std::string& name, Rng& rng) {
  std::vector<const char*> options;
  for (const auto& [formal, nick] : kNicknames) {
    if (name == formal) options.push_back(nick);
  }
  if (options.empty()) return name;
  return options[Uniform(rng, 0, static_cast<int>(options.size()) - 1)];
}

struct Home {
  std::string address;
  std::string postcode;
};

Home RandomHome(Rng& rng) {
  Home h;
  h.address = std::to_string(Uniform(rng, 1, 240)) + " " + Capitalised(Surnames().Draw(rng)) + " " +
              Capitalised(kStreetKinds[Uniform(rng, 0, 7)]);
  std::string pc = kAreas[Uniform(rng, 0, 14)];
  pc += std::to_string(Uniform(rng, 1, 30)) + " " + std::to_string(Uniform(rng, 0, 9));
  pc += static_cast<char>('A' + Uniform(rng, 0, 25));
  pc += static_cast<char>('A' + Uniform(rng, 0, 25));
  h.postcode = pc;
  return h;
}

struct Child {
  std::string first_name;
  std::string middle_name;
  std::string surname;
  DateParts dob;
  char sex;
  Home home;
  std::string nhs_number;
  std::string upn;
};

DateParts RandomDob(Rng& rng) {
  const Date start = *Date::FromYmd(2006, 1, 1);
  const Date d = start.AddDays(Uniform(rng, 0, 18 * 365));
  return {d.year(), d.month(), d.day()};
}

DateParts ShiftYears(const DateParts& d, int years) {
  DateParts s{d.year + years, d.month, d.day == 29 && d.month == 2 ? 28 : d.day};
  return s;
}

bool IsCalendarDate(const DateParts& d) { return Date::FromYmd(d.year, d.month, d.day).ok(); }

// One agency's record of a child, with that agency's identifiers and errors.
Record Observe(const Child& c, int source, double e, Rng& rng) {
  Record r;
  r.source = kSources[source];
  r.first_name = c.first_name;
  r.surname = c.surname;
  r.middle_name = Chance(rng, 0.5) ? c.middle_name : "";
  r.date_of_birth = c.dob;
  r.sex = c.sex == 'm' ? "M" : "F";
  r.address = c.home.address;
  r.postcode = c.home.postcode;
  if (Chance(rng, 0.06 * e)) r.first_name = Nickname(r.first_name, rng);
  if (Chance(rng, 0.04 * e)) r.first_name = Typo(r.first_name, rng);
  if (Chance(rng, 0.03 * e)) r.surname = Typo(r.surname, rng);
  if (Chance(rng, 0.03 * e)) r.surname = Surnames().Draw(rng);  // changed surname (new family name)
  if (Chance(rng, 0.005 * e)) std::swap(r.first_name, r.surname);
  if (Chance(rng, 0.02 * e) && c.dob.day <= 12) std::swap(r.date_of_birth.day, r.date_of_birth.month);
  if (Chance(rng, 0.02 * e)) {
    DateParts typo = r.date_of_birth;
    typo.day = (typo.day / 10) * 10 + Uniform(rng, 0, 9);
    if (IsCalendarDate(typo) && typo.day != 0) r.date_of_birth = typo;
  }
  if (Chance(rng, 0.10 * e)) {  // moved house
    const Home moved = RandomHome(rng);
    r.address = moved.address;
    r.postcode = moved.postcode;
  }
  if (Chance(rng, 0.05 * e)) r.address = Typo(r.address, rng);
  if (Chance(rng, 0.02 * e)) r.postcode = Typo(r.postcode, rng);
  if (Chance(rng, 0.01 * e)) r.first_name.clear();
  if (Chance(rng, 0.01 * e)) r.date_of_birth = {};
  if (Chance(rng, 0.03 * e)) r.sex.clear();
  if (Chance(rng, 0.05 * e)) r.address.clear();
  if (Chance(rng, 0.05 * e)) r.postcode.clear();
  static constexpr double kNhsShare[] = {0.95, 0.15, 0.10, 0.60};
  static constexpr double kUpnShare[] = {0.0, 0.90, 0.0, 0.30};
  if (Chance(rng, kNhsShare[source])) {
    r.nhs_number = c.nhs_number;
    if (Chance(rng, 0.01 * e)) {
      const size_t i = static_cast<size_t>(Uniform(rng, 0, 9));
      r.nhs_number[i] = static_cast<char>('0' + (r.nhs_number[i] - '0' + Uniform(rng, 1, 9)) % 10);
    }
  }
  if (Chance(rng, kUpnShare[source])) r.upn = c.upn;
  r.first_name = Capitalised(r.first_name);
  r.surname = Capitalised(r.surname);
  r.middle_name = Capitalised(r.middle_name);
  return r;
}

}  // namespace

std::string RandomNhsNumber(std::uint64_t bits) {
  while (true) {
    std::string s;
    std::uint64_t b = bits;
    int total = 0;
    for (int i = 0; i < 9; ++i) {
      const int digit = static_cast<int>(b % 10);
      b /= 10;
      s.push_back(static_cast<char>('0' + digit));
      total += digit * (10 - i);
    }
    int check = 11 - total % 11;
    if (check == 11) check = 0;
    if (check != 10) return s + static_cast<char>('0' + check);
    bits = bits * 6364136223846793005ull + 1442695040888963407ull;
  }
}

std::string RandomUpn(std::uint64_t bits) {
  std::string twelve;
  for (int i = 0; i < 12; ++i, bits /= 10) twelve.push_back(static_cast<char>('0' + bits % 10));
  const auto letter = domain::UpnCheckLetter(twelve);
  return letter.ok() ? std::string(1, *letter) + twelve : std::string();
}

SyntheticData GenerateChildRecords(const SyntheticOptions& options) {
  Rng rng(options.seed);
  SyntheticData data;
  data.records.reserve(options.records);
  data.person.reserve(options.records);
  std::uint32_t person = 0;
  static constexpr int kRecordsPerChild[] = {1, 1, 2, 2, 2, 3, 3, 3, 4, 5};
  while (data.records.size() < options.records) {
    const Home home = RandomHome(rng);
    const std::string surname = Surnames().Draw(rng);
    const int children = Uniform(rng, 1, 3);
    const bool twins = Chance(rng, options.twin_family_rate);
    DateParts dob = RandomDob(rng);
    std::vector<std::string> used_names;
    for (int k = 0; k < children + (twins ? 1 : 0) && data.records.size() < options.records; ++k) {
      Child c;
      c.sex = Chance(rng, 0.5) ? 'm' : 'f';
      do {
        c.first_name = (c.sex == 'm' ? Boys() : Girls()).Draw(rng);
      } while (std::find(used_names.begin(), used_names.end(), c.first_name) != used_names.end());
      used_names.push_back(c.first_name);
      c.middle_name = (c.sex == 'm' ? Boys() : Girls()).Draw(rng);
      c.surname = surname;
      // Twins are the first two children: same date of birth; later siblings are older.
      if (k > 0 && !(twins && k == 1)) dob = ShiftYears(dob, -Uniform(rng, 1, 4));
      c.dob = dob;
      c.home = home;
      c.nhs_number = RandomNhsNumber(rng());
      c.upn = RandomUpn(rng());
      const int copies = kRecordsPerChild[Uniform(rng, 0, 9)];
      for (int n = 0; n < copies && data.records.size() < options.records; ++n) {
        Record r = Observe(c, Uniform(rng, 0, 3), options.error_scale, rng);
        r.record_id = "R" + std::to_string(data.records.size() + 1);
        data.records.push_back(std::move(r));
        data.person.push_back(person);
      }
      ++person;
    }
  }
  return data;
}

}  // namespace safehub::linkage
