#include "relate/facts.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "pipeline/test_support.h"

namespace crosscheck::relate {
namespace {

Article Read(const std::string& text) { return testing_support::SharedExtractor().Extract(text, "t.txt").value(); }

TEST(FindQuantities, QualifiersMakeRanges) {
  struct Case {
    const char* text;
    const char* written;
    const char* noun;
    double low, high;
  };
  const double inf = std::numeric_limits<double>::infinity();
  const Case kCases[] = {
      {"Russia massed more than 150,000 troops at the border.", "more than 150,000", "troops", 150000, inf},
      {"About 4,200 residents were ordered to leave.", "About 4,200", "people", 3990, 4410},
      {"Authorities evacuated 3,800 people from the town.", "3,800", "people", 3800, 3800},
      {"The pipeline cost $11 billion to build.", "$11 billion", "dollars", 11e9, 11e9},
      {"The reservoir was at 97 percent of its capacity.", "97 percent", "percent", 97, 97},
      {"Up to 30 villages were flooded overnight.", "Up to 30", "villages", 0, 30},
  };
  for (const Case& c : kCases) {
    Article a = Read(c.text);
    std::vector<Quantity> q = FindQuantities(a, 0);
    ASSERT_EQ(q.size(), 1u) << c.text;
    EXPECT_EQ(q[0].written, c.written) << c.text;
    EXPECT_EQ(q[0].noun, c.noun) << c.text;
    EXPECT_NEAR(q[0].low, c.low, 1e-6 * std::max(1.0, c.low)) << c.text;
    if (std::isinf(c.high)) {
      EXPECT_TRUE(std::isinf(q[0].high)) << c.text;
    } else {
      EXPECT_NEAR(q[0].high, c.high, 1e-6 * std::max(1.0, c.high)) << c.text;
    }
  }
  // Years and days of dates are not quantities.
  EXPECT_TRUE(FindQuantities(Read("The dam was built in 1968 and repaired on February 23, 2009."), 0).empty());
}

TEST(FindQuantities, FractionsRangesConversionsWholesAndPlaces) {
  struct Case {
    const char* text;
    const char* written;
    const char* noun;
    double low, high;
    bool whole;
    const char* anchor;
  };
  const Case kCases[] = {
      // One figure, not "1" of something and "2 hours".
      {"The sailor survived 5 1-2 hours in the water before he was found.", "5 1-2", "hours", 5.5, 5.5, false, ""},
      {"The crossing took 3 3/4 days in all.", "3 3/4", "days", 3.75, 3.75, false, ""},
      // A range.
      {"Police said 10-15 people were hurt in the crush.", "10-15", "people", 10, 15, false, ""},
      // The conversion in parentheses is the same claim.
      {"The storm was 95 miles (152 kilometers) east of Port Carrow.", "95", "miles", 95, 95, false, "port carrow"},
      {"The town lies about 40 km from the border.", "about 40", "km", 38, 42, false, "border"},
      // A whole that parts are taken from; the part names no noun of its own here.
      {"The party won 64 of the 122 seats in the chamber.", "122", "seats", 122, 122, true, ""},
      {"All 40 passengers were rescued from the bus.", "40", "passengers", 40, 40, true, ""},
      // A count of two kinds is not a count of the first.
      {"The jet carried 239 passengers and crew on its last flight.", "239", "passengers and crew", 239, 239, false, ""},
      {"Officials said 60 people and their dogs were rescued.", "60", "people", 60, 60, false, ""},
  };
  for (const Case& c : kCases) {
    std::vector<Quantity> q = FindQuantities(Read(c.text), 0);
    ASSERT_EQ(q.size(), 1u) << c.text;
    EXPECT_EQ(q[0].written, c.written) << c.text;
    EXPECT_EQ(q[0].noun, c.noun) << c.text;
    EXPECT_NEAR(q[0].low, c.low, 1e-6 * std::max(1.0, c.low)) << c.text;
    EXPECT_NEAR(q[0].high, c.high, 1e-6 * std::max(1.0, c.high)) << c.text;
    EXPECT_EQ(q[0].whole, c.whole) << c.text;
    EXPECT_EQ(q[0].anchor, c.anchor) << c.text;
  }
}

TEST(FindQuantities, NamesAndConversionsAreNoFigures) {
  for (const char* text : {
           "A P-3 surveillance plane and an F-16 fighter joined the search.",  // names of models
           "The airline flew a Boeing 777 jet on the route.",
           "The search focused on seas some 2,500km (1,500 miles) southwest of the port.",  // a conversion
       })
    EXPECT_TRUE(FindQuantities(Read(text), 0).empty()) << text;
}

TEST(SameFigure, TheSameNumberWhateverTheQualifier) {
  auto first = [](const char* text) { return FindQuantities(Read(text), 0).at(0); };
  EXPECT_TRUE(SameFigure(first("About 4,200 people left."), first("Officials said 4,200 people left.")));
  EXPECT_TRUE(SameFigure(first("At least 60 people died."), first("Officials said 60 people died.")));
  EXPECT_FALSE(SameFigure(first("At least 60 people died."), first("Officials said 65 people died.")));
  // Fewer decimals may be the other figure rounded; whole numbers are exact.
  EXPECT_TRUE(SameFigure(first("The party won 12 percent of the vote."), first("The party won 12.3% of the vote.")));
  EXPECT_TRUE(SameFigure(first("The deal is worth $4 billion."), first("The deal is worth $4.2 billion.")));
  EXPECT_FALSE(SameFigure(first("Officials said 60 people died."), first("Officials said 64 people died.")));
}

struct Story {
  std::vector<Article> articles;
  std::vector<const Article*> ptrs;
  explicit Story(const std::vector<std::string>& texts) {
    for (const std::string& t : texts) articles.push_back(Read(t));
    for (const Article& a : articles) ptrs.push_back(&a);
  }
};

const char* kReport =
    "About 4,200 residents were evacuated from the town on Tuesday after engineers found a crack in the dam's "
    "spillway. The governor ordered the evacuation shortly after dawn as water rose behind the dam. Buses carried "
    "residents to shelters in two schools and a sports hall in the next town.";

TEST(FindNearDuplicates, ACopyWithSmallEditsPointsToItsOriginal) {
  std::string copy = std::string(kReport) + " The council opened an emergency line for residents who need help.";
  Story story({kReport, copy, "A different report about the weather in another country entirely, with rain."});
  std::vector<int> copy_of = FindNearDuplicates(story.ptrs);
  EXPECT_EQ(copy_of, (std::vector<int>{-1, 0, -1}));
}

// `count` made-up words, the `first`-th on, of consonants only (no stemmer suffix,
// no function word), each distinct: two texts share exactly the shingles (five
// words in a row) of the runs of words they share.
std::string MadeUpWords(int first, int count) {
  static const char kLetters[] = "bcdfghjklmnprtvwz";
  constexpr int kBase = sizeof(kLetters) - 1;
  std::string out;
  for (int i = first; i < first + count; ++i)
    out += std::string(out.empty() ? "" : " ") + "x" + kLetters[i / (kBase * kBase) % kBase] + kLetters[i / kBase % kBase] +
           kLetters[i % kBase];
  return out + ".";
}

TEST(FindNearDuplicates, CopiesAreTheLaterOfPairsContainedAtThreshold) {
  struct Case {
    const char* what;
    std::vector<std::string> texts;
    std::vector<const char*> published;  // "" for none
    std::vector<int> copy_of;
  };
  const std::string original = MadeUpWords(0, 14);  // 10 shingles
  const Case kCases[] = {
      {"6 of 10 shingles shared: contained at 0.6, a copy",
       {original, MadeUpWords(0, 10) + " " + MadeUpWords(100, 4)}, {}, {-1, 0}},
      {"5 of 10 shared: 0.5, not a copy", {original, MadeUpWords(0, 9) + " " + MadeUpWords(100, 5)}, {}, {-1, -1}},
      {"a short text within a long one is a copy of it", {MadeUpWords(0, 40), MadeUpWords(10, 8)}, {}, {-1, 0}},
      {"a long text holding half of a short one is not", {MadeUpWords(0, 20), MadeUpWords(5, 12) + " " + MadeUpWords(300, 30)},
       {}, {-1, -1}},
      {"two copies of one text both copy the first", {original, original, original}, {}, {-1, 0, 0}},
      {"the later publication is the copy", {original, original}, {"2025-03-12", "2025-03-11"}, {1, -1}},
      {"a text of fewer than five words has no shingle", {original, MadeUpWords(0, 4)}, {}, {-1, -1}},
      {"unrelated texts", {original, MadeUpWords(50, 14), MadeUpWords(80, 30)}, {}, {-1, -1, -1}},
  };
  for (const Case& c : kCases) {
    Story story(c.texts);
    for (size_t i = 0; i < c.published.size(); ++i)
      if (*c.published[i]) story.articles[i].published = c.published[i];
    EXPECT_EQ(FindNearDuplicates(story.ptrs), c.copy_of) << c.what;
  }
}

TEST(FindConflicts, ThousandsOfFiguresInOneArticleTakeLittleTime) {
  // Article 0's figures given 10,000 times over (as a table or run-on list would):
  // each group whose claims agree was formed again from each of its figures, time
  // quadratic in their number; only the first figures of a noun in an article count
  // now, and the conflict they hold is still found.
  Story story({std::string(kReport) + " The dam is 40 metres high and 300 metres long.",
               "Authorities evacuated 3,800 people from the town on Tuesday after a crack opened in the dam's "
               "spillway. The governor said the decision was the only responsible one."});
  StoryVectors vectors(story.ptrs, {});
  std::vector<int> group = {0, 1};
  std::vector<FactCluster> facts = AlignFacts(vectors, group, 0.42f);
  std::vector<Quantity> first = FindQuantities(story.articles[0], 0);
  ASSERT_GE(first.size(), 2u);
  std::vector<Quantity> quantities;
  for (int copy = 0; copy < 10000; ++copy) quantities.insert(quantities.end(), first.begin(), first.end());
  for (Quantity& q : FindQuantities(story.articles[1], 1)) quantities.push_back(q);
  auto start = std::chrono::steady_clock::now();
  std::vector<QuantityConflict> conflicts =
      FindConflicts(quantities, vectors, facts, group, std::vector<std::string>(2, "2025-03-11"));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 3.0);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].noun, "people");
  EXPECT_EQ(conflicts[0].claims.size(), 2u);
}

