// The tests every Store passes, whatever keeps it: a fixture that gives each test
// a new store of one backend (a SQLite file in a temporary folder, or a new
// database on the test PostgreSQL server), and sample articles. The shared tests
// are in store_contract_test.cc; each backend's test file instantiates them
// (INSTANTIATE_TEST_SUITE_P over StoreTest) and adds its own.
#ifndef CROSSCHECK_STORE_STORE_TEST_H_
#define CROSSCHECK_STORE_STORE_TEST_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "crosscheck/store.h"
#include "store/pg_test_db.h"

namespace crosscheck {

enum class Backend { kSqlite, kPostgres };

// For the names of the parametrized tests.
inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::kSqlite ? "sqlite" : "postgres");
}

namespace fs = std::filesystem;

class StoreFixture : public ::testing::Test {
 protected:
  virtual Backend backend() const = 0;

  void SetUp() override {
    if (backend() == Backend::kPostgres) {
      std::string skip;
      std::optional<std::string> url = testing_support::NewPostgresDatabase(skip);
      if (!url) GTEST_SKIP() << skip;
      path_ = *url;
      return;
    }
    dir_ = fs::temp_directory_path() / ("crosscheck_store_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "news.db").string();
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::unique_ptr<Store> Open(StoreMode mode, double wait = 1) {
    StoreOptions o;
    o.mode = mode;
    o.wait_seconds = wait;
    Result<std::unique_ptr<Store>> s = OpenStore(path_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  static std::string Slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static StoredArticle Make(int64_t id, int64_t story, const std::string& text, const std::string& title,
                            const std::string& outlet, const std::string& published) {
    StoredArticle a;
    a.id = id;
    a.path = "in/" + std::to_string(id) + ".txt";
    a.title = title;
    a.outlet = outlet;
    a.published = published;
    a.url = "https://" + outlet + ".example/" + std::to_string(id);
    a.url_key = a.url;
    a.authors = {"Ann Lee"};
    a.wire_credits = {"AP"};
    a.format = "text";
    a.text = text;
    a.dropped_json = "[]";
    a.words = 10;
    a.content_key = std::string(16, static_cast<char>('a' + id));
    a.source_key = std::string(16, static_cast<char>('A' + id));
    a.signature = std::string(512, static_cast<char>(id));
    a.shingles = 42;
    a.story = story;
    a.ingested_at = 1000 + id;
    return a;
  }
  void Fill(Store& s) {
    ASSERT_TRUE(s.Begin().ok());
    std::vector<StoredArticle> all = {
        Make(1, 1, "The spillway of the dam cracked and thousands were evacuated from the town.",
             "Dam spillway cracks", "valleywire", "2025-03-11"),
        Make(2, 1, "Engineers said the dam's main wall was holding after the spillway cracked.",
             "Engineers inspect cracked dam", "ledger", "2025-03-12"),
        Make(3, 2, "Nurses and porters walked out of the hospitals on Wednesday over pay.", "Hospital strike begins",
             "tribune", "2025-03-12"),
    };
    all[1].duplicate_of = 1;
    for (StoredArticle& a : all) {
      Result<int64_t> id = s.AddArticle(a);
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      EXPECT_EQ(*id, a.id);
    }
    ASSERT_TRUE(s.SaveStories({{1, "state-1", 0, true}, {2, "state-2", 0, true}}, 2000).ok());
    ASSERT_TRUE(s.Commit().ok());
  }
  fs::path dir_;
  std::string path_;
};

// The behaviour every store shares, run against each (store_contract_test.cc).
class StoreTest : public StoreFixture, public ::testing::WithParamInterface<Backend> {
 protected:
  Backend backend() const override { return GetParam(); }
};

}  // namespace crosscheck

#endif  // CROSSCHECK_STORE_STORE_TEST_H_
