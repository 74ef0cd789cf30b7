#include "interchange/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace safehub::interchange {
namespace {

std::vector<CsvRecord> ReadAll(const std::string& text, std::vector<std::string>* errors = nullptr) {
  std::istringstream in(text);
  CsvReader reader(in, 32);
  std::vector<CsvRecord> out;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) {
      if (errors) errors->push_back(next.status().message());
      continue;
    }
    if (!next->has_value()) return out;
    out.push_back(std::move(**next));
  }
}

TEST(CsvReaderTest, ReadsPlainQuotedAndMultilineFields) {
  auto rows = ReadAll("a,b,c\r\n1,\"two, with comma\",\"say \"\"hi\"\"\"\n\"line\nbreak\",,x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "two, with comma", "say \"hi\""}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"line\nbreak", "", "x"}));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(CsvReaderTest, LastLineWithoutNewline) {
  auto rows = ReadAll("a,b\n1,2");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields[1], "2");
}

TEST(CsvReaderTest, ReportsBadLinesAndGoesOn) {
  std::vector<std::string> errors;
  auto rows = ReadAll("a,b\nx\"y,2\n3,4\n\"abc\"d,5\n6,7\n", &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("line 2"), std::string::npos);
  EXPECT_NE(errors[1].find("line 4"), std::string::npos);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].fields[0], "6");
}

TEST(CsvReaderTest, BoundsFieldLengthAndUnclosedQuotes) {
  std::vector<std::string> errors;
  ReadAll("a\n" + std::string(100, 'x') + "\n", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("longer than 32"), std::string::npos);
  errors.clear();
  ReadAll("a\n\"never closed", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("not closed"), std::string::npos);
}

}  // namespace
}  // namespace safehub::interchange
