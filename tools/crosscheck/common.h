// What the subcommands that read articles share: their input options, reading
// inputs into articles, and reporting problems.
#ifndef CROSSCHECK_TOOLS_COMMON_H_
#define CROSSCHECK_TOOLS_COMMON_H_

#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/extract.h"

namespace crosscheck::cli {

// "crosscheck: PATH: KIND: MESSAGE" on stderr.
void Report(const Status& status);

// INPUT... and the options that shape reading it.
struct InputFlags {
  std::vector<std::string> inputs;
  uint64_t max_bytes = ExtractOptions{}.max_bytes;
  uint64_t max_archive_bytes = InputLimits{}.max_archive_bytes;
  bool no_glue_repair = false;
  std::vector<std::string> word_lists;

  void AddTo(CLI::App* command);
  ExtractOptions ToOptions() const;
  InputLimits ToLimits() const;
};

struct ReadCounts {
  size_t read = 0;
  size_t failed = 0;  // problems reported: inputs, lines or records not read, or read in part
};

// Reads every input through `extractor` (crosscheck::ReadArticles), handing each
// article to `on_article`; reports the inputs that fail, warnings and the files
// of folders skipped as not articles, with control characters escaped. Shows
// progress on a terminal for long runs. `keep_going`, when given, is asked before
// each input: false stops reading (the output failed).
ReadCounts ReadArticles(Extractor& extractor, const InputFlags& flags, const std::function<void(Article&)>& on_article,
                        const std::function<bool()>& keep_going = nullptr);

// "crosscheck: FOLDER: 2 files skipped as not articles (image: 1, table (CSV): 1)".
void ReportSkipped(const std::map<std::string, std::map<std::string, size_t>>& skipped);

// A progress line on stderr when it is a terminal: "ingesting 12,300 articles,
// 5,100 articles/s, 412 stories", redrawn at most five times a second.
class Progress {
 public:
  explicit Progress(std::string verb);
  void Article(size_t stories = 0);
  // Erases the line (before other output to stderr, and at the end).
  void Clear();
  size_t articles() const { return articles_; }

 private:
  std::string verb_;
  bool on_;
  bool shown_ = false;
  size_t articles_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

// --published YYYY-MM-DD: the publication date of the articles read that carry
// none (plain text without a date line), so that their relative dates ("on
// Tuesday", "last week") resolve instead of being left out.
void AddPublishedOption(CLI::App* command, std::optional<std::string>& published);
// Gives `a` the date of --published when it has none of its own.
void ApplyPublished(const std::optional<std::string>& published, Article& a);

// "3 problem(s) reported above (...)": the closing line's count of problems.
std::string ProblemsLine(size_t problems);

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_TOOLS_COMMON_H_
