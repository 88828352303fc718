#include "ingest/line_reader.h"

#include <unistd.h>

#include <cerrno>

namespace crosscheck::ingest {
namespace {

// Bytes asked of read() at a time. A pipe gives what it holds, often less.
constexpr size_t kChunk = 64 << 10;

}  // namespace

LineReader::LineReader(int fd, uint64_t max_line, std::string pending)
    : fd_(fd), max_line_(max_line), buffer_(std::move(pending)) {}

bool LineReader::Fill() {
  if (ended_ || failed_) return false;
  // Consumed bytes are dropped before the buffer grows, so it holds at most one
  // line and one chunk.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  const size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  ssize_t got;
  do {
    got = ::read(fd_, buffer_.data() + old, kChunk);
  } while (got < 0 && errno == EINTR);
  buffer_.resize(old + (got > 0 ? static_cast<size_t>(got) : 0));
  if (got < 0) failed_ = true;
  if (got == 0) ended_ = true;
  return got > 0;
}

LineReader::Next LineReader::Read(std::string& line) {
  size_t scanned = 0;  // no newline in the first `scanned` unread bytes (Fill moves them)
  while (true) {
    const size_t newline = buffer_.find('\n', start_ + scanned);
    if (newline != std::string::npos) {
      ++line_number_;
      line.assign(buffer_, start_, newline - start_);
      start_ = newline + 1;
      return kLine;
    }
    scanned = buffer_.size() - start_;
    if (scanned > max_line_) {
      // Too long already: count the rest of it up to its newline, holding none.
      ++line_number_;
      uint64_t size = buffer_.size() - start_;
      buffer_.clear();
      start_ = 0;
      while (true) {
        if (!Fill()) break;
        const size_t nl = buffer_.find('\n');
        if (nl != std::string::npos) {
          size += nl;
          start_ = nl + 1;
          break;
        }
        size += buffer_.size();
        buffer_.clear();
      }
      too_long_size_ = size;
      return kTooLong;
    }
    if (!Fill()) {
      if (failed_) return kError;
      if (start_ == buffer_.size()) return kEnd;
      ++line_number_;  // the last line, without a newline
      line.assign(buffer_, start_, std::string::npos);
      start_ = buffer_.size();
      return kLine;
    }
  }
}

}  // namespace crosscheck::ingest
