// Input expansion and reading: files, folders and standard input.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "crosscheck/extract.h"
#include "ingest/input_reader.h"

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
    if (!fs::is_regular_file(st)) {
      report(Status(StatusCode::kInvalidInput, "not a regular file (device, socket or pipe?)", arg));
      continue;
    }
    out.push_back({arg});
  }
  return out;
}

Result<std::string> ReadInput(const InputSource& source, uint64_t max_bytes) {
  if (source.path == "-") {
    std::string data;
    char buf[1 << 16];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
      data.append(buf, static_cast<size_t>(std::cin.gcount()));
      if (data.size() > max_bytes) return ingest::ArticleTooLarge("-", data.size(), max_bytes).WithWhere("<stdin>");
    }
    return data;
  }
  std::error_code ec;
  if (fs::is_directory(source.path, ec)) {
    return Status(StatusCode::kInvalidInput, "is a folder; pass the folder itself to read the files in it",
                  source.path);
  }
  uint64_t size = fs::file_size(source.path, ec);
  if (!ec && size > max_bytes) return ingest::ArticleTooLarge(source.path, size, max_bytes);
  std::FILE* f = std::fopen(source.path.c_str(), "rb");
  if (f == nullptr) {
    return Status(StatusCode::kNotFound, std::string("cannot open: ") + std::strerror(errno), source.path);
  }
  std::string data;
  if (!ec) data.reserve(size);
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    data.append(buf, n);
    if (data.size() > max_bytes) {
      std::fclose(f);
      return ingest::ArticleTooLarge(source.path, data.size(), max_bytes);
    }
  }
  bool failed = std::ferror(f) != 0;
  int err = errno;
  std::fclose(f);
  if (failed) {
    return Status(StatusCode::kDataLoss, std::string("read error: ") + std::strerror(err), source.path);
  }
  return data;
}

}  // namespace crosscheck
