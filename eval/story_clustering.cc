// Story clustering on public data: extended B-cubed precision, recall and F1
// (Amigo et al. 2009) of crosscheck's online clustering against gold stories, and
// the same-story similarity of article pairs against human ratings.
//
//   build/eval/story_clustering [path/to/shared/data] [--shuffles N] [--show-mixed]
//       [--join X] [--merge Y] [--window D] [--decay D] [--centroid N] [--index N] [--query N]
//       [--candidates N]        (StoryClustererOptions, to try settings; defaults are the library's)
//
// - DUC 2004 task 2: the documents of the 50 clusters as one stream, fed in
//   publication order (DOCNO date, then DOCNO), each cluster a gold story; then
//   the same in N shuffled orders (seeds 1..N), to show how much the order
//   matters. Settings are chosen on the "tuning half" (the first 25 cluster
//   folders in name order) and checked on the "held-out half" (the other 25),
//   which no setting was chosen on: each half as a stream of its
//   own, and each half's articles scored inside the whole stream of 50 (where
//   the other half's stories are there to be confused with, their labels unread).
//   Then what any partition can score against DUC's overlapping gold stories.
// - The bundled example stream (examples/story and examples/stream, gold in
//   examples/stories.tsv: 4 fictional stories), in file order and shuffled.
// - wikiref220: 220 web articles of 16 topics (topic-level gold, no dates), in file
//   order and shuffled.
// - SemEval 2022 task 8 (the en-en sample): Pearson correlation of crosscheck's
//   article similarity with the "Overall" rating (1 = same, 4 = unrelated; so a
//   good similarity correlates negatively; the sign is flipped to report it).
//
// Each stream of at most relate::kMaxPile articles is also scored with the pile
// pass (relate/pile_stories.h) after the online clusterer, as `brief` and
// `cluster` sort a pile and `ingest` a small store.
//
// B-cubed: for each article, precision is the share of its story (as clustered)
// that is in its gold story, recall the share of its gold story in its story;
// both are averaged over articles and F1 is their harmonic mean. The extended
// form scores the 11 DUC documents that the data put in two clusters.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include "analyze/entities.h"
#include "crosscheck/extract.h"
#include "eval/bcubed.h"
#include "eval/files.h"
#include "ingest/input_reader.h"
#include "relate/pile_stories.h"
#include "relate/story_clusterer.h"

namespace fs = std::filesystem;
using crosscheck::eval::ReadFile;
using crosscheck::relate::StoryClustererOptions;
using crosscheck::relate::StoryFeatures;

