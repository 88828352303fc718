#include "relate/facts.h"

#include <gtest/gtest.h>

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
  std::vector<QuantityConflict> conflicts = FindConflicts(quantities, vectors, facts, group);
  ASSERT_EQ(conflicts.size(), 1u);  // 4,200 vs 3,800 people; 150,000 and "more than 150,000" agree
  EXPECT_EQ(conflicts[0].noun, "people");
  ASSERT_EQ(conflicts[0].claims.size(), 2u);
  // Copies count once: the same disagreement from a copy of one side is no conflict.
  std::vector<int> same = {0, 0, 2, 3};
  EXPECT_TRUE(FindConflicts(quantities, vectors, facts, same).empty());
}

}  // namespace
}  // namespace crosscheck::relate
