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

#include "crosscheck/extract.h"
#include "ingest/compression.h"
#include "ingest/input_reader.h"
#include "text/normalize.h"

namespace crosscheck {
namespace fs = std::filesystem;

std::vector<InputSource> ExpandInputs(const std::vector<std::string>& args,
                                      const std::function<void(const Status&)>& report) {
  std::vector<InputSource> out;
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.push_back({arg});
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
        std::error_code fec;
        if (it->is_regular_file(fec) && ingest::IsReadableName(it->path().string())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        report(Status(StatusCode::kNotFound,
                      "folder has no files crosscheck reads (.txt, .html, .htm, .jsonl, .warc, .sgml, also .gz or .zst)",
                      arg));
      }
      for (std::string& f : found) out.push_back({std::move(f)});
      continue;
    }
    // Pipes, FIFOs and character devices are streams: read until they end, within
    // the budgets. Sockets and block devices are not inputs.
    if (!fs::is_regular_file(st) && !fs::is_fifo(st) && !fs::is_character_file(st)) {
      report(Status(StatusCode::kInvalidInput,
                    fs::is_socket(st) ? "is a socket, not a file" : "is a block device, not a file", arg));
      continue;
    }
    out.push_back({arg});
  }
  return out;
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

Result<std::string> ReadInput(const InputSource& source, const InputLimits& limits) {
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

  std::string data;
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
  if (!ended && !ReadUpTo(fd, data, budget + 1, ended)) return read_error();
  if (data.size() > budget) {
    // A stream's size is not known: only that it passed the budget.
    return archive ? ingest::ArchiveTooLarge(where, size, budget) : ingest::ArticleTooLarge(where, size, budget);
  }
  return data;
}

}  // namespace crosscheck
