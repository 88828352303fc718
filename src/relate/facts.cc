#include "relate/facts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <unordered_set>

#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/tokens.h"

namespace crosscheck::relate {
namespace {

// Sentences are compared when they share one of their most weighted terms. With 8,
// pairs well above the alignment threshold went uncompared (a paraphrase whose
// shared terms were not among the top 8 of both); 12 finds the same pairs as 100
// on DUC 2004 and the seeds. The terms past the first 8 pair sentences only when
// few sentences use them, which keeps large stories fast (a term in hundreds of
// sentences pairs tens of thousands of them).
constexpr size_t kIndexTermsPerSentence = 12;
constexpr size_t kStrongTermsPerSentence = 8;
constexpr size_t kMaxPostingsForWeakTerms = 100;
constexpr size_t kMaxPostings = 400;
constexpr size_t kShingle = 5;
// Figures of one noun in one article that conflicts compare: the first this many.
// An article of prose gives a count a few times; one that gives it more often is a
// table or a run-on list, and every figure of a group is compared with every other,
// so without a bound a single article of thousands of figures takes minutes.
constexpr size_t kMaxFiguresPerNounInArticle = 20;

// Union-find over indices.
struct Forest {
  std::vector<size_t> parent;
  explicit Forest(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
};

uint64_t Fnv(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// Steps of the merge below between two looks at whether its answer is known.
constexpr size_t kMergeBlock = 32;

// Whether sorted, distinct `x` and `y` share at least `needed` values. The merge
// counts without storing what it finds, without branches (a comparison says
// which side moves on), and stops once the answer is known: `needed` values shared,
// or too few left to reach it (most pairs of a story are far from copies and stop
// early). Each step moves at least one side, so a block no longer than what is
// left on either side stays within both.
bool ShareAtLeast(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y, size_t needed) {
  size_t i = 0, j = 0, common = 0;
  while (common < needed) {
    const size_t left = std::min(x.size() - i, y.size() - j);
    if (common + left < needed) return false;
    for (size_t step = std::min(left, kMergeBlock); step > 0; --step) {
      const uint64_t a = x[i], b = y[j];
      common += a == b;
      i += a <= b;
      j += b <= a;
    }
  }
  return true;
}

// The fewest shared shingles that make a set of `smaller` shingles contained in
// another at kCopyContainment, by the same division the threshold is stated in.
size_t SharedForCopy(size_t smaller) {
  const double size = static_cast<double>(smaller);
  size_t needed = static_cast<size_t>(std::ceil(kCopyContainment * size));
  while (needed > 0 && static_cast<double>(needed - 1) / size >= kCopyContainment) --needed;
  while (static_cast<double>(needed) / size < kCopyContainment) ++needed;
  return needed;
}

}  // namespace

float TermVector::Dot(const TermVector& other) const {
  float sum = 0;
  size_t i = 0, j = 0;
  while (i < terms.size() && j < other.terms.size()) {
    if (terms[i].first == other.terms[j].first) {
      sum += terms[i].second * other.terms[j].second;
      ++i, ++j;
    } else if (terms[i].first < other.terms[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return sum;
}

StoryVectors::StoryVectors(const std::vector<const Article*>& articles,
                           const std::vector<std::vector<std::vector<std::string>>>& extra_terms) {
  std::vector<std::vector<std::pair<uint32_t, float>>> counts;
  std::vector<uint32_t> df;
  auto term_id = [&](const std::string& t) {
    auto [it, added] = term_ids_.emplace(t, static_cast<uint32_t>(df.size()));
    if (added) df.push_back(0);
    return it->second;
  };
  std::string lower;  // reused for every token
  for (uint32_t ai = 0; ai < articles.size(); ++ai) {
    const Article& a = *articles[ai];
    offsets_.push_back(sentences_.size());
    for (uint32_t si = 0; si < a.sentences.size(); ++si) {
      const Sentence& s = a.sentences[si];
      SentenceInfo info;
      info.ref = {ai, si};
      std::vector<uint32_t> ids;
      for (const Token& t : s.tokens) {
        if (!t.is_word) continue;
        ++info.words;
        text::FoldCaseInto(a.Slice(t.span), lower);
        if (text::IsFunctionWord(lower)) continue;
        ids.push_back(term_id(std::string(a.StemOf(t))));
      }
      if (ai < extra_terms.size() && si < extra_terms[ai].size())
        for (const std::string& x : extra_terms[ai][si]) ids.push_back(term_id(x));
      std::sort(ids.begin(), ids.end());
      std::vector<std::pair<uint32_t, float>> tf;
      for (uint32_t id : ids) {
        if (!tf.empty() && tf.back().first == id) {
          tf.back().second += 1;
        } else {
          tf.push_back({id, 1});
          ++df[id];
        }
      }
      std::string_view st = a.Slice(s.span);
      char last = st.empty() ? 0 : st.back();
      if (last == '"' && st.size() > 1) last = st[st.size() - 2];
      info.usable = info.words >= 6 && (last == '.' || last == '!' || last == '?');
      counts.push_back(std::move(tf));
      sentences_.push_back(std::move(info));
    }
  }
  const double n = static_cast<double>(sentences_.size());
  idf_.resize(df.size());
  for (size_t t = 0; t < df.size(); ++t) idf_[t] = static_cast<float>(std::log((n + 1) / (df[t] + 0.5)));
  for (size_t k = 0; k < sentences_.size(); ++k) {
    double norm = 0;
    for (auto& [id, w] : counts[k]) {
      w = static_cast<float>((1 + std::log(w)) * idf_[id]);
      norm += static_cast<double>(w) * w;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
      for (auto& [id, w] : counts[k]) w = static_cast<float>(w / norm);
    sentences_[k].vector.terms = std::move(counts[k]);
  }
}

uint32_t StoryVectors::TermId(const std::string& term) const {
  auto it = term_ids_.find(term);
  return it == term_ids_.end() ? std::numeric_limits<uint32_t>::max() : it->second;
}

std::vector<int> FindNearDuplicates(const std::vector<const Article*>& articles) {
  std::vector<std::vector<uint64_t>> shingles(articles.size());
  for (size_t ai = 0; ai < articles.size(); ++ai) {
    std::vector<std::string_view> words;
    for (const Sentence& s : articles[ai]->sentences)
      for (const Token& t : s.tokens)
        if (t.is_word) words.push_back(articles[ai]->StemOf(t));
    for (size_t i = 0; i + kShingle <= words.size(); ++i) {
      uint64_t h = 1469598103934665603ull;
      for (size_t k = 0; k < kShingle; ++k) h = Fnv(words[i + k], h ^ 0x9e3779b97f4a7c15ull);
      shingles[ai].push_back(h);
    }
    std::sort(shingles[ai].begin(), shingles[ai].end());
    shingles[ai].erase(std::unique(shingles[ai].begin(), shingles[ai].end()), shingles[ai].end());
  }
  // Earlier publication first; the copy is the later one.
  std::vector<size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const auto& px = articles[x]->published;
    const auto& py = articles[y]->published;
    if (px && py && *px != *py) return *px < *py;
    return false;
  });
  std::vector<int> copy_of(articles.size(), -1);
  for (size_t oi = 0; oi < order.size(); ++oi) {
    size_t j = order[oi];
    if (shingles[j].empty()) continue;
    for (size_t oe = 0; oe < oi; ++oe) {
      size_t i = order[oe];
      if (copy_of[i] >= 0 || shingles[i].empty()) continue;
      if (ShareAtLeast(shingles[i], shingles[j], SharedForCopy(std::min(shingles[i].size(), shingles[j].size())))) {
        copy_of[j] = static_cast<int>(i);
        break;
      }
    }
  }
  return copy_of;
}

std::vector<FactCluster> AlignFacts(const StoryVectors& vectors, const std::vector<int>& group, float threshold) {
  const auto& ss = vectors.sentences();
  // Inverted index of each usable sentence's most weighted terms.
  struct Posting {
    uint32_t sentence;
    bool strong;  // among the sentence's first kStrongTermsPerSentence terms
  };
  std::unordered_map<uint32_t, std::vector<Posting>> postings;
  for (uint32_t k = 0; k < ss.size(); ++k) {
    if (!ss[k].usable) continue;
    std::vector<std::pair<uint32_t, float>> top = ss[k].vector.terms;
    std::partial_sort(top.begin(), top.begin() + std::min(top.size(), kIndexTermsPerSentence), top.end(),
                      [](const auto& x, const auto& y) { return x.second > y.second; });
    top.resize(std::min(top.size(), kIndexTermsPerSentence));
    for (size_t r = 0; r < top.size(); ++r) postings[top[r].first].push_back({k, r < kStrongTermsPerSentence});
  }
  struct Edge {
    float sim;
    uint32_t a, b;
  };
  // The sentences each term pairs (ascending, as the postings were filled), and the
  // lists each sentence is in.
  std::vector<std::vector<uint32_t>> lists;
  std::vector<std::vector<uint32_t>> lists_of(ss.size());
  uint32_t vocabulary = 0;
  for (const auto& [term, all] : postings) {
    vocabulary = std::max(vocabulary, term + 1);
    if (all.size() > kMaxPostings) continue;  // a term in hundreds of sentences says nothing about sameness
    std::vector<uint32_t> list;
    for (const Posting& p : all)
      if (p.strong || all.size() <= kMaxPostingsForWeakTerms) list.push_back(p.sentence);
    if (list.size() < 2) continue;
    for (uint32_t k : list) lists_of[k].push_back(static_cast<uint32_t>(lists.size()));
    lists.push_back(std::move(list));
  }
  for (const SentenceInfo& s : ss)
    for (const auto& [id, w] : s.vector.terms) vocabulary = std::max(vocabulary, id + 1);
  // Each pair of sentences of two articles that share a list, compared once: from
  // its first sentence `a`, whose weights are spread over the vocabulary so that a
  // dot product reads only the other sentence's terms. The products are summed in
  // the order of the terms, as TermVector::Dot sums them, so the cosines are the same
  // to the bit (a term of one sentence alone adds a zero).
  std::vector<Edge> edges;
  std::vector<float> weight_of(vocabulary, 0.0f);
  std::vector<uint32_t> compared_with(ss.size(), std::numeric_limits<uint32_t>::max());
  for (uint32_t a = 0; a < ss.size(); ++a) {
    if (lists_of[a].empty()) continue;
    for (const auto& [id, w] : ss[a].vector.terms) weight_of[id] = w;
    for (uint32_t l : lists_of[a]) {
      const std::vector<uint32_t>& list = lists[l];
      for (auto it = std::upper_bound(list.begin(), list.end(), a); it != list.end(); ++it) {
        const uint32_t b = *it;
        if (ss[a].ref.article == ss[b].ref.article || compared_with[b] == a) continue;
        compared_with[b] = a;
        float sim = 0;
        for (const auto& [id, w] : ss[b].vector.terms) sim += weight_of[id] * w;
        if (sim >= threshold) edges.push_back({sim, a, b});
      }
    }
    for (const auto& [id, w] : ss[a].vector.terms) weight_of[id] = 0.0f;
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.sim != y.sim ? x.sim > y.sim : (x.a != y.a ? x.a < y.a : x.b < y.b);
  });
  Forest forest(ss.size());
  std::vector<std::set<uint32_t>> articles_of(ss.size());
  for (uint32_t k = 0; k < ss.size(); ++k) articles_of[k].insert(ss[k].ref.article);
  for (const Edge& e : edges) {
    size_t ra = forest.Find(e.a), rb = forest.Find(e.b);
    if (ra == rb) continue;
    // The smaller group joins the larger (which root stands for a group changes
    // nothing below: facts are ordered and told by their members).
    if (articles_of[ra].size() < articles_of[rb].size()) std::swap(ra, rb);
    bool overlap = false;
    for (uint32_t art : articles_of[rb]) overlap |= articles_of[ra].count(art) > 0;
    if (overlap) continue;  // one sentence per article in a fact
    forest.parent[rb] = ra;
    articles_of[ra].insert(articles_of[rb].begin(), articles_of[rb].end());
    articles_of[rb].clear();
  }
  std::unordered_map<size_t, size_t> cluster_of;
  std::vector<FactCluster> out;
  std::vector<std::vector<uint32_t>> members;
  for (uint32_t k = 0; k < ss.size(); ++k) {
    if (!ss[k].usable) continue;
    size_t root = forest.Find(k);
    auto [it, added] = cluster_of.emplace(root, out.size());
    if (added) {
      out.emplace_back();
      members.emplace_back();
    }
    members[it->second].push_back(k);
  }
  for (size_t c = 0; c < out.size(); ++c) {
    FactCluster& f = out[c];
    float best = -1;
    for (uint32_t k : members[c]) {
      f.members.push_back(ss[k].ref);
      float centrality = 0;
      for (uint32_t o : members[c])
        if (o != k) centrality += ss[k].vector.Dot(ss[o].vector);
      if (centrality > best + 1e-6f) {
        best = centrality;
        f.representative = ss[k].ref;
      }
    }
    f.support = CountSources(f, group);
    f.reports = f.support;
  }
  return out;
}

size_t CountSources(const FactCluster& f, const std::vector<int>& group) {
  std::set<int> sources;
  for (const SentenceRef& r : f.members) sources.insert(group[r.article]);
  return sources.size();
}

std::vector<Quantity> FindQuantities(const Article& a, uint32_t article_index) {
  static const std::unordered_set<std::string_view> kPeople = {
      "people", "residents", "persons", "civilians", "inhabitants", "evacuees", "citizens", "villagers",
      "individuals", "families", "households", "adults", "children"};
  static const std::unordered_set<std::string_view> kScale = {"million", "billion", "thousand", "trillion",
                                                              "m", "bn", "hundred"};
  // Units of length ("nautical" is read for "nautical miles"): a distance is
  // measured from a place, and two distances compare only when it is the same place.
  static const std::unordered_set<std::string_view> kLength = {
      "miles", "mile", "km", "kilometers", "kilometres", "kilometer", "kilometre", "meters", "metres",
      "meter", "metre", "feet", "foot", "yards", "yard", "kms", "nautical"};
  // A fraction's denominator is small ("5 1-2 hours", "3 3/4 miles"); "10-15" is a range.
  constexpr double kMaxDenominator = 16;
  // Tokens before a parenthesis within which a figure makes the parenthesized one
  // its conversion ("95 miles (152 km)").
  constexpr size_t kConversionReach = 4;
  // Tokens after a distance's number within which its place is named: room for a
  // conversion and a direction ("95 miles (152 km) north of ...").
  constexpr size_t kAnchorReach = 10;
  // Tokens on each side of a figure whose content words say what it counts. With
  // 6, "About 4,200 residents of Millbrook were ordered to leave" and "evacuated
  // 3,800 people from Millbrook on Tuesday" share only the town; 8 is kept so a
  // second shared word is usually in reach.
  constexpr size_t kContextReach = 8;
  // Words of time say when, not what is counted ("last year" around a population
  // and around a survey's sample); the event's day is compared on its own.
  static const std::unordered_set<std::string_view> kTimeWords = {
      "year", "years", "month", "months", "week", "weeks", "day", "days", "last", "next", "ago", "today",
      "yesterday", "tomorrow", "earlier", "later", "morning", "evening", "night", "afternoon"};
  std::vector<Quantity> out;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const std::vector<Token>& toks = a.sentences[si].tokens;
    auto text_at = [&](size_t k) { return a.Slice(toks[k].span); };
    auto lower_at = [&](size_t k) { return text::FoldCase(text_at(k)); };
    auto number_at = [&](size_t k) {
      std::string_view t = text_at(k);
      if (t.empty() || !text::IsAsciiDigit(t[0])) return std::numeric_limits<double>::quiet_NaN();
      std::string clean;
      for (char c : t) {
        if (text::IsAsciiDigit(c) || c == '.') {
          clean += c;
        } else if (c != ',') {
          return std::numeric_limits<double>::quiet_NaN();
        }
      }
      return std::atof(clean.c_str());
    };
    auto is_number = [&](size_t k) { return k < toks.size() && !std::isnan(number_at(k)); };
    auto is_bar = [&](size_t k) { return k < toks.size() && (text_at(k) == "-" || text_at(k) == "/"); };
    // "1-2" of "5 1-2" when token k is its numerator, with a whole number before it.
    auto fraction_at = [&](size_t k) {
      return k > 0 && is_number(k - 1) && is_bar(k + 1) && is_number(k + 2) && number_at(k) < number_at(k + 2) &&
             number_at(k + 2) <= kMaxDenominator && toks[k - 1].span.end < toks[k].span.begin;
    };
    for (size_t i = 0; i < toks.size(); ++i) {
      if (!is_number(i)) continue;
      // The parts of a fraction are read with its whole number.
      if (fraction_at(i) || (i >= 2 && fraction_at(i - 2))) continue;
      std::string_view t = text_at(i);
      bool has_comma = t.find(',') != std::string_view::npos;
      double value = number_at(i);
      // Years and days of dates are not quantities.
      if (!has_comma && t.find('.') == std::string_view::npos && t.size() == 4 && value >= 1900 && value <= 2100)
        continue;
      if (i > 0 && text::MonthNumber(lower_at(i - 1))) continue;
      if (i + 1 < toks.size() && text::MonthNumber(lower_at(i + 1))) continue;
      // A conversion in parentheses repeats the figure before it.
      if (i > 0 && text_at(i - 1) == "(") {
        bool converts = false;
        // The figure converted may carry its unit ("2,500km (1,500 miles)").
        for (size_t k = i - 1; k-- > 0 && k + kConversionReach + 1 >= i;)
          converts |= text::IsAsciiDigit(text_at(k)[0]);
        if (converts) continue;
      }
      size_t b = i, e = i + 1;
      if (fraction_at(i + 1)) {
        value += number_at(i + 1) / number_at(i + 3);
        e = i + 4;
      }
      double range_low = value;
      // "10-15 people": a range from the first figure. ("from 60 to 65" is a change,
      // not a range.) Joined by a hyphen to anything else, a number is part of a
      // name ("P-3", "777-200", "F-16"); after a capitalized word that follows
      // another word, too ("a Boeing 777 jet"; not "MILLBROOK -- About 4,200").
      bool hyphened = i >= 2 && text_at(i - 1) == "-" && toks[i - 2].span.end == toks[i - 1].span.begin &&
                      toks[i - 1].span.end == toks[i].span.begin;
      if (hyphened && is_number(i - 2) && number_at(i - 2) < value) {
        range_low = number_at(i - 2);
        b = i - 2;
      } else if (hyphened || (i >= 2 && toks[i - 1].is_word && text::IsAsciiUpper(text_at(i - 1)[0]) &&
                              toks[i - 2].is_word)) {
        continue;
      }
      // The place value of the last digit written ("12.3": 0.1): a figure written
      // with fewer decimals may be the other one rounded.
      size_t point = t.find('.');
      double precision = point == std::string_view::npos ? 1 : std::pow(10.0, -static_cast<double>(t.size() - point - 1));
      std::string noun;
      if (b > 0 && text_at(b - 1) == "$") {
        --b;
        noun = "dollars";
      }
      if (e < toks.size() && kScale.count(lower_at(e))) {
        std::string sc = lower_at(e);
        double scale = sc == "thousand" ? 1e3 : (sc == "hundred" ? 1e2 : (sc == "billion" || sc == "bn" ? 1e9 : (sc == "trillion" ? 1e12 : 1e6)));
        value *= scale;
        range_low *= scale;
        precision *= scale;
        ++e;
      }
      if (noun.empty()) {
        for (size_t k = e; k < toks.size() && k < e + 3; ++k) {
          if (!toks[k].is_word) break;
          std::string w = lower_at(k);
          if (text::IsFunctionWord(w) || !text::IsAsciiAlpha(w[0])) break;
          if (text_at(k)[0] >= 'A' && text_at(k)[0] <= 'Z') continue;  // "150,000 Russian troops"
          noun = w;
          // "239 passengers and crew" count more than the passengers.
          if (k + 2 < toks.size() && lower_at(k + 1) == "and" && toks[k + 2].is_word) {
            std::string other = lower_at(k + 2);
            bool verb = other.size() > 3 && (other.ends_with("ed") || other.ends_with("ing"));
            if (!text::IsFunctionWord(other) && text::IsAsciiLower(text_at(k + 2)[0]) && !verb)
              noun += " and " + other;
          }
          break;
        }
        if (e < toks.size() && (lower_at(e) == "percent" || text_at(e) == "%")) {
          noun = "percent";
          ++e;
        }
      }
      if (noun.empty()) continue;
      if (kPeople.count(noun)) noun = "people";
      // Qualifiers make a range.
      double low = range_low, high = value;
      auto before = [&](size_t back) { return b >= back ? lower_at(b - back) : std::string(); };
      std::string q1 = before(1), q2 = before(2) + " " + q1;
      size_t qualifier_words = 0;
      if (q2 == "more than" || q2 == "at least" || q1 == "over" || q2 == "upwards of") {
        high = std::numeric_limits<double>::infinity();
        qualifier_words = q1 == "over" ? 1 : 2;
      } else if (q1 == "about" || q1 == "around" || q1 == "roughly" || q1 == "approximately" || q1 == "some" ||
                 q1 == "nearly" || q1 == "almost" || q1 == "estimated") {
        low = value * (q1 == "nearly" || q1 == "almost" ? 0.9 : 0.95);
        high = value * (q1 == "nearly" || q1 == "almost" ? 1.0 : 1.05);
        qualifier_words = 1;
      } else if (q2 == "up to" || q2 == "fewer than" || q2 == "less than" || q1 == "under") {
        low = 0;
        qualifier_words = q1 == "under" ? 1 : 2;
      }
      size_t qb = b >= qualifier_words ? b - qualifier_words : b;
      Quantity q;
      q.ref = {article_index, si};
      q.span = {toks[qb].span.begin, toks[e - 1].span.end};
      q.written = std::string(a.Slice(q.span));
      q.noun = noun;
      q.value = value;
      q.low = low;
      q.high = high;
      q.precision = precision;
      // A whole that parts are taken from: "64 of the 122 seats", "out of 500
      // students", "all 122 seats".
      std::string w1 = qb >= 1 ? lower_at(qb - 1) : "", w2 = qb >= 2 ? lower_at(qb - 2) : "";
      q.whole = (w2 == "of" && (w1 == "the" || w1 == "its" || w1 == "their" || w1 == "all")) ||
                (w2 == "out" && w1 == "of") || w1 == "all";
      for (size_t k = qb >= kContextReach ? qb - kContextReach : 0; k < toks.size() && k < e + 1 + kContextReach; ++k) {
        if ((k >= qb && k < e) || !toks[k].is_word) continue;
        std::string w = lower_at(k);
        if (w == noun || text::IsFunctionWord(w) || !text::IsAsciiAlpha(w[0]) || kScale.count(w) ||
            kTimeWords.count(w) || text::MonthNumber(w) || text::WeekdayNumber(w))
          continue;
        q.context.emplace_back(a.StemOf(toks[k]));
      }
      std::sort(q.context.begin(), q.context.end());
      q.context.erase(std::unique(q.context.begin(), q.context.end()), q.context.end());
      if (kLength.count(noun)) {
        // "150 km north of the capital", "95 miles from Bangkok": the words after
        // the first "of", "from" or "off" that follows.
        for (size_t k = e; k < toks.size() && k < e + kAnchorReach; ++k) {
          std::string w = lower_at(k);
          if (w != "of" && w != "from" && w != "off") continue;
          size_t m = k + 1;
          if (m < toks.size() && lower_at(m) == "the") ++m;
          for (size_t end = std::min(toks.size(), m + 3); m < end && toks[m].is_word; ++m) {
            std::string w = lower_at(m);
            if (!q.anchor.empty() && text::IsFunctionWord(w)) break;
            q.anchor += (q.anchor.empty() ? "" : " ") + w;
          }
          break;
        }
      }
      out.push_back(std::move(q));
    }
  }
  return out;
}

bool SameFigure(const Quantity& x, const Quantity& y) {
  return std::abs(x.value - y.value) < std::max(x.precision, y.precision) / 2;
}

std::vector<QuantityConflict> FindConflicts(const std::vector<Quantity>& quantities, const StoryVectors& vectors,
                                            const std::vector<FactCluster>& facts, const std::vector<int>& group,
                                            const std::vector<std::string>& published) {
  std::unordered_map<uint64_t, size_t> fact_of;  // sentence -> fact
  auto key = [](SentenceRef r) { return (static_cast<uint64_t>(r.article) << 32) | r.sentence; };
  for (size_t f = 0; f < facts.size(); ++f)
    for (const SentenceRef& r : facts[f].members) fact_of[key(r)] = f;
  // A term is rare when its idf is at least half the largest possible one (a term
  // of a single sentence), whatever the size of the story.
  const float rare = 0.5f * static_cast<float>(std::log((vectors.sentences().size() + 1) / 1.5));
  // Two figures speak of the same thing when the words around them share two and
  // their sentences are one fact or share at least three rare terms besides the
  // noun. (With one word around them, on DUC 2004, figures of different things were
  // grouped: "killed near the villages" and "a territory of 800,000 people"; with
  // two rare terms, sentences sharing the noun, its scale word and one more term:
  // "million rubles" of revenue and of debt.)
  constexpr size_t kSharedContext = 2;
  auto related = [&](const Quantity& x, const Quantity& y) {
    // The day both date their event to counts as a shared word.
    size_t common = !x.event_date.empty() && x.event_date == y.event_date;
    for (size_t i = 0, j = 0; i < x.context.size() && j < y.context.size();) {
      int order = x.context[i].compare(y.context[j]);
      common += order == 0;
      i += order <= 0;
      j += order >= 0;
    }
    if (common < kSharedContext) return false;
    auto fx = fact_of.find(key(x.ref)), fy = fact_of.find(key(y.ref));
    if (fx != fact_of.end() && fy != fact_of.end() && fx->second == fy->second) return true;
    const TermVector& vx = vectors.sentences()[vectors.IndexOf(x.ref)].vector;
    const TermVector& vy = vectors.sentences()[vectors.IndexOf(y.ref)].vector;
    size_t shared = 0;
    size_t i = 0, j = 0;
    while (i < vx.terms.size() && j < vy.terms.size()) {
      if (vx.terms[i].first == vy.terms[j].first) {
        if (vectors.Idf(vx.terms[i].first) >= rare) ++shared;
        ++i, ++j;
      } else if (vx.terms[i].first < vy.terms[j].first) {
        ++i;
      } else {
        ++j;
      }
    }
    return shared >= 4;  // the noun itself is one of them
  };
  // Ranges that meet, once a figure written with fewer decimals is allowed to be
  // the other one rounded ("12 percent" and "12.3%", "$4 billion" and "$4.2 billion").
  auto overlap = [](const Quantity& x, const Quantity& y) {
    const double slack = std::max(x.precision, y.precision) / 2;
    return x.low - slack < y.high && y.low - slack < x.high;
  };
  auto source_of = [&](const Quantity& q) { return group[q.ref.article]; };
  auto date_of = [&](const Quantity& q) -> const std::string& { return published[q.ref.article]; };
  // What each source says of each noun, anywhere in its articles: a source that
  // gives both figures knows them as two things (a total and a part, a figure
  // before and after), not as a disagreement.
  std::map<std::pair<int, std::string>, std::vector<const Quantity*>> given;
  for (const Quantity& q : quantities) given[{source_of(q), q.noun}].push_back(&q);
  // Each answer is kept: a story of a thousand articles asks it of the same few
  // sources for every pair of claims.
  std::unordered_map<uint64_t, bool> gives_memo;
  auto also_gives = [&](int source, const Quantity& q) {
    const uint64_t memo_key = (static_cast<uint64_t>(static_cast<uint32_t>(source)) << 32) |
                              static_cast<uint64_t>(&q - quantities.data());
    auto [it, added] = gives_memo.try_emplace(memo_key, false);
    if (!added) return it->second;
    for (const Quantity* g : given[{source, q.noun}])
      if (g->whole == q.whole && overlap(*g, q)) return it->second = true;
    return false;
  };
  // Two figures of independent sources that measure the same thing and differ.
  auto disagree = [&](const Quantity& x, const Quantity& y) {
    return source_of(x) != source_of(y) && x.whole == y.whole && x.anchor == y.anchor && !overlap(x, y) &&
           !also_gives(source_of(x), y) && !also_gives(source_of(y), x);
  };
  // Of the same time: reported the same day, or dating their event to the same day.
  auto same_time = [&](const Quantity& x, const Quantity& y) {
    return (!date_of(x).empty() && date_of(x) == date_of(y)) || (!x.event_date.empty() && x.event_date == y.event_date);
  };

  std::vector<QuantityConflict> out;
  // Disagreement needs two independent sources: one source (however many figures
  // it gives) has no conflict to find.
  std::set<int> sources;
  for (const Quantity& q : quantities) sources.insert(source_of(q));
  if (sources.size() < 2) return out;
  // Figures are compared only with figures of the same noun, in input order, and
  // only the first kMaxFiguresPerNounInArticle of an article.
  std::unordered_map<std::string, std::vector<size_t>> by_noun;
  std::map<std::pair<uint32_t, std::string>, size_t> figures_in_article;
  std::vector<bool> used(quantities.size(), false);
  for (size_t i = 0; i < quantities.size(); ++i) {
    if (++figures_in_article[{quantities[i].ref.article, quantities[i].noun}] > kMaxFiguresPerNounInArticle)
      used[i] = true;
    else
      by_noun[quantities[i].noun].push_back(i);
  }
  // A noun none of whose figures differ from another source's (the same count in
  // every report) has no conflict, and its groups need not be formed: a group whose
  // claims all agree is formed again from each of its figures, which in a story of
  // a thousand articles is a million comparisons of their words.
  auto may_conflict = [&](const std::vector<size_t>& figures) {
    for (size_t a = 0; a < figures.size(); ++a)
      for (size_t b = a + 1; b < figures.size(); ++b) {
        const Quantity& x = quantities[figures[a]];
        const Quantity& y = quantities[figures[b]];
        if (source_of(x) != source_of(y) && x.whole == y.whole && x.anchor == y.anchor && !overlap(x, y)) return true;
      }
    return false;
  };
  for (const auto& [noun, figures] : by_noun)
    if (!may_conflict(figures))
      for (size_t i : figures) used[i] = true;
  // A figure of a group whose claims agree seeds no group of its own: that group
  // would hold only figures of the first (each joins the first as it joins the
  // second), its claims differing at most in which figure of an article comes
  // first, and forming it again from each figure takes time quadratic in the
  // group's size.
  std::vector<bool> grouped(quantities.size(), false);
  for (size_t i = 0; i < quantities.size(); ++i) {
    if (used[i] || grouped[i]) continue;
    std::vector<size_t> members = {i};
    for (size_t j : by_noun[quantities[i].noun]) {
      if (j <= i || used[j]) continue;
      for (size_t m : members)
        if (related(quantities[m], quantities[j])) {
          members.push_back(j);
          break;
        }
    }
    // One claim per article.
    std::vector<const Quantity*> claims;
    std::set<uint32_t> articles;
    for (size_t m : members)
      if (articles.insert(quantities[m].ref.article).second) claims.push_back(&quantities[m]);
    // Oldest first; an update reads in that order.
    std::stable_sort(claims.begin(), claims.end(),
                     [&](const Quantity* x, const Quantity* y) { return date_of(*x) < date_of(*y); });
    bool any = false, disputed = false;  // a disputed group needs no more pairs
    for (size_t x = 0; x < claims.size() && !disputed; ++x)
      for (size_t y = x + 1; y < claims.size() && !disputed; ++y) {
        if (!disagree(*claims[x], *claims[y])) continue;
        any = true;
        // The same time, an unknown date, or the older figure still given by a
        // report as late as the newer one: the sources dispute it.
        disputed |= same_time(*claims[x], *claims[y]) || date_of(*claims[x]).empty();
        for (size_t z = y + 1; z < claims.size(); ++z)
          disputed |= overlap(*claims[z], *claims[x]) && !overlap(*claims[z], *claims[y]);
      }
    if (!any) {
      for (size_t m : members) grouped[m] = true;
      continue;
    }
    for (size_t m : members) used[m] = true;
    QuantityConflict c;
    c.noun = quantities[i].noun;
    c.updated = !disputed;
    for (const Quantity* q : claims) c.claims.push_back(*q);
    if (disputed)  // in input order, as the articles were given
      std::sort(c.claims.begin(), c.claims.end(),
                [](const Quantity& x, const Quantity& y) { return x.ref.article < y.ref.article; });
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace crosscheck::relate
