#include "relate/story_clusterer.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cmath>
#include <cstring>
#include <iterator>

#include "analyze/civil_date.h"
#include "relate/entity_merge.h"
#include "text/lexicon.h"
#include "text/tokens.h"

namespace crosscheck::relate {
namespace {

constexpr float kLedeWeight = 2.0f;    // the first paragraph tells the story
constexpr float kTitleWeight = 2.0f;   // so does the headline: as much (not tuned: DUC has none)
constexpr float kEntityWeight = 1.0f;  // an entity mention, on top of its words
constexpr uint64_t kWordSeed = 0x73746f7279776f72ull;
constexpr uint64_t kEntitySeed = 0x73746f7279656e74ull;
constexpr uint32_t kStateVersion = 2;
constexpr int kMergeRounds = 4;         // merges one examination may chain
constexpr int kDueExamsPerAdd = 2;      // re-examinations done per Add, at most
constexpr size_t kPrefetchAhead = 8;    // document frequencies asked for this far ahead

// 32 bits of a 64-bit hash: the clusterer keys terms by 32 bits (see the header).
TermId Hash(std::string_view s, uint64_t seed) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed) & 0xFFFFFFFFull;
}

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (!(c >= '0' && c <= '9') && c != ',' && c != '.') return false;
  return true;
}

// The folded key of an entity mention: a person by surname, so that "Antony
// Blinken" in one article meets "Blinken" in the next; anything else whole.
std::string EntityKey(const analyze::EntityMention& m) {
  std::string folded = FoldName(m.text);
  if (m.type == analyze::EntityType::kPerson) {
    size_t space = folded.rfind(' ');
    if (space != std::string::npos) folded = folded.substr(space + 1);
  }
  return folded;
}

// Little-endian fields of a story's state.
template <typename T>
void Put(std::string& out, T v) {
  unsigned char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
  out.append(reinterpret_cast<const char*>(b), sizeof(T));
}

template <typename T>
bool Get(std::string_view& in, T& v) {
  if (in.size() < sizeof(T)) return false;
  unsigned char b[sizeof(T)];
  std::memcpy(b, in.data(), sizeof(T));
  if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
  std::memcpy(&v, b, sizeof(T));
  in.remove_prefix(sizeof(T));
  return true;
}

// Heaviest first; ties by key, so that every run picks the same terms.
struct Heavier {
  template <typename W, typename K>
  bool operator()(const std::pair<W, K>& x, const std::pair<W, K>& y) const {
    return x.first > y.first || (x.first == y.first && x.second < y.second);
  }
};

// Sorts the heaviest `k` of `v` to its front (the rest in no order). For a small
// k, one pass keeps the k heaviest so far sorted: most elements are lighter than
// the lightest kept and cost one comparison.
template <typename W, typename K>
void HeaviestFirst(std::vector<std::pair<W, K>>& v, size_t k) {
  k = std::min(k, v.size());
  if (k == 0) return;
  if (4 * k > v.size()) {
    if (k < v.size()) std::nth_element(v.begin(), v.begin() + k, v.end(), Heavier());
    std::sort(v.begin(), v.begin() + k, Heavier());
    return;
  }
  std::sort(v.begin(), v.begin() + k, Heavier());
  for (size_t i = k; i < v.size(); ++i) {
    if (!Heavier()(v[i], v[k - 1])) continue;
    std::pair<W, K> x = v[i];
    v[i] = v[k - 1];
    size_t j = k - 1;
    for (; j > 0 && Heavier()(x, v[j - 1]); --j) v[j] = v[j - 1];
    v[j] = x;
  }
}

// Adds sorted `b` into sorted `a` (one merge into a reused buffer, copied back,
// so that `a` keeps a capacity near its size).
template <typename K, typename V>
void AddInto(std::vector<std::pair<K, V>>& a, const std::vector<std::pair<K, V>>& b) {
  thread_local std::vector<std::pair<K, V>> sum;
  sum.resize(a.size() + b.size());
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    const K x = a[i].first, y = b[j].first;
    if (x < y) {
      sum[n++] = a[i++];
    } else if (y < x) {
      sum[n++] = b[j++];
    } else {
      sum[n++] = {x, a[i].second + b[j].second};
      ++i, ++j;
    }
  }
  while (i < a.size()) sum[n++] = a[i++];
  while (j < b.size()) sum[n++] = b[j++];
  a.assign(sum.begin(), sum.begin() + static_cast<std::ptrdiff_t>(n));
}

