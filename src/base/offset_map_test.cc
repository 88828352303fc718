#include "crosscheck/offset_map.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/mapped_text.h"

namespace crosscheck {
namespace {

using text::MappedText;

TEST(OffsetMap, IdentityMapsEveryOffsetToItself) {
  OffsetMap m = OffsetMap::Identity(10);
  for (uint32_t i = 0; i <= 10; ++i) {
    EXPECT_EQ(m.Start(i), i);
    EXPECT_EQ(m.End(i), i);
  }
}

TEST(OffsetMap, ReplacementMapsToTheWholeReplacedRange) {
  // original: a“b”c (curly quotes are 3 bytes) -> clean: a"b"c
  std::string orig = "a\xE2\x80\x9C" "b\xE2\x80\x9D" "c";
  MappedText out;
  out.AppendFromOriginal(0, 1, "a", true);
  out.AppendFromOriginal(1, 4, "\"", false);
  out.AppendFromOriginal(4, 5, "b", true);
  out.AppendFromOriginal(5, 8, "\"", false);
  out.AppendFromOriginal(8, 9, "c", true);
  ASSERT_EQ(out.text(), "a\"b\"c");
  EXPECT_EQ(out.map().ToOriginal({1, 4}), (Span{1, 8}));  // "b" with its quotes
  EXPECT_EQ(out.map().ToOriginal({2, 3}), (Span{4, 5}));  // just "b"
  EXPECT_EQ(out.map().ToOriginal({0, 5}), (Span{0, 9}));
}

TEST(OffsetMap, AdjacentCopiesMerge) {
  OffsetMap m;
  m.AddCopy(0, 5);
  m.AddCopy(5, 5);
  EXPECT_EQ(m.pieces().size(), 1u);
  m.AddCopy(20, 3);  // a jump in the original starts a new piece
  EXPECT_EQ(m.pieces().size(), 2u);
  EXPECT_EQ(m.Start(11), 21u);
}

// Random edits (deletions, replacements, insertions) through two stages of
// MappedText, checked against a slow reference that tracks each byte's origin.
TEST(OffsetMap, ComposedStagesAgreeWithByteByByteReference) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string orig;
    for (int i = 0; i < 40; ++i) orig += static_cast<char>('a' + rng() % 26);
    MappedText stage = MappedText::Original(orig);
    std::vector<int> origin(orig.size());  // origin of each byte, -1 for inserted
    for (size_t i = 0; i < orig.size(); ++i) origin[i] = static_cast<int>(i);
    for (int pass = 0; pass < 2; ++pass) {
      MappedText next;
      std::vector<int> next_origin;
      size_t i = 0;
      while (i < stage.size()) {
        size_t len = 1 + rng() % 4;
        if (i + len > stage.size()) len = stage.size() - i;
        switch (rng() % 4) {
          case 0:  // copy
            next.AppendCopy(stage, i, i + len);
            next_origin.insert(next_origin.end(), origin.begin() + i, origin.begin() + i + len);
            break;
          case 1:  // delete
            break;
          case 2:  // insert a space before copying
            next.AppendReplacement(stage, i, i, " ");
            next_origin.push_back(-1);
            next.AppendCopy(stage, i, i + len);
            next_origin.insert(next_origin.end(), origin.begin() + i, origin.begin() + i + len);
            break;
          default:  // replace by one byte
            next.AppendReplacement(stage, i, i + len, "#");
            next_origin.push_back(-2);
            break;
        }
        i += len;
      }
      stage = std::move(next);
      origin = std::move(next_origin);
    }
    // Every byte copied through both stages maps exactly to its origin.
    for (size_t k = 0; k < stage.size(); ++k) {
      if (origin[k] < 0) continue;
      Span s = stage.map().ToOriginal({static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1)});
      ASSERT_EQ(s.begin, static_cast<uint32_t>(origin[k])) << "round " << round << " byte " << k;
      ASSERT_EQ(s.end, static_cast<uint32_t>(origin[k] + 1));
      ASSERT_EQ(orig[s.begin], stage.text()[k]);
    }
    // Spans never run backwards or past the original.
    for (size_t b = 0; b < stage.size(); b += 3) {
      Span s = stage.map().ToOriginal({static_cast<uint32_t>(b), static_cast<uint32_t>(stage.size())});
      EXPECT_LE(s.begin, s.end);
      EXPECT_LE(s.end, orig.size());
    }
  }
}

}  // namespace
}  // namespace crosscheck
