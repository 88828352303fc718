// crosscheck stories: the stories of a store, largest first.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/printable.h"
#include "commands.h"
#include "common.h"
#include "output.h"
#include "render/article_json.h"
#include "store_common.h"

namespace crosscheck::cli {
namespace {

struct StoriesFlags {
  std::string db;
  std::string format = "markdown";
  std::string output;
  std::optional<std::string> since, until, outlet, grown_since;
  size_t min_articles = 1;
  size_t limit = 0;
};

// Markdown table cells: no pipes or line breaks, nothing a viewer renders.
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : EscapeControls(s)) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

int RunStories(const StoriesFlags& flags) {
  StoryFilter filter;
  filter.since = flags.since;
  filter.until = flags.until;
  filter.outlet = flags.outlet;
  filter.min_articles = flags.min_articles;
  filter.limit = flags.limit;
  if (flags.grown_since) {
    std::optional<int64_t> t = ParseTime(*flags.grown_since);
    if (!t) {
      std::cerr << "crosscheck: --grown-since: not a time: " << EscapeControls(*flags.grown_since)
                << " (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] in UTC, or Unix seconds)\n";
      return kExitUsage;
    }
    filter.grown_since = *t;
  }
  std::unique_ptr<Store> store = OpenForReading(flags.db);
  if (!store) return kExitStore;
  Result<std::vector<StoryRow>> rows = store->Stories(filter);
  if (!rows.ok()) {
    Report(rows.status());
    return kExitStore;
  }
  Result<std::unique_ptr<Output>> out = Output::Open(flags.output);
  if (!out.ok()) {
    Report(out.status());
    return kExitOutput;
  }
  std::ostream& o = (*out)->stream();
  if (flags.format == "json") {
    for (const StoryRow& r : *rows) {
      nlohmann::ordered_json j = render::StoryRowToJson(r);
      if (filter.grown_since) j["grown"] = r.grown;
      o << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  } else {
    o << "| story | articles | outlets | independent sources | dates | outlets named |"
      << (filter.grown_since ? " new |" : "") << " headline |\n| ---: | ---: | ---: | ---: | --- | --- |"
      << (filter.grown_since ? " ---: |" : "") << " --- |\n";
    for (const StoryRow& r : *rows) {
      std::string dates = r.first_date.value_or("");
      if (r.last_date && r.last_date != r.first_date) dates += " to " + *r.last_date;
      std::string outlets;
      for (size_t i = 0; i < r.outlets.size() && i < 4; ++i) outlets += (i ? ", " : "") + r.outlets[i];
      if (r.outlets.size() > 4) outlets += ", +" + std::to_string(r.outlets.size() - 4);
      o << "| " << r.id << " | " << r.articles << " | " << r.outlets.size() << " | " << r.independent << " | "
        << Cell(dates) << " | "
        << Cell(outlets) << " |";
      if (filter.grown_since) o << " " << (r.grown > 0 ? "+" + std::to_string(r.grown) : "") << " |";
      o << " " << Cell(r.headline) << " |\n";
    }
    o << "\n" << rows->size() << (rows->size() == 1 ? " story" : " stories")
      << ". Brief one with: crosscheck brief --db " << EscapeControls(flags.db) << " --story ID\n";
  }
  if (Status s = (*out)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddStoriesCommand(CLI::App& app) {
  auto flags = std::make_shared<StoriesFlags>();
  CLI::App* cmd = app.add_subcommand(
      "stories",
      "List the stories of a store, largest first.\n\n"
      "Each story: its id (stable as the story grows; a merged story's old id leads to\n"
      "the one it joined), headline, articles, outlets, independent sources (as the\n"
      "brief counts them: the articles of one agency or outlet are one source, and a\n"
      "copy counts with the report it copies), first and last publication dates.\n"
      "--grown-since TIME adds how many articles each story got since then.\n\n"
      "Output: --format markdown (default) is a table; --format json prints one JSON\n"
      "object per story per line.\n\n"
      "Examples:\n"
      "  crosscheck stories --db news.db\n"
      "  crosscheck stories --db news.db --since 2025-03-12 --min-articles 3\n"
      "  crosscheck stories --db news.db --outlet 'Valley Wire Service' --format json\n"
      "  crosscheck stories --db news.db --grown-since 2025-03-13T08:00");
  cmd->add_option("--db", flags->db, "the store: a SQLite file written by 'ingest', or a PostgreSQL URL (postgresql://...)")->required();
  AddDateOption(cmd, "--since", flags->since, "stories with an article published on or after this date");
  AddDateOption(cmd, "--until", flags->until, "stories with an article published on or before this date");
  cmd->add_option("--outlet", flags->outlet, "stories with an article of this outlet (any case)");
  cmd->add_option("--min-articles", flags->min_articles, "stories of at least this many articles")
      ->capture_default_str();
  cmd->add_option("--grown-since", flags->grown_since,
                  "count each story's articles ingested after this time (UTC: YYYY-MM-DD[THH:MM[:SS]], or Unix seconds)");
  cmd->add_option("--limit", flags->limit, "at most this many stories (0: all)")->capture_default_str();
  cmd->add_option("--format", flags->format, "output format: markdown or json")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  return [flags] { return RunStories(*flags); };
}

}  // namespace crosscheck::cli
