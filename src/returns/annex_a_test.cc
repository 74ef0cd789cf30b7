#include "returns/annex_a.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "returns/returns_test_cases.h"

namespace safehub::returns {
namespace {

using testing::D;

// One member of the xlsx zip, read back with unzip(1).
std::string ZipMember(const std::string& zip, const std::string& member) {
  std::string out;
  FILE* p = popen(("unzip -p '" + zip + "' '" + member + "' 2>/dev/null").c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(AnnexATest, BuildsTheSevenListsForThePeriod) {
  auto cases = testing::SmallArea();
  auto lists = BuildAnnexA(cases, D("2024-04-01"), D("2025-03-31"));
  ASSERT_EQ(lists.size(), 7u);
  EXPECT_EQ(lists[2].sheet, "List 3 Referrals");
  ASSERT_EQ(lists[2].rows.size(), 3u);  // children 1, 2 and 4; 3's referral was in 2023
  EXPECT_EQ(std::get<std::string>(lists[2].rows[0][0]), "1");
  EXPECT_EQ(std::get<Date>(lists[2].rows[0][5]), D("2024-05-01"));
  ASSERT_EQ(lists[3].rows.size(), 2u);  // child 2's assessment (authorised), child 4's (open)
  const auto& assessed = lists[3].rows[0];
  // Referral Mon 3 Jun, authorised Mon 15 Jul 2024: 31 working days counting 3 Jun as day 1.
  EXPECT_EQ(std::get<long>(assessed[8]), 31);
  EXPECT_EQ(std::get<std::string>(assessed[9]), "Yes");
  EXPECT_EQ(std::get<std::string>(lists[3].rows[1][9]), "Open");
  EXPECT_EQ(lists[4].rows.size(), 1u);  // child 1's s47
  EXPECT_EQ(lists[5].rows.size(), 1u);  // child 2's CIN plan
  ASSERT_EQ(lists[6].rows.size(), 1u);  // child 1's CP plan
  EXPECT_EQ(std::get<std::string>(lists[6].rows[0][6]), "physical");
  for (const auto& l : lists) {
    EXPECT_LE(l.sheet.size(), 31u);
    for (const auto& row : l.rows) EXPECT_EQ(row.size(), l.headers.size()) << l.sheet;
  }
}

TEST(AnnexATest, WritesAWorkbookOfLiteralValues) {
  auto cases = testing::SmallArea();
  cases[0].person.ethnicity = "=HYPERLINK(\"x\")";  // must stay text, never a formula
  auto lists = BuildAnnexA(cases, D("2024-04-01"), D("2025-03-31"));
  const auto dir = std::filesystem::temp_directory_path() / ("annex_a_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "annex-a.xlsx").string();
  ASSERT_TRUE(WriteAnnexAWorkbook(lists, path).ok());
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
      << "the lists name children: owner only";

  const std::string workbook = ZipMember(path, "xl/workbook.xml");
  for (const char* sheet : {"List 1 Contacts", "List 2 Early help", "List 3 Referrals", "List 4 Assessments",
                            "List 5 S47 and ICPC", "List 6 Children in need", "List 7 Child protection"}) {
    EXPECT_NE(workbook.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
  }
  const std::string strings = ZipMember(path, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Re-referral within 12 months"), std::string::npos);
  EXPECT_NE(strings.find("=HYPERLINK"), std::string::npos);
  const std::string referrals = ZipMember(path, "xl/worksheets/sheet3.xml");
  ASSERT_FALSE(referrals.empty());
  EXPECT_EQ(referrals.find("<f>"), std::string::npos) << "no formulas anywhere";
  // 1 May 2024 as an Excel date serial (days since 30 Dec 1899).
  EXPECT_NE(referrals.find("<v>45413</v>"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(AnnexATest, AnUnwritablePathIsAClearErrorAndLeavesNothing) {
  Status s = WriteAnnexAWorkbook({}, "/nonexistent-dir/annex-a.xlsx");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("annex-a.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace safehub::returns
