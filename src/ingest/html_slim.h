// Slimming a web page before it is parsed.
//
//   ingest::SlimmedHtml slim = ingest::SlimMarkup(utf8_page, 512);
//   parse(slim.html);                    // a fraction of the page, same article text
//   for (const std::string& s : slim.json_ld) read_json_ld(s);
//
// Before the parser sees the page, one scan of its tags drops what the
// reader never uses: comments, scripts (JSON-LD kept), styles, SVG, frames, and
// every attribute but the few the reader looks at. News pages are mostly such
// bytes (about two thirds on the extraction benchmark), and the parser's time
// grows with its input. The same scan measures nesting: tags deeper than the limit
// are dropped (their text kept), so no page makes the tree deep.
//
// Class, id and role values are read here, once: what they name (furniture, the
// article body, a date) goes to the parser as one short attribute, kNameAttribute,
// whose value is the letter 'a' + NameFlags.
#ifndef CROSSCHECK_INGEST_HTML_SLIM_H_
#define CROSSCHECK_INGEST_HTML_SLIM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::ingest {

// kNameLeadFurniture: a class token or id that starts with a word of furniture
// that is never an article's wrapper ("comments-area", "related-posts"), as
// against a modifier ("has-comments").
enum NameFlag : uint8_t { kNameFurniture = 1, kNameBody = 2, kNameDate = 4, kNameLeadFurniture = 8 };

// The attribute that carries an element's NameFlags to the parsed tree.
constexpr const char* kNameAttribute = "cc-names";

// What the words of a class, id or role value name: "c-share-bar" names
// furniture, "article-body" (or "articleBody") the body, "pub-date" a date.
uint8_t NameFlags(std::string_view value);

// Meta keys (property, name or itemprop) the reader takes a date or an author from.
bool IsDateMetaKey(std::string_view key);
bool IsAuthorMetaKey(std::string_view key);

struct SlimmedHtml {
  std::string html;                  // what the parser is given
  std::vector<std::string> json_ld;  // the JSON-LD scripts, read without the parser
  size_t deepest = 0;                // the deepest nesting seen, before flattening
};

// `html` is UTF-8 (see html_charset.h). Elements nested deeper than `max_depth`
// lose their tags (their text stays).
SlimmedHtml SlimMarkup(std::string_view html, size_t max_depth);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_HTML_SLIM_H_
