// The web UI and JSON API of `crosscheck serve`.
//
// Idea: server-rendered pages with no script at all, over the store read live.
// Every page is built from the store on request, so a page shows what an ingest
// running beside it has committed. A story's brief is the one costly answer (tens
// to hundreds of milliseconds): briefs are kept, each under the story and the ids
// of the articles it was built from, and used again while the story's articles
// are those (stored articles never change; an ingest that adds to a story or
// merges another into it changes the set, and the brief is built again). A
// thread of the lowest priority builds briefs ahead of readers: those of the
// stories the list pages show first (the largest and the newest) and of every
// story large enough to take longer to brief than a page should, again every
// little while, so that a story an ingest changed is built anew before it is
// asked for; a story no one warmed (a small one) is built on its first request. The
// pages are plain HTML with links and GET forms; the Content-Security-Policy
// header allows no script from anywhere and styles only from /style.css and the
// brief's own hashed stylesheet, so markup that slipped into article text could
// neither run nor load anything. Nothing slips anyway: every string from the
// store goes through render::EscapeHtml, and only http(s) addresses become links.
// The server serves routes, never files: no request names a path on disk, so no
// path can leave what it means to serve.
//
// HTTP is cpp-httplib (Debian's libcpp-httplib): a fixed pool of threads answers
// requests; each thread takes a worker (a read-only store connection and a
// briefer, neither thread-safe) from a pool that grows to at most one per thread.
// Request bodies, query texts and result counts are capped; a bad parameter is a
// 400 naming it, an unknown id a 404 naming the id.
#include "serve/server.h"

#include <httplib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "crosscheck/corpus.h"
#include "crosscheck/store.h"
#include "render/article_json.h"
#include "render/brief_json.h"
#include "render/brief_html.h"

