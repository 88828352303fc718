#include "ingest/text_layout.h"

#include <gtest/gtest.h>

namespace crosscheck::ingest {
namespace {

struct Read {
  TextLayout layout;
  std::vector<std::string> paragraphs;
  std::vector<std::pair<DropReason, std::string>> dropped;
  std::optional<std::string> title;
  RepairCounts repairs;
};

Read ReadText(const std::string& text) {
  Read r;
  r.layout = ReadTextLayout(text, r.repairs);
  for (const LayoutParagraph& p : r.layout.paragraphs) r.paragraphs.push_back(JoinLines(text, p));
  for (const LayoutDrop& d : r.layout.dropped) r.dropped.push_back({d.reason, JoinLines(text, d.paragraph)});
  if (r.layout.title) r.title = JoinLines(text, *r.layout.title);
  return r;
}

const std::string kBody1 =
    "Officials said on Tuesday that the bridge would stay closed for at least a week while engineers inspect it.";
const std::string kBody2 = "The closure affects about 30,000 commuters a day, the transport ministry said.";
const std::string kBody3 = "Repairs could begin next month if the inspection finds no damage to the main span.";

TEST(TextLayout, FrontMatterWins) {
  Read r = ReadText("Title: Bridge closed\nDate: 2024-05-02\nURL: https://news.example/bridge\nOutlet: Example News\n\n" +
                    kBody1 + "\n\n" + kBody2);
  EXPECT_EQ(r.layout.front_title, "Bridge closed");
  EXPECT_EQ(r.layout.published, "2024-05-02");
  EXPECT_EQ(r.layout.url, "https://news.example/bridge");
  EXPECT_EQ(r.layout.outlet, "Example News");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, kBody2}));
  EXPECT_EQ(r.dropped.size(), 4u);
}

TEST(TextLayout, HeaderMessAroundTheHeadline) {
  Read r = ReadText("Home  /  World  /  Europe\n\nBridge closed after cracks found\n\nMay 2, 2024\n\n"
                    "https://news.example/2024/05/02/bridge\n\nBy Jane Doe and John Roe\n\n"
                    "Engineers inspect the bridge (L) on Monday (file photo by Example Agency)\n\n"
                    "City Hall / flickr\n\n" +
                    kBody1 + "\n\n" + kBody2);
  EXPECT_EQ(r.title, "Bridge closed after cracks found");
  EXPECT_EQ(r.layout.published, "2024-05-02");
  EXPECT_EQ(r.layout.url, "https://news.example/2024/05/02/bridge");
  EXPECT_EQ(r.layout.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, kBody2}));
  std::vector<DropReason> reasons;
  for (const auto& d : r.dropped) reasons.push_back(d.first);
  EXPECT_EQ(reasons, (std::vector<DropReason>{DropReason::kBreadcrumb, DropReason::kTitle, DropReason::kDateLine,
                                              DropReason::kUrlLine, DropReason::kByline, DropReason::kCaption,
                                              DropReason::kPhotoCredit}));
}

TEST(TextLayout, CaptionSentenceUnderTheHeadline) {
  Read r = ReadText("Bridge closed after cracks found\n\n"
                    "Transport Minister Jane Doe speaks to reporters at the bridge in Example City on May 2.\n\n" +
                    kBody1 + "\n\n" + kBody2 + "\n\n" + kBody3);
  ASSERT_EQ(r.dropped.size(), 2u);
  EXPECT_EQ(r.dropped[1].first, DropReason::kCaption);
  EXPECT_EQ(r.paragraphs.front(), kBody1);
}

TEST(TextLayout, ALedeIsNotACaption) {
  std::string lede = "Transport Minister Jane Doe said on Tuesday that the bridge would stay closed.";
  Read r = ReadText("Bridge closed\n\n" + lede + "\n\n" + kBody1 + "\n\n" + kBody2 + "\n\n" + kBody3);
  EXPECT_EQ(r.paragraphs.front(), lede);
}

TEST(TextLayout, BodyFurnitureIsDropped) {
  Read r = ReadText(kBody1 + "\n\nSEE ALSO: Another story about bridges\n\nRelated article: [Bridges](#)\n\n" + kBody2 +
                    "\n\nNewsletter\n\nSign up for our newsletter to get the news first. Click here.\n\n" + kBody3 +
                    "\n\nab/cd (AP, Reuters)");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, kBody2, kBody3}));
  EXPECT_EQ(r.layout.wire_credits, (std::vector<std::string>{"AP", "Reuters"}));
  std::vector<DropReason> reasons;
  for (const auto& d : r.dropped) reasons.push_back(d.first);
  EXPECT_EQ(reasons, (std::vector<DropReason>{DropReason::kSeeAlso, DropReason::kSeeAlso, DropReason::kPromo,
                                              DropReason::kPromo, DropReason::kWireCredit}));
}

