// The Store on SQLite 3: one file, WAL mode, FTS5 for search.
//
// Schema (PRAGMA user_version 2; PRAGMA application_id 0x43434b31, "CCK1", marks
// the file as a crosscheck store):
//   articles      one row per article: metadata, cleaned text, keys, signature, story,
//                 and the independent source it speaks for (relate::SourceKey)
//   article_search  FTS5 over title and text, external content (the text is stored once)
//   stories       one row per story id: the clusterer's state, what it merged into
//   story_rows    one row per live story, as Stories() lists it: headline, articles,
//                 independent sources, outlets, dates
//   term_counts   the clusterer's document frequencies, as increments per transaction,
//                 folded into one row when they pile up
//   meta          what wrote the store
// Migrations run in one transaction from the file's user_version up to kSchema;
// a file with a higher version was written by a newer crosscheck and is refused.
//
// The story list is read far more often than it changes (serve shows it on every
// visit), and counting it from the articles reads every row of the store. So the
// writer keeps story_rows: each story an article joins, leaves or merges in a
// transaction is described again from its articles just before the transaction
// commits. A story costs its own articles to describe, never the store's.
//
// One writer: the process that opens the store for writing holds an advisory lock
// (flock) on "<path>.lock" for as long as the Store lives; the kernel drops it
// when the process dies, however it dies. Readers take no lock: WAL gives them
// the last committed state while the writer goes on.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "crosscheck/store.h"
#include "relate/sources.h"
#include "store/article_row.h"
#include "store/pg_store.h"
#include "store/story_row.h"

