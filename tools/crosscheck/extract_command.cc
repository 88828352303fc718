// crosscheck extract: clean, segmented articles from messy inputs.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.h"
#include "crosscheck/brief.h"
#include "crosscheck/extract.h"
#include "render/article_json.h"

namespace crosscheck::cli {
namespace {

struct ExtractFlags {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output;
  bool tokens = false;
  bool annotate = false;
  bool no_glue_repair = false;
  uint64_t max_bytes = ExtractOptions{}.max_bytes;
  std::vector<std::string> word_lists;
};

void Report(const Status& s) { std::cerr << "crosscheck: " << s.ToString() << "\n"; }

int RunExtract(const ExtractFlags& flags) {
  ExtractOptions options;
  options.max_bytes = flags.max_bytes;
  options.repair_glued_words = !flags.no_glue_repair;
  options.word_list_paths = flags.word_lists;
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
  Extractor* extractor = briefer ? &briefer->extractor() : &*plain;

  std::ofstream file;
  if (!flags.output.empty()) {
    file.open(flags.output, std::ios::binary);
    if (!file) {
      Report(Status(StatusCode::kNotFound, "cannot write output file", flags.output));
      return kExitUsage;
    }
  }
  std::ostream& out = flags.output.empty() ? std::cout : file;

  std::vector<InputSource> sources = ExpandInputs(flags.inputs, Report);
  const bool progress = sources.size() >= 50 && isatty(STDERR_FILENO);
  size_t read = 0, failed = 0;
  render::ArticleJsonOptions json_options;
  json_options.tokens = flags.tokens;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (progress && i % 25 == 0) std::cerr << "\rextracting " << i << "/" << sources.size() << std::flush;
    Result<std::string> bytes = ReadInput(sources[i], options.max_bytes);
    if (!bytes.ok()) {
      Report(bytes.status());
      ++failed;
      continue;
    }
    Result<Article> article = extractor->Extract(std::move(bytes).value(), sources[i].path);
    if (!article.ok()) {
      Report(article.status());
      ++failed;
      continue;
    }
    Article& a = article.value();
    a.id = "A" + std::to_string(++read);
    for (const std::string& w : a.warnings) std::cerr << "crosscheck: " << a.path << ": warning: " << w << "\n";
    if (flags.format == "json") {
      nlohmann::ordered_json j = render::ArticleToJson(a, json_options);
      if (briefer) j["annotations"] = render::AnnotationsToJson(briefer->Annotate(a));
      out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      render::WriteArticleText(a, out);
    }
  }
  if (progress) std::cerr << "\r" << std::string(40, ' ') << "\r";
  out.flush();
  if (failed > 0 || sources.empty()) {
    std::cerr << "crosscheck: extracted " << read << " article(s); " << failed << " input(s) could not be read\n";
  }
  return read > 0 ? kExitOk : kExitNothingRead;
}

}  // namespace

CommandRunner AddExtractCommand(CLI::App& app) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Read news articles and print them cleaned and segmented, with their metadata.\n\n"
      "Each INPUT is a text file, a folder (every *.txt inside, recursively, in sorted\n"
      "order) or '-' for standard input. For each article crosscheck finds the title,\n"
      "date, URL, outlet and agency credits in the header mess, drops captions, promo and\n"
      "'SEE ALSO' lines (listed under \"dropped\"), normalizes quotes and dashes, rejoins\n"
      "broken paragraphs, splits glued words, and splits sentences.\n\n"
      "Output: --format json prints one JSON object per article per line (JSON Lines);\n"
      "--format text prints a readable report. Inputs that cannot be read are reported\n"
      "on stderr and skipped; the exit status is 1 only when no input could be read.\n\n"
      "Examples:\n"
      "  crosscheck extract --format text examples/story/01_harbor_ledger.txt\n"
      "  crosscheck extract examples/story/ > articles.jsonl\n"
      "  crosscheck extract --tokens - < report.txt");
  cmd->add_option("INPUT", flags->inputs, "files, folders or '-' for stdin")->required();
  cmd->add_option("--format", flags->format, "output format: json (one object per line) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "write to this file instead of standard output");
  cmd->add_flag("--tokens", flags->tokens, "include each sentence's tokens with offsets and stems (json)");
  cmd->add_flag("--annotate", flags->annotate,
                "add \"annotations\": entities, quotations with speakers, resolved dates (json)");
  cmd->add_flag("--no-glue-repair", flags->no_glue_repair,
                "do not split glued words (no word lists needed)");
  cmd->add_option("--max-bytes", flags->max_bytes, "largest input accepted for one article, in bytes")
      ->capture_default_str();
  cmd->add_option("--word-list", flags->word_lists,
                  "word list for glued-word repair, most common first (repeatable; default: the "
                  "Debian wamerican and wbritish lists in /usr/share/dict)");
  return [flags] { return RunExtract(*flags); };
}

}  // namespace crosscheck::cli
