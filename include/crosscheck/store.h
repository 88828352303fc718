// The corpus store: every article ingested, its story, and a full-text index.
//
//   crosscheck::Result<std::unique_ptr<crosscheck::Store>> store =
//       crosscheck::OpenStore("news.db", crosscheck::StoreOptions{});        // read-only
//   if (!store.ok()) { /* "news.db: not found: no such store" */ }
//   crosscheck::Result<std::vector<crosscheck::StoryRow>> stories = (*store)->Stories({});
//   crosscheck::SearchQuery q;
//   q.text = "nord stream sanctions";
//   crosscheck::Result<std::vector<crosscheck::SearchHit>> hits = (*store)->Search(q);
//
// OpenStore() fails, naming the file, when the file is not a crosscheck store
// (another SQLite database, or not SQLite at all), is corrupt, or was written by
// a newer schema than this build reads; nothing is written to it then. A store
// of an older schema is migrated when opened for writing (in one transaction).
//
// The store is a SQLite 3 file in WAL mode: readers (stories, search, brief) work
// while one writer ingests; a second writer waits for the first (see Ingester). Or
// it is a PostgreSQL database, named by a URL ("postgresql://host/news"): readers
// likewise, and several writers at once, each transaction's assignment of stories
// one at a time (src/store/pg_store.cc). Writes happen in transactions
// (Begin/Commit): a process killed at any moment leaves the store as of its last
// commit. Nothing above this interface writes SQL.
#ifndef CROSSCHECK_STORE_H_
#define CROSSCHECK_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/article.h"
#include "crosscheck/status.h"

namespace crosscheck {

// One article as the store keeps it: enough to brief it again without the input
// (the cleaned text and metadata; Extractor::Resegment rebuilds the Article).
struct StoredArticle {
  int64_t id = 0;              // the store's number: 1, 2, ... in the order ingested
  std::string given_id;        // the input's own id (a JSONL "id", an SGML DOCNO), or empty
  std::string path;            // where it was read: "feed.jsonl: line 3"
  std::optional<std::string> title, outlet, url, published, language;
  std::optional<std::string> url_key;  // the URL normalized (UrlKey): the same address is stored once
  std::vector<std::string> authors, wire_credits;
  std::string format;          // "text", "html" or "sgml"
  std::string text;            // the cleaned text, paragraphs joined by "\n\n"
  std::string dropped_json;    // what extraction left out, as in extract's "dropped" (JSON array)
  uint32_t words = 0;
  std::string content_key;     // 16-byte hash of the cleaned text: the same text is stored once
  std::string source_key;      // 16-byte hash of the input bytes: the same input is not read twice
  std::string signature;       // MinHash signature bytes (relate/minhash.h)
  uint32_t shingles = 0;       // size of the shingle set the signature stands for
  std::optional<int64_t> duplicate_of;  // the article this one copies (near-duplicate text)
  int64_t story = 0;           // the story it belongs to (as stored; see Store::ResolveStory)
  int64_t ingested_at = 0;     // Unix seconds
};

// The Article a stored one stands for, its text not yet segmented (give it to
// Extractor::Resegment): its metadata and cleaned text, its id the given id, else
// `fallback_id`.
Article ToArticle(StoredArticle stored, std::string fallback_id);

struct StoryRow {
  int64_t id = 0;
  std::string headline;                  // the title whose words most of its articles share
  size_t articles = 0;
  // Independent sources, as a brief counts them (relate/sources.h): the articles
  // of one agency or outlet are one source, and a copy is one with its original.
  size_t independent = 0;
  std::vector<std::string> outlets;      // distinct whatever the case, most articles first
  std::optional<std::string> first_date, last_date;  // of its articles' publication dates
  int64_t created_at = 0, updated_at = 0;            // Unix seconds: first and last article ingested
  size_t grown = 0;                      // articles ingested after StoryFilter::grown_since
};

struct StoryFilter {
  std::optional<std::string> since, until;  // ISO dates: stories with articles published in range
  std::optional<std::string> outlet;        // stories with an article of this outlet
  size_t min_articles = 1;
  std::optional<int64_t> grown_since;       // Unix seconds: count articles ingested after it
  size_t limit = 0;                         // 0: all
  // Largest first (most articles, then the latest publication date); or newest
  // first (latest publication date, then the story grown last).
  bool newest_first = false;
};

struct SearchQuery {
  std::string text;                          // words; FTS5 syntax is not exposed: each word is a term
  std::optional<std::string> outlet;
  std::optional<std::string> since, until;   // ISO dates of publication
  std::optional<int64_t> story;
  size_t limit = 20;
};

struct SearchHit {
  int64_t article = 0, story = 0;
  double score = 0;                 // BM25, higher is better
  std::string snippet;              // the best passage, matches in [brackets]
  std::optional<std::string> title, outlet, published;
  std::string path;
};

// What an ingest writes in one transaction about the stories it touched.
struct StoryUpdate {
  int64_t id = 0;
  std::string state;                // the clusterer's state of the story
  int64_t merged_into = 0;          // 0 while live
  bool created = false;
};

enum class StoreMode { kReadOnly, kReadWrite };

class Store {
 public:
  virtual ~Store() = default;

