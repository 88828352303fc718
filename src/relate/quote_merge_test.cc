#include "relate/quote_merge.h"

#include <gtest/gtest.h>

namespace crosscheck::relate {
namespace {

constexpr int kUnknown = -1;
constexpr int kLind = 0;  // two people of one story
constexpr int kOkafor = 1;

analyze::QuoteMention Quote(const std::string& text, int speaker) {
  analyze::QuoteMention q;
  q.text = text;
  q.speaker = speaker;  // the article's mention i is entity i (below)
  q.partial = text[0] >= 'a' && text[0] <= 'z';
  q.words = 1;
  for (char c : text) q.words += c == ' ';
  return q;
}

EntityIndex TwoPeople(size_t articles) {
  EntityIndex index;
  index.entities.resize(2);
  index.entities[kLind].name = "Ana Lind";
  index.entities[kOkafor].name = "Maria Okafor";
  for (MergedEntity& e : index.entities) e.type = analyze::EntityType::kPerson;
  index.of_mention.assign(articles, {kLind, kOkafor});
  return index;
}

// How many quotations two articles quoting x and y make.
size_t QuotationsOf(const char* x, int x_speaker, const char* y, int y_speaker) {
  return MergeQuotes({{Quote(x, x_speaker)}, {Quote(y, y_speaker)}}, TwoPeople(2), {0, 1}).size();
}

// Two articles' quotations and their speakers.
struct QuotePair {
  const char* x;
  int x_speaker;
  const char* y;
  int y_speaker;
};

TEST(MergeQuotes, OneQuotationInTwoWordings) {
  const QuotePair kCases[] = {
      // Reworded by another outlet.
      {"We will not reopen the bridge until engineers have checked every cable", kLind,
       "We won't reopen the bridge until the engineers check every single cable", kLind},
      {"The council voted to freeze rents for two years across the district", kUnknown,
       "Council members voted to freeze district rents for two more years", kOkafor},
      // Truncated.
      {"The harbour will stay closed through the weekend while divers search the wreck", kLind,
       "The harbour will stay closed through the weekend", kUnknown},
      // A fragment inside the whole utterance.
      {"This plan is a reckless gamble with public money and we will fight it", kOkafor,
       "a reckless gamble with public money", kOkafor},
      {"serious, careful and sustained review", kUnknown,
       "The board wants the inquiry to be a serious, careful and sustained one", kLind},
      // Contractions spelled out or not.
      {"I'm proud of what the volunteers did tonight", kLind, "I am proud of what the volunteers did tonight",
       kUnknown},
      // Case and punctuation.
      {"if we have to wait, we will wait", kLind, "If we have to wait, we will wait.", kLind},
  };
  for (const QuotePair& c : kCases) EXPECT_EQ(QuotationsOf(c.x, c.x_speaker, c.y, c.y_speaker), 1u) << c.x << " | " << c.y;
}

TEST(MergeQuotes, TwoQuotationsThatLookAlike) {
  const QuotePair kCases[] = {
      // Common words only: "we", "have", "to", "do" repeated on one side.
      {"we have to do it, we have to do it", kUnknown,
       "What we have to do is talk to the other side before we do anything", kUnknown},
      {"I don't think we want to go there", kLind, "I don't think they want to know what we think", kLind},
      // Two people saying the same thing are two quotations.
      {"The ceasefire must hold and the talks must resume next week", kLind,
       "The ceasefire must hold and talks must resume next week", kOkafor},
      // One speaker's two remarks on one topic.
      {"The storm destroyed the pier and half the boats in the harbour", kLind,
       "We will rebuild the pier before the summer season, boats or no boats", kLind},
      // A place named in both counts once.
      {"The floods in Lower Saxony were a warning", kLind,
       "Lower Saxony must build higher dikes before the floods return", kLind},
  };
  for (const QuotePair& c : kCases) EXPECT_EQ(QuotationsOf(c.x, c.x_speaker, c.y, c.y_speaker), 2u) << c.x << " | " << c.y;
}

TEST(MergeQuotes, AFragmentJoinsTheWholeNotAnotherRemark) {
  // Three articles: the whole utterance, a fragment of it, and another remark of
  // the same speaker that shares the fragment's words but not the whole's.
  std::vector<std::vector<analyze::QuoteMention>> quotes = {
      {Quote("The dam is safe and the families can go home on Friday", kLind)},
      {Quote("the families can go home", kLind)},
      {Quote("Families who go home before the inspection do so at their own risk", kLind)},
  };
  std::vector<MergedQuote> merged = MergeQuotes(quotes, TwoPeople(3), {0, 1, 2});
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].articles, (std::set<size_t>{0, 1}));
  EXPECT_EQ(merged[0].speaker, kLind);
}

}  // namespace
}  // namespace crosscheck::relate
