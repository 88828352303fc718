#include "relate/story_clusterer.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
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
constexpr float kEntityWeight = 1.0f;  // an entity mention, on top of its words
constexpr uint64_t kWordSeed = 0x73746f7279776f72ull;
constexpr uint64_t kEntitySeed = 0x73746f7279656e74ull;
constexpr uint32_t kStateVersion = 1;

TermId Hash(std::string_view s, uint64_t seed) { return XXH3_64bits_withSeed(s.data(), s.size(), seed); }

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

StoryClusterer::StoryClusterer(const StoryClustererOptions& options) : options_(options) {}

double StoryClusterer::Idf(TermId term) const {
  auto it = df_.find(term);
  const double df = it == df_.end() ? 0.0 : it->second;
  return std::max(0.0, std::log((static_cast<double>(documents_) + 1.0) / (df + 0.5)));
}

double StoryClusterer::CentroidNorm(const Story& story) const {
  double norm = 0;
  for (const auto& [t, w] : story.centroid) {
    const double x = w * Idf(t);
    norm += x * x;
  }
  return std::sqrt(norm);
}

double StoryClusterer::Cosine(const std::vector<std::pair<TermId, float>>& terms, double norm,
                              const Story& story) const {
  if (norm <= 0) return 0;
  double dot = 0;
  for (const auto& [t, w] : terms) {
    auto it = story.centroid.find(t);
    if (it == story.centroid.end()) continue;
    const double idf = Idf(t);
    dot += w * idf * it->second * idf;
  }
  const double story_norm = CentroidNorm(story);
  return story_norm > 0 ? dot / (norm * story_norm) : 0;
}

bool StoryClusterer::InWindow(const Story& story, std::optional<int32_t> day) const {
  if (!day || story.days.empty()) return true;
  return *day >= story.days.front() - options_.window_days && *day <= story.days.back() + options_.window_days;
}

double StoryClusterer::TimeFactor(const Story& story, std::optional<int32_t> day) const {
  if (options_.time_decay_days <= 0 || !day || story.days.empty()) return 1.0;
  auto it = std::lower_bound(story.days.begin(), story.days.end(), *day);
  int32_t gap = INT32_MAX;
  if (it != story.days.end()) gap = std::min(gap, *it - *day);
  if (it != story.days.begin()) gap = std::min(gap, *day - *std::prev(it));
  return std::exp(-static_cast<double>(gap) / options_.time_decay_days);
}

