#include "text/inline_clean.h"

#include <gtest/gtest.h>

namespace crosscheck::text {
namespace {

TEST(CleanInline, SpacesAndMarkdownLinks) {
  EXPECT_EQ(CleanInline("The  dam   held."), "The dam held.");
  EXPECT_EQ(CleanInline("Officials [said](#) the [Aldren Dam](https://example.org/d) held."),
            "Officials said the Aldren Dam held.");
  EXPECT_EQ(CleanInline("![photo](img.jpg)The dam held."), "The dam held.");
  EXPECT_EQ(CleanInline("A [bracket] stays."), "A [bracket] stays.");
}

TEST(CleanInline, TypewriterDoubleQuotesBecomeOne) {
  EXPECT_EQ(CleanInline("``We were lucky,'' she said."), "\"We were lucky,\" she said.");
  EXPECT_EQ(CleanInline("He called it \"the worst in  years'' and left."), "He called it \"the worst in years\" and left.");
  // Three apostrophes close a single quotation and the double one around it, or open both.
  EXPECT_EQ(CleanInline("the \"so-called 'independence''' of the regions"),
            "the \"so-called 'independence'\" of the regions");
  EXPECT_EQ(CleanInline("He said '''Go' was all I heard,'' she wrote."),
            "He said \"'Go' was all I heard,\" she wrote.");
  // A lone apostrophe or backtick stays; so do longer runs, which say nothing sure.
  EXPECT_EQ(CleanInline("the workers' union and `this'"), "the workers' union and `this'");
  EXPECT_EQ(CleanInline("a '''' run"), "a '''' run");
}

TEST(AppendCleanParagraph, ReplacedQuotesMapToTheirOriginalBytes) {
  MappedText src = MappedText::Original("``Yes,'' she said.");
  MappedText out;
  RepairCounts repairs;
  AppendCleanParagraph(src, {{0, static_cast<uint32_t>(src.size())}}, out, repairs);
  ASSERT_EQ(out.text(), "\"Yes,\" she said.");
  EXPECT_EQ(repairs[Repair::kQuotes], 2u);
  Span closing = out.map().ToOriginal({5, 6});
  EXPECT_EQ(src.text().substr(closing.begin, closing.end - closing.begin), "''");
}

}  // namespace
}  // namespace crosscheck::text
