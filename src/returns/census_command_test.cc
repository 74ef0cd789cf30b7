#include "returns/census_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "returns/returns_test_cases.h"

namespace safehub::returns {
namespace {

class CensusCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("census_command_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(CensusCommandTest, WritesAndSaysWhat) {
  CaseList source(testing::Northshire(), testing::SmallArea());
  const std::string path = (dir_ / "cin.xml").string();
  EXPECT_EQ(RunCinCensusExport(source, 2025, path, 1743500000, out_, err_), 0) << err_.str();
  EXPECT_NE(out_.str().find("3 children, 3 CIN episodes"), std::string::npos) << out_.str();
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
      << "a return holds children's personal data: owner only";
}

TEST_F(CensusCommandTest, RuleFailuresExitTwoNamingChildRuleAndFix) {
  auto cases = testing::SmallArea();
  cases[1].person.upn = "A12345678901Z";
  CaseList source(testing::Northshire(), std::move(cases));
  const std::string path = (dir_ / "cin.xml").string();
  EXPECT_EQ(RunCinCensusExport(source, 2025, path, 1743500000, out_, err_), 2);
  EXPECT_NE(err_.str().find("child 2: rule upn, field UPN"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("Fix: "), std::string::npos);
  EXPECT_NE(err_.str().find("nothing written"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(CensusCommandTest, OtherErrorsExitOne) {
  CaseList source(testing::Northshire(), testing::SmallArea());
  EXPECT_EQ(RunCinCensusExport(source, 2023, (dir_ / "cin.xml").string(), 0, out_, err_), 1);
  EXPECT_NE(err_.str().find("2024, 2025, 2026"), std::string::npos);
}

}  // namespace
}  // namespace safehub::returns
