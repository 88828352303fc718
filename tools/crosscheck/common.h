// What the subcommands that read articles share: their input options, reading
// inputs into articles, and reporting problems.
#ifndef CROSSCHECK_TOOLS_COMMON_H_
#define CROSSCHECK_TOOLS_COMMON_H_

#include <CLI/CLI.hpp>

#include <functional>
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

// Reads every input through `extractor`, assigning ids A1, A2, ... to the articles
// read and handing each to `on_article`; reports the inputs that fail and each
// article's warnings. Shows progress on a terminal for long runs.
ReadCounts ReadArticles(Extractor& extractor, const InputFlags& flags,
                        const std::function<void(Article&)>& on_article);

// "3 problem(s) reported above (...)": the closing line's count of problems.
std::string ProblemsLine(size_t problems);

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_TOOLS_COMMON_H_
