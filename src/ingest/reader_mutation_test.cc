// The readers of untrusted input on many broken variants of good input: bytes
// flipped, cut, repeated and shuffled, with a fixed seed so that a failure
// reproduces. Each variant must come back as a result or a Status (no crash, no
// hang) and keep the readers' promises: UTF-8 text out, no article over the limit.
// (The libFuzzer targets under fuzz/ search the same entry points for longer.)
#include <gtest/gtest.h>

#include <random>

#include "ingest/html_reader.h"
#include "ingest/input_reader.h"
#include "ingest/testdata/fixtures.h"

namespace crosscheck::ingest {
namespace {

using fixtures::Fixture;
using fixtures::Gzip;

bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// One random edit: flip a byte, cut the tail, drop a slice, repeat a slice, or
// splice in markup that readers find hard.
std::string Mutate(std::string s, std::mt19937& rng) {
  static const char* kSplices[] = {"<", ">", "</div>", "<div>", "<!--", "-->", "<script>", "&#x", "&", "\"", "\xC3",
                                   "\xFF", "\r\n\r\n", "WARC/1.0\r\n", "Content-Length: 99999\r\n", "{\"", "\n"};
  if (s.empty()) return "<";
  std::uniform_int_distribution<size_t> at(0, s.size() - 1);
  switch (rng() % 5) {
    case 0:
      s[at(rng)] = static_cast<char>(rng());
      break;
    case 1:
      s.resize(at(rng));
      break;
    case 2: {
      size_t b = at(rng);
      s.erase(b, rng() % 200);
      break;
    }
    case 3: {
      size_t b = at(rng);
      std::string slice = s.substr(b, rng() % 300);
      for (int k = 0; k < 3; ++k) s.insert(b, slice);
      break;
    }
    default:
      s.insert(at(rng), kSplices[rng() % (sizeof kSplices / sizeof *kSplices)]);
      break;
  }
  return s;
}

TEST(ReaderMutation, HtmlReaderGivesUtf8TextForBrokenPages) {
  std::mt19937 rng(20261128);
  const std::string page = Fixture("harbour_page.html");
  for (int i = 0; i < 300; ++i) {
    std::string variant = page;
    for (int edits = 1 + static_cast<int>(rng() % 8); edits > 0; --edits) variant = Mutate(std::move(variant), rng);
    Result<HtmlDocument> doc = ReadHtml(variant);
    ASSERT_TRUE(doc.ok()) << "variant " << i << ": " << doc.status().ToString();
    EXPECT_TRUE(IsUtf8(doc->text)) << "variant " << i;
    if (doc->title) {
      EXPECT_TRUE(IsUtf8(*doc->title)) << "variant " << i;
    }
  }
}

TEST(ReaderMutation, InputSplitterKeepsItsLimitsOnBrokenArchives) {
  std::mt19937 rng(1128);
  const std::string page = Fixture("harbour_page.html");
  const std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page;
  std::string warc;
  for (int r = 0; r < 3; ++r) {
    warc += "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/" + std::to_string(r) +
            "\r\nContent-Length: " + std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  }
  const std::string jsonl = "{\"id\": \"a\", \"text\": \"Crews returned to work on Tuesday.\"}\n"
                            "{\"id\": \"b\", \"html\": \"<p>Island shops reopened on Wednesday.</p>\"}\n";
  const std::vector<std::string> inputs = {warc, Gzip(warc), jsonl, Gzip(jsonl)};
  InputLimits limits;
  limits.max_article_bytes = 8000;
  limits.max_archive_bytes = 1 << 20;
  for (int i = 0; i < 400; ++i) {
    std::string variant = inputs[i % inputs.size()];
    for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0; --edits) variant = Mutate(std::move(variant), rng);
    size_t documents = 0;
    InputSummary summary = SplitInput(
        variant, "mutated.input", limits,
        [&](Document d) {
          ++documents;
          EXPECT_LE(d.bytes.size(), limits.max_article_bytes) << "variant " << i;
          EXPECT_FALSE(d.where.empty());
        },
        [&](const Status& problem) {
          EXPECT_FALSE(problem.ok());
          EXPECT_NE(problem.where().find("mutated.input"), std::string::npos) << problem.ToString();
        });
    EXPECT_EQ(summary.documents, documents) << "variant " << i;
  }
}

}  // namespace
}  // namespace crosscheck::ingest
