// HTML article extraction: pages per second of crosscheck's HTML reader.
//
// BM_ReadHtml/benchmark_pages reads the 181 pages of the article extraction
// benchmark (../shared/data/article_extraction_benchmark, decompressed first; the
// benchmark is skipped when the data is absent); BM_ReadHtml/fixture reads the
// hand-made page of the tests. BM_HtmlStage/* time the stages alone on the
// benchmark pages: slimming the markup, and gumbo's parse of the slimmed pages.
//
//   build/bench/html_bench
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/compression.h"
#include "ingest/html_reader.h"
#include "ingest/html_slim.h"

namespace {

namespace fs = std::filesystem;
using namespace crosscheck;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::vector<std::string>& BenchmarkPages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    fs::path dir = fs::path(CROSSCHECK_SHARED_DIR) / "data/article_extraction_benchmark/html";
    if (!fs::exists(dir)) return out;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) out.push_back(ingest::Decompress(ReadFile(f), 1ull << 30).bytes);
    return out;
  }();
  return pages;
}

void RunPages(benchmark::State& state, const std::vector<std::string>& pages) {
  if (pages.empty()) {
    state.SkipWithError("../shared/data/article_extraction_benchmark not found");
    return;
  }
  size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  for (auto _ : state) {
    for (const std::string& p : pages) benchmark::DoNotOptimize(ingest::ReadHtml(p));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * pages.size()), benchmark::Counter::kIsRate);
}

void BM_ReadHtml_BenchmarkPages(benchmark::State& state) { RunPages(state, BenchmarkPages()); }
BENCHMARK(BM_ReadHtml_BenchmarkPages)->Name("BM_ReadHtml/benchmark_pages")->Unit(benchmark::kMillisecond);

void BM_ReadHtml_Fixture(benchmark::State& state) {
  RunPages(state, {ReadFile(fs::path(CROSSCHECK_SOURCE_DIR) / "src/ingest/testdata/harbour_page.html")});
}
BENCHMARK(BM_ReadHtml_Fixture)->Name("BM_ReadHtml/fixture")->Unit(benchmark::kMicrosecond);

void BM_Slim(benchmark::State& state) {
  const auto& pages = BenchmarkPages();
  if (pages.empty()) return state.SkipWithError("benchmark pages not found");
  for (auto _ : state) {
    for (const std::string& p : pages) benchmark::DoNotOptimize(ingest::SlimMarkup(p, 512).html);
  }
}
BENCHMARK(BM_Slim)->Name("BM_HtmlStage/slim")->Unit(benchmark::kMillisecond);

void BM_Gumbo(benchmark::State& state) {
  const auto& pages = BenchmarkPages();
  if (pages.empty()) return state.SkipWithError("benchmark pages not found");
  std::vector<std::string> slim;
  for (const std::string& p : pages) slim.push_back(ingest::SlimMarkup(p, 512).html);
  for (auto _ : state) {
    for (const std::string& p : slim) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, p.data(), p.size());
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
}
BENCHMARK(BM_Gumbo)->Name("BM_HtmlStage/gumbo_parse_of_slimmed")->Unit(benchmark::kMillisecond);

}  // namespace