// log(df + 0.5) for the document frequencies most terms have, so that an IDF is a
// subtraction.
constexpr size_t kLogTable = 4096;
const std::array<double, kLogTable>& LogTable() {
  static const std::array<double, kLogTable> table = [] {
    std::array<double, kLogTable> t{};
    for (size_t i = 0; i < kLogTable; ++i) t[i] = std::log(static_cast<double>(i) + 0.5);
    return t;
  }();
  return table;
}

double LogDf(uint32_t df) { return df < kLogTable ? LogTable()[df] : std::log(static_cast<double>(df) + 0.5); }

}  // namespace

StoryFeatures FeaturesOf(const Article& a, const std::vector<analyze::EntityMention>& entities) {
  std::unordered_map<TermId, float> tf;
  std::string folded;
  for (const Sentence& s : a.sentences) {
    const float weight = s.paragraph == 0 ? kLedeWeight : 1.0f;
    for (const Token& t : s.tokens) {
      if (!t.is_word) continue;
      std::string_view surface = a.Slice(t.span);
      if (surface.size() < 2 || AllDigits(surface)) continue;
      text::FoldCaseInto(surface, folded);
      if (text::IsFunctionWord(folded)) continue;
      tf[Hash(a.StemOf(t), kWordSeed)] += weight;
    }
  }
  if (a.title) {
    // The headline, when the input has one (it is not in the text).
    thread_local text::Stemmer stemmer;
    std::string stems;
    const std::string& title = *a.title;
    for (const Token& t : text::Tokenize(title, Span{0, static_cast<uint32_t>(title.size())}, stemmer, stems)) {
      if (!t.is_word) continue;
      std::string_view surface = std::string_view(title).substr(t.span.begin, t.span.end - t.span.begin);
      if (surface.size() < 2 || AllDigits(surface)) continue;
      text::FoldCaseInto(surface, folded);
      if (text::IsFunctionWord(folded)) continue;
      tf[Hash(std::string_view(stems).substr(t.stem.begin, t.stem.end - t.stem.begin), kWordSeed)] += kTitleWeight;
    }
  }
  for (const analyze::EntityMention& m : entities) {
    std::string key = EntityKey(m);
    if (key.size() >= 2) tf[Hash(key, kEntitySeed)] += kEntityWeight;
  }
  StoryFeatures f;
  f.terms.reserve(tf.size());
  // Sublinear term frequency: the tenth "flood" says less than the second.
  double norm = 0;
  for (const auto& [term, count] : tf) {
    const float w = 1.0f + std::log(count);
    f.terms.emplace_back(term, w);
    norm += static_cast<double>(w) * w;
  }
  norm = std::sqrt(norm);
  for (auto& [t, w] : f.terms) w = static_cast<float>(w / norm);
  std::sort(f.terms.begin(), f.terms.end());
  if (a.published)
    if (std::optional<analyze::CivilDate> d = analyze::CivilDate::Parse(*a.published))
      f.day = static_cast<int32_t>(d->DayNumber());
  return f;
}

StoryClusterer::StoryClusterer(const StoryClustererOptions& options) : options_(options) {
  options_.centroid_terms = std::max<size_t>(1, options_.centroid_terms);
}

double StoryClusterer::IdfOf(uint32_t df) const { return std::max(0.0, log_documents_ - LogDf(df)); }

void StoryClusterer::Counted(uint64_t documents) {
  documents_ += documents;
  documents_changed_ += documents;
  log_documents_ = std::log(static_cast<double>(documents_) + 1.0);
}

