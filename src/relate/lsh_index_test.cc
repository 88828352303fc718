// LshIndex against brute force: the ids sharing a band computed by comparing the
// query with every signature, and the pairs of high exact Jaccard found by
// comparing every document with every other, on random documents with planted
// near-copies and on real articles (DUC 2004, when ../shared/data is there).
#include "relate/lsh_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "pipeline/test_support.h"

namespace crosscheck::relate {
namespace {

TEST(LshBanding, DefaultsGiveTwentyOneBandsOfSix) {
  const Banding b = ChooseBanding(0.8, 0.99, 128);
  EXPECT_EQ(b, (Banding{21, 6}));
  EXPECT_NEAR(CandidateProbability(0.8, b), 0.9983, 1e-4);
  EXPECT_LT(CandidateProbability(0.8, Banding{18, 7}), 0.99);  // the next longer band falls short
  EXPECT_NEAR(CandidateProbability(0.5, b), 0.2816, 1e-4);
  EXPECT_GT(CandidateProbability(0.9, b), 1 - 1e-6);
  EXPECT_LT(CandidateProbability(0.1, b), 1e-4);
  EXPECT_EQ(LshIndex().banding(), b);
}

TEST(LshBanding, ChoosesTheLongestBandsThatReachTheRecall) {
  for (size_t k : {16, 64, 100, 128, 256}) {
    for (double threshold : {0.5, 0.7, 0.8, 0.9}) {
      for (double recall : {0.9, 0.99, 0.999}) {
        const Banding b = ChooseBanding(threshold, recall, k);
        EXPECT_LE(b.bands * b.rows, k);
        EXPECT_EQ(b.bands, k / b.rows);
        if (b.rows > 1) {
          EXPECT_GE(CandidateProbability(threshold, b), recall) << k << " " << threshold;
        }
        const Banding longer{k / (b.rows + 1), b.rows + 1};
        if (longer.bands > 0) {
          EXPECT_LT(CandidateProbability(threshold, longer), recall) << k << " " << threshold << " " << recall;
        }
      }
    }
  }
}

Signature RandomSignature(std::mt19937_64& rng, size_t k = 128) {
  Signature s(k);
  for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
  return s;
}

// A copy of `s` with each value replaced with probability `p`.
Signature Perturbed(std::mt19937_64& rng, Signature s, double p) {
  std::bernoulli_distribution change(p);
  for (uint32_t& v : s)
    if (change(rng)) v = static_cast<uint32_t>(rng());
  return s;
}

TEST(LshIndex, RefusesSignaturesOfTheWrongSize) {
  LshIndex index;
  Status s = index.Insert(7, Signature(64, 1));
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("another MinHashOptions::num_hashes"), std::string::npos) << s.message();
  EXPECT_EQ(s.where(), "article 7");
  EXPECT_EQ(index.Insert(8, {}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.Candidates(Signature(64, 1)).empty());
  EXPECT_TRUE(index.Query({}, 0).empty());
  EXPECT_FALSE(index.Remove(7, Signature(64, 1)));
}

TEST(LshIndex, FindsACopyAndReportsItsEstimate) {
  std::mt19937_64 rng(1);
  LshIndex index;
  Signature a = RandomSignature(rng), b = RandomSignature(rng);
  Signature near_a = a;
  for (size_t i = 0; i < 128; i += 16) near_a[i] ^= 1;  // 8 of 128 differ: 120/128
  ASSERT_TRUE(index.Insert(10, a).ok());
  ASSERT_TRUE(index.Insert(20, b).ok());
  ASSERT_TRUE(index.Insert(30, a).ok());
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Candidates(a), (std::vector<uint32_t>{10, 30}));
  EXPECT_EQ(index.Candidates(near_a), (std::vector<uint32_t>{10, 30}));
  EXPECT_EQ(index.Query(near_a, 0.9), (std::vector<LshMatch>{{10, 120.0 / 128}, {30, 120.0 / 128}}));
  EXPECT_TRUE(index.Query(near_a, 0.95).empty());
  EXPECT_EQ(index.Query(b, 0.5), (std::vector<LshMatch>{{20, 1.0}}));
  EXPECT_TRUE(index.Candidates(RandomSignature(rng)).empty());
  // One id inserted twice is reported once, with its best estimate.
  ASSERT_TRUE(index.Insert(20, near_a).ok());
  EXPECT_EQ(index.Query(a, 0.5), (std::vector<LshMatch>{{10, 1.0}, {30, 1.0}, {20, 120.0 / 128}}));
  EXPECT_EQ(index.Query(b, 0.5), (std::vector<LshMatch>{{20, 1.0}}));
}

// The ids whose stored signature equals `query` on all rows of at least one band:
// what Candidates must return, computed by looking at every signature.
std::vector<uint32_t> SharingABand(const std::map<uint32_t, Signature>& live, const Signature& query, Banding b) {
  std::vector<uint32_t> ids;
  for (const auto& [id, s] : live) {
    for (size_t band = 0; band < b.bands; ++band) {
      auto first = s.begin() + static_cast<ptrdiff_t>(band * b.rows);
      if (std::equal(first, first + static_cast<ptrdiff_t>(b.rows), query.begin() + static_cast<ptrdiff_t>(band * b.rows))) {
        ids.push_back(id);
        break;
      }
    }
  }
  return ids;
}

TEST(LshIndex, CandidatesAreExactlyTheIdsSharingABandThroughInsertsAndRemoves) {
  std::mt19937_64 rng(2);
  LshIndex index;
  std::map<uint32_t, Signature> live;
  // Families of related signatures (some exact copies: long runs of one key in
  // the table), inserted in a shuffled order so that runs interleave.
  std::vector<std::pair<uint32_t, Signature>> all;
  for (uint32_t family = 0; family < 300; ++family) {
    Signature base = RandomSignature(rng);
    const size_t members = 1 + rng() % 8;
    for (size_t m = 0; m < members; ++m)
      all.emplace_back(static_cast<uint32_t>(all.size()), m % 3 == 2 ? base : Perturbed(rng, base, 0.02 + 0.1 * (m % 4)));
  }
  std::shuffle(all.begin(), all.end(), rng);
  auto check_all = [&](const char* when) {
    size_t extra = 0;
    for (const auto& [id, s] : all) {
      std::vector<uint32_t> got = index.Candidates(s), want = SharingABand(live, s, index.banding());
      ASSERT_TRUE(std::includes(got.begin(), got.end(), want.begin(), want.end())) << when << ": id " << id;
      extra += got.size() - want.size();
    }
    EXPECT_LE(extra, 2u) << when << ": spurious candidates (32-bit tag collisions) should be rare";
    EXPECT_EQ(index.size(), live.size());
  };
  for (const auto& [id, s] : all) {
    ASSERT_TRUE(index.Insert(id, s).ok());
    live[id] = s;
  }
  check_all("after inserting");
  // Remove two in three, in another order, then put half of them back.
  std::vector<std::pair<uint32_t, Signature>> order = all;
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<std::pair<uint32_t, Signature>> removed;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i % 3 == 0) continue;
    ASSERT_TRUE(index.Remove(order[i].first, order[i].second)) << order[i].first;
    EXPECT_FALSE(index.Remove(order[i].first, order[i].second)) << "removed twice: " << order[i].first;
    live.erase(order[i].first);
    removed.push_back(order[i]);
  }
  check_all("after removing");
  for (size_t i = 0; i < removed.size(); i += 2) {
    ASSERT_TRUE(index.Insert(removed[i].first, removed[i].second).ok());
    live[removed[i].first] = removed[i].second;
  }
  check_all("after inserting again");
  EXPECT_FALSE(index.Remove(999999, all[0].second));
}

