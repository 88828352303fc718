#include "common.h"

#include <unistd.h>

#include <iostream>

#include "ingest/input_reader.h"

namespace crosscheck::cli {

void Report(const Status& status) { std::cerr << "crosscheck: " << status.ToString() << "\n"; }

void InputFlags::AddTo(CLI::App* command) {
  command->add_option("INPUT", inputs, "files (text, HTML, JSONL, WARC, newswire SGML; also gzip or zstd compressed), folders (every such file inside) or '-' for stdin")->required();
  command->add_flag("--no-glue-repair", no_glue_repair, "do not split glued words (no word lists needed)");
  command->add_option("--max-bytes", max_bytes, "largest input accepted for one article, in bytes")
      ->capture_default_str();
  command->add_option("--word-list", word_lists,
                      "word list for glued-word repair, most common first (repeatable; default: the "
                      "Debian wamerican and wbritish lists in /usr/share/dict)");
}

ExtractOptions InputFlags::ToOptions() const {
  ExtractOptions options;
  options.max_bytes = max_bytes;
  options.repair_glued_words = !no_glue_repair;
  options.word_list_paths = word_lists;
  return options;
}

ReadCounts ReadArticles(Extractor& extractor, const InputFlags& flags,
                        const std::function<void(Article&)>& on_article) {
  ReadCounts counts;
  std::vector<InputSource> sources = ExpandInputs(flags.inputs, Report);
  const bool progress = isatty(STDERR_FILENO);
  ingest::InputLimits limits;
  limits.max_document_bytes = flags.max_bytes;
  auto show_progress = [&](size_t i) {
    if (progress && (counts.read + counts.failed) % 25 == 0 && (sources.size() >= 50 || counts.read >= 50)) {
      std::cerr << "\rreading " << i + 1 << "/" << sources.size() << " files, " << counts.read << " articles"
                << std::flush;
    }
  };
  for (size_t i = 0; i < sources.size(); ++i) {
    // A file named as one article (text, HTML) over --max-bytes is refused before
    // it is read. Others may be archives (WARC, JSONL, SGML, compressed) far larger
    // than one article: each article inside is held to --max-bytes.
    const std::optional<ingest::InputFormat> named = ingest::FormatFromName(sources[i].path);
    const bool one_article = named == ingest::InputFormat::kText || named == ingest::InputFormat::kHtml;
    Result<std::string> bytes =
        ReadInput(sources[i], one_article ? limits.max_document_bytes : limits.max_decompressed_bytes);
    if (!bytes.ok()) {
      Report(bytes.status());
      ++counts.failed;
      continue;
    }
    ingest::InputSummary summary = ingest::SplitInput(
        std::move(bytes).value(), sources[i].path, limits,
        [&](ingest::Document doc) {
          Result<Article> article = extractor.Extract(std::move(doc.bytes), doc.where, doc.hints);
          if (!article.ok()) {
            Report(article.status());
            ++counts.failed;
            return;
          }
          ++counts.read;
          if (article->id.empty()) article->id = "A" + std::to_string(counts.read);  // inputs may name their own
          for (const std::string& w : article->warnings)
            std::cerr << "crosscheck: " << article->path << ": warning: " << w << "\n";
          on_article(*article);
          show_progress(i);
        },
        [&](const Status& problem) {
          Report(problem);
          ++counts.failed;
        });
    for (const std::string& note : summary.notes)
      std::cerr << "crosscheck: " << sources[i].path << ": warning: " << note << "\n";
    if (!summary.skipped.empty()) {
      size_t skipped = 0;
      std::string kinds;
      for (const auto& [kind, n] : summary.skipped) {
        skipped += n;
        kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
      }
      std::cerr << "crosscheck: " << sources[i].path << ": " << FormatName(summary.format) << ": "
                << summary.documents << " article record(s) read, " << skipped << " other record(s) skipped ("
                << kinds << ")\n";
    }
  }
  if (progress && counts.read >= 50) std::cerr << "\r" << std::string(60, ' ') << "\r";
  return counts;
}

std::string ProblemsLine(size_t problems) {
  return std::to_string(problems) + " problem(s) reported above (inputs, lines or records not read, or read in part)";
}

}  // namespace crosscheck::cli
