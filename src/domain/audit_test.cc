#include "domain/audit.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

TEST(AuditTest, CanonicalTextCoversEveryFieldButHash) {
  AuditEntry a;
  a.sequence = 3;
  a.username = "sam";
  a.action = "read_child";
  a.child = PersonId(42);
  AuditEntry b = a;
  b.hash = "different";
  EXPECT_EQ(CanonicalText(a), CanonicalText(b));
  b.child = PersonId(43);
  EXPECT_NE(CanonicalText(a), CanonicalText(b));
}

TEST(AuditTest, FieldBoundariesCannotBeForged) {
  AuditEntry a;
  a.username = "sam|";
  a.role = "x";
  AuditEntry b;
  b.username = "sam";
  b.role = "|x";
  EXPECT_NE(CanonicalText(a), CanonicalText(b));
}

}  // namespace
}  // namespace safehub::domain
