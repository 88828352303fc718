// Regression tests for hostile input found by fuzzing and review: lengths that
// wrap, decompression bombs, terminal escapes and script URLs in metadata. Each
// case failed (looped, grew without bound, or passed the bytes on) before its fix.
#include <gtest/gtest.h>

#include "crosscheck/extract.h"
#include "ingest/compression.h"
#include "ingest/input_reader.h"
#include "ingest/metadata.h"
#include "ingest/testdata/fixtures.h"
#include "text/ascii.h"
#include "text/inline_clean.h"

namespace crosscheck::ingest {
namespace {

using fixtures::GzipRepeated;
using fixtures::ZstdRepeated;

struct Split {
  std::vector<Document> docs;
  std::vector<Status> problems;
};

Split Read(std::string bytes, const std::string& path, const InputLimits& limits = {}) {
  Split s;
  SplitInput(
      std::move(bytes), path, limits, [&](Document d) { s.docs.push_back(std::move(d)); },
      [&](const Status& p) { s.problems.push_back(p); });
  return s;
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kParagraph = "<p>The mayor said the river had risen by three meters on Tuesday night.</p>\r\n";

std::string Response(const std::string& body, const std::string& extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + extra_headers + "\r\n" + body;
}

std::string Record(const std::string& block, const std::string& length, const std::string& uri = "") {
  return "WARC/1.0\r\nWARC-Type: response\r\n" + (uri.empty() ? "" : "WARC-Target-URI: " + uri + "\r\n") +
         "Content-Length: " + length + "\r\n\r\n" + block + "\r\n\r\n";
}

TEST(ParseUnsigned, DigitsOnlyAndNoWrap) {
  struct Case {
    const char* text;
    int base;
    std::optional<uint64_t> value;
  };
  const Case kCases[] = {
      {"0", 10, 0},
      {"120", 10, 120},
      {"18446744073709551615", 10, UINT64_MAX},
      {"18446744073709551616", 10, std::nullopt},
      {"99999999999999999999", 10, std::nullopt},
      {"-54", 10, std::nullopt},
      {"+54", 10, std::nullopt},
      {" 54", 10, std::nullopt},
      {"", 10, std::nullopt},
      {"1a", 10, std::nullopt},
      {"1aF", 16, 0x1af},
      {"ffffffffffffffff", 16, UINT64_MAX},
      {"10000000000000000", 16, std::nullopt},
      {"-3", 16, std::nullopt},
      {"0x10", 16, std::nullopt},
  };
  for (const Case& c : kCases) EXPECT_EQ(text::ParseUnsigned(c.text, c.base), c.value) << c.text;
}

TEST(HostileWarc, ContentLengthsThatWrapReadTheRecordOnce) {
  // std::stoull took "-54" as 2^64 - 54, and i + length wrapped back to the
  // record's start: the same record was read forever.
  for (const char* length : {"-54", "99999999999999999999", "18446744073709551560", "+120", "0x40", ""}) {
    Split s = Read(Record(Response(kParagraph), length), "bad.warc");
    ASSERT_EQ(s.docs.size(), 1u) << length;
    EXPECT_TRUE(Has(s.docs[0].bytes, "river had risen")) << length;
    ASSERT_FALSE(s.problems.empty()) << length;
    EXPECT_EQ(s.problems[0].where(), "bad.warc: record 1") << length;
  }
  // A wrapping length in the first record does not swallow the second.
  Split two = Read(Record(Response(kParagraph), "18446744073709551615") + Record(Response(kParagraph), "120"), "two.warc");
  EXPECT_EQ(two.docs.size(), 2u);
}

TEST(HostileWarc, ChunkSizesThatWrapAreBrokenChunks) {
  for (const char* size : {"-3", "ffffffffffffffff", "fffffffffffffffff0", "zz", "+5"}) {
    std::string body = std::string(size) + "\r\n" + kParagraph + "0\r\n\r\n";
    std::string block = Response(body, "Transfer-Encoding: chunked\r\n");
    Split s = Read(Record(block, std::to_string(block.size())), "chunked.warc");
    EXPECT_TRUE(s.docs.empty()) << size;
    ASSERT_EQ(s.problems.size(), 1u) << size;
    EXPECT_TRUE(Has(s.problems[0].message(), "broken chunked")) << size;
  }
  // Sizes with chunk extensions still read.
  std::string body = "4c;name=value\r\n" + kParagraph.substr(0, 76) + "\r\n0\r\n\r\n";
  std::string block = Response(body, "Transfer-Encoding: chunked\r\n");
  Split ok = Read(Record(block, std::to_string(block.size())), "ext.warc");
  ASSERT_EQ(ok.docs.size(), 1u);
  EXPECT_TRUE(Has(ok.docs[0].bytes, "three meters"));
}

TEST(HostileWarc, ScriptTargetUrisAreNotKeptAsTheArticleAddress) {
  std::string block = Response(kParagraph);
  Split s = Read(Record(block, std::to_string(block.size()), "javascript:alert(1)"), "js.warc");
  ASSERT_EQ(s.docs.size(), 1u);
  ASSERT_TRUE(s.docs[0].hints.url.has_value());  // the reader passes it on; extraction decides
  Result<Extractor> ex = Extractor::Create(ExtractOptions{.repair_glued_words = false});
  ASSERT_TRUE(ex.ok());
  Result<Article> a = ex->Extract(s.docs[0].bytes, s.docs[0].where, s.docs[0].hints);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_FALSE(a->url.has_value());
  ASSERT_EQ(a->warnings.size(), 1u);
  EXPECT_TRUE(Has(a->warnings[0], "not an http(s) URL"));
}

TEST(HostileCompression, ABombNamedOrSniffedAsOneArticleStopsAtTheArticleLimit) {
  InputLimits limits;
  limits.max_article_bytes = 4 << 20;
  limits.max_archive_bytes = 64 << 20;
  const std::string unit = "The river rose again on Tuesday night. ";
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string>{"bomb.txt.zst", ZstdRepeated(unit, 256ull << 20)},
        {"bomb.txt.gz", GzipRepeated(unit, 64ull << 20)},
        {"bomb", ZstdRepeated(unit, 256ull << 20)}}) {
    Split s = Read(bytes, name, limits);
    EXPECT_TRUE(s.docs.empty()) << name;
    ASSERT_EQ(s.problems.size(), 1u) << name;
    EXPECT_EQ(s.problems[0].code(), StatusCode::kResourceExhausted) << name;
    EXPECT_EQ(s.problems[0].where(), name);
    EXPECT_TRUE(Has(s.problems[0].message(), "decompresses past 4.0 MiB, the limit for one article"))
        << s.problems[0].message();
  }
}

TEST(HostileCompression, AContainerBombReadsWhatFitsItsBudget) {
  InputLimits limits;
  limits.max_article_bytes = 1 << 20;
  limits.max_archive_bytes = 8 << 20;
  const std::string line = "{\"text\": \"The river rose again on Tuesday night, officials said.\"}\n";
  Split s = Read(ZstdRepeated(line, 512ull << 20), "feed.jsonl.zst", limits);
  // The lines within 8 MiB are read (the last one may be cut), the rest is not.
  EXPECT_GE(s.docs.size(), (8u << 20) / line.size() - 1);
  EXPECT_LE(s.docs.size(), (8u << 20) / line.size());
  ASSERT_FALSE(s.problems.empty());
  EXPECT_TRUE(Has(s.problems[0].message(), "passes the limit of 8.0 MiB")) << s.problems[0].message();
  EXPECT_TRUE(Has(s.problems[0].message(), "--max-archive-bytes")) << s.problems[0].message();
}

TEST(HostileCompression, OutputNeverOutgrowsItsLimit) {
  // The string doubled past the limit before: a 1 GiB limit could hold 2 GiB.
  const uint64_t limit = 3u << 20;
  for (const std::string& bomb : {GzipRepeated("abc ", 64u << 20), ZstdRepeated("abc ", 64u << 20)}) {
    Decompressed d = Decompress(bomb, limit);
    EXPECT_TRUE(d.truncated);
    EXPECT_EQ(d.bytes.size(), limit);
    EXPECT_LE(d.bytes.capacity(), limit + 64);
  }
}

TEST(HostileMetadata, ControlCharactersAndTerminalEscapesLeaveEveryField) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case kCases[] = {
      {"Flood \x1b]0;owned\x07 warning", "Flood warning"},
      {"Flood \x1b]0;owned\x1b\\ warning", "Flood warning"},
      {"River\x1b[2J News", "River News"},
      {"River \x1b[1;31mred\x1b[0m News", "River red News"},
      {"Bell\x07 and\tTab\nLine", "Bell and Tab Line"},
      {"C1 \xC2\x9B" "control", "C1 control"},
      {"  Plain  title  ", "Plain title"},
      {"Z\xC3\xBCrich", "Z\xC3\xBCrich"},
      {"\x1b", ""},
      // An OSC that never ends takes only its two bytes, not the rest of the text.
      {"Flood \x1b]0;x warning and a long title", "Flood 0;x warning and a long title"},
      {"Mayor \xE2\x80\xAEgnissim\xE2\x80\xAC report \xE2\x81\xA6x\xE2\x81\xA9", "Mayor gnissim report x"},
  };
  for (const Case& c : kCases) EXPECT_EQ(CleanMetadataValue(c.in), c.out) << c.in;
}