StoryClusterer::Terms StoryClusterer::Keyed(const std::vector<std::pair<TermId, float>>& terms) {
  Terms keyed;
  keyed.reserve(terms.size());
  bool sorted = true;
  for (const auto& [t, w] : terms) {
    if (!(w > 0)) continue;
    if (!keyed.empty() && KeyOf(t) <= keyed.back().first) sorted = false;
    keyed.emplace_back(KeyOf(t), w);
  }
  if (!sorted) {
    // Ids past 32 bits, or unsorted input: sort, and add up what shares a key.
    std::sort(keyed.begin(), keyed.end());
    size_t out = 0;
    for (size_t i = 0; i < keyed.size(); ++i) {
      if (out > 0 && keyed[out - 1].first == keyed[i].first) keyed[out - 1].second += keyed[i].second;
      else keyed[out++] = keyed[i];
    }
    keyed.resize(out);
  }
  return keyed;
}

double StoryClusterer::Norm(Story& story) {
  if (documents_ > story.norm_documents + story.norm_documents / 4) {
    double norm2 = 0;
    const Terms& c = story.centroid;
    for (size_t i = 0; i < std::min(c.size(), kPrefetchAhead); ++i) df_.Prefetch(c[i].first);
    for (size_t i = 0; i < c.size(); ++i) {
      if (i + kPrefetchAhead < c.size()) df_.Prefetch(c[i + kPrefetchAhead].first);
      const double x = c[i].second * Idf(c[i].first);
      norm2 += x * x;
    }
    story.norm2 = norm2;
    story.norm_documents = documents_;
    Changed(story);
  }
  return std::sqrt(std::max(0.0, story.norm2));
}

double StoryClusterer::Dot(const Terms& a, const std::vector<double>& idf_a, const Terms& b) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const Key x = a[i].first, y = b[j].first;
    if (x == y) dot += a[i].second * idf_a[i] * idf_a[i] * b[j].second;
    i += x <= y;
    j += y <= x;
  }
  return dot;
}

double StoryClusterer::Dot(const Terms& a, const Terms& b) const {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      const double idf = Idf(a[i].first);
      dot += a[i].second * idf * idf * b[j].second;
      ++i, ++j;
    }
  }
  return dot;
}

bool StoryClusterer::InWindow(const Story& story, std::optional<int32_t> day) const {
  if (!day || story.days.empty()) return true;
  return *day >= story.days.front().first - options_.window_days &&
         *day <= story.days.back().first + options_.window_days;
}

bool StoryClusterer::RangesMeet(const Story& a, const Story& b) const {
  if (a.days.empty() || b.days.empty()) return true;
  return a.days.front().first - options_.window_days <= b.days.back().first &&
         b.days.front().first - options_.window_days <= a.days.back().first;
}

double StoryClusterer::TimeFactor(const Story& story, std::optional<int32_t> day) const {
  if (options_.time_decay_days <= 0 || !day || story.days.empty()) return 1.0;
  auto it = std::lower_bound(story.days.begin(), story.days.end(), std::make_pair(*day, uint32_t{0}));
  int32_t gap = INT32_MAX;
  if (it != story.days.end()) gap = std::min(gap, it->first - *day);
  if (it != story.days.begin()) gap = std::min(gap, *day - std::prev(it)->first);
  return std::exp(-static_cast<double>(gap) / options_.time_decay_days);
}

double StoryClusterer::TimeFactor(const Story& a, const Story& b) const {
  if (options_.time_decay_days <= 0 || a.days.empty() || b.days.empty()) return 1.0;
  int32_t gap = INT32_MAX;
  for (size_t i = 0, j = 0; i < a.days.size() && j < b.days.size();) {
    const int32_t x = a.days[i].first, y = b.days[j].first;
    gap = std::min(gap, x < y ? y - x : x - y);
    if (x < y) ++i;
    else ++j;
  }
  return std::exp(-static_cast<double>(gap) / options_.time_decay_days);
}

