// Online story clustering: each arriving article joins the story it fits best, or
// starts a new one.
//
//   relate::StoryClusterer clusterer;                       // default options
//   for (const Article& a : stream) {
//     relate::StoryFeatures f = relate::FeaturesOf(a, analyze::FindEntities(a, words));
//     uint32_t story = clusterer.Add(f);                     // stable id, 1, 2, ...
//   }
//   for (auto [from, into] : clusterer.TakeMerges()) ...      // stories found to be one
//
// An article is a bag of weighted terms: the Snowball stems of its content words
// (the lede counts double, since news puts the story first), and its named
// entities, folded ("Antony Blinken" and "Blinken" both give "blinken"), which
// count like rare words. A story is the sum of its articles' unit vectors (its
// centroid). Both are compared under the stream's current IDF, log(N / df), so an
// early article's weights are not frozen at what the first few articles made of
// the vocabulary: cosine(idf . article, idf . centroid).
//
// Candidates: an inverted index from each story's most weighted terms to the
// story, queried with the article's most weighted terms, so an article meets the
// few stories that share its rarest words, not all of them. A candidate must be
// within the time window of the story: an article dated more than `window_days`
// after a story's last article (or before its first) does not join it, so last
// year's flood does not swallow today's. Undated articles have no window.
//
// Decision: the best candidate by cosine joins when it reaches `join_threshold`,
// else the article starts a story. A near-duplicate (a wire copy found by MinHash)
// joins its original's story whatever its wording. After a story grows by a
// quarter, it is compared with its own candidates the same way, and two stories
// whose centroids reach `merge_threshold` become one: the larger keeps its id and
// the other's id resolves to it (Resolve), so ids stay stable as stories grow.
// Merging also undoes most of what the order of arrival did: an early article that
// started a story of its own is absorbed once the story it belonged to has grown.
//
#ifndef CROSSCHECK_RELATE_STORY_CLUSTERER_H_
#define CROSSCHECK_RELATE_STORY_CLUSTERER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyze/entities.h"
#include "crosscheck/article.h"
#include "crosscheck/status.h"

namespace crosscheck::relate {

// A term: a 64-bit hash of a stem ("flood") or an entity ("@e:okafor").
using TermId = uint64_t;

struct StoryFeatures {
  std::vector<std::pair<TermId, float>> terms;  // sorted by term, weights > 0, each term once
  std::optional<int32_t> day;                   // publication day number (CivilDate::DayNumber)
  // The story of the article this one copies, when near-duplicate detection found
  // one: the copy joins it.
  std::optional<uint32_t> copy_of_story;
};

// The features of one extracted (tokenized) article and its entity mentions.
StoryFeatures FeaturesOf(const Article& article, const std::vector<analyze::EntityMention>& entities);

struct StoryClustererOptions {
  // Score an article needs with a story (cosine with its centroid, times the time
  // factor below) to join it. Lower joins more (fewer, larger stories), higher
  // splits stories into events.
  double join_threshold = 0.09;
  // Score two stories' centroids need to become one.
  double merge_threshold = 0.2;
  // Time between an article and a story's nearest article costs the score a factor
  // exp(-days / time_decay_days): a story goes on with what follows it closely, and
  // a report a month later must share much more to join. 0 turns it off.
  double time_decay_days = 10;
  // An article joins a story only within this many days of the story's dates.
  int32_t window_days = 30;
  // Terms kept per story centroid (the heaviest); memory is about 12 bytes each.
  size_t centroid_terms = 400;
  // Terms of a story in the inverted index, and of an article used to query it.
  size_t index_terms = 24;
  size_t query_terms = 16;
};

struct StorySummary {
  uint32_t id = 0;
  uint32_t articles = 0;
  std::optional<int32_t> first_day, last_day;
};

class StoryClusterer {
 public:
  explicit StoryClusterer(const StoryClustererOptions& options = {});

  // Adds an article; returns the id of the story it joined or started. Ids start
  // at 1 and are never reused.
  uint32_t Add(const StoryFeatures& features);

  // The story an id now stands for (itself, or what it was merged into).
  uint32_t Resolve(uint32_t story) const;

  // Merges since the last call: (merged id, the id it now resolves to).
  std::vector<std::pair<uint32_t, uint32_t>> TakeMerges();

  // Live (not merged) stories.
  std::vector<StorySummary> Stories() const;
  size_t articles() const { return documents_; }

  // Persistence: a store keeps the state beside the articles, in the same
  // transaction. TakeChanges() returns what changed since the last call: the
  // document-frequency increments and the stories whose state changed (merged
  // ones included); StoryState() is one story's state as bytes. A new clusterer
  // is restored by RestoreCounts() (adding increments) first, then
  // RestoreStory() for every story, in any order.
  struct Changes {
    uint64_t documents = 0;
    std::vector<std::pair<TermId, uint32_t>> df;  // sorted by term
    std::vector<uint32_t> stories;                // sorted
  };
  Changes TakeChanges();
  std::string StoryState(uint32_t story) const;
  void RestoreCounts(uint64_t documents, const std::vector<std::pair<TermId, uint32_t>>& df);
  // `merged_into` is 0 for a live story. Fails (kDataLoss) on bytes that are not a
  // story state of this version.
  Status RestoreStory(uint32_t story, std::string_view state, uint32_t merged_into);

  // Counts an article's terms in the document frequencies without clustering it.
  void CountTerms(const StoryFeatures& features);

  // Cosine of two articles' features under the current IDF (the same-story score;
  // evaluations compare it with human judgements).
  double Similarity(const StoryFeatures& a, const StoryFeatures& b) const;

 private:
  struct Story {
    uint32_t id = 0;
    uint32_t articles = 0;
    uint32_t articles_at_check = 0;  // size when last compared with other stories
    std::unordered_map<TermId, float> centroid;  // summed unit vectors, before IDF
    double member_norms = 0;
    std::vector<int32_t> days;                   // its articles' days, sorted                     // sum of the members' norms under IDF when they joined
    std::vector<TermId> indexed;                 // its terms in the inverted index
    bool merged = false;
  };

  double Idf(TermId term) const;
  // Cosine of an article (or another story's centroid) with a story, under IDF.
  double Cosine(const std::vector<std::pair<TermId, float>>& terms, double norm, const Story& story) const;
  double CentroidNorm(const Story& story) const;
  std::vector<uint32_t> Candidates(const std::vector<std::pair<TermId, float>>& terms, std::optional<int32_t> day,
                                   uint32_t exclude) const;
  bool InWindow(const Story& story, std::optional<int32_t> day) const;
  // How much the time between `day` and a story's nearest article leaves of a score.
  double TimeFactor(const Story& story, std::optional<int32_t> day) const;
  void Absorb(Story& story, const StoryFeatures& features);
  void Reindex(Story& story);
  void Unindex(Story& story);
  void MaybeMerge(uint32_t story);
  uint32_t Live(uint32_t story) const;
  Story& NewStory(uint32_t id);

  StoryClustererOptions options_;
  uint64_t documents_ = 0;
  std::unordered_map<TermId, uint32_t> df_;
  std::vector<Story> stories_;                   // stories_[id - 1]
  std::vector<uint32_t> merged_into_;            // merged_into_[id - 1]: 0 when live
  std::unordered_map<TermId, std::vector<uint32_t>> postings_;
  std::vector<std::pair<uint32_t, uint32_t>> merges_;
  // Since the last TakeChanges().
  uint64_t documents_changed_ = 0;
  std::unordered_map<TermId, uint32_t> df_changed_;
  std::vector<uint32_t> stories_changed_;
};

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_STORY_CLUSTERER_H_
