// Input expansion and reading: files, folders and standard input.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "crosscheck/extract.h"
#include "ingest/compression.h"
#include "ingest/input_reader.h"
#include "text/ascii.h"
#include "text/normalize.h"

namespace crosscheck {
namespace fs = std::filesystem;

std::vector<InputSource> ExpandInputs(const std::vector<std::string>& args,
                                      const std::function<void(const Status&)>& report) {
  std::vector<InputSource> out;
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.push_back({arg, ""});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      report(Status(StatusCode::kNotFound, "no such file or folder", arg));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        report(Status(StatusCode::kNotFound, "cannot list folder: " + ec.message(), arg));
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
          report(Status(StatusCode::kNotFound, "cannot list part of folder: " + ec.message(), arg));
          break;
        }
        // Hidden files and folders (.git, .DS_Store) are not the folder's content.
        if (it->path().filename().string().rfind('.', 0) == 0) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        std::error_code fec;
        if (it->is_regular_file(fec)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) report(Status(StatusCode::kNotFound, "folder holds no files", arg));
      for (std::string& f : found) out.push_back({std::move(f), arg});
      continue;
    }
    // Pipes, FIFOs and character devices are streams: read until they end, within
    // the budgets. Sockets and block devices are not inputs.
    if (!fs::is_regular_file(st) && !fs::is_fifo(st) && !fs::is_character_file(st)) {
      report(Status(StatusCode::kInvalidInput,
                    fs::is_socket(st) ? "is a socket, not a file" : "is a block device, not a file", arg));
      continue;
    }
    out.push_back({arg, ""});
  }
  return out;
}

namespace {

// Files a folder of downloads holds beside articles, by what their names say.
std::optional<std::string> NotAnArticleByName(const std::string& path) {
  std::string name = text::AsciiLowered(fs::path(path).filename().string());
  for (const char* c : {".gz", ".zst", ".zstd"})
    if (name.size() > std::strlen(c) && name.compare(name.size() - std::strlen(c), std::string::npos, c) == 0)
      name.resize(name.size() - std::strlen(c));
  for (const char* doc : {"readme", "license", "licence", "copying", "changelog", "changes", "notice", "authors",
                          "contributing", "install", "makefile"}) {
    const size_t n = std::strlen(doc);
    if (name.compare(0, n, doc) == 0 && (name.size() == n || name[n] == '.' || name[n] == '-' || name[n] == '_'))
      return "README, licence or build file";
  }
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string ext = name.substr(dot + 1);
  static const std::map<std::string, const char*> kKinds = {
      {"png", "image"},   {"jpg", "image"},     {"jpeg", "image"},   {"gif", "image"},
      {"webp", "image"},  {"svg", "image"},     {"bmp", "image"},    {"tif", "image"},
      {"tiff", "image"},  {"ico", "image"},     {"heic", "image"},   {"pdf", "PDF document"},
      {"doc", "office document"}, {"docx", "office document"}, {"odt", "office document"},
      {"rtf", "office document"}, {"xls", "spreadsheet"}, {"xlsx", "spreadsheet"}, {"ods", "spreadsheet"},
      {"ppt", "presentation"}, {"pptx", "presentation"}, {"odp", "presentation"},
      {"csv", "table (CSV)"}, {"tsv", "table (TSV)"}, {"json", "JSON document"}, {"xml", "XML data"},
      {"rss", "feed (XML)"}, {"atom", "feed (XML)"}, {"yaml", "configuration"}, {"yml", "configuration"},
      {"toml", "configuration"}, {"ini", "configuration"}, {"cfg", "configuration"},
      {"css", "stylesheet"}, {"js", "script"}, {"py", "program"}, {"sh", "program"},
      {"c", "program"}, {"cc", "program"}, {"h", "program"}, {"java", "program"},
      {"zip", "archive (zip)"}, {"tar", "archive (tar)"}, {"tgz", "archive (tar)"}, {"7z", "archive (7z)"},
      {"rar", "archive (rar)"}, {"bz2", "archive (bzip2)"}, {"xz", "archive (xz)"},
      {"mp3", "audio"}, {"wav", "audio"}, {"ogg", "audio"}, {"flac", "audio"}, {"m4a", "audio"},
      {"mp4", "video"}, {"mkv", "video"}, {"mov", "video"}, {"avi", "video"}, {"webm", "video"},
      {"woff", "font"}, {"woff2", "font"}, {"ttf", "font"}, {"otf", "font"},
      {"exe", "program"}, {"dll", "program"}, {"so", "program"}, {"o", "program"}, {"a", "program"},
      {"db", "database"}, {"sqlite", "database"}, {"sqlite3", "database"}, {"lock", "lock file"},
      {"wal", "database journal"}, {"shm", "database journal"}, {"log", "log file"}};
  auto it = kKinds.find(ext);
  if (it == kKinds.end()) return std::nullopt;
  return std::string(it->second);
}

// What the first bytes (decompressed when compressed) say a file is.
std::optional<std::string> NotAnArticleByContent(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  size_t i = 0;
  while (i < b.size() && text::IsAsciiSpace(b[i])) ++i;
  if (b.size() - i < 16) return "empty or nearly empty file";
  if (starts("\x89PNG") || starts("\xFF\xD8\xFF") || starts("GIF8") || starts("RIFF") || starts("II*") ||
      starts("MM\0*"))
    return "image";
  if (starts("%PDF-")) return "PDF document";
  if (starts("PK\x03\x04")) return "archive (zip)";
  if (starts("\xD0\xCF\x11\xE0")) return "office document";
  if (starts("\x7F" "ELF")) return "program";
  if (starts(std::string_view("SQLite format 3\0", 16))) return "database";
  if (starts("ID3") || starts("OggS") || starts("fLaC")) return "audio";
  if (b.size() > 12 && b.substr(4, 4) == "ftyp") return "video";
  if (b.find('\0') != std::string_view::npos) return "binary data";
  // JSON that is not JSON Lines: an array, or an object spread over lines.
  size_t j = i + 1;
  while (j < b.size() && text::IsAsciiSpace(b[j])) ++j;
  const char second = j < b.size() ? b[j] : '\0';
  if (b[i] == '[' && (second == '{' || second == '[' || second == '"' || second == ']' || text::IsAsciiDigit(second)))
    return "JSON document";
  if (b[i] == '{') {
    const size_t e = b.find('\n', i);
    if (e != std::string_view::npos && !nlohmann::json::accept(b.substr(i, e - i))) return "JSON document";
  }
  // A table: its first lines split into the same number (3 or more) of fields,
  // one of them a number on every line (prose with commas has none).
  size_t lines = 0, fields = 0;
  bool table = true;
  auto numeric = [](std::string_view f) {
    while (!f.empty() && (f.front() == ' ' || f.front() == '"')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '"' || f.back() == '\r')) f.remove_suffix(1);
    if (f.empty()) return false;
    for (char c : f)
      if (!text::IsAsciiDigit(c) && c != '.' && c != '-' && c != '%' && c != ':' && c != '/') return false;
    return true;
  };
  for (size_t at = i; at < b.size() && lines < 5;) {
    size_t e = b.find('\n', at);
    if (e == std::string_view::npos) break;
    std::string_view line = b.substr(at, e - at);
    at = e + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const char sep = line.find('\t') != std::string_view::npos ? '\t' : ',';
    size_t n = 0;
    bool has_number = false;
    for (size_t f = 0; f <= line.size();) {
      size_t g = line.find(sep, f);
      if (g == std::string_view::npos) g = line.size();
      has_number |= numeric(line.substr(f, g - f));
      ++n;
      f = g + 1;
    }
    if (lines == 0) fields = n;
    // The header line may hold no number.
    table &= n == fields && n >= 3 && line.size() < 300 && (has_number || lines == 0);
    ++lines;
  }
  if (table && lines >= 3) return "table";
  return std::nullopt;
}

