// Small closed word classes of English that several stages consult: function
// words, titles and roles, name particles, abbreviations, month and weekday names.
//
// These are general lists of the language (none of them is taken from any input):
// closed classes change slowly and fit in a page. Open-class vocabulary comes from
// the Debian word lists instead (see word_list.h). All lookups take lowercase
// ASCII unless noted and are O(1).
#ifndef CROSSCHECK_TEXT_LEXICON_H_
#define CROSSCHECK_TEXT_LEXICON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::text {

// The words of `s` for counting and comparing: runs of ASCII letters and digits
// and of non-ASCII bytes (UTF-8 letters), ASCII lowercased.
std::vector<std::string> LowercaseWords(std::string_view s);

// Articles, pronouns, prepositions, conjunctions, auxiliaries and modals, the most
// frequent adverbs and determiners ("the", "of", "would", "their", "not").
bool IsFunctionWord(std::string_view lower);

// Titles and roles that stand before a person's name ("president", "minister",
// "spokeswoman", "gen"). Lowercase, without a trailing period.
bool IsRoleWord(std::string_view lower);

// Verbs that report speech, in the past, the present of reportage and the
// participle ("said", "says", "concludes", "adding", "told", "tweeted").
bool IsReportingVerb(std::string_view lower);

// Particles inside surnames and brand names after which a capital does not start a
// new word: "de" (DeSantis), "mc" (McDonald), "le" (LeBron), "van", "al".
bool IsNameParticle(std::string_view lower);

// Bound prefixes and suffixes that form words rather than glue two words:
// "non" + "negotiable", "post" + "war", "state" + "hood".
bool IsWordFormingPrefix(std::string_view lower);
bool IsWordFormingSuffix(std::string_view lower);

// Abbreviations that end with a period and are normally followed by more of the
// same sentence: titles ("dr", "gen", "sen"), "vs", "no" before numbers, "approx".
// Lowercase, without the final period; internal periods kept ("e.g").
bool IsNonFinalAbbreviation(std::string_view lower);
// Abbreviations that may also end a sentence: "inc", "ltd", "co", "jr", "etc", and
// abbreviated given names ("wm", "chas", "alex").
bool IsFinalAbbreviation(std::string_view lower);

// The newspaper abbreviations of the US states ("md", "calif", "n.y"): lowercase,
// without the final period, internal periods kept.
bool IsStateAbbreviation(std::string_view lower);

// 1..12 for month names and their abbreviations ("feb", "sept", "february").
std::optional<int> MonthNumber(std::string_view lower);
// 0 (Monday) .. 6 (Sunday) for weekday names and abbreviations.
std::optional<int> WeekdayNumber(std::string_view lower);

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_LEXICON_H_
