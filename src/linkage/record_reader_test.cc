#include "linkage/record_reader.h"

#include <gtest/gtest.h>

namespace safehub::linkage {
namespace {

struct Read {
  Status status;
  std::vector<Record> records;
  std::vector<RejectedRow> rejected;
};

Read ReadCsv(std::string_view text, BadRowPolicy policy = BadRowPolicy::kFail, const LinkConfig& config = DefaultLinkConfig()) {
  Read r;
  std::unordered_set<std::string> seen;
  r.status = ReadRecordsCsv("a.csv", text, config, policy, seen, r.records, r.rejected);
  return r;
}

TEST(ReadRecordsCsvTest, ReadsTheChildRecordSchemaWithAbsentColumns) {
  const Read r = ReadCsv("record_id,first_name,surname,dob,nhs_number,cluster\nR1,Amelia,Khan,2015-03-07,943 476 5919,x\nR2,,,,,\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].first_name, "Amelia");
  EXPECT_EQ(r.records[0].date_of_birth, (DateParts{2015, 3, 7}));
  EXPECT_EQ(r.records[0].nhs_number, "943 476 5919");
  EXPECT_FALSE(r.records[1].date_of_birth.present());
}

struct RejectCase {
  const char* text;
  const char* expected;  // part of the message
};

TEST(ReadRecordsCsvTest, BadInputNamesFileLineAndField) {
  const RejectCase cases[] = {
      {"", "a.csv: line 1: missing header"},
      {"first_name\nAmelia\n", "a.csv: line 1: field record_id: missing column"},
      {"record_id,dob\nR1,2015-13-01\n", "a.csv: line 2: field dob: unparsable date \"2015-13-01\""},
      {"record_id,dob\nR1,07/03/2015\n", "a.csv: line 2: field dob: unparsable date"},
      {"record_id\nR1\nR2\nR1\n", "a.csv: line 4: field record_id: duplicate record_id \"R1\""},
      {"record_id,surname\nR1\n", "a.csv: line 2: field row: has 1 fields, header has 2"},
      {"record_id\n\"R1\n", "line 2: quoted field is never closed"},
  };
  for (const auto& c : cases) {
    const Read r = ReadCsv(c.text);
    EXPECT_FALSE(r.status.ok()) << c.text;
    EXPECT_NE(r.status.message().find(c.expected), std::string::npos) << r.status.message();
    EXPECT_TRUE(r.records.empty()) << "nothing is half-applied";
  }
}

TEST(ReadRecordsCsvTest, ReportsEveryBadRowNotTheFirst) {
  const Read r = ReadCsv("record_id,dob\nR1,bad\nR2,2015-01-01\nR3,also bad\n");
  EXPECT_NE(r.status.message().find("line 2"), std::string::npos);
  EXPECT_NE(r.status.message().find("line 4"), std::string::npos);
}

TEST(ReadRecordsCsvTest, SkipPolicyKeepsGoodRowsAndListsRejected) {
  const Read r = ReadCsv("record_id,dob\nR1,bad\nR2,2015-01-01\nR2,2015-01-02\n", BadRowPolicy::kSkip);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].record_id, "R2");
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].line, 2);
  EXPECT_EQ(r.rejected[0].field, "dob");
  EXPECT_EQ(r.rejected[1].field, "record_id");
}

TEST(ReadRecordsCsvTest, ConfigMapsColumnsAndRejectsUnknownOnes) {
  auto config = ParseLinkConfig(
      "[columns]\nrecord_id = \"rec_id\"\nfirst_name = \"given_name\"\naddress = [\"number\", \"street\"]\n"
      "dob = \"date_of_birth\"\n[dates]\nformat = \"YYYYMMDD\"\noff_calendar = \"keep\"\n",
      "febrl.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  const Read r = ReadCsv("rec_id, given_name, number, street, date_of_birth\nrec-1-org, amy, 12, high street, 19560231\n",
                         BadRowPolicy::kFail, *config);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.records[0].first_name, "amy");
  EXPECT_EQ(r.records[0].address, "12 high street");
  EXPECT_EQ(r.records[0].date_of_birth, (DateParts{1956, 2, 31}));  // kept: off the calendar
  const Read missing = ReadCsv("rec_id, given_name\nrec-1, amy\n", BadRowPolicy::kFail, *config);
  EXPECT_NE(missing.status.message().find("field dob: unknown column \"date_of_birth\" named in config"), std::string::npos)
      << missing.status.message();
}

TEST(ParseLinkConfigTest, RejectsUnknownFieldsKindsAndSections) {
  const RejectCase cases[] = {
      {"[columns]\nshoe_size = \"x\"\n", "c.toml: columns.shoe_size: unknown field"},
      {"[comparisons]\nsurname = \"telepathy\"\n", "c.toml: comparisons.surname: unknown comparison kind"},
      {"[extras]\n", "c.toml: extras: unknown section"},
      {"[dates]\nformat = \"DD/MM/YYYY\"\n", "c.toml: dates.format"},
      {"[model]\nlambda = 2.0\n", "c.toml: model.lambda"},
      {"[columns\n", "c.toml: line 1"},
      {"[clustering]\nguard = \"sometimes\"\n", "c.toml: clustering.guard: must be"},
      {"[clustering]\nguards = \"full\"\n", "c.toml: clustering.guards: unknown key"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseLinkConfig(c.text, "c.toml");
    EXPECT_FALSE(parsed.ok()) << c.text;
    EXPECT_NE(parsed.status().message().find(c.expected), std::string::npos) << parsed.status().message();
  }
}

TEST(ParseLinkConfigTest, GuardDefaultsToFullAndRoundTrips) {
  auto plain = ParseLinkConfig("", "c.toml");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->guard, ConflictGuard::kOn);
  auto loose = ParseLinkConfig("[clustering]\nguard = \"identifiers\"\n", "c.toml");
  ASSERT_TRUE(loose.ok()) << loose.status().message();
  EXPECT_EQ(loose->guard, ConflictGuard::kIdentifiers);
  // A saved model keeps the guard it was trained with.
  const std::string saved = LinkConfigToToml(*loose, LinkageModel::Initial(loose->spec));
  auto reread = ParseLinkConfig(saved, "saved.toml");
  ASSERT_TRUE(reread.ok()) << reread.status().message();
  EXPECT_EQ(reread->guard, ConflictGuard::kIdentifiers);
}

}  // namespace
}  // namespace safehub::linkage
