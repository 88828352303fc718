#include "analyze/dates.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/tokens.h"

namespace crosscheck::analyze {
namespace {

struct Word {
  std::string_view text;
  std::string_view lower;  // case-folded; compared with many words, a view compares lengths first
  Span span;
  bool is_word;
};

// The tokens of `s` as words; their case-folded forms are kept in `folded`, which
// must outlive the words.
std::vector<Word> WordsOf(const Article& a, const Sentence& s, std::string& folded) {
  folded.clear();
  std::vector<size_t> ends;
  ends.reserve(s.tokens.size());
  std::string one;
  for (const Token& t : s.tokens) {
    text::FoldCaseInto(a.Slice(t.span), one);
    folded += one;
    ends.push_back(folded.size());
  }
  std::vector<Word> out;
  out.reserve(s.tokens.size());
  for (size_t k = 0, begin = 0; k < s.tokens.size(); begin = ends[k++]) {
    const Token& t = s.tokens[k];
    out.push_back({a.Slice(t.span), std::string_view(folded).substr(begin, ends[k] - begin), t.span, t.is_word});
  }
  return out;
}

// A day of the month: "22", "22nd", "1st".
std::optional<int> DayOf(const Word& w) {
  std::string_view t = w.lower;
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (t.size() > 2 && t.ends_with(suffix)) t.remove_suffix(2);
  if (!text::AllAsciiDigits(t) || t.size() > 2) return std::nullopt;
  int d = text::DigitsValue(t);
  return d >= 1 && d <= 31 ? std::optional<int>(d) : std::nullopt;
}

std::optional<int> YearOf(const Word& w) {
  if (w.text.size() != 4 || !text::AllAsciiDigits(w.text)) return std::nullopt;
  int y = text::DigitsValue(w.text);
  return y >= 1900 && y <= 2100 ? std::optional<int>(y) : std::nullopt;
}

// A capitalized month name or abbreviation ("March", "Feb").
std::optional<int> MonthOf(const Word& w) {
  if (w.text.empty() || !text::IsAsciiUpper(w.text[0])) return std::nullopt;
  return text::MonthNumber(w.lower);
}

// A count before a unit of time: "3", "three", "a" (1), "several" and "few" (an
// unknown count, 0: TimeML writes X). Numbers past twenty are written in digits
// in news copy, so the words stop at the round tens.
std::optional<int> CountOf(std::string_view lower) {
  static const std::unordered_map<std::string_view, int> kCounts = {
      {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
      {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
      {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"hundred", 100},
      {"dozen", 12}, {"couple", 2}, {"several", 0}, {"few", 0}, {"many", 0}};
  if (text::AllAsciiDigits(lower) && !lower.empty() && lower.size() <= 4) return text::DigitsValue(lower);
  auto it = kCounts.find(lower);
  return it != kCounts.end() ? std::optional<int>(it->second) : std::nullopt;
}

// A unit of time as TimeML writes durations of it: the letter ("P3Y"), whether it
// is a clock unit written after "T" ("PT48H"), and how many of the letter one unit
// is (a decade is P10Y). Plurals count too.
struct TimeUnit {
  const char* letter;
  bool clock;
  int times;
  bool plural;
};

std::optional<TimeUnit> UnitOf(std::string_view lower) {
  static const std::unordered_map<std::string_view, TimeUnit> kUnits = {
      {"second", {"S", true, 1, false}}, {"minute", {"M", true, 1, false}}, {"hour", {"H", true, 1, false}},
      {"day", {"D", false, 1, false}},    {"week", {"W", false, 1, false}},  {"month", {"M", false, 1, false}},
      {"quarter", {"Q", false, 1, false}}, {"year", {"Y", false, 1, false}}, {"decade", {"Y", false, 10, false}},
      {"century", {"Y", false, 100, false}}};
  bool plural = false;
  std::string_view singular = lower;
  if (lower == "centuries") {
    singular = "century", plural = true;
  } else if (lower.size() > 3 && lower.back() == 's') {
    singular.remove_suffix(1), plural = true;
  }
  auto it = kUnits.find(singular);
  if (it == kUnits.end()) return std::nullopt;
  TimeUnit u = it->second;
  u.plural = plural;
  return u;
}

// The TimeML value of `count` units; count 0 is an unknown count ("PXY", "PXDE").
std::string DurationValue(int count, const TimeUnit& u) {
  std::string value = u.clock ? "PT" : "P";
  if (count > 0) return value + std::to_string(count * u.times) + u.letter;
  return value + "X" + (u.times == 10 ? "DE" : (u.times == 100 ? "CE" : u.letter));
}

// A duration or a set starting at w[i], or nothing.
struct Extent {
  size_t begin, end;  // tokens
  std::string value;
  TimexType type;
};

std::optional<Extent> DurationOrSet(const std::vector<Word>& w, size_t i) {
  auto lower = [&](size_t k) -> std::string_view { return k < w.size() ? std::string_view(w[k].lower) : ""; };
  // How often, in one word: "daily", "annually". Capitalized inside a sentence it
  // names something ("the Daily Telegraph").
  static const std::unordered_map<std::string_view, const char*> kFrequencies = {
      {"hourly", "PT1H"}, {"daily", "P1D"}, {"nightly", "P1D"}, {"weekly", "P1W"}, {"monthly", "P1M"},
      {"yearly", "P1Y"}, {"annually", "P1Y"}, {"biannually", "P6M"}};
  if (auto f = kFrequencies.find(w[i].lower); f != kFrequencies.end() && (i == 0 || !text::IsAsciiUpper(w[i].text[0])))
    return Extent{i, i + 1, f->second, TimexType::kSet};
  // "every Monday", "each year", "every two weeks", "every other day"; "on Mondays".
  if (lower(i) == "every" || lower(i) == "each") {
    size_t j = i + 1;
    int count = 1;
    if (lower(j) == "other") count = 2, ++j;
    if (auto n = CountOf(lower(j)); n && *n > 1 && count == 1) count = *n, ++j;
    if (j < w.size() && text::IsAsciiUpper(w[j].text[0]) && w[j].lower.size() >= 6) {
      if (auto wd = text::WeekdayNumber(w[j].lower))
        return Extent{i, j + 1, "XXXX-WXX-" + std::to_string(*wd + 1), TimexType::kSet};
    }
    if (auto u = UnitOf(lower(j)); u && u->plural == (count > 1))
      return Extent{i, j + 1, DurationValue(count, *u), TimexType::kSet};
    return std::nullopt;
  }
  if (w[i].lower.size() > 7 && w[i].lower.back() == 's' && text::IsAsciiUpper(w[i].text[0]) && i > 0 &&
      lower(i - 1) == "on") {
    if (auto wd = text::WeekdayNumber(std::string_view(w[i].lower).substr(0, w[i].lower.size() - 1)))
      return Extent{i, i + 1, "XXXX-WXX-" + std::to_string(*wd + 1), TimexType::kSet};
  }
  // "twice a week", "$5 a day", "three times a year", "per month": a rate.
  if ((lower(i) == "a" || lower(i) == "an" || lower(i) == "per") && i + 1 < w.size()) {
    auto u = UnitOf(lower(i + 1));
    std::string_view before = i > 0 ? lower(i - 1) : "";
    bool rate = lower(i) == "per" || before == "once" || before == "twice" || before == "times" ||
                before == "percent" || before == "%" || before == "million" || before == "billion" ||
                before == "thousand" || before == "dollars" || (!before.empty() && text::AllAsciiDigits(before));
    if (u && !u->plural && rate) return Extent{i, i + 2, DurationValue(1, *u), TimexType::kSet};
  }
  // "recent days", "recent months" span back an unknown while ("recent years" is
  // PAST_REF, below, as TimeML annotators mostly write it).
  if (lower(i) == "recent") {
    auto u = UnitOf(lower(i + 1));
    if (u && u->plural && !u->clock && std::string_view(u->letter) != "Y")
      return Extent{i, i + 2, DurationValue(0, *u), TimexType::kDuration};
  }
  // Durations: [the] [past|last|next|first...] [count] [more] [-] unit, as in
  // "three years", "the past two weeks", "a 48-hour strike", "the next few days",
  // "the past decade"; and bare plurals after a preposition, "for years".
  size_t j = i;
  bool the = lower(j) == "the";
  if (the) ++j;
  static const std::unordered_set<std::string_view> kSpanWords = {
      "past", "last", "next", "first", "coming", "previous", "following", "final"};
  std::string_view span_word = kSpanWords.count(lower(j)) ? lower(j) : "";
  if (!span_word.empty()) ++j;
  // Hyphenated into one token: "two-week", "48-hour", "day-long".
  if (size_t dash = lower(j).find('-'); dash != std::string_view::npos && dash > 0) {
    std::string_view head = lower(j).substr(0, dash), tail = lower(j).substr(dash + 1);
    std::optional<int> n = CountOf(head);
    std::optional<TimeUnit> u = UnitOf(tail);
    if (tail == "long") n = 1, u = UnitOf(head);
    bool age = lower(j + 1) == "-" || tail.find('-') != std::string_view::npos;  // "two-year-old"
    if (n && u && !u->plural && !age && head != "a" && head != "an")
      return Extent{i, j + 1, DurationValue(*n, *u), TimexType::kDuration};
    return std::nullopt;
  }
  std::optional<int> count = CountOf(lower(j));
  if (count) {
    ++j;
    if (lower(j - 1) == "a" && (lower(j) == "few" || lower(j) == "couple" || lower(j) == "dozen"))
      count = CountOf(lower(j++));
    if (lower(j - 1) == "couple" && lower(j) == "of") ++j;
    if (lower(j) == "more" || lower(j) == "additional") ++j;
  }
  bool hyphen = count && lower(j) == "-";
  if (hyphen) ++j;
  std::optional<TimeUnit> unit = UnitOf(lower(j));
  if (!unit) return std::nullopt;
  std::string_view after = lower(j + 1);
  // "two years ago" and "a year earlier" are dates; "a five-year-old" is an age.
  if (after == "ago" || after == "earlier" || after == "old" || (after == "-" && (lower(j + 2) == "old" ||
                                                                                 lower(j + 2) == "ago")))
    return std::nullopt;
  if (!count) {
    // "the past year", "the last decade", "past decade": one unit back. "last
    // week", "the first quarter" are dates.
    bool back = span_word == "past" || (the && span_word == "last");
    bool bare = !the && span_word.empty() && unit->plural && i > 0;
    if (back && !unit->plural && !unit->clock && std::string_view(unit->letter) != "Q" &&
        std::string_view(unit->letter) != "D")
      return Extent{i, j + 1, DurationValue(1, *unit), TimexType::kDuration};
    static const std::unordered_set<std::string_view> kBefore = {"for", "over", "within", "after"};
    if (bare && kBefore.count(lower(i - 1)) && !unit->clock)
      return Extent{i, j + 1, DurationValue(0, *unit), TimexType::kDuration};
    return std::nullopt;
  }
  if (unit->plural && *count == 1) return std::nullopt;  // "one days"
  // "a second time" and "a quarter of the vote" are an ordinal and a fraction;
  // "60 Minutes", capitalized, a name.
  if ((lower(j - 1) == "a" && !unit->plural && (std::string_view(unit->letter) == "Q" ||
                                                 (unit->clock && std::string_view(unit->letter) == "S"))) ||
      text::IsAsciiUpper(w[j].text[0]))
    return std::nullopt;
  if (*count == 0 && !unit->plural) return std::nullopt;
  if (hyphen && unit->plural) return std::nullopt;
  if (!the && span_word == "first") return std::nullopt;  // "first day": an ordinal
  return Extent{i, j + 1, DurationValue(*count, *unit), TimexType::kDuration};
}

// Whether w[k] says what follows is to come: a modal or a word of plans ("will",
// "scheduled", "due", "payable", "ahead", "effective"), "set to"/"set for" (not "the record
// set on"), "is to", "as early as", or a verb of schedules in the present tense,
// which news uses for fixtures ("the race, which starts Saturday", "they meet
// Monday"); its past tense would be "started", "met".
bool MarksFuture(const std::vector<Word>& w, size_t k) {
  static const std::unordered_set<std::string_view> kMarkers = {
      "will", "'ll", "shall", "would", "scheduled", "planned", "plans", "planning", "due", "upcoming",
      "expected", "expects", "next", "tomorrow", "later", "intended", "to-be", "forthcoming", "soon", "until",
      "deadline", "could", "might", "must", "payable", "ahead", "effective"};
  static const std::unordered_set<std::string_view> kSchedules = {
      "starts", "begins", "opens", "resumes", "reopens", "meets", "meet", "convenes", "visits", "arrives",
      "travels", "hosts", "expires", "kicks"};
  std::string_view word = w[k].lower, before = k > 0 ? std::string_view(w[k - 1].lower) : "";
  std::string_view after = k + 1 < w.size() ? std::string_view(w[k + 1].lower) : "";
  if (kMarkers.count(word)) return true;
  if (word == "set") return after == "to" || after == "for";
  if (word == "to") return before == "is" || before == "are";
  if (word == "early") return before == "as" && after == "as";
  return kSchedules.count(word) > 0;
}

// Whether w[k] is a verb in the simple past that heads a clause of its own: an
// irregular past of news ("said", "held", "met") or a word in "-ed" that no
// form of "be" or "have" and no "to be" turns into a participle ("would be
// reviewed", "has been postponed"). Markers of plans in "-ed" ("scheduled",
// "planned", "expected") are never taken for it: `marks_future` is
// MarksFuture(w, k), which the caller has at hand.
bool IsPastVerb(const std::vector<Word>& w, size_t k, bool marks_future) {
  static const std::unordered_set<std::string_view> kIrregular = {
      "said", "held", "met", "told", "made", "took", "gave", "came", "went", "began", "left", "saw", "won",
      "lost", "fell", "rose", "found", "was", "were", "did", "brought", "sent", "spoke", "wrote", "struck"};
  static const std::unordered_set<std::string_view> kAuxiliaries = {
      "be", "been", "being", "is", "are", "was", "were", "am", "get", "gets", "got", "has", "have", "had"};
  std::string_view word = w[k].lower;
  if (marks_future) return false;
  bool regular = word.size() > 4 && word.ends_with("ed");
  if (!regular && !kIrregular.count(word)) return false;
  return !kAuxiliaries.count(w[k - 1].lower) && w[k - 1].lower != "not";
}

// Whether "today" at w[i] means nowadays, not the day of the report (TimeML's
// PRESENT_REF): "today's teenagers", "today's world", "the children of today",
// "in the world today". "Today's vote" is the day's.
bool GenericToday(const std::vector<Word>& w, size_t i) {
  static const std::unordered_set<std::string_view> kNowadays = {
      "world", "society", "generation", "youth", "culture", "economy", "era", "age", "life", "people"};
  std::string_view before = i > 0 ? std::string_view(w[i - 1].lower) : "";
  size_t n = i + 1;
  bool possessive = n < w.size() && (w[n].lower == "'s" || w[n].lower == "’s");
  if (possessive && n + 1 < w.size()) {
    std::string_view noun = w[n + 1].lower;
    bool plural = noun.size() > 3 && noun.back() == 's' && noun[noun.size() - 2] != 's' && noun != "news";
    return kNowadays.count(noun) > 0 || plural;
  }
  bool clause_end = n >= w.size() || !w[n].is_word;
  return before == "of" || (clause_end && kNowadays.count(before) > 0);
}

// The year that puts month/day nearest to the reference on the right side.
CivilDate WithYear(int month, int day, const CivilDate& ref, bool future) {
  CivilDate best{ref.year, month, std::min(day, 28)};
  if (CivilDate::Valid(ref.year, month, day)) best.day = day;
  long diff = best.DayNumber() - ref.DayNumber();
  if (!future && diff > 45) --best.year;   // "in December" read in January
  if (future && diff < -45) ++best.year;   // "in January" planned in December
  if (!CivilDate::Valid(best.year, month, day)) best.day = std::min(day, 28);
  else best.day = day;
  return best;
}

std::string MonthIso(int year, int month) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

}  // namespace

const char* TimexTypeName(TimexType type) {
  switch (type) {
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
    case TimexType::kDate: break;
  }
  return "DATE";
}

std::vector<DateMention> FindDates(const Article& a, std::optional<CivilDate> ref) {
  std::vector<DateMention> out;
  std::string folded;  // the words' case-folded forms, one sentence at a time
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    std::vector<Word> w = WordsOf(a, a.sentences[si], folded);
    // A date looks ahead when a future marker comes shortly before it, in its
    // clause: "planned for February 24", "would be reviewed on Friday", "were
    // scheduled to take place in Geneva on Thursday"; but not "said on February 23
    // it will impose", nor "would not invade Ukraine, after Macron held calls on Sunday".
    constexpr size_t kMarkerReach = 8;  // tokens
    std::vector<size_t> last_marker(w.size() + 1, SIZE_MAX);
    // "would have", "must have": the past that was or must have been, not a plan.
    auto looks_back = [&](size_t k) {
      return k + 1 < w.size() && w[k + 1].lower == "have" &&
             (w[k].lower == "would" || w[k].lower == "could" || w[k].lower == "might" || w[k].lower == "must");
    };
    std::vector<bool> marks(w.size());
    for (size_t k = 0; k < w.size(); ++k) {
      marks[k] = MarksFuture(w, k);
      last_marker[k + 1] = marks[k] && !looks_back(k) ? k : last_marker[k];
    }
    std::vector<bool> ahead(w.size() + 1, false);
    // A verb in the past between the marker and the date ends its reach: "they
    // would appeal the decision, announced Wednesday" dates the announcement.
    static const std::unordered_set<std::string_view> kTimeClauses = {"soon", "until", "when", "once", "after",
                                                                      "before", "till"};
    std::vector<bool> past(w.size(), false), of_time(w.size(), false);
    for (size_t k = 1; k < w.size(); ++k) past[k] = IsPastVerb(w, k, marks[k]);
    for (size_t k = 0; k < w.size(); ++k) of_time[k] = kTimeClauses.count(w[k].lower) > 0;
    for (size_t k = 0; k <= w.size(); ++k) {
      ahead[k] = last_marker[k] != SIZE_MAX && k - last_marker[k] <= kMarkerReach;
      // Inside a clause of time ("as soon as trading opened Monday", "until
      // the talks ended"), reported speech shifts the tense back: no end there.
      bool time_clause = false;
      for (size_t j = last_marker[k]; ahead[k] && j < k; ++j) {
        time_clause = time_clause || of_time[j];
        if (j > last_marker[k]) ahead[k] = time_clause || !past[j];
      }
    }
    bool future = false;
    // A sentence about a quarter ("third-quarter profit rose 10% from a year
    // earlier") compares that quarter: "a year earlier" is the same quarter a year
    // before. 0 when the sentence names no quarter.
    int focus_quarter = 0;
    if (ref) {
      static const std::unordered_map<std::string_view, int> kQuarterOrdinals = {
          {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}};
      for (size_t k = 0; k < w.size() && focus_quarter == 0; ++k) {
        if (w[k].lower != "quarter") continue;
        size_t o = k >= 2 && w[k - 1].text == "-" ? k - 2 : (k >= 1 ? k - 1 : k);
        auto it = kQuarterOrdinals.find(w[o].lower);
        focus_quarter = it != kQuarterOrdinals.end() ? it->second : ((ref->month - 1) / 3 + 3) % 4 + 1;
      }
    }
    auto year_before = [&](int years) {
      std::string v = std::to_string(ref->year - years);
      return focus_quarter > 0 ? v + "-Q" + std::to_string(focus_quarter) : v;
    };
    // Side clauses: parentheses, and a relative clause opened by a comma (", who",
    // ", which", ", whose", ", where") up to the next comma.
    std::vector<bool> aside(w.size(), false);
    for (size_t k = 0, depth = 0; k < w.size(); ++k) {
      if (w[k].text == "(") ++depth;
      if (w[k].text == ")" && depth > 0) --depth;
      bool relative = k + 1 < w.size() && w[k].text == "," &&
                      (w[k + 1].lower == "who" || w[k + 1].lower == "which" || w[k + 1].lower == "whose" ||
                       w[k + 1].lower == "where");
      if (relative)
        for (size_t r = k + 1; r < w.size() && w[r].text != ","; ++r) aside[r] = true;
      aside[k] = aside[k] || depth > 0;
    }
    auto emit = [&](size_t b, size_t e, std::string value, DatePrecision p, DateKind kind, bool fut) {
      DateMention m;
      m.span = {w[b].span.begin, w[e - 1].span.end};
      m.value = std::move(value);
      m.precision = p;
      m.kind = kind;
      m.relative = kind == DateKind::kMonthDay || kind == DateKind::kWeekday || kind == DateKind::kDeictic ||
                   kind == DateKind::kPeriod;
      m.future = fut;
      m.sentence = si;
      m.side_clause = aside[b];
      out.push_back(std::move(m));
    };
    for (size_t i = 0; i < w.size(); ++i) {
      future = ahead[i];
      if (std::optional<Extent> x = DurationOrSet(w, i)) {
        emit(x->begin, x->end, x->value, DatePrecision::kVague,
             x->type == TimexType::kSet ? DateKind::kSet : DateKind::kDuration, future);
        out.back().type = x->type;
        i = x->end - 1;
        continue;
      }
      // Month [.] Day [,] [Year] | Month Year | (in|since|...) Month
      if (auto month = MonthOf(w[i])) {
        size_t j = i + 1;
        if (j < w.size() && w[j].text == ".") ++j;
        if (j < w.size()) {
          if (auto day = DayOf(w[j])) {
            size_t k = j + 1;
            std::optional<int> year;
            if (k + 1 < w.size() && w[k].text == "," && YearOf(w[k + 1])) {
              year = YearOf(w[k + 1]);
              k += 2;
            } else if (k < w.size() && YearOf(w[k])) {
              year = YearOf(w[k]);
              k += 1;
            }
            if (year && CivilDate::Valid(*year, *month, *day)) {
              emit(i, k, CivilDate{*year, *month, *day}.Iso(), DatePrecision::kDay, DateKind::kFullDate, future);
            } else if (ref) {
              emit(i, k, WithYear(*month, *day, *ref, future).Iso(), DatePrecision::kDay, DateKind::kMonthDay, future);
            } else {
              emit(i, k, "", DatePrecision::kDay, DateKind::kMonthDay, future);
            }
            i = k - 1;
            continue;
          }
          if (auto year = YearOf(w[j])) {
            emit(i, j + 1, MonthIso(*year, *month), DatePrecision::kMonth, DateKind::kMonth, future);
            i = j;
            continue;
          }
        }
        static const std::unordered_set<std::string_view> kBefore = {
            "in", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "from", "through"};
        // "mid-November": the hyphen stands between the word and the month.
        bool mid = i >= 2 && w[i - 1].text == "-" && w[i - 2].lower == "mid";
        // Month names that are no verb, name or other word stand alone too ("the
        // November elections", "October's figures").
        static const std::unordered_set<std::string_view> kOnlyMonths = {
            "january", "february", "july", "september", "october", "november", "december"};
        if (i > 0 && (kBefore.count(w[i - 1].lower) || mid || kOnlyMonths.count(w[i].lower))) {
          // A month without a year is the nearest one on the side the sentence
          // looks to, the coming six weeks counted as near (WithYear); "last May"
          // and "next May" are the nearest before and after the current month,
          // "this May" is this year's; "May last year" says the year.
          const std::string_view before = w[i - 1].lower;
          const std::string_view year_word = i + 2 < w.size() && w[i + 2].lower == "year" ? w[i + 1].lower : "";
          bool ahead_of = before == "next" || (before != "last" && future);
          if (ref) {
            int year = ref->year;
            if (year_word == "last" || year_word == "next") {
              year += year_word == "next" ? 1 : -1;
            } else if (before == "last") {
              year -= *month >= ref->month;
            } else if (before == "next") {
              year += *month <= ref->month;
            } else if (before != "this") {
              year = WithYear(*month, 1, *ref, ahead_of).year;
            }
            emit(i, i + 1, MonthIso(year, *month), DatePrecision::kMonth, DateKind::kMonth, ahead_of);
          }
          continue;
        }
      }
      // Day Month [Year]: "22 February 2022"
      if (auto day = DayOf(w[i]); day && i + 1 < w.size()) {
        if (auto month = MonthOf(w[i + 1])) {
          size_t k = i + 2;
          std::optional<int> year;
          if (k < w.size() && YearOf(w[k])) year = YearOf(w[k++]);
          if (year && CivilDate::Valid(*year, *month, *day)) {
            emit(i, k, CivilDate{*year, *month, *day}.Iso(), DatePrecision::kDay, DateKind::kFullDate, future);
          } else if (ref) {
            emit(i, k, WithYear(*month, *day, *ref, future).Iso(), DatePrecision::kDay, DateKind::kMonthDay, future);
          }
          i = k - 1;
          continue;
        }
      }
      // 2022-02-22
      if (YearOf(w[i]) && i + 4 < w.size() && w[i + 1].text == "-" && text::AllAsciiDigits(w[i + 2].text) &&
          w[i + 3].text == "-" && text::AllAsciiDigits(w[i + 4].text)) {
        int y = *YearOf(w[i]), m = text::DigitsValue(w[i + 2].text), d = text::DigitsValue(w[i + 4].text);
        if (w[i + 2].text.size() == 2 && w[i + 4].text.size() == 2 && CivilDate::Valid(y, m, d)) {
          emit(i, i + 5, CivilDate{y, m, d}.Iso(), DatePrecision::kDay, DateKind::kFullDate, future);
          i += 4;
          continue;
        }
      }
      // Weekdays: "on Tuesday", "last Thursday", "this Friday", "Monday night".
      if (auto wd = text::WeekdayNumber(w[i].lower); wd && text::IsAsciiUpper(w[i].text[0]) && w[i].lower.size() >= 6) {
        // A weekday followed by an absolute date ("Monday, February 21") is the date's.
        size_t n = i + 1;
        if (n < w.size() && w[n].text == ",") ++n;
        if (n < w.size() && MonthOf(w[n])) continue;
        std::string_view before = i > 0 ? std::string_view(w[i - 1].lower) : std::string_view();
        bool fut = future;
        bool skip_today = false;
        if (before == "next") fut = true, skip_today = true;
        if (before == "last") fut = false, skip_today = true;
        size_t b = (before == "next" || before == "last" || before == "this" || before == "on") ? i - 1 : i;
        if (!ref) {
          emit(b, i + 1, "", DatePrecision::kDay, DateKind::kWeekday, fut);
          continue;
        }
        int r = ref->Weekday();
        long delta = fut ? (*wd - r + 7) % 7 : (r - *wd + 7) % 7;
        if (delta == 0 && skip_today) delta = 7;
        // A bare weekday six days back is, more likely, tomorrow: a paper names the
        // day after its own ("Sunday" in Saturday's paper); a week-old day is
        // "last Sunday".
        if (!fut && !skip_today && delta == 6) fut = true, delta = 1;
        CivilDate d = ref->AddDays(fut ? delta : -delta);
        if (before == "this") {
          // "this Friday" is the Friday of the publication's week, past or to come.
          d = ref->AddDays(*wd - r);
          fut = *wd > r;
        }
        emit(b, i + 1, d.Iso(), DatePrecision::kDay, DateKind::kWeekday, fut);
        continue;
      }
      // yesterday / today / tomorrow
      if (w[i].lower == "today" && GenericToday(w, i)) {
        emit(i, i + 1, "PRESENT_REF", DatePrecision::kVague, DateKind::kReference, false);
        continue;
      }
      if (w[i].lower == "yesterday" || w[i].lower == "today" || w[i].lower == "tomorrow" || w[i].lower == "tonight") {
        long delta = w[i].lower == "yesterday" ? -1 : (w[i].lower == "tomorrow" ? 1 : 0);
        emit(i, i + 1, ref ? ref->AddDays(delta).Iso() : "", DatePrecision::kDay, DateKind::kDeictic, delta > 0);
        continue;
      }
      // last/this/next week|month|year
      if ((w[i].lower == "last" || w[i].lower == "this" || w[i].lower == "next") && i + 1 < w.size() &&
          (w[i + 1].lower == "week" || w[i + 1].lower == "month" || w[i + 1].lower == "year")) {
        int shift = w[i].lower == "last" ? -1 : (w[i].lower == "next" ? 1 : 0);
        std::string value;
        DatePrecision p = DatePrecision::kWeek;
        if (ref) {
          if (w[i + 1].lower == "week") {
            value = ref->AddDays(7L * shift).IsoWeek();
          } else if (w[i + 1].lower == "month") {
            int m = ref->month + shift, y = ref->year;
            if (m < 1) m += 12, --y;
            if (m > 12) m -= 12, ++y;
            value = MonthIso(y, m);
            p = DatePrecision::kMonth;
          } else {
            value = std::to_string(ref->year + shift);
            p = DatePrecision::kYear;
          }
        }
        emit(i, i + 2, value, p, DateKind::kPeriod, shift > 0);
        ++i;
        continue;
      }
      // Vague references: "now", "currently", "at present", "recently", "the past",
      // "the future".
      {
        const std::string_view l = w[i].lower;
        bool the = i > 0 && w[i - 1].lower == "the";
        const char* ref_value = nullptr;
        bool at_present = l == "present" && i > 0 && w[i - 1].lower == "at";
        if (l == "now" || l == "currently" || l == "nowadays" || at_present) ref_value = "PRESENT_REF";
        bool period_after = i + 1 < w.size() && w[i + 1].lower == "years";
        if (l == "recently" || l == "lately" || l == "previously" || (l == "recent" && period_after) ||
            (the && l == "past" && (i + 1 >= w.size() || !w[i + 1].is_word)))
          ref_value = "PAST_REF";
        if ((the && l == "future") || l == "soon") ref_value = "FUTURE_REF";
        if (ref_value != nullptr) {
          size_t e = l == "recent" && period_after ? i + 2 : i + 1;
          emit(the || at_present ? i - 1 : i, e, ref_value, DatePrecision::kVague, DateKind::kReference,
               l == "soon" || l == "future");
          i = e - 1;
          continue;
        }
      }
      // Quarters: "the third quarter", "fourth-quarter", "the latest quarter".
      {
        static const std::unordered_map<std::string_view, int> kOrdinals = {
            {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"latest", 0}, {"last", 0}};
        auto ord = kOrdinals.find(w[i].lower);
        size_t q = i + 1;
        if (ord != kOrdinals.end() && q < w.size() && w[q].text == "-") ++q;
        bool quarter = ord != kOrdinals.end() && q < w.size() && w[q].lower == "quarter";
        bool bare = w[i].lower == "quarter" && i > 0 && w[i - 1].lower == "the";
        if ((quarter || bare) && ref) {
          int current = (ref->month - 1) / 3 + 1;
          int n = quarter ? ord->second : 0;
          int year = ref->year;
          if (n == 0) n = current - 1;  // "the quarter", "the latest quarter": the last one reported
          if (n <= 0) n += 4, --year;
          if (n > current && !future) --year;  // a later quarter than now was last year's
          size_t b = bare ? i - 1 : (i > 0 && w[i - 1].lower == "the" ? i - 1 : i);
          emit(b, bare ? i + 1 : q + 1, std::to_string(year) + "-Q" + std::to_string(n), DatePrecision::kQuarter,
               DateKind::kQuarter, future);
          i = bare ? i : q;
          continue;
        }
      }
      // Seasons: "this summer", "last fall", "next spring".
      if ((w[i].lower == "this" || w[i].lower == "last" || w[i].lower == "next") && i + 1 < w.size() && ref) {
        static const std::unordered_map<std::string_view, std::pair<const char*, int>> kSeasons = {
            {"spring", {"SP", 4}}, {"summer", {"SU", 7}}, {"fall", {"FA", 10}}, {"autumn", {"FA", 10}},
            {"winter", {"WI", 1}}};
        auto season = kSeasons.find(w[i + 1].lower);
        if (season != kSeasons.end()) {
          int year = ref->year + (w[i].lower == "next" ? 1 : 0);
          if (w[i].lower == "last" && season->second.second >= ref->month) --year;
          emit(i, i + 2, std::to_string(year) + "-" + season->second.first, DatePrecision::kSeason, DateKind::kSeason,
               w[i].lower == "next");
          ++i;
          continue;
        }
      }
      // "a year ago", "two weeks earlier", "a decade ago".
      if ((w[i].lower == "ago" || w[i].lower == "earlier") && i >= 2 && ref) {
        static const std::unordered_map<std::string_view, int> kNumbers = {
            {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
            {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"several", 0}, {"few", 0}};
        std::string_view unit = w[i - 1].lower;
        if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
        int n = -1;
        if (auto it = kNumbers.find(w[i - 2].lower); it != kNumbers.end()) n = it->second;
        if (text::AllAsciiDigits(w[i - 2].text) && w[i - 2].text.size() <= 3) n = text::DigitsValue(w[i - 2].text);
        if (n > 0 && (unit == "year" || unit == "month" || unit == "week" || unit == "day" || unit == "decade")) {
          std::string value;
          DatePrecision p = DatePrecision::kYear;
          if (unit == "year") value = year_before(n);
          if (unit == "decade") value = std::to_string((ref->year - 10 * n) / 10), p = DatePrecision::kDecade;
          if (unit == "week") value = ref->AddDays(-7L * n).IsoWeek(), p = DatePrecision::kWeek;
          if (unit == "day") value = ref->AddDays(-n).Iso(), p = DatePrecision::kDay;
          if (unit == "month") {
            int m = ref->month - n, y = ref->year;
            while (m < 1) m += 12, --y;
            value = MonthIso(y, m);
            p = DatePrecision::kMonth;
          }
          emit(i - 2, i + 1, value, p, DateKind::kAgo, false);
          continue;
        }
      }
      // "year-earlier", "year-ago": the same period a year before.
      if (w[i].lower == "year" && i + 2 < w.size() && w[i + 1].text == "-" &&
          (w[i + 2].lower == "earlier" || w[i + 2].lower == "ago") && ref) {
        emit(i, i + 3, year_before(1), DatePrecision::kYear, DateKind::kAgo, false);
        i += 2;
        continue;
      }
      // "the weekend": the last one, or the coming one when the sentence looks ahead.
      if (w[i].lower == "weekend" && i > 0 && (w[i - 1].lower == "the" || w[i - 1].lower == "this") && ref) {
        long to_saturday = future ? (5 - ref->Weekday() + 7) % 7 : -((ref->Weekday() - 5 + 7) % 7);
        emit(i - 1, i + 1, ref->AddDays(to_saturday).IsoWeek() + "-WE", DatePrecision::kWeek, DateKind::kPeriod, future);
        continue;
      }
      // "the 1990s"
      if (w[i].text.size() == 5 && w[i].text.back() == 's' && text::AllAsciiDigits(w[i].text.substr(0, 4)) &&
          w[i].text[3] == '0') {
        emit(i, i + 1, std::string(w[i].text.substr(0, 3)), DatePrecision::kDecade, DateKind::kDecade, false);
        continue;
      }
      // A year: "in 2014", "since 2009", "1998", "fiscal 1998"; not "1968 tonnes".
      if (auto year = YearOf(w[i]); year) {
        // "the 1998 budget" is a year; "1500 soldiers", "2000 people" are counts.
        const std::string_view next = i + 1 < w.size() ? w[i + 1].lower : std::string_view();
        bool unit_after = i + 1 < w.size() && w[i + 1].is_word && !text::IsAsciiUpper(w[i + 1].text[0]) &&
                          ((next.size() > 3 && next.back() == 's' && next[next.size() - 2] != 's') ||
                           next == "people" || next == "men" || next == "women" || next == "children");
        bool money = i > 0 && w[i - 1].text == "$";
        bool number = i + 1 < w.size() && (w[i + 1].lower == "percent" || w[i + 1].text == "%");
        if (!unit_after && !money && !number) {
          emit(i, i + 1, std::to_string(*year), DatePrecision::kYear, DateKind::kYear, future);
        }
      }
    }
  }
  return out;
}

std::optional<CivilDate> LatestReportedDate(const Article& a, int year) {
  // Read against the last day of `year` in the past tense, "February 23" stays in it.
  std::optional<CivilDate> best;
  for (const DateMention& d : FindDates(a, CivilDate{year, 12, 31})) {
    if (d.future || (d.kind != DateKind::kFullDate && d.kind != DateKind::kMonthDay)) continue;
    std::optional<CivilDate> c = CivilDate::Parse(d.value);
    if (c && (!best || *best < *c)) best = c;
  }
  return best;
}

}  // namespace crosscheck::analyze
