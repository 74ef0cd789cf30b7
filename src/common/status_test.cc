#include "common/status.h"

#include <gtest/gtest.h>

namespace safehub {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("odd number " + std::to_string(n), "n");
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesCodeMessageAndField) {
  Status s = InvalidArgument("bad date", "date_of_birth");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "date_of_birth");
  EXPECT_EQ(s.ToString(), "invalid_argument: bad date");
}

TEST(StatusTest, InvalidListsEveryViolation) {
  Status s = Status::Invalid("person 4", {{"surname", "is required"}, {"nhs_number", "fails the check"}});
  EXPECT_EQ(s.message(), "person 4: surname is required; nhs_number fails the check");
  EXPECT_EQ(s.field(), "surname");
  ASSERT_EQ(s.violations().size(), 2u);
  EXPECT_EQ(s.violations()[1].field, "nhs_number");
}

TEST(ResultTest, PropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd number 3");
}

TEST(StatusTest, CodeNamesAreStable) {
  EXPECT_EQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
}

}  // namespace
}  // namespace safehub
