#include "analyze/dates.h"

#include <gtest/gtest.h>

#include "pipeline/test_support.h"

namespace crosscheck::analyze {
namespace {

TEST(CivilDate, ArithmeticAndIsoForms) {
  CivilDate d{2022, 2, 23};
  EXPECT_EQ(d.Weekday(), 2);  // a Wednesday
  EXPECT_EQ(d.AddDays(-1).Iso(), "2022-02-22");
  EXPECT_EQ(d.AddDays(7).Iso(), "2022-03-02");
  EXPECT_EQ((CivilDate{2024, 2, 28}.AddDays(1).Iso()), "2024-02-29");
  EXPECT_EQ((CivilDate{2021, 1, 1}.IsoWeek()), "2020-W53");
  EXPECT_EQ(d.IsoWeek(), "2022-W08");
  for (long n = -1000; n < 100000; n += 37) EXPECT_EQ(CivilDate::FromDayNumber(n).DayNumber(), n);
  EXPECT_FALSE(CivilDate::Parse("2022-02-30").has_value());
  EXPECT_EQ(CivilDate::Parse("2022-02-23T10:00Z")->Iso(), "2022-02-23");
}

// One test sentence, extracted, and its dates against Wednesday 2022-02-23.
struct Dated {
  Article article;
  std::vector<DateMention> dates;
  // The mention of exactly these words, or null.
  const DateMention* Mention(std::string_view words) const {
    const DateMention* found = nullptr;
    for (const DateMention& d : dates)
      if (article.Slice(d.span) == words) found = &d;
    return found;
  }
};

Dated DatesIn(std::string_view text) {
  Result<Article> a = testing_support::SharedExtractor().Extract(std::string(text), "t.txt");
  EXPECT_TRUE(a.ok()) << text;
  if (!a.ok()) return {};
  Dated d{std::move(a).value(), {}};
  d.dates = FindDates(d.article, CivilDate{2022, 2, 23});
  return d;
}

struct Expect {
  const char* text;    // one sentence
  const char* date;    // the expression found
  const char* value;   // resolved against Wednesday 2022-02-23
};

TEST(FindDates, ResolvesAgainstThePublicationDate) {
  const Expect kCases[] = {
      {"Blinken said on the evening of February 22 that the talks were off.", "February 22", "2022-02-22"},
      {"The meeting on Feb. 22, 2021 went well.", "Feb. 22, 2021", "2021-02-22"},
      {"It happened on 22 February, officials said.", "22 February", "2022-02-22"},
      {"The report was dated 2022-02-20 by its authors.", "2022-02-20", "2022-02-20"},
      {"Blinken announced the cancellation on Tuesday in Washington.", "on Tuesday", "2022-02-22"},
      {"The talks were scheduled to take place in Geneva on Thursday.", "on Thursday", "2022-02-24"},
      {"The hearing will be held this Friday in the assembly.", "this Friday", "2022-02-25"},
      {"He left last Wednesday after the vote.", "last Wednesday", "2022-02-16"},
      {"The minister spoke yesterday to reporters.", "yesterday", "2022-02-22"},
      {"Officials will decide tomorrow what to do.", "tomorrow", "2022-02-24"},
      {"Talks took place last week in Paris.", "last week", "2022-W07"},
      {"A rare meeting in February 2015 sought peace.", "February 2015", "2015-02"},
      {"The dam was completed in 1968 by engineers.", "1968", "1968"},
      {"Putin said on Monday, February 21, that he would act.", "February 21", "2022-02-21"},
      {"Japan said on February 23 it will impose sanctions.", "February 23", "2022-02-23"},
      {"In December the parliament voted again.", "December", "2021-12"},
      {"Talks began this Monday in Geneva.", "this Monday", "2022-02-21"},
      {"The company reported a loss for the third quarter.", "the third quarter", "2021-Q3"},
      {"Sales rose in the first quarter of the year.", "the first quarter", "2022-Q1"},
      {"Prices have risen sharply in recent years.", "recent years", "PAST_REF"},
      {"The minister is now in Brussels for talks.", "now", "PRESENT_REF"},
      {"The plant closed two years ago after a fire.", "two years ago", "2020"},
      {"Fourth-quarter profit fell 5% from a year earlier.", "a year earlier", "2021-Q4"},
      {"The works will start this summer in the town.", "this summer", "2022-SU"},
      {"Troops withdrew in the 1990s from the region.", "1990s", "199"},
      {"The 1998 budget was approved by parliament.", "1998", "1998"},
      {"The new president must be sworn in on Nov. 24, when the term ends.", "Nov. 24", "2022-11-24"},
      {"The letter must have reached him on December 3, his aides said.", "December 3", "2021-12-03"},
      {"Biden agreed that Moscow would not invade Ukraine, after Emmanuel Macron held calls with both leaders "
       "on Sunday.",
       "on Sunday", "2022-02-20"},
  };
  for (const Expect& c : kCases) {
    const Dated d = DatesIn(c.text);
    const DateMention* found = d.Mention(c.date);
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->value, c.value) << c.text;
    // Nothing else in these sentences is a date, but for the quarter a comparison names.
    EXPECT_LE(d.dates.size(), std::string_view(c.text).find("quarter") != std::string_view::npos ? 2u : 1u) << c.text;
  }
}

struct TypedExpect {
  const char* text;   // one sentence
  const char* found;  // the expression
  const char* value;  // TimeML value, against Wednesday 2022-02-23
  TimexType type;
};

TEST(DateFinder, DurationsAndSets) {
  const TypedExpect kCases[] = {
      {"The siege lasted three years before it ended.", "three years", "P3Y", TimexType::kDuration},
      {"Prices doubled over the past decade in the capital.", "the past decade", "P10Y", TimexType::kDuration},
      {"Rescuers searched for 48 hours without rest.", "48 hours", "PT48H", TimexType::kDuration},
      {"The ferry was stuck for a week at the dock.", "a week", "P1W", TimexType::kDuration},
      {"Unions called a 24-hour strike at the port.", "24-hour", "PT24H", TimexType::kDuration},
      {"She signed a two-year contract with the club.", "two-year", "P2Y", TimexType::kDuration},
      {"Sales fell in the last two months of trading.", "the last two months", "P2M", TimexType::kDuration},
      {"The board will meet often in the next few weeks.", "the next few weeks", "PXW", TimexType::kDuration},
      {"The mine had been closed for years after the flood.", "years", "PXY", TimexType::kDuration},
      {"Aid arrived after several days of waiting.", "several days", "PXD", TimexType::kDuration},
      {"Shares have slid in recent weeks on the exchange.", "recent weeks", "PXW", TimexType::kDuration},
      {"The ban held for two decades in the region.", "two decades", "P20Y", TimexType::kDuration},
      {"The river rose over the past year in the valley.", "the past year", "P1Y", TimexType::kDuration},
      {"The talks ran for 90 minutes in the hall.", "90 minutes", "PT90M", TimexType::kDuration},
      {"The council meets every Monday in the old hall.", "every Monday", "XXXX-WXX-1", TimexType::kSet},
      {"The market is held on Saturdays near the church.", "Saturdays", "XXXX-WXX-6", TimexType::kSet},
      {"The prize is awarded annually by the academy.", "annually", "P1Y", TimexType::kSet},
      {"Each year the festival draws crowds to the town.", "Each year", "P1Y", TimexType::kSet},
      {"The newsletter goes out weekly to members.", "weekly", "P1W", TimexType::kSet},
      {"Patients take the pill twice a day with water.", "a day", "P1D", TimexType::kSet},
      {"Buses leave every two hours from the square.", "every two hours", "PT2H", TimexType::kSet},
      {"The fee is $40 per month for each member.", "per month", "P1M", TimexType::kSet},
  };
  for (const TypedExpect& c : kCases) {
    const Dated d = DatesIn(c.text);
    ASSERT_EQ(d.dates.size(), 1u) << c.text;
    EXPECT_EQ(d.article.Slice(d.dates[0].span), c.found) << c.text;
    EXPECT_EQ(d.dates[0].value, c.value) << c.text;
    EXPECT_EQ(d.dates[0].type, c.type) << c.text;
    EXPECT_EQ(d.dates[0].precision, DatePrecision::kVague) << c.text;  // never a day of the timeline
  }
}

TEST(DateFinder, ResolvesTowardsTheEvent) {
  // Against Wednesday 2022-02-23, like the cases above.
  const Expect kCases[] = {
      // Schedules in the present tense, "is to", "as early as", "ahead of" look ahead.
      {"The race, which starts Saturday, crosses three countries.", "Saturday", "2022-02-26"},
      {"The envoy is to arrive on Friday in the capital.", "on Friday", "2022-02-25"},
      {"The ministers meet Monday in Brussels.", "Monday", "2022-02-28"},
      {"The ban ends as early as Thursday for most shops.", "Thursday", "2022-02-24"},
      {"Traders sold shares ahead of the weekend.", "the weekend", "2022-W08-WE"},
      {"The dividend is payable Jan. 2 to holders of record.", "Jan. 2", "2023-01-02"},
      // "set" looks ahead only as "set to" or "set for".
      {"The record set on Aug. 6 still stands.", "Aug. 6", "2021-08-06"},
      {"The vote is set for March 3 in the assembly.", "March 3", "2022-03-03"},
      // A bare weekday six days back is the next day.
      {"Voters go to the polls on Thursday across the country.", "on Thursday", "2022-02-24"},
      {"The strike ended on Tuesday after talks.", "on Tuesday", "2022-02-22"},
      // Months: "last", "this", "next" and "May last year".
      {"The storm hit the coast last February, officials said.", "February", "2021-02"},
      {"The storm hit the coast last May, officials said.", "May", "2021-05"},
      {"The party hopes to win seats this September.", "September", "2022-09"},
      {"In March last year the leaders fell out.", "March", "2021-03"},
      {"The plant opens next January near the port.", "January", "2023-01"},
      {"Exports fell in January, the ministry said.", "January", "2022-01"},
      {"Turnout in the November elections was low.", "November", "2021-11"},
      // A verb in the past between a marker and the date ends the marker's reach,
      // except in a clause of time, where reported speech shifts the tense back.
      {"They said they would appeal the ruling, announced Monday by the court.", "Monday", "2022-02-21"},
      {"They would sell the bonds, which were issued Monday to banks.", "Monday", "2022-02-21"},
      {"Dealers were likely to buy as soon as trading opened Monday, he said.", "Monday", "2022-02-28"},
      {"The rules would be reviewed on Friday, the minister said.", "on Friday", "2022-02-25"},
      {"The new board takes over, effective Jan. 1, the bank said.", "Jan. 1", "2023-01-01"},
      // Nowadays is no day.
      {"Today's teenagers read less than their parents did.", "Today", "PRESENT_REF"},
      {"Life is hard for farmers in the world today.", "today", "PRESENT_REF"},
      {"The children of today face new risks online.", "today", "PRESENT_REF"},
      {"Today's vote was close in the assembly.", "Today", "2022-02-23"},
      {"At present the mine is closed to visitors.", "At present", "PRESENT_REF"},
  };
  for (const Expect& c : kCases) {
    const Dated d = DatesIn(c.text);
    const DateMention* found = d.Mention(c.date);
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->value, c.value) << c.text;
  }
}