namespace crosscheck {
namespace {

using store::ArticleFromRow;
using store::JsonList;
using store::kArticleColumns;
using store::ListFromJson;

constexpr int kSchema = 2;
constexpr int32_t kApplicationId = 0x43434b31;  // "CCK1"
constexpr int kFoldTermCountsAfter = 32;        // term_counts rows before they are folded into one

const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(
  id INTEGER PRIMARY KEY,
  given_id TEXT,
  path TEXT NOT NULL,
  title TEXT, outlet TEXT, url TEXT, url_key TEXT UNIQUE, published TEXT, language TEXT,
  authors TEXT NOT NULL, wire_credits TEXT NOT NULL,
  format TEXT NOT NULL,
  text TEXT NOT NULL,
  dropped TEXT NOT NULL,
  words INTEGER NOT NULL,
  content_key BLOB NOT NULL UNIQUE,
  source_key BLOB,
  signature BLOB,
  shingles INTEGER NOT NULL,
  duplicate_of INTEGER REFERENCES articles(id),
  story INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_source ON articles(source_key);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE stories(
  id INTEGER PRIMARY KEY,
  state BLOB NOT NULL,
  merged_into INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE TABLE term_counts(id INTEGER PRIMARY KEY, documents INTEGER NOT NULL, counts BLOB NOT NULL);
CREATE VIRTUAL TABLE article_search USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
)sql";

// Schema 2: the source each article speaks for, and the story list kept up to date
// (filled from the articles when an older store is migrated), in both its orders:
// the first hundred stories are read without sorting them all. The outlet index
// answers "stories with an article of this outlet" without reading every story.
const char* kSchemaV2 = R"sql(
ALTER TABLE articles ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE, story);
CREATE TABLE story_rows(
  id INTEGER PRIMARY KEY,
  headline TEXT NOT NULL,
  articles INTEGER NOT NULL,
  independent INTEGER NOT NULL,
  outlets TEXT NOT NULL,
  first_date TEXT,
  last_date TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE INDEX story_rows_largest ON story_rows(articles DESC, last_date DESC, id);
CREATE INDEX story_rows_newest ON story_rows(last_date DESC, updated_at DESC, id);
)sql";

// The first paragraph of a stored text (paragraphs are joined by a blank line).
std::string_view FirstParagraph(std::string_view text) { return text.substr(0, text.find("\n\n")); }

// A prepared statement, reset after each use.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK && stmt_ != nullptr; }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, const std::optional<std::string>& v) {
    if (v) return Bind(i, *v);
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  Statement& BindBlob(int i, const std::string& v) {
    sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() {
    rc_ = sqlite3_step(stmt_);
    return rc_;
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool Null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::optional<std::string> OptText(int col) const {
    if (Null(col)) return std::nullopt;
    return Text(col);
  }
  std::string Blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int rc() const { return rc_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
uint64_t GetU(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

std::string CountsToBytes(const std::vector<std::pair<uint64_t, uint32_t>>& df) {
  std::string out;
  out.reserve(df.size() * 12);
  for (const auto& [t, n] : df) {
    PutU64(out, t);
    PutU32(out, n);
  }
  return out;
}

bool CountsFromBytes(const std::string& bytes, std::vector<std::pair<uint64_t, uint32_t>>& df) {
  if (bytes.size() % 12 != 0) return false;
  df.clear();
  df.reserve(bytes.size() / 12);
  for (size_t i = 0; i < bytes.size(); i += 12)
    df.emplace_back(GetU(bytes.data() + i, 8), static_cast<uint32_t>(GetU(bytes.data() + i + 8, 4)));
  return true;
}

// The words of a query as an FTS5 expression: each word a quoted term, all
// required. Nothing of FTS5's own syntax reaches it (a user's "AND" or "*" is a word).
std::string MatchExpression(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + '"';
    word.clear();
  };
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

class SqliteStore : public Store {
 public:
  SqliteStore(std::string path, sqlite3* db, int lock_fd) : path_(std::move(path)), db_(db), lock_fd_(lock_fd) {}
  ~SqliteStore() override {
    statements_.clear();
    sqlite3_close_v2(db_);
    if (lock_fd_ >= 0) ::close(lock_fd_);  // drops the writer's lock
  }

  const std::string& name() const override { return path_; }

  Status Error(const std::string& what) const {
    const int code = sqlite3_extended_errcode(db_);
    const int primary = code & 0xff;
    std::string why = sqlite3_errmsg(db_);
    StatusCode status = StatusCode::kInternal;
    std::string hint;
    if (primary == SQLITE_FULL) {
      status = StatusCode::kResourceExhausted;
      hint = "; the disk is full: the transaction was rolled back and nothing stored before it is lost";
    } else if (primary == SQLITE_READONLY || primary == SQLITE_PERM || primary == SQLITE_CANTOPEN) {
      status = StatusCode::kNotFound;
      hint = "; the store cannot be written (read-only file or folder?): nothing was changed";
    } else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
      status = StatusCode::kDataLoss;
      hint = "; the file is damaged: restore it from a copy or ingest again into a new store";
    } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      status = StatusCode::kResourceExhausted;
      hint = "; another process holds the database";
    } else if (primary == SQLITE_IOERR) {
      status = StatusCode::kDataLoss;
      hint = "; an I/O error: the transaction was rolled back";
    }
    return Status(status, what + ": " + why + hint, path_);
  }

  // A cached statement that stopped on a row holds its read transaction, and so
  // the store as it was then, until it is reset: every reading call resets them
  // as it returns, so a long-lived reader (serve) sees each commit and does not
  // hold back the WAL's checkpoints.
  struct ReadScope {
    SqliteStore& store;
    ~ReadScope() {
      for (auto& [sql, statement] : store.statements_) statement->Reset();
    }
  };

  Statement& Prepared(const char* sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
    it->second->Reset();
    return *it->second;
  }

  Status Exec(const char* sql, const std::string& what) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      sqlite3_free(err);
      return Error(what);
    }
    return Status::Ok();
  }

  // --- Reading.

  Result<std::vector<StoryRow>> Stories(const StoryFilter& f) override {
    const ReadScope scope{*this};
    std::string sql =
        "SELECT r.id, r.created_at, r.updated_at, r.articles, r.independent, r.first_date, r.last_date, r.headline, "
        "r.outlets FROM story_rows r WHERE r.articles >= ?1";
    if (f.outlet) sql += " AND r.id IN (SELECT story FROM articles WHERE outlet = ?2 COLLATE NOCASE)";
    // An article published within [since, until]: only a story whose dates overlap
    // the range can have one, and that is checked on the row before its articles.
    if (f.since || f.until) {
      if (f.since) sql += " AND r.last_date >= ?3";
      if (f.until) sql += " AND r.first_date <= ?4";
      sql += " AND EXISTS (SELECT 1 FROM articles b WHERE b.story = r.id";
      if (f.since) sql += " AND b.published >= ?3";
      if (f.until) sql += " AND b.published <= ?4";
      sql += ")";
    }
    sql += f.newest_first ? " ORDER BY r.last_date DESC, r.updated_at DESC, r.id"
                          : " ORDER BY r.articles DESC, r.last_date DESC, r.id";
    if (f.limit > 0) sql += " LIMIT ?5";
    Statement q(db_, sql.c_str());
    if (!q.ok()) return Error("cannot list stories");
    q.Bind(1, static_cast<int64_t>(f.min_articles));
    if (f.outlet) q.Bind(2, *f.outlet);
    if (f.since) q.Bind(3, *f.since);
    if (f.until) q.Bind(4, *f.until + "\xff");  // a date with a time still counts as that day
    if (f.limit > 0) q.Bind(5, static_cast<int64_t>(f.limit));
    std::vector<StoryRow> rows;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      StoryRow r;
      r.id = q.Int(0);
      r.created_at = q.Int(1);
      r.updated_at = q.Int(2);
      r.articles = static_cast<size_t>(q.Int(3));
      r.independent = static_cast<size_t>(q.Int(4));
      r.first_date = q.OptText(5);
      r.last_date = q.OptText(6);
      r.headline = q.Text(7);
      r.outlets = ListFromJson(q.Text(8));
      rows.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return Error("cannot list stories");
    if (f.grown_since) {
      Statement& grown = Prepared("SELECT count(*) FROM articles WHERE story = ? AND ingested_at > ?");
      for (StoryRow& r : rows) {
        grown.Reset();
        grown.Bind(1, r.id).Bind(2, *f.grown_since);
        if (grown.Step() != SQLITE_ROW) return Error("cannot read story " + std::to_string(r.id));
        r.grown = static_cast<size_t>(grown.Int(0));
      }
    }
    return rows;
  }

  // Describes story `id` again in story_rows from its articles (store::DescribeStory:
  // headline, counts, outlets, dates, independent sources as the brief counts
  // them); a story merged away or without articles leaves the list.
  Status RefreshStoryRow(int64_t id) {
    Statement& live = Prepared("SELECT merged_into, created_at, updated_at FROM stories WHERE id = ?");
    live.Bind(1, id);
    int rc = live.Step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("cannot read story " + std::to_string(id));
    const bool is_live = rc == SQLITE_ROW && live.Int(0) == 0;
    const int64_t created_at = is_live ? live.Int(1) : 0, updated_at = is_live ? live.Int(2) : 0;
    live.Reset();
    Statement& q = Prepared(
        "SELECT id, outlet, title, substr(text, 1, 400), duplicate_of, source, published FROM articles WHERE story = ? "
        "ORDER BY id");
    q.Bind(1, id);
    std::vector<store::StoryArticleRow> rows;
    while (is_live && (rc = q.Step()) == SQLITE_ROW)
      rows.push_back({q.Int(0), q.OptText(1), q.OptText(2), q.Text(3), q.Null(4) ? 0 : q.Int(4), q.Text(5), q.OptText(6)});
    if (is_live && rc != SQLITE_DONE) return Error("cannot read story " + std::to_string(id));
    q.Reset();
    if (rows.empty()) {
      Statement& gone = Prepared("DELETE FROM story_rows WHERE id = ?");
      gone.Bind(1, id);
      return gone.Step() == SQLITE_DONE ? Status::Ok() : Error("cannot update story " + std::to_string(id));
    }
    const store::StoryDescription d = store::DescribeStory(rows);
    Statement& w = Prepared(
        "INSERT OR REPLACE INTO story_rows(id, headline, articles, independent, outlets, first_date, last_date, "
        "created_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    w.Bind(1, id).Bind(2, d.headline);
    w.Bind(3, static_cast<int64_t>(d.articles)).Bind(4, static_cast<int64_t>(d.independent)).Bind(5, JsonList(d.outlets));
    w.Bind(6, d.first_date).Bind(7, d.last_date).Bind(8, created_at).Bind(9, updated_at);
    return w.Step() == SQLITE_DONE ? Status::Ok() : Error("cannot update story " + std::to_string(id));
  }

  Result<std::optional<int64_t>> ResolveStory(int64_t id) override {
    const ReadScope scope{*this};
    for (int hops = 0; hops < 1000; ++hops) {
      Statement& q = Prepared("SELECT merged_into FROM stories WHERE id = ?");
      q.Bind(1, id);
      int rc = q.Step();
      if (rc == SQLITE_DONE) return std::optional<int64_t>();
      if (rc != SQLITE_ROW) return Error("cannot read story " + std::to_string(id));
      int64_t into = q.Int(0);
      if (into == 0) return std::optional<int64_t>(id);
      id = into;
    }
    return Status(StatusCode::kDataLoss, "story merges form a loop", path_);
  }

  Result<std::vector<StoredArticle>> ArticlesOfStory(int64_t story) override {
    const ReadScope scope{*this};
    static const std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles WHERE story = ? ORDER BY id";
    Statement& q = Prepared(sql.c_str());
    q.Bind(1, story);
    std::vector<StoredArticle> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back(ArticleFromRow(q));
    if (rc != SQLITE_DONE) return Error("cannot read the articles of story " + std::to_string(story));
    return out;
  }

  Result<std::optional<StoredArticle>> Article(int64_t id) override {
    const ReadScope scope{*this};
    static const std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?";
    Statement& q = Prepared(sql.c_str());
    q.Bind(1, id);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<StoredArticle>();
    if (rc != SQLITE_ROW) return Error("cannot read article " + std::to_string(id));
    return std::optional<StoredArticle>(ArticleFromRow(q));
  }

  Result<std::optional<std::string>> ArticleText(int64_t id) override {
    const ReadScope scope{*this};
    Statement& q = Prepared("SELECT text FROM articles WHERE id = ?");
    q.Bind(1, id);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return Error("cannot read article " + std::to_string(id));
    return std::optional<std::string>(q.Text(0));
  }

  Result<size_t> ArticleCount() override {
    const ReadScope scope{*this};
    Statement& q = Prepared("SELECT count(*) FROM articles");
    if (q.Step() != SQLITE_ROW) return Error("cannot count articles");
    return static_cast<size_t>(q.Int(0));
  }

  Result<std::vector<SearchHit>> Search(const SearchQuery& query) override {
    const ReadScope scope{*this};
    const std::string match = MatchExpression(query.text);
    if (match.empty()) return Status(StatusCode::kInvalidInput, "the search has no words to look for");
    // BM25 with the title counting three times the text; SQLite's bm25() is lower
    // for better matches, so its negation is the score. The inner query ranks and
    // keeps the best rows; the outer one makes snippets for those alone (a
    // result column is computed for every row that reaches the sort, and a
    // snippet reads the whole text).
    std::string sql =
        "SELECT a.id, a.story, -best.rank, snippet(article_search, 1, '[', ']', '...', 16), a.title, a.outlet, "
        "a.published, a.path FROM (SELECT s.rowid AS id, bm25(article_search, 3.0, 1.0) AS rank FROM article_search s";
    if (query.outlet || query.since || query.until || query.story) sql += " JOIN articles f ON f.id = s.rowid";
    sql += " WHERE article_search MATCH ?1";
    if (query.outlet) sql += " AND f.outlet = ?2 COLLATE NOCASE";
    if (query.since) sql += " AND f.published >= ?3";
    if (query.until) sql += " AND f.published <= ?4";
    if (query.story) sql += " AND f.story = ?5";
    sql += " ORDER BY rank LIMIT ?6) best JOIN article_search ON article_search.rowid = best.id "
           "JOIN articles a ON a.id = best.id WHERE article_search MATCH ?1 ORDER BY best.rank";
    Statement q(db_, sql.c_str());
    if (!q.ok()) return Error("cannot search");
    q.Bind(1, match);
    if (query.outlet) q.Bind(2, *query.outlet);
    if (query.since) q.Bind(3, *query.since);
    if (query.until) q.Bind(4, *query.until + "\xff");
    if (query.story) q.Bind(5, *query.story);
    q.Bind(6, static_cast<int64_t>(query.limit == 0 ? 20 : query.limit));
    std::vector<SearchHit> hits;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      SearchHit h;
      h.article = q.Int(0);
      h.story = q.Int(1);
      h.score = q.Double(2);
      h.snippet = q.Text(3);
      h.title = q.OptText(4);
      h.outlet = q.OptText(5);
      h.published = q.OptText(6);
      h.path = q.Text(7);
      hits.push_back(std::move(h));
    }
    if (rc != SQLITE_DONE) return Error("cannot search");
    return hits;
  }

  // --- Writing.

  Status Begin() override { return Exec("BEGIN IMMEDIATE", "cannot start a transaction"); }
  Status Commit() override {
    for (int64_t id : touched_) {
      if (Status s = RefreshStoryRow(id); !s.ok()) {
        Rollback();
        return s;
      }
    }
    touched_.clear();
    Status s = Exec("COMMIT", "cannot commit");
    if (!s.ok()) Rollback();
    return s;
  }
  void Rollback() override {
    touched_.clear();
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  Result<int64_t> AddArticle(StoredArticle& a) override {
    Statement& q = Prepared(
        "INSERT INTO articles(given_id, path, title, outlet, url, url_key, published, language, authors, wire_credits,"
        " format, text, dropped, words, content_key, source_key, signature, shingles, duplicate_of, story, ingested_at,"
        " source) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING");
    q.Bind(1, a.given_id).Bind(2, a.path).Bind(3, a.title).Bind(4, a.outlet).Bind(5, a.url).Bind(6, a.url_key);
    q.Bind(7, a.published).Bind(8, a.language).Bind(9, JsonList(a.authors)).Bind(10, JsonList(a.wire_credits));
    q.Bind(11, a.format).Bind(12, a.text).Bind(13, a.dropped_json.empty() ? std::string("[]") : a.dropped_json);
    q.Bind(14, static_cast<int64_t>(a.words)).BindBlob(15, a.content_key).BindBlob(16, a.source_key);
    q.BindBlob(17, a.signature).Bind(18, static_cast<int64_t>(a.shingles));
    if (a.duplicate_of) {
      q.Bind(19, *a.duplicate_of);
    } else {
      q.BindNull(19);
    }
    q.Bind(20, a.story).Bind(21, a.ingested_at);
    q.Bind(22, relate::SourceKey(FirstParagraph(a.text), a.wire_credits, a.outlet));
    if (q.Step() != SQLITE_DONE) return Error("cannot store article " + a.path);
    if (sqlite3_changes(db_) == 0) return int64_t{0};
    a.id = sqlite3_last_insert_rowid(db_);
    touched_.insert(a.story);
    Statement& fts = Prepared("INSERT INTO article_search(rowid, title, text) VALUES(?, ?, ?)");
    fts.Bind(1, a.id).Bind(2, a.title.value_or("")).Bind(3, a.text);
    if (fts.Step() != SQLITE_DONE) return Error("cannot index article " + a.path);
    return a.id;
  }

  Status MoveStory(int64_t from, int64_t into) override {
    Statement& q = Prepared("UPDATE articles SET story = ? WHERE story = ?");
    q.Bind(1, into).Bind(2, from);
    if (q.Step() != SQLITE_DONE) return Error("cannot merge story " + std::to_string(from));
    touched_.insert(from);
    touched_.insert(into);
    return Status::Ok();
  }

  Status SaveStories(const std::vector<StoryUpdate>& stories, int64_t now) override {
    Statement& q = Prepared(
        "INSERT INTO stories(id, state, merged_into, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?4) "
        "ON CONFLICT(id) DO UPDATE SET state = ?2, merged_into = ?3, updated_at = ?4");
    for (const StoryUpdate& s : stories) {
      q.Reset();
      q.Bind(1, s.id).BindBlob(2, s.state).Bind(3, s.merged_into).Bind(4, now);
      if (q.Step() != SQLITE_DONE) return Error("cannot store story " + std::to_string(s.id));
      touched_.insert(s.id);
    }
    return Status::Ok();
  }

  Status SaveTermCounts(uint64_t documents, const std::vector<std::pair<uint64_t, uint32_t>>& df) override {
    if (documents == 0 && df.empty()) return Status::Ok();
    Statement& q = Prepared("INSERT INTO term_counts(documents, counts) VALUES(?, ?)");
    q.Bind(1, static_cast<int64_t>(documents)).BindBlob(2, CountsToBytes(df));
    if (q.Step() != SQLITE_DONE) return Error("cannot store term counts");
    Statement& n = Prepared("SELECT count(*) FROM term_counts");
    if (n.Step() != SQLITE_ROW) return Error("cannot count term counts");
    if (n.Int(0) <= kFoldTermCountsAfter) return Status::Ok();
    // Fold the increments into one row, so that opening reads one blob.
    uint64_t total = 0;
    std::map<uint64_t, uint32_t> sum;
    Status s = LoadTermCounts([&](uint64_t d, const std::vector<std::pair<uint64_t, uint32_t>>& part) {
      total += d;
      for (const auto& [t, c] : part) sum[t] += c;
    });
    if (!s.ok()) return s;
    if (Status e = Exec("DELETE FROM term_counts", "cannot fold term counts"); !e.ok()) return e;
    std::vector<std::pair<uint64_t, uint32_t>> all(sum.begin(), sum.end());
    Statement& w = Prepared("INSERT INTO term_counts(documents, counts) VALUES(?, ?)");
    w.Bind(1, static_cast<int64_t>(total)).BindBlob(2, CountsToBytes(all));
    if (w.Step() != SQLITE_DONE) return Error("cannot fold term counts");
    return Status::Ok();
  }

  // --- Loading.

  Status ForEachKey(const std::function<void(const std::string&, const std::string&,
                                             const std::optional<std::string>&)>& visit) override {
    Statement q(db_, "SELECT content_key, source_key, url_key FROM articles");
    if (!q.ok()) return Error("cannot read article keys");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) visit(q.Blob(0), q.Blob(1), q.OptText(2));
    return rc == SQLITE_DONE ? Status::Ok() : Error("cannot read article keys");
  }

  Status ForEachSignature(const std::function<void(int64_t, const std::string&, uint32_t, std::optional<int64_t>,
                                                   int64_t)>& visit) override {
    Statement q(db_, "SELECT id, signature, shingles, duplicate_of, story FROM articles ORDER BY id");
    if (!q.ok()) return Error("cannot read signatures");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW)
      visit(q.Int(0), q.Blob(1), static_cast<uint32_t>(q.Int(2)),
            q.Null(3) ? std::nullopt : std::optional<int64_t>(q.Int(3)), q.Int(4));
    return rc == SQLITE_DONE ? Status::Ok() : Error("cannot read signatures");
  }

