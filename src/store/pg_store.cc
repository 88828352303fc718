// The Store on PostgreSQL: the same tables as the SQLite store, full-text search
// by a tsvector column with a GIN index, and several writers at once.
//
// Schema (meta: application = crosscheck, schema = 1):
//   articles     one row per article, its id given by the writer; unique content
//                key and URL key, so the same article can never be stored twice
//                whatever the writers do; `search` is a generated tsvector of the
//                title (weight A) and text (weight B), English stemming
//   stories      one row per story id: the clusterer's state, what it merged into
//   story_rows   one row per live story, as Stories() lists it (headline, articles,
//                independent sources, outlets, dates), described again from its
//                articles at each commit that changes it, as in the SQLite store
//   term_counts  the clusterer's document frequencies, increments folded as they pile up
//   meta         what wrote the database, and `commits`: the number of write
//                transactions so far
//
// Several writers: every ingest process does its per-article work (extraction,
// entities, signatures) on its own, and only the step that needs the whole store
// (keys, copies, stories) runs one writer at a time: Begin() opens a transaction
// and takes the database's SHARE ROW EXCLUSIVE lock on `stories`, which conflicts
// with itself and not with readers, and which PostgreSQL releases at commit,
// rollback or when the connection dies. The `commits` counter, read under that
// lock, tells a writer whether another one committed since its own last
// transaction (WrittenByOthers); the Ingester then reloads the store's state and
// assigns its batch again, so articles another writer stored meanwhile are
// recognized as already stored. The unique keys and ON CONFLICT DO NOTHING stay as
// the last guard against a duplicate.
//
// Talks to the server through libpq: statements prepared once per connection,
// parameters sent as text (bytea in binary), results read in binary; the loads at
// the start of an ingest stream row by row (single-row mode), so memory does not
// hold a whole table twice.
#include "store/article_row.h"
#include "store/pg_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "relate/sources.h"
#include "store/story_row.h"

namespace crosscheck::store {
namespace {

constexpr int kSchema = 1;
constexpr int kFoldTermCountsAfter = 32;  // term_counts rows before they are folded into one
// Only this much of an article's text is indexed for search: PostgreSQL refuses a
// tsvector over 1 MB, and a news article is far shorter (a few thousand characters).
constexpr int kSearchableChars = 200000;
// Taken while the tables are created, so that two first writers do not both try:
// the number is "CCK1" like the SQLite store's application id.
constexpr int64_t kMigrationLock = 0x43434b31;

const std::string kSchemaV1 = R"sql(
CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE articles(
  id bigint PRIMARY KEY,
  given_id text,
  path text NOT NULL,
  title text, outlet text, url text, url_key text UNIQUE, published text COLLATE "C", language text,
  authors text NOT NULL, wire_credits text NOT NULL,
  format text NOT NULL,
  text text NOT NULL,
  dropped text NOT NULL,
  words integer NOT NULL,
  content_key bytea NOT NULL UNIQUE,
  source_key bytea,
  signature bytea,
  shingles integer NOT NULL,
  duplicate_of bigint REFERENCES articles(id),
  story bigint NOT NULL,
  ingested_at bigint NOT NULL,
  source text NOT NULL DEFAULT '',
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', left(text, )sql" + std::to_string(kSearchableChars) + R"sql()), 'B')) STORED);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_source ON articles(source_key);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(lower(outlet));
CREATE INDEX articles_search ON articles USING gin(search);
CREATE TABLE stories(
  id bigint PRIMARY KEY,
  state bytea NOT NULL,
  merged_into bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL);
CREATE TABLE story_rows(
  id bigint PRIMARY KEY,
  headline text NOT NULL,
  articles bigint NOT NULL,
  independent bigint NOT NULL,
  outlets text NOT NULL,
  first_date text COLLATE "C",
  last_date text COLLATE "C",
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL);
CREATE INDEX story_rows_largest ON story_rows(articles DESC, last_date DESC NULLS LAST, id);
CREATE INDEX story_rows_newest ON story_rows(last_date DESC NULLS LAST, updated_at DESC, id);
CREATE TABLE term_counts(id bigserial PRIMARY KEY, documents bigint NOT NULL, counts bytea NOT NULL);
INSERT INTO meta(key, value) VALUES ('application', 'crosscheck'), ('schema', '1'), ('commits', '0');
)sql";

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultFree>;

// Statement parameters: text, or bytes (bytea, sent in binary), or NULL. Add()
// returns the placeholder to write into the SQL.
class Params {
 public:
  std::string Add(std::string value) { return Push(std::move(value), false, false); }
  std::string Add(int64_t value) { return Add(std::to_string(value)); }
  std::string Add(const std::optional<std::string>& value) {
    return value ? Add(*value) : Push({}, false, true);
  }
  std::string AddBytes(std::string value) { return Push(std::move(value), true, false); }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for libpq, valid while this object lives unchanged.
  void Fill(std::vector<const char*>& values, std::vector<int>& lengths, std::vector<int>& formats) const {
    for (size_t i = 0; i < values_.size(); ++i) {
      values.push_back(null_[i] ? nullptr : values_[i].data());
      lengths.push_back(static_cast<int>(values_[i].size()));
      formats.push_back(binary_[i] ? 1 : 0);
    }
  }

