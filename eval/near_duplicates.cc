// Near-duplicate detection at corpus scale (relate/minhash.h, relate/lsh_index.h)
// against exact Jaccard similarity over all pairs of a generated corpus.
//
//   build/eval/near_duplicates [path/to/shared/data/duc2004_task2] [--docs N] [--seed S] [--lsh-threshold T]
//
// --lsh-threshold sets the Jaccard the bands are tuned for (0.8 by default; the
// corpus mode's ingest uses 0.5, so that cut and edited copies are candidates too,
// and judges candidates by containment).
//
// The corpus: the sentences of the 500 DUC 2004 articles (read by crosscheck's
// Extractor) are a pool; each of N documents (20,000 by default) is a fresh draw of
// pool sentences until it holds at least 2 KB, in paragraphs of one to four
// sentences. A quarter of them get a planted near-copy (one in five of those copies
// a copy of an earlier copy): words substituted, words deleted, the end cut off,
// paragraphs reordered, or a mix, at a random strength, so that the exact Jaccard
// of planted pairs runs from 1 down to about 0.5, on both sides of 0.8. Every
// document goes through the Extractor (layout heuristics off: they are bare text)
// and its word stems make its 5-word shingles and its signature.
//
// The truth is exact, over all pairs: an inverted index from shingle to documents
// gives every pair sharing a shingle, and the pair's shared count gives its exact
// Jaccard; a pair sharing nothing has Jaccard 0. A random sample of pairs is
// compared again with ExactJaccard to check it. A pair is a near-duplicate when its
// exact Jaccard is at least 0.8.
//
// Detection: every signature in an LshIndex (21 bands of 6), then every document
// queried; candidate pairs are verified by their estimated Jaccard (at several
// minimum estimates), exactly (shingle sets compared), or by the estimate when it
// is clear and exactly when it is near the threshold. Prints recall and
// precision of both, the candidate recall by Jaccard band beside the banding's
// theory, and timings. A fixed seed makes every run the same.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "crosscheck/extract.h"
#include "eval/files.h"
#include "relate/lsh_index.h"
#include "relate/minhash.h"

namespace fs = std::filesystem;
using namespace crosscheck;

namespace {

constexpr size_t kMinDocBytes = 2048;
constexpr double kThreshold = 0.8;

// A reproducible generator whatever the standard library: std::mt19937_64 is
// specified to the bit, the distributions are not, so draws are done here.
struct Random {
  explicit Random(uint64_t seed) : engine(seed) {}
  size_t Below(size_t n) { return static_cast<size_t>(engine() % n); }
  double Uniform() { return static_cast<double>(engine() >> 11) * 0x1p-53; }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(i)]);
  }
  std::mt19937_64 engine;
};