  Status LoadTermCounts(
      const std::function<void(uint64_t, const std::vector<std::pair<uint64_t, uint32_t>>&)>& visit) override {
    Statement q(db_, "SELECT documents, counts FROM term_counts ORDER BY id");
    if (!q.ok()) return Error("cannot read term counts");
    std::vector<std::pair<uint64_t, uint32_t>> df;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      if (!CountsFromBytes(q.Blob(1), df))
        return Status(StatusCode::kDataLoss, "term counts are damaged (a blob of the wrong length)", path_);
      visit(static_cast<uint64_t>(q.Int(0)), df);
    }
    return rc == SQLITE_DONE ? Status::Ok() : Error("cannot read term counts");
  }

  Status ForEachStoryState(const std::function<void(int64_t, const std::string&, int64_t)>& visit) override {
    Statement q(db_, "SELECT id, state, merged_into FROM stories ORDER BY id");
    if (!q.ok()) return Error("cannot read stories");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) visit(q.Int(0), q.Blob(1), q.Int(2));
    return rc == SQLITE_DONE ? Status::Ok() : Error("cannot read stories");
  }

  // --- Opening.

  // Checks that the file is a crosscheck store of a schema this build reads;
  // `version` is its schema (0 for a fresh file). Reads only: a file that is not
  // ours is never touched.
  Status Check(bool writer, bool fresh, int64_t& version) {
    Statement app(db_, "PRAGMA application_id");
    if (!app.ok() || app.Step() != SQLITE_ROW) return OpenError();
    Statement ver(db_, "PRAGMA user_version");
    if (!ver.ok() || ver.Step() != SQLITE_ROW) return OpenError();
    const int64_t application = app.Int(0);
    version = ver.Int(0);
    // A database with nothing in it (a file created, or a first run killed before
    // its schema was committed) is as good as a new one.
    if (!fresh && application == 0 && version == 0) {
      Statement tables(db_, "SELECT count(*) FROM sqlite_master");
      if (!tables.ok() || tables.Step() != SQLITE_ROW) return OpenError();
      fresh = tables.Int(0) == 0;
    }
    if (!fresh && application != kApplicationId) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%08llx", static_cast<unsigned long long>(application));
      return Status(StatusCode::kInvalidInput,
                    std::string("is a SQLite database but not a crosscheck store (application_id ") + hex +
                        "); nothing was changed: give a new file name to start a store",
                    path_);
    }
    if (version > kSchema) {
      return Status(StatusCode::kUnsupportedFormat,
                    "was written by a newer crosscheck (schema " + std::to_string(version) + "; this one reads up to " +
                        std::to_string(kSchema) + "); nothing was changed: use the newer crosscheck",
                    path_);
    }
    if (version < kSchema && !writer) {
      return Status(StatusCode::kUnsupportedFormat,
                    "has schema " + std::to_string(version) + " and needs an upgrade to " + std::to_string(kSchema) +
                        ": run 'crosscheck ingest --db " + path_ + "' once (with no input) to migrate it",
                    path_);
    }
    return Status::Ok();
  }

  Status Migrate(int64_t from) {
    if (Status s = Exec("BEGIN IMMEDIATE", "cannot start the migration"); !s.ok()) return s;
    auto fail = [&](const std::string& what) {
      Status s = Error(what);
      Rollback();
      return s;
    };
    if (from < 1) {
      char* err = nullptr;
      if (sqlite3_exec(db_, kSchemaV1, nullptr, nullptr, &err) != SQLITE_OK) {
        sqlite3_free(err);
        return fail("cannot create the store's tables");
      }
      Statement meta(db_, "INSERT INTO meta(key, value) VALUES('created_by', ?)");
      meta.Bind(1, std::string("crosscheck"));
      if (meta.Step() != SQLITE_DONE) return fail("cannot create the store's tables");
    }
    if (from < 2) {
      char* err = nullptr;
      if (sqlite3_exec(db_, kSchemaV2, nullptr, nullptr, &err) != SQLITE_OK) {
        sqlite3_free(err);
        return fail("cannot add the story list to the store");
      }
      if (Status s = FillSchemaV2(); !s.ok()) {
        Rollback();
        return s;
      }
    }
    // Later schemas add their steps here: if (from < 3) { ... }
    const std::string set = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                            "; PRAGMA user_version = " + std::to_string(kSchema);
    if (sqlite3_exec(db_, set.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot mark the store");
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot commit the migration");
    return Status::Ok();
  }

  // Schema 2 on a store of articles: each article's source, then every live
  // story's row.
  Status FillSchemaV2() {
    {
      Statement read(db_, "SELECT id, text, wire_credits, outlet FROM articles");
      Statement write(db_, "UPDATE articles SET source = ? WHERE id = ?");
      if (!read.ok() || !write.ok()) return Error("cannot migrate the articles");
      int rc;
      while ((rc = read.Step()) == SQLITE_ROW) {
        const std::string text = read.Text(1);
        write.Reset();
        write.Bind(1, relate::SourceKey(FirstParagraph(text), ListFromJson(read.Text(2)), read.OptText(3)));
        write.Bind(2, read.Int(0));
        if (write.Step() != SQLITE_DONE) return Error("cannot migrate the articles");
      }
      if (rc != SQLITE_DONE) return Error("cannot migrate the articles");
    }
    std::vector<int64_t> live;
    {
      Statement q(db_, "SELECT id FROM stories WHERE merged_into = 0");
      if (!q.ok()) return Error("cannot migrate the stories");
      int rc;
      while ((rc = q.Step()) == SQLITE_ROW) live.push_back(q.Int(0));
      if (rc != SQLITE_DONE) return Error("cannot migrate the stories");
    }
    for (int64_t id : live)
      if (Status s = RefreshStoryRow(id); !s.ok()) return s;
    return Status::Ok();
  }

  Status OpenError() const {
    const int primary = sqlite3_errcode(db_) & 0xff;
    if (primary == SQLITE_NOTADB)
      return Status(StatusCode::kInvalidInput,
                    "is not a crosscheck store (not a SQLite database); nothing was changed: give a new file name to "
                    "start a store",
                    path_);
    if (primary == SQLITE_CORRUPT)
      return Status(StatusCode::kDataLoss, std::string("is corrupt (") + sqlite3_errmsg(db_) + "); nothing was changed",
                    path_);
    return Error("cannot open the store");
  }

 private:
  std::string path_;
  sqlite3* db_;
  int lock_fd_;
  std::map<const char*, std::unique_ptr<Statement>> statements_;
  std::set<int64_t> touched_;  // stories the open transaction changed: their rows are refreshed at Commit
};

// The writer's lock: flock on "<path>.lock", holding our pid for the message a
// second writer shows.
Result<int> TakeWriterLock(const std::string& path, const StoreOptions& options) {
  const std::string lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status(StatusCode::kNotFound, "cannot create the writer's lock " + lock_path + ": " + std::strerror(errno),
                  path);
  }
  auto holder = [&] {
    char buf[32] = {0};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return pid.empty() ? std::string("another process") : "process " + pid;
  };
  const auto start = std::chrono::steady_clock::now();
  bool said = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      std::string why = std::strerror(errno);
      ::close(fd);
      return Status(StatusCode::kNotFound, "cannot lock " + lock_path + ": " + why, path);
    }
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (waited >= options.wait_seconds) {
      std::string who = holder();
      ::close(fd);
      return Status(StatusCode::kResourceExhausted,
                    "another ingest (" + who + ") is still writing this store; try again when it has finished", path);
    }
    if (!said && options.waiting) {
      options.waiting("waiting for another ingest (" + holder() + ") to finish writing " + path);
      said = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)::pwrite(fd, pid.data(), pid.size(), 0);
  return fd;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& path, const StoreOptions& options) {
  namespace fs = std::filesystem;
  if (store::IsPostgresUrl(path)) return store::OpenPostgresStore(path, options);
  const bool writer = options.mode == StoreMode::kReadWrite;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!writer && !exists) {
    return Status(StatusCode::kNotFound, "no such store; create one with 'crosscheck ingest --db " + path + " INPUT...'",
                  path);
  }
  if (exists && fs::is_directory(path, ec))
    return Status(StatusCode::kInvalidInput, "is a folder, not a store file", path);
  int lock_fd = -1;
  if (writer) {
    Result<int> lock = TakeWriterLock(path, options);
    if (!lock.ok()) return lock.status();
    lock_fd = *lock;
  }
  const bool fresh = !exists || fs::file_size(path, ec) == 0;
  sqlite3* db = nullptr;
  const int flags = (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  auto store = std::make_unique<SqliteStore>(path, db, lock_fd);
  if (rc != SQLITE_OK) return store->OpenError();
  sqlite3_busy_timeout(db, 10000);
  int64_t version = 0;
  if (Status s = store->Check(writer, fresh, version); !s.ok()) return s;
  if (writer) {
    // WAL: readers see the last commit while the writer goes on. NORMAL sync is
    // safe against a killed process (the WAL is in the OS's cache); only a power
    // loss can cost the last transactions, never consistency.
    if (Status s = store->Exec("PRAGMA journal_mode = WAL", "cannot switch to WAL"); !s.ok()) return s;
    if (Status s = store->Exec("PRAGMA synchronous = NORMAL", "cannot set synchronous"); !s.ok()) return s;
    if (version < kSchema)
      if (Status s = store->Migrate(version); !s.ok()) return s;
  }
  if (Status s = store->Exec("PRAGMA foreign_keys = ON", "cannot enable foreign keys"); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace crosscheck
