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
// (the headline's and the lede's count double, since news puts the story first),
// and its named entities, folded ("Antony Blinken" and "Blinken" both give
// "blinken"), which count like rare words. A story is the sum of its articles' unit vectors (its
// centroid). Both are compared under the stream's current IDF, log(N / df), so an
// early article's weights are not frozen at what the first few articles made of
// the vocabulary: the score of an article and a story is
// cosine(idf . article, idf . centroid) x exp(-gap / time_decay_days), the gap
// being the days between the article and the story's nearest article.
//
// Candidates: an inverted index from each story's most weighted terms to the
// story, queried with the article's most weighted terms; the stories sharing the
// most of that weight are scored exactly, so an article meets the few stories
// that share its rarest words, never all of them. A story takes an article only
// within `window_days` of its dates, so last year's flood does not swallow
// today's. Undated articles have no window and no time factor.
//
// Decision: the best candidate joins when its score reaches `join_threshold`,
// else the article starts a story. A near-duplicate (a wire copy found by MinHash)
// joins its original's story whatever its wording. While the stream is young
// (`young_stream_articles`), joining takes the merge threshold.
//
// Examination: a story is examined when it has grown by a quarter since it was
// last, whenever the stream has doubled since (IDF then has changed enough for
// old fragments to match), and once when the stream comes of age. Examining
// reindexes it, prunes its centroid to its `centroid_terms` heaviest terms (once
// it holds half as many more), computes its norm afresh, and looks for another
// story whose centroid scores enough with its own (same cosine, time factor of
// their closest articles; the threshold goes from `join_threshold` for a story
// of one article to `merge_threshold` for large ones): the two become one, the
// larger keeping its id and the other's id resolving to it (Resolve), so ids
// stay stable as stories grow. Merging undoes most of what the order of arrival
// did: an article that started a story of its own, because its story's articles
// had not arrived yet or because the early stream's IDF could not yet tell them
// apart, is absorbed once they have. Nothing else moves: an article stays in the
// story it joined (or what that story was merged into).
//
// Costs (see bench/story_clusterer_bench.cc): one Add reads the document
// frequencies of the article's terms (one flat table), a few posting lists and
// the centroids of at most `max_candidates` stories; memory is bounded per story
// by `centroid_terms` (8 bytes each) plus its days. A story whose last article
// is more than twice the window older than the newest article leaves the index;
// an article arriving that late (out of order) starts a new story.
//
// Terms are keyed by the low 32 bits of their TermId inside the clusterer
// (FeaturesOf makes 32-bit ids); the few collisions of a large vocabulary only
// conflate two rare terms. Bad input is data: weights that are not positive are
// dropped, unsorted or repeated terms are sorted and summed, an empty article
// starts a story of its own, a copy_of_story that names no live story is ignored.
#ifndef CROSSCHECK_RELATE_STORY_CLUSTERER_H_
#define CROSSCHECK_RELATE_STORY_CLUSTERER_H_

#include <cstdint>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyze/entities.h"
#include "crosscheck/article.h"
#include "crosscheck/status.h"
#include "relate/posting_lists.h"
#include "relate/term_table.h"

