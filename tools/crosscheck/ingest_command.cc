// crosscheck ingest: articles into a store of stories.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "base/printable.h"
#include "commands.h"
#include "common.h"
#include "crosscheck/corpus.h"

namespace crosscheck::cli {
namespace {

struct IngestFlags {
  InputFlags input;
  std::string db;
  size_t threads = 0;
  size_t batch = IngestOptions{}.batch_articles;
  double wait = StoreOptions{}.wait_seconds;
};

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int RunIngest(const IngestFlags& flags) {
  StoreOptions so;
  so.mode = StoreMode::kReadWrite;
  so.wait_seconds = flags.wait;
  so.waiting = [](const std::string& message) { std::cerr << "crosscheck: " << EscapeControls(message) << "\n"; };
  Result<std::unique_ptr<Store>> store = OpenStore(flags.db, so);
  if (!store.ok()) {
    Report(store.status());
    return kExitStore;
  }
  IngestOptions options;
  options.brief.extract = flags.input.ToOptions();
  options.threads = flags.threads;
  options.batch_articles = flags.batch;
  Result<Ingester> ingester = Ingester::Open(**store, options);
  if (!ingester.ok()) {
    Report(ingester.status());
    return kExitStore;
  }
  const auto start = std::chrono::steady_clock::now();
  Progress progress("ingesting");
  IngestEvents events;
  events.problem = [&](const Status& s) {
    progress.Clear();
    Report(s);
  };
  events.warning = [&](const std::string& where, const std::string& what) {
    progress.Clear();
    std::cerr << "crosscheck: " << EscapeControls(where) << ": warning: " << EscapeControls(what) << "\n";
  };
  events.progress = [&](const IngestCounts&, size_t stories) { progress.Article(stories); };
  Result<IngestCounts> counts = ingester->Ingest(flags.input.inputs, flags.input.ToLimits(), events);
  progress.Clear();
  if (!counts.ok()) {
    Report(counts.status());
    const IngestCounts& so_far = ingester->counts();
    std::cerr << "crosscheck: stopped after " << Plural(so_far.read, "article", "articles")
              << "; what was committed before the error is in " << EscapeControls(flags.db)
              << ", and running the same command again goes on from there\n";
    return kExitStore;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ReportSkipped(counts->skipped);
  // One summary line: read, new, duplicates, skipped with reasons, stories.
  const IngestCounts& c = *counts;
  Result<size_t> total = (*store)->ArticleCount();
  std::cerr << "crosscheck: " << EscapeControls(flags.db) << ": read " << Plural(c.read, "article", "articles") << ", "
            << c.stored << " new (" << c.copies << " near-duplicate cop" << (c.copies == 1 ? "y" : "ies") << "), "
            << c.same_text + c.same_url << " already stored (" << c.same_text << " same text, " << c.same_url
            << " same URL), " << Plural(c.problems, "problem", "problems") << "; stories: " << c.stories_created
            << " created, " << c.stories_grown << " grown, " << c.stories_merged << " merged; "
            << (total.ok() ? std::to_string(*total) : std::string("?")) << " articles in "
            << Plural(ingester->stories(), "story", "stories") << " stored";
  if (seconds > 0.5 && c.read > 0) std::cerr << "; " << static_cast<long>(c.read / seconds) << " articles/s";
  std::cerr << "\n";
  if (!flags.input.inputs.empty() && c.read == 0) return kExitNothingRead;
  return kExitOk;
}

}  // namespace

CommandRunner AddIngestCommand(CLI::App& app) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Add articles to a store of stories (a SQLite file, or a PostgreSQL database),\n"
      "for 'stories', 'search' and 'brief --db'.\n\n"
      "Reads INPUTs like 'extract' (files, folders, archives, '-'). Each article is\n"
      "stored once: the same text or the same URL given again is counted and left out,\n"
      "so running the same command twice changes nothing. A near-duplicate (a copy of\n"
      "one wire report) is stored as a copy of its original and counts once as a\n"
      "source. Each article joins the story it fits best, or starts one; stories found\n"
      "to be one are merged, and the old id still leads to the merged story.\n\n"
      "Safe to stop at any moment: what was committed stays, and running the same\n"
      "command again finishes the job. One ingest writes a SQLite store at a time; a\n"
      "second one waits (--wait) for the first. Several write a PostgreSQL store at\n"
      "once, each transaction in turn. 'stories', 'search' and 'brief --db' read the\n"
      "store while an ingest writes it.\n\n"
      "Ends with one line on stderr: articles read, new, already stored, problems, and\n"
      "stories created, grown and merged. Shows progress on a terminal.\n\n"
      "Examples:\n"
      "  crosscheck ingest --db news.db examples/story/ examples/stream/\n"
      "  crosscheck ingest --db news.db crawl.warc.gz feed.jsonl.zst\n"
      "  crosscheck ingest --db postgresql://ann@db.example/news feed.jsonl\n"
      "  crosscheck stories --db news.db");
  cmd->add_option("--db", flags->db,
                  "the store: a SQLite file, created when missing, or a PostgreSQL URL (postgresql://user@host/db; "
                  "the database must exist, its tables are created)")
      ->required();
  flags->input.AddTo(cmd);
  cmd->get_option("INPUT")->required(false);
  cmd->add_option("--threads", flags->threads, "worker threads for extraction and analysis (0: one per core)")
      ->capture_default_str();
  cmd->add_option("--batch", flags->batch, "articles per transaction")
      ->check(CLI::Range(static_cast<size_t>(1), static_cast<size_t>(1000000)))
      ->capture_default_str();
  cmd->add_option("--wait", flags->wait, "seconds to wait for another ingest into the same store")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  return [flags] { return RunIngest(*flags); };
}

}  // namespace crosscheck::cli