// The stories sharing the most of the query's weight among their indexed terms,
// at most max_candidates of them, by id.
std::vector<uint32_t> StoryClusterer::Candidates(const Weighted& query, uint32_t exclude) const {
  std::vector<std::pair<uint32_t, double>> hits;
  for (const auto& [x, k] : query) postings_.Prefetch(k);
  for (const auto& [x, k] : query) {
    const std::vector<uint32_t>* list = postings_.Find(k);
    if (list == nullptr) continue;
    for (uint32_t s : *list)
      if (s != exclude) hits.emplace_back(s, x);
  }
  std::sort(hits.begin(), hits.end());
  std::vector<std::pair<double, uint32_t>> ranked;
  for (size_t i = 0; i < hits.size();) {
    const uint32_t s = hits[i].first;
    double sum = 0;
    for (; i < hits.size() && hits[i].first == s; ++i) sum += hits[i].second;
    ranked.emplace_back(sum, s);
  }
  HeaviestFirst(ranked, options_.max_candidates);
  ranked.resize(std::min(ranked.size(), options_.max_candidates));
  std::vector<uint32_t> out;
  out.reserve(ranked.size());
  for (const auto& [sum, s] : ranked) out.push_back(s);
  std::sort(out.begin(), out.end());
  return out;
}

void StoryClusterer::Unindex(Story& story) {
  for (Key k : story.indexed) postings_.Remove(k, story.id);
  story.indexed.clear();
}

// Only the terms that enter or leave the story's heaviest touch posting lists.
void StoryClusterer::Index(Story& story, const Weighted& heaviest_first) {
  const size_t n = std::min(heaviest_first.size(), options_.index_terms);
  std::vector<Key> now;
  now.reserve(n);
  for (size_t i = 0; i < n; ++i) now.push_back(heaviest_first[i].second);
  std::sort(now.begin(), now.end());
  size_t i = 0, j = 0;
  while (i < story.indexed.size() || j < now.size()) {
    if (j == now.size() || (i < story.indexed.size() && story.indexed[i] < now[j])) {
      postings_.Remove(story.indexed[i++], story.id);
    } else if (i == story.indexed.size() || now[j] < story.indexed[i]) {
      postings_.Add(now[j++], story.id);
    } else {
      ++i, ++j;
    }
  }
  story.indexed = std::move(now);
}

void StoryClusterer::Changed(Story& story) {
  if (story.changed) return;
  story.changed = true;
  stories_changed_.push_back(story.id);
}

void StoryClusterer::Schedule(Story& story) {
  exam_queue_.erase({story.exam_documents, story.id});
  story.exam_documents = documents_;
  story.articles_at_exam = story.articles;
  exam_queue_.insert({story.exam_documents, story.id});
}

uint32_t StoryClusterer::Examine(uint32_t id, bool merge) {
  for (int round = 0; round < kMergeRounds; ++round) {
    Story& story = stories_[id - 1];
    Schedule(story);
    Changed(story);
    const Terms& c = story.centroid;
    Weighted weighted;
    weighted.reserve(c.size());
    for (size_t i = 0; i < std::min(c.size(), kPrefetchAhead); ++i) df_.Prefetch(c[i].first);
    for (size_t i = 0; i < c.size(); ++i) {
      if (i + kPrefetchAhead < c.size()) df_.Prefetch(c[i + kPrefetchAhead].first);
      weighted.emplace_back(c[i].second * Idf(c[i].first), c[i].first);
    }
    // The centroid keeps its heaviest terms (by weight, then key, as Heavier
    // orders them); the index the first few of them.
    const size_t limit = options_.centroid_terms + options_.centroid_terms / 2;
    if (story.centroid.size() > limit) {
      Weighted cut = weighted;  // in centroid (key) order
      std::nth_element(cut.begin(), cut.begin() + (options_.centroid_terms - 1), cut.end(), Heavier());
      const std::pair<double, Key> last = cut[options_.centroid_terms - 1];
      Terms kept;
      Weighted heavy;
      kept.reserve(options_.centroid_terms);
      heavy.reserve(options_.centroid_terms);
      for (size_t i = 0; i < weighted.size(); ++i) {
        if (Heavier()(last, weighted[i])) continue;
        kept.push_back(story.centroid[i]);
        heavy.push_back(weighted[i]);
      }
      story.centroid = std::move(kept);
      weighted = std::move(heavy);
    }
    HeaviestFirst(weighted, std::max(options_.index_terms, options_.query_terms));
    double norm2 = 0;
    for (const auto& [x, k] : weighted) norm2 += x * x;
    story.norm2 = norm2;
    story.norm_documents = documents_;
    if (!story.retired) Index(story, weighted);
    if (!merge) return id;
    // Stories that turn out to be one: the other story whose centroid scores best
    // with this one's, within the window.
    weighted.resize(std::min(weighted.size(), options_.query_terms));
    const double norm = std::sqrt(norm2);
    uint32_t best_id = 0;
    // The threshold of a pair depends on the smaller story: two samples of one
    // story have closer centroids the more articles each holds, so a story of m
    // articles needs merge - (merge - join) / m. A story of one article is an
    // article: it merges as it would join.
    double best = 1, best_dot = 0;  // score over its threshold
    for (uint32_t s : Candidates(weighted, id)) {
      Story& other = stories_[s - 1];
      if (!RangesMeet(story, other)) continue;
      const double smaller = std::max<uint32_t>(1, std::min(story.articles, other.articles));
      const double threshold = options_.merge_threshold - (options_.merge_threshold - JoinThreshold()) / smaller;
      const double time = TimeFactor(story, other);
      if (time < best * threshold) continue;
      const double dot = Dot(story.centroid, other.centroid);
      const double other_norm = Norm(other);
      if (norm <= 0 || other_norm <= 0) continue;
      const double score = dot / (norm * other_norm) * time / threshold;
      if (score >= best) best = score, best_id = s, best_dot = dot;
    }
    if (best_id == 0) return id;
    id = Merge(id, best_id, best_dot);
  }
  return id;
}