 private:
  std::string Push(std::string value, bool binary, bool null) {
    values_.push_back(std::move(value));
    binary_.push_back(binary);
    null_.push_back(null);
    std::string placeholder = "$";
    placeholder += std::to_string(values_.size());
    return placeholder;
  }
  std::vector<std::string> values_;
  std::vector<bool> binary_, null_;
};

// One row of a binary result.
class Row {
 public:
  Row(const PGresult* r, int row) : r_(r), row_(row) {}
  bool Null(int col) const { return PQgetisnull(r_, row_, col) != 0; }
  // text or bytea: a binary result gives either as its bytes.
  std::string Text(int col) const {
    return std::string(PQgetvalue(r_, row_, col), static_cast<size_t>(PQgetlength(r_, row_, col)));
  }
  std::string Blob(int col) const { return Text(col); }
  std::optional<std::string> OptText(int col) const {
    if (Null(col)) return std::nullopt;
    return Text(col);
  }
  // smallint, integer or bigint, big-endian on the wire.
  int64_t Int(int col) const {
    if (Null(col)) return 0;
    const int n = PQgetlength(r_, row_, col);
    const unsigned char* p = reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row_, col));
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    if (n < 8 && n > 0 && (p[0] & 0x80)) v |= ~uint64_t{0} << (8 * n);  // sign
    return static_cast<int64_t>(v);
  }
  // double precision.
  double Double(int col) const {
    const uint64_t bits = static_cast<uint64_t>(Int(col));
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }

 private:
  const PGresult* r_;
  int row_;
};

