// The five real seed reports in ../shared/seeds: metadata, repairs and furniture.
#include <gtest/gtest.h>

#include <algorithm>

#include "pipeline/test_support.h"

namespace crosscheck {
namespace {

using namespace testing_support;

class SeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Exists(SharedPath("seeds"))) GTEST_SKIP() << "../shared/seeds is absent; seed tests skipped";
  }
  Article Seed(const std::string& prefix) {
    for (const std::string& f : FilesIn(SharedPath("seeds"), ".txt"))
      if (std::filesystem::path(f).filename().string().rfind(prefix, 0) == 0) return MustExtract(f);
    throw std::runtime_error("no seed " + prefix);
  }
};

TEST_F(SeedsTest, Titles) {
  EXPECT_FALSE(Seed("000").title.has_value());
  EXPECT_EQ(Seed("001").title, "U.S. Says Biden-Putin Summit Off The Table Following Russia's Actions In Ukraine");
  EXPECT_EQ(Seed("002").title, "Blinken cancels meeting with Lavrov, US to supply more weapons to Ukraine");
  EXPECT_EQ(Seed("003").title, "U.S. Calls Off Biden-Putin Summit After Ukraine 'Invasion'");
  EXPECT_EQ(Seed("004").title, "The latest on the Ukraine Russia border crisis");
}

TEST_F(SeedsTest, DatesUrlsAndOutlets) {
  Article s3 = Seed("003"), s4 = Seed("004");
  EXPECT_EQ(s3.published, "2022-02-23");
  EXPECT_EQ(s4.published, "2022-02-10");
  EXPECT_EQ(s3.url, "https://www.themoscowtimes.com/2022/02/23/us-calls-off-biden-putin-summit-after-ukraine-invasion-a76533");
  EXPECT_EQ(s4.url, "https://edition.cnn.com/europe/live-news/ukraine-russia-news-02-17-22-intl/h_3be85a9e046cefef196fe34cd12d2682");
  EXPECT_EQ(s3.outlet, "themoscowtimes.com");
  EXPECT_EQ(s4.outlet, "cnn.com");
}

TEST_F(SeedsTest, WireCredits) {
  EXPECT_EQ(Seed("000").wire_credits, (std::vector<std::string>{"AP", "AFP", "dpa", "Reuters"}));
  EXPECT_EQ(Seed("001").wire_credits, (std::vector<std::string>{"AFP", "AP", "dpa", "BBC", "Reuters"}));
}

TEST_F(SeedsTest, NoFurnitureRemainsInTheText) {
  for (const std::string& f : FilesIn(SharedPath("seeds"), ".txt")) {
    Article a = MustExtract(f);
    for (const char* furniture :
         {"SEE ALSO", "Related article", "Original url", "flickr", "file photo", "(L)", "click here",
          "holds a press briefing", "Press TV News Roku", "alternate addresses", "Our live coverage has ended",
          "News / More", "sdi/wmr", "With reporting by", "[said](#)", "](#)"}) {
      EXPECT_EQ(a.text.find(furniture), std::string::npos) << f << " still has: " << furniture;
    }
  }
}

TEST_F(SeedsTest, GluedWordsAreRepaired) {
  Article s4 = Seed("004");
  for (const char* fixed : {"accused Russia of fabricating a pretext to invade Ukraine by attacking",
                            "with Ukrainian President Volodymyr Zelensky", "returned to the US. He was",
                            "Security Council as Ukraine-Russia", "ongoing Russia-Ukraine",
                            "the 2015 Minsk Agreement as a possible"}) {
    EXPECT_NE(s4.text.find(fixed), std::string::npos) << "missing: " << fixed;
  }
  for (const char* glued : {"offabricating", "apretext", "Ukraineby", "PresidentVolodymyrZelensky", "US.He",
                            "Councilas", "UkraineRussia"}) {
    EXPECT_EQ(s4.text.find(glued), std::string::npos) << "still glued: " << glued;
  }
  EXPECT_GE(s4.repairs[Repair::kGluedWords], 40u);
}

TEST_F(SeedsTest, BrokenQuotationIsRejoined) {
  Article s3 = Seed("003");
  EXPECT_NE(s3.text.find("if the Russian leader \"changes course.\""), std::string::npos);
  EXPECT_EQ(s3.repairs[Repair::kJoinedParagraphs], 1u);
  EXPECT_NE(s3.text.find("The Kremlin however had called talk of a summit"), std::string::npos);
}

TEST_F(SeedsTest, EveryWordMapsBackToTheSameOriginalBytes) {
  for (const std::string& f : FilesIn(SharedPath("seeds"), ".txt")) {
    Article a = MustExtract(f);
    ASSERT_FALSE(a.sentences.empty()) << f;
    size_t checked = 0;
    for (const Sentence& s : a.sentences) {
      Span o = a.offsets.ToOriginal(s.span);
      ASSERT_LE(o.begin, o.end);
      ASSERT_LE(o.end, a.raw.size());
      for (const Token& t : s.tokens) {
        std::string_view word = a.Slice(t.span);
        // Letters and digits are copied verbatim; apostrophes may have been curly.
        bool ascii = t.is_word && std::all_of(word.begin(), word.end(), [](char c) { return c > 0 && c != '\''; });
        if (!ascii) continue;
        EXPECT_EQ(a.SliceOriginal(a.offsets.ToOriginal(t.span)), word) << f;
        ++checked;
      }
    }
    EXPECT_GT(checked, 100u) << f;
  }
}

}  // namespace
}  // namespace crosscheck
