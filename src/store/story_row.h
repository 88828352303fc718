// How a story appears in the story list, from its articles: the rule both stores
// apply when they describe a story again at commit. The stores read the rows;
// this decides headline, counts, outlets and dates, so the list means the same
// whichever store keeps it.
#ifndef CROSSCHECK_STORE_STORY_ROW_H_
#define CROSSCHECK_STORE_STORY_ROW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crosscheck::store {

// One article of the story, as the list needs it.
struct StoryArticleRow {
  int64_t id = 0;
  std::optional<std::string> outlet, title;
  std::string lede;           // the start of its text
  int64_t duplicate_of = 0;   // 0: no copy
  std::string source;         // relate::SourceKey of the article
  std::optional<std::string> published;
};

struct StoryDescription {
  std::string headline;
  size_t articles = 0;
  size_t independent = 0;             // as the brief counts them (relate::IndependentSources)
  std::vector<std::string> outlets;   // most articles first; one per outlet whatever its case
  std::optional<std::string> first_date, last_date;
};

// The description of a story of these articles (in article order); a story
// without articles has none (articles == 0).
StoryDescription DescribeStory(const std::vector<StoryArticleRow>& articles);

}  // namespace crosscheck::store

#endif  // CROSSCHECK_STORE_STORY_ROW_H_
