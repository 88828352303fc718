// The SQLite store: the shared behaviour (store_contract_test.cc), and every way a
// file can be the wrong one, the writer's lock, permissions.
#include <sqlite3.h>

#include <thread>

#include "store/store_test.h"

namespace crosscheck {
namespace {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values(Backend::kSqlite));

class SqliteStoreTest : public StoreFixture {
 protected:
  Backend backend() const override { return Backend::kSqlite; }
};

TEST_F(SqliteStoreTest, AStoreOfSchemaOneIsMigratedByAWriterAndListsTheSame) {
  std::vector<StoryRow> before;
  {
    std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
    ASSERT_TRUE(s);
    Fill(*s);
    before = *s->Stories({});
  }
  // Back to schema 1: no source per article, no story list.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE story_rows; DROP INDEX articles_outlet; ALTER TABLE articles DROP COLUMN source; "
                         "PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  {
    Result<std::unique_ptr<Store>> reader = OpenStore(path_, StoreOptions{});
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.status().message().find("needs an upgrade to 2"), std::string::npos)
        << reader.status().ToString();
  }
  { ASSERT_TRUE(Open(StoreMode::kReadWrite)); }
  std::unique_ptr<Store> s = Open(StoreMode::kReadOnly);
  ASSERT_TRUE(s);
  Result<std::vector<StoryRow>> after = s->Stories({});
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_EQ(after->size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ((*after)[i].id, before[i].id);
    EXPECT_EQ((*after)[i].headline, before[i].headline);
    EXPECT_EQ((*after)[i].articles, before[i].articles);
    EXPECT_EQ((*after)[i].independent, before[i].independent);
    EXPECT_EQ((*after)[i].outlets, before[i].outlets);
    EXPECT_EQ((*after)[i].first_date, before[i].first_date);
    EXPECT_EQ((*after)[i].last_date, before[i].last_date);
  }
}

TEST_F(SqliteStoreTest, AFileThatIsNotAStoreIsRefusedAndLeftAlone) {
  // Not SQLite at all.
  std::ofstream(path_, std::ios::binary) << "Title: not a database\n\nJust text, kept as it is.\n";
  const std::string before = Slurp(path_);
  for (StoreMode mode : {StoreMode::kReadOnly, StoreMode::kReadWrite}) {
    StoreOptions o;
    o.mode = mode;
    Result<std::unique_ptr<Store>> s = OpenStore(path_, o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().where(), path_);
    EXPECT_NE(s.status().message().find("not a crosscheck store"), std::string::npos) << s.status().ToString();
  }
  EXPECT_EQ(Slurp(path_), before);
  // Another program's SQLite database.
  fs::remove(path_);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE notes(x); INSERT INTO notes VALUES(1);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string other = Slurp(path_);
  StoreOptions o;
  o.mode = StoreMode::kReadWrite;
  Result<std::unique_ptr<Store>> s = OpenStore(path_, o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("a SQLite database but not a crosscheck store"), std::string::npos)
      << s.status().ToString();
  EXPECT_EQ(Slurp(path_), other);  // not even switched to WAL
}

TEST_F(SqliteStoreTest, ANewerSchemaIsRefused) {
  { ASSERT_TRUE(Open(StoreMode::kReadWrite)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  for (StoreMode mode : {StoreMode::kReadOnly, StoreMode::kReadWrite}) {
    StoreOptions o;
    o.mode = mode;
    Result<std::unique_ptr<Store>> s = OpenStore(path_, o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kUnsupportedFormat);
    EXPECT_NE(s.status().message().find("newer crosscheck (schema 99"), std::string::npos) << s.status().ToString();
  }
}

TEST_F(SqliteStoreTest, ACorruptStoreSaysSo) {
  {
    std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
    ASSERT_TRUE(s);
    Fill(*s);
  }
  // Checkpointed and closed: the pages are in the main file. Garble them past the header.
  std::string bytes = Slurp(path_);
  ASSERT_GT(bytes.size(), 8192u);
  for (size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  StoreOptions o;
  Result<std::unique_ptr<Store>> s = OpenStore(path_, o);
  if (s.ok()) {
    // The header survived: reading is what finds the damage.
    Result<std::vector<StoryRow>> rows = (*s)->Stories({});
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.status().ToString().find("damaged"), std::string::npos) << rows.status().ToString();
  } else {
    EXPECT_EQ(s.status().where(), path_);
  }
}

TEST_F(SqliteStoreTest, ASecondWriterWaitsThenFailsNamingTheFirst) {
  std::unique_ptr<Store> first = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(first);
  std::string said;
  StoreOptions o;
  o.mode = StoreMode::kReadWrite;
  o.wait_seconds = 0.3;
  o.waiting = [&](const std::string& m) { said = m; };
  Result<std::unique_ptr<Store>> second = OpenStore(path_, o);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("process " + std::to_string(::getpid())), std::string::npos)
      << second.status().ToString();
  EXPECT_NE(said.find("waiting for another ingest"), std::string::npos);
  // Readers are not held back, and the second writer proceeds once the first is gone.
  EXPECT_TRUE(OpenStore(path_, StoreOptions{}).ok());
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    first.reset();
  });
  o.wait_seconds = 10;
  Result<std::unique_ptr<Store>> third = OpenStore(path_, o);
  release.join();
  EXPECT_TRUE(third.ok()) << third.status().ToString();
}

TEST_F(SqliteStoreTest, AReadOnlyStoreCannotBeWrittenAndSaysWhy) {
  {
    std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
    ASSERT_TRUE(s);
    Fill(*s);
  }
  if (::geteuid() == 0) GTEST_SKIP() << "root writes read-only files; the permission case needs another user";
  fs::permissions(path_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  StoreOptions o;
  o.mode = StoreMode::kReadWrite;
  Result<std::unique_ptr<Store>> s = OpenStore(path_, o);
  if (s.ok()) {
    ASSERT_FALSE((*s)->Begin().ok() && (*s)->SaveStories({{9, "x", 0, true}}, 1).ok() && (*s)->Commit().ok());
  }
  EXPECT_EQ(*OpenStore(path_, StoreOptions{}).value()->ArticleCount(), 3u);
}

}  // namespace
}  // namespace crosscheck