namespace crosscheck::serve {
namespace {

using json = nlohmann::ordered_json;

// The nice value of the thread that builds briefs ahead of readers: the lowest
// priority, so that it takes only what requests leave of the processors.
constexpr int kWarmNice = 19;
// Longest search text and outlet name taken from a query (longer: 400); search
// words beyond a sentence's worth only slow the full-text query down.
constexpr size_t kMaxQueryChars = 400;
constexpr size_t kMaxOutletChars = 200;
// Longest cited sentence an article page marks; a chip never cites more.
constexpr size_t kMaxCiteChars = 2000;
// Stories on the list page and at most per API call; search hits likewise.
constexpr size_t kStoriesShown = 100;
constexpr size_t kMaxStoriesAsked = 1000;
constexpr size_t kSearchShown = 20;
constexpr size_t kMaxSearchAsked = 200;
// Requests are GETs: a body has nothing to say, so a large one is refused.
constexpr size_t kMaxBodyBytes = 64 * 1024;
// Outlets named per story in the list before "and N more".
constexpr size_t kOutletsListed = 3;

// The policy of every response: no script, no plugin, no frame, nothing loaded
// but this server's stylesheet (and the brief's, by hash); forms only to here.
std::string SecurityPolicy() {
  return "default-src 'none'; style-src 'self' " + render::HtmlStylesheetHash() +
         "; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}

constexpr std::string_view kServeStylesheet = R"css(
main header.masthead { padding-left: 0; padding-right: 0; }
header.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.6rem 1.2rem; max-width: 62rem; margin: 0 auto;
             padding: 0.9rem 1.25rem; border-bottom: 1px solid var(--rule); font: 0.9rem/1.2 var(--sans); }
header.bar a.brand { font-weight: 700; letter-spacing: 0.04em; text-decoration: none; color: var(--fg); }
header.bar form { display: flex; gap: 0.4rem; flex: 1 1 18rem; }
input, select, button { font: 0.9rem/1.2 var(--sans); padding: 0.35rem 0.5rem; border: 1px solid var(--rule);
                        border-radius: 0.3rem; background: var(--card); color: var(--fg); }
input[type=search] { flex: 1; min-width: 0; }
button { background: var(--accent); color: var(--bg); border-color: var(--accent); cursor: pointer; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; font: 0.82rem/1.2 var(--sans);
               color: var(--muted); margin: 1rem 0; }
form.filters label { display: flex; flex-direction: column; gap: 0.2rem; }
form.filters a { align-self: center; }
ol.stories, ol.hits { list-style: none; padding: 0; margin: 0; }
ol.stories li, ol.hits li { padding: 0.75rem 0; border-bottom: 1px solid var(--rule); }
ol.stories a.headline { font-size: 1.15rem; line-height: 1.3; font-weight: 600; overflow-wrap: anywhere; }
ol.hits a.hit { overflow-wrap: anywhere; }
ol.stories .meta, ol.hits .meta, p.meta { font: 0.8rem/1.4 var(--sans); color: var(--muted); margin-top: 0.2rem;
                                          overflow-wrap: anywhere; }
ol.stories .meta b { color: var(--fg); }
ol.hits .snippet { margin: 0.2rem 0 0; }
.article-text p { margin: 0 0 1rem; }
.article-text p.cited { outline: 2px solid var(--accent); outline-offset: 0.4rem; border-radius: 0.2rem; }
.e-person { border-bottom: 2px solid #4f8fc0; }
.e-organization { border-bottom: 2px solid #a36fc4; }
.e-location { border-bottom: 2px solid #4fa873; }
.e-other { border-bottom: 2px dotted var(--muted); }
.d { background: var(--mark); border-radius: 0.15rem; }
.q { font-style: italic; color: var(--chip-fg); }
p.legend span.sample { margin-right: 0.9rem; }
aside.cited { border-left: 3px solid var(--accent); background: var(--card); padding: 0.6rem 0.9rem; margin: 1rem 0;
              font-size: 0.95rem; }
aside.cited .label { display: block; font: 600 0.72rem/1.4 var(--sans); text-transform: uppercase;
                     letter-spacing: 0.08em; color: var(--muted); }
table.dropped td.reason { white-space: nowrap; color: var(--muted); font-family: var(--sans); }
p.error { font-size: 1.1rem; }
)css";

std::string Esc(std::string_view s) { return render::EscapeHtml(s); }

// What an error httplib answers by itself means, for the body.
std::string ErrorMessage(int status, const std::string& path) {
  switch (status) {
    case 404:
      return "nothing here: " + path;
    case 400:
      return "malformed request";
    case 405:
      return "only GET is served";
    case 413:
      return "request too large";
    case 414:
      return "address too long";
    default:
      return "HTTP error " + std::to_string(status);
  }
}

// Query-string encoding of any text (RFC 3986 unreserved characters stay).
std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

// YYYY, YYYY-MM or YYYY-MM-DD (digits only; the store compares them as text).
bool IsIsoDate(const std::string& s) {
  static const std::regex kDate(R"(\d{4}(-\d{2}(-\d{2})?)?)");
  return std::regex_match(s, kDate);
}

// What a request asks, checked; `error` names the first bad parameter.
struct Params {
  std::string q;
  std::optional<std::string> outlet, since, until;
  std::string sort = "size";
  std::optional<size_t> limit;
  std::optional<int64_t> story;
  std::string cite;
  std::string error;
};

Params ReadParams(const httplib::Request& req, size_t max_limit) {
  Params p;
  auto text = [&](const char* name, size_t max_chars) -> std::optional<std::string> {
    if (!req.has_param(name)) return std::nullopt;
    std::string v = req.get_param_value(name);
    if (v.size() > max_chars && p.error.empty())
      p.error = std::string(name) + ": longer than " + std::to_string(max_chars) + " characters";
    return v;
  };
  p.q = text("q", kMaxQueryChars).value_or("");
  p.outlet = text("outlet", kMaxOutletChars);
  if (p.outlet && p.outlet->empty()) p.outlet.reset();
  for (auto [name, field] : {std::pair{"since", &p.since}, std::pair{"until", &p.until}}) {
    *field = text(name, 10);
    if (*field && (*field)->empty()) field->reset();
    if (*field && !IsIsoDate(**field) && p.error.empty())
      p.error = std::string(name) + ": not a date (YYYY-MM-DD, YYYY-MM or YYYY)";
  }
  if (std::optional<std::string> sort = text("sort", 10)) {
    if (*sort == "size" || *sort == "new") {
      p.sort = *sort;
    } else if (!sort->empty() && p.error.empty()) {
      p.error = "sort: 'size' (largest first) or 'new' (newest first)";
    }
  }
  auto number = [&](const char* name, uint64_t max) -> std::optional<uint64_t> {
    std::optional<std::string> v = text(name, 20);
    if (!v || v->empty()) return std::nullopt;
    const bool digits = v->size() <= 18 && std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
    const uint64_t n = digits ? std::stoull(*v) : 0;
    if ((!digits || n == 0 || n > max) && p.error.empty())
      p.error = std::string(name) + ": a whole number from 1 to " + std::to_string(max);
    return n;
  };
  if (std::optional<uint64_t> n = number("limit", max_limit)) p.limit = *n;
  if (std::optional<uint64_t> n = number("story", uint64_t{1} << 62)) p.story = static_cast<int64_t>(*n);
  p.cite = text("cite", kMaxCiteChars).value_or("");
  return p;
}

// A read connection and a briefer for one request at a time.
struct Worker {
  std::unique_ptr<Store> store;
  Briefer briefer;
};

class WorkerPool {
 public:
  WorkerPool(std::string db, Briefer prototype) : db_(std::move(db)), prototype_(std::move(prototype)) {}

  Result<std::unique_ptr<Worker>> Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      std::unique_ptr<Worker> w = std::move(free_.back());
      free_.pop_back();
      return w;
    }
    Result<std::unique_ptr<Store>> store = OpenStore(db_, StoreOptions{});
    if (!store.ok()) return store.status();
    return std::make_unique<Worker>(Worker{std::move(store).value(), prototype_.Clone()});
  }
  void Give(std::unique_ptr<Worker> w) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(w));
  }

 private:
  std::mutex mu_;
  std::string db_;
  Briefer prototype_;
  std::vector<std::unique_ptr<Worker>> free_;
};

// A worker for the scope of one handler.
class Lease {
 public:
  explicit Lease(WorkerPool& pool) : pool_(pool), worker_(pool.Take()) {}
  ~Lease() {
    if (worker_.ok()) pool_.Give(std::move(worker_).value());
  }
  bool ok() const { return worker_.ok(); }
  Status status() const { return worker_.status(); }
  Worker* operator->() { return worker_->get(); }
  Worker& get() { return **worker_; }

 private:
  WorkerPool& pool_;
  Result<std::unique_ptr<Worker>> worker_;
};

// An error to answer with: an HTTP status and a message for people.
struct HttpError {
  int status;
  std::string message;
};

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