TEST(TextLayout, TrailersAfterTheLastSentence) {
  Read r = ReadText(kBody1 + "\n\n" + kBody2 + "\n\nOriginal url:\n\n<https://news.example/x>\n\n"
                    "The site can also be accessed at the following addresses:\n\nExample TV Roku\n\n"
                    "With reporting by AFP, dpa, the BBC, and Reuters");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, kBody2}));
  EXPECT_EQ(r.layout.url, "https://news.example/x");
  EXPECT_EQ(r.layout.wire_credits, (std::vector<std::string>{"AFP", "dpa", "BBC", "Reuters"}));
}

TEST(TextLayout, AnArticleEndingInATableKeepsIt) {
  const std::string table = "1. Mara Lind ( Norway ) 4:02.118\n\n2. Joel Amis ( Chile ) 4:03.500\n\n"
                            "3. Tariq Osei ( Ghana ) 4:05.017\n\n4. Ana Ruiz ( Peru ) same time";
  Read r = ReadText(kBody1 + "\n\nLeading results after the first stage:\n\n" + table +
                    "\n\n-- Sports desk +44 20 7946 0000");
  ASSERT_EQ(r.paragraphs.size(), 6u);
  EXPECT_EQ(r.paragraphs[1], "Leading results after the first stage:");
  EXPECT_EQ(r.paragraphs.back(), "4. Ana Ruiz ( Peru ) same time");
  ASSERT_EQ(r.dropped.size(), 1u) << "the sign-off, one line with a telephone number, is still furniture";
  EXPECT_EQ(r.dropped[0].first, DropReason::kTrailer);
  // Standings: rows of a name and figures, no rank.
  r = ReadText(kBody1 + "\n\n" + kBody2 + "\n\nNORVIK 74 59 .556 -\n\nHARLOW 70 63 .526 4\n\nDELMAR 69 65 .515 5");
  EXPECT_EQ(r.paragraphs.size(), 5u);
}

TEST(TextLayout, AnArticleThatIsAllListKeepsItsLines) {
  // A results service: a headline, a line that introduces the result, the result.
  Read r = ReadText("RUGBY - NORVIK BEAT HARLOW IN SEMIFINAL\n\nResult of the semifinal played on Saturday:\n\n"
                    "Norvik 42 Harlow Rovers 36");
  EXPECT_EQ(r.title, "RUGBY - NORVIK BEAT HARLOW IN SEMIFINAL");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{"Result of the semifinal played on Saturday:",
                                                    "Norvik 42 Harlow Rovers 36"}));
  // Short lines after a last sentence are still a trailer.
  r = ReadText(kBody1 + "\n\n" + kBody2 + "\n\nMore stories\n\nShare this");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, kBody2}));
  // A closing quotation followed by a space still ends a sentence.
  r = ReadText(kBody1 + "\n\n\"Nobody saw it coming . \"");
  EXPECT_EQ(r.paragraphs.size(), 2u);
}

TEST(TextLayout, JoinsParagraphsBrokenMidSentence) {
  Read r = ReadText(kBody1 + "\n\nThe minister said repairs would start \"when the\n\nengineers are done.\"\n\n" + kBody2);
  ASSERT_EQ(r.paragraphs.size(), 3u);
  EXPECT_EQ(r.paragraphs[1], "The minister said repairs would start \"when the engineers are done.\"");
  EXPECT_EQ(r.repairs[Repair::kJoinedParagraphs], 1u);
}

TEST(TextLayout, JoinsHardWrappedLines) {
  Read r = ReadText("Officials said on Tuesday that the bridge would stay closed\n"
                    "for at least a week while engineers inspect it, and that\n"
                    "commuters should use the ferry.\n\n" +
                    kBody2);
  ASSERT_EQ(r.paragraphs.size(), 2u);
  EXPECT_EQ(r.paragraphs[0],
            "Officials said on Tuesday that the bridge would stay closed for at least a week while engineers "
            "inspect it, and that commuters should use the ferry.");
  EXPECT_EQ(r.repairs[Repair::kJoinedLines], 2u);
}

TEST(TextLayout, OneParagraphPerLineWithoutBlankLines) {
  Read r = ReadText("A headline without a period\n20240502\nhttps://news.example/a\n" + kBody1 + "\n" + kBody2 + "\n");
  EXPECT_EQ(r.title, "A headline without a period");
  EXPECT_EQ(r.layout.published, "2024-05-02");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, kBody2}));
}

TEST(TextLayout, SubheadingsInsideTheBodyStay) {
  Read r = ReadText(kBody1 + "\n\nWhat happens next\n\n" + kBody2);
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{kBody1, "What happens next", kBody2}));
}

}  // namespace
}  // namespace crosscheck::ingest