uint32_t StoryClusterer::Join(uint32_t a, uint32_t b) {
  if (a == 0 || b == 0 || a > stories_.size() || b > stories_.size()) return 0;
  a = Live(a), b = Live(b);
  if (a == b) return a;
  Story& x = stories_[a - 1];
  Story& y = stories_[b - 1];
  (void)Norm(x), (void)Norm(y);  // Merge adds norms as of now
  return Merge(a, b, Dot(x.centroid, y.centroid));
}

uint32_t StoryClusterer::Merge(uint32_t a, uint32_t b, double dot) {
  // The larger story keeps its id (the older on a tie); the other resolves to it.
  Story* keep = &stories_[a - 1];
  Story* gone = &stories_[b - 1];
  if (gone->articles > keep->articles || (gone->articles == keep->articles && gone->id < keep->id))
    std::swap(keep, gone);
  const std::optional<int32_t> last =
      keep->days.empty() ? std::nullopt : std::optional<int32_t>(keep->days.back().first);
  AddInto(keep->centroid, gone->centroid);
  keep->norm2 += 2 * dot + gone->norm2;
  keep->norm_documents = std::min(keep->norm_documents, gone->norm_documents);
  keep->articles += gone->articles;
  AddInto(keep->days, gone->days);
  if (!keep->days.empty() && (!last || keep->days.back().first != *last))
    by_last_day_.push({keep->days.back().first, keep->id});
  Unindex(*gone);
  exam_queue_.erase({gone->exam_documents, gone->id});
  gone->centroid = Terms();
  gone->days = {};
  gone->articles = 0;
  gone->norm2 = 0;
  gone->merged = true;
  merged_into_[gone->id - 1] = keep->id;
  merges_.emplace_back(gone->id, keep->id);
  Changed(*gone);
  Changed(*keep);
  return keep->id;
}

void StoryClusterer::Retire() {
  if (!newest_day_) return;
  const int64_t horizon = static_cast<int64_t>(*newest_day_) - 2 * static_cast<int64_t>(options_.window_days);
  while (!by_last_day_.empty() && by_last_day_.top().first < horizon) {
    const auto [day, id] = by_last_day_.top();
    by_last_day_.pop();
    Story& s = stories_[id - 1];
    if (s.merged || s.retired || s.days.empty() || s.days.back().first != day) continue;  // a stale entry
    Unindex(s);
    exam_queue_.erase({s.exam_documents, s.id});
    s.retired = true;
    Changed(s);
  }
}

