// Story clustering on public data: B-cubed precision, recall and F1 (Bagga and
// Baldwin 1998) of crosscheck's online clustering against gold stories, and the
// same-story similarity of article pairs against human ratings.
//
//   build/eval/story_clustering [path/to/shared/data] [--shuffles N] [--join X] [--merge Y] [--window D]
//                               [--show-mixed]
//
// - DUC 2004 task 2: the 500 documents of the 50 clusters as one stream, fed in
//   publication order (DOCNO date, then DOCNO), each cluster a gold story; then
//   the same in N shuffled orders (seeds 1..N), to show how much the order matters.
// - wikiref220: 220 web articles of 16 topics (topic-level gold, no dates), in file
//   order and shuffled.
// - SemEval 2022 task 8 (the en-en sample): Pearson correlation of crosscheck's
//   article similarity with the "Overall" rating (1 = same, 4 = unrelated; so a
//   good similarity correlates negatively; the sign is flipped to report it).
//
// B-cubed: for each article, precision is the share of its story (as clustered)
// that is in its gold story, recall the share of its gold story in its story;
// both are averaged over articles and F1 is their harmonic mean.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include "analyze/entities.h"
#include "crosscheck/extract.h"
#include "eval/bcubed.h"
#include "eval/files.h"
#include "relate/story_clusterer.h"

namespace fs = std::filesystem;
using crosscheck::eval::ReadFile;

