// crosscheck brief: one cross-checked brief from the articles of one story.
#include <iostream>
#include <memory>

#include "commands.h"
#include "common.h"
#include "crosscheck/brief.h"
#include "output.h"

namespace crosscheck::cli {
namespace {

struct BriefFlags {
  InputFlags input;
  std::string format = "markdown";
  std::string output;
  size_t words = 150;
};

int RunBrief(const BriefFlags& flags) {
  BriefOptions options;
  options.summary_words = flags.words;
  options.extract = flags.input.ToOptions();
  Result<Briefer> briefer = Briefer::Create(options);
  if (!briefer.ok()) {
    Report(briefer.status());
    return kExitNothingRead;
  }
  std::vector<Article> articles;
  ReadCounts counts = ReadArticles(briefer->extractor(), flags.input,
                                   [&](Article& a) { articles.push_back(std::move(a)); });
  if (articles.empty()) {
    std::cerr << "crosscheck: no article could be read; nothing to brief\n";
    return kExitNothingRead;
  }
  if (counts.failed > 0) {
    std::cerr << "crosscheck: briefing " << articles.size() << " article(s); " << ProblemsLine(counts.failed) << "\n";
  }
  Result<Brief> brief = briefer->Build(std::move(articles));
  if (!brief.ok()) {
    Report(brief.status());
    return kExitNothingRead;
  }
  Result<std::unique_ptr<Output>> out = Output::Open(flags.output);
  if (!out.ok()) {
    Report(out.status());
    return kExitOutput;
  }
  (*out)->stream() << (flags.format == "json" ? BriefToJson(*brief) : BriefToMarkdown(*brief));
  if (Status s = (*out)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddBriefCommand(CLI::App& app) {
  auto flags = std::make_shared<BriefFlags>();
  CLI::App* cmd = app.add_subcommand(
      "brief",
      "Turn the articles of one story into one cross-checked brief.\n\n"
      "Reads INPUTs like 'extract' (text, HTML, JSONL, WARC or SGML files, also compressed;\n"
      "folders of them; '-' for stdin) and tells what\n"
      "happened, who said what, when, which facts several independent sources confirm,\n"
      "which rest on one source, and where sources disagree. Copies of one report (wire\n"
      "copy) count once. Every summary sentence cites the articles behind it ([A1, A3]);\n"
      "ids follow the order the inputs were read in.\n\n"
      "Output: --format markdown (default) is for reading in a terminal: headline, summary,\n"
      "key quotations, timeline, corroborated facts, single-source claims, conflicts and\n"
      "the sources table. --format json prints crosscheck.brief/1 (fields in docs/brief.md).\n\n"
      "Examples:\n"
      "  crosscheck brief examples/story/\n"
      "  crosscheck brief --format json --words 100 a.txt b.txt c.txt > brief.json\n"
      "  crosscheck brief -o brief.md reports/\n"
      "  crosscheck brief saved_pages/ crawl.warc.gz");
  flags->input.AddTo(cmd);
  cmd->add_option("--format", flags->format, "output format: markdown or json")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->capture_default_str();
  cmd->add_option("--words", flags->words, "length of the summary in words")
      ->check(CLI::Range(static_cast<size_t>(10), static_cast<size_t>(5000)))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  return [flags] { return RunBrief(*flags); };
}

}  // namespace crosscheck::cli