TEST(HostileMetadata, OnlyHttpUrlsAreArticleAddresses) {
  for (const char* url : {"http://example.org/a", "HTTPS://example.org/a"}) EXPECT_TRUE(IsHttpUrl(url)) << url;
  for (const char* url : {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd",
                          "//example.org/a", "ftp://example.org/a", " https://example.org", "https://example.org/a b",
                          "https://example.org/\xC2\x9B" "31m", "https://example.org/\x1b[2J", "https://example.org/\xFF"})
    EXPECT_FALSE(IsHttpUrl(url)) << url;
}

TEST(HostileMetadata, JsonlFieldsAreCleanedAndScriptUrlsDropped) {
  std::string line =
      "{\"id\":\"r1\",\"url\":\"javascript:alert(1)\",\"title\":\"Title \\u001b]0;owned\\u0007 now\","
      "\"outlet\":\"Out\\u0007let\",\"authors\":[\"Ann \\u001b[2JLee\"],"
      "\"text\":\"The mayor said the river had risen by three meters on Tuesday night.\"}\n";
  Split s = Read(line, "feed.jsonl");
  ASSERT_EQ(s.docs.size(), 1u);
  Result<Extractor> ex = Extractor::Create(ExtractOptions{.repair_glued_words = false});
  ASSERT_TRUE(ex.ok());
  Result<Article> a = ex->Extract(s.docs[0].bytes, s.docs[0].where, s.docs[0].hints);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "Title now");
  EXPECT_EQ(a->outlet, "Outlet");
  EXPECT_EQ(a->authors, std::vector<std::string>{"Ann Lee"});
  EXPECT_FALSE(a->url.has_value());
  // The text's first line is the article, not a headline: the feed gave the title.
  EXPECT_TRUE(Has(a->text, "river had risen")) << a->text;
}

TEST(HostileMarkdown, LinkTargetsWithParenthesesLeaveNoStrayParen) {
  EXPECT_EQ(text::CleanInline("the [river](https://en.wikipedia.org/wiki/Carrow_(river)) rose"), "the river rose");
  EXPECT_EQ(text::CleanInline("[a](https://x.org/a_(b)_(c)) and [b](https://x.org/(d))."), "a and b.");
  // Unbalanced: not a link, left as it is.
  EXPECT_EQ(text::CleanInline("[a](https://x.org/a_(b) rose"), "[a](https://x.org/a_(b) rose");
}

}  // namespace
}  // namespace crosscheck::ingest
