// crosscheck serve: the stories of a store in a web browser, and a JSON API.
//
// SIGINT and SIGTERM are blocked in every thread and taken by one that waits for
// them (sigwait) and stops the server: no handler runs inside a request.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include "commands.h"
#include "common.h"
#include "serve/server.h"

namespace crosscheck::cli {
namespace {

struct ServeFlags {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t threads = 8;
  size_t cached_briefs = serve::ServerOptions{}.cached_briefs;
  size_t warm_min_articles = serve::ServerOptions{}.warm_min_articles;
};

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int RunServe(const ServeFlags& flags) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  // Before any thread starts, so that all of them inherit the mask.
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  serve::ServerOptions options;
  options.db = flags.db;
  options.host = flags.host;
  options.port = flags.port;
  options.threads = flags.threads;
  options.cached_briefs = flags.cached_briefs;
  options.warm_min_articles = flags.warm_min_articles;
  Result<std::unique_ptr<serve::Server>> server = serve::Server::Create(options);
  if (!server.ok()) {
    Report(server.status());
    return kExitStore;
  }
  Result<int> port = (*server)->Bind();
  if (!port.ok()) {
    Report(port.status());
    return kExitUsage;
  }
  if (!IsLoopback(flags.host))
    std::cerr << "crosscheck: serving on " << flags.host
              << ", not loopback: anyone who can reach this address can read the store\n";
  const std::string host = flags.host.find(':') != std::string::npos ? "[" + flags.host + "]" : flags.host;
  std::cout << "crosscheck: serving " << flags.db << " at http://" << host << ":" << *port
            << "/ (Ctrl-C stops)" << std::endl;

  std::atomic<bool> stopping{false};
  serve::Server* s = server->get();
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    stopping = true;
    s->Stop();
  });
  const bool served = s->Run();
  // Run() ended without a signal (it could not serve): release the waiter.
  if (!stopping) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!served && !stopping) {
    std::cerr << "crosscheck: the server stopped unexpectedly\n";
    return kExitInternal;
  }
  std::cout << "crosscheck: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

CommandRunner AddServeCommand(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Read a store in a web browser: a local web UI and a JSON API.\n\n"
      "Pages: the stories (largest or newest first, filters by outlet and date), full-text\n"
      "search, each story's cross-checked brief (as 'brief --format html', its citations\n"
      "leading to the articles), and each article's cleaned text with its names, dates and\n"
      "quotations marked and what extraction dropped. Nothing on the pages runs a script.\n"
      "The JSON API: /api/stories, /api/stories/ID (the brief, crosscheck.brief/1, with the\n"
      "store's id of each article), /api/articles/ID, /api/search?q=WORDS; parameters\n"
      "outlet, since, until, sort (size or new), limit. Errors are JSON with the status.\n\n"
      "The store is read live and never written: pages show what an 'ingest' running\n"
      "beside it has committed. Binds 127.0.0.1 (this machine only) unless --host says\n"
      "otherwise. Ctrl-C (SIGINT) or SIGTERM stops it.\n\n"
      "Briefs are kept for stories asked again, and built ahead of readers at the lowest\n"
      "priority for the stories the lists show first and every large story, so that a\n"
      "story's first page does not wait for its brief (--cached-briefs bounds the memory:\n"
      "a brief of 50 articles holds about 0.4 MB, its page as much again).\n\n"
      "Examples:\n"
      "  crosscheck ingest --db news.db examples/story/ examples/stream/\n"
      "  crosscheck serve --db news.db                 # then open http://127.0.0.1:8080/\n"
      "  crosscheck serve --db news.db --port 9000\n"
      "  curl 'http://127.0.0.1:8080/api/search?q=flood&limit=5'\n"
      "  crosscheck serve --db news.db --host 0.0.0.0  # every address: others can read it");
  cmd->add_option("--db", flags->db, "the store: a SQLite file written by 'ingest', or a PostgreSQL URL (postgresql://...)")->required();
  cmd->add_option("--port", flags->port, "the TCP port (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", flags->host, "the address to listen on")->capture_default_str();
  cmd->add_option("--threads", flags->threads, "requests answered at once")
      ->check(CLI::Range(static_cast<size_t>(1), static_cast<size_t>(64)))
      ->capture_default_str();
  cmd->add_option("--cached-briefs", flags->cached_briefs,
                  "briefs kept in memory, half of them at most built ahead (0: none kept or built ahead)")
      ->capture_default_str();
  cmd->add_option("--warm-min-articles", flags->warm_min_articles,
                  "build ahead the brief of every story of at least this many articles (0: none)")
      ->capture_default_str();
  return [flags] { return RunServe(*flags); };
}

}  // namespace crosscheck::cli
