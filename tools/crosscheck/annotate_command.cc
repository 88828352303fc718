// crosscheck annotate: a streaming filter, JSONL articles in, annotated JSONL out.

#include <iostream>
#include <memory>
#include <optional>

#include "commands.h"
#include "common.h"
#include "crosscheck/brief.h"
#include "ingest/input_reader.h"
#include "output.h"
#include "pipeline/records.h"

namespace crosscheck::cli {
namespace {

struct AnnotateFlags {
  InputFlags input;  // its INPUT is "-" only
  std::string output;
  bool tokens = false;
  std::optional<std::string> published;
};

int RunAnnotate(const AnnotateFlags& flags) {
  BriefOptions options;
  options.extract = flags.input.ToOptions();
  Result<Briefer> briefer = Briefer::Create(options);
  if (!briefer.ok()) {
    Report(briefer.status());
    return kExitNothingRead;
  }
  Result<std::unique_ptr<Output>> output = Output::Open(flags.output);
  if (!output.ok()) {
    Report(output.status());
    return kExitOutput;
  }
  std::ostream& out = (*output)->stream();
  const InputLimits limits = flags.input.ToLimits();
  pipeline::RecordFilter filter(*briefer, limits,
                                {.annotate = true, .tokens = flags.tokens, .published = flags.published});
  size_t written = 0, bad = 0;
  auto problem = [&](const Status& s) {
    ++bad;
    Report(s);
  };
  // Once the output fails, reading on would be work for nothing.
  ingest::ForEachStdinLine({}, limits.max_article_bytes, [&] { return out.good(); }, problem,
                           [&](const std::string& line, const std::string& where) {
                             std::optional<nlohmann::ordered_json> record =
                                 filter.Run(line, where, "A" + std::to_string(written + 1), problem);
                             if (!record) return;
                             out << record->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
                             out.flush();
                             ++written;
                           });
  if (Status s = (*output)->Close(); !s.ok()) {
    Report(s);
    return kExitOutput;
  }
  if (bad > 0) {
    std::cerr << "crosscheck: annotated " << written << " record(s); " << ProblemsLine(bad) << "\n";
    return kExitNothingRead;
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddAnnotateCommand(CLI::App& app) {
  auto flags = std::make_shared<AnnotateFlags>();
  CLI::App* cmd = app.add_subcommand(
      "annotate",
      "A streaming filter: JSONL articles on stdin, the same articles with their\n"
      "annotations (entities, quotations with speakers, dates) on stdout.\n\n"
      "Each line is one record: an article to read (text or html, and id, url, title,\n"
      "outlet, published, authors, as extract reads JSONL) or a line that\n"
      "'crosscheck extract' wrote, which is annotated as it is (its fields kept, its\n"
      "text not extracted again). Each record is written (flushed) as soon as it is\n"
      "made, one output line per record, so crosscheck can run under Spark's\n"
      "RDD.pipe, Hadoop streaming or a Kafka consumer. A bad line (not JSON, no\n"
      "text, over --max-bytes) is reported on stderr with its number ('-: line 7')\n"
      "and skipped, never the rest of the stream. Exit status: 0 when every record\n"
      "was annotated (an empty stream included), 1 when some were skipped.\n\n"
      "Examples:\n"
      "  crosscheck annotate < feed.jsonl > annotated.jsonl\n"
      "  crosscheck extract --format json - < feed.jsonl | crosscheck annotate");
  flags->input.AddTo(cmd);
  // Standard input only: a stream has no files to name.
  cmd->get_option("INPUT")
      ->required(false)
      ->check(CLI::IsMember({"-"}))
      ->description("'-' (standard input, the default)");
  cmd->get_option("--max-archive-bytes")->group("");  // a stream is not held whole
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  cmd->add_flag("--tokens", flags->tokens, "include each sentence's tokens with offsets and stems");
  AddPublishedOption(cmd, flags->published);
  return [flags] { return RunAnnotate(*flags); };
}

}  // namespace crosscheck::cli