double StoryClusterer::JoinThreshold() const {
  return documents_ <= options_.young_stream_articles ? std::max(options_.join_threshold, options_.merge_threshold)
                                                      : options_.join_threshold;
}

uint32_t StoryClusterer::Live(uint32_t story) const {
  // At most one step a story: a restored chain that loops (a damaged store) ends.
  for (size_t steps = 0; merged_into_[story - 1] != 0 && steps < merged_into_.size(); ++steps)
    story = merged_into_[story - 1];
  return story;
}

uint32_t StoryClusterer::Resolve(uint32_t story) const {
  if (story == 0 || story > stories_.size()) return story;
  return Live(story);
}

void StoryClusterer::Reserve(uint32_t id) {
  while (stories_.size() < id) {
    stories_.push_back(Story{});
    stories_.back().id = static_cast<uint32_t>(stories_.size());
    stories_.back().merged = true;  // a gap (an id restored later) holds nothing until then
    merged_into_.push_back(0);
  }
}

StoryClusterer::Story& StoryClusterer::NewStory(uint32_t id) {
  Reserve(id);
  Story& s = stories_[id - 1];
  s.merged = false;
  return s;
}

void StoryClusterer::CountTerms(const StoryFeatures& features) {
  Counted(1);
  for (const auto& [k, w] : Keyed(features.terms)) df_.Add(k);
}

uint32_t StoryClusterer::Add(const StoryFeatures& features) {
  const Terms terms = Keyed(features.terms);
  Counted(1);
  for (size_t i = 0; i < std::min(terms.size(), kPrefetchAhead); ++i) df_.Prefetch(terms[i].first);
  std::vector<double> idf(terms.size());
  Weighted weighted;
  weighted.reserve(terms.size());
  double norm2 = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i + kPrefetchAhead < terms.size()) df_.Prefetch(terms[i + kPrefetchAhead].first);
    idf[i] = IdfOf(df_.Add(terms[i].first));
    const double x = terms[i].second * idf[i];
    norm2 += x * x;
    weighted.emplace_back(x, terms[i].first);
  }
  const double norm = std::sqrt(norm2);
  HeaviestFirst(weighted, std::max(options_.index_terms, options_.query_terms));

  uint32_t chosen = 0;
  double chosen_dot = 0;
  if (features.copy_of_story && *features.copy_of_story >= 1 && *features.copy_of_story <= stories_.size() &&
      !stories_[Live(*features.copy_of_story) - 1].merged) {
    chosen = Live(*features.copy_of_story);
    chosen_dot = Dot(terms, idf, stories_[chosen - 1].centroid);
  } else if (norm > 0) {
    const Weighted query(weighted.begin(), weighted.begin() + std::min(weighted.size(), options_.query_terms));
    double best = JoinThreshold();
    for (uint32_t s : Candidates(query, 0)) {
      Story& story = stories_[s - 1];
      if (!InWindow(story, features.day)) continue;
      const double time = TimeFactor(story, features.day);
      if (time < best) continue;  // no cosine can make up for it
      const double dot = Dot(terms, idf, story.centroid);
      const double story_norm = Norm(story);
      if (story_norm <= 0) continue;
      const double score = dot / (norm * story_norm) * time;
      if (score >= best) best = score, chosen = s, chosen_dot = dot;
    }
  }

  const bool fresh = chosen == 0;
  if (fresh) chosen = NewStory(static_cast<uint32_t>(stories_.size()) + 1).id;
  Story& story = stories_[chosen - 1];
  const std::optional<int32_t> last =
      story.days.empty() ? std::nullopt : std::optional<int32_t>(story.days.back().first);
  // The article's unit vector joins the centroid; the centroid's norm under IDF
  // follows: |c + a|^2 = |c|^2 + 2 c.a + |a|^2.
  if (fresh) story.centroid = terms;
  else AddInto(story.centroid, terms);
  if (fresh) story.norm_documents = documents_;
  story.norm2 += 2 * chosen_dot + norm2;
  ++story.articles;
  if (features.day) {
    auto it = std::lower_bound(story.days.begin(), story.days.end(), std::make_pair(*features.day, uint32_t{0}));
    if (it != story.days.end() && it->first == *features.day) ++it->second;
    else story.days.insert(it, {*features.day, 1});
    if (!last || story.days.back().first != *last) by_last_day_.push({story.days.back().first, story.id});
    newest_day_ = std::max(newest_day_.value_or(*features.day), *features.day);
  }
  Changed(story);
  if (fresh) {
    // Index the new story by the article's heaviest terms, already sorted.
    Schedule(story);
    if (story.centroid.size() > options_.centroid_terms + options_.centroid_terms / 2) {
      Examine(chosen, false);
    } else {
      weighted.resize(std::min(weighted.size(), options_.index_terms));
      Index(story, weighted);
    }
  } else if (story.retired) {
    // A copy of an article of a story too old to be indexed: it is current again.
    story.retired = false;
    chosen = Examine(chosen, true);
  } else if (4 * story.articles >= 5 * story.articles_at_exam) {
    chosen = Examine(chosen, true);
  }
  // The stream has come of age: every story of its youth is examined again, with
  // the join threshold's leniency now that IDF has seen enough.
  if (documents_ == options_.young_stream_articles + 1)
    for (uint32_t id = 1; id <= stories_.size(); ++id)
      if (!stories_[id - 1].merged && !stories_[id - 1].retired && Live(id) == id) Examine(id, true);
  // Stories last examined when the stream was half its size or less: today's IDF
  // may tell they match stories the early IDF could not.
  for (int done = 0; done < kDueExamsPerAdd && !exam_queue_.empty(); ++done) {
    const auto [at, id] = *exam_queue_.begin();
    if (2 * at > documents_) break;
    Examine(id, true);
  }
  Retire();
  return Live(chosen);
}

