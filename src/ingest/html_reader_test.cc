#include "ingest/html_reader.h"

#include <gtest/gtest.h>

#include <chrono>

#include "ingest/testdata/fixtures.h"

namespace crosscheck::ingest {
namespace {

using fixtures::Fixture;

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(HtmlReader, ReadsMetadataFromMarkup) {
  Result<HtmlDocument> doc = ReadHtml(Fixture("harbour_page.html"));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->title, "Ferry strike ends after two weeks");
  EXPECT_EQ(doc->outlet, "The Coastal Ledger");
  EXPECT_EQ(doc->url, "https://www.coastalledger.example/news/2031/04/08/ferry-strike-ends");
  EXPECT_EQ(doc->language, "en-GB");
  // JSON-LD wins over the Open Graph time, which a later edit moved to the next day.
  EXPECT_EQ(doc->published, "2031-04-08");
  EXPECT_EQ(doc->published_from, "json-ld");
  EXPECT_EQ(doc->authors, (std::vector<std::string>{"Mira Okafor", "Tomas Lind"}));
  EXPECT_EQ(doc->encoding, "UTF-8");
}

TEST(HtmlReader, KeepsTheBodyWithItsListsQuotesAndSubheadings) {
  Result<HtmlDocument> doc = ReadHtml(Fixture("harbour_page.html"));
  ASSERT_TRUE(doc.ok());
  const std::string& t = doc->text;
  EXPECT_TRUE(t.rfind("Crews on the Saltmarsh ferry line", 0) == 0) << t;
  EXPECT_TRUE(Has(t, "union\xE2\x80\x99s regional secretary")) << "entities decoded";
  EXPECT_TRUE(Has(t, "\xE2\x80\x9CNobody wanted this to last,\xE2\x80\x9D Dahl said."));
  EXPECT_TRUE(Has(t, "\n\nWhat changes for passengers\n\n"));
  EXPECT_TRUE(Has(t, "the first morning sailing moves to 6.10am"));
  EXPECT_TRUE(Has(t, "season tickets bought during the strike"));
  EXPECT_TRUE(Has(t, "fund a recovery grant."));
}

TEST(HtmlReader, LeavesOutPageFurniture) {
  Result<HtmlDocument> doc = ReadHtml(Fixture("harbour_page.html"));
  ASSERT_TRUE(doc.ok());
  const std::string& t = doc->text;
  for (const char* furniture : {
      "cookies", "Home", "Share on Facebook", "Photo: Harbour Agency", "morning briefing", "Advertisement",
      "hidden paragraph", "Related stories", "Bridge repairs", "Harbourwatcher", "Ferryfan", "All rights reserved",
      "not text", "display: flex", "More from the coast", "Lighthouse keepers", "dune path", "LIGHTS OUT",
      "transformer failed", "forty new nets", "Ferry strike ends after two weeks", "By Mira Okafor"}) {
    EXPECT_FALSE(Has(t, furniture)) << furniture << " in:\n" << t;
  }
}

// Three sentences of an article, and the page furniture around them, laid out
// the ways old templates and page builders write a body without any <p>.
constexpr const char* kSentences[] = {
    "The harbour bridge reopened to traffic on Monday morning after eleven weeks of repairs to its northern span.",
    "Engineers replaced forty steel cables and resurfaced the deck, work that cost the council about twelve million.",
    "Commuters had faced detours of up to forty minutes while the span was closed, and ferries added crossings.",
};

std::string Joined(const char* open, const char* close) {
  std::string out;
  for (const char* s : kSentences) out += std::string(open) + s + close + "\n";
  return out;
}

TEST(HtmlReader, FindsBodiesWrittenWithoutParagraphTags) {
  const std::string nav = "<div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></div>";
  const struct {
    const char* layout;
    std::string body;
  } kCases[] = {
      {"divs", "<div class=\"story\">" + Joined("<div>", "</div>") + "</div>"},
      {"<br> runs", "<div>" + Joined("", "<br><br>") + "</div>"},
      {"list items", "<article><ul>" + Joined("<li>", "</li>") + "</ul></article>"},
      {"a table cell", "<table><tr><td><a href=\"/a\">Archive</a></td><td>" + Joined("", "<br>") +
                           "</td></tr></table>"},
      {"spans", "<section>" + Joined("<span>", "</span><br>") + "</section>"},
  };
  for (const auto& c : kCases) {
    Result<HtmlDocument> doc = ReadHtml("<html><head><title>Bridge</title></head><body>" + nav + c.body +
                                        "<div class=\"footer\">Copyright</div></body></html>");
    ASSERT_TRUE(doc.ok()) << c.layout << ": " << doc.status().ToString();
    for (const char* s : kSentences) EXPECT_TRUE(Has(doc->text, s)) << c.layout << ": " << doc->text;
    EXPECT_FALSE(Has(doc->text, "Home")) << c.layout;
  }
}

std::string PageWithLdBody(const std::string& markup_body, const std::string& ld_body) {
  return "<html><head><title>Bridge</title><script type=\"application/ld+json\">"
         "{\"@type\":\"NewsArticle\",\"headline\":\"Bridge reopens\",\"articleBody\":\"" +
         ld_body + "\"}</script></head><body><main>" + markup_body + "</main></body></html>";
}

TEST(HtmlReader, TakesTheJsonLdBodyWhenTheMarkupHoldsLittleOfIt) {
  std::string ld;
  for (int i = 0; i < 3; ++i) ld += std::string(kSentences[i]) + (i < 2 ? "\\n\\n" : "");
  // A page drawn by script: its markup holds a teaser.
  Result<HtmlDocument> doc = ReadHtml(PageWithLdBody("<p>The harbour bridge reopened on Monday.</p>", ld));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, std::string(kSentences[0]) + "\n\n" + kSentences[1] + "\n\n" + kSentences[2]);
  EXPECT_FALSE(doc->warnings.empty());
  // A page whose markup holds the article keeps it, even when the JSON-LD copy differs.
  doc = ReadHtml(PageWithLdBody(Joined("<p>", "</p>"), "A shorter copy. " + ld));
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(Has(doc->text, std::string(kSentences[0]) + "\n\n")) << doc->text;
  EXPECT_FALSE(Has(doc->text, "shorter copy"));
  // A short description, or a body written as markup, is never taken.
  doc = ReadHtml(PageWithLdBody("<p>The harbour bridge reopened on Monday.</p>", "Bridge reopens after repairs."));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "The harbour bridge reopened on Monday.");
  doc = ReadHtml(PageWithLdBody("<p>The harbour bridge reopened on Monday.</p>",
                                "<p>" + std::string(kSentences[0]) + kSentences[1] + kSentences[2] + "</p>"));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "The harbour bridge reopened on Monday.");
}

