// A prepared article's cost: PrepareArticle (the per-article half of an ingest
// after extraction), and writing and reading its bytes (what a Dask worker sends
// the driver), on the articles of examples/story and examples/stream. Counters:
// the bytes per article and their ratio to the cleaned text.
//
//   build/bench/prepared_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "crosscheck/corpus.h"
#include "ingest/input_reader.h"

namespace {

using namespace crosscheck;

Briefer& SharedBriefer() {
  static Briefer* briefer = new Briefer(std::move(Briefer::Create(BriefOptions{})).value());
  return *briefer;
}

// The example articles, extracted, in input order.
const std::vector<Article>& Extracted() {
  static const std::vector<Article> articles = [] {
    std::vector<Article> out;
    ingest::DocumentEvents events;
    events.document = [&](ingest::Document doc) {
      Result<Article> a = SharedBriefer().extractor().Extract(std::move(doc.bytes), doc.where, doc.hints);
      if (a.ok()) out.push_back(std::move(a).value());
    };
    const std::string examples = std::string(CROSSCHECK_SOURCE_DIR) + "/examples/";
    ingest::ForEachDocument({examples + "story", examples + "stream"}, InputLimits{}, events);
    return out;
  }();
  return articles;
}

const std::vector<PreparedArticle>& Prepared() {
  static const std::vector<PreparedArticle> prepared = [] {
    std::vector<PreparedArticle> out;
    for (const Article& a : Extracted()) out.push_back(PrepareArticle(SharedBriefer(), a));
    return out;
  }();
  return prepared;
}

void SetArticleCounters(benchmark::State& state, size_t articles) {
  size_t text = 0, bytes = 0;
  for (const PreparedArticle& p : Prepared()) {
    text += p.article.text.size();
    bytes += PreparedArticleToBytes(p).size();
  }
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.counters["bytes/article"] = static_cast<double>(bytes) / static_cast<double>(Prepared().size());
  state.counters["bytes/text"] = static_cast<double>(bytes) / static_cast<double>(text);
}

void BM_Prepare(benchmark::State& state) {
  size_t articles = 0;
  for (auto _ : state) {
    for (const Article& a : Extracted()) {
      benchmark::DoNotOptimize(PrepareArticle(SharedBriefer(), a));
      ++articles;
    }
  }
  SetArticleCounters(state, articles);
}
BENCHMARK(BM_Prepare)->Name("BM_Prepare/examples")->Unit(benchmark::kMicrosecond);

void BM_PreparedToBytes(benchmark::State& state) {
  size_t articles = 0;
  for (auto _ : state) {
    for (const PreparedArticle& p : Prepared()) {
      benchmark::DoNotOptimize(PreparedArticleToBytes(p));
      ++articles;
    }
  }
  SetArticleCounters(state, articles);
}
BENCHMARK(BM_PreparedToBytes)->Name("BM_PreparedToBytes/examples")->Unit(benchmark::kMicrosecond);

void BM_PreparedFromBytes(benchmark::State& state) {
  std::vector<std::string> bytes;
  for (const PreparedArticle& p : Prepared()) bytes.push_back(PreparedArticleToBytes(p));
  size_t articles = 0, failed = 0;
  for (auto _ : state) {
    for (const std::string& b : bytes) {
      Result<PreparedArticle> p = PreparedArticleFromBytes(b);
      failed += !p.ok();
      benchmark::DoNotOptimize(p);
      ++articles;
    }
  }
  SetArticleCounters(state, articles);
  state.counters["failed"] = static_cast<double>(failed);
}
BENCHMARK(BM_PreparedFromBytes)->Name("BM_PreparedFromBytes/examples")->Unit(benchmark::kMicrosecond);

}  // namespace