std::vector<std::pair<uint32_t, uint32_t>> StoryClusterer::TakeMerges() {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  out.swap(merges_);
  return out;
}

std::vector<StorySummary> StoryClusterer::Stories() const {
  std::vector<StorySummary> out;
  for (const Story& s : stories_) {
    if (s.merged) continue;
    StorySummary summary{s.id, s.articles, std::nullopt, std::nullopt};
    if (!s.days.empty()) summary.first_day = s.days.front().first, summary.last_day = s.days.back().first;
    out.push_back(summary);
  }
  return out;
}

double StoryClusterer::Similarity(const StoryFeatures& fa, const StoryFeatures& fb) const {
  const Terms a = Keyed(fa.terms), b = Keyed(fb.terms);
  double dot = 0, na = 0, nb = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      const double x = a[i].second * Idf(a[i].first);
      na += x * x;
      ++i;
    } else if (i == a.size() || b[j].first < a[i].first) {
      const double y = b[j].second * Idf(b[j].first);
      nb += y * y;
      ++j;
    } else {
      const double idf = Idf(a[i].first);
      const double x = a[i].second * idf, y = b[j].second * idf;
      dot += x * y;
      na += x * x;
      nb += y * y;
      ++i, ++j;
    }
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

StoryClusterer::Changes StoryClusterer::TakeChanges() {
  Changes c;
  c.documents = documents_changed_;
  for (const auto& [k, n] : df_.TakeDeltas()) c.df.emplace_back(k, n);
  c.stories = std::move(stories_changed_);
  std::sort(c.stories.begin(), c.stories.end());
  for (uint32_t id : c.stories) stories_[id - 1].changed = false;
  documents_changed_ = 0;
  stories_changed_.clear();
  return c;
}

