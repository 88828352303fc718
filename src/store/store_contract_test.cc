// What every store does: round trips, readers that see each commit, one copy of
// an article, stories, merges, search and term counts. Run for SQLite by
// sqlite_store_test.cc and for PostgreSQL by pg_store_test.cc.
#include <map>

#include "store/store_test.h"

namespace crosscheck {
namespace {

TEST_P(StoreTest, ArticlesComeBackAsTheyWereStored) {
  {
    std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
    ASSERT_TRUE(s);
    Fill(*s);
  }
  std::unique_ptr<Store> s = Open(StoreMode::kReadOnly);
  ASSERT_TRUE(s);
  Result<std::optional<StoredArticle>> a = s->Article(2);
  ASSERT_TRUE(a.ok() && *a);
  const StoredArticle want = [] {
    StoredArticle w = Make(2, 1, "Engineers said the dam's main wall was holding after the spillway cracked.",
                           "Engineers inspect cracked dam", "ledger", "2025-03-12");
    w.duplicate_of = 1;
    return w;
  }();
  const StoredArticle& got = **a;
  EXPECT_EQ(got.id, 2);
  EXPECT_EQ(got.path, want.path);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.outlet, want.outlet);
  EXPECT_EQ(got.url, want.url);
  EXPECT_EQ(got.published, want.published);
  EXPECT_EQ(got.authors, want.authors);
  EXPECT_EQ(got.wire_credits, want.wire_credits);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.content_key, want.content_key);
  EXPECT_EQ(got.signature, want.signature);
  EXPECT_EQ(got.shingles, 42u);
  EXPECT_EQ(got.duplicate_of, std::optional<int64_t>(1));
  EXPECT_EQ(got.story, 1);
  EXPECT_EQ(got.ingested_at, 1002);
  Result<std::vector<StoredArticle>> story = s->ArticlesOfStory(1);
  ASSERT_TRUE(story.ok());
  ASSERT_EQ(story->size(), 2u);
  EXPECT_EQ((*story)[0].id, 1);
  EXPECT_FALSE(s->Article(9)->has_value());
  EXPECT_EQ(*s->ArticleCount(), 3u);
}

TEST_P(StoreTest, ALongLivedReaderSeesEachCommit) {
  // A reader that stays open (serve) reads, a writer commits, the reader reads
  // again: it must see the commit whatever it read before (a call that stops on
  // its first row, such as ResolveStory or Article, once kept its snapshot).
  std::unique_ptr<Store> w = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(w);
  Fill(*w);
  std::unique_ptr<Store> r = Open(StoreMode::kReadOnly);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r->ArticleCount(), 3u);
  EXPECT_EQ(*r->ResolveStory(1), std::optional<int64_t>(1));
  EXPECT_TRUE(r->Article(1)->has_value());
  EXPECT_EQ(r->Stories({})->size(), 2u);
  ASSERT_TRUE(w->Begin().ok());
  StoredArticle more = Make(4, 3, "The creamery recalled its cheeses after salmonella cases rose.", "Cheese recall",
                            "gazette", "2025-03-13");
  ASSERT_TRUE(w->AddArticle(more).ok());
  ASSERT_TRUE(w->SaveStories({{3, "state-3", 0, true}}, 3000).ok());
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(*r->ArticleCount(), 4u);
  EXPECT_EQ(r->Stories({})->size(), 3u);
  EXPECT_TRUE(r->Article(4)->has_value());
  EXPECT_EQ(*r->ResolveStory(3), std::optional<int64_t>(3));
}

TEST_P(StoreTest, TheSameTextOrUrlIsStoredOnce) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  Fill(*s);
  ASSERT_TRUE(s->Begin().ok());
  StoredArticle same_text = Make(4, 2, "other", "t", "o", "2025-03-13");
  same_text.content_key = std::string(16, 'a' + 1);
  EXPECT_EQ(*s->AddArticle(same_text), 0);
  StoredArticle same_url = Make(5, 2, "other again", "t", "o", "2025-03-13");
  same_url.url_key = "https://valleywire.example/1";
  EXPECT_EQ(*s->AddArticle(same_url), 0);
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(*s->ArticleCount(), 3u);
}

