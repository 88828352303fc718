// The streaming filters through the binary, as Spark's RDD.pipe or a Kafka
// consumer runs them: `extract -` and `annotate` with JSONL on stdin give one
// record out per record in, in order, flushed as each is made; a bad line is
// reported with its number and skipped, and the exit status says so.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_support.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;
using testing_support::Bounds;
using testing_support::ProcessRun;
using testing_support::RunBounded;

const std::string kBinary = CROSSCHECK_BINARY;
const std::string kSource = CROSSCHECK_SOURCE_DIR;

// A record of one short article; `id` names it.
std::string Record(const std::string& id, const std::string& text = "") {
  nlohmann::json j;
  j["id"] = id;
  j["title"] = "Council votes on the bridge " + id;
  j["published"] = "2025-03-11";
  j["text"] = text.empty() ? "The city council voted on Tuesday to repair the old bridge. \"We cannot wait,\" "
                             "Mayor Ana Ruiz said. Work starts next month and costs 4 million euros."
                           : text;
  return j.dump() + "\n";
}

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

class StreamFilter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("crosscheck_stream_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The binary with `args`, `input` on its stdin.
  ProcessRun Run(const std::vector<std::string>& args, const std::string& input) {
    const fs::path in = dir_ / "stdin";
    std::ofstream(in, std::ios::binary) << input;
    Bounds bounds;
    bounds.seconds = 120;
    bounds.stdin_path = in.string();
    return RunBounded(kBinary, args, bounds);
  }

  fs::path dir_;
};

// Both filters, on the same input.
const std::vector<std::vector<std::string>> kFilters = {{"extract", "--format", "json", "-"}, {"annotate"}};

TEST_F(StreamFilter, RecordsInAreRecordsOutInOrder) {
  std::string input;
  for (int i = 1; i <= 7; ++i) input += Record("r" + std::to_string(i));
  for (const auto& filter : kFilters) {
    ProcessRun r = Run(filter, input);
    ASSERT_EQ(r.exit_code, 0) << filter[0] << ": " << r.err;
    EXPECT_EQ(r.err, "") << filter[0];
    std::vector<nlohmann::json> out = JsonLines(r.out);
    ASSERT_EQ(out.size(), 7u) << filter[0];
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(out[i]["id"], "r" + std::to_string(i + 1)) << filter[0];
      EXPECT_EQ(out[i]["path"], "-: line " + std::to_string(i + 1)) << filter[0];
      EXPECT_EQ(out[i]["published"], "2025-03-11");
      EXPECT_EQ(out[i].contains("annotations"), filter[0] == "annotate");
    }
  }
}

TEST_F(StreamFilter, BadLinesAreReportedByNumberAndSkipped) {
  struct Bad {
    std::string line;
    std::string message;
  };
  const std::vector<Bad> bad = {
      {"{\"id\": \"x\", \"text\": ", "not valid JSON"},
      {"[1, 2, 3]", "a JSON array, not an object"},
      {"\"just a string\"", "a JSON string, not an object"},
      {"{\"id\": \"no-text\", \"title\": \"Headline only\"}", "no \"text\" or \"html\" field"},
      {"{\"id\": \"empty\", \"text\": \"\"}", "no \"text\" or \"html\" field"},
      {"{\"id\": \"latin1\", \"text\": \"Caf\xe9 owners protest\"}", "not valid UTF-8"},
      {std::string(200, '[') + std::string(200, ']'), "nested deeper than"},
      {"{\"id\": \"blank\", \"text\": \"   \"}", "only whitespace"},
  };
  // Good records around every bad one: lines 1, 3, 5, ... are good.
  std::string input;
  for (size_t i = 0; i < bad.size(); ++i) input += Record("g" + std::to_string(i)) + bad[i].line + "\n";
  input += Record("last");
  for (const auto& filter : kFilters) {
    ProcessRun r = Run(filter, input);
    EXPECT_EQ(r.exit_code, 1) << filter[0] << ": a bad record must show in the exit status";
    std::vector<nlohmann::json> out = JsonLines(r.out);
    ASSERT_EQ(out.size(), bad.size() + 1) << filter[0] << ": " << r.err;
    EXPECT_EQ(out.back()["id"], "last");
    for (size_t i = 0; i < bad.size(); ++i) {
      EXPECT_EQ(out[i]["id"], "g" + std::to_string(i));
      const std::string where = "-: line " + std::to_string(2 * i + 2) + ": ";
      const size_t at = r.err.find(where);
      ASSERT_NE(at, std::string::npos) << filter[0] << " does not name " << where << " in:\n" << r.err;
      const std::string message = r.err.substr(at, r.err.find('\n', at) - at);
      EXPECT_NE(message.find(bad[i].message), std::string::npos) << filter[0] << ": " << message;
    }
  }
}

TEST_F(StreamFilter, EmptyLinesAndAnEmptyStreamAreNotProblems) {
  const std::string input = "\n" + Record("a") + "\n   \n\n" + Record("b") + "\n";
  for (const auto& filter : kFilters) {
    ProcessRun r = Run(filter, input);
    EXPECT_EQ(r.exit_code, 0) << filter[0] << ": " << r.err;
    EXPECT_EQ(r.err, "");
    std::vector<nlohmann::json> out = JsonLines(r.out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1]["path"], "-: line 6");  // blank lines still count
  }
  // An empty partition of a Spark job is no failure for the per-record filter.
  ProcessRun empty = Run({"annotate"}, "");
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "");
}