TEST(DateFinder, SideClausesDateNoEvent) {
  struct Case {
    const char* text;
    const char* date;
    bool aside;
  };
  const Case kCases[] = {
      {"Smith, who was arrested on Monday, appeared in court on Tuesday.", "on Monday", true},
      {"Smith, who was arrested on Monday, appeared in court on Tuesday.", "on Tuesday", false},
      {"Fans gathered for the race, which starts Saturday.", "Saturday", true},
      {"The law (passed in 2019) was struck down on Friday.", "2019", true},
      {"The law was struck down on Friday.", "on Friday", false},
      {"Police said on Monday that the man who fled was caught.", "on Monday", false},
  };
  for (const Case& c : kCases) {
    const Dated d = DatesIn(c.text);
    const DateMention* found = d.Mention(c.date);
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->side_clause, c.aside) << c.text;
  }
}

TEST(DateFinder, NotDurations) {
  // Dates, ages, ordinals, fractions and names that look like a count of time.
  const Expect kDates[] = {
      {"The plant closed two years ago after a fire.", "two years ago", "2020"},
      {"Profit rose from a year earlier at the bank.", "a year earlier", "2021"},
      {"Talks took place last week in Paris.", "last week", "2022-W07"},
      {"Sales rose in the first quarter of the year.", "the first quarter", "2022-Q1"},
  };
  for (const Expect& c : kDates) {
    const Dated d = DatesIn(c.text);
    ASSERT_FALSE(d.dates.empty()) << c.text;
    EXPECT_EQ(d.article.Slice(d.dates[0].span), c.date) << c.text;
    EXPECT_EQ(d.dates[0].value, c.value) << c.text;
    EXPECT_EQ(d.dates[0].type, TimexType::kDate) << c.text;
  }
  for (const char* text : {"A five-year-old girl was found safe.", "The boy is ten years old.",
                           "He won a second time at the track.", "A quarter of the voters stayed home.",
                           "She watched 60 Minutes with her father.", "The Daily Mirror ran the story.",
                           "He was the first man to arrive."}) {
    EXPECT_TRUE(DatesIn(text).dates.empty()) << text;
  }
}

TEST(FindDates, WordsThatAreNotDates) {
  for (const char* text : {"Russia accelerates its march down the path of conflict.",
                           "The army sent 1500 soldiers and 2000 people fled.",
                           "Officials may decide to act, he said.", "May I ask a question of the minister?",
                           "The 150,000 troops stayed near the border.", "He read the March Hare story aloud."}) {
    EXPECT_TRUE(DatesIn(text).dates.empty()) << text;
  }
}

TEST(FindDates, LatestReportedDateIgnoresTheFuture) {
  Result<Article> a = testing_support::SharedExtractor().Extract(
      "Blinken said on February 22 that a meeting planned for February 24 was off. Japan said on February 23 "
      "it will act.",
      "t.txt");
  ASSERT_TRUE(a.ok());
  std::optional<CivilDate> d = LatestReportedDate(*a, 2022);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->Iso(), "2022-02-23");
}

}  // namespace
}  // namespace crosscheck::analyze