TEST(HtmlReader, DecodesLegacyCharsets) {
  const std::string body =
      "<p>Le caf\xE9 du port a rouvert, \x93"
      "enfin\x94, apr\xE8s la gr\xE8ve des marins du ferry.</p>";
  const std::string want =
      "Le caf\xC3\xA9 du port a rouvert, \xE2\x80\x9C"
      "enfin\xE2\x80\x9D, apr\xC3\xA8s";
  // Declared Latin-1: read as Windows-1252 (curly quotes in 0x93/0x94), as browsers do.
  Result<HtmlDocument> latin =
      ReadHtml("<html><head><meta charset=\"iso-8859-1\"></head><body>" + body + "</body></html>");
  ASSERT_TRUE(latin.ok());
  EXPECT_TRUE(Has(latin->text, want)) << latin->text;
  EXPECT_EQ(latin->encoding, "WINDOWS-1252");
  EXPECT_TRUE(latin->warnings.empty());
  // Declared UTF-8 but not UTF-8: the declaration is wrong, and the reader says so.
  Result<HtmlDocument> wrong = ReadHtml("<html><head><meta charset=utf-8></head><body>" + body + "</body></html>");
  ASSERT_TRUE(wrong.ok());
  EXPECT_TRUE(Has(wrong->text, want)) << wrong->text;
  ASSERT_FALSE(wrong->warnings.empty());
  EXPECT_TRUE(Has(wrong->warnings[0], "declares UTF-8 but is not valid UTF-8"));
  // Declared Windows-1252 but valid UTF-8: UTF-8 wins.
  Result<HtmlDocument> utf8 = ReadHtml(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>"
      "<p>Le caf\xC3\xA9 du port a rouvert apr\xC3\xA8s la gr\xC3\xA8ve des marins.</p></body></html>");
  ASSERT_TRUE(utf8.ok());
  EXPECT_TRUE(Has(utf8->text, "caf\xC3\xA9 du port")) << utf8->text;
  EXPECT_EQ(utf8->encoding, "UTF-8");
  // Another declared charset goes through iconv: ISO-8859-7 (Greek).
  Result<HtmlDocument> greek = ReadHtml(
      "<html><head><meta charset=\"iso-8859-7\"></head><body><p>\xE1\xE8\xDE\xED\xE1 city news for the week "
      "ahead.</p></body></html>");
  ASSERT_TRUE(greek.ok());
  EXPECT_TRUE(Has(greek->text, "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1")) << greek->text;  // "αθήνα"
}

