#include "common.h"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "base/printable.h"
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

// After the units: at least a byte, at most `most` (a size that large is a typo,
// and arithmetic on it would wrap).
CLI::Validator SizeRange(uint64_t most) {
  return CLI::Validator(
      [most](std::string& s) -> std::string {
        std::optional<uint64_t> v = text::ParseUnsigned(s);
        if (!v || *v == 0) return "must be at least one byte";
        if (*v > most) return "must be at most " + std::to_string(most >> 30) + "GiB";
        return "";
      },
      "");
}

void AddSizeOption(CLI::App* command, const std::string& name, uint64_t& value, uint64_t most, const std::string& help) {
  command->add_option(name, value, help + " (bytes, or 512KiB, 32MiB, 1GiB: units are powers of 1024)")
      ->check(SizeOption())
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(SizeRange(most))
      ->type_name("SIZE")
      ->default_str(value % (1ull << 30) == 0   ? std::to_string(value >> 30) + "GiB"
                    : value % (1ull << 20) == 0 ? std::to_string(value >> 20) + "MiB"
                                                : std::to_string(value));
}

}  // namespace

void InputFlags::AddTo(CLI::App* command) {
  command->add_option("INPUT", inputs, "files (text, HTML, JSONL, WARC, newswire SGML; also gzip or zstd compressed), folders (every such file inside) or '-' for stdin")->required();
  command->add_flag("--no-glue-repair", no_glue_repair, "do not split glued words (no word lists needed)");
  // One article is at most 1 GiB (offsets are 32-bit); a file of articles at most 1 TiB.
  AddSizeOption(command, "--max-bytes", max_bytes, 1ull << 30, "largest article accepted, after decompression");
  AddSizeOption(command, "--max-archive-bytes", max_archive_bytes, 1ull << 40,
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

void ReportSkipped(const std::map<std::string, std::map<std::string, size_t>>& skipped) {
  for (const auto& [folder, reasons] : skipped) {
    size_t files = 0;
    std::string why;
    for (const auto& [reason, n] : reasons) {
      files += n;
      why += (why.empty() ? "" : ", ") + reason + ": " + std::to_string(n);
    }
    std::cerr << "crosscheck: " << EscapeControls(folder) << ": " << files << (files == 1 ? " file" : " files")
              << " skipped as not articles (" << why << ")\n";
  }
}

ReadCounts ReadArticles(Extractor& extractor, const InputFlags& flags,
                        const std::function<void(Article&)>& on_article, const std::function<bool()>& keep_going) {
  ReadCounts counts;
  Progress progress("reading");
  ReadEvents events;
  events.article = [&](Article& a) {
    on_article(a);
    progress.Article();
  };
  events.problem = [&](const Status& s) {
    progress.Clear();
    Report(s);
  };
  events.warning = [&](const std::string& where, const std::string& what) {
    progress.Clear();
    std::cerr << "crosscheck: " << EscapeControls(where) << ": warning: " << EscapeControls(what) << "\n";
  };
  events.keep_going = keep_going;
  ReadReport report = crosscheck::ReadArticles(extractor, flags.inputs, flags.ToLimits(), events);
  progress.Clear();
  ReportSkipped(report.skipped);
  counts.read = report.articles;
  counts.failed = report.problems;
  return counts;
}

Progress::Progress(std::string verb) : verb_(std::move(verb)), on_(isatty(STDERR_FILENO) != 0),
                                       start_(std::chrono::steady_clock::now()) {}

void Progress::Article(size_t stories) {
  ++articles_;
  if (!on_ || articles_ % 50 != 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::cerr << "\r" << verb_ << " " << articles_ << " articles";
  if (seconds > 0) std::cerr << ", " << static_cast<long>(articles_ / seconds) << " articles/s";
  if (stories > 0) std::cerr << ", " << stories << " stories";
  std::cerr << "    " << std::flush;
  shown_ = true;
}

void Progress::Clear() {
  if (!shown_) return;
  std::cerr << "\r" << std::string(78, ' ') << "\r" << std::flush;
  shown_ = false;
}

std::string ProblemsLine(size_t problems) {
  return std::to_string(problems) + " problem(s) reported above (inputs, lines or records not read, or read in part)";
}

void AddPublishedOption(CLI::App* command, std::optional<std::string>& published) {
  command
      ->add_option("--published", published,
                   "publication date of articles that have none (JSONL, HTML and dated text carry their own): "
                   "relative dates such as 'on Tuesday' resolve against it instead of being left out")
      ->type_name("YYYY-MM-DD")
      ->check(CLI::Validator(
          [](std::string& s) {
            bool ok = s.size() == 10 && s[4] == '-' && s[7] == '-';
            for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && i < s.size() && text::IsAsciiDigit(s[i]);
            return ok ? std::string() : std::string("must be a day: YYYY-MM-DD");
          },
          ""));
}

void ApplyPublished(const std::optional<std::string>& published, Article& a) {
  if (published && !a.published) a.published = *published;
}

}  // namespace crosscheck::cli