// The first 64 KiB of a file, or "" when it cannot be read.
std::string FirstBytes(const std::string& path) {
  std::string data;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return data;
  data.resize(64 << 10);
  ssize_t n = ::read(fd, data.data(), data.size());
  ::close(fd);
  data.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return data;
}

}  // namespace

std::optional<std::string> NotAnArticle(const std::string& path, std::string_view prefix) {
  if (std::optional<std::string> by_name = NotAnArticleByName(path)) return by_name;
  if (ingest::DetectCompression(prefix) != ingest::Compression::kNone) {
    ingest::Decompressed d = ingest::Decompress(prefix, 64 << 10);
    return NotAnArticleByContent(d.bytes);
  }
  return NotAnArticleByContent(prefix);
}

namespace {

constexpr size_t kFirstChunk = 64 << 10;

// Reads from `fd` into `data` until it holds `want` bytes or the input ends.
// False, with errno set, on a read error.
bool ReadUpTo(int fd, std::string& data, uint64_t want, bool& ended) {
  char buf[1 << 16];
  while (data.size() < want) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(sizeof buf, want - data.size()));
    ssize_t got = ::read(fd, buf, n);
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (got == 0) {
      ended = true;
      return true;
    }
    data.append(buf, static_cast<size_t>(got));
  }
  return true;
}

