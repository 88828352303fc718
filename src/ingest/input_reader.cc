#include "ingest/input_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ingest/compression.h"
#include "ingest/html_reader.h"
#include "ingest/json_depth.h"
#include "ingest/line_reader.h"
#include "ingest/sgml_reader.h"
#include "ingest/sizes.h"
#include "text/ascii.h"
#include "text/normalize.h"

namespace crosscheck::ingest {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The name without ".gz" / ".zst", lowercased.
std::string InnerName(std::string_view path) {
  std::string name = text::AsciiLowered(
      path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1));
  for (const char* c : {".gz", ".zst", ".zstd"}) {
    if (EndsWith(name, c)) return name.substr(0, name.size() - std::string_view(c).size());
  }
  return name;
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && text::IsAsciiSpace(s[i])) ++i;
  return i;
}

std::string ShortId(std::string_view s) {
  std::string out(s.substr(0, 60));
  return s.size() > 60 ? out + "..." : out;
}

// ---------------------------------------------------------------------------
// JSONL.

std::optional<std::string> StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  std::string v = it->get<std::string>();
  if (v.empty()) return std::nullopt;
  return v;
}

void SplitJsonl(std::string_view bytes, const std::string& path, const InputLimits& limits, InputSummary& summary,
                const std::function<void(Document)>& on_document,
                const std::function<void(const Status&)>& on_problem) {
  auto problem = [&](const Status& s) {
    ++summary.problems;
    on_problem(s);
  };
  size_t line_no = 0;
  for (size_t b = 0; b < bytes.size();) {
    size_t e = bytes.find('\n', b);
    if (e == std::string_view::npos) e = bytes.size();
    std::string_view line = bytes.substr(b, e - b);
    b = e + 1;
    ++line_no;
    std::optional<nlohmann::json> record = ParseJsonlRecord(line, JsonlWhere(path, line_no), limits, problem);
    if (!record) continue;
    std::optional<Document> doc = JsonlDocument(*record, JsonlWhere(path, line_no), problem);
    if (!doc) continue;
    ++summary.documents;
    on_document(std::move(*doc));
  }
}

// ---------------------------------------------------------------------------
// WARC (ISO 28500): records of "WARC/1.x" CRLF, headers, CRLF, a block of
// Content-Length bytes, CRLF CRLF.

struct Headers {
  std::map<std::string, std::string> fields;  // names lowercased
  std::string Get(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
  }
};

// Reads "Name: value" lines from `s` at `i` up to the blank line; `i` ends past it.
// False when no blank line ends them.
bool ReadHeaders(std::string_view s, size_t& i, Headers& h) {
  while (i < s.size()) {
    size_t e = s.find('\n', i);
    if (e == std::string_view::npos) return false;
    std::string_view line = s.substr(i, e - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    i = e + 1;
    if (line.empty()) return true;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    h.fields[text::AsciiLowered(line.substr(0, colon))] = std::string(value);
  }
  return false;
}

// The size of a chunk from its size line: hex digits, then optionally chunk
// extensions after ';' and trailing spaces or CR. Nullopt for anything else.
std::optional<uint64_t> ChunkSize(std::string_view line) {
  size_t end = 0;
  while (end < line.size() && line[end] != ';' && !text::IsAsciiSpace(line[end])) ++end;
  return text::ParseUnsigned(line.substr(0, end), 16);
}

// Undoes "Transfer-Encoding: chunked"; nullopt when the chunks are broken.
std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t i = 0;
  while (i < body.size()) {
    size_t e = body.find('\n', i);
    if (e == std::string_view::npos) return std::nullopt;
    std::optional<uint64_t> size = ChunkSize(body.substr(i, e - i));
    if (!size) return std::nullopt;
    i = e + 1;
    if (*size == 0) return out;
    // Compared with what is left, never as i + size, which a huge size wraps.
    if (*size > body.size() - i) return std::nullopt;
    out.append(body.substr(i, *size));
    i += *size;
    if (i < body.size() && body[i] == '\r') ++i;
    if (i < body.size() && body[i] == '\n') ++i;
  }
  return out;
}

// The next record's start at or after `from` ("WARC/1." at a line start), or npos.
size_t NextRecord(std::string_view s, size_t from) {
  for (size_t i = s.find("WARC/1.", from); i != std::string_view::npos; i = s.find("WARC/1.", i + 1)) {
    if (i == 0 || s[i - 1] == '\n') return i;
  }
  return std::string_view::npos;
}

