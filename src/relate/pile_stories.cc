// See pile_stories.h for the idea.
#include "relate/pile_stories.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "relate/entity_merge.h"
#include "text/lexicon.h"
#include "text/tokens.h"

namespace crosscheck::relate {
namespace {

using SparseVector = std::vector<std::pair<uint32_t, float>>;  // sorted by term

bool IsNumber(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.'; });
}

// Each article's unit vector under the pile's sentence IDF.
std::vector<SparseVector> PileVectors(const std::vector<Article>& articles,
                                      const std::vector<std::vector<analyze::EntityMention>>& entities) {
  const size_t n = articles.size();
  std::unordered_map<std::string, uint32_t> sentence_frequency;
  size_t sentences = 0;
  std::vector<std::unordered_map<std::string, float>> tf(n);
  std::string folded;
  for (size_t i = 0; i < n; ++i) {
    const Article& a = articles[i];
    std::vector<std::set<std::string>> terms_of(a.sentences.size());
    for (size_t si = 0; si < a.sentences.size(); ++si) {
      const Sentence& s = a.sentences[si];
      for (const Token& t : s.tokens) {
        if (!t.is_word) continue;
        std::string_view surface = a.Slice(t.span);
        if (surface.size() < 2 || IsNumber(surface)) continue;
        text::FoldCaseInto(surface, folded);
        if (text::IsFunctionWord(folded)) continue;
        std::string stem(a.StemOf(t));
        tf[i][stem] += s.paragraph == 0 ? 2.0f : 1.0f;
        terms_of[si].insert(std::move(stem));
      }
    }
    for (const analyze::EntityMention& m : entities[i]) {
      // "@" keeps a name apart from a word stem spelled alike.
      std::string key = "@";
      key += FoldName(m.text);
      tf[i][key] += 1.0f;
      if (m.sentence < terms_of.size()) terms_of[m.sentence].insert(key);
    }
    for (const std::set<std::string>& terms : terms_of)
      for (const std::string& t : terms) ++sentence_frequency[t];
    sentences += a.sentences.size();
  }
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<SparseVector> vectors(n);
  for (size_t i = 0; i < n; ++i) {
    double norm = 0;
    for (const auto& [term, count] : tf[i]) {
      const double idf = std::log((static_cast<double>(sentences) + 1) / (sentence_frequency[term] + 1.0));
      if (idf <= 0) continue;
      const float w = static_cast<float>((1 + std::log(count)) * idf);
      const uint32_t id = ids.emplace(term, static_cast<uint32_t>(ids.size())).first->second;
      vectors[i].emplace_back(id, w);
      norm += static_cast<double>(w) * w;
    }
    norm = std::sqrt(norm);
    for (auto& [t, w] : vectors[i]) w = static_cast<float>(w / norm);
    std::sort(vectors[i].begin(), vectors[i].end());
  }
  return vectors;
}

double Cosine(const SparseVector& x, const SparseVector& y) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].first == y[j].first) {
      dot += static_cast<double>(x[i].second) * y[j].second;
      ++i, ++j;
    } else if (x[i].first < y[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return dot;
}

}  // namespace

std::vector<std::vector<size_t>> JoinPileStories(const std::vector<Article>& articles,
                                                 const std::vector<std::vector<analyze::EntityMention>>& entities,
                                                 const std::vector<std::vector<size_t>>& stories) {
  const std::vector<SparseVector> vectors = PileVectors(articles, entities);
  std::vector<std::vector<size_t>> clusters = stories;
  const size_t k = clusters.size();
  // link[c][d]: the summed cosines between the articles of c and of d.
  std::vector<std::vector<double>> link(k, std::vector<double>(k, 0));
  for (size_t c = 0; c < k; ++c)
    for (size_t d = c + 1; d < k; ++d) {
      double total = 0;
      for (size_t x : clusters[c])
        for (size_t y : clusters[d]) total += Cosine(vectors[x], vectors[y]);
      link[c][d] = link[d][c] = total;
    }
  // intra[c]: the summed cosines between the articles of c, for its cohesion.
  std::vector<double> intra(k, 0);
  for (size_t c = 0; c < k; ++c)
    for (size_t x = 0; x < clusters[c].size(); ++x)
      for (size_t y = x + 1; y < clusters[c].size(); ++y)
        intra[c] += Cosine(vectors[clusters[c][x]], vectors[clusters[c][y]]);
  auto cohesion = [&](size_t c) {  // 0 for a single article
    const double m = static_cast<double>(clusters[c].size());
    return m < 2 ? 0.0 : intra[c] / (m * (m - 1) / 2);
  };
  std::vector<bool> alive(k, true);
  while (true) {
    double best = kFragmentLink;
    size_t bc = k, bd = k;
    for (size_t c = 0; c < k; ++c) {
      if (!alive[c]) continue;
      for (size_t d = c + 1; d < k; ++d) {
        if (!alive[d]) continue;
        const size_t sc = clusters[c].size(), sd = clusters[d].size();
        const double average = link[c][d] / static_cast<double>(sc * sd);
        if (std::min(sc, sd) >= kEstablished && average < kEstablishedLink) continue;
        const double wc = cohesion(c), wd = cohesion(d);
        const double own = wc > 0 && wd > 0 ? std::sqrt(wc * wd) : std::max(wc, wd);
        if (average < kCohesionShare * own) continue;
        if (average >= best) best = average, bc = c, bd = d;
      }
    }
    if (bc == k) break;
    for (size_t e = 0; e < k; ++e)
      if (alive[e] && e != bc && e != bd) link[bc][e] = link[e][bc] = link[bc][e] + link[bd][e];
    intra[bc] += intra[bd] + link[bc][bd];
    alive[bd] = false;
    clusters[bc].insert(clusters[bc].end(), clusters[bd].begin(), clusters[bd].end());
    std::sort(clusters[bc].begin(), clusters[bc].end());
  }
  std::vector<std::vector<size_t>> joined;
  for (size_t c = 0; c < k; ++c)
    if (alive[c]) joined.push_back(std::move(clusters[c]));
  return joined;
}

}  // namespace crosscheck::relate
