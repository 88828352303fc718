// Hostile input through the binary, as a user or an attacker would give it: every
// file of testdata/hostile and generated bombs, devices and endless pipes, each
// run under a time and an address-space bound; output that cannot be written; a
// bad size option; a file name that would split the error line.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ingest/testdata/fixtures.h"
#include "run_support.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;
using testing_support::Bounds;
using testing_support::ProcessRun;
using testing_support::RunBounded;

const std::string kBinary = CROSSCHECK_BINARY;
const std::string kSource = CROSSCHECK_SOURCE_DIR;

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("crosscheck_hostile_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::signal(SIGPIPE, SIG_IGN);  // the endless writer below sees the reader go
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

// Ends in time, by itself, with a status a user can read: 0 (something read) or
// 1 (nothing read, said why, naming the input).
void ExpectBounded(const ProcessRun& r, const std::string& input, const std::string& what) {
  EXPECT_FALSE(r.timed_out) << what << " " << input << " ran past its time bound";
  EXPECT_EQ(r.signal, 0) << what << " " << input << " was killed by signal " << r.signal << "\n" << r.err;
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << what << " " << input << " exited " << r.exit_code << "\n"
                                                     << r.err;
  if (r.exit_code == 1) {
    EXPECT_NE(r.err.find(fs::path(input).filename().string()), std::string::npos)
        << what << " " << input << ": the message does not name the input:\n"
        << r.err;
  }
  // A hang bound for a noisy machine, not a speed goal: each of these ends in
  // well under a second when the machine is quiet (sanitizers slow it down).
  EXPECT_LT(r.seconds, testing_support::kAddressSpaceLimits ? 15.0 : 20.0) << what << " " << input;
}

TEST_F(HostileInput, EveryReaderEndsQuicklyWithinBoundedMemory) {
  std::vector<std::string> inputs;
  for (const auto& e : fs::directory_iterator(kSource + "/testdata/hostile"))
    if (e.path().filename() != "README.md") inputs.push_back(e.path().string());
  std::sort(inputs.begin(), inputs.end());
  ASSERT_GE(inputs.size(), 15u);
  // Bombs: 1 GiB of text in 30 KB of Zstandard, named as one article and named
  // nothing; 256 MiB in a gzip member; 1 GiB of JSONL lines of 4 KB.
  const std::string unit = "The river rose again on Tuesday night. ";
  const std::string zst = ingest::fixtures::ZstdRepeated(unit, 1ull << 30);
  inputs.push_back(Write("bomb.txt.zst", zst));
  inputs.push_back(Write("bomb_without_extension", zst));
  inputs.push_back(Write("bomb.txt.gz", ingest::fixtures::GzipRepeated(unit, 256ull << 20)));
  std::string line = "{\"text\": \"";
  while (line.size() < 4000) line += unit;
  line += "\"}\n";
  inputs.push_back(Write("bomb.jsonl.zst", ingest::fixtures::ZstdRepeated(line, 1ull << 30)));
  // A WARC of records whose gzip payloads are bombs of just under the article
  // limit: each is refused by its ratio, and all count against the archive budget.
  {
    const std::string page = ingest::fixtures::GzipRepeated("word ", (32u << 20) - 64);
    const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + page;
    std::string record = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: " + std::to_string(block.size()) +
                         "\r\n\r\n" + block + "\r\n\r\n";
    std::string warc;
    for (int k = 0; k < 10; ++k) warc += record;
    inputs.push_back(Write("payload_bombs.warc", warc));
  }
  // 80,000 records separated by a space, so that no record starts a line: the
  // search for the next record was once quadratic.
  {
    std::string warc;
    for (int k = 0; k < 80000; ++k) warc += "WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n ";
    inputs.push_back(Write("records_never_start_a_line.warc", warc));
  }
  // JSON nested 30 million deep, in a feed line and in a page's JSON-LD.
  inputs.push_back(Write("deep.jsonl.gz", ingest::fixtures::GzipRepeated("[", 30u << 20)));
  inputs.push_back(Write(
      "deep_jsonld.html",
      "<html><head><script type=\"application/ld+json\">" + std::string(4u << 20, '[') +
          "</script></head><body><p>The mayor said the river had risen by three meters on Tuesday.</p></body></html>"));
  // A .txt.gz whose text starts with "{": one article by its name, so the
  // article limit applies, not the archive budget.
  inputs.push_back(Write("brace.txt.gz", ingest::fixtures::GzipRepeated("{The river rose again on Tuesday night. ", 100u << 20)));
  // Thousands of corrupt gzip members, each a few bytes.
  {
    std::string units;
    for (int k = 0; k < 300000; ++k) units += std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03\x01\xff\xff\0\0", 15);
    inputs.push_back(Write("corrupt_members.txt.gz", units));
  }
  // One article of 1 MB holding thousands of figures: conflicts need two sources.
  {
    std::string text = "Flood warning\n\n";
    for (int k = 0; text.size() < (1u << 20); ++k)
      text += "Officials said the river had risen and " + std::to_string(1000 + k * 7919 % 1000000) + " people left.\n\n";
    inputs.push_back(Write("many_figures.txt", text));
  }
  // 40 MiB of text in a file whose name says nothing: over the article limit.
  std::string big;
  while (big.size() < (40u << 20)) big += unit;
  inputs.push_back(Write("big_text_without_extension", big));
  big.clear();
  big.shrink_to_fit();
  // Devices and /proc files that never end or are far larger than they say.
  for (const char* device : {"/dev/zero", "/dev/urandom", "/proc/self/pagemap"})
    if (fs::exists(device)) inputs.push_back(device);

  Bounds bounds;
  bounds.seconds = 60;
  bounds.address_space = 2ull << 30;
  double slowest = 0;
  std::string slowest_run;
  for (const std::string& input : inputs) {
    for (const char* verb : {"extract", "brief"}) {
      // Default budgets, but for the JSONL bomb: read whole at the default 1 GiB it is a
      // million honest articles, not a hang; the budget holds it to about 250.
      std::vector<std::string> args = {verb, input};
      if (fs::path(input).filename() == "bomb.jsonl.zst") args.insert(args.begin() + 1, {"--max-archive-bytes", "1MiB"});
      if (std::string(verb) == "extract") args.insert(args.begin() + 1, "--annotate");
      ProcessRun r = RunBounded(kBinary, args, bounds);
      ExpectBounded(r, input, verb);
      if (r.seconds > slowest) slowest = r.seconds, slowest_run = std::string(verb) + " " + input;
    }
  }
  std::cout << "slowest of " << inputs.size() << " hostile inputs: " << slowest << " s (" << slowest_run << ")\n";
}

TEST_F(HostileInput, AnEndlessPipeIsReadOnlyUpToItsBudget) {
  const std::string fifo = (dir_ / "endless").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd < 0) return;
    const std::string line = "The river rose again on Tuesday night and officials met.\n";
    while (!stop && ::write(fd, line.data(), line.size()) > 0) {
    }
    ::close(fd);
  });
  Bounds bounds;
  bounds.seconds = 20;
  bounds.address_space = 1ull << 30;
  ProcessRun r = RunBounded(kBinary, {"extract", "--max-bytes", "4MiB", fifo}, bounds);
  stop = true;
  writer.join();
  ExpectBounded(r, fifo, "extract");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("input is over the limit of 4.0 MiB for one article"), std::string::npos) << r.err;
}