namespace crosscheck::relate {

// A term: a hash of a stem ("flood") or of an entity ("okafor"), below 2^32.
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
  // Score an article needs with a story (cosine with its centroid under IDF, times
  // the time factor below) to join it. Lower joins more (fewer, larger stories),
  // higher splits stories into events. This and the next three were chosen on
  // half of DUC 2004 and checked on the other half (docs/quality.md).
  double join_threshold = 0.11;
  // Score two large stories' centroids need to become one: the centroids of two
  // samples of one story are closer the more articles each holds, so a pair whose
  // smaller story holds m articles needs merge - (merge - join) / m (a story of
  // one article merges as it would join).
  double merge_threshold = 0.25;
  // Time between an article and a story's nearest article costs the score a factor
  // exp(-days / time_decay_days): a report a month later must share e times as
  // much to join. 0 turns it off.
  double time_decay_days = 30;
  // An article joins a story only within this many days of the story's dates; it
  // also bounds how long a story stays in the index (twice this after its last
  // article).
  int32_t window_days = 60;
  // While the stream holds no more articles than this, joining takes
  // merge_threshold: IDF from a handful of articles cannot yet tell a shared topic
  // from shared everyday words ("hospital" in a strike and in an outbreak), and a
  // wrong join is for good, whereas a missed one is made up by a merge when the
  // stories are examined again (at each doubling of the stream). 0 turns it off.
  uint64_t young_stream_articles = 32;
  // Terms kept per story centroid (the heaviest under IDF; up to half as many more
  // between examinations): memory is 8 bytes each, and an Add reads a few
  // centroids. Fewer also keeps a large story's centroid on its core vocabulary,
  // so that it meets fewer stories of its broad topic: on the DUC tuning half 300
  // did better than 200, 250, 400 and 500.
  size_t centroid_terms = 300;
  // Terms of a story in the inverted index (4 bytes each in posting lists), and of
  // an article used to query it: more finds more candidates, at the cost of
  // reading longer posting lists.
  size_t index_terms = 24;
  size_t query_terms = 16;
  // Candidate stories scored exactly per article (or per examined story), the
  // ones sharing the most query weight: the bound on an Add's cost as the store
  // grows (each costs a merge of two sorted term lists).
  size_t max_candidates = 32;
};

struct StorySummary {
  uint32_t id = 0;
  uint32_t articles = 0;
  std::optional<int32_t> first_day, last_day;
};

class StoryClusterer {
 public:
  explicit StoryClusterer(const StoryClustererOptions& options = {});

  // Adds an article; returns the id of the story it joined or started (or of the
  // story that one was merged into right away). Ids start at 1 and are never
  // reused.
  uint32_t Add(const StoryFeatures& features);

  // The story an id now stands for (itself, or what it was merged into); ids
  // never handed out are returned unchanged.
  uint32_t Resolve(uint32_t story) const;

  // Joins the stories of two ids on the caller's judgement (the pile pass): as a
  // merge the clusterer finds itself, the larger story keeps its id, the merge is
  // reported by TakeMerges() and the state by TakeChanges(). Returns the id kept;
  // ids never handed out are left alone (0 is returned).
  uint32_t Join(uint32_t a, uint32_t b);

  // Merges since the last call: (merged id, the id it was merged into). Resolve()
  // gives where that one went since.
  std::vector<std::pair<uint32_t, uint32_t>> TakeMerges();

  // Live (not merged) stories.
  std::vector<StorySummary> Stories() const;
  size_t articles() const { return documents_; }

  // Persistence: a store keeps the state beside the articles, in the same
  // transaction. TakeChanges() returns what changed since the last call: the
  // document-frequency increments (terms as the clusterer keys them) and the
  // stories whose state changed (merged ones included); StoryState() is one
  // story's state as bytes. A new clusterer is restored by RestoreCounts()
  // (adding increments) first, then RestoreStory() for every story, in any order;
  // it then clusters the following articles exactly as the one that wrote the
  // state would have.
  struct Changes {
    uint64_t documents = 0;
    std::vector<std::pair<TermId, uint32_t>> df;  // sorted by term
    std::vector<uint32_t> stories;                // sorted
  };
  Changes TakeChanges();
  // Whether TakeMerges() or TakeChanges() would return anything.
  bool Changed() const { return !merges_.empty() || documents_changed_ != 0 || !stories_changed_.empty(); }
  std::string StoryState(uint32_t story) const;
  void RestoreCounts(uint64_t documents, const std::vector<std::pair<TermId, uint32_t>>& df);
  // `merged_into` is 0 for a live story. Fails (kDataLoss) on bytes that are not a
  // story state of this version, and leaves the story as it was.
  Status RestoreStory(uint32_t story, std::string_view state, uint32_t merged_into);

  // Counts an article's terms in the document frequencies without clustering it.
  void CountTerms(const StoryFeatures& features);

  // Cosine of two articles' features under the current IDF (the same-story score
  // without the time factor; evaluations compare it with human judgements).
  double Similarity(const StoryFeatures& a, const StoryFeatures& b) const;