// NextRecord for a reader that moves forward: the answer of the last scan is kept,
// so that a file where no record starts a line is scanned once, not once per
// record (which was quadratic).
class RecordFinder {
 public:
  explicit RecordFinder(std::string_view s) : s_(s) {}
  size_t Next(size_t from) {
    if (!(scanned_ && from >= from_ && from <= found_)) {
      from_ = from;
      found_ = NextRecord(s_, from);
      scanned_ = true;
    }
    return found_;
  }

 private:
  std::string_view s_;
  bool scanned_ = false;
  size_t from_ = 0, found_ = 0;  // NextRecord(s_, x) == found_ for every x in [from_, found_]
};

void SplitWarc(std::string_view bytes, const std::string& path, const InputLimits& limits, InputSummary& summary,
               const std::function<void(Document)>& on_document, const std::function<void(const Status&)>& on_problem) {
  size_t pos = SkipSpace(bytes, 0);
  size_t record_no = 0;
  RecordFinder records(bytes);
  uint64_t payload_bytes = 0;  // decompressed payloads, against the archive's budget
  while (pos < bytes.size()) {
    ++record_no;
    std::string where = path + ": record " + std::to_string(record_no);
    auto problem = [&](StatusCode code, const std::string& what) {
      ++summary.problems;
      on_problem(Status(code, what, where));
    };
    if (bytes.compare(pos, 7, "WARC/1.") != 0) {
      size_t next = records.Next(pos);
      problem(StatusCode::kDataLoss,
              "no WARC version line at byte " + std::to_string(pos) + "; " +
                  (next == std::string_view::npos ? "nothing more is read"
                                                  : "skipped to the next record at byte " + std::to_string(next)));
      if (next == std::string_view::npos) return;
      pos = next;
      continue;
    }
    size_t i = bytes.find('\n', pos);
    if (i == std::string_view::npos) break;
    ++i;
    Headers h;
    if (!ReadHeaders(bytes, i, h)) {
      problem(StatusCode::kDataLoss, "the file ends inside the record's headers");
      return;
    }
    const std::string id = h.Get("warc-record-id");
    if (!id.empty()) where += " " + id;
    const std::string type = text::AsciiLowered(h.Get("warc-type"));
    // Digits only: "-54" or a 20-digit length is no length, and the block is then
    // found from where the next record starts.
    const std::optional<uint64_t> length = text::ParseUnsigned(h.Get("content-length"));
    // Where the block ends. A Content-Length that is missing or lies (past the end
    // of the file, or not followed by the next record) is repaired from where the
    // next record starts. Lengths are compared with what is left of the file, so
    // that no addition can wrap.
    const size_t next = records.Next(i);
    const size_t left = bytes.size() - i;
    size_t end;
    if (!length) {
      end = next == std::string_view::npos ? bytes.size() : next;
      problem(StatusCode::kInvalidInput, "no valid Content-Length; the block is read up to the next record");
    } else if (*length > left || (next != std::string_view::npos && *length > next - i &&
                                  bytes.substr(next, 200).find("WARC-Type:") != std::string_view::npos)) {
      size_t real = next != std::string_view::npos && (*length > left || next < i + *length) ? next : bytes.size();
      problem(StatusCode::kDataLoss, "Content-Length says " + std::to_string(*length) + " bytes but the block has " +
                                         std::to_string(real - i) + "; read up to " +
                                         (real == bytes.size() ? "the end of the file" : "the next record"));
      end = real;
    } else {
      end = i + *length;
      size_t after = SkipSpace(bytes, end);
      if (after < bytes.size() && bytes.compare(after, 7, "WARC/1.") != 0) {
        size_t resync = records.Next(end);
        problem(StatusCode::kDataLoss,
                "Content-Length says " + std::to_string(*length) + " bytes but the record runs on; " +
                    (resync == std::string_view::npos ? "the block is read up to the end of the file"
                                                      : "reading on at byte " + std::to_string(resync)));
        end = resync == std::string_view::npos ? bytes.size() : resync;
      }
    }
    std::string_view block = bytes.substr(i, end - i);
    pos = SkipSpace(bytes, end);

    if (type != "response" && type != "resource") {
      ++summary.skipped[type.empty() ? "untyped" : type];
      continue;
    }
    std::string_view payload = block;
    Headers http;
    if (type == "response") {
      if (block.rfind("HTTP/", 0) != 0) {
        ++summary.skipped["response without HTTP"];
        continue;
      }
      size_t j = block.find('\n');
      std::string status_line(block.substr(0, j));
      if (j == std::string_view::npos || !ReadHeaders(block, ++j, http)) {
        problem(StatusCode::kDataLoss, "the HTTP headers of the response never end; skipped");
        continue;
      }
      payload = block.substr(j);
      if (status_line.find(" 200") == std::string::npos) {
        ++summary.skipped["response not 200 OK"];
        continue;
      }
    }
    std::string content_type =
        text::AsciiLowered(type == "response" ? http.Get("content-type") : h.Get("content-type"));
    if (content_type.find("html") == std::string::npos) {
      ++summary.skipped["non-HTML " + type];
      continue;
    }
    std::string body(payload);
    if (text::AsciiLowered(http.Get("transfer-encoding")).find("chunked") != std::string::npos) {
      std::optional<std::string> plain = Dechunk(body);
      if (!plain) {
        problem(StatusCode::kDataLoss, "broken chunked transfer encoding; skipped");
        continue;
      }
      body = std::move(*plain);
    }
    std::string encoding = text::AsciiLowered(http.Get("content-encoding"));
    if (encoding == "gzip" || encoding == "x-gzip" || DetectCompression(body) != Compression::kNone) {
      // A payload that decompresses past the article limit is a bomb, not an
      // article: skipped whole. All payloads of a file count against the archive
      // budget, so that a small file of many bombs stops too.
      Decompressed d = Decompress(body, limits.max_article_bytes);
      payload_bytes += d.bytes.size();
      if (!d.truncated && LooksLikeBomb(body.size(), d.bytes.size())) {
        problem(StatusCode::kResourceExhausted,
                "payload decompresses " + std::to_string(d.bytes.size() / std::max<size_t>(body.size(), 1)) +
                    " times its size, to " + SizeText(d.bytes.size()) + ": a decompression bomb, not a page; skipped");
        continue;
      }
      if (d.truncated) {
        problem(StatusCode::kResourceExhausted, "payload decompresses past " + SizeText(limits.max_article_bytes) +
                                                    ", the limit for one article; skipped");
      } else {
        for (const std::string& p : d.problems) problem(StatusCode::kDataLoss, "payload: " + p);
      }
      if (payload_bytes > limits.max_archive_bytes) {
        ++summary.problems;
        on_problem(Status(StatusCode::kResourceExhausted,
                          "its records' payloads decompress past " + SizeText(limits.max_archive_bytes) +
                              ", the limit for one file of articles; the records after record " +
                              std::to_string(record_no) + " are not read (raise --max-archive-bytes)",
                          path));
        return;
      }
      if (d.truncated) continue;
      body = std::move(d.bytes);
    }
    if (body.size() > limits.max_article_bytes) {
      problem(StatusCode::kResourceExhausted,
              "payload is " + std::to_string(body.size()) + " bytes, over the limit for one article; skipped");
      continue;
    }
    Document doc;
    doc.bytes = std::move(body);
    doc.where = where;
    std::string uri = h.Get("warc-target-uri");
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    if (!uri.empty()) doc.hints.url = uri;
    ++summary.documents;
    on_document(std::move(doc));
  }
}

