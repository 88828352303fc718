#include "ingest/input_reader.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include "ingest/compression.h"
#include "ingest/testdata/fixtures.h"

namespace crosscheck::ingest {
namespace {

using fixtures::Gzip;

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

struct Split {
  std::vector<Document> docs;
  std::vector<Status> problems;
  InputSummary summary;
};

Split Read(std::string bytes, const std::string& path) {
  Split s;
  s.summary = SplitInput(
      std::move(bytes), path, InputLimits{}, [&](Document d) { s.docs.push_back(std::move(d)); },
      [&](const Status& p) { s.problems.push_back(p); });
  return s;
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kPage =
    "<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><article>"
    "<p>The harbour reopened to fishing boats on Monday after storm repairs were finished ahead of time.</p>"
    "</article></body></html>";

TEST(Compression, SkipsACorruptGzipMemberAndReadsTheRest) {
  std::string first = Gzip("first record\n"), second = Gzip("second record\n"), third = Gzip("third record\n");
  second[second.size() / 2] ^= 0x5A;  // corrupt the deflate stream
  second[second.size() / 2 + 1] ^= 0x33;
  Decompressed d = Decompress(first + second + third, 1 << 20);
  EXPECT_TRUE(Has(d.bytes, "first record")) << d.bytes;
  EXPECT_TRUE(Has(d.bytes, "third record")) << d.bytes;
  EXPECT_FALSE(Has(d.bytes, "second record"));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_TRUE(Has(d.problems[0], "gzip member at byte " + std::to_string(first.size()))) << d.problems[0];
}

TEST(Compression, KeepsWhatACutGzipGaveAndStopsAtTheLimit) {
  std::string text(100000, 'x');
  std::string gz = Gzip(text);
  Decompressed cut = Decompress(gz.substr(0, gz.size() - 10), 1 << 20);
  ASSERT_EQ(cut.problems.size(), 1u);
  EXPECT_TRUE(Has(cut.problems[0], "cut short")) << cut.problems[0];
  Decompressed bomb = Decompress(gz, 5000);
  EXPECT_EQ(bomb.bytes.size(), 5000u);
  EXPECT_TRUE(bomb.truncated);
}

TEST(Compression, ReadsZstandardAndSaysWhenItIsCorrupt) {
  std::string z = Zstd("a zstd compressed line\n");
  EXPECT_EQ(DetectCompression(z), Compression::kZstd);
  EXPECT_EQ(Decompress(z, 1 << 20).bytes, "a zstd compressed line\n");
  std::string broken = z;
  broken[broken.size() - 3] ^= 0x7F;
  Decompressed d = Decompress(broken.substr(0, broken.size() - 2), 1 << 20);
  EXPECT_FALSE(d.problems.empty());
}

TEST(InputReader, SniffsTheFormatFromTheContent) {
  EXPECT_EQ(SniffFormat("WARC/1.0\r\nWARC-Type: warcinfo\r\n"), InputFormat::kWarc);
  EXPECT_EQ(SniffFormat("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\""), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat(kPage), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<DOC>\n<DOCNO> APW20310408.0117 </DOCNO>\n<TEXT>\n<P>\nx\n</P>\n</TEXT>\n</DOC>"),
            InputFormat::kSgml);
  EXPECT_EQ(SniffFormat("{Braces} open this plain text line.\nMore text."), InputFormat::kText);
  EXPECT_EQ(FormatFromName("dir/Page.HTM.gz"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("crawl.warc.zst"), InputFormat::kWarc);
  EXPECT_EQ(FormatFromName("notes"), std::nullopt);
}

TEST(InputReader, ReadsCompressedInputsAndSaysWhatAMislabelledFileLooksLike) {
  Split html = Read(Gzip(kPage), "saved/page.txt.gz");
  ASSERT_EQ(html.docs.size(), 1u);
  EXPECT_EQ(html.summary.format, InputFormat::kHtml);
  ASSERT_EQ(html.summary.notes.size(), 1u);
  EXPECT_EQ(html.summary.notes[0], "named as plain text but looks like HTML; read as HTML");
  Split zst = Read(Zstd("{\"text\": \"The ferry ran again.\"}\n"), "feed.jsonl.zst");
  ASSERT_EQ(zst.docs.size(), 1u);
  EXPECT_TRUE(zst.summary.notes.empty());
}

TEST(InputReader, ReadsJsonlRecordsAndReportsBrokenLines) {
  std::string jsonl =
      "{\"id\": \"ledger-1\", \"url\": \"https://coastalledger.example/a\", \"title\": \"Ferry strike ends\", "
      "\"outlet\": \"The Coastal Ledger\", \"published\": \"2031-04-08T10:00:00Z\", \"authors\": [\"Mira Okafor\"], "
      "\"text\": \"Crews returned to work on Tuesday.\"}\n"
      "\n"
      "{\"id\": 7, \"html\": \"<p>Island shops reopened.</p>\"}\n"
      "{\"id\": \"broken\", \"text\": \"unterminated\n"
      "[1, 2]\n"
      "{\"id\": \"empty\", \"text\": \"\"}\n"
      "{\"id\": \"late\", \"published\": \"last spring\", \"text\": \"A record with a date nobody can read.\"}\n";
  Split s = Read(jsonl, "feed.jsonl");
  ASSERT_EQ(s.docs.size(), 3u);
  EXPECT_EQ(s.docs[0].hints.id, "ledger-1");
  EXPECT_EQ(s.docs[0].hints.published, "2031-04-08");
  EXPECT_EQ(s.docs[0].hints.outlet, "The Coastal Ledger");
  EXPECT_EQ(s.docs[0].hints.authors, std::vector<std::string>{"Mira Okafor"});
  EXPECT_EQ(s.docs[0].where, "feed.jsonl: line 1");
  EXPECT_EQ(s.docs[1].hints.id, "7");
  EXPECT_EQ(s.docs[1].bytes, "<p>Island shops reopened.</p>");
  EXPECT_EQ(s.docs[2].hints.published, std::nullopt);
  ASSERT_EQ(s.problems.size(), 4u);
  EXPECT_EQ(s.problems[0].where(), "feed.jsonl: line 4");
  EXPECT_TRUE(Has(s.problems[0].message(), "not valid JSON"));
  EXPECT_EQ(s.problems[1].where(), "feed.jsonl: line 5");
  EXPECT_TRUE(Has(s.problems[1].message(), "not an object"));
  EXPECT_TRUE(Has(s.problems[2].message(), "no \"text\" or \"html\""));
  EXPECT_TRUE(Has(s.problems[3].message(), "\"published\" is not a date"));
}

std::string Record(const std::string& type, const std::string& extra, const std::string& block, long length = -1) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + type + std::to_string(block.size()) +
         ">\r\n" + extra + "Content-Length: " + std::to_string(length < 0 ? static_cast<long>(block.size()) : length) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Response(const std::string& headers, const std::string& body) {
  return "HTTP/1.1 200 OK\r\n" + headers + "\r\n" + body;
}

TEST(InputReader, ReadsWarcResponsesAndCountsWhatItSkips) {
  std::string chunked_body = std::string(kPage);
  std::string gz = Gzip(chunked_body);
  std::string chunks;
  for (size_t i = 0; i < gz.size(); i += 100) {
    std::string part = gz.substr(i, 100);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", part.size());
    chunks += std::string(size) + "\r\n" + part + "\r\n";
  }
  chunks += "0\r\n\r\n";
  std::string warc =
      Record("warcinfo", "", "software: hand-made\r\n") +
      Record("request", "WARC-Target-URI: https://a.example/news/1\r\n", "GET /news/1 HTTP/1.1\r\n\r\n") +
      Record("response", "WARC-Target-URI: https://a.example/news/1\r\n",
             Response("Content-Type: text/html; charset=utf-8\r\n", kPage)) +
      Record("response", "WARC-Target-URI: <https://b.example/news/2>\r\n",
             Response("Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunks)) +
      Record("response", "WARC-Target-URI: https://a.example/logo.png\r\n",
             Response("Content-Type: image/png\r\n", "PNG")) +
      Record("metadata", "", "fetchTimeMs: 12\r\n");
  Split s = Read(Gzip(warc), "crawl.warc.gz");
  EXPECT_EQ(s.summary.format, InputFormat::kWarc);
  ASSERT_EQ(s.docs.size(), 2u);
  EXPECT_EQ(s.docs[0].hints.url, "https://a.example/news/1");
  EXPECT_EQ(s.docs[0].bytes, kPage);
  EXPECT_EQ(s.docs[1].hints.url, "https://b.example/news/2");
  EXPECT_EQ(s.docs[1].bytes, kPage) << "dechunked and gunzipped";
  EXPECT_TRUE(Has(s.docs[0].where, "crawl.warc.gz: record 3 <urn:uuid:response"));
  EXPECT_EQ(s.summary.skipped, (std::map<std::string, size_t>{
                                   {"metadata", 1}, {"non-HTML response", 1}, {"request", 1}, {"warcinfo", 1}}));
  EXPECT_TRUE(s.problems.empty());
}

TEST(InputReader, SurvivesWarcRecordsWhoseLengthLies) {
  std::string good =
      Record("response", "WARC-Target-URI: https://a.example/1\r\n", Response("Content-Type: text/html\r\n", kPage));
  std::string block = Response("Content-Type: text/html\r\n", kPage);
  // Too long: it would swallow the next record. Too short: the record runs on.
  std::string too_long = Record("response", "WARC-Target-URI: https://a.example/2\r\n", block, 5000);
  std::string too_short = Record("response", "WARC-Target-URI: https://a.example/3\r\n", block, 40);
  Split s = Read(too_long + good + too_short + good, "lies.warc");
  ASSERT_EQ(s.problems.size(), 2u);
  EXPECT_TRUE(Has(s.problems[0].where(), "lies.warc: record 1")) << s.problems[0].ToString();
  EXPECT_TRUE(Has(s.problems[0].message(), "Content-Length says 5000 bytes")) << s.problems[0].ToString();
  EXPECT_TRUE(Has(s.problems[1].where(), "lies.warc: record 3")) << s.problems[1].ToString();
  EXPECT_TRUE(Has(s.problems[1].message(), "runs on")) << s.problems[1].ToString();
  // Every record with a whole page is still read: the two good ones and the one
  // whose length was too long (its block ends where the next record starts).
  std::vector<std::string> urls;
  for (const Document& d : s.docs) urls.push_back(d.hints.url.value_or(""));
  EXPECT_EQ(urls, (std::vector<std::string>{"https://a.example/2", "https://a.example/1", "https://a.example/3",
                                            "https://a.example/1"}));
  // A file cut inside a record still gives the records before it.
  std::string cut = good + good.substr(0, good.size() / 2);
  Split c = Read(cut, "cut.warc");
  EXPECT_GE(c.docs.size(), 1u);
  ASSERT_FALSE(c.problems.empty());
  EXPECT_TRUE(Has(c.problems[0].ToString(), "cut.warc: record 2")) << c.problems[0].ToString();
}

TEST(InputReader, RefusesOneArticleOverTheLimit) {
  InputLimits limits;
  limits.max_article_bytes = 1000;
  std::vector<Status> problems;
  size_t docs = 0;
  SplitInput(
      std::string(2000000, 'a'), "huge.html", limits, [&](Document) { ++docs; },
      [&](const Status& p) { problems.push_back(p); });
  EXPECT_EQ(docs, 0u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(Has(problems[0].ToString(), "huge.html")) << problems[0].ToString();
  EXPECT_TRUE(Has(problems[0].message(), "--max-bytes"));
}

}  // namespace
}  // namespace crosscheck::ingest
