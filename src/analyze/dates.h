// Temporal expressions: finding dates in article text and resolving them to
// ISO 8601 values against the article's publication date.
//
// Absolute: "February 22", "Feb. 22, 2022", "22 February", "2022-02-22",
// "February 2015" (a month), "1998" (a year), "the 1990s". Relative: weekdays ("on
// Tuesday", "last Thursday", "this Friday"), "yesterday", "today", "tomorrow",
// "last week", "this month", "next year", "the third quarter", "last fall", "a year
// ago", and the vague "now", "recently", "the future" (TimeML's PRESENT_REF,
// PAST_REF, FUTURE_REF). News reports the past: a weekday in a sentence
// without a future marker is the latest such day on or before publication ("on
// Tuesday" in Wednesday's paper is yesterday), but for the day after publication;
// with a marker ("will", "scheduled", "planned", "next", "this", "is to", or a
// schedule in the present tense: "the race, which starts Saturday") it is the
// next such day. "Today" meaning nowadays ("today's teenagers") is PRESENT_REF. Years missing from
// "February 22" come from the reference date, choosing the year that keeps the
// date on the right side of it. Month names count only in date shapes, so "march
// down the path" and "may" are not dates.
//
// Besides dates (TimeML's TIMEX3 type DATE), durations ("three years" P3Y, "the
// past two weeks" P2W, "48 hours" PT48H, "for years" PXY) and sets ("every
// Monday" XXXX-WXX-1, "annually" P1Y, "twice a week" P1W) are found with their
// TimeML values. They say how long or how often, not when: they never place an
// event (timeline, a figure's day, fact keys) and are only annotations.
#ifndef CROSSCHECK_ANALYZE_DATES_H_
#define CROSSCHECK_ANALYZE_DATES_H_

#include <optional>
#include <string>
#include <vector>

#include "analyze/civil_date.h"
#include "crosscheck/article.h"

namespace crosscheck::analyze {

enum class DatePrecision { kDay, kWeek, kMonth, kQuarter, kSeason, kYear, kDecade, kVague };

// TimeML's TIMEX3 types crosscheck tells apart (it finds no clock times).
enum class TimexType { kDate, kDuration, kSet };

// "DATE", "DURATION", "SET".
const char* TimexTypeName(TimexType type);

// The shape the date was written in.
enum class DateKind {
  kFullDate,   // "Feb. 22, 2022", "2022-02-22", "22 February 2022"
  kMonthDay,   // "February 22": the year comes from the reference
  kWeekday,    // "on Tuesday", "last Thursday"
  kDeictic,    // "yesterday", "today", "tomorrow"
  kPeriod,     // "last week", "this month", "next year"
  kMonth,      // "February 2015", "in March"
  kYear,       // "in 2014", "1998"
  kQuarter,    // "the third quarter", "fourth-quarter"
  kSeason,     // "this summer", "last fall"
  kAgo,        // "a year ago", "six weeks earlier"
  kDecade,     // "the 1990s"
  kReference,  // "now", "recently", "the future": PRESENT_REF, PAST_REF, FUTURE_REF
  kDuration,   // "three years", "the past decade", "48-hour": P3Y, P10Y, PT48H
  kSet,        // "every Monday", "annually", "twice a week": XXXX-WXX-1, P1Y, P1W
};

struct DateMention {
  Span span;                  // in Article::text
  std::string value;          // ISO 8601 as TIMEX3 writes it: 2022-02-22, 2022-W07, 2022-02, 2022-Q3,
                              // 2022-SU, 2022, 199, PRESENT_REF, P3Y; empty if unresolved
  TimexType type = TimexType::kDate;  // durations and sets have precision kVague
  DatePrecision precision = DatePrecision::kDay;
  DateKind kind = DateKind::kFullDate;
  bool relative = false;      // needed the reference date ("on Tuesday", "February 22")
  bool future = false;        // the sentence speaks of what is to come
  bool side_clause = false;   // in parentheses or a relative clause set off by a comma (", which
                              // starts Saturday,"): it dates that clause, not the sentence's event
  uint32_t sentence = 0;      // index into Article::sentences
};

// Dates in every sentence of `a` (which must be tokenized). `reference` is the
// publication date, or the story's date when the article has none; without it,
// relative dates stay unresolved (empty value).
std::vector<DateMention> FindDates(const Article& a, std::optional<CivilDate> reference);

// The latest day-precision date the article reports in the past tense: a lower
// bound for its publication date, used when it has none. `year` fills dates
// written without one.
std::optional<CivilDate> LatestReportedDate(const Article& a, int year);

}  // namespace crosscheck::analyze

#endif  // CROSSCHECK_ANALYZE_DATES_H_