TEST_F(StreamFilter, AHugeLineIsSkippedWithoutLosingTheStream) {
  // 3 MiB in one line against a 1 MiB limit, then one that ends without a newline.
  const std::string huge = "{\"id\": \"huge\", \"text\": \"" + std::string(3 << 20, 'a') + "\"}\n";
  std::string last = Record("after");
  last.pop_back();
  const std::string input = Record("before") + huge + last;
  for (auto filter : kFilters) {
    filter.insert(filter.begin() + 1, {"--max-bytes", "1MiB"});
    ProcessRun r = Run(filter, input);
    EXPECT_EQ(r.exit_code, 1) << filter[0];
    std::vector<nlohmann::json> out = JsonLines(r.out);
    ASSERT_EQ(out.size(), 2u) << filter[0] << ": " << r.err;
    EXPECT_EQ(out[0]["id"], "before");
    EXPECT_EQ(out[1]["id"], "after");
    EXPECT_NE(r.err.find("-: line 2: invalid input: line is " + std::to_string(huge.size() - 1) +
                         " bytes, over the limit for one article; skipped"),
              std::string::npos)
        << filter[0] << ": " << r.err;
  }
}

TEST_F(StreamFilter, ARecordOutLeavesBeforeTheNextComesIn) {
  // A producer that writes one record and waits for its result before the next,
  // as a consumer reading a topic does: the filter must not wait for the end of
  // its input (nor for a full buffer) before it writes.
  for (const auto& filter : kFilters) {
    int to_child[2], from_child[2];
    ASSERT_EQ(::pipe(to_child), 0);
    ASSERT_EQ(::pipe(from_child), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) ::close(fd);
      std::vector<std::string> args = {kBinary};
      args.insert(args.end(), filter.begin(), filter.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(kBinary.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    std::string got;
    // The next line of output, or "" after 60 s without one.
    auto next_line = [&]() -> std::string {
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (got.find('\n') == std::string::npos && std::chrono::steady_clock::now() < until) {
        pollfd p{from_child[0], POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        char buf[4096];
        ssize_t n = ::read(from_child[0], buf, sizeof buf);
        if (n <= 0) break;
        got.append(buf, static_cast<size_t>(n));
      }
      const size_t nl = got.find('\n');
      if (nl == std::string::npos) return "";
      std::string line = got.substr(0, nl);
      got.erase(0, nl + 1);
      return line;
    };
    for (const char* id : {"first", "second", "third"}) {
      const std::string record = Record(id);
      ASSERT_EQ(::write(to_child[1], record.data(), record.size()), static_cast<ssize_t>(record.size()));
      const std::string line = next_line();
      ASSERT_FALSE(line.empty()) << filter[0] << ": no output for record " << id << " while its input stays open";
      EXPECT_EQ(nlohmann::json::parse(line)["id"], id);
    }
    ::close(to_child[1]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(from_child[0]);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << filter[0];
  }
}

TEST_F(StreamFilter, AnnotateOfExtractIsExtractAnnotate) {
  const std::string story = kSource + "/examples/story/03_northern_ledger.txt";
  Bounds bounds;
  ProcessRun extracted = RunBounded(kBinary, {"extract", "--format", "json", story}, bounds);
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  ProcessRun direct = RunBounded(kBinary, {"extract", "--annotate", story}, bounds);
  ASSERT_EQ(direct.exit_code, 0) << direct.err;
  ProcessRun piped = Run({"annotate"}, extracted.out);
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  const nlohmann::json want = nlohmann::json::parse(direct.out);
  const nlohmann::json got = nlohmann::json::parse(piped.out);
  ASSERT_FALSE(want["annotations"]["quotes"].empty());
  EXPECT_EQ(got["annotations"], want["annotations"]);
  // The extracted record's own fields pass through as they were.
  EXPECT_EQ(got["dropped"], want["dropped"]);
  EXPECT_EQ(got["repairs"], want["repairs"]);
  EXPECT_EQ(got["path"], want["path"]);
}

TEST_F(StreamFilter, PlainTextOnStdinIsStillOneArticle) {
  ProcessRun r = Run({"extract", "-"}, "Notes: the council met on Tuesday.\nIt voted to repair the bridge.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(JsonLines(r.out).size(), 1u);
  // A broken first record does not turn the stream into one article of text.
  ProcessRun broken = Run({"extract", "-"}, "{\"id\": \"cut\", \"text\": \"The coun\n" + Record("next"));
  EXPECT_EQ(broken.exit_code, 1);
  ASSERT_EQ(JsonLines(broken.out).size(), 1u) << broken.err;
  EXPECT_NE(broken.err.find("-: line 1: invalid input: not valid JSON"), std::string::npos) << broken.err;
  ProcessRun annotate = Run({"annotate", "-"}, Record("a"));
  EXPECT_EQ(annotate.exit_code, 0) << annotate.err;
  EXPECT_EQ(Run({"annotate", "some.jsonl"}, "").exit_code, 2);  // standard input only
}

}  // namespace
}  // namespace crosscheck
