// Prepared articles: their bytes read back as written, bad bytes fail with a
// clear error, and an ingest fed prepared articles makes the store of an ingest
// of the same inputs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/corpus.h"
#include "crosscheck/store.h"
#include "ingest/input_reader.h"
#include "pipeline/test_support.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // keeps "format" first, as written
using testing_support::SourcePath;

const std::vector<std::string> kInputs = {SourcePath("examples/story"), SourcePath("examples/stream")};

Briefer& SharedBriefer() {
  static Briefer* briefer = [] {
    Result<Briefer> b = Briefer::Create(BriefOptions{});
    if (!b.ok()) throw std::runtime_error(b.status().ToString());
    return new Briefer(std::move(b).value());
  }();
  return *briefer;
}

// The articles of `inputs`, in the order an ingest reads them, prepared.
std::vector<PreparedArticle> PrepareInputs(const std::vector<std::string>& inputs) {
  std::vector<PreparedArticle> out;
  ingest::DocumentEvents events;
  events.document = [&](ingest::Document doc) {
    Result<Article> a = SharedBriefer().extractor().Extract(std::move(doc.bytes), doc.where, doc.hints);
    if (a.ok()) out.push_back(PrepareArticle(SharedBriefer(), std::move(a).value()));
  };
  ingest::ForEachDocument(inputs, InputLimits{}, events);
  return out;
}

void ExpectSame(const PreparedArticle& want, const PreparedArticle& got) {
  const Article& a = want.article;
  const Article& b = got.article;
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.outlet, b.outlet);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.published, b.published);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.authors, b.authors);
  EXPECT_EQ(a.wire_credits, b.wire_credits);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.warnings, b.warnings);
  EXPECT_EQ(want.words, got.words);
  EXPECT_EQ(want.dropped_json, got.dropped_json);
  EXPECT_EQ(want.terms, got.terms);  // weights bit for bit: the clusterer must see the same numbers
  EXPECT_EQ(want.day, got.day);
  EXPECT_EQ(want.shingles, got.shingles);
  EXPECT_EQ(want.signature, got.signature);
  EXPECT_EQ(want.content_key, got.content_key);
  EXPECT_EQ(want.source_key, got.source_key);
}

