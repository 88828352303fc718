#include "crosscheck/status.h"

#include <gtest/gtest.h>

namespace crosscheck {
namespace {

TEST(Status, ToStringNamesPlaceCodeAndMessage) {
  EXPECT_EQ(Status().ToString(), "ok");
  EXPECT_EQ(Status(StatusCode::kInvalidInput, "empty file", "a.txt").ToString(),
            "a.txt: invalid input: empty file");
  EXPECT_EQ(Status(StatusCode::kDataLoss, "truncated", "b.warc", 120).ToString(),
            "b.warc:120: data loss: truncated");
  EXPECT_EQ(Status(StatusCode::kNotFound, "no such file").ToString(), "not found: no such file");
}

TEST(Status, WithWhereKeepsAnExistingPlace) {
  Status s(StatusCode::kInvalidInput, "bad", "first.txt");
  EXPECT_EQ(s.WithWhere("second.txt").where(), "first.txt");
  EXPECT_EQ(Status(StatusCode::kInvalidInput, "bad").WithWhere("x.txt").where(), "x.txt");
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.value(), 42);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = Status(StatusCode::kNotFound, "missing");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
  EXPECT_THROW(bad.value(), std::logic_error);
  // A named Status, so that clang does not read the expression as a declaration.
  const Status ok = Status::Ok();
  EXPECT_THROW(Result<int>{ok}, std::logic_error);
}

}  // namespace
TEST(Status, ToStringKeepsOneLineWhateverTheNameHolds) {
  Status s(StatusCode::kInvalidInput, "bad \"x\ty\"", "a\nb\x1b[2J.txt", 7);
  EXPECT_EQ(s.ToString(), "a\\nb\\x1b[2J.txt:7: invalid input: bad \"x\\ty\"");
}

}  // namespace crosscheck