TEST(AlignFacts, ParaphrasesAlignAndFiguresConflict) {
  Story story({kReport,
               "Authorities evacuated 3,800 people from the town on Tuesday after a crack opened in the dam's "
               "spillway. The governor said the decision was the only responsible one.",
               "More than 150,000 troops massed along the border, officials said on Monday.",
               "Officials said on Monday that 150,000 troops massed along the border."});
  StoryVectors vectors(story.ptrs, {});
  std::vector<int> group = {0, 1, 2, 3};
  std::vector<FactCluster> facts = AlignFacts(vectors, group, 0.42f);
  bool troops_aligned = false;
  for (const FactCluster& f : facts) troops_aligned |= f.members.size() == 2 && f.members[0].article == 2 && f.support == 2;
  EXPECT_TRUE(troops_aligned);
  std::vector<Quantity> quantities;
  for (uint32_t i = 0; i < story.articles.size(); ++i)
    for (Quantity& q : FindQuantities(story.articles[i], i)) quantities.push_back(q);
  const std::vector<std::string> day(4, "2025-03-11");
  std::vector<QuantityConflict> conflicts = FindConflicts(quantities, vectors, facts, group, day);
  ASSERT_EQ(conflicts.size(), 1u);  // 4,200 vs 3,800 people; 150,000 and "more than 150,000" agree
  EXPECT_EQ(conflicts[0].noun, "people");
  ASSERT_EQ(conflicts[0].claims.size(), 2u);
  // Copies count once: the same disagreement from a copy of one side is no conflict.
  std::vector<int> same = {0, 0, 2, 3};
  EXPECT_TRUE(FindConflicts(quantities, vectors, facts, same, day).empty());
}

