// Saved web pages: the article body of an HTML page as clean paragraphs, and the
// metadata its markup carries.
//
//   Result<ingest::HtmlDocument> page = ingest::ReadHtml(bytes);
//   if (page.ok()) use(page->text, page->title, page->published);
//
// Decoding: UTF-8 when the bytes are valid UTF-8 (whatever the page declares, as
// declarations are often wrong), otherwise the declared charset through iconv,
// with Windows-1252 for undeclared or unknown ones (browsers read Latin-1 so too).
// Parsing: HTML5 with gumbo. Markup nested deeper than HtmlOptions::max_depth is
// flattened first (its text kept), so no page makes parsing quadratic or deep.
//
// Body: subtrees that are never the article (scripts, forms' controls, navigation,
// asides, figures and captions, hidden elements) and those whose class, id or role
// name furniture (share bars, cookie banners, newsletter boxes, related-article
// lists, comments) are left out; paragraphs are scored by their words and link
// density, the element whose subtree holds the most article text is the body, and
// its paragraphs, subheadings, in-body lists and quotations are the text, but
// around the element with the most paragraph text of its own (the article's own
// container) only paragraphs count, so teaser feeds beside the article stay out.
// Date and byline lines above the article, short lines said three times or more,
// and boxes opened by a recirculation heading ("Related stories") are dropped.
#ifndef CROSSCHECK_INGEST_HTML_READER_H_
#define CROSSCHECK_INGEST_HTML_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/status.h"

namespace crosscheck::ingest {

struct HtmlOptions {
  // Elements nested deeper than this are flattened into their ancestor at this depth.
  size_t max_depth = 512;
};

struct HtmlDocument {
  std::string text;  // the article body: paragraphs joined by "\n\n"
  std::optional<std::string> title;
  std::optional<std::string> published;  // ISO date
  std::string published_from;            // where the date was found: "json-ld", "meta", "time", "url", "byline"
  std::optional<std::string> outlet;     // og:site_name or the JSON-LD publisher
  std::optional<std::string> url;        // canonical URL (link rel=canonical, og:url)
  std::optional<std::string> language;   // <html lang>, as written ("en-US")
  std::vector<std::string> authors;
  std::string encoding;               // what the bytes were read as ("UTF-8", "WINDOWS-1252", ...)
  std::vector<std::string> warnings;  // repaired problems: charset, depth
};

// True when the bytes start (after a byte order mark, spaces and comments) with a
// doctype or an <html>, <head> or <body> tag, or begin with a tag and hold one of
// those early on.
bool LooksLikeHtml(std::string_view bytes);

// Fails with kInvalidInput when the page holds no text at all.
Result<HtmlDocument> ReadHtml(std::string_view bytes, const HtmlOptions& options = {});

// The ISO date of a machine-readable date as markup writes it: "2019-11-19",
// "2019-11-19T23:30:00-05:00", "20191119", or a date line ParseDateLine reads.
std::optional<std::string> DateFromMarkup(std::string_view value);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_HTML_READER_H_