namespace {

bool g_show_mixed = false;  // --show-mixed: the stories that mix gold stories

struct Item {
  std::string name;
  std::vector<std::string> gold;  // one or more gold stories
  std::string sort_key;
  crosscheck::relate::StoryFeatures features;
};

crosscheck::eval::BCubed Cluster(const std::vector<Item>& items, const std::vector<size_t>& order,
                                 const crosscheck::relate::StoryClustererOptions& options, size_t* stories) {
  crosscheck::relate::StoryClusterer clusterer(options);
  std::vector<uint32_t> story(items.size());
  for (size_t i : order) story[i] = clusterer.Add(items[i].features);
  std::vector<std::vector<std::string>> gold;
  std::vector<std::string> got;
  for (size_t i = 0; i < items.size(); ++i) {
    gold.push_back(items[i].gold);
    got.push_back(std::to_string(clusterer.Resolve(story[i])));
  }
  if (stories) *stories = clusterer.Stories().size();
  if (g_show_mixed) {
    std::map<std::string, std::map<std::string, int>> comp;
    for (size_t i = 0; i < items.size(); ++i) comp[got[i]][items[i].gold[0]]++;
    for (auto& [c, m] : comp) {
      if (m.size() < 2) continue;
      std::printf("  story %s:", c.c_str());
      for (auto& [g, k] : m) std::printf(" %s=%d", g.c_str(), k);
      std::printf("\n");
    }
  }
  return crosscheck::eval::ScoreExtendedBCubed(gold, got);
}

void Report(const char* name, const std::vector<Item>& items, bool by_date, size_t shuffles,
            const crosscheck::relate::StoryClustererOptions& options) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  if (by_date)
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return items[x].sort_key < items[y].sort_key; });
  std::set<std::string> golds;
  for (const Item& it : items) golds.insert(it.gold.begin(), it.gold.end());
  size_t stories = 0;
  auto start = std::chrono::steady_clock::now();
  crosscheck::eval::BCubed b = Cluster(items, order, options, &stories);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-12s %4zu articles, %3zu gold stories | %s order: P %.4f R %.4f F1 %.4f, %zu stories (%.3f s)\n", name,
              items.size(), golds.size(), by_date ? "publication" : "file", b.precision, b.recall, b.f1, stories,
              seconds);
  double sum = 0, low = 1, high = 0;
  for (size_t s = 1; s <= shuffles; ++s) {
    std::mt19937 rng(static_cast<unsigned>(s));
    std::shuffle(order.begin(), order.end(), rng);
    crosscheck::eval::BCubed r = Cluster(items, order, options, &stories);
    sum += r.f1, low = std::min(low, r.f1), high = std::max(high, r.f1);
  }
  if (shuffles > 0)
    std::printf("%-12s %zu shuffled orders: F1 mean %.4f, min %.4f, max %.4f\n", "", shuffles, sum / shuffles, low,
                high);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data";
  size_t shuffles = 5;
  crosscheck::relate::StoryClustererOptions options;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--shuffles") == 0 && i + 1 < argc) {
      shuffles = static_cast<size_t>(std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--join") == 0 && i + 1 < argc) {
      options.join_threshold = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--merge") == 0 && i + 1 < argc) {
      options.merge_threshold = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--show-mixed") == 0) {
      g_show_mixed = true;
    } else if (std::strcmp(argv[i], "--window") == 0 && i + 1 < argc) {
      options.window_days = std::atoi(argv[++i]);
    } else {
      root = argv[i];
    }
  }
  if (!fs::exists(root / "duc2004_task2/docs")) {
    std::fprintf(stderr, "story_clustering: %s has no duc2004_task2/docs; pass the shared data folder\n",
                 root.c_str());
    return 1;
  }
  crosscheck::Result<crosscheck::Extractor> ex = crosscheck::Extractor::Create(crosscheck::ExtractOptions{});
  if (!ex.ok()) {
    std::fprintf(stderr, "story_clustering: %s\n", ex.status().ToString().c_str());
    return 1;
  }
  auto features = [&](const std::string& bytes, const std::string& name,
                      std::optional<crosscheck::Article>* keep = nullptr) -> std::optional<crosscheck::relate::StoryFeatures> {
    crosscheck::Result<crosscheck::Article> a = ex->Extract(bytes, name);
    if (!a.ok()) return std::nullopt;
    crosscheck::relate::StoryFeatures f =
        crosscheck::relate::FeaturesOf(*a, crosscheck::analyze::FindEntities(*a, ex->word_list()));
    if (keep) *keep = std::move(a).value();
    return f;
  };

  std::printf("Story clustering, B-cubed (join %.2f, merge %.2f, window %d days)\n\n", options.join_threshold,
              options.merge_threshold, options.window_days);
  // DUC 2004: one stream of 500 documents.
  // A document the gold puts in two clusters (11 of them) is one article with two
  // gold stories, as a store would hold it once.
  std::vector<Item> duc;
  std::map<std::string, size_t> by_docno;
  for (const auto& c : fs::directory_iterator(root / "duc2004_task2/docs")) {
    for (const auto& d : fs::directory_iterator(c.path())) {
      const std::string docno = d.path().filename().string(), cluster = c.path().filename().string();
      if (auto it = by_docno.find(docno); it != by_docno.end()) {
        duc[it->second].gold.push_back(cluster);
        continue;
      }
      std::optional<crosscheck::Article> article;
      std::optional<crosscheck::relate::StoryFeatures> f = features(ReadFile(d.path()), d.path().string(), &article);
      if (!f) continue;
      by_docno[docno] = duc.size();
      duc.push_back({docno, {cluster}, article->published.value_or("") + " " + docno, std::move(*f)});
    }
  }
  std::sort(duc.begin(), duc.end(), [](const Item& x, const Item& y) { return x.name < y.name; });
  for (Item& it : duc) std::sort(it.gold.begin(), it.gold.end());
  Report("DUC 2004", duc, true, shuffles, options);
  // wikiref220.
  std::vector<Item> wiki;
  std::ifstream labels(root / "wikiref220/labels.tsv");
  std::string line;
  std::getline(labels, line);
  while (std::getline(labels, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string file = line.substr(0, tab), topic = line.substr(tab + 1);
    std::optional<crosscheck::relate::StoryFeatures> f = features(ReadFile(root / "wikiref220/docs" / file), file);
    if (f) wiki.push_back({file, {topic}, file, std::move(*f)});
  }
  if (!wiki.empty()) Report("wikiref220", wiki, false, shuffles, options);

  // SemEval 2022 task 8, en-en: similarity against "Overall".
  std::vector<std::pair<double, double>> pairs;
  for (const char* file : {"training_set_en-en.csv", "testing_set_en-en.csv"}) {
    std::vector<std::vector<std::string>> rows = crosscheck::eval::ReadCsv(ReadFile(root / "semeval2022_task8_sample" / file));
    if (rows.empty()) continue;
    const std::vector<std::string>& header = rows[0];
    auto col = [&](const char* name) {
      return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const size_t t1 = col("text1"), t2 = col("text2"), overall = col("Overall");
    std::vector<crosscheck::relate::StoryFeatures> a, b;
    std::vector<double> gold;
    for (size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() <= std::max({t1, t2, overall})) continue;
      auto fa = features(rows[r][t1], "text1"), fb = features(rows[r][t2], "text2");
      if (!fa || !fb) continue;
      a.push_back(std::move(*fa));
      b.push_back(std::move(*fb));
      gold.push_back(std::atof(rows[r][overall].c_str()));
    }
    // Document frequencies from every text of the set, as a stream would have them.
    crosscheck::relate::StoryClusterer idf(options);
    for (size_t i = 0; i < a.size(); ++i) {
      idf.CountTerms(a[i]);
      idf.CountTerms(b[i]);
    }
    for (size_t i = 0; i < a.size(); ++i) pairs.emplace_back(idf.Similarity(a[i], b[i]), gold[i]);
  }
  if (!pairs.empty()) {
    std::printf("SemEval 2022 task 8 en-en sample: %zu pairs, Pearson r of similarity with -Overall: %.4f\n",
                pairs.size(), -crosscheck::eval::Pearson(pairs));
  }
  return 0;
}
