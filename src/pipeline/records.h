// JSONL records through the per-article stages, one record at a time: what
// `crosscheck annotate` does with each line of its input, and the Python module
// with each dict it is given.
//
//   pipeline::RecordFilter filter(briefer, limits, pipeline::RecordOptions{});
//   std::optional<nlohmann::ordered_json> out =
//       filter.Run(line, "-: line 3", "A3", [&](const Status& s) { report(s); });
//
// A record is either an article to read (the fields of a JSONL input: `text` or
// `html`, `id`, `url`, `title`, `outlet`, `published`, `authors`) or an article
// `crosscheck extract` already wrote (it has `sentences`). The first is extracted
// as `extract` does; the second is rebuilt from its cleaned `text` and metadata
// (Extractor::Resegment, which segments the text as extraction did), so the fields
// it carries stay as they are and its offsets stay those of its `text`. Either way
// the record out is the extracted article with "annotations" (BRIEF-FORMAT.md), so
// `extract | annotate` gives what `extract --annotate` gives.
//
// Records are JSON text (one line each): the CLI reads them so, and the Python
// module passes dicts as json.dumps gives them, so both read a record alike.
#ifndef CROSSCHECK_PIPELINE_RECORDS_H_
#define CROSSCHECK_PIPELINE_RECORDS_H_

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/brief.h"
#include "crosscheck/extract.h"

namespace crosscheck::pipeline {

struct RecordOptions {
  bool annotate = true;                  // add "annotations"; off, Run() gives what `extract` gives
  bool tokens = false;                   // each sentence's tokens in the record out (as --tokens)
  std::optional<std::string> published;  // the date of an article that has none (as --published)
};

class RecordFilter {
 public:
  // `briefer` must outlive the filter; its extractor must tokenize.
  RecordFilter(Briefer& briefer, const InputLimits& limits, const RecordOptions& options);

  // The record out for one JSONL line; nullopt for a blank line (silently) and for
  // a record that cannot be read (too long, not JSON, no text, an article
  // extraction refuses), each reported through `on_problem` naming `where`.
  // `fallback_id` names an article to read whose record has no `id`.
  std::optional<nlohmann::ordered_json> Run(std::string_view line, const std::string& where,
                                            const std::string& fallback_id,
                                            const std::function<void(const Status&)>& on_problem);

  // The article of one record, segmented (and with RecordOptions::published when
  // it has no date); nullopt as for Run().
  std::optional<Article> Read(std::string_view line, const std::string& where, const std::string& fallback_id,
                              const std::function<void(const Status&)>& on_problem);

 private:
  std::optional<Article> ReadRecord(const nlohmann::json& record, const std::string& where,
                                    const std::string& fallback_id,
                                    const std::function<void(const Status&)>& on_problem);

  Briefer& briefer_;
  InputLimits limits_;
  RecordOptions options_;
};

}  // namespace crosscheck::pipeline

#endif  // CROSSCHECK_PIPELINE_RECORDS_H_
