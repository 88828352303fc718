#include "crosscheck/extract.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "pipeline/test_support.h"
#include "text/glue_repair.h"

namespace crosscheck {
namespace {

using namespace testing_support;

const char* kStory =
    "Bridge closed after cracks found\n\n"
    "May 2, 2024\n\n"
    "Officials said on Tuesday that the Harbour Bridge would stay closed for at least a week while\n"
    "engineers inspect it, and that commuters should take the ferry instead of the bus.\n\n"
    "\xE2\x80\x9CWe will not take risks,\xE2\x80\x9D Transport Minister Jane Doe said. "
    "\xE2\x80\x9CThe bridge opens when it is safe.\xE2\x80\x9D\n\n"
    "SEE ALSO: Ferries add extra sailings\n";

TEST(Extractor, ProducesParagraphsSentencesAndTokens) {
  Result<Article> r = SharedExtractor().Extract(kStory, "story.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Article& a = r.value();
  EXPECT_EQ(a.title, "Bridge closed after cracks found");
  EXPECT_EQ(a.published, "2024-05-02");
  ASSERT_EQ(a.paragraphs.size(), 2u);
  EXPECT_EQ(a.Slice(a.paragraphs[1]),
            "\"We will not take risks,\" Transport Minister Jane Doe said. \"The bridge opens when it is safe.\"");
  ASSERT_EQ(a.sentences.size(), 3u);
  EXPECT_EQ(a.sentences[2].paragraph, 1u);
  EXPECT_EQ(a.text.substr(a.paragraphs[0].end, 2), "\n\n");
  EXPECT_FALSE(a.sentences[0].tokens.empty());
  EXPECT_EQ(a.dropped.size(), 3u);
  EXPECT_EQ(a.repairs[Repair::kQuotes], 4u);
  EXPECT_EQ(a.repairs[Repair::kJoinedLines], 1u);
}

TEST(Extractor, SpansOfEveryKindMapIntoTheRawInput) {
  Result<Article> r = SharedExtractor().Extract(kStory, "story.txt");
  ASSERT_TRUE(r.ok());
  const Article& a = r.value();
  EXPECT_EQ(a.raw, kStory);
  uint32_t m = static_cast<uint32_t>(a.text.find("Transport Minister"));
  EXPECT_EQ(a.SliceOriginal(a.offsets.ToOriginal({m, m + 18})), "Transport Minister");
  // A sentence that starts with a normalized quote maps to the curly original.
  EXPECT_EQ(a.SliceOriginal(a.offsets.ToOriginal(a.sentences[1].span)),
            "\xE2\x80\x9CWe will not take risks,\xE2\x80\x9D Transport Minister Jane Doe said.");
  for (const DroppedLine& d : a.dropped) EXPECT_EQ(a.SliceOriginal(d.original), d.text);
}

TEST(Extractor, OptionsTurnStagesOff) {
  ExtractOptions options;
  options.repair_glued_words = false;
  options.tokenize = false;
  Result<Extractor> ex = Extractor::Create(options);
  ASSERT_TRUE(ex.ok());
  Result<Article> a = ex->Extract("The minister said on Tuesday that the bridge was closed apretext.", "x.txt");
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->text.find("apretext"), std::string::npos);
  EXPECT_TRUE(a->sentences[0].tokens.empty());
  EXPECT_EQ(a->WordCount(), 11u);
}

TEST(Extractor, MissingWordListIsAClearError) {
  ExtractOptions options;
  options.word_list_paths = {"/nonexistent/words"};
  Result<Extractor> ex = Extractor::Create(options);
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ex.status().where(), "/nonexistent/words");
  EXPECT_NE(ex.status().message().find("wamerican"), std::string::npos);
}

TEST(Extractor, OversizedInputFails) {
  ExtractOptions options;
  options.max_bytes = 100;
  options.repair_glued_words = false;
  Result<Extractor> ex = Extractor::Create(options);
  ASSERT_TRUE(ex.ok());
  Status s = ex->Extract(std::string(200, 'a'), "big.txt").status();
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(s.where(), "big.txt");
}

TEST(Extractor, ReadsAWebPageWithItsMetadataAndStructure) {
  Result<Article> a = SharedExtractor().Extract(ReadFile(SourcePath("src/ingest/testdata/harbour_page.html")),
                                                "harbour_page.html");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->format, "html");
  EXPECT_EQ(a->title, "Ferry strike ends after two weeks");
  EXPECT_EQ(a->outlet, "The Coastal Ledger");
  EXPECT_EQ(a->published, "2031-04-08");
  EXPECT_EQ(a->language, "en-GB");
  // Paragraphs come from the markup: list items stay apart even after a colon.
  std::vector<std::string> paragraphs;
  for (const Span& p : a->paragraphs) paragraphs.emplace_back(a->Slice(p));
  ASSERT_EQ(paragraphs.size(), 8u);
  EXPECT_EQ(paragraphs[4], "The operator said the full timetable would return on Thursday, with these changes:");
  EXPECT_EQ(paragraphs[5], "the first morning sailing moves to 6.10am");
  EXPECT_EQ(a->repairs[Repair::kJoinedParagraphs], 0u);
  EXPECT_EQ(a->repairs[Repair::kQuotes], 5u) << "curly quotes made straight as in plain text";
  EXPECT_TRUE(a->dropped.empty());
}

