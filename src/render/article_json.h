// Rendering extracted articles: one JSON object per article (the line format of
// `crosscheck extract --format json`, fields in BRIEF-FORMAT.md) or a plain-text
// report for people; and a stored story's row, as `stories` and serve's API give it.
#ifndef CROSSCHECK_RENDER_ARTICLE_JSON_H_
#define CROSSCHECK_RENDER_ARTICLE_JSON_H_

#include <nlohmann/json.hpp>

#include <ostream>

#include "crosscheck/article.h"
#include "crosscheck/brief.h"
#include "crosscheck/store.h"

namespace crosscheck::render {

struct ArticleJsonOptions {
  bool tokens = false;  // add each sentence's tokens (text, offsets, stem)
};

nlohmann::ordered_json ArticleToJson(const Article& a, const ArticleJsonOptions& options = {});

// "annotations" of `crosscheck extract --annotate` (BRIEF-FORMAT.md).
nlohmann::ordered_json AnnotationsToJson(const Annotations& annotations);

// A story of the store's list: story, headline, articles, independent_sources,
// outlets, first_date, last_date, created_at, updated_at.
nlohmann::ordered_json StoryRowToJson(const StoryRow& r);

// Headers, repairs, dropped lines, then the clean text, for reading in a terminal.
void WriteArticleText(const Article& a, std::ostream& out);

}  // namespace crosscheck::render

#endif  // CROSSCHECK_RENDER_ARTICLE_JSON_H_
