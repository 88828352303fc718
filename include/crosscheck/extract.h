// Extraction: from the bytes of one news report to a clean, segmented Article.
//
//   crosscheck::ExtractOptions options;                 // defaults suit news text
//   crosscheck::Result<crosscheck::Extractor> ex = crosscheck::Extractor::Create(options);
//   if (!ex.ok()) { /* e.g. a word list is missing: ex.status().ToString() */ }
//   crosscheck::Result<crosscheck::Article> a = ex->Extract(bytes, "story.txt");
//   if (!a.ok()) { /* a.status(): "story.txt: invalid input: empty file" */ }
//
// Extract() never throws on bad input and never prints. It fails, naming the input,
// for: empty or whitespace-only input (kInvalidInput), binary data or UTF-16
// (kInvalidInput / kUnsupportedFormat), input over ExtractOptions::max_bytes
// (kResourceExhausted), and input with no article text left after removing site
// furniture (kInvalidInput). Problems it can repair (invalid UTF-8 bytes, a legacy
// encoding) it repairs, counts in Article::repairs and notes in Article::warnings.
//
// Inputs: see ReadInputs() for files, folders and stdin.
#ifndef CROSSCHECK_EXTRACT_H_
#define CROSSCHECK_EXTRACT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"
#include "crosscheck/status.h"

namespace crosscheck {

namespace text {
class WordList;
}  // namespace text

struct ExtractOptions {
  // Largest input accepted for one article, in bytes. Larger inputs fail with
  // kResourceExhausted before they are read. Cost: extraction holds about six
  // times this much memory per article.
  uint64_t max_bytes = 32ull << 20;

  // Split words run together by stripped markup ("Ukraineby" -> "Ukraine by").
  // Needs the Debian word lists (word_list_paths); costs about 10 ms to load them
  // once per Extractor and a dictionary lookup per unusual word.
  bool repair_glued_words = true;
  // Word lists, most common first; empty means the Debian defaults
  // (/usr/share/dict/{american,british}-english{-small,,-large}).
  std::vector<std::string> word_list_paths;

  // Read a header zone at the top (title, date, URL and byline lines, captions) and
  // drop site furniture (promo, "SEE ALSO", credits, trailers). Off: every line is
  // article text, for inputs known to be clean (evaluation corpora).
  bool read_layout = true;

  // Split sentences into tokens with byte offsets and Snowball stems. Turning it off
  // saves about a third of the extraction time when only text is needed.
  bool tokenize = true;
};

// What a container says about an article it holds (a JSONL record's fields, a
// WARC record's target URI). Set fields win over what the article's own text or
// markup says; `id` names the article (otherwise the caller numbers it).
struct ArticleHints {
  std::string id;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<std::string> outlet;
  std::optional<std::string> published;  // ISO date
  std::vector<std::string> authors;
};

class Extractor {
 public:
  // Fails (kNotFound) only when a word list is needed and cannot be read.
  static Result<Extractor> Create(const ExtractOptions& options);

  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  ~Extractor();

  // Another extractor of the same options for another thread, sharing this one's
  // word list (read-only once loaded), so it costs no second load.
  Extractor Clone() const;

  // `path` names the input in messages and in Article::path. The article's id is
  // left empty for the caller to assign. Not thread-safe: use one Extractor per thread.
  // `raw` is plain text, newswire SGML (<DOC>) or an HTML page (told apart by
  // content). For HTML, Article::raw is the article text the page gave (the
  // paragraphs of its body), which offsets refer to; metadata come from the markup.
  Result<Article> Extract(std::string raw, std::string path);
  Result<Article> Extract(std::string raw, std::string path, const ArticleHints& hints);

  // An article rebuilt from its cleaned `text` and metadata, as a store keeps
  // them: paragraphs, sentences and tokens come out as Extract() made them from the
  // same text. `raw` becomes the text and offsets the identity (the input as read
  // is not kept). The other fields are kept as given.
  Article Resegment(Article article);

  const ExtractOptions& options() const;

