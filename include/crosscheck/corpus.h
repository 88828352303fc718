// Corpus mode: a stream of mixed articles into a store of stories.
//
//   crosscheck::StoreOptions so;
//   so.mode = crosscheck::StoreMode::kReadWrite;
//   auto store = crosscheck::OpenStore("news.db", so);             // holds the writer's lock
//   auto ingester = crosscheck::Ingester::Open(**store, crosscheck::IngestOptions{});
//   crosscheck::IngestEvents events;                                // problems, progress
//   crosscheck::Result<crosscheck::IngestCounts> counts =
//       ingester->Ingest({"feed.jsonl", "pages/"}, crosscheck::InputLimits{}, events);
//
// Each article is read and extracted as `extract` does, then, in input order:
//   - the same article again (the same cleaned text, or the same URL) is counted and
//     left out, so ingesting the same inputs twice stores them once;
//   - its MinHash signature is looked up in an LSH index of every stored article: a
//     near-duplicate (syndicated copy: at least 60% of its shingles in the other)
//     is stored with `duplicate_of` set to the original, and joins its story;
//   - the story clusterer (relate/story_clusterer.h) gives it a story, new or
//     grown, and merges stories that turn out to be one;
//   - it is written to the store in a transaction of up to `batch_articles`, with
//     the clusterer's state for the stories that changed, so a process killed at
//     any moment leaves a store that the next run continues exactly.
// Extraction, entity finding and signatures run on `threads` worker threads; the
// order of arrival, and so every id, is that of the inputs whatever the threads.
//
// That per-article work can also run elsewhere (other processes, other machines:
// python/crosscheck/dask.py) and reach the store's process as bytes:
//
//   // Where the article is read:
//   crosscheck::PreparedArticle p = crosscheck::PrepareArticle(briefer, std::move(article));
//   std::string bytes = crosscheck::PreparedArticleToBytes(p);
//   // Where the store is:
//   crosscheck::Result<crosscheck::PreparedArticle> back = crosscheck::PreparedArticleFromBytes(bytes);
//   if (back.ok()) status = ingester->AddPrepared(std::move(back).value());
//
// Articles given to AddPrepared in the order Ingest() would read them are stored
// exactly as Ingest() stores them: both use PrepareArticle.
#ifndef CROSSCHECK_CORPUS_H_
#define CROSSCHECK_CORPUS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/brief.h"
#include "crosscheck/extract.h"
#include "crosscheck/status.h"
#include "crosscheck/store.h"