// Term counts as bytes: (term u64, count u32) little-endian, as the SQLite store keeps them.
std::string CountsToBytes(const std::vector<std::pair<uint64_t, uint32_t>>& df) {
  std::string out;
  out.reserve(df.size() * 12);
  for (const auto& [t, n] : df) {
    for (int i = 0; i < 8; ++i) out += static_cast<char>((t >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i) out += static_cast<char>((n >> (8 * i)) & 0xff);
  }
  return out;
}

bool CountsFromBytes(const std::string& bytes, std::vector<std::pair<uint64_t, uint32_t>>& df) {
  if (bytes.size() % 12 != 0) return false;
  auto get = [&](size_t at, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return v;
  };
  df.clear();
  df.reserve(bytes.size() / 12);
  for (size_t i = 0; i < bytes.size(); i += 12) df.emplace_back(get(i, 8), static_cast<uint32_t>(get(i + 8, 4)));
  return true;
}

// The words of a query, space-separated: what plainto_tsquery() makes a
// conjunction of stemmed terms. Nothing of tsquery's syntax reaches it.
std::string QueryWords(const std::string& text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (gap && !out.empty()) out += ' ';
      out += c;
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

class PostgresStore : public Store {
 public:
  PostgresStore(std::string name, PGconn* conn) : name_(std::move(name)), conn_(conn) {}
  ~PostgresStore() override { PQfinish(conn_); }

  const std::string& name() const override { return name_; }

  // A failed statement as a Status: what was being done, the server's message,
  // and what it means for the store.
  Status Error(const std::string& what, const PGresult* r) const {
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string why = primary ? primary : r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    StatusCode code = StatusCode::kInternal;
    std::string hint;
    if (PQstatus(conn_) == CONNECTION_BAD || sqlstate.rfind("08", 0) == 0) {
      code = StatusCode::kNotFound;
      hint = "; the connection to the server was lost: the transaction under way was rolled back";
    } else if (sqlstate == "53100" || sqlstate == "53200") {
      code = StatusCode::kResourceExhausted;
      hint = "; the server is out of disk or memory: the transaction was rolled back and nothing stored before it is lost";
    } else if (sqlstate == "25006" || sqlstate == "42501") {
      code = StatusCode::kNotFound;
      hint = "; the store cannot be written (read-only transaction or missing privilege): nothing was changed";
    }
    return Status(code, what + ": " + why + hint, name_);
  }

  // Runs a statement, prepared on its first use; `ok` is the status it must end with.
  PgResult Run(const std::string& sql, const Params& params, ExecStatusType ok, const std::string& what,
               Status& status) {
    const std::string* name = Prepare(sql, params.size(), what, status);
    if (!name) return nullptr;
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    params.Fill(values, lengths, formats);
    PgResult r(PQexecPrepared(conn_, name->c_str(), params.size(), values.data(), lengths.data(), formats.data(),
                              /*resultFormat=*/1));
    if (!r || PQresultStatus(r.get()) != ok) {
      status = Error(what, r.get());
      return nullptr;
    }
    status = Status::Ok();
    return r;
  }

  // A statement without parameters or rows.
  Status Command(const std::string& sql, const std::string& what) {
    PgResult r(PQexec(conn_, sql.c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) return Error(what, r.get());
    return Status::Ok();
  }

  // Runs a query and hands its rows to `visit` one at a time, as they arrive.
  Status Stream(const std::string& sql, const Params& params, const std::string& what,
                const std::function<void(const Row&)>& visit) {
    Status status;
    const std::string* name = Prepare(sql, params.size(), what, status);
    if (!name) return status;
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    params.Fill(values, lengths, formats);
    if (!PQsendQueryPrepared(conn_, name->c_str(), params.size(), values.data(), lengths.data(), formats.data(), 1))
      return Error(what, nullptr);
    PQsetSingleRowMode(conn_);
    // Every result is taken, also after an error, so that the connection is ready again.
    while (PGresult* raw = PQgetResult(conn_)) {
      PgResult r(raw);
      const ExecStatusType s = PQresultStatus(raw);
      if (s == PGRES_SINGLE_TUPLE) {
        if (status.ok()) visit(Row(raw, 0));
      } else if (s != PGRES_TUPLES_OK && status.ok()) {
        status = Error(what, raw);
      }
    }
    return status;
  }

  const std::string* Prepare(const std::string& sql, int params, const std::string& what, Status& status) {
    auto it = prepared_.find(sql);
    if (it != prepared_.end()) return &it->second;
    const std::string name = "s" + std::to_string(prepared_.size());
    PgResult r(PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      status = Error(what, r.get());
      return nullptr;
    }
    return &prepared_.emplace(sql, name).first->second;
  }

  // --- Reading.

  Result<std::vector<StoryRow>> Stories(const StoryFilter& f) override {
    Params p;
    std::string sql =
        "SELECT r.id, r.created_at, r.updated_at, r.articles, r.independent, r.first_date, r.last_date, r.headline, "
        "r.outlets FROM story_rows r WHERE r.articles >= " + p.Add(static_cast<int64_t>(f.min_articles));
    if (f.outlet)
      sql += " AND r.id IN (SELECT story FROM articles WHERE lower(outlet) = lower(" + p.Add(*f.outlet) + "))";
    // An article published within [since, until]; a date with a time still counts
    // as that day. Only a story whose dates overlap the range can have one.
    if (f.since || f.until) {
      const std::string since = f.since ? p.Add(*f.since) : "", until = f.until ? p.Add(*f.until) : "";
      if (f.since) sql += " AND r.last_date >= " + since;
      if (f.until) sql += " AND left(r.first_date, length(" + until + ")) <= " + until;
      sql += " AND EXISTS (SELECT 1 FROM articles b WHERE b.story = r.id";
      if (f.since) sql += " AND b.published >= " + since;
      if (f.until) sql += " AND left(b.published, length(" + until + ")) <= " + until;
      sql += ")";
    }
    sql += f.newest_first ? " ORDER BY r.last_date DESC NULLS LAST, r.updated_at DESC, r.id"
                          : " ORDER BY r.articles DESC, r.last_date DESC NULLS LAST, r.id";
    if (f.limit > 0) sql += " LIMIT " + p.Add(static_cast<int64_t>(f.limit));
    Status status;
    PgResult r = Run(sql, p, PGRES_TUPLES_OK, "cannot list stories", status);
    if (!r) return status;
    std::vector<StoryRow> rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      const Row q(r.get(), i);
      StoryRow row;
      row.id = q.Int(0);
      row.created_at = q.Int(1);
      row.updated_at = q.Int(2);
      row.articles = static_cast<size_t>(q.Int(3));
      row.independent = static_cast<size_t>(q.Int(4));
      row.first_date = q.OptText(5);
      row.last_date = q.OptText(6);
      row.headline = q.Text(7);
      row.outlets = ListFromJson(q.Text(8));
      rows.push_back(std::move(row));
    }
    if (f.grown_since) {
      for (StoryRow& row : rows) {
        Params g;
        const std::string grown = "SELECT count(*) FROM articles WHERE story = " + g.Add(row.id) +
                                  " AND ingested_at > " + g.Add(*f.grown_since);
        PgResult n = Run(grown, g, PGRES_TUPLES_OK, "cannot read story " + std::to_string(row.id), status);
        if (!n) return status;
        row.grown = static_cast<size_t>(Row(n.get(), 0).Int(0));
      }
    }
    return rows;
  }

  // Describes story `id` again in story_rows from its articles (DescribeStory,
  // as the SQLite store does); a story merged away or left without articles
  // leaves the list.
  Status RefreshStoryRow(int64_t id) {
    Status status;
    Params lp;
    PgResult live = Run("SELECT merged_into, created_at, updated_at FROM stories WHERE id = " + lp.Add(id), lp,
                        PGRES_TUPLES_OK, "cannot read story " + std::to_string(id), status);
    if (!live) return status;
    const bool is_live = PQntuples(live.get()) > 0 && Row(live.get(), 0).Int(0) == 0;
    const int64_t created_at = is_live ? Row(live.get(), 0).Int(1) : 0;
    const int64_t updated_at = is_live ? Row(live.get(), 0).Int(2) : 0;
    std::vector<StoryArticleRow> rows;
    if (is_live) {
      Params p;
      const std::string sql =
          "SELECT id, outlet, title, substr(text, 1, 400), duplicate_of, source, published FROM articles WHERE story = " +
          p.Add(id) + " ORDER BY id";
      Status s = Stream(sql, p, "cannot read story " + std::to_string(id), [&](const Row& q) {
        rows.push_back({q.Int(0), q.OptText(1), q.OptText(2), q.Text(3), q.Null(4) ? 0 : q.Int(4), q.Text(5),
                        q.OptText(6)});
      });
      if (!s.ok()) return s;
    }
    Params w;
    if (rows.empty()) {
      Run("DELETE FROM story_rows WHERE id = " + w.Add(id), w, PGRES_COMMAND_OK,
          "cannot update story " + std::to_string(id), status);
      return status;
    }
    const StoryDescription d = DescribeStory(rows);
    const std::string values = w.Add(id) + ", " + w.Add(d.headline) + ", " + w.Add(static_cast<int64_t>(d.articles)) +
                               ", " + w.Add(static_cast<int64_t>(d.independent)) + ", " + w.Add(JsonList(d.outlets)) +
                               ", " + w.Add(d.first_date) + ", " + w.Add(d.last_date) + ", " + w.Add(created_at) +
                               ", " + w.Add(updated_at);
    Run("INSERT INTO story_rows(id, headline, articles, independent, outlets, first_date, last_date, created_at, "
        "updated_at) VALUES(" + values + ") ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, articles = "
        "excluded.articles, independent = excluded.independent, outlets = excluded.outlets, first_date = "
        "excluded.first_date, last_date = excluded.last_date, created_at = excluded.created_at, updated_at = "
        "excluded.updated_at",
        w, PGRES_COMMAND_OK, "cannot update story " + std::to_string(id), status);
    return status;
  }

  Result<std::optional<int64_t>> ResolveStory(int64_t id) override {
    for (int hops = 0; hops < 1000; ++hops) {
      Params p;
      Status status;
      PgResult r = Run("SELECT merged_into FROM stories WHERE id = " + p.Add(id), p, PGRES_TUPLES_OK,
                       "cannot read story " + std::to_string(id), status);
      if (!r) return status;
      if (PQntuples(r.get()) == 0) return std::optional<int64_t>();
      const int64_t into = Row(r.get(), 0).Int(0);
      if (into == 0) return std::optional<int64_t>(id);
      id = into;
    }
    return Status(StatusCode::kDataLoss, "story merges form a loop", name_);
  }

  Result<std::vector<StoredArticle>> ArticlesOfStory(int64_t story) override {
    Params p;
    std::vector<StoredArticle> out;
    Status s = Stream(std::string("SELECT ") + kArticleColumns + " FROM articles WHERE story = " + p.Add(story) +
                          " ORDER BY id",
                      p, "cannot read the articles of story " + std::to_string(story),
                      [&](const Row& q) { out.push_back(ArticleFromRow(q)); });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<StoredArticle>> Article(int64_t id) override {
    Params p;
    Status status;
    PgResult r = Run(std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = " + p.Add(id), p,
                     PGRES_TUPLES_OK, "cannot read article " + std::to_string(id), status);
    if (!r) return status;
    if (PQntuples(r.get()) == 0) return std::optional<StoredArticle>();
    return std::optional<StoredArticle>(ArticleFromRow(Row(r.get(), 0)));
  }

  Result<std::optional<std::string>> ArticleText(int64_t id) override {
    Params p;
    Status status;
    PgResult r = Run("SELECT text FROM articles WHERE id = " + p.Add(id), p, PGRES_TUPLES_OK,
                     "cannot read article " + std::to_string(id), status);
    if (!r) return status;
    if (PQntuples(r.get()) == 0) return std::optional<std::string>();
    return std::optional<std::string>(Row(r.get(), 0).Text(0));
  }

  Result<size_t> ArticleCount() override {
    Status status;
    PgResult r = Run("SELECT count(*) FROM articles", Params{}, PGRES_TUPLES_OK, "cannot count articles", status);
    if (!r) return status;
    return static_cast<size_t>(Row(r.get(), 0).Int(0));
  }

  Result<std::vector<SearchHit>> Search(const SearchQuery& query) override {
    const std::string words = QueryWords(query.text);
    if (words.empty()) return Status(StatusCode::kInvalidInput, "the search has no words to look for");
    // ts_rank with PostgreSQL's default weights: a title word (A, 1.0) counts 2.5
    // times a text word (B, 0.4). The inner query ranks and keeps the best rows;
    // the outer one makes snippets (ts_headline reads the whole text) for those alone.
    Params p;
    const std::string tsquery = "plainto_tsquery('english', " + p.Add(words) + ")";
    std::string sql = "SELECT a.id, a.story, best.rank, ts_headline('english', a.text, " + tsquery +
                      ", 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=16, MinWords=8, FragmentDelimiter=\"...\"'), "
                      "a.title, a.outlet, a.published, a.path FROM (SELECT id, ts_rank(search, " + tsquery +
                      ")::float8 AS rank FROM articles WHERE search @@ " + tsquery;
    if (query.outlet) sql += " AND lower(outlet) = lower(" + p.Add(*query.outlet) + ")";
    if (query.since) sql += " AND published >= " + p.Add(*query.since);
    if (query.until) {
      const std::string until = p.Add(*query.until);
      sql += " AND left(published, length(" + until + ")) <= " + until;
    }
    if (query.story) sql += " AND story = " + p.Add(*query.story);
    sql += " ORDER BY rank DESC, id LIMIT " + p.Add(static_cast<int64_t>(query.limit == 0 ? 20 : query.limit)) +
           ") best JOIN articles a ON a.id = best.id ORDER BY best.rank DESC, a.id";
    Status status;
    PgResult r = Run(sql, p, PGRES_TUPLES_OK, "cannot search", status);
    if (!r) return status;
    std::vector<SearchHit> hits;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      const Row q(r.get(), i);
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
    return hits;
  }

  // --- Writing.

  Status Begin() override {
    if (Status s = Command("BEGIN", "cannot start a transaction"); !s.ok()) return s;
    // Waits for a writer in its transaction; readers are not held up.
    if (Status s = Command("LOCK TABLE stories IN SHARE ROW EXCLUSIVE MODE", "cannot start a transaction"); !s.ok()) {
      Rollback();
      return s;
    }
    Result<int64_t> commits = Commits();
    if (!commits.ok()) {
      Rollback();
      return commits.status();
    }
    written_by_others_ = *commits != commits_seen_;
    commits_seen_ = *commits;
    return Status::Ok();
  }

  Status Commit() override {
    for (int64_t id : touched_) {
      if (Status s = RefreshStoryRow(id); !s.ok()) {
        Rollback();
        return s;
      }
    }
    touched_.clear();
    Status status;
    PgResult r = Run("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'commits' RETURNING value::bigint",
                     Params{}, PGRES_TUPLES_OK, "cannot commit", status);
    if (r) status = Command("COMMIT", "cannot commit");
    if (!status.ok()) {
      Rollback();
      return status;
    }
    commits_seen_ = Row(r.get(), 0).Int(0);
    return status;
  }

  void Rollback() override {
    touched_.clear();
    PgResult(PQexec(conn_, "ROLLBACK"));
  }

  bool SharedByWriters() const override { return true; }
  bool WrittenByOthers() const override { return written_by_others_; }

  Result<int64_t> AddArticle(StoredArticle& a) override {
    // The writer numbers its articles (it holds the stories' lock, so the
    // numbers are free): the same ids as in its memory.
    Params p;
    std::string values = p.Add(a.id);
    for (const std::string& v :
         {p.Add(a.given_id), p.Add(a.path), p.Add(a.title), p.Add(a.outlet), p.Add(a.url), p.Add(a.url_key),
          p.Add(a.published), p.Add(a.language), p.Add(JsonList(a.authors)), p.Add(JsonList(a.wire_credits)),
          p.Add(a.format), p.Add(a.text), p.Add(a.dropped_json.empty() ? std::string("[]") : a.dropped_json),
          p.Add(static_cast<int64_t>(a.words)), p.AddBytes(a.content_key), p.AddBytes(a.source_key),
          p.AddBytes(a.signature), p.Add(static_cast<int64_t>(a.shingles)),
          a.duplicate_of ? p.Add(*a.duplicate_of) : p.Add(std::optional<std::string>()), p.Add(a.story),
          p.Add(a.ingested_at),
          p.Add(relate::SourceKey(a.text.substr(0, a.text.find("\n\n")), a.wire_credits, a.outlet))})
      values += ", " + v;
    Status status;
    PgResult r = Run(std::string("INSERT INTO articles(") + kArticleColumns + ", source) VALUES(" + values +
                         ") ON CONFLICT DO NOTHING RETURNING id",
                     p, PGRES_TUPLES_OK, "cannot store article " + a.path, status);
    if (!r) return status;
    if (PQntuples(r.get()) == 0) return int64_t{0};
    touched_.insert(a.story);
    return a.id;
  }

  Status MoveStory(int64_t from, int64_t into) override {
    Params p;
    Status status;
    const std::string sql = "UPDATE articles SET story = " + p.Add(into) + " WHERE story = " + p.Add(from);
    Run(sql, p, PGRES_COMMAND_OK, "cannot merge story " + std::to_string(from), status);
    touched_.insert(from);
    touched_.insert(into);
    return status;
  }

  Status SaveStories(const std::vector<StoryUpdate>& stories, int64_t now) override {
    for (const StoryUpdate& s : stories) {
      Params p;
      const std::string id = p.Add(s.id), state = p.AddBytes(s.state), into = p.Add(s.merged_into), at = p.Add(now);
      Status status;
      Run("INSERT INTO stories(id, state, merged_into, created_at, updated_at) VALUES(" + id + ", " + state + ", " +
              into + ", " + at + ", " + at + ") ON CONFLICT(id) DO UPDATE SET state = excluded.state, "
              "merged_into = excluded.merged_into, updated_at = excluded.updated_at",
          p, PGRES_COMMAND_OK, "cannot store story " + std::to_string(s.id), status);
      if (!status.ok()) return status;
      touched_.insert(s.id);
    }
    return Status::Ok();
  }

  Status SaveTermCounts(uint64_t documents, const std::vector<std::pair<uint64_t, uint32_t>>& df) override {
    if (documents == 0 && df.empty()) return Status::Ok();
    Status status;
    {
      Params p;
      const std::string sql = "INSERT INTO term_counts(documents, counts) VALUES(" +
                              p.Add(static_cast<int64_t>(documents)) + ", " + p.AddBytes(CountsToBytes(df)) + ")";
      Run(sql, p, PGRES_COMMAND_OK, "cannot store term counts", status);
      if (!status.ok()) return status;
    }
    PgResult n = Run("SELECT count(*) FROM term_counts", Params{}, PGRES_TUPLES_OK, "cannot count term counts", status);
    if (!n) return status;
    if (Row(n.get(), 0).Int(0) <= kFoldTermCountsAfter) return Status::Ok();
    // Fold the increments into one row, so that opening reads one blob.
    uint64_t total = 0;
    std::map<uint64_t, uint32_t> sum;
    if (Status s = LoadTermCounts([&](uint64_t d, const std::vector<std::pair<uint64_t, uint32_t>>& part) {
          total += d;
          for (const auto& [t, c] : part) sum[t] += c;
        });
        !s.ok())
      return s;
    if (Status s = Command("DELETE FROM term_counts", "cannot fold term counts"); !s.ok()) return s;
    Params p;
    const std::string sql = "INSERT INTO term_counts(documents, counts) VALUES(" + p.Add(static_cast<int64_t>(total)) +
                            ", " + p.AddBytes(CountsToBytes({sum.begin(), sum.end()})) + ")";
    Run(sql, p, PGRES_COMMAND_OK, "cannot fold term counts", status);
    return status;
  }

  // --- Loading.

  Status ForEachKey(const std::function<void(const std::string&, const std::string&,
                                             const std::optional<std::string>&)>& visit) override {
    return Stream("SELECT content_key, source_key, url_key FROM articles", Params{}, "cannot read article keys",
                  [&](const Row& q) { visit(q.Text(0), q.Text(1), q.OptText(2)); });
  }

  Status ForEachSignature(const std::function<void(int64_t, const std::string&, uint32_t, std::optional<int64_t>,
                                                   int64_t)>& visit) override {
    return Stream("SELECT id, signature, shingles, duplicate_of, story FROM articles ORDER BY id", Params{},
                  "cannot read signatures", [&](const Row& q) {
                    visit(q.Int(0), q.Blob(1), static_cast<uint32_t>(q.Int(2)),
                          q.Null(3) ? std::nullopt : std::optional<int64_t>(q.Int(3)), q.Int(4));
                  });
  }

  Status LoadTermCounts(
      const std::function<void(uint64_t, const std::vector<std::pair<uint64_t, uint32_t>>&)>& visit) override {
    std::vector<std::pair<uint64_t, uint32_t>> df;
    bool damaged = false;
    Status s = Stream("SELECT documents, counts FROM term_counts ORDER BY id", Params{}, "cannot read term counts",
                      [&](const Row& q) {
                        if (damaged || !CountsFromBytes(q.Blob(1), df)) {
                          damaged = true;
                          return;
                        }
                        visit(static_cast<uint64_t>(q.Int(0)), df);
                      });
    if (!s.ok()) return s;
    if (damaged) return Status(StatusCode::kDataLoss, "term counts are damaged (a blob of the wrong length)", name_);
    return Status::Ok();
  }

  Status ForEachStoryState(const std::function<void(int64_t, const std::string&, int64_t)>& visit) override {
    return Stream("SELECT id, state, merged_into FROM stories ORDER BY id", Params{}, "cannot read stories",
                  [&](const Row& q) { visit(q.Int(0), q.Blob(1), q.Int(2)); });
  }

  // --- Opening.

  // The schema of the database: 0 when it holds no tables (a new store), -1 when
  // it holds tables that are not a crosscheck store's.
  Result<int64_t> Schema() {
    Status status;
    PgResult r = Run(
        "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()), "
        "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'meta')",
        Params{}, PGRES_TUPLES_OK, "cannot open the store", status);
    if (!r) return status;
    const int64_t tables = Row(r.get(), 0).Int(0), meta = Row(r.get(), 0).Int(1);
    if (tables == 0) return int64_t{0};
    if (meta == 0) return int64_t{-1};
    PgResult v = Run("SELECT max(value) FILTER (WHERE key = 'application'), max(value) FILTER (WHERE key = 'schema') "
                     "FROM meta",
                     Params{}, PGRES_TUPLES_OK, "cannot open the store", status);
    if (!v) return Status(StatusCode::kInvalidInput, NotOurs(), name_);
    const Row q(v.get(), 0);
    if (q.Null(0) || q.Text(0) != "crosscheck" || q.Null(1)) return int64_t{-1};
    try {
      return static_cast<int64_t>(std::stoll(q.Text(1)));
    } catch (const std::exception&) {
      return int64_t{-1};
    }
  }

  static std::string NotOurs() {
    return "is a PostgreSQL database but not a crosscheck store (it has other tables); nothing was changed: give "
           "a new database to start a store";
  }

  // Checks what the database holds and, for a writer, creates the tables of a
  // new store; one writer at a time does that, under a lock of the database.
  Status Check(bool writer) {
    if (writer) {
      if (Status s = Command("BEGIN", "cannot start the migration"); !s.ok()) return s;
      Params p;
      Status status;
      Run("SELECT pg_advisory_xact_lock(" + p.Add(kMigrationLock) + ")", p, PGRES_TUPLES_OK,
          "cannot start the migration", status);
      if (!status.ok()) {
        Rollback();
        return status;
      }
    }
    auto fail = [&](Status s) {
      if (writer) Rollback();
      return s;
    };
    Result<int64_t> version = Schema();
    if (!version.ok()) return fail(version.status());
    if (*version < 0) return fail(Status(StatusCode::kInvalidInput, NotOurs(), name_));
    if (*version > kSchema) {
      return fail(Status(StatusCode::kUnsupportedFormat,
                         "was written by a newer crosscheck (schema " + std::to_string(*version) +
                             "; this one reads up to " + std::to_string(kSchema) +
                             "); nothing was changed: use the newer crosscheck",
                         name_));
    }
    if (!writer) {
      if (*version == 0) {
        return Status(StatusCode::kNotFound,
                      "no such store; create one with 'crosscheck ingest --db " + name_ + " INPUT...'", name_);
      }
      return Command("SET default_transaction_read_only = on", "cannot open the store");
    }
    if (*version == 0)
      if (Status s = Command(kSchemaV1, "cannot create the store's tables"); !s.ok()) return fail(s);
    // Later schemas add their steps here: if (*version < 2) { ... }
    if (Status s = Command("COMMIT", "cannot commit the migration"); !s.ok()) return fail(s);
    Result<int64_t> commits = Commits();
    if (!commits.ok()) return commits.status();
    commits_seen_ = *commits;
    return Status::Ok();
  }

  Result<int64_t> Commits() {
    Status status;
    PgResult r = Run("SELECT value::bigint FROM meta WHERE key = 'commits'", Params{}, PGRES_TUPLES_OK,
                     "cannot read the store's state", status);
    if (!r) return status;
    if (PQntuples(r.get()) == 0) return Status(StatusCode::kDataLoss, "the store's meta table is damaged", name_);
    return Row(r.get(), 0).Int(0);
  }

 private:
  std::string name_;
  PGconn* conn_;
  std::map<std::string, std::string> prepared_;  // SQL -> statement name
  int64_t commits_seen_ = 0;                     // the `commits` counter at this writer's last look
  bool written_by_others_ = false;
  std::set<int64_t> touched_;  // stories the open transaction changed: their rows are refreshed at Commit
};

}  // namespace

bool IsPostgresUrl(const std::string& name) {
  return name.rfind("postgresql://", 0) == 0 || name.rfind("postgres://", 0) == 0;
}

std::string RedactedUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t at = url.find('@', scheme + 3);
  const size_t colon = url.find(':', scheme + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions& options) {
  const std::string name = RedactedUrl(url);
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status(StatusCode::kNotFound, "cannot connect to the PostgreSQL server: " + why, name);
  }
  // The server's notices (a query of stop words alone, say) are not the user's business.
  PQsetNoticeReceiver(conn, [](void*, const PGresult*) {}, nullptr);
  auto store = std::make_unique<PostgresStore>(name, conn);
  if (Status s = store->Check(options.mode == StoreMode::kReadWrite); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace crosscheck::store