  // Where the store is ("news.db"), for messages.
  virtual const std::string& name() const = 0;

  // --- Reading (any number of readers, also while an ingest writes).
  virtual Result<std::vector<StoryRow>> Stories(const StoryFilter& filter) = 0;
  // The story an id stands for now (a merged id resolves to what it joined); nullopt
  // for an id that never existed.
  virtual Result<std::optional<int64_t>> ResolveStory(int64_t id) = 0;
  virtual Result<std::vector<StoredArticle>> ArticlesOfStory(int64_t story) = 0;
  virtual Result<std::optional<StoredArticle>> Article(int64_t id) = 0;
  virtual Result<std::vector<SearchHit>> Search(const SearchQuery& query) = 0;
  virtual Result<size_t> ArticleCount() = 0;

  // --- Writing (one writer; the Ingester holds the writer's lock).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  // Whether other processes may write the store while this one does (PostgreSQL);
  // false for a store with one writer (SQLite's lock).
  virtual bool SharedByWriters() const { return false; }
  // After Begin(): whether another process committed to the store since this
  // Store's previous transaction (or its opening), so that what the caller loaded
  // from it may be out of date. Always false when !SharedByWriters().
  virtual bool WrittenByOthers() const { return false; }
  // The article's id, or 0 when its content key, source key or URL is already stored.
  virtual Result<int64_t> AddArticle(StoredArticle& article) = 0;
  virtual Status MoveStory(int64_t from, int64_t into) = 0;
  virtual Status SaveStories(const std::vector<StoryUpdate>& stories, int64_t now) = 0;
  // Document-frequency increments of the clusterer (term, count), and the number
  // of articles they count.
  virtual Status SaveTermCounts(uint64_t documents, const std::vector<std::pair<uint64_t, uint32_t>>& df) = 0;

  // --- Loading the writer's state at the start of an ingest.
  virtual Status ForEachKey(const std::function<void(const std::string& content, const std::string& source,
                                                     const std::optional<std::string>& url)>& visit) = 0;
  virtual Status ForEachSignature(
      const std::function<void(int64_t id, const std::string& signature, uint32_t shingles,
                               std::optional<int64_t> duplicate_of, int64_t story)>& visit) = 0;
  virtual Status LoadTermCounts(
      const std::function<void(uint64_t documents, const std::vector<std::pair<uint64_t, uint32_t>>& df)>& visit) = 0;
  virtual Status ForEachStoryState(
      const std::function<void(int64_t id, const std::string& state, int64_t merged_into)>& visit) = 0;
  virtual Result<std::optional<std::string>> ArticleText(int64_t id) = 0;
};

struct StoreOptions {
  StoreMode mode = StoreMode::kReadOnly;
  // kReadWrite: one writer at a time. A second one waits for the lock this long,
  // calling `waiting` once (to say so), then fails naming the holder.
  double wait_seconds = 600;
  std::function<void(const std::string& message)> waiting;
};

// Opens the SQLite store at `path`; kReadWrite creates it when missing and holds
// the writer's lock until the Store is destroyed. A `path` that starts with
// "postgresql://" or "postgres://" opens the PostgreSQL store of that database
// instead (kReadWrite creates its tables in an empty database; the database
// itself must exist); it takes no writer's lock, so `wait_seconds` and `waiting`
// are not used.
Result<std::unique_ptr<Store>> OpenStore(const std::string& path, const StoreOptions& options);

}  // namespace crosscheck

#endif  // CROSSCHECK_STORE_H_
