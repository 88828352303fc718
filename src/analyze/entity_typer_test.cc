#include "analyze/entity_typer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "pipeline/test_support.h"
#include "text/ascii.h"

namespace crosscheck::analyze {
namespace {

Article Read(const std::string& text) {
  Result<Article> a = testing_support::SharedExtractor().Extract(text, "t.txt");
  EXPECT_TRUE(a.ok()) << text;
  return a.ok() ? *a : Article();
}

std::vector<std::string> Found(const std::string& text) {
  std::vector<std::string> got;
  for (const EntityMention& e : FindEntities(Read(text), testing_support::SharedExtractor().word_list()))
    got.push_back(e.text + "/" + EntityTypeName(e.type));
  return got;
}

// The committed weights, on names no list knows: the words around a name type it.
TEST(EntityTyper, TypesNamesByTheirContext) {
  struct Case {
    const char* text;
    std::vector<std::string> entities;
  };
  const Case kCases[] = {
      // Scores after names: teams, not towns or people.
      {"Carrow 2 Dunmore 1; Pellston 0 Kellet 4; Ocala 1 Marrick 1.",
       {"Carrow/organization", "Dunmore/organization", "Pellston/organization", "Kellet/organization",
        "Ocala/organization", "Marrick/organization"}},
      {"Dana Whitcombe said the vote would be close. Whitcombe added that turnout was low.",
       {"Dana Whitcombe/person", "Whitcombe/person"}},
      {"Troops moved into Kellet province on Monday.", {"Kellet/location"}},
      // A capital that "said" speaks for its government; it is no person.
      {"Beijing said the visit would go ahead. Canberra said it would wait.",
       {"Beijing/location", "Canberra/location"}},
      {"The strike hit Ocala Mining Ltd on Friday.", {"Ocala Mining Ltd/organization"}},
      {"A spokesman for the Dunmore Liberal Party said it would not join.", {"Dunmore Liberal Party/organization"}},
      {"The Pellston Daily reported the fire.", {"Pellston Daily/organization"}},
      // A sentence-initial everyday word before "of" or "in" is not part of the name.
      {"Shares of Kellet Holdings rose 4 percent in Pellston.",
       {"Kellet Holdings/organization", "Pellston/location"}},
      {"Bank of Carrow officials met on Friday.", {"Bank of Carrow/organization"}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Found(c.text), c.entities) << c.text;
  // A subdivision named in two words is no person, however it opens a sentence.
  std::vector<std::string> got = Found("Sao Paulo and Rio de Janeiro were calm.");
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0], "Sao Paulo/location");
}

TEST(EntityTyper, FeaturesReadTheLineAndTheArticleButNotTheName) {
  Article a = Read("Dana Whitcombe said Carrow won. Whitcombe left for Pellston.");
  std::vector<EntityMention> m = FindEntitiesByRules(a, testing_support::SharedExtractor().word_list());
  ASSERT_EQ(m.size(), 4u);
  const EntityTypeFeatures features(a, m, testing_support::SharedExtractor().word_list());
  for (size_t i = 0; i < m.size(); ++i) {
    std::vector<std::string> f = features.Of(i);
    // The name's own words are never features (context words may be other names).
    std::string own = text::AsciiLowered(m[i].text);
    for (const std::string& feature : f)
      for (size_t b = 0, e; b < own.size(); b = e + 1) {
        e = std::min(own.find(' ', b), own.size());
        EXPECT_EQ(feature.find(own.substr(b, e - b)), std::string::npos) << m[i].text << ": " << feature;
      }
    auto has = [&](const std::string& x) { return std::find(f.begin(), f.end(), x) != f.end(); };
    EXPECT_TRUE(has(std::string("rule=") + EntityTypeName(m[i].type))) << m[i].text;
    if (m[i].text == "Whitcombe") {
      EXPECT_TRUE(has("surname_of_person"));
    }
    if (m[i].text == "Carrow") {
      EXPECT_TRUE(has("prev=said") && has("next=won"));
    }
    if (m[i].text == "Pellston") {
      EXPECT_TRUE(has("prev2=left_for"));
    }
    if (m[i].text == "Dana Whitcombe") {
      EXPECT_TRUE(has("next=said") && has("prev=<s>"));
    }
  }
}

}  // namespace
}  // namespace crosscheck::analyze
