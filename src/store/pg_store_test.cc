// The PostgreSQL store: the shared behaviour (store_contract_test.cc) on a real
// server, databases that are not stores, several writers at once, and a server
// that is not there.
#include <libpq-fe.h>

#include <future>
#include <thread>

#include "store/store_test.h"

namespace crosscheck {
namespace {

INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(Backend::kPostgres));

class PostgresStoreTest : public StoreFixture {
 protected:
  Backend backend() const override { return Backend::kPostgres; }

  // Runs SQL on the test's database beside the store; "" when it worked, else the error.
  std::string Sql(const std::string& sql) {
    PGconn* conn = PQconnectdb(path_.c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType s = PQresultStatus(r);
    std::string error = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(conn);
    return error;
  }
  // The first column of the first row, as text.
  std::string Value(const std::string& sql) {
    PGconn* conn = PQconnectdb(path_.c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "?";
    PQclear(r);
    PQfinish(conn);
    return v;
  }
  static StoreOptions Mode(StoreMode mode) {
    StoreOptions o;
    o.mode = mode;
    return o;
  }
};

TEST_F(PostgresStoreTest, ADatabaseOfOtherTablesIsRefusedAndLeftAlone) {
  ASSERT_EQ(Sql("CREATE TABLE notes(x integer); INSERT INTO notes VALUES (1)"), "");
  for (StoreMode mode : {StoreMode::kReadOnly, StoreMode::kReadWrite}) {
    Result<std::unique_ptr<Store>> s = OpenStore(path_, Mode(mode));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(s.status().where(), path_);
    EXPECT_NE(s.status().message().find("a PostgreSQL database but not a crosscheck store"), std::string::npos)
        << s.status().ToString();
  }
  EXPECT_EQ(Value("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "1");
  EXPECT_EQ(Value("SELECT x FROM notes"), "1");
}

TEST_F(PostgresStoreTest, ANewerSchemaIsRefused) {
  { ASSERT_TRUE(Open(StoreMode::kReadWrite)); }
  ASSERT_EQ(Sql("UPDATE meta SET value = '99' WHERE key = 'schema'"), "");
  for (StoreMode mode : {StoreMode::kReadOnly, StoreMode::kReadWrite}) {
    Result<std::unique_ptr<Store>> s = OpenStore(path_, Mode(mode));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kUnsupportedFormat);
    EXPECT_NE(s.status().message().find("newer crosscheck (schema 99"), std::string::npos) << s.status().ToString();
  }
}

TEST_F(PostgresStoreTest, WritersTakeTurnsPerTransactionAndLearnOfEachOther) {
  std::unique_ptr<Store> first = Open(StoreMode::kReadWrite);
  std::unique_ptr<Store> second = Open(StoreMode::kReadWrite);  // no lock to wait for at opening
  std::unique_ptr<Store> reader = Open(StoreMode::kReadOnly);
  ASSERT_TRUE(first && second && reader);
  ASSERT_TRUE(first->Begin().ok());
  EXPECT_FALSE(first->WrittenByOthers());
  StoredArticle a = Make(1, 1, "The spillway of the dam cracked.", "Dam cracks", "valleywire", "2025-03-11");
  ASSERT_EQ(*first->AddArticle(a), 1);
  // The second writer's transaction waits for the first's; a reader does not.
  std::future<Status> begun = std::async(std::launch::async, [&] { return second->Begin(); });
  EXPECT_EQ(begun.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  EXPECT_EQ(*reader->ArticleCount(), 0u);
  ASSERT_TRUE(first->SaveStories({{1, "state-1", 0, true}}, 2000).ok());
  ASSERT_TRUE(first->Commit().ok());
  ASSERT_TRUE(begun.get().ok());
  EXPECT_TRUE(second->WrittenByOthers());
  // The same article from the second writer is not stored again.
  StoredArticle again = a;
  again.id = 2;
  EXPECT_EQ(*second->AddArticle(again), 0);
  ASSERT_TRUE(second->Commit().ok());
  ASSERT_TRUE(first->Begin().ok());
  EXPECT_TRUE(first->WrittenByOthers());
  ASSERT_TRUE(first->Commit().ok());
  ASSERT_TRUE(first->Begin().ok());
  EXPECT_FALSE(first->WrittenByOthers());
  first->Rollback();
  EXPECT_EQ(*reader->ArticleCount(), 1u);
}

TEST_F(PostgresStoreTest, AReaderCannotWrite) {
  {
    std::unique_ptr<Store> w = Open(StoreMode::kReadWrite);
    ASSERT_TRUE(w);
    Fill(*w);
  }
  std::unique_ptr<Store> r = Open(StoreMode::kReadOnly);
  ASSERT_TRUE(r);
  Status s = r->Begin();
  if (s.ok()) {
    s = r->SaveStories({{9, "x", 0, true}}, 1);
    r->Rollback();
  }
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot be written"), std::string::npos) << s.ToString();
  EXPECT_EQ(*r->ArticleCount(), 3u);
}

TEST_F(PostgresStoreTest, ASearchOfStopWordsAloneFindsNothing) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  Fill(*s);
  SearchQuery q;
  q.text = "the and of";
  Result<std::vector<SearchHit>> hits = s->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_TRUE(hits->empty());
  q.text = "Wednesday's";  // punctuation inside a word
  EXPECT_EQ(s->Search(q)->size(), 1u);
}

TEST(PostgresUrl, AServerThatIsNotThereIsNamedWithoutItsPassword) {
  const std::string url = "postgresql://ann:s3cret@/news?host=/nonexistent-crosscheck-socket&connect_timeout=2";
  for (StoreMode mode : {StoreMode::kReadOnly, StoreMode::kReadWrite}) {
    StoreOptions o;
    o.mode = mode;
    Result<std::unique_ptr<Store>> s = OpenStore(url, o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
    EXPECT_NE(s.status().message().find("cannot connect to the PostgreSQL server"), std::string::npos)
        << s.status().ToString();
    EXPECT_EQ(s.status().ToString().find("s3cret"), std::string::npos) << s.status().ToString();
    EXPECT_EQ(s.status().where(), "postgresql://ann@/news?host=/nonexistent-crosscheck-socket&connect_timeout=2");
  }
  // The short scheme too; a file name that merely contains one is a file.
  EXPECT_NE(OpenStore("postgres://ann@/news?host=/nonexistent-crosscheck-socket", StoreOptions{})
                .status()
                .message()
                .find("PostgreSQL"),
            std::string::npos);
  EXPECT_EQ(OpenStore("./postgresql://x", StoreOptions{}).status().message().find("PostgreSQL"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck
