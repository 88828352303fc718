#include "text/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::text {
namespace {

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text, {0, static_cast<uint32_t>(text.size())}))
    out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

struct Case {
  const char* text;
  std::vector<std::string> sentences;
};

// Hard cases of news text: abbreviations, initials, dates, decimals, quotations.
const Case kCases[] = {
    {"Mr. Smith went to Washington. He arrived late.", {"Mr. Smith went to Washington.", "He arrived late."}},
    {"U.S. President Joe Biden spoke. Then he left.", {"U.S. President Joe Biden spoke.", "Then he left."}},
    {"The U.S. economy grew. It was fast.", {"The U.S. economy grew.", "It was fast."}},
    {"He moved to the U.S. He found work.", {"He moved to the U.S.", "He found work."}},
    {"The meeting is on Feb. 23 in Geneva. It was cancelled.", {"The meeting is on Feb. 23 in Geneva.", "It was cancelled."}},
    {"Gen. Mark Milley spoke. Sen. Jane Doe answered.", {"Gen. Mark Milley spoke.", "Sen. Jane Doe answered."}},
    {"Prices rose 3.5 percent. Markets fell.", {"Prices rose 3.5 percent.", "Markets fell."}},
    {"J. K. Rowling wrote it. Fans cheered.", {"J. K. Rowling wrote it.", "Fans cheered."}},
    {"\"We need restraint and reason. We need de-escalation now,\" Guterres said.",
     {"\"We need restraint and reason. We need de-escalation now,\" Guterres said."}},
    {"\"I urge all to refrain.\" He then left.", {"\"I urge all to refrain.\"", "He then left."}},
    {"He said: \"This is over.\" She disagreed.", {"He said: \"This is over.\"", "She disagreed."}},
    {"Wait... what happened? Nobody knows!", {"Wait... what happened?", "Nobody knows!"}},
    {"It was the first attack.... We don't know the form.", {"It was the first attack....", "We don't know the form."}},
    {"Is this real? Yes.", {"Is this real?", "Yes."}},
    {"The firm, Acme Inc., grew. Analysts agreed.", {"The firm, Acme Inc., grew.", "Analysts agreed."}},
    {"Shares of Acme Inc. rose 5%.", {"Shares of Acme Inc. rose 5%."}},
    {"He works for Acme Inc. The company is large.", {"He works for Acme Inc.", "The company is large."}},
    {"The talks start at 9 a.m. on Tuesday.", {"The talks start at 9 a.m. on Tuesday."}},
    {"The talks start at 9 a.m. The delegates arrived early.", {"The talks start at 9 a.m.", "The delegates arrived early."}},
    {"The U.N. Security Council met. It voted.", {"The U.N. Security Council met.", "It voted."}},
    {"Dr. Jane Doe, Ph.D., spoke.", {"Dr. Jane Doe, Ph.D., spoke."}},
    {"She lives at No. 10 Downing Street. It is old.", {"She lives at No. 10 Downing Street.", "It is old."}},
    {"(This is a parenthetical sentence.) And this is another.", {"(This is a parenthetical sentence.)", "And this is another."}},
    {"\"It does not make sense,\" Blinken said. \"We will not allow it.\"",
     {"\"It does not make sense,\" Blinken said.", "\"We will not allow it.\""}},
    {"The vote was 52-48. Republicans cheered.", {"The vote was 52-48.", "Republicans cheered."}},
    {"He said it was \"deeply disturbing.\" Others agreed.", {"He said it was \"deeply disturbing.\"", "Others agreed."}},
    {"Why? Because it is cheaper.", {"Why?", "Because it is cheaper."}},
    {"The St. Louis team won. Fans celebrated.", {"The St. Louis team won.", "Fans celebrated."}},
    {"Troops moved closer, i.e. toward the city. Then they stopped.", {"Troops moved closer, i.e. toward the city.", "Then they stopped."}},
    {"Visit example.com for details. It is free.", {"Visit example.com for details.", "It is free."}},
    {"The price is $11.5 billion. That is high.", {"The price is $11.5 billion.", "That is high."}},
    {"Lt. Col. John Smith led the unit. He retired.", {"Lt. Col. John Smith led the unit.", "He retired."}},
    {"\"Are you coming?\" she asked.", {"\"Are you coming?\" she asked."}},
    {"\"Stop!\" he shouted. Everyone froze.", {"\"Stop!\" he shouted.", "Everyone froze."}},
    {"The report (published Monday) was clear. Nobody disputed it.", {"The report (published Monday) was clear.", "Nobody disputed it."}},
    {"A sentence without a final period", {"A sentence without a final period"}},
    {"Revenue was 1.2m. Profit fell.", {"Revenue was 1.2m.", "Profit fell."}},
    {"Ms. Psaki spoke to reporters. She declined to comment.", {"Ms. Psaki spoke to reporters.", "She declined to comment."}},
    {"It happened in Jan. 2015 in Minsk.", {"It happened in Jan. 2015 in Minsk."}},
    {"The talks ended in Sept. The next round began in October.", {"The talks ended in Sept.", "The next round began in October."}},
    {"He cited Art. 5 of the treaty.", {"He cited Art. 5 of the treaty."}},
    {"It was Russia vs. Ukraine in the final.", {"It was Russia vs. Ukraine in the final."}},
    {"She spoke at 5 p.m. local time. Then she left.", {"She spoke at 5 p.m. local time.", "Then she left."}},
    {"The U.K. and the E.U. agreed. Talks ended.", {"The U.K. and the E.U. agreed.", "Talks ended."}},
    {"\"We are ready,\" he said. \"But we are not naive.\"", {"\"We are ready,\" he said.", "\"But we are not naive.\""}},
    {"'Perversion of peacekeeping' is how he put it. Others were blunter.", {"'Perversion of peacekeeping' is how he put it.", "Others were blunter."}},
    {"Gov. Jane Roe (D-N.Y.) spoke. She won.", {"Gov. Jane Roe (D-N.Y.) spoke.", "She won."}},
    {"More than 150,000 troops massed. More arrived.", {"More than 150,000 troops massed.", "More arrived."}},
    {"Zelensky called it \"a big provocation.\"", {"Zelensky called it \"a big provocation.\""}},
    {"He left!!! Then he came back.", {"He left!!!", "Then he came back."}},
    {"This is it?! Really.", {"This is it?!", "Really."}},
    {"A. Smith and B. Jones signed.", {"A. Smith and B. Jones signed."}},
    {"Messrs. Smith and Jones signed. They left.", {"Messrs. Smith and Jones signed.", "They left."}},
    {"The unit is 3 km. from the border. It is close.", {"The unit is 3 km. from the border.", "It is close."}},
    {"\"These meetings can pave the way. As lead diplomats, we must try,\" he said.",
     {"\"These meetings can pave the way. As lead diplomats, we must try,\" he said."}},
    {"Blinken said the U.S. remains committed \"if Moscow's approach changes.\" He added more.",
     {"Blinken said the U.S. remains committed \"if Moscow's approach changes.\"", "He added more."}},
    {"The upper house voted 153-0. The move was expected.", {"The upper house voted 153-0.", "The move was expected."}},
    {"They met in Washington, D.C. on Tuesday.", {"They met in Washington, D.C. on Tuesday."}},
    {"They met in Washington, D.C. The talks went well.", {"They met in Washington, D.C.", "The talks went well."}},
    {"Sgt. Maj. Lee spoke.", {"Sgt. Maj. Lee spoke."}},
    {"Who are the key players? A rare meeting in February 2015 sought peace.",
     {"Who are the key players?", "A rare meeting in February 2015 sought peace."}},
    {"The price rose 2.5%. In 2014 it fell.", {"The price rose 2.5%.", "In 2014 it fell."}},
    {"   Leading and trailing spaces.   ", {"Leading and trailing spaces."}},
    {"He was born in May. He died in June.", {"He was born in May.", "He died in June."}},
    {"Prof. Ada Byron and Rev. John Doe met. Both spoke.", {"Prof. Ada Byron and Rev. John Doe met.", "Both spoke."}},
    {"The score was 2-1. \"A fair result,\" the coach said.", {"The score was 2-1.", "\"A fair result,\" the coach said."}},
    {"Ukraine said so. 2022 was a hard year.", {"Ukraine said so.", "2022 was a hard year."}},
    {"The agency (AP) reported it. Others followed.", {"The agency (AP) reported it.", "Others followed."}},
    // Speaker labels of an interview open a sentence of their own; initials stay.
    {"Q. Why did you sell? A. We needed the cash.", {"Q.", "Why did you sell?", "A.", "We needed the cash."}},
    {"A. I think so. Q. (italics)Prices fell.", {"A.", "I think so.", "Q.", "(italics)Prices fell."}},
    {"He met A. Smith there. A. Smith agreed.", {"He met A. Smith there.", "A. Smith agreed."}},
    {"Is the deal done? A. Certainly. Why now? A. Prices fell.",
     {"Is the deal done?", "A.", "Certainly.", "Why now?", "A.", "Prices fell."}},
    {"She thanked Q. Lee and left.", {"She thanked Q. Lee and left."}},
    // Abbreviated given names inside firm names end no sentence before a name.
    {"He is an analyst at Geo. Harlan Securities in Boston.", {"He is an analyst at Geo. Harlan Securities in Boston."}},
    {"She joined Alex. Marsh & Sons last year.", {"She joined Alex. Marsh & Sons last year."}},
    {"Shares of Wm. Wrigley Jr. Co. rose. Chas. Schwab fell.", {"Shares of Wm. Wrigley Jr. Co. rose.", "Chas. Schwab fell."}},
    {"She called Alex. The line was busy.", {"She called Alex.", "The line was busy."}},
    {"", {}},
};

TEST(SplitSentences, HardCasesOfNewsText) {
  size_t n = 0;
  for (const Case& c : kCases) {
    EXPECT_EQ(Split(c.text), c.sentences) << "input: " << c.text;
    ++n;
  }
  EXPECT_GE(n, 60u);
}

TEST(SplitSentences, SpansIndexTheGivenRange) {
  std::string text = "xx First one. Second one. yy";
  Span range{3, 25};
  std::vector<Span> spans = SplitSentences(text, range);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].size()), "First one.");
  EXPECT_EQ(text.substr(spans[1].begin, spans[1].size()), "Second one.");
  for (const Span& s : spans) {
    EXPECT_GE(s.begin, range.begin);
    EXPECT_LE(s.end, range.end);
  }
}

TEST(SplitSentences, SentencesCoverEveryNonSpaceByteOnce) {
  std::string text =
      "Dr. A. Smith met Gen. Lee on Feb. 3. \"Good,\" he said. Was it? Yes! The U.S. He left... "
      "Then (briefly) \"we talked.\" End";
  std::vector<Span> spans = SplitSentences(text, {0, static_cast<uint32_t>(text.size())});
  size_t covered = 0;
  uint32_t last_end = 0;
  for (const Span& s : spans) {
    EXPECT_GE(s.begin, last_end);
    last_end = s.end;
    for (uint32_t i = s.begin; i < s.end; ++i) covered += text[i] != ' ';
  }
  size_t non_space = 0;
  for (char c : text) non_space += c != ' ';
  EXPECT_EQ(covered, non_space);
}

}  // namespace
}  // namespace crosscheck::text
