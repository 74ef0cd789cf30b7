#include "linkage/compact_records.h"

#include <gtest/gtest.h>

#include <string>

#include "linkage/synthetic.h"

namespace safehub::linkage {
namespace {

void ExpectSame(const PreparedRecord& a, const PreparedRecord& b, std::size_t i) {
  EXPECT_EQ(a.first_name, b.first_name) << i;
  EXPECT_EQ(a.middle_name, b.middle_name) << i;
  EXPECT_EQ(a.surname, b.surname) << i;
  EXPECT_EQ(a.first_name_code, b.first_name_code) << i;
  EXPECT_EQ(a.surname_code, b.surname_code) << i;
  EXPECT_EQ(a.date_of_birth, b.date_of_birth) << i;
  EXPECT_EQ(a.sex, b.sex) << i;
  EXPECT_EQ(a.address, b.address) << i;
  EXPECT_EQ(a.postcode, b.postcode) << i;
  EXPECT_EQ(a.postcode_outward, b.postcode_outward) << i;
  EXPECT_EQ(a.locality, b.locality) << i;
  EXPECT_EQ(a.nhs_number, b.nhs_number) << i;
  EXPECT_EQ(a.nhs_number_valid, b.nhs_number_valid) << i;
  EXPECT_EQ(a.upn, b.upn) << i;
  EXPECT_EQ(a.upn_valid, b.upn_valid) << i;
  EXPECT_EQ(a.other_id, b.other_id) << i;
}

TEST(CompactRecordsTest, EveryFieldComesBackAsPrepared) {
  SyntheticOptions options;
  options.records = 3000;
  options.seed = 5;
  const SyntheticData data = GenerateChildRecords(options);
  std::vector<PreparedRecord> prepared;
  CompactRecords compact;
  for (const auto& r : data.records) {
    prepared.push_back(Prepare(r));
    EXPECT_EQ(compact.Append(prepared.back()), prepared.size() - 1);
  }
  // Values the generator does not make: off-calendar date, a 300-character address (long
  // length prefix), an other identifier, a locality, empty everything.
  Record odd;
  odd.first_name = "Zoë";
  odd.surname = "O'Neill";
  odd.date_of_birth = {1956, 2, 31};
  odd.address = std::string(300, 'a');
  odd.locality = "Little River";
  odd.other_id = "ab 12345";
  odd.nhs_number = "123";
  prepared.push_back(Prepare(odd));
  compact.Append(prepared.back());
  prepared.push_back(Prepare(Record{}));
  compact.Append(prepared.back());
  ASSERT_EQ(compact.size(), prepared.size());
  PreparedRecord out;  // reused, as the index does: nothing may leak from one record to the next
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    compact.Materialise(static_cast<std::uint32_t>(i), out);
    ExpectSame(out, prepared[i], i);
  }
}

PreparedRecord Named(const char* first, const char* surname) {
  Record r;
  r.first_name = first;
  r.surname = surname;
  return Prepare(r);
}

TEST(CompactRecordsTest, CountsNamesByRole) {
  CompactRecords compact;
  const PreparedRecord a = Named("Jack", "Smith");
  const PreparedRecord b = Named("Smith", "Jones");
  const PreparedRecord c = Named("Jack", "Smith");
  compact.Append(a);
  compact.Append(b);
  compact.Append(c);
  EXPECT_EQ(compact.FirstNameCount("jack"), 2u);
  EXPECT_EQ(compact.SurnameCount("smith"), 2u);
  EXPECT_EQ(compact.FirstNameCount("smith"), 1u);
  EXPECT_EQ(compact.SurnameCount("jack"), 0u);
  EXPECT_EQ(compact.FirstNameCount("nobody"), 0u);
  EXPECT_EQ(compact.first_name_total(), 3u);
  EXPECT_EQ(compact.surname_total(), 3u);
}

}  // namespace
}  // namespace safehub::linkage
