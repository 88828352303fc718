// crosscheck search: full-text search of a store's articles, or of its stories.
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/printable.h"
#include "commands.h"
#include "common.h"
#include "output.h"
#include "store_common.h"

namespace crosscheck::cli {
namespace {

struct SearchFlags {
  std::string db;
  std::string query;
  std::optional<std::string> outlet, since, until;
  std::optional<int64_t> story;
  size_t limit = 10;
  bool stories = false;
  std::string format = "markdown";
  std::string output;
};

nlohmann::ordered_json OptionalJson(const std::optional<std::string>& s) {
  return s ? nlohmann::ordered_json(*s) : nlohmann::ordered_json(nullptr);
}

int RunSearch(const SearchFlags& flags) {
  std::unique_ptr<Store> store = OpenForReading(flags.db);
  if (!store) return kExitStore;
  SearchQuery q;
  q.text = flags.query;
  q.outlet = flags.outlet;
  q.since = flags.since;
  q.until = flags.until;
  if (flags.story) {
    Result<std::optional<int64_t>> live = store->ResolveStory(*flags.story);
    if (!live.ok()) {
      Report(live.status());
      return kExitStore;
    }
    if (!*live) {
      Report(Status(StatusCode::kNotFound, "no story " + std::to_string(*flags.story) + " in this store", flags.db));
      return kExitNothingRead;
    }
    q.story = **live;
  }
  // Stories: the best articles of many stories, grouped; each story scored by
  // its best article, its other hits adding a little.
  q.limit = flags.stories ? flags.limit * 20 : flags.limit;
  Result<std::vector<SearchHit>> hits = store->Search(q);
  if (!hits.ok()) {
    Report(hits.status());
    return hits.status().code() == StatusCode::kInvalidInput ? kExitUsage : kExitStore;
  }
  Result<std::unique_ptr<Output>> out = Output::Open(flags.output);
  if (!out.ok()) {
    Report(out.status());
    return kExitOutput;
  }
  std::ostream& o = (*out)->stream();
  if (flags.stories) {
    struct Group {
      double score = 0;
      size_t hits = 0;
      const SearchHit* best = nullptr;
    };
    std::map<int64_t, Group> groups;
    for (const SearchHit& h : *hits) {
      Group& g = groups[h.story];
      if (g.best == nullptr) {
        g.best = &h;
        g.score = h.score;
      } else {
        g.score += 0.1 * h.score;
      }
      ++g.hits;
    }
    std::vector<std::pair<int64_t, Group>> ranked(groups.begin(), groups.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.second.score > y.second.score; });
    if (ranked.size() > flags.limit) ranked.resize(flags.limit);
    for (const auto& [story, g] : ranked) {
      if (flags.format == "json") {
        nlohmann::ordered_json j = {{"story", story},
                                    {"score", g.score},
                                    {"hits", g.hits},
                                    {"article", g.best->article},
                                    {"title", OptionalJson(g.best->title)},
                                    {"snippet", g.best->snippet}};
        o << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      } else {
        o << "- story " << story << " (" << g.hits << (g.hits == 1 ? " article" : " articles") << "): "
          << EscapeControls(g.best->title.value_or(g.best->path)) << "\n  " << EscapeControls(g.best->snippet) << "\n";
      }
    }
    if (flags.format != "json" && ranked.empty()) o << "No story matches.\n";
  } else {
    for (const SearchHit& h : *hits) {
      if (flags.format == "json") {
        nlohmann::ordered_json j = {{"article", h.article},      {"story", h.story},
                                    {"score", h.score},          {"title", OptionalJson(h.title)},
                                    {"outlet", OptionalJson(h.outlet)}, {"published", OptionalJson(h.published)},
                                    {"path", h.path},            {"snippet", h.snippet}};
        o << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      } else {
        o << "- article " << h.article << ", story " << h.story << ", " << EscapeControls(h.outlet.value_or("?")) << ", "
          << EscapeControls(h.published.value_or("undated")) << ": " << EscapeControls(h.title.value_or(h.path))
          << "\n  " << EscapeControls(h.snippet) << "\n";
      }
    }
    if (flags.format != "json" && hits->empty()) o << "No article matches.\n";
  }
  if (Status s = (*out)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddSearchCommand(CLI::App& app) {
  auto flags = std::make_shared<SearchFlags>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Search a store's articles by their words (BM25 over titles and text, stems\n"
      "matched: 'sanction' finds 'sanctions'), best first, with the best passage of\n"
      "each (matches in [brackets]). Every word must occur; FTS syntax is not used.\n"
      "--stories ranks stories instead, by their best-matching article.\n\n"
      "Output: --format markdown (default) for reading, --format json: one object per\n"
      "line.\n\n"
      "Examples:\n"
      "  crosscheck search --db news.db \"nord stream sanctions\"\n"
      "  crosscheck search --db news.db spillway --outlet 'Valley Wire Service' --since 2025-03-12\n"
      "  crosscheck search --db news.db strike --stories --limit 5");
  cmd->add_option("--db", flags->db, "the store: a SQLite file written by 'ingest', or a PostgreSQL URL (postgresql://...)")->required();
  cmd->add_option("QUERY", flags->query, "words to look for")->required();
  cmd->add_option("--outlet", flags->outlet, "articles of this outlet only (any case)");
  AddDateOption(cmd, "--since", flags->since, "articles published on or after this date");
  AddDateOption(cmd, "--until", flags->until, "articles published on or before this date");
  cmd->add_option("--story", flags->story, "articles of this story only");
  cmd->add_option("--limit", flags->limit, "at most this many results")
      ->check(CLI::Range(static_cast<size_t>(1), static_cast<size_t>(10000)))
      ->capture_default_str();
  cmd->add_flag("--stories", flags->stories, "rank stories instead of articles");
  cmd->add_option("--format", flags->format, "output format: markdown or json")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  return [flags] { return RunSearch(*flags); };
}

}  // namespace crosscheck::cli
