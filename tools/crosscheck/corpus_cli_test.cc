// Corpus mode through the binary: ingest, stories, search, brief --db, cluster;
// idempotence, a store killed with SIGKILL at random moments, two ingests at
// once, readers during an ingest, a disk that fills up.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "run_support.h"
#include "stream_support.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;
using testing_support::Bounds;
using testing_support::MakeStream;
using testing_support::ProcessRun;
using testing_support::RunBounded;
using testing_support::Stream;

const std::string kBinary = CROSSCHECK_BINARY;
const std::string kSource = CROSSCHECK_SOURCE_DIR;

// Every article with its story (resolved) and original, by given id.
struct Snapshot {
  std::map<std::string, std::pair<int64_t, int64_t>> articles;  // given id -> (story, duplicate_of or 0)
  size_t stories = 0;
};

int64_t Scalar(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

// Checks the invariants a store keeps whenever it was stopped, and reads it.
Snapshot CheckConsistent(const std::string& db_path) {
  Snapshot snap;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  }
  sqlite3_finalize(st);
  if (Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'articles'") == 1) {
    const int64_t articles = Scalar(db, "SELECT count(*) FROM articles");
    // Every article sits in a live story; the search index holds every article;
    // the clusterer counted exactly the stored articles.
    EXPECT_EQ(Scalar(db, "SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story "
                         "WHERE s.id IS NULL OR s.merged_into != 0"),
              0);
    EXPECT_EQ(Scalar(db, "SELECT count(*) FROM article_search_docsize"), articles);
    EXPECT_EQ(Scalar(db, "SELECT coalesce(sum(documents), 0) FROM term_counts"), articles);
    EXPECT_EQ(Scalar(db, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND duplicate_of NOT IN "
                         "(SELECT id FROM articles)"),
              0);
    if (sqlite3_prepare_v2(db, "SELECT given_id, story, coalesce(duplicate_of, 0) FROM articles", -1, &st, nullptr) ==
        SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW)
        snap.articles[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = {sqlite3_column_int64(st, 1),
                                                                                   sqlite3_column_int64(st, 2)};
    }
    sqlite3_finalize(st);
    snap.stories = static_cast<size_t>(Scalar(db, "SELECT count(*) FROM stories WHERE merged_into = 0"));
  }
  sqlite3_close(db);
  return snap;
}

class CorpusCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("crosscheck_corpus_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Db(const std::string& name = "news.db") const { return (dir_ / name).string(); }
  ProcessRun Run(std::vector<std::string> args) { return RunBounded(kBinary, args, Bounds{}); }
  fs::path dir_;
};