bool LooksLikeJsonl(std::string_view bytes) {
  size_t i = SkipSpace(bytes, 0);
  if (i >= bytes.size() || bytes[i] != '{') return false;
  size_t e = bytes.find('\n', i);
  std::string_view first = bytes.substr(i, e == std::string_view::npos ? std::string_view::npos : e - i);
  return nlohmann::json::accept(first);
}

}  // namespace

std::string JsonlWhere(const std::string& path, size_t line) { return path + ": line " + std::to_string(line); }

bool IsBlankLine(std::string_view line) { return SkipSpace(line, 0) == line.size(); }

std::optional<nlohmann::json> ParseJsonlRecord(std::string_view line, const std::string& where,
                                               const InputLimits& limits,
                                               const std::function<void(const Status&)>& on_problem) {
  if (IsBlankLine(line)) return std::nullopt;
  auto problem = [&](const std::string& what) {
    on_problem(Status(StatusCode::kInvalidInput, what, where));
    return std::nullopt;
  };
  if (line.size() > limits.max_article_bytes) return problem(LineTooLong(line.size()));
  if (NestsDeeperThan(line, kMaxJsonNesting))
    return problem("JSON nested deeper than " + std::to_string(kMaxJsonNesting) + " levels; skipped");
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // JSON text is UTF-8 (RFC 8259): a record in another encoding is refused whole,
    // and saying so points at the producer rather than at the syntax.
    if (!text::IsValidUtf8(line)) return problem("not valid UTF-8, as JSON must be; skipped");
    return problem("not valid JSON; skipped (each line must be one JSON object)");
  }
  if (!j.is_object()) return problem("a JSON " + std::string(j.type_name()) + ", not an object; skipped");
  return j;
}