 private:
  using Key = uint32_t;
  using Terms = std::vector<std::pair<Key, float>>;  // sorted by key
  using Weighted = std::vector<std::pair<double, Key>>;  // weight under IDF, key

  struct Story {
    uint32_t id = 0;
    uint32_t articles = 0;
    uint32_t articles_at_exam = 0;   // size when last examined
    uint64_t exam_documents = 0;     // stream size when last examined
    Terms centroid;                  // its articles' unit vectors summed, before IDF
    double norm2 = 0;                // |IDF . centroid|^2, kept up to date as articles join
    uint64_t norm_documents = 0;     // stream size when norm2 was last computed afresh
    std::vector<std::pair<int32_t, uint32_t>> days;  // (day, articles), sorted
    std::vector<Key> indexed;        // its terms in the inverted index
    bool merged = false;
    bool retired = false;            // out of the index: too old to take articles
    bool changed = false;            // in stories_changed_
  };

  static Key KeyOf(TermId term) { return static_cast<Key>(term); }
  double Idf(Key key) const { return IdfOf(df_.Get(key)); }
  double IdfOf(uint32_t df) const;
  void Counted(uint64_t documents);
  // The article's terms keyed and sorted as centroids are.
  static Terms Keyed(const std::vector<std::pair<TermId, float>>& terms);
  // |IDF . centroid|, computed afresh when the stream has grown by a quarter
  // since it last was (IDF drifts slowly), else kept up to date by Add and merges.
  double Norm(Story& story);
  // dot(IDF . a, IDF . b); the first form takes the IDF of each of `a`'s terms.
  static double Dot(const Terms& a, const std::vector<double>& idf_a, const Terms& b);
  double Dot(const Terms& a, const Terms& b) const;
  std::vector<uint32_t> Candidates(const Weighted& query, uint32_t exclude) const;
  bool InWindow(const Story& story, std::optional<int32_t> day) const;
  bool RangesMeet(const Story& a, const Story& b) const;
  // How much the time between `day` (or story `b`) and a story's nearest article
  // leaves of a score.
  double TimeFactor(const Story& story, std::optional<int32_t> day) const;
  double TimeFactor(const Story& a, const Story& b) const;
  // Reindexes, prunes and looks for merges (with `merge`); returns the live id.
  uint32_t Examine(uint32_t story, bool merge);
  uint32_t Merge(uint32_t a, uint32_t b, double dot);
  void Index(Story& story, const Weighted& heaviest_first);
  void Unindex(Story& story);
  void Retire();
  // What an article needs to join a story (more while the stream is young).
  double JoinThreshold() const;
  uint32_t Live(uint32_t story) const;
  void Reserve(uint32_t id);  // ids up to `id` exist (as empty gaps if new)
  Story& NewStory(uint32_t id);
  void Changed(Story& story);
  void Schedule(Story& story);

  StoryClustererOptions options_;
  uint64_t documents_ = 0;
  double log_documents_ = 0;  // log(documents_ + 1)
  TermTable df_;  // document frequencies, with their increments since TakeChanges()
  std::vector<Story> stories_;                   // stories_[id - 1]
  std::vector<uint32_t> merged_into_;            // merged_into_[id - 1]: 0 when live
  PostingLists postings_;
  std::vector<std::pair<uint32_t, uint32_t>> merges_;
  // Stories by the stream size at their last examination: the front is due again
  // when the stream has doubled since.
  std::set<std::pair<uint64_t, uint32_t>> exam_queue_;
  // Stories by last day, earliest first (entries go stale as stories grow; they are
  // checked when they come up): the front leaves the index when too old.
  std::priority_queue<std::pair<int32_t, uint32_t>, std::vector<std::pair<int32_t, uint32_t>>, std::greater<>>
      by_last_day_;
  std::optional<int32_t> newest_day_;
  // Since the last TakeChanges().
  uint64_t documents_changed_ = 0;
  std::vector<uint32_t> stories_changed_;
};

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_STORY_CLUSTERER_H_