TEST(LshIndex, ReserveKeepsMemoryAndAnswers) {
  std::mt19937_64 rng(3);
  LshIndex grown, reserved;
  reserved.Reserve(5000);
  const size_t reserved_bytes = reserved.MemoryBytes();
  std::vector<Signature> sigs;
  for (int i = 0; i < 5000; ++i) sigs.push_back(RandomSignature(rng));
  for (uint32_t i = 0; i < sigs.size(); ++i) {
    ASSERT_TRUE(grown.Insert(i, sigs[i]).ok());
    ASSERT_TRUE(reserved.Insert(i, sigs[i]).ok());
  }
  EXPECT_EQ(reserved.MemoryBytes(), reserved_bytes);
  // Signatures 512 bytes, ids 4, 21 entries of 8 bytes at a load of 3/8 to 3/4.
  EXPECT_GE(reserved.MemoryBytes() / 5000, 512u + 4 + 21 * 8);
  EXPECT_LE(reserved.MemoryBytes() / 5000, 512u + 4 + 21 * 8 * 8 / 3 + 8);
  for (uint32_t i = 0; i < sigs.size(); i += 97) {
    EXPECT_EQ(grown.Candidates(sigs[i]), std::vector<uint32_t>{i});
    EXPECT_EQ(reserved.Candidates(sigs[i]), std::vector<uint32_t>{i});
  }
}

// A document: its words, from a vocabulary of random "words" (numbers).
using Doc = std::vector<std::string>;

std::vector<std::string_view> Views(const Doc& d) { return {d.begin(), d.end()}; }

