#include "linkage/csv.h"

#include <gtest/gtest.h>

namespace safehub::linkage {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (true) {
    auto next = reader.Next(row);
    EXPECT_TRUE(next.ok()) << next.status().message();
    if (!next.ok() || !*next) break;
    rows.push_back(row);
  }
  return rows;
}

TEST(CsvReaderTest, ReadsRfc4180) {
  const auto rows = ReadAll("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "two\nlines", ""}));
}

TEST(CsvReaderTest, TracksTheLineARowStartsOn) {
  CsvReader reader("h\n\"a\nb\"\nc\n");
  std::vector<std::string> row;
  ASSERT_TRUE(*reader.Next(row));
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(reader.row_line(), 2);
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(reader.row_line(), 4);
  EXPECT_EQ(row[0], "c");
}

TEST(CsvReaderTest, RejectsMalformedQuotes) {
  const char* bad[] = {"a\n\"never closed\n", "a\n\"x\"y,z\n"};
  for (const char* text : bad) {
    CsvReader reader(text);
    std::vector<std::string> row;
    ASSERT_TRUE(*reader.Next(row));
    auto next = reader.Next(row);
    EXPECT_FALSE(next.ok()) << text;
    EXPECT_NE(next.status().message().find("line 2"), std::string::npos) << next.status().message();
  }
}

TEST(CsvFieldTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  const auto rows = ReadAll(CsvField("x,\"y\"\nz") + "\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "x,\"y\"\nz");
}

}  // namespace
}  // namespace safehub::linkage
