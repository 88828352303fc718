// Shingles and MinHash against references that are obviously right: shingle
// counts worked out by hand, exact Jaccard of random sets of known overlap, and
// signature bytes read back.
#include "relate/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "pipeline/test_support.h"

namespace crosscheck::relate {
namespace {

// The space-separated words of `text`, pointing into it.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < text.size();) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

std::vector<uint64_t> ShinglesOf(std::string_view text, size_t k = 5) {
  MinHashOptions options;
  options.shingle_words = k;
  return Shingles(Words(text), options);
}

TEST(Shingle, CountsByHand) {
  static const struct {
    const char* text;
    size_t k;
    size_t count;
  } kCases[] = {
      {"", 5, 0},
      {"one", 5, 1},                                   // shorter than k: one shingle of all
      {"a b c d", 5, 1},
      {"a b c d e", 5, 1},
      {"a b c d e f", 5, 2},
      {"a b c d e a b c d e a b c d e", 5, 5},         // a repeated text adds nothing
      {"a a a a a a a a", 5, 1},
      {"a a a a a a a a", 1, 1},
      {"a b a b a b", 2, 2},                           // "a b", "b a"
      {"x y x y x y x", 3, 2},                         // "x y x", "y x y"
      {"a b c d e f g", 1, 7},
      {"a b c d e f g", 3, 5},
      {"a b c d e f g", 7, 1},
      {"a b c d e f g", 8, 1},
      {"a b c d e f g", 0, 7},                         // 0 words per shingle counts as 1
  };
  for (const auto& c : kCases) {
    std::vector<uint64_t> s = ShinglesOf(c.text, c.k);
    EXPECT_EQ(s.size(), c.count) << "\"" << c.text << "\" k=" << c.k;
    EXPECT_TRUE(std::is_sorted(s.begin(), s.end())) << c.text;
    EXPECT_EQ(std::adjacent_find(s.begin(), s.end()), s.end()) << c.text << ": a shingle repeated";
  }
}

TEST(Shingle, WordsOrderAndBoundariesMatter) {
  // The first 5-gram of a six-word text is the one shingle of its first five words.
  EXPECT_EQ(Containment(ShinglesOf("a b c d e"), ShinglesOf("a b c d e f")), 1.0);
  // A short text's one shingle is not a window of a longer text.
  EXPECT_EQ(ExactJaccard(ShinglesOf("a b c d"), ShinglesOf("a b c d e")), 0.0);
  EXPECT_NE(ShinglesOf("a b", 2), ShinglesOf("b a", 2));
  std::vector<std::string_view> ab_c = {"ab", "c"}, a_bc = {"a", "bc"};
  MinHashOptions two;
  two.shingle_words = 2;
  EXPECT_NE(Shingles(ab_c, two), Shingles(a_bc, two));
  // The same words give the same set; one changed word removes k shingles.
  const char* text = "the storm cut power to thousands of homes across the region on tuesday night";
  EXPECT_EQ(ShinglesOf(text), ShinglesOf(text));
  std::vector<uint64_t> edited = ShinglesOf("the storm cut power to thousands of houses across the region on tuesday night");
  EXPECT_EQ(ShinglesOf(text).size(), 10u);
  EXPECT_DOUBLE_EQ(ExactJaccard(ShinglesOf(text), edited), 5.0 / 15.0);
}

TEST(Shingle, SetIsTheUnionOfEveryWindowsShingle) {
  // A text of exactly k words is one shingle: its window's. The set of a longer
  // text is the sorted union of its windows' shingles, which checks the sort (a
  // bucket sort, with a fallback for texts of many repeated shingles).
  std::mt19937_64 rng(9);
  for (size_t vocabulary : {3, 10, 100000}) {
    for (size_t length : {5, 63, 64, 65, 300, 3000}) {
      std::vector<std::string> words(length);
      for (std::string& w : words) w = std::to_string(rng() % vocabulary);
      std::vector<std::string_view> views(words.begin(), words.end());
      std::vector<uint64_t> want;
      for (size_t i = 0; i + 5 <= length; ++i) {
        std::vector<uint64_t> one = Shingles(std::span(views).subspan(i, 5));
        ASSERT_EQ(one.size(), 1u);
        want.push_back(one[0]);
      }
      std::sort(want.begin(), want.end());
      want.erase(std::unique(want.begin(), want.end()), want.end());
      EXPECT_EQ(Shingles(views), want) << length << " words of a vocabulary of " << vocabulary;
    }
  }
}

TEST(Shingle, TwoShinglesRepeatedThousandsOfTimesInOneBucket) {
  // "x y x y ..." has two shingles, alternating. With words whose two shingles
  // share their top 11 bits, all 2,996 hashes of a 3,000-word text fall into one
  // bucket of the sort, the worst case of its insertion sort.
  auto one = [](std::string_view a, std::string_view b) {
    std::vector<std::string_view> w = {a, b, a, b, a};
    return Shingles(w)[0];
  };
  std::string x, y;
  for (int i = 0; i < 100000 && x.empty(); ++i) {
    std::string a(1, 'p'), b(1, 'q');
    a += std::to_string(i);
    b += std::to_string(i);
    if (one(a, b) >> 53 == one(b, a) >> 53) x = a, y = b;
  }
  ASSERT_FALSE(x.empty());
  std::vector<std::string_view> text;
  for (int i = 0; i < 1500; ++i) text.insert(text.end(), {x, y});
  const uint64_t s1 = one(x, y), s2 = one(y, x);
  EXPECT_EQ(Shingles(text), (std::vector<uint64_t>{std::min(s1, s2), std::max(s1, s2)}));
}

TEST(Shingle, WordStemsAreTheArticleWordTokens) {
  Result<Article> a =
      testing_support::SharedExtractor().Extract("Officials said the flooding closed roads. Officials say more rain is coming.", "t.txt");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  std::vector<std::string_view> stems = WordStems(*a);
  std::vector<std::string> got(stems.begin(), stems.end());
  EXPECT_EQ(got, (std::vector<std::string>{"offici", "said", "the", "flood", "close", "road", "offici", "say",
                                           "more", "rain", "is", "come"}));
}

TEST(MinHash, ExactJaccardAndContainmentByHand) {
  using Set = std::vector<uint64_t>;
  static const struct {
    Set a, b;
    double jaccard, containment;
  } kCases[] = {
      {{}, {}, 0, 0},
      {{1}, {}, 0, 0},
      {{1, 2}, {1, 2}, 1, 1},
      {{1, 2, 3}, {2, 3, 4}, 0.5, 2.0 / 3},
      {{1, 2, 3, 4}, {1, 2}, 0.5, 1},
      {{1, 3, 5}, {2, 4, 6}, 0, 0},
      {{5}, {1, 2, 3, 4, 5}, 0.2, 1},
  };
  for (const auto& c : kCases) {
    EXPECT_DOUBLE_EQ(ExactJaccard(c.a, c.b), c.jaccard);
    EXPECT_DOUBLE_EQ(ExactJaccard(c.b, c.a), c.jaccard);
    EXPECT_DOUBLE_EQ(Containment(c.a, c.b), c.containment);
    EXPECT_DOUBLE_EQ(Containment(c.b, c.a), c.containment);
  }
}

// Two random sets of sizes na and nb sharing `common` elements (distinct random
// 64-bit values), sorted.
struct SetPair {
  std::vector<uint64_t> a, b;
};
SetPair RandomPair(std::mt19937_64& rng, size_t na, size_t nb, size_t common) {
  std::set<uint64_t> seen;
  auto fresh = [&] {
    uint64_t v;
    do v = rng();
    while (!seen.insert(v).second);
    return v;
  };
  SetPair p;
  for (size_t i = 0; i < common; ++i) {
    uint64_t v = fresh();
    p.a.push_back(v);
    p.b.push_back(v);
  }
  for (size_t i = common; i < na; ++i) p.a.push_back(fresh());
  for (size_t i = common; i < nb; ++i) p.b.push_back(fresh());
  std::sort(p.a.begin(), p.a.end());
  std::sort(p.b.begin(), p.b.end());
  return p;
}

TEST(MinHash, EstimateTracksExactJaccardOnArticleSizedSets) {
  std::mt19937_64 rng(20260101);
  constexpr size_t kPairs = 2000, kK = 128;
  double sum_error = 0, sum_squared = 0, sum_variance = 0;
  size_t outside_2sd = 0, scored = 0;
  for (size_t p = 0; p < kPairs; ++p) {
    const size_t n = 150 + rng() % 400;
    const double target = static_cast<double>(p) / (kPairs - 1);  // 0 ... 1
    const auto common = static_cast<size_t>(std::lround(2 * n * target / (1 + target)));
    SetPair pair = RandomPair(rng, n, n, std::min(common, n));
    const double exact = ExactJaccard(pair.a, pair.b);
    ASSERT_DOUBLE_EQ(exact, static_cast<double>(std::min(common, n)) / static_cast<double>(2 * n - std::min(common, n)));
    const double estimate = EstimateJaccard(Sign(pair.a), Sign(pair.b));
    const double error = estimate - exact, variance = exact * (1 - exact) / kK;
    sum_error += error;
    sum_squared += error * error;
    sum_variance += variance;
    if (exact > 0.05 && exact < 0.95) {
      ++scored;
      const double z = error / std::sqrt(variance);
      EXPECT_LE(std::abs(z), 5.0) << "exact " << exact << " estimate " << estimate;
      outside_2sd += std::abs(z) > 2;
    }
  }
  // The mean error of 2000 estimates of sd ~0.035 has sd ~0.0008.
  EXPECT_LE(std::abs(sum_error / kPairs), 0.004);
  // The spread is that of MinHash, sqrt(J(1-J)/K), or a little less (bins drawn
  // without replacement).
  const double variance_ratio = sum_squared / sum_variance;
  EXPECT_LE(variance_ratio, 1.2);
  EXPECT_GE(variance_ratio, 0.5);
  EXPECT_LE(static_cast<double>(outside_2sd) / static_cast<double>(scored), 0.07);
}

TEST(MinHash, EstimateIsUnbiasedOnSmallSetsWithMostBinsEmpty) {
  // Sets far smaller than K: most bins are filled by densification.
  std::mt19937_64 rng(7);
  static const struct {
    size_t na, nb, common;
  } kCases[] = {{1, 1, 1}, {1, 2, 1}, {3, 3, 1}, {10, 10, 5}, {20, 30, 10}, {60, 60, 50}};
  constexpr size_t kPairs = 2000;
  for (const auto& c : kCases) {
    double sum = 0, sum_squared = 0, exact = 0;
    for (size_t p = 0; p < kPairs; ++p) {
      SetPair pair = RandomPair(rng, c.na, c.nb, c.common);
      exact = ExactJaccard(pair.a, pair.b);
      const double e = EstimateJaccard(Sign(pair.a), Sign(pair.b));
      sum += e;
      sum_squared += e * e;
    }
    const double mean = sum / kPairs;
    const double sd = std::sqrt(std::max(0.0, sum_squared / kPairs - mean * mean));
    EXPECT_NEAR(mean, exact, 4 * sd / std::sqrt(kPairs) + 1e-9)
        << c.na << " and " << c.nb << " elements, " << c.common << " shared";
  }
}

TEST(MinHash, IdenticalSetsEstimateOneDisjointZero) {
  std::mt19937_64 rng(11);
  for (size_t n : {1, 2, 5, 50, 127, 128, 129, 350, 2000}) {
    SetPair p = RandomPair(rng, n, n, 0);
    EXPECT_EQ(EstimateJaccard(Sign(p.a), Sign(p.a)), 1.0) << n;
    EXPECT_LE(EstimateJaccard(Sign(p.a), Sign(p.b)), 1.0 / 128) << n;
    EXPECT_EQ(Sign(p.a).size(), 128u);
  }
  EXPECT_TRUE(Sign({}).empty());
  EXPECT_EQ(EstimateJaccard({}, {}), 0.0);
  EXPECT_EQ(EstimateJaccard(Sign(std::vector<uint64_t>{1, 2}), Signature(64, 0)), 0.0);  // sizes differ
}

TEST(MinHash, SignatureIsAFunctionOfTheSetAndPinnedAcrossBuilds) {
  const char* text =
      "the river rose three metres overnight and the mayor ordered the low-lying districts evacuated before dawn";
  std::vector<std::string_view> words = Words(text);
  std::vector<uint64_t> shingles = Shingles(words);
  // Order and repeats of the shingles do not matter; SignWords is Sign(Shingles).
  std::vector<uint64_t> shuffled = shingles;
  shuffled.insert(shuffled.end(), shingles.begin(), shingles.begin() + 3);
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(3));
  EXPECT_EQ(Sign(shuffled), Sign(shingles));
  EXPECT_EQ(SignWords(words), Sign(shingles));
  MinHashOptions options;
  options.num_hashes = 64;
  options.shingle_words = 3;
  EXPECT_EQ(SignWords(words, options), Sign(Shingles(words, options), options));
  EXPECT_EQ(SignWords(words, options).size(), 64u);
  // Signatures are stored: these values pin the scheme (kSignatureVersion 1). If
  // they change, stored signatures are stale; bump kSignatureVersion.
  Signature s = Sign(shingles);
  ASSERT_EQ(s.size(), 128u);
  EXPECT_EQ(shingles.size(), 12u);
  EXPECT_EQ(shingles.front(), 445432516577446066u);
  EXPECT_EQ(s[0], 3864728353u);
  EXPECT_EQ(s[1], 2689002508u);
  EXPECT_EQ(s[127], 2135116693u);
}

TEST(MinHash, SignatureBytesRoundTrip) {
  std::mt19937_64 rng(5);
  for (size_t k : {1, 7, 128, 256}) {
    Signature s(k);
    for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
    std::string bytes = SignatureToBytes(s);
    ASSERT_EQ(bytes.size(), 4 * k);
    Result<Signature> back = SignatureFromBytes(bytes, k);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, s);
  }
  // Little-endian whatever the machine.
  EXPECT_EQ(SignatureToBytes(Signature{0x01020304u, 0xa0b0c0d0u}), std::string("\x04\x03\x02\x01\xd0\xc0\xb0\xa0", 8));
  Result<Signature> empty = SignatureFromBytes("", 128);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_TRUE(SignatureToBytes({}).empty());
}

TEST(MinHash, SignatureBytesOfTheWrongLengthAreRejected) {
  std::string blob = SignatureToBytes(Signature(128, 42));
  for (size_t cut : {1, 3, 4, 256, 511}) {
    Result<Signature> r = SignatureFromBytes(std::string_view(blob).substr(0, blob.size() - cut), 128);
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(r.status().message().find("need 512"), std::string::npos) << r.status().message();
  }
  EXPECT_FALSE(SignatureFromBytes(blob + "xxxx", 128).ok());
  EXPECT_FALSE(SignatureFromBytes(blob, 64).ok());
}

}  // namespace
}  // namespace crosscheck::relate