TEST(Extractor, GlueRepairIsForEnglish) {
  // Portuguese: "nesta" and "marcas" are no glued English words.
  const char* pt =
      "A equipe do servico registrou nesta manha o arrombamento de dois dos cinco automoveis da unidade. "
      "Os veiculos estavam sem as respectivas baterias e com marcas de depredacao, e a policia foi ao local.";
  Result<Article> a = SharedExtractor().Extract(pt, "pt.txt");
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->text.find("nesta manha"), std::string::npos) << a->text;
  EXPECT_NE(a->text.find("com marcas de"), std::string::npos) << a->text;
  EXPECT_EQ(a->repairs[Repair::kGluedWords], 0u);
  EXPECT_TRUE(text::LooksEnglish("The minister said on Tuesday that the bridge would stay closed for repairs after "
                                 "engineers found cracks in two of its supports, and that ferries would run instead."));
  EXPECT_FALSE(text::LooksEnglish(pt));
}

}  // namespace
TEST(Extractor, ResegmentGivesBackWhatExtractMadeFromTheSameText) {
  // What a store keeps (text and metadata) is enough to brief again: the segments
  // and tokens come out the same, for plain text, messy headers, web pages and wire copy.
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("examples/story"))) paths.push_back(e.path().string());
  paths.push_back(SourcePath("src/ingest/testdata/harbour_page.html"));
  std::sort(paths.begin(), paths.end());
  ASSERT_GE(paths.size(), 7u);
  for (const std::string& path : paths) {
    Article a = MustExtract(path);
    Article kept;
    kept.text = a.text;
    kept.title = a.title;
    Article b = SharedExtractor().Resegment(std::move(kept));
    ASSERT_EQ(b.paragraphs, a.paragraphs) << path;
    ASSERT_EQ(b.sentences.size(), a.sentences.size()) << path;
    for (size_t s = 0; s < a.sentences.size(); ++s) {
      EXPECT_EQ(b.sentences[s].span, a.sentences[s].span) << path;
      ASSERT_EQ(b.sentences[s].tokens.size(), a.sentences[s].tokens.size()) << path;
      for (size_t t = 0; t < a.sentences[s].tokens.size(); ++t) {
        EXPECT_EQ(b.sentences[s].tokens[t].span, a.sentences[s].tokens[t].span) << path;
        EXPECT_EQ(b.StemOf(b.sentences[s].tokens[t]), a.StemOf(a.sentences[s].tokens[t])) << path;
      }
    }
    EXPECT_EQ(b.title, a.title);
    EXPECT_EQ(b.raw, a.text);
    EXPECT_EQ(b.offsets.ToOriginal({0, static_cast<uint32_t>(b.text.size())}).end, b.text.size());
  }
}

}  // namespace crosscheck