// A story's brief, and which stored article each of its article ids stands for;
// its page and its JSON (all of /api/stories/ID but "story" and "requested", which
// go first) are written once, by the first request that needs them.
struct StoryBrief {
  int64_t story = 0;
  size_t articles = 0;  // in the story; the brief may use fewer (max_brief_articles)
  Brief brief;
  std::vector<std::pair<std::string, int64_t>> stored_ids;  // brief id -> store id
  mutable std::once_flag page_once, json_once;
  mutable std::string page, json;
};

// Briefs built, at most one per story: the latest, with the stored ids of the
// articles it was built from. Find gives it back only for the same ids. When
// full, the brief asked least recently goes.
class BriefCache {
 public:
  explicit BriefCache(size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const StoryBrief> Find(int64_t story, const std::vector<int64_t>& ids) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(story);
    if (it == entries_.end() || it->second.ids != ids) return nullptr;
    it->second.used = ++clock_;
    return it->second.brief;
  }

  // The brief kept for `story`, whatever its articles, without counting as a use.
  std::shared_ptr<const StoryBrief> Peek(int64_t story) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(story);
    return it == entries_.end() ? nullptr : it->second.brief;
  }

  void Put(int64_t story, std::vector<int64_t> ids, std::shared_ptr<const StoryBrief> brief) {
    if (capacity_ == 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= capacity_ && entries_.find(story) == entries_.end()) {
      auto oldest = std::min_element(entries_.begin(), entries_.end(),
                                     [](const auto& x, const auto& y) { return x.second.used < y.second.used; });
      entries_.erase(oldest);
    }
    entries_[story] = Entry{std::move(ids), std::move(brief), ++clock_};
  }

 private:
  struct Entry {
    std::vector<int64_t> ids;
    std::shared_ptr<const StoryBrief> brief;
    uint64_t used = 0;
  };
  std::mutex mu_;
  size_t capacity_;
  uint64_t clock_ = 0;
  std::map<int64_t, Entry> entries_;
};

std::optional<int64_t> StoredIdOf(const StoryBrief& b, const std::string& id) {
  for (const auto& [brief_id, stored] : b.stored_ids)
    if (brief_id == id) return stored;
  return std::nullopt;
}

// The brief of story `id` (a merged id: the story it joined), as `brief --db
// --story` builds it, from its latest `max_articles` articles: from `cache` when it
// holds the brief of these articles, else built and kept there.
std::variant<std::shared_ptr<const StoryBrief>, HttpError> BuildStory(Worker& w, BriefCache& cache, int64_t id,
                                                                      size_t max_articles, bool* built = nullptr) {
  Result<std::optional<int64_t>> live = w.store->ResolveStory(id);
  if (!live.ok()) return HttpError{503, live.status().ToString()};
  if (!*live) return HttpError{404, "no story " + std::to_string(id) + " in this store"};
  Result<std::vector<StoredArticle>> stored = w.store->ArticlesOfStory(**live);
  if (!stored.ok()) return HttpError{503, stored.status().ToString()};
  if (stored->empty()) return HttpError{404, "story " + std::to_string(id) + " has no articles"};
  const size_t in_story = stored->size();
  if (stored->size() > max_articles) stored->erase(stored->begin(), stored->end() - static_cast<ptrdiff_t>(max_articles));
  std::vector<int64_t> ids;
  for (const StoredArticle& s : *stored) ids.push_back(s.id);
  // The count of the story's articles counts too: a merge can add articles older
  // than the latest max_articles, which the page still names ("the latest 500 of").
  if (std::shared_ptr<const StoryBrief> kept = cache.Find(**live, ids); kept && kept->articles == in_story)
    return kept;
  auto out = std::make_shared<StoryBrief>();
  out->story = **live;
  out->articles = in_story;
  std::vector<Article> articles;
  for (StoredArticle& s : *stored) {
    const int64_t stored_id = s.id;
    Article a = ToArticle(std::move(s), "A" + std::to_string(articles.size() + 1));
    out->stored_ids.emplace_back(a.id, stored_id);
    articles.push_back(w.briefer.extractor().Resegment(std::move(a)));
  }
  Result<Brief> brief = w.briefer.Build(std::move(articles));
  if (!brief.ok()) return HttpError{500, brief.status().ToString()};
  out->brief = std::move(brief).value();
  cache.Put(out->story, std::move(ids), out);
  if (built != nullptr) *built = true;
  return std::shared_ptr<const StoryBrief>(std::move(out));
}

// The top bar of every page but the brief: the name, home link and search box.
std::string PageStart(const std::string& title, const std::string& query) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"referrer\" content=\"no-referrer\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"color-scheme\" content=\"light dark\">\n<title>" << Esc(title)
    << " · crosscheck</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n"
    << "<header class=\"bar\"><a class=\"brand\" href=\"/\">crosscheck</a>"
    << "<form action=\"/\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" value=\"" << Esc(query)
    << "\" maxlength=\"" << kMaxQueryChars
    << "\" placeholder=\"Search the articles\" aria-label=\"Search the articles\"><button type=\"submit\">Search"
       "</button></form></header>\n<main>\n";
  return o.str();
}

constexpr std::string_view kPageEnd = "</main>\n</body>\n</html>\n";

// "2025-03-11" or "2025-03-11 to 2025-03-14" or "".
std::string DateRange(const std::optional<std::string>& first, const std::optional<std::string>& last) {
  if (!first) return last.value_or("");
  if (!last || *last == *first) return *first;
  return *first + " to " + *last;
}

