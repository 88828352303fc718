// serve_bench: how fast `crosscheck serve` answers over a large store.
//
//   build/bench/serve_bench [--db build/bench-data/ingest/parts.db] [--rounds N]
//
// The store is the one ingest_bench builds (100,000 generated articles; run
// `build/bench/ingest_bench --parts 1` once, or reuse it with --reuse-store). The
// server runs in this process on a free loopback port with its default options,
// and a client asks, one request at a time, as a reader clicking through does:
//   - the story list (`/`, largest first; `/?sort=new`; `/api/stories`),
//   - story pages: the ten largest stories and 30 at random, each asked twice in a
//     row (the first answer builds the brief, the second finds it built), then
//     its JSON (/api/stories/ID, from the brief built for the page),
//   - article pages of 100 articles at random,
//   - search pages (`/?q=`) of 100 queries of two or three words of stored titles.
// These go to a server that builds no brief ahead of readers, so each story page's
// first request builds its brief (cold). Then a second server with the default
// options warms the briefs of the stories the list pages show first and of every
// large story; once it has, the same story pages are asked once each: what a
// reader meets after the warm-up (the large stories warm, the small ones cold),
// with the memory the process holds then (resident, from /proc/self/statm).
// Each kind prints its median and 90th percentile of wall time, and the bytes of
// its answers. Times are wall clock on a shared machine: compare figures of one run.
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crosscheck/store.h"
#include "serve/server.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

// The wall times of one kind of request, the bytes of its answers, and how many
// failed (anything but 200, or the redirect of a merged story).
struct Timed {
  std::vector<double> ms;
  size_t bytes = 0, failed = 0;
};

void Get(httplib::Client& client, const std::string& path, Timed& t) {
  const auto start = Clock::now();
  httplib::Result r = client.Get(path);
  t.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  if (!r || (r->status != 200 && r->status != 302)) {
    ++t.failed;
    return;
  }
  t.bytes += r->body.size();
}

// The process's resident memory, MB (0 when /proc cannot say).
double ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

void Print(const char* label, const Timed& t) {
  std::printf("%-44s %6zu %10.1f %10.1f %12.0f%s\n", label, t.ms.size(), Percentile(t.ms, 0.5), Percentile(t.ms, 0.9),
              t.ms.empty() ? 0.0 : static_cast<double>(t.bytes) / static_cast<double>(t.ms.size()),
              t.failed ? "  (some answers failed)" : "");
}

// A server on its own thread on a free loopback port, stopped on destruction.
struct Serving {
  std::unique_ptr<crosscheck::serve::Server> server;
  std::thread runner;
  int port = 0;

  explicit Serving(const crosscheck::serve::ServerOptions& options) {
    auto created = crosscheck::serve::Server::Create(options);
    if (!created.ok()) {
      std::fprintf(stderr, "serve_bench: %s\n", created.status().ToString().c_str());
      return;
    }
    auto bound = (*created)->Bind();
    if (!bound.ok()) {
      std::fprintf(stderr, "serve_bench: %s\n", bound.status().ToString().c_str());
      return;
    }
    server = std::move(created).value();
    port = *bound;
    runner = std::thread([this] { server->Run(); });
  }
  ~Serving() {
    if (server) server->Stop();
    if (runner.joinable()) runner.join();
  }
  bool ok() const { return server != nullptr; }
};

}  // namespace