// The conflicts of a story of one-sentence-or-more articles, each its own source,
// published on the given days; `event_days` set the day each figure's sentence
// names (the briefer reads them from the dates).
std::vector<QuantityConflict> ConflictsOf(const std::vector<std::string>& texts, const std::vector<std::string>& days,
                                          const std::vector<std::string>& event_days = {},
                                          std::vector<int> group = {}) {
  // Other sentences of the story, as any story has: they make the shared terms
  // of the compared sentences rare.
  std::vector<std::string> all = texts;
  all.push_back(
      "The weather service expects calm seas by the weekend. Schools reopened in the capital on Thursday. "
      "Markets were closed for a public holiday. A new bridge opened to traffic across the river. "
      "The football season begins next month with a derby.");
  Story story(all);
  StoryVectors vectors(story.ptrs, {});
  if (group.empty())
    for (size_t i = 0; i < texts.size(); ++i) group.push_back(static_cast<int>(i));
  group.push_back(static_cast<int>(all.size()) - 1);
  std::vector<std::string> published = days;
  published.push_back(days.back());
  std::vector<FactCluster> facts = AlignFacts(vectors, group, kFactAlignment);
  std::vector<Quantity> quantities;
  for (uint32_t i = 0; i < story.articles.size(); ++i)
    for (Quantity& q : FindQuantities(story.articles[i], i)) {
      if (i < event_days.size()) q.event_date = event_days[i];
      quantities.push_back(q);
    }
  return FindConflicts(quantities, vectors, facts, group, published);
}