namespace {

bool g_show_mixed = false;  // --show-mixed: the stories that mix gold stories

struct Item {
  std::string name;
  std::vector<std::string> gold;  // one or more gold stories
  std::string sort_key;
  StoryFeatures features;
  // For the pile pass (relate/pile_stories.h): the article and its entities.
  std::shared_ptr<const crosscheck::Article> article;
  std::vector<crosscheck::analyze::EntityMention> entities;
};

// The articles of a stream, for the pile pass; empty when an item has none or the
// stream is larger than a pile.
struct Pile {
  std::vector<crosscheck::Article> articles;
  std::vector<std::vector<crosscheck::analyze::EntityMention>> entities;
};

Pile PileOf(const std::vector<Item>& items) {
  Pile pile;
  if (items.size() > crosscheck::relate::kMaxPile) return pile;
  for (const Item& it : items) {
    if (!it.article) return {};
    pile.articles.push_back(*it.article);
    pile.entities.push_back(it.entities);
  }
  return pile;
}

struct Outcome {
  std::vector<std::string> got;  // the story of each item
  size_t stories = 0;
  double seconds = 0;  // in Add() alone
};

// The online clusterer's stories, in `order`; then, with a pile, the pile pass.
Outcome Cluster(const std::vector<Item>& items, const std::vector<size_t>& order, const StoryClustererOptions& options,
                bool show_mixed, const Pile* pile = nullptr) {
  crosscheck::relate::StoryClusterer clusterer(options);
  std::vector<uint32_t> story(items.size());
  Outcome out;
  auto start = std::chrono::steady_clock::now();
  for (size_t i : order) story[i] = clusterer.Add(items[i].features);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (size_t i = 0; i < items.size(); ++i) out.got.push_back(std::to_string(clusterer.Resolve(story[i])));
  out.stories = clusterer.Stories().size();
  if (pile) {
    // As FindStories does: the stories in order of their first article.
    std::map<std::string, std::vector<size_t>> by_story;
    for (size_t i : order) by_story[out.got[i]].push_back(i);
    std::vector<std::vector<size_t>> start;
    for (auto& [id, members] : by_story) {
      std::sort(members.begin(), members.end());
      start.push_back(std::move(members));
    }
    const auto joined = crosscheck::relate::JoinPileStories(pile->articles, pile->entities, start);
    for (size_t s = 0; s < joined.size(); ++s)
      for (size_t i : joined[s]) out.got[i] = std::to_string(s);  // (a new label space)
    out.stories = joined.size();
  }
  if (show_mixed) {
    std::map<std::string, std::map<std::string, int>> composition;
    std::map<std::string, std::set<std::string>> split;
    for (size_t i = 0; i < items.size(); ++i) {
      composition[out.got[i]][items[i].gold[0]]++;
      split[items[i].gold[0]].insert(out.got[i]);
    }
    for (auto& [c, m] : composition) {
      if (m.size() < 2) continue;
      std::printf("    mixed story %s:", c.c_str());
      for (auto& [g, k] : m) std::printf(" %s=%d", g.c_str(), k);
      std::printf("\n");
    }
    for (auto& [g, stories] : split) {
      if (stories.size() < 2) continue;
      std::printf("    gold %s split:", g.c_str());
      for (const std::string& s : stories) std::printf(" %s=%d", s.c_str(), composition[s][g]);
      std::printf("\n");
    }
  }
  return out;
}

// A way to score one clustering: gold labels for each item (empty for an item
// this view does not score; see ScoreExtendedBCubedOfLabelled).
struct View {
  std::string name;
  std::vector<std::vector<std::string>> gold;
};

struct Figure {
  double own = 0, shuffled = 0;  // F1 in the stream's own order, mean F1 over shuffled orders
};

// Prints each view's figure in the stream's own order and shuffled.
std::vector<Figure> Report(const char* name, const std::vector<Item>& items, bool by_date, size_t shuffles,
                           const StoryClustererOptions& options, std::vector<View> views = {}) {
  if (views.empty()) {
    views.push_back({name, {}});
    for (const Item& it : items) views[0].gold.push_back(it.gold);
  }
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  if (by_date)
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return items[x].sort_key < items[y].sort_key; });
  Outcome o = Cluster(items, order, options, g_show_mixed);
  std::vector<Figure> figures(views.size());
  std::vector<crosscheck::eval::BCubed> sums(views.size());
  std::vector<double> low(views.size(), 1), high(views.size(), 0);
  for (size_t s = 1; s <= shuffles; ++s) {
    std::mt19937 rng(static_cast<unsigned>(s));
    std::shuffle(order.begin(), order.end(), rng);
    Outcome shuffled = Cluster(items, order, options, false);
    for (size_t v = 0; v < views.size(); ++v) {
      crosscheck::eval::BCubed b = crosscheck::eval::ScoreExtendedBCubedOfLabelled(views[v].gold, shuffled.got);
      sums[v].precision += b.precision, sums[v].recall += b.recall, sums[v].f1 += b.f1;
      low[v] = std::min(low[v], b.f1), high[v] = std::max(high[v], b.f1);
    }
  }
  // The same with the pile pass, as `brief` and `cluster` sort a pile of at most
  // relate::kMaxPile articles.
  const Pile pile = PileOf(items);
  auto report_pile = [&] {
    if (pile.articles.empty()) return;
    std::iota(order.begin(), order.end(), 0);
    if (by_date)
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t x, size_t y) { return items[x].sort_key < items[y].sort_key; });
    Outcome p = Cluster(items, order, options, false, &pile);
    double sum = 0, low_f1 = 1;
    for (size_t s = 1; s <= shuffles; ++s) {
      std::mt19937 rng(static_cast<unsigned>(s));
      std::shuffle(order.begin(), order.end(), rng);
      const double f1 = crosscheck::eval::ScoreExtendedBCubedOfLabelled(views[0].gold,
                                                                        Cluster(items, order, options, false, &pile).got).f1;
      sum += f1, low_f1 = std::min(low_f1, f1);
    }
    crosscheck::eval::BCubed b = crosscheck::eval::ScoreExtendedBCubedOfLabelled(views[0].gold, p.got);
    std::printf("%-26s with the pile pass: P %.4f R %.4f F1 %.4f, %zu stories", "", b.precision, b.recall, b.f1,
                p.stories);
    if (shuffles > 0)
      std::printf("; %zu shuffled orders: F1 mean %.4f, min %.4f", shuffles, sum / static_cast<double>(shuffles), low_f1);
    std::printf("\n");
  };
  for (size_t v = 0; v < views.size(); ++v) {
    std::set<std::string> golds;
    size_t labelled = 0;
    for (const auto& g : views[v].gold) golds.insert(g.begin(), g.end()), labelled += !g.empty();
    crosscheck::eval::BCubed b = crosscheck::eval::ScoreExtendedBCubedOfLabelled(views[v].gold, o.got);
    std::printf("%-26s %4zu articles, %2zu gold | %s order: P %.4f R %.4f F1 %.4f", views[v].name.c_str(), labelled,
                golds.size(), by_date ? "publication" : "file", b.precision, b.recall, b.f1);
    if (v == 0)
      std::printf(", %zu stories, %.1f us/article", o.stories, 1e6 * o.seconds / static_cast<double>(items.size()));
    std::printf("\n");
    const double n = static_cast<double>(shuffles);
    if (shuffles > 0)
      std::printf("%-26s %zu shuffled orders: P %.4f R %.4f F1 mean %.4f, min %.4f, max %.4f\n", "", shuffles,
                  sums[v].precision / n, sums[v].recall / n, sums[v].f1 / n, low[v], high[v]);
    figures[v] = {b.f1, shuffles > 0 ? sums[v].f1 / n : b.f1};
    if (v == 0) report_pile();
  }
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data";
  size_t shuffles = 10;
  StoryClustererOptions options;
  for (int i = 1; i < argc; ++i) {
    auto next = [&]() -> const char* {
      if (i + 1 < argc) return argv[++i];
      std::fprintf(stderr, "story_clustering: %s needs a value\n", argv[i]);
      std::exit(2);
    };
    if (std::strcmp(argv[i], "--shuffles") == 0) {
      shuffles = static_cast<size_t>(std::atoi(next()));
    } else if (std::strcmp(argv[i], "--join") == 0) {
      options.join_threshold = std::atof(next());
    } else if (std::strcmp(argv[i], "--merge") == 0) {
      options.merge_threshold = std::atof(next());
    } else if (std::strcmp(argv[i], "--window") == 0) {
      options.window_days = std::atoi(next());
    } else if (std::strcmp(argv[i], "--decay") == 0) {
      options.time_decay_days = std::atof(next());
    } else if (std::strcmp(argv[i], "--index") == 0) {
      options.index_terms = static_cast<size_t>(std::atoi(next()));
    } else if (std::strcmp(argv[i], "--query") == 0) {
      options.query_terms = static_cast<size_t>(std::atoi(next()));
    } else if (std::strcmp(argv[i], "--centroid") == 0) {
      options.centroid_terms = static_cast<size_t>(std::atoi(next()));
    } else if (std::strcmp(argv[i], "--candidates") == 0) {
      options.max_candidates = static_cast<size_t>(std::atoi(next()));
    } else if (std::strcmp(argv[i], "--show-mixed") == 0) {
      g_show_mixed = true;
    } else if (argv[i][0] == '-') {
      std::fprintf(stderr, "story_clustering: unknown option %s\n", argv[i]);
      return 2;
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
  auto features = [&](std::string bytes, const std::string& name) -> std::optional<StoryFeatures> {
    crosscheck::Result<crosscheck::Article> a = ex->Extract(std::move(bytes), name, {});
    if (!a.ok()) return std::nullopt;
    return crosscheck::relate::FeaturesOf(*a, crosscheck::analyze::FindEntities(*a, ex->word_list()));
  };
  // An item that keeps its article for the pile pass.
  auto item = [&](std::string bytes, const std::string& name, const crosscheck::ArticleHints& hints, Item it)
      -> std::optional<Item> {
    crosscheck::Result<crosscheck::Article> a = ex->Extract(std::move(bytes), name, hints);
    if (!a.ok()) return std::nullopt;
    it.entities = crosscheck::analyze::FindEntities(*a, ex->word_list());
    it.features = crosscheck::relate::FeaturesOf(*a, it.entities);
    if (it.sort_key.empty()) it.sort_key = a->published.value_or("") + " " + it.name;
    it.article = std::make_shared<const crosscheck::Article>(std::move(a).value());
    return it;
  };

  std::printf("Story clustering, extended B-cubed (join %.3f, merge %.3f, window %d days, decay %.1f days)\n\n",
              options.join_threshold, options.merge_threshold, options.window_days, options.time_decay_days);
  // DUC 2004. A document the gold puts in two clusters (11 of them) is one article
  // with two gold stories, as a store would hold it once.
  std::vector<Item> duc;
  std::map<std::string, size_t> by_docno;
  std::vector<std::string> clusters;
  for (const auto& c : fs::directory_iterator(root / "duc2004_task2/docs")) clusters.push_back(c.path().filename());
  std::sort(clusters.begin(), clusters.end());
  for (const std::string& cluster : clusters) {
    for (const auto& d : fs::directory_iterator(root / "duc2004_task2/docs" / cluster)) {
      const std::string docno = d.path().filename().string();
      if (auto it = by_docno.find(docno); it != by_docno.end()) {
        duc[it->second].gold.push_back(cluster);
        continue;
      }
      Item blank;
      blank.name = docno;
      blank.gold = {cluster};
      std::optional<Item> it = item(ReadFile(d.path()), d.path().string(), {}, std::move(blank));
      if (!it) continue;
      by_docno[docno] = duc.size();
      duc.push_back(std::move(*it));
    }
  }
  std::sort(duc.begin(), duc.end(), [](const Item& x, const Item& y) { return x.name < y.name; });
  // The halves: a document of two clusters goes to each half that holds one of
  // them, labelled with that half's clusters only.
  const std::set<std::string> tuning(clusters.begin(), clusters.begin() + std::min<size_t>(25, clusters.size()));
  std::vector<Item> tune_half, held_half;
  for (Item& it : duc) {
    std::sort(it.gold.begin(), it.gold.end());
    Item in_tune = it, in_held = it;
    in_tune.gold.clear(), in_held.gold.clear();
    for (const std::string& g : it.gold) (tuning.count(g) ? in_tune : in_held).gold.push_back(g);
    if (!in_tune.gold.empty()) tune_half.push_back(std::move(in_tune));
    if (!in_held.gold.empty()) held_half.push_back(std::move(in_held));
  }
  std::printf("DUC 2004 task 2 (tuning half: the first 25 cluster ids; held-out half: the other 25)\n");
  Figure tune = Report("DUC tuning half alone", tune_half, true, shuffles, options)[0];
  Figure held = Report("DUC held-out half alone", held_half, true, shuffles, options)[0];
  // The whole stream, scored whole and by half: each half's articles among all 50
  // clusters' (the other half's articles count as other stories, their labels unread).
  std::vector<View> views = {{"DUC all 50", {}}, {"  tuning half in all 50", {}}, {"  held-out half in all 50", {}}};
  for (const Item& it : duc) {
    views[0].gold.push_back(it.gold);
    views[1].gold.emplace_back(), views[2].gold.emplace_back();
    for (const std::string& g : it.gold) (tuning.count(g) ? views[1] : views[2]).gold.back().push_back(g);
  }
  std::vector<Figure> all = Report("DUC all 50", duc, true, shuffles, options, views);
  {
    // What a partition can score against gold stories that overlap: each document
    // in its first gold story, or the gold stories that share a document merged.
    std::map<std::string, std::string> root;
    std::function<std::string(const std::string&)> find = [&](const std::string& g) {
      auto it = root.find(g);
      if (it == root.end() || it->second == g) return g;
      return it->second = find(it->second);
    };
    std::vector<std::string> first, joined;
    for (const Item& it : duc)
      for (const std::string& g : it.gold) root[find(g)] = find(it.gold[0]);
    for (const Item& it : duc) first.push_back(it.gold[0]), joined.push_back(find(it.gold[0]));
    std::printf("%-26s each document in its first gold story: F1 %.4f; gold stories sharing a document merged "
                "(%zu stories): F1 %.4f\n",
                "  ceiling of all 50", crosscheck::eval::ScoreExtendedBCubed(views[0].gold, first).f1,
                std::set<std::string>(joined.begin(), joined.end()).size(),
                crosscheck::eval::ScoreExtendedBCubed(views[0].gold, joined).f1);
  }

  // The bundled example stream: 4 stories, its articles in file order (their
  // numbers are the order they were written in).
  std::vector<Item> example;
  const fs::path example_dir = fs::path(CROSSCHECK_SOURCE_DIR) / "examples";
  std::map<std::string, std::string> example_gold;
  {
    std::ifstream labels(example_dir / "stories.tsv");
    std::string line;
    std::getline(labels, line);
    while (std::getline(labels, line)) {
      const size_t a = line.find('\t'), b = line.find('\t', a + 1);
      if (a == std::string::npos) continue;
      const std::string story = line.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
      if (story != "-") example_gold[line.substr(0, a)] = story;
    }
  }
  std::vector<std::string> example_files;
  for (const char* sub : {"story", "stream"})
    for (const auto& e : fs::directory_iterator(example_dir / sub))
      if (e.path().extension() != ".csv") example_files.push_back(std::string(sub) + "/" + e.path().filename().string());
  std::sort(example_files.begin(), example_files.end());
  for (const std::string& file : example_files) {
    crosscheck::ingest::SplitInput(
        ReadFile(example_dir / file), file, crosscheck::InputLimits{},
        [&](crosscheck::ingest::Document doc) {
          const std::string key = doc.hints.id.empty() ? file : file + "#" + doc.hints.id;
          auto gold = example_gold.find(key);
          if (gold == example_gold.end()) return;
          Item blank;
          blank.name = blank.sort_key = key;
          blank.gold = {gold->second};
          if (std::optional<Item> it = item(std::move(doc.bytes), doc.where, doc.hints, std::move(blank)))
            example.push_back(std::move(*it));
        },
        [](const crosscheck::Status&) {});
  }
  Figure ex_fig = Report("example stream", example, false, shuffles, options)[0];

  // wikiref220.
  std::vector<Item> wiki;
  std::ifstream labels(root / "wikiref220/labels.tsv");
  std::string line;
  std::getline(labels, line);
  while (std::getline(labels, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string file = line.substr(0, tab), topic = line.substr(tab + 1);
    Item blank;
    blank.name = blank.sort_key = file;
    blank.gold = {topic};
    if (std::optional<Item> it = item(ReadFile(root / "wikiref220/docs" / file), file, {}, std::move(blank)))
      wiki.push_back(std::move(*it));
  }
  Figure wiki_fig;
  if (!wiki.empty()) wiki_fig = Report("wikiref220", wiki, false, shuffles, options)[0];

  // SemEval 2022 task 8, en-en: similarity against "Overall".
  std::vector<std::pair<double, double>> pairs;
  for (const char* file : {"training_set_en-en.csv", "testing_set_en-en.csv"}) {
    std::vector<std::vector<std::string>> rows =
        crosscheck::eval::ReadCsv(ReadFile(root / "semeval2022_task8_sample" / file));
    if (rows.empty()) continue;
    const std::vector<std::string>& header = rows[0];
    auto col = [&](const char* name) {
      return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const size_t t1 = col("text1"), t2 = col("text2"), overall = col("Overall");
    std::vector<StoryFeatures> a, b;
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
  double pearson = pairs.empty() ? 0 : -crosscheck::eval::Pearson(pairs);
  if (!pairs.empty())
    std::printf("SemEval 2022 task 8 en-en sample: %zu pairs, Pearson r of similarity with -Overall: %.4f\n",
                pairs.size(), pearson);
  std::printf("\nF1 in own order/shuffled: tuning alone %.4f/%.4f, held-out alone %.4f/%.4f | all 50 %.4f/%.4f, "
              "tuning in all %.4f/%.4f, held-out in all %.4f/%.4f | example %.4f/%.4f wikiref %.4f/%.4f | "
              "SemEval r %.4f\n",
              tune.own, tune.shuffled, held.own, held.shuffled, all[0].own, all[0].shuffled, all[1].own,
              all[1].shuffled, all[2].own, all[2].shuffled, ex_fig.own, ex_fig.shuffled, wiki_fig.own,
              wiki_fig.shuffled, pearson);
  return 0;
}