// A near-copy of `d`: a fraction `p` of its words replaced, and with probability
// 1/3 its last part (up to a fifth) dropped.
Doc NearCopy(std::mt19937_64& rng, const Doc& d, double p, size_t vocabulary) {
  Doc c = d;
  std::bernoulli_distribution change(p);
  for (std::string& w : c)
    if (change(rng)) w = std::to_string(rng() % vocabulary);
  if (rng() % 3 == 0) c.resize(c.size() - c.size() * (rng() % 20) / 100);
  return c;
}

struct PairCounts {
  size_t above_09 = 0, found_09 = 0, above_08 = 0, found_08 = 0, candidate_pairs = 0;
};

// Every pair of `shingles` compared exactly, against the index's candidates.
PairCounts CompareWithBruteForce(const std::vector<std::vector<uint64_t>>& shingles, const LshIndex& index,
                                 const std::vector<Signature>& sigs) {
  PairCounts c;
  std::vector<std::vector<uint32_t>> candidates(sigs.size());
  for (size_t i = 0; i < sigs.size(); ++i) {
    candidates[i] = index.Candidates(sigs[i]);
    c.candidate_pairs += candidates[i].size() - 1;  // itself
  }
  c.candidate_pairs /= 2;
  for (uint32_t i = 0; i < shingles.size(); ++i) {
    for (uint32_t j = i + 1; j < shingles.size(); ++j) {
      const double jaccard = ExactJaccard(shingles[i], shingles[j]);
      if (jaccard < 0.8) continue;
      const bool found = std::binary_search(candidates[i].begin(), candidates[i].end(), j);
      ++c.above_08;
      c.found_08 += found;
      if (jaccard >= 0.9) {
        ++c.above_09;
        c.found_09 += found;
        EXPECT_TRUE(found) << "documents " << i << " and " << j << " at exact Jaccard " << jaccard << " not found";
      }
    }
  }
  return c;
}

TEST(LshIndex, FindsThePairsThatBruteForceFindsOnRandomDocuments) {
  std::mt19937_64 rng(4);
  constexpr size_t kVocabulary = 3000, kOriginals = 600, kCopies = 400;
  std::vector<Doc> docs;
  for (size_t i = 0; i < kOriginals; ++i) {
    Doc d(150 + rng() % 150);
    for (std::string& w : d) w = std::to_string(rng() % kVocabulary);
    docs.push_back(std::move(d));
  }
  // Copies of originals and of copies, edited from nothing to 5% of the words
  // (each replaced word removes up to five shingles): exact Jaccard from 1 to 0.5.
  for (size_t i = 0; i < kCopies; ++i) {
    const Doc& source = docs[rng() % docs.size()];
    docs.push_back(NearCopy(rng, source, 0.05 * static_cast<double>(rng() % 1000) / 1000, kVocabulary));
  }
  std::vector<std::vector<uint64_t>> shingles;
  std::vector<Signature> sigs;
  LshIndex index;
  for (uint32_t i = 0; i < docs.size(); ++i) {
    shingles.push_back(Shingles(Views(docs[i])));
    sigs.push_back(Sign(shingles.back()));
    ASSERT_TRUE(index.Insert(i, sigs.back()).ok());
  }
  PairCounts c = CompareWithBruteForce(shingles, index, sigs);
  ASSERT_GE(c.above_08, 150u) << "the planted copies should make many pairs above 0.8";
  EXPECT_EQ(c.found_09, c.above_09);
  EXPECT_GE(static_cast<double>(c.found_08), 0.99 * static_cast<double>(c.above_08))
      << c.found_08 << " of " << c.above_08 << " pairs >= 0.8 found";
  const double all_pairs = static_cast<double>(docs.size() * (docs.size() - 1) / 2);
  EXPECT_LE(static_cast<double>(c.candidate_pairs), 0.002 * all_pairs)
      << c.candidate_pairs << " candidate pairs of " << all_pairs;
}

// DUC 2004 task 2: 500 real newswire articles in 50 clusters of one event each.
class LshDuc2004 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string root = testing_support::SharedPath("data/duc2004_task2/docs");
    if (!testing_support::Exists(root)) return;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
      if (e.is_regular_file()) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    articles_ = new std::vector<Article>;
    for (const std::string& f : files) articles_->push_back(testing_support::MustExtract(f));
  }
  static void TearDownTestSuite() {
    delete articles_;
    articles_ = nullptr;
  }
  void SetUp() override {
    if (articles_ == nullptr) GTEST_SKIP() << "../shared/data/duc2004_task2 is absent; DUC 2004 LSH tests skipped";
  }
  static std::vector<Article>* articles_;
};
std::vector<Article>* LshDuc2004::articles_ = nullptr;