TEST(FindConflicts, ATotalAndAPartAreNoConflict) {
  EXPECT_TRUE(ConflictsOf({"The ruling party won 64 seats in the new parliament in the July election, officials said.",
                           "The ruling party won a majority of the 122 seats in the new parliament in the July "
                           "election, officials said."},
                          {"2024-07-30", "2024-07-30"})
                  .empty());
}

TEST(FindConflicts, DistancesConflictOnlyFromTheSamePlace) {
  const char* kFromPort = "The storm was 95 miles (152 km) east of Port Carrow on Tuesday, forecasters said.";
  const std::vector<std::string> day(2, "2024-09-10");
  EXPECT_TRUE(
      ConflictsOf({kFromPort, "The storm was 40 miles (64 km) south of Bellmore Island on Tuesday, forecasters said."}, day)
          .empty());
  // The same place, another distance: one conflict (the conversions add none).
  std::vector<QuantityConflict> c =
      ConflictsOf({kFromPort, "The storm was 60 miles (97 km) east of Port Carrow on Tuesday, forecasters said."}, day);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].noun, "miles");
  EXPECT_FALSE(c[0].updated);
}

TEST(FindConflicts, ALaterReportsNewFigureIsAnUpdate) {
  const std::vector<std::string> texts = {
      "Officials said 60 people were killed in the floods in the northern province.",
      "The floods in the northern province killed 85 people, officials said."};
  // Reported a day apart: the count was updated.
  std::vector<QuantityConflict> later = ConflictsOf(texts, {"2024-05-01", "2024-05-02"});
  ASSERT_EQ(later.size(), 1u);
  EXPECT_TRUE(later[0].updated);
  ASSERT_EQ(later[0].claims.size(), 2u);
  EXPECT_EQ(later[0].claims[0].written, "60");  // oldest first
  // Reported the same day: the sources dispute it.
  std::vector<QuantityConflict> same = ConflictsOf(texts, {"2024-05-02", "2024-05-02"});
  ASSERT_EQ(same.size(), 1u);
  EXPECT_FALSE(same[0].updated);
  // The old figure still given after the new one: disputed.
  std::vector<std::string> three = texts;
  three.push_back("Officials in the northern province said the floods killed 60 people.");
  std::vector<QuantityConflict> back = ConflictsOf(three, {"2024-05-01", "2024-05-02", "2024-05-03"});
  ASSERT_EQ(back.size(), 1u);
  EXPECT_FALSE(back[0].updated);
  // Reports of different days that date the event to the same day: disputed.
  std::vector<QuantityConflict> event =
      ConflictsOf(texts, {"2024-05-01", "2024-05-02"}, {"2024-04-30", "2024-04-30"});
  ASSERT_EQ(event.size(), 1u);
  EXPECT_FALSE(event[0].updated);
}

TEST(FindConflicts, FiguresOfDifferentThingsAreNoConflict) {
  const std::vector<std::string> day(2, "2024-05-02");
  // Sentences about one place and day, figures counting different things.
  EXPECT_TRUE(ConflictsOf({"Officials said 40 people were killed near the border villages of the northern province "
                           "on Monday.",
                           "The northern province, a territory of 800,000 people near the border, was calm on "
                           "Monday, officials said."},
                          day)
                  .empty());
  // Only "last year" around both: when, not what.
  EXPECT_TRUE(ConflictsOf({"The electoral commission of the northern province said on Monday that, according to its "
                           "records, 23 million voters registered last year.",
                           "The electoral commission of the northern province said on Monday that, in a separate "
                           "study, it had trained 4,000 voters last year."},
                          day)
                  .empty());
}

TEST(FindConflicts, ASourceGivingBothFiguresKnowsThemAsTwoThings) {
  // The second source gives the first one's figure too (before and after, or a
  // total and a part): no disagreement between them.
  EXPECT_TRUE(ConflictsOf({"Officials said 60 people were killed in the floods in the northern province.",
                           "The floods in the northern province killed 85 people, officials said. Earlier, "
                           "officials had said 60 people were killed in the floods in the province."},
                          {"2024-05-02", "2024-05-02"})
                  .empty());
}

TEST(FindConflicts, OneSourceHasNoConflict) {
  // Two versions of one agency story with different figures: one source.
  EXPECT_TRUE(ConflictsOf({"Officials said 60 people were killed in the floods in the northern province.",
                           "The floods in the northern province killed 85 people, officials said."},
                          {"2024-05-02", "2024-05-02"}, {}, {0, 0})
                  .empty());
}

}  // namespace
}  // namespace crosscheck::relate
