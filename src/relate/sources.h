// Independent sources: which articles of a story speak for one source.
//
// Cross-checking counts sources, not articles. Ten versions of one agency story,
// however reworded over a day of updates, are one source; so is a newspaper's
// reprint of it. An article speaks for:
//   1. the agency its dateline credits ("PARIS (AP) --");
//   2. else the one agency or service it credits (Article::wire_credits:
//      "(Reuters)", "With reporting by AFP");
//   3. else its outlet (Article::outlet: the header's, the newswire's, or the one
//      its text signs off with);
//   4. else itself.
// Agencies are one source however they are written ("Associated Press
// Worldstream" and "The Associated Press" are AP), and a near-duplicate is one
// source with the article it copies.
#ifndef CROSSCHECK_RELATE_SOURCES_H_
#define CROSSCHECK_RELATE_SOURCES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"

namespace crosscheck::relate {

// The source an article speaks for, as a comparable key ("AP", "valley wire");
// "" when it names none and is a source of its own.
std::string SourceKey(const Article& a);
// The same from the parts the rule reads: the article's first paragraph (for its
// dateline), its wire credits and its outlet. A store keeps this key per article.
std::string SourceKey(std::string_view first_paragraph, const std::vector<std::string>& wire_credits,
                      const std::optional<std::string>& outlet);

// For each article, the index of the first article of its source. `copy_of[a]`
// is the article a copies, or -1 (FindNearDuplicates).
std::vector<int> IndependentSources(const std::vector<const Article*>& articles, const std::vector<int>& copy_of);
// The same from each article's SourceKey.
std::vector<int> IndependentSources(const std::vector<std::string>& keys, const std::vector<int>& copy_of);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_SOURCES_H_