std::string LineTooLong(uint64_t size) {
  return "line is " + std::to_string(size) + " bytes, over the limit for one article; skipped";
}

void ForEachStdinLine(std::string head, uint64_t max_line, const std::function<bool()>& keep_going,
                      const std::function<void(const Status&)>& on_problem,
                      const std::function<void(const std::string& line, const std::string& where)>& visit) {
  LineReader lines(STDIN_FILENO, max_line, std::move(head));
  std::string line;
  while (keep_going()) {
    const LineReader::Next next = lines.Read(line);
    if (next == LineReader::kEnd) break;
    if (next == LineReader::kError) {
      on_problem(Status(StatusCode::kDataLoss, std::string("read error: ") + std::strerror(errno), "<stdin>"));
      break;
    }
    const std::string where = JsonlWhere("-", lines.line_number());
    if (next == LineReader::kTooLong) {
      on_problem(Status(StatusCode::kInvalidInput, LineTooLong(lines.too_long_size()), where));
      continue;
    }
    visit(line, where);
  }
}

std::optional<Document> JsonlDocument(const nlohmann::json& record, const std::string& where,
                                      const std::function<void(const Status&)>& on_problem) {
  auto problem = [&](const std::string& what) { on_problem(Status(StatusCode::kInvalidInput, what, where)); };
  std::optional<std::string> text = StringField(record, "text");
  std::optional<std::string> html = StringField(record, "html");
  if (!text && !html) {
    problem("no \"text\" or \"html\" field with content; skipped");
    return std::nullopt;
  }
  Document doc;
  doc.where = where;
  doc.bytes = text ? std::move(*text) : std::move(*html);
  if (auto it = record.find("id"); it != record.end()) {
    if (it->is_string()) doc.hints.id = it->get<std::string>();
    if (it->is_number_integer()) doc.hints.id = std::to_string(it->get<long long>());
  }
  doc.hints.url = StringField(record, "url");
  doc.hints.title = StringField(record, "title");
  doc.hints.outlet = StringField(record, "outlet");
  if (std::optional<std::string> p = StringField(record, "published")) {
    doc.hints.published = DateFromMarkup(*p);
    if (!doc.hints.published)
      problem("\"published\" is not a date crosscheck reads (\"" + ShortId(*p) + "\"); left out");
  }
  if (auto it = record.find("authors"); it != record.end() && it->is_array()) {
    for (const auto& a : *it)
      if (a.is_string()) doc.hints.authors.push_back(a.get<std::string>());
  }
  return doc;
}

const char* FormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kText:
      return "plain text";
    case InputFormat::kSgml:
      return "newswire SGML";
    case InputFormat::kHtml:
      return "HTML";
    case InputFormat::kJsonl:
      return "JSONL";
    case InputFormat::kWarc:
      return "WARC";
  }
  return "?";
}

InputFormat SniffFormat(std::string_view bytes) {
  size_t i = SkipSpace(bytes, 0);
  if (bytes.compare(i, 7, "WARC/1.") == 0) return InputFormat::kWarc;
  if (LooksLikeSgml(bytes)) return InputFormat::kSgml;
  if (LooksLikeHtml(bytes)) return InputFormat::kHtml;
  if (LooksLikeJsonl(bytes)) return InputFormat::kJsonl;
  return InputFormat::kText;
}

std::optional<InputFormat> FormatFromName(std::string_view path) {
  std::string name = InnerName(path);
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = name.substr(dot + 1);
  if (ext == "txt" || ext == "text" || ext == "md") return InputFormat::kText;
  if (ext == "html" || ext == "htm" || ext == "xhtml" || ext == "shtml") return InputFormat::kHtml;
  if (ext == "jsonl" || ext == "ndjson") return InputFormat::kJsonl;
  if (ext == "warc") return InputFormat::kWarc;
  if (ext == "sgml" || ext == "sgm") return InputFormat::kSgml;
  return std::nullopt;
}

bool IsReadableName(std::string_view path) { return FormatFromName(path).has_value(); }

namespace {

std::string SizeIs(uint64_t size) { return size > 0 ? "is " + SizeText(size) + ", over" : "is over"; }

}  // namespace

Status ArticleTooLarge(const std::string& where, uint64_t size, uint64_t max_bytes) {
  return Status(StatusCode::kResourceExhausted,
                "input " + SizeIs(size) + " the limit of " + SizeText(max_bytes) +
                    " for one article; split it or raise --max-bytes",
                where);
}