TEST_P(StoreTest, StoriesCountArticlesSourcesOutletsAndDates) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  Fill(*s);
  StoryFilter all;
  all.grown_since = 1001;
  Result<std::vector<StoryRow>> rows = s->Stories(all);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const StoryRow& dam = (*rows)[0];
  EXPECT_EQ(dam.id, 1);
  EXPECT_EQ(dam.articles, 2u);
  EXPECT_EQ(dam.independent, 1u);  // the second copies the first
  EXPECT_EQ(dam.first_date, std::optional<std::string>("2025-03-11"));
  EXPECT_EQ(dam.last_date, std::optional<std::string>("2025-03-12"));
  EXPECT_EQ(dam.outlets.size(), 2u);
  EXPECT_EQ(dam.grown, 1u);  // ingested at 1002, after 1001
  EXPECT_FALSE(dam.headline.empty());
  StoryFilter filter;
  filter.outlet = "TRIBUNE";
  EXPECT_EQ(s->Stories(filter)->size(), 1u);
  filter = {};
  filter.since = "2025-03-12";
  EXPECT_EQ(s->Stories(filter)->size(), 2u);
  filter.until = "2025-03-11";
  EXPECT_EQ(s->Stories(filter)->size(), 0u);
  filter = {};
  filter.until = "2025-03-11";
  EXPECT_EQ(s->Stories(filter)->size(), 1u);
  filter = {};
  filter.min_articles = 2;
  EXPECT_EQ(s->Stories(filter)->size(), 1u);
}

TEST_P(StoreTest, MergedStoriesResolveAndMoveTheirArticles) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  Fill(*s);
  ASSERT_TRUE(s->Begin().ok());
  ASSERT_TRUE(s->MoveStory(2, 1).ok());
  ASSERT_TRUE(s->SaveStories({{2, "", 1, false}, {1, "state", 0, false}}, 3000).ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(*s->ResolveStory(2), std::optional<int64_t>(1));
  EXPECT_EQ(*s->ResolveStory(1), std::optional<int64_t>(1));
  EXPECT_EQ(*s->ResolveStory(7), std::nullopt);
  EXPECT_EQ(s->ArticlesOfStory(1)->size(), 3u);
  EXPECT_EQ(s->Stories({})->size(), 1u);
}

TEST_P(StoreTest, SearchRanksSnipsAndFilters) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  Fill(*s);
  SearchQuery q;
  q.text = "cracked spillways";  // stems: "spillway" matches "spillways"
  Result<std::vector<SearchHit>> hits = s->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_GE((*hits)[0].score, (*hits)[1].score);
  EXPECT_NE((*hits)[0].snippet.find("[spillway]"), std::string::npos) << (*hits)[0].snippet;
  q.outlet = "ledger";
  EXPECT_EQ(s->Search(q)->size(), 1u);
  q = {};
  q.text = "nurses";
  q.story = 1;
  EXPECT_EQ(s->Search(q)->size(), 0u);
  q.story = 2;
  EXPECT_EQ(s->Search(q)->size(), 1u);
  // FTS syntax in the query is just words.
  q = {};
  q.text = "dam OR \"strike* NEAR(";
  EXPECT_TRUE(s->Search(q).ok());
  q.text = "  ...  ";
  EXPECT_EQ(s->Search(q).status().code(), StatusCode::kInvalidInput);
}

TEST_P(StoreTest, TermCountsFoldIntoOneRowAndAddUp) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  for (int batch = 0; batch < 40; ++batch) {
    ASSERT_TRUE(s->Begin().ok());
    ASSERT_TRUE(s->SaveTermCounts(10, {{7, 1}, {static_cast<uint64_t>(100 + batch), 2}}).ok());
    ASSERT_TRUE(s->Commit().ok());
  }
  uint64_t documents = 0;
  std::map<uint64_t, uint32_t> df;
  size_t rows = 0;
  ASSERT_TRUE(s->LoadTermCounts([&](uint64_t d, const std::vector<std::pair<uint64_t, uint32_t>>& part) {
                 ++rows;
                 documents += d;
                 for (const auto& [t, n] : part) df[t] += n;
               }).ok());
  EXPECT_EQ(documents, 400u);
  EXPECT_EQ(df[7], 40u);
  EXPECT_EQ(df[105], 2u);
  EXPECT_LE(rows, 33u);
}

TEST_P(StoreTest, AMissingStoreIsNotCreatedByReaders) {
  Result<std::unique_ptr<Store>> s = OpenStore(path_, StoreOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("crosscheck ingest --db"), std::string::npos);
  EXPECT_FALSE(fs::exists(path_));
}

}  // namespace
}  // namespace crosscheck
