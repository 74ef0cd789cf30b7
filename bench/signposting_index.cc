// Fills a Safehub SQLite file made by `safehub demo` with a national-scale child index for
// bench/signposting_load.sh (issue 6): N minimal children (name, sex, birth date, NHS number)
// and every k-th of them signposted (an open plan period with a social care team and a key
// worker from the demo area). Writes the NHS numbers the load script looks up: the
// signposted children and as many that are not.
//
// A benchmark fixture, not a product path: it writes rows with SQL of its own, so it is
// fast (the person indexes are dropped while loading and rebuilt by sorting, big
// transactions, no fsync until the end) and checks the file's integrity when done.
//
// Usage: signposting_index DB CHILDREN SIGNPOSTED NHS_OUT [SEED]
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

[[noreturn]] void Die(sqlite3* db, const std::string& what) {
  std::fprintf(stderr, "signposting_index: %s: %s\n", what.c_str(), db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Die(db, sql);
}

sqlite3_stmt* Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) Die(db, sql);
  return s;
}

void Step(sqlite3* db, sqlite3_stmt* s, const char* what) {
  if (sqlite3_step(s) != SQLITE_DONE) Die(db, what);
  sqlite3_reset(s);
}

// The nine-digit serial with its modulus 11 check digit, or "" when the digit would be 10
// (such serials are never issued). Serials start at 600000000: the demo area draws its own
// at random over the whole range, so a clash is possible but rare and harmless (a lookup
// then names two children, as it would with a real duplicate).
std::string NhsNumber(std::uint64_t serial) {
  const std::string digits = std::to_string(600000000 + serial);
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[static_cast<size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return {};
  return digits + static_cast<char>('0' + check);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s DB CHILDREN SIGNPOSTED NHS_OUT [SEED]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const std::int64_t children = std::atoll(argv[2]);
  const std::int64_t signposted = std::atoll(argv[3]);
  const std::string nhs_out = argv[4];
  const unsigned seed = argc > 5 ? static_cast<unsigned>(std::atoi(argv[5])) : 1U;
  if (children <= 0 || signposted <= 0 || signposted > children) {
    std::fprintf(stderr, "signposting_index: need 0 < SIGNPOSTED <= CHILDREN\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();

  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) Die(db, "open " + path);
  // Loading only: no journal and no fsync while writing; one checkpointed, synced file at the end.
  Exec(db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; "
           "PRAGMA foreign_keys=OFF; PRAGMA temp_store=FILE;");

  // Key workers: practitioners in social care teams of the demo area.
  std::vector<std::pair<std::int64_t, std::int64_t>> workers;  // (practitioner, team)
  {
    sqlite3_stmt* q = Prepare(db,
        "SELECT p.id, p.team_id FROM practitioner p JOIN team t ON t.id = p.team_id "
        "JOIN agency a ON a.id = t.agency_id WHERE a.kind = 'social_care' ORDER BY p.id");
    while (sqlite3_step(q) == SQLITE_ROW) workers.emplace_back(sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1));
    sqlite3_finalize(q);
  }
  if (workers.empty()) Die(nullptr, "no social care practitioners: make the file with `safehub demo` first");

  // Rebuilding the person indexes once by sorting is far faster than updating five
  // B-trees at random for every row. Their definitions come from the file itself.
  std::vector<std::pair<std::string, std::string>> indexes;
  {
    sqlite3_stmt* q = Prepare(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' "
                                  "AND sql IS NOT NULL");
    while (sqlite3_step(q) == SQLITE_ROW) {
      indexes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                           reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
    }
    sqlite3_finalize(q);
  }
  for (const auto& [name, sql] : indexes) Exec(db, "DROP INDEX " + name);

  static const char* kFirst[] = {"Amelia", "Olivia", "Isla", "Ava", "Mia", "Noah", "Oliver", "George", "Arthur",
                                 "Leo", "Freya", "Lily", "Muhammad", "Harry", "Jack", "Sophia", "Ivy", "Theo"};
  static const char* kSurname[] = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                                   "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Khan",
                                   "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Ahmed", "Hughes"};
  std::mt19937_64 rng(seed);
  std::int64_t first_id = 0;
  {
    sqlite3_stmt* q = Prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM person");
    if (sqlite3_step(q) == SQLITE_ROW) first_id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
  }
  const std::int64_t every = children / signposted;
  std::ofstream out(nhs_out);
  if (!out) Die(nullptr, "cannot write " + nhs_out);

  sqlite3_stmt* insert = Prepare(db,
      "INSERT INTO person(id, kind, first_name, surname, sex, date_of_birth, nhs_number) "
      "VALUES (?, 'child', ?, ?, ?, ?, ?)");
  sqlite3_stmt* plan = Prepare(db,
      "INSERT INTO plan_period(child_id, type, start_date, end_date, responsible_team_id, key_worker_id) "
      "VALUES (?, ?, ?, NULL, ?, ?)");
  static const char* kPlans[] = {"child_protection_plan", "child_in_need_plan", "looked_after"};
  std::uint64_t serial = 0;
  std::int64_t written_signposted = 0;
  std::int64_t written_plain = 0;
  Exec(db, "BEGIN");
  for (std::int64_t i = 0; i < children; ++i) {
    std::string nhs;
    while (nhs.empty()) nhs = NhsNumber(serial++);
    const std::int64_t id = first_id + i;
    char dob[11];
    std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", 2008 + static_cast<int>(rng() % 18),
                  1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
    sqlite3_bind_int64(insert, 1, id);
    sqlite3_bind_text(insert, 2, kFirst[rng() % std::size(kFirst)], -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, kSurname[rng() % std::size(kSurname)], -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, rng() % 2 ? "F" : "M", -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 5, dob, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 6, nhs.c_str(), -1, SQLITE_TRANSIENT);
    Step(db, insert, "insert person");
    if (i % every == 0 && written_signposted < signposted) {
      const auto& [worker, team] = workers[static_cast<size_t>(written_signposted) % workers.size()];
      sqlite3_bind_int64(plan, 1, id);
      sqlite3_bind_text(plan, 2, kPlans[written_signposted % 3], -1, SQLITE_STATIC);
      sqlite3_bind_text(plan, 3, "2025-09-01", -1, SQLITE_STATIC);
      sqlite3_bind_int64(plan, 4, team);
      sqlite3_bind_int64(plan, 5, worker);
      Step(db, plan, "insert plan period");
      out << nhs << '\n';
      ++written_signposted;
    } else if (i % every == every / 2 && written_plain < signposted) {
      out << nhs << '\n';  // a child who is not signposted: the lookup still audits and answers nothing
      ++written_plain;
    }
    if ((i + 1) % 500000 == 0) {
      Exec(db, "COMMIT");
      Exec(db, "BEGIN");
      std::fprintf(stderr, "  %lld children, %.0f s\n", static_cast<long long>(i + 1), SecondsSince(started));
    }
  }
  Exec(db, "COMMIT");
  sqlite3_finalize(insert);
  sqlite3_finalize(plan);
  const double loaded = SecondsSince(started);
  for (const auto& [name, sql] : indexes) Exec(db, sql);
  const double indexed = SecondsSince(started);
  Exec(db, "PRAGMA foreign_keys=ON");
  {
    sqlite3_stmt* q = Prepare(db, "PRAGMA foreign_key_check(plan_period)");
    if (sqlite3_step(q) == SQLITE_ROW) Die(nullptr, "a generated row breaks a foreign key");
    sqlite3_finalize(q);
  }
  // Back to the server's mode, synced once.
  Exec(db, "PRAGMA synchronous=FULL; PRAGMA journal_mode=WAL;");
  sqlite3_close(db);
  std::printf("children %lld, signposted %lld, not signposted in the lookup list %lld\n",
              static_cast<long long>(children), static_cast<long long>(written_signposted),
              static_cast<long long>(written_plain));
  std::printf("rows written in %.1f s, indexes rebuilt in %.1f s, total %.1f s\n", loaded, indexed - loaded,
              SecondsSince(started));
  return 0;
}
