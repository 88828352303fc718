// LineReader against the plain reference (split the whole input at "\n") on inputs
// cut into writes of every size, and its bounds: a line over the limit is dropped
// whole however it arrives, and nothing waits for more than one line.
#include "ingest/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

namespace crosscheck::ingest {
namespace {

struct Got {
  std::vector<std::string> lines;  // kLine results; "<too long N>" for kTooLong
  std::vector<uint64_t> numbers;   // line_number() after each
};

// Everything a LineReader reads from `input`, written into a pipe in pieces of
// `piece` bytes by another thread, with `pending` given as read ahead.
Got ReadAll(const std::string& input, size_t piece, uint64_t max_line, const std::string& pending = "") {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    for (size_t i = 0; i < input.size(); i += piece) {
      const std::string_view chunk = std::string_view(input).substr(i, piece);
      EXPECT_EQ(::write(fds[1], chunk.data(), chunk.size()), static_cast<ssize_t>(chunk.size()));
    }
    ::close(fds[1]);
  });
  LineReader reader(fds[0], max_line, pending);
  Got got;
  std::string line;
  for (LineReader::Next n; (n = reader.Read(line)) != LineReader::kEnd;) {
    EXPECT_NE(n, LineReader::kError);
    if (n == LineReader::kError) break;
    got.lines.push_back(n == LineReader::kLine ? line : "<too long " + std::to_string(reader.too_long_size()) + ">");
    got.numbers.push_back(reader.line_number());
  }
  writer.join();
  ::close(fds[0]);
  return got;
}

// The reference: split at "\n", a last line without one kept.
std::vector<std::string> Reference(const std::string& input) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < input.size()) {
    size_t e = input.find('\n', b);
    if (e == std::string::npos) e = input.size();
    out.push_back(input.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

TEST(LineReader, GivesTheLinesOfAnyCutOfTheInput) {
  std::mt19937 rng(7);
  const std::vector<std::string> words = {"{\"id\": 1}", "", "a", "text with spaces", std::string(300, 'x'), "\r"};
  for (int trial = 0; trial < 60; ++trial) {
    std::string input;
    const int lines = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < lines; ++i) input += words[rng() % words.size()] + "\n";
    if (rng() % 2) input.pop_back();  // a last line without its newline
    for (size_t piece : {1ul, 2ul, 7ul, 64ul, 100000ul}) {
      Got got = ReadAll(input, piece, /*max_line=*/1000);  // longer than every line here
      EXPECT_EQ(got.lines, Reference(input)) << "piece " << piece;
      for (size_t i = 0; i < got.numbers.size(); ++i) EXPECT_EQ(got.numbers[i], i + 1);
    }
  }
}

TEST(LineReader, ALineOverTheLimitIsDroppedAndCountedWhateverTheCut) {
  const std::string long_line(200000, 'z');
  const std::string input = "first\n" + long_line + "\nlast";
  for (size_t piece : {1000ul, 65536ul, 300000ul}) {
    Got got = ReadAll(input, piece, 1000);
    ASSERT_EQ(got.lines.size(), 3u) << piece;
    EXPECT_EQ(got.lines[0], "first");
    EXPECT_EQ(got.lines[2], "last");
    EXPECT_EQ(got.numbers, (std::vector<uint64_t>{1, 2, 3}));
    // Too long before its newline came: skipped with its full length; or, when its
    // newline came in the same read, given whole for the caller's size check.
    EXPECT_TRUE(got.lines[1] == "<too long 200000>" || got.lines[1] == long_line) << piece;
  }
  // A line that never ends is read to the end of the stream, never held.
  Got endless = ReadAll("ok\n" + std::string(3 << 20, 'q'), 65536, 1 << 20);
  EXPECT_EQ(endless.lines, (std::vector<std::string>{"ok", "<too long " + std::to_string(3 << 20) + ">"}));
}

TEST(LineReader, BytesReadAheadComeFirst) {
  Got got = ReadAll("ne\nsecond\n", 3, 100, "{o");
  EXPECT_EQ(got.lines, (std::vector<std::string>{"{one", "second"}));
  EXPECT_EQ(ReadAll("", 1, 100, "only\n").lines, (std::vector<std::string>{"only"}));
  EXPECT_TRUE(ReadAll("", 1, 100).lines.empty());
}

TEST(LineReader, ALineIsGivenBeforeTheNextArrives) {
  // The writer holds the pipe open after the first line: Read must return it
  // without waiting for more.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_EQ(::write(fds[1], "one\ntw", 6), 6);
  LineReader reader(fds[0], 100);
  std::string line;
  ASSERT_EQ(reader.Read(line), LineReader::kLine);
  EXPECT_EQ(line, "one");
  ASSERT_EQ(::write(fds[1], "o\n", 2), 2);
  ::close(fds[1]);
  ASSERT_EQ(reader.Read(line), LineReader::kLine);
  EXPECT_EQ(line, "two");
  EXPECT_EQ(reader.Read(line), LineReader::kEnd);
  ::close(fds[0]);
}

}  // namespace
}  // namespace crosscheck::ingest