namespace crosscheck {

struct IngestOptions {
  BriefOptions brief;             // extraction and analysis
  // Articles per transaction, and the longest time between commits. Larger
  // batches write faster; a killed run loses at most one batch of work (the next
  // run redoes it).
  size_t batch_articles = 2000;
  double batch_seconds = 2.0;
  // Worker threads for extraction and analysis; 0: one per core (at most 8).
  size_t threads = 0;
};

struct IngestCounts {
  size_t read = 0;        // articles read from the inputs
  size_t stored = 0;      // new in the store
  size_t same_text = 0;   // left out: the same cleaned text is stored
  size_t same_url = 0;    // left out: the same URL is stored
  size_t copies = 0;      // stored as near-duplicates of an earlier article
  size_t stories_created = 0;
  size_t stories_grown = 0;  // stories that existed before and got articles
  size_t stories_merged = 0;
  size_t problems = 0;    // inputs, lines or records not read, or read in part
  std::map<std::string, std::map<std::string, size_t>> skipped;  // files of folders that are not articles
};

struct IngestEvents {
  std::function<void(const Status&)> problem;
  std::function<void(const std::string& where, const std::string& warning)> warning;
  // After each article (stored or not): the counts so far and the live stories.
  std::function<void(const IngestCounts&, size_t stories)> progress;
};

// Everything ingest works out about one article that needs no other article:
// what is stored of it, its story features, its shingles and signature, its keys.
// Most of an ingest's work is making these (docs/distributed.md).
struct PreparedArticle {
  // What is stored of the article: its metadata, cleaned text and warnings; not
  // its input bytes, offsets, segmentation or dropped lines (see dropped_json).
  Article article;
  uint32_t words = 0;        // Article::WordCount() of the extracted article
  std::string dropped_json;  // the lines extraction left out, as extract's "dropped" (a JSON array)
  // Its story features (relate/story_clusterer.h): terms (hashes of stems and of
  // entity names, below 2^32) with their weights (> 0), sorted by term, each once;
  // and its publication day (CivilDate::DayNumber), when it is dated.
  std::vector<std::pair<uint64_t, float>> terms;
  std::optional<int32_t> day;
  std::vector<uint64_t> shingles;   // sorted unique hashes of its 5-word shingles (relate/minhash.h)
  std::vector<uint32_t> signature;  // their MinHash signature: 128 values; none without shingles
  std::string content_key;          // 16-byte hash of the cleaned text
  std::string source_key;           // 16-byte hash of the input bytes
};

// An extracted (segmented, tokenized) article, prepared with the briefer's word
// lists (entities).
PreparedArticle PrepareArticle(const Briefer& briefer, Article article);

// The bytes of a prepared article, versioned: one CBOR map (RFC 8949) whose
// "format" is "crosscheck.prepared/1" (docs/distributed.md lists its fields and
// sizes: the shingles, 8 bytes a word, are most of it).
std::string PreparedArticleToBytes(const PreparedArticle& prepared);

// Reads PreparedArticleToBytes' output back, checking everything: bytes that are
// not one CBOR map nesting at most 3 deep, without indefinite lengths or tags
// (which the writer never makes), a "format" other than
// "crosscheck.prepared/1" (kUnsupportedFormat, naming both), a field missing,
// twice or of the wrong type, keys that are not 16 bytes, a signature that is not
// 128 values (or none, without shingles), terms or shingles out of order, weights
// that are not positive, counts the text cannot hold (more words than bytes, more
// shingles than words) all fail with kDataLoss naming the field. Plain fields it
// does not know are skipped. Memory: what the article holds, read in one pass.
Result<PreparedArticle> PreparedArticleFromBytes(std::string_view bytes);

class Ingester {
 public:
  // Loads what the store holds (keys, signatures, the clusterer's state). Fails
  // when the store cannot be read, naming it.
  static Result<Ingester> Open(Store& store, const IngestOptions& options);
  Ingester(Ingester&&) noexcept;
  Ingester& operator=(Ingester&&) noexcept;
  ~Ingester();

  // Reads and ingests every input; commits as it goes and at the end. A write
  // error (a full disk, a read-only store) stops it: the transaction under way is
  // rolled back, what was committed before stays, and the Status says what
  // happened. Problems with inputs are reported through `events` and counted.
  // A store of at most 600 articles (relate::kMaxPile) then gets the pile pass
  // over all of them, as FindStories does: a young stream's fragments of one story
  // are joined (stories are only ever joined, never split).
  Result<IngestCounts> Ingest(const std::vector<std::string>& inputs, const InputLimits& limits,
                              const IngestEvents& events);

  // One extracted article; committed with the next batch, or by Commit().
  Status Add(Article article);
  // One prepared article (PrepareArticle, maybe in another process), as Add().
  Status AddPrepared(PreparedArticle prepared);
  Status Commit();
  // Commits, then gives a store of at most 600 articles the pile pass, as Ingest()
  // does at its end: articles given one by one to Add() and then Finish() are
  // stored and joined into stories as one Ingest() of the same articles would.
  Status Finish();
  const IngestCounts& counts() const;
  size_t stories() const;  // live stories in the store, this run's included

 private:
  struct Impl;
  explicit Ingester(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The stories of a pile of articles without a store, as ingest would make them
// (the online clusterer, then for at most 600 articles the pile pass):
// for each story, the indices of its articles, largest story first (ties: the one
// whose first article comes first), each story's articles in input order.
std::vector<std::vector<size_t>> FindStories(const Briefer& briefer, const std::vector<Article>& articles);

}  // namespace crosscheck

#endif  // CROSSCHECK_CORPUS_H_