TEST_F(HostileInput, APipeIsReadAsAStream) {
  // As `crosscheck extract <(zcat report.txt.gz)` gives it: a FIFO, not a file.
  const std::string fifo = (dir_ / "report").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream(fifo) << "Title: Bridge closed\n\nOfficials said on Tuesday that the bridge would stay closed for a week.\n";
  });
  ProcessRun r = RunBounded(kBinary, {"extract", "--format", "text", fifo});
  writer.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("title: Bridge closed"), std::string::npos) << r.out;
}

TEST_F(HostileInput, OutputThatCannotBeWrittenIsAnErrorNotSilence) {
  const std::string story = kSource + "/examples/story/";
  struct Case {
    std::string shell;  // run by /bin/sh; $CC is the binary
    std::string message;
  };
  const std::vector<Case> kCases = {
      {"\"$CC\" brief \"$STORY\" > /dev/full", "cannot write standard output: No space left on device"},
      {"\"$CC\" brief \"$STORY\" >&-", "cannot write standard output: Bad file descriptor"},
      {"\"$CC\" extract \"$STORY\" > /dev/full", "cannot write standard output: No space left on device"},
      {"\"$CC\" brief -o /dev/full \"$STORY\"", "cannot write /dev/full: No space left on device"},
      {"\"$CC\" extract -o /dev/full \"$STORY\"", "cannot write /dev/full: No space left on device"},
      {"\"$CC\" brief -o \"$DIR/no/such/folder/brief.md\" \"$STORY\"", "brief.md: No such file or directory"},
  };
  for (const Case& c : kCases) {
    ProcessRun r = RunBounded("/bin/sh", {"-c", "CC='" + kBinary + "' STORY='" + story + "' DIR='" + dir_.string() + "'; " + c.shell});
    EXPECT_EQ(r.exit_code, 4) << c.shell << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.shell << "\n" << r.err;
    EXPECT_EQ(r.err.find("not found"), std::string::npos) << c.shell << "\n" << r.err;
  }
}