class FileCloser {
 public:
  explicit FileCloser(int fd) : fd_(fd) {}
  ~FileCloser() {
    if (fd_ > 2) ::close(fd_);
  }
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

namespace {

// ReadInput, for a stream whose first bytes (`data`) the caller already read.
Result<std::string> ReadInputFrom(const InputSource& source, const InputLimits& limits, std::string data) {
  const bool stdin_input = source.path == "-";
  const std::string where = stdin_input ? "<stdin>" : source.path;
  int fd = 0;
  uint64_t size = 0;  // when known: a regular file
  if (!stdin_input) {
    std::error_code ec;
    if (fs::is_directory(source.path, ec)) {
      return Status(StatusCode::kInvalidInput, "is a folder; pass the folder itself to read the files in it",
                    source.path);
    }
    fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status(StatusCode::kNotFound, std::string("cannot open: ") + std::strerror(errno), where);
  }
  FileCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode))
      return Status(StatusCode::kInvalidInput, S_ISSOCK(st.st_mode) ? "is a socket, not a file" : "is a block device, not a file", where);
    if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  }
  // A file named as one article, or any file past the archive budget, is refused
  // before it is read.
  const std::optional<ingest::InputFormat> named = ingest::FormatFromName(source.path);
  const bool named_one_article = named == ingest::InputFormat::kText || named == ingest::InputFormat::kHtml;
  const uint64_t most = std::max(limits.max_article_bytes, limits.max_archive_bytes);
  if (named_one_article && size > limits.max_article_bytes)
    return ingest::ArticleTooLarge(where, size, limits.max_article_bytes);
  if (size > most) return ingest::ArchiveTooLarge(where, size, most);

  if (size > 0) data.reserve(static_cast<size_t>(size));
  bool ended = false;
  auto read_error = [&] {
    return Status(StatusCode::kDataLoss, std::string("read error: ") + std::strerror(errno), where);
  };
  if (!ReadUpTo(fd, data, kFirstChunk, ended)) return read_error();
  // The first chunk says which budget applies, and whether to read on at all.
  const bool archive = ingest::DetectCompression(data) != ingest::Compression::kNone || ingest::LooksLikeContainer(data);
  if (!archive) {
    if (Status s = text::CheckTextBytes(data); !s.ok()) {
      return Status(s.code(), s.message() + (ended ? "" : "; not read further"), where, s.offset());
    }
  }
  const uint64_t budget = archive ? limits.max_archive_bytes : limits.max_article_bytes;
  // A file already known to be too large is not read on.
  if (size > budget) return archive ? ingest::ArchiveTooLarge(where, size, budget) : ingest::ArticleTooLarge(where, size, budget);
  if (!ended && !ReadUpTo(fd, data, budget == UINT64_MAX ? budget : budget + 1, ended)) return read_error();
  if (data.size() > budget) {
    // A stream's size is not known: only that it passed the budget.
    return archive ? ingest::ArchiveTooLarge(where, size, budget) : ingest::ArticleTooLarge(where, size, budget);
  }
  return data;
}

// The first bytes of standard input, up to its first byte that is not white space
// (or kFirstChunk bytes of white space, or its end): enough to tell a JSONL stream
// from one article without waiting for more than the producer has written.
bool PeekStdin(std::string& head) {
  while (head.size() < kFirstChunk) {
    const size_t old = head.size();
    head.resize(kFirstChunk);
    ssize_t got = ::read(STDIN_FILENO, head.data() + old, kFirstChunk - old);
    head.resize(old + (got > 0 ? static_cast<size_t>(got) : 0));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return got == 0;
    if (head.find_first_not_of(" \t\r\n", old) != std::string::npos) return true;
  }
  return true;
}

// True when standard input starts as JSONL: with "{". Only the first byte is
// judged, unlike a file's first line (SniffFormat), so that a stream whose first
// record is broken still has its other records read; the cost is that plain text
// starting with "{" on stdin is read as JSONL, and reported line by line.
bool StartsJsonl(std::string_view head) {
  const size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '{';
}

// Standard input as a JSONL stream: each record handed on as soon as its line is
// read, bad lines reported and skipped, never the rest of the stream. No archive
// budget: a stream may be endless; memory is bounded by the longest line.
void StreamJsonl(std::string head, const InputLimits& limits, const ingest::DocumentEvents& events,
                 const std::function<void(const Status&)>& problem) {
  ingest::ForEachStdinLine(
      std::move(head), limits.max_article_bytes, [&] { return !events.keep_going || events.keep_going(); }, problem,
      [&](const std::string& line, const std::string& where) {
        std::optional<nlohmann::json> record = ingest::ParseJsonlRecord(line, where, limits, problem);
        if (!record) return;
        std::optional<ingest::Document> doc = ingest::JsonlDocument(*record, where, problem);
        if (doc) events.document(std::move(*doc));
      });
}

}  // namespace

Result<std::string> ReadInput(const InputSource& source, const InputLimits& limits) {
  return ReadInputFrom(source, limits, {});
}