// A story's state, version 2: version, flags (1 = retired), articles, articles at
// the last examination, the stream size then, |IDF . centroid|^2 and the stream
// size it was computed afresh at, the (day, articles) pairs, the indexed keys,
// then the centroid's (key, weight) pairs; little-endian.
std::string StoryClusterer::StoryState(uint32_t id) const {
  std::string out;
  if (id == 0 || id > stories_.size()) return out;
  const Story& s = stories_[id - 1];
  out.reserve(48 + 8 * s.days.size() + 4 * s.indexed.size() + 8 * s.centroid.size());
  Put<uint32_t>(out, kStateVersion);
  Put<uint8_t>(out, s.retired ? 1 : 0);
  Put<uint32_t>(out, s.articles);
  Put<uint32_t>(out, s.articles_at_exam);
  Put<uint64_t>(out, s.exam_documents);
  Put<double>(out, s.norm2);
  Put<uint64_t>(out, s.norm_documents);
  Put<uint32_t>(out, static_cast<uint32_t>(s.days.size()));
  for (const auto& [day, n] : s.days) {
    Put<int32_t>(out, day);
    Put<uint32_t>(out, n);
  }
  Put<uint32_t>(out, static_cast<uint32_t>(s.indexed.size()));
  for (Key k : s.indexed) Put<uint32_t>(out, k);
  Put<uint32_t>(out, static_cast<uint32_t>(s.centroid.size()));
  for (const auto& [k, w] : s.centroid) {
    Put<uint32_t>(out, k);
    Put<float>(out, w);
  }
  return out;
}

void StoryClusterer::RestoreCounts(uint64_t documents, const std::vector<std::pair<TermId, uint32_t>>& df) {
  documents_ += documents;
  log_documents_ = std::log(static_cast<double>(documents_) + 1.0);
  for (const auto& [t, n] : df)
    if (n > 0) df_.Add(KeyOf(t), n, /*delta=*/false);
}

Status StoryClusterer::RestoreStory(uint32_t id, std::string_view state, uint32_t merged_into) {
  auto bad = [&](const char* what) {
    return Status(StatusCode::kDataLoss, "story " + std::to_string(id) + ": clustering state " + what +
                                             " (expected version " + std::to_string(kStateVersion) +
                                             "); recluster the store's articles to rebuild it");
  };
  if (id == 0) return bad("has id 0");
  if (merged_into == id) return bad("is merged into itself");
  Story s;
  uint32_t version = 0, days = 0, indexed = 0, terms = 0;
  uint8_t flags = 0;
  if (!Get(state, version) || version != kStateVersion) return bad("is not of this version");
  if (!Get(state, flags) || !Get(state, s.articles) || !Get(state, s.articles_at_exam) ||
      !Get(state, s.exam_documents) || !Get(state, s.norm2) || !Get(state, s.norm_documents) || !Get(state, days) ||
      state.size() / 8 < days)
    return bad("is cut short");
  s.days.resize(days);
  for (auto& [day, n] : s.days) Get(state, day), Get(state, n);
  if (!Get(state, indexed) || state.size() / 4 < indexed) return bad("is cut short");
  s.indexed.resize(indexed);
  for (Key& k : s.indexed) Get(state, k);
  if (!Get(state, terms) || state.size() != static_cast<size_t>(terms) * 8) return bad("is cut short or too long");
  s.centroid.resize(terms);
  for (auto& [k, w] : s.centroid) Get(state, k), Get(state, w);
  auto by_key = [](const auto& x, const auto& y) { return x.first < y.first; };
  if (!std::is_sorted(s.centroid.begin(), s.centroid.end(), by_key) ||
      std::adjacent_find(s.centroid.begin(), s.centroid.end(),
                         [](const auto& x, const auto& y) { return x.first == y.first; }) != s.centroid.end() ||
      !std::is_sorted(s.days.begin(), s.days.end(), by_key))
    return bad("has unsorted terms or days");

  Reserve(merged_into);  // the story it went into may come later
  Story& story = NewStory(id);
  Unindex(story);
  exam_queue_.erase({story.exam_documents, story.id});
  s.id = id;
  s.retired = (flags & 1) != 0;
  s.merged = merged_into != 0;
  s.changed = story.changed;
  story = std::move(s);
  merged_into_[id - 1] = merged_into;
  if (story.merged) {
    story.indexed.clear();
    return Status::Ok();
  }
  if (!story.days.empty()) {
    by_last_day_.push({story.days.back().first, id});
    newest_day_ = std::max(newest_day_.value_or(story.days.back().first), story.days.back().first);
  }
  if (story.retired) {
    story.indexed.clear();
    return Status::Ok();
  }
  for (Key k : story.indexed) postings_.Add(k, id);
  exam_queue_.insert({story.exam_documents, id});
  return Status::Ok();
}

}  // namespace crosscheck::relate
