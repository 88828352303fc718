// Merging quotations across the articles of a story: the same words, quoted by
// several outlets in the same or in other words, become one quotation with its
// variants, its sources and the speaker most of them name.
//
// Two quotations are one when most words of the shorter are found in the longer,
// or their word sets are close (Jaccard), or, when the same speaker says them,
// they share at least three content words, half of the shorter wording's (an
// outlet that rewords a quotation keeps its key words). Fragments shorter than
// kMinQuoteWords are scare quotes, not statements, and are left out.
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

struct MergedQuote {
  std::map<std::string, std::set<size_t>> wordings;  // the quoted text -> articles quoting it so
  std::set<size_t> articles;
  int speaker = -1;  // entity index: the person most sources name, else any entity; -1 unknown
};

// `quotes[a]` are the quotations of article a, `index` merges their speakers'
// entity mentions, `group[a]` is article a's independent source.
std::vector<MergedQuote> MergeQuotes(const std::vector<std::vector<analyze::QuoteMention>>& quotes,
                                     const EntityIndex& index, const std::vector<int>& group);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_QUOTE_MERGE_H_
