// crosscheck brief: one cross-checked brief from the articles of one story, from
// files or from a store.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/printable.h"
#include "commands.h"
#include "common.h"
#include "crosscheck/brief.h"
#include "crosscheck/corpus.h"
#include "output.h"
#include "store_common.h"

namespace crosscheck::cli {
namespace {

struct BriefFlags {
  InputFlags input;
  std::string format = "markdown";
  std::string output;
  size_t words = 150;
  std::string db;
  std::optional<int64_t> story;
  bool all_stories = false;
  std::optional<std::string> published;
};

// The articles of a stored story, as Extract made them. Ids are those the
// articles had when read from files: their own, else A1, A2, ... in ingest order.
Result<std::vector<Article>> StoryArticles(Briefer& briefer, Store& store, int64_t story) {
  Result<std::vector<StoredArticle>> stored = store.ArticlesOfStory(story);
  if (!stored.ok()) return stored.status();
  std::vector<Article> articles;
  for (StoredArticle& s : *stored) {
    Article a = ToArticle(std::move(s), "A" + std::to_string(articles.size() + 1));
    articles.push_back(briefer.extractor().Resegment(std::move(a)));
  }
  return articles;
}

// Writes the briefs: one as it is; several as Markdown separated by a rule, or as
// JSON Lines (one brief per line). HTML is one page of one brief.
int WriteBriefs(const BriefFlags& flags, const std::vector<Brief>& briefs) {
  Result<std::unique_ptr<Output>> out = Output::Open(flags.output);
  if (!out.ok()) {
    Report(out.status());
    return kExitOutput;
  }
  std::ostream& o = (*out)->stream();
  for (size_t i = 0; i < briefs.size(); ++i) {
    if (flags.format == "json") {
      std::string json = BriefToJson(briefs[i]);
      if (briefs.size() > 1) json = nlohmann::json::parse(json).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      o << json;
    } else if (flags.format == "html") {
      o << BriefToHtml(briefs[i]);
    } else {
      if (i > 0) o << "\n---\n\n";
      o << BriefToMarkdown(briefs[i]);
    }
  }
  if (Status s = (*out)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  return kExitOk;
}

int RunBrief(const BriefFlags& flags) {
  BriefOptions options;
  options.summary_words = flags.words;
  options.extract = flags.input.ToOptions();
  Result<Briefer> briefer = Briefer::Create(options);
  if (!briefer.ok()) {
    Report(briefer.status());
    return kExitNothingRead;
  }

  if (flags.format == "html" && flags.all_stories) {
    std::cerr << "crosscheck: --format html writes one story per page; drop --all-stories, or brief each story "
                 "with --db and --story\n";
    return kExitUsage;
  }

  // From a store: one story, by id.
  if (!flags.db.empty()) {
    if (!flags.story) {
      std::cerr << "crosscheck: brief --db needs --story ID ('crosscheck stories --db " << EscapeControls(flags.db)
                << "' lists them)\n";
      return kExitUsage;
    }
    if (!flags.input.inputs.empty()) {
      std::cerr << "crosscheck: brief --db reads the store, not INPUTs; give one or the other\n";
      return kExitUsage;
    }
    std::unique_ptr<Store> store = OpenForReading(flags.db);
    if (!store) return kExitStore;
    Result<std::optional<int64_t>> live = store->ResolveStory(*flags.story);
    if (!live.ok()) {
      Report(live.status());
      return kExitStore;
    }
    if (!*live) {
      Report(Status(StatusCode::kNotFound,
                    "no story " + std::to_string(*flags.story) + " in this store ('crosscheck stories --db " +
                        flags.db + "' lists them)",
                    flags.db));
      return kExitNothingRead;
    }
    if (**live != *flags.story)
      std::cerr << "crosscheck: story " << *flags.story << " was merged into story " << **live << "; briefing that\n";
    Result<std::vector<Article>> articles = StoryArticles(*briefer, *store, **live);
    if (!articles.ok()) {
      Report(articles.status());
      return kExitStore;
    }
    Result<Brief> brief = briefer->Build(std::move(articles).value());
    if (!brief.ok()) {
      Report(brief.status());
      return kExitNothingRead;
    }
    return WriteBriefs(flags, {std::move(brief).value()});
  }

  if (flags.input.inputs.empty()) {
    std::cerr << "crosscheck: brief needs INPUTs, or --db and --story\n";
    return kExitUsage;
  }
  std::vector<Article> articles;
  ReadCounts counts = ReadArticles(briefer->extractor(), flags.input,
                                   [&](Article& a) {
                                     ApplyPublished(flags.published, a);
                                     articles.push_back(std::move(a));
                                   });
  if (articles.empty()) {
    std::cerr << "crosscheck: no article could be read; nothing to brief\n";
    return kExitNothingRead;
  }
  if (counts.failed > 0) {
    std::cerr << "crosscheck: briefing " << articles.size() << " article(s); " << ProblemsLine(counts.failed) << "\n";
  }
  // A pile of several stories: the largest, or each with --all-stories.
  std::vector<std::vector<size_t>> stories = FindStories(*briefer, articles);
  std::vector<std::vector<Article>> piles;
  if (stories.size() <= 1) {
    piles.push_back(std::move(articles));
  } else {
    if (!flags.all_stories) {
      std::cerr << "crosscheck: these " << articles.size() << " articles tell " << stories.size()
                << " stories; briefing the largest (" << stories[0].size()
                << " articles); 'crosscheck cluster' lists them, --all-stories briefs each\n";
      stories.resize(1);
    }
    for (const std::vector<size_t>& story : stories) {
      std::vector<Article> pile;
      for (size_t i : story) pile.push_back(articles[i]);
      piles.push_back(std::move(pile));
    }
  }
  std::vector<Brief> briefs;
  for (std::vector<Article>& pile : piles) {
    Result<Brief> brief = briefer->Build(std::move(pile));
    if (!brief.ok()) {
      Report(brief.status());
      return kExitNothingRead;
    }
    briefs.push_back(std::move(brief).value());
  }
  return WriteBriefs(flags, briefs);
}

}  // namespace

CommandRunner AddBriefCommand(CLI::App& app) {
  auto flags = std::make_shared<BriefFlags>();
  CLI::App* cmd = app.add_subcommand(
      "brief",
      "Turn the articles of one story into one cross-checked brief.\n\n"
      "Reads INPUTs like 'extract' (text, HTML, JSONL, WARC or SGML files, also compressed;\n"
      "folders of them; '-' for stdin), or one story of a store (--db news.db --story ID),\n"
      "and tells what happened, who said what, when, which facts several independent\n"
      "sources confirm, which rest on one source, and where sources disagree. Copies of\n"
      "one report (wire copy) count once. Every summary sentence cites the articles\n"
      "behind it ([A1, A3]); ids follow the order the inputs were read in.\n\n"
      "INPUTs that tell several stories are sorted as 'cluster' sorts them: the largest\n"
      "story is briefed (stderr says so), or each with --all-stories.\n\n"
      "Dates: each article's own (date line, JSONL field, page metadata); --published DATE\n"
      "dates INPUTs that have none, so that their \"on Tuesday\" and \"last week\" place\n"
      "events on the timeline (otherwise it is inferred from the other articles' dates;\n"
      "when no article has one, relative dates are left out).\n\n"
      "Output: --format markdown (default) is for reading in a terminal: headline, summary,\n"
      "key quotations, timeline, corroborated facts, single-source claims, conflicts and\n"
      "the sources table. --format json prints crosscheck.brief/1 (fields in docs/brief.md);\n"
      "with --all-stories, one brief per line. --format html writes one self-contained page\n"
      "(no scripts, no external files; light and dark themes, print layout): the summary with\n"
      "citation chips that show and link to each source's sentence, a source matrix (facts x\n"
      "articles: states, silent, differs), conflicts, quotations by speaker, an SVG timeline,\n"
      "entities and the sources with their cited sentences. One story per page.\n\n"
      "Examples:\n"
      "  crosscheck brief examples/story/\n"
      "  crosscheck brief --format json --words 100 a.txt b.txt c.txt > brief.json\n"
      "  crosscheck brief -o brief.md reports/\n"
      "  crosscheck brief --format html -o brief.html examples/story/\n"
      "  crosscheck brief --all-stories examples/story/ examples/stream/\n"
      "  crosscheck brief --db news.db --story 3\n"
      "  crosscheck brief --db news.db --story 3 --format html -o story3.html");
  flags->input.AddTo(cmd);
  cmd->get_option("INPUT")->required(false);
  cmd->add_option("--db", flags->db, "brief a story of this store instead of INPUTs (needs --story)");
  AddPublishedOption(cmd, flags->published);
  cmd->add_option("--story", flags->story, "the story to brief, by its id in 'crosscheck stories'");
  cmd->add_flag("--all-stories", flags->all_stories, "INPUTs of several stories: one brief per story");
  cmd->add_option("--format", flags->format, "output format: markdown, json or html")
      ->check(CLI::IsMember({"markdown", "json", "html"}))
      ->capture_default_str();
  cmd->add_option("--words", flags->words, "length of the summary in words")
      ->check(CLI::Range(static_cast<size_t>(10), static_cast<size_t>(5000)))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  return [flags] { return RunBrief(*flags); };
}

}  // namespace crosscheck::cli
