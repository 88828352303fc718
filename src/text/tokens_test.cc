#include "text/tokens.h"

#include <gtest/gtest.h>

namespace crosscheck::text {
namespace {

std::vector<std::string> Texts(const std::string& s, std::vector<Token>* out = nullptr,
                               std::string* stems_out = nullptr) {
  Stemmer stemmer;
  std::string stems;
  std::vector<Token> tokens = Tokenize(s, {0, static_cast<uint32_t>(s.size())}, stemmer, stems);
  if (stems_out) *stems_out = stems;
  std::vector<std::string> texts;
  for (const Token& t : tokens) texts.push_back(s.substr(t.span.begin, t.span.size()));
  if (out) *out = tokens;
  return texts;
}

TEST(Tokenize, SplitsNewsTextIntoWordsNumbersAndPunctuation) {
  EXPECT_EQ(Texts("The U.S. sent 150,000 troops."),
            (std::vector<std::string>{"The", "U.S.", "sent", "150,000", "troops", "."}));
  EXPECT_EQ(Texts("Russia's Biden-Putin summit, don't."),
            (std::vector<std::string>{"Russia", "'s", "Biden", "-", "Putin", "summit", ",", "don't", "."}));
  EXPECT_EQ(Texts("$11.5 billion -- \"now\"..."),
            (std::vector<std::string>{"$", "11.5", "billion", "--", "\"", "now", "\"", "..."}));
  EXPECT_EQ(Texts("at 9 a.m. in the 1990s"),
            (std::vector<std::string>{"at", "9", "a.m.", "in", "the", "1990s"}));
  EXPECT_EQ(Texts("Zürich Київ O'Neill"), (std::vector<std::string>{"Zürich", "Київ", "O'Neill"}));
}

TEST(Tokenize, StemsCaseFoldedWords) {
  std::vector<Token> tokens;
  std::string stems;
  Texts("Sanctions SANCTIONED sanctioning , Київ", &tokens, &stems);
  ASSERT_EQ(tokens.size(), 5u);
  auto stem = [&](size_t i) { return stems.substr(tokens[i].stem.begin, tokens[i].stem.size()); };
  EXPECT_EQ(stem(0), "sanction");
  EXPECT_EQ(stem(1), "sanction");
  EXPECT_EQ(stem(2), "sanction");
  EXPECT_FALSE(tokens[3].is_word);
  EXPECT_TRUE(tokens[3].stem.empty());
  EXPECT_EQ(stem(4), "київ");
}

TEST(Tokenize, SpansSliceTheTextAndStayInsideTheRange) {
  std::string s = "xx Blinken said: \"We will not.\" yy";
  Stemmer stemmer;
  std::string stems;
  Span range{3, 31};
  std::vector<Token> tokens = Tokenize(s, range, stemmer, stems);
  std::string joined;
  for (const Token& t : tokens) {
    EXPECT_GE(t.span.begin, range.begin);
    EXPECT_LE(t.span.end, range.end);
    EXPECT_LT(t.span.begin, t.span.end);
    joined += s.substr(t.span.begin, t.span.size());
  }
  EXPECT_EQ(joined, "Blinkensaid:\"Wewillnot.\"");
}

TEST(FoldCase, FoldsAsciiAndUnicode) {
  EXPECT_EQ(FoldCase("NATO"), "nato");
  EXPECT_EQ(FoldCase("ÉCOLE"), "école");
  EXPECT_EQ(FoldCase("Straße"), "strasse");
}

}  // namespace
}  // namespace crosscheck::text
