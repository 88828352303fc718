// The bundled example story (examples/story): written for crosscheck, so its truth
// is known exactly.
#include <gtest/gtest.h>

#include "pipeline/test_support.h"

namespace crosscheck {
namespace {

using namespace testing_support;

Article Example(const std::string& name) { return MustExtract(SourcePath("examples/story/" + name)); }

TEST(ExampleStory, MetadataOfEveryArticle) {
  struct Expect {
    const char* file;
    std::optional<std::string> title, published, outlet;
  };
  const Expect kExpected[] = {
      {"01_valley_wire.txt", "Thousands evacuated as cracked spillway threatens Millbrook", "2025-03-11",
       "Valley Wire Service"},
      {"02_millbrook_courier.txt", "Millbrook told to leave as dam spillway cracks", "2025-03-11",
       "millbrookcourier.example"},
      {"03_northern_ledger.txt", "Aldren Dam: evacuation ordered, engineers race to save spillway", "2025-03-12",
       std::nullopt},
      {"04_riverside_post.txt", "Millbrook evacuees wait for word on damaged dam", "2025-03-12", std::nullopt},
      {"05_coastline_radio.txt", "Dam inspectors say Aldren spillway can be repaired", std::nullopt, std::nullopt},
      {"06_capital_tribune.txt", "Governor Okafor faces questions over ageing dams after Millbrook scare",
       "2025-03-14", "capitaltribune.example"},
  };
  for (const Expect& e : kExpected) {
    Article a = Example(e.file);
    EXPECT_EQ(a.title, e.title) << e.file;
    EXPECT_EQ(a.published, e.published) << e.file;
    EXPECT_EQ(a.outlet, e.outlet) << e.file;
  }
  EXPECT_EQ(Example("03_northern_ledger.txt").authors, (std::vector<std::string>{"Priya Natarajan"}));
  EXPECT_EQ(Example("02_millbrook_courier.txt").wire_credits, (std::vector<std::string>{"Valley Wire Service"}));
  EXPECT_EQ(Example("04_riverside_post.txt").wire_credits, (std::vector<std::string>{"Valley Wire Service"}));
}

TEST(ExampleStory, TheMessyArticleIsCleaned) {
  Article a = Example("04_riverside_post.txt");
  std::vector<DropReason> reasons;
  for (const DroppedLine& d : a.dropped) reasons.push_back(d.reason);
  EXPECT_EQ(reasons, (std::vector<DropReason>{DropReason::kBreadcrumb, DropReason::kTitle, DropReason::kDateLine,
                                              DropReason::kCaption, DropReason::kPhotoCredit, DropReason::kSeeAlso,
                                              DropReason::kPromo, DropReason::kWireCredit}));
  for (const char* fixed : {"spent a second night", "upstream of the town.", "Regional Governor Maria Okafor visited",
                            "the decision to clear the town", "answer \"at the appropriate time.\"",
                            "can be saved -- and what it will take,\" she said."}) {
    EXPECT_NE(a.text.find(fixed), std::string::npos) << "missing: " << fixed;
  }
  EXPECT_EQ(a.repairs[Repair::kGluedWords], 3u);
  EXPECT_EQ(a.repairs[Repair::kMarkdownLinks], 1u);
  EXPECT_GT(a.repairs[Repair::kQuotes], 10u);
  // The original bytes stay recoverable: the curly quotation maps back to itself.
  size_t q = a.text.find("\"We left with two bags and the dog,\"");
  ASSERT_NE(q, std::string::npos);
  Span o = a.offsets.ToOriginal({static_cast<uint32_t>(q), static_cast<uint32_t>(q + 36)});
  EXPECT_EQ(a.SliceOriginal(o), "\xE2\x80\x9CWe left with two bags and the dog,\xE2\x80\x9D");
}

TEST(ExampleStory, TheSyndicatedCopyDiffersOnlyByItsEdits) {
  Article wire = Example("01_valley_wire.txt");
  Article copy = Example("02_millbrook_courier.txt");
  size_t copied = 0, cut = 0;
  for (const Sentence& s : copy.sentences) copied += wire.text.find(copy.Slice(s.span)) != std::string::npos;
  for (const Sentence& s : wire.sentences) cut += copy.text.find(wire.Slice(s.span)) == std::string::npos;
  EXPECT_EQ(copied + 1, copy.sentences.size());  // one sentence added by the Courier
  EXPECT_EQ(cut, 2u);  // the Courier cut the "MILLBROOK --" dateline and the hearing sentence
}

TEST(ExampleStory, QuotationsStayWholeSentences) {
  Article a = Example("01_valley_wire.txt");
  std::vector<std::string> sentences;
  for (const Sentence& s : a.sentences) sentences.emplace_back(a.Slice(s.span));
  EXPECT_NE(std::find(sentences.begin(), sentences.end(),
                      "\"The spillway is damaged, but the main wall is holding,\" Tomas Reyes, a spokesman for the "
                      "Carrow Valley Water Authority, told reporters at the dam."),
            sentences.end());
  EXPECT_NE(std::find(sentences.begin(), sentences.end(),
                      "Dr. Lena Hartmann, chief engineer of the National Dam Safety Board, said her inspectors would "
                      "stay on site through the night."),
            sentences.end());
}

}  // namespace
}  // namespace crosscheck
