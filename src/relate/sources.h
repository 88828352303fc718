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

#include <string>
#include <vector>

#include "crosscheck/article.h"

namespace crosscheck::relate {

// The source an article speaks for, as a comparable key ("AP", "valley wire");
// "" when it names none and is a source of its own.
std::string SourceKey(const Article& a);

// For each article, the index of the first article of its source. `copy_of[a]`
// is the article a copies, or -1 (FindNearDuplicates).
std::vector<int> IndependentSources(const std::vector<const Article*>& articles, const std::vector<int>& copy_of);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_SOURCES_H_
