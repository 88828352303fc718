// crosscheck serve: a local web UI and JSON API over a store.
//
//   crosscheck::serve::ServerOptions options;
//   options.db = "news.db";                  // read-only; an ingest may write meanwhile
//   options.port = 0;                        // any free port
//   crosscheck::Result<std::unique_ptr<crosscheck::serve::Server>> s = crosscheck::serve::Server::Create(options);
//   crosscheck::Result<int> port = (*s)->Bind();   // 127.0.0.1 unless options.host says otherwise
//   (*s)->Run();                              // until Stop() (from any thread)
//
// Pages: / (stories, newest or largest first, filters; with ?q= the search
// results), /story/ID (the HTML brief, its citations leading to the articles),
// /article/ID (the cleaned text with entities, quotations and dates marked, and
// what extraction dropped), /style.css. The API under /api/ answers JSON:
// /api/stories, /api/stories/ID (the brief), /api/articles/ID, /api/search?q=.
// Errors under /api/ are JSON too: {"error": {"status": 404, "message": "..."}}.
#ifndef CROSSCHECK_SERVE_SERVER_H_
#define CROSSCHECK_SERVE_SERVER_H_

#include <chrono>
#include <memory>
#include <string>

#include "crosscheck/brief.h"
#include "crosscheck/status.h"

namespace crosscheck::serve {

struct ServerOptions {
  std::string db;                  // the store to read
  std::string host = "127.0.0.1";  // loopback: only this machine can connect
  int port = 8080;                 // 0: a free port the system picks
  // Requests answered at once (each a thread holding its own read connection and
  // briefer); more wait for one.
  size_t threads = 8;
  // A story's brief is built on each request from at most this many of its
  // articles, the latest ingested (the page and the JSON say so): a story of
  // thousands would otherwise cost seconds and their text in memory per thread.
  size_t max_brief_articles = 500;
  // Briefs kept for stories asked again (one per story, the least recently asked
  // goes first); a brief is used again only while its story has the same articles.
  // A brief holds its sentences, facts and quotations, not the articles (about
  // 0.4 MB for a story of 50 articles), and its page once asked (as much again):
  // bench/serve_bench prints the server's memory. 0 keeps none.
  size_t cached_briefs = 512;
  // Threads one brief's articles are analysed on (in place of
  // brief.analysis_threads); 0: one per core. A reader waits for the first page of
  // a story while its brief is built, and the other request threads mostly wait on
  // the network.
  size_t brief_threads = 0;
  // Briefs built ahead of readers while serving, at the lowest priority: of the
  // warm_briefs stories the list pages show first (the largest and the newest in
  // turn), then of every story of at least warm_min_articles articles, largest
  // first (a story that large takes longer to brief than a page should: about a
  // millisecond an article on one core); 0 for either builds none of that kind.
  // At most half of cached_briefs in all, the other half keeping the briefs readers
  // asked for. They are checked again every warm_interval (from the story list's
  // counts: nothing is read for a story that did not change), and built anew when
  // an ingest changed their articles.
  size_t warm_briefs = 16;
  size_t warm_min_articles = 30;
  std::chrono::milliseconds warm_interval{10000};
  BriefOptions brief;
};

class Server {
 public:
  // Fails, naming the file, when the store cannot be opened for reading. (httplib
  // sets SIGPIPE to be ignored in the process when it listens: a client that
  // disconnects mid-response costs its request, not the server.)
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();

  // Binds options.host:options.port; the port bound, or why it could not be.
  Result<int> Bind();
  // Serves until Stop(); returns false when it was not bound.
  bool Run();
  // From any thread: Run() returns once the requests under way are answered.
  void Stop();
  bool running() const;

  // Waits until the briefs to warm have been looked at `passes` times since Run()
  // (each pass builds those missing or changed); false when `timeout` passed
  // first. For benchmarks and tests that must know what is warm.
  bool WaitForWarmPass(size_t passes, std::chrono::milliseconds timeout);
  // Briefs built ahead of readers so far.
  size_t briefs_warmed() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::serve

#endif  // CROSSCHECK_SERVE_SERVER_H_