int main(int argc, char** argv) {
  std::string db = "build/bench-data/ingest/parts.db";
  size_t rounds = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a == "--rounds" && i + 1 < argc) {
      rounds = std::max<size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else {
      std::fprintf(stderr, "usage: serve_bench [--db STORE (build/bench-data/ingest/parts.db)] [--rounds N (20)]\n");
      return 2;
    }
  }
  auto opened = crosscheck::OpenStore(db, crosscheck::StoreOptions{});
  if (!opened.ok()) {
    std::fprintf(stderr, "serve_bench: %s (build the store with build/bench/ingest_bench --parts 1)\n",
                 opened.status().ToString().c_str());
    return 1;
  }
  crosscheck::Store& store = **opened;
  const crosscheck::Result<size_t> count = store.ArticleCount();
  const size_t articles = count.ok() ? *count : 0;
  auto stories = store.Stories({});
  if (articles == 0 || !stories.ok() || stories->empty()) {
    std::fprintf(stderr, "serve_bench: %s holds no stories\n", db.c_str());
    return 1;
  }

  // What to ask: stories, articles and queries drawn once, with a fixed seed.
  std::mt19937_64 rng(11);
  std::vector<int64_t> story_ids;
  for (size_t i = 0; i < stories->size() && i < 10; ++i) story_ids.push_back((*stories)[i].id);
  while (story_ids.size() < std::min<size_t>(40, stories->size())) {
    const int64_t id = (*stories)[rng() % stories->size()].id;
    if (std::find(story_ids.begin(), story_ids.end(), id) == story_ids.end()) story_ids.push_back(id);
  }
  std::vector<int64_t> article_ids;
  for (size_t i = 0; i < 100; ++i) article_ids.push_back(1 + static_cast<int64_t>(rng() % articles));
  std::vector<std::string> queries;
  for (int64_t id : article_ids) {
    auto a = store.Article(id);
    if (!a.ok() || !*a || !(*a)->title) continue;
    std::vector<std::string> words;
    std::istringstream in(*(*a)->title);
    for (std::string w; in >> w;)
      if (w.size() > 3 && std::isalpha(static_cast<unsigned char>(w[0]))) words.push_back(w);
    if (words.size() < 2) continue;
    std::shuffle(words.begin(), words.end(), rng);
    queries.push_back(words[0] + "+" + words[1] + (queries.size() % 2 && words.size() > 2 ? "+" + words[2] : ""));
  }

  crosscheck::serve::ServerOptions options;
  options.db = db;
  options.port = 0;
  // First a server that builds nothing ahead: every story page's first request
  // builds its brief (the cold figures).
  options.warm_briefs = options.warm_min_articles = 0;
  Serving cold(options);
  if (!cold.ok()) return 1;
  httplib::Client client("127.0.0.1", cold.port);
  client.set_read_timeout(120, 0);

  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("store: %s, %zu articles in %zu stories (largest %zu articles); %u cores\n\n", db.c_str(), articles,
              stories->size(), stories->front().articles, std::thread::hardware_concurrency());
  std::printf("%-44s %6s %10s %10s %12s\n", "request", "count", "p50 ms", "p90 ms", "bytes each");
  Timed list, list_new, api_list;
  for (size_t r = 0; r < rounds; ++r) {
    Get(client, "/", list);
    Get(client, "/?sort=new", list_new);
    Get(client, "/api/stories", api_list);
  }
  Print("story list /", list);
  Print("story list /?sort=new", list_new);
  Print("story list /api/stories", api_list);
  Timed first, again, api_story;
  for (int64_t id : story_ids) {
    Get(client, "/story/" + std::to_string(id), first);
    Get(client, "/story/" + std::to_string(id), again);
    Get(client, "/api/stories/" + std::to_string(id), api_story);
  }
  Print("story page /story/ID, first request (cold)", first);
  Print("story page /story/ID, asked again", again);
  Print("story brief /api/stories/ID (after the page)", api_story);
  Timed article;
  for (int64_t id : article_ids) Get(client, "/article/" + std::to_string(id), article);
  Print("article page /article/ID", article);
  Timed search;
  for (const std::string& q : queries) Get(client, "/?q=" + q, search);
  Print("search page /?q=WORDS", search);

  // Then a new server with its default options, which builds briefs ahead of
  // readers: once its first pass is done, what a reader meets on the first
  // request of the same pages.
  options.warm_briefs = crosscheck::serve::ServerOptions{}.warm_briefs;
  options.warm_min_articles = crosscheck::serve::ServerOptions{}.warm_min_articles;
  const double resident_before = ResidentMb();
  Serving warming(options);
  if (!warming.ok()) return 1;
  const auto warm_start = Clock::now();
  if (!warming.server->WaitForWarmPass(1, std::chrono::minutes(10))) {
    std::fprintf(stderr, "serve_bench: the warm-up did not finish in 10 minutes\n");
    return 1;
  }
  std::printf("\nwarm-up: %zu briefs built ahead in %.2f s (stories of %zu+ articles and the %zu listed first); "
              "resident memory %.0f MB -> %.0f MB\n",
              warming.server->briefs_warmed(), std::chrono::duration<double>(Clock::now() - warm_start).count(),
              options.warm_min_articles, options.warm_briefs, resident_before, ResidentMb());
  httplib::Client reader("127.0.0.1", warming.port);
  reader.set_read_timeout(120, 0);
  Timed warm_first;
  for (int64_t id : story_ids) Get(reader, "/story/" + std::to_string(id), warm_first);
  Print("story page /story/ID, first request (warmed)", warm_first);
  return 0;
}