TEST_F(HostileInput, AFailedWriteLeavesTheOldFileWhole) {
  // A file size limit makes the write fail part way, as a full disk would.
  const std::string story = kSource + "/examples/story/";
  for (const char* verb : {"brief", "extract"}) {
    const std::string target = Write(std::string(verb) + ".out", "the previous output\n");
    ProcessRun r = RunBounded("/bin/sh", {"-c", "trap '' XFSZ; ulimit -f 4; exec '" + kBinary + "' " + verb + " -o '" + target +
                                             "' '" + story + "'"});
    EXPECT_EQ(r.exit_code, 4) << verb << "\n" << r.err;
    EXPECT_NE(r.err.find("cannot write " + target + ": File too large"), std::string::npos) << r.err;
    EXPECT_EQ(testing_support::SlurpFile(target), "the previous output\n") << verb;
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
    EXPECT_EQ(files, 1u) << verb << ": a temporary file was left behind";
    fs::remove(target);
  }
  // And without the limit the file is replaced whole.
  const std::string target = Write("brief.md", "old");
  ProcessRun ok = RunBounded(kBinary, {"brief", "-o", target, story});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(testing_support::SlurpFile(target).rfind("# ", 0), 0u);
}

TEST_F(HostileInput, SizeOptionsRefuseNegativeZeroAndHuge) {
  for (const char* bad : {"-5", "0", "-1MiB", "lots", "18446744073709551615", "99999999999999999999", "2GiB"}) {
    ProcessRun r = RunBounded(kBinary, {"extract", "--max-bytes", bad, kSource + "/examples/story/"});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--max-bytes"), std::string::npos) << r.err;
  }
  ProcessRun units = RunBounded(kBinary, {"extract", "--max-bytes", "1KiB", kSource + "/examples/story/01_valley_wire.txt"});
  EXPECT_EQ(units.exit_code, 1);
  EXPECT_NE(units.err.find("over the limit of 1.0 KiB for one article"), std::string::npos) << units.err;
}

TEST_F(HostileInput, AFileNameWithANewlineKeepsTheErrorOnOneLine) {
  const std::string name = Write("bad\nname\x1b[2J.txt", "");
  ProcessRun r = RunBounded(kBinary, {"extract", name});
  EXPECT_EQ(r.exit_code, 1);
  const std::string first = r.err.substr(0, r.err.find('\n'));
  EXPECT_NE(first.find("bad\\nname\\x1b[2J.txt: invalid input: empty file"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
}

TEST_F(HostileInput, TheMarkdownBriefShowsMarkupAndEscapesAsText) {
  const std::string hostile = kSource + "/testdata/hostile/";
  ProcessRun r = RunBounded(kBinary, {"brief", hostile + "html_script_in_text.html", hostile + "html_escape_in_title.html",
                                      hostile + "jsonl_controls.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("<script>"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("<img"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("&lt;script&gt;alert(3)&lt;/script&gt;"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  EXPECT_EQ(r.out.find("javascript:"), std::string::npos);
  EXPECT_EQ(r.out.find("]0;owned"), std::string::npos);
}

TEST_F(HostileInput, TheHtmlBriefShowsMarkupAndEscapesAsText) {
  const std::string hostile = kSource + "/testdata/hostile/";
  ProcessRun r = RunBounded(kBinary, {"brief", "--format", "html", hostile + "html_script_in_text.html",
                                      hostile + "html_escape_in_title.html", hostile + "jsonl_controls.jsonl",
                                      hostile + "warc_javascript_target.warc"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string lower = r.out;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_EQ(lower.find("<script"), std::string::npos) << r.out;
  EXPECT_EQ(lower.find("<img"), std::string::npos) << r.out;
  EXPECT_EQ(lower.find("javascript:"), std::string::npos);
  EXPECT_NE(r.out.find("&lt;script&gt;alert(3)&lt;/script&gt;"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
}

TEST_F(HostileInput, OutputThroughASymlinkReplacesItsTargetAndKeepsItsMode) {
  const std::string story = kSource + "/examples/story/";
  const std::string target = Write("brief.md", "old\n");
  ::chmod(target.c_str(), 0600);
  const std::string link = (dir_ / "latest.md").string();
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  ProcessRun r = RunBounded(kBinary, {"brief", "-o", link, story});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode)) << "the symlink was replaced by a file";
  EXPECT_EQ(testing_support::SlurpFile(target).rfind("# ", 0), 0u);
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(HostileInput, ExtractThatReadsNothingLeavesTheOldOutput) {
  const std::string target = Write("articles.jsonl", "the previous output\n");
  ProcessRun r = RunBounded(kBinary, {"extract", "-o", target, (dir_ / "missing.txt").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(testing_support::SlurpFile(target), "the previous output\n");
}

}  // namespace
}  // namespace crosscheck