// A search snippet: its matches, which the store wraps in [brackets], marked.
std::string MarkedSnippet(const std::string& snippet) {
  std::string out;
  bool open = false;
  size_t plain = 0;
  for (size_t i = 0; i < snippet.size(); ++i) {
    const bool opens = snippet[i] == '[' && !open && snippet.find(']', i) != std::string::npos;
    const bool closes = snippet[i] == ']' && open;
    if (!opens && !closes) continue;
    out += Esc(std::string_view(snippet).substr(plain, i - plain));
    out += opens ? "<mark>" : "</mark>";
    open = opens;
    plain = i + 1;
  }
  out += Esc(std::string_view(snippet).substr(plain));
  if (open) out += "</mark>";
  return out;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  WorkerPool pool;
  BriefCache briefs;
  std::mutex warm_mu;
  std::condition_variable warm_cv;
  std::atomic<bool> stopping{false};
  size_t warm_passes = 0;         // under warm_mu
  std::atomic<size_t> warmed{0};  // briefs the warmer built
  httplib::Server http;
  std::string stylesheet;
  bool bound = false;

  Impl(ServerOptions o, Briefer briefer)
      : options(std::move(o)), pool(options.db, std::move(briefer)), briefs(options.cached_briefs),
        stylesheet(std::string(render::HtmlStylesheet()) + std::string(kServeStylesheet)) {}

  // --- Answers.

  static void SendJson(httplib::Response& res, const json& j, int status = 200) {
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
  }
  static void SendJsonError(httplib::Response& res, const HttpError& e) {
    SendJson(res, json{{"error", {{"status", e.status}, {"message", e.message}}}}, e.status);
  }
  static void SendPage(httplib::Response& res, std::string html, int status = 200) {
    res.status = status;
    res.set_content(std::move(html), "text/html; charset=utf-8");
  }
  static void SendErrorPage(httplib::Response& res, const HttpError& e) {
    const std::string title = e.status == 404 ? "Not found" : e.status == 400 ? "Bad request" : "Error";
    SendPage(res,
             PageStart(title, "") + "<h1>" + Esc(title) + "</h1>\n<p class=\"error\">" + Esc(e.message) +
                 "</p>\n<p><a href=\"/\">All stories</a></p>\n" + std::string(kPageEnd),
             e.status);
  }

  // --- Stories.

  std::variant<std::vector<StoryRow>, HttpError> FindStories(Worker& w, const Params& p, size_t limit) {
    StoryFilter filter;
    filter.outlet = p.outlet;
    filter.since = p.since;
    filter.until = p.until;
    filter.newest_first = p.sort == "new";
    filter.limit = limit;
    Result<std::vector<StoryRow>> rows = w.store->Stories(filter);
    if (!rows.ok()) return HttpError{503, rows.status().ToString()};
    return std::move(rows).value();
  }

  void ApiStories(const httplib::Request& req, httplib::Response& res) {
    Params p = ReadParams(req, kMaxStoriesAsked);
    if (!p.error.empty()) return SendJsonError(res, {400, p.error});
    Lease w(pool);
    if (!w.ok()) return SendJsonError(res, {503, w.status().ToString()});
    auto rows = FindStories(w.get(), p, p.limit.value_or(kStoriesShown));
    if (auto* e = std::get_if<HttpError>(&rows)) return SendJsonError(res, *e);
    json stories = json::array();
    for (const StoryRow& r : std::get<std::vector<StoryRow>>(rows)) stories.push_back(render::StoryRowToJson(r));
    SendJson(res, json{{"sort", p.sort}, {"stories", std::move(stories)}});
  }

  void ApiStory(const httplib::Request& req, httplib::Response& res) {
    const int64_t id = std::stoll(req.matches[1]);
    Lease w(pool);
    if (!w.ok()) return SendJsonError(res, {503, w.status().ToString()});
    auto built = BuildStory(w.get(), briefs, id, options.max_brief_articles);
    if (auto* e = std::get_if<HttpError>(&built)) return SendJsonError(res, *e);
    const StoryBrief& b = *std::get<std::shared_ptr<const StoryBrief>>(built);
    // The answer but its first fields is written once per brief: {"story",
    // "requested", "articles_in_story", "articles_briefed", "article_ids", "brief"}.
    std::call_once(b.json_once, [&b] {
      json ids = json::object();
      for (const auto& [brief_id, stored] : b.stored_ids) ids[brief_id] = stored;
      const json rest{{"articles_in_story", b.articles},
                      {"articles_briefed", b.brief.articles.size()},
                      {"article_ids", std::move(ids)},
                      {"brief", render::BriefJson(b.brief)}};
      b.json = rest.dump(-1, ' ', false, json::error_handler_t::replace).substr(1) + "\n";  // without its "{"
    });
    res.status = 200;
    res.set_content("{\"story\":" + std::to_string(b.story) + ",\"requested\":" + std::to_string(id) + "," + b.json,
                    "application/json; charset=utf-8");
  }

  void ApiArticle(const httplib::Request& req, httplib::Response& res) {
    const int64_t id = std::stoll(req.matches[1]);
    Lease w(pool);
    if (!w.ok()) return SendJsonError(res, {503, w.status().ToString()});
    Result<std::optional<StoredArticle>> stored = w->store->Article(id);
    if (!stored.ok()) return SendJsonError(res, {503, stored.status().ToString()});
    if (!*stored) return SendJsonError(res, {404, "no article " + std::to_string(id) + " in this store"});
    const StoredArticle s = **stored;
    const Article a = w->briefer.extractor().Resegment(ToArticle(**stored, "A1"));
    json dropped = json::parse(s.dropped_json, nullptr, false);
    SendJson(res, json{{"article", s.id},
                       {"story", s.story},
                       {"title", Opt(s.title)},
                       {"outlet", Opt(s.outlet)},
                       {"url", Opt(s.url)},
                       {"published", Opt(s.published)},
                       {"path", s.path},
                       {"words", s.words},
                       {"duplicate_of", s.duplicate_of ? json(*s.duplicate_of) : json(nullptr)},
                       {"text", a.text},
                       {"dropped", dropped.is_discarded() ? json::array() : dropped},
                       {"annotations", render::AnnotationsToJson(w->briefer.Annotate(a))}});
  }

  std::variant<std::vector<SearchHit>, HttpError> RunSearch(Worker& w, const Params& p, size_t limit) {
    SearchQuery q;
    q.text = p.q;
    q.outlet = p.outlet;
    q.since = p.since;
    q.until = p.until;
    q.story = p.story;
    q.limit = limit;
    Result<std::vector<SearchHit>> hits = w.store->Search(q);
    if (!hits.ok()) return HttpError{hits.status().code() == StatusCode::kInvalidInput ? 400 : 503,
                                     hits.status().message()};
    return std::move(hits).value();
  }

  void ApiSearch(const httplib::Request& req, httplib::Response& res) {
    Params p = ReadParams(req, kMaxSearchAsked);
    if (p.error.empty() && p.q.find_first_not_of(" \t\r\n") == std::string::npos) p.error = "q: give words to search for";
    if (!p.error.empty()) return SendJsonError(res, {400, p.error});
    Lease w(pool);
    if (!w.ok()) return SendJsonError(res, {503, w.status().ToString()});
    auto hits = RunSearch(w.get(), p, p.limit.value_or(kSearchShown));
    if (auto* e = std::get_if<HttpError>(&hits)) return SendJsonError(res, *e);
    json out = json::array();
    for (const SearchHit& h : std::get<std::vector<SearchHit>>(hits)) {
      out.push_back({{"article", h.article},
                     {"story", h.story},
                     {"score", h.score},
                     {"title", Opt(h.title)},
                     {"outlet", Opt(h.outlet)},
                     {"published", Opt(h.published)},
                     {"snippet", h.snippet}});
    }
    SendJson(res, json{{"query", p.q}, {"hits", std::move(out)}});
  }

  // --- Pages.

  void HomePage(const httplib::Request& req, httplib::Response& res) {
    Params p = ReadParams(req, kMaxStoriesAsked);
    if (!p.error.empty()) return SendErrorPage(res, {400, p.error});
    Lease w(pool);
    if (!w.ok()) return SendErrorPage(res, {503, w.status().ToString()});
    const bool searching = p.q.find_first_not_of(" \t\r\n") != std::string::npos;
    std::ostringstream o;
    o << PageStart(searching ? "Search: " + p.q : "Stories", p.q);
    o << "<header class=\"masthead\"><p class=\"kicker\">" << Esc(options.db) << "</p><h1>"
      << (searching ? "Search results" : "Stories") << "</h1></header>\n";
    // The filters, kept across searches and sorting.
    o << "<form class=\"filters\" action=\"/\" method=\"get\">";
    if (searching) o << "<input type=\"hidden\" name=\"q\" value=\"" << Esc(p.q) << "\">";
    o << "<label>Outlet<input type=\"text\" name=\"outlet\" value=\"" << Esc(p.outlet.value_or(""))
      << "\" maxlength=\"" << kMaxOutletChars << "\"></label>"
      << "<label>From<input type=\"date\" name=\"since\" value=\"" << Esc(p.since.value_or("")) << "\"></label>"
      << "<label>To<input type=\"date\" name=\"until\" value=\"" << Esc(p.until.value_or("")) << "\"></label>";
    if (!searching)
      o << "<label>Order<select name=\"sort\"><option value=\"size\"" << (p.sort == "size" ? " selected" : "")
        << ">Largest first</option><option value=\"new\"" << (p.sort == "new" ? " selected" : "")
        << ">Newest first</option></select></label>";
    o << "<button type=\"submit\">Apply</button><a href=\"/\">Clear</a></form>\n";
    if (searching) {
      auto hits = RunSearch(w.get(), p, kSearchShown);
      if (auto* e = std::get_if<HttpError>(&hits)) return SendErrorPage(res, *e);
      const std::vector<SearchHit>& list = std::get<std::vector<SearchHit>>(hits);
      if (list.empty()) o << "<p class=\"note\">No article matches.</p>\n";
      o << "<ol class=\"hits\">\n";
      for (const SearchHit& h : list) {
        const std::string title = h.title && !h.title->empty() ? *h.title : "(untitled)";
        o << "<li><a class=\"hit\" href=\"/article/" << h.article << "\">" << Esc(title) << "</a>"
          << "<div class=\"meta\">" << Esc(h.outlet.value_or("unknown outlet")) << " · "
          << Esc(h.published.value_or("undated")) << " · <a href=\"/story/" << h.story << "\">story " << h.story
          << "</a></div><p class=\"snippet\">" << MarkedSnippet(h.snippet) << "</p></li>\n";
      }
      o << "</ol>\n";
    } else {
      auto rows = FindStories(w.get(), p, p.limit.value_or(kStoriesShown));
      if (auto* e = std::get_if<HttpError>(&rows)) return SendErrorPage(res, *e);
      const std::vector<StoryRow>& list = std::get<std::vector<StoryRow>>(rows);
      if (list.empty()) o << "<p class=\"note\">No story matches.</p>\n";
      else {
        o << "<ol class=\"stories\">\n";
        for (const StoryRow& r : list) {
          o << "<li><a class=\"headline\" href=\"/story/" << r.id << "\">"
            << Esc(r.headline.empty() ? "Story " + std::to_string(r.id) : r.headline) << "</a><div class=\"meta\"><b>"
            << r.articles << "</b> article" << (r.articles == 1 ? "" : "s") << " · <b>" << r.outlets.size()
            << "</b> outlet" << (r.outlets.size() == 1 ? "" : "s") << " · <b>" << r.independent
            << "</b> independent source" << (r.independent == 1 ? "" : "s");
          if (const std::string dates = DateRange(r.first_date, r.last_date); !dates.empty()) o << " · " << Esc(dates);
          o << "</div><div class=\"meta outlets\">";
          for (size_t i = 0; i < r.outlets.size() && i < kOutletsListed; ++i) o << (i ? ", " : "") << Esc(r.outlets[i]);
          if (r.outlets.size() > kOutletsListed) o << " and " << r.outlets.size() - kOutletsListed << " more";
          o << "</div></li>\n";
        }
        o << "</ol>\n";
        if (list.size() == p.limit.value_or(kStoriesShown))
          o << "<p class=\"note\">The first " << list.size() << " stories; the filters narrow the list.</p>\n";
      }
    }
    o << kPageEnd;
    SendPage(res, o.str());
  }

  void StoryPage(const httplib::Request& req, httplib::Response& res) {
    const int64_t id = std::stoll(req.matches[1]);
    Lease w(pool);
    if (!w.ok()) return SendErrorPage(res, {503, w.status().ToString()});
    auto built = BuildStory(w.get(), briefs, id, options.max_brief_articles);
    if (auto* e = std::get_if<HttpError>(&built)) return SendErrorPage(res, *e);
    const StoryBrief& b = *std::get<std::shared_ptr<const StoryBrief>>(built);
    if (b.story != id) {
      res.set_redirect("/story/" + std::to_string(b.story));
      return;
    }
    SendPage(res, PageOf(b));
  }

  // The story's page, written by the first caller.
  static const std::string& PageOf(const StoryBrief& b) {
    render::HtmlLinks links;
    links.home = "/";
    if (b.brief.articles.size() < b.articles)
      links.notice = "Briefed from the latest " + std::to_string(b.brief.articles.size()) + " of the story's " +
                     std::to_string(b.articles) + " articles.";
    links.article_page = [&b](const std::string& article, const std::string* sentence) -> std::optional<std::string> {
      std::optional<int64_t> stored = StoredIdOf(b, article);
      if (!stored) return std::nullopt;
      std::string href = "/article/" + std::to_string(*stored);
      if (sentence != nullptr && sentence->size() <= kMaxCiteChars) href += "?cite=" + UrlEncode(*sentence) + "#cited";
      return href;
    };
    std::call_once(b.page_once, [&] { b.page = render::BriefToHtml(b.brief, links); });
    return b.page;
  }

  // --- Briefs built ahead of readers.

  // The stories to warm, with their article counts: the first warm_briefs of the
  // largest and of the newest in turn, as the list pages show them, then the other
  // stories of at least warm_min_articles articles, largest first; at most half
  // the cache (the other half keeps the briefs readers asked for).
  std::vector<std::pair<int64_t, size_t>> StoriesToWarm(Worker& w) {
    const size_t count = options.cached_briefs / 2;
    std::vector<std::pair<int64_t, size_t>> out;
    auto take = [&](const StoryRow& row) {
      if (out.size() < count && std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.first == row.id; }))
        out.emplace_back(row.id, row.articles);
    };
    if (const size_t first = std::min(options.warm_briefs, count); first > 0) {
      StoryFilter largest, newest;
      largest.limit = newest.limit = first;
      newest.newest_first = true;
      Result<std::vector<StoryRow>> by_size = w.store->Stories(largest), by_date = w.store->Stories(newest);
      for (size_t i = 0; i < first; ++i)
        for (const Result<std::vector<StoryRow>>* rows : {&by_size, &by_date})
          if (rows->ok() && i < (*rows)->size() && out.size() < first) take((**rows)[i]);
    }
    if (options.warm_min_articles > 0 && out.size() < count) {
      StoryFilter large;
      large.min_articles = options.warm_min_articles;
      large.limit = count;
      if (Result<std::vector<StoryRow>> rows = w.store->Stories(large); rows.ok())
        for (const StoryRow& row : *rows) take(row);
    }
    return out;
  }

  // Warms the briefs and pages of StoriesToWarm every warm_interval until Stop().
  // The thread and the analysis threads it starts run at the lowest priority, so a
  // reader's request takes the processors first.
  void Warm() {
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kWarmNice);
    std::unique_lock<std::mutex> lock(warm_mu);
    while (!stopping) {
      lock.unlock();
      try {
        Lease w(pool);
        if (w.ok())
          for (const auto& [id, articles] : StoriesToWarm(w.get())) {
            if (stopping) break;
            // Stored articles never change and none leaves a story: the same count
            // is the same articles, and the kept brief stands.
            if (std::shared_ptr<const StoryBrief> kept = briefs.Peek(id); kept && kept->articles == articles) continue;
            // The brief alone: its page, twice its size, is written by the first
            // reader who asks (a few milliseconds).
            bool built = false;
            BuildStory(w.get(), briefs, id, options.max_brief_articles, &built);
            if (built) ++warmed;
          }
      } catch (const std::exception&) {
        // Out of memory, as a request's handler would meet it: the rest of the pass
        // is left to readers' requests, and the next pass tries again.
      }
      lock.lock();
      ++warm_passes;
      warm_cv.notify_all();
      warm_cv.wait_for(lock, options.warm_interval, [this] { return stopping.load(); });
    }
  }

  void StopWarming() {
    {
      std::lock_guard<std::mutex> lock(warm_mu);
      stopping = true;
    }
    warm_cv.notify_all();
  }

  void ArticlePage(const httplib::Request& req, httplib::Response& res) {
    const int64_t id = std::stoll(req.matches[1]);
    Params p = ReadParams(req, 1);
    if (!p.error.empty()) return SendErrorPage(res, {400, p.error});
    Lease w(pool);
    if (!w.ok()) return SendErrorPage(res, {503, w.status().ToString()});
    Result<std::optional<StoredArticle>> stored = w->store->Article(id);
    if (!stored.ok()) return SendErrorPage(res, {503, stored.status().ToString()});
    if (!*stored) return SendErrorPage(res, {404, "no article " + std::to_string(id) + " in this store"});
    const StoredArticle s = **stored;
    const Article a = w->briefer.extractor().Resegment(ToArticle(**stored, "A1"));
    const Annotations notes = w->briefer.Annotate(a);
    const std::string title = s.title && !s.title->empty() ? *s.title : "(untitled)";

    std::ostringstream o;
    o << PageStart(title, "");
    o << "<header class=\"masthead\"><p class=\"kicker\"><a href=\"/story/" << s.story << "\">Story " << s.story
      << "</a> · Article " << s.id << "</p><h1>" << Esc(title) << "</h1><p class=\"meta\">"
      << Esc(s.outlet.value_or("unknown outlet")) << " · " << Esc(s.published.value_or("undated")) << " · "
      << s.words << " words";
    if (std::optional<std::string> href = s.url ? render::LinkTarget(*s.url) : std::nullopt)
      o << " · <a class=\"ext\" href=\"" << Esc(*href) << "\" rel=\"noopener noreferrer\">original</a>";
    if (s.duplicate_of)
      o << " · copy of <a href=\"/article/" << *s.duplicate_of << "\">article " << *s.duplicate_of << "</a>";
    o << "<br>" << Esc(s.path) << "</p></header>\n";

    // The paragraph holding the cited sentence, if a chip led here.
    std::optional<size_t> cited_at;
    if (!p.cite.empty()) {
      const size_t at = a.text.find(p.cite);
      if (at != std::string::npos) cited_at = at;
      o << "<aside class=\"cited\"" << (cited_at ? "" : " id=\"cited\"")
        << "><span class=\"label\">The brief cites</span>" << Esc(p.cite)
        << (cited_at ? "" : " <span class=\"note\">(not found in the text as stored)</span>") << "</aside>\n";
    }
    o << "<p class=\"legend\"><span class=\"sample e-person\">person</span><span class=\"sample e-organization\">"
         "organization</span><span class=\"sample e-location\">place</span><span class=\"sample e-other\">other name"
         "</span><span class=\"sample d\">date</span><span class=\"sample q\">quotation</span></p>\n";
    o << "<section class=\"article-text\">\n";
    WriteMarkedText(o, a, notes, cited_at);
    o << "</section>\n";
    o << "<section id=\"dropped\">\n<h2>What extraction dropped</h2>\n";
    json dropped = json::parse(s.dropped_json, nullptr, false);
    if (!dropped.is_array() || dropped.empty()) {
      o << "<p class=\"note\">Nothing: every line of the input is in the text above.</p>\n";
    } else {
      o << "<div class=\"scroll\"><table class=\"dropped\">\n<thead><tr><th scope=\"col\">Why</th>"
           "<th scope=\"col\">Line</th></tr></thead>\n<tbody>\n";
      for (const json& d : dropped) {
        const std::string reason = d.is_object() && d.value("reason", json()).is_string() ? d["reason"].get<std::string>() : "";
        const std::string text = d.is_object() && d.value("text", json()).is_string() ? d["text"].get<std::string>() : "";
        o << "<tr><td class=\"reason\">" << Esc(reason) << "</td><td>" << Esc(text) << "</td></tr>\n";
      }
      o << "</tbody></table></div>\n";
    }
    o << "</section>\n" << kPageEnd;
    SendPage(res, o.str());
  }

  // The paragraphs of `a` with each stretch of text in the entities, dates and
  // quotations that cover it: one <span> per stretch whose classes name them all,
  // so overlapping marks need no nesting.
  static void WriteMarkedText(std::ostringstream& o, const Article& a, const Annotations& notes,
                              std::optional<size_t> cited_at) {
    struct Mark {
      Span span;
      std::string cls, title;
    };
    std::vector<Mark> marks;
    for (const Annotations::EntityAt& e : notes.entities)
      marks.push_back({e.span, "e-" + e.type, e.type + ": " + e.name});
    for (const Annotations::DateAt& d : notes.dates) marks.push_back({d.span, "d", "date: " + d.value});
    for (const Annotations::QuoteAt& q : notes.quotes)
      marks.push_back({q.span, "q", q.speaker ? "quotation of " + *q.speaker : "quotation"});
    bool cited_done = false;
    for (const Span& para : a.paragraphs) {
      const bool cited = cited_at && !cited_done && *cited_at >= para.begin && *cited_at < para.end;
      cited_done = cited_done || cited;
      o << "<p" << (cited ? " class=\"cited\" id=\"cited\"" : "") << ">";
      std::vector<size_t> cuts = {para.begin, para.end};
      for (const Mark& m : marks) {
        if (m.span.end <= para.begin || m.span.begin >= para.end) continue;
        cuts.push_back(std::max<size_t>(m.span.begin, para.begin));
        cuts.push_back(std::min<size_t>(m.span.end, para.end));
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const size_t from = cuts[i], to = cuts[i + 1];
        std::string cls, title;
        for (const Mark& m : marks) {
          if (m.span.begin > from || m.span.end < to) continue;
          if (cls.find(m.cls) == std::string::npos) cls += (cls.empty() ? "" : " ") + m.cls;
          title += (title.empty() ? "" : "; ") + m.title;
        }
        const std::string_view text = std::string_view(a.text).substr(from, to - from);
        if (cls.empty()) {
          o << Esc(text);
        } else {
          o << "<span class=\"" << Esc(cls) << "\" title=\"" << Esc(title) << "\">" << Esc(text) << "</span>";
        }
      }
      o << "</p>\n";
    }
  }

  void Routes() {
    http.Get("/", [this](const httplib::Request& q, httplib::Response& r) { HomePage(q, r); });
    http.Get(R"(/story/(\d{1,18}))", [this](const httplib::Request& q, httplib::Response& r) { StoryPage(q, r); });
    http.Get(R"(/article/(\d{1,18}))",
             [this](const httplib::Request& q, httplib::Response& r) { ArticlePage(q, r); });
    http.Get("/style.css", [this](const httplib::Request&, httplib::Response& r) {
      r.set_content(stylesheet, "text/css; charset=utf-8");
    });
    http.Get("/api/stories", [this](const httplib::Request& q, httplib::Response& r) { ApiStories(q, r); });
    http.Get(R"(/api/stories/(\d{1,18}))",
             [this](const httplib::Request& q, httplib::Response& r) { ApiStory(q, r); });
    http.Get(R"(/api/articles/(\d{1,18}))",
             [this](const httplib::Request& q, httplib::Response& r) { ApiArticle(q, r); });
    http.Get("/api/search", [this](const httplib::Request& q, httplib::Response& r) { ApiSearch(q, r); });

    // Anything else, and errors httplib answers itself (a malformed request, a
    // method no route takes), get a body in the form of the part asked: JSON
    // under /api/, a page elsewhere. A handler's own error body stays.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& q, httplib::Response& r) {
      if (!r.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      const HttpError e{r.status, ErrorMessage(r.status, q.path)};
      if (q.path.rfind("/api/", 0) == 0) {
        SendJsonError(r, e);
      } else {
        SendErrorPage(r, e);
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    // An exception (out of memory, a bug) is a 500 that names nothing internal.
    http.set_exception_handler([](const httplib::Request& q, httplib::Response& r, std::exception_ptr) {
      r.status = 500;
      r.body.clear();
      const HttpError e{500, "the server could not answer this request"};
      if (q.path.rfind("/api/", 0) == 0) {
        SendJsonError(r, e);
      } else {
        SendErrorPage(r, e);
      }
    });
    http.set_default_headers({{"Content-Security-Policy", SecurityPolicy()},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Cache-Control", "no-store"}});
    http.set_payload_max_length(kMaxBodyBytes);
    // SO_REUSEADDR (a restart need not wait for old connections to time out), but
    // not httplib's default SO_REUSEPORT: a second server on a port in use must
    // fail, not share its connections.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    const size_t threads = std::max<size_t>(1, options.threads);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  // Fail now, naming the file, rather than on the first request.
  Result<std::unique_ptr<Store>> store = OpenStore(options.db, StoreOptions{});
  if (!store.ok()) return store.status();
  BriefOptions brief = options.brief;
  brief.analysis_threads =
      options.brief_threads > 0 ? options.brief_threads : std::max(1u, std::thread::hardware_concurrency());
  Result<Briefer> briefer = Briefer::Create(brief);
  if (!briefer.ok()) return briefer.status();
  auto impl = std::make_unique<Impl>(options, std::move(briefer).value());
  impl->Routes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const std::string& host = impl_->options.host;
  int port = impl_->options.port;
  bool ok = false;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(host);
    ok = port > 0;
  } else {
    ok = impl_->http.bind_to_port(host, port);
  }
  if (!ok)
    return Status(StatusCode::kNotFound,
                  "cannot listen on " + host + ":" + std::to_string(impl_->options.port) +
                      " (in use, or not an address of this machine); try another --port or --host");
  impl_->bound = true;
  return port;
}

bool Server::Run() {
  if (!impl_->bound) return false;
  std::thread warmer;
  if (impl_->options.warm_briefs > 0 || impl_->options.warm_min_articles > 0) warmer = std::thread([this] { impl_->Warm(); });
  const bool served = impl_->http.listen_after_bind();
  impl_->StopWarming();
  if (warmer.joinable()) warmer.join();
  return served;
}

void Server::Stop() {
  impl_->StopWarming();
  impl_->http.stop();
}

bool Server::WaitForWarmPass(size_t passes, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->warm_mu);
  return impl_->warm_cv.wait_for(lock, timeout, [&] { return impl_->warm_passes >= passes; });
}

size_t Server::briefs_warmed() const { return impl_->warmed; }
bool Server::running() const { return impl_->http.is_running(); }

}  // namespace crosscheck::serve