namespace ingest {

ReadReport ForEachDocument(const std::vector<std::string>& inputs, const InputLimits& limits,
                           const DocumentEvents& events) {
  ReadReport report;
  auto problem = [&](const Status& s) {
    ++report.problems;
    if (events.problem) events.problem(s);
  };
  auto warn = [&](const std::string& where, const std::string& what) {
    if (events.warning) events.warning(where, what);
  };
  const std::vector<InputSource> sources = ExpandInputs(inputs, problem);
  std::map<std::string, size_t> folder_documents;  // folder -> documents read from it
  for (size_t i = 0; i < sources.size(); ++i) {
    if (events.keep_going && !events.keep_going()) break;
    const InputSource& source = sources[i];
    const bool from_folder = !source.folder.empty();
    if (from_folder) folder_documents.emplace(source.folder, 0);
    // A file of a folder that is clearly not an article is counted, not read.
    if (from_folder)
      if (std::optional<std::string> why = NotAnArticleByName(source.path)) {
        ++report.skipped[source.folder][*why];
        continue;
      }
    try {
      // Standard input that starts as JSONL is read as a stream, record by record;
      // anything else whole, as a file is.
      std::string head;
      if (source.path == "-") {
        if (PeekStdin(head) && StartsJsonl(head)) {
          StreamJsonl(std::move(head), limits, events, problem);
          if (events.input_done) events.input_done(i + 1, sources.size());
          continue;
        }
      }
      Result<std::string> bytes = ReadInputFrom(source, limits, std::move(head));
      if (!bytes.ok()) {
        // Binary data is refused after the first chunk; in a folder it is one more
        // file that is not an article (an image without an extension, say).
        if (from_folder && source.path != "-" &&
            (bytes.status().code() == StatusCode::kInvalidInput ||
             bytes.status().code() == StatusCode::kUnsupportedFormat))
          if (std::optional<std::string> why = NotAnArticle(source.path, FirstBytes(source.path))) {
            ++report.skipped[source.folder][*why];
            continue;
          }
        problem(bytes.status());
        continue;
      }
      if (from_folder)
        if (std::optional<std::string> why =
                NotAnArticle(source.path, std::string_view(*bytes).substr(0, 64 << 10))) {
          ++report.skipped[source.folder][*why];
          continue;
        }
      InputSummary summary = SplitInput(
          std::move(bytes).value(), source.path, limits,
          [&](Document doc) {
            if (from_folder) ++folder_documents[source.folder];
            events.document(std::move(doc));
          },
          problem);
      for (const std::string& note : summary.notes) warn(source.path, note);
      if (!summary.skipped.empty()) {
        size_t skipped = 0;
        std::string kinds;
        for (const auto& [kind, n] : summary.skipped) {
          skipped += n;
          kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
        }
        warn(source.path, std::string(FormatName(summary.format)) + ": " + std::to_string(summary.documents) +
                              " article record(s) read, " + std::to_string(skipped) + " other record(s) skipped (" +
                              kinds + ")");
      }
    } catch (const std::bad_alloc&) {
      problem(Status(StatusCode::kResourceExhausted,
                     "out of memory while reading it; the rest of it is not read (lower --max-archive-bytes or "
                     "split it)",
                     source.path));
    }
    if (events.input_done) events.input_done(i + 1, sources.size());
  }
  for (const auto& [folder, documents] : folder_documents) {
    if (documents > 0) continue;
    std::string why;
    size_t files = 0;
    for (const auto& [reason, n] : report.skipped[folder]) {
      files += n;
      why += (why.empty() ? "" : ", ") + reason + ": " + std::to_string(n);
    }
    problem(Status(StatusCode::kNotFound,
                   "folder has no articles crosscheck could read" +
                       (files > 0 ? " (" + std::to_string(files) + " file(s) skipped as not articles: " + why + ")"
                                  : std::string()),
                   folder));
  }
  return report;
}

}  // namespace ingest

ReadReport ReadArticles(Extractor& extractor, const std::vector<std::string>& inputs, const InputLimits& limits,
                        const ReadEvents& events) {
  size_t articles = 0, failed = 0;
  ingest::DocumentEvents docs;
  docs.problem = events.problem;
  docs.warning = events.warning;
  docs.keep_going = events.keep_going;
  docs.input_done = events.input_done;
  docs.document = [&](ingest::Document doc) {
    Result<Article> article = extractor.Extract(std::move(doc.bytes), doc.where, doc.hints);
    if (!article.ok()) {
      ++failed;
      if (events.problem) events.problem(article.status());
      return;
    }
    ++articles;
    if (article->id.empty()) article->id = "A" + std::to_string(articles);  // inputs may name their own
    if (events.warning)
      for (const std::string& w : article->warnings) events.warning(article->path, w);
    if (events.article) events.article(*article);
  };
  ReadReport report = ingest::ForEachDocument(inputs, limits, docs);
  report.articles = articles;
  report.problems += failed;
  return report;
}

}  // namespace crosscheck
