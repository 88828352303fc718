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
  // Largest first, or newest first: a later story of one article leads.
  ASSERT_TRUE(s->Begin().ok());
  StoredArticle later = Make(4, 3, "The creamery recalled its cheeses after salmonella cases rose.", "Cheese recall",
                             "gazette", "2025-03-20");
  ASSERT_TRUE(s->AddArticle(later).ok());
  ASSERT_TRUE(s->SaveStories({{3, "state-3", 0, true}}, 3000).ok());
  ASSERT_TRUE(s->Commit().ok());
  auto order = [&](const StoryFilter& f) {
    std::vector<int64_t> ids;
    const Result<std::vector<StoryRow>> listed = s->Stories(f);
    for (const StoryRow& r : *listed) ids.push_back(r.id);
    return ids;
  };
  filter = {};
  EXPECT_EQ(order(filter), (std::vector<int64_t>{1, 3, 2}));  // 2 articles; then 1 each, the later date first
  filter.newest_first = true;
  EXPECT_EQ(order(filter), (std::vector<int64_t>{3, 1, 2}));  // 1 and 2 end the same day: 1's id first
  filter.limit = 1;
  EXPECT_EQ(order(filter), (std::vector<int64_t>{3}));
  // A story whose dates span a range without an article in it is not in that range.
  ASSERT_TRUE(s->Begin().ok());
  StoredArticle weeks_later = Make(5, 3, "The creamery reopened with new testing rules.", "Creamery reopens", "gazette",
                                   "2025-04-10");
  ASSERT_TRUE(s->AddArticle(weeks_later).ok());
  ASSERT_TRUE(s->Commit().ok());
  filter = {};
  filter.since = "2025-03-25";
  filter.until = "2025-04-05";
  EXPECT_TRUE(order(filter).empty());
  filter.until = "2025-04-10";
  EXPECT_EQ(order(filter), (std::vector<int64_t>{3}));
  filter.since = "2025-03-12";
  filter.until = "2025-03-12";
  EXPECT_EQ(order(filter), (std::vector<int64_t>{1, 2}));
}

TEST_P(StoreTest, StoriesCountIndependentSourcesAsTheBriefDoes) {
  // One story of seven articles and three sources: the Ledger's two reports (one
  // source however many articles), Reuters (by its dateline in one outlet, by a
  // credit in another; an outlet reprinting one agency speaks for the agency),
  // and an article naming no outlet with its copy.
  struct Case {
    const char* text;
    const char* outlet;  // "" for none
    std::vector<std::string> credits;
    int64_t copies = 0;
  };
  const std::vector<Case> cases = {
      {"The river rose above the levee on Monday.", "Ledger", {}},
      {"Residents left the lower town as the river rose.", "ledger", {}},
      {"PARIS (Reuters) - The river rose above the levee.", "Tribune", {}},
      {"The levee held through the night, officials said.", "Gazette", {"Reuters"}},
      {"Firefighters pumped water from the cellars on Tuesday.", "", {}},
      {"Firefighters pumped water from cellars on Tuesday.", "", {}, 5},
      {"The mayor thanked volunteers who filled sandbags.", "Ledger", {}},
  };
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->Begin().ok());
  for (size_t i = 0; i < cases.size(); ++i) {
    StoredArticle a = Make(static_cast<int64_t>(i + 1), 1, cases[i].text, "River floods town", "x", "2025-04-0" +
                           std::to_string(i + 1));
    a.outlet = *cases[i].outlet ? std::optional<std::string>(cases[i].outlet) : std::nullopt;
    a.url.reset();
    a.url_key.reset();
    a.wire_credits = cases[i].credits;
    if (cases[i].copies) a.duplicate_of = cases[i].copies;
    ASSERT_TRUE(s->AddArticle(a).ok());
  }
  ASSERT_TRUE(s->SaveStories({{1, "state-1", 0, true}}, 2000).ok());
  ASSERT_TRUE(s->Commit().ok());
  Result<std::vector<StoryRow>> rows = s->Stories({});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].articles, 7u);
  EXPECT_EQ((*rows)[0].independent, 3u);
  // Outlets as first written, whatever the case, most articles first.
  EXPECT_EQ((*rows)[0].outlets, (std::vector<std::string>{"Ledger", "Gazette", "Tribune"}));
  EXPECT_EQ((*rows)[0].first_date, std::optional<std::string>("2025-04-01"));
  EXPECT_EQ((*rows)[0].last_date, std::optional<std::string>("2025-04-07"));
}

TEST_P(StoreTest, TheStoryListFollowsEachCommitAndNothingRolledBack) {
  std::unique_ptr<Store> s = Open(StoreMode::kReadWrite);
  ASSERT_TRUE(s);
  Fill(*s);
  auto sizes = [&] {
    std::vector<std::pair<int64_t, size_t>> out;
    const Result<std::vector<StoryRow>> rows = s->Stories({});
    for (const StoryRow& r : *rows) out.emplace_back(r.id, r.articles);
    return out;
  };
  using Sizes = std::vector<std::pair<int64_t, size_t>>;
  EXPECT_EQ(sizes(), (Sizes{{1, 2}, {2, 1}}));
  // Rolled back: the list is as it was.
  ASSERT_TRUE(s->Begin().ok());
  StoredArticle a = Make(4, 2, "Porters joined the nurses' strike on its second day.", "Strike grows", "tribune",
                         "2025-03-13");
  ASSERT_TRUE(s->AddArticle(a).ok());
  s->Rollback();
  EXPECT_EQ(sizes(), (Sizes{{1, 2}, {2, 1}}));
  // Committed: the strike grows past the dam, with the newer last date.
  ASSERT_TRUE(s->Begin().ok());
  ASSERT_TRUE(s->AddArticle(a).ok());
  StoredArticle b = Make(5, 2, "Hospitals cancelled operations as the strike went on.", "Operations cancelled",
                         "gazette", "2025-03-14");
  ASSERT_TRUE(s->AddArticle(b).ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(sizes(), (Sizes{{2, 3}, {1, 2}}));
  EXPECT_EQ(s->Stories({})->front().last_date, std::optional<std::string>("2025-03-14"));
  StoryFilter gazette;
  gazette.outlet = "Gazette";
  EXPECT_EQ(s->Stories(gazette)->size(), 1u);
  // Merged: one story of five; the merged one leaves the list.
  ASSERT_TRUE(s->Begin().ok());
  ASSERT_TRUE(s->MoveStory(1, 2).ok());
  ASSERT_TRUE(s->SaveStories({{1, "", 2, false}, {2, "state", 0, false}}, 3000).ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(sizes(), (Sizes{{2, 5}}));
  EXPECT_EQ(s->Stories({})->front().first_date, std::optional<std::string>("2025-03-11"));
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
