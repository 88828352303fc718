// crosscheck cluster: a mixed pile of articles in, its stories out, no store.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "base/printable.h"
#include "commands.h"
#include "common.h"
#include "compose/headline.h"
#include "crosscheck/corpus.h"
#include "output.h"

namespace crosscheck::cli {
namespace {

struct ClusterFlags {
  InputFlags input;
  std::string format = "json";
  std::string output;
};

// A story of the pile as `cluster` prints it.
nlohmann::ordered_json StoryJson(size_t number, const std::vector<size_t>& members, const std::vector<Article>& all) {
  std::vector<compose::HeadlineCandidate> candidates;
  std::optional<std::string> first, last;
  nlohmann::ordered_json articles = nlohmann::ordered_json::array();
  std::set<std::string> outlets;
  for (size_t i : members) {
    const Article& a = all[i];
    candidates.push_back({a.title, a.text});
    if (a.published) {
      if (!first || *a.published < *first) first = a.published;
      if (!last || *last < *a.published) last = a.published;
    }
    if (a.outlet) outlets.insert(*a.outlet);
    articles.push_back({{"id", a.id},
                        {"path", a.path},
                        {"title", a.title ? nlohmann::ordered_json(*a.title) : nlohmann::ordered_json(nullptr)},
                        {"outlet", a.outlet ? nlohmann::ordered_json(*a.outlet) : nlohmann::ordered_json(nullptr)},
                        {"published", a.published ? nlohmann::ordered_json(*a.published) : nlohmann::ordered_json(nullptr)}});
  }
  nlohmann::ordered_json j;
  j["story"] = number;
  j["headline"] = compose::ChooseHeadline(candidates, /*fallback_to_text=*/true);
  j["articles"] = members.size();
  j["outlets"] = std::vector<std::string>(outlets.begin(), outlets.end());
  j["first_date"] = first ? nlohmann::ordered_json(*first) : nlohmann::ordered_json(nullptr);
  j["last_date"] = last ? nlohmann::ordered_json(*last) : nlohmann::ordered_json(nullptr);
  j["members"] = std::move(articles);
  return j;
}

int RunCluster(const ClusterFlags& flags) {
  BriefOptions options;
  options.extract = flags.input.ToOptions();
  Result<Briefer> briefer = Briefer::Create(options);
  if (!briefer.ok()) {
    Report(briefer.status());
    return kExitNothingRead;
  }
  std::vector<Article> articles;
  ReadCounts counts = ReadArticles(briefer->extractor(), flags.input, [&](Article& a) { articles.push_back(std::move(a)); });
  if (articles.empty()) {
    std::cerr << "crosscheck: no article could be read; nothing to cluster\n";
    return kExitNothingRead;
  }
  std::vector<std::vector<size_t>> stories = FindStories(*briefer, articles);
  Result<std::unique_ptr<Output>> out = Output::Open(flags.output);
  if (!out.ok()) {
    Report(out.status());
    return kExitOutput;
  }
  std::ostream& o = (*out)->stream();
  for (size_t s = 0; s < stories.size(); ++s) {
    nlohmann::ordered_json j = StoryJson(s + 1, stories[s], articles);
    if (flags.format == "json") {
      o << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    o << "## Story " << s + 1 << ": " << EscapeControls(j["headline"].get<std::string>()) << "\n\n"
      << stories[s].size() << (stories[s].size() == 1 ? " article" : " articles");
    if (!j["first_date"].is_null())
      o << ", " << j["first_date"].get<std::string>()
        << (j["last_date"] != j["first_date"] ? " to " + j["last_date"].get<std::string>() : "");
    o << "\n\n";
    for (size_t i : stories[s]) {
      const Article& a = articles[i];
      o << "- " << EscapeControls(a.id) << " " << EscapeControls(a.outlet.value_or("")) << (a.outlet ? ": " : "")
        << EscapeControls(a.title.value_or(a.path)) << "\n";
    }
    o << "\n";
  }
  if (Status s = (*out)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  std::cerr << "crosscheck: " << articles.size() << " article(s), " << stories.size() << " stor"
            << (stories.size() == 1 ? "y" : "ies");
  if (counts.failed > 0) std::cerr << "; " << ProblemsLine(counts.failed);
  std::cerr << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner AddClusterCommand(CLI::App& app) {
  auto flags = std::make_shared<ClusterFlags>();
  CLI::App* cmd = app.add_subcommand(
      "cluster",
      "Sort a mixed pile of articles into stories, without a store.\n\n"
      "Reads INPUTs like 'extract' and groups the articles as 'ingest' would: each joins\n"
      "the story it fits best by its words, names and dates, copies of one wire report\n"
      "join their original's story, and stories found to be one are merged.\n\n"
      "Output: --format json (default) prints one JSON object per story per line:\n"
      "story (1 = the largest), headline, articles, outlets, first_date, last_date and\n"
      "members (id, path, title, outlet, published). --format markdown lists them for\n"
      "reading.\n\n"
      "Examples:\n"
      "  crosscheck cluster examples/story/ examples/stream/\n"
      "  crosscheck cluster --format markdown downloads/\n"
      "  crosscheck cluster feed.jsonl | jq -r '.headline'");
  flags->input.AddTo(cmd);
  cmd->add_option("--format", flags->format, "output format: json (one story per line) or markdown")
      ->check(CLI::IsMember({"json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  return [flags] { return RunCluster(*flags); };
}

}  // namespace crosscheck::cli
