// Brief speed: from extracted articles to a finished Brief (analysis, relating,
// composing), the extraction itself excluded.
//
//   build/bench/brief_bench
//
// BM_Brief/example: the 6 articles of examples/story. BM_Brief/seeds: the 5 seeds
// in ../shared/seeds (skipped when absent). BM_Brief/Narticles (10, 100, 200, 1000,
// 3000): a story of N articles generated from the example (each article copied
// with its figures and some words varied, so that it is not an exact duplicate).
// BM_Brief/100articles_threads: the 100 with the analysis on one thread per core,
// as `crosscheck serve` builds a brief (wall time).
// BM_BriefHtml/...: rendering the finished brief of those stories as the HTML page
// (BriefToHtml) alone.
//
// BM_BriefHostile/...: the example story with one pathological article added,
// extraction included (the pathological part is mostly there): 30,000 quotation
// marks in one article, one 5 MB paragraph without a full stop, one sentence
// repeated 1,000 times.
//
// Every case reports peak_rss_MB, the process's peak resident memory so far
// (getrusage): run one case alone (--benchmark_filter='BM_Brief/1000articles$')
// for its own peak.
#include <sys/resource.h>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "crosscheck/brief.h"

namespace {

using namespace crosscheck;

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> TextsIn(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  if (!std::filesystem::exists(dir)) return {};
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(ReadFile(p));
  return out;
}

Briefer& SharedBriefer() {
  static Briefer* b = new Briefer(Briefer::Create(BriefOptions{}).value());
  return *b;
}

std::vector<Article> Extracted(const std::vector<std::string>& texts) {
  std::vector<Article> out;
  for (size_t i = 0; i < texts.size(); ++i) {
    Result<Article> a = SharedBriefer().extractor().Extract(texts[i], "bench" + std::to_string(i) + ".txt");
    if (a.ok()) out.push_back(std::move(a).value());
  }
  return out;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

std::vector<std::string> Generated(size_t n) {
  std::vector<std::string> originals = TextsIn(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/story");
  static const char* kVerbs[] = {"said", "told reporters", "added", "stated"};
  std::vector<std::string> out;
  for (size_t k = 0; k < n; ++k) {
    std::string a = originals[k % originals.size()];
    ReplaceAll(a, "4,200", std::to_string(4000 + (k % 7) * 50));
    ReplaceAll(a, " said.", std::string(" ") + kVerbs[k % 4] + ".");
    ReplaceAll(a, "on Tuesday", k % 3 ? "on Tuesday" : "early on Tuesday");
    out.push_back(std::move(a));
  }
  return out;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KB
}

void RunBrief(benchmark::State& state, const std::vector<std::string>& texts, const Briefer& briefer = SharedBriefer()) {
  if (texts.empty()) {
    state.SkipWithError("no input (is ../shared absent?)");
    return;
  }
  std::vector<Article> articles = Extracted(texts);
  for (auto _ : state) {
    std::vector<Article> copy = articles;
    Result<Brief> b = briefer.Build(std::move(copy));
    benchmark::DoNotOptimize(b);
  }
  state.counters["articles"] = static_cast<double>(articles.size());
  state.counters["peak_rss_MB"] = PeakRssMb();
}

void BM_Brief_Example(benchmark::State& state) {
  RunBrief(state, TextsIn(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/story"));
}
void BM_Brief_Seeds(benchmark::State& state) { RunBrief(state, TextsIn(std::string(CROSSCHECK_SHARED_DIR) + "/seeds")); }
void BM_Brief_10articles(benchmark::State& state) { RunBrief(state, Generated(10)); }
void BM_Brief_100articles(benchmark::State& state) { RunBrief(state, Generated(100)); }
void BM_Brief_200articles(benchmark::State& state) { RunBrief(state, Generated(200)); }
// The same with the analysis on one thread per core, as `crosscheck serve` builds.
void BM_Brief_100articlesThreads(benchmark::State& state) {
  BriefOptions options;
  options.analysis_threads = std::max(1u, std::thread::hardware_concurrency());
  static const Briefer* threaded = new Briefer(Briefer::Create(options).value());
  state.counters["threads"] = static_cast<double>(options.analysis_threads);
  RunBrief(state, Generated(100), *threaded);
}
void BM_Brief_1000articles(benchmark::State& state) { RunBrief(state, Generated(1000)); }
void BM_Brief_3000articles(benchmark::State& state) { RunBrief(state, Generated(3000)); }

// The example story and one hostile article after a plain header, from the raw
// texts to the brief.
void RunHostile(benchmark::State& state, const std::string& body) {
  std::vector<std::string> texts = TextsIn(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/story");
  texts.push_back("Title: Hostile report\nDate: 2025-03-12\nOutlet: Test Outlet\n\n"
                  "Engineers inspected the dam on Wednesday, officials said.\n\n" +
                  body + "\n");
  for (auto _ : state) {
    Result<Brief> b = SharedBriefer().Build(Extracted(texts));
    benchmark::DoNotOptimize(b);
  }
  state.counters["hostile_bytes"] = static_cast<double>(body.size());
  state.counters["peak_rss_MB"] = PeakRssMb();
}

// 15,000 quoted words in sentences of ten: 30,000 quotation marks.
void BM_BriefHostile_Quotes(benchmark::State& state) {
  std::string body;
  for (int i = 0; i < 15000; ++i) body += i % 10 == 9 ? "\"water,\" he said. " : "\"water\" ";
  RunHostile(state, body);
}
// Clauses joined by commas up to 5 MB: one paragraph, one sentence.
void BM_BriefHostile_Paragraph(benchmark::State& state) {
  static const char* kClauses[] = {"the river rose by 2 metres at the dam",
                                   "engineers from the water authority inspected the crack",
                                   "Governor Maria Okafor said residents would be safe",
                                   "buses carried 300 people to schools in Hollins"};
  std::string body;
  for (size_t i = 0; body.size() < (5u << 20); ++i) body += std::string(i ? ", and " : "") + kClauses[i % 4];
  RunHostile(state, body);
}
void BM_BriefHostile_Repeated(benchmark::State& state) {
  std::string body;
  for (int i = 0; i < 1000; ++i)
    body += "About 4,200 residents of Millbrook were ordered to leave their homes, officials said. ";
  RunHostile(state, body);
}

void RunBriefHtml(benchmark::State& state, const std::vector<std::string>& texts) {
  Result<Brief> b = SharedBriefer().Build(Extracted(texts));
  if (!b.ok()) {
    state.SkipWithError("no brief");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    std::string html = BriefToHtml(*b);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["page_bytes"] = static_cast<double>(bytes);
}

void BM_BriefHtml_Example(benchmark::State& state) {
  RunBriefHtml(state, TextsIn(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/story"));
}
void BM_BriefHtml_200articles(benchmark::State& state) { RunBriefHtml(state, Generated(200)); }

BENCHMARK(BM_Brief_Example)->Name("BM_Brief/example")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_Seeds)->Name("BM_Brief/seeds")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_10articles)->Name("BM_Brief/10articles")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_100articles)->Name("BM_Brief/100articles")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_200articles)->Name("BM_Brief/200articles")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_100articlesThreads)->Name("BM_Brief/100articles_threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_1000articles)->Name("BM_Brief/1000articles")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_3000articles)->Name("BM_Brief/3000articles")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BriefHostile_Quotes)->Name("BM_BriefHostile/quotes_30000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BriefHostile_Paragraph)->Name("BM_BriefHostile/paragraph_5MB")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BriefHostile_Repeated)->Name("BM_BriefHostile/repeated_sentence_1000")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BriefHtml_Example)->Name("BM_BriefHtml/example")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BriefHtml_200articles)->Name("BM_BriefHtml/200articles")->Unit(benchmark::kMillisecond);

}  // namespace
