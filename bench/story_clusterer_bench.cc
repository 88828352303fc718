// Online story clustering at corpus scale: the cost of one Add in a store that
// already holds 100,000 articles in about 6,000 stories, and the clusterer's
// memory per article.
//
// The stream is generated: 120,000 articles over a year, in publication order,
// from stories of 1 to a few hundred articles (a geometric size, mean 20) that
// run for days to weeks. An article is 180 content words, the number a 2 KB
// article has after function words: a quarter from its story's 40 topic words and
// entities, a few words no other article has (names, figures), the rest from a
// 100,000-word background vocabulary with Zipf frequencies, so that common words
// are in every story's candidates as they are in news.
//
//   build/bench/story_clusterer_bench
//
// BM_StoryAdd/100k: Add() of articles 100,001 to 120,000 (the clusterer is filled
// with the first 100,000 before timing); counters give the clusterer's resident
// memory per article (RSS growth while filling) and the stories.
// BM_StoryAdd/stream_10k: a whole new stream of 10,000 articles per iteration.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <vector>

#include "relate/story_clusterer.h"

namespace {

using crosscheck::relate::StoryClusterer;
using crosscheck::relate::StoryFeatures;
using crosscheck::relate::TermId;

constexpr size_t kArticles = 120'000;
constexpr size_t kFill = 100'000;
constexpr size_t kVocabulary = 100'000;
constexpr size_t kWords = 180;

TermId Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x & 0xFFFFFFFFull;
}

struct Stream {
  std::vector<StoryFeatures> articles;  // in publication order
  size_t stories = 0;
};

const Stream& Generated() {
  static const Stream* stream = [] {
    std::mt19937_64 rng(7);
    // Zipf over the background vocabulary, by its cumulative distribution.
    std::vector<double> cdf(kVocabulary);
    double sum = 0;
    for (size_t r = 0; r < kVocabulary; ++r) cdf[r] = sum += 1.0 / static_cast<double>(r + 1);
    for (double& c : cdf) c /= sum;
    std::uniform_real_distribution<double> unit(0, 1);
    auto background = [&] {
      return static_cast<uint64_t>(std::lower_bound(cdf.begin(), cdf.end(), unit(rng)) - cdf.begin());
    };
    std::geometric_distribution<int> size(1.0 / 20);
    std::exponential_distribution<double> spread(1.0 / 5);
    uint64_t unique = 1ull << 40;  // words of one article only
    std::vector<std::pair<int32_t, StoryFeatures>> dated;
    auto* out = new Stream;
    while (dated.size() < kArticles) {
      ++out->stories;
      std::vector<uint64_t> topic;
      for (int i = 0; i < 30; ++i) topic.push_back(1000 + rng() % (kVocabulary - 1000));  // mid and rare words
      for (int i = 0; i < 10; ++i) topic.push_back(unique++);                              // its names
      const int32_t start = static_cast<int32_t>(rng() % 365);
      const int n = 1 + size(rng);
      for (int a = 0; a < n && dated.size() < kArticles; ++a) {
        std::map<uint64_t, float> tf;
        for (size_t w = 0; w < kWords; ++w) {
          const double u = unit(rng);
          const uint64_t word = u < 0.25 ? topic[rng() % topic.size()] : u < 0.28 ? unique++ : background();
          tf[word] += 1;
        }
        StoryFeatures f;
        double norm = 0;
        for (const auto& [word, count] : tf) {
          const float weight = 1.0f + std::log(count);
          f.terms.emplace_back(Mix(word), weight);
          norm += weight * weight;
        }
        for (auto& [t, w] : f.terms) w = static_cast<float>(w / std::sqrt(norm));
        std::sort(f.terms.begin(), f.terms.end());
        f.terms.erase(std::unique(f.terms.begin(), f.terms.end(),
                                  [](const auto& x, const auto& y) { return x.first == y.first; }),
                      f.terms.end());
        f.day = start + static_cast<int32_t>(spread(rng));
        dated.emplace_back(*f.day, std::move(f));
      }
    }
    std::stable_sort(dated.begin(), dated.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& [day, f] : dated) out->articles.push_back(std::move(f));
    return out;
  }();
  return *stream;
}

// Resident memory, in bytes.
double Rss() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * 4096.0;
}

void BM_StoryAdd_100k(benchmark::State& state) {
  const Stream& stream = Generated();
  const double before = Rss();
  StoryClusterer clusterer;
  // A store takes the changes once per transaction, say every 1,000 articles.
  for (size_t i = 0; i < kFill; ++i) {
    clusterer.Add(stream.articles[i]);
    if (i % 1000 == 999) benchmark::DoNotOptimize(clusterer.TakeChanges());
  }
  const double after = Rss();
  size_t next = kFill;
  for (auto _ : state) {
    benchmark::DoNotOptimize(clusterer.Add(stream.articles[next]));
    if (next % 1000 == 999) benchmark::DoNotOptimize(clusterer.TakeChanges());
    if (++next == stream.articles.size()) next = kFill;  // not reached: Iterations() below
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["rss_bytes_per_article"] = (after - before) / static_cast<double>(kFill);
  state.counters["stories"] = static_cast<double>(clusterer.Stories().size());
  state.counters["generated_stories"] = static_cast<double>(stream.stories);
}
BENCHMARK(BM_StoryAdd_100k)->Name("BM_StoryAdd/100k")->Iterations(20'000)->Unit(benchmark::kMicrosecond);

void BM_StoryAdd_Stream10k(benchmark::State& state) {
  const Stream& stream = Generated();
  for (auto _ : state) {
    StoryClusterer clusterer;
    for (size_t i = 0; i < 10'000; ++i) benchmark::DoNotOptimize(clusterer.Add(stream.articles[i]));
  }
  state.SetItemsProcessed(state.iterations() * 10'000);
}
BENCHMARK(BM_StoryAdd_Stream10k)->Name("BM_StoryAdd/stream_10k")->Unit(benchmark::kMillisecond);

}  // namespace
