// From the bytes of one input file to the documents (articles) it holds.
//
//   ingest::InputSummary s = ingest::SplitInput(std::move(bytes), "crawl.warc.gz", limits,
//       [&](ingest::Document doc) { extractor.Extract(std::move(doc.bytes), doc.where, doc.hints); },
//       [&](const Status& problem) { report(problem); });
//
// The format is read from the content, not the name: gzip and Zstandard by their
// magic bytes (then the content inside), WARC by its "WARC/1." version line, JSONL
// by a first line that is a JSON object, HTML by its doctype or tags, newswire
// SGML by <DOC>, anything else is plain text. A file whose name says otherwise is
// read for what it is, with a problem saying so.
//
// Containers: a JSONL line is one article (`id`, `url`, `title`, `outlet`,
// `published`, `authors`, and `text` or `html`); a WARC response record with an
// HTML payload is one article (chunked and gzip transfer decoded), other records are
// counted by type and skipped; a newswire SGML file holds one article per <DOC>.
// Broken parts (a bad JSON line, a record whose Content-Length lies, a corrupt gzip
// member) are reported with the file and the line or record, and the rest is read.
#ifndef CROSSCHECK_INGEST_INPUT_READER_H_
#define CROSSCHECK_INGEST_INPUT_READER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crosscheck/extract.h"
#include "crosscheck/status.h"

namespace crosscheck::ingest {

enum class InputFormat { kText, kSgml, kHtml, kJsonl, kWarc };
const char* FormatName(InputFormat format);

// What the content looks like (decompressed bytes).
InputFormat SniffFormat(std::string_view bytes);
// What the file name says, looking through ".gz" and ".zst"; nullopt for names
// that say nothing (no extension, ".dat").
std::optional<InputFormat> FormatFromName(std::string_view path);
// True for names crosscheck reads when it lists a folder.
bool IsReadableName(std::string_view path);

struct Document {
  std::string bytes;   // one article: plain text, SGML or HTML
  std::string where;   // the file, and the line or record inside it: "crawl.warc: record 3"
  ArticleHints hints;  // what the container says about the article
};

using crosscheck::InputLimits;

// True when `prefix`, the first bytes of an input after decompression, starts a
// container of articles (WARC, newswire SGML, JSONL) rather than one article.
bool LooksLikeContainer(std::string_view prefix);

struct InputSummary {
  InputFormat format = InputFormat::kText;
  size_t documents = 0;                   // handed to on_document
  std::map<std::string, size_t> skipped;  // records left out, by kind ("request", "non-HTML response")
  size_t problems = 0;                    // reported through on_problem
  std::vector<std::string> notes;         // worth a warning, nothing lost ("named as HTML but looks like ...")
};

// "input is 200.0 MiB, over the limit of 32.0 MiB for one article; split it or
// raise --max-bytes", naming `where`.
// `size` 0 when it is not known (a stream): "input is over the limit ...".
Status ArticleTooLarge(const std::string& where, uint64_t size, uint64_t max_bytes);
// The same for a container past InputLimits::max_archive_bytes (--max-archive-bytes).
Status ArchiveTooLarge(const std::string& where, uint64_t size, uint64_t max_bytes);

InputSummary SplitInput(std::string bytes, const std::string& path, const InputLimits& limits,
                        const std::function<void(Document)>& on_document,
                        const std::function<void(const Status&)>& on_problem);

// JSONL, one line at a time, as files and streams (stdin, the streaming filters)
// read it. "PATH: line N", the name of a line in messages.
std::string JsonlWhere(const std::string& path, size_t line);
bool IsBlankLine(std::string_view line);
// The message for a line past InputLimits::max_article_bytes, which is skipped.
std::string LineTooLong(uint64_t size);
// Standard input line by line as it arrives (`head`: bytes of it already read),
// until its end, a read error or `keep_going` false: each line to `visit` with its
// name ("-: line N"); a line over `max_line` (skipped) and a read error (the end)
// to `on_problem`.
void ForEachStdinLine(std::string head, uint64_t max_line, const std::function<bool()>& keep_going,
                      const std::function<void(const Status&)>& on_problem,
                      const std::function<void(const std::string& line, const std::string& where)>& visit);
// The JSON object of one line; nullopt for a blank line (silently) and for a line
// that is too long, nested too deep, not UTF-8, not JSON or not an object (each
// reported through `on_problem`, naming `where`, as kInvalidInput).
std::optional<nlohmann::json> ParseJsonlRecord(std::string_view line, const std::string& where,
                                               const InputLimits& limits,
                                               const std::function<void(const Status&)>& on_problem);
// The article a record holds (`text` or `html`, and the hints its other fields
// give); nullopt, reported, when it has neither. A `published` that is no date is
// reported and left out, the rest kept.
std::optional<Document> JsonlDocument(const nlohmann::json& record, const std::string& where,
                                      const std::function<void(const Status&)>& on_problem);

// Every document of `inputs` (files, folders, "-"), in input order: what
// crosscheck::ReadArticles does before extraction. The report counts problems and
// the files of folders skipped as not articles (articles stays 0).
struct DocumentEvents {
  std::function<void(Document)> document;
  std::function<void(const Status&)> problem;
  std::function<void(const std::string& where, const std::string& warning)> warning;
  std::function<void(size_t input, size_t inputs)> input_done;
  std::function<bool()> keep_going;
};
ReadReport ForEachDocument(const std::vector<std::string>& inputs, const InputLimits& limits,
                           const DocumentEvents& events);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_INPUT_READER_H_
