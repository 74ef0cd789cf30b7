#include "linkage/link_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "linkage/synthetic.h"

namespace safehub::linkage {
namespace {

namespace fs = std::filesystem;

class LinkCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("linkage_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::string ReadBack(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

std::string SyntheticCsv(std::size_t n, std::uint64_t seed, std::size_t first_id, std::vector<std::uint32_t>* truth) {
  SyntheticOptions options;
  options.records = n;
  options.seed = seed;
  const SyntheticData data = GenerateChildRecords(options);
  std::string csv = "record_id,source,first_name,middle_name,surname,dob,sex,address,postcode,nhs_number,upn\n";
  for (std::size_t i = 0; i < data.records.size(); ++i) {
    const Record& r = data.records[i];
    char dob[16] = "";
    if (r.date_of_birth.present()) {
      std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", r.date_of_birth.year, r.date_of_birth.month, r.date_of_birth.day);
    }
    csv += "X" + std::to_string(first_id + i) + "," + r.source + "," + r.first_name + "," + r.middle_name + "," +
           r.surname + "," + dob + "," + r.sex + ",\"" + r.address + "\"," + r.postcode + "," + r.nhs_number + "," +
           r.upn + "\n";
  }
  if (truth) *truth = data.person;
  return csv;
}

TEST_F(LinkCommandTest, LinksTwoFilesAndWritesOneRowPerRecord) {
  std::vector<std::uint32_t> truth;
  const std::string all = SyntheticCsv(3000, 17, 0, &truth);
  // Split into two inputs at a line boundary.
  const size_t header_end = all.find('\n') + 1;
  size_t cut = header_end;
  for (int i = 0; i < 1500; ++i) cut = all.find('\n', cut) + 1;
  const std::string header = all.substr(0, header_end);
  LinkCommandOptions options;
  options.inputs = {Write("a.csv", all.substr(0, cut)), Write("b.csv", header + all.substr(cut))};
  options.output_path = (dir_ / "out.csv").string();
  options.save_model_path = (dir_ / "model.toml").string();
  std::ostringstream out, err;
  ASSERT_EQ(RunLinkCommand(options, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("records: 3000"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("pairs scored: "), std::string::npos);
  EXPECT_NE(out.str().find("clusters: "), std::string::npos);
  std::istringstream lines(ReadBack(options.output_path));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "record_id,cluster_id");
  std::map<std::string, std::string> cluster;
  while (std::getline(lines, line)) cluster[line.substr(0, line.find(','))] = line.substr(line.find(',') + 1);
  ASSERT_EQ(cluster.size(), 3000u);
  // Most records of one child share a cluster, and children of different truth rarely do.
  std::size_t same = 0, pairs = 0;
  for (std::size_t i = 1; i < truth.size(); ++i) {
    if (truth[i] != truth[i - 1]) continue;
    ++pairs;
    same += cluster["X" + std::to_string(i)] == cluster["X" + std::to_string(i - 1)];
  }
  EXPECT_GT(static_cast<double>(same) / pairs, 0.95);
  // The saved model loads and links the same input again.
  LinkCommandOptions again = options;
  again.config_path = options.save_model_path;
  again.save_model_path.clear();
  again.output_path = (dir_ / "out2.csv").string();
  ASSERT_EQ(RunLinkCommand(again, out, err), 0) << err.str();
  EXPECT_EQ(ReadBack(again.output_path), ReadBack(options.output_path));
}

TEST_F(LinkCommandTest, BadInputFailsNamingFileLineAndField) {
  LinkCommandOptions options;
  options.inputs = {Write("bad.csv", "record_id,dob\nR1,2015-01-01\nR2,2015-02-30\n")};
  options.output_path = (dir_ / "out.csv").string();
  std::ostringstream out, err;
  EXPECT_NE(RunLinkCommand(options, out, err), 0);
  EXPECT_NE(err.str().find("bad.csv: line 3: field dob: unparsable date \"2015-02-30\""), std::string::npos) << err.str();
}

TEST_F(LinkCommandTest, DuplicateIdAcrossFilesIsBadInput) {
  LinkCommandOptions options;
  options.inputs = {Write("a.csv", "record_id\nR1\n"), Write("b.csv", "record_id\nR1\n")};
  options.output_path = (dir_ / "out.csv").string();
  std::ostringstream out, err;
  EXPECT_NE(RunLinkCommand(options, out, err), 0);
  EXPECT_NE(err.str().find("b.csv: line 2: field record_id: duplicate record_id \"R1\""), std::string::npos) << err.str();
}

TEST_F(LinkCommandTest, SkipBadRowsWritesSideFile) {
  LinkCommandOptions options;
  options.inputs = {Write("a.csv", "record_id,dob\nR1,2015-01-01\nR2,nope\nR3,2015-01-01\n")};
  options.output_path = (dir_ / "out.csv").string();
  options.skip_bad_rows = true;
  std::ostringstream out, err;
  ASSERT_EQ(RunLinkCommand(options, out, err), 0) << err.str();
  const std::string rejected = ReadBack(options.output_path + ".rejected.csv");
  EXPECT_NE(rejected.find("file,line,record_id,field,reason"), std::string::npos);
  EXPECT_NE(rejected.find(",3,R2,dob,"), std::string::npos) << rejected;
  const std::string output = ReadBack(options.output_path);
  EXPECT_NE(output.find("R1,"), std::string::npos);
  EXPECT_EQ(output.find("R2,"), std::string::npos);
}

TEST_F(LinkCommandTest, UnknownConfigColumnIsBadInput) {
  LinkCommandOptions options;
  options.inputs = {Write("a.csv", "record_id,first_name\nR1,Amy\n")};
  options.config_path = Write("c.toml", "[columns]\nrecord_id = \"record_id\"\nsurname = \"family_name\"\n");
  options.output_path = (dir_ / "out.csv").string();
  std::ostringstream out, err;
  EXPECT_NE(RunLinkCommand(options, out, err), 0);
  EXPECT_NE(err.str().find("a.csv: line 1: field surname: unknown column \"family_name\""), std::string::npos) << err.str();
}

}  // namespace
}  // namespace safehub::linkage