  // The English word list loaded for glued-word repair (nullptr when repair is
  // off); later stages reuse it rather than load it again.
  const text::WordList* word_list() const;

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One input to read: a file path or "-" for standard input.
struct InputSource {
  std::string path;
  // Found by listing a folder rather than named: a file that is clearly not an
  // article (an image, a table, a JSON document, an empty file, a README) is then
  // skipped and counted, not reported as a problem.
  std::string folder;
};

// Budgets for reading inputs. They bound memory on hostile input (a decompression
// bomb, /dev/zero, a 10 GB log file) as well as on honest mistakes.
struct InputLimits {
  // One article: a text or HTML file (after decompression), a JSONL line, a WARC
  // payload. Same meaning as ExtractOptions::max_bytes.
  uint64_t max_article_bytes = 32ull << 20;
  // One container (a JSONL, WARC or newswire SGML file, or a compressed file) as
  // read and after decompression. Cost: a container is held in memory whole while
  // its articles are read.
  uint64_t max_archive_bytes = 1ull << 30;
};

// Expands command-line INPUTs: a file stays itself, a folder becomes every file
// below it (recursively, sorted by path; hidden files and folders and files whose
// name says they are media, documents or programs are left out), "-" is standard
// input; a pipe or FIFO (as `<(zcat f.gz)` gives) is read as a stream. Files of a
// folder are read by their content, like a named file: newswire files without an
// extension are articles. Problems (a path that does not exist, a socket) are
// reported through `report` and the rest is still expanded.
std::vector<InputSource> ExpandInputs(const std::vector<std::string>& args,
                                      const std::function<void(const Status&)>& report);

// Why a file found in a folder is not an article, from its name and first bytes
// (`prefix`, as read, maybe compressed): "image", "table (CSV)", "JSON document",
// "empty or nearly empty file", "README, licence or build file"...; nullopt when it
// may be one.
std::optional<std::string> NotAnArticle(const std::string& path, std::string_view prefix);

// Reads one input whole, as it is (still compressed, if it is). The budget is
// chosen from the first bytes: compressed data and containers (WARC, JSONL,
// SGML) get max_archive_bytes, anything else is one article and gets
// max_article_bytes; a file named as one article (.txt, .html) is refused before
// it is read when its size passes max_article_bytes. Binary data (a NUL byte in
// the first 64 KiB of what is not compressed or a container) is refused after
// that first chunk, so a device or /proc file is never read to its end.
// Fails with kNotFound (cannot open), kResourceExhausted (over the budget),
// kInvalidInput (a folder, a socket, binary data), kDataLoss (a read error).
Result<std::string> ReadInput(const InputSource& source, const InputLimits& limits);

// Reading many inputs into articles, in input order: what `crosscheck extract`
// and `brief` do with their INPUTs, as a library call.
struct ReadEvents {
  // Each article read; its id is its own (JSONL id, SGML DOCNO) or "A<n>".
  std::function<void(Article&)> article;
  // An input, line or record not read, or read in part.
  std::function<void(const Status&)> problem;
  // Something repaired or worth a look, nothing lost (`where` names the input).
  std::function<void(const std::string& where, const std::string& warning)> warning;
  // Once per input that was read, after its articles (for progress).
  std::function<void(size_t input, size_t inputs)> input_done;
  // Asked before each input: false stops reading (the output failed, say).
  std::function<bool()> keep_going;
};

struct ReadReport {
  size_t articles = 0;
  size_t problems = 0;
  // Files of folders skipped as not articles: folder -> reason -> count.
  std::map<std::string, std::map<std::string, size_t>> skipped;
};

// Standard input ("-") that starts with "{" is a JSONL stream: each line is handed
// on as soon as it is read, not after the end of the input (a pipe from a producer
// that never ends is read for as long as it writes), a bad line is reported as
// "-: line N" and skipped, and keep_going is asked before each line. No archive
// budget applies; a line over max_article_bytes is skipped without being held.
// Anything else on stdin is read whole, as a file is.
ReadReport ReadArticles(Extractor& extractor, const std::vector<std::string>& inputs, const InputLimits& limits,
                        const ReadEvents& events);

}  // namespace crosscheck

#endif  // CROSSCHECK_EXTRACT_H_