// The text of `a` with a paragraph's worth of sentences left out (one to three
// after the first; the DUC articles are one paragraph each), a fraction `p` of its
// words changed, and the rest laid out as paragraphs of three sentences.
std::string EditedCopy(std::mt19937_64& rng, const Article& a, double p) {
  std::vector<std::string_view> sentences;
  for (const Sentence& s : a.sentences) sentences.push_back(a.Slice(s.span));
  if (sentences.size() > 6) {
    const size_t drop = 1 + rng() % 3, first = 1 + rng() % (sentences.size() - drop - 1);
    sentences.erase(sentences.begin() + static_cast<ptrdiff_t>(first),
                    sentences.begin() + static_cast<ptrdiff_t>(first + drop));
  }
  std::bernoulli_distribution change(p);
  std::string out;
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (s > 0) out += s % 3 == 0 ? "\n\n" : " ";
    std::string_view sentence = sentences[s];
    for (size_t i = 0; i < sentence.size();) {
      size_t end = sentence.find(' ', i);
      if (end == std::string_view::npos) end = sentence.size();
      if (i > 0) out += ' ';
      if (change(rng)) {
        out += "zqx";
        out += std::to_string(rng() % 1000);
      } else {
        out += sentence.substr(i, end - i);
      }
      i = end + 1;
    }
  }
  return out;
}

TEST_F(LshDuc2004, FindsPlantedCopiesAndReportsNoUnrelatedArticle) {
  const std::vector<Article>& articles = *articles_;
  ASSERT_GE(articles.size(), 400u);
  ExtractOptions plain;
  plain.read_layout = false;  // the copies are bare article text
  Result<Extractor> copier = Extractor::Create(plain);
  ASSERT_TRUE(copier.ok()) << copier.status().ToString();
  std::mt19937_64 rng(2004);
  std::vector<std::vector<uint64_t>> shingles;
  std::vector<Signature> sigs;
  LshIndex index;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    std::vector<std::string_view> stems = WordStems(articles[i]);
    shingles.push_back(Shingles(stems));
    sigs.push_back(Sign(shingles.back()));
    ASSERT_TRUE(index.Insert(i, sigs.back()).ok()) << articles[i].path;
  }
  // Copies of every fifth article: a few sentences dropped, 0 to 2% of words edited.
  std::vector<std::pair<uint32_t, uint32_t>> planted;  // original, copy
  for (uint32_t i = 0; i < articles.size(); i += 5) {
    Result<Article> copy = copier->Extract(EditedCopy(rng, articles[i], 0.02 * (i % 4) / 3), "copy");
    ASSERT_TRUE(copy.ok()) << copy.status().ToString();
    const auto id = static_cast<uint32_t>(shingles.size());
    shingles.push_back(Shingles(WordStems(*copy)));
    sigs.push_back(Sign(shingles.back()));
    ASSERT_TRUE(index.Insert(id, sigs.back()).ok());
    planted.emplace_back(i, id);
  }
  size_t planted_above = 0;
  for (auto [original, copy] : planted) {
    const double exact = ExactJaccard(shingles[original], shingles[copy]);
    if (exact < 0.8) continue;
    ++planted_above;
    std::vector<uint32_t> c = index.Candidates(sigs[copy]);
    EXPECT_TRUE(std::binary_search(c.begin(), c.end(), original))
        << articles[original].path << " and its copy (exact Jaccard " << exact << ") not candidates";
  }
  EXPECT_GE(planted_above, 50u) << "most light copies should stay above 0.8";
  // Among the real articles, every pair reported at an estimate of 0.8 is a real
  // near-duplicate (exact Jaccard well above unrelated articles' ~0), and every
  // pair of exact Jaccard >= 0.9 is reported.
  size_t reported = 0, unrelated_candidates = 0;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    for (uint32_t c : index.Candidates(sigs[i]))
      unrelated_candidates += c > i && c < articles.size() && ExactJaccard(shingles[i], shingles[c]) < 0.3;
    for (const LshMatch& m : index.Query(sigs[i], 0.8)) {
      if (m.id == i || m.id >= articles.size()) continue;
      ++reported;
      EXPECT_GE(ExactJaccard(shingles[i], shingles[m.id]), 0.6)
          << articles[i].path << " and " << articles[m.id].path << " reported at " << m.estimate;
    }
    for (uint32_t j = i + 1; j < articles.size(); ++j) {
      if (ExactJaccard(shingles[i], shingles[j]) < 0.9) continue;
      std::vector<uint32_t> c = index.Candidates(sigs[i]);
      EXPECT_TRUE(std::binary_search(c.begin(), c.end(), j)) << articles[i].path << " and " << articles[j].path;
    }
  }
  // P(0.3) = 0.015 and most pairs are near 0: unrelated candidates are rare.
  EXPECT_LE(unrelated_candidates, 5u);
  RecordProperty("reported_real_pairs", static_cast<int>(reported / 2));
  RecordProperty("unrelated_candidates", static_cast<int>(unrelated_candidates));
}

}  // namespace
}  // namespace crosscheck::relate
