// How both stores keep an article in a row: the columns they read it back from,
// in order, and the lists (authors, wire credits, outlets) kept as JSON text. The
// stores differ only in how a row is read (SQLite's statement, libpq's binary
// result): ArticleFromRow takes either, through the row's Int, Null, Text,
// OptText and Blob.
#ifndef CROSSCHECK_STORE_ARTICLE_ROW_H_
#define CROSSCHECK_STORE_ARTICLE_ROW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/store.h"

namespace crosscheck::store {

// The columns ArticleFromRow reads, in its order (and those an insert writes).
inline constexpr const char* kArticleColumns =
    "id, given_id, path, title, outlet, url, url_key, published, language, authors, wire_credits, format, text, "
    "dropped, words, content_key, source_key, signature, shingles, duplicate_of, story, ingested_at";

// A list of strings as JSON text, and back (what is not a JSON array of strings
// reads as the strings it holds, or none).
std::string JsonList(const std::vector<std::string>& v);
std::vector<std::string> ListFromJson(const std::string& s);

// The article of a row of kArticleColumns.
template <typename Row>
StoredArticle ArticleFromRow(const Row& q) {
  StoredArticle a;
  a.id = q.Int(0);
  a.given_id = q.Text(1);
  a.path = q.Text(2);
  a.title = q.OptText(3);
  a.outlet = q.OptText(4);
  a.url = q.OptText(5);
  a.url_key = q.OptText(6);
  a.published = q.OptText(7);
  a.language = q.OptText(8);
  a.authors = ListFromJson(q.Text(9));
  a.wire_credits = ListFromJson(q.Text(10));
  a.format = q.Text(11);
  a.text = q.Text(12);
  a.dropped_json = q.Text(13);
  a.words = static_cast<uint32_t>(q.Int(14));
  a.content_key = q.Blob(15);
  a.source_key = q.Blob(16);
  a.signature = q.Blob(17);
  a.shingles = static_cast<uint32_t>(q.Int(18));
  if (!q.Null(19)) a.duplicate_of = q.Int(19);
  a.story = q.Int(20);
  a.ingested_at = q.Int(21);
  return a;
}

}  // namespace crosscheck::store

#endif  // CROSSCHECK_STORE_ARTICLE_ROW_H_
