// Extraction throughput: extract + clean + segment, in MB/s of input text.
//
// The corpus is generated from the bundled example story (examples/story): each
// article is copied with its names and figures varied, until it holds at least
// 100 MB. BM_Extract/corpus_100MB runs the whole pipeline on it; the BM_Stage/*
// benchmarks time each stage alone on the first 8 MB, to show where time goes.
//
//   build/bench/extract_bench --benchmark_filter=BM_Extract
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crosscheck/extract.h"
#include "ingest/text_layout.h"
#include "text/glue_repair.h"
#include "text/normalize.h"
#include "text/sentences.h"
#include "text/tokens.h"

namespace {

using namespace crosscheck;

// CROSSCHECK_BENCH_CORPUS_MB shrinks the corpus for instruction counting under
// callgrind (bench/README.md); the published figure uses the default 100 MB.
size_t CorpusTargetBytes() {
  const char* mb = std::getenv("CROSSCHECK_BENCH_CORPUS_MB");
  return (mb != nullptr && std::atoi(mb) > 0 ? static_cast<size_t>(std::atoi(mb)) : 100) << 20;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Replaces every occurrence of `from` in `s` with `to`.
void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> corpus = [] {
    std::vector<std::string> originals;
    for (const auto& e : std::filesystem::directory_iterator(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/story"))
      originals.push_back(ReadFile(e.path()));
    std::sort(originals.begin(), originals.end());
    static const char* kTowns[] = {"Millbrook", "Eastfield", "Harlow", "Kestrel Bay", "Dunmore", "Ashby"};
    static const char* kPeople[] = {"Okafor", "Lindqvist", "Moreau", "Tanaka", "Abara", "Novak"};
    std::vector<std::string> out;
    size_t bytes = 0;
    for (size_t k = 0; bytes < CorpusTargetBytes(); ++k) {
      std::string a = originals[k % originals.size()];
      ReplaceAll(a, "Millbrook", kTowns[(k / 6) % 6]);
      ReplaceAll(a, "Okafor", kPeople[(k / 36) % 6]);
      ReplaceAll(a, "4,200", std::to_string(1000 + k % 9000));
      bytes += a.size();
      out.push_back(std::move(a));
    }
    return out;
  }();
  return corpus;
}

void BM_Extract(benchmark::State& state, bool tokenize) {
  ExtractOptions options;
  options.tokenize = tokenize;
  Result<Extractor> extractor = Extractor::Create(options);
  if (!extractor.ok()) {
    state.SkipWithError(extractor.status().ToString().c_str());
    return;
  }
  const std::vector<std::string>& corpus = Corpus();
  size_t bytes = 0, articles = 0, failed = 0;
  for (auto _ : state) {
    for (const std::string& raw : corpus) {
      Result<Article> a = extractor->Extract(raw, "bench.txt");
      failed += !a.ok();
      benchmark::DoNotOptimize(a);
      bytes += raw.size();
      ++articles;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["articles/s"] = benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.counters["failed"] = static_cast<double>(failed);
}
BENCHMARK_CAPTURE(BM_Extract, corpus_100MB, true)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

// The machine's speed of the moment: counting words in the same corpus, a byte loop
// with no allocation. Shared machines vary by 2x from minute to minute; the ratio
// of BM_Extract to this baseline, measured in the same run, does not.
void BM_Baseline_CountWords(benchmark::State& state) {
  size_t bytes = 0, words = 0;
  for (auto _ : state) {
    for (const std::string& raw : Corpus()) {
      bool in_word = false;
      for (char c : raw) {
        bool space = c == ' ' || c == '\n';
        words += !space && !in_word;
        in_word = !space;
      }
      bytes += raw.size();
    }
  }
  benchmark::DoNotOptimize(words);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Baseline_CountWords)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);
BENCHMARK_CAPTURE(BM_Extract, corpus_100MB_no_tokens, false)->Unit(benchmark::kMillisecond)->Iterations(1);

// Stage by stage on the first 8 MB of the corpus.
constexpr size_t kStageBytes = 8u << 20;

template <typename Fn>
void RunStage(benchmark::State& state, Fn fn) {
  size_t bytes = 0;
  for (auto _ : state) {
    size_t done = 0;
    for (const std::string& raw : Corpus()) {
      if (done >= kStageBytes) break;
      fn(raw);
      done += raw.size();
    }
    bytes += done;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_Stage_Normalize(benchmark::State& state) {
  RunStage(state, [](const std::string& raw) {
    RepairCounts r;
    std::vector<std::string> w;
    benchmark::DoNotOptimize(text::Normalize(raw, r, w));
  });
}
BENCHMARK(BM_Stage_Normalize)->Unit(benchmark::kMillisecond);

void BM_Stage_Layout(benchmark::State& state) {
  RunStage(state, [](const std::string& raw) {
    RepairCounts r;
    benchmark::DoNotOptimize(ingest::ReadTextLayout(raw, r));
  });
}
BENCHMARK(BM_Stage_Layout)->Unit(benchmark::kMillisecond);

void BM_Stage_GlueRepair(benchmark::State& state) {
  static text::WordList* words = new text::WordList(text::WordList::Load(text::WordList::DefaultFiles()).value());
  text::GlueRepairer glue(words);
  RunStage(state, [&](const std::string& raw) {
    text::MappedText src = text::MappedText::Original(raw);
    text::MappedText out;
    text::DocumentVocabulary vocab;
    vocab.AddText(raw);
    RepairCounts r;
    glue.Apply(src, 0, src.size(), vocab, out, r);
    benchmark::DoNotOptimize(out);
  });
}
BENCHMARK(BM_Stage_GlueRepair)->Unit(benchmark::kMillisecond);

void BM_Stage_Sentences(benchmark::State& state) {
  RunStage(state, [](const std::string& raw) {
    benchmark::DoNotOptimize(text::SplitSentences(raw, {0, static_cast<uint32_t>(raw.size())}));
  });
}
BENCHMARK(BM_Stage_Sentences)->Unit(benchmark::kMillisecond);

void BM_Stage_Tokenize(benchmark::State& state) {
  text::Stemmer stemmer;
  std::string stems;
  RunStage(state, [&](const std::string& raw) {
    stems.clear();
    benchmark::DoNotOptimize(text::Tokenize(raw, {0, static_cast<uint32_t>(raw.size())}, stemmer, stems));
  });
}
BENCHMARK(BM_Stage_Tokenize)->Unit(benchmark::kMillisecond);

}  // namespace