TEST(PreparedArticle, BytesReadBackAsWritten) {
  std::vector<PreparedArticle> prepared = PrepareInputs(kInputs);
  ASSERT_GT(prepared.size(), 20u);
  bool titled = false, dated = false, with_url = false, dropped = false;
  for (const PreparedArticle& p : prepared) {
    SCOPED_TRACE(p.article.path);
    titled |= p.article.title.has_value();
    dated |= p.day.has_value();
    with_url |= p.article.url.has_value();
    dropped |= p.dropped_json != "[]";
    EXPECT_EQ(p.signature.size(), 128u);
    EXPECT_FALSE(p.terms.empty());
    const std::string bytes = PreparedArticleToBytes(p);
    Result<PreparedArticle> back = PreparedArticleFromBytes(bytes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ExpectSame(p, *back);
    EXPECT_EQ(PreparedArticleToBytes(*back), bytes);
  }
  EXPECT_TRUE(titled && dated && with_url && dropped) << "the examples no longer cover every optional field";
}

TEST(PreparedArticle, AnArticleWithoutWordsHasNoSignatureAndReadsBack) {
  PreparedArticle p = PrepareArticle(SharedBriefer(), SharedBriefer().extractor().Resegment(Article{}));
  EXPECT_TRUE(p.shingles.empty());
  EXPECT_TRUE(p.signature.empty());
  Result<PreparedArticle> back = PreparedArticleFromBytes(PreparedArticleToBytes(p));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(p, *back);
}

std::string Cbor(const Json& j) {
  std::vector<uint8_t> v = Json::to_cbor(j);
  return std::string(v.begin(), v.end());
}

TEST(PreparedArticle, BadBytesFailWithAClearError) {
  std::vector<PreparedArticle> prepared = PrepareInputs({SourcePath("examples/story/01_valley_wire.txt")});
  ASSERT_EQ(prepared.size(), 1u);
  const std::string good = PreparedArticleToBytes(prepared[0]);
  const Json tree = Json::from_cbor(good);
  ASSERT_TRUE(PreparedArticleFromBytes(good).ok());

  // The good article with one change.
  auto with = [&](const std::function<void(Json&)>& change) {
    Json j = tree;
    change(j);
    return Cbor(j);
  };
  auto binary = [](size_t n) { return Json::binary(std::vector<uint8_t>(n, 7)); };
  // Packed values with the first two (of `width` bytes each) swapped.
  auto swapped = [](const Json& packed, size_t width) {
    std::vector<uint8_t> v = packed.get_binary();
    std::swap_ranges(v.begin(), v.begin() + width, v.begin() + width);
    return Json::binary(std::move(v));
  };
  // {"format": "crosscheck.prepared/1", then `rest` (CBOR bytes): a map of 2.
  auto after_format = [](const std::string& rest) {
    return std::string("\xa2\x66""format\x75""crosscheck.prepared/1") + rest;
  };
  // "article": {"authors": [[[[...]]]]}: deeper than any stack would hold, were
  // nlohmann's reader let recurse.
  const std::string deep =
      after_format("\x67""article\xa1\x67""authors" + std::string(100000, '\x81') + '\x01');
  struct Case {
    std::string name, bytes;
    StatusCode code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"empty", "", StatusCode::kDataLoss, "not CBOR, or cut short"},
      {"JSON text", "{\"format\": 1}", StatusCode::kDataLoss, "not CBOR"},
      {"a number", Cbor(Json(5)), StatusCode::kDataLoss, "a single number, not a map"},
      {"an array", Cbor(Json::array({1, 2})), StatusCode::kDataLoss, "an array, not a map"},
      {"nested deep", deep, StatusCode::kDataLoss, "nested deeper than 3"},
      {"a huge count", after_format(std::string("\x61x\x9b\x00\xff\xff\xff\xff\xff\xff\xff", 11)),
       StatusCode::kDataLoss, "a count of 72057594037927935 with 0 bytes left"},
      {"a string longer than the bytes", after_format(std::string("\x61x\x7a\x00\x10\x00\x00" "abc", 10)), StatusCode::kDataLoss,
       "a length of 1048576 with 3 bytes left"},
      // Each 0x7F opens an indefinite text inside the last: nlohmann's reader
      // would recurse once per byte, down the stack.
      {"indefinite texts in indefinite texts", std::string(100000, '\x7f'), StatusCode::kDataLoss,
       "an indefinite or reserved length"},
      {"an indefinite map", "\xbf\x66" "format\x75" "crosscheck.prepared/1\xff", StatusCode::kDataLoss,
       "an indefinite or reserved length"},
      {"a tag", "\xc0\x60", StatusCode::kDataLoss, "a tag"},
      {"a byte more", good + '\0', StatusCode::kDataLoss, "1 bytes after the map"},
      {"a field twice", after_format("\x66""format\x75""crosscheck.prepared/1"), StatusCode::kDataLoss,
       "\"format\" twice"},
      {"cut short", good.substr(0, good.size() / 2), StatusCode::kDataLoss, "cut short"},
      {"another version", with([](Json& j) { j["format"] = "crosscheck.prepared/2"; }),
       StatusCode::kUnsupportedFormat, "format \"crosscheck.prepared/2\", and this crosscheck reads"},
      {"a text for a format", with([](Json& j) { j["format"] = std::string(1000, 'x'); }), StatusCode::kDataLoss,
       "\"format\": 1000 bytes, not a name"},
      {"no format", with([](Json& j) { j.erase("format"); }), StatusCode::kDataLoss, "\"article\" before \"format\""},
      {"no article", with([](Json& j) { j.erase("article"); }), StatusCode::kDataLoss, "\"article\": missing"},
      {"no shingles", with([](Json& j) { j.erase("shingles"); }), StatusCode::kDataLoss, "\"shingles\": missing"},
      {"a map for a later field", with([](Json& j) { j["later"] = {{"a", 1}}; }), StatusCode::kDataLoss,
       "\"later\": a map of the wrong type"},
      {"a text that is not UTF-8", with([](Json& j) { j["article"]["text"] = std::string("caf\xc3", 4); }),
       StatusCode::kDataLoss, "\"article.text\": not valid UTF-8"},
      {"no text", with([](Json& j) { j["article"].erase("text"); }), StatusCode::kDataLoss,
       "\"article.text\": missing"},
      {"a number for a title", with([](Json& j) { j["article"]["title"] = 3; }), StatusCode::kDataLoss,
       "\"article.title\": a number of the wrong type"},
      {"a number among authors", with([](Json& j) { j["article"]["authors"] = Json::array({"A", 1}); }),
       StatusCode::kDataLoss, "\"article.authors\" holds a number, not only strings"},
      {"more words than bytes", with([](Json& j) { j["words"] = 1u << 30; }), StatusCode::kDataLoss,
       "\"words\": 1073741824 is more than"},
      {"negative words", with([](Json& j) { j["words"] = -1; }), StatusCode::kDataLoss,
       "\"words\": a negative number of the wrong type"},
      {"terms of a broken length", with([&](Json& j) { j["terms"] = binary(6); }), StatusCode::kDataLoss,
       "not a whole number of values"},
      {"terms out of order", with([&](Json& j) { j["terms"] = swapped(j["terms"], 4); }), StatusCode::kDataLoss,
       "\"terms\" out of order"},
      {"a weight too few", with([](Json& j) { j["weights"].get_binary().resize(j["weights"].get_binary().size() - 4); }),
       StatusCode::kDataLoss, "\"weights\""},
      {"a negative weight", with([](Json& j) { j["weights"].get_binary()[3] = 0xbf; }), StatusCode::kDataLoss,
       "not a positive number"},
      {"a day beyond 32 bits", with([](Json& j) { j["day"] = int64_t{1} << 40; }), StatusCode::kDataLoss,
       "\"day\": 1099511627776 does not fit"},
      {"a day below 32 bits", with([](Json& j) { j["day"] = -(int64_t{1} << 40); }), StatusCode::kDataLoss,
       "\"day\": -1099511627776 does not fit"},
      {"a float for words", with([](Json& j) { j["words"] = 1.5; }), StatusCode::kDataLoss,
       "\"words\": a float of the wrong type"},
      {"a null for a key", with([](Json& j) { j["source_key"] = nullptr; }), StatusCode::kDataLoss,
       "\"source_key\": a null of the wrong type"},
      {"shingles out of order", with([&](Json& j) { j["shingles"] = swapped(j["shingles"], 8); }),
       StatusCode::kDataLoss, "\"shingles\" out of order"},
      {"more shingles than words", with([](Json& j) { j["words"] = 2; }), StatusCode::kDataLoss,
       "\"shingles\" of 2 words"},
      {"a short signature", with([&](Json& j) { j["signature"] = binary(508); }), StatusCode::kDataLoss,
       "a \"signature\" of 127 values"},
      {"a signature cut inside a value", with([&](Json& j) { j["signature"] = binary(510); }), StatusCode::kDataLoss,
       "not a whole number of values"},
      {"no signature with shingles", with([&](Json& j) { j["signature"] = binary(0); }), StatusCode::kDataLoss,
       "a \"signature\" of 0 values"},
      {"a signature without shingles", with([&](Json& j) { j["shingles"] = binary(0); }), StatusCode::kDataLoss,
       "a \"signature\" of 128 values for 0 shingles"},
      {"shingles as an array", with([](Json& j) { j["shingles"] = Json::array({1, 2}); }), StatusCode::kDataLoss,
       "\"shingles\": an array of the wrong type"},
      {"a signature as text", with([](Json& j) { j["signature"] = "abc"; }), StatusCode::kDataLoss,
       "\"signature\": a string of the wrong type"},
      {"a short key", with([&](Json& j) { j["content_key"] = binary(15); }), StatusCode::kDataLoss,
       "keys of 15 and 16 bytes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<PreparedArticle> r = PreparedArticleFromBytes(c.bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.code);
    EXPECT_NE(r.status().message().find(c.says), std::string::npos) << r.status().ToString();
  }
  // A plain field this version does not know is skipped.
  Result<PreparedArticle> later = PreparedArticleFromBytes(with([](Json& j) { j["article"]["later"] = "x"; }));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  ExpectSame(prepared[0], *later);
  // Every cut of the good bytes fails, none crashes.
  for (size_t n = 0; n < good.size(); n += 7) EXPECT_FALSE(PreparedArticleFromBytes(good.substr(0, n)).ok()) << n;
}

// Every stored field of every article, and its story.
std::vector<std::string> Dump(Store& store) {
  std::vector<std::string> out;
  Result<size_t> n = store.ArticleCount();
  EXPECT_TRUE(n.ok());
  for (int64_t id = 1; n.ok() && id <= static_cast<int64_t>(*n); ++id) {
    Result<std::optional<StoredArticle>> a = store.Article(id);
    EXPECT_TRUE(a.ok() && *a);
    if (!a.ok() || !*a) continue;
    const StoredArticle& s = **a;
    Result<std::optional<int64_t>> story = store.ResolveStory(s.story);
    Json j = {{"given_id", s.given_id}, {"path", s.path}, {"title", s.title.value_or("-")},
              {"outlet", s.outlet.value_or("-")}, {"url", s.url.value_or("-")}, {"url_key", s.url_key.value_or("-")},
              {"published", s.published.value_or("-")}, {"authors", s.authors}, {"credits", s.wire_credits},
              {"format", s.format}, {"text", s.text}, {"dropped", s.dropped_json}, {"words", s.words},
              {"content_key", Json::binary(std::vector<uint8_t>(s.content_key.begin(), s.content_key.end()))},
              {"source_key", Json::binary(std::vector<uint8_t>(s.source_key.begin(), s.source_key.end()))},
              {"signature", Json::binary(std::vector<uint8_t>(s.signature.begin(), s.signature.end()))},
              {"shingles", s.shingles}, {"duplicate_of", s.duplicate_of.value_or(0)},
              {"story", story.ok() ? story->value_or(-1) : -2}};
    out.push_back(j.dump());
  }
  return out;
}

class TempStore {
 public:
  explicit TempStore(const std::string& name)
      : path_((fs::temp_directory_path() / ("crosscheck_prepared_" + std::to_string(::getpid()) + "_" + name + ".db"))
                  .string()) {
    Remove();
    StoreOptions so;
    so.mode = StoreMode::kReadWrite;
    Result<std::unique_ptr<Store>> s = OpenStore(path_, so);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    store_ = std::move(s).value();
  }
  ~TempStore() {
    store_.reset();
    Remove();
  }
  Store& store() { return *store_; }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm", ".lock"}) fs::remove(path_ + suffix);
  }
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST(PreparedArticle, AnIngestOfPreparedBytesMakesTheStoreOfAnIngest) {
  IngestOptions options;
  options.threads = 2;
  TempStore direct("direct");
  {
    Result<Ingester> ingester = Ingester::Open(direct.store(), options);
    ASSERT_TRUE(ingester.ok()) << ingester.status().ToString();
    ASSERT_TRUE(ingester->Ingest(kInputs, InputLimits{}, IngestEvents{}).ok());
  }
  TempStore sent("sent");
  IngestCounts counts;
  {
    Result<Ingester> ingester = Ingester::Open(sent.store(), options);
    ASSERT_TRUE(ingester.ok()) << ingester.status().ToString();
    for (const PreparedArticle& p : PrepareInputs(kInputs)) {
      Result<PreparedArticle> back = PreparedArticleFromBytes(PreparedArticleToBytes(p));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      ASSERT_TRUE(ingester->AddPrepared(std::move(back).value()).ok());
    }
    ASSERT_TRUE(ingester->Finish().ok());
    counts = ingester->counts();
  }
  EXPECT_GT(counts.copies, 0u);
  EXPECT_GT(counts.stories_created, 3u);
  std::vector<std::string> want = Dump(direct.store());
  ASSERT_GT(want.size(), 20u);
  EXPECT_EQ(Dump(sent.store()), want);
}

}  // namespace
}  // namespace crosscheck
