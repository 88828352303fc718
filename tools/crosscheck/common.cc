#include "common.h"

#include <unistd.h>

#include <iostream>

#include "ingest/input_reader.h"
#include "text/ascii.h"

namespace crosscheck::cli {

void Report(const Status& status) { std::cerr << "crosscheck: " << status.ToString() << "\n"; }

namespace {

// A size given as bytes or with a binary unit ("32MiB", "512k", "1G"): digits
// first, so that "-5" is refused rather than wrapped, and never zero.
CLI::Validator SizeOption() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        if (s.empty() || !text::IsAsciiDigit(s[0])) return "must be a size such as 33554432, 32MiB or 1GiB";
        return "";
      },
      "");
}

void AddSizeOption(CLI::App* command, const std::string& name, uint64_t& value, const std::string& help) {
  command->add_option(name, value, help + " (bytes, or 512KiB, 32MiB, 1GiB: units are powers of 1024)")
      ->check(SizeOption())
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(CLI::Validator([](std::string& s) -> std::string { return s == "0" ? "must be at least one byte" : ""; },
                             ""))
      ->type_name("SIZE")
      ->default_str(value % (1ull << 30) == 0   ? std::to_string(value >> 30) + "GiB"
                    : value % (1ull << 20) == 0 ? std::to_string(value >> 20) + "MiB"
                                                : std::to_string(value));
}

}  // namespace

void InputFlags::AddTo(CLI::App* command) {
  command->add_option("INPUT", inputs, "files (text, HTML, JSONL, WARC, newswire SGML; also gzip or zstd compressed), folders (every such file inside) or '-' for stdin")->required();
  command->add_flag("--no-glue-repair", no_glue_repair, "do not split glued words (no word lists needed)");
  AddSizeOption(command, "--max-bytes", max_bytes, "largest article accepted, after decompression");
  AddSizeOption(command, "--max-archive-bytes", max_archive_bytes,
                "largest file of articles (JSONL, WARC, SGML, compressed) accepted, after decompression; held in memory while read");
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

InputLimits InputFlags::ToLimits() const {
  InputLimits limits;
  limits.max_article_bytes = max_bytes;
  limits.max_archive_bytes = max_archive_bytes;
  return limits;
}

ReadCounts ReadArticles(Extractor& extractor, const InputFlags& flags,
                        const std::function<void(Article&)>& on_article) {
  ReadCounts counts;
  std::vector<InputSource> sources = ExpandInputs(flags.inputs, Report);
  const bool progress = isatty(STDERR_FILENO);
  const InputLimits limits = flags.ToLimits();
  auto show_progress = [&](size_t i) {
    if (progress && (counts.read + counts.failed) % 25 == 0 && (sources.size() >= 50 || counts.read >= 50)) {
      std::cerr << "\rreading " << i + 1 << "/" << sources.size() << " files, " << counts.read << " articles"
                << std::flush;
    }
  };
  for (size_t i = 0; i < sources.size(); ++i) {
    Result<std::string> bytes = ReadInput(sources[i], limits);
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