using Paragraph = std::vector<std::string>;  // words
using Doc = std::vector<Paragraph>;

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  for (size_t i = 0; i < s.size();) {
    size_t end = s.find(' ', i);
    if (end == std::string_view::npos) end = s.size();
    if (end > i) words.emplace_back(s.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

std::string Text(const Doc& d) {
  std::string out;
  for (const Paragraph& p : d) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    for (size_t i = 0; i < p.size(); ++i) {
      if (i > 0) out += ' ';
      out += p[i];
    }
  }
  return out;
}

size_t WordCount(const Doc& d) {
  size_t n = 0;
  for (const Paragraph& p : d) n += p.size();
  return n;
}

struct Pool {
  std::vector<std::vector<std::string>> sentences;  // words
  std::vector<std::string> words;                   // every word of every sentence, for substitutions
};

Doc Generate(Random& rng, const Pool& pool) {
  Doc d;
  size_t bytes = 0;
  while (bytes < kMinDocBytes) {
    Paragraph p;
    for (size_t s = 1 + rng.Below(4); s > 0; --s) {
      const auto& sentence = pool.sentences[rng.Below(pool.sentences.size())];
      p.insert(p.end(), sentence.begin(), sentence.end());
      for (const std::string& w : sentence) bytes += w.size() + 1;
    }
    d.push_back(std::move(p));
  }
  return d;
}

void Substitute(Random& rng, const Pool& pool, Doc& d, double rate) {
  for (Paragraph& p : d)
    for (std::string& w : p)
      if (rng.Chance(rate)) w = pool.words[rng.Below(pool.words.size())];
}

void Delete(Random& rng, Doc& d, double rate) {
  for (Paragraph& p : d) std::erase_if(p, [&](const std::string&) { return rng.Chance(rate); });
}

// Drops the last `fraction` of the words.
void Truncate(Doc& d, double fraction) {
  size_t drop = static_cast<size_t>(fraction * static_cast<double>(WordCount(d)));
  while (drop > 0 && !d.empty()) {
    Paragraph& last = d.back();
    const size_t n = std::min(drop, last.size());
    last.resize(last.size() - n);
    drop -= n;
    if (last.empty()) d.pop_back();
  }
}

enum class Edit { kSubstitute, kDelete, kTruncate, kReorder, kMixed, kCount };
const char* EditName(Edit e) {
  static const char* kNames[] = {"substitute", "delete", "truncate", "reorder", "mixed"};
  return kNames[static_cast<size_t>(e)];
}

// A near-copy of `d` at strength u in [0, 1): Jaccard from 1 (u = 0) to about 0.5.
Doc NearCopy(Random& rng, const Pool& pool, Doc d, Edit edit, double u) {
  switch (edit) {
    case Edit::kSubstitute:  // each substituted word removes up to five shingles
      Substitute(rng, pool, d, 0.05 * u);
      break;
    case Edit::kDelete:
      Delete(rng, d, 0.05 * u);
      break;
    case Edit::kTruncate:  // the copy is inside the original: Jaccard ~ 1 - fraction
      Truncate(d, 0.4 * u);
      break;
    case Edit::kReorder:  // new shingles only across paragraph boundaries
      rng.Shuffle(d);
      Substitute(rng, pool, d, 0.03 * u);
      break;
    case Edit::kMixed:
    case Edit::kCount:
      Substitute(rng, pool, d, 0.02 * u);
      Delete(rng, d, 0.02 * u);
      Truncate(d, 0.15 * u);
      if (rng.Chance(0.5)) rng.Shuffle(d);
      break;
  }
  return d;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

uint64_t PairKey(uint32_t a, uint32_t b) { return uint64_t{std::min(a, b)} << 32 | std::max(a, b); }

struct Scored {
  uint64_t pair;
  double exact;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data/duc2004_task2";
  size_t originals = 20000;
  uint64_t seed = 2004;
  double lsh_threshold = 0.8;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--docs") == 0 && i + 1 < argc) {
      originals = static_cast<size_t>(std::atol(argv[++i]));
    } else if (std::strcmp(argv[i], "--lsh-threshold") == 0 && i + 1 < argc) {
      lsh_threshold = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = static_cast<uint64_t>(std::atoll(argv[++i]));
    } else {
      root = argv[i];
    }
  }
  if (!fs::exists(root / "docs")) {
    std::fprintf(stderr,
                 "near_duplicates: %s has no docs/; the sentence pool comes from the DUC 2004 task 2 "
                 "documents (../shared/data/duc2004_task2): pass that folder\n",
                 root.c_str());
    return 1;
  }
  Result<Extractor> reader = Extractor::Create(ExtractOptions{});
  ExtractOptions bare;
  bare.read_layout = false;  // generated documents have no header zone or furniture
  Result<Extractor> extractor = Extractor::Create(bare);
  if (!reader.ok() || !extractor.ok()) {
    std::fprintf(stderr, "near_duplicates: %s\n", (reader.ok() ? extractor.status() : reader.status()).ToString().c_str());
    return 1;
  }

  // The pool: distinct sentences of at least six words.
  Pool pool;
  size_t duc_articles = 0;
  {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root / "docs"))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::set<std::string> seen;
    for (const fs::path& f : files) {
      Result<Article> a = reader->Extract(eval::ReadFile(f), f.string());
      if (!a.ok()) {
        std::fprintf(stderr, "near_duplicates: skipped %s\n", a.status().ToString().c_str());
        continue;
      }
      ++duc_articles;
      for (const Sentence& s : a->sentences) {
        std::string text(a->Slice(s.span));
        std::replace(text.begin(), text.end(), '\n', ' ');
        std::vector<std::string> words = SplitWords(text);
        if (words.size() < 6 || !seen.insert(text).second) continue;
        pool.words.insert(pool.words.end(), words.begin(), words.end());
        pool.sentences.push_back(std::move(words));
      }
    }
  }
  if (pool.sentences.empty()) {
    std::fprintf(stderr, "near_duplicates: no sentences read from %s/docs\n", root.c_str());
    return 1;
  }

  // The corpus: originals, then the planted copies (each pair remembered).
  Random rng(seed);
  std::vector<Doc> docs;
  for (size_t i = 0; i < originals; ++i) docs.push_back(Generate(rng, pool));
  struct Planted {
    uint32_t source, copy;
    Edit edit;
  };
  std::vector<Planted> planted;
  const size_t copies = originals / 4;
  for (size_t c = 0; c < copies; ++c) {
    const bool of_copy = !planted.empty() && rng.Chance(0.2);
    const auto source = static_cast<uint32_t>(of_copy ? planted[rng.Below(planted.size())].copy : rng.Below(originals));
    const auto edit = static_cast<Edit>(rng.Below(static_cast<size_t>(Edit::kCount)));
    docs.push_back(NearCopy(rng, pool, docs[source], edit, rng.Uniform()));
    planted.push_back({source, static_cast<uint32_t>(docs.size() - 1), edit});
  }
  const size_t n = docs.size();

  // Extraction, shingles, signatures.
  std::vector<std::vector<uint64_t>> shingles(n);
  std::vector<relate::Signature> sigs(n);
  double extract_seconds = 0, shingle_seconds = 0, sign_seconds = 0;
  size_t text_bytes = 0, words = 0, shingle_count = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string text = Text(docs[i]);
    text_bytes += text.size();
    auto start = std::chrono::steady_clock::now();
    Result<Article> a = extractor->Extract(std::move(text), "generated/" + std::to_string(i));
    extract_seconds += Seconds(start);
    if (!a.ok()) {
      std::fprintf(stderr, "near_duplicates: generated document %zu: %s\n", i, a.status().ToString().c_str());
      return 1;
    }
    std::vector<std::string_view> stems = relate::WordStems(*a);
    words += stems.size();
    start = std::chrono::steady_clock::now();
    shingles[i] = relate::Shingles(stems);
    shingle_seconds += Seconds(start);
    start = std::chrono::steady_clock::now();
    sigs[i] = relate::SignWords(stems);
    sign_seconds += Seconds(start);
    shingle_count += shingles[i].size();
  }
  docs.clear();
  docs.shrink_to_fit();

  // The index, then one query per document.
  relate::LshIndex index(relate::LshOptions{relate::MinHashOptions{}.num_hashes, lsh_threshold, 0.99});
  auto start = std::chrono::steady_clock::now();
  index.Reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Status s = index.Insert(i, sigs[i]);
    if (!s.ok()) {
      std::fprintf(stderr, "near_duplicates: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  const double insert_seconds = Seconds(start);
  struct Candidate {
    uint64_t pair;
    double estimate;
  };
  std::vector<Candidate> candidates;
  start = std::chrono::steady_clock::now();
  for (uint32_t i = 0; i < n; ++i)
    for (const relate::LshMatch& m : index.Query(sigs[i], 0.0))
      if (m.id > i) candidates.push_back({PairKey(i, m.id), m.estimate});
  const double query_seconds = Seconds(start);
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.pair < b.pair; });

  // The truth: exact Jaccard of every pair sharing a shingle, through an inverted
  // index (postings sorted by shingle, then document); pairs of Jaccard >= 0.5 kept.
  start = std::chrono::steady_clock::now();
  std::vector<std::pair<uint64_t, uint32_t>> postings;
  postings.reserve(shingle_count);
  for (uint32_t d = 0; d < n; ++d)
    for (uint64_t s : shingles[d]) postings.emplace_back(s, d);
  std::sort(postings.begin(), postings.end());
  std::vector<size_t> run_start;  // postings of run r: [run_start[r], run_start[r + 1])
  std::vector<size_t> doc_offset(n + 1, 0);
  for (size_t d = 0; d < n; ++d) doc_offset[d + 1] = doc_offset[d] + shingles[d].size();
  std::vector<uint32_t> doc_runs(shingle_count);
  {
    std::vector<size_t> cursor(doc_offset.begin(), doc_offset.end() - 1);
    for (size_t p = 0; p < postings.size(); ++p) {
      if (p == 0 || postings[p].first != postings[p - 1].first) run_start.push_back(p);
      doc_runs[cursor[postings[p].second]++] = static_cast<uint32_t>(run_start.size() - 1);
    }
    run_start.push_back(postings.size());
  }
  std::vector<Scored> truth;  // pairs of exact Jaccard >= 0.5, sorted
  size_t sharing_pairs = 0;
  {
    std::vector<uint32_t> shared(n, 0), touched;
    for (uint32_t d = 0; d < n; ++d) {
      for (size_t k = doc_offset[d]; k < doc_offset[d + 1]; ++k) {
        const size_t r = doc_runs[k];
        for (size_t p = run_start[r]; p < run_start[r + 1]; ++p) {
          const uint32_t e = postings[p].second;
          if (e > d && shared[e]++ == 0) touched.push_back(e);
        }
      }
      sharing_pairs += touched.size();
      for (uint32_t e : touched) {
        const double j = static_cast<double>(shared[e]) /
                         static_cast<double>(shingles[d].size() + shingles[e].size() - shared[e]);
        if (j >= 0.5) truth.push_back({PairKey(d, e), j});
        shared[e] = 0;
      }
      touched.clear();
    }
  }
  const double truth_seconds = Seconds(start);
  postings = {};
  std::sort(truth.begin(), truth.end(), [](const Scored& a, const Scored& b) { return a.pair < b.pair; });
  auto truth_of = [&](uint64_t pair) {
    auto it = std::lower_bound(truth.begin(), truth.end(), pair, [](const Scored& s, uint64_t p) { return s.pair < p; });
    return it != truth.end() && it->pair == pair ? it->exact : -1.0;  // -1: below 0.5
  };

  // Checks of the truth: random pairs and every candidate, against ExactJaccard.
  size_t disagreements = 0;
  Random check(seed + 1);
  for (size_t s = 0; s < 200000; ++s) {
    const auto a = static_cast<uint32_t>(check.Below(n)), b = static_cast<uint32_t>(check.Below(n));
    if (a == b) continue;
    const double j = relate::ExactJaccard(shingles[a], shingles[b]), t = truth_of(PairKey(a, b));
    disagreements += t < 0 ? j >= 0.5 : t != j;
  }
  std::vector<double> candidate_exact(candidates.size());
  for (size_t c = 0; c < candidates.size(); ++c) {
    const auto a = static_cast<uint32_t>(candidates[c].pair >> 32), b = static_cast<uint32_t>(candidates[c].pair);
    candidate_exact[c] = relate::ExactJaccard(shingles[a], shingles[b]);
    const double t = truth_of(candidates[c].pair);
    disagreements += t < 0 ? candidate_exact[c] >= 0.5 : t != candidate_exact[c];
  }
  if (disagreements > 0) {
    std::fprintf(stderr, "near_duplicates: the inverted index and ExactJaccard disagree on %zu pairs (a bug)\n",
                 disagreements);
    return 1;
  }

  // Report.
  const relate::Banding banding = index.banding();
  std::printf("corpus: %zu documents (%zu generated from %zu DUC 2004 sentences of %zu articles, %zu planted "
              "copies), seed %llu\n",
              n, originals, pool.sentences.size(), duc_articles, copies, static_cast<unsigned long long>(seed));
  std::printf("        %.0f bytes, %.0f words, %.0f shingles per document on average\n",
              static_cast<double>(text_bytes) / static_cast<double>(n), static_cast<double>(words) / static_cast<double>(n),
              static_cast<double>(shingle_count) / static_cast<double>(n));
  std::vector<uint64_t> planted_pairs;
  for (const Planted& p : planted) planted_pairs.push_back(PairKey(p.source, p.copy));
  std::sort(planted_pairs.begin(), planted_pairs.end());
  std::printf("\nexact Jaccard of planted pairs (source, copy), by edit:\n  %-10s", "edit");
  static const double kBins[] = {0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
  for (size_t b = 0; b + 1 < std::size(kBins); ++b) std::printf("  %3.1f-%-3.1f", kBins[b], kBins[b + 1]);
  std::printf("  =1.0\n");
  for (size_t e = 0; e < static_cast<size_t>(Edit::kCount); ++e) {
    std::vector<size_t> bins(std::size(kBins), 0);
    for (const Planted& p : planted) {
      if (static_cast<size_t>(p.edit) != e) continue;
      const double j = relate::ExactJaccard(shingles[p.source], shingles[p.copy]);
      size_t b = 0;
      while (b + 1 < std::size(kBins) && j >= kBins[b + 1]) ++b;
      ++bins[b];
    }
    std::printf("  %-10s", EditName(static_cast<Edit>(e)));
    for (size_t b = 0; b < bins.size(); ++b) std::printf("  %7zu", bins[b]);
    std::printf("\n");
  }
  size_t above = 0, above_planted = 0;
  for (const Scored& s : truth) {
    if (s.exact < kThreshold) continue;
    ++above;
    above_planted += std::binary_search(planted_pairs.begin(), planted_pairs.end(), s.pair);
  }
  std::printf("truth (exact, all pairs via an inverted index): %zu pairs share a shingle; %zu pairs >= %.1f "
              "(%zu planted, %zu between copies of one source); checked on 200,000 random pairs and every candidate\n",
              sharing_pairs, above, kThreshold, above_planted, above - above_planted);

  // Candidates.
  std::printf("\nLSH: %zu bands of %zu rows of %zu values; %zu candidate pairs (%.2f per document, %.5f%% of all pairs)\n",
              banding.bands, banding.rows, relate::MinHashOptions{}.num_hashes, candidates.size(),
              2.0 * static_cast<double>(candidates.size()) / static_cast<double>(n),
              100.0 * static_cast<double>(candidates.size()) / (0.5 * static_cast<double>(n) * static_cast<double>(n - 1)));
  std::printf("  candidate recall by exact Jaccard (theory 1-(1-s^r)^b at the band's low end):\n");
  for (double low : {0.5, 0.6, 0.7, 0.8, 0.9}) {
    size_t in = 0, found = 0;
    for (const Scored& s : truth) {
      if (s.exact < low || s.exact >= low + 0.1 - 1e-12) continue;
      ++in;
      found += std::binary_search(candidates.begin(), candidates.end(), Candidate{s.pair, 0},
                                  [](const Candidate& a, const Candidate& b) { return a.pair < b.pair; });
    }
    std::printf("    %.1f-%.1f  %7zu pairs  %7zu candidates  recall %.4f  (theory >= %.4f)\n", low, low + 0.1, in,
                found, in ? static_cast<double>(found) / static_cast<double>(in) : 1.0,
                relate::CandidateProbability(low, banding));
  }
  std::vector<double> missed;
  for (const Scored& s : truth) {
    if (s.exact < kThreshold) continue;
    if (!std::binary_search(candidates.begin(), candidates.end(), Candidate{s.pair, 0},
                            [](const Candidate& a, const Candidate& b) { return a.pair < b.pair; }))
      missed.push_back(s.exact);
  }
  std::sort(missed.begin(), missed.end());
  std::printf("  pairs >= %.1f that are not candidates: %zu", kThreshold, missed.size());
  for (size_t i = 0; i < std::min<size_t>(missed.size(), 8); ++i) std::printf("%s%.3f", i ? ", " : " (Jaccard ", missed[i]);
  std::printf("%s\n", missed.empty() ? "" : missed.size() > 8 ? ", ...)" : ")");

  auto report = [&](const char* name, auto reported) {
    size_t tp = 0, fp = 0, below_075 = 0, above_085 = 0, found_085 = 0;
    for (size_t c = 0; c < candidates.size(); ++c) {
      if (!reported(c)) continue;
      if (candidate_exact[c] >= kThreshold) {
        ++tp;
      } else {
        ++fp;
        below_075 += candidate_exact[c] < 0.75;
      }
    }
    for (const Scored& s : truth) above_085 += s.exact >= 0.85;
    for (size_t c = 0; c < candidates.size(); ++c) found_085 += reported(c) && candidate_exact[c] >= 0.85;
    const size_t fn = above - tp;
    std::printf("  %-24s %7zu %7zu %7zu  %.4f  %.4f   %.4f  %7zu\n", name, tp, fp, fn,
                above ? static_cast<double>(tp) / static_cast<double>(above) : 1.0,
                tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0,
                above_085 ? static_cast<double>(found_085) / static_cast<double>(above_085) : 1.0, below_075);
  };
  std::printf("\nnear-duplicates (exact Jaccard >= %.1f): %zu pairs\n", kThreshold, above);
  std::printf("  %-24s %7s %7s %7s  %-6s  %-6s   %-6s  %7s\n", "verification", "TP", "FP", "FN", "recall", "precis",
              "R@0.85", "FP<0.75");
  for (double min_estimate : {0.70, 0.72, 0.75, 0.78, 0.80}) {
    char name[64];
    std::snprintf(name, sizeof name, "estimate >= %.2f", min_estimate);
    report(name, [&](size_t c) { return candidates[c].estimate >= min_estimate; });
  }
  report("exact (shingle sets)", [&](size_t c) { return candidate_exact[c] >= kThreshold; });
  // Estimates settle the clear cases, shingle sets the ones within about three
  // standard deviations (0.035 at 0.8) of the threshold.
  size_t uncertain = 0;
  auto clear_or_exact = [&](size_t c) {
    const double e = candidates[c].estimate;
    return e >= 0.9 || (e >= 0.7 && candidate_exact[c] >= kThreshold);
  };
  for (const Candidate& c : candidates) uncertain += c.estimate >= 0.7 && c.estimate < 0.9;
  report("estimate, exact if .7-.9", clear_or_exact);
  std::printf("  (R@0.85: recall of pairs >= 0.85; FP<0.75: reported pairs below 0.75. Exact verification has\n"
              "  precision 1 by construction: it applies the definition to the candidates. The last row\n"
              "  compares shingle sets for the %zu candidates (%.1f%%) estimated in [0.7, 0.9) only.)\n",
              uncertain, 100.0 * static_cast<double>(uncertain) / static_cast<double>(std::max<size_t>(1, candidates.size())));

  std::printf("\ntimings (one core):\n");
  std::printf("  extract + clean + segment  %8.1f MB/s  (%.0f documents/s)\n",
              static_cast<double>(text_bytes) / 1e6 / extract_seconds, static_cast<double>(n) / extract_seconds);
  std::printf("  shingle sets (sorted)      %8.0f documents/s\n", static_cast<double>(n) / shingle_seconds);
  std::printf("  signatures (SignWords)     %8.0f documents/s\n", static_cast<double>(n) / sign_seconds);
  std::printf("  LSH inserts                %8.0f /s\n", static_cast<double>(n) / insert_seconds);
  std::printf("  LSH queries (+ estimates)  %8.0f /s on %zu signatures\n", static_cast<double>(n) / query_seconds, n);
  std::printf("  exact all-pairs truth      %8.2f s\n", truth_seconds);
  std::printf("  index memory               %8.0f bytes per document (%zu bytes)\n",
              static_cast<double>(index.MemoryBytes()) / static_cast<double>(n), index.MemoryBytes());
  return 0;
}
