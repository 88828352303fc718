// Merging quotations across the articles of a story: the same words, quoted by
// several outlets in the same or in other words, become one quotation with its
// variants, its sources and the speaker most of them name.
//
// Two quotations are one when the shorter wording is, word for word, inside the
// longer (a truncated copy, a fragment the reporter worked into a sentence), or
// when their content words agree (function words, contraction rests and the most
// frequent verbs of speech left out, stemmed, each occurrence matched at most
// once): most of the shorter's are in the longer, or the two lists are close
// (another outlet's rewording), or, when the same speaker says both, two thirds
// of the shorter's. A new wording is compared with the fullest wording of
// each quotation so far. Two quotations whose speakers are both named and differ
// are never one: two people saying similar things are two quotations. Fragments
// shorter than kMinQuoteWords are scare quotes, not statements, and are left out.
//
// Quotations are ordered as a brief shows them: by independent sources, whole
// utterances before fragments of the reporter's sentence, then by first
// appearance.
#ifndef CROSSCHECK_RELATE_QUOTE_MERGE_H_
#define CROSSCHECK_RELATE_QUOTE_MERGE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyze/quotes.h"
#include "relate/entity_merge.h"

namespace crosscheck::relate {

constexpr size_t kMinQuoteWords = 4;
// Content words two reworded wordings must share at least: one or two in
// common is chance ("difficult moment" in two remarks of one speech), whatever
// the shares below.
constexpr size_t kMinSharedContentWords = 3;
// Share of the shorter wording's content words found in the longer that makes
// it a copy or a fragment of it; below 0.75 a long quotation on the same topic
// contains most short ones.
constexpr double kContainedShare = 0.75;
// Share of all content words (the Jaccard of the two lists) that makes two
// wordings one quotation reworded.
constexpr double kCloseShare = 0.5;

struct MergedQuote {
  std::map<std::string, std::set<size_t>> wordings;  // the quoted text -> articles quoting it so
  std::set<size_t> articles;
  int speaker = -1;  // entity index: the person most sources name, else any entity; -1 unknown
  // Without a named speaker, the description most sources give ("the mayor").
  std::string speaker_text;
};

// `quotes[a]` are the quotations of article a, `index` merges their speakers'
// entity mentions, `group[a]` is article a's independent source.
std::vector<MergedQuote> MergeQuotes(const std::vector<std::vector<analyze::QuoteMention>>& quotes,
                                     const EntityIndex& index, const std::vector<int>& group);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_QUOTE_MERGE_H_