TEST(HtmlReader, FlattensMarkupNestedAHundredThousandDeep) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>The deepest paragraph of the page still counts as text for the article.</p>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "</body></html>";
  auto start = std::chrono::steady_clock::now();
  Result<HtmlDocument> doc = ReadHtml(html);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(Has(doc->text, "The deepest paragraph")) << doc->text.substr(0, 200);
  ASSERT_FALSE(doc->warnings.empty());
  EXPECT_TRUE(Has(doc->warnings[0], "10000") && Has(doc->warnings[0], "flattened")) << doc->warnings[0];
  EXPECT_LT(seconds, 30.0) << "a guard against quadratic parsing, not a speed test";
}

TEST(HtmlReader, ReadsTruncatedPages) {
  std::string page = Fixture("harbour_page.html");
  std::string cut = page.substr(0, page.find("fund a recovery grant") - 30);  // ends inside a paragraph
  Result<HtmlDocument> doc = ReadHtml(cut);
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(Has(doc->text, "What changes for passengers"));
  Result<HtmlDocument> mid_tag = ReadHtml(page.substr(0, page.find("<h2>") + 2));
  ASSERT_TRUE(mid_tag.ok());
  EXPECT_TRUE(Has(mid_tag->text, "Crews on the Saltmarsh ferry line"));
}

TEST(HtmlReader, ReadsDatesAsMarkupWritesThem) {
  EXPECT_EQ(DateFromMarkup("2019-11-19T23:30:00-05:00"), "2019-11-19");
  EXPECT_EQ(DateFromMarkup(" 2019/11/19 "), "2019-11-19");
  EXPECT_EQ(DateFromMarkup("20191119"), "2019-11-19");
  EXPECT_EQ(DateFromMarkup("November 19, 2019"), "2019-11-19");
  EXPECT_EQ(DateFromMarkup("Published 19 Nov 2019 | Updated 20 Nov 2019"), "2019-11-19");
  EXPECT_EQ(DateFromMarkup("2019-13-45"), std::nullopt);
  EXPECT_EQ(DateFromMarkup("yesterday"), std::nullopt);
}

TEST(HtmlReader, TellsHtmlFromText) {
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><html><body>x</body></html>"));
  EXPECT_TRUE(LooksLikeHtml("\xEF\xBB\xBF  <!-- saved --> <html lang=en>"));
  EXPECT_TRUE(LooksLikeHtml("<div class=\"story\"><p>Text</p></div>"));
  EXPECT_FALSE(LooksLikeHtml("Ferry strike ends\n\nCrews returned to work <on Tuesday>."));
  EXPECT_FALSE(LooksLikeHtml("<DOC>\n<DOCNO> APW20310408.0117 </DOCNO>"));
}

}  // namespace
}  // namespace crosscheck::ingest
