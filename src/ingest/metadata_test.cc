#include "ingest/metadata.h"

#include <gtest/gtest.h>

namespace crosscheck::ingest {
namespace {

TEST(ParseDateLine, ReadsTheWaysSitesPrintDates) {
  struct Case {
    const char* line;
    const char* iso;
  };
  const Case kCases[] = {
      {"20220210", "2022-02-10"},
      {"2022-02-23", "2022-02-23"},
      {"February 23, 2022", "2022-02-23"},
      {"Feb. 23, 2022", "2022-02-23"},
      {"Feb 23 2022", "2022-02-23"},
      {"23 February 2022", "2022-02-23"},
      {"Wed 23 Feb 2022 10:03 GMT", "2022-02-23"},
      {"Published: 2022/02/23", "2022-02-23"},
      {"Updated 4:15 PM ET, Thu February 10, 2022", "2022-02-10"},
      {"Posted on March 1st, 2024 at 9:30 a.m.", "2024-03-01"},
      {"2022-02-23T14:05:00Z", "2022-02-23"},
      {"02/23/2022", "2022-02-23"},
      {"23.02.2022", "2022-02-23"},
      {"Thursday, February 29, 2024", "2024-02-29"},
  };
  for (const Case& c : kCases) {
    std::optional<std::string> d = ParseDateLine(c.line);
    ASSERT_TRUE(d.has_value()) << c.line;
    EXPECT_EQ(*d, c.iso) << c.line;
  }
}

TEST(ParseDateLine, SentencesAndImpossibleDatesAreNotDateLines) {
  for (const char* line : {"On February 23, 2022 Russia said it would act.", "February 30, 2022",
                           "20221340", "The latest on the crisis", "March down the path", "May 2022 be good",
                           "2022", "Feb. 23", "12345678", ""}) {
    EXPECT_FALSE(ParseDateLine(line).has_value()) << line;
  }
}

TEST(Url, OutletHostAndDate) {
  EXPECT_EQ(OutletFromUrl("https://edition.cnn.com/europe/live-news/x"), "cnn.com");
  EXPECT_EQ(OutletFromUrl("https://www.themoscowtimes.com/2022/02/23/x"), "themoscowtimes.com");
  EXPECT_EQ(OutletFromUrl("http://news.bbc.co.uk/2/hi/world"), "bbc.co.uk");
  EXPECT_EQ(OutletFromUrl("https://www.abc.net.au:443/news"), "abc.net.au");
  EXPECT_FALSE(OutletFromUrl("not a url").has_value());
  EXPECT_EQ(UrlHost("https://user@Example.ORG:8080/p"), "example.org");
  EXPECT_EQ(DateFromUrl("https://www.themoscowtimes.com/2022/02/23/us-calls-off-a76533"), "2022-02-23");
  EXPECT_EQ(DateFromUrl("https://site.example/news/2021-11-05-story"), "2021-11-05");
  EXPECT_EQ(DateFromUrl("https://site.example/20200131/story"), "2020-01-31");
  EXPECT_FALSE(DateFromUrl("https://edition.cnn.com/europe/live-news/ukraine-russia-news-02-17-22-intl/h_3b").has_value());
}

TEST(Url, RecognizesUrlLines) {
  EXPECT_TRUE(IsUrlLine("https://example.com/a"));
  EXPECT_TRUE(IsUrlLine("<https://example.com/a>"));
  EXPECT_TRUE(IsUrlLine("www.example.com"));
  EXPECT_FALSE(IsUrlLine("see https://example.com/a"));
  EXPECT_EQ(UrlOfLine("<https://example.com/a>"), "https://example.com/a");
}

}  // namespace
TEST(Metadata, UrlKeysNameOneAddressOnce) {
  const std::pair<const char*, const char*> kCases[] = {
      {"HTTPS://News.Example:443/a/b/?utm_source=x&utm_medium=y#top", "https://news.example/a/b"},
      {"http://news.example:80/a?id=7&fbclid=abc", "http://news.example/a?id=7"},
      {"https://news.example/a?b=1&c=2", "https://news.example/a?b=1&c=2"},
      {"https://news.example/", "https://news.example"},
      {"https://news.example:8080/A", "https://news.example:8080/A"},  // a path keeps its case
  };
  for (const auto& [url, key] : kCases) EXPECT_EQ(UrlKey(url), key) << url;
  EXPECT_NE(UrlKey("https://news.example/a?id=7"), UrlKey("https://news.example/a?id=8"));
}

}  // namespace crosscheck::ingest