std::vector<std::string> Join(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(CorpusCli, IngestIsIdempotentAndListsTheStories) {
  const std::vector<std::string> inputs = {kSource + "/examples/story", kSource + "/examples/stream"};
  ProcessRun first = Run(Join({"ingest", "--db", Db()}, inputs));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("read 25 articles, 24 new"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("1 already stored (1 same text"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("examples/stream: 1 file skipped as not articles (table (CSV): 1)"), std::string::npos)
      << first.err;
  const Snapshot before = CheckConsistent(Db());
  ProcessRun again = Run(Join({"ingest", "--db", Db()}, inputs));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 new"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("25 already stored"), std::string::npos) << again.err;
  const Snapshot after = CheckConsistent(Db());
  EXPECT_EQ(before.articles, after.articles);

  ProcessRun stories = Run({"stories", "--db", Db(), "--format", "json"});
  ASSERT_EQ(stories.exit_code, 0) << stories.err;
  size_t lines = 0, articles = 0;
  std::istringstream in(stories.out);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    ++lines;
    articles += j["articles"].get<size_t>();
    EXPECT_LE(j["independent_sources"].get<size_t>(), j["articles"].get<size_t>());
    EXPECT_TRUE(j["headline"].is_string());
  }
  EXPECT_EQ(lines, after.stories);
  EXPECT_EQ(articles, 24u);
  ProcessRun md = Run({"stories", "--db", Db(), "--min-articles", "5", "--outlet", "meridian press agency"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("| story | articles | outlets | independent sources |"), std::string::npos);
  EXPECT_NE(md.out.find("strike"), std::string::npos) << md.out;
}

TEST_F(CorpusCli, SearchFindsArticlesAndStories) {
  ASSERT_EQ(Run({"ingest", "--db", Db(), kSource + "/examples/stream"}).exit_code, 0);
  ProcessRun hits = Run({"search", "--db", Db(), "salmonella cheese", "--format", "json", "--limit", "3"});
  ASSERT_EQ(hits.exit_code, 0) << hits.err;
  std::istringstream in(hits.out);
  size_t n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_NE(j["snippet"].get<std::string>().find('['), std::string::npos);
  }
  EXPECT_EQ(n, 3u);
  ProcessRun none = Run({"search", "--db", Db(), "zebra"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("No article matches."), std::string::npos);
  ProcessRun stories = Run({"search", "--db", Db(), "strike", "--stories"});
  ASSERT_EQ(stories.exit_code, 0) << stories.err;
  EXPECT_NE(stories.out.find("- story "), std::string::npos) << stories.out;
  ProcessRun since = Run({"search", "--db", Db(), "salmonella", "--since", "2025-03-14", "--format", "json"});
  std::istringstream sin(since.out);
  for (std::string line; std::getline(sin, line);)
    EXPECT_GE(nlohmann::json::parse(line)["published"].get<std::string>(), "2025-03-14");
  EXPECT_EQ(Run({"search", "--db", Db(), "..."}).exit_code, 2);
  EXPECT_EQ(Run({"search", "--db", Db(), "x", "--since", "March"}).exit_code, 2);
  ProcessRun story = Run({"search", "--db", Db(), "x", "--story", "999"});
  EXPECT_EQ(story.exit_code, 1);
  EXPECT_NE(story.err.find("no story 999"), std::string::npos) << story.err;
}

TEST_F(CorpusCli, BriefFromTheStoreIsTheBriefFromTheFiles) {
  // The whole stream ingested; the dam story's brief from the store is the brief
  // of its six files, byte for byte.
  ASSERT_EQ(Run({"ingest", "--db", Db(), kSource + "/examples/story/", kSource + "/examples/stream/"}).exit_code, 0);
  ProcessRun found = Run({"search", "--db", Db(), "spillway", "--format", "json", "--limit", "1"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  const int64_t story = nlohmann::json::parse(found.out.substr(0, found.out.find('\n')))["story"].get<int64_t>();
  for (const char* format : {"json", "markdown", "html"}) {
    ProcessRun from_db = Run({"brief", "--db", Db(), "--story", std::to_string(story), "--format", format});
    ProcessRun from_files = Run({"brief", "--format", format, kSource + "/examples/story/"});
    ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
    ASSERT_EQ(from_files.exit_code, 0) << from_files.err;
    EXPECT_EQ(from_db.out, from_files.out) << format;
  }
  ProcessRun unknown = Run({"brief", "--db", Db(), "--story", "77"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no story 77"), std::string::npos) << unknown.err;
  EXPECT_EQ(Run({"brief", "--db", Db()}).exit_code, 2);
}

TEST_F(CorpusCli, ASmallStoreOfOneStoryHoldsOneStory) {
  // Six articles of one story in a new store: the young stream's IDF alone would
  // leave fragments; the pile pass at the end of ingest joins them, and the brief
  // from the store is the brief of the files.
  const std::string db = Db("small.db");
  ASSERT_EQ(Run({"ingest", "--db", db, kSource + "/examples/story/"}).exit_code, 0);
  ProcessRun listed = Run({"stories", "--db", db, "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  ASSERT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 1) << listed.out;
  const nlohmann::json story = nlohmann::json::parse(listed.out);
  EXPECT_EQ(story["articles"], 6);
  ProcessRun from_db = Run({"brief", "--db", db, "--story", std::to_string(story["story"].get<int64_t>())});
  ProcessRun from_files = Run({"brief", kSource + "/examples/story/"});
  ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_EQ(from_db.out, from_files.out);
  // The next run over another story's articles keeps the first story whole.
  ASSERT_EQ(Run({"ingest", "--db", db, kSource + "/examples/stream/08_meridian_press_hospital_strike.txt",
                 kSource + "/examples/stream/10_riverside_post_health_walkout.txt"}).exit_code, 0);
  listed = Run({"stories", "--db", db, "--format", "json"});
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 2) << listed.out;
  EXPECT_EQ(nlohmann::json::parse(listed.out.substr(0, listed.out.find('\n')))["articles"], 6);
}

TEST_F(CorpusCli, BadStoresAreRefusedAndLeftAlone) {
  const std::string text = Db("notes.txt");
  std::ofstream(text) << "Not a database at all, just notes.\n";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"ingest", "--db", text, kSource + "/examples/story"},
        std::vector<std::string>{"stories", "--db", text}, std::vector<std::string>{"search", "--db", text, "dam"},
        std::vector<std::string>{"brief", "--db", text, "--story", "1"},
        std::vector<std::string>{"serve", "--db", text, "--port", "0"}}) {
    ProcessRun r = Run(args);
    EXPECT_EQ(r.exit_code, 6) << args[0] << "\n" << r.err;
    EXPECT_NE(r.err.find("not a crosscheck store"), std::string::npos) << r.err;
  }
  std::ifstream in(text);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "Not a database at all, just notes.");
  ProcessRun missing = Run({"stories", "--db", Db("missing.db")});
  EXPECT_EQ(missing.exit_code, 6);
  EXPECT_NE(missing.err.find("no such store"), std::string::npos);
  EXPECT_FALSE(fs::exists(Db("missing.db")));
}

TEST_F(CorpusCli, ClusterSortsAMixedPileIntoStories) {
  ProcessRun r = Run({"cluster", kSource + "/examples/story", kSource + "/examples/stream"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  size_t stories = 0, articles = 0, previous = SIZE_MAX;
  for (std::string line; std::getline(in, line); ++stories) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j["story"].get<size_t>(), stories + 1);
    EXPECT_LE(j["articles"].get<size_t>(), previous);  // largest first
    previous = j["articles"].get<size_t>();
    articles += j["members"].size();
  }
  EXPECT_EQ(articles, 25u);
  EXPECT_GE(stories, 4u);
}

TEST_F(CorpusCli, ASeveralStoryPileBriefsTheLargestOrEach) {
  ProcessRun r = Run({"brief", kSource + "/examples/story", kSource + "/examples/stream"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("these 25 articles tell"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("briefing the largest"), std::string::npos) << r.err;
  ProcessRun all = Run({"brief", "--all-stories", "--format", "json", kSource + "/examples/story",
                        kSource + "/examples/stream"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::istringstream in(all.out);
  size_t briefs = 0, articles = 0;
  for (std::string line; std::getline(in, line); ++briefs) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j["schema"], "crosscheck.brief/1");
    articles += j["articles"].size();
  }
  EXPECT_GE(briefs, 4u);
  EXPECT_EQ(articles, 25u);
  // One page holds one story.
  ProcessRun html = Run({"brief", "--all-stories", "--format", "html", kSource + "/examples/story"});
  EXPECT_EQ(html.exit_code, 2);
  EXPECT_NE(html.err.find("one story per page"), std::string::npos) << html.err;
  EXPECT_EQ(html.out, "");
}

TEST_F(CorpusCli, AStoreKilledAtAnyMomentIsConsistentAndTheNextRunFinishesTheJob) {
  const Stream stream = MakeStream(dir_, 2400, 40, 24, 7);
  // The reference: one uninterrupted run.
  ProcessRun ref = Run(Join({"ingest", "--db", Db("reference.db"), "--batch", "100"}, stream.files));
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  const Snapshot reference = CheckConsistent(Db("reference.db"));
  ASSERT_GT(reference.articles.size(), 2000u);

  std::mt19937 rng(11);
  const std::vector<std::string> args = Join({"ingest", "--db", Db(), "--batch", "100"}, stream.files);
  size_t kills = 0;
  for (int round = 0; round < 12; ++round) {
    const int delay_ms = 20 + static_cast<int>(rng() % 900);
    bool killed = false;
    ProcessRun r = RunBounded(kBinary, args, Bounds{}, [&](pid_t pid) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      killed = ::kill(pid, SIGKILL) == 0;
    });
    if (r.signal == SIGKILL) ++kills;
    const Snapshot partial = CheckConsistent(Db());
    // What is stored is what the uninterrupted run stored, with the same story.
    for (const auto& [id, where] : partial.articles) {
      auto it = reference.articles.find(id);
      ASSERT_NE(it, reference.articles.end()) << id;
      EXPECT_EQ(it->second.second, where.second) << "duplicate_of of " << id;
    }
    if (r.exit_code == 0) break;  // it finished before the kill
  }
  EXPECT_GE(kills, 1u) << "no run was killed: the machine is faster than the delays";
  ProcessRun finish = Run(args);
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  const Snapshot done = CheckConsistent(Db());
  EXPECT_EQ(done.articles, reference.articles);  // nothing lost, nothing twice, the same stories
  EXPECT_EQ(done.stories, reference.stories);
}

// serve prints where it listens, on loopback, and SIGTERM (or SIGINT) stops it
// cleanly: exit 0, "stopped".
TEST_F(CorpusCli, ServeSaysWhereItListensAndStopsOnSigterm) {
  ASSERT_EQ(Run({"ingest", "--db", Db(), kSource + "/examples/story"}).exit_code, 0);
  for (int signal : {SIGTERM, SIGINT}) {
    ProcessRun r = RunBounded(kBinary, {"serve", "--db", Db(), "--port", "0"}, Bounds{}, [&](pid_t pid) {
      std::this_thread::sleep_for(std::chrono::milliseconds(700));
      ::kill(pid, signal);
    });
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(r.timed_out);
    EXPECT_NE(r.out.find("at http://127.0.0.1:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("stopped"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
  }
  ProcessRun bad_port = Run({"serve", "--db", Db(), "--port", "70000"});
  EXPECT_EQ(bad_port.exit_code, 2);
}

TEST_F(CorpusCli, TwoIngestsAtOnceAndReadersDuringOne) {
  const Stream stream = MakeStream(dir_, 1500, 20, 10, 3);
  ProcessRun ref = Run(Join({"ingest", "--db", Db("reference.db")}, stream.files));
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  const Snapshot reference = CheckConsistent(Db("reference.db"));
  const std::vector<std::string> args = Join({"ingest", "--db", Db()}, stream.files);
  ProcessRun second;
  size_t reads = 0;
  ProcessRun first = RunBounded(kBinary, args, Bounds{}, [&](pid_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // Readers while the first writes: they see a committed state, or no store yet.
    for (int i = 0; i < 5; ++i) {
      ProcessRun s = RunBounded(kBinary, {"stories", "--db", Db(), "--format", "json"});
      EXPECT_TRUE(s.exit_code == 0 || s.err.find("no such store") != std::string::npos) << s.err;
      reads += s.exit_code == 0;
    }
    second = RunBounded(kBinary, Join({"ingest", "--wait", "60", "--db", Db()}, stream.files));
  });
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("0 new"), std::string::npos) << second.err;
  EXPECT_EQ(CheckConsistent(Db()).articles, reference.articles);
  // With no patience, the second fails at once and says why.
  ProcessRun busy;
  ProcessRun third = RunBounded(kBinary, Join({"ingest", "--db", Db("other.db")}, stream.files), Bounds{}, [&](pid_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    busy = RunBounded(kBinary, Join({"ingest", "--wait", "0", "--db", Db("other.db")}, stream.files));
  });
  EXPECT_EQ(third.exit_code, 0);
  if (busy.exit_code != 0) {
    EXPECT_EQ(busy.exit_code, 6);
    EXPECT_NE(busy.err.find("another ingest"), std::string::npos) << busy.err;
  }
}

TEST_F(CorpusCli, ADiskThatFillsUpLosesNothingAlreadyStored) {
  const Stream stream = MakeStream(dir_, 1200, 10, 6, 5);
  const std::vector<std::string> head(stream.files.begin(), stream.files.begin() + 2);
  ASSERT_EQ(Run(Join({"ingest", "--db", Db()}, head)).exit_code, 0);
  const Snapshot before = CheckConsistent(Db());
  // A file-size limit just above what is there: the next transaction cannot be written.
  const uintmax_t size = fs::file_size(Db()) + (fs::exists(Db() + "-wal") ? fs::file_size(Db() + "-wal") : 0);
  std::string cmd = "trap '' XFSZ; ulimit -f " + std::to_string(size / 512 + 64) + "; exec '" + kBinary +
                    "' ingest --db '" + Db() + "'";
  for (const std::string& f : stream.files) cmd += " '" + f + "'";
  ProcessRun full = RunBounded("/bin/sh", {"-c", cmd});
  EXPECT_EQ(full.exit_code, 6) << full.err;
  EXPECT_NE(full.err.find("rolled back"), std::string::npos) << full.err;
  const Snapshot after = CheckConsistent(Db());
  for (const auto& [id, where] : before.articles) EXPECT_TRUE(after.articles.count(id)) << id << " was lost";
  // With room again, the same command finishes the job.
  ProcessRun finish = Run(Join({"ingest", "--db", Db()}, stream.files));
  EXPECT_EQ(finish.exit_code, 0) << finish.err;
  ASSERT_EQ(Run(Join({"ingest", "--db", Db("reference.db")}, stream.files)).exit_code, 0);
  EXPECT_EQ(CheckConsistent(Db()).articles, CheckConsistent(Db("reference.db")).articles);
}

}  // namespace
}  // namespace crosscheck