Status ArchiveTooLarge(const std::string& where, uint64_t size, uint64_t max_bytes) {
  return Status(StatusCode::kResourceExhausted,
                "archive " + SizeIs(size) + " the limit of " + SizeText(max_bytes) +
                    " for one file of articles; split it or raise --max-archive-bytes",
                where);
}

// A bare "{" is enough: the prefix may cut a long first JSONL line, which the
// full sniff (LooksLikeJsonl) then parses whole.
bool LooksLikeContainer(std::string_view prefix) {
  size_t i = SkipSpace(prefix, 0);
  return prefix.compare(i, 7, "WARC/1.") == 0 || LooksLikeSgml(prefix) || (i < prefix.size() && prefix[i] == '{');
}

InputSummary SplitInput(std::string bytes, const std::string& path, const InputLimits& limits,
                        const std::function<void(Document)>& on_document,
                        const std::function<void(const Status&)>& on_problem) {
  InputSummary summary;
  const std::string lowered = text::AsciiLowered(path);
  Compression compression = DetectCompression(bytes);
  if (compression != Compression::kNone) {
    // One article decompresses to at most the article limit; only a container
    // (found in what that gave) earns the archive budget. A bomb named or sniffed as
    // one article thus stops at 32 MiB, not at the memory's end.
    const std::optional<InputFormat> named = FormatFromName(path);
    const bool named_one_article = named == InputFormat::kText || named == InputFormat::kHtml;
    Decompressed d = Decompress(bytes, limits.max_article_bytes);
    const bool container = !named_one_article && LooksLikeContainer(d.bytes);
    if (d.truncated && container) d = Decompress(bytes, limits.max_archive_bytes);
    if (!d.truncated && !container && LooksLikeBomb(bytes.size(), d.bytes.size())) {
      ++summary.problems;
      on_problem(Status(StatusCode::kResourceExhausted,
                        std::string(CompressionName(compression)) + " data decompresses " +
                            std::to_string(d.bytes.size() / std::max<size_t>(bytes.size(), 1)) + " times its size, to " +
                            SizeText(d.bytes.size()) + ": a decompression bomb, not an article; not read",
                        path));
      return summary;
    }
    if (d.truncated && !container) {
      ++summary.problems;
      on_problem(Status(StatusCode::kResourceExhausted,
                        std::string(CompressionName(compression)) + " data decompresses past " +
                            SizeText(limits.max_article_bytes) +
                            ", the limit for one article; not read (split it or raise --max-bytes)",
                        path));
      return summary;
    }
    for (const std::string& p : d.problems) {
      ++summary.problems;
      on_problem(Status(StatusCode::kDataLoss, p + (d.truncated ? " (raise --max-archive-bytes to read more)" : ""), path));
    }
    bytes = std::move(d.bytes);
    if (bytes.empty() && !d.problems.empty()) return summary;  // nothing could be decompressed; said above
  } else if (EndsWith(lowered, ".gz") || EndsWith(lowered, ".zst")) {
    summary.notes.push_back("named as compressed but is not; read as it is");
  }
  summary.format = SniffFormat(bytes);
  if (std::optional<InputFormat> named = FormatFromName(path); named && *named != summary.format) {
    summary.notes.push_back(std::string("named as ") + FormatName(*named) + " but looks like " +
                            FormatName(summary.format) + "; read as " + FormatName(summary.format));
  }
  switch (summary.format) {
    case InputFormat::kJsonl:
      SplitJsonl(bytes, path, limits, summary, on_document, on_problem);
      break;
    case InputFormat::kWarc:
      SplitWarc(bytes, path, limits, summary, on_document, on_problem);
      break;
    case InputFormat::kSgml: {
      std::vector<std::string_view> docs = SplitSgmlDocuments(bytes);
      if (docs.size() == 1) {
        ++summary.documents;
        on_document(Document{std::move(bytes), path, {}});
        break;
      }
      // Each <DOC> is named by its place, as a JSONL line or a WARC record is.
      for (size_t k = 0; k < docs.size(); ++k) {
        ++summary.documents;
        on_document(Document{std::string(docs[k]), path + ": document " + std::to_string(k + 1), {}});
      }
      break;
    }
    case InputFormat::kText:
    case InputFormat::kHtml:
      if (bytes.size() > limits.max_article_bytes) {
        ++summary.problems;
        on_problem(ArticleTooLarge(path, bytes.size(), limits.max_article_bytes));
        break;
      }
      ++summary.documents;
      on_document(Document{std::move(bytes), path, {}});
      break;
  }
  return summary;
}

}  // namespace crosscheck::ingest
