// Near-duplicate machinery: shingling and signing an article, and the LSH index's
// inserts and queries at 100,000 articles, with the index's bytes per article.
//
// Documents are 350 pseudo-words (2 to 10 letters, as English stems are) drawn from
// a 20,000-word vocabulary: the size of a 2 KB article. The index holds the
// signatures of 100,000 such documents (made from random shingle sets, which sign
// the same way and are faster to make); queries are signatures of new documents,
// one in ten a near-copy (Jaccard about 0.8) of an indexed one.
//
//   build/bench/minhash_bench
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "relate/lsh_index.h"
#include "relate/minhash.h"

namespace {

using namespace crosscheck::relate;

constexpr size_t kWordsPerDoc = 350;
constexpr size_t kDocs = 1000;
constexpr size_t kIndexed = 100'000;
constexpr size_t kQueries = 10'000;

const std::vector<std::vector<std::string>>& Docs() {
  static const auto* docs = [] {
    std::mt19937_64 rng(1);
    std::vector<std::string> vocabulary(20'000);
    for (std::string& w : vocabulary) {
      const size_t length = 2 + rng() % 9;
      for (size_t i = 0; i < length; ++i) w.push_back(static_cast<char>('a' + rng() % 26));
    }
    auto* out = new std::vector<std::vector<std::string>>(kDocs);
    for (auto& d : *out)
      for (size_t i = 0; i < kWordsPerDoc; ++i) d.push_back(vocabulary[rng() % vocabulary.size()]);
    return out;
  }();
  return *docs;
}

std::vector<std::string_view> Views(const std::vector<std::string>& words) { return {words.begin(), words.end()}; }

std::vector<uint64_t> RandomShingles(std::mt19937_64& rng) {
  std::vector<uint64_t> s(kWordsPerDoc - 4);
  for (uint64_t& v : s) v = rng();
  return s;
}

struct IndexData {
  std::vector<Signature> indexed;
  std::vector<Signature> queries;
};

const IndexData& Data() {
  static const auto* data = [] {
    std::mt19937_64 rng(2);
    auto* d = new IndexData;
    std::vector<std::vector<uint64_t>> kept;  // shingles of every tenth indexed document
    for (size_t i = 0; i < kIndexed; ++i) {
      std::vector<uint64_t> s = RandomShingles(rng);
      d->indexed.push_back(Sign(s));
      if (i % (kIndexed / (kQueries / 10)) == 0) kept.push_back(std::move(s));
    }
    for (size_t q = 0; q < kQueries; ++q) {
      if (q % 10 == 0 && q / 10 < kept.size()) {
        // Replace one shingle in eleven: Jaccard 10/12 = 0.83.
        std::vector<uint64_t> s = kept[q / 10];
        for (size_t i = 0; i < s.size(); i += 11) s[i] = rng();
        d->queries.push_back(Sign(s));
      } else {
        d->queries.push_back(Sign(RandomShingles(rng)));
      }
    }
    return d;
  }();
  return *data;
}

void BM_Shingle(benchmark::State& state) {
  std::vector<std::vector<std::string_view>> docs;
  for (const auto& d : Docs()) docs.push_back(Views(d));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Shingles(docs[i++ % docs.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Shingle)->Name("BM_Shingle/350words");

void BM_MinHash(benchmark::State& state) {
  std::vector<std::vector<uint64_t>> shingles;
  for (const auto& d : Docs()) shingles.push_back(Shingles(Views(d)));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Sign(shingles[i++ % shingles.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_MinHash)->Name("BM_MinHash/350words");

// The worst case of densification: one shingle, 127 bins to fill by probing.
void BM_MinHash_OneShingle(benchmark::State& state) {
  std::vector<uint64_t> one = {0x0123'4567'89ab'cdefull};
  for (auto _ : state) benchmark::DoNotOptimize(Sign(one));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_MinHash_OneShingle)->Name("BM_MinHash/1shingle");

// From the words to the signature, as an ingest does (SignWords: no sort).
void BM_SignWords(benchmark::State& state) {
  std::vector<std::vector<std::string_view>> docs;
  for (const auto& d : Docs()) docs.push_back(Views(d));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(SignWords(docs[i++ % docs.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_SignWords)->Name("BM_SignWords/350words");

// A fresh index filled with 100,000 signatures per iteration; `reserve` presizes it.
void BM_LshInsert(benchmark::State& state, bool reserve) {
  const IndexData& data = Data();
  size_t bytes = 0;
  for (auto _ : state) {
    LshIndex index;
    if (reserve) index.Reserve(data.indexed.size());
    for (uint32_t i = 0; i < data.indexed.size(); ++i) benchmark::DoNotOptimize(index.Insert(i, data.indexed[i]));
    bytes = index.MemoryBytes();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * data.indexed.size()));
  state.counters["bytes/article"] = static_cast<double>(bytes) / static_cast<double>(data.indexed.size());
}
BENCHMARK_CAPTURE(BM_LshInsert, 100k, false)->Name("BM_LshInsert/100k")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LshInsert, 100k_reserved, true)->Name("BM_LshInsert/100k_reserved")->Unit(benchmark::kMillisecond);

void BM_LshQuery(benchmark::State& state) {
  const IndexData& data = Data();
  LshIndex index;
  for (uint32_t i = 0; i < data.indexed.size(); ++i) (void)index.Insert(i, data.indexed[i]);
  size_t q = 0, matches = 0;
  for (auto _ : state) {
    std::vector<LshMatch> m = index.Query(data.queries[q++ % data.queries.size()], 0.73);
    matches += m.size();
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["matches/query"] = static_cast<double>(matches) / static_cast<double>(state.iterations());
  state.counters["bytes/article"] = static_cast<double>(index.MemoryBytes()) / static_cast<double>(index.size());
}
BENCHMARK(BM_LshQuery)->Name("BM_LshQuery/100k");

}  // namespace
