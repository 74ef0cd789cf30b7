// Runs every tests/scenario/*.scenario file: each scenario in it must hold. The directory
// comes from the build (SAFEHUB_SCENARIO_DIR), so the test runs from any working directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "domain/workflow/scenario.h"

namespace safehub::domain {
namespace {

std::vector<std::string> ScenarioFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SAFEHUB_SCENARIO_DIR)) {
    if (entry.path().extension() == ".scenario") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ScenarioFileTest : public testing::TestWithParam<std::string> {};

TEST_P(ScenarioFileTest, Holds) {
  std::ifstream in(std::filesystem::path(SAFEHUB_SCENARIO_DIR) / GetParam());
  ASSERT_TRUE(in) << GetParam();
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto scenarios = ParseScenarios(text);
  ASSERT_TRUE(scenarios.ok()) << GetParam() << ": " << scenarios.status().message();
  for (const Scenario& scenario : *scenarios) {
    for (const std::string& failure : RunScenario(scenario, WorkingDayCalendar::EnglandAndWales())) {
      ADD_FAILURE() << GetParam() << " \"" << scenario.title << "\" " << failure;
    }
  }
}

TEST(ScenarioFilesTest, DirectoryHasScenariosForEveryTimescaleAndRefusal) {
  size_t count = 0;
  for (const std::string& file : ScenarioFiles()) {
    std::ifstream in(std::filesystem::path(SAFEHUB_SCENARIO_DIR) / file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto scenarios = ParseScenarios(text);
    if (scenarios.ok()) count += scenarios->size();
  }
  EXPECT_GE(count, 50u);
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - std::string(".scenario").size());
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, ScenarioFileTest, testing::ValuesIn(ScenarioFiles()), TestName);

}  // namespace
}  // namespace safehub::domain
