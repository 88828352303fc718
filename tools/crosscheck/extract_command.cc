// crosscheck extract: clean, segmented articles from messy inputs.
#include <iostream>
#include <memory>
#include <optional>

#include "commands.h"
#include "common.h"
#include "crosscheck/brief.h"
#include "crosscheck/extract.h"
#include "output.h"
#include "render/article_json.h"

namespace crosscheck::cli {
namespace {

struct ExtractFlags {
  InputFlags input;
  std::string format = "json";
  std::string output;
  bool tokens = false;
  bool annotate = false;
  std::optional<std::string> published;
};

int RunExtract(const ExtractFlags& flags) {
  ExtractOptions options = flags.input.ToOptions();
  options.tokenize = flags.tokens || flags.annotate || flags.format == "json";
  // Annotations need the analysis stages, which come with a Briefer.
  std::optional<Briefer> briefer;
  std::optional<Extractor> plain;
  if (flags.annotate) {
    BriefOptions brief_options;
    brief_options.extract = options;
    Result<Briefer> b = Briefer::Create(brief_options);
    if (!b.ok()) {
      Report(b.status());
      return kExitNothingRead;
    }
    briefer.emplace(std::move(b).value());
  } else {
    Result<Extractor> e = Extractor::Create(options);
    if (!e.ok()) {
      Report(e.status());
      return kExitNothingRead;
    }
    plain.emplace(std::move(e).value());
  }
  Extractor& extractor = briefer ? briefer->extractor() : *plain;

  Result<std::unique_ptr<Output>> output = Output::Open(flags.output);
  if (!output.ok()) {
    Report(output.status());
    return kExitOutput;
  }
  std::ostream& out = (*output)->stream();
  render::ArticleJsonOptions json_options;
  json_options.tokens = flags.tokens;
  // Standard input alone is a stream (a pipe from Spark, Hadoop streaming, a
  // consumer): each record is written out as soon as it is made.
  const bool stream = flags.input.inputs.size() == 1 && flags.input.inputs[0] == "-";
  // Once the output fails, reading the rest would be work for nothing.
  ReadCounts counts = ReadArticles(extractor, flags.input, [&](Article& a) {
    ApplyPublished(flags.published, a);
    if (flags.format == "json") {
      nlohmann::ordered_json j = render::ArticleToJson(a, json_options);
      if (briefer) j["annotations"] = render::AnnotationsToJson(briefer->Annotate(a));
      out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      render::WriteArticleText(a, out);
    }
    if (stream) out.flush();
  }, [&] { return out.good(); });
  // Nothing read: an existing output file stays as it was (the Output is dropped
  // unclosed, which removes its temporary file).
  if (counts.read == 0 && out.good()) {
    std::cerr << "crosscheck: extracted 0 article(s); " << ProblemsLine(counts.failed) << "\n";
    return kExitNothingRead;
  }
  if (Status s = (*output)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  if (counts.failed > 0 || counts.read == 0) {
    std::cerr << "crosscheck: extracted " << counts.read << " article(s); " << ProblemsLine(counts.failed) << "\n";
  }
  // A stream's consumer must learn that records were lost, even when others were read.
  if (stream && counts.failed > 0) return kExitNothingRead;
  return counts.read > 0 ? kExitOk : kExitNothingRead;
}

}  // namespace

CommandRunner AddExtractCommand(CLI::App& app) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Read news articles and print them cleaned and segmented, with their metadata.\n\n"
      "Each INPUT is a file, a folder (every readable file inside, recursively, in\n"
      "sorted order) or '-' for standard input. Files may be plain text, HTML pages\n"
      "(the article body and the markup's metadata), JSONL (one article per line:\n"
      "id, url, title, outlet, published, and text or html), WARC archives (one\n"
      "article per HTML response) or newswire SGML (TREC, DUC; one article per <DOC>),\n"
      "each also gzip or zstd compressed; the format is read from the content.\n"
      "For each article crosscheck finds the title, date, URL, outlet\n"
      "and agency credits in the header mess, drops captions, promo and 'SEE ALSO' lines\n"
      "(listed under \"dropped\"), normalizes quotes and dashes, rejoins broken\n"
      "paragraphs, splits glued words, and splits sentences.\n\n"
      "--annotate resolves relative dates (\"on Tuesday\") against each article's date;\n"
      "an article without one (plain text with no date line) gets --published DATE, or\n"
      "its relative dates are left out.\n\n"
      "Output: --format json prints one JSON object per article per line (JSON Lines);\n"
      "--format text prints a readable report. Inputs that cannot be read are reported\n"
      "on stderr and skipped; the exit status is 1 only when no input could be read.\n\n"
      "Streaming: with '-' as the only INPUT and JSONL on stdin, each line is read,\n"
      "extracted and written (flushed) as it arrives, one output line per record, so\n"
      "crosscheck can run as a filter (Spark's RDD.pipe, Hadoop streaming, a Kafka\n"
      "consumer). A bad line is reported on stderr with its number ('-: line 7') and\n"
      "skipped. With '-' as the only INPUT, the exit status is 1 when any record was\n"
      "bad (0 when every record was read).\n\n"
      "Examples:\n"
      "  crosscheck extract --format text examples/story/01_valley_wire.txt\n"
      "  crosscheck extract examples/story/ > articles.jsonl\n"
      "  crosscheck extract --format text saved_page.html.gz crawl.warc.gz\n"
      "  crosscheck extract --annotate examples/story/03_northern_ledger.txt\n"
      "  crosscheck extract --annotate --published 2025-03-12 notes.txt\n"
      "  crosscheck extract --tokens - < report.txt\n"
      "  zcat feed.jsonl.gz | crosscheck extract --format json - | crosscheck annotate");
  flags->input.AddTo(cmd);
  cmd->add_option("--format", flags->format, "output format: json (one object per line) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  cmd->add_flag("--tokens", flags->tokens, "include each sentence's tokens with offsets and stems (json)");
  cmd->add_flag("--annotate", flags->annotate,
                "add \"annotations\": entities, quotations with speakers, dates, durations and sets with "
                "TimeML values (json)");
  AddPublishedOption(cmd, flags->published);
  return [flags] { return RunExtract(*flags); };
}

}  // namespace crosscheck::cli
