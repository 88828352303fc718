#include "eval/rouge.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "eval/files.h"

namespace crosscheck::eval {
namespace {

namespace fs = std::filesystem;

TEST(Rouge, TokenizesLikeRouge155) {
  RougeScorer rouge(RougeOptions{});
  EXPECT_EQ(rouge.Tokens("The U.S. troops' 150,000-strong build-up, Hun Sen's.", 0),
            (std::vector<std::string>{"the", "u", "s", "troop", "150", "000", "strong", "build", "up", "hun", "sen",
                                      "s"}));
  // Words of three letters or fewer are not stemmed; irregular forms take their WordNet
  // base; the limit counts words as written.
  EXPECT_EQ(rouge.Tokens("was running dogs, cats-and-mice here", 4),
            (std::vector<std::string>{"was", "run", "dog", "cat", "and", "mouse"}));  // WordNet: mice -> mouse
}

TEST(Rouge, HandMadeScores) {
  RougeOptions options;
  options.stem = false;
  RougeScorer rouge(options);
  // Summary "a b c d" against models "a b x" and "a c d": unigram hits 2 + 3 of 6.
  RougeScores s = rouge.Score("a1 b1 c1 d1", {"a1 b1 x1", "a1 c1 d1"});
  EXPECT_DOUBLE_EQ(s.recall[1], 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.precision[1], 5.0 / 8.0);
  // Bigrams: summary {a b, b c, c d}; models {a b, b x} and {a c, c d}: hits 1 + 1 of 4.
  EXPECT_DOUBLE_EQ(s.recall[2], 2.0 / 4.0);
  // Repeated words count at most as often as the model has them.
  EXPECT_DOUBLE_EQ(rouge.Score("a1 a1 a1", {"a1 b1"}).recall[1], 0.5);
  EXPECT_DOUBLE_EQ(rouge.Score("", {"a1 b1"}).recall[1], 0.0);
  // The word limit cuts the summary, never the models.
  options.word_limit = 2;
  RougeScorer limited(options);
  EXPECT_DOUBLE_EQ(limited.Score("a1 b1 c1 d1", {"c1 d1"}).recall[1], 0.0);
}

// The 13 published systems of DUC 2004 task 2, scored by our ROUGE, must match the
// official ROUGE-1.5.5 output within 0.1 point of recall.
TEST(Rouge, ReproducesRouge155OnDuc2004) {
  const fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data/duc2004_task2";
  if (!fs::exists(root)) GTEST_SKIP() << "../shared/data/duc2004_task2 is absent; ROUGE reproduction skipped";
  std::map<std::string, std::array<double, 3>> official =  // system -> [_, R-1, R-2]
      ReadRougeAverages(root / "sumrepo_reference_scores/rouge.res");
  ASSERT_EQ(official.size(), 13u);
  RougeScorer rouge(RougeOptions{});
  for (const auto& [system, expected] : official) {
    double sum1 = 0, sum2 = 0;
    int clusters = 0;
    for (const auto& entry : fs::directory_iterator(root / "sumrepo_peers")) {
      std::string name = entry.path().filename().string();
      if (name.substr(name.find('.') + 1) != system) continue;
      std::string cluster = name.substr(0, name.find('.'));
      std::vector<std::string> models;
      for (const auto& m : fs::directory_iterator(root / "models"))
        if (m.path().filename().string().rfind(cluster + ".", 0) == 0) models.push_back(ReadFile(m.path()));
      ASSERT_EQ(models.size(), 4u) << cluster;
      RougeScores s = rouge.Score(ReadFile(entry.path()), models);
      sum1 += s.recall[1];
      sum2 += s.recall[2];
      ++clusters;
    }
    ASSERT_EQ(clusters, 50) << system;
    EXPECT_NEAR(sum1 / clusters, expected[1], 0.001) << system << " ROUGE-1";
    EXPECT_NEAR(sum2 / clusters, expected[2], 0.001) << system << " ROUGE-2";
  }
}

}  // namespace
}  // namespace crosscheck::eval