std::vector<uint32_t> StoryClusterer::Candidates(const std::vector<std::pair<TermId, float>>& terms,
                                                 std::optional<int32_t> day, uint32_t exclude) const {
  std::vector<std::pair<double, TermId>> weighted;
  weighted.reserve(terms.size());
  for (const auto& [t, w] : terms) weighted.emplace_back(w * Idf(t), t);
  const size_t k = std::min(weighted.size(), options_.query_terms);
  std::partial_sort(weighted.begin(), weighted.begin() + k, weighted.end(),
                    [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<uint32_t> out;
  for (size_t i = 0; i < k; ++i) {
    auto it = postings_.find(weighted[i].second);
    if (it == postings_.end()) continue;
    for (uint32_t s : it->second)
      if (s != exclude && InWindow(stories_[s - 1], day)) out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void StoryClusterer::Unindex(Story& story) {
  for (TermId t : story.indexed) {
    auto it = postings_.find(t);
    if (it == postings_.end()) continue;
    std::vector<uint32_t>& list = it->second;
    list.erase(std::remove(list.begin(), list.end(), story.id), list.end());
    if (list.empty()) postings_.erase(it);
  }
  story.indexed.clear();
}

void StoryClusterer::Reindex(Story& story) {
  Unindex(story);
  std::vector<std::pair<double, TermId>> weighted;
  weighted.reserve(story.centroid.size());
  for (const auto& [t, w] : story.centroid) weighted.emplace_back(w * Idf(t), t);
  // The heaviest terms stay in the centroid; the index holds the first few.
  const size_t keep = std::min(weighted.size(), options_.centroid_terms);
  std::partial_sort(weighted.begin(), weighted.begin() + keep, weighted.end(),
                    [](const auto& x, const auto& y) { return x.first > y.first; });
  if (weighted.size() > 2 * options_.centroid_terms) {
    std::unordered_map<TermId, float> kept;
    for (size_t i = 0; i < keep; ++i) kept.emplace(weighted[i].second, story.centroid[weighted[i].second]);
    story.centroid = std::move(kept);
  }
  const size_t n = std::min(keep, options_.index_terms);
  for (size_t i = 0; i < n; ++i) {
    story.indexed.push_back(weighted[i].second);
    postings_[weighted[i].second].push_back(story.id);
  }
}

void StoryClusterer::Absorb(Story& story, const StoryFeatures& features) {
  for (const auto& [t, w] : features.terms) story.centroid[t] += w;
  ++story.articles;
  if (features.day) story.days.insert(std::upper_bound(story.days.begin(), story.days.end(), *features.day), *features.day);
  stories_changed_.push_back(story.id);
  // The index follows the centroid closely while a story is young, then every
  // eighth article.
  if (story.articles < 16 || story.articles % 8 == 0) Reindex(story);
}

uint32_t StoryClusterer::Live(uint32_t story) const {
  while (merged_into_[story - 1] != 0) story = merged_into_[story - 1];
  return story;
}

uint32_t StoryClusterer::Resolve(uint32_t story) const {
  if (story == 0 || story > stories_.size()) return story;
  return Live(story);
}

StoryClusterer::Story& StoryClusterer::NewStory(uint32_t id) {
  while (stories_.size() < id) {
    stories_.push_back(Story{});
    stories_.back().id = static_cast<uint32_t>(stories_.size());
    stories_.back().merged = true;  // a gap (an id restored later) holds nothing until then
    merged_into_.push_back(0);
  }
  Story& s = stories_[id - 1];
  s.merged = false;
  return s;
}

void StoryClusterer::CountTerms(const StoryFeatures& features) {
  ++documents_;
  ++documents_changed_;
  for (const auto& [t, w] : features.terms) {
    ++df_[t];
    ++df_changed_[t];
  }
}

uint32_t StoryClusterer::Add(const StoryFeatures& features) {
  CountTerms(features);
  uint32_t chosen = 0;
  if (features.copy_of_story && *features.copy_of_story >= 1 && *features.copy_of_story <= stories_.size()) {
    chosen = Live(*features.copy_of_story);
  } else {
    double norm = 0;
    for (const auto& [t, w] : features.terms) {
      const double x = w * Idf(t);
      norm += x * x;
    }
    norm = std::sqrt(norm);
    double best = options_.join_threshold;
    for (uint32_t s : Candidates(features.terms, features.day, 0)) {
      const Story& story = stories_[s - 1];
      const double score = Cosine(features.terms, norm, story) * TimeFactor(story, features.day);
      if (score >= best) best = score, chosen = s;
    }
  }
  if (chosen == 0) chosen = NewStory(static_cast<uint32_t>(stories_.size()) + 1).id;
  Absorb(stories_[chosen - 1], features);
  MaybeMerge(chosen);
  return Live(chosen);
}

void StoryClusterer::MaybeMerge(uint32_t id) {
  for (int round = 0; round < 4; ++round) {
    Story& story = stories_[id - 1];
    if (story.articles < 2 || 4 * story.articles < 5 * story.articles_at_check) return;
    story.articles_at_check = story.articles;
    std::vector<std::pair<TermId, float>> terms(story.centroid.begin(), story.centroid.end());
    std::sort(terms.begin(), terms.end());
    const double norm = CentroidNorm(story);
    std::optional<int32_t> first, last;
    if (!story.days.empty()) first = story.days.front(), last = story.days.back();
    uint32_t best_id = 0;
    double best = options_.merge_threshold;
    for (uint32_t s : Candidates(terms, first, id)) {
      const Story& other = stories_[s - 1];
      // The two stories' date ranges meet within the window; the time factor is
      // that of their closest articles.
      if (!InWindow(other, first) && !InWindow(other, last)) continue;
      double time = story.days.empty() ? 1.0 : 0.0;
      for (int32_t d : story.days) time = std::max(time, TimeFactor(other, d));
      const double score = Cosine(terms, norm, other) * time;
      if (score >= best) best = score, best_id = s;
    }
    if (best_id == 0) return;
    // The larger story keeps its id (the older on a tie); the other resolves to it.
    Story* keep = &stories_[best_id - 1];
    Story* gone = &stories_[id - 1];
    if (gone->articles > keep->articles || (gone->articles == keep->articles && gone->id < keep->id))
      std::swap(keep, gone);
    for (const auto& [t, w] : gone->centroid) keep->centroid[t] += w;
    keep->articles += gone->articles;
    std::vector<int32_t> days;
    std::merge(keep->days.begin(), keep->days.end(), gone->days.begin(), gone->days.end(), std::back_inserter(days));
    keep->days = std::move(days);
    Unindex(*gone);
    gone->centroid.clear();
    gone->days.clear();
    gone->articles = 0;
    gone->merged = true;
    merged_into_[gone->id - 1] = keep->id;
    merges_.emplace_back(gone->id, keep->id);
    stories_changed_.push_back(gone->id);
    stories_changed_.push_back(keep->id);
    Reindex(*keep);
    id = keep->id;
    keep->articles_at_check = 0;  // check the merged story again
  }
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
    if (!s.days.empty()) summary.first_day = s.days.front(), summary.last_day = s.days.back();
    out.push_back(summary);
  }
  return out;
}

double StoryClusterer::Similarity(const StoryFeatures& a, const StoryFeatures& b) const {
  double dot = 0, na = 0, nb = 0;
  size_t i = 0, j = 0;
  while (i < a.terms.size() || j < b.terms.size()) {
    if (j == b.terms.size() || (i < a.terms.size() && a.terms[i].first < b.terms[j].first)) {
      const double x = a.terms[i].second * Idf(a.terms[i].first);
      na += x * x;
      ++i;
    } else if (i == a.terms.size() || b.terms[j].first < a.terms[i].first) {
      const double y = b.terms[j].second * Idf(b.terms[j].first);
      nb += y * y;
      ++j;
    } else {
      const double idf = Idf(a.terms[i].first);
      const double x = a.terms[i].second * idf, y = b.terms[j].second * idf;
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
  c.df.assign(df_changed_.begin(), df_changed_.end());
  std::sort(c.df.begin(), c.df.end());
  c.stories = std::move(stories_changed_);
  std::sort(c.stories.begin(), c.stories.end());
  c.stories.erase(std::unique(c.stories.begin(), c.stories.end()), c.stories.end());
  documents_changed_ = 0;
  df_changed_.clear();
  stories_changed_.clear();
  return c;
}

std::string StoryClusterer::StoryState(uint32_t id) const {
  std::string out;
  if (id == 0 || id > stories_.size()) return out;
  const Story& s = stories_[id - 1];
  Put<uint32_t>(out, kStateVersion);
  Put<uint32_t>(out, s.articles);
  Put<uint32_t>(out, s.articles_at_check);
  Put<uint32_t>(out, static_cast<uint32_t>(s.days.size()));
  for (int32_t d : s.days) Put<int32_t>(out, d);
  std::vector<std::pair<TermId, float>> terms(s.centroid.begin(), s.centroid.end());
  std::sort(terms.begin(), terms.end());
  Put<uint32_t>(out, static_cast<uint32_t>(terms.size()));
  for (const auto& [t, w] : terms) {
    Put<uint64_t>(out, t);
    Put<float>(out, w);
  }
  return out;
}

void StoryClusterer::RestoreCounts(uint64_t documents, const std::vector<std::pair<TermId, uint32_t>>& df) {
  documents_ += documents;
  for (const auto& [t, n] : df) df_[t] += n;
}

Status StoryClusterer::RestoreStory(uint32_t id, std::string_view state, uint32_t merged_into) {
  auto bad = [&] {
    return Status(StatusCode::kDataLoss, "story " + std::to_string(id) + ": clustering state is not of this version");
  };
  if (id == 0) return bad();
  uint32_t version = 0, articles = 0, at_check = 0, days = 0, terms = 0;
  if (!Get(state, version) || version != kStateVersion || !Get(state, articles) || !Get(state, at_check) ||
      !Get(state, days) || state.size() < static_cast<size_t>(days) * 4)
    return bad();
  Story& s = NewStory(id);
  Unindex(s);
  s.articles = articles;
  s.articles_at_check = at_check;
  s.days.resize(days);
  for (int32_t& d : s.days) Get(state, d);
  if (!Get(state, terms) || state.size() != static_cast<size_t>(terms) * 12) return bad();
  s.centroid.clear();
  s.centroid.reserve(terms);
  for (uint32_t i = 0; i < terms; ++i) {
    uint64_t t = 0;
    float w = 0;
    Get(state, t);
    Get(state, w);
    s.centroid.emplace(t, w);
  }
  merged_into_[id - 1] = merged_into;
  s.merged = merged_into != 0;
  if (!s.merged) Reindex(s);
  return Status::Ok();
}

}  // namespace crosscheck::relate
