// Lines of a stream as they arrive, for the streaming filters: a JSONL record is
// handed on as soon as its newline is read, whatever comes after it, so a consumer
// at the other end of a pipe sees each result while the producer is still writing.
//
//   ingest::LineReader lines(STDIN_FILENO, limits.max_article_bytes);
//   std::string line;
//   for (ingest::LineReader::Next n; (n = lines.Read(line)) != ingest::LineReader::kEnd;) {
//     if (n == ingest::LineReader::kTooLong) { /* lines.too_long_size() bytes, skipped */ }
//   }
//
// Memory stays bounded by the longest line allowed: a line past `max_line` is read
// through to its newline and dropped, never held, so an endless line costs nothing.
#ifndef CROSSCHECK_INGEST_LINE_READER_H_
#define CROSSCHECK_INGEST_LINE_READER_H_

#include <cstdint>
#include <string>

namespace crosscheck::ingest {

class LineReader {
 public:
  // `pending` holds bytes of the stream already read by the caller (a peek at its
  // first bytes); they come first.
  LineReader(int fd, uint64_t max_line, std::string pending = {});

  enum Next {
    kLine,     // `line` holds the next line, without its "\n" (a last line may lack one)
    kTooLong,  // a line over max_line was skipped; too_long_size() says how long it was
    kError,    // a read error; errno says which. Reading stops.
    kEnd,      // the stream ended
  };
  Next Read(std::string& line);

  // 1-based number of the line last returned (kLine or kTooLong).
  uint64_t line_number() const { return line_number_; }
  uint64_t too_long_size() const { return too_long_size_; }

 private:
  // Reads more into buffer_; false at the end of the stream or on an error.
  bool Fill();

  int fd_;
  uint64_t max_line_;
  std::string buffer_;
  size_t start_ = 0;  // where the unread part of buffer_ begins
  bool ended_ = false, failed_ = false;
  uint64_t line_number_ = 0, too_long_size_ = 0;
};

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_LINE_READER_H_
